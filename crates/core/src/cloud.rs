//! The gradient cloud at a shown point θ_k: what the step's noisy gradient is one draw of.
//!
//! **Mini-batches** (`batch=sgd|mini` on a data model): every batch gradient of the epoch
//! that step k belongs to, evaluated at θ_k. The batches are the run's own: a
//! [`BatchSampler`] made from the run's seed, batch mode and size is moved to that epoch
//! ([`BatchSampler::seek_epoch`]), so batch j of the cloud is the batch of step
//! (epoch − 1)·P + j, where P = ⌈n / bs⌉ steps make an epoch. Nothing is stored per step;
//! the cloud is recomputed from θ_k. One streaming pass (Welford's) gives the mean and the
//! covariance of the P batch gradients (the population covariance: divided by P), so n =
//! 100,000 with bs = 1 allocates no per-batch array. Over an epoch of equal batches
//! (bs divides n) the mean is the full-batch gradient, up to rounding. At most
//! [`MAX_ARROWS`] batch gradients are kept for drawing: when an epoch has more batches,
//! batch j is kept when ⌊j·M/P⌋ < ⌊(j+1)·M/P⌋ (M = [`MAX_ARROWS`]), exactly M batches
//! evenly spaced through the shuffled epoch, and the cloud says it was decimated; the mean
//! and covariance still use every batch.
//!
//! **Gradient noise** (`gnoise=σ` on a landscape without data): the step's gradient is
//! ∇f(θ_k) + σ·z with z a standard normal draw per axis, so the cloud is that distribution:
//! its mean is ∇f(θ_k) and its covariance σ²·I (σ² on x alone for a 1-D landscape), both
//! exact, not estimated. The arrows are [`NOISE_DRAWS`] draws of it from the documented PRNG
//! ([`Rng::for_stream`] of the seed, stream `CLOUD_NOISE_STREAM + k`), apart from the run's
//! own noise stream, so they illustrate the spread without changing the run.
//!
//! For both, the read-out's numbers: ‖mean‖, the trace of the covariance (the expected
//! squared distance of a draw from the mean), and the cosine between this step's gradient
//! (the one the run used) and the full gradient ∇L(θ_k).

use crate::geometry::Point;
use crate::rng::Rng;
use crate::run::Run;
use crate::sampling::{BatchMode, BatchSampler};
use crate::settings::Settings;

/// The most batch gradients a cloud keeps for drawing.
pub const MAX_ARROWS: usize = 2000;

/// The draws of a gradient-noise cloud.
pub const NOISE_DRAWS: usize = 200;

/// The PRNG stream of a noise cloud's draws at step 0 (step k uses this + k).
const CLOUD_NOISE_STREAM: u64 = 0xC10D_0000_0000;

/// What the cloud is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloudSource {
    /// The batch gradients of an epoch.
    Batches,
    /// Draws of the gradient-noise distribution.
    Noise,
}

impl CloudSource {
    /// Its name for the page (`batches`, `noise`).
    pub fn name(self) -> &'static str {
        match self {
            CloudSource::Batches => "batches",
            CloudSource::Noise => "noise",
        }
    }
}

/// The 1-σ ellipse of a 2×2 covariance: {mean + v : vᵀ Σ⁻¹ v = 1}.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ellipse {
    /// The semi-axes' lengths, the major first: the square roots of Σ's eigenvalues.
    pub semi_axes: [f64; 2],
    /// The major axis's angle from the x axis, in radians, in (−π/2, π/2].
    pub angle: f64,
}

impl Ellipse {
    /// The ellipse of covariance `c` (symmetric; negative rounding of an eigenvalue is 0).
    pub fn of(c: [[f64; 2]; 2]) -> Ellipse {
        let (a, b, d) = (c[0][0], c[0][1], c[1][1]);
        let half = 0.5 * (a + d);
        let r = libm::hypot(0.5 * (a - d), b);
        let l1 = (half + r).max(0.0);
        let l2 = (half - r).max(0.0);
        let angle = if b == 0.0 && a >= d {
            0.0
        } else {
            0.5 * libm::atan2(2.0 * b, a - d)
        };
        Ellipse {
            semi_axes: [l1.sqrt(), l2.sqrt()],
            angle,
        }
    }
}

