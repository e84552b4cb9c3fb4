//! The data models whose loss is the landscape: linear regression, logistic regression and
//! two-feature regression with its intercept solved exactly.
//!
//! For the two least-squares models the full-data loss is a quadratic form in θ, so it is
//! evaluated in O(1) from statistics computed once in [`Model::new`]. To avoid the
//! cancellation of the textbook expansion Σy² − 2θ·Σxy + θᵀ(Σxxᵀ)θ near the minimum, the loss
//! is written around the least-squares solution θ*:
//!
//! L(θ) = L(θ*) + (θ − θ*)ᵀ A (θ − θ*),  A = (1/n) Σ xxᵀ,
//!
//! where L(θ*) is summed directly from the residuals at θ* (a sum of non-negative terms, so it
//! is accurate), and for linear regression A is expressed through the centred variance of x.
//! Logistic regression has no such shortcut and costs O(n) per evaluation.
//!
//! Two-feature regression keeps two parameters honest by centring: its prediction is
//! ȳ + w₁(x₁ − x̄₁) + w₂(x₂ − x̄₂), i.e. w₁x₁ + w₂x₂ + b with the intercept b = ȳ − w₁x̄₁ − w₂x̄₂,
//! which is the best intercept for every (w₁, w₂). So the model is the same whether or not
//! the features are standardised (standardising only rescales w), and so are its best
//! predictions; only the shape of the loss surface changes (feature scaling, 特征缩放).

use crate::dataset::{Dataset, DatasetKind};
use crate::geometry::{Hessian, Point, Window};

/// Which model turns a dataset into a loss landscape over θ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModelKind {
    /// θ = (w, b), prediction w·x1 + b, mean squared error (no ½).
    Linreg,
    /// θ = (w, b), probability sigmoid(w·x1 + b), mean binary cross-entropy on 0/1 labels.
    Logreg,
    /// θ = (w1, w2), prediction ȳ + w1·(x1 − x̄1) + w2·(x2 − x̄2) (the intercept solved
    /// exactly for every θ), mean squared error (no ½).
    Linreg2,
}

impl ModelKind {
    /// Every kind, in menu order.
    pub const ALL: [ModelKind; 3] = [ModelKind::Linreg, ModelKind::Logreg, ModelKind::Linreg2];

    /// The URL tokens, in the order of [`ModelKind::ALL`].
    pub const NAMES: [&'static str; 3] = ["linreg", "logreg", "linreg2"];

    /// The URL token, e.g. `logreg`.
    pub fn name(&self) -> &'static str {
        Self::NAMES[*self as usize]
    }

    /// The kind whose URL token is `s`, if any (exact, case-sensitive match).
    pub fn from_name(s: &str) -> Option<ModelKind> {
        Self::NAMES
            .iter()
            .position(|&n| n == s)
            .map(|i| Self::ALL[i])
    }

    /// The dataset this model is meant for: seed for linreg, blobs for logreg, scales for linreg2.
    pub fn default_dataset(&self) -> DatasetKind {
        match self {
            ModelKind::Linreg => DatasetKind::Seed,
            ModelKind::Logreg => DatasetKind::Blobs,
            ModelKind::Linreg2 => DatasetKind::Scales,
        }
    }

    /// Whether this model can be fitted to a dataset: linreg takes one feature and real
    /// targets (seed, line), logreg 0/1 labels (blobs), linreg2 two features (scales). Custom
    /// points may suit any model; whether they do is [`crate::points::Points::suits`].
    pub fn suits(&self, data: DatasetKind) -> bool {
        matches!(
            (self, data),
            (_, DatasetKind::Custom)
                | (ModelKind::Linreg, DatasetKind::Seed | DatasetKind::Line)
                | (ModelKind::Logreg, DatasetKind::Blobs)
                | (ModelKind::Linreg2, DatasetKind::Scales)
        )
    }

    /// What the model is, in words, for menus and `descent list`.
    pub fn description(&self) -> &'static str {
        match self {
            ModelKind::Linreg => {
                "linear regression: θ = (w, b), prediction w·x + b, mean squared error"
            }
            ModelKind::Logreg => {
                "logistic regression: θ = (w, b), p = sigmoid(w·x + b), mean cross-entropy"
            }
            ModelKind::Linreg2 => {
                "two-feature regression: θ = (w₁, w₂), prediction ȳ + w₁(x₁ − x̄₁) + w₂(x₂ − x̄₂), MSE"
            }
        }
    }
}

/// The precomputed form L(θ) = min_loss + (θ − θ*)ᵀ A (θ − θ*) of a least-squares loss.
#[derive(Clone, Debug, PartialEq)]
struct Quadratic {
    /// A least-squares solution θ* (the minimum-norm one when A is singular).
    theta_star: Point,
    /// L(θ*), summed directly from the residuals.
    min_loss: f64,
    /// For linreg: a[0][0] is the centred variance of x, a[0][1] the mean of x (see `quad_form`).
    /// For linreg2: A itself (of the centred features, so their covariance).
    a: [[f64; 2]; 2],
}

/// A model bound to its data, with the statistics that make the full-data loss cheap.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    kind: ModelKind,
    data: Dataset,
    /// `None` for logistic regression and for empty data.
    quad: Option<Quadratic>,
    /// Each sample's (x₁, y) side by side: a stochastic step reads one sample from a random
    /// place, and this way that is one cache line instead of two. Centred for linreg2.
    pairs: Vec<[f64; 2]>,
    /// Linreg2: each sample's x₂ − x̄₂; empty for the other models.
    x2c: Vec<f64>,
    /// Linreg2: the means (x̄₁, x̄₂, ȳ) its prediction is centred on; zeros otherwise.
    centre: [f64; 3],
    /// Logreg with more than [`SURFACE_GROUPS`] samples: its samples grouped for drawing
    /// the loss surface ([`Model::surface_loss`]); `None` otherwise.
    groups: Option<Groups>,
    /// The minimiser, found once when first asked for ([`Model::minimizer`]): logistic
    /// regression's Newton's method is O(n) an iteration, and views ask for it often.
    minimizer: Found,
}

