//! The update rules, one file per family: gradient descent, momentum, Nesterov (`sgd`), Adagrad, RMSprop, Adadelta, Adam, AdamW, AMSGrad (`adam`), NAdam, Adamax, RAdam, Rprop and damped Newton; their registry and the table of hyperparameters.
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
//! inputs). Both are platform details of torch itself. SGD, momentum, Nesterov, Adagrad,
//! RMSprop and Rprop match the fixtures exactly; the others to within 4e-16 relative per step,
//! except RAdam (3e-15): its ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ) subtracts two nearly equal numbers
//! while t is small, which magnifies a last-bit difference of `pow` a thousandfold.
//!
//! # Learning rate
//!
//! The learning rate is not part of [`Optimizer`]: the schedule supplies it at every step and
//! it is passed to [`Optimizer::update`]. [`Optimizer::default_lr`] gives a starting value.
//!
//! # Where things live
//!
//! Each family's file holds its update rule (one `update`, generic over an
//! [`observe::Observer`], so that the run loop compiles it with no observer at all and the
//! maths panel records its named terms) and, beside it, each of its optimizers' formula as
//! the maths panel shows it: a template naming those terms ([`template`]).
//! This file holds the list of optimizers, one entry each (variant, hyperparameters and their
//! defaults, name, torch class, starting lr, state, `update` call, stable learning rates on
//! the local quadratic as a [`Band`], formula), from which the
//! `optimizers!` macro of `registry.rs` writes [`OptimizerKind`], [`Optimizer`], the
//! [`REGISTRY`] and the rule dispatch; then the table of every hyperparameter
//! ([`HYPERPARAMETERS`]) and the state every rule carries ([`OptState`]).
//!
//! Adding an optimizer: its file (`update` and formula) with its `mod` line, one entry in
//! the list, its strings in both languages (`opt.<name>` in `web/strings.js`, the labels of
//! its state and terms in `web/maths.js`) and its torch fixture. A new hyperparameter also
//! needs its row in [`HYPERPARAMETERS`] and in the codec's field table. The tidy checks of
//! `cargo xtask test` name whatever is missing.
mod adadelta;
mod adagrad;
mod adam;
mod adamax;
mod nadam;
mod newton;
pub mod observe;
pub(crate) mod ops;
mod radam;
#[macro_use]
mod registry;
mod rmsprop;
mod rprop;
mod sgd;
pub mod template;

use crate::geometry::{Hessian, Point};
use crate::range::Range;
use observe::{Observer, Silent};
use ops::{map2, Powers};

/// One optimizer's line in the [`REGISTRY`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    /// Which optimizer.
    pub kind: OptimizerKind,
    /// The short lowercase name used in settings and URLs.
    pub name: &'static str,
    /// The torch.optim call it reproduces, or "" when torch has none.
    pub torch: &'static str,
    /// The optimizer with its default hyperparameters (torch's).
    pub default: Optimizer,
    /// A sensible starting learning rate.
    pub default_lr: f64,
    /// The settings keys it reads, in display order (rows of [`HYPERPARAMETERS`]).
    pub keys: &'static [&'static str],
    /// The state it carries, by torch's names, as [`OptState::describe`] lists it.
    pub state: &'static [&'static str],
    /// Its formula template (a constant in its family's file, notation in [`template`]): the
    /// rule as the maths panel writes it, and the same rule with one step's numbers, read
    /// from the terms its update records.
    pub formula: &'static str,
}

const ADAM_STATE: &[&str] = &["exp_avg", "exp_avg_sq"];

