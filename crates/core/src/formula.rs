//! Custom landscapes: a formula f(x, y) typed by the user, parsed into a flat program and differentiated exactly.
//!
//! # Grammar
//!
//! ```text
//! expr    := term (('+' | '-') term)*
//! term    := unary (('*' | '/') unary)*
//! unary   := ('+' | '-') unary | power
//! power   := primary ('^' unary)?
//! primary := number | 'x' | 'y' | 'pi' | 'e' | function '(' expr ')' | '(' expr ')'
//! ```
//!
//! - `^` is right-associative and binds tighter than a unary minus on its left, so `-x^2` is
//!   `-(x^2)`, `2^3^2` is `2^9` and `2^-1` is `0.5`.
//! - Numbers are decimal: `3`, `.5`, `2.`, `1e-3`, `1E+3`. An `e` right after the digits starts an
//!   exponent, so `1e` is an error rather than `1*e`.
//! - Functions: `sin cos tan exp ln log10 sqrt abs tanh sinh cosh`, always called with parentheses.
//! - There is no implicit multiplication: `2x` is rejected with "expected an operator, found 'x'",
//!   because silently guessing between `2*x` and a typo is worse than asking for a `*`.
//! - The typographic operators the page displays are accepted too: `−` (minus sign), `×`, `·`
//!   and `⋅` (multiplication), `÷` (division) and `π`.
//! - Names are case-sensitive and lowercase.
//!
//! # Limits
//!
//! A formula holds at most [`Formula::MAX_LEN`] characters and nests at most
//! [`Formula::MAX_DEPTH`] levels. Every parenthesis, function call, unary sign and `^` exponent
//! opens one level. The parser recurses only through those levels, and the compiled program is a
//! flat postfix list evaluated with an explicit stack, so no input can overflow the call stack.
//!
//! # Evaluation
//!
//! [`Formula::value`] runs the program on plain `f64`. Derivatives come from the same program run
//! on forward-mode jets (value and gradient, or value, gradient and Hessian), never from finite
//! differences. Every transcendental goes through `libm` so native and wasm32 builds agree bit
//! for bit, and the value part of every jet is computed by exactly the same operations as
//! [`Formula::value`]. Domain errors (`ln(-1)`, `1/0`) propagate as NaN or infinity; nothing
//! panics.

use crate::geometry::{Hessian, Point};
use core::fmt;
use core::str::FromStr;

/// Why a formula could not be parsed, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaError {
    /// 1-based column of the offending character, counted in characters (not bytes).
    pub column: usize,
    /// What was expected and what was found, as data (boxed: the parser's recursive frames
    /// return it, and a small `Result` keeps them small).
    pub kind: Box<FormulaErrorKind>,
}

/// What is wrong with a formula: one variant per problem code, with its arguments. A token
/// `found` is its text as typed, `None` for the end of the formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormulaErrorKind {
    /// Longer than [`Formula::MAX_LEN`].
    TooLong {
        /// Its length in characters.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Nothing but whitespace.
    Empty,
    /// A `)` with no `(` before it.
    UnmatchedClose,
    /// A character no token starts with.
    UnexpectedChar {
        /// The character.
        c: char,
        /// What to write instead, if it looks like a known slip.
        hint: Option<Hint>,
    },
    /// A `.` with no digit on either side.
    DigitAroundDot,
    /// An exponent marker with no digits after it.
    ExponentDigits {
        /// `e` or `E`.
        marker: char,
        /// The number up to the marker and its sign.
        so_far: String,
    },
    /// A number Rust cannot read (never happens; the lexer lets through only valid ones).
    BadNumber {
        /// The number as typed.
        text: String,
    },
    /// Nested deeper than [`Formula::MAX_DEPTH`].
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A value followed by something that is not an operator.
    ExpectedOperator {
        /// The `(` (or `name(`) still open and its column, when a `)` would do too.
        close: Option<(String, usize)>,
        /// What came instead.
        found: Option<String>,
        /// Why, if it looks like a known slip (an implicit product).
        hint: Option<Hint>,
    },
    /// Something that cannot start a value where a value must come.
    ExpectedValue {
        /// The token before it, if any.
        after: Option<String>,
        /// What came instead.
        found: Option<String>,
        /// Why, if it looks like a known slip.
        hint: Option<Hint>,
    },
    /// The formula ends with a `(` still open.
    Unclosed {
        /// The `(` or `name(`.
        opener: String,
        /// Its column.
        at: usize,
    },
    /// A function name without its `(`.
    CallNeedsParen {
        /// The function.
        name: String,
        /// What came instead of `(`.
        found: Option<String>,
    },
    /// A name that is neither a variable, a constant nor (when `called`) a function.
    UnknownName {
        /// The name as typed.
        name: String,
        /// Whether it was followed by `(`.
        called: bool,
        /// What was probably meant.
        hint: Option<Hint>,
    },
}

/// The advice a formula error can add, as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// `,`: functions take a single argument.
    Comma,
    /// `[` or `{`: use `(`.
    OpenBracket,
    /// `]` or `}`: use `)`.
    CloseBracket,
    /// There is no implicit multiplication.
    ImplicitProduct,
    /// `**`: write powers with `^`.
    Power,
    /// `()`: the parentheses are empty.
    EmptyParens,
    /// `log`: write `ln` or `log10`.
    Log,
    /// A name in capitals that is known in lowercase.
    Lowercase(String),
}

