//! Data files read into custom points: CSV and TSV (delimiter and header detected), the columns picked as a user expects and reported as data, every refusal a problem naming its row and column.
//!
//! What is read, in order, each refusal a [`Detail`]:
//!
//! 1. At most [`MAX_FILE_BYTES`]; a larger file is refused by its size alone
//!    ([`check_size`], which the CLI calls with the file's metadata and the page with
//!    `File.size`, before reading a byte).
//! 2. Text: a NUL or another control character (other than tab, CR, LF and form feed) makes
//!    it binary, named by its row. Bytes that are not UTF-8 are read as U+FFFD (they can only
//!    be in names, never in numbers); a UTF-8 byte-order mark is skipped.
//! 3. Rows are lines; blank lines and lines starting with `#` are skipped, but rows keep the
//!    file's line numbers, as an editor shows them.
//! 4. The delimiter: tab, `;`, `,` or runs of spaces, the first that splits the first rows
//!    (up to 20) into the same number (≥ 2) of cells. Cells may be quoted with `"` (`""` is a
//!    quote). With `;`, tab or spaces, a decimal comma (`1,5`) reads as `1.5`.
//! 5. The header: the first row is one when none of its cells is a number. Its names must
//!    differ (ignoring case and spaces).
//! 6. Every row has as many cells as the first; at most [`MAX_POINTS`] rows of data.
//! 7. The columns ([`Columns`]): by header name first (`x`, `x1`, `x2`, `y`, `label`,
//!    `class`, `target`, …, see [`role_names`]), then the leftmost numeric columns (those
//!    whose first data cell reads as a number) in order: x then y, or x₁, x₂ then y.
//! 8. Every picked cell is a finite number within ±[`crate::points::MAX_ABS`]; for logreg
//!    the label is 0 or 1. Other columns may hold anything.
//! 9. At least [`MIN_POINTS`] rows of data.

use crate::model::ModelKind;
use crate::points::{check_number, model_arity, Points, MAX_ABS, MAX_POINTS, MIN_POINTS};
use crate::problem::Detail;

/// The largest data file read, in bytes: 100,000 rows of three long numbers fit in 8 MB;
/// this leaves room for other columns.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// How many rows the delimiter is detected from.
const SNIFF_ROWS: usize = 20;

/// What separates the cells of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    /// A tab (TSV).
    Tab,
    /// `;` (CSV as spreadsheets write it where the decimal mark is a comma).
    Semicolon,
    /// `,` (CSV).
    Comma,
    /// One or more spaces.
    Space,
}

impl Delimiter {
    /// Every delimiter, in the order they are tried.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Comma,
        Delimiter::Space,
    ];

    /// Its name: `tab`, `semicolon`, `comma` or `space`.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Tab => "tab",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Comma => "comma",
            Delimiter::Space => "space",
        }
    }
}

/// How a file's columns were read: what the page and the CLI show beside the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    /// The delimiter found.
    pub delimiter: Delimiter,
    /// Whether the first row is a header.
    pub header: bool,
    /// Every column's header name (empty strings without a header).
    pub names: Vec<String>,
    /// The roles of a point, in order: `x`, `y` or `x1`, `x2`, `y`.
    pub roles: &'static [&'static str],
    /// The column (from 0) read for each role, in the order of `roles`.
    pub picked: Vec<usize>,
    /// Whether each role's column was found by its header name (else by position).
    pub by_name: Vec<bool>,
}

impl Columns {
    /// A column as messages name it: its number from 1, with its header name if any
    /// (`2 (y)`).
    pub fn column_text(&self, column: usize) -> String {
        match self.names.get(column).filter(|n| !n.is_empty()) {
            Some(name) => format!("{} ({name})", column + 1),
            None => (column + 1).to_string(),
        }
    }

    /// The choice in English, for the CLI: `x = column 1 (x), y = column 3 (price)`.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .roles
            .iter()
            .zip(&self.picked)
            .map(|(role, &c)| format!("{role} = column {}", self.column_text(c)))
            .collect();
        format!(
            "{}; {} delimited{}",
            parts.join(", "),
            self.delimiter.name(),
            if self.header { ", with a header" } else { "" }
        )
    }
}

/// A data file read: its points and how its columns were chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The points, one per data row, in the model's form.
    pub points: Points,
    /// The delimiter, the header and the columns picked.
    pub columns: Columns,
}

/// Refuses a file by its size alone, before it is read.
pub fn check_size(bytes: u64) -> Result<(), Detail> {
    if bytes > MAX_FILE_BYTES {
        Err(Detail::FileTooLarge {
            bytes,
            max: MAX_FILE_BYTES,
        })
    } else {
        Ok(())
    }
}

