//! `torch.optim.Adadelta`: RMSprop whose step is rescaled by a running RMS of past steps.

use super::observe::Observer;
use super::ops::{add_alpha, addcmul, map2};
use super::OptState;
use crate::geometry::Point;

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
