//! `torch.optim.SGD`: plain gradient descent, heavy-ball momentum and Nesterov momentum (dampening 0).

use super::observe::Observer;
use super::ops::{add_alpha, map2};
use super::OptState;
use crate::geometry::Point;

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
