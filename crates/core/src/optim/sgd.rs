//! `torch.optim.SGD`: plain gradient descent, heavy-ball momentum and Nesterov momentum (dampening 0).

use super::observe::Observer;
use super::ops::{add_alpha, map2};
use super::OptState;
use crate::geometry::Point;

/// Gradient descent, torch.optim.SGD.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const GD_FORMULA: &str = r#"
rule: θ_t = θ_{t−1} − η·g_t
numbers: % ← % − η·\frac{∂L}{∂%} = #theta − #lr·#g = #recorded!
"#;

/// SGD with momentum, torch.optim.SGD(momentum=mom); with μ = 0 torch skips the buffer.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const MOMENTUM_FORMULA: &str = r#"
rule [!mom]: θ_t = θ_{t−1} − η·g_t
rule [mom]: b_t = μ·b_{t−1} + g_t {\quad(b_1 = g_1)}
rule [mom]: θ_t = θ_{t−1} − η·b_t
note [!mom]: nomom
note [mom, t = 1]: first
numbers [!mom]: % ← % − η·\frac{∂L}{∂%} = #theta − #lr·#g = #recorded!
numbers [mom]: g_% = \frac{∂L}{∂%} = #g!
numbers [mom, t = 1]: b_% = g_% = #buf!
numbers [mom, t > 1]: b_% = μ·b_{t−1} + g_% = #mom·#before.momentum_buffer + #g = #buf!
numbers [mom]: % ← % − η·b_% = #theta − #lr·#buf = #recorded!
"#;

/// Nesterov momentum, torch.optim.SGD(momentum=mom, nesterov=True).
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const NESTEROV_FORMULA: &str = r#"
rule [!mom]: θ_t = θ_{t−1} − η·g_t
rule [mom]: b_t = μ·b_{t−1} + g_t {\quad(b_1 = g_1)}
rule [mom]: θ_t = θ_{t−1} − η·(g_t + μ·b_t)
note [!mom]: nomom
note [mom, t = 1]: first
numbers [!mom]: % ← % − η·\frac{∂L}{∂%} = #theta − #lr·#g = #recorded!
numbers [mom]: g_% = \frac{∂L}{∂%} = #g!
numbers [mom, t = 1]: b_% = g_% = #buf!
numbers [mom, t > 1]: b_% = μ·b_{t−1} + g_% = #mom·#before.momentum_buffer + #g = #buf!
numbers [mom]: % ← % − η·(g_% + μ·b_%) = #theta − #lr·(#g + #mom·#buf) = #recorded!
"#;

/// Torch's `_single_tensor_sgd` with `weight_decay = 0`, `dampening = 0`: plain when
/// `mom == 0` (torch keeps no buffer then), else heavy-ball, or Nesterov when `nesterov`.
#[inline(always)]
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    mom: f64,
    nesterov: bool,
    obs: &mut impl Observer,
) -> Point {
    if mom == 0.0 {
        // torch skips the buffer when momentum == 0.
        return map2(|i| add_alpha(theta[i], g[i], -lr));
    }
    let buf = match state.momentum_buf {
        None => g,
        Some(b) => map2(|i| add_alpha(b[i] * mom, g[i], 1.0)),
    };
    state.momentum_buf = Some(buf);
    obs.term("buf", || buf);
    obs.momentum(|| buf);
    let d = if nesterov {
        let d = map2(|i| add_alpha(g[i], buf[i], mom));
        obs.term("dir", || d);
        d
    } else {
        buf
    };
    map2(|i| add_alpha(theta[i], d[i], -lr))
}
