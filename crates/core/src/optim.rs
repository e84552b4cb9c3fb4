//! The update rules: gradient descent, momentum, Nesterov, Adagrad, RMSprop, Adadelta, Adam, AdamW, AMSGrad, NAdam and damped Newton.
//!
//! Every first-order rule reproduces the single-tensor (`foreach=False`) code path of
//! `torch.optim` in PyTorch 2.x in `f64`, operation for operation, with `weight_decay = 0`
//! (except AdamW's decoupled decay), `maximize = False`, `dampening = 0`, `centered = False`,
//! `lr_decay = 0` and `initial_accumulator_value = 0`. The fixture test
//! `tests/torch_reference.rs` replays trajectories recorded with the real torch classes.
//!
//! # How close to torch
//!
//! PyTorch's CPU kernels for `float64` tensors round in a particular way, and the update
//! rules below copy it:
//!
//! - `a.add_(b, alpha=s)` is a fused multiply-add, `fma(s, b, a)`;
//! - `a.addcmul_(b, c, value=s)` is `fma(s·b, c, a)` (the product `s·b` rounded first);
//! - `a.addcdiv_(b, c, value=s)` is `a + (s·b)/c`, three separate roundings;
//! - `a.lerp_(b, w)` is `fma(w, b − a, a)` when `|w| < 0.5`, else `fma(w − 1, b − a, b)`;
//! - scalar expressions (bias corrections, step sizes) are Python `float` arithmetic, copied
//!   in the same order.
//!
//! Here every power is [`libm::pow`], so native and `wasm32` builds agree bit for bit.
//! Square roots are [`f64::sqrt`] and fused multiply-adds [`f64::mul_add`]: IEEE 754 defines
//! both results exactly (one rounding), so they are `libm::sqrt`'s and `libm::fma`'s bit for
//! bit on every platform, and the compiler emits the instructions (libm's own `sqrt` is an
//! opaque `asm!` block on x86-64, whose `sqrtsd` waits on an unrelated earlier result). Two things
//! keep the match with torch at "almost always exact, otherwise one unit in the last place":
//! Python's `x ** y` is the C library's `pow` (glibc's differs from `libm::pow` in the last
//! bit for about 7% of `b^t` values), and torch's `Tensor.sqrt` on an MKL build is MKL's
//! vectorised square root, which is not correctly rounded (off by one ulp for about 0.8% of
//! inputs). Both are platform details of torch itself. SGD, momentum, Nesterov, Adagrad and
//! RMSprop match the fixtures exactly; the others to within 4e-16 relative per step.
//!
//! # Learning rate
//!
//! The learning rate is not part of [`Optimizer`]: the schedule supplies it at every step and
//! it is passed to [`Optimizer::update`]. [`Optimizer::default_lr`] gives a starting value.

use crate::geometry::{Hessian, Point};
use crate::pow::PowSeq;

