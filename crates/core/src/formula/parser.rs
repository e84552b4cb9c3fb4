//! The parser: recursive descent over the tokens, at most `Formula::MAX_DEPTH` levels deep, emitting postfix code as it goes and naming the column of every error.

use super::error::{FormulaError, FormulaErrorKind, Hint};
use super::lexer::{Kind, Token};
use super::program::{Op, FUNCTIONS};
use super::Formula;

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
pub(super) struct Parser {
    pub(super) tokens: Vec<Token>,
    pub(super) pos: usize,
    pub(super) depth: usize,
    pub(super) code: Vec<Op>,
}

impl Parser {
    pub(super) fn peek(&self) -> &Token {
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
    pub(super) fn expected_operator(&self, close: Option<(usize, &str)>) -> FormulaError {
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

    pub(super) fn expr(&mut self) -> Result<(), FormulaError> {
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
}
