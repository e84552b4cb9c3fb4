//! The interpreter: a postfix program run with an explicit stack on any number type (`Num`), plain `f64` for values.

use super::program::{Func, Op};
use crate::geometry::Point;

/// Runs a program on a stack at least `max_stack(code)` deep.
pub(super) fn exec<T: Num>(code: &[Op], p: Point, stack: &mut [T]) -> T {
    let mut sp = 0;
    for op in code {
        match *op {
            Op::Const(c) => {
                stack[sp] = T::constant(c);
                sp += 1;
            }
            Op::X => {
                stack[sp] = T::var_x(p[0]);
                sp += 1;
            }
            Op::Y => {
                stack[sp] = T::var_y(p[1]);
                sp += 1;
            }
            Op::Neg => stack[sp - 1] = stack[sp - 1].neg(),
            Op::PowConst(c) => stack[sp - 1] = stack[sp - 1].powc(c),
            Op::Square => stack[sp - 1] = stack[sp - 1].square(),
            Op::Func(f) => stack[sp - 1] = stack[sp - 1].func(f),
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow => {
                sp -= 1;
                let (a, b) = (stack[sp - 1], stack[sp]);
                stack[sp - 1] = match *op {
                    Op::Add => a.add(b),
                    Op::Sub => a.sub(b),
                    Op::Mul => a.mul(b),
                    Op::Div => a.div(b),
                    _ => a.pow(b),
                };
            }
        }
    }
    stack[0]
}

/// What the program needs from a number: plain `f64` for values, jets for derivatives.
pub(super) trait Num: Copy {
    fn constant(c: f64) -> Self;
    fn var_x(v: f64) -> Self;
    fn var_y(v: f64) -> Self;
    fn neg(self) -> Self;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
    fn pow(self, o: Self) -> Self;
    fn powc(self, c: f64) -> Self;
    fn square(self) -> Self;
    fn func(self, f: Func) -> Self;
}

/// The value of a built-in function; the single source of truth for every number type.
pub(super) fn func_value(f: Func, v: f64) -> f64 {
    match f {
        Func::Sin => libm::sin(v),
        Func::Cos => libm::cos(v),
        Func::Tan => libm::tan(v),
        Func::Exp => libm::exp(v),
        Func::Ln => libm::log(v),
        Func::Log10 => libm::log10(v),
        Func::Sqrt => v.sqrt(),
        Func::Abs => v.abs(),
        Func::Tanh => libm::tanh(v),
        Func::Sinh => libm::sinh(v),
        Func::Cosh => libm::cosh(v),
    }
}

impl Num for f64 {
    #[inline]
    fn constant(c: f64) -> Self {
        c
    }
    #[inline]
    fn var_x(v: f64) -> Self {
        v
    }
    #[inline]
    fn var_y(v: f64) -> Self {
        v
    }
    #[inline]
    fn neg(self) -> Self {
        -self
    }
    #[inline]
    fn add(self, o: Self) -> Self {
        self + o
    }
    #[inline]
    fn sub(self, o: Self) -> Self {
        self - o
    }
    #[inline]
    fn mul(self, o: Self) -> Self {
        self * o
    }
    #[inline]
    fn div(self, o: Self) -> Self {
        self / o
    }
    #[inline]
    fn pow(self, o: Self) -> Self {
        libm::pow(self, o)
    }
    #[inline]
    fn powc(self, c: f64) -> Self {
        libm::pow(self, c)
    }
    #[inline]
    fn square(self) -> Self {
        self * self
    }
    #[inline]
    fn func(self, f: Func) -> Self {
        func_value(f, self)
    }
}
