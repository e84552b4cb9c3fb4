//! The built-in analytic landscapes: their formulas, exact derivatives, default views and known minima.
//!
//! Every transcendental function goes through `libm`, so that native builds and wasm32 compute
//! the same bits. One-dimensional landscapes use θ = (x, 0): their value ignores y, their
//! gradient's y component is always 0, and their Hessian is `[[f″(x), 0], [0, 1]]` (see
//! [`Function::hessian`]).

use crate::geometry::{Hessian, Point, Window};
use core::f64::consts::PI;

/// One of the built-in analytic landscapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function {
    /// x² + y², the round bowl.
    Quadratic,
    /// x² + 25y², a bowl 25 times steeper in y: the zig-zag demonstration.
    Ellipse,
    /// (1 − x)² + 100(y − x²)², the curved banana valley.
    Rosenbrock,
    /// (x² + y − 11)² + (x + y² − 7)², four equal minima.
    Himmelblau,
    /// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², flat plateaus and steep walls.
    Beale,
    /// (x + 2y − 7)² + (2x + y − 5)², a tilted quadratic bowl.
    Booth,
    /// 20 + x² − 10cos(2πx) + y² − 10cos(2πy), a bowl covered in local minima.
    Rastrigin,
    /// x² − y², a saddle with no minimum.
    Saddle,
    /// (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y², two global and four local minima.
    SixHumpCamel,
    /// x², the one-dimensional bowl.
    Parabola1d,
    /// x⁴ − 4x² + x, one local and one global minimum.
    DoubleWell1d,
    /// x²/10 + sin(3x), a wavy bowl with five minima in view.
    Wavy1d,
}

/// Static facts about a [`Function`]: its names, formula, default view and known minima.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FunctionInfo {
    /// The token used in URLs and on the command line, e.g. `six_hump_camel`.
    pub name: &'static str,
    /// The human name, e.g. `Six-hump camel`.
    pub display: &'static str,
    /// The formula in Unicode, e.g. `(1 − x)² + 100(y − x²)²`.
    pub formula: &'static str,
    /// 2, or 1 for the one-dimensional landscapes (θ = x; y stays 0).
    pub dim: u8,
    /// The default view. For 1-D landscapes `x_min..x_max` is the range of θ and
    /// `y_min..y_max` the range of f(θ) to plot, since there is no second parameter.
    pub window: Window,
    /// The default start. For 1-D landscapes the y coordinate is 0.
    pub start: Point,
    /// Known minima to full f64 precision: the first [`global_minima_count`](Self::global_minima_count)
    /// are global, the rest are local. For 1-D landscapes each point is (x, 0). Empty for the
    /// saddle, which has no minimum. Only minima inside the default window are listed for the
    /// landscapes with infinitely many (rastrigin, wavy1d), and rastrigin lists only its global one.
    pub minima: &'static [Point],
    /// How many of the leading entries of `minima` are global minima.
    pub global_minima_count: usize,
    /// Whether the colour map should be logarithmic because the values span many decades.
    pub log_color: bool,
}

impl FunctionInfo {
    /// The global minima (a prefix of `minima`).
    pub fn global_minima(&self) -> &'static [Point] {
        &self.minima[..self.global_minima_count]
    }

    /// The local but not global minima (the rest of `minima`).
    pub fn local_minima(&self) -> &'static [Point] {
        &self.minima[self.global_minima_count..]
    }
}

/// Six-hump camel: the two global minima ±(x, y), found by Newton's method in 40-digit arithmetic
/// and rounded to the nearest f64.
const CAMEL_X: f64 = 0.08984201310031806;
const CAMEL_Y: f64 = -0.7126564030207396;

