//! A run: the loop that takes steps, records the trajectory and decides when to stop.
//!
//! A run is a pure function of its [`Settings`]: the same settings give the same trajectory,
//! bit for bit, on every platform.

use crate::codec::{has_errors, validate, Problem};
use crate::geometry::{Point, Window};
use crate::objective::Objective;
use crate::optim::{OptState, Optimizer};
use crate::rng::Rng;
use crate::sampling::{BatchMode, BatchSampler};
use crate::schedule::Schedule;
use crate::settings::Settings;
use crate::status::Status;

/// The stream of the seed that drives gradient noise.
const GRADIENT_NOISE_STREAM: u64 = 0x6E01;

/// The recorded points of a run, as columns. Row k is θ_k before step k+1, with the loss
/// there.
///
/// Only what cannot be recomputed is stored: 24 bytes a point (θ and the loss), plus the batch
/// indices for stochastic batches and the gradient when gradient noise is on. The gradient,
/// learning rate and batch loss of point k are pure functions of θ_k, k and the batch, and
/// [`Run::gradient`], [`Run::lr`] and [`Run::batch_loss`] recompute them bit for bit. A
/// 1,000,000-step run so takes 24 MB instead of 56 MB.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trajectory {
    /// θ's x (or w) at each point.
    pub x: Vec<f64>,
    /// θ's y (or b) at each point.
    pub y: Vec<f64>,
    /// The loss over all samples at each point.
    pub loss: Vec<f64>,
    /// Where each point's batch starts in `batch_indices`; one more entry than points. Empty
    /// when every step uses every sample (full batch) or there is no data.
    pub batch_offsets: Vec<u32>,
    /// The sample indices of every batch, back to back.
    pub batch_indices: Vec<u32>,
    /// The noisy gradient at each point, only when gradient noise is on (it cannot be
    /// recomputed without replaying the noise).
    noisy_gradient: Vec<Point>,
}

impl Trajectory {
    /// The number of recorded points (steps taken + 1).
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// θ at point k.
    pub fn point(&self, k: usize) -> Point {
        [self.x[k], self.y[k]]
    }

    /// The samples the step after point k uses; `None` means all of them (or no data).
    pub fn batch(&self, k: usize) -> Option<&[u32]> {
        if self.batch_offsets.len() < k + 2 {
            return None;
        }
        let (a, b) = (
            self.batch_offsets[k] as usize,
            self.batch_offsets[k + 1] as usize,
        );
        Some(&self.batch_indices[a..b])
    }
}

/// A run that cannot start, with every problem of its settings.
#[derive(Clone, Debug, PartialEq)]
pub struct RunError {
    /// What is wrong.
    pub problems: Vec<Problem>,
}

impl core::fmt::Display for RunError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let texts: Vec<String> = self.problems.iter().map(|p| p.to_string()).collect();
        write!(f, "invalid settings: {}", texts.join("; "))
    }
}

impl std::error::Error for RunError {}

/// One descent: settings, the objective, the optimizer's state, the trajectory and the status.
#[derive(Clone, Debug)]
pub struct Run {
    settings: Settings,
    objective: Objective,
    optimizer: Optimizer,
    schedule: Schedule,
    base_lr: f64,
    state: OptState,
    sampler: Option<BatchSampler>,
    noise: Option<(Rng, f64)>,
    trajectory: Trajectory,
    /// The gradient and learning rate at the last recorded point (what the next step uses).
    next: (Point, f64),
    status: Status,
}

impl Run {
    /// A run at its start point (point 0 recorded). Settings with errors are refused.
    pub fn new(settings: &Settings) -> Result<Run, RunError> {
        let problems = validate(settings);
        if has_errors(&problems) {
            return Err(RunError { problems });
        }
        let objective = Objective::from_settings(settings).map_err(|why| RunError {
            problems: vec![Problem {
                key: "expr".into(),
                value: settings.expr.clone(),
                allowed: why,
                severity: crate::codec::Severity::Error,
            }],
        })?;
        let sampler = match (objective.model(), settings.batch) {
            (Some(m), mode) if mode != BatchMode::Full => Some(BatchSampler::new(
                mode,
                m.len(),
                settings.batch_size() as usize,
                settings.seed,
            )),
            _ => None,
        };
        let noise = (objective.model().is_none() && settings.gnoise > 0.0).then(|| {
            (
                Rng::for_stream(settings.seed, GRADIENT_NOISE_STREAM),
                settings.gnoise,
            )
        });
        let default_start = objective.start();
        let mut start = [
            settings.x0.unwrap_or(default_start[0]),
            settings.y0.unwrap_or(default_start[1]),
        ];
        if objective.dim() == 1 {
            start[1] = 0.0;
        }
        let mut run = Run {
            objective,
            optimizer: settings.optimizer(),
            schedule: settings.schedule(),
            base_lr: settings.base_lr(),
            state: OptState::new(),
            sampler,
            noise,
            trajectory: Trajectory::default(),
            next: ([0.0; 2], 0.0),
            status: Status::Running,
            settings: settings.clone(),
        };
        run.record(start);
        Ok(run)
    }

