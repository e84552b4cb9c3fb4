//! The maths of Descent: landscapes, datasets, optimizers, schedules, runs and the settings codec.
//!
//! This crate knows nothing of the web. The page (`crates/web`) and the CLI (`crates/cli`)
//! are faces on it: a [`Run`] is a pure function of its [`Settings`].
#![forbid(unsafe_code)]

pub mod dataset;
pub mod function;
pub mod geometry;
pub mod model;
pub mod rng;

pub use dataset::{Dataset, DatasetKind};
pub use function::{Function, FunctionInfo};
pub use geometry::{Hessian, Point, Window};
pub use model::{Model, ModelKind};
