//! Why a formula could not be parsed, as data: the column, a kind with its arguments, and the advice.

use core::fmt;

use super::program::{KNOWN_FUNCTIONS, KNOWN_NAMES};

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
    /// Longer than [`Formula::MAX_LEN`](super::Formula::MAX_LEN).
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
    /// Nested deeper than [`Formula::MAX_DEPTH`](super::Formula::MAX_DEPTH).
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
    pub(super) fn new(column: usize, kind: FormulaErrorKind) -> Self {
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