/// Every entry is indexed by `Function as usize`, so the order must match the enum.
static INFOS: [FunctionInfo; 12] = [
    FunctionInfo {
        name: "quadratic",
        display: "Quadratic bowl",
        formula: "x² + y²",
        dim: 2,
        window: Window::new(-2.0, 2.0, -2.0, 2.0),
        start: [-1.5, 1.2],
        minima: &[[0.0, 0.0]],
        global_minima_count: 1,
        log_color: false,
    },
    FunctionInfo {
        name: "ellipse",
        display: "Elongated bowl",
        formula: "x² + 25y²",
        dim: 2,
        window: Window::new(-2.0, 2.0, -1.5, 1.5),
        // Off both axes so that plain gradient descent zig-zags across the narrow y direction.
        start: [-1.8, 0.6],
        minima: &[[0.0, 0.0]],
        global_minima_count: 1,
        log_color: false,
    },
    FunctionInfo {
        name: "rosenbrock",
        display: "Rosenbrock",
        formula: "(1 − x)² + 100(y − x²)²",
        dim: 2,
        window: Window::new(-2.0, 2.0, -1.0, 3.0),
        start: [-1.5, 2.0],
        minima: &[[1.0, 1.0]],
        global_minima_count: 1,
        log_color: true,
    },
    FunctionInfo {
        name: "himmelblau",
        display: "Himmelblau",
        formula: "(x² + y − 11)² + (x + y² − 7)²",
        dim: 2,
        window: Window::new(-5.0, 5.0, -5.0, 5.0),
        // Near the central local maximum, so different optimizers fall into different minima.
        start: [-0.5, -0.5],
        // Newton's method in 40-digit arithmetic, rounded to the nearest f64; (3, 2) is exact.
        minima: &[
            [3.0, 2.0],
            [-2.805118086952745, 3.131312518250573],
            [-3.779310253377747, -3.2831859912861696],
            [3.5844283403304917, -1.8481265269644036],
        ],
        global_minima_count: 4,
        log_color: true,
    },
    FunctionInfo {
        name: "beale",
        display: "Beale",
        formula: "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
        dim: 2,
        window: Window::new(-4.5, 4.5, -4.5, 4.5),
        start: [1.0, 1.5],
        minima: &[[3.0, 0.5]],
        global_minima_count: 1,
        log_color: true,
    },
    FunctionInfo {
        name: "booth",
        display: "Booth",
        formula: "(x + 2y − 7)² + (2x + y − 5)²",
        dim: 2,
        window: Window::new(-10.0, 10.0, -10.0, 10.0),
        start: [-8.0, -6.0],
        minima: &[[1.0, 3.0]],
        global_minima_count: 1,
        log_color: false,
    },
    FunctionInfo {
        name: "rastrigin",
        display: "Rastrigin",
        formula: "20 + x² − 10cos(2πx) + y² − 10cos(2πy)",
        dim: 2,
        window: Window::new(-5.12, 5.12, -5.12, 5.12),
        start: [3.3, -2.4],
        minima: &[[0.0, 0.0]],
        global_minima_count: 1,
        log_color: false,
    },
    FunctionInfo {
        name: "saddle",
        display: "Saddle",
        formula: "x² − y²",
        dim: 2,
        window: Window::new(-2.0, 2.0, -2.0, 2.0),
        // Almost on the x axis: descent first heads for the saddle point, then slowly escapes.
        start: [-1.8, 0.05],
        minima: &[],
        global_minima_count: 0,
        log_color: false,
    },
    FunctionInfo {
        name: "six_hump_camel",
        display: "Six-hump camel",
        formula: "(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²",
        dim: 2,
        window: Window::new(-3.0, 3.0, -2.0, 2.0),
        start: [-1.5, 1.0],
        // The two global minima, then the four local ones (Newton's method in 40-digit
        // arithmetic, rounded to the nearest f64), which a map of basins tells apart.
        minima: &[
            [CAMEL_X, CAMEL_Y],
            [-CAMEL_X, -CAMEL_Y],
            [1.703606714969981, -0.7960835686726251],
            [-1.703606714969981, 0.7960835686726251],
            [1.6071047529201972, 0.5686514548841314],
            [-1.6071047529201972, -0.5686514548841314],
        ],
        global_minima_count: 2,
        log_color: false,
    },
    FunctionInfo {
        name: "parabola1d",
        display: "Parabola (1-D)",
        formula: "x²",
        dim: 1,
        window: Window::new(-3.0, 3.0, -0.5, 9.0),
        start: [2.5, 0.0],
        minima: &[[0.0, 0.0]],
        global_minima_count: 1,
        log_color: false,
    },
    FunctionInfo {
        name: "double_well1d",
        display: "Double well (1-D)",
        formula: "x⁴ − 4x² + x",
        dim: 1,
        window: Window::new(-2.5, 2.5, -6.0, 17.0),
        // On the side of the local well, so plain descent gets stuck and momentum can escape.
        start: [2.0, 0.0],
        // Roots of 4x³ − 8x + 1 = 0 by Newton's method in 40-digit arithmetic, rounded to f64:
        // the global minimum (f ≈ −5.4442) and the local one (f ≈ −2.6186).
        minima: &[[-1.4729976011140302, 0.0], [1.346997408527774, 0.0]],
        global_minima_count: 1,
        log_color: false,
    },
    FunctionInfo {
        name: "wavy1d",
        display: "Wavy bowl (1-D)",
        formula: "x²/10 + sin(3x)",
        dim: 1,
        window: Window::new(-5.0, 5.0, -1.5, 3.5),
        // Lands in the local minimum at x ≈ 3.58, two wells away from the global one.
        start: [4.5, 0.0],
        // Roots of x/5 + 3cos(3x) = 0 with f″ > 0 inside the window, by Newton's method in
        // 40-digit arithmetic, rounded to f64. The global one (f ≈ −0.9732) comes first.
        minima: &[
            [-0.5122140283561128, 0.0],
            [-4.608298882423005, 0.0],
            [-2.560806938073543, 0.0],
            [1.53658988014775, 0.0],
            [3.5847518173037196, 0.0],
        ],
        global_minima_count: 1,
        log_color: false,
    },
];

