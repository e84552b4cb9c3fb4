//! `torch.optim.Adadelta`: RMSprop whose step is rescaled by a running RMS of past steps.

use super::observe::Observer;
use super::ops::{add_alpha, addcmul, map2};
use super::OptState;
use crate::geometry::Point;

/// The rule, with the names of its terms.
pub(super) const FORMULA: &[&str] = &[
    "v_t = ρ·v_{t−1} + (1 − ρ)·g_t²",
    "Δ_t = √(u_{t−1} + ε) / √(v_t + ε) · g_t",
    "u_t = ρ·u_{t−1} + (1 − ρ)·Δ_t²",
    "θ_t = θ_{t−1} − η·Δ_t",
];

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
