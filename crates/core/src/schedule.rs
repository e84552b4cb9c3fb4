//! Learning-rate schedules: pure functions from the step number to the learning rate.
//!
//! They are stepped once per optimizer step, like `torch.optim.lr_scheduler`: the update that
//! makes step k+1 uses `lr(k)`, and `lr(0)` is the base learning rate. Each schedule is written
//! in closed form, so any step can be asked for directly (the timeline scrubs back and forth).
//! torch's `ExponentialLR` and `StepLR` multiply by γ recursively; the closed form `lr·γ^k`
//! agrees with that product to within a few units in the last place.

use core::f64::consts::PI;

/// The names of the schedules, as used in settings (`sched=`), in [`ScheduleKind::ALL`] order.
pub const NAMES: [&str; 5] = ["const", "invsqrt", "exp", "step", "cosine"];

/// Which schedule, without its parameters: what `sched=` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScheduleKind {
    /// `const`
    Const,
    /// `invsqrt`
    InvSqrt,
    /// `exp`
    Exp,
    /// `step`
    Step,
    /// `cosine`
    Cosine,
}

impl ScheduleKind {
    /// Every schedule, in menu order.
    pub const ALL: [ScheduleKind; 5] = [
        ScheduleKind::Const,
        ScheduleKind::InvSqrt,
        ScheduleKind::Exp,
        ScheduleKind::Step,
        ScheduleKind::Cosine,
    ];

    /// The settings name.
    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }

    /// The schedule called `name`, or `None`.
    pub fn from_name(name: &str) -> Option<ScheduleKind> {
        ScheduleKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl core::fmt::Display for ScheduleKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// A learning-rate schedule with its parameters; the base rate is passed to [`Schedule::lr`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Schedule {
    /// The base rate at every step.
    Const,
    /// `lr / √(k + 1)`: the adaptive rate of the course texts.
    InvSqrt,
    /// `lr · γ^k` (torch `ExponentialLR`).
    Exp {
        /// The factor per step, in (0, 1].
        gamma: f64,
    },
    /// `lr · γ^⌊k / every⌋` (torch `StepLR`).
    Step {
        /// How many steps between decays, at least 1.
        every: u64,
        /// The factor per decay, in (0, 1].
        gamma: f64,
    },
    /// `lrmin + (lr − lrmin)·(1 + cos(π·k / tmax)) / 2` (torch `CosineAnnealingLR`, closed form).
    Cosine {
        /// The half period in steps, at least 1.
        tmax: u64,
        /// The rate reached at step `tmax`.
        lrmin: f64,
    },
}

impl Schedule {
    /// The schedule's settings name.
    pub fn name(&self) -> &'static str {
        match self {
            Schedule::Const => "const",
            Schedule::InvSqrt => "invsqrt",
            Schedule::Exp { .. } => "exp",
            Schedule::Step { .. } => "step",
            Schedule::Cosine { .. } => "cosine",
        }
    }

    /// The settings keys this schedule reads besides `lr`.
    pub fn parameters(&self) -> &'static [&'static str] {
        match self {
            Schedule::Const | Schedule::InvSqrt => &[],
            Schedule::Exp { .. } => &["gamma"],
            Schedule::Step { .. } => &["every", "gamma"],
            Schedule::Cosine { .. } => &["tmax", "lrmin"],
        }
    }

    /// The learning rate used by the update that makes step `k + 1`, from the base rate `base`.
    pub fn lr(&self, base: f64, k: u64) -> f64 {
        match *self {
            Schedule::Const => base,
            Schedule::InvSqrt => base / libm::sqrt(k as f64 + 1.0),
            Schedule::Exp { gamma } => base * libm::pow(gamma, k as f64),
            Schedule::Step { every, gamma } => base * libm::pow(gamma, (k / every.max(1)) as f64),
            Schedule::Cosine { tmax, lrmin } => {
                let phase = PI * k as f64 / tmax.max(1) as f64;
                lrmin + (base - lrmin) * (1.0 + libm::cos(phase)) / 2.0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_keeps_the_base_rate() {
        assert_eq!(Schedule::Const.lr(0.1, 0), 0.1);
        assert_eq!(Schedule::Const.lr(0.1, 999), 0.1);
    }

    #[test]
    fn invsqrt_starts_at_the_base_rate() {
        let s = Schedule::InvSqrt;
        assert_eq!(s.lr(1.0, 0), 1.0);
        assert_eq!(s.lr(1.0, 3), 0.5);
        assert_eq!(s.lr(0.3, 8), 0.3 / 3.0);
    }

    #[test]
    fn exp_matches_the_recursive_product() {
        let s = Schedule::Exp { gamma: 0.9 };
        let mut lr = 0.5;
        for k in 0..200 {
            let got = s.lr(0.5, k);
            assert!((got - lr).abs() <= 1e-14 * lr, "step {k}: {got} vs {lr}");
            lr *= 0.9;
        }
    }

    #[test]
    fn step_decays_every_n_steps() {
        let s = Schedule::Step {
            every: 10,
            gamma: 0.5,
        };
        assert_eq!(s.lr(1.0, 0), 1.0);
        assert_eq!(s.lr(1.0, 9), 1.0);
        assert_eq!(s.lr(1.0, 10), 0.5);
        assert_eq!(s.lr(1.0, 25), 0.25);
    }

    #[test]
    fn cosine_reaches_lrmin_at_tmax() {
        let s = Schedule::Cosine {
            tmax: 100,
            lrmin: 0.01,
        };
        assert_eq!(s.lr(1.0, 0), 1.0);
        assert!((s.lr(1.0, 50) - 0.505).abs() < 1e-15);
        assert!((s.lr(1.0, 100) - 0.01).abs() < 1e-15);
    }
}
