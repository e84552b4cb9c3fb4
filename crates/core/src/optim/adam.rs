//! `torch.optim.Adam` and `torch.optim.AdamW`, with and without AMSGrad: bias-corrected moments of the gradient.

use super::observe::Observer;
use super::ops::{addcdiv, addcmul, bias_correction, lerp, map2, nan_max};
use super::OptState;
use crate::geometry::Point;

/// Torch's `_single_tensor_adam` (also AdamW when `adamw`, AMSGrad when `amsgrad`).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    [b1, b2, eps, wd]: [f64; 4],
    adamw: bool,
    amsgrad: bool,
    obs: &mut impl Observer,
) -> Point {
    let mut p = theta;
    if wd != 0.0 {
        let f = 1.0 - lr * wd;
        p = map2(|i| p[i] * f);
    }
    if adamw {
        obs.term("decayed", || p);
    }
    state.m = map2(|i| lerp(state.m[i], g[i], 1.0 - b1));
    state.v = map2(|i| addcmul(state.v[i] * b2, g[i], g[i], 1.0 - b2));
    obs.term("m", || state.m);
    obs.term("v", || state.v);
    let bias_correction1 = bias_correction(&mut state.powers.b1, b1, state.t);
    let bias_correction2 = bias_correction(&mut state.powers.b2, b2, state.t);
    // lr / 1.0 is lr exactly: after the first few hundred steps no division is needed.
    let step_size = if bias_correction1 == 1.0 {
        lr
    } else {
        lr / bias_correction1
    };
    // `libm::pow(x, 0.5)` is `sqrt(x)` for x with a clear sign bit (NaN included: both give
    // x's NaN); 1.0 once b2ᵗ is negligible.
    let bias_correction2_sqrt = if bias_correction2 == 1.0 {
        1.0
    } else if bias_correction2.is_sign_positive() {
        bias_correction2.sqrt()
    } else {
        libm::pow(bias_correction2, 0.5)
    };
    let second = if amsgrad {
        state.v_max = map2(|i| nan_max(state.v_max[i], state.v[i]));
        obs.term("v_max", || state.v_max);
        state.v_max
    } else {
        state.v
    };
    let m = state.m;
    obs.term("bc1", || [bias_correction1; 2]);
    obs.term("bc2", || [bias_correction2; 2]);
    obs.term("m_hat", || map2(|i| m[i] / bias_correction1));
    obs.term("v_hat", || map2(|i| second[i] / bias_correction2));
    obs.momentum(|| map2(|i| m[i] / bias_correction1));
    if bias_correction2_sqrt == 1.0 {
        // x / 1.0 is x exactly: once b2ᵗ is negligible the division is left out, which
        // shortens the chain from one θ to the next.
        obs.term("denom", || map2(|i| second[i].sqrt() + eps));
        map2(|i| addcdiv(p[i], m[i], second[i].sqrt() + eps, -step_size))
    } else {
        obs.term("denom", || {
            map2(|i| second[i].sqrt() / bias_correction2_sqrt + eps)
        });
        map2(|i| {
            let denom = second[i].sqrt() / bias_correction2_sqrt + eps;
            addcdiv(p[i], m[i], denom, -step_size)
        })
    }
}