/// A value found once, on first use; ignored by comparisons (it follows from the data).
#[derive(Clone, Debug, Default)]
struct Found(std::sync::OnceLock<Option<Point>>);

impl PartialEq for Found {
    fn eq(&self, _: &Found) -> bool {
        true
    }
}

/// The most groups [`Model::surface_loss`] sums over: logistic regression's loss costs O(n)
/// a point, and its surface has tens of thousands of points, so above this many samples the
/// picture of the surface is drawn from the samples grouped by x (a few seconds of sampling
/// at 100,000 samples become a fraction of one). Runs never use it.
pub const SURFACE_GROUPS: usize = 2048;

/// Logistic regression's samples grouped into at most [`SURFACE_GROUPS`] equal slices of
/// the range of x, each as its sample count and the mean x of its samples, with the exact
/// sums of the loss's linear term −y·z.
#[derive(Clone, Debug, PartialEq)]
struct Groups {
    /// (mean x, count) of each non-empty slice.
    slices: Vec<[f64; 2]>,
    /// Σ yᵢxᵢ and Σ yᵢ.
    sum_yx: f64,
    sum_y: f64,
}

impl Groups {
    /// Groups the samples when there are more than [`SURFACE_GROUPS`] of them.
    fn of(d: &Dataset) -> Option<Groups> {
        if d.len() <= SURFACE_GROUPS {
            return None;
        }
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &x in &d.x1 {
            lo = lo.min(x);
            hi = hi.max(x);
        }
        let k = SURFACE_GROUPS;
        let width = (hi - lo) / k as f64;
        if !(width.is_finite() && width > 0.0) {
            // One x for all (or not finite): a single group is exact.
            let n = d.len() as f64;
            let mean = d.x1.iter().sum::<f64>() / n;
            return Some(Groups::with(vec![[mean, n]], d));
        }
        let mut sums = vec![[0.0f64; 2]; k];
        for &x in &d.x1 {
            let i = (((x - lo) / width) as usize).min(k - 1);
            sums[i][0] += x;
            sums[i][1] += 1.0;
        }
        let slices = sums
            .into_iter()
            .filter(|s| s[1] > 0.0)
            .map(|[sx, c]| [sx / c, c])
            .collect();
        Some(Groups::with(slices, d))
    }

    fn with(slices: Vec<[f64; 2]>, d: &Dataset) -> Groups {
        let sum_yx = d.x1.iter().zip(&d.y).map(|(&x, &y)| y * x).sum();
        let sum_y = d.y.iter().sum();
        Groups {
            slices,
            sum_yx,
            sum_y,
        }
    }

    /// The mean cross-entropy with each group's samples moved to its mean x. Keeping the
    /// mean cancels the first-order error; what is left is at most w²·s²/32 for slices of
    /// width s (softplus″ ≤ 1/4, and a slice's variance is at most s²/4).
    fn loss(&self, theta: Point, n: f64) -> f64 {
        let mut sum = 0.0;
        for &[x, c] in &self.slices {
            sum += c * softplus(theta[0] * x + theta[1]);
        }
        (sum - theta[0] * self.sum_yx - theta[1] * self.sum_y) / n
    }
}

/// The logistic function, computed without overflow for any z.
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}

/// log(1 + eᶻ), computed without overflow or loss of precision for any z.
fn softplus(z: f64) -> f64 {
    z.max(0.0) + libm::log1p(libm::exp(-z.abs()))
}

/// `0.0 + g`: −0 becomes +0 and every other value stays. Kept out of line and cold so
/// that the compiler leaves the caller's test a branch rather than a select on the
/// critical path.
#[cold]
#[inline(never)]
fn without_negative_zeros(g: Point) -> Point {
    [0.0 + g[0], 0.0 + g[1]]
}

impl Model {
    /// Binds `kind` to `data`, computing the sufficient statistics once.
    ///
    /// `Linreg2` reads `x2`; if the data has no second feature, x2 is taken as 0.
    pub fn new(kind: ModelKind, data: Dataset) -> Model {
        let centred = (kind == ModelKind::Linreg2 && !data.is_empty()).then(|| centred(&data));
        let quad = if data.is_empty() {
            None
        } else {
            match kind {
                ModelKind::Linreg => Some(linreg_stats(&data)),
                ModelKind::Linreg2 => centred.as_ref().map(|(c, _)| linreg2_stats(c)),
                ModelKind::Logreg => None,
            }
        };
        let (pairs, x2c, centre) = match centred {
            Some((c, centre)) => {
                let pairs = c.x1.iter().zip(&c.y).map(|(&x, &y)| [x, y]).collect();
                let x2c = (0..c.len()).map(|i| c.x2_at(i)).collect();
                (pairs, x2c, centre)
            }
            None => (
                data.x1.iter().zip(&data.y).map(|(&x, &y)| [x, y]).collect(),
                Vec::new(),
                [0.0; 3],
            ),
        };
        let groups = (kind == ModelKind::Logreg)
            .then(|| Groups::of(&data))
            .flatten();
        Model {
            kind,
            data,
            quad,
            pairs,
            x2c,
            centre,
            groups,
            minimizer: Found::default(),
        }
    }

    /// The loss as the surface is drawn: [`Model::loss`], except for logistic regression on
    /// more than [`SURFACE_GROUPS`] samples, where the samples are grouped by x (see
    /// `Groups::loss` for the error bound). For pictures only: a run never calls it.
    pub fn surface_loss(&self, theta: Point) -> f64 {
        match &self.groups {
            Some(g) => g.loss(theta, self.len() as f64),
            None => self.loss(theta),
        }
    }

    /// Roughly how many terms one [`Model::surface_loss`] sums: 1 for the least-squares
    /// models (O(1)), the samples or their groups for logistic regression.
    pub fn surface_cost(&self) -> usize {
        match (&self.groups, self.kind) {
            (Some(g), _) => g.slices.len(),
            (None, ModelKind::Logreg) => self.len().max(1),
            (None, _) => 1,
        }
    }

