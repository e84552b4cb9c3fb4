//! Why a run stopped, or that it is still running: stopping is data, not control flow.

use core::fmt;

/// The state of a run.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// More steps may be taken.
    Running,
    /// The gradient norm fell below `tol` at `step`.
    Converged {
        /// The step at which ‖g‖ < tol.
        step: u64,
    },
    /// The loss fell below `target` at `step`.
    TargetReached {
        /// The step at which the loss went under the target.
        step: u64,
    },
    /// The run took its `steps` steps.
    MaxSteps {
        /// The number of steps taken.
        step: u64,
    },
    /// A point, its loss or its gradient stopped being finite.
    Diverged {
        /// The first step whose point is not finite.
        step: u64,
        /// What was not finite.
        what: Divergence,
    },
}

impl Status {
    /// The status name used in the CLI and the page: running, converged, target_reached,
    /// max_steps or diverged.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Converged { .. } => "converged",
            Status::TargetReached { .. } => "target_reached",
            Status::MaxSteps { .. } => "max_steps",
            Status::Diverged { .. } => "diverged",
        }
    }

    /// Whether the run has stopped.
    pub fn is_done(&self) -> bool {
        !matches!(self, Status::Running)
    }

    /// The step at which the run stopped, if it has.
    pub fn stop_step(&self) -> Option<u64> {
        match self {
            Status::Running => None,
            Status::Converged { step }
            | Status::TargetReached { step }
            | Status::MaxSteps { step }
            | Status::Diverged { step, .. } => Some(*step),
        }
    }

    /// One sentence for people.
    pub fn text(&self) -> String {
        match self {
            Status::Running => "Running.".to_string(),
            Status::Converged { step } => {
                format!("Converged at step {step}: the gradient norm fell below tol.")
            }
            Status::TargetReached { step } => {
                format!("Target reached at step {step}: the loss is below the target.")
            }
            Status::MaxSteps { step } => {
                format!("Stopped after the maximum of {step} steps.")
            }
            Status::Diverged { step, what } => {
                format!("Diverged at step {step}: {what}. Try a smaller learning rate.")
            }
        }
    }
}

/// What stopped being finite when a run diverged, as data: the page words it by
/// [`Divergence::code`] with its axis and value, the CLI through `Display`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Divergence {
    /// A coordinate of θ.
    Coordinate {
        /// "x" or "y".
        axis: Axis,
        /// What it became.
        value: NonFinite,
    },
    /// The loss.
    Loss {
        /// What it became.
        value: NonFinite,
    },
    /// A component of the gradient.
    Gradient {
        /// "x" or "y".
        axis: Axis,
        /// What it became.
        value: NonFinite,
    },
    /// The run could not be made at all (a sweep's point whose settings are refused).
    NoStart,
}

/// A coordinate's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// The first.
    X,
    /// The second.
    Y,
}

impl Axis {
    /// "x" or "y".
    pub fn name(self) -> &'static str {
        match self {
            Axis::X => "x",
            Axis::Y => "y",
        }
    }

    /// The axis of coordinate `i` (0 or 1).
    pub fn of(i: usize) -> Axis {
        if i == 0 {
            Axis::X
        } else {
            Axis::Y
        }
    }
}

/// A value that is not a finite number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonFinite {
    /// Not a number.
    NaN,
    /// +∞.
    Inf,
    /// −∞.
    NegInf,
}

impl NonFinite {
    /// What `x` is, or `None` when it is finite.
    pub fn of(x: f64) -> Option<NonFinite> {
        if x.is_nan() {
            Some(NonFinite::NaN)
        } else if x == f64::INFINITY {
            Some(NonFinite::Inf)
        } else if x == f64::NEG_INFINITY {
            Some(NonFinite::NegInf)
        } else {
            None
        }
    }

    /// "NaN", "inf" or "-inf", as numbers are written elsewhere.
    pub fn text(self) -> &'static str {
        match self {
            NonFinite::NaN => "NaN",
            NonFinite::Inf => "inf",
            NonFinite::NegInf => "-inf",
        }
    }
}

impl Divergence {
    /// Every code [`Divergence::code`] can return.
    pub const CODES: &'static [&'static str] = &["coordinate", "loss", "gradient", "no_start"];

    /// The code the page words it by.
    pub fn code(&self) -> &'static str {
        match self {
            Divergence::Coordinate { .. } => "coordinate",
            Divergence::Loss { .. } => "loss",
            Divergence::Gradient { .. } => "gradient",
            Divergence::NoStart => "no_start",
        }
    }

    /// The axis, if the code has one.
    pub fn axis(&self) -> Option<Axis> {
        match self {
            Divergence::Coordinate { axis, .. } | Divergence::Gradient { axis, .. } => Some(*axis),
            _ => None,
        }
    }

    /// What the value became, if the code has one.
    pub fn value(&self) -> Option<NonFinite> {
        match self {
            Divergence::Coordinate { value, .. }
            | Divergence::Loss { value }
            | Divergence::Gradient { value, .. } => Some(*value),
            Divergence::NoStart => None,
        }
    }
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Divergence::Coordinate { axis, value } => {
                write!(f, "{} became {}", axis.name(), value.text())
            }
            Divergence::Loss { value } => write!(f, "the loss became {}", value.text()),
            Divergence::Gradient { axis, value } => write!(
                f,
                "the gradient's {} component became {}",
                axis.name(),
                value.text()
            ),
            Divergence::NoStart => f.write_str("the run could not start"),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}