/// Which update rule, with its hyperparameters (lr is NOT here; it comes from the schedule per step).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Optimizer {
    /// Plain gradient descent, `θ ← θ − lr·g`.
    ///
    /// Matches `torch.optim.SGD(momentum=0)`. Every library agrees on this one.
    Gd,
    /// Heavy-ball momentum in PyTorch's form.
    ///
    /// ```text
    /// b₁ = g₁                (first step: the buffer is a copy of the gradient)
    /// bₜ = mom·bₜ₋₁ + gₜ     (later steps; dampening = 0)
    /// θ ← θ − lr·bₜ
    /// ```
    ///
    /// Default `mom = 0.9`. Matches `torch.optim.SGD(momentum=mom)`.
    /// Elsewhere: Keras/TensorFlow keep a velocity `v ← mom·v − lr·g; θ ← θ + v` (the
    /// same thing only while lr is constant), and the textbook "`(1 − mom)·g`" form
    /// (exponential moving average) moves `1/(1 − mom)` times less. With `mom = 0` torch
    /// skips the buffer entirely; so does this code.
    Momentum {
        /// The momentum coefficient μ ∈ [0, 1).
        mom: f64,
    },
    /// Nesterov momentum in PyTorch's (Sutskever-style, reformulated) form.
    ///
    /// ```text
    /// bₜ as for Momentum
    /// θ ← θ − lr·(gₜ + mom·bₜ)
    /// ```
    ///
    /// Default `mom = 0.9`. Matches `torch.optim.SGD(momentum=mom, nesterov=True)`.
    /// Elsewhere: Keras uses the same look-ahead in velocity form; the original Nesterov
    /// scheme evaluates the gradient at a look-ahead point instead.
    Nesterov {
        /// The momentum coefficient μ ∈ [0, 1).
        mom: f64,
    },
    /// Adagrad: per-coordinate step shrinking with the sum of all past squared gradients.
    ///
    /// ```text
    /// sₜ = sₜ₋₁ + gₜ²          (s₀ = 0, kept in `OptState::v`)
    /// θ ← θ − lr·gₜ / (√sₜ + eps)
    /// ```
    ///
    /// Default `eps = 1e-10`. Matches `torch.optim.Adagrad(lr_decay=0,
    /// initial_accumulator_value=0)`. Elsewhere: Keras starts the accumulator at 0.1 and
    /// puts eps 1e-7 outside the root; some texts put eps inside the root.
    Adagrad {
        /// Added to the root of the accumulator (outside the square root).
        eps: f64,
    },
    /// RMSprop (uncentred, no momentum).
    ///
    /// ```text
    /// vₜ = rho·vₜ₋₁ + (1 − rho)·gₜ²      (v₀ = 0)
    /// θ ← θ − lr·gₜ / (√vₜ + eps)
    /// ```
    ///
    /// Defaults `rho = 0.99`, `eps = 1e-8`. `rho` is torch's `alpha`. Matches
    /// `torch.optim.RMSprop(alpha=rho, centered=False, momentum=0)`. Elsewhere: Keras
    /// defaults `rho = 0.9`, `eps = 1e-7`; Hinton's lecture puts eps inside the root.
    Rmsprop {
        /// Decay of the squared-gradient average (torch's `alpha`).
        rho: f64,
        /// Added to the root (outside the square root).
        eps: f64,
    },
    /// Adadelta: RMSprop whose step is rescaled by a running RMS of past steps.
    ///
    /// ```text
    /// vₜ = rho·vₜ₋₁ + (1 − rho)·gₜ²                     (`OptState::v`)
    /// δₜ = √(uₜ₋₁ + eps) / √(vₜ + eps) · gₜ
    /// uₜ = rho·uₜ₋₁ + (1 − rho)·δₜ²                     (`OptState::acc_delta`)
    /// θ ← θ − lr·δₜ
    /// ```
    ///
    /// Defaults `rho = 0.9`, `eps = 1e-6`, and the learning rate 1.0 (Zeiler's original has
    /// no learning rate). Matches `torch.optim.Adadelta`. Elsewhere: Keras defaults
    /// `rho = 0.95`, `eps = 1e-7`, lr 0.001.
    Adadelta {
        /// Decay of both running averages.
        rho: f64,
        /// Added inside both square roots.
        eps: f64,
    },
    /// Adam with bias correction.
    ///
    /// ```text
    /// mₜ = b1·mₜ₋₁ + (1 − b1)·gₜ        (computed as torch's lerp)
    /// vₜ = b2·vₜ₋₁ + (1 − b2)·gₜ²
    /// θ ← θ − (lr / (1 − b1ᵗ)) · mₜ / (√vₜ / √(1 − b2ᵗ) + eps)
    /// ```
    ///
    /// Defaults `b1 = 0.9`, `b2 = 0.999`, `eps = 1e-8`. Matches `torch.optim.Adam`.
    /// Elsewhere: Keras/TensorFlow use the paper's "eps-hat" form `lr·√(1−b2ᵗ)/(1−b1ᵗ) ·
    /// m/(√v + eps)` with eps 1e-7, which differs while `t` is small.
    Adam {
        /// Decay of the first moment.
        b1: f64,
        /// Decay of the second moment.
        b2: f64,
        /// Added to the bias-corrected root of the second moment.
        eps: f64,
    },
    /// AdamW: Adam with decoupled weight decay.
    ///
    /// ```text
    /// θ ← θ·(1 − lr·wd)     first, then the Adam step on the decayed θ
    /// ```
    ///
    /// Defaults as Adam plus `wd = 0.01`. Matches `torch.optim.AdamW`. Elsewhere: the paper
    /// (Loshchilov & Hutter) multiplies `wd` by the schedule multiplier but not by lr;
    /// optax's `adamw` uses `wd = 1e-4`.
    AdamW {
        /// Decay of the first moment.
        b1: f64,
        /// Decay of the second moment.
        b2: f64,
        /// Added to the bias-corrected root of the second moment.
        eps: f64,
        /// Decoupled weight decay coefficient (multiplied by lr).
        wd: f64,
    },
    /// AMSGrad: Adam whose denominator uses the running maximum of the raw `v`.
    ///
    /// ```text
    /// v̂ₜ = max(v̂ₜ₋₁, vₜ)            (`OptState::v_max`, of the *uncorrected* v)
    /// θ ← θ − (lr / (1 − b1ᵗ)) · mₜ / (√v̂ₜ / √(1 − b2ᵗ) + eps)
    /// ```
    ///
    /// Defaults as Adam. Matches `torch.optim.Adam(amsgrad=True)`. Elsewhere: the paper
    /// (Reddi et al.) has no bias correction; some implementations take the maximum of the
    /// bias-corrected v.
    Amsgrad {
        /// Decay of the first moment.
        b1: f64,
        /// Decay of the second moment.
        b2: f64,
        /// Added to the bias-corrected root of the maximum second moment.
        eps: f64,
    },
    /// NAdam (Dozat) with PyTorch's momentum schedule; `momentum_decay` is fixed at 0.004.
    ///
    /// ```text
    /// μₜ   = b1·(1 − ½·0.96^(0.004·t)),   μₜ₊₁ likewise with t + 1
    /// Πₜ   = Πₜ₋₁·μₜ                       (Π₀ = 1, `OptState::mu_product`)
    /// mₜ, vₜ as Adam
    /// d    = √(vₜ / (1 − b2ᵗ)) + eps
    /// θ ← θ − lr·(1 − μₜ)/(1 − Πₜ) · gₜ/d − lr·μₜ₊₁/(1 − Πₜ·μₜ₊₁) · mₜ/d
    /// ```
    ///
    /// Defaults `b1 = 0.9`, `b2 = 0.999`, `eps = 1e-8`. Matches `torch.optim.NAdam`
    /// (`momentum_decay = 0.004`, `decoupled_weight_decay = False`). Elsewhere: Keras uses
    /// the same schedule; optax's `nadam` uses a constant b1 and plain Adam bias corrections.
    Nadam {
        /// Base decay of the first moment (the schedule μₜ tends to it).
        b1: f64,
        /// Decay of the second moment.
        b2: f64,
        /// Added to the bias-corrected root of the second moment.
        eps: f64,
    },
    /// Damped Newton: `θ ← θ − lr·(H + λI)⁻¹·g`. No torch counterpart.
    ///
    /// λ is chosen from the eigenvalues λ_min ≤ λ_max of the symmetrised Hessian
    /// (`b = (H₀₁ + H₁₀)/2`), with the floor `ε = 1e-6·max(1, |λ_max|)`:
    ///
    /// - if `λ_min ≥ ε`, then `λ = 0` (pure Newton);
    /// - otherwise `λ = max(|λ_min|, ε) − λ_min`, so the smallest eigenvalue of `H + λI`
    ///   becomes `max(|λ_min|, ε)`: negative curvature is mirrored to its magnitude (at a
    ///   saddle the step goes downhill along the negative direction at the size Newton
    ///   would take on the mirrored bowl), and near-zero curvature is lifted to ε.
    ///
    /// λ is stored in `OptState::newton_lambda`. The 2×2 system is solved in closed form
    /// (Cramer's rule). If θ, g or H contains a non-finite number (or no Hessian is
    /// given) the new θ is `[NaN, NaN]`; it never panics. Default lr 1.0.
    /// Elsewhere: Levenberg–Marquardt adapts λ from the loss; trust-region methods
    /// bound the step instead; "saddle-free Newton" uses |H| (all eigenvalues mirrored).
    Newton,
}

