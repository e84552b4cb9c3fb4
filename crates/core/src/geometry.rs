//! The small value types shared by every module: a point θ, a Hessian and a view window.

/// A parameter vector θ = (x, y). One-dimensional landscapes keep y at 0.
pub type Point = [f64; 2];

/// A symmetric 2×2 matrix of second derivatives, `h[i][j] = ∂²f/∂θi∂θj`.
pub type Hessian = [[f64; 2]; 2];

/// The eigenvalues `[λ_max, λ_min]` of the symmetrised Hessian (`b = (H₀₁ + H₁₀)/2`), as
/// `mean ± hypot((H₀₀ − H₁₁)/2, b)`: exact to rounding for any symmetric 2×2 matrix, NaN when
/// an entry is not finite. Newton's damping and the read-out's curvature both use it.
pub fn eigenvalues(h: Hessian) -> [f64; 2] {
    let a = h[0][0];
    let c = h[1][1];
    let b = 0.5 * (h[0][1] + h[1][0]);
    let mean = 0.5 * (a + c);
    let r = libm::hypot(0.5 * (a - c), b);
    [mean + r, mean - r]
}

/// A rectangle of the parameter plane, used as the default view of a landscape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_min: f64,
    /// Top edge.
    pub y_max: f64,
}

impl Window {
    /// A window from its four edges.
    pub const fn new(x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> Self {
        Window {
            x_min,
            x_max,
            y_min,
            y_max,
        }
    }

    /// Whether `p` lies inside the window (edges included).
    pub fn contains(&self, p: Point) -> bool {
        p[0] >= self.x_min && p[0] <= self.x_max && p[1] >= self.y_min && p[1] <= self.y_max
    }

    /// A usable copy: non-finite edges become ±1 and empty or reversed spans get width 1,
    /// so that no later division is by zero.
    pub fn sanitized(self) -> Window {
        let fix = |a: f64, b: f64| {
            let a = if a.is_finite() { a } else { -1.0 };
            let b = if b.is_finite() { b } else { a + 2.0 };
            if b > a && (b - a).is_finite() && b - a > 1e-300 {
                (a, b)
            } else {
                (a - 0.5, a + 0.5)
            }
        };
        let (x_min, x_max) = fix(self.x_min, self.x_max);
        let (y_min, y_max) = fix(self.y_min, self.y_max);
        Window {
            x_min,
            x_max,
            y_min,
            y_max,
        }
    }
}
