//! The local curvature at a point: the Hessian's eigenvalues λ₁ ≥ λ₂ and the shape they make (bowl, saddle, valley, ridge, peak, flat).
//!
//! A leaf beside `geometry`: it reads a Hessian and knows nothing of landscapes or
//! optimizers. `Objective::curvature` fills it from the analytic Hessian (built-ins, data
//! models) or the hyper-dual one (formulas); the learning rates that stay stable on this
//! local quadratic are the optimizers' business (`Optimizer::band`).

use crate::geometry::{eigenvalues, Hessian};

/// How small an eigenvalue must be, relative to the other's magnitude, to count as zero:
/// a direction whose curvature is under a thousandth of the other's is read as flat, so a
/// bowl with a condition number above 1000 reads as a valley. (Rosenbrock's floor at (1, 1)
/// has λ₂/λ₁ ≈ 4·10⁻⁴: a valley, as every textbook calls it.)
pub const FLAT_RELATIVE: f64 = 1e-3;

/// Below this magnitude an eigenvalue is zero whatever the other is (a 1-D landscape has no
/// other; curvature this small moves nothing in the playground's windows).
pub const FLAT_ABSOLUTE: f64 = 1e-12;

/// The shape of the local quadratic model, named by the signs of its eigenvalues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Both eigenvalues positive (in 1-D: the one is): a minimum's neighbourhood.
    Bowl,
    /// One positive, one negative.
    Saddle,
    /// One positive, the other ≈ 0: curved across, flat along.
    Valley,
    /// One negative, the other ≈ 0: falling away across, flat along.
    Ridge,
    /// Both negative (in 1-D: the one is): a maximum's neighbourhood.
    Peak,
    /// Every eigenvalue ≈ 0.
    Flat,
    /// An entry of the Hessian is not finite.
    Undefined,
}

impl Shape {
    /// The code the page words it by (`shape.<code>` in `web/strings.js`).
    pub fn code(self) -> &'static str {
        match self {
            Shape::Bowl => "bowl",
            Shape::Saddle => "saddle",
            Shape::Valley => "valley",
            Shape::Ridge => "ridge",
            Shape::Peak => "peak",
            Shape::Flat => "flat",
            Shape::Undefined => "undefined",
        }
    }

    /// Every shape, for tests and the string tables' check.
    pub const ALL: [Shape; 7] = [
        Shape::Bowl,
        Shape::Saddle,
        Shape::Valley,
        Shape::Ridge,
        Shape::Peak,
        Shape::Flat,
        Shape::Undefined,
    ];
}

/// The Hessian's eigenvalues at a point and their shape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curvature {
    /// λ₁ ≥ λ₂; for a 1-D landscape only `lambda[0]` means anything (`lambda[1]` is NaN).
    pub lambda: [f64; 2],
    /// 1 or 2: how many eigenvalues there are.
    pub dim: u8,
    /// The shape they make.
    pub shape: Shape,
}

impl Curvature {
    /// The curvature of Hessian `h` in `dim` dimensions (1: only ∂²f/∂x² counts).
    pub fn of(h: Hessian, dim: u8) -> Curvature {
        let lambda = if dim == 1 {
            [h[0][0], f64::NAN]
        } else if h.iter().flatten().all(|x| x.is_finite()) {
            eigenvalues(h)
        } else {
            [f64::NAN; 2]
        };
        let values = &lambda[..usize::from(dim.clamp(1, 2))];
        Curvature {
            lambda,
            dim: dim.clamp(1, 2),
            shape: shape(values),
        }
    }

    /// The largest eigenvalue λ₁ (NaN when not finite).
    pub fn lambda1(&self) -> f64 {
        self.lambda[0]
    }
}