    /// Records point θ: its loss, the gradient and learning rate of the next step, and the
    /// status that follows.
    fn record(&mut self, theta: Point) {
        let k = self.trajectory.len();
        let loss = self.objective.value(theta);
        let grad = match (&mut self.sampler, self.objective.model()) {
            (Some(sampler), Some(model)) => {
                let batch = sampler.next_batch();
                let t = &mut self.trajectory;
                if t.batch_offsets.is_empty() {
                    t.batch_offsets.push(0);
                }
                t.batch_indices.extend_from_slice(batch);
                t.batch_offsets.push(t.batch_indices.len() as u32);
                model.batch_loss_gradient(theta, batch).1
            }
            _ => {
                let mut g = self.objective.gradient(theta);
                if let Some((rng, sigma)) = &mut self.noise {
                    g[0] += *sigma * rng.normal();
                    if self.objective.dim() == 2 {
                        g[1] += *sigma * rng.normal();
                    }
                    self.trajectory.noisy_gradient.push(g);
                }
                g
            }
        };
        let lr = self.schedule.lr(self.base_lr, k as u64);
        let t = &mut self.trajectory;
        t.x.push(theta[0]);
        t.y.push(theta[1]);
        t.loss.push(loss);
        self.next = (grad, lr);
        self.status = self.judge(k as u64, theta, loss, grad);
    }

    /// The gradient recorded at point k: the one the step after it uses (a batch's, or a
    /// noisy one), recomputed from θ_k and its batch as the run computed it.
    pub fn gradient(&self, k: usize) -> Point {
        let t = &self.trajectory;
        if k + 1 == t.len() {
            return self.next.0;
        }
        if let Some(g) = t.noisy_gradient.get(k) {
            return *g;
        }
        match (t.batch(k), self.objective.model()) {
            (Some(batch), Some(model)) if self.sampler.is_some() => {
                model.batch_loss_gradient(t.point(k), batch).1
            }
            _ => self.objective.gradient(t.point(k)),
        }
    }

    /// The learning rate the step after point k uses.
    pub fn lr(&self, k: usize) -> f64 {
        self.schedule.lr(self.base_lr, k as u64)
    }

    /// The loss on the batch the step after point k uses (the loss itself for full batch
    /// and functions).
    pub fn batch_loss(&self, k: usize) -> f64 {
        let t = &self.trajectory;
        match (t.batch(k), self.objective.model()) {
            (Some(batch), Some(model)) if self.sampler.is_some() => {
                model.batch_loss_gradient(t.point(k), batch).0
            }
            _ => t.loss[k],
        }
    }

    /// The status after recording point k.
    fn judge(&self, k: u64, theta: Point, loss: f64, grad: Point) -> Status {
        let s = &self.settings;
        if let Some(what) = not_finite(theta, loss, grad) {
            return Status::Diverged { step: k, what };
        }
        // The cheap per-component test first: ‖g‖ < tol needs both |g_i| < tol.
        if grad[0].abs() < s.tol && grad[1].abs() < s.tol && libm::hypot(grad[0], grad[1]) < s.tol {
            return Status::Converged { step: k };
        }
        if s.target.is_some_and(|t| loss < t) {
            return Status::TargetReached { step: k };
        }
        if k >= u64::from(s.steps) {
            return Status::MaxSteps { step: k };
        }
        Status::Running
    }

    /// Takes one step; returns false (and does nothing) once the run has stopped.
    #[inline]
    pub fn step(&mut self) -> bool {
        if self.status.is_done() {
            return false;
        }
        let k = self.trajectory.len() - 1;
        let theta = self.trajectory.point(k);
        let (grad, lr) = self.next;
        let hessian = self
            .optimizer
            .needs_hessian()
            .then(|| self.objective.hessian(theta));
        let next = self
            .optimizer
            .update(&mut self.state, theta, grad, lr, hessian);
        self.record(next);
        true
    }

    /// Takes up to `n` steps; returns how many were taken.
    pub fn run(&mut self, n: u64) -> u64 {
        let mut taken = 0;
        while taken < n && self.step() {
            taken += 1;
        }
        taken
    }

    /// Steps until the run stops.
    pub fn run_to_end(&mut self) {
        while self.step() {}
    }

    /// The number of steps taken.
    pub fn steps_taken(&self) -> u64 {
        self.trajectory.len() as u64 - 1
    }

    /// The status.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The recorded points.
    pub fn trajectory(&self) -> &Trajectory {
        &self.trajectory
    }

    /// The settings the run was made from.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The loss being descended.
    pub fn objective(&self) -> &Objective {
        &self.objective
    }

    /// The optimizer with its hyperparameters.
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// The optimizer's state after the last step.
    pub fn state(&self) -> &OptState {
        &self.state
    }

    /// The loss sampled on a grid, for drawing (see [`Objective::loss_grid`]).
    pub fn loss_grid(&self, window: Window, nx: usize, ny: usize) -> Vec<f64> {
        self.objective.loss_grid(window, nx, ny)
    }
}

/// What is not finite about a point, as a phrase, or `None` when all is finite.
fn not_finite(theta: Point, loss: f64, grad: Point) -> Option<String> {
    let names = ["x", "y"];
    for (i, v) in theta.iter().enumerate() {
        if !v.is_finite() {
            return Some(format!("{} became {}", names[i], crate::codec::fmt_f64(*v)));
        }
    }
    if !loss.is_finite() {
        return Some(format!("the loss became {}", crate::codec::fmt_f64(loss)));
    }
    for (i, v) in grad.iter().enumerate() {
        if !v.is_finite() {
            return Some(format!(
                "the gradient's {} component became {}",
                names[i],
                crate::codec::fmt_f64(*v)
            ));
        }
    }
    None
}