/// Everything the optimizer carries between steps, exposed so the page can draw and explain it.
#[derive(Clone, Debug, PartialEq)]
pub struct OptState {
    /// Number of updates done so far (torch's `step`).
    pub t: u64,
    /// SGD momentum buffer; `None` before the first step (torch: the first step sets it to g).
    pub momentum_buf: Option<Point>,
    /// First moment (Adam family: `exp_avg`).
    pub m: Point,
    /// Second moment: Adam family `exp_avg_sq`, RMSprop and Adadelta `square_avg`,
    /// Adagrad `sum`.
    pub v: Point,
    /// AMSGrad's running maximum of `v` (`max_exp_avg_sq`).
    pub v_max: Point,
    /// Adadelta's running average of squared steps (`acc_delta`).
    pub acc_delta: Point,
    /// NAdam's running product of the momentum schedule (`mu_product`), starting at 1.
    pub mu_product: f64,
    /// The actual update `θ_new − θ_old` of the last step.
    pub last_step: Point,
    /// The effective per-coordinate step size of the last update: `|Δθᵢ / gᵢ|` where
    /// `gᵢ ≠ 0` (Δθ = `last_step`, including AdamW's decay), else the nominal lr passed to
    /// that update. It equals lr for plain gradient descent.
    pub effective_lr: Point,
    /// λ added to H in the last Newton step (0 if none).
    pub newton_lambda: f64,
    /// Powers of b1, b2 and NAdam's 0.96 computed once per run instead of per step.
    powers: Powers,
}

/// A cache of the powers the Adam family needs ([`PowSeq`] per base), filled on first use.
/// It holds nothing but values that follow from the hyperparameters and t, so two states
/// are equal whatever their caches hold.
#[derive(Clone, Debug, Default)]
struct Powers {
    b1: Option<PowSeq>,
    b2: Option<PowSeq>,
    /// NAdam's 0.96^(0.004·t): the sequence, and the last exponent with its power (μₜ₊₁ of
    /// one step is μₜ of the next).
    nadam: Option<(PowSeq, f64, f64)>,
}

impl PartialEq for Powers {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The sequence for base `b` in `slot`, made anew if the slot is empty or holds another base.
#[inline(always)]
fn seq_for(slot: &mut Option<PowSeq>, b: f64) -> &mut PowSeq {
    match slot {
        Some(s) if s.base().to_bits() == b.to_bits() => {}
        _ => *slot = Some(PowSeq::new(b)),
    }
    slot.as_mut().expect("just filled")
}

/// `1.0 - libm::pow(b, t)`, bit for bit, through the cache.
#[inline(always)]
fn bias_correction(slot: &mut Option<PowSeq>, b: f64, t: u64) -> f64 {
    seq_for(slot, b).one_minus_pow(t)
}

/// `libm::pow(0.96, y)`, bit for bit, remembering the last answer.
fn nadam_pow(slot: &mut Option<(PowSeq, f64, f64)>, y: f64) -> f64 {
    let (seq, last_y, last) = slot.get_or_insert_with(|| (PowSeq::new(0.96), f64::NAN, 0.0));
    if y.to_bits() == last_y.to_bits() {
        return *last;
    }
    let p = seq.pow(y);
    (*last_y, *last) = (y, p);
    p
}

impl Default for OptState {
    fn default() -> Self {
        Self::new()
    }
}

impl OptState {
    /// The state before the first step: zeros everywhere, no momentum buffer, `mu_product = 1`.
    pub fn new() -> Self {
        OptState {
            t: 0,
            momentum_buf: None,
            m: [0.0; 2],
            v: [0.0; 2],
            v_max: [0.0; 2],
            acc_delta: [0.0; 2],
            mu_product: 1.0,
            last_step: [0.0; 2],
            effective_lr: [0.0; 2],
            newton_lambda: 0.0,
            powers: Powers::default(),
        }
    }