// Every optimizer, in menu order: one entry each. The `optimizers!` macro (`registry.rs`)
// writes from it the kinds, the variants, the [`REGISTRY`] and the rule dispatch.
//
// Learning rates: 1.0 for Adadelta (torch's default; the rule is nearly lr-free) and Newton
// (the full Newton step); 0.01 for the rest. (Torch's own defaults are 1e-3 for SGD, Adam and
// RAdam, 2e-3 for NAdam and Adamax, 1e-2 for Rprop; 0.01 moves visibly on the playground's
// landscapes, which span a few units.)
optimizers! {
    // The names that every `update:` call below may use: the state, θ, the gradient, the
    // learning rate, the Hessian (Some only for Newton) and the observer.
    update(state, theta, g, lr, hess, obs);
    // The name every `band:` expression may use: λ₁, the largest curvature at the point.
    band(lambda1);

    /// Plain gradient descent, `θ ← θ − lr·g`.
    ///
    /// Matches `torch.optim.SGD(momentum=0)`. Every library agrees on this one.
    Gd => {
        name: "gd",
        torch: "torch.optim.SGD",
        lr: 0.01,
        state: &[],
        update: sgd::update(state, theta, g, lr, 0.0, false, obs),
        band: sgd::band(lambda1, 0.0, false),
        formula: sgd::GD_FORMULA,
    },
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
        mom = 0.9,
    } => {
        name: "momentum",
        torch: "torch.optim.SGD(momentum=mom)",
        lr: 0.01,
        state: &["momentum_buffer"],
        update: sgd::update(state, theta, g, lr, mom, false, obs),
        band: sgd::band(lambda1, mom, false),
        formula: sgd::MOMENTUM_FORMULA,
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
        mom = 0.9,
    } => {
        name: "nesterov",
        torch: "torch.optim.SGD(momentum=mom, nesterov=True)",
        lr: 0.01,
        state: &["momentum_buffer"],
        update: sgd::update(state, theta, g, lr, mom, true, obs),
        band: sgd::band(lambda1, mom, true),
        formula: sgd::NESTEROV_FORMULA,
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
        eps = 1e-10,
    } => {
        name: "adagrad",
        torch: "torch.optim.Adagrad",
        lr: 0.01,
        state: &["sum"],
        update: adagrad::update(state, theta, g, lr, eps, obs),
        band: Band::Adaptive,
        formula: adagrad::FORMULA,
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
        rho = 0.99,
        /// Added to the root (outside the square root).
        eps = 1e-8,
    } => {
        name: "rmsprop",
        torch: "torch.optim.RMSprop(alpha=rho)",
        lr: 0.01,
        state: &["square_avg"],
        update: rmsprop::update(state, theta, g, lr, rho, eps, obs),
        band: Band::Adaptive,
        formula: rmsprop::FORMULA,
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
        rho = 0.9,
        /// Added inside both square roots.
        eps = 1e-6,
    } => {
        name: "adadelta",
        torch: "torch.optim.Adadelta",
        lr: 1.0,
        state: &["square_avg", "acc_delta"],
        update: adadelta::update(state, theta, g, lr, rho, eps, obs),
        band: Band::Adaptive,
        formula: adadelta::FORMULA,
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
        b1 = 0.9,
        /// Decay of the second moment.
        b2 = 0.999,
        /// Added to the bias-corrected root of the second moment.
        eps = 1e-8,
    } => {
        name: "adam",
        torch: "torch.optim.Adam",
        lr: 0.01,
        state: ADAM_STATE,
        update: adam::update(state, theta, g, lr, [b1, b2, eps, 0.0], false, false, obs),
        band: Band::Adaptive,
        formula: adam::ADAM_FORMULA,
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
        b1 = 0.9,
        /// Decay of the second moment.
        b2 = 0.999,
        /// Added to the bias-corrected root of the second moment.
        eps = 1e-8,
        /// Decoupled weight decay coefficient (multiplied by lr).
        wd = 0.01,
    } => {
        name: "adamw",
        torch: "torch.optim.AdamW",
        lr: 0.01,
        state: ADAM_STATE,
        update: adam::update(state, theta, g, lr, [b1, b2, eps, wd], true, false, obs),
        band: Band::Adaptive,
        formula: adam::ADAMW_FORMULA,
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
        b1 = 0.9,
        /// Decay of the second moment.
        b2 = 0.999,
        /// Added to the bias-corrected root of the maximum second moment.
        eps = 1e-8,
    } => {
        name: "amsgrad",
        torch: "torch.optim.Adam(amsgrad=True)",
        lr: 0.01,
        state: &["exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
        update: adam::update(state, theta, g, lr, [b1, b2, eps, 0.0], false, true, obs),
        band: Band::Adaptive,
        formula: adam::AMSGRAD_FORMULA,
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
        b1 = 0.9,
        /// Decay of the second moment.
        b2 = 0.999,
        /// Added to the bias-corrected root of the second moment.
        eps = 1e-8,
    } => {
        name: "nadam",
        torch: "torch.optim.NAdam",
        lr: 0.01,
        state: &["exp_avg", "exp_avg_sq", "mu_product"],
        update: nadam::update(state, theta, g, lr, b1, b2, eps, obs),
        band: Band::Adaptive,
        formula: nadam::FORMULA,
    },
    /// Adamax: Adam with the infinity norm (see `adamax.rs`).
    ///
    /// ```text
    /// mₜ = b1·mₜ₋₁ + (1 − b1)·gₜ
    /// uₜ = max(b2·uₜ₋₁, |gₜ| + eps)          (`OptState::v`)
    /// θ ← θ − lr/(1 − b1ᵗ) · mₜ/uₜ
    /// ```
    ///
    /// Defaults `b1 = 0.9`, `b2 = 0.999`, `eps = 1e-8`. Matches `torch.optim.Adamax` (whose
    /// own default lr is 2e-3). Elsewhere: Keras adds eps outside the maximum, to the
    /// denominator.
    Adamax {
        /// Decay of the first moment.
        b1 = 0.9,
        /// Decay of the infinity norm.
        b2 = 0.999,
        /// Added to |g| inside the maximum.
        eps = 1e-8,
    } => {
        name: "adamax",
        torch: "torch.optim.Adamax",
        lr: 0.01,
        state: &["exp_avg", "exp_inf"],
        update: adamax::update(state, theta, g, lr, b1, b2, eps, obs),
        band: Band::Adaptive,
        formula: adamax::FORMULA,
    },
    /// RAdam: rectified Adam (see `radam.rs`).
    ///
    /// ```text
    /// mₜ, vₜ as Adam;  m̂ₜ = mₜ/(1 − b1ᵗ)
    /// ρ∞ = 2/(1 − b2) − 1;  ρₜ = ρ∞ − 2t·b2ᵗ/(1 − b2ᵗ)
    /// ρₜ > 5:  θ ← θ − lr·m̂ₜ·√(1 − b2ᵗ)/(√vₜ + eps)·rₜ,
    ///          rₜ = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
    /// else:    θ ← θ − lr·m̂ₜ     (momentum SGD while the variance estimate is too young)
    /// ```
    ///
    /// The switch is torch's, decided afresh at every step. Defaults `b1 = 0.9`, `b2 = 0.999`,
    /// `eps = 1e-8`; with them the adaptive step starts at t = 6. Matches `torch.optim.RAdam`
    /// (`decoupled_weight_decay = False`). Elsewhere: the paper's reference code switches at
    /// ρₜ ≥ 5 and some ports at ρₜ > 4.
    Radam {
        /// Decay of the first moment.
        b1 = 0.9,
        /// Decay of the second moment.
        b2 = 0.999,
        /// Added to the root of the second moment.
        eps = 1e-8,
    } => {
        name: "radam",
        torch: "torch.optim.RAdam",
        lr: 0.01,
        state: ADAM_STATE,
        update: radam::update(state, theta, g, lr, b1, b2, eps, obs),
        band: Band::Adaptive,
        formula: radam::FORMULA,
    },
    /// Rprop: resilient backpropagation (see `rprop.rs`); only the gradient's sign moves θ.
    ///
    /// ```text
    /// sₜ = etaplus if gₜ·gₜ₋₁ > 0, etaminus if < 0, else 1
    /// δₜ = clamp(δₜ₋₁·sₜ, stepmin, stepmax)      (δ₀ = lr, `OptState::step_size`)
    /// gₜ ← 0 where sₜ = etaminus                 (kept as gₜ₋₁ for the next step, `OptState::prev`)
    /// θ ← θ − sign(gₜ)·δₜ
    /// ```
    ///
    /// Defaults `etaminus = 0.5`, `etaplus = 1.2`, `stepmin = 1e-6`, `stepmax = 50`, as torch's
    /// `etas` and `step_sizes`. Matches `torch.optim.Rprop`. The learning rate is only the first
    /// step size. Elsewhere: iRprop⁻ is this variant; Rprop⁺ also undoes the last step when
    /// the sign flips.
    Rprop {
        /// The factor that shrinks a step size when its gradient changes sign, in (0, 1).
        etaminus = 0.5,
        /// The factor that grows a step size while its gradient keeps its sign, above 1.
        etaplus = 1.2,
        /// The smallest step size.
        stepmin = 1e-6,
        /// The largest step size.
        stepmax = 50.0,
    } => {
        name: "rprop",
        torch: "torch.optim.Rprop",
        lr: 0.01,
        state: &["prev", "step_size"],
        update: rprop::update(state, theta, g, lr, [etaminus, etaplus, stepmin, stepmax], obs),
        band: Band::SignOnly,
        formula: rprop::FORMULA,
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
    Newton => {
        name: "newton",
        torch: "",
        lr: 1.0,
        state: &["newton_lambda"],
        update: newton::update(state, theta, g, lr, hess, obs),
        band: Band::Newton,
        formula: newton::FORMULA,
    },
}

/// The learning rates for which an optimizer's step is stable on the local quadratic model
/// f(θ) ≈ ½·(θ − θ*)ᵀH(θ − θ*) of the shown point ([`Optimizer::band`]): the band the
/// page marks on its learning-rate slider. Each variant has a code the page words it by
/// (`band.<code>` in `web/strings.js`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Band {
    /// Stable for 0 < lr < the bound (λ₁ > 0).
    Below(f64),
    /// λ₁ ≤ 0: no direction curves up, so curvature sets no upper bound (and nothing
    /// converges to a minimum here either).
    Unbounded,
    /// No learning rate is stable: heavy ball with μ = 1 keeps its energy for ever.
    Never,
    /// The curvature is not finite.
    Unknown,
    /// An adaptive rule divides by its own running gradient statistics, so the step it
    /// takes is not lr times the gradient and no bound in lr alone follows from λ₁.
    Adaptive,
    /// Rprop moves by the gradient's sign with step sizes it adapts itself; lr is only the
    /// first step size.
    SignOnly,
    /// Newton divides by the curvature itself: on a bowl every lr in (0, 2) converges,
    /// whatever λ₁ is.
    Newton,
}

