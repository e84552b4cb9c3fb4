//! The maths of Descent: landscapes, datasets, optimizers, schedules, runs and the settings codec.
//!
//! This crate knows nothing of the web. The page (`crates/web`) and the CLI (`crates/cli`)
//! are faces on it: a [`Run`] is a pure function of its [`Settings`].
//!
//! ```
//! use descent::{Run, Settings};
//! let (settings, problems) = Settings::decode("f=linreg&lr=0.05&steps=100&colour=red");
//! assert_eq!(problems.len(), 1); // `colour` is unknown: a warning, and ignored
//! let mut run = Run::new(&settings).unwrap();
//! run.run_to_end();
//! assert_eq!(run.status().name(), "max_steps");
//! assert_eq!(run.trajectory().len(), 101);
//! ```
// Two `unsafe` blocks in the crate, each allowed where it is: the run loop's FMA build,
// entered after the CPU is checked, and `Model::prefetch`.
#![deny(unsafe_code)]

pub mod cloud;
pub mod codec;
pub mod compare;
pub mod comparison;
pub mod curvature;
pub mod datafile;
pub mod dataset;
pub mod export;
pub mod formula;
pub mod function;
pub mod geometry;
pub mod map;
pub mod mapper;
pub mod model;
pub mod numfmt;
pub mod objective;
pub mod optim;
pub mod points;
mod pow;
pub mod problem;
pub mod range;
pub mod replay;
pub mod rng;
pub mod run;
pub mod sampling;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod status;

pub use compare::{Outcome, RunSpec};
pub use comparison::{RaceEntry, Sweep, SweepMetric};
pub use curvature::{Curvature, Shape};
pub use dataset::{Dataset, DatasetKind};
pub use formula::{Formula, FormulaError};
pub use function::{Function, FunctionInfo};
pub use geometry::{Hessian, Point, Window};
pub use model::{Model, ModelKind};
pub use objective::Objective;
pub use optim::{OptState, Optimizer};
pub use points::Points;
pub use problem::{Detail, Problem, Severity};
pub use run::{Run, RunError, Trajectory};
pub use sampling::{BatchMode, BatchSampler};
pub use schedule::Schedule;
pub use settings::{ColorScale, LandscapeKind, Lang, Scaling, Settings, SurfaceView};
pub use status::{Divergence, Status};
