//! A run: the loop that takes steps, records the trajectory and decides when to stop.
//!
//! A run is a pure function of its [`Settings`]: the same settings give the same trajectory,
//! bit for bit, on every platform.

use crate::codec::{has_errors, validate};
use crate::geometry::{Point, Window};
use crate::objective::Objective;
use crate::optim::{describe_step, OptState, Optimizer, Rule, WithRule};
use crate::problem::{Detail, Problem, Severity};
use crate::rng::Rng;
use crate::sampling::{BatchMode, BatchSampler};
use crate::schedule::Schedule;
use crate::settings::Settings;
use crate::status::{Axis, Divergence, NonFinite, Status};

/// How many steps ahead a stochastic run asks for its samples to be loaded.
pub const PREFETCH_STEPS: usize = 64;

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

    /// Forgets every point, keeping the memory.
    fn clear(&mut self) {
        self.x.clear();
        self.y.clear();
        self.loss.clear();
        self.batch_offsets.clear();
        self.batch_indices.clear();
        self.noisy_gradient.clear();
    }

    /// Records point θ with its loss.
    #[inline(always)]
    fn push(&mut self, theta: Point, loss: f64) {
        self.x.push(theta[0]);
        self.y.push(theta[1]);
        self.loss.push(loss);
    }

    /// Makes room for `extra` more points.
    fn reserve(&mut self, extra: usize) {
        self.x.reserve(extra);
        self.y.reserve(extra);
        self.loss.reserve(extra);
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
        Run::build(settings, Trajectory::default)
    }

    /// Makes this run anew from `settings`, as [`Run::new`] would, but keeps the memory its
    /// trajectory holds: a run as long as the last one then needs no fresh memory, which
    /// natively costs a page fault for every 4 KiB first written. Settings with errors are
    /// refused and leave the run as it was.
    pub fn restart(&mut self, settings: &Settings) -> Result<(), RunError> {
        *self = Run::build(settings, || {
            let mut t = std::mem::take(&mut self.trajectory);
            t.clear();
            t
        })?;
        Ok(())
    }

    /// [`Run::new`] with the trajectory's buffers from `buffers` (empty), taken once the
    /// settings are known to be good.
    fn build(settings: &Settings, buffers: impl FnOnce() -> Trajectory) -> Result<Run, RunError> {
        let problems = validate(settings);
        if has_errors(&problems) {
            return Err(RunError { problems });
        }
        let objective = Objective::from_settings(settings).map_err(|e| RunError {
            problems: vec![Problem {
                key: "expr".into(),
                value: settings.expr.clone(),
                detail: Detail::Formula(e),
                severity: Severity::Error,
            }],
        })?;
        // Custom data may have no samples: there is no batch to draw, and its loss and
        // gradient are the full (zero) ones.
        let sampler =
            match (objective.model(), settings.batch) {
                (Some(m), mode) if mode != BatchMode::Full && !m.is_empty() => Some(
                    BatchSampler::new(mode, m.len(), settings.batch_size() as usize, settings.seed),
                ),
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
            trajectory: buffers(),
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
                if let Some(i) = sampler.upcoming(PREFETCH_STEPS) {
                    model.prefetch(i);
                }
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
        self.trajectory.push(theta, loss);
        self.next = (grad, lr);
        self.status = judge(&self.settings, k as u64, theta, loss, grad).unwrap_or(Status::Running);
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
        if self.status.is_done() || n == 0 {
            return 0;
        }
        // Room for this call's steps, but no more than 65,536 at once: a run that stops early
        // (or each run of a race) must not hold memory for all the steps it may take.
        let left = u64::from(self.settings.steps).saturating_sub(self.steps_taken());
        self.trajectory.reserve(n.min(left).min(1 << 16) as usize);
        if self.sampler.is_some() || self.noise.is_some() || self.optimizer.needs_hessian() {
            let mut taken = 0;
            while taken < n && self.step() {
                taken += 1;
            }
            return taken;
        }
        let optimizer = self.optimizer;
        match &self.objective {
            // A 1-D landscape's gradient already has y = 0, as `Objective::gradient` makes it.
            Objective::Function(f) => {
                let f = *f;
                optimizer.with_rule(PlainSteps {
                    run: self,
                    n,
                    loss_gradient: move |_: &Objective, p| f.loss_gradient(p),
                })
            }
            _ => optimizer.with_rule(PlainSteps {
                run: self,
                n,
                loss_gradient: |o: &Objective, p| (o.value(p), o.gradient(p)),
            }),
        }
    }

    /// Steps until the run stops.
    pub fn run_to_end(&mut self) {
        self.run(u64::MAX);
    }

    /// [`Run::run`] for runs whose every step is a plain gradient step (no batches, no noise,
    /// no Hessian): the arithmetic of [`Run::step`], with θ, the gradient and lr kept in
    /// locals, compiled for each optimizer's `rule` and each kind of landscape
    /// (`loss_gradient`), and the optimizer's step description filled once, after the last
    /// step.
    #[inline(always)]
    fn run_plain(
        &mut self,
        n: u64,
        loss_gradient: impl Fn(&Objective, Point) -> (f64, Point),
        optimizer: Optimizer,
        rule: impl Rule,
    ) -> u64 {
        let t = &mut self.trajectory;
        let mut k = t.len() - 1;
        let mut theta = t.point(k);
        let (mut grad, mut lr) = self.next;
        let mut last = None;
        let mut taken = 0;
        while taken < n {
            let new = rule.apply(optimizer, &mut self.state, theta, grad, lr);
            let (loss, g) = loss_gradient(&self.objective, new);
            k += 1;
            taken += 1;
            last = Some((theta, new, grad, lr));
            (theta, grad, lr) = (new, g, self.schedule.lr(self.base_lr, k as u64));
            t.push(theta, loss);
            if let Some(status) = judge(&self.settings, k as u64, theta, loss, grad) {
                self.status = status;
                break;
            }
        }
        if let Some((before, after, g, lr)) = last {
            describe_step(&mut self.state, before, after, g, lr);
        }
        self.next = (grad, lr);
        taken
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

/// The status after recording point k, when it ends the run.
#[inline(always)]
fn judge(s: &Settings, k: u64, theta: Point, loss: f64, grad: Point) -> Option<Status> {
    // One sum is finite only if every term is; an overflowing sum of finite terms is sorted
    // out by the full check.
    if !(theta[0] + theta[1] + loss + grad[0] + grad[1]).is_finite() {
        if let Some(what) = not_finite(theta, loss, grad) {
            return Some(Status::Diverged { step: k, what });
        }
    }
    // The cheap per-component test first: ‖g‖ < tol needs both |g_i| < tol.
    if grad[0].abs() < s.tol && grad[1].abs() < s.tol && libm::hypot(grad[0], grad[1]) < s.tol {
        return Some(Status::Converged { step: k });
    }
    if s.target.is_some_and(|t| loss < t) {
        return Some(Status::TargetReached { step: k });
    }
    if k >= u64::from(s.steps) {
        return Some(Status::MaxSteps { step: k });
    }
    None
}

/// [`Run::run_plain`] for the rule [`Optimizer::with_rule`] hands over.
struct PlainSteps<'a, F> {
    run: &'a mut Run,
    n: u64,
    loss_gradient: F,
}

impl<F: Fn(&Objective, Point) -> (f64, Point)> WithRule for PlainSteps<'_, F> {
    type Output = u64;

    fn call(self, optimizer: Optimizer, rule: impl Rule) -> u64 {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("fma") {
            // SAFETY: `with_fma` only needs the FMA instructions, and the CPU has them.
            #[allow(unsafe_code)]
            return unsafe { self.with_fma(optimizer, rule) };
        }
        self.run
            .run_plain(self.n, self.loss_gradient, optimizer, rule)
    }
}

