//! `torch.optim.Adadelta`: RMSprop whose step is rescaled by a running RMS of past steps.

use super::observe::Observer;
use super::ops::{add_alpha, addcmul, map2};
use super::OptState;
use crate::geometry::Point;

/// Adadelta, torch.optim.Adadelta.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const FORMULA: &str = r#"
rule: v_t = ρ·v_{t−1} + (1 − ρ)·g_t^2
rule: Δ_t = \frac{\sqrt{u_{t−1} + ε}}{\sqrt{v_t + ε}}·g_t
rule: u_t = ρ·u_{t−1} + (1 − ρ)·Δ_t^2
rule: θ_t = θ_{t−1} − η·Δ_t
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: v_% = #rho·#before.square_avg + (1 − #rho)·#g^2 = #v!
numbers: Δ_% = \frac{\sqrt{#u_prev + #eps}}{\sqrt{#v + #eps}}·#g = #delta!
numbers: u_% = #rho·#u_prev + (1 − #rho)·#delta^2 = #u!
numbers: % ← #theta − #lr·#delta = #recorded!
"#;

/// Torch's `_single_tensor_adadelta`: v in `OptState::v`, u in `OptState::acc_delta`.
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
    let delta = map2(|i| {
        let std = (state.v[i] + eps).sqrt();
        (state.acc_delta[i] + eps).sqrt() / std * g[i]
    });
    obs.term("v", || state.v);
    obs.term("u_prev", || state.acc_delta);
    obs.term("delta", || delta);
    state.acc_delta = map2(|i| addcmul(state.acc_delta[i] * rho, delta[i], delta[i], 1.0 - rho));
    obs.term("u", || state.acc_delta);
    map2(|i| add_alpha(theta[i], delta[i], -lr))
}
