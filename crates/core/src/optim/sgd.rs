//! `torch.optim.SGD`: plain gradient descent, heavy-ball momentum and Nesterov momentum (dampening 0).

use super::observe::Observer;
use super::ops::{add_alpha, map2};
use super::{Band, OptState};
use crate::geometry::Point;

/// Gradient descent, torch.optim.SGD.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const GD_FORMULA: &str = r#"
rule: θ_t = θ_{t−1} − η·g_t
numbers: % ← % − η·\frac{∂L}{∂%} = #theta − #lr·#g = #recorded!
stable: η < \frac{2}{λ_1}
source: stable.gd
"#;

/// SGD with momentum, torch.optim.SGD(momentum=mom); with μ = 0 torch skips the buffer.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const MOMENTUM_FORMULA: &str = r#"
rule [!mom]: θ_t = θ_{t−1} − η·g_t
rule [mom]: b_t = μ·b_{t−1} + g_t {\quad(b_1 = g_1)}
rule [mom]: θ_t = θ_{t−1} − η·b_t
note [!mom]: nomom
note [mom, t = 1]: first
numbers [!mom]: % ← % − η·\frac{∂L}{∂%} = #theta − #lr·#g = #recorded!
numbers [mom]: g_% = \frac{∂L}{∂%} = #g!
numbers [mom, t = 1]: b_% = g_% = #buf!
numbers [mom, t > 1]: b_% = μ·b_{t−1} + g_% = #mom·#before.momentum_buffer + #g = #buf!
numbers [mom]: % ← % − η·b_% = #theta − #lr·#buf = #recorded!
stable [!mom]: η < \frac{2}{λ_1}
stable [mom]: η < \frac{2(1 + μ)}{λ_1}
source [!mom]: stable.gd
source [mom]: stable.momentum
"#;

/// Nesterov momentum, torch.optim.SGD(momentum=mom, nesterov=True).
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const NESTEROV_FORMULA: &str = r#"
rule [!mom]: θ_t = θ_{t−1} − η·g_t
rule [mom]: b_t = μ·b_{t−1} + g_t {\quad(b_1 = g_1)}
rule [mom]: θ_t = θ_{t−1} − η·(g_t + μ·b_t)
note [!mom]: nomom
note [mom, t = 1]: first
numbers [!mom]: % ← % − η·\frac{∂L}{∂%} = #theta − #lr·#g = #recorded!
numbers [mom]: g_% = \frac{∂L}{∂%} = #g!
numbers [mom, t = 1]: b_% = g_% = #buf!
numbers [mom, t > 1]: b_% = μ·b_{t−1} + g_% = #mom·#before.momentum_buffer + #g = #buf!
numbers [mom]: % ← % − η·(g_% + μ·b_%) = #theta − #lr·(#g + #mom·#buf) = #recorded!
stable [!mom]: η < \frac{2}{λ_1}
stable [mom]: η < \frac{2(1 + μ)}{(1 + 2μ)·λ_1}
source [!mom]: stable.gd
source [mom]: stable.nesterov
"#;

/// The stable learning rates of gradient descent, heavy ball (`nesterov = false`) and
/// Nesterov in torch's form, on a quadratic whose largest curvature is `lambda1`.
///
/// Along an eigenvector of curvature λ the gradient is λθ; write α = lr·λ.
///
/// - Plain GD: θₜ = (1 − α)θₜ₋₁, stable iff |1 − α| < 1, so lr < 2/λ₁ (the classic 2/L
///   bound for an L-smooth function).
/// - Heavy ball, torch's form bₜ = μbₜ₋₁ + gₜ, θₜ = θₜ₋₁ − lr·bₜ: since lr·bₜ₋₁ =
///   θₜ₋₂ − θₜ₋₁, θₜ = (1 + μ − α)θₜ₋₁ − μθₜ₋₂, Polyak's recurrence. Its roots z² − (1 + μ − α)z + μ
///   lie inside the unit circle (Jury) iff μ < 1 and 0 < α < 2(1 + μ): lr < 2(1 + μ)/λ₁
///   (Goh, "Why Momentum Really Works", Distill 2017). With μ = 1 the roots' product is 1:
///   no lr converges.
/// - Nesterov, torch's form θₜ = θₜ₋₁ − lr·(gₜ + μbₜ): with cₜ = lr·bₜ the state (θ, c) maps
///   by [[1 − α(1 + μ), −μ²], [α, μ]], trace T = 1 + μ − α(1 + μ), determinant D = μ(1 − α).
///   Jury: 1 − T + D = α > 0, 1 + T + D = 2(1 + μ) − α(1 + 2μ) > 0 and |D| < 1, so
///   lr < 2(1 + μ)/((1 + 2μ)·λ₁); for μ = 0.9 that is 1.36/λ₁, not heavy ball's 3.8/λ₁ (the
///   look-ahead adds μ·α to the effective step). It holds for μ = 1 too (α < 4/3).
///
/// With μ = 0 torch skips the buffer and both are plain GD, as the formulas agree.
pub(super) fn band(lambda1: f64, mom: f64, nesterov: bool) -> Band {
    if !lambda1.is_finite() || !mom.is_finite() {
        return Band::Unknown;
    }
    if lambda1 <= 0.0 {
        return Band::Unbounded;
    }
    if nesterov {
        Band::Below(2.0 * (1.0 + mom) / ((1.0 + 2.0 * mom) * lambda1))
    } else if mom >= 1.0 {
        Band::Never
    } else {
        Band::Below(2.0 * (1.0 + mom) / lambda1)
    }
}

/// Torch's `_single_tensor_sgd` with `weight_decay = 0`, `dampening = 0`: plain when
/// `mom == 0` (torch keeps no buffer then), else heavy-ball, or Nesterov when `nesterov`.
#[inline(always)]
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    mom: f64,
    nesterov: bool,
    obs: &mut impl Observer,
) -> Point {
    if mom == 0.0 {
        // torch skips the buffer when momentum == 0.
        return map2(|i| add_alpha(theta[i], g[i], -lr));
    }
    let buf = match state.momentum_buf {
        None => g,
        Some(b) => map2(|i| add_alpha(b[i] * mom, g[i], 1.0)),
    };
    state.momentum_buf = Some(buf);
    obs.term("buf", || buf);
    obs.momentum(|| buf);
    let d = if nesterov {
        let d = map2(|i| add_alpha(g[i], buf[i], mom));
        obs.term("dir", || d);
        d
    } else {
        buf
    };
    map2(|i| add_alpha(theta[i], d[i], -lr))
}