/// The header names that give a column its role, best first: `x`, `x1`, `x2`, and for the
/// target `y`, `target`, … (logreg prefers `label` and `class`). Names are compared
/// lowercased, with only their letters and digits (`X_1` is `x1`, `x₁` too).
pub fn role_names(role: &str, model: ModelKind) -> &'static [&'static str] {
    match (role, model) {
        ("x", _) => &["x", "x1", "feature", "input"],
        ("x1", _) => &["x1", "x"],
        ("x2", _) => &["x2"],
        (_, ModelKind::Logreg) => &["label", "class", "target", "y"],
        _ => &["y", "target", "label", "class", "output"],
    }
}

/// A header name as it is compared: lowercase letters and digits only, subscripts as digits.
fn normalized(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '₀'..='₉' => char::from(b'0' + (c as u32 - '₀' as u32) as u8),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The file as text, or where it stops being text.
fn text_of(bytes: &[u8]) -> Result<String, Detail> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut row = 1;
    for &b in bytes {
        if b == b'\n' {
            row += 1;
        } else if (b < 0x20 && b != b'\t' && b != b'\r' && b != 0x0C) || b == 0x7F {
            return Err(Detail::FileBinary { row });
        }
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

/// The cells of one row.
fn split(line: &str, d: Delimiter) -> Vec<String> {
    if d == Delimiter::Space {
        return line.split_whitespace().map(unquote).collect();
    }
    let sep = match d {
        Delimiter::Tab => '\t',
        Delimiter::Semicolon => ';',
        _ => ',',
    };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cell.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
        } else if c == '"' && cell.trim().is_empty() {
            cell.clear();
            quoted = true;
        } else if c == sep {
            cells.push(cell.trim().to_string());
            cell.clear();
        } else {
            cell.push(c);
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// A space-separated cell without its quotes.
fn unquote(cell: &str) -> String {
    let c = cell.trim();
    c.strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(c)
        .replace("\"\"", "\"")
}

/// The delimiter that splits the first rows into the same number (≥ 2) of cells; else the
/// one that splits the first row into the most (≥ 2), whose ragged rows are then named;
/// `None` when every row is one cell.
fn detect(rows: &[(usize, &str)]) -> Option<Delimiter> {
    let sample = &rows[..rows.len().min(SNIFF_ROWS)];
    let counts =
        |d: Delimiter| -> Vec<usize> { sample.iter().map(|(_, l)| split(l, d).len()).collect() };
    for d in Delimiter::ALL {
        let c = counts(d);
        if c[0] >= 2 && c.iter().all(|&n| n == c[0]) {
            return Some(d);
        }
    }
    Delimiter::ALL
        .into_iter()
        .map(|d| (split(sample[0].1, d).len(), d))
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, _)| *n)
        .map(|(_, d)| d)
}

/// A cell as a number to check: a decimal comma read as a point where the delimiter is not
/// a comma.
fn number_text(cell: &str, d: Delimiter) -> std::borrow::Cow<'_, str> {
    if d != Delimiter::Comma && !cell.contains('.') && cell.matches(',').count() == 1 {
        std::borrow::Cow::Owned(cell.replace(',', "."))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Whether a cell reads as a number at all (NaN, infinities and overflow included: they are
/// numbers a user meant, refused later with their row and column).
fn looks_numeric(cell: &str, d: Delimiter) -> bool {
    number_text(cell, d).trim().parse::<f64>().is_ok()
}

/// Reads a data file for `model`: its points (x, y for linreg and logreg, x₁, x₂, y for
/// linreg2) and how the columns were chosen. The error names the row (the file's line) and
/// the column of the first thing wrong.
pub fn read_table(bytes: &[u8], model: ModelKind) -> Result<Table, Detail> {
    check_size(bytes.len() as u64)?;
    let text = text_of(bytes)?;
    let rows: Vec<(usize, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    if rows.is_empty() {
        return Err(Detail::FileEmpty);
    }
    let arity = model_arity(model);
    let Some(delimiter) = detect(&rows) else {
        return Err(Detail::FileFewColumns {
            found: 1,
            needs: arity,
        });
    };
    let first = split(rows[0].1, delimiter);
    let header = first.iter().all(|c| !looks_numeric(c, delimiter));
    let names: Vec<String> = if header {
        first.clone()
    } else {
        vec![String::new(); first.len()]
    };
    if header {
        for (j, name) in names.iter().enumerate() {
            let key = normalized(name);
            if key.is_empty() {
                continue;
            }
            if let Some(i) = names[..j].iter().position(|n| normalized(n) == key) {
                return Err(Detail::FileDuplicateHeader {
                    row: rows[0].0,
                    name: name.clone(),
                    first: i + 1,
                    second: j + 1,
                });
            }
        }
    }
    let data = &rows[usize::from(header)..];
    if data.len() > MAX_POINTS {
        return Err(Detail::TooManyRows {
            rows: data.len(),
            max: MAX_POINTS,
        });
    }
    if data.is_empty() {
        return Err(Detail::FewPoints {
            count: 0,
            min: MIN_POINTS,
        });
    }
    let width = first.len();
    let cells: Vec<Vec<String>> = data.iter().map(|(_, l)| split(l, delimiter)).collect();
    for ((row, _), c) in data.iter().zip(&cells) {
        if c.len() != width {
            return Err(Detail::FileRagged {
                row: *row,
                found: c.len(),
                expected: width,
            });
        }
    }
    let roles: &'static [&'static str] = if arity == 3 {
        &["x1", "x2", "y"]
    } else {
        &["x", "y"]
    };
    let mut picked: Vec<Option<usize>> = vec![None; arity];
    if header {
        for (r, role) in roles.iter().enumerate() {
            for want in role_names(role, model) {
                let found = names
                    .iter()
                    .position(|n| normalized(n) == *want)
                    .filter(|c| !picked.contains(&Some(*c)));
                if found.is_some() {
                    picked[r] = found;
                    break;
                }
            }
        }
    }
    let by_name: Vec<bool> = picked.iter().map(Option::is_some).collect();
    let numeric: Vec<usize> = (0..width)
        .filter(|&c| looks_numeric(&cells[0][c], delimiter))
        .collect();
    let mut free = numeric
        .iter()
        .copied()
        .filter(|c| !picked.contains(&Some(*c)))
        .collect::<Vec<_>>()
        .into_iter();
    for p in picked.iter_mut().filter(|p| p.is_none()) {
        *p = free.next();
    }
    let Some(picked) = picked.into_iter().collect::<Option<Vec<usize>>>() else {
        return Err(Detail::FileFewColumns {
            found: numeric.len(),
            needs: arity,
        });
    };
    let columns = Columns {
        delimiter,
        header,
        names,
        roles,
        picked,
        by_name,
    };
    let mut values = Vec::with_capacity(data.len() * arity);
    for ((row, _), c) in data.iter().zip(&cells) {
        for (r, &col) in columns.picked.iter().enumerate() {
            let cell = &c[col];
            let x =
                check_number(&number_text(cell, delimiter)).map_err(|bad| Detail::FileValue {
                    row: *row,
                    column: columns.column_text(col),
                    text: cell.clone(),
                    bad,
                    max: MAX_ABS,
                })?;
            if model == ModelKind::Logreg && r == arity - 1 && x != 0.0 && x != 1.0 {
                return Err(Detail::FileLabel {
                    row: *row,
                    column: columns.column_text(col),
                    text: cell.clone(),
                });
            }
            values.push(x);
        }
    }
    if data.len() < MIN_POINTS {
        return Err(Detail::FewPoints {
            count: data.len(),
            min: MIN_POINTS,
        });
    }
    let points = Points::new(arity, values)?;
    Ok(Table { points, columns })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::BadNumber;

    fn read(text: &str, model: ModelKind) -> Result<Table, Detail> {
        read_table(text.as_bytes(), model)
    }

    #[test]
    fn csv_and_tsv_with_and_without_a_header() {
        let a = read("x,y\n1,3\n2,5\n3,7\n", ModelKind::Linreg).unwrap();
        assert_eq!(a.points.text(), "1,3;2,5;3,7");
        assert!(a.columns.header);
        assert_eq!(a.columns.delimiter, Delimiter::Comma);
        assert_eq!(a.columns.by_name, [true, true]);
        let b = read("1\t3\r\n2\t5\r\n\r\n3\t7", ModelKind::Linreg).unwrap();
        assert_eq!(b.points, a.points);
        assert!(!b.columns.header);
        assert_eq!(b.columns.delimiter, Delimiter::Tab);
        let c = read("# my data\n1 3\n2   5\n3 7\n", ModelKind::Linreg).unwrap();
        assert_eq!(c.points, a.points);
        assert_eq!(c.columns.delimiter, Delimiter::Space);
        let d = read("\u{FEFF}\"x\";\"y\"\n1,5;3\n2;5\n", ModelKind::Linreg).unwrap();
        assert_eq!(d.points.text(), "1.5,3;2,5");
    }

    #[test]
    fn columns_are_picked_by_name_then_by_position() {
        let t = read("id,name,Y,X\n1,a,3,1\n2,b,5,2\n", ModelKind::Linreg).unwrap();
        assert_eq!(t.columns.picked, [3, 2]);
        assert_eq!(t.points.text(), "1,3;2,5");
        assert_eq!(
            t.columns.summary(),
            "x = column 4 (X), y = column 3 (Y); comma delimited, with a header"
        );
        // No names known: the first numeric columns, text columns skipped.
        let t = read(
            "name,height,weight,age\nann,1.6,55,30\nbob,1.8,80,40\n",
            ModelKind::Linreg,
        )
        .unwrap();
        assert_eq!(t.columns.picked, [1, 2]);
        assert_eq!(t.columns.by_name, [false, false]);
        let t = read("x,y,label\n-1,4,0\n1,2,1\n", ModelKind::Logreg).unwrap();
        assert_eq!(t.columns.picked, [0, 2]);
        let t = read("a,b,c\n1,2,3\n4,5,6\n", ModelKind::Linreg2).unwrap();
        assert_eq!(t.points.text(), "1,2,3;4,5,6");
        let t = read("x₂,target,x₁\n1,2,3\n4,5,6\n", ModelKind::Linreg2).unwrap();
        assert_eq!(t.columns.picked, [2, 0, 1]);
    }

    #[test]
    fn bad_files_are_named_by_row_and_column() {
        let err = |t: &[u8], m| read_table(t, m).unwrap_err();
        assert_eq!(
            err(b"x,y\n1,2\n\x00\x01\x02", ModelKind::Linreg),
            Detail::FileBinary { row: 3 }
        );
        assert_eq!(
            err(b"\x89PNG\r\n\x1a\n", ModelKind::Linreg),
            Detail::FileBinary { row: 2 }
        );
        assert_eq!(err(b"", ModelKind::Linreg), Detail::FileEmpty);
        assert_eq!(
            err(b"\n  \n# only a comment\n", ModelKind::Linreg),
            Detail::FileEmpty
        );
        assert_eq!(
            err(b"x,y\n1,2\n3,4,5\n", ModelKind::Linreg),
            Detail::FileRagged {
                row: 3,
                found: 3,
                expected: 2
            }
        );
        assert!(matches!(
            err(b"x,y\n1,2\n3,NaN\n", ModelKind::Linreg),
            Detail::FileValue { row: 3, bad: BadNumber::NotFinite, ref column, .. } if column == "2 (y)"
        ));
        assert!(matches!(
            err(b"1,2\n1e400,4\n", ModelKind::Linreg),
            Detail::FileValue { row: 2, bad: BadNumber::TooLarge, ref column, .. } if column == "1"
        ));
        assert!(matches!(
            err(b"x,y\n1,2\n3,four\n", ModelKind::Linreg),
            Detail::FileValue {
                row: 3,
                bad: BadNumber::NotANumber,
                ..
            }
        ));
        assert_eq!(
            err(b"x,y\n1,2\n", ModelKind::Linreg),
            Detail::FewPoints { count: 1, min: 2 }
        );
        assert_eq!(
            err(b"x,y\n", ModelKind::Linreg),
            Detail::FewPoints { count: 0, min: 2 }
        );
        assert_eq!(
            err(b"x,X\n1,2\n3,4\n", ModelKind::Linreg),
            Detail::FileDuplicateHeader {
                row: 1,
                name: "X".into(),
                first: 1,
                second: 2
            }
        );
        assert_eq!(
            err(b"1\n2\n3\n", ModelKind::Linreg),
            Detail::FileFewColumns { found: 1, needs: 2 }
        );
        assert_eq!(
            err(b"a,b\n1,2\n3,4\n", ModelKind::Linreg2),
            Detail::FileFewColumns { found: 2, needs: 3 }
        );
        assert_eq!(
            err(b"x,label\n1,0\n2,2\n", ModelKind::Logreg),
            Detail::FileLabel {
                row: 3,
                column: "2 (label)".into(),
                text: "2".into()
            }
        );
        assert_eq!(
            check_size(2 * 1024 * 1024 * 1024),
            Err(Detail::FileTooLarge {
                bytes: 2 * 1024 * 1024 * 1024,
                max: MAX_FILE_BYTES
            })
        );
        let many = "1,2\n".repeat(MAX_POINTS + 1);
        assert_eq!(
            err(many.as_bytes(), ModelKind::Linreg),
            Detail::TooManyRows {
                rows: MAX_POINTS + 1,
                max: MAX_POINTS
            }
        );
    }

    #[test]
    fn the_largest_file_reads_exactly() {
        let mut text = String::from("x,y\n");
        for i in 0..MAX_POINTS {
            text.push_str(&format!("{},{}\n", i as f64 * 0.1, -(i as f64) / 3.0));
        }
        let t = read(&text, ModelKind::Linreg).unwrap();
        assert_eq!(t.points.len(), MAX_POINTS);
        assert_eq!(t.points.values()[2 * 7 + 1], -7.0 / 3.0);
    }
}
