//! `torch.optim.RMSprop` (uncentred, no momentum): steps divided by a running RMS of the gradient.

use super::observe::Observer;
use super::ops::{addcdiv, addcmul, map2};
use super::OptState;
use crate::geometry::Point;

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