impl Hint {
    /// Every hint's code, for the page's string tables.
    pub const CODES: &'static [&'static str] = &[
        "comma",
        "open_bracket",
        "close_bracket",
        "implicit_product",
        "power",
        "empty_parens",
        "log",
        "lowercase",
    ];

    /// The hint's code.
    pub fn code(&self) -> &'static str {
        match self {
            Hint::Comma => "comma",
            Hint::OpenBracket => "open_bracket",
            Hint::CloseBracket => "close_bracket",
            Hint::ImplicitProduct => "implicit_product",
            Hint::Power => "power",
            Hint::EmptyParens => "empty_parens",
            Hint::Log => "log",
            Hint::Lowercase(_) => "lowercase",
        }
    }
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::Comma => f.write_str(" (functions take a single argument)"),
            Hint::OpenBracket => f.write_str(" (use '(' for grouping)"),
            Hint::CloseBracket => f.write_str(" (use ')' for grouping)"),
            Hint::ImplicitProduct => {
                f.write_str(" (there is no implicit multiplication: write 2*x, not 2x)")
            }
            Hint::Power => f.write_str(" (write powers with ^, as in 2^3)"),
            Hint::EmptyParens => f.write_str(" (the parentheses are empty)"),
            Hint::Log => f.write_str(" (write ln for the natural logarithm or log10)"),
            Hint::Lowercase(lower) => write!(f, " (names are lowercase: did you mean '{lower}'?)"),
        }
    }
}

/// A token after "found" in a message.
struct Found<'a>(&'a Option<String>);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(text) => write!(f, "'{text}'"),
            None => f.write_str("the end of the formula"),
        }
    }
}

/// An optional hint, or nothing.
struct MaybeHint<'a>(&'a Option<Hint>);

impl fmt::Display for MaybeHint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(h) => write!(f, "{h}"),
            None => Ok(()),
        }
    }
}

impl FormulaError {
    fn new(column: usize, kind: FormulaErrorKind) -> Self {
        FormulaError {
            column,
            kind: Box::new(kind),
        }
    }

    /// What went wrong in English, without the column.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for FormulaErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormulaErrorKind::TooLong { len, limit } => write!(
                f,
                "the formula is {len} characters long; the limit is {limit} characters"
            ),
            FormulaErrorKind::Empty => f.write_str("the formula is empty"),
            FormulaErrorKind::UnmatchedClose => {
                f.write_str("found ')' with no matching '(' before it")
            }
            FormulaErrorKind::UnexpectedChar { c, hint } => {
                write!(f, "unexpected character '{c}'{}", MaybeHint(hint))
            }
            FormulaErrorKind::DigitAroundDot => f.write_str("expected a digit before or after '.'"),
            FormulaErrorKind::ExponentDigits { marker, so_far } => write!(
                f,
                "expected digits after the exponent '{marker}' in '{so_far}' (as in 1e-3; for a \
                 product with e write 2*e)"
            ),
            FormulaErrorKind::BadNumber { text } => write!(f, "'{text}' is not a valid number"),
            FormulaErrorKind::TooDeep { limit } => write!(
                f,
                "the formula nests more than {limit} levels deep (parentheses, calls, signs and \
                 powers each count)"
            ),
            FormulaErrorKind::ExpectedOperator { close, found, hint } => {
                match close {
                    Some((opener, at)) => write!(
                        f,
                        "expected an operator or ')' to close the '{opener}' at column {at}"
                    )?,
                    None => f.write_str("expected an operator")?,
                }
                write!(f, ", found {}{}", Found(found), MaybeHint(hint))
            }
            FormulaErrorKind::ExpectedValue { after, found, hint } => {
                f.write_str("expected a number, a name or '('")?;
                if let Some(a) = after {
                    write!(f, " after '{a}'")?;
                }
                write!(f, ", found {}{}", Found(found), MaybeHint(hint))
            }
            FormulaErrorKind::Unclosed { opener, at } => write!(
                f,
                "expected ')' to close the '{opener}' at column {at}, found the end of the formula"
            ),
            FormulaErrorKind::CallNeedsParen { name, found } => write!(
                f,
                "expected '(' after the function '{name}', found {} (write {name}(x))",
                Found(found)
            ),
            FormulaErrorKind::UnknownName { name, called, hint } => {
                let (what, known) = if *called {
                    ("function", KNOWN_FUNCTIONS.as_slice())
                } else {
                    ("name", KNOWN_NAMES.as_slice())
                };
                write!(
                    f,
                    "unknown {what} '{name}'{}; known {what}s: {}",
                    MaybeHint(hint),
                    known.join(", ")
                )
            }
        }
    }
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.kind)
    }
}

impl std::error::Error for FormulaError {}

/// A parsed formula f(x, y): its source text and the flat program compiled from it.
///
/// Two formulas are equal when their source texts are equal (the program is a pure function of
/// the source, and comparing it would trip over NaN constants).
#[derive(Clone, Debug)]
pub struct Formula {
    source: String,
    code: Vec<Op>,
    /// The deepest the evaluation stack gets while running `code`.
    max_stack: usize,
}

impl PartialEq for Formula {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Formula {
    /// The longest accepted formula, in characters.
    pub const MAX_LEN: usize = 1000;
    /// The deepest accepted nesting of parentheses, calls, signs and exponents.
    pub const MAX_DEPTH: usize = 100;

    /// Parses and compiles `src`, or explains with a column where it goes wrong.
    pub fn parse(src: &str) -> Result<Formula, FormulaError> {
        let chars: Vec<char> = src.chars().collect();
        if chars.len() > Self::MAX_LEN {
            return Err(FormulaError::new(
                Self::MAX_LEN + 1,
                FormulaErrorKind::TooLong {
                    len: chars.len(),
                    limit: Self::MAX_LEN,
                },
            ));
        }
        let tokens = lex(&chars)?;
        if tokens.len() == 1 {
            // Only the end marker: nothing but whitespace.
            return Err(FormulaError::new(1, FormulaErrorKind::Empty));
        }
        let mut parser = Parser {
            tokens,
            pos: 0,
            depth: 0,
            code: Vec::new(),
        };
        parser.expr()?;
        let end = parser.peek();
        match end.kind {
            Kind::End => {}
            Kind::RParen => {
                return Err(FormulaError::new(
                    end.column,
                    FormulaErrorKind::UnmatchedClose,
                ))
            }
            _ => return Err(parser.expected_operator(None)),
        }
        let code = parser.code;
        let max_stack = max_stack(&code);
        Ok(Formula {
            source: src.to_string(),
            code,
            max_stack,
        })
    }

