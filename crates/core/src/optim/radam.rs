//! `torch.optim.RAdam` (Liu et al.): Adam whose adaptive step is switched on, and rectified, only once the variance estimate is trustworthy.

use super::observe::Observer;
use super::ops::{addcmul, lerp, map2};
use super::OptState;
use crate::geometry::Point;

/// Torch's `_single_tensor_radam` (`weight_decay = 0`, not capturable), operation for
/// operation. Python's `x ** y` on floats is `libm::pow` here; `float / tensor` is torch's
/// `reciprocal() * float`, two roundings.
///
/// ```text
/// exp_avg.lerp_(grad, 1 − β₁);  exp_avg_sq.mul_(β₂).addcmul_(grad, grad, value = 1 − β₂)
/// bc1 = 1 − β₁ ** step;  bc2 = 1 − β₂ ** step
/// m̂ = exp_avg / bc1
/// ρ∞ = 2 / (1 − β₂) − 1;  ρt = ρ∞ − 2·step·(β₂ ** step) / bc2
/// if ρt > 5:  param.add_(m̂ · lr · (bc2 ** 0.5 / (exp_avg_sq.sqrt() + eps)) · rect, alpha = −1)
///             rect = ((ρt − 4)(ρt − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρt)) ** 0.5
/// else:       param.add_(m̂ · lr, alpha = −1)
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
    let step = state.t as f64;
    state.m = map2(|i| lerp(state.m[i], g[i], 1.0 - b1));
    state.v = map2(|i| addcmul(state.v[i] * b2, g[i], g[i], 1.0 - b2));
    let bias_correction1 = 1.0 - libm::pow(b1, step);
    let b2_t = libm::pow(b2, step);
    let bias_correction2 = 1.0 - b2_t;
    let (m, v) = (state.m, state.v);
    let m_hat = map2(|i| m[i] / bias_correction1);
    let rho_inf = 2.0 / (1.0 - b2) - 1.0;
    let rho_t = rho_inf - 2.0 * step * b2_t / bias_correction2;
    obs.term("m", || m);
    obs.term("v", || v);
    obs.term("bc1", || [bias_correction1; 2]);
    obs.term("bc2", || [bias_correction2; 2]);
    obs.term("m_hat", || m_hat);
    obs.term("rho_inf", || [rho_inf; 2]);
    obs.term("rho_t", || [rho_t; 2]);
    obs.momentum(|| m_hat);
    if rho_t > 5.0 {
        let rect = libm::pow(
            (rho_t - 4.0) * (rho_t - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t),
            0.5,
        );
        let bc2_sqrt = libm::pow(bias_correction2, 0.5);
        let adaptive = map2(|i| 1.0 / (v[i].sqrt() + eps) * bc2_sqrt);
        obs.term("rect", || [rect; 2]);
        obs.term("adaptive", || adaptive);
        map2(|i| theta[i] - m_hat[i] * lr * adaptive[i] * rect)
    } else {
        map2(|i| theta[i] - m_hat[i] * lr)
    }
}
