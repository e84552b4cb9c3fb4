//! `torch.optim.Adam` and `torch.optim.AdamW`, with and without AMSGrad: bias-corrected moments of the gradient.

use super::observe::Observer;
use super::ops::{addcdiv, addcmul, bias_correction, lerp, map2, nan_max};
use super::OptState;
use crate::geometry::Point;

/// Adam, torch.optim.Adam.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const ADAM_FORMULA: &str = r#"
rule: m_t = β_1·m_{t−1} + (1 − β_1)·g_t
rule: v_t = β_2·v_{t−1} + (1 − β_2)·g_t^2
rule: \hat{m}_t = \frac{m_t}{1 − β_1^t}
rule: \hat{v}_t = \frac{v_t}{1 − β_2^t}
rule: θ_t = θ_{t−1} − η·\frac{\hat{m}_t}{\sqrt{\hat{v}_t} + ε}
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: m_% = #b1·#before.exp_avg + (1 − #b1)·#g = #m!
numbers: v_% = #b2·#before.exp_avg_sq + (1 − #b2)·#g^2 = #v!
numbers: \hat{m}_% = \frac{#m}{1 − #b1^{#t}} = #m_hat!
numbers: \hat{v}_% = \frac{#v}{1 − #b2^{#t}} = #v_hat!
numbers: % ← #theta − #lr·\frac{#m_hat}{\sqrt{#v_hat} + #eps} = #recorded!
terms: bc1 bc2 m_hat v_hat
scalars: bc1 bc2
"#;

/// AdamW, torch.optim.AdamW: the decoupled decay first.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const ADAMW_FORMULA: &str = r#"
rule: θ′ = θ_{t−1}·(1 − η·λ)
rule: m_t = β_1·m_{t−1} + (1 − β_1)·g_t
rule: v_t = β_2·v_{t−1} + (1 − β_2)·g_t^2
rule: \hat{m}_t = \frac{m_t}{1 − β_1^t}
rule: \hat{v}_t = \frac{v_t}{1 − β_2^t}
rule: θ_t = θ′ − η·\frac{\hat{m}_t}{\sqrt{\hat{v}_t} + ε}
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: %′ = #theta·(1 − #lr·#wd) = #decayed!
numbers: m_% = #b1·#before.exp_avg + (1 − #b1)·#g = #m!
numbers: v_% = #b2·#before.exp_avg_sq + (1 − #b2)·#g^2 = #v!
numbers: \hat{m}_% = \frac{#m}{1 − #b1^{#t}} = #m_hat!
numbers: \hat{v}_% = \frac{#v}{1 − #b2^{#t}} = #v_hat!
numbers: % ← #decayed − #lr·\frac{#m_hat}{\sqrt{#v_hat} + #eps} = #recorded!
terms: bc1 bc2 m_hat v_hat
scalars: bc1 bc2
"#;

/// AMSGrad, torch.optim.Adam(amsgrad=True): the running maximum of v.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const AMSGRAD_FORMULA: &str = r#"
rule: m_t = β_1·m_{t−1} + (1 − β_1)·g_t
rule: v_t = β_2·v_{t−1} + (1 − β_2)·g_t^2
rule: v_t^{max} = max(v_{t−1}^{max}, v_t)
rule: \hat{m}_t = \frac{m_t}{1 − β_1^t}
rule: \hat{v}_t = \frac{v_t^{max}}{1 − β_2^t}
rule: θ_t = θ_{t−1} − η·\frac{\hat{m}_t}{\sqrt{\hat{v}_t} + ε}
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: m_% = #b1·#before.exp_avg + (1 − #b1)·#g = #m!
numbers: v_% = #b2·#before.exp_avg_sq + (1 − #b2)·#g^2 = #v!
numbers: v_%^{max} = max(#before.max_exp_avg_sq, #v) = #v_max!
numbers: \hat{m}_% = \frac{#m}{1 − #b1^{#t}} = #m_hat!
numbers: \hat{v}_% = \frac{#v_max}{1 − #b2^{#t}} = #v_hat!
numbers: % ← #theta − #lr·\frac{#m_hat}{\sqrt{#v_hat} + #eps} = #recorded!
terms: bc1 bc2 m_hat v_hat
scalars: bc1 bc2
"#;

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