impl<F: Fn(&Objective, Point) -> (f64, Point)> PlainSteps<'_, F> {
    /// The same loop compiled with the FMA instructions, so that the optimizers'
    /// `f64::mul_add` is one instruction instead of a call. The results are the same bits:
    /// a fused multiply-add is exactly rounded either way, and nothing else is fused.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "fma")]
    fn with_fma(self, optimizer: Optimizer, rule: impl Rule) -> u64 {
        self.run
            .run_plain(self.n, self.loss_gradient, optimizer, rule)
    }
}

/// What is not finite about a point, or `None` when all is finite. Out of line and cold:
/// the loop calls it only when a run diverges, and inlined it slowed every step.
#[cold]
#[inline(never)]
fn not_finite(theta: Point, loss: f64, grad: Point) -> Option<Divergence> {
    for (i, v) in theta.iter().enumerate() {
        if let Some(value) = NonFinite::of(*v) {
            let axis = Axis::of(i);
            return Some(Divergence::Coordinate { axis, value });
        }
    }
    if let Some(value) = NonFinite::of(loss) {
        return Some(Divergence::Loss { value });
    }
    for (i, v) in grad.iter().enumerate() {
        if let Some(value) = NonFinite::of(*v) {
            let axis = Axis::of(i);
            return Some(Divergence::Gradient { axis, value });
        }
    }
    None
}
