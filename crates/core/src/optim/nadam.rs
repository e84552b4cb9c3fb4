//! `torch.optim.NAdam` (Dozat) with torch's momentum schedule (`momentum_decay = 0.004`).

use super::observe::Observer;
use super::ops::{addcdiv, addcmul, bias_correction, lerp, map2, nadam_pow};
use super::OptState;
use crate::geometry::Point;

/// Torch's `_single_tensor_nadam` (`decoupled_weight_decay = False`); Π in
/// `OptState::mu_product`.
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
    let t = state.t as f64;
    let momentum_decay = 0.004;
    let bias_correction2 = bias_correction(&mut state.powers.b2, b2, state.t);
    let pw = &mut state.powers.nadam;
    let mu = b1 * (1.0 - 0.5 * nadam_pow(pw, t * momentum_decay));
    let mu_next = b1 * (1.0 - 0.5 * nadam_pow(pw, (t + 1.0) * momentum_decay));
    state.mu_product *= mu;
    state.m = map2(|i| lerp(state.m[i], g[i], 1.0 - b1));
    state.v = map2(|i| addcmul(state.v[i] * b2, g[i], g[i], 1.0 - b2));
    let mu_product_next = state.mu_product * mu_next;
    let c1 = -lr * (1.0 - mu) / (1.0 - state.mu_product);
    let c2 = (-lr * mu_next) / (1.0 - mu_product_next);
    let (m, v, mu_product) = (state.m, state.v, state.mu_product);
    obs.term("mu", || [mu; 2]);
    obs.term("mu_next", || [mu_next; 2]);
    obs.term("mu_product", || [mu_product; 2]);
    obs.term("m", || m);
    obs.term("v", || v);
    obs.term("bc2", || [bias_correction2; 2]);
    obs.term("v_hat", || map2(|i| v[i] / bias_correction2));
    obs.term("denom", || map2(|i| (v[i] / bias_correction2).sqrt() + eps));
    // Negation is exact: these are the coefficients of the formula, without their signs.
    obs.term("c1", || [-c1; 2]);
    obs.term("c2", || [-c2; 2]);
    // NAdam has no m̂ of its own: the first moment, bias-corrected by Πₜ.
    obs.momentum(|| map2(|i| m[i] / (1.0 - mu_product)));
    map2(|i| {
        let denom = (state.v[i] / bias_correction2).sqrt() + eps;
        let p = addcdiv(theta[i], g[i], denom, c1);
        addcdiv(p, state.m[i], denom, c2)
    })
}
