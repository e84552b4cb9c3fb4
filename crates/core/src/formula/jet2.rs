//! Second-order forward-mode differentiation (hyper-dual numbers): a value with its gradient and Hessian in x and y.

use super::derivs::{func_derivs, powc_derivs, scale};
use super::interpret::Num;
use super::program::Func;

/// A second-order jet in two variables (a hyper-dual number): value, gradient and Hessian.
#[derive(Clone, Copy, Debug)]
pub(super) struct Jet2 {
    pub(super) v: f64,
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) xx: f64,
    pub(super) xy: f64,
    pub(super) yy: f64,
}

impl Jet2 {
    /// g(self) from g, g′ and g″ at self.v.
    fn chain(self, g: f64, g1: f64, g2: f64) -> Self {
        Jet2 {
            v: g,
            x: scale(g1, self.x),
            y: scale(g1, self.y),
            xx: scale(g2, self.x * self.x) + scale(g1, self.xx),
            xy: scale(g2, self.x * self.y) + scale(g1, self.xy),
            yy: scale(g2, self.y * self.y) + scale(g1, self.yy),
        }
    }
}

impl Num for Jet2 {
    fn constant(c: f64) -> Self {
        Jet2 {
            v: c,
            x: 0.0,
            y: 0.0,
            xx: 0.0,
            xy: 0.0,
            yy: 0.0,
        }
    }
    fn var_x(v: f64) -> Self {
        Jet2 {
            x: 1.0,
            ..Jet2::constant(v)
        }
    }
    fn var_y(v: f64) -> Self {
        Jet2 {
            y: 1.0,
            ..Jet2::constant(v)
        }
    }
    fn neg(self) -> Self {
        Jet2 {
            v: -self.v,
            x: -self.x,
            y: -self.y,
            xx: -self.xx,
            xy: -self.xy,
            yy: -self.yy,
        }
    }
    fn add(self, o: Self) -> Self {
        Jet2 {
            v: self.v + o.v,
            x: self.x + o.x,
            y: self.y + o.y,
            xx: self.xx + o.xx,
            xy: self.xy + o.xy,
            yy: self.yy + o.yy,
        }
    }
    fn sub(self, o: Self) -> Self {
        Jet2 {
            v: self.v - o.v,
            x: self.x - o.x,
            y: self.y - o.y,
            xx: self.xx - o.xx,
            xy: self.xy - o.xy,
            yy: self.yy - o.yy,
        }
    }
    fn mul(self, o: Self) -> Self {
        let (a, b) = (self, o);
        Jet2 {
            v: a.v * b.v,
            x: a.x * b.v + a.v * b.x,
            y: a.y * b.v + a.v * b.y,
            xx: a.xx * b.v + 2.0 * a.x * b.x + a.v * b.xx,
            xy: a.xy * b.v + a.x * b.y + a.y * b.x + a.v * b.xy,
            yy: a.yy * b.v + 2.0 * a.y * b.y + a.v * b.yy,
        }
    }
    fn div(self, o: Self) -> Self {
        // a/b = a·(1/b); the value is recomputed as a/b to match `f64` bit for bit.
        let r = o.v;
        let inv = o.chain(1.0 / r, -1.0 / (r * r), 2.0 / (r * r * r));
        let mut q = self.mul(inv);
        q.v = self.v / o.v;
        q
    }
    fn pow(self, o: Self) -> Self {
        // a^b = exp(u) with u = b·ln a, and exp′ = exp″ = a^b.
        let a = self.v;
        let ln_a = self.chain(libm::log(a), 1.0 / a, -1.0 / (a * a));
        let u = o.mul(ln_a);
        let f = libm::pow(self.v, o.v);
        u.chain(f, f, f)
    }
    fn powc(self, c: f64) -> Self {
        let (g, g1, g2) = powc_derivs(self.v, c);
        self.chain(g, g1, g2)
    }
    fn square(self) -> Self {
        self.chain(self.v * self.v, 2.0 * self.v, 2.0)
    }
    fn func(self, f: Func) -> Self {
        let (g, g1, g2) = func_derivs(f, self.v);
        self.chain(g, g1, g2)
    }
}