    /// The state that `opt` actually uses, as named per-coordinate values, for display.
    ///
    /// Scalars (such as `mu_product` or `newton_lambda`) are given as `[x, x]`. The names
    /// are torch's where torch has one. `last_step` and `effective_lr` are always listed.
    pub fn describe(&self, opt: &Optimizer) -> Vec<(&'static str, Point)> {
        let mut out: Vec<(&'static str, Point)> = Vec::new();
        match opt {
            Optimizer::Gd | Optimizer::Newton => {}
            Optimizer::Momentum { .. } | Optimizer::Nesterov { .. } => {
                out.push(("momentum_buffer", self.momentum_buf.unwrap_or([0.0; 2])))
            }
            Optimizer::Adagrad { .. } => out.push(("sum", self.v)),
            Optimizer::Rmsprop { .. } => out.push(("square_avg", self.v)),
            Optimizer::Adadelta { .. } => {
                out.push(("square_avg", self.v));
                out.push(("acc_delta", self.acc_delta));
            }
            Optimizer::Adam { .. } | Optimizer::AdamW { .. } => {
                out.push(("exp_avg", self.m));
                out.push(("exp_avg_sq", self.v));
            }
            Optimizer::Amsgrad { .. } => {
                out.push(("exp_avg", self.m));
                out.push(("exp_avg_sq", self.v));
                out.push(("max_exp_avg_sq", self.v_max));
            }
            Optimizer::Nadam { .. } => {
                out.push(("exp_avg", self.m));
                out.push(("exp_avg_sq", self.v));
                out.push(("mu_product", [self.mu_product; 2]));
            }
        }
        if matches!(opt, Optimizer::Newton) {
            out.push(("newton_lambda", [self.newton_lambda; 2]));
        }
        out.push(("last_step", self.last_step));
        out.push(("effective_lr", self.effective_lr));
        out
    }
}

/// Torch's `a.add_(b, alpha=s)` on CPU float64: one fused multiply-add.
#[inline(always)]
fn add_alpha(a: f64, b: f64, s: f64) -> f64 {
    s.mul_add(b, a)
}

/// Torch's `a.addcmul_(b, c, value=s)` on CPU float64: `fma(s·b, c, a)`.
#[inline(always)]
fn addcmul(a: f64, b: f64, c: f64, s: f64) -> f64 {
    (s * b).mul_add(c, a)
}

/// Torch's `a.addcdiv_(b, c, value=s)` on CPU float64: `a + (s·b)/c`.
#[inline(always)]
fn addcdiv(a: f64, b: f64, c: f64, s: f64) -> f64 {
    a + s * b / c
}

/// Torch's `a.lerp_(b, w)` on CPU float64.
#[inline(always)]
fn lerp(a: f64, b: f64, w: f64) -> f64 {
    if w.abs() < 0.5 {
        w.mul_add(b - a, a)
    } else {
        (w - 1.0).mul_add(b - a, b)
    }
}

/// `torch.maximum`: propagates NaN (unlike `f64::max`).
#[inline(always)]
fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a >= b {
        a
    } else {
        b
    }
}

/// Applies `f` to both coordinates.
#[inline(always)]
fn map2(f: impl Fn(usize) -> f64) -> Point {
    [f(0), f(1)]
}

impl Optimizer {
    /// Every optimizer name, in menu order (the same strings as [`Optimizer::name`]).
    pub const NAMES: [&'static str; 11] = [
        "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "amsgrad",
        "nadam", "newton",
    ];

    /// The short lowercase name used in settings and URLs.
    pub fn name(&self) -> &'static str {
        match self {
            Optimizer::Gd => "gd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Nesterov { .. } => "nesterov",
            Optimizer::Adagrad { .. } => "adagrad",
            Optimizer::Rmsprop { .. } => "rmsprop",
            Optimizer::Adadelta { .. } => "adadelta",
            Optimizer::Adam { .. } => "adam",
            Optimizer::AdamW { .. } => "adamw",
            Optimizer::Amsgrad { .. } => "amsgrad",
            Optimizer::Nadam { .. } => "nadam",
            Optimizer::Newton => "newton",
        }
    }

    /// The optimizer called `name` with torch's default hyperparameters, or `None`.
    ///
    /// Defaults: mom 0.9; Adagrad eps 1e-10; RMSprop rho 0.99, eps 1e-8; Adadelta rho 0.9,
    /// eps 1e-6; Adam family b1 0.9, b2 0.999, eps 1e-8; AdamW wd 0.01.
    pub fn default_for(name: &str) -> Option<Optimizer> {
        let (b1, b2, eps) = (0.9, 0.999, 1e-8);
        Some(match name {
            "gd" => Optimizer::Gd,
            "momentum" => Optimizer::Momentum { mom: 0.9 },
            "nesterov" => Optimizer::Nesterov { mom: 0.9 },
            "adagrad" => Optimizer::Adagrad { eps: 1e-10 },
            "rmsprop" => Optimizer::Rmsprop {
                rho: 0.99,
                eps: 1e-8,
            },
            "adadelta" => Optimizer::Adadelta {
                rho: 0.9,
                eps: 1e-6,
            },
            "adam" => Optimizer::Adam { b1, b2, eps },
            "adamw" => Optimizer::AdamW {
                b1,
                b2,
                eps,
                wd: 0.01,
            },
            "amsgrad" => Optimizer::Amsgrad { b1, b2, eps },
            "nadam" => Optimizer::Nadam { b1, b2, eps },
            "newton" => Optimizer::Newton,
            _ => return None,
        })
    }

    /// A sensible starting learning rate for the optimizer called `name`.
    ///
    /// 1.0 for Adadelta (torch's default; the rule is nearly lr-free) and Newton (the full
    /// Newton step); 0.01 for every other name, unknown names included. (Torch's own
    /// defaults are 1e-3 for SGD and Adam, 2e-3 for NAdam; 0.01 moves visibly on the
    /// playground's landscapes, which span a few units.)
    pub fn default_lr(name: &str) -> f64 {
        match name {
            "adadelta" | "newton" => 1.0,
            _ => 0.01,
        }
    }

