//! The settings codec: [`Settings`] to and from the compact `key=value&…` string of share links.
//!
//! One table of fields ([`FIELDS`]) drives both directions. Encoding walks it in order and omits
//! defaults, so the string is canonical. Decoding never fails as a whole: every bad value is
//! reported as a [`Problem`] naming the key, the value and what is allowed, and falls back to
//! its key's default; unknown keys are warnings.

use crate::comparison::{
    lrs_text, parse_lrs, race_text, RaceEntry, Sweep, SweepMetric, MAX_RUNS, RACE_KEYS,
    RACE_SAMPLING_KEYS,
};
use crate::dataset::DatasetKind;
use crate::formula::Formula;
use crate::map::{Map, MapMetric, MAX_MAP_STEPS};
use crate::numfmt::fmt_f64;
use crate::optim::{Optimizer, OptimizerKind};
use crate::points::{Points, MAX_LINK_POINTS, MIN_POINTS};
pub use crate::problem::{Detail, Problem, Severity};
pub use crate::range::Range;
use crate::sampling::BatchMode;
use crate::schedule::ScheduleKind;
use crate::settings::{
    ColorScale, LandscapeKind, Lang, Scaling, Settings, SurfaceView, MAX_N, MAX_STEPS,
};
// The table's columns read as words: `run(Optimizer, Number, IfOptimizerReads)`.
use Applies::*;
use Control::*;
use Group::*;

/// The intervals the table names, and reading a value against an interval.
impl Range {
    /// Any finite number.
    const FINITE: Range = Range::between(None, false, None, false);
    /// A finite number ≥ 0.
    const NON_NEGATIVE: Range = Range::between(Some(0.0), false, None, false);

    /// Parses a finite number in the range.
    fn number(&self, v: &str) -> Result<f64, Option<Detail>> {
        let x = finite(v)?;
        if self.contains(x) {
            Ok(x)
        } else {
            Err(None)
        }
    }

    /// Parses a whole number in the range.
    fn count(&self, v: &str) -> Result<u64, Option<Detail>> {
        let hi = self.max.map_or(u64::MAX, |m| m as u64);
        whole(v, self.min.map_or(0, |m| m as u64), hi)
    }
}

/// What a key is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// The run itself: changing it changes the trajectory.
    Run,
    /// Only how the run is shown (colours, camera, the step on screen, the language).
    View,
    /// The runs compared with the main one (race, other learning rates, the sweep).
    Comparison,
}

/// The section of the page a key belongs to; the settings panel shows the run keys' groups
/// in the order they first appear in [`FIELDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The loss surface.
    Landscape,
    /// The data of a model, its sampling, and the noise and seed of every random draw.
    Data,
    /// The update rule and its hyperparameters.
    Optimizer,
    /// The learning-rate schedule.
    Schedule,
    /// The start point.
    Start,
    /// When a run stops.
    Stopping,
    /// The figures' display.
    View,
    /// The comparisons.
    Compare,
}

/// The widget the page offers for a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Control {
    /// A menu of the key's choices.
    Menu,
    /// A menu of the key's choices in labelled groups (the landscapes: 2-D, 1-D, data, custom).
    GroupedMenu,
    /// A typed number, checked against the key's range.
    Number,
    /// A typed number with a logarithmic slider spanning `from` to `to`.
    LogSlider {
        /// The slider's lowest value.
        from: f64,
        /// The slider's highest value.
        to: f64,
    },
    /// A slider over the key's whole numbers.
    Slider,
    /// A formula typed in a monospaced field, its errors shown as it is typed.
    Formula,
    /// On or off.
    Toggle,
    /// Typed text with a syntax of its own (race entries, lists of rates).
    Text,
    /// The custom data's points: pasted, opened from a file or drawn in the data view.
    Points,
    /// Set by dragging a figure (the 3-D camera).
    Drag,
    /// The playback bar's timeline.
    Timeline,
}

/// When a key's control applies to the settings in force (hidden otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    /// Always.
    Always,
    /// For a model fitted to data.
    IfModel,
    /// For a landscape without data.
    IfNotModel,
    /// For the custom formula.
    IfCustom,
    /// For a landscape of two parameters.
    If2d,
    /// When the chosen optimizer reads the key.
    IfOptimizerReads,
    /// When the chosen schedule reads the key.
    IfScheduleReads,
    /// When the chosen dataset's generator reads the key (`pts` for custom data).
    IfDataReads,
    /// For a model trained in mini-batches.
    IfMiniBatch,
    /// When each step's gradient is noisy (SGD, mini-batches or gradient noise).
    IfNoisyGradient,
}

/// Where a key lives on the page: what it is about, its section, its widget and when it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// Run, view or comparison.
    pub kind: FieldKind,
    /// Its section of the page.
    pub group: Group,
    /// Its widget.
    pub control: Control,
    /// When it applies.
    pub applies: Applies,
}

/// A run key's place.
const fn run(group: Group, control: Control, applies: Applies) -> Place {
    Place {
        kind: FieldKind::Run,
        group,
        control,
        applies,
    }
}

/// A view key's place.
const fn view(control: Control) -> Place {
    Place {
        kind: FieldKind::View,
        group: Group::View,
        control,
        applies: Applies::Always,
    }
}

/// A comparison key's place.
const fn comparison(control: Control) -> Place {
    Place {
        kind: FieldKind::Comparison,
        group: Group::Compare,
        control,
        applies: Applies::Always,
    }
}

impl FieldKind {
    /// Its name in the catalog.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Run => "run",
            FieldKind::View => "view",
            FieldKind::Comparison => "comparison",
        }
    }
}

impl Group {
    /// Its name in the catalog (and the page's string keys `group.<name>`).
    pub fn name(self) -> &'static str {
        match self {
            Group::Landscape => "landscape",
            Group::Data => "data",
            Group::Optimizer => "optimizer",
            Group::Schedule => "schedule",
            Group::Start => "start",
            Group::Stopping => "stopping",
            Group::View => "view",
            Group::Compare => "compare",
        }
    }
}

