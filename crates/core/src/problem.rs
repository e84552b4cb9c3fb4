//! What can be wrong with settings, as data: a code with its arguments, worded in English by `Display`.
//!
//! A [`Problem`] names the key and the value as written and carries a [`Detail`]: one variant
//! per problem code, with the arguments its sentence needs. The CLI prints the English
//! sentence (`Display`); the page receives the code and the arguments ([`Detail::code`],
//! [`Detail::args`]) and words them from its own string tables, in any language, without
//! reading the English.

use core::fmt;

use crate::formula::{self, FormulaError, FormulaErrorKind, Hint};
use crate::numfmt::fmt_f64;
use crate::range::Range;

/// How serious a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The value was rejected and the default used instead.
    Error,
    /// Nothing was changed, but the input was odd (an unknown or repeated key).
    Warning,
}

/// One thing wrong with a settings string.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The key, as written.
    pub key: String,
    /// The value, as written (after percent-decoding).
    pub value: String,
    /// What went wrong: a code with its arguments.
    pub detail: Detail,
    /// Whether the default was used instead.
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = shorten(&self.value, 60);
        match self.severity {
            Severity::Error => write!(
                f,
                "{}={}: {}; the default was used",
                self.key, value, self.detail
            ),
            Severity::Warning => write!(f, "{}={}: {}", self.key, value, self.detail),
        }
    }
}

/// Cuts long values so that a 10 kB payload does not fill a message.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head}… ({} characters)", s.chars().count())
    }
}

