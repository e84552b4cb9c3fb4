//! First-order forward-mode differentiation: a value with its gradient in x and y.

use super::derivs::{func_derivs, powc_derivs, scale};
use super::interpret::Num;
use super::program::Func;

/// A first-order jet: value and gradient.
#[derive(Clone, Copy, Debug)]
pub(super) struct Jet1 {
    pub(super) v: f64,
    pub(super) x: f64,
    pub(super) y: f64,
}

impl Jet1 {
    fn chain(self, g: f64, g1: f64) -> Self {
        Jet1 {
            v: g,
            x: scale(g1, self.x),
            y: scale(g1, self.y),
        }
    }
}

impl Num for Jet1 {
    fn constant(c: f64) -> Self {
        Jet1 {
            v: c,
            x: 0.0,
            y: 0.0,
        }
    }
    fn var_x(v: f64) -> Self {
        Jet1 { v, x: 1.0, y: 0.0 }
    }
    fn var_y(v: f64) -> Self {
        Jet1 { v, x: 0.0, y: 1.0 }
    }
    fn neg(self) -> Self {
        Jet1 {
            v: -self.v,
            x: -self.x,
            y: -self.y,
        }
    }
    fn add(self, o: Self) -> Self {
        Jet1 {
            v: self.v + o.v,
            x: self.x + o.x,
            y: self.y + o.y,
        }
    }
    fn sub(self, o: Self) -> Self {
        Jet1 {
            v: self.v - o.v,
            x: self.x - o.x,
            y: self.y - o.y,
        }
    }
    fn mul(self, o: Self) -> Self {
        Jet1 {
            v: self.v * o.v,
            x: self.x * o.v + self.v * o.x,
            y: self.y * o.v + self.v * o.y,
        }
    }
    fn div(self, o: Self) -> Self {
        // a/b = a·(1/b); the value is recomputed as a/b to match `f64` bit for bit.
        let r = o.v;
        let inv = o.chain(1.0 / r, -1.0 / (r * r));
        let mut q = self.mul(inv);
        q.v = self.v / o.v;
        q
    }
    fn pow(self, o: Self) -> Self {
        // a^b = exp(b·ln a): differentiate u = b·ln a, then scale by a^b itself.
        let ln_a = self.chain(libm::log(self.v), 1.0 / self.v);
        let u = o.mul(ln_a);
        let f = libm::pow(self.v, o.v);
        u.chain(f, f)
    }
    fn powc(self, c: f64) -> Self {
        let (g, g1, _) = powc_derivs(self.v, c);
        self.chain(g, g1)
    }
    fn square(self) -> Self {
        self.chain(self.v * self.v, 2.0 * self.v)
    }
    fn func(self, f: Func) -> Self {
        let (g, g1, _) = func_derivs(f, self.v);
        self.chain(g, g1)
    }
}
