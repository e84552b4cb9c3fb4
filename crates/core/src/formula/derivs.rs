//! The derivative rules the jets share: first and second derivatives of each built-in function and of a constant power, and the chain rule's zero-safe product.

use super::interpret::func_value;
use super::program::Func;

/// (g(v), g′(v), g″(v)) for a built-in function g, reusing g(v) where the derivatives allow.
pub(super) fn func_derivs(f: Func, v: f64) -> (f64, f64, f64) {
    let g = func_value(f, v);
    let (g1, g2) = match f {
        Func::Sin => (libm::cos(v), -g),
        Func::Cos => (-libm::sin(v), -g),
        Func::Tan => {
            let s = 1.0 + g * g;
            (s, 2.0 * g * s)
        }
        Func::Exp => (g, g),
        Func::Ln => (1.0 / v, -1.0 / (v * v)),
        Func::Log10 => (
            1.0 / (v * core::f64::consts::LN_10),
            -1.0 / (v * v * core::f64::consts::LN_10),
        ),
        Func::Sqrt => (0.5 / g, -0.25 / (g * v)),
        Func::Abs => {
            // The subgradient 0 at the kink keeps optimizers still rather than NaN.
            let s = if v > 0.0 {
                1.0
            } else if v < 0.0 {
                -1.0
            } else if v == 0.0 {
                0.0
            } else {
                f64::NAN
            };
            (s, 0.0)
        }
        Func::Tanh => {
            let d = 1.0 - g * g;
            (d, -2.0 * g * d)
        }
        Func::Sinh => (libm::cosh(v), g),
        Func::Cosh => (libm::sinh(v), g),
    };
    (g, g1, g2)
}

/// The derivatives of a^c with respect to a, for a constant c.
///
/// Zero coefficients are returned as exact zeros so `x^1` and `x^2` stay finite at x = 0
/// (0·0^(−1) would otherwise be NaN).
pub(super) fn powc_derivs(a: f64, c: f64) -> (f64, f64, f64) {
    let g = libm::pow(a, c);
    let g1 = if c == 0.0 {
        0.0
    } else {
        c * libm::pow(a, c - 1.0)
    };
    let k = c * (c - 1.0);
    let g2 = if k == 0.0 {
        0.0
    } else {
        k * libm::pow(a, c - 2.0)
    };
    (g, g1, g2)
}

/// g′·d for the chain rule, treating a zero inner derivative as an exact zero.
///
/// Without this, `sqrt(y)` at y = 0 would poison ∂/∂x with ∞·0 = NaN although it does not
/// depend on x at all.
#[inline]
pub(super) fn scale(g: f64, d: f64) -> f64 {
    if d == 0.0 {
        0.0
    } else {
        g * d
    }
}
