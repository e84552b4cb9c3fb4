//! `torch.optim.Adamax`: Adam with the infinity norm, u_t = max(β₂·u_{t−1}, |g_t| + ε), in place of the second moment.

use super::observe::Observer;
use super::ops::{addcdiv, bias_correction, lerp, map2, nan_max};
use super::OptState;
use crate::geometry::Point;

/// Adamax, torch.optim.Adamax: the infinity norm in place of v.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const FORMULA: &str = r#"
rule: m_t = β_1·m_{t−1} + (1 − β_1)·g_t
rule: u_t = max(β_2·u_{t−1}, |g_t| + ε)
rule: θ_t = θ_{t−1} − \frac{η}{1 − β_1^t}·\frac{m_t}{u_t}
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: m_% = #b1·#before.exp_avg + (1 − #b1)·#g = #m!
numbers: u_% = max(#b2·#before.exp_inf, |#g| + #eps) = #u!
numbers: % ← #theta − \frac{#lr}{1 − #b1^{#t}}·\frac{#m}{#u} = #recorded!
terms: bc1 m_hat
scalars: bc1
"#;

/// Torch's `_single_tensor_adamax` (`weight_decay = 0`, not capturable); u is kept in
/// `OptState::v`.
///
/// ```text
/// exp_avg.lerp_(grad, 1 − β₁)
/// exp_inf = maximum(exp_inf·β₂, |grad| + eps)
/// clr = lr / (1 − β₁ ** step)
/// param.addcdiv_(exp_avg, exp_inf, value = −clr)
/// ```
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    b1: f64,
    b2: f64,
    eps: f64,
    obs: &mut impl Observer,
) -> Point {
    state.m = map2(|i| lerp(state.m[i], g[i], 1.0 - b1));
    state.v = map2(|i| nan_max(state.v[i] * b2, g[i].abs() + eps));
    let bias_correction1 = bias_correction(&mut state.powers.b1, b1, state.t);
    let clr = lr / bias_correction1;
    let (m, u) = (state.m, state.v);
    obs.term("m", || m);
    obs.term("u", || u);
    obs.term("bc1", || [bias_correction1; 2]);
    obs.term("m_hat", || map2(|i| m[i] / bias_correction1));
    obs.term("clr", || [clr; 2]);
    obs.momentum(|| map2(|i| m[i] / bias_correction1));
    map2(|i| addcdiv(theta[i], m[i], u[i], -clr))
}