/// The shape of eigenvalues `l` (one or two, largest first).
fn shape(l: &[f64]) -> Shape {
    if l.iter().any(|x| !x.is_finite()) {
        return Shape::Undefined;
    }
    let big = l.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    let sign = |x: f64| {
        if x.abs() <= FLAT_ABSOLUTE || x.abs() <= FLAT_RELATIVE * big && l.len() > 1 {
            0
        } else if x > 0.0 {
            1
        } else {
            -1
        }
    };
    let mut pos = 0;
    let mut neg = 0;
    for &x in l {
        match sign(x) {
            1 => pos += 1,
            -1 => neg += 1,
            _ => {}
        }
    }
    let n = l.len();
    match (pos, neg) {
        (p, 0) if p == n => Shape::Bowl,
        (0, q) if q == n => Shape::Peak,
        (1, 1) => Shape::Saddle,
        (1, 0) => Shape::Valley,
        (0, 1) => Shape::Ridge,
        _ => Shape::Flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(h: Hessian) -> Curvature {
        Curvature::of(h, 2)
    }

    #[test]
    fn eigenvalues_of_known_matrices() {
        assert_eq!(c([[2.0, 0.0], [0.0, 20.0]]).lambda, [20.0, 2.0]);
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1.
        let l = c([[2.0, 1.0], [1.0, 2.0]]).lambda;
        assert!(
            (l[0] - 3.0).abs() < 1e-15 && (l[1] - 1.0).abs() < 1e-15,
            "{l:?}"
        );
        // An asymmetric input is symmetrised first.
        assert_eq!(
            c([[2.0, 2.0], [0.0, 2.0]]).lambda,
            c([[2.0, 1.0], [1.0, 2.0]]).lambda
        );
        // λ₁ ≥ λ₂, the trace and the determinant kept, on a spread of matrices.
        for &(a, b, d) in &[
            (1.0, 0.5, -3.0),
            (-4.0, 2.0, 7.0),
            (1e6, 3.0, 1e-3),
            (0.0, 0.0, 0.0),
        ] {
            let l = c([[a, b], [b, d]]).lambda;
            assert!(l[0] >= l[1]);
            let scale = 1.0 + a.abs() + d.abs() + b.abs();
            assert!((l[0] + l[1] - (a + d)).abs() < 1e-12 * scale);
            assert!((l[0] * l[1] - (a * d - b * b)).abs() < 1e-9 * scale * scale);
        }
    }

    #[test]
    fn shapes_from_the_signs() {
        assert_eq!(c([[2.0, 0.0], [0.0, 20.0]]).shape, Shape::Bowl);
        assert_eq!(c([[2.0, 0.0], [0.0, -2.0]]).shape, Shape::Saddle);
        assert_eq!(c([[-1.0, 0.0], [0.0, -5.0]]).shape, Shape::Peak);
        assert_eq!(c([[4.0, 0.0], [0.0, 0.0]]).shape, Shape::Valley);
        assert_eq!(c([[0.0, 0.0], [0.0, -4.0]]).shape, Shape::Ridge);
        assert_eq!(c([[0.0, 0.0], [0.0, 0.0]]).shape, Shape::Flat);
        // The tolerance is relative: 1e-4 beside 1 is flat, beside 1e-3 it is not.
        assert_eq!(c([[1.0, 0.0], [0.0, 1e-4]]).shape, Shape::Valley);
        assert_eq!(c([[1e-3, 0.0], [0.0, 1e-4]]).shape, Shape::Bowl);
        assert_eq!(c([[1.0, 0.0], [0.0, 2e-3]]).shape, Shape::Bowl);
        assert_eq!(c([[1.0, 0.0], [0.0, -2e-3]]).shape, Shape::Saddle);
    }

    #[test]
    fn one_dimension_has_one_eigenvalue() {
        // Objective::hessian reports ∂²f/∂y² = 1 for 1-D landscapes: it must not count.
        let one = |a: f64| Curvature::of([[a, 0.0], [0.0, 1.0]], 1);
        assert_eq!(one(3.0).shape, Shape::Bowl);
        assert_eq!(one(-3.0).shape, Shape::Peak);
        assert_eq!(one(0.0).shape, Shape::Flat);
        assert_eq!(one(1e-6).shape, Shape::Bowl);
        assert_eq!(one(3.0).lambda[0], 3.0);
        assert!(one(3.0).lambda[1].is_nan());
        assert_eq!(one(3.0).dim, 1);
    }

    #[test]
    fn non_finite_is_undefined() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let k = c([[1.0, bad], [bad, 1.0]]);
            assert_eq!(k.shape, Shape::Undefined);
            assert!(k.lambda1().is_nan());
            assert_eq!(
                Curvature::of([[bad, 0.0], [0.0, 1.0]], 1).shape,
                Shape::Undefined
            );
        }
        // Huge but finite entries whose eigenvalues overflow are undefined too, not a panic.
        assert_eq!(
            c([[f64::MAX, f64::MAX], [f64::MAX, f64::MAX]]).shape,
            Shape::Undefined
        );
    }
}