    /// Linreg2's means (x̄₁, x̄₂, ȳ), on which its prediction is centred; zeros for the
    /// other models.
    pub fn centre(&self) -> [f64; 3] {
        self.centre
    }

    /// Linreg2's intercept for θ: b = ȳ − w₁x̄₁ − w₂x̄₂, so that the prediction is
    /// w₁x₁ + w₂x₂ + b; `None` for the other models (their θ holds b).
    pub fn intercept(&self, theta: Point) -> Option<f64> {
        let [m1, m2, my] = self.centre;
        (self.kind == ModelKind::Linreg2).then(|| my - theta[0] * m1 - theta[1] * m2)
    }

    /// Asks the processor to start loading sample `i`, so that a caller that knows which
    /// samples come next overlaps their cache misses with its work. Only a hint: it changes
    /// nothing, and does nothing off x86-64 or for an index out of range.
    #[inline(always)]
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_variables))]
    pub fn prefetch(&self, i: u32) {
        #[cfg(target_arch = "x86_64")]
        if let Some(pair) = self.pairs.get(i as usize) {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            // SAFETY: a prefetch reads nothing a program can see and never faults; its
            // only requirement, SSE, is part of every x86-64 processor.
            #[allow(unsafe_code)]
            unsafe {
                _mm_prefetch::<_MM_HINT_T0>(pair.as_ptr().cast())
            };
        }
    }

    /// The model kind.
    pub fn kind(&self) -> ModelKind {
        self.kind
    }

    /// The data the model was built on. Read-only, because the statistics depend on it.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The number of samples.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the model has no samples (its loss, gradient and Hessian are then all 0).
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// What θ multiplies for sample `i`: (x, 1) for linreg and logreg (w and the bias),
    /// the centred (x₁ − x̄₁, x₂ − x̄₂) for linreg2.
    pub fn features(&self, i: usize) -> Point {
        match self.kind {
            ModelKind::Linreg2 => [self.pairs[i][0], self.x2c[i]],
            ModelKind::Linreg | ModelKind::Logreg => [self.data.x1[i], 1.0],
        }
    }

    /// The loss over the full data: O(1) for the least-squares models, O(n) for logreg.
    pub fn loss(&self, theta: Point) -> f64 {
        match (&self.quad, self.kind) {
            (Some(q), ModelKind::Linreg) => {
                let (dw, db) = (theta[0] - q.theta_star[0], theta[1] - q.theta_star[1]);
                let c = db + q.a[0][1] * dw;
                q.min_loss + q.a[0][0] * dw * dw + c * c
            }
            (Some(q), _) => {
                let d = [theta[0] - q.theta_star[0], theta[1] - q.theta_star[1]];
                q.min_loss
                    + q.a[0][0] * d[0] * d[0]
                    + 2.0 * q.a[0][1] * d[0] * d[1]
                    + q.a[1][1] * d[1] * d[1]
            }
            (None, ModelKind::Logreg) if !self.is_empty() => {
                let (s, _) = self.logreg_sums(theta, false);
                s
            }
            (None, _) => 0.0,
        }
    }

    /// The gradient of the full-data loss: O(1) for the least-squares models, O(n) for logreg.
    pub fn gradient(&self, theta: Point) -> Point {
        match (&self.quad, self.kind) {
            (Some(q), ModelKind::Linreg) => {
                let (dw, db) = (theta[0] - q.theta_star[0], theta[1] - q.theta_star[1]);
                let mx = q.a[0][1];
                let c = db + mx * dw;
                [2.0 * q.a[0][0] * dw + 2.0 * mx * c, 2.0 * c]
            }
            (Some(q), _) => {
                let d = [theta[0] - q.theta_star[0], theta[1] - q.theta_star[1]];
                [
                    2.0 * (q.a[0][0] * d[0] + q.a[0][1] * d[1]),
                    2.0 * (q.a[0][1] * d[0] + q.a[1][1] * d[1]),
                ]
            }
            (None, ModelKind::Logreg) if !self.is_empty() => self.logreg_sums(theta, true).1,
            (None, _) => [0.0, 0.0],
        }
    }

    /// The Hessian of the full-data loss: constant for the least-squares models, O(n) for logreg.
    pub fn hessian(&self, theta: Point) -> Hessian {
        match (&self.quad, self.kind) {
            (Some(q), ModelKind::Linreg) => {
                let mx = q.a[0][1];
                [[2.0 * (q.a[0][0] + mx * mx), 2.0 * mx], [2.0 * mx, 2.0]]
            }
            (Some(q), _) => [
                [2.0 * q.a[0][0], 2.0 * q.a[0][1]],
                [2.0 * q.a[0][1], 2.0 * q.a[1][1]],
            ],
            (None, ModelKind::Logreg) if !self.is_empty() => {
                let mut h = [[0.0; 2]; 2];
                for &x in &self.data.x1 {
                    let z = theta[0] * x + theta[1];
                    // σ(z)(1 − σ(z)) = e/(1 + e)² with e = exp(−|z|), which never overflows.
                    let e = libm::exp(-z.abs());
                    let s = e / ((1.0 + e) * (1.0 + e));
                    h[0][0] += s * x * x;
                    h[0][1] += s * x;
                    h[1][1] += s;
                }
                let n = self.len() as f64;
                h[0][0] /= n;
                h[0][1] /= n;
                h[1][1] /= n;
                h[1][0] = h[0][1];
                h
            }
            (None, _) => [[0.0; 2]; 2],
        }
    }

    /// Mean cross-entropy and, if asked, its gradient over the full data.
    fn logreg_sums(&self, theta: Point, want_gradient: bool) -> (f64, Point) {
        let mut loss = 0.0;
        let mut g = [0.0, 0.0];
        for (&x, &y) in self.data.x1.iter().zip(&self.data.y) {
            let z = theta[0] * x + theta[1];
            loss += softplus(z) - y * z;
            if want_gradient {
                let r = sigmoid(z) - y;
                g[0] += r * x;
                g[1] += r;
            }
        }
        let n = self.len() as f64;
        (loss / n, [g[0] / n, g[1] / n])
    }

    /// The loss of one sample and its gradient.
    #[inline(always)]
    fn sample_loss_gradient(&self, theta: Point, i: usize) -> (f64, Point) {
        let [x1, y] = self.pairs[i];
        match self.kind {
            ModelKind::Linreg => {
                let r = theta[0] * x1 + theta[1] - y;
                (r * r, [2.0 * r * x1, 2.0 * r])
            }
            ModelKind::Linreg2 => {
                let x2 = self.x2c[i];
                let r = theta[0] * x1 + theta[1] * x2 - y;
                (r * r, [2.0 * r * x1, 2.0 * r * x2])
            }
            ModelKind::Logreg => {
                let z = theta[0] * x1 + theta[1];
                let r = sigmoid(z) - y;
                (softplus(z) - y * z, [r * x1, r])
            }
        }
    }

    /// Loss and gradient averaged over the samples `idx` (the batch), computed directly in
    /// O(|idx|). Repeated indices count repeatedly; an empty batch gives (0, [0, 0]).
    /// Every index must be below [`Model::len`].
    #[inline]
    pub fn batch_loss_gradient(&self, theta: Point, idx: &[u32]) -> (f64, Point) {
        if idx.is_empty() {
            return (0.0, [0.0, 0.0]);
        }
        if let [i] = idx {
            // One sample (SGD): the sums below start from 0.0 and divide by 1.0, which is
            // exact, so only the `0.0 +` (it turns −0 into +0) is kept. For the gradient it
            // is taken behind a branch that is never taken for a nonzero gradient, so the
            // next step does not wait for an addition that changes nothing.
            let (l, mut g) = self.sample_loss_gradient(theta, *i as usize);
            if g[0] == 0.0 || g[1] == 0.0 {
                g = without_negative_zeros(g);
            }
            return (0.0 + l, g);
        }
        let mut loss = 0.0;
        let mut g = [0.0, 0.0];
        for &i in idx {
            let (l, gi) = self.sample_loss_gradient(theta, i as usize);
            loss += l;
            g[0] += gi[0];
            g[1] += gi[1];
        }
        let m = idx.len() as f64;
        if idx.len().is_power_of_two() {
            // Dividing by a power of two is multiplying by its exact reciprocal: same bits.
            let r = 1.0 / m;
            return (loss * r, [g[0] * r, g[1] * r]);
        }
        (loss / m, [g[0] / m, g[1] / m])
    }

    /// The model's output for sample `sample`: the fitted value for the least-squares models,
    /// the probability of label 1 for logreg.
    pub fn predict(&self, theta: Point, sample: usize) -> f64 {
        let x1 = self.data.x1[sample];
        match self.kind {
            ModelKind::Linreg => theta[0] * x1 + theta[1],
            ModelKind::Linreg2 => {
                let [m1, m2, my] = self.centre;
                my + theta[0] * (x1 - m1) + theta[1] * (self.data.x2_at(sample) - m2)
            }
            ModelKind::Logreg => sigmoid(theta[0] * x1 + theta[1]),
        }
    }

    /// The minimiser of the full-data loss, if it exists and is found.
    ///
    /// Exact for the least-squares models (the minimum-norm solution when it is not unique).
    /// For logreg: `None` when the 0/1 classes do not overlap (the loss then decreases
    /// forever as |w| grows), otherwise Newton's method with step halving from (0, 0).
    pub fn minimizer(&self) -> Option<Point> {
        *self.minimizer.0.get_or_init(|| self.find_minimizer())
    }

    fn find_minimizer(&self) -> Option<Point> {
        if let Some(q) = &self.quad {
            return Some(q.theta_star);
        }
        if self.kind != ModelKind::Logreg || self.is_empty() || self.logreg_separable() {
            return None;
        }
        let mut theta = [0.0, 0.0];
        let mut loss = self.loss(theta);
        for _ in 0..100 {
            let g = self.gradient(theta);
            if g[0].abs().max(g[1].abs()) < 1e-13 {
                break;
            }
            let h = self.hessian(theta);
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            // Newton's direction when the Hessian is safely positive definite, else steepest descent.
            let d = if h[0][0] > 0.0 && det > 1e-14 * h[0][0] * h[1][1] {
                [
                    -(h[1][1] * g[0] - h[0][1] * g[1]) / det,
                    -(h[0][0] * g[1] - h[1][0] * g[0]) / det,
                ]
            } else {
                [-g[0], -g[1]]
            };
            let mut t = 1.0;
            let mut improved = false;
            for _ in 0..60 {
                let next = [theta[0] + t * d[0], theta[1] + t * d[1]];
                let l = self.loss(next);
                if l <= loss {
                    theta = next;
                    // A step that no longer lowers the loss at all: as converged as f64
                    // allows. (On 100,000 samples the mean gradient's rounding stays above
                    // the tolerance, and each further iteration would halve its step
                    // dozens of times for steps of 1e-11.)
                    improved = l < loss;
                    loss = l;
                    break;
                }
                t *= 0.5;
            }
            if !improved {
                break;
            }
        }
        let g = self.gradient(theta);
        let ok = theta[0].is_finite() && theta[1].is_finite() && g[0].abs().max(g[1].abs()) < 1e-8;
        ok.then_some(theta)
    }

    /// Whether logistic regression has no finite minimum: for 0/1 labels, when a threshold
    /// on x separates the classes (ties included) or a class is empty.
    fn logreg_separable(&self) -> bool {
        let (mut min0, mut max0, mut min1, mut max1) = (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        );
        for (&x, &y) in self.data.x1.iter().zip(&self.data.y) {
            if y == 0.0 {
                min0 = min0.min(x);
                max0 = max0.max(x);
            } else if y == 1.0 {
                min1 = min1.min(x);
                max1 = max1.max(x);
            } else {
                // Soft labels: leave the verdict to Newton's convergence test.
                return false;
            }
        }
        max0 <= min1 || max1 <= min0
    }

    /// The default start: (1, 0) for linreg (the worked example on the seed data),
    /// (−2, 1) for logreg, (0, 0) for linreg2.
    pub fn default_start(&self) -> Point {
        match self.kind {
            ModelKind::Linreg => [1.0, 0.0],
            ModelKind::Logreg => [-2.0, 1.0],
            ModelKind::Linreg2 => [0.0, 0.0],
        }
    }

    /// A square view centred on the minimiser that contains the default start, with
    /// half-width max(2, 2·maxᵢ|θ*ᵢ − startᵢ|). Square, so that gradients drawn on a square
    /// canvas stay perpendicular to the contours. Without a minimiser (separable logreg data,
    /// empty data) the view is centred on the start with half-width 4.
    pub fn default_window(&self) -> Window {
        let s = self.default_start();
        match self.minimizer() {
            Some(c) => {
                let h = (2.0 * (c[0] - s[0]).abs().max((c[1] - s[1]).abs())).max(2.0);
                Window::new(c[0] - h, c[0] + h, c[1] - h, c[1] + h)
            }
            None => Window::new(s[0] - 4.0, s[0] + 4.0, s[1] - 4.0, s[1] + 4.0),
        }
    }
}