    /// The settings keys this optimizer reads, in display order.
    pub fn hyperparameters(&self) -> &'static [&'static str] {
        match self {
            Optimizer::Gd | Optimizer::Newton => &[],
            Optimizer::Momentum { .. } | Optimizer::Nesterov { .. } => &["mom"],
            Optimizer::Adagrad { .. } => &["eps"],
            Optimizer::Rmsprop { .. } | Optimizer::Adadelta { .. } => &["rho", "eps"],
            Optimizer::Adam { .. } | Optimizer::Amsgrad { .. } | Optimizer::Nadam { .. } => {
                &["b1", "b2", "eps"]
            }
            Optimizer::AdamW { .. } => &["b1", "b2", "eps", "wd"],
        }
    }

    /// The value of hyperparameter `key` (one of [`Optimizer::hyperparameters`]), or `None`.
    pub fn get(&self, key: &str) -> Option<f64> {
        let mut copy = *self;
        copy.slot(key).map(|v| *v)
    }

    /// The storage of hyperparameter `key`, if this optimizer has it.
    fn slot(&mut self, key: &str) -> Option<&mut f64> {
        match (self, key) {
            (Optimizer::Momentum { mom } | Optimizer::Nesterov { mom }, "mom") => Some(mom),
            (Optimizer::Adagrad { eps }, "eps") => Some(eps),
            (Optimizer::Rmsprop { rho, .. } | Optimizer::Adadelta { rho, .. }, "rho") => Some(rho),
            (Optimizer::Rmsprop { eps, .. } | Optimizer::Adadelta { eps, .. }, "eps") => Some(eps),
            (Optimizer::AdamW { wd, .. }, "wd") => Some(wd),
            (
                Optimizer::Adam { b1, b2, eps }
                | Optimizer::AdamW { b1, b2, eps, .. }
                | Optimizer::Amsgrad { b1, b2, eps }
                | Optimizer::Nadam { b1, b2, eps },
                k,
            ) => match k {
                "b1" => Some(b1),
                "b2" => Some(b2),
                "eps" => Some(eps),
                _ => None,
            },
            _ => None,
        }
    }

    /// Sets hyperparameter `key` to `value`; returns `false` (and changes nothing) if this
    /// optimizer has no such key. No range check is made.
    pub fn set(&mut self, key: &str, value: f64) -> bool {
        let slot = self.slot(key);
        match slot {
            Some(s) => {
                *s = value;
                true
            }
            None => false,
        }
    }

    /// Whether [`Optimizer::update`] needs the Hessian (only Newton).
    pub fn needs_hessian(&self) -> bool {
        matches!(self, Optimizer::Newton)
    }

    /// One update. Returns the new θ. `hess` is Some(H at θ) iff needs_hessian(). Mutates state.
    ///
    /// `state.t` is incremented first (so it counts this update, as torch's `step`);
    /// `state.last_step` and `state.effective_lr` describe this update afterwards.
    /// Non-finite inputs give a non-finite θ; this never panics.
    pub fn update(
        &self,
        state: &mut OptState,
        theta: Point,
        grad: Point,
        lr: f64,
        hess: Option<Hessian>,
    ) -> Point {
        let new = self.rule(state, theta, grad, lr, hess);
        describe_step(state, theta, new, grad, lr);
        new
    }

    /// Hands `with` this optimizer's first-order rule as a type of its own, so that a loop
    /// over many steps is compiled once per optimizer with no dispatch inside it. The rule
    /// passes no Hessian: a caller takes Newton ([`Optimizer::needs_hessian`]) step by step
    /// instead (its arm is here only to keep the match whole).
    pub(crate) fn with_rule<W: WithRule>(&self, with: W) -> W::Output {
        macro_rules! each {
            ($($variant:ident $({ $($field:ident),* })?),*) => {
                match *self {
                    $(Optimizer::$variant $({ $($field: _),* })? => {
                        #[derive(Clone, Copy)]
                        struct This;
                        impl Rule for This {
                            // Inlined by force, also into the loop's FMA build.
                            #[inline(always)]
                            fn apply(self, opt: Optimizer, state: &mut OptState, theta: Point, grad: Point, lr: f64) -> Point {
                                match opt {
                                    Optimizer::$variant $({ $($field),* })? => {
                                        Optimizer::$variant $({ $($field),* })?.rule(state, theta, grad, lr, None)
                                    }
                                    _ => unreachable!("with_rule pairs each optimizer with its own rule"),
                                }
                            }
                        }
                        with.call(*self, This)
                    })*
                }
            };
        }
        each!(
            Gd,
            Momentum { mom },
            Nesterov { mom },
            Adagrad { eps },
            Rmsprop { rho, eps },
            Adadelta { rho, eps },
            Adam { b1, b2, eps },
            AdamW { b1, b2, eps, wd },
            Amsgrad { b1, b2, eps },
            Nadam { b1, b2, eps },
            Newton
        )
    }

    /// The update rule alone: [`Optimizer::update`] without filling `state.last_step` and
    /// `state.effective_lr`, which a run fills once after its last step
    /// ([`describe_step`]) instead of at every step.
    #[inline(always)]
    pub(crate) fn rule(
        &self,
        state: &mut OptState,
        theta: Point,
        grad: Point,
        lr: f64,
        hess: Option<Hessian>,
    ) -> Point {
        state.t += 1;
        let t = state.t as f64;
        let g = grad;
        let new: Point = match *self {
            Optimizer::Gd => map2(|i| add_alpha(theta[i], g[i], -lr)),
            Optimizer::Momentum { mom } | Optimizer::Nesterov { mom } => {
                if mom == 0.0 {
                    // torch skips the buffer when momentum == 0.
                    map2(|i| add_alpha(theta[i], g[i], -lr))
                } else {
                    let buf = match state.momentum_buf {
                        None => g,
                        Some(b) => map2(|i| add_alpha(b[i] * mom, g[i], 1.0)),
                    };
                    state.momentum_buf = Some(buf);
                    let d = if matches!(self, Optimizer::Nesterov { .. }) {
                        map2(|i| add_alpha(g[i], buf[i], mom))
                    } else {
                        buf
                    };
                    map2(|i| add_alpha(theta[i], d[i], -lr))
                }
            }
            Optimizer::Adagrad { eps } => {
                let clr = lr / (1.0 + (t - 1.0) * 0.0);
                state.v = map2(|i| addcmul(state.v[i], g[i], g[i], 1.0));
                map2(|i| {
                    let std = state.v[i].sqrt() + eps;
                    addcdiv(theta[i], g[i], std, -clr)
                })
            }
            Optimizer::Rmsprop { rho, eps } => {
                state.v = map2(|i| addcmul(state.v[i] * rho, g[i], g[i], 1.0 - rho));
                map2(|i| {
                    let avg = state.v[i].sqrt() + eps;
                    addcdiv(theta[i], g[i], avg, -lr)
                })
            }
            Optimizer::Adadelta { rho, eps } => {
                state.v = map2(|i| addcmul(state.v[i] * rho, g[i], g[i], 1.0 - rho));
                let delta = map2(|i| {
                    let std = (state.v[i] + eps).sqrt();
                    (state.acc_delta[i] + eps).sqrt() / std * g[i]
                });
                state.acc_delta =
                    map2(|i| addcmul(state.acc_delta[i] * rho, delta[i], delta[i], 1.0 - rho));
                map2(|i| add_alpha(theta[i], delta[i], -lr))
            }
            Optimizer::Adam { b1, b2, eps } => adam(state, theta, g, lr, b1, b2, eps, 0.0, false),
            Optimizer::AdamW { b1, b2, eps, wd } => {
                adam(state, theta, g, lr, b1, b2, eps, wd, false)
            }
            Optimizer::Amsgrad { b1, b2, eps } => adam(state, theta, g, lr, b1, b2, eps, 0.0, true),
            Optimizer::Nadam { b1, b2, eps } => {
                let momentum_decay = 0.004;
                let bias_correction2 = bias_correction(&mut state.powers.b2, b2, state.t);
                let pw = &mut state.powers.nadam;
                let mu = b1 * (1.0 - 0.5 * nadam_pow(pw, t * momentum_decay));
                let mu_next = b1 * (1.0 - 0.5 * nadam_pow(pw, (t + 1.0) * momentum_decay));
                state.mu_product *= mu;
                state.m = map2(|i| lerp(state.m[i], g[i], 1.0 - b1));
                state.v = map2(|i| addcmul(state.v[i] * b2, g[i], g[i], 1.0 - b2));
                let mu_product_next = state.mu_product * mu_next;
                let c1 = -lr * (1.0 - mu) / (1.0 - state.mu_product);
                let c2 = (-lr * mu_next) / (1.0 - mu_product_next);
                map2(|i| {
                    let denom = (state.v[i] / bias_correction2).sqrt() + eps;
                    let p = addcdiv(theta[i], g[i], denom, c1);
                    addcdiv(p, state.m[i], denom, c2)
                })
            }
            Optimizer::Newton => {
                let (new, lambda) = newton(theta, g, lr, hess);
                state.newton_lambda = lambda;
                new
            }
        };
        new
    }
}