/// The value, first and second derivative of a one-dimensional landscape at `x`.
fn one_d(f: Function, x: f64) -> (f64, f64, f64) {
    match f {
        Function::Parabola1d => (x * x, 2.0 * x, 2.0),
        Function::DoubleWell1d => {
            let x2 = x * x;
            (
                x2 * x2 - 4.0 * x2 + x,
                4.0 * x2 * x - 8.0 * x + 1.0,
                12.0 * x2 - 8.0,
            )
        }
        Function::Wavy1d => {
            let s = libm::sin(3.0 * x);
            (
                x * x / 10.0 + s,
                x / 5.0 + 3.0 * libm::cos(3.0 * x),
                0.2 - 9.0 * s,
            )
        }
        _ => unreachable!("one_d is only called for 1-D landscapes"),
    }
}

impl Function {
    /// Every landscape, in menu order.
    pub const ALL: [Function; 12] = [
        Function::Quadratic,
        Function::Ellipse,
        Function::Rosenbrock,
        Function::Himmelblau,
        Function::Beale,
        Function::Booth,
        Function::Rastrigin,
        Function::Saddle,
        Function::SixHumpCamel,
        Function::Parabola1d,
        Function::DoubleWell1d,
        Function::Wavy1d,
    ];

    /// The static facts about this landscape.
    pub fn info(&self) -> &'static FunctionInfo {
        &INFOS[*self as usize]
    }

    /// The URL token, e.g. `rosenbrock`.
    pub fn name(&self) -> &'static str {
        self.info().name
    }

    /// The landscape whose URL token is `s`, if any (exact, case-sensitive match).
    pub fn from_name(s: &str) -> Option<Function> {
        Function::ALL.iter().copied().find(|f| f.name() == s)
    }

    /// Whether this is a one-dimensional landscape (θ = x, y frozen at 0).
    pub fn is_1d(&self) -> bool {
        self.info().dim == 1
    }

    /// f(θ) and ∇f(θ) in one call: both are inlined here, so the compiler dispatches on the
    /// landscape once and shares their common terms (the same operations, the same bits).
    pub fn loss_gradient(&self, p: Point) -> (f64, Point) {
        (self.value(p), self.gradient(p))
    }

    /// f(θ).
    #[inline(always)]
    pub fn value(&self, p: Point) -> f64 {
        let [x, y] = p;
        match self {
            Function::Quadratic => x * x + y * y,
            Function::Ellipse => x * x + 25.0 * y * y,
            Function::Rosenbrock => {
                let a = 1.0 - x;
                let b = y - x * x;
                a * a + 100.0 * b * b
            }
            Function::Himmelblau => {
                let a = x * x + y - 11.0;
                let b = x + y * y - 7.0;
                a * a + b * b
            }
            Function::Beale => {
                let t = beale_terms(x, y);
                t[0] * t[0] + t[1] * t[1] + t[2] * t[2]
            }
            Function::Booth => {
                let u = x + 2.0 * y - 7.0;
                let v = 2.0 * x + y - 5.0;
                u * u + v * v
            }
            Function::Rastrigin => {
                20.0 + x * x - 10.0 * libm::cos(2.0 * PI * x) + y * y
                    - 10.0 * libm::cos(2.0 * PI * y)
            }
            Function::Saddle => x * x - y * y,
            Function::SixHumpCamel => {
                let x2 = x * x;
                let y2 = y * y;
                (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2
            }
            Function::Parabola1d | Function::DoubleWell1d | Function::Wavy1d => one_d(*self, x).0,
        }
    }

    /// ∇f(θ), computed analytically. For 1-D landscapes the y component is 0.
    #[inline(always)]
    pub fn gradient(&self, p: Point) -> Point {
        let [x, y] = p;
        match self {
            Function::Quadratic => [2.0 * x, 2.0 * y],
            Function::Ellipse => [2.0 * x, 50.0 * y],
            Function::Rosenbrock => {
                let b = y - x * x;
                [-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b]
            }
            Function::Himmelblau => {
                let a = x * x + y - 11.0;
                let b = x + y * y - 7.0;
                [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]
            }
            Function::Beale => {
                let t = beale_terms(x, y);
                let (dx, dy) = beale_partials(x, y);
                [
                    2.0 * (t[0] * dx[0] + t[1] * dx[1] + t[2] * dx[2]),
                    2.0 * (t[0] * dy[0] + t[1] * dy[1] + t[2] * dy[2]),
                ]
            }
            Function::Booth => {
                let u = x + 2.0 * y - 7.0;
                let v = 2.0 * x + y - 5.0;
                [2.0 * u + 4.0 * v, 4.0 * u + 2.0 * v]
            }
            Function::Rastrigin => [
                2.0 * x + 20.0 * PI * libm::sin(2.0 * PI * x),
                2.0 * y + 20.0 * PI * libm::sin(2.0 * PI * y),
            ],
            Function::Saddle => [2.0 * x, -2.0 * y],
            Function::SixHumpCamel => {
                let x2 = x * x;
                [
                    8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y,
                    x - 8.0 * y + 16.0 * y * y * y,
                ]
            }
            Function::Parabola1d | Function::DoubleWell1d | Function::Wavy1d => {
                [one_d(*self, x).1, 0.0]
            }
        }
    }

    /// The Hessian of f at θ, computed analytically.
    ///
    /// For 1-D landscapes it is `[[f″(x), 0], [0, 1]]`: y is frozen and its gradient is always
    /// 0, so a unit curvature in y keeps Newton's 2×2 solve well-posed without changing the
    /// step in x (the y step is 0 / 1 = 0).
    pub fn hessian(&self, p: Point) -> Hessian {
        let [x, y] = p;
        match self {
            Function::Quadratic => [[2.0, 0.0], [0.0, 2.0]],
            Function::Ellipse => [[2.0, 0.0], [0.0, 50.0]],
            Function::Rosenbrock => {
                let hxy = -400.0 * x;
                [[2.0 - 400.0 * y + 1200.0 * x * x, hxy], [hxy, 200.0]]
            }
            Function::Himmelblau => {
                let a = x * x + y - 11.0;
                let b = x + y * y - 7.0;
                let hxy = 4.0 * x + 4.0 * y;
                [
                    [4.0 * a + 8.0 * x * x + 2.0, hxy],
                    [hxy, 2.0 + 4.0 * b + 8.0 * y * y],
                ]
            }
            Function::Beale => {
                let t = beale_terms(x, y);
                let (dx, dy) = beale_partials(x, y);
                // Mixed and second y-partials of the three terms; all second x-partials are 0.
                let dxy = [1.0, 2.0 * y, 3.0 * y * y];
                let dyy = [0.0, 2.0 * x, 6.0 * x * y];
                let mut h = [[0.0; 2]; 2];
                for i in 0..3 {
                    h[0][0] += 2.0 * dx[i] * dx[i];
                    h[0][1] += 2.0 * (dx[i] * dy[i] + t[i] * dxy[i]);
                    h[1][1] += 2.0 * (dy[i] * dy[i] + t[i] * dyy[i]);
                }
                h[1][0] = h[0][1];
                h
            }
            Function::Booth => [[10.0, 8.0], [8.0, 10.0]],
            Function::Rastrigin => {
                let c = 40.0 * PI * PI;
                [
                    [2.0 + c * libm::cos(2.0 * PI * x), 0.0],
                    [0.0, 2.0 + c * libm::cos(2.0 * PI * y)],
                ]
            }
            Function::Saddle => [[2.0, 0.0], [0.0, -2.0]],
            Function::SixHumpCamel => {
                let x2 = x * x;
                [
                    [8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0],
                    [1.0, -8.0 + 48.0 * y * y],
                ]
            }
            Function::Parabola1d | Function::DoubleWell1d | Function::Wavy1d => {
                [[one_d(*self, x).2, 0.0], [0.0, 1.0]]
            }
        }
    }
}