/// Centred statistics of simple linear regression; `a[0][0]` = var(x), `a[0][1]` = mean(x).
fn linreg_stats(d: &Dataset) -> Quadratic {
    let n = d.len() as f64;
    let mx = d.x1.iter().sum::<f64>() / n;
    let my = d.y.iter().sum::<f64>() / n;
    let mut sxx = 0.0;
    let mut sxy = 0.0;
    for (&x, &y) in d.x1.iter().zip(&d.y) {
        sxx += (x - mx) * (x - mx);
        sxy += (x - mx) * (y - my);
    }
    sxx /= n;
    sxy /= n;
    // A constant x leaves the slope undetermined; take w = 0, the minimum-norm choice in w.
    let w = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let b = my - w * mx;
    let min_loss =
        d.x1.iter()
            .zip(&d.y)
            .map(|(&x, &y)| {
                let r = (y - my) - w * (x - mx);
                r * r
            })
            .sum::<f64>()
            / n;
    Quadratic {
        theta_star: [w, b],
        min_loss,
        a: [[sxx, mx], [mx, 0.0]],
    }
}

/// The data with each feature and the target centred on its mean (a missing x₂ as zeros),
/// and the means (x̄₁, x̄₂, ȳ).
fn centred(d: &Dataset) -> (Dataset, [f64; 3]) {
    let n = d.len() as f64;
    let x2: Vec<f64> = (0..d.len()).map(|i| d.x2_at(i)).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / n;
    let m = [mean(&d.x1), mean(&x2), mean(&d.y)];
    let shift = |v: &[f64], c: f64| v.iter().map(|x| x - c).collect::<Vec<f64>>();
    let c = Dataset {
        x1: shift(&d.x1, m[0]),
        x2: shift(&x2, m[1]),
        y: shift(&d.y, m[2]),
    };
    (c, m)
}

