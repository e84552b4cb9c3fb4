//! `torch.optim.Adagrad` (`lr_decay = 0`, `initial_accumulator_value = 0`): steps shrink with the sum of all past squared gradients.

use super::observe::Observer;
use super::ops::{addcdiv, addcmul, map2};
use super::OptState;
use crate::geometry::Point;

/// Adagrad, torch.optim.Adagrad.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const FORMULA: &str = r#"
rule: s_t = s_{t−1} + g_t^2
rule: θ_t = θ_{t−1} − η·\frac{g_t}{\sqrt{s_t} + ε}
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers: s_% = #before.sum + #g^2 = #sum!
numbers: % ← #theta − #lr·\frac{#g}{\sqrt{#sum} + #eps} = #recorded!
"#;

/// Torch's `_single_tensor_adagrad`; the sum is kept in `OptState::v`. With `lr_decay = 0`
/// torch's `clr = lr / (1 + (step − 1)·lr_decay)` is lr exactly, so it is lr here.
#[inline(always)]
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    eps: f64,
    obs: &mut impl Observer,
) -> Point {
    state.v = map2(|i| addcmul(state.v[i], g[i], g[i], 1.0));
    let std = map2(|i| state.v[i].sqrt() + eps);
    obs.term("sum", || state.v);
    obs.term("denom", || std);
    map2(|i| addcdiv(theta[i], g[i], std[i], -lr))
}