/// The three squared terms of Beale's function.
fn beale_terms(x: f64, y: f64) -> [f64; 3] {
    let y2 = y * y;
    [1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y2 * y]
}

/// The x- and y-partials of Beale's three terms.
fn beale_partials(x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let y2 = y * y;
    (
        [y - 1.0, y2 - 1.0, y2 * y - 1.0],
        [x, 2.0 * x * y, 3.0 * x * y2],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A step for central differences that balances truncation (∝ h²) against rounding (∝ 1/h).
    fn step(v: f64) -> f64 {
        1e-5 * v.abs().max(1.0)
    }

    /// Central-difference gradient of the value.
    fn numeric_gradient(f: Function, p: Point) -> Point {
        let mut g = [0.0; 2];
        for (i, gi) in g.iter_mut().enumerate().take(f.info().dim as usize) {
            let h = step(p[i]);
            let mut a = p;
            let mut b = p;
            a[i] += h;
            b[i] -= h;
            *gi = (f.value(a) - f.value(b)) / (2.0 * h);
        }
        g
    }

    /// Central-difference Hessian from the analytic gradient.
    fn numeric_hessian(f: Function, p: Point) -> Hessian {
        let mut hm = [[0.0; 2]; 2];
        for j in 0..2 {
            let h = step(p[j]);
            let mut a = p;
            let mut b = p;
            a[j] += h;
            b[j] -= h;
            let (ga, gb) = (f.gradient(a), f.gradient(b));
            for i in 0..2 {
                hm[i][j] = (ga[i] - gb[i]) / (2.0 * h);
            }
        }
        if f.is_1d() {
            // The documented convention, not a derivative: y is frozen.
            hm[1][1] = 1.0;
        }
        hm
    }

    fn point_in(w: Window, u: f64, v: f64) -> Point {
        [
            w.x_min + (w.x_max - w.x_min) * u,
            w.y_min + (w.y_max - w.y_min) * v,
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn gradient_matches_central_differences(f in prop::sample::select(Function::ALL.to_vec()), u in 0.0f64..1.0, v in 0.0f64..1.0) {
            let mut p = point_in(f.info().window, u, v);
            if f.is_1d() {
                p[1] = 0.0;
            }
            let g = f.gradient(p);
            let n = numeric_gradient(f, p);
            let tol = 1e-5 * f.value(p).abs().max(1.0);
            for i in 0..2 {
                prop_assert!((g[i] - n[i]).abs() <= tol, "{:?} at {:?}: {:?} vs {:?}", f, p, g, n);
            }
        }

        #[test]
        fn hessian_matches_central_differences(f in prop::sample::select(Function::ALL.to_vec()), u in 0.0f64..1.0, v in 0.0f64..1.0) {
            let mut p = point_in(f.info().window, u, v);
            if f.is_1d() {
                p[1] = 0.0;
            }
            let h = f.hessian(p);
            let n = numeric_hessian(f, p);
            let g = f.gradient(p);
            let tol = 1e-5 * g[0].abs().max(g[1].abs()).max(f.value(p).abs()).max(1.0);
            for i in 0..2 {
                for j in 0..2 {
                    prop_assert!((h[i][j] - n[i][j]).abs() <= tol, "{:?} at {:?}: {:?} vs {:?}", f, p, h, n);
                }
            }
            prop_assert_eq!(h[0][1], h[1][0]);
        }
    }

    #[test]
    fn gradient_vanishes_at_every_listed_minimum() {
        for f in Function::ALL {
            for &m in f.info().minima {
                let g = f.gradient(m);
                assert!(
                    g[0].abs() < 1e-6 && g[1].abs() < 1e-6,
                    "{f:?} at {m:?}: {g:?}"
                );
                let h = f.hessian(m);
                // Positive definite: a true minimum, not a saddle or maximum.
                assert!(
                    h[0][0] > 0.0 && h[0][0] * h[1][1] - h[0][1] * h[1][0] > 0.0,
                    "{f:?} at {m:?}"
                );
            }
        }
    }

    #[test]
    fn global_minima_are_lowest_and_equal() {
        for f in Function::ALL {
            let info = f.info();
            let globals = info.global_minima();
            if globals.is_empty() {
                continue;
            }
            let best = f.value(globals[0]);
            for &g in globals {
                assert!((f.value(g) - best).abs() < 1e-12, "{f:?}");
            }
            for &l in info.local_minima() {
                assert!(f.value(l) > best + 1e-3, "{f:?} local {l:?}");
            }
        }
    }

    #[test]
    fn known_minimum_values() {
        assert_eq!(Function::Rosenbrock.value([1.0, 1.0]), 0.0);
        assert_eq!(Function::Beale.value([3.0, 0.5]), 0.0);
        assert_eq!(Function::Booth.value([1.0, 3.0]), 0.0);
        assert_eq!(Function::Rastrigin.value([0.0, 0.0]), 0.0);
        let camel = Function::SixHumpCamel.value([CAMEL_X, CAMEL_Y]);
        assert!((camel + 1.0316284534898774).abs() < 1e-15);
    }

    #[test]
    fn starts_and_minima_lie_in_their_windows() {
        for f in Function::ALL {
            let info = f.info();
            let w = info.window;
            let inside_x = |p: Point| p[0] >= w.x_min && p[0] <= w.x_max;
            if f.is_1d() {
                assert!(inside_x(info.start) && info.start[1] == 0.0, "{f:?}");
                for &m in info.minima {
                    assert!(inside_x(m) && m[1] == 0.0, "{f:?}");
                    let v = f.value(m);
                    assert!(v >= w.y_min && v <= w.y_max, "{f:?}");
                }
            } else {
                assert!(w.contains(info.start), "{f:?}");
                for &m in info.minima {
                    assert!(w.contains(m), "{f:?}");
                }
            }
            // A start at a stationary point would never move.
            let g = f.gradient(info.start);
            assert!(g[0].abs() + g[1].abs() > 1e-3, "{f:?}");
        }
    }

    #[test]
    fn names_round_trip_and_all_is_complete() {
        for (i, f) in Function::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i, "ALL must be in declaration order");
            assert_eq!(Function::from_name(f.name()), Some(*f));
        }
        assert_eq!(Function::from_name("nope"), None);
        // Exhaustive match: adding a variant without listing it here fails to compile.
        for f in Function::ALL {
            match f {
                Function::Quadratic
                | Function::Ellipse
                | Function::Rosenbrock
                | Function::Himmelblau
                | Function::Beale
                | Function::Booth
                | Function::Rastrigin
                | Function::Saddle
                | Function::SixHumpCamel
                | Function::Parabola1d
                | Function::DoubleWell1d
                | Function::Wavy1d => {}
            }
        }
        let mut names: Vec<_> = Function::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 12);
    }

    #[test]
    fn one_d_second_derivative_positive_at_minima() {
        for f in Function::ALL.into_iter().filter(|f| f.is_1d()) {
            for &m in f.info().minima {
                assert!(f.hessian(m)[0][0] > 0.0, "{f:?} {m:?}");
                assert_eq!(f.gradient(m)[1], 0.0);
            }
            assert_eq!(f.hessian([0.3, 0.0])[1][1], 1.0);
        }
    }

    /// The run loop takes a 1-D landscape's gradient as it is: its y component must be +0
    /// wherever θ is, as `Objective::gradient` would make it.
    #[test]
    fn one_d_gradients_have_a_zero_y() {
        for f in Function::ALL.into_iter().filter(|f| f.is_1d()) {
            for p in [[0.3, 0.0], [-1.5, 2.0], [1e6, -0.0], [f64::NAN, 1.0]] {
                assert_eq!(f.gradient(p)[1].to_bits(), 0.0f64.to_bits(), "{f:?} {p:?}");
                assert_eq!(f.loss_gradient(p).1[1].to_bits(), 0.0f64.to_bits());
            }
        }
    }
}
