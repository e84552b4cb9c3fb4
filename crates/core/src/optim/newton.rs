//! Damped Newton, `θ ← θ − lr·(H + λI)⁻¹·g`, with λ lifting the Hessian to positive definite. No torch counterpart.

use super::observe::Observer;
use super::OptState;
use crate::geometry::{Hessian, Point};

/// Damped Newton: H shifted by λ until it is positive definite.
/// The update rule as the maths panel writes it, and with one step's numbers: a
/// template in the notation of `template.rs`, naming the terms `update` records.
pub(super) const FORMULA: &str = r#"
rule: λ = 0 \word{if} λ_{min}(H) ≥ ε
rule: λ = max(|λ_{min}|, ε) − λ_{min} \word{otherwise}
rule: θ_t = θ_{t−1} − η·{(H + λI)}^{−1}g_t
numbers: g_% = \frac{∂L}{∂%} = #g!
numbers [i = 0]: H = (\matrix{h_row0 h_row1}), \quad λ = #lambda!
numbers: {({(H + λI)}^{−1}g)}_% = #dir!
numbers: % ← #theta − #lr·#dir = #recorded!
scalars: newton_lambda lambda
"#;

/// The damped Newton step (see [`super::Optimizer::Newton`]); λ goes to
/// `OptState::newton_lambda`.
pub(super) fn update(
    state: &mut OptState,
    theta: Point,
    g: Point,
    lr: f64,
    hess: Option<Hessian>,
    obs: &mut impl Observer,
) -> Point {
    let h = hess.unwrap_or([[f64::NAN; 2]; 2]);
    obs.term("h_row0", || h[0]);
    obs.term("h_row1", || h[1]);
    let (new, lambda, dir) = solve(theta, g, lr, hess);
    state.newton_lambda = lambda;
    obs.term("lambda", || [lambda; 2]);
    obs.term("dir", || dir);
    new
}

/// The new θ, the λ used and the direction (H + λI)⁻¹g; NaN where anything is not finite.
fn solve(theta: Point, g: Point, lr: f64, hess: Option<Hessian>) -> (Point, f64, Point) {
    let nan = ([f64::NAN; 2], 0.0, [f64::NAN; 2]);
    let Some(h) = hess else { return nan };
    let a = h[0][0];
    let c = h[1][1];
    let b = 0.5 * (h[0][1] + h[1][0]);
    let all = [theta[0], theta[1], g[0], g[1], a, b, c, lr];
    if all.iter().any(|x| !x.is_finite()) {
        return nan;
    }
    let [l_max, l_min] = crate::geometry::eigenvalues(h);
    let floor = 1e-6 * l_max.abs().max(1.0);
    let lambda = if l_min >= floor {
        0.0
    } else {
        l_min.abs().max(floor) - l_min
    };
    let (a2, c2) = (a + lambda, c + lambda);
    let det = a2 * c2 - b * b;
    let d0 = (c2 * g[0] - b * g[1]) / det;
    let d1 = (a2 * g[1] - b * g[0]) / det;
    ([theta[0] - lr * d0, theta[1] - lr * d1], lambda, [d0, d1])
}