impl Band {
    /// The code the page words it by.
    pub fn code(self) -> &'static str {
        match self {
            Band::Below(_) => "below",
            Band::Unbounded => "unbounded",
            Band::Never => "never",
            Band::Unknown => "unknown",
            Band::Adaptive => "adaptive",
            Band::SignOnly => "sign",
            Band::Newton => "newton",
        }
    }

    /// The upper bound of the stable learning rates, when there is one.
    pub fn bound(self) -> Option<f64> {
        match self {
            Band::Below(b) => Some(b),
            _ => None,
        }
    }

    /// Every code, for the string tables' check.
    pub const CODES: [&'static str; 7] = [
        "below",
        "unbounded",
        "never",
        "unknown",
        "adaptive",
        "sign",
        "newton",
    ];
}

/// One hyperparameter key: its range and which optimizers read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyperparameter {
    /// The settings key.
    pub key: &'static str,
    /// The settings' default; `None` where each optimizer has its own (its registry default).
    pub default: Option<f64>,
    /// The interval of allowed values (the codec's range of the key).
    pub range: Range,
    /// What is allowed, in words.
    pub allowed: &'static str,
}

impl Hyperparameter {
    /// Whether `x` is in range (and finite).
    pub fn allows(&self, x: f64) -> bool {
        x.is_finite() && self.range.contains(x)
    }