/// What to do with an optimizer's rule ([`Optimizer::with_rule`]).
pub(crate) trait WithRule {
    /// What the call gives back.
    type Output;
    /// Called with the optimizer and its rule: `rule(optimizer, state, θ, gradient, lr)` gives
    /// the new θ.
    fn call(self, optimizer: Optimizer, rule: impl Rule) -> Self::Output;
}

/// An optimizer's rule, of a type of its own ([`Optimizer::with_rule`]).
pub(crate) trait Rule: Copy {
    /// The new θ after one update of `state` by `optimizer` with this gradient and lr.
    fn apply(
        self,
        optimizer: Optimizer,
        state: &mut OptState,
        theta: Point,
        grad: Point,
        lr: f64,
    ) -> Point;
}

/// Fills `state.last_step` and `state.effective_lr` for the update θ → `new` made with
/// gradient `g` and learning rate `lr`.
pub(crate) fn describe_step(state: &mut OptState, theta: Point, new: Point, g: Point, lr: f64) {
    state.last_step = map2(|i| new[i] - theta[i]);
    state.effective_lr = map2(|i| {
        if g[i] != 0.0 {
            (state.last_step[i] / g[i]).abs()
        } else {
            lr
        }
    });
}

/// Torch's `_single_tensor_adam` (also AdamW when `wd != 0`, AMSGrad when `amsgrad`).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn adam(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    b1: f64,
    b2: f64,
    eps: f64,
    wd: f64,
    amsgrad: bool,
) -> Point {
    let mut p = theta;
    if wd != 0.0 {
        let f = 1.0 - lr * wd;
        p = map2(|i| p[i] * f);
    }
    state.m = map2(|i| lerp(state.m[i], g[i], 1.0 - b1));
    state.v = map2(|i| addcmul(state.v[i] * b2, g[i], g[i], 1.0 - b2));
    let bias_correction1 = bias_correction(&mut state.powers.b1, b1, state.t);
    let bias_correction2 = bias_correction(&mut state.powers.b2, b2, state.t);
    // lr / 1.0 is lr exactly: after the first few hundred steps no division is needed.
    let step_size = if bias_correction1 == 1.0 {
        lr
    } else {
        lr / bias_correction1
    };
    // `libm::pow(x, 0.5)` is `sqrt(x)` for x with a clear sign bit (NaN included: both give
    // x's NaN); 1.0 once b2ᵗ is negligible.
    let bias_correction2_sqrt = if bias_correction2 == 1.0 {
        1.0
    } else if bias_correction2.is_sign_positive() {
        bias_correction2.sqrt()
    } else {
        libm::pow(bias_correction2, 0.5)
    };
    let second = if amsgrad {
        state.v_max = map2(|i| nan_max(state.v_max[i], state.v[i]));
        state.v_max
    } else {
        state.v
    };
    let m = state.m;
    if bias_correction2_sqrt == 1.0 {
        // x / 1.0 is x exactly: once b2ᵗ is negligible the division is left out, which
        // shortens the chain from one θ to the next.
        map2(|i| addcdiv(p[i], m[i], second[i].sqrt() + eps, -step_size))
    } else {
        map2(|i| {
            let denom = second[i].sqrt() / bias_correction2_sqrt + eps;
            addcdiv(p[i], m[i], denom, -step_size)
        })
    }
}