/// What is wrong, as a code with its arguments. Nested details (a racer's, a racer's
/// hyperparameter's) are arguments too.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// A key no field has; ignored.
    UnknownKey,
    /// A key given more than once; the last value is used.
    RepeatedKey,
    /// A `%` not followed by two hex digits, at a 1-based character.
    BadEscape {
        /// The character the escape starts at (1-based).
        at: usize,
    },
    /// Percent escapes whose bytes are not UTF-8.
    BadUtf8,
    /// A number outside its key's interval, or not a number.
    OutOfRange {
        /// The key's interval.
        range: Range,
        /// The same in English words ("a number in (0, 1000]").
        allowed: &'static str,
    },
    /// A value that is none of its key's choices.
    NotAChoice {
        /// The choices.
        choices: &'static [&'static str],
        /// What they are, in English words (`an optimizer`); the message lists the choices.
        allowed: &'static str,
    },
    /// A value its key cannot read, for keys with neither an interval nor a list of choices.
    Invalid {
        /// What is allowed, in English words.
        allowed: &'static str,
    },
    /// A value longer than any key reads.
    TooLong {
        /// Its length in characters.
        len: usize,
        /// What is allowed, in English words.
        allowed: &'static str,
    },
    /// A formula that does not parse.
    Formula(FormulaError),
    /// A model given a dataset it cannot fit.
    WrongDataset {
        /// The model's name.
        model: &'static str,
        /// The dataset it needs.
        needs: &'static str,
    },
    /// A mini-batch larger than the dataset.
    BatchOverN {
        /// The number of samples.
        n: u32,
    },
    /// A racer's mini-batch larger than the dataset.
    RacerBatchOverN {
        /// The racer, as written (`gd(bs=50)`).
        racer: String,
        /// The number of samples.
        n: u32,
    },
    /// More learning rates than fit beside the racers.
    LrsDoNotFit {
        /// The racers.
        racers: usize,
        /// How many learning rates fit.
        room: usize,
        /// The most runs drawn together.
        runs: usize,
    },
    /// Something wrong with one racer of a race.
    Racer {
        /// The racer's place, from 1.
        index: usize,
        /// What is wrong with it.
        detail: Box<Detail>,
    },
    /// A racer with a `(` and no `)` at its end.
    Unclosed {
        /// The racer as written.
        entry: String,
    },
    /// A racer naming no optimizer.
    NotAnOptimizer {
        /// The name as written.
        name: String,
        /// The optimizers.
        names: &'static [&'static str],
    },
    /// A part of a racer's parentheses that is not `key=value`.
    NotKeyValue {
        /// The part as written.
        part: String,
        /// The racer's optimizer.
        opt: &'static str,
    },
    /// A key in a racer's parentheses that no optimizer has.
    NotAHyperparameter {
        /// The key as written.
        key: String,
        /// The racer's optimizer.
        opt: &'static str,
        /// The keys it takes.
        takes: Vec<&'static str>,
    },
    /// A hyperparameter the racer's optimizer does not have.
    NoSuchHyperparameter {
        /// The key.
        key: &'static str,
        /// The racer's optimizer.
        opt: &'static str,
        /// The keys it takes.
        takes: Vec<&'static str>,
    },
    /// A key given twice in one racer.
    GivenTwice {
        /// The key.
        key: &'static str,
        /// The racer's optimizer.
        opt: &'static str,
    },
    /// A bad value in a racer's parentheses.
    InEntry {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// The racer's optimizer.
        opt: &'static str,
        /// What is wrong with the value.
        detail: Box<Detail>,
    },
    /// More racers than fit.
    TooManyRacers {
        /// How many were given.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// A learning rate (in `lrs=` or `sweep=`) outside (0, 1000].
    NotALearningRate {
        /// The value as written.
        value: String,
    },
    /// More learning rates than fit.
    TooManyLrs {
        /// How many were given.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// A sweep not written `lo,hi,K`.
    SweepForm,
    /// A sweep whose smallest learning rate is not below its largest.
    SweepOrder {
        /// The smallest.
        lo: f64,
        /// The largest.
        hi: f64,
    },
    /// A sweep's count outside 2 to its maximum.
    SweepCount {
        /// The count as written.
        value: String,
        /// The largest count.
        max: u32,
    },
    /// A map not written as two axes `key:from:to[:cells[:log|lin]]` joined by a comma.
    MapForm,
    /// A map axis on a key no map may vary.
    MapAxisKey {
        /// The key as written.
        key: String,
        /// The keys a map may vary.
        keys: &'static [&'static str],
    },
    /// A map whose two axes are the same key.
    MapSameAxis {
        /// The key.
        key: &'static str,
    },
    /// A map axis whose first value is not below its last.
    MapOrder {
        /// The key.
        key: &'static str,
        /// The first value.
        from: f64,
        /// The last value.
        to: f64,
    },
    /// A log axis with an end ≤ 0.
    MapLog {
        /// The key.
        key: &'static str,
    },
    /// A map axis's cell count outside 2 to its maximum.
    MapCells {
        /// The count as written.
        value: String,
        /// The largest count.
        max: u32,
    },
    /// A map axis's scale that is neither `log` nor `lin`.
    MapScale {
        /// The scale as written.
        value: String,
    },
    /// A map axis's end that its key's field refuses.
    MapValue {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong with it.
        detail: Box<Detail>,
    },
    /// A map axis the run does not read (`mom` for adam, `gamma` without a decaying
    /// schedule, `bs` without mini-batches, `y0` on a 1-D landscape).
    MapNotRead {
        /// The key.
        key: &'static str,
    },
    /// A map whose cells × steps exceed the limit.
    MapTooBig {
        /// Its cells.
        cells: u64,
        /// The steps of each run.
        steps: u32,
        /// The most steps a map may take.
        max: u64,
    },
    /// Basins asked of a landscape without known minima.
    MapNoMinima {
        /// The landscape's name.
        f: &'static str,
    },
    /// A number of a custom point (`pts=`) that is refused.
    PointValue {
        /// The point, from 1.
        point: usize,
        /// Which of its numbers, from 1.
        coordinate: usize,
        /// The number as written.
        text: String,
        /// Why it is refused.
        bad: BadNumber,
        /// The largest magnitude allowed ([`crate::points::MAX_ABS`]).
        max: f64,
    },
    /// A first point of neither two nor three numbers.
    PointNumbers {
        /// The point, from 1.
        point: usize,
        /// How many numbers it has.
        found: usize,
    },
    /// A point with another count of numbers than the points before it.
    PointRagged {
        /// The point, from 1.
        point: usize,
        /// How many numbers it has.
        found: usize,
        /// How many the first point has.
        expected: usize,
    },
    /// Custom points of the wrong size for the model.
    PointsDoNotSuit {
        /// The model's name.
        model: &'static str,
        /// The numbers per point it takes.
        needs: usize,
        /// The numbers per point given.
        found: usize,
    },
    /// A logreg point whose label is not 0 or 1.
    PointLabel {
        /// The point, from 1.
        point: usize,
        /// The label as its shortest text.
        value: String,
    },
    /// More points than a link holds.
    TooManyPoints {
        /// How many were given.
        count: usize,
        /// The most a link holds.
        max: usize,
    },
    /// More data rows or points than are read.
    TooManyRows {
        /// How many there are.
        rows: usize,
        /// The most read.
        max: usize,
    },
    /// A data or session file larger than is read (refused by its size alone).
    FileTooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The most read.
        max: u64,
    },
    /// A data file without a row of data or header.
    FileEmpty,
    /// A file that is not text.
    FileBinary {
        /// The row (line) of the first byte that is not text, from 1.
        row: usize,
    },
    /// A row with another count of cells than the first.
    FileRagged {
        /// The row (the file's line), from 1.
        row: usize,
        /// Its cells.
        found: usize,
        /// The first row's cells.
        expected: usize,
    },
    /// A cell of a picked column that is refused.
    FileValue {
        /// The row (the file's line), from 1.
        row: usize,
        /// The column: its number from 1, with its header name (`2 (y)`).
        column: String,
        /// The cell as written.
        text: String,
        /// Why it is refused.
        bad: BadNumber,
        /// The largest magnitude allowed.
        max: f64,
    },
    /// A header naming two columns alike.
    FileDuplicateHeader {
        /// The header's row.
        row: usize,
        /// The name, as written the second time.
        name: String,
        /// The first column of that name, from 1.
        first: usize,
        /// The second.
        second: usize,
    },
    /// Fewer numeric columns than a point has numbers.
    FileFewColumns {
        /// The numeric columns found.
        found: usize,
        /// The numbers a point needs.
        needs: usize,
    },
    /// A logreg label that is not 0 or 1, in a file.
    FileLabel {
        /// The row (the file's line), from 1.
        row: usize,
        /// The column: its number from 1, with its header name.
        column: String,
        /// The cell as written.
        text: String,
    },
    /// A session file whose JSON breaks.
    SessionJson {
        /// The line, from 1.
        line: usize,
        /// The column (character), from 1.
        column: usize,
    },
    /// A session file without one of its members, or with one of the wrong kind.
    SessionField {
        /// The member: descent, version, settings or points.
        field: &'static str,
    },
    /// A session file of a version this Descent does not read.
    SessionVersion {
        /// The version as written.
        version: String,
        /// The newest version read.
        newest: u64,
    },
    /// Custom data with fewer points than a fit needs (a warning: the run is still defined).
    FewPoints {
        /// How many there are.
        count: usize,
        /// The fewest a fit needs.
        min: usize,
    },
}

/// Why a number of the data (a point's, a file's cell) is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadNumber {
    /// Not a number at all (text, or nothing).
    NotANumber,
    /// NaN or an infinity written out.
    NotFinite,
    /// Beyond the largest magnitude allowed (`crate::points::MAX_ABS`), overflowing numbers
    /// such as 1e400 included.
    TooLarge,
}