impl Control {
    /// Its name in the catalog.
    pub fn name(self) -> &'static str {
        match self {
            Control::Menu => "menu",
            Control::GroupedMenu => "grouped_menu",
            Control::Number => "number",
            Control::LogSlider { .. } => "log_slider",
            Control::Slider => "slider",
            Control::Formula => "formula",
            Control::Toggle => "toggle",
            Control::Text => "text",
            Control::Points => "points",
            Control::Drag => "drag",
            Control::Timeline => "timeline",
        }
    }
}

impl Applies {
    /// Its name in the catalog.
    pub fn name(self) -> &'static str {
        match self {
            Applies::Always => "always",
            Applies::IfModel => "model",
            Applies::IfNotModel => "not_model",
            Applies::IfCustom => "custom",
            Applies::If2d => "2d",
            Applies::IfOptimizerReads => "optimizer",
            Applies::IfScheduleReads => "schedule",
            Applies::IfDataReads => "data",
            Applies::IfMiniBatch => "mini_batch",
            Applies::IfNoisyGradient => "noisy",
        }
    }
}

/// One settings key: how to read it, write it and reset it.
pub struct Field {
    /// The key in the string.
    pub key: &'static str,
    /// What is allowed, in words, for messages and `descent list`; for a key with choices,
    /// what they are (`an optimizer`), the choices themselves being listed after it
    /// ([`Field::allowed_text`]).
    pub allowed: &'static str,
    /// A numeric key's interval (`None` for choices and text).
    pub range: Option<Range>,
    /// A choice key's values, where one list names them (empty otherwise).
    pub choices: &'static [&'static str],
    /// Where the page shows it.
    pub place: Place,
    /// The value as text, default or not.
    show: fn(&Settings) -> String,
    /// Whether the value is the default (and so omitted from links).
    is_default: fn(&Settings) -> bool,
    /// Parses and stores the value; the error says what is wrong when the field's own
    /// [`Field::refusal`] is not enough.
    set: fn(&mut Settings, &str) -> Result<(), Option<Detail>>,
    /// Puts back the default.
    reset: fn(&mut Settings),
    /// The longest value read, in characters; longer ones are refused before parsing
    /// ([`MAX_VALUE_LEN`], except `pts`, whose parser counts its points first).
    max_len: usize,
}

fn finite(v: &str) -> Result<f64, Option<Detail>> {
    match v.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(None),
    }
}

fn whole(v: &str, lo: u64, hi: u64) -> Result<u64, Option<Detail>> {
    let t = v.trim();
    let x: u64 = if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() {
        t.parse().map_err(|_| None)?
    } else {
        // Accept "1e3" and "200.0", which are whole numbers written as floats.
        let f = finite(t)?;
        if f.fract() != 0.0 || f < 0.0 || f > u64::MAX as f64 {
            return Err(None);
        }
        f as u64
    };
    if x >= lo && x <= hi {
        Ok(x)
    } else {
        Err(None)
    }
}

/// The row of a hyperparameter key that the optimizer table lists (a compile-time constant).
const fn hyper(key: &str) -> &'static crate::optim::Hyperparameter {
    let mut i = 0;
    while i < crate::optim::HYPERPARAMETERS.len() {
        let h = &crate::optim::HYPERPARAMETERS[i];
        if h.key.len() == key.len() && const_eq(h.key.as_bytes(), key.as_bytes()) {
            return h;
        }
        i += 1;
    }
    panic!("a key of the hyperparameter table")
}