/// The damped Newton step; returns the new θ and the λ used (see [`Optimizer::Newton`]).
fn newton(theta: Point, g: Point, lr: f64, hess: Option<Hessian>) -> (Point, f64) {
    let nan = ([f64::NAN; 2], 0.0);
    let Some(h) = hess else { return nan };
    let a = h[0][0];
    let c = h[1][1];
    let b = 0.5 * (h[0][1] + h[1][0]);
    let all = [theta[0], theta[1], g[0], g[1], a, b, c, lr];
    if all.iter().any(|x| !x.is_finite()) {
        return nan;
    }
    let mean = 0.5 * (a + c);
    let r = libm::hypot(0.5 * (a - c), b);
    let l_min = mean - r;
    let l_max = mean + r;
    let floor = 1e-6 * l_max.abs().max(1.0);
    let lambda = if l_min >= floor {
        0.0
    } else {
        l_min.abs().max(floor) - l_min
    };
    let (a2, c2) = (a + lambda, c + lambda);
    let det = a2 * c2 - b * b;
    let d0 = (c2 * g[0] - b * g[1]) / det;
    let d1 = (a2 * g[1] - b * g[0]) / det;
    ([theta[0] - lr * d0, theta[1] - lr * d1], lambda)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f64::mul_add` and `f64::sqrt` are exactly rounded, so they must give `libm`'s bits;
    /// checked on random bit patterns (specials and subnormals included) and ordinary values.
    #[test]
    fn mul_add_and_sqrt_are_libms_bits() {
        let mut rng = crate::rng::Rng::new(7);
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
        for k in 0..200_000 {
            let [a, b, c] = if k % 2 == 0 {
                [0; 3].map(|_| f64::from_bits(rng.next_u64()))
            } else {
                [0; 3].map(|_| rng.uniform(-4.0, 4.0))
            };
            assert!(
                same(a.mul_add(b, c), libm::fma(a, b, c)),
                "fma({a:e}, {b:e}, {c:e})"
            );
            assert!(same(a.sqrt(), libm::sqrt(a)), "sqrt({a:e})");
        }
    }

    fn all_defaults() -> Vec<Optimizer> {
        Optimizer::NAMES
            .iter()
            .map(|n| Optimizer::default_for(n).unwrap())
            .collect()
    }

    #[test]
    fn names_round_trip() {
        for (i, o) in all_defaults().iter().enumerate() {
            assert_eq!(o.name(), Optimizer::NAMES[i]);
            for k in o.hyperparameters() {
                let v = o.get(k).unwrap_or_else(|| panic!("{} lacks {k}", o.name()));
                let mut o2 = *o;
                assert!(o2.set(k, v + 1.0));
                assert_eq!(o2.get(k), Some(v + 1.0));
            }
            let mut o2 = *o;
            assert!(!o2.set("nope", 1.0));
            assert_eq!(o2, *o);
            assert_eq!(o.needs_hessian(), o.name() == "newton");
        }
        assert_eq!(Optimizer::default_for("sgd"), None);
        assert_eq!(Optimizer::default_lr("adadelta"), 1.0);
        assert_eq!(Optimizer::default_lr("adam"), 0.01);
        assert_eq!(OptState::default().mu_product, 1.0);
    }

    /// Gradient of the ellipse x² + 25y².
    fn ellipse_grad(p: Point) -> Point {
        [2.0 * p[0], 50.0 * p[1]]
    }

    #[test]
    fn momentum_zero_equals_gd() {
        for mom_opt in [
            Optimizer::Momentum { mom: 0.0 },
            Optimizer::Nesterov { mom: 0.0 },
        ] {
            let (mut a, mut b) = ([1.5, -0.7], [1.5, -0.7]);
            let (mut sa, mut sb) = (OptState::new(), OptState::new());
            for _ in 0..50 {
                a = Optimizer::Gd.update(&mut sa, a, ellipse_grad(a), 0.03, None);
                b = mom_opt.update(&mut sb, b, ellipse_grad(b), 0.03, None);
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn first_momentum_step_is_a_gd_step() {
        let p = [1.5, -0.7];
        let g = ellipse_grad(p);
        let gd = Optimizer::Gd.update(&mut OptState::new(), p, g, 0.03, None);
        let mut s = OptState::new();
        let mo = Optimizer::Momentum { mom: 0.9 }.update(&mut s, p, g, 0.03, None);
        assert_eq!(gd, mo);
        assert_eq!(s.momentum_buf, Some(g));
        assert_eq!(s.t, 1);
        // Second step: buf = 0.9·g₁ + g₂.
        let g2 = ellipse_grad(mo);
        let mo2 = Optimizer::Momentum { mom: 0.9 }.update(&mut s, mo, g2, 0.03, None);
        for i in 0..2 {
            let buf = 0.9 * g[i] + g2[i];
            assert!((s.momentum_buf.unwrap()[i] - buf).abs() < 1e-12);
            assert!((mo2[i] - (mo[i] - 0.03 * buf)).abs() < 1e-12);
        }
    }

    #[test]
    fn gd_effective_lr_is_lr() {
        let mut s = OptState::new();
        Optimizer::Gd.update(&mut s, [1.0, 0.0], [0.5, 0.0], 0.25, None);
        assert_eq!(s.effective_lr, [0.25, 0.25]);
        assert_eq!(s.last_step, [-0.125, 0.0]);
    }

    #[test]
    fn adam_first_step_moves_lr_per_coordinate() {
        // With bias correction, Adam's first step is lr·sign(g) (up to eps).
        let mut s = OptState::new();
        let opt = Optimizer::default_for("adam").unwrap();
        let p = opt.update(&mut s, [1.0, -2.0], [3.0, -0.001], 0.1, None);
        assert!((p[0] - 0.9).abs() < 1e-6, "{p:?}");
        assert!((p[1] - (-1.9)).abs() < 1e-4, "{p:?}");
    }

    #[test]
    fn adam_b1_zero_is_rmsprop_like() {
        // b1 = 0: m = g exactly (lerp with weight 1).
        let mut s = OptState::new();
        let opt = Optimizer::Adam {
            b1: 0.0,
            b2: 0.999,
            eps: 1e-8,
        };
        opt.update(&mut s, [1.0, 1.0], [0.3, -7.0], 0.01, None);
        opt.update(&mut s, [1.0, 1.0], [0.2, 5.0], 0.01, None);
        assert_eq!(s.m, [0.2, 5.0]);
    }

    #[test]
    fn newton_solves_a_quadratic_in_one_step() {
        // f = x² + 25y² + xy, H = [[2,1],[1,50]], minimum at 0.
        let h = [[2.0, 1.0], [1.0, 50.0]];
        let p = [1.7, -0.4];
        let g = [2.0 * p[0] + p[1], 50.0 * p[1] + p[0]];
        let mut s = OptState::new();
        let q = Optimizer::Newton.update(&mut s, p, g, 1.0, Some(h));
        assert_eq!(s.newton_lambda, 0.0);
        assert!(q[0].abs() < 1e-15 && q[1].abs() < 1e-15, "{q:?}");
        // Hand-computed: H⁻¹ = [[50,-1],[-1,2]]/99.
        let p = [1.0, 1.0];
        let g = [3.0, 51.0];
        let q = Optimizer::Newton.update(&mut s, p, g, 0.5, Some(h));
        let d = [(50.0 * 3.0 - 51.0) / 99.0, (-3.0 + 2.0 * 51.0) / 99.0];
        assert!((q[0] - (1.0 - 0.5 * d[0])).abs() < 1e-15);
        assert!((q[1] - (1.0 - 0.5 * d[1])).abs() < 1e-15);
    }

    #[test]
    fn newton_at_a_saddle_adds_lambda_and_goes_downhill() {
        // f = x² − y², H = diag(2, −2): λ = 4, H + λI = diag(6, 2).
        let f = |p: Point| p[0] * p[0] - p[1] * p[1];
        let p = [0.5, 0.25];
        let g = [2.0 * p[0], -2.0 * p[1]];
        let mut s = OptState::new();
        let q = Optimizer::Newton.update(&mut s, p, g, 1.0, Some([[2.0, 0.0], [0.0, -2.0]]));
        assert_eq!(s.newton_lambda, 4.0);
        assert!(f(q) < f(p));
        assert!((q[0] - (0.5 - 1.0 / 6.0)).abs() < 1e-15);
        assert!((q[1] - 0.5).abs() < 1e-15);
        // Singular H = diag(2, 0): λ = floor = 2e-6.
        let q =
            Optimizer::Newton.update(&mut s, p, [1.0, 0.0], 1.0, Some([[2.0, 0.0], [0.0, 0.0]]));
        assert_eq!(s.newton_lambda, 2e-6);
        assert!(q.iter().all(|x| x.is_finite()));
    }

    #[test]
    fn non_finite_gradient_gives_non_finite_theta() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for opt in all_defaults() {
                let mut s = OptState::new();
                let h = Some([[2.0, 0.0], [0.0, 2.0]]);
                let hess = if opt.needs_hessian() { h } else { None };
                let p = opt.update(&mut s, [1.0, 1.0], [1.0, 1.0], 0.1, hess);
                assert!(p.iter().all(|x| x.is_finite()));
                let q = opt.update(&mut s, p, [bad, 1.0], 0.1, hess);
                assert!(
                    q.iter().any(|x| !x.is_finite()),
                    "{} with g = {bad}: {q:?}",
                    opt.name()
                );
            }
        }
        // A non-finite Hessian, or none at all, also gives NaN for Newton.
        let mut s = OptState::new();
        let q = Optimizer::Newton.update(&mut s, [1.0, 1.0], [1.0, 1.0], 1.0, None);
        assert!(q[0].is_nan());
        let q = Optimizer::Newton.update(
            &mut s,
            [1.0, 1.0],
            [1.0, 1.0],
            1.0,
            Some([[f64::NAN, 0.0], [0.0, 1.0]]),
        );
        assert!(q[0].is_nan());
    }

    #[test]
    fn describe_lists_the_used_state() {
        let mut s = OptState::new();
        let opt = Optimizer::default_for("amsgrad").unwrap();
        opt.update(&mut s, [1.0, 1.0], [1.0, 2.0], 0.1, None);
        let names: Vec<_> = s.describe(&opt).iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "exp_avg",
                "exp_avg_sq",
                "max_exp_avg_sq",
                "last_step",
                "effective_lr"
            ]
        );
    }
}