    /// The optimizers that read this key, in registry order.
    pub fn users(&self) -> impl Iterator<Item = OptimizerKind> + '_ {
        REGISTRY
            .iter()
            .filter(|e| e.keys.contains(&self.key))
            .map(|e| e.kind)
    }
}

/// Every hyperparameter key, in canonical order. Ranges are torch's where torch checks one.
pub const HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter {
        key: "mom",
        default: Some(0.9),
        range: Range::between(Some(0.0), false, Some(1.0), false),
        allowed: "a number in [0, 1]",
    },
    Hyperparameter {
        key: "rho",
        default: None,
        range: Range::between(Some(0.0), false, Some(1.0), true),
        allowed: "a number in [0, 1)",
    },
    Hyperparameter {
        key: "b1",
        default: Some(0.9),
        range: Range::between(Some(0.0), false, Some(1.0), true),
        allowed: "a number in [0, 1)",
    },
    Hyperparameter {
        key: "b2",
        default: Some(0.999),
        range: Range::between(Some(0.0), false, Some(1.0), true),
        allowed: "a number in [0, 1)",
    },
    Hyperparameter {
        key: "eps",
        default: None,
        range: Range::between(Some(0.0), false, None, false),
        allowed: "a finite number ≥ 0",
    },
    Hyperparameter {
        key: "wd",
        default: Some(0.01),
        range: Range::between(Some(0.0), false, None, false),
        allowed: "a finite number ≥ 0",
    },
    Hyperparameter {
        key: "etaminus",
        default: Some(0.5),
        range: Range::between(Some(0.0), true, Some(1.0), true),
        allowed: "a number in (0, 1)",
    },
    Hyperparameter {
        key: "etaplus",
        default: Some(1.2),
        range: Range::between(Some(1.0), true, None, false),
        allowed: "a finite number > 1",
    },
    Hyperparameter {
        key: "stepmin",
        default: Some(1e-6),
        range: Range::between(Some(0.0), false, None, false),
        allowed: "a finite number ≥ 0",
    },
    Hyperparameter {
        key: "stepmax",
        default: Some(50.0),
        range: Range::between(Some(0.0), true, None, false),
        allowed: "a finite number > 0",
    },
];