/// One argument of a problem's detail, as the page receives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Text: a key, a name, a value as written.
    Text(String),
    /// A number (a bound, a learning rate).
    Number(f64),
    /// A count or a position.
    Count(u64),
    /// A yes/no (whether a bound is open).
    Flag(bool),
    /// A list of names.
    List(Vec<String>),
    /// A nested detail.
    Detail(Box<Detail>),
}

impl Detail {
    /// Every code [`Detail::code`] can return, the formula's included: the page has words
    /// for each (a tidy check makes sure).
    pub const CODES: &'static [&'static str] = &[
        "unknown_key",
        "repeated_key",
        "bad_escape",
        "bad_utf8",
        "out_of_range",
        "not_a_choice",
        "invalid",
        "too_long",
        "wrong_dataset",
        "batch_over_n",
        "racer_batch_over_n",
        "lrs_do_not_fit",
        "racer",
        "unclosed",
        "not_an_optimizer",
        "not_key_value",
        "not_a_hyperparameter",
        "no_such_hyperparameter",
        "given_twice",
        "in_entry",
        "too_many_racers",
        "not_a_learning_rate",
        "too_many_lrs",
        "sweep_form",
        "sweep_order",
        "sweep_count",
        "map_form",
        "map_axis_key",
        "map_same_axis",
        "map_order",
        "map_log",
        "map_cells",
        "map_scale",
        "map_value",
        "map_not_read",
        "map_too_big",
        "map_no_minima",
        "point_not_a_number",
        "point_not_finite",
        "point_too_large",
        "point_numbers",
        "point_ragged",
        "points_do_not_suit",
        "point_label",
        "too_many_points",
        "few_points",
        "too_many_rows",
        "file_too_large",
        "file_empty",
        "file_binary",
        "file_ragged",
        "cell_not_a_number",
        "cell_not_finite",
        "cell_too_large",
        "file_duplicate_header",
        "file_few_columns",
        "file_label",
        "session_json",
        "session_field",
        "session_version",
        "formula_too_long",
        "formula_empty",
        "formula_unmatched_close",
        "formula_unexpected_char",
        "formula_digit_around_dot",
        "formula_exponent_digits",
        "formula_bad_number",
        "formula_too_deep",
        "formula_expected_operator",
        "formula_expected_value",
        "formula_unclosed",
        "formula_call_needs_paren",
        "formula_unknown_name",
        "formula_unknown_function",
    ];

    /// The problem's code: what the page keys its words by.
    pub fn code(&self) -> &'static str {
        match self {
            Detail::UnknownKey => "unknown_key",
            Detail::RepeatedKey => "repeated_key",
            Detail::BadEscape { .. } => "bad_escape",
            Detail::BadUtf8 => "bad_utf8",
            Detail::OutOfRange { .. } => "out_of_range",
            Detail::NotAChoice { .. } => "not_a_choice",
            Detail::Invalid { .. } => "invalid",
            Detail::TooLong { .. } => "too_long",
            Detail::Formula(e) => formula_code(e),
            Detail::WrongDataset { .. } => "wrong_dataset",
            Detail::BatchOverN { .. } => "batch_over_n",
            Detail::RacerBatchOverN { .. } => "racer_batch_over_n",
            Detail::LrsDoNotFit { .. } => "lrs_do_not_fit",
            Detail::Racer { .. } => "racer",
            Detail::Unclosed { .. } => "unclosed",
            Detail::NotAnOptimizer { .. } => "not_an_optimizer",
            Detail::NotKeyValue { .. } => "not_key_value",
            Detail::NotAHyperparameter { .. } => "not_a_hyperparameter",
            Detail::NoSuchHyperparameter { .. } => "no_such_hyperparameter",
            Detail::GivenTwice { .. } => "given_twice",
            Detail::InEntry { .. } => "in_entry",
            Detail::TooManyRacers { .. } => "too_many_racers",
            Detail::NotALearningRate { .. } => "not_a_learning_rate",
            Detail::TooManyLrs { .. } => "too_many_lrs",
            Detail::SweepForm => "sweep_form",
            Detail::SweepOrder { .. } => "sweep_order",
            Detail::SweepCount { .. } => "sweep_count",
            Detail::MapForm => "map_form",
            Detail::MapAxisKey { .. } => "map_axis_key",
            Detail::MapSameAxis { .. } => "map_same_axis",
            Detail::MapOrder { .. } => "map_order",
            Detail::MapLog { .. } => "map_log",
            Detail::MapCells { .. } => "map_cells",
            Detail::MapScale { .. } => "map_scale",
            Detail::MapValue { .. } => "map_value",
            Detail::MapNotRead { .. } => "map_not_read",
            Detail::MapTooBig { .. } => "map_too_big",
            Detail::MapNoMinima { .. } => "map_no_minima",
            Detail::PointValue { bad, .. } => match bad {
                BadNumber::NotANumber => "point_not_a_number",
                BadNumber::NotFinite => "point_not_finite",
                BadNumber::TooLarge => "point_too_large",
            },
            Detail::PointNumbers { .. } => "point_numbers",
            Detail::PointRagged { .. } => "point_ragged",
            Detail::PointsDoNotSuit { .. } => "points_do_not_suit",
            Detail::PointLabel { .. } => "point_label",
            Detail::TooManyPoints { .. } => "too_many_points",
            Detail::FewPoints { .. } => "few_points",
            Detail::TooManyRows { .. } => "too_many_rows",
            Detail::FileTooLarge { .. } => "file_too_large",
            Detail::FileEmpty => "file_empty",
            Detail::FileBinary { .. } => "file_binary",
            Detail::FileRagged { .. } => "file_ragged",
            Detail::FileValue { bad, .. } => match bad {
                BadNumber::NotANumber => "cell_not_a_number",
                BadNumber::NotFinite => "cell_not_finite",
                BadNumber::TooLarge => "cell_too_large",
            },
            Detail::FileDuplicateHeader { .. } => "file_duplicate_header",
            Detail::FileFewColumns { .. } => "file_few_columns",
            Detail::FileLabel { .. } => "file_label",
            Detail::SessionJson { .. } => "session_json",
            Detail::SessionField { .. } => "session_field",
            Detail::SessionVersion { .. } => "session_version",
        }
    }

    /// The arguments by name, as the page's sentences use them. Numbers shown in a sentence
    /// come as their shortest exact text too (`lo`, `hi`), so both languages print the same
    /// digits.
    pub fn args(&self) -> Vec<(&'static str, Arg)> {
        let text = |s: &str| Arg::Text(s.to_string());
        let count = |n: usize| Arg::Count(n as u64);
        let list = |l: &[&'static str]| Arg::List(l.iter().map(|s| s.to_string()).collect());
        match self {
            Detail::UnknownKey
            | Detail::RepeatedKey
            | Detail::BadUtf8
            | Detail::SweepForm
            | Detail::MapForm
            | Detail::FileEmpty => {
                vec![]
            }
            Detail::BadEscape { at } => vec![("at", count(*at))],
            Detail::OutOfRange { range, allowed } => {
                let mut args = vec![("allowed", text(allowed))];
                if let Some(min) = range.min {
                    args.push(("min", Arg::Number(min)));
                }
                if let Some(max) = range.max {
                    args.push(("max", Arg::Number(max)));
                }
                args.push(("min_open", Arg::Flag(range.min_open)));
                args.push(("max_open", Arg::Flag(range.max_open)));
                args.push(("whole", Arg::Flag(range.whole)));
                args
            }
            Detail::NotAChoice { choices, allowed } => {
                vec![("choices", list(choices)), ("allowed", text(allowed))]
            }
            Detail::Invalid { allowed } => vec![("allowed", text(allowed))],
            Detail::TooLong { len, allowed } => {
                vec![("len", count(*len)), ("allowed", text(allowed))]
            }
            Detail::Formula(e) => formula_args(e),
            Detail::WrongDataset { model, needs } => {
                vec![("model", text(model)), ("needs", text(needs))]
            }
            Detail::BatchOverN { n } => vec![("n", Arg::Count(u64::from(*n)))],
            Detail::RacerBatchOverN { racer, n } => {
                vec![("racer", text(racer)), ("n", Arg::Count(u64::from(*n)))]
            }
            Detail::LrsDoNotFit { racers, room, runs } => vec![
                ("racers", count(*racers)),
                ("room", count(*room)),
                ("runs", count(*runs)),
            ],
            Detail::Racer { index, detail } => {
                vec![
                    ("index", count(*index)),
                    ("detail", Arg::Detail(detail.clone())),
                ]
            }
            Detail::Unclosed { entry } => vec![("entry", text(entry))],
            Detail::NotAnOptimizer { name, names } => {
                vec![("name", text(name)), ("names", list(names))]
            }
            Detail::NotKeyValue { part, opt } => vec![("part", text(part)), ("opt", text(opt))],
            Detail::NotAHyperparameter { key, opt, takes } => vec![
                ("key", text(key)),
                ("opt", text(opt)),
                ("takes", list(takes)),
            ],
            Detail::NoSuchHyperparameter { key, opt, takes } => vec![
                ("key", text(key)),
                ("opt", text(opt)),
                ("takes", list(takes)),
            ],
            Detail::GivenTwice { key, opt } => vec![("key", text(key)), ("opt", text(opt))],
            Detail::InEntry {
                key,
                value,
                opt,
                detail,
            } => vec![
                ("key", text(key)),
                ("value", text(value)),
                ("opt", text(opt)),
                ("detail", Arg::Detail(detail.clone())),
            ],
            Detail::TooManyRacers { count: c, max } | Detail::TooManyLrs { count: c, max } => {
                vec![("count", count(*c)), ("max", count(*max))]
            }
            Detail::NotALearningRate { value } => vec![("value", text(value))],
            Detail::SweepOrder { lo, hi } => {
                vec![("lo", text(&fmt_f64(*lo))), ("hi", text(&fmt_f64(*hi)))]
            }
            Detail::SweepCount { value, max } => {
                vec![("value", text(value)), ("max", Arg::Count(u64::from(*max)))]
            }
            Detail::MapAxisKey { key, keys } => vec![("key", text(key)), ("keys", list(keys))],
            Detail::MapSameAxis { key } | Detail::MapLog { key } | Detail::MapNotRead { key } => {
                vec![("key", text(key))]
            }
            Detail::MapOrder { key, from, to } => vec![
                ("key", text(key)),
                ("from", text(&fmt_f64(*from))),
                ("to", text(&fmt_f64(*to))),
            ],
            Detail::MapCells { value, max } => {
                vec![("value", text(value)), ("max", Arg::Count(u64::from(*max)))]
            }
            Detail::MapScale { value } => vec![("value", text(value))],
            Detail::MapValue { key, value, detail } => vec![
                ("key", text(key)),
                ("value", text(value)),
                ("detail", Arg::Detail(detail.clone())),
            ],
            Detail::MapTooBig { cells, steps, max } => vec![
                ("cells", Arg::Count(*cells)),
                ("steps", Arg::Count(u64::from(*steps))),
                ("total", Arg::Count(cells.saturating_mul(u64::from(*steps)))),
                ("max", Arg::Count(*max)),
            ],
            Detail::MapNoMinima { f } => vec![("f", text(f))],
            Detail::PointValue {
                point,
                coordinate,
                text: t,
                max,
                ..
            } => vec![
                ("point", count(*point)),
                ("coordinate", count(*coordinate)),
                ("text", text(t)),
                ("max", text(&fmt_f64(*max))),
            ],
            Detail::PointNumbers { point, found } => {
                vec![("point", count(*point)), ("found", count(*found))]
            }
            Detail::PointRagged {
                point,
                found,
                expected,
            } => vec![
                ("point", count(*point)),
                ("found", count(*found)),
                ("expected", count(*expected)),
            ],
            Detail::PointsDoNotSuit {
                model,
                needs,
                found,
            } => vec![
                ("model", text(model)),
                ("needs", count(*needs)),
                ("found", count(*found)),
            ],
            Detail::PointLabel { point, value } => {
                vec![("point", count(*point)), ("value", text(value))]
            }
            Detail::TooManyPoints { count: c, max } => {
                vec![("count", count(*c)), ("max", count(*max))]
            }
            Detail::FewPoints { count: c, min } => {
                vec![("count", count(*c)), ("min", count(*min))]
            }
            Detail::TooManyRows { rows, max } => {
                vec![("rows", count(*rows)), ("max", count(*max))]
            }
            Detail::FileTooLarge { bytes, max } => vec![
                ("bytes", Arg::Count(*bytes)),
                ("size", text(&size_text(*bytes))),
                ("max", text(&size_text(*max))),
            ],
            Detail::FileBinary { row } => vec![("row", count(*row))],
            Detail::FileRagged {
                row,
                found,
                expected,
            } => vec![
                ("row", count(*row)),
                ("found", count(*found)),
                ("expected", count(*expected)),
            ],
            Detail::FileValue {
                row,
                column,
                text: t,
                max,
                ..
            } => vec![
                ("row", count(*row)),
                ("column", text(column)),
                ("text", text(t)),
                ("max", text(&fmt_f64(*max))),
            ],
            Detail::FileDuplicateHeader {
                row,
                name,
                first,
                second,
            } => vec![
                ("row", count(*row)),
                ("name", text(name)),
                ("first", count(*first)),
                ("second", count(*second)),
            ],
            Detail::FileFewColumns { found, needs } => {
                vec![("found", count(*found)), ("needs", count(*needs))]
            }
            Detail::FileLabel {
                row,
                column,
                text: t,
            } => vec![
                ("row", count(*row)),
                ("column", text(column)),
                ("text", text(t)),
            ],
            Detail::SessionJson { line, column } => {
                vec![("line", count(*line)), ("column", count(*column))]
            }
            Detail::SessionField { field } => vec![("field", text(field))],
            Detail::SessionVersion { version, newest } => {
                vec![("version", text(version)), ("newest", Arg::Count(*newest))]
            }
        }
    }
}

