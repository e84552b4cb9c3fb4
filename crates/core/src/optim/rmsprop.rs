//! `torch.optim.RMSprop` (uncentred, no momentum): steps divided by a running RMS of the gradient.

use super::observe::Observer;
use super::ops::{addcdiv, addcmul, map2};
use super::OptState;
use crate::geometry::Point;

/// RMSprop, torch.optim.RMSprop(alpha=rho).
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const FORMULA: &str = r#"
rule: v_t = ρ·v_{t−1} + (1 − ρ)·g_t^2
rule: θ_t = θ_{t−1} − η·\frac{g_t}{\sqrt{v_t} + ε}
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: v_% = #rho·#before.square_avg + (1 − #rho)·#g^2 = #v!
numbers: % ← #theta − #lr·\frac{#g}{\sqrt{#v} + #eps} = #recorded!
"#;

/// Torch's `_single_tensor_rmsprop` with `centered = False`, `momentum = 0`; `rho` is
/// torch's `alpha`, the average kept in `OptState::v`.
#[inline(always)]
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    rho: f64,
    eps: f64,
    obs: &mut impl Observer,
) -> Point {
    state.v = map2(|i| addcmul(state.v[i] * rho, g[i], g[i], 1.0 - rho));
    let avg = map2(|i| state.v[i].sqrt() + eps);
    obs.term("v", || state.v);
    obs.term("denom", || avg);
    map2(|i| addcdiv(theta[i], g[i], avg[i], -lr))
}