    /// The text the formula was parsed from, exactly as given.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the formula mentions `y` (after constant folding), so the page can offer a 1-D view.
    pub fn uses_y(&self) -> bool {
        self.code.iter().any(|op| matches!(op, Op::Y))
    }

    /// f(p), evaluated on plain `f64` without allocating for ordinary formulas.
    pub fn value(&self, p: Point) -> f64 {
        self.run::<f64>(p)
    }

    /// ∇f(p) by forward-mode automatic differentiation.
    pub fn gradient(&self, p: Point) -> Point {
        let d = self.run::<Jet1>(p);
        [d.x, d.y]
    }

    /// The Hessian of f at p by second-order forward-mode automatic differentiation.
    pub fn hessian(&self, p: Point) -> Hessian {
        self.value_gradient_hessian(p).2
    }

    /// f(p), ∇f(p) and the Hessian in one pass; the value is bit-identical to [`Formula::value`].
    pub fn value_gradient_hessian(&self, p: Point) -> (f64, Point, Hessian) {
        let d = self.run::<Jet2>(p);
        (d.v, [d.x, d.y], [[d.xx, d.xy], [d.xy, d.yy]])
    }

    /// Runs the program on number type `T`, on a stack array when the program is small enough,
    /// so the heatmap's millions of calls do not touch the allocator.
    fn run<T: Num>(&self, p: Point) -> T {
        // Two inline sizes: most landscapes need a handful of slots, and zeroing a big array
        // would cost as much as evaluating them.
        const SMALL: usize = 8;
        const INLINE: usize = 32;
        if self.max_stack <= SMALL {
            let mut stack = [T::constant(0.0); SMALL];
            exec(&self.code, p, &mut stack)
        } else if self.max_stack <= INLINE {
            let mut stack = [T::constant(0.0); INLINE];
            exec(&self.code, p, &mut stack)
        } else {
            let mut stack = vec![T::constant(0.0); self.max_stack];
            exec(&self.code, p, &mut stack)
        }
    }
}

impl FromStr for Formula {
    type Err = FormulaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Formula::parse(s)
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

// ---------------------------------------------------------------------------------------------
// Program

/// One instruction of the postfix program.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
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
enum Func {
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

const FUNCTIONS: [(&str, Func); 11] = [
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
fn max_stack(code: &[Op]) -> usize {
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

/// Runs a program on a stack at least `max_stack(code)` deep.
fn exec<T: Num>(code: &[Op], p: Point, stack: &mut [T]) -> T {
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

// ---------------------------------------------------------------------------------------------
// Number types

/// What the program needs from a number: plain `f64` for values, jets for derivatives.
trait Num: Copy {
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
fn func_value(f: Func, v: f64) -> f64 {
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

/// (g(v), g′(v), g″(v)) for a built-in function g, reusing g(v) where the derivatives allow.
fn func_derivs(f: Func, v: f64) -> (f64, f64, f64) {
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
fn powc_derivs(a: f64, c: f64) -> (f64, f64, f64) {
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
fn scale(g: f64, d: f64) -> f64 {
    if d == 0.0 {
        0.0
    } else {
        g * d
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

/// A first-order jet: value and gradient.
#[derive(Clone, Copy, Debug)]
struct Jet1 {
    v: f64,
    x: f64,
    y: f64,
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

/// A second-order jet in two variables (a hyper-dual number): value, gradient and Hessian.
#[derive(Clone, Copy, Debug)]
struct Jet2 {
    v: f64,
    x: f64,
    y: f64,
    xx: f64,
    xy: f64,
    yy: f64,
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

// ---------------------------------------------------------------------------------------------
// Lexer

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Number(f64),
    /// A name, normalised (`π` becomes `pi`).
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    End,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// 1-based character column of the token's first character.
    column: usize,
    /// The token as typed, for messages.
    text: String,
}

impl Token {
    /// The token as it appears after "found" in a message: its text, `None` for the end.
    fn found(&self) -> Option<String> {
        match self.kind {
            Kind::End => None,
            _ => Some(self.text.clone()),
        }
    }
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Splits the characters into tokens, ending with an `End` token one column past the last one.
fn lex(chars: &[char]) -> Result<Vec<Token>, FormulaError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let single = match c {
            '+' => Some(Kind::Plus),
            '-' | '−' => Some(Kind::Minus),
            '*' | '×' | '·' | '⋅' => Some(Kind::Star),
            '/' | '÷' => Some(Kind::Slash),
            '^' => Some(Kind::Caret),
            '(' => Some(Kind::LParen),
            ')' => Some(Kind::RParen),
            'π' => Some(Kind::Name("pi".to_string())),
            _ => None,
        };
        if let Some(kind) = single {
            tokens.push(Token {
                kind,
                column,
                text: c.to_string(),
            });
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let (kind, end) = lex_number(chars, i)?;
            tokens.push(Token {
                kind,
                column,
                text: chars[i..end].iter().collect(),
            });
            i = end;
            continue;
        }
        if is_name_start(c) {
            let mut end = i + 1;
            while end < chars.len() && is_name_char(chars[end]) {
                end += 1;
            }
            let text: String = chars[i..end].iter().collect();
            tokens.push(Token {
                kind: Kind::Name(text.clone()),
                column,
                text,
            });
            i = end;
            continue;
        }
        let hint = match c {
            ',' => Some(Hint::Comma),
            '[' | '{' => Some(Hint::OpenBracket),
            ']' | '}' => Some(Hint::CloseBracket),
            _ => None,
        };
        return Err(FormulaError::new(
            column,
            FormulaErrorKind::UnexpectedChar { c, hint },
        ));
    }
    tokens.push(Token {
        kind: Kind::End,
        column: chars.len() + 1,
        text: String::new(),
    });
    Ok(tokens)
}

/// Reads a number starting at `start`: digits, an optional fraction and an optional exponent.
fn lex_number(chars: &[char], start: usize) -> Result<(Kind, usize), FormulaError> {
    let digits_from = |mut i: usize| {
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits_from(start);
    let mut mantissa_digits = i - start;
    if i < chars.len() && chars[i] == '.' {
        let after = digits_from(i + 1);
        mantissa_digits += after - (i + 1);
        i = after;
    }
    if mantissa_digits == 0 {
        return Err(FormulaError::new(
            start + 1,
            FormulaErrorKind::DigitAroundDot,
        ));
    }
    // An 'e' followed by a letter is a name (as in the rejected `2exp(1)`), not an exponent.
    if i < chars.len()
        && (chars[i] == 'e' || chars[i] == 'E')
        && !chars
            .get(i + 1)
            .is_some_and(|&c| is_name_char(c) && !c.is_ascii_digit())
    {
        let marker = chars[i];
        let mut j = i + 1;
        if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
            j += 1;
        }
        let end = digits_from(j);
        if end == j {
            let so_far: String = chars[start..j].iter().collect();
            return Err(FormulaError::new(
                j + 1,
                FormulaErrorKind::ExponentDigits { marker, so_far },
            ));
        }
        i = end;
    }
    let text: String = chars[start..i].iter().collect();
    // The lexer only lets through what Rust's float syntax accepts, so this cannot fail; the
    // fallback keeps the promise of never panicking.
    let value = text
        .parse::<f64>()
        .map_err(|_| FormulaError::new(start + 1, FormulaErrorKind::BadNumber { text }))?;
    Ok((Kind::Number(value), i))
}

// ---------------------------------------------------------------------------------------------
// Parser

#[cold]
#[inline(never)]
fn too_deep(column: usize) -> FormulaError {
    FormulaError::new(
        column,
        FormulaErrorKind::TooDeep {
            limit: Formula::MAX_DEPTH,
        },
    )
}

/// A recursive-descent parser that emits postfix code as it goes, folding constants.
///
/// Recursion happens only at the constructs counted by `depth`, which is capped at
/// `Formula::MAX_DEPTH`, so the call stack stays shallow whatever the input.
struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    code: Vec<Op>,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos]
    }

    fn bump(&mut self) {
        if !matches!(self.peek().kind, Kind::End) {
            self.pos += 1;
        }
    }

    /// Opens one nesting level at `column`, refusing to go past the limit.
    fn enter(&mut self, column: usize) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > Formula::MAX_DEPTH {
            return Err(too_deep(column));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The error for a value followed by something that is not an operator.
    #[cold]
    #[inline(never)]
    fn expected_operator(&self, close: Option<(usize, &str)>) -> FormulaError {
        let t = self.peek();
        let hint = match t.kind {
            Kind::Name(_) | Kind::Number(_) | Kind::LParen => Some(Hint::ImplicitProduct),
            _ => None,
        };
        FormulaError::new(
            t.column,
            FormulaErrorKind::ExpectedOperator {
                close: close.map(|(col, opener)| (opener.to_string(), col)),
                found: t.found(),
                hint,
            },
        )
    }

    fn expr(&mut self) -> Result<(), FormulaError> {
        self.term()?;
        loop {
            let op = match self.peek().kind {
                Kind::Plus => Op::Add,
                Kind::Minus => Op::Sub,
                _ => return Ok(()),
            };
            self.bump();
            self.term()?;
            self.emit(op);
        }
    }

    fn term(&mut self) -> Result<(), FormulaError> {
        self.unary()?;
        loop {
            let op = match self.peek().kind {
                Kind::Star => Op::Mul,
                Kind::Slash => Op::Div,
                _ => return Ok(()),
            };
            self.bump();
            self.unary()?;
            self.emit(op);
        }
    }

    fn unary(&mut self) -> Result<(), FormulaError> {
        let negate = match self.peek().kind {
            Kind::Plus => false,
            Kind::Minus => true,
            _ => return self.power(),
        };
        let column = self.peek().column;
        self.bump();
        self.enter(column)?;
        self.unary()?;
        self.leave();
        if negate {
            self.emit(Op::Neg);
        }
        Ok(())
    }

    fn power(&mut self) -> Result<(), FormulaError> {
        self.primary()?;
        if matches!(self.peek().kind, Kind::Caret) {
            let column = self.peek().column;
            self.bump();
            self.enter(column)?;
            // The exponent is a `unary`, so `2^-1` works and `2^3^2` nests to the right.
            self.unary()?;
            self.leave();
            self.emit_pow();
        }
        Ok(())
    }

    fn primary(&mut self) -> Result<(), FormulaError> {
        let index = self.pos;
        let column = self.peek().column;
        match self.peek().kind {
            Kind::Number(v) => {
                self.bump();
                self.emit(Op::Const(v));
                Ok(())
            }
            Kind::LParen => {
                self.bump();
                self.enter(column)?;
                self.expr()?;
                self.close(column, None)?;
                self.leave();
                Ok(())
            }
            Kind::Name(_) => {
                self.bump();
                self.name(index)
            }
            _ => Err(self.expected_value(index)),
        }
    }

    /// The error for a token that cannot start a value.
    #[cold]
    #[inline(never)]
    fn expected_value(&self, index: usize) -> FormulaError {
        let t = &self.tokens[index];
        let prev = index.checked_sub(1).map(|i| &self.tokens[i]);
        let hint = match (&t.kind, prev.map(|p| &p.kind)) {
            (Kind::Star, Some(Kind::Star)) => Some(Hint::Power),
            (Kind::RParen, Some(Kind::LParen)) => Some(Hint::EmptyParens),
            _ => None,
        };
        FormulaError::new(
            t.column,
            FormulaErrorKind::ExpectedValue {
                after: prev.map(|p| p.text.clone()),
                found: t.found(),
                hint,
            },
        )
    }

    /// Expects the ')' closing the '(' at `column`, or the call of `function` starting there.
    fn close(&mut self, column: usize, function: Option<&str>) -> Result<(), FormulaError> {
        if matches!(self.peek().kind, Kind::RParen) {
            self.bump();
            Ok(())
        } else {
            Err(self.unclosed(column, function))
        }
    }

    #[cold]
    #[inline(never)]
    fn unclosed(&self, column: usize, function: Option<&str>) -> FormulaError {
        let opener = match function {
            Some(name) => format!("{name}("),
            None => "(".to_string(),
        };
        match self.peek().kind {
            Kind::End => FormulaError::new(
                self.peek().column,
                FormulaErrorKind::Unclosed { opener, at: column },
            ),
            _ => self.expected_operator(Some((column, &opener))),
        }
    }

    /// A name at token `index`: a variable, a constant or the start of a function call.
    fn name(&mut self, index: usize) -> Result<(), FormulaError> {
        let t = &self.tokens[index];
        let Kind::Name(name) = &t.kind else {
            return Err(self.expected_value(index));
        };
        let column = t.column;
        let leaf = match name.as_str() {
            "x" => Some(Op::X),
            "y" => Some(Op::Y),
            "pi" => Some(Op::Const(core::f64::consts::PI)),
            "e" => Some(Op::Const(core::f64::consts::E)),
            _ => None,
        };
        if let Some(op) = leaf {
            self.emit(op);
            return Ok(());
        }
        let func = FUNCTIONS
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(n, f)| (n, f));
        match func {
            Some((fname, f)) if matches!(self.peek().kind, Kind::LParen) => {
                self.bump();
                self.enter(column)?;
                self.expr()?;
                self.close(column, Some(fname))?;
                self.leave();
                self.emit(Op::Func(f));
                Ok(())
            }
            _ => Err(self.bad_name(index)),
        }
    }

    /// The error for a function without its parentheses, or for an unknown name.
    #[cold]
    #[inline(never)]
    fn bad_name(&self, index: usize) -> FormulaError {
        let t = &self.tokens[index];
        let name = t.text.as_str();
        let next = self.peek();
        let called = matches!(next.kind, Kind::LParen);
        if FUNCTIONS.iter().any(|(n, _)| *n == name) {
            return FormulaError::new(
                next.column,
                FormulaErrorKind::CallNeedsParen {
                    name: name.to_string(),
                    found: next.found(),
                },
            );
        }
        let lower = name.to_ascii_lowercase();
        let hint = if name == "log" {
            Some(Hint::Log)
        } else if lower != name
            && (matches!(lower.as_str(), "x" | "y" | "pi" | "e")
                || FUNCTIONS.iter().any(|(n, _)| *n == lower))
        {
            Some(Hint::Lowercase(lower))
        } else {
            None
        };
        FormulaError::new(
            t.column,
            FormulaErrorKind::UnknownName {
                name: name.to_string(),
                called,
                hint,
            },
        )
    }

    /// Appends `op`, folding it into a constant when all its operands are constants.
    ///
    /// In postfix the last instruction is the root of the top operand, so a trailing `Const` is a
    /// whole operand; folding runs the same `exec` as evaluation, so results are identical.
    fn emit(&mut self, op: Op) {
        let n = self.code.len();
        let folded = match op {
            Op::Const(_) | Op::X | Op::Y => None,
            Op::Neg | Op::PowConst(_) | Op::Square | Op::Func(_) => match self.code.last() {
                Some(&Op::Const(a)) => {
                    Some((1, exec::<f64>(&[Op::Const(a), op], [0.0; 2], &mut [0.0; 2])))
                }
                _ => None,
            },
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow => {
                match self.code.get(n.wrapping_sub(2)..) {
                    Some(&[Op::Const(a), Op::Const(b)]) => Some((
                        2,
                        exec::<f64>(&[Op::Const(a), Op::Const(b), op], [0.0; 2], &mut [0.0; 2]),
                    )),
                    _ => None,
                }
            }
        };
        match folded {
            Some((operands, v)) => {
                self.code.truncate(n - operands);
                self.code.push(Op::Const(v));
            }
            None => self.code.push(op),
        }
    }

    /// Emits `^`, choosing the constant-exponent form when the exponent folded to a number.
    fn emit_pow(&mut self) {
        let n = self.code.len();
        let base_is_const = n >= 2 && matches!(self.code[n - 2], Op::Const(_));
        match self.code.last() {
            Some(&Op::Const(c)) if !base_is_const => {
                self.code.pop();
                self.emit(if c == 2.0 {
                    Op::Square
                } else {
                    Op::PowConst(c)
                });
            }
            _ => self.emit(Op::Pow),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn f(src: &str) -> Formula {
        Formula::parse(src).unwrap_or_else(|e| panic!("{src:?} should parse: {e}"))
    }

    fn err(src: &str) -> FormulaError {
        match Formula::parse(src) {
            Ok(_) => panic!("{src:?} should not parse"),
            Err(e) => e,
        }
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
    }

    #[test]
    fn values_and_precedence() {
        assert_eq!(f("x^2+y^2").value([3.0, 4.0]), 25.0);
        assert_eq!(f("-x^2").value([3.0, 0.0]), -9.0);
        assert_eq!(f("2^3^2").value([0.0, 0.0]), 512.0);
        assert_eq!(f("2^-1").value([0.0, 0.0]), 0.5);
        assert_eq!(f("2^-x").value([1.0, 0.0]), 0.5);
        assert_eq!(f("1 - 2 - 3").value([0.0, 0.0]), -4.0);
        assert_eq!(f("8 / 4 / 2").value([0.0, 0.0]), 1.0);
        assert_eq!(f("1 + 2 * 3").value([0.0, 0.0]), 7.0);
        assert_eq!(f("(1 + 2) * 3").value([0.0, 0.0]), 9.0);
        assert_eq!(f("--x").value([2.0, 0.0]), 2.0);
        assert_eq!(f("+x - -y").value([2.0, 3.0]), 5.0);
        assert_eq!(f("(-2)^2").value([0.0, 0.0]), 4.0);
        assert_eq!(f("x^2").value([-2.0, 0.0]), 4.0);
        assert_eq!(f("x^3").value([-2.0, 0.0]), -8.0);
        assert_eq!(f("pi").value([0.0, 0.0]), core::f64::consts::PI);
        assert_eq!(f("π").value([0.0, 0.0]), core::f64::consts::PI);
        assert_eq!(f("e").value([0.0, 0.0]), core::f64::consts::E);
        assert_eq!(
            f("ln(e)").value([0.0, 0.0]),
            libm::log(core::f64::consts::E)
        );
        assert_eq!(f("sqrt(16) + abs(-3)").value([0.0, 0.0]), 7.0);
        assert_eq!(f("log10(1000)").value([0.0, 0.0]), 3.0);
    }

    #[test]
    fn number_syntax() {
        assert_eq!(f("1e-3").value([0.0, 0.0]), 1e-3);
        assert_eq!(f("1E+3").value([0.0, 0.0]), 1e3);
        assert_eq!(f(".5").value([0.0, 0.0]), 0.5);
        assert_eq!(f("2.").value([0.0, 0.0]), 2.0);
        assert_eq!(f("2.5e1").value([0.0, 0.0]), 25.0);
        assert_eq!(f("2*e").value([0.0, 0.0]), 2.0 * core::f64::consts::E);
    }

    #[test]
    fn unicode_operators_and_columns() {
        assert_eq!(f("3 × x · y − 1 ÷ 2").value([2.0, 5.0]), 29.5);
        assert_eq!(f("x⋅2").value([2.0, 0.0]), 4.0);
        // '−' and '×' are one column each although they take several bytes.
        let e = err("−x × ×");
        assert_eq!(e.column, 6, "{e}");
        let e = err("π·é");
        assert_eq!(e.column, 3, "{e}");
        assert!(e.message().contains("'é'"), "{e}");
    }

    #[test]
    fn whitespace_is_ignored() {
        assert_eq!(
            f("  sin ( x )\t*\n2 ").value([0.5, 0.0]),
            libm::sin(0.5) * 2.0
        );
    }

    #[test]
    fn error_columns_and_messages() {
        let cases: &[(&str, usize, &str)] = &[
            ("x+", 3, "found the end of the formula"),
            ("(x", 3, "expected ')' to close the '(' at column 1"),
            ("x)", 2, "no matching '('"),
            (
                "sin x",
                5,
                "expected '(' after the function 'sin', found 'x'",
            ),
            ("foo(x)", 1, "unknown function 'foo'"),
            ("1 + foo", 5, "unknown name 'foo'"),
            ("2**3", 3, "write powers with ^"),
            ("1e", 3, "expected digits after the exponent"),
            ("1e+", 4, "expected digits after the exponent"),
            ("2x", 2, "expected an operator, found 'x'"),
            ("2 (x)", 3, "expected an operator, found '('"),
            (
                "(2x)",
                3,
                "expected an operator or ')' to close the '(' at column 1",
            ),
            ("sin(x", 6, "expected ')' to close the 'sin(' at column 1"),
            ("()", 2, "the parentheses are empty"),
            ("x # 2", 3, "unexpected character '#'"),
            ("pow(x, 2)", 6, "unexpected character ','"),
            (".", 1, "expected a digit"),
            ("log(x)", 1, "ln for the natural logarithm"),
            ("X", 1, "did you mean 'x'"),
            ("x^", 3, "after '^'"),
        ];
        for &(src, column, needle) in cases {
            let e = err(src);
            assert_eq!(e.column, column, "{src:?}: {e}");
            assert!(e.message().contains(needle), "{src:?}: {e}");
        }
        let e = err("foo");
        assert!(
            e.message().contains("known names: x, y, pi, e, sin, cos"),
            "{e}"
        );
        assert_eq!(
            err("(x").to_string(),
            "column 3: expected ')' to close the '(' at column 1, found the end of the formula"
        );
    }

    #[test]
    fn empty_formulas() {
        for src in ["", "   ", "\t\n"] {
            let e = err(src);
            assert_eq!(
                (e.column, e.message().as_str()),
                (1, "the formula is empty")
            );
        }
    }

    #[test]
    fn length_limit_counts_characters() {
        let ok = format!("x{}", "+x".repeat(499)); // 999 characters
        assert_eq!(f(&ok).value([1.0, 0.0]), 500.0);
        let ok = format!("{}x", " ".repeat(999)); // exactly 1000
        f(&ok);
        let long = "x".repeat(1001);
        let e = err(&long);
        assert!(
            e.message().contains("1001") && e.message().contains("1000"),
            "{e}"
        );
        // 1000 two-byte characters are still 1000 characters, not 2000 bytes over the limit.
        f(&format!("{}x", "\u{a0}".repeat(999)));
    }

    #[test]
    fn depth_limit() {
        let nest = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(f(&nest(100)).value([2.0, 0.0]), 2.0);
        let e = err(&nest(101));
        assert_eq!(e.column, 101, "{e}");
        assert!(e.message().contains("100"), "{e}");

        assert_eq!(f(&format!("{}x", "-".repeat(100))).value([2.0, 0.0]), 2.0);
        assert!(Formula::parse(&format!("{}x", "-".repeat(101))).is_err());

        let calls = |n: usize| format!("{}x{}", "abs(".repeat(n), ")".repeat(n));
        assert_eq!(f(&calls(100)).value([-2.0, 0.0]), 2.0);
        assert!(Formula::parse(&calls(101)).is_err());

        let tower = |n: usize| format!("1{}", "^1".repeat(n));
        assert_eq!(f(&tower(100)).value([0.0, 0.0]), 1.0);
        assert!(Formula::parse(&tower(101)).is_err());
    }

    #[test]
    fn legal_depth_fits_a_small_stack() {
        // The parser recurses about five frames per level; 100 levels must fit well inside the
        // 1 MiB a wasm32 module gets by default, even unoptimised.
        let worst = [
            format!("{}x{}", "(".repeat(100), ")".repeat(100)),
            format!("{}x{}", "sin(".repeat(100), ")".repeat(100)),
            format!("{}x", "-".repeat(100)),
            format!("x{}", "^-x".repeat(50)),
            format!("{}x", "(".repeat(101)),
        ];
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(move || {
                for src in worst {
                    if let Ok(fm) = Formula::parse(&src) {
                        let _ = fm.value_gradient_hessian([0.5, 0.5]);
                    }
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }

    /// Measured needs at 100 levels: under 64 KiB optimised, under 512 KiB unoptimised.
    const STACK: usize = if cfg!(debug_assertions) { 512 } else { 64 } * 1024;

    #[test]
    fn pathological_inputs_error_without_crashing() {
        for src in [
            "(".repeat(1000),
            "-".repeat(1000),
            format!("{}x", "-".repeat(999)),
            format!("2{}", "^2".repeat(499)),
            format!("{}x", "sin(".repeat(250)),
            "−".repeat(1000),
        ] {
            assert!(Formula::parse(&src).is_err(), "{src}");
        }
        // Long flat chains are fine: they do not nest.
        let chain = format!("x{}", "*x+y".repeat(249));
        let g = f(&chain);
        assert!(g.value([1.0, 1.0]).is_finite());
        assert!(g.hessian([1.0, 1.0])[0][0].is_finite());
        // Deep but legal nesting with pending operands at every level uses the heap stack.
        let deep = format!("{}x{}", "x+(".repeat(100), ")".repeat(100));
        let g = f(&deep);
        assert!(g.max_stack > 32);
        assert_eq!(g.value([1.0, 0.0]), 101.0);
        assert_eq!(g.gradient([1.0, 0.0]), [101.0, 0.0]);
    }

    #[test]
    fn domain_errors_propagate() {
        assert!(f("ln(x)").value([-1.0, 0.0]).is_nan());
        assert_eq!(f("1/x").value([0.0, 0.0]), f64::INFINITY);
        assert!(f("sqrt(x)").gradient([-1.0, 0.0])[0].is_nan());
        assert!(f("ln(0-1)").value([0.0, 0.0]).is_nan());
        let (v, g, h) = f("x^y").value_gradient_hessian([-1.0, 0.5]);
        assert!(v.is_nan() && g[0].is_nan() && h[0][0].is_nan());
    }

    #[test]
    fn uses_y_and_source() {
        assert!(!f("x^2 + sin(x)").uses_y());
        assert!(f("x + y").uses_y());
        assert_eq!(f(" x + y ").source(), " x + y ");
        assert_eq!(f("x+y").to_string(), "x+y");
        assert_eq!("x+y".parse::<Formula>(), Ok(f("x+y")));
    }

    #[test]
    fn constants_fold() {
        assert_eq!(f("2*3+sin(0)").code, vec![Op::Const(6.0)]);
        assert_eq!(f("x^(1+1)").code, vec![Op::X, Op::Square]);
        assert_eq!(f("x^-1").code, vec![Op::X, Op::PowConst(-1.0)]);
        assert_eq!(f("x^y").code, vec![Op::X, Op::Y, Op::Pow]);
    }

    #[test]
    fn rosenbrock_matches_analytic_derivatives() {
        let r = f("(1-x)^2+100*(y-x^2)^2");
        for p in [[-1.2, 1.0], [0.0, 0.0], [1.0, 1.0], [0.5, -0.3], [2.0, 3.0]] {
            let [x, y] = p;
            let v = (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x);
            let gx = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x);
            let gy = 200.0 * (y - x * x);
            let hxx = 2.0 - 400.0 * (y - x * x) + 800.0 * x * x;
            let hxy = -400.0 * x;
            let (fv, g, h) = r.value_gradient_hessian(p);
            assert!(close(fv, v, 1e-14));
            assert!(
                close(g[0], gx, 1e-12) && close(g[1], gy, 1e-12),
                "{p:?} {g:?}"
            );
            assert!(close(h[0][0], hxx, 1e-12), "{p:?} {h:?}");
            assert!(close(h[0][1], hxy, 1e-12) && close(h[1][0], hxy, 1e-12));
            assert!(close(h[1][1], 200.0, 1e-12));
            assert_eq!(r.gradient(p), g);
            assert_eq!(r.hessian(p), h);
        }
    }

    #[test]
    fn other_analytic_derivatives() {
        let (x, y) = (0.7, 1.3);
        // sin(x)·exp(y)
        let (_, g, h) = f("sin(x)*exp(y)").value_gradient_hessian([x, y]);
        let (s, c, ey) = (x.sin(), x.cos(), y.exp());
        let want = ([c * ey, s * ey], [[-s * ey, c * ey], [c * ey, s * ey]]);
        check(g, h, want);
        // ln(x)·sqrt(y)
        let (_, g, h) = f("ln(x)*sqrt(y)").value_gradient_hessian([x, y]);
        let (l, r) = (x.ln(), y.sqrt());
        let want = (
            [r / x, l / (2.0 * r)],
            [
                [-r / (x * x), 1.0 / (2.0 * x * r)],
                [1.0 / (2.0 * x * r), -l / (4.0 * r * y)],
            ],
        );
        check(g, h, want);
        // tanh(x·y)
        let (_, g, h) = f("tanh(x*y)").value_gradient_hessian([x, y]);
        let t = (x * y).tanh();
        let d = 1.0 - t * t;
        let dd = -2.0 * t * d;
        let want = (
            [y * d, x * d],
            [[y * y * dd, d + x * y * dd], [d + x * y * dd, x * x * dd]],
        );
        check(g, h, want);
        // x^y with a variable exponent.
        let (_, g, h) = f("x^y").value_gradient_hessian([x, y]);
        let p = x.powf(y);
        let want = (
            [y * p / x, p * x.ln()],
            [
                [y * (y - 1.0) * p / (x * x), p / x * (1.0 + y * x.ln())],
                [p / x * (1.0 + y * x.ln()), p * x.ln() * x.ln()],
            ],
        );
        check(g, h, want);
    }

    fn check(g: Point, h: Hessian, want: (Point, Hessian)) {
        for i in 0..2 {
            assert!(close(g[i], want.0[i], 1e-12), "{g:?} vs {:?}", want.0);
            for j in 0..2 {
                assert!(close(h[i][j], want.1[i][j], 1e-12), "{h:?} vs {:?}", want.1);
            }
        }
    }

    #[test]
    fn kinks_and_zeros_stay_finite() {
        assert_eq!(
            f("x^2").value_gradient_hessian([0.0, 0.0]),
            (0.0, [0.0, 0.0], [[2.0, 0.0], [0.0, 0.0]])
        );
        assert_eq!(f("x^1").gradient([0.0, 0.0]), [1.0, 0.0]);
        assert_eq!(f("x^1").hessian([0.0, 0.0]), [[0.0; 2]; 2]);
        assert_eq!(f("x^3").hessian([0.0, 0.0]), [[0.0; 2]; 2]);
        assert_eq!(f("(-2)^2 + x^0").gradient([0.0, 0.0]), [0.0, 0.0]);
        assert_eq!(f("abs(x)").gradient([0.0, 0.0]), [0.0, 0.0]);
        assert_eq!(f("abs(x)").gradient([-3.0, 0.0]), [-1.0, 0.0]);
        // sqrt(y) at y = 0 must not poison the x-derivative.
        let g = f("x^2 + sqrt(y)").gradient([1.0, 0.0]);
        assert_eq!(g[0], 2.0);
        assert_eq!(g[1], f64::INFINITY);
    }

    /// Formulas smooth on the box (0.2, 2)², for the finite-difference cross-checks.
    const SMOOTH: &[&str] = &[
        "(1-x)^2+100*(y-x^2)^2",
        "sin(x)*exp(y)",
        "ln(x)*sqrt(y)",
        "tanh(x*y)",
        "x^y + y^x",
        "x/y - y/(1+x^2)",
        "cos(x*y)^3 - tan(x/3)",
        "log10(x+y) * cosh(x-y) + sinh(y)/2",
        "abs(x - 5) * 2^-x + e^(x*y/4)",
        "-x^2.5 * y^-1.5 + pi",
        "sqrt(x^2 + y^2) − 3·x×y",
    ];

    proptest! {
        #[test]
        fn derivatives_match_central_differences(
            which in 0..SMOOTH.len(),
            x in 0.2f64..2.0,
            y in 0.2f64..2.0,
        ) {
            let fm = f(SMOOTH[which]);
            let h = 1e-5;
            let (v, g, hess) = fm.value_gradient_hessian([x, y]);
            prop_assert_eq!(v.to_bits(), fm.value([x, y]).to_bits());
            prop_assert_eq!(g, fm.gradient([x, y]));
            let fd = |dx: f64, dy: f64| fm.value([x + dx, y + dy]);
            let gx = (fd(h, 0.0) - fd(-h, 0.0)) / (2.0 * h);
            let gy = (fd(0.0, h) - fd(0.0, -h)) / (2.0 * h);
            let scale = 1.0 + v.abs();
            prop_assert!(close(g[0], gx, 1e-6 * scale), "{} ∂x {} vs {}", SMOOTH[which], g[0], gx);
            prop_assert!(close(g[1], gy, 1e-6 * scale), "{} ∂y {} vs {}", SMOOTH[which], g[1], gy);
            // Differencing the exact gradient keeps the Hessian check well conditioned.
            let gd = |dx: f64, dy: f64| fm.gradient([x + dx, y + dy]);
            let (gxp, gxm, gyp, gym) = (gd(h, 0.0), gd(-h, 0.0), gd(0.0, h), gd(0.0, -h));
            let fd_h = [
                [(gxp[0] - gxm[0]) / (2.0 * h), (gyp[0] - gym[0]) / (2.0 * h)],
                [(gxp[1] - gxm[1]) / (2.0 * h), (gyp[1] - gym[1]) / (2.0 * h)],
            ];
            let gscale = 1.0 + g[0].abs().max(g[1].abs());
            for i in 0..2 {
                for j in 0..2 {
                    prop_assert!(
                        close(hess[i][j], fd_h[i][j], 1e-6 * gscale),
                        "{} H[{}][{}] {} vs {}", SMOOTH[which], i, j, hess[i][j], fd_h[i][j]
                    );
                }
            }
            prop_assert_eq!(hess[0][1], hess[1][0]);
        }

        #[test]
        fn arbitrary_strings_never_panic(src in any::<String>(), x in -10.0f64..10.0, y in -10.0f64..10.0) {
            if let Ok(fm) = Formula::parse(&src) {
                let _ = fm.value([x, y]);
                let _ = fm.value_gradient_hessian([x, y]);
            }
        }

        #[test]
        fn formula_like_strings_never_panic(
            src in "[xy0-9eE.+*/^() −×·π-]{0,60}|((sin|ln|sqrt|abs|exp|x|y|pi|e|\\(|\\)|[-+*/^ ]|[0-9.eE]{1,3}){0,30})",
            x in prop_oneof![Just(0.0), Just(-1.0), -1e3f64..1e3],
            y in prop_oneof![Just(0.0), Just(1.0), -1e3f64..1e3],
        ) {
            match Formula::parse(&src) {
                Ok(fm) => {
                    let v = fm.value([x, y]);
                    let (v2, _, _) = fm.value_gradient_hessian([x, y]);
                    prop_assert!(v.to_bits() == v2.to_bits() || (v.is_nan() && v2.is_nan()));
                    let _ = fm.gradient([x, y]);
                }
                Err(e) => {
                    prop_assert!(e.column >= 1 && e.column <= src.chars().count() + 1, "{}: {}", src, e);
                    prop_assert!(!e.message().is_empty());
                }
            }
        }
    }
}