/// A size in bytes as people read it: `2 GB`, `32 MB`, `900 kB`, `12 bytes` (powers of 1024).
pub fn size_text(bytes: u64) -> String {
    const K: u64 = 1024;
    let one = |unit: u64, name: &str| {
        let x = bytes as f64 / unit as f64;
        if x >= 10.0 || x.fract() == 0.0 {
            format!("{} {name}", x.round())
        } else {
            format!("{:.1} {name}", x)
        }
    };
    match bytes {
        b if b >= K * K * K => one(K * K * K, "GB"),
        b if b >= K * K => one(K * K, "MB"),
        b if b >= K => one(K, "kB"),
        b => format!("{b} bytes"),
    }
}

/// The keys a racer takes, as its messages list them: `lr, mom, batch, bs`.
/// `a, b or c`: a key's choices in an English sentence.
pub fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn takes_text(takes: &[&'static str]) -> String {
    takes.join(", ")
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::UnknownKey => f.write_str("unknown key, ignored"),
            Detail::RepeatedKey => f.write_str("given more than once; the last value is used"),
            Detail::BadEscape { at } => write!(f, "a malformed percent escape at character {at}"),
            Detail::BadUtf8 => f.write_str("percent escapes that are not valid UTF-8"),
            Detail::NotAChoice { choices, allowed } => {
                write!(f, "expected {allowed}: {}", or_list(choices))
            }
            Detail::OutOfRange { allowed, .. } | Detail::Invalid { allowed } => {
                write!(f, "expected {allowed}")
            }
            Detail::TooLong { len, allowed } => write!(f, "too long ({len} characters); {allowed}"),
            Detail::Formula(e) => write!(f, "{e}"),
            Detail::WrongDataset { model, needs } => write!(f, "{model} needs the {needs} dataset"),
            Detail::BatchOverN { n } => write!(f, "the batch size must be from 1 to n = {n}"),
            Detail::RacerBatchOverN { racer, n } => {
                write!(f, "{racer}: the batch size must be from 1 to n = {n}")
            }
            Detail::LrsDoNotFit { racers, room, runs } => write!(
                f,
                "with {racers} racers, at most {room} more learning rates fit in {runs} runs"
            ),
            Detail::Racer { index, detail } => write!(f, "racer {index}: {detail}"),
            Detail::Unclosed { entry } => {
                write!(f, "“{entry}” has a “(” without a closing “)” at its end")
            }
            Detail::NotAnOptimizer { name, names } => write!(
                f,
                "“{name}” is not an optimizer; use one of {}",
                names.join(", ")
            ),
            Detail::NotKeyValue { part, opt } => write!(f, "“{part}” in {opt}(…) is not key=value"),
            Detail::NotAHyperparameter { key, opt, takes } => write!(
                f,
                "“{key}” is not a hyperparameter; {opt} takes {}",
                takes_text(takes)
            ),
            Detail::NoSuchHyperparameter { key, opt, takes } => {
                write!(f, "{opt} has no {key}; it takes {}", takes_text(takes))
            }
            Detail::GivenTwice { key, opt } => write!(f, "{key} is given twice in {opt}(…)"),
            Detail::InEntry {
                key,
                value,
                opt,
                detail,
            } => write!(f, "{key}={value} in {opt}(…): {detail}"),
            Detail::TooManyRacers { count, max } => {
                write!(f, "{count} racers; at most {max} race beside the main run")
            }
            Detail::NotALearningRate { value } => {
                write!(f, "“{value}” is not a learning rate in (0, 1000]")
            }
            Detail::TooManyLrs { count, max } => {
                write!(
                    f,
                    "{count} learning rates; at most {max} beside the main run"
                )
            }
            Detail::SweepForm => f.write_str(
                "expected lo,hi,K: the smallest and largest learning rate and how many, e.g. \
                 1e-4,10,50",
            ),
            Detail::SweepOrder { lo, hi } => write!(
                f,
                "the smallest learning rate {} must be below the largest {}",
                fmt_f64(*lo),
                fmt_f64(*hi)
            ),
            Detail::SweepCount { value, max } => {
                write!(f, "“{value}” is not a count from 2 to {max}")
            }
            Detail::MapForm => f.write_str(
                "expected two axes key:from:to[:cells[:log|lin]] joined by a comma, e.g. \
                 lr:1e-4:2:64,mom:0:0.99:64",
            ),
            Detail::MapAxisKey { key, keys } => write!(
                f,
                "“{key}” cannot be a map axis; use one of {}",
                keys.join(", ")
            ),
            Detail::MapSameAxis { key } => write!(f, "both axes are {key}; map two different keys"),
            Detail::MapOrder { key, from, to } => write!(
                f,
                "the axis {key} must run from a smaller value to a larger one, not from {} to {}",
                fmt_f64(*from),
                fmt_f64(*to)
            ),
            Detail::MapLog { key } => {
                write!(
                    f,
                    "the log axis {key} needs both ends above 0; add :lin for a linear one"
                )
            }
            Detail::MapCells { value, max } => {
                write!(f, "“{value}” is not a cell count from 2 to {max}")
            }
            Detail::MapScale { value } => write!(f, "“{value}” is not a scale; use log or lin"),
            Detail::MapValue { key, value, detail } => {
                write!(f, "{key}={value} on the map's axis: {detail}")
            }
            Detail::MapNotRead { key } => write!(
                f,
                "these settings do not read {key} (the optimizer, schedule, landscape or batch \
                 mode does not use it), so every cell would be the same"
            ),
            Detail::MapTooBig { cells, steps, max } => write!(
                f,
                "{cells} cells × {steps} steps is {} steps; a map may take at most {max}",
                cells.saturating_mul(u64::from(*steps))
            ),
            Detail::MapNoMinima { f: name } => write!(
                f,
                "basins need a landscape whose minima are known; {name} has none listed"
            ),
            Detail::PointValue {
                point,
                coordinate,
                text,
                bad,
                max,
            } => {
                write!(f, "point {point}, number {coordinate}: ")?;
                match bad {
                    BadNumber::NotANumber => write!(f, "“{text}” is not a number"),
                    BadNumber::NotFinite => write!(f, "“{text}” is not a finite number"),
                    BadNumber::TooLarge => write!(
                        f,
                        "{text} is beyond ±{}, the largest allowed",
                        fmt_f64(*max)
                    ),
                }
            }
            Detail::PointNumbers { point, found } => write!(
                f,
                "point {point} has {found} numbers; write x,y (x1,x2,y for linreg2) and join points with ;"
            ),
            Detail::PointRagged {
                point,
                found,
                expected,
            } => write!(
                f,
                "point {point} has {found} numbers, the points before it {expected}"
            ),
            Detail::PointsDoNotSuit {
                model,
                needs,
                found,
            } => write!(
                f,
                "{model} takes points of {needs} numbers; these have {found}"
            ),
            Detail::PointLabel { point, value } => {
                write!(f, "point {point}: the label {value} is not 0 or 1")
            }
            Detail::TooManyPoints { count, max } => write!(
                f,
                "{count} points; a link holds at most {max}: save a session file instead \
                 (Save session on the page, or descent run --data FILE)"
            ),
            Detail::FewPoints { count, min } => {
                write!(f, "{count} points; a fit needs at least {min}")
            }
            Detail::TooManyRows { rows, max } => {
                write!(f, "{rows} rows of data; at most {max} are read")
            }
            Detail::FileTooLarge { bytes, max } => write!(
                f,
                "the file is {}; at most {} is read (up to 100000 rows)",
                size_text(*bytes),
                size_text(*max)
            ),
            Detail::FileEmpty => f.write_str("the file is empty: no rows of data"),
            Detail::FileBinary { row } => write!(
                f,
                "this is not a text file (binary data in row {row}); save the data as CSV or TSV \
                 (in a spreadsheet: Save as → CSV)"
            ),
            Detail::FileRagged {
                row,
                found,
                expected,
            } => write!(f, "row {row} has {found} cells, the first row {expected}"),
            Detail::FileValue {
                row,
                column,
                text,
                bad,
                max,
            } => {
                write!(f, "row {row}, column {column}: ")?;
                match bad {
                    BadNumber::NotANumber => write!(f, "“{text}” is not a number"),
                    BadNumber::NotFinite => write!(f, "“{text}” is not a finite number"),
                    BadNumber::TooLarge => write!(
                        f,
                        "{text} is beyond ±{}, the largest allowed",
                        fmt_f64(*max)
                    ),
                }
            }
            Detail::FileDuplicateHeader {
                row,
                name,
                first,
                second,
            } => write!(
                f,
                "row {row}: the header names “{name}” twice (columns {first} and {second})"
            ),
            Detail::FileFewColumns { found, needs } => write!(
                f,
                "{found} numeric columns; {needs} are needed (x,y, or x1,x2,y for linreg2)"
            ),
            Detail::FileLabel { row, column, text } => {
                write!(f, "row {row}, column {column}: the label {text} is not 0 or 1")
            }
            Detail::SessionJson { line, column } => write!(
                f,
                "not a valid session file: the JSON breaks at line {line}, column {column}"
            ),
            Detail::SessionField { field } => write!(
                f,
                "not a Descent session file: “{field}” is missing or of the wrong kind"
            ),
            Detail::SessionVersion { version, newest } => write!(
                f,
                "session file version {version}; this Descent reads versions up to {newest}"
            ),
        }
    }
}

