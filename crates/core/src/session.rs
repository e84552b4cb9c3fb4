//! Session files: the settings and the custom points in one JSON file, for data too large for a link; written and read the same by the page and the CLI.
//!
//! The format (docs/session.md):
//!
//! ```json
//! {
//!   "descent": "session",
//!   "version": 1,
//!   "settings": "f=linreg&data=custom&lr=0.05",
//!   "columns": ["x", "y"],
//!   "points": [[1, 3], [2, 5], [3, 7]]
//! }
//! ```
//!
//! `settings` is the canonical settings string without `pts`; `points` holds the custom
//! points (each 2 or 3 numbers, in the shortest form that reads back to the same bits, so a
//! session reproduces a run bit for bit); `columns` names their roles and is informative.
//! Reading checks the structure (a problem names what is missing or where the JSON breaks),
//! each point as a link's are checked (by number), and the settings as a link's are.

use crate::codec::{decode_with_points, Problem};
use crate::numfmt::fmt_f64;
use crate::points::{check_number, Points, MAX_ABS, MAX_POINTS};
use crate::problem::Detail;
use crate::settings::Settings;

/// The value of the `descent` member that marks a session file.
pub const FORMAT: &str = "session";

/// The version written, and the newest read.
pub const VERSION: u64 = 1;

/// How deep JSON may nest: a session needs 3.
const MAX_DEPTH: usize = 8;

/// Whether a file is a session (its first character, after spaces and a byte-order mark,
/// opens a JSON object) rather than a data table.
pub fn is_session(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

/// The session file of settings `s`: the settings without `pts`, and the points.
pub fn write(s: &Settings) -> String {
    let mut bare = s.clone();
    bare.pts = Points::empty();
    let roles: &[&str] = if s.pts.arity() == 3 {
        &["x1", "x2", "y"]
    } else {
        &["x", "y"]
    };
    let mut out = String::with_capacity(s.pts.values().len() * 10 + 200);
    out.push_str("{\n  \"descent\": \"session\",\n  \"version\": 1,\n  \"settings\": ");
    push_string(&mut out, &bare.encode());
    out.push_str(",\n  \"columns\": [");
    for (i, r) in roles.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_string(&mut out, r);
    }
    out.push_str("],\n  \"points\": [");
    for (i, p) in s.pts.iter().enumerate() {
        out.push_str(if i == 0 { "\n    [" } else { ",\n    [" });
        for (j, v) in p.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            out.push_str(&fmt_f64(*v));
        }
        out.push(']');
    }
    if !s.pts.is_empty() {
        out.push_str("\n  ");
    }
    out.push_str("]\n}\n");
    out
}

/// Reads a session file: the settings with its points, and the settings' problems (as a
/// link's). A file that is not a session (bad JSON, a missing member, a bad point) is the
/// error.
pub fn read(bytes: &[u8]) -> Result<(Settings, Vec<Problem>), Detail> {
    let (settings, points) = read_parts(bytes)?;
    Ok(decode_with_points(&settings, points))
}

/// The two parts of a session file, its settings string and its points, each read and
/// checked but not yet decoded together ([`decode_with_points`] does that, as [`read`]
/// does). The page reads a large file's parts in a worker and decodes them on its own
/// thread, to the same settings as `read`.
pub fn read_parts(bytes: &[u8]) -> Result<(String, Points), Detail> {
    crate::datafile::check_size(bytes.len() as u64)?;
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let value = Parser::new(&text).document()?;
    let Json::Object(members) = &value else {
        return Err(Detail::SessionField { field: "descent" });
    };
    let get = |k: &str| members.iter().find(|(n, _)| n == k).map(|(_, v)| v);
    if !matches!(get("descent"), Some(Json::String(f)) if f == FORMAT) {
        return Err(Detail::SessionField { field: "descent" });
    }
    match get("version") {
        Some(Json::Number(v)) => {
            let version = v.parse::<f64>().unwrap_or(f64::NAN);
            if !(version >= 1.0 && version <= VERSION as f64) {
                return Err(Detail::SessionVersion {
                    version: v.clone(),
                    newest: VERSION,
                });
            }
        }
        _ => return Err(Detail::SessionField { field: "version" }),
    }
    let Some(Json::String(settings)) = get("settings") else {
        return Err(Detail::SessionField { field: "settings" });
    };
    let points = match get("points") {
        Some(Json::Array(points)) => read_points(points)?,
        _ => return Err(Detail::SessionField { field: "points" }),
    };
    Ok((settings.clone(), points))
}