/// Statistics of two-feature regression on centred data: A = (1/n)Σxxᵀ (the covariance) and
/// a least-squares θ*.
fn linreg2_stats(d: &Dataset) -> Quadratic {
    let n = d.len() as f64;
    let mut a = [[0.0; 2]; 2];
    let mut c = [0.0; 2];
    for (i, (&x1, &y)) in d.x1.iter().zip(&d.y).enumerate() {
        let x2 = d.x2_at(i);
        a[0][0] += x1 * x1;
        a[0][1] += x1 * x2;
        a[1][1] += x2 * x2;
        c[0] += x1 * y;
        c[1] += x2 * y;
    }
    a[0][0] /= n;
    a[0][1] /= n;
    a[1][1] /= n;
    c[0] /= n;
    c[1] /= n;
    a[1][0] = a[0][1];
    let det = a[0][0] * a[1][1] - a[0][1] * a[0][1];
    let theta_star = if det > 1e-12 * a[0][0] * a[1][1] {
        let solve = |r: [f64; 2]| {
            [
                (a[1][1] * r[0] - a[0][1] * r[1]) / det,
                (a[0][0] * r[1] - a[0][1] * r[0]) / det,
            ]
        };
        let mut t = solve(c);
        // Two rounds of iterative refinement with the normal-equation residual summed directly
        // from the samples: Cramer's rule alone leaves a residual ∝ cond(A), which would make
        // the O(1) gradient at θ* visibly differ from the direct one on ill-conditioned data.
        for _ in 0..2 {
            let mut r = [0.0; 2];
            for (i, (&x1, &y)) in d.x1.iter().zip(&d.y).enumerate() {
                let e = y - t[0] * x1 - t[1] * d.x2_at(i);
                r[0] += x1 * e;
                r[1] += d.x2_at(i) * e;
            }
            let dt = solve([r[0] / n, r[1] / n]);
            t = [t[0] + dt[0], t[1] + dt[1]];
        }
        t
    } else {
        // Rank at most 1 (collinear or missing features): A = λvvᵀ, and the minimum-norm
        // solution is (v·c/λ)v, which solves Aθ = c because c lies in the range of A.
        let lambda = a[0][0] + a[1][1];
        if lambda > 0.0 {
            let col = if a[0][0] >= a[1][1] { a[0] } else { a[1] };
            let len = (col[0] * col[0] + col[1] * col[1]).sqrt();
            let v = [col[0] / len, col[1] / len];
            let k = (v[0] * c[0] + v[1] * c[1]) / lambda;
            [k * v[0], k * v[1]]
        } else {
            [0.0, 0.0]
        }
    };
    let min_loss =
        d.x1.iter()
            .zip(&d.y)
            .enumerate()
            .map(|(i, (&x1, &y))| {
                let r = y - theta_star[0] * x1 - theta_star[1] * d.x2_at(i);
                r * r
            })
            .sum::<f64>()
            / n;
    Quadratic {
        theta_star,
        min_loss,
        a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all_indices(m: &Model) -> Vec<u32> {
        (0..m.len() as u32).collect()
    }

    fn model(kind: ModelKind, n: usize, noise: f64, seed: u64) -> Model {
        Model::new(
            kind,
            Dataset::generate(kind.default_dataset(), n, noise, seed),
        )
    }

    fn central_gradient(m: &Model, p: Point) -> Point {
        let mut g = [0.0; 2];
        for (i, gi) in g.iter_mut().enumerate() {
            let h = 1e-5 * p[i].abs().max(1.0);
            let (mut a, mut b) = (p, p);
            a[i] += h;
            b[i] -= h;
            *gi = (m.loss(a) - m.loss(b)) / (2.0 * h);
        }
        g
    }

    fn central_hessian(m: &Model, p: Point) -> Hessian {
        let mut hm = [[0.0; 2]; 2];
        for j in 0..2 {
            let h = 1e-5 * p[j].abs().max(1.0);
            let (mut a, mut b) = (p, p);
            a[j] += h;
            b[j] -= h;
            let (ga, gb) = (m.gradient(a), m.gradient(b));
            for i in 0..2 {
                hm[i][j] = (ga[i] - gb[i]) / (2.0 * h);
            }
        }
        hm
    }

    #[test]
    fn logreg_surface_groups_many_samples_within_their_bound() {
        // Few samples: the surface is the loss itself.
        let few = Model::new(
            ModelKind::Logreg,
            Dataset::generate(DatasetKind::Blobs, 500, 1.0, 3),
        );
        assert_eq!(few.surface_cost(), 500);
        assert_eq!(few.surface_loss([1.5, -0.3]), few.loss([1.5, -0.3]));
        let line = Model::new(
            ModelKind::Linreg,
            Dataset::generate(DatasetKind::Line, 50_000, 0.3, 3),
        );
        assert_eq!(line.surface_cost(), 1);
        // Many: at most SURFACE_GROUPS terms, within w²·s²/32 of the loss.
        let d = Dataset::generate(DatasetKind::Blobs, 100_000, 1.0, 7);
        let (lo, hi) =
            d.x1.iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                    (a.min(x), b.max(x))
                });
        let s = (hi - lo) / SURFACE_GROUPS as f64;
        let m = Model::new(ModelKind::Logreg, d);
        assert!(
            m.surface_cost() <= SURFACE_GROUPS && m.surface_cost() > 100,
            "{}",
            m.surface_cost()
        );
        for theta in [[0.0, 0.0], [2.0, 0.1], [-8.0, 3.0], [25.0, -10.0]] {
            let (exact, grouped) = (m.loss(theta), m.surface_loss(theta));
            let bound = theta[0] * theta[0] * s * s / 32.0 + 1e-9 * exact;
            assert!(
                (exact - grouped).abs() <= bound,
                "{theta:?}: {exact} vs {grouped} (bound {bound})"
            );
        }
        // One x for every sample: one exact group.
        let flat = Dataset {
            x1: vec![0.5; 5000],
            x2: Vec::new(),
            y: (0..5000).map(|i| (i % 2) as f64).collect(),
        };
        let m = Model::new(ModelKind::Logreg, flat);
        assert_eq!(m.surface_cost(), 1);
        assert!((m.surface_loss([1.0, 2.0]) - m.loss([1.0, 2.0])).abs() < 1e-12);
    }
    #[test]
    fn seed_gradient_is_the_worked_example() {
        let m = Model::new(
            ModelKind::Linreg,
            Dataset::generate(DatasetKind::Seed, 0, 0.0, 0),
        );
        let g = m.gradient([1.0, 0.0]);
        assert!((g[0] + 40.0 / 3.0).abs() < 1e-12, "{g:?}");
        assert!((g[1] + 6.0).abs() < 1e-12, "{g:?}");
        // Residuals at (1, 0) are 2, 3, 4: the loss is (4 + 9 + 16)/3.
        assert!((m.loss([1.0, 0.0]) - 29.0 / 3.0).abs() < 1e-12);
        assert_eq!(m.minimizer(), Some([2.0, 1.0]));
        assert_eq!(m.loss([2.0, 1.0]), 0.0);
        assert_eq!(m.hessian([0.0, 0.0]), [[28.0 / 3.0, 4.0], [4.0, 2.0]]);
    }

    /// A one-sample batch is the sum over one sample, `0.0 + term`, to the bit: zeros of
    /// either sign in θ, x and y reach the branch that turns −0 into +0.
    #[test]
    fn one_sample_batch_is_the_one_term_sum() {
        let zeros_and_ones = [0.0, -0.0, 1.0, -1.0];
        let data = Dataset {
            x1: zeros_and_ones.repeat(4),
            x2: zeros_and_ones.iter().flat_map(|&v| [v; 4]).collect(),
            y: [0.0, -0.0, 1.0, 0.0].repeat(4),
        };
        let bits = |(l, g): (f64, Point)| [l.to_bits(), g[0].to_bits(), g[1].to_bits()];
        let mut negative_zero_terms = 0;
        for kind in [ModelKind::Linreg, ModelKind::Linreg2, ModelKind::Logreg] {
            let m = Model::new(kind, data.clone());
            for &a in &zeros_and_ones {
                for &b in &zeros_and_ones {
                    for i in 0..m.len() {
                        let (l, g) = m.sample_loss_gradient([a, b], i);
                        negative_zero_terms += g
                            .iter()
                            .filter(|v| **v == 0.0 && v.is_sign_negative())
                            .count();
                        assert_eq!(
                            bits(m.batch_loss_gradient([a, b], &[i as u32])),
                            bits((0.0 + l, [0.0 + g[0], 0.0 + g[1]])),
                            "{kind:?} θ=({a:?}, {b:?}) sample {i}"
                        );
                    }
                }
            }
        }
        assert!(negative_zero_terms > 0, "no −0 reached the branch");
    }

    #[test]
    fn logreg_is_finite_at_huge_logits() {
        let m = model(ModelKind::Logreg, 50, 0.5, 3);
        for theta in [[1e6, 0.0], [-1e6, 0.0], [0.0, 1e300], [1e6, -1e6]] {
            let l = m.loss(theta);
            let g = m.gradient(theta);
            let h = m.hessian(theta);
            assert!(l.is_finite() && l >= 0.0, "{theta:?}: {l}");
            assert!(g.iter().all(|v| v.is_finite()), "{theta:?}");
            assert!(h.iter().flatten().all(|v| v.is_finite()), "{theta:?}");
        }
        // The right sign on every sample: tiny loss.
        let perfect = Model::new(
            ModelKind::Logreg,
            Dataset {
                x1: vec![-1.0, 1.0],
                x2: vec![],
                y: vec![0.0, 1.0],
            },
        );
        assert_eq!(perfect.loss([1e6, 0.0]), 0.0);
        assert_eq!(perfect.loss([-1e6, 0.0]), 1e6);
        assert_eq!(perfect.minimizer(), None);
        assert!((perfect.loss([0.0, 0.0]) - core::f64::consts::LN_2).abs() < 1e-15);
    }

    #[test]
    fn logreg_minimizer_is_stationary() {
        let m = model(ModelKind::Logreg, 200, 0.8, 9);
        let t = m
            .minimizer()
            .expect("overlapping blobs have a finite minimum");
        let g = m.gradient(t);
        assert!(g[0].abs() < 1e-8 && g[1].abs() < 1e-8, "{g:?}");
        assert!(t[0] > 0.0, "class 1 is on the right: {t:?}");
        assert!(m.default_window().contains(t));
        assert!(m.default_window().contains(m.default_start()));
    }

    #[test]
    fn least_squares_minimizers_are_stationary_and_windows_contain_start() {
        for kind in [ModelKind::Linreg, ModelKind::Linreg2] {
            // Custom data is not generated (its points are the settings').
            for ds in DatasetKind::ALL
                .into_iter()
                .filter(|d| *d != DatasetKind::Custom)
            {
                let m = Model::new(kind, Dataset::generate(ds, 60, 0.3, 4));
                let t = m.minimizer().unwrap();
                let g = m.gradient(t);
                assert!(
                    g[0].abs() < 1e-9 && g[1].abs() < 1e-9,
                    "{kind:?} {ds:?} {g:?}"
                );
                let w = m.default_window();
                assert!(
                    w.contains(t) && w.contains(m.default_start()),
                    "{kind:?} {ds:?}"
                );
            }
        }
    }

    #[test]
    fn singular_linreg2_still_agrees_with_direct() {
        // x2 = 2·x1: A has rank 1.
        let d = Dataset {
            x1: vec![1.0, 2.0, 3.0, 4.0],
            x2: vec![2.0, 4.0, 6.0, 8.0],
            y: vec![1.0, 3.0, 2.0, 5.0],
        };
        let m = Model::new(ModelKind::Linreg2, d);
        let all = all_indices(&m);
        for theta in [[0.0, 0.0], [1.0, -2.0], [0.3, 0.1]] {
            let (l, g) = m.batch_loss_gradient(theta, &all);
            assert!((m.loss(theta) - l).abs() <= 1e-12 * l.max(1.0));
            assert!((m.gradient(theta)[0] - g[0]).abs() <= 1e-12 * g[0].abs().max(1.0));
        }
        let t = m.minimizer().unwrap();
        let g = m.gradient(t);
        assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12);
        // One-feature data: x2 is read as 0, the w2 direction is flat.
        let m1 = Model::new(
            ModelKind::Linreg2,
            Dataset::generate(DatasetKind::Seed, 0, 0.0, 0),
        );
        assert_eq!(m1.gradient([0.5, 7.0])[1], 0.0);
        assert_eq!(m1.loss([0.5, 7.0]), m1.loss([0.5, -3.0]));
    }

    #[test]
    fn empty_data_is_flat() {
        let empty = Dataset {
            x1: vec![],
            x2: vec![],
            y: vec![],
        };
        for kind in ModelKind::ALL {
            let m = Model::new(kind, empty.clone());
            assert_eq!(m.loss([1.0, 2.0]), 0.0);
            assert_eq!(m.gradient([1.0, 2.0]), [0.0, 0.0]);
            assert_eq!(m.hessian([1.0, 2.0]), [[0.0; 2]; 2]);
            assert_eq!(m.batch_loss_gradient([1.0, 2.0], &[]), (0.0, [0.0, 0.0]));
        }
    }

    #[test]
    fn predictions() {
        let m = Model::new(
            ModelKind::Linreg,
            Dataset::generate(DatasetKind::Seed, 0, 0.0, 0),
        );
        assert_eq!(m.predict([2.0, 1.0], 2), 7.0);
        let m = model(ModelKind::Logreg, 10, 0.5, 1);
        assert_eq!(m.predict([0.0, 0.0], 3), 0.5);
        let m = model(ModelKind::Linreg2, 10, 0.5, 1);
        let d = m.data();
        let b = m.intercept([1.0, 2.0]).unwrap();
        let direct = d.x1[4] + 2.0 * d.x2[4] + b;
        assert!((m.predict([1.0, 2.0], 4) - direct).abs() < 1e-12);
        // At θ = 0 every prediction is the mean target.
        let mean = d.y.iter().sum::<f64>() / d.len() as f64;
        assert!((m.predict([0.0, 0.0], 7) - mean).abs() < 1e-12);
    }

    /// Standardising the features rescales θ and leaves the model: the best predictions,
    /// the minimum loss and the loss at the common start θ = 0 agree, while the curvature's
    /// condition number drops from thousands to about 1.
    #[test]
    fn standardising_keeps_the_linreg2_model() {
        let raw = model(ModelKind::Linreg2, 100, 0.5, 1);
        let std = Model::new(ModelKind::Linreg2, raw.data().standardized());
        let (tr, ts) = (raw.minimizer().unwrap(), std.minimizer().unwrap());
        for i in 0..raw.len() {
            let (a, b) = (raw.predict(tr, i), std.predict(ts, i));
            assert!((a - b).abs() < 1e-9, "sample {i}: {a} vs {b}");
        }
        let (lr, ls) = (raw.loss(tr), std.loss(ts));
        assert!((lr - ls).abs() < 1e-12 * lr, "{lr} vs {ls}");
        assert!((raw.loss([0.0, 0.0]) - std.loss([0.0, 0.0])).abs() < 1e-12);
        let cond = |h: Hessian| {
            let (a, b, d) = (h[0][0], h[0][1], h[1][1]);
            let m = 0.5 * (a + d);
            let r = (0.25 * (a - d) * (a - d) + b * b).sqrt();
            (m + r) / (m - r)
        };
        assert!(cond(raw.hessian(tr)) > 1000.0, "{}", cond(raw.hessian(tr)));
        assert!(cond(std.hessian(ts)) < 1.5, "{}", cond(std.hessian(ts)));
    }

    #[test]
    fn names_round_trip() {
        for (i, k) in ModelKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
            assert_eq!(ModelKind::from_name(k.name()), Some(*k));
        }
        assert_eq!(ModelKind::from_name(""), None);
    }

    /// Random data for a kind, sometimes standardised and sometimes with a large offset in x,
    /// the case where raw sums would cancel.
    fn random_model(kind: ModelKind, seed: u64, n: usize, noise: f64, variant: u8) -> Model {
        // Linreg gets the noisy line rather than its fixed three-point default.
        let ds = match kind {
            ModelKind::Linreg => DatasetKind::Line,
            _ => kind.default_dataset(),
        };
        let d = Dataset::generate(ds, n, noise, seed);
        let d = match variant {
            1 => d.standardized(),
            2 => Dataset {
                x1: d.x1.iter().map(|x| x + 1000.0).collect(),
                ..d
            },
            _ => d,
        };
        Model::new(kind, d)
    }

    /// The mean size of the terms in a direct residual: |θ·x| + |y|, bias feature counted as 1.
    fn size_scale(m: &Model, theta: Point) -> f64 {
        let d = m.data();
        let sum: f64 = (0..m.len())
            .map(|i| {
                let [a, b] = m.features(i);
                (theta[0] * a).abs() + (theta[1] * b).abs() + d.y[i].abs()
            })
            .sum();
        sum / m.len().max(1) as f64
    }

    /// The mean size of the terms in a direct gradient sum: (|θ·x| + |y|)·|x| with the
    /// bias feature counted as 1.
    fn term_scale(m: &Model, theta: Point) -> f64 {
        let d = m.data();
        let sum: f64 = (0..m.len())
            .map(|i| {
                let [a, b] = m.features(i).map(f64::abs);
                (theta[0].abs() * a + theta[1].abs() * b + d.y[i].abs()) * (a + b)
            })
            .sum();
        sum / m.len().max(1) as f64
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(120))]

        #[test]
        fn fast_loss_agrees_with_direct(kind in prop::sample::select(ModelKind::ALL.to_vec()), seed in any::<u64>(), n in 1usize..80,
                                        noise in 0.0f64..2.0, variant in 0u8..3,
                                        w in -10.0f64..10.0, b in -10.0f64..10.0) {
            let m = random_model(kind, seed, n, noise, variant);
            let all = all_indices(&m);
            // Also probe right at the minimum, where cancellation would show.
            let near = m.minimizer().map(|t| [t[0] + w * 1e-7, t[1] + b * 1e-7]);
            for theta in [Some([w, b]), near].into_iter().flatten() {
                let (l, g) = m.batch_loss_gradient(theta, &all);
                let fl = m.loss(theta);
                // Each direct residual is rounded by about ε·(|θ·x| + |y|), so the direct loss
                // is off by about 2·√l·ε·that: allow for it near the minimum.
                let rounding = 1e-15 * l.sqrt() * size_scale(&m, theta);
                prop_assert!((fl - l).abs() <= 1e-9 * l + rounding + 1e-300,
                             "{:?} {} vs {}", theta, fl, l);
                let fg = m.gradient(theta);
                // The direct sum itself carries rounding error ∝ Σ|terms|, which dominates at
                // the minimum when x is far from 0, and on nearly collinear features θ* is only
                // known to about ε·cond(A); allow for both on top of the relative error.
                let rounding = 1e-12 * term_scale(&m, theta);
                for i in 0..2 {
                    prop_assert!((fg[i] - g[i]).abs() <= 1e-8 * g[i].abs() + rounding,
                                 "{:?} {:?} vs {:?}", theta, fg, g);
                }
            }
        }

        #[test]
        fn gradient_and_hessian_match_central_differences(kind in prop::sample::select(ModelKind::ALL.to_vec()), seed in any::<u64>(),
                                                          n in 1usize..60, w in -5.0f64..5.0,
                                                          b in -5.0f64..5.0) {
            let m = random_model(kind, seed, n, 0.5, 0);
            let theta = [w, b];
            let g = m.gradient(theta);
            let ng = central_gradient(&m, theta);
            let tol = 1e-5 * m.loss(theta).abs().max(1.0);
            for i in 0..2 {
                prop_assert!((g[i] - ng[i]).abs() <= tol, "{:?}: {:?} vs {:?}", theta, g, ng);
            }
            let h = m.hessian(theta);
            let nh = central_hessian(&m, theta);
            let tol = 1e-5 * g[0].abs().max(g[1].abs()).max(h[0][0].abs()).max(h[1][1].abs()).max(1.0);
            for i in 0..2 {
                for j in 0..2 {
                    prop_assert!((h[i][j] - nh[i][j]).abs() <= tol, "{:?}: {:?} vs {:?}", theta, h, nh);
                }
            }
        }

        #[test]
        fn batch_of_everything_is_the_full_gradient(kind in prop::sample::select(ModelKind::ALL.to_vec()), seed in any::<u64>(),
                                                    w in -3.0f64..3.0, b in -3.0f64..3.0) {
            let m = random_model(kind, seed, 30, 0.5, 1);
            let (l, g) = m.batch_loss_gradient([w, b], &all_indices(&m));
            let fg = m.gradient([w, b]);
            prop_assert!((l - m.loss([w, b])).abs() <= 1e-9 * l.max(1e-12));
            prop_assert!((g[0] - fg[0]).abs() <= 1e-9 * fg[0].abs().max(1.0));
            prop_assert!((g[1] - fg[1]).abs() <= 1e-9 * fg[1].abs().max(1.0));
        }
    }
}