/// A formula error's problem code.
fn formula_code(e: &FormulaError) -> &'static str {
    match e.kind.as_ref() {
        FormulaErrorKind::TooLong { .. } => "formula_too_long",
        FormulaErrorKind::Empty => "formula_empty",
        FormulaErrorKind::UnmatchedClose => "formula_unmatched_close",
        FormulaErrorKind::UnexpectedChar { .. } => "formula_unexpected_char",
        FormulaErrorKind::DigitAroundDot => "formula_digit_around_dot",
        FormulaErrorKind::ExponentDigits { .. } => "formula_exponent_digits",
        FormulaErrorKind::BadNumber { .. } => "formula_bad_number",
        FormulaErrorKind::TooDeep { .. } => "formula_too_deep",
        FormulaErrorKind::ExpectedOperator { .. } => "formula_expected_operator",
        FormulaErrorKind::ExpectedValue { .. } => "formula_expected_value",
        FormulaErrorKind::Unclosed { .. } => "formula_unclosed",
        FormulaErrorKind::CallNeedsParen { .. } => "formula_call_needs_paren",
        FormulaErrorKind::UnknownName { called: false, .. } => "formula_unknown_name",
        FormulaErrorKind::UnknownName { called: true, .. } => "formula_unknown_function",
    }
}