const fn const_eq(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The interval of an optimizer hyperparameter, from the one table in `optim`.
const fn hyper_range(key: &str) -> Range {
    hyper(key).range
}

fn choice<T>(v: &str, from: impl Fn(&str) -> Option<T>) -> Result<T, Option<Detail>> {
    from(v.trim()).ok_or(None)
}

/// Builds a [`Field`] for a member whose omission is decided by comparing with the default:
/// its [`Place`] on the page first, then the key; `range:` gives a numeric key's interval,
/// `choices:` a choice key's values.
macro_rules! field {
    ($place:expr; $key:literal, $member:ident, $allowed:expr, range: $range:expr, |$v:ident| $parse:expr, |$x:ident| $show:expr) => {
        Field {
            range: Some($range),
            ..field!($place; $key, $member, $allowed, |$v| $parse, |$x| $show)
        }
    };
    ($place:expr; $key:literal, $member:ident, $allowed:expr, choices: $choices:expr, |$v:ident| $parse:expr, |$x:ident| $show:expr) => {
        Field {
            choices: $choices,
            ..field!($place; $key, $member, $allowed, |$v| $parse, |$x| $show)
        }
    };
    ($place:expr; $key:literal, $member:ident, $allowed:expr, |$v:ident| $parse:expr, |$x:ident| $show:expr) => {
        Field {
            key: $key,
            allowed: $allowed,
            range: None,
            choices: &[],
            place: $place,
            show: |s| {
                let $x = &s.$member;
                $show
            },
            is_default: |s| s.$member == Settings::default().$member,
            set: |s, $v| {
                s.$member = $parse;
                Ok(())
            },
            reset: |s| s.$member = Settings::default().$member,
            max_len: MAX_VALUE_LEN,
        }
    };
}

fn show_opt(x: &Option<f64>) -> String {
    x.map(fmt_f64).unwrap_or_default()
}

/// The intervals the table's numeric keys share or name.
const N_RANGE: Range = Range::whole(1, Some(MAX_N as u64));
const SEED_RANGE: Range = Range::whole(0, Some(u64::MAX));
const STEPS_RANGE: Range = Range::whole(1, Some(MAX_STEPS as u64));
const POSITIVE_COUNT: Range = Range::whole(1, None);
const LR_RANGE: Range = Range::between(Some(0.0), true, Some(1000.0), false);
const GAMMA_RANGE: Range = Range::between(Some(0.0), true, Some(1.0), false);
const YAW_RANGE: Range = Range::between(Some(-180.0), false, Some(180.0), false);
const PITCH_RANGE: Range = Range::between(Some(5.0), false, Some(90.0), false);
const ZOOM_RANGE: Range = Range::between(Some(0.25), false, Some(4.0), false);

/// The learning rate's slider: 10⁻⁵ to 10, the rates worth seeing on the playground.
const LR_SLIDER: Control = Control::LogSlider {
    from: 1e-5,
    to: 10.0,
};

/// The table of every key, in canonical order. Encoding and decoding both walk it, and the
/// page builds its controls from it (through `catalog()`).
pub static FIELDS: &[Field] = &[
    field!(run(Landscape, GroupedMenu, Always); "f", f, "a landscape: quadratic, ellipse, rosenbrock, himmelblau, beale, booth, rastrigin, saddle, six_hump_camel, parabola1d, double_well1d, wavy1d, linreg, logreg, linreg2 or custom",
        |v| choice(v, LandscapeKind::from_name)?, |x| x.name().to_string()),
    field!(run(Landscape, Formula, IfCustom); "expr", expr, "a formula in x and y of at most 1000 characters",
        |v| { Formula::parse(v).map_err(|e| Some(Detail::Formula(e)))?; v.to_string() }, |x| x.clone()),
    field!(run(Data, Menu, IfModel); "data", data, "a dataset", choices: &DatasetKind::NAMES,
        |v| Some(choice(v, DatasetKind::from_name)?), |x| x.map(|d| d.name()).unwrap_or_default().to_string()),
    field!(run(Data, Number, IfDataReads); "n", n, "a whole number from 1 to 100000", range: N_RANGE,
        |v| N_RANGE.count(v)? as u32, |x| x.to_string()),
    field!(run(Data, Number, IfDataReads); "noise", noise, "a finite number ≥ 0", range: Range::NON_NEGATIVE,
        |v| Range::NON_NEGATIVE.number(v)?, |x| fmt_f64(*x)),
    Field {
        max_len: usize::MAX,
        ..field!(run(Data, Points, IfDataReads); "pts", pts, "up to 500 points x,y;x,y;… (x1,x2,y;… for linreg2; logreg labels 0 or 1), each number within ±1e15",
            |v| parse_pts(v)?, |x| x.text())
    },
    field!(run(Data, Menu, IfModel); "scale", scale, "a scaling", choices: &Scaling::NAMES,
        |v| choice(v, |t| match t { "none" => Some(Scaling::None), "standard" => Some(Scaling::Standard), _ => None })?,
        |x| x.name().to_string()),
    field!(run(Data, Number, Always); "seed", seed, "a whole number from 0 to 18446744073709551615", range: SEED_RANGE,
        |v| SEED_RANGE.count(v)?, |x| x.to_string()),
    field!(run(Optimizer, Menu, Always); "opt", opt, "an optimizer", choices: &crate::optim::Optimizer::NAMES,
        |v| choice(v, OptimizerKind::from_name)?, |x| x.name().to_string()),
    field!(run(Optimizer, LR_SLIDER, Always); "lr", lr, "a number in (0, 1000]", range: LR_RANGE,
        |v| Some(LR_RANGE.number(v)?), |x| show_opt(x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "mom", mom, hyper("mom").allowed, range: hyper_range("mom"),
        |v| hyper_range("mom").number(v)?, |x| fmt_f64(*x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "rho", rho, hyper("rho").allowed, range: hyper_range("rho"),
        |v| Some(hyper_range("rho").number(v)?), |x| show_opt(x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "b1", b1, hyper("b1").allowed, range: hyper_range("b1"),
        |v| hyper_range("b1").number(v)?, |x| fmt_f64(*x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "b2", b2, hyper("b2").allowed, range: hyper_range("b2"),
        |v| hyper_range("b2").number(v)?, |x| fmt_f64(*x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "eps", eps, hyper("eps").allowed, range: hyper_range("eps"),
        |v| Some(hyper_range("eps").number(v)?), |x| show_opt(x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "wd", wd, hyper("wd").allowed, range: hyper_range("wd"),
        |v| hyper_range("wd").number(v)?, |x| fmt_f64(*x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "etaminus", etaminus, hyper("etaminus").allowed, range: hyper_range("etaminus"),
        |v| hyper_range("etaminus").number(v)?, |x| fmt_f64(*x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "etaplus", etaplus, hyper("etaplus").allowed, range: hyper_range("etaplus"),
        |v| hyper_range("etaplus").number(v)?, |x| fmt_f64(*x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "stepmin", stepmin, hyper("stepmin").allowed, range: hyper_range("stepmin"),
        |v| hyper_range("stepmin").number(v)?, |x| fmt_f64(*x)),
    field!(run(Optimizer, Number, IfOptimizerReads); "stepmax", stepmax, hyper("stepmax").allowed, range: hyper_range("stepmax"),
        |v| hyper_range("stepmax").number(v)?, |x| fmt_f64(*x)),
    field!(run(Schedule, Menu, Always); "sched", sched, "a schedule", choices: &crate::schedule::NAMES,
        |v| choice(v, ScheduleKind::from_name)?, |x| x.name().to_string()),
    field!(run(Schedule, Number, IfScheduleReads); "gamma", gamma, "a number in (0, 1]", range: GAMMA_RANGE,
        |v| GAMMA_RANGE.number(v)?, |x| fmt_f64(*x)),
    field!(run(Schedule, Number, IfScheduleReads); "every", every, "a whole number ≥ 1", range: POSITIVE_COUNT,
        |v| POSITIVE_COUNT.count(v)?, |x| x.to_string()),
    field!(run(Schedule, Number, IfScheduleReads); "tmax", tmax, "a whole number ≥ 1", range: POSITIVE_COUNT,
        |v| POSITIVE_COUNT.count(v)?, |x| x.to_string()),
    field!(run(Schedule, Number, IfScheduleReads); "lrmin", lrmin, "a finite number ≥ 0", range: Range::NON_NEGATIVE,
        |v| Range::NON_NEGATIVE.number(v)?, |x| fmt_f64(*x)),
    field!(run(Data, Menu, IfModel); "batch", batch, "a batch mode", choices: &BatchMode::NAMES,
        |v| choice(v, BatchMode::from_name)?, |x| x.name().to_string()),
    field!(run(Data, Slider, IfMiniBatch); "bs", bs, "a whole number from 1 to n", range: N_RANGE,
        |v| Some(N_RANGE.count(v)? as u32), |x| x.map(|b| b.to_string()).unwrap_or_default()),
    field!(run(Data, Number, IfNotModel); "gnoise", gnoise, "a finite number ≥ 0", range: Range::NON_NEGATIVE,
        |v| Range::NON_NEGATIVE.number(v)?, |x| fmt_f64(*x)),
    field!(run(Start, Number, Always); "x0", x0, "a finite number", range: Range::FINITE,
        |v| Some(Range::FINITE.number(v)?), |x| show_opt(x)),
    field!(run(Start, Number, If2d); "y0", y0, "a finite number", range: Range::FINITE,
        |v| Some(Range::FINITE.number(v)?), |x| show_opt(x)),
    field!(run(Stopping, Number, Always); "steps", steps, "a whole number from 1 to 1000000", range: STEPS_RANGE,
        |v| STEPS_RANGE.count(v)? as u32, |x| x.to_string()),
    field!(run(Stopping, Number, Always); "tol", tol, "a finite number ≥ 0 (0 turns it off)", range: Range::NON_NEGATIVE,
        |v| Range::NON_NEGATIVE.number(v)?, |x| fmt_f64(*x)),
    field!(run(Stopping, Number, Always); "target", target, "a finite number", range: Range::FINITE,
        |v| Some(Range::FINITE.number(v)?), |x| show_opt(x)),
    field!(view(Menu); "color", color, "a colour scale: auto, linear or log",
        |v| choice(v, ColorScale::from_name)?, |x| x.name().to_string()),
    field!(view(Toggle); "logy", logy, "on or off",
        |v| choice(v, parse_on_off)?,
        |x| on_off(*x)),
    field!(view(Toggle); "view", view, "a surface view: 2d or 3d",
        |v| choice(v, SurfaceView::from_name)?, |x| x.name().to_string()),
    field!(view(Drag); "yaw", yaw, "an angle in degrees from -180 to 180", range: YAW_RANGE,
        |v| YAW_RANGE.number(v)?, |x| fmt_f64(*x)),
    field!(view(Drag); "pitch", pitch, "an angle in degrees from 5 to 90", range: PITCH_RANGE,
        |v| PITCH_RANGE.number(v)?, |x| fmt_f64(*x)),
    field!(view(Drag); "zoom", zoom, "a magnification from 0.25 to 4", range: ZOOM_RANGE,
        |v| ZOOM_RANGE.number(v)?, |x| fmt_f64(*x)),
    field!(view(Toggle); "resid", resid, "on or off",
        |v| choice(v, parse_on_off)?, |x| on_off(*x)),
    field!(view(Toggle); "maths", maths, "on or off",
        |v| choice(v, parse_on_off)?, |x| on_off(*x)),
    field!(view(Toggle); "quad", quad, "on or off",
        |v| choice(v, parse_on_off)?, |x| on_off(*x)),
    field!(Place { applies: IfNoisyGradient, ..view(Toggle) }; "cloud", cloud, "on or off",
        |v| choice(v, parse_on_off)?, |x| on_off(*x)),
    field!(view(Timeline); "at", at, "the step shown: a whole number from 0 to 1000000 (omitted: the end)",
        |v| Some(whole(v, 0, MAX_STEPS as u64)?), |x| x.map(|k| k.to_string()).unwrap_or_default()),
    field!(view(Menu); "lang", lang, "a language: en or zh",
        |v| Some(choice(v, Lang::from_name)?), |x| x.map(|l| l.name()).unwrap_or_default().to_string()),
    field!(comparison(Text); "race", race, "up to 5 optimizers joined by ~, each with optional hyperparameters, e.g. momentum(lr=0.01,mom=0.9)~adam",
        |v| parse_race(v).map_err(Some)?, |x| race_text(x)),
    field!(comparison(Text); "lrs", lrs, "up to 5 learning rates in (0, 1000] joined by commas, e.g. 0.001,0.5",
        |v| parse_lrs(v).map_err(Some)?, |x| lrs_text(x)),
    field!(comparison(Text); "sweep", sweep, "lo,hi,K: K learning rates (2 to 200) log-spaced from lo to hi, e.g. 1e-4,10,50",
        |v| Some(Sweep::parse(v).map_err(Some)?), |x| x.map(|s| s.text()).unwrap_or_default()),
    field!(comparison(Menu); "sweepy", sweepy, "what the sweep plots: loss or steps",
        |v| choice(v, SweepMetric::from_name)?, |x| x.name().to_string()),
    field!(comparison(Text); "map", map, "two axes key:from:to[:cells[:log|lin]] joined by a comma, e.g. lr:1e-4:2:64,mom:0:0.99:64",
        |v| Some(parse_map(v).map_err(Some)?), |x| x.map(|m| m.text()).unwrap_or_default()),
    field!(comparison(Menu); "mapy", mapy, "a map colouring", choices: &MapMetric::NAMES,
        |v| Some(choice(v, MapMetric::from_name)?), |x| x.map(|m| m.name()).unwrap_or_default().to_string()),
];

/// A racer's text is read here, by the codec, because each of its values is checked by its
/// key's field exactly as the key's own value would be.
impl RaceEntry {
    /// Parses one entry; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<RaceEntry, Detail> {
        let text = text.trim();
        let (name, inner) = match text.find('(') {
            Some(i) => {
                let Some(inner) = text[i + 1..].strip_suffix(')') else {
                    return Err(Detail::Unclosed {
                        entry: text.to_string(),
                    });
                };
                (text[..i].trim(), Some(inner))
            }
            None => (text, None),
        };
        let Some(opt) = OptimizerKind::from_name(name) else {
            return Err(Detail::NotAnOptimizer {
                name: name.to_string(),
                names: &Optimizer::NAMES,
            });
        };
        let keys = opt.entry().keys;
        let opt_name = opt.name();
        // What the messages list: lr, the optimizer's own keys, then the sampling keys.
        let takes = || {
            let mut t = vec!["lr"];
            t.extend(keys.iter().copied());
            t.extend(RACE_SAMPLING_KEYS);
            t
        };
        let mut params: Vec<(&'static str, f64)> = Vec::new();
        let (mut batch, mut bs) = (None, None);
        for part in inner.unwrap_or("").split(',') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((k, v)) = part.split_once('=') else {
                return Err(Detail::NotKeyValue {
                    part: part.to_string(),
                    opt: opt_name,
                });
            };
            let k = k.trim();
            if let Some(k) = RACE_SAMPLING_KEYS.iter().copied().find(|s| *s == k) {
                let given = if k == "batch" {
                    batch.is_some()
                } else {
                    bs.is_some()
                };
                if given {
                    return Err(Detail::GivenTwice {
                        key: k,
                        opt: opt_name,
                    });
                }
                let mut probe = Settings::default();
                if let Some(p) = set_value(&mut probe, k, v).into_iter().next() {
                    return Err(in_entry(k, v, opt_name, p.detail));
                }
                if k == "batch" {
                    batch = Some(probe.batch);
                } else {
                    bs = probe.bs;
                }
                continue;
            }
            let Some(key) = RACE_KEYS.iter().copied().find(|r| *r == k) else {
                return Err(Detail::NotAHyperparameter {
                    key: k.to_string(),
                    opt: opt_name,
                    takes: takes(),
                });
            };
            if key != "lr" && !keys.contains(&key) {
                return Err(Detail::NoSuchHyperparameter {
                    key,
                    opt: opt_name,
                    takes: takes(),
                });
            }
            if params.iter().any(|(p, _)| *p == key) {
                return Err(Detail::GivenTwice { key, opt: opt_name });
            }
            let mut probe = Settings::default();
            let problems = set_value(&mut probe, key, v);
            if let Some(p) = problems.into_iter().next() {
                return Err(in_entry(key, v, opt_name, p.detail));
            }
            // The codec accepted it, so it is a number.
            let value: f64 = v.trim().parse().unwrap_or(f64::NAN);
            params.push((key, value));
        }
        params.sort_by_key(|(k, _)| RACE_KEYS.iter().position(|r| r == k));
        Ok(RaceEntry {
            opt,
            params,
            batch,
            bs,
        })
    }
}

/// A bad `key=value` in a racer's parentheses.
fn in_entry(key: &'static str, value: &str, opt: &'static str, detail: Detail) -> Detail {
    Detail::InEntry {
        key,
        value: value.trim().to_string(),
        opt,
        detail: Box::new(detail),
    }
}

/// Parses a whole `race=` value: up to five entries joined by `~`.
pub fn parse_race(text: &str) -> Result<Vec<RaceEntry>, Detail> {
    let mut entries = Vec::new();
    for (i, part) in text.split('~').enumerate() {
        if part.trim().is_empty() {
            continue;
        }
        let entry = RaceEntry::parse(part).map_err(|e| Detail::Racer {
            index: i + 1,
            detail: Box::new(e),
        })?;
        entries.push(entry);
    }
    if entries.len() > MAX_RUNS - 1 {
        return Err(Detail::TooManyRacers {
            count: entries.len(),
            max: MAX_RUNS - 1,
        });
    }
    Ok(entries)
}

/// Parses a whole `map=` value, each axis's ends checked by its key's field exactly as the
/// key's own value would be.
pub fn parse_map(text: &str) -> Result<Map, Detail> {
    let map = Map::parse(text)?;
    for axis in [map.x, map.y] {
        for end in [axis.from, axis.to] {
            let value = fmt_f64(end);
            let mut probe = Settings::default();
            if let Some(p) = set_value(&mut probe, axis.key, &value).into_iter().next() {
                return Err(Detail::MapValue {
                    key: axis.key,
                    value,
                    detail: Box::new(p.detail),
                });
            }
        }
    }
    Ok(map)
}

/// The problems of a map with the other settings: an axis they do not read, a mini-batch
/// axis past n, too many steps, basins without minima.
fn map_problem(s: &Settings, map: &Map) -> Option<Detail> {
    for axis in [map.x, map.y] {
        let applies = field(axis.key).is_some_and(|f| f.applies(s));
        if !applies {
            return Some(Detail::MapNotRead { key: axis.key });
        }
        if axis.key == "bs" && axis.to > f64::from(s.sample_count()) {
            return Some(Detail::MapValue {
                key: "bs",
                value: fmt_f64(axis.to),
                detail: Box::new(Detail::BatchOverN {
                    n: s.sample_count(),
                }),
            });
        }
    }
    if map.step_budget(s.steps) > MAX_MAP_STEPS {
        return Some(Detail::MapTooBig {
            cells: map.cells(),
            steps: s.steps,
            max: MAX_MAP_STEPS,
        });
    }
    None
}

/// Whether the landscape lists minima a run can reach (a model's best fit is one, computed
/// when the run is made; a formula has none known).
fn has_known_minima(s: &Settings) -> bool {
    match s.f {
        LandscapeKind::Function(f) => !f.info().minima.is_empty(),
        LandscapeKind::Model(_) => true,
        LandscapeKind::Custom => false,
    }
}
/// Reads a link's points: at most [`MAX_LINK_POINTS`], counted before any is parsed, and
/// at most [`MAX_PTS_LEN`] characters.
fn parse_pts(text: &str) -> Result<Points, Detail> {
    let count = Points::count_in(text);
    if count > MAX_LINK_POINTS {
        return Err(Detail::TooManyPoints {
            count,
            max: MAX_LINK_POINTS,
        });
    }
    let len = text.chars().count();
    if len > MAX_PTS_LEN {
        return Err(Detail::TooLong {
            len,
            allowed: "up to 500 points x,y;x,y;…",
        });
    }
    Points::parse(text)
}

/// The longest `pts=` value: 500 points of three numbers, each at most 24 characters in
/// shortest form (`-2.2250738585072014e-308`), with separators and some room for spaces.
pub const MAX_PTS_LEN: usize = MAX_LINK_POINTS * 3 * 32;

fn on_off(x: bool) -> String {
    if x { "on" } else { "off" }.to_string()
}

fn parse_on_off(t: &str) -> Option<bool> {
    match t {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    }
}

/// The field for a key.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

impl Field {
    /// Whether the key's control applies to settings `s` (the page hides it otherwise).
    pub fn applies(&self, s: &Settings) -> bool {
        match self.place.applies {
            Always => true,
            IfModel => s.f.is_model(),
            IfNotModel => !s.f.is_model(),
            IfCustom => s.f == LandscapeKind::Custom,
            If2d => match s.f {
                LandscapeKind::Function(f) => f.info().dim == 2,
                // A formula in x alone is a 1-D landscape.
                LandscapeKind::Custom => Formula::parse(&s.expr).is_ok_and(|e| e.uses_y()),
                LandscapeKind::Model(_) => true,
            },
            IfOptimizerReads => s.opt.entry().keys.contains(&self.key),
            IfScheduleReads => s.schedule().parameters().contains(&self.key),
            IfDataReads => s
                .dataset()
                .is_some_and(|d| d.parameters().contains(&self.key)),
            IfMiniBatch => s.f.is_model() && s.batch == BatchMode::Mini,
            IfNoisyGradient => s.noisy_gradient(),
        }
    }

    /// What is allowed, in English: `allowed`, followed for a key with choices by the
    /// choices (`an optimizer: gd, momentum, … or newton`).
    pub fn allowed_text(&self) -> String {
        if self.choices.is_empty() {
            self.allowed.to_string()
        } else {
            format!(
                "{}: {}",
                self.allowed,
                crate::problem::or_list(self.choices)
            )
        }
    }

    /// What is wrong with a value this field refused without saying why: it is outside the
    /// key's interval, none of its choices, or else not what `allowed` describes.
    pub fn refusal(&self) -> Detail {
        let allowed = self.allowed;
        match (self.range, self.choices) {
            (Some(range), _) => Detail::OutOfRange { range, allowed },
            (None, []) => Detail::Invalid { allowed },
            (None, choices) => Detail::NotAChoice { choices, allowed },
        }
    }

    /// The value as text, or `None` when it is the default (and so omitted).
    fn get(&self, s: &Settings) -> Option<String> {
        (!(self.is_default)(s)).then(|| (self.show)(s))
    }
}

/// The longest value decoded; longer ones are refused before parsing.
const MAX_VALUE_LEN: usize = 2000;

/// Characters written as they are; everything else is percent-encoded. `=` is safe in a value
/// because a pair splits at its first `=`.
fn is_plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~()*^+/,!:@=;".contains(c)
}

/// Percent-encodes a value for the settings string.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_plain(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Decodes `%XX` escapes; a malformed escape or invalid UTF-8 is an error naming it.
pub fn percent_decode(s: &str) -> Result<String, Detail> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| core::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => out.push(b),
                None => return Err(Detail::BadEscape { at: i + 1 }),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Detail::BadUtf8)
}

/// The settings part of a link: after `#`, else after `?`, else the whole input.
pub fn settings_part(input: &str) -> &str {
    let s = input.trim();
    if let Some(i) = s.find('#') {
        &s[i + 1..]
    } else if let Some(i) = s.find('?') {
        &s[i + 1..]
    } else {
        s
    }
}

/// Parses one value into its field, refusing over-long values before parsing.
fn parse_into(field: &Field, s: &mut Settings, value: &str) -> Result<(), Detail> {
    let len = if field.max_len == usize::MAX {
        0
    } else {
        value.chars().count()
    };
    if len > field.max_len {
        return Err(Detail::TooLong {
            len,
            allowed: field.allowed,
        });
    }
    (field.set)(s, value).map_err(|why| why.unwrap_or_else(|| field.refusal()))
}

/// Encodes settings in canonical form: table order, defaults omitted.
pub fn encode(s: &Settings) -> String {
    let mut parts = Vec::new();
    for f in FIELDS {
        if let Some(v) = f.get(s) {
            parts.push(format!("{}={}", f.key, percent_encode(&v)));
        }
    }
    parts.join("&")
}

/// Decodes a settings string or a whole link. Never fails: bad values are listed and replaced
/// by their defaults.
pub fn decode(input: &str) -> (Settings, Vec<Problem>) {
    let (mut s, mut problems) = decode_values(input);
    without_refused_points(&mut s, &problems);
    problems.extend(fix_combinations(&mut s));
    (s, problems)
}

/// Custom data whose points were refused falls back to the model's own dataset, as a
/// dataset that does not suit the model does, rather than to no points: the link opens on a
/// landscape worth seeing, its banner naming the bad point.
fn without_refused_points(s: &mut Settings, problems: &[Problem]) {
    let refused = problems
        .iter()
        .any(|p| p.key == "pts" && p.severity == Severity::Error);
    if refused && s.pts.is_empty() && s.data == Some(DatasetKind::Custom) {
        s.data = None;
    }
}

/// Decodes a settings string whose custom points come apart (a session file's): `points`
/// replace any `pts` of the string unless they are empty, and the combination rules are
/// checked with them in place.
pub fn decode_with_points(input: &str, points: Points) -> (Settings, Vec<Problem>) {
    let (mut s, mut problems) = decode_values(input);
    if !points.is_empty() {
        s.pts = points;
    }
    without_refused_points(&mut s, &problems);
    problems.extend(fix_combinations(&mut s));
    (s, problems)
}

/// Decodes every key's value, without the rules that tie keys together.
fn decode_values(input: &str) -> (Settings, Vec<Problem>) {
    let mut s = Settings::default();
    let mut problems = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    for part in settings_part(input).split('&') {
        if part.is_empty() {
            continue;
        }
        let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(raw_key).unwrap_or_else(|_| raw_key.to_string());
        let value = match percent_decode(raw_value) {
            Ok(v) => v,
            Err(why) => {
                problems.push(Problem {
                    key,
                    value: raw_value.to_string(),
                    detail: why,
                    severity: Severity::Error,
                });
                continue;
            }
        };
        let Some(field) = field(&key) else {
            problems.push(Problem {
                key,
                value,
                detail: Detail::UnknownKey,
                severity: Severity::Warning,
            });
            continue;
        };
        if seen.contains(&field.key) {
            problems.push(Problem {
                key: key.clone(),
                value: value.clone(),
                detail: Detail::RepeatedKey,
                severity: Severity::Warning,
            });
        }
        seen.push(field.key);
        let result = parse_into(field, &mut s, &value);
        if let Err(why) = result {
            (field.reset)(&mut s);
            problems.push(Problem {
                key,
                value,
                detail: why,
                severity: Severity::Error,
            });
        }
    }
    (s, problems)
}

/// Checks the rules that tie keys together, resetting what breaks them.
fn fix_combinations(s: &mut Settings) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let (LandscapeKind::Model(m), Some(d)) = (s.f, s.data) {
        if !m.suits(d) {
            problems.push(Problem {
                key: "data".into(),
                value: d.name().into(),
                detail: Detail::WrongDataset {
                    model: m.name(),
                    needs: m.default_dataset().name(),
                },
                severity: Severity::Error,
            });
            s.data = None;
        }
    }
    if let (LandscapeKind::Model(m), Some(DatasetKind::Custom)) = (s.f, s.data) {
        match s.pts.suits(m) {
            Err(why) => {
                problems.push(Problem {
                    key: "pts".into(),
                    value: s.pts.text(),
                    detail: why,
                    severity: Severity::Error,
                });
                s.data = None;
            }
            Ok(()) if s.pts.len() < MIN_POINTS => problems.push(Problem {
                key: "pts".into(),
                value: s.pts.text(),
                detail: Detail::FewPoints {
                    count: s.pts.len(),
                    min: MIN_POINTS,
                },
                severity: Severity::Warning,
            }),
            Ok(()) => {}
        }
    }
    if 1 + s.race.len() + s.lrs.len() > MAX_RUNS {
        problems.push(Problem {
            key: "lrs".into(),
            value: lrs_text(&s.lrs),
            detail: Detail::LrsDoNotFit {
                racers: s.race.len(),
                room: MAX_RUNS - 1 - s.race.len(),
                runs: MAX_RUNS,
            },
            severity: Severity::Error,
        });
        s.lrs.clear();
    }
    let n = s.sample_count();
    let too_big = |bs: u32| s.f.is_model() && bs > n;
    if let Some(bad) = s.race.iter().find(|e| e.bs.is_some_and(too_big)) {
        problems.push(Problem {
            key: "race".into(),
            value: race_text(&s.race),
            detail: Detail::RacerBatchOverN {
                racer: bad.text(),
                n,
            },
            severity: Severity::Error,
        });
        s.race.clear();
    }
    if let Some(map) = s.map {
        if let Some(detail) = map_problem(s, &map) {
            problems.push(Problem {
                key: "map".into(),
                value: map.text(),
                detail,
                severity: Severity::Error,
            });
            s.map = None;
        }
    }
    if s.mapy == Some(MapMetric::Basin) && !has_known_minima(s) {
        problems.push(Problem {
            key: "mapy".into(),
            value: MapMetric::Basin.name().into(),
            detail: Detail::MapNoMinima { f: s.f.name() },
            severity: Severity::Error,
        });
        s.mapy = None;
    }
    if let Some(bs) = s.bs {
        let n = s.sample_count();
        if s.f.is_model() && bs > n {
            problems.push(Problem {
                key: "bs".into(),
                value: bs.to_string(),
                detail: Detail::BatchOverN { n },
                severity: Severity::Error,
            });
            s.bs = None;
        }
    }
    problems
}

/// Checks settings made in code, as [`decode`] would check a string: every value against its
/// field and the combinations. Returns the problems; an empty list means valid.
pub fn validate(s: &Settings) -> Vec<Problem> {
    let mut probe = Settings::default();
    let mut problems = Vec::new();
    for f in FIELDS {
        // The custom points were checked when they were set (a link's by this field, a
        // file's or a drawing's by `Points::new`), and the settings hold up to 100,000 of
        // them where a link holds 500: they are not read back through the link's field
        // (whether they suit the model is `fix_combinations`'s).
        if f.key == "pts" {
            continue;
        }
        if let Some(v) = f.get(s) {
            if let Err(why) = (f.set)(&mut probe, &v) {
                problems.push(Problem {
                    key: f.key.into(),
                    value: v,
                    detail: why.unwrap_or_else(|| f.refusal()),
                    severity: Severity::Error,
                });
            }
        }
    }
    let mut copy = s.clone();
    problems.extend(fix_combinations(&mut copy));
    problems
}

/// Whether any problem made a value fall back to its default.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

impl Settings {
    /// The canonical settings string.
    pub fn encode(&self) -> String {
        encode(self)
    }

    /// Settings from a string or link, with every problem found.
    pub fn decode(input: &str) -> (Settings, Vec<Problem>) {
        decode(input)
    }
}

/// Sets one key from its text, as a control on the page does. On a bad value nothing changes
/// and the problem is returned; combination rules (bs ≤ n, a dataset that suits its model)
/// are then re-checked and any value they reset is reported too.
pub fn set_value(s: &mut Settings, key: &str, value: &str) -> Vec<Problem> {
    let Some(field) = field(key) else {
        return vec![Problem {
            key: key.into(),
            value: value.into(),
            detail: Detail::UnknownKey,
            severity: Severity::Warning,
        }];
    };
    let mut next = s.clone();
    let result = parse_into(field, &mut next, value);
    if let Err(why) = result {
        return vec![Problem {
            key: key.into(),
            value: value.into(),
            detail: why,
            severity: Severity::Error,
        }];
    }
    let problems = fix_combinations(&mut next);
    // A value that fails only in combination with the others (a racer's bs over n) is refused
    // as one that fails to parse is: the settings keep their last valid value.
    if problems
        .iter()
        .any(|p| p.key == key && p.severity == Severity::Error)
    {
        return problems;
    }
    *s = next;
    problems
}

/// Sets the custom data to `points` (any number, up to [`crate::points::MAX_POINTS`], as a
/// file or the page's drawing gives them) and chooses `data=custom`, as the page and
/// `descent run --data` do. Combination rules are re-checked as [`set_value`] does: points
/// that do not suit the model are refused (nothing changes, the problem is returned);
/// fewer than two are a warning. A link holds at most [`MAX_LINK_POINTS`] of them
/// ([`link_problem`]).
pub fn set_points(s: &mut Settings, points: Points) -> Vec<Problem> {
    let mut next = s.clone();
    next.pts = points;
    if next.f.is_model() {
        next.data = Some(DatasetKind::Custom);
    }
    let problems = fix_combinations(&mut next);
    if problems
        .iter()
        .any(|p| p.key == "pts" && p.severity == Severity::Error)
    {
        return problems;
    }
    *s = next;
    problems
}

/// The problem with sharing these settings as a link, if any: more custom points than a
/// link holds ([`MAX_LINK_POINTS`]), which then belong in a session file.
pub fn link_problem(s: &Settings) -> Option<Problem> {
    let count = s.pts.len();
    (count > MAX_LINK_POINTS).then(|| Problem {
        key: "pts".into(),
        value: format!("({count} points)"),
        detail: Detail::TooManyPoints {
            count,
            max: MAX_LINK_POINTS,
        },
        severity: Severity::Error,
    })
}

/// Resets one key to its default (an empty control on the page).
pub fn reset_value(s: &mut Settings, key: &str) {
    if let Some(field) = field(key) {
        (field.reset)(s);
        fix_combinations(s);
    }
}

/// The value of one key as text, or `None` when it is the default and so omitted from links.
pub fn get_value(s: &Settings, key: &str) -> Option<String> {
    field(key).and_then(|f| f.get(s))
}

/// The value of one key as text, default or not (empty for an unset optional value such as
/// `target`, and for unknown keys).
pub fn value_text(s: &Settings, key: &str) -> String {
    field(key).map(|f| (f.show)(s)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranges the codec wrote for these keys before they came from the optimizer table.
    const UNIT: Range = Range::between(Some(0.0), false, Some(1.0), false);
    const UNIT_OPEN: Range = Range::between(Some(0.0), false, Some(1.0), true);

    /// Every hyperparameter key's range and words come from the optimizer table, and the
    /// table's rows give the ranges and words the codec had of its own.
    #[test]
    fn hyperparameter_rows_keep_the_codec_ranges() {
        for (key, range, allowed) in [
            ("mom", UNIT, "a number in [0, 1]"),
            ("rho", UNIT_OPEN, "a number in [0, 1)"),
            ("b1", UNIT_OPEN, "a number in [0, 1)"),
            ("b2", UNIT_OPEN, "a number in [0, 1)"),
            ("eps", Range::NON_NEGATIVE, "a finite number ≥ 0"),
            ("wd", Range::NON_NEGATIVE, "a finite number ≥ 0"),
        ] {
            assert_eq!(hyper_range(key), range, "{key}");
            assert_eq!(hyper(key).allowed, allowed, "{key}");
            let f = field(key).unwrap();
            assert_eq!((f.range, f.allowed), (Some(range), allowed), "{key}");
        }
        for h in crate::optim::HYPERPARAMETERS {
            let f = field(h.key).expect("every hyperparameter is a settings key");
            assert_eq!(f.range, Some(hyper_range(h.key)), "{}", h.key);
            assert_eq!(f.allowed, h.allowed, "{}", h.key);
        }
    }

    /// The place column says when a control applies, from the settings alone.
    #[test]
    fn controls_apply_to_the_settings_in_force() {
        let applies = |settings: &str, key: &str| field(key).unwrap().applies(&decode(settings).0);
        assert!(applies("opt=momentum", "mom") && !applies("opt=adam", "mom"));
        assert!(applies("opt=rprop", "etaplus") && !applies("", "etaplus"));
        assert!(applies("sched=step", "every") && !applies("sched=cosine", "every"));
        assert!(applies("f=linreg&data=line", "n") && !applies("f=linreg&data=seed", "n"));
        assert!(applies("f=linreg&batch=mini", "bs") && !applies("f=linreg", "bs"));
        assert!(!applies("f=parabola1d", "y0") && applies("f=custom", "y0"));
        assert!(!applies("f=custom&expr=x%5E2", "y0") && applies("f=linreg", "y0"));
        assert!(applies("f=custom", "expr") && !applies("", "expr"));
        assert!(applies("", "gnoise") && !applies("f=logreg", "gnoise"));
        assert!(applies("f=parabola1d", "seed"));
    }
}
