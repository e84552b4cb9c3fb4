//! `torch.optim.Rprop`: per-coordinate step sizes that grow while the gradient keeps its sign and shrink when it flips; only the sign of the gradient moves θ.

use super::observe::Observer;
use super::ops::{clamp, map2, sign};
use super::OptState;
use crate::geometry::Point;

/// Rprop, torch.optim.Rprop: step sizes that grow while the gradient keeps its sign.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const FORMULA: &str = r#"
rule: s_t = η⁺ \word{if} g_t·g_{t−1} > 0
rule: s_t = η⁻ \word{if} g_t·g_{t−1} < 0
rule: s_t = 1 \word{otherwise}
rule: δ_t = clamp(δ_{t−1}·s_t, δ_{min}, δ_{max}) {\quad(δ_0 = η)}
rule: θ_t = θ_{t−1} − sign(g_t)·δ_t {\quad(g_t = 0 \word{where} s_t = η⁻)}
note [t = 1]: rprop.first
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: g_%·g′_% = #g·#before.prev ⇒ s_% = #factor!
numbers [t = 1]: δ_% = clamp(#lr·#factor, #stepmin, #stepmax) = #step_size!
numbers [t > 1]: δ_% = clamp(#before.step_size·#factor, #stepmin, #stepmax) = #step_size!
numbers: % ← #theta − sign(#g_used)·#step_size = #recorded!
"#;

/// Torch's `_single_tensor_rprop` (not capturable): the previous gradient in
/// `OptState::prev`, the step sizes in `OptState::step_size`, which the first update sets to
/// that update's lr (torch's `full_like(grad, lr)`); lr is not used after that.
///
/// ```text
/// sign = (grad · prev).sign();  sign[> 0] = etaplus;  sign[< 0] = etaminus;  sign[== 0] = 1
/// step_size.mul_(sign).clamp_(step_size_min, step_size_max)
/// grad[sign == etaminus] = 0
/// param.addcmul_(grad.sign(), step_size, value = −1);  prev = grad
/// ```
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    [etaminus, etaplus, stepmin, stepmax]: [f64; 4],
    obs: &mut impl Observer,
) -> Point {
    if state.t == 1 {
        state.step_size = [lr; 2];
    }
    let factor = map2(|i| {
        let s = sign(g[i] * state.prev[i]);
        if s > 0.0 {
            etaplus
        } else if s < 0.0 {
            etaminus
        } else if s == 0.0 {
            1.0
        } else {
            s
        }
    });
    state.step_size = map2(|i| clamp(state.step_size[i] * factor[i], stepmin, stepmax));
    let used = map2(|i| if factor[i] == etaminus { 0.0 } else { g[i] });
    state.prev = used;
    let step_size = state.step_size;
    obs.term("factor", || factor);
    obs.term("step_size", || step_size);
    obs.term("g_used", || used);
    map2(|i| (-sign(used[i])).mul_add(step_size[i], theta[i]))
}