/// A formula error's arguments by name: always `column`; `found` is absent for the end of
/// the formula; `hint` is a hint code (with `lower` for a lowercase hint); an unknown name
/// comes with the list of names (or functions) it could have been.
fn formula_args(e: &FormulaError) -> Vec<(&'static str, Arg)> {
    let text = |s: &str| Arg::Text(s.to_string());
    let count = |n: usize| Arg::Count(n as u64);
    let mut args = vec![("column", count(e.column))];
    let found = |args: &mut Vec<(&'static str, Arg)>, f: &Option<String>| {
        if let Some(t) = f {
            args.push(("found", text(t)));
        }
    };
    let hint = |args: &mut Vec<(&'static str, Arg)>, h: &Option<Hint>| {
        if let Some(h) = h {
            args.push(("hint", text(h.code())));
            if let Hint::Lowercase(lower) = h {
                args.push(("lower", text(lower)));
            }
        }
    };
    match e.kind.as_ref() {
        FormulaErrorKind::TooLong { len, limit } => {
            args.push(("len", count(*len)));
            args.push(("limit", count(*limit)));
        }
        FormulaErrorKind::Empty
        | FormulaErrorKind::UnmatchedClose
        | FormulaErrorKind::DigitAroundDot => {}
        FormulaErrorKind::UnexpectedChar { c, hint: h } => {
            args.push(("char", Arg::Text(c.to_string())));
            hint(&mut args, h);
        }
        FormulaErrorKind::ExponentDigits { marker, so_far } => {
            args.push(("marker", Arg::Text(marker.to_string())));
            args.push(("so_far", text(so_far)));
        }
        FormulaErrorKind::BadNumber { text: t } => args.push(("text", text(t))),
        FormulaErrorKind::TooDeep { limit } => args.push(("limit", count(*limit))),
        FormulaErrorKind::ExpectedOperator {
            close,
            found: f,
            hint: h,
        } => {
            if let Some((opener, at)) = close {
                args.push(("opener", text(opener)));
                args.push(("at", count(*at)));
            }
            found(&mut args, f);
            hint(&mut args, h);
        }
        FormulaErrorKind::ExpectedValue {
            after,
            found: f,
            hint: h,
        } => {
            if let Some(a) = after {
                args.push(("after", text(a)));
            }
            found(&mut args, f);
            hint(&mut args, h);
        }
        FormulaErrorKind::Unclosed { opener, at } => {
            args.push(("opener", text(opener)));
            args.push(("at", count(*at)));
        }
        FormulaErrorKind::CallNeedsParen { name, found: f } => {
            args.push(("name", text(name)));
            found(&mut args, f);
        }
        FormulaErrorKind::UnknownName {
            name,
            called,
            hint: h,
        } => {
            args.push(("name", text(name)));
            hint(&mut args, h);
            let known: &[&str] = if *called {
                &formula::KNOWN_FUNCTIONS
            } else {
                &formula::KNOWN_NAMES
            };
            args.push((
                "known",
                Arg::List(known.iter().map(|s| s.to_string()).collect()),
            ));
        }
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode, set_value};
    use crate::settings::Settings;

    /// One detail of every code, found as users meet them.
    fn samples() -> Vec<Detail> {
        let links = [
            "bogus=1",
            "lr=0.1&lr=0.2",
            "expr=%zz",
            "expr=%FF",
            "lr=0",
            "scale=huge",
            "logy=maybe",
            "f=linreg&data=blobs",
            "f=linreg&n=5&bs=9",
            "f=linreg&n=5&race=gd(bs=9)",
            "race=gd~gd~gd&lrs=0.1,0.2,0.3",
            "race=gd(lr=0.1",
            "race=adamm",
            "race=gd(lr)",
            "race=gd(zz=1)",
            "race=gd(mom=0.9)",
            "race=gd(lr=0.1,lr=0.2)",
            "race=gd(lr=-1)",
            "race=gd~gd~gd~gd~gd~gd",
            "lrs=0",
            "lrs=1,2,3,4,5,6",
            "sweep=1",
            "sweep=1,0.1,5",
            "sweep=0.1,1,500",
            "map=lr:1:2",
            "map=lr:1:2,steps:1:2",
            "map=lr:1:2,lr:1:3",
            "map=lr:2:1,x0:0:1",
            "map=lr:0:1,x0:0:1",
            "map=lr:0.1:1:1,x0:0:1",
            "map=lr:0.1:1:8:cubic,x0:0:1",
            "map=lr:0.1:2000,x0:0:1",
            "opt=adam&map=lr:0.1:1,mom:0:1",
            "steps=1000000&map=lr:0.1:1,x0:0:1",
            "f=custom&mapy=basin",
            "pts=1,2;3,x",
            "pts=1,nan",
            "pts=1,1e400",
            "pts=1,2,3,4",
            "pts=1,2;3,4,5",
            "f=linreg2&data=custom&pts=1,2;3,4",
            "f=logreg&data=custom&pts=1,0;2,0.5",
            "f=linreg&data=custom&pts=1,2",
        ];
        let mut out: Vec<Detail> = links
            .iter()
            .flat_map(|l| decode(l).1)
            .map(|p| p.detail)
            .collect();
        out.extend(
            set_value(&mut Settings::default(), "pts", &"1,2;".repeat(501))
                .into_iter()
                .map(|p| p.detail),
        );
        out.push(Detail::TooManyRows {
            rows: 100_001,
            max: 100_000,
        });
        use crate::model::ModelKind::{Linreg, Linreg2, Logreg};
        for (file, model) in [
            (&b"x,y\n\x00"[..], Linreg),
            (b"", Linreg),
            (b"1,2\n3,4,5", Linreg),
            (b"1,2\n3,a", Linreg),
            (b"1,2\n3,nan", Linreg),
            (b"1,2\n3,1e400", Linreg),
            (b"x,x\n1,2\n3,4", Linreg),
            (b"1,2\n3,4", Linreg2),
            (b"1,2\n3,4", Logreg),
        ] {
            out.push(crate::datafile::read_table(file, model).expect_err("bad file"));
        }
        out.push(crate::datafile::check_size(1 << 31).expect_err("2 GB"));
        for session in [
            &b"{"[..],
            b"{}",
            b"{\"descent\": \"session\", \"version\": 9}",
        ] {
            out.push(crate::session::read(session).expect_err("bad session"));
        }
        out.extend(
            set_value(&mut Settings::default(), "lr", &"1".repeat(3000))
                .into_iter()
                .map(|p| p.detail),
        );
        let long = "x+".repeat(600);
        let deep = format!("{}x", "(".repeat(101));
        let formulas = [
            long.as_str(),
            " ",
            "x)",
            "x,y",
            ".",
            "1e",
            deep.as_str(),
            "2x",
            "x+",
            "(x",
            "sin x",
            "foo",
            "foo(x)",
        ];
        for f in formulas {
            out.push(Detail::Formula(
                crate::formula::Formula::parse(f).expect_err(f),
            ));
        }
        out.push(Detail::Formula(FormulaError {
            column: 1,
            kind: Box::new(FormulaErrorKind::BadNumber { text: "1.".into() }),
        }));
        out
    }

    #[test]
    fn every_code_is_listed_and_every_listed_code_occurs() {
        // A racer's detail holds another: count the nested ones too.
        fn with_nested(d: Detail, out: &mut Vec<Detail>) {
            for (_, arg) in d.args() {
                if let Arg::Detail(inner) = arg {
                    with_nested(*inner, out);
                }
            }
            out.push(d);
        }
        let mut all = Vec::new();
        for d in samples() {
            with_nested(d, &mut all);
        }
        let found: Vec<&str> = all.iter().map(Detail::code).collect();
        for code in &found {
            assert!(
                Detail::CODES.contains(code),
                "{code} is not in Detail::CODES"
            );
        }
        for code in Detail::CODES {
            assert!(found.contains(code), "no sample of {code}");
        }
    }

    #[test]
    fn the_english_is_the_codecs_old_wording() {
        let (_, p) = decode("lr=0&f=linreg&data=blobs&race=gd(mom=0.9)&sweep=1,0.1,5");
        let text: Vec<String> = p.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            text,
            [
                "lr=0: expected a number in (0, 1000]; the default was used",
                "race=gd(mom=0.9): racer 1: gd has no mom; it takes lr, batch, bs; the default was used",
                "sweep=1,0.1,5: the smallest learning rate 1 must be below the largest 0.1; the default was used",
                "data=blobs: linreg needs the seed dataset; the default was used",
            ]
        );
    }

    #[test]
    fn arguments_carry_what_the_sentence_needs() {
        let (_, p) = decode("lr=0");
        let args = p[0].detail.args();
        assert!(args.contains(&("min", Arg::Number(0.0))));
        assert!(args.contains(&("max", Arg::Number(1000.0))));
        assert!(args.contains(&("min_open", Arg::Flag(true))));
        let (_, p) = decode("expr=Sin(x)");
        assert_eq!(p[0].detail.code(), "formula_unknown_function");
        let args = p[0].detail.args();
        assert!(args.contains(&("column", Arg::Count(1))));
        assert!(args.contains(&("hint", Arg::Text("lowercase".into()))));
        assert!(args.contains(&("lower", Arg::Text("sin".into()))));
    }
}