/// The session's points, each checked as a link's are, named by number from 1.
fn read_points(points: &[Json]) -> Result<Points, Detail> {
    if points.len() > MAX_POINTS {
        return Err(Detail::TooManyRows {
            rows: points.len(),
            max: MAX_POINTS,
        });
    }
    let mut arity = 0;
    let mut values = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let Json::Array(numbers) = p else {
            return Err(Detail::PointNumbers {
                point: i + 1,
                found: 1,
            });
        };
        crate::points::same_arity(&mut arity, i + 1, numbers.len())?;
        for (j, n) in numbers.iter().enumerate() {
            let (text, read) = match n {
                Json::Number(t) => (t.clone(), check_number(t)),
                other => (other.text(), Err(crate::problem::BadNumber::NotANumber)),
            };
            match read {
                Ok(x) => values.push(x),
                Err(bad) => {
                    return Err(Detail::PointValue {
                        point: i + 1,
                        coordinate: j + 1,
                        text,
                        bad,
                        max: MAX_ABS,
                    })
                }
            }
        }
    }
    Points::new(arity.max(2), values)
}

/// Appends `s` as a JSON string.
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON value; numbers keep their text, so that they read to the same bits as a link's.
#[derive(Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A short text of a value that is not a number, for messages.
    fn text(&self) -> String {
        match self {
            Json::Null => "null".into(),
            Json::Bool(b) => b.to_string(),
            Json::Number(t) => t.clone(),
            Json::String(s) => format!("\"{s}\""),
            Json::Array(_) => "[…]".into(),
            Json::Object(_) => "{…}".into(),
        }
    }
}