/// The cloud at one point of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Cloud {
    /// Batches or noise.
    pub source: CloudSource,
    /// The point's index.
    pub k: usize,
    /// θ_k.
    pub theta: Point,
    /// The epoch step k belongs to, counted from 1 (0 for noise).
    pub epoch: u64,
    /// This step's batch among the epoch's, from 0 (0 for noise).
    pub index: usize,
    /// How many gradients the mean and covariance are of: the epoch's batches, or for noise
    /// the draws shown.
    pub count: usize,
    /// The gradients kept for drawing (all of them unless `decimated`).
    pub arrows: Vec<Point>,
    /// Whether `arrows` holds fewer than `count` gradients.
    pub decimated: bool,
    /// The mean gradient.
    pub mean: Point,
    /// The full-batch (noise-free) gradient ∇L(θ_k).
    pub full: Point,
    /// This step's gradient, as the run used it.
    pub step: Point,
    /// The covariance of the gradients (for noise, the distribution's own).
    pub covariance: [[f64; 2]; 2],
    /// Its 1-σ ellipse, centred on the mean.
    pub ellipse: Ellipse,
    /// ‖mean‖.
    pub mean_norm: f64,
    /// The covariance's trace.
    pub trace: f64,
    /// cos ∠(step, full); `None` when either is zero or not finite.
    pub cosine: Option<f64>,
}

/// Whether the settings make a noisy gradient, so that `cloud=on` has something to show:
/// a data model trained by SGD or mini-batches, or gradient noise on a landscape without data.
pub fn applies(s: &Settings) -> bool {
    s.noisy_gradient()
}

/// A sampler kept between clouds of one run, so that stepping forward through epochs costs
/// one shuffle per new epoch rather than replaying the run's every epoch each frame.
#[derive(Clone, Debug, Default)]
pub struct EpochCursor {
    /// The sampler and what it was made from (mode, n, bs, seed).
    held: Option<((BatchMode, usize, usize, u64), BatchSampler)>,
}

/// cos ∠(a, b), or `None` when either is zero or not finite.
pub fn cosine(a: Point, b: Point) -> Option<f64> {
    let (na, nb) = (libm::hypot(a[0], a[1]), libm::hypot(b[0], b[1]));
    let c = (a[0] * b[0] + a[1] * b[1]) / (na * nb);
    (na > 0.0 && nb > 0.0 && c.is_finite()).then(|| c.clamp(-1.0, 1.0))
}

/// Mean and covariance in one pass (Welford), the covariance divided by the count.
#[derive(Clone, Copy, Debug, Default)]
struct Moments {
    count: usize,
    mean: Point,
    m2: [[f64; 2]; 2],
}

impl Moments {
    fn add(&mut self, g: Point) {
        self.count += 1;
        let c = self.count as f64;
        let d = [g[0] - self.mean[0], g[1] - self.mean[1]];
        self.mean[0] += d[0] / c;
        self.mean[1] += d[1] / c;
        let e = [g[0] - self.mean[0], g[1] - self.mean[1]];
        self.m2[0][0] += d[0] * e[0];
        self.m2[0][1] += d[0] * e[1];
        self.m2[1][1] += d[1] * e[1];
    }

    fn covariance(&self) -> [[f64; 2]; 2] {
        if self.count == 0 {
            return [[0.0; 2]; 2];
        }
        let c = self.count as f64;
        let off = self.m2[0][1] / c;
        [[self.m2[0][0] / c, off], [off, self.m2[1][1] / c]]
    }
}

impl Cloud {
    /// The cloud at point k of `run` (clamped to the recorded points), or `None` when the
    /// run's gradient is not noisy ([`applies`]).
    pub fn at(run: &Run, k: usize) -> Option<Cloud> {
        Cloud::at_with(run, k, &mut EpochCursor::default())
    }

