//! The compiled program: postfix instructions, the built-in functions and the names a formula may use.

/// One instruction of the postfix program.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Op {
    Const(f64),
    X,
    Y,
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    /// `a ^ b` with a non-constant exponent.
    Pow,
    /// `a ^ c` with a constant exponent, differentiated as c·a^(c−1) so `x^2` is smooth at 0.
    PowConst(f64),
    /// `a ^ 2`, computed as a·a: correctly rounded, and the most common power by far.
    Square,
    Func(Func),
}

/// The built-in one-argument functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Func {
    Sin,
    Cos,
    Tan,
    Exp,
    Ln,
    Log10,
    Sqrt,
    Abs,
    Tanh,
    Sinh,
    Cosh,
}

pub(super) const FUNCTIONS: [(&str, Func); 11] = [
    ("sin", Func::Sin),
    ("cos", Func::Cos),
    ("tan", Func::Tan),
    ("exp", Func::Exp),
    ("ln", Func::Ln),
    ("log10", Func::Log10),
    ("sqrt", Func::Sqrt),
    ("abs", Func::Abs),
    ("tanh", Func::Tanh),
    ("sinh", Func::Sinh),
    ("cosh", Func::Cosh),
];

/// The names a formula may use, as an unknown name's message lists them.
pub const KNOWN_NAMES: [&str; 15] = [
    "x", "y", "pi", "e", "sin", "cos", "tan", "exp", "ln", "log10", "sqrt", "abs", "tanh", "sinh",
    "cosh",
];
/// The functions, as an unknown function's message lists them.
pub const KNOWN_FUNCTIONS: [&str; 11] = [
    "sin", "cos", "tan", "exp", "ln", "log10", "sqrt", "abs", "tanh", "sinh", "cosh",
];

/// How deep the stack gets; the parser only emits well-formed programs, so this never underflows.
pub(super) fn max_stack(code: &[Op]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for op in code {
        match op {
            Op::Const(_) | Op::X | Op::Y => depth += 1,
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow => depth -= 1,
            Op::Neg | Op::PowConst(_) | Op::Square | Op::Func(_) => {}
        }
        max = max.max(depth);
    }
    max
}