/// A recursive-descent JSON reader over characters, at most [`MAX_DEPTH`] deep; an error
/// names the line and column where the JSON breaks.
struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    column: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            chars: text.chars().peekable(),
            line: 1,
            column: 1,
        }
    }

    fn error(&self) -> Detail {
        Detail::SessionJson {
            line: self.line,
            column: self.column,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn skip_space(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.bump();
        }
    }

    fn expect(&mut self, want: char) -> Result<(), Detail> {
        self.skip_space();
        if self.chars.peek() == Some(&want) {
            self.bump();
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// The whole text: one value and nothing after it.
    fn document(&mut self) -> Result<Json, Detail> {
        let v = self.value(0)?;
        self.skip_space();
        if self.chars.peek().is_some() {
            return Err(self.error());
        }
        Ok(v)
    }

    fn value(&mut self, depth: usize) -> Result<Json, Detail> {
        if depth > MAX_DEPTH {
            return Err(self.error());
        }
        self.skip_space();
        match self.chars.peek().copied() {
            Some('{') => {
                self.bump();
                let mut members = Vec::new();
                self.skip_space();
                if self.chars.peek() == Some(&'}') {
                    self.bump();
                    return Ok(Json::Object(members));
                }
                loop {
                    self.skip_space();
                    let key = self.string()?;
                    self.expect(':')?;
                    let v = self.value(depth + 1)?;
                    members.push((key, v));
                    self.skip_space();
                    match self.bump() {
                        Some(',') => continue,
                        Some('}') => return Ok(Json::Object(members)),
                        _ => return Err(self.error()),
                    }
                }
            }
            Some('[') => {
                self.bump();
                let mut items = Vec::new();
                self.skip_space();
                if self.chars.peek() == Some(&']') {
                    self.bump();
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.bump() {
                        Some(',') => continue,
                        Some(']') => return Ok(Json::Array(items)),
                        _ => return Err(self.error()),
                    }
                }
            }
            Some('"') => Ok(Json::String(self.string()?)),
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let mut t = String::new();
                while let Some(&c) = self.chars.peek() {
                    if c.is_ascii_digit() || "+-.eE".contains(c) {
                        t.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
                Ok(Json::Number(t))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let mut word = String::new();
                while let Some(&c) = self.chars.peek() {
                    if !c.is_ascii_alphabetic() {
                        break;
                    }
                    word.push(c);
                    self.bump();
                    if word.len() > 5 {
                        break;
                    }
                }
                match word.as_str() {
                    "null" => Ok(Json::Null),
                    "true" => Ok(Json::Bool(true)),
                    "false" => Ok(Json::Bool(false)),
                    // NaN and Infinity are not JSON, but a point may hold them: named there.
                    "NaN" => Ok(Json::Number(word)),
                    _ => Err(self.error()),
                }
            }
            _ => Err(self.error()),
        }
    }

    fn string(&mut self) -> Result<String, Detail> {
        if self.chars.peek() != Some(&'"') {
            return Err(self.error());
        }
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error()),
                Some('"') => return Ok(s),
                Some('\\') => match self.bump() {
                    Some('"') => s.push('"'),
                    Some('\\') => s.push('\\'),
                    Some('/') => s.push('/'),
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('b') => s.push('\u{8}'),
                    Some('f') => s.push('\u{c}'),
                    Some('u') => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            let d = self.bump().and_then(|c| c.to_digit(16));
                            code = code * 16 + d.ok_or_else(|| self.error())?;
                        }
                        s.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    }
                    _ => return Err(self.error()),
                },
                Some(c) => s.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::set_points;

    #[test]
    fn a_session_round_trips_settings_and_points_bit_for_bit() {
        let mut s = Settings::decode("f=linreg&lr=0.05&opt=adam").0;
        let values: Vec<f64> = (0..1200)
            .flat_map(|i| [i as f64 * 0.1, 1.0 / (i as f64 + 3.0)])
            .chain([-0.0, 5e-324])
            .collect();
        assert!(set_points(&mut s, Points::new(2, values).unwrap()).is_empty());
        let text = write(&s);
        assert!(text.starts_with("{\n  \"descent\": \"session\",\n  \"version\": 1,\n  \"settings\": \"f=linreg&data=custom&opt=adam&lr=0.05\",\n  \"columns\": [\"x\", \"y\"],\n  \"points\": [\n    [0, 0.3333333333333333],"), "{}", &text[..300]);
        assert!(is_session(text.as_bytes()));
        let (back, problems) = read(text.as_bytes()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, s);
        let empty = write(&Settings::default());
        assert_eq!(read(empty.as_bytes()).unwrap().0, Settings::default());
    }

    #[test]
    fn bad_sessions_are_named() {
        let err = |t: &str| read(t.as_bytes()).unwrap_err();
        assert_eq!(
            err("{\"descent\": \"session\",\n \"version\": 1,"),
            Detail::SessionJson {
                line: 2,
                column: 15
            }
        );
        assert_eq!(err("[1, 2]"), Detail::SessionField { field: "descent" });
        assert_eq!(
            err("{\"descent\": \"session\"}"),
            Detail::SessionField { field: "version" }
        );
        assert!(matches!(
            err("{\"descent\": \"session\", \"version\": 2}"),
            Detail::SessionVersion { .. }
        ));
        assert_eq!(
            err("{\"descent\": \"session\", \"version\": 1, \"settings\": \"f=linreg\"}"),
            Detail::SessionField { field: "points" }
        );
        let head = "{\"descent\": \"session\", \"version\": 1, \"settings\": \"f=linreg&data=custom\", \"points\": ";
        assert!(matches!(
            err(&format!("{head}[[1, 2], [3, \"x\"]]}}")),
            Detail::PointValue {
                point: 2,
                coordinate: 2,
                ..
            }
        ));
        assert!(matches!(
            err(&format!("{head}[[1, 2], [3, 1e400]]}}")),
            Detail::PointValue { point: 2, .. }
        ));
        assert!(matches!(
            err(&format!("{head}[[1, 2], [3, NaN]]}}")),
            Detail::PointValue { point: 2, .. }
        ));
        assert_eq!(
            err(&format!("{head}[[1, 2], [3]]}}")),
            Detail::PointRagged {
                point: 2,
                found: 1,
                expected: 2
            }
        );
        assert!(matches!(err(&"[".repeat(100)), Detail::SessionJson { .. }));
        // A bad setting is a problem of the settings, as in a link; the points still load.
        let (s, p) = read(b"{\"descent\": \"session\", \"version\": 1, \"settings\": \"f=linreg&data=custom&lr=-1\", \"points\": [[1, 3], [2, 5]]}").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(s.sample_count(), 2);
    }
}
