//! The numeric stress matrix, shared by `crates/core/tests/stress.rs` (statuses) and
//! `crates/figure/tests/stress.rs` (drawing): every optimizer × every landscape (functions,
//! data models and one formula) × extreme learning rates × starts inside and far outside the
//! window.

use descent::{LandscapeKind, Optimizer, Settings};

/// The step limit of every stress run: enough for overflow to happen, quick in debug builds.
pub const STEPS: u32 = 200;

/// The learning rates; 1000 is the largest the codec allows.
pub const LRS: [f64; 5] = [1e-8, 1e-4, 1.0, 10.0, 1000.0];

/// A custom landscape with a transcendental, a quartic and a cross term.
pub const CUSTOM: &str = "x^4/4 - x^2 + y^2 + 0.5*sin(3*y) + 0.1*x*y";

/// Starts: `None` is the landscape's own start (inside its window); the others are far out.
pub const STARTS: [Option<(f64, f64)>; 4] = [
    None,
    Some((1e6, -1e6)),
    Some((-1e150, 1e150)),
    Some((1e300, 1e-300)),
];

/// One landscape's settings with nothing else changed.
pub fn landscape(f: LandscapeKind) -> Settings {
    let expr = if f == LandscapeKind::Custom {
        CUSTOM.into()
    } else {
        Settings::default().expr
    };
    Settings {
        f,
        expr,
        ..Settings::default()
    }
}

/// Every run of the matrix for one landscape.
pub fn runs_of(base: &Settings) -> Vec<Settings> {
    let mut out = Vec::new();
    for opt in descent::optim::OptimizerKind::all() {
        for lr in LRS {
            for start in STARTS {
                out.push(Settings {
                    opt,
                    lr: Some(lr),
                    x0: start.map(|p| p.0),
                    y0: start.map(|p| p.1),
                    steps: STEPS,
                    ..base.clone()
                });
            }
        }
    }
    out
}

/// The size of the whole matrix.
pub fn size() -> usize {
    LandscapeKind::all().len() * Optimizer::NAMES.len() * LRS.len() * STARTS.len()
}
