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

mod compile;
mod derivs;
mod error;
mod interpret;
mod jet1;
mod jet2;
mod lexer;
mod parser;
mod program;
#[cfg(test)]
mod tests;

use crate::geometry::{Hessian, Point};
use core::fmt;
use core::str::FromStr;

pub use error::{FormulaError, FormulaErrorKind, Hint};
pub use program::{KNOWN_FUNCTIONS, KNOWN_NAMES};

use interpret::{exec, Num};
use jet1::Jet1;
use jet2::Jet2;
use lexer::{lex, Kind};
use parser::Parser;
use program::{max_stack, Op};

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