    /// [`Cloud::at`] reusing `cursor`'s sampler when it was made for the same batches and has
    /// not passed the epoch asked for.
    pub fn at_with(run: &Run, k: usize, cursor: &mut EpochCursor) -> Option<Cloud> {
        let s = run.settings();
        let t = run.trajectory();
        if t.is_empty() || !applies(s) {
            return None;
        }
        let k = k.min(t.len() - 1);
        let theta = t.point(k);
        let o = run.objective();
        let full = o.gradient(theta);
        let step = run.gradient(k);
        if let Some(model) = o.model() {
            if model.is_empty() {
                // Custom data without points: no batches, so no cloud.
                return None;
            }
            let key = (s.batch, model.len(), s.batch_size() as usize, s.seed);
            let fresh = || BatchSampler::new(key.0, key.1, key.2, key.3);
            let per = fresh().batches_per_epoch();
            let epoch = (k / per) as u64 + 1;
            let sampler = match &mut cursor.held {
                Some((held, sampler)) if *held == key && sampler.epoch() <= epoch => sampler,
                held => &mut held.insert((key, fresh())).1,
            };
            sampler.seek_epoch(epoch);
            let bs = sampler.batch_size();
            let decimated = per > MAX_ARROWS;
            let mut arrows = Vec::with_capacity(per.min(MAX_ARROWS));
            let mut moments = Moments::default();
            for (j, batch) in sampler.order().chunks(bs).enumerate() {
                let g = model.batch_loss_gradient(theta, batch).1;
                moments.add(g);
                let keep = !decimated || (j * MAX_ARROWS) / per < ((j + 1) * MAX_ARROWS) / per;
                if keep {
                    arrows.push(g);
                }
            }
            return Some(Cloud::finish(
                CloudSource::Batches,
                (k, theta, epoch, k % per),
                arrows,
                decimated,
                (moments.count, moments.mean, moments.covariance()),
                full,
                step,
            ));
        }
        let sigma = s.gnoise;
        let two = o.dim() == 2;
        let mut rng = Rng::for_stream(s.seed, CLOUD_NOISE_STREAM.wrapping_add(k as u64));
        let arrows = (0..NOISE_DRAWS)
            .map(|_| {
                let x = full[0] + sigma * rng.normal();
                let y = if two {
                    full[1] + sigma * rng.normal()
                } else {
                    full[1]
                };
                [x, y]
            })
            .collect();
        let var = sigma * sigma;
        let cov = [[var, 0.0], [0.0, if two { var } else { 0.0 }]];
        Some(Cloud::finish(
            CloudSource::Noise,
            (k, theta, 0, 0),
            arrows,
            false,
            (NOISE_DRAWS, full, cov),
            full,
            step,
        ))
    }

    fn finish(
        source: CloudSource,
        (k, theta, epoch, index): (usize, Point, u64, usize),
        arrows: Vec<Point>,
        decimated: bool,
        (count, mean, covariance): (usize, Point, [[f64; 2]; 2]),
        full: Point,
        step: Point,
    ) -> Cloud {
        Cloud {
            source,
            k,
            theta,
            epoch,
            index,
            count,
            arrows,
            decimated,
            mean,
            full,
            step,
            covariance,
            ellipse: Ellipse::of(covariance),
            mean_norm: libm::hypot(mean[0], mean[1]),
            trace: covariance[0][0] + covariance[1][1],
            cosine: cosine(step, full),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipse_of_known_covariances() {
        let e = Ellipse::of([[4.0, 0.0], [0.0, 1.0]]);
        assert_eq!(e.semi_axes, [2.0, 1.0]);
        assert_eq!(e.angle, 0.0);
        let e = Ellipse::of([[1.0, 0.0], [0.0, 9.0]]);
        assert_eq!(e.semi_axes, [3.0, 1.0]);
        assert!((e.angle - core::f64::consts::FRAC_PI_2).abs() < 1e-15);
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, the major axis at 45°.
        let e = Ellipse::of([[2.0, 1.0], [1.0, 2.0]]);
        assert!((e.semi_axes[0] - 3f64.sqrt()).abs() < 1e-15);
        assert!((e.semi_axes[1] - 1.0).abs() < 1e-15);
        assert!((e.angle - core::f64::consts::FRAC_PI_4).abs() < 1e-15);
    }

    #[test]
    fn moments_of_a_known_set() {
        let mut m = Moments::default();
        for g in [[1.0, 2.0], [3.0, 2.0], [1.0, 6.0], [3.0, 6.0]] {
            m.add(g);
        }
        assert_eq!(m.mean, [2.0, 4.0]);
        let c = m.covariance();
        assert_eq!((c[0][0], c[1][1]), (1.0, 4.0));
        assert!(c[0][1].abs() < 1e-15 && c[0][1] == c[1][0]);
        let mut m = Moments::default();
        for g in [[0.0, 0.0], [2.0, 2.0]] {
            m.add(g);
        }
        assert_eq!(m.covariance(), [[1.0, 1.0], [1.0, 1.0]]);
    }

    #[test]
    fn cosine_is_none_for_a_zero_vector() {
        assert_eq!(cosine([0.0, 0.0], [1.0, 0.0]), None);
        assert_eq!(cosine([1.0, 0.0], [2.0, 0.0]), Some(1.0));
        assert_eq!(cosine([1.0, 0.0], [-3.0, 0.0]), Some(-1.0));
    }
}
