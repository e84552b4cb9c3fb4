//! The lexer: a formula's characters into tokens with their columns, numbers read as Rust reads them.

use super::error::{FormulaError, FormulaErrorKind, Hint};

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
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
pub(super) struct Token {
    pub(super) kind: Kind,
    /// 1-based character column of the token's first character.
    pub(super) column: usize,
    /// The token as typed, for messages.
    pub(super) text: String,
}

impl Token {
    /// The token as it appears after "found" in a message: its text, `None` for the end.
    pub(super) fn found(&self) -> Option<String> {
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
pub(super) fn lex(chars: &[char]) -> Result<Vec<Token>, FormulaError> {
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
