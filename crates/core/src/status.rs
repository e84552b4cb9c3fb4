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
        /// What was not finite, as a phrase: "the loss is inf".
        what: String,
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

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}