/// The row of hyperparameter `key`, if there is one.
pub fn hyperparameter(key: &str) -> Option<&'static Hyperparameter> {
    HYPERPARAMETERS.iter().find(|h| h.key == key)
}

const fn names<const N: usize>() -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = REGISTRY[i].name;
        i += 1;
    }
    out
}

impl core::fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

impl OptimizerKind {
    /// Every kind, in registry order.
    pub fn all() -> impl Iterator<Item = OptimizerKind> {
        REGISTRY.iter().map(|e| e.kind)
    }

    /// Its registry line.
    pub fn entry(self) -> &'static Entry {
        REGISTRY
            .iter()
            .find(|e| e.kind == self)
            .expect("every kind has a registry line")
    }

    /// The short lowercase name used in settings and URLs.
    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// The kind called `name`, or `None`.
    pub fn from_name(name: &str) -> Option<OptimizerKind> {
        REGISTRY.iter().find(|e| e.name == name).map(|e| e.kind)
    }
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
    /// Adagrad `sum`, Adamax's infinity norm `exp_inf`.
    pub v: Point,
    /// AMSGrad's running maximum of `v` (`max_exp_avg_sq`).
    pub v_max: Point,
    /// Adadelta's running average of squared steps (`acc_delta`).
    pub acc_delta: Point,
    /// NAdam's running product of the momentum schedule (`mu_product`), starting at 1.
    pub mu_product: f64,
    /// Rprop's previous gradient, zero where its sign flipped (`prev`).
    pub prev: Point,
    /// Rprop's per-coordinate step sizes (`step_size`), set to lr by the first update.
    pub step_size: Point,
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
            prev: [0.0; 2],
            step_size: [0.0; 2],
            last_step: [0.0; 2],
            effective_lr: [0.0; 2],
            newton_lambda: 0.0,
            powers: Powers::default(),
        }
    }

    /// The state that `opt` actually uses, as named per-coordinate values, for display.
    ///
    /// Scalars (such as `mu_product` or `newton_lambda`) are given as `[x, x]`. The names
    /// are torch's where torch has one (the registry's `state`). `last_step` and
    /// `effective_lr` are always listed.
    pub fn describe(&self, opt: &Optimizer) -> Vec<(&'static str, Point)> {
        opt.entry()
            .state
            .iter()
            .chain(&["last_step", "effective_lr"])
            .map(|&name| (name, self.value(name)))
            .collect()
    }

    /// The state called `name` (see [`OptState::describe`]); NaN for an unknown name.
    fn value(&self, name: &str) -> Point {
        match name {
            "momentum_buffer" => self.momentum_buf.unwrap_or([0.0; 2]),
            "exp_avg" => self.m,
            "sum" | "square_avg" | "exp_avg_sq" | "exp_inf" => self.v,
            "max_exp_avg_sq" => self.v_max,
            "acc_delta" => self.acc_delta,
            "mu_product" => [self.mu_product; 2],
            "prev" => self.prev,
            "step_size" => self.step_size,
            "newton_lambda" => [self.newton_lambda; 2],
            "last_step" => self.last_step,
            "effective_lr" => self.effective_lr,
            _ => [f64::NAN; 2],
        }
    }
}

