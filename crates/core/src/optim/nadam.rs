//! `torch.optim.NAdam` (Dozat) with torch's momentum schedule (`momentum_decay = 0.004`).

use super::observe::Observer;
use super::ops::{addcdiv, addcmul, bias_correction, lerp, map2, nadam_pow};
use super::OptState;
use crate::geometry::Point;

/// NAdam, torch.optim.NAdam, with torch's momentum schedule (momentum_decay = 0.004).
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const FORMULA: &str = r#"
rule: μ_t = β_1·(1 − \frac{1}{2}·0.96^{0.004·t})
rule: Π_t = Π_{t−1}·μ_t
rule: m_t = β_1·m_{t−1} + (1 − β_1)·g_t
rule: v_t = β_2·v_{t−1} + (1 − β_2)·g_t^2
rule: \hat{v}_t = \frac{v_t}{1 − β_2^t}
rule: θ_t = θ_{t−1} − \frac{η·(1 − μ_t)}{1 − Π_t}·\frac{g_t}{\sqrt{\hat{v}_t} + ε} − \frac{η·μ_{t+1}}{1 − Π_t·μ_{t+1}}·\frac{m_t}{\sqrt{\hat{v}_t} + ε}
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: m_% = #b1·#before.exp_avg + (1 − #b1)·#g = #m!
numbers: v_% = #b2·#before.exp_avg_sq + (1 − #b2)·#g^2 = #v!
numbers [i = 0]: μ_t = #mu!, \quad μ_{t+1} = #mu_next!, \quad Π_t = #mu_product!
numbers: \hat{v}_% = \frac{#v}{1 − #b2^{#t}} = #v_hat!
numbers: % ← #theta − #c1·\frac{#g}{\sqrt{#v_hat} + #eps} − #c2·\frac{#m}{\sqrt{#v_hat} + #eps} = #recorded!
terms: bc2 v_hat
scalars: mu_product bc2
"#;

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