impl Optimizer {
    /// Every optimizer name, in menu order (the registry's).
    pub const NAMES: [&'static str; REGISTRY.len()] = names();

    /// Its registry line.
    pub fn entry(&self) -> &'static Entry {
        self.kind().entry()
    }

    /// The short lowercase name used in settings and URLs.
    pub fn name(&self) -> &'static str {
        self.entry().name
    }

    /// The optimizer called `name` with torch's default hyperparameters, or `None`.
    pub fn default_for(name: &str) -> Option<Optimizer> {
        REGISTRY.iter().find(|e| e.name == name).map(|e| e.default)
    }

    /// A sensible starting learning rate for the optimizer called `name` (see [`REGISTRY`]);
    /// 0.01 for an unknown name.
    pub fn default_lr(name: &str) -> f64 {
        REGISTRY
            .iter()
            .find(|e| e.name == name)
            .map_or(0.01, |e| e.default_lr)
    }

    /// The settings keys this optimizer reads, in display order.
    pub fn hyperparameters(&self) -> &'static [&'static str] {
        self.entry().keys
    }

    /// The value of hyperparameter `key` (one of [`Optimizer::hyperparameters`]), or `None`.
    pub fn get(&self, key: &str) -> Option<f64> {
        let mut copy = *self;
        copy.slot(key).map(|v| *v)
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
    /// Non-finite inputs give a non-finite θ (Rprop, which sees only signs, excepted for an
    /// infinite gradient); this never panics.
    pub fn update(
        &self,
        state: &mut OptState,
        theta: Point,
        grad: Point,
        lr: f64,
        hess: Option<Hessian>,
    ) -> Point {
        self.update_observed(state, theta, grad, lr, hess, &mut Silent)
    }

    /// [`Optimizer::update`], telling `obs` the rule's named terms: `g` first, then the
    /// rule's own (see each family's file), then `step` (θ_{k+1} − θ_k).
    pub fn update_observed(
        &self,
        state: &mut OptState,
        theta: Point,
        grad: Point,
        lr: f64,
        hess: Option<Hessian>,
        obs: &mut impl Observer,
    ) -> Point {
        obs.term("g", || grad);
        let new = self.rule(state, theta, grad, lr, hess, obs);
        describe_step(state, theta, new, grad, lr);
        obs.term("step", || state.last_step);
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

    /// Every registry line is whole: its name finds it again, its keys are rows of the
    /// hyperparameter table whose defaults and ranges admit its own defaults, its state names
    /// are known, and it has a formula.
    #[test]
    fn every_registry_line_is_whole() {
        for (i, e) in REGISTRY.iter().enumerate() {
            assert_eq!(Optimizer::NAMES[i], e.name);
            assert_eq!(OptimizerKind::from_name(e.name), Some(e.kind));
            assert_eq!(e.kind.entry(), e);
            assert_eq!(e.default.kind(), e.kind);
            assert_eq!(Optimizer::default_for(e.name), Some(e.default));
            assert!(e.default_lr > 0.0 && e.default_lr.is_finite());
            assert!(!e.formula.is_empty(), "{} has no formula", e.name);
            for key in e.keys {
                let h = hyperparameter(key).unwrap_or_else(|| panic!("{key} is not in the table"));
                let v = e.default.get(key).unwrap();
                assert!(
                    h.allows(v),
                    "{}'s default {key}={v} is out of range",
                    e.name
                );
                if let Some(d) = h.default {
                    assert!(h.allows(d), "the default of {key}");
                }
            }
            let state = OptState::new().describe(&e.default);
            assert_eq!(state.len(), e.state.len() + 2);
            for (name, v) in state {
                assert!(!v[0].is_nan(), "{}: unknown state {name}", e.name);
            }
        }
        assert_eq!(OptimizerKind::all().count(), REGISTRY.len());
        for h in HYPERPARAMETERS {
            assert!(h.users().next().is_some(), "no optimizer reads {}", h.key);
            assert!(!h.allows(f64::NAN) && !h.allows(f64::INFINITY));
        }
    }

    /// Recording the terms changes nothing: every optimizer, observed or not, gives the same
    /// bits and the same state, and the terms begin with g and end with the step.
    #[test]
    fn observing_an_update_changes_nothing() {
        for opt in all_defaults() {
            let (mut a, mut b) = (OptState::new(), OptState::new());
            let (mut p, mut q) = ([1.3, -0.6], [1.3, -0.6]);
            let h = opt.needs_hessian().then_some([[2.0, 0.3], [0.3, 40.0]]);
            for _ in 0..20 {
                let mut terms = observe::Terms::default();
                p = opt.update(&mut a, p, ellipse_grad(p), 0.01, h);
                q = opt.update_observed(&mut b, q, ellipse_grad(q), 0.01, h, &mut terms);
                assert_eq!(p.map(f64::to_bits), q.map(f64::to_bits), "{}", opt.name());
                assert_eq!(a, b);
                assert_eq!(terms.terms.first().unwrap().0, "g");
                assert_eq!(terms.terms.last().unwrap().0, "step");
            }
        }
    }

    /// RAdam's switch is torch's: with the default b2 = 0.999, ρₜ ≤ 5 for t ≤ 5 (momentum SGD
    /// with m̂) and ρₜ > 5 from t = 6 on (the rectified adaptive step).
    #[test]
    fn radam_switches_on_at_step_six_with_default_betas() {
        let opt = Optimizer::default_for("radam").unwrap();
        let mut s = OptState::new();
        let mut p = [1.0, 1.0];
        for t in 1..=8 {
            let mut terms = observe::Terms::default();
            let before = p;
            p = opt.update_observed(&mut s, p, ellipse_grad(p), 0.01, None, &mut terms);
            let on = terms.terms.iter().any(|(n, _)| *n == "rect");
            assert_eq!(on, t >= 6, "t = {t}");
            if !on {
                let m_hat = terms.terms.iter().find(|(n, _)| *n == "m_hat").unwrap().1;
                assert_eq!(
                    p,
                    [before[0] - m_hat[0] * 0.01, before[1] - m_hat[1] * 0.01]
                );
            }
        }
    }

    /// Rprop: the first step is lr·sign(g); step sizes grow by etaplus while the sign holds,
    /// shrink by etaminus (and skip the move) when it flips, and stay within the bounds.
    #[test]
    fn rprop_adapts_its_step_sizes() {
        let opt = Optimizer::Rprop {
            etaminus: 0.5,
            etaplus: 1.2,
            stepmin: 1e-6,
            stepmax: 0.0144,
        };
        let mut s = OptState::new();
        let p = opt.update(&mut s, [1.0, 1.0], [3.0, -2.0], 0.01, None);
        assert_eq!(p, [0.99, 1.01]);
        assert_eq!(s.step_size, [0.01, 0.01]);
        let p = opt.update(&mut s, p, [1.0, 5.0], 0.01, None);
        assert_eq!(s.step_size, [0.012, 0.005]);
        assert_eq!(
            p,
            [0.99 - 0.012, 1.01],
            "x keeps its sign, y flipped and stays"
        );
        assert_eq!(s.prev, [1.0, 0.0]);
        opt.update(&mut s, p, [1.0, 5.0], 0.01, None);
        assert_eq!(
            s.step_size,
            [0.0144, 0.005],
            "x capped at stepmax, y after a skip: ×1"
        );
        // stepmin above stepmax: torch's clamp gives stepmax; nothing panics.
        let odd = Optimizer::Rprop {
            etaminus: 0.5,
            etaplus: 1.2,
            stepmin: 1.0,
            stepmax: 0.1,
        };
        let mut s = OptState::new();
        odd.update(&mut s, [0.0, 0.0], [1.0, 1.0], 0.01, None);
        assert_eq!(s.step_size, [0.1, 0.1]);
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

    /// With b1 = 0 Adam's first moment is the gradient itself (lerp with weight 1) and its
    /// first bias correction is 1, so Adam is RMSprop (ρ = b2) whose lr and eps are scaled
    /// by √(1 − b2ᵗ): five steps of each from the same points, compared.
    #[test]
    fn adam_b1_zero_is_rmsprop_like() {
        let (b2, eps, lr) = (0.999, 1e-8, 0.01);
        let adam = Optimizer::Adam { b1: 0.0, b2, eps };
        let (mut sa, mut sr) = (OptState::new(), OptState::new());
        let mut a = [1.0, 1.0];
        for step in 1..=5 {
            let g = ellipse_grad(a);
            let s = (1.0 - libm::pow(b2, f64::from(step))).sqrt();
            let rmsprop = Optimizer::Rmsprop {
                rho: b2,
                eps: eps * s,
            };
            let r = rmsprop.update(&mut sr, a, g, lr * s, None);
            a = adam.update(&mut sa, a, g, lr, None);
            assert_eq!(sa.m, g, "step {step}: m = g");
            assert_eq!(sa.v, sr.v, "step {step}: the same second moment");
            for i in 0..2 {
                assert!(
                    (a[i] - r[i]).abs() <= 1e-15 * a[i].abs().max(1.0),
                    "step {step}: Adam {a:?}, RMSprop {r:?}"
                );
            }
        }
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
                if bad.is_infinite() && opt.kind() == OptimizerKind::Rprop {
                    // Rprop moves by the gradient's sign alone (so does torch's): an infinite
                    // gradient is a finite step. The run stops on the gradient itself.
                    assert!(q.iter().all(|x| x.is_finite()));
                    continue;
                }
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
