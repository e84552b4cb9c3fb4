//! Rust values to the small JS objects of the contract (through serde-wasm-bindgen, with
//! `None` as null and maps as plain objects); the builders are plain Rust and tested natively.

use descent::codec::{Control, FIELDS};
use descent::formula::Hint;
use descent::problem::{Arg, Detail, Problem, Severity};
use descent::status::Divergence;
use descent::{DatasetKind, LandscapeKind, Run, Settings, Status};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Serializes for JS: objects, null for `None`.
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not pass a value to JS: {e}")))
}

/// A problem as JS sees it: `{key, value, severity, detail, text}`.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsProblem {
    /// The key.
    pub key: String,
    /// The value as given.
    pub value: String,
    /// "error" or "warning".
    pub severity: &'static str,
    /// What went wrong: `{code, ...arguments}`, which the page words in its language.
    pub detail: JsDetail,
    /// The English sentence, as the CLI prints it (for logs; the page words its own).
    pub text: String,
}

/// A problem's detail as a plain object: `code` and its arguments by name (a nested detail
/// is an object of the same form; a list is an array of strings).
#[derive(Debug, PartialEq)]
pub struct JsDetail(pub Detail);

impl Serialize for JsDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let args = self.0.args();
        let mut map = serializer.serialize_map(Some(args.len() + 1))?;
        map.serialize_entry("code", self.0.code())?;
        for (name, arg) in args {
            match arg {
                Arg::Text(t) => map.serialize_entry(name, &t)?,
                Arg::Number(x) => map.serialize_entry(name, &x)?,
                Arg::Count(n) => map.serialize_entry(name, &(n as f64))?,
                Arg::Flag(b) => map.serialize_entry(name, &b)?,
                Arg::List(l) => map.serialize_entry(name, &l)?,
                Arg::Detail(d) => map.serialize_entry(name, &JsDetail(*d))?,
            }
        }
        map.end()
    }
}

/// The problems for JS.
pub fn problems(ps: &[Problem]) -> Vec<JsProblem> {
    ps.iter()
        .map(|p| JsProblem {
            key: p.key.clone(),
            value: p.value.clone(),
            severity: match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            detail: JsDetail(p.detail.clone()),
            text: p.to_string(),
        })
        .collect()
}

/// How a table's columns were read, for JS.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsColumns {
    /// tab, semicolon, comma or space.
    pub delimiter: &'static str,
    /// Whether the first row is a header.
    pub header: bool,
    /// Every column's header name (empty without a header).
    pub names: Vec<String>,
    /// The roles of a point: x, y or x1, x2, y.
    pub roles: &'static [&'static str],
    /// The column (from 0) read for each role.
    pub picked: Vec<usize>,
    /// Whether each role's column was found by its header name.
    pub by_name: Vec<bool>,
    /// The choice in English (`x = column 1 (x), y = column 2 (y); comma delimited, …`).
    pub summary: String,
}

fn columns(c: &descent::datafile::Columns) -> JsColumns {
    JsColumns {
        delimiter: c.delimiter.name(),
        header: c.header,
        names: c.names.clone(),
        roles: c.roles,
        picked: c.picked.clone(),
        by_name: c.by_name.clone(),
        summary: c.summary(),
    }
}

/// What opening a file did: `{ok, kind, columns, error, error_text, problems}`.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsLoaded {
    /// Whether the file was read (and applied).
    pub ok: bool,
    /// session or table; null when it could not be read.
    pub kind: Option<&'static str>,
    /// How a table's columns were read (null for a session or an error).
    pub columns: Option<JsColumns>,
    /// Why the file could not be read, naming row and column: `{code, ...arguments}`.
    pub error: Option<JsDetail>,
    /// The same in English.
    pub error_text: Option<String>,
    /// The settings' problems after loading.
    pub problems: Vec<JsProblem>,
}

/// The JS form of [`crate::Core::load_file`]'s result.
pub fn loaded(
    session: bool,
    result: Result<Option<descent::datafile::Columns>, Detail>,
    ps: &[Problem],
) -> JsLoaded {
    match result {
        Ok(c) => JsLoaded {
            ok: true,
            kind: Some(if session { "session" } else { "table" }),
            columns: c.as_ref().map(columns),
            error: None,
            error_text: None,
            problems: problems(ps),
        },
        Err(d) => JsLoaded {
            ok: false,
            kind: None,
            columns: None,
            error_text: Some(d.to_string()),
            error: Some(JsDetail(d)),
            problems: Vec::new(),
        },
    }
}

/// A table read for a preview: `{ok, points, arity, rows, columns, error, error_text}`.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsTable {
    /// Whether it was read.
    pub ok: bool,
    /// The points, flat.
    pub points: Vec<f64>,
    /// Numbers per point (2 or 3; 0 on error).
    pub arity: usize,
    /// The points read.
    pub rows: usize,
    /// How the columns were read.
    pub columns: Option<JsColumns>,
    /// Why it could not be read.
    pub error: Option<JsDetail>,
    /// The same in English.
    pub error_text: Option<String>,
}

/// The JS form of [`descent::datafile::read_table`]'s result.
pub fn table(result: Result<descent::datafile::Table, Detail>) -> JsTable {
    match result {
        Ok(t) => JsTable {
            ok: true,
            points: t.points.values().to_vec(),
            arity: t.points.arity(),
            rows: t.points.len(),
            columns: Some(columns(&t.columns)),
            error: None,
            error_text: None,
        },
        Err(d) => JsTable {
            ok: false,
            points: Vec::new(),
            arity: 0,
            rows: 0,
            columns: None,
            error_text: Some(d.to_string()),
            error: Some(JsDetail(d)),
        },
    }
}

/// A session file's parts read for `open_session`: `{ok, settings, points, arity, error,
/// error_text}`.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsSessionParts {
    /// Whether it was read.
    pub ok: bool,
    /// The settings string (without the points).
    pub settings: String,
    /// The points, flat.
    pub points: Vec<f64>,
    /// Numbers per point (2 or 3; 0 with none or on error).
    pub arity: usize,
    /// Why it could not be read.
    pub error: Option<JsDetail>,
    /// The same in English.
    pub error_text: Option<String>,
}

/// The JS form of [`descent::session::read_parts`]'s result.
pub fn session_parts(result: Result<(String, descent::Points), Detail>) -> JsSessionParts {
    match result {
        Ok((settings, points)) => JsSessionParts {
            ok: true,
            settings,
            arity: points.arity(),
            points: points.values().to_vec(),
            error: None,
            error_text: None,
        },
        Err(d) => JsSessionParts {
            ok: false,
            settings: String::new(),
            points: Vec::new(),
            arity: 0,
            error_text: Some(d.to_string()),
            error: Some(JsDetail(d)),
        },
    }
}

/// What stopped being finite: `{code, axis, value}` (axis "x"/"y" or null; value "NaN",
/// "inf", "-inf" or null).
#[derive(Serialize, Debug, PartialEq)]
pub struct JsDivergence {
    /// coordinate, loss, gradient or no_start.
    pub code: &'static str,
    /// The coordinate or gradient component.
    pub axis: Option<&'static str>,
    /// What it became.
    pub value: Option<&'static str>,
}

/// A divergence for JS.
pub fn divergence(d: &Divergence) -> JsDivergence {
    JsDivergence {
        code: d.code(),
        axis: d.axis().map(|a| a.name()),
        value: d.value().map(|v| v.text()),
    }
}

/// `{name, text, stop_step}`.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsStatus {
    /// running, converged, target_reached, max_steps or diverged.
    pub name: &'static str,
    /// One sentence.
    pub text: String,
    /// The step the run stopped at, or null.
    pub stop_step: Option<f64>,
    /// What stopped being finite, for a diverged run (`{code: "loss", value: "inf"}`), or
    /// null; the page words the sentence itself in its own language.
    pub what: Option<JsDivergence>,
}

/// The status for JS.
pub fn status(s: &Status) -> JsStatus {
    JsStatus {
        name: s.name(),
        text: s.text(),
        stop_step: s.stop_step().map(|k| k as f64),
        what: match s {
            Status::Diverged { what, .. } => Some(divergence(what)),
            _ => None,
        },
    }
}

/// `{step, x, y, loss, gx, gy, lr}` (non-finite numbers become null in JS).
#[derive(Serialize, Debug, PartialEq)]
pub struct JsPoint {
    /// The step index.
    pub step: f64,
    /// θ's x.
    pub x: f64,
    /// θ's y.
    pub y: f64,
    /// The loss.
    pub loss: f64,
    /// The gradient's x.
    pub gx: f64,
    /// The gradient's y.
    pub gy: f64,
    /// The learning rate of the next step.
    pub lr: f64,
}

/// Point `k` of a run (k must be in range).
pub fn point(run: &Run, k: usize) -> JsPoint {
    let t = run.trajectory();
    let g = run.gradient(k);
    JsPoint {
        step: k as f64,
        x: t.x[k],
        y: t.y[k],
        loss: t.loss[k],
        gx: g[0],
        gy: g[1],
        lr: run.lr(k),
    }
}

/// The curvature at a point and the main run's stable learning rates there:
/// `{lambda: [λ₁, λ₂ | null], dim, shape, band: {code, bound | null}}` (a non-finite λ is
/// null).
#[derive(Serialize, Debug, PartialEq)]
pub struct JsCurvature {
    /// λ₁ ≥ λ₂; one for a 1-D landscape.
    pub lambda: Vec<Option<f64>>,
    /// 1 or 2.
    pub dim: u8,
    /// The shape's code (`shape.<code>` in web/strings.js).
    pub shape: &'static str,
    /// The stable learning rates of the run's optimizer on the local quadratic.
    pub band: JsBand,
}

/// A [`descent::optim::Band`]: its code (`band.<code>` in web/strings.js) and its bound.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsBand {
    /// The code.
    pub code: &'static str,
    /// lr must stay below this, when there is a bound.
    pub bound: Option<f64>,
}

/// The curvature at point `k` of a run (k must be in range) and its optimizer's band there.
pub fn curvature(run: &Run, k: usize) -> JsCurvature {
    let c = run.objective().curvature(run.trajectory().point(k));
    let band = run.optimizer().band(c.lambda1());
    let finite = |x: f64| x.is_finite().then_some(x);
    JsCurvature {
        lambda: c.lambda[..usize::from(c.dim)]
            .iter()
            .map(|&x| finite(x))
            .collect(),
        dim: c.dim,
        shape: c.shape.code(),
        band: JsBand {
            code: band.code(),
            bound: band.bound(),
        },
    }
}

/// An index from JS, checked against `len`.
pub fn index(k: f64, len: usize) -> Result<usize, JsError> {
    if k.is_finite() && k >= 0.0 && (k as usize) < len && k.fract() == 0.0 {
        Ok(k as usize)
    } else {
        Err(JsError::new(&format!(
            "point {k} does not exist: the run has points 0 to {}",
            len.saturating_sub(1)
        )))
    }
}

/// An index from JS clamped to 0..len (NaN → the last point).
pub fn clamp_index(k: f64, len: usize) -> usize {
    let last = len.saturating_sub(1);
    if k.is_nan() {
        last
    } else {
        (k.max(0.0) as usize).min(last)
    }
}

/// The columns as Float64Array copies (NaN and ±∞ stay as they are); the gradient and
/// learning rate columns are recomputed (see `descent::Trajectory`).
pub fn trajectory(run: &Run) -> Result<JsValue, JsError> {
    let t = run.trajectory();
    let n = t.len();
    let grads: Vec<[f64; 2]> = (0..n).map(|k| run.gradient(k)).collect();
    let gx: Vec<f64> = grads.iter().map(|g| g[0]).collect();
    let gy: Vec<f64> = grads.iter().map(|g| g[1]).collect();
    let lr: Vec<f64> = (0..n).map(|k| run.lr(k)).collect();
    let o = js_sys::Object::new();
    for (k, col) in [
        ("x", &t.x),
        ("y", &t.y),
        ("loss", &t.loss),
        ("gx", &gx),
        ("gy", &gy),
        ("lr", &lr),
    ] {
        let arr = js_sys::Float64Array::from(&col[..]);
        js_sys::Reflect::set(&o, &JsValue::from_str(k), &arr)
            .map_err(|_| JsError::new("could not build the trajectory object"))?;
    }
    Ok(o.into())
}

/// A landscape in the menu.
#[derive(Serialize, Debug, PartialEq)]
pub struct Landscape {
    /// Settings name.
    pub name: &'static str,
    /// Human name.
    pub display: &'static str,
    /// "2d", "1d", "data" or "custom".
    pub group: &'static str,
}

/// An optimizer in the menu.
#[derive(Serialize, Debug, PartialEq)]
pub struct OptimizerEntry {
    /// Settings name.
    pub name: &'static str,
    /// Its hyperparameter keys.
    pub params: Vec<&'static str>,
    /// The default learning rate.
    pub default_lr: f64,
    /// The torch.optim call it reproduces ("" for none).
    pub torch: &'static str,
    /// Its formula template, line by line (the registry's; `web/maths.js` renders it).
    pub formula: Vec<TemplateLine>,
}

/// One line of an optimizer's formula template (`descent::optim::template`).
#[derive(Serialize, Debug, PartialEq)]
pub struct TemplateLine {
    /// "rule", "numbers", "note", "terms" or "scalars".
    pub kind: &'static str,
    /// Its guard ("" when it always shows).
    pub when: &'static str,
    /// The math, the note's string key, or the names listed.
    pub body: &'static str,
}

/// A named choice with parameter keys.
#[derive(Serialize, Debug, PartialEq)]
pub struct Named {
    /// Settings name.
    pub name: &'static str,
    /// Parameter keys (schedules) — empty for datasets.
    pub params: Vec<&'static str>,
    /// A description (datasets).
    pub description: &'static str,
}

/// A settings key and what it allows.
#[derive(Serialize, Debug, PartialEq)]
pub struct FieldEntry {
    /// The key.
    pub key: &'static str,
    /// What is allowed, in words.
    pub allowed: &'static str,
    /// A numeric key's interval, or null: the controls' bounds and messages come from here.
    pub range: Option<RangeEntry>,
    /// A choice key's values, where the codec lists them (the landscapes for `f`; empty
    /// otherwise).
    pub choices: Vec<&'static str>,
    /// Each choice's group in a grouped menu ("2d", "1d", "data", "custom"), else empty.
    pub choice_groups: Vec<&'static str>,
    /// "run", "view" or "comparison".
    pub kind: &'static str,
    /// The section of the page: "landscape", "data", "optimizer", "schedule", "start",
    /// "stopping", "view" or "compare"; the panel shows the run keys' groups in table order.
    pub group: &'static str,
    /// The widget: "menu", "grouped_menu", "number", "log_slider", "slider", "formula",
    /// "toggle", "text", "drag" or "timeline".
    pub control: &'static str,
    /// A log slider's span `[from, to]`, else null.
    pub slider: Option<[f64; 2]>,
    /// When the control applies ("always", "model", "optimizer", …); `info().applies` lists
    /// the keys that apply to the settings in force.
    pub applies: &'static str,
}

/// `{min, min_open, max, max_open, whole}`; an unbounded side is null.
#[derive(Serialize, Debug, PartialEq)]
pub struct RangeEntry {
    /// The lowest value, or null.
    pub min: Option<f64>,
    /// Whether `min` is excluded.
    pub min_open: bool,
    /// The highest value, or null.
    pub max: Option<f64>,
    /// Whether `max` is excluded.
    pub max_open: bool,
    /// Whole numbers only.
    pub whole: bool,
}

/// Everything the controls offer.
#[derive(Serialize, Debug, PartialEq)]
pub struct Catalog {
    /// Landscapes in menu order.
    pub landscapes: Vec<Landscape>,
    /// Optimizers.
    pub optimizers: Vec<OptimizerEntry>,
    /// Schedules.
    pub schedules: Vec<Named>,
    /// Datasets.
    pub datasets: Vec<Named>,
    /// Settings keys.
    pub fields: Vec<FieldEntry>,
    /// The most runs drawn together: the main run and what it is compared with.
    pub max_runs: usize,
    /// The most custom points a share link holds (more go in a session file).
    pub max_link_points: usize,
    /// The most custom points any data may have (a file's rows, a session's points).
    pub max_points: usize,
    /// The largest data or session file read, in bytes (check `File.size` first).
    pub max_file_bytes: f64,
    /// Every problem code a problem's detail can carry (the page has words for each).
    pub problem_codes: &'static [&'static str],
    /// Every hint code a formula problem can carry.
    pub hint_codes: &'static [&'static str],
    /// Every code of what can stop being finite in a diverged run.
    pub divergence_codes: &'static [&'static str],
}

/// The catalog.
pub fn catalog() -> Catalog {
    let landscapes: Vec<Landscape> = LandscapeKind::all()
        .into_iter()
        .map(|k| match k {
            LandscapeKind::Function(f) => {
                let i = f.info();
                Landscape {
                    name: i.name,
                    display: i.display,
                    group: if i.dim == 1 { "1d" } else { "2d" },
                }
            }
            LandscapeKind::Model(m) => Landscape {
                name: m.name(),
                display: m.name(),
                group: "data",
            },
            LandscapeKind::Custom => Landscape {
                name: "custom",
                display: "Custom formula",
                group: "custom",
            },
        })
        .collect();
    let optimizers = descent::optim::REGISTRY
        .iter()
        .map(|e| OptimizerEntry {
            name: e.name,
            params: e.keys.to_vec(),
            default_lr: e.default_lr,
            torch: e.torch,
            // A malformed template fails the core's tests; here it shows no formula.
            formula: descent::optim::template::lines(e.formula)
                .unwrap_or_default()
                .into_iter()
                .map(|l| TemplateLine {
                    kind: l.kind.name(),
                    when: l.when,
                    body: l.body,
                })
                .collect(),
        })
        .collect();
    let schedules = descent::schedule::ScheduleKind::ALL
        .into_iter()
        .map(|k| Named {
            name: k.name(),
            params: Settings {
                sched: k,
                ..Settings::default()
            }
            .schedule()
            .parameters()
            .to_vec(),
            description: "",
        })
        .collect();
    let datasets = DatasetKind::ALL
        .iter()
        .map(|d| Named {
            name: d.name(),
            params: Vec::new(),
            description: d.description(),
        })
        .collect();
    let fields = FIELDS
        .iter()
        .map(|f| FieldEntry {
            key: f.key,
            allowed: f.allowed,
            range: f.range.map(|r| RangeEntry {
                min: r.min,
                min_open: r.min_open,
                max: r.max,
                max_open: r.max_open,
                whole: r.whole,
            }),
            choices: match f.place.control {
                Control::GroupedMenu => landscapes.iter().map(|l| l.name).collect(),
                _ => f.choices.to_vec(),
            },
            choice_groups: match f.place.control {
                Control::GroupedMenu => landscapes.iter().map(|l| l.group).collect(),
                _ => Vec::new(),
            },
            kind: f.place.kind.name(),
            group: f.place.group.name(),
            control: f.place.control.name(),
            slider: match f.place.control {
                Control::LogSlider { from, to } => Some([from, to]),
                _ => None,
            },
            applies: f.place.applies.name(),
        })
        .collect();
    Catalog {
        landscapes,
        optimizers,
        schedules,
        datasets,
        fields,
        max_runs: descent::comparison::MAX_RUNS,
        max_link_points: descent::points::MAX_LINK_POINTS,
        max_points: descent::points::MAX_POINTS,
        max_file_bytes: descent::datafile::MAX_FILE_BYTES as f64,
        problem_codes: Detail::CODES,
        hint_codes: Hint::CODES,
        divergence_codes: Divergence::CODES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curvature_at_a_point() {
        let (s, _) = Settings::decode("f=ellipse&lr=0.03&steps=5");
        let mut run = Run::new(&s).unwrap();
        run.run_to_end();
        let c = curvature(&run, 3);
        assert_eq!(c.lambda, vec![Some(50.0), Some(2.0)]);
        assert_eq!((c.dim, c.shape), (2, "bowl"));
        assert_eq!((c.band.code, c.band.bound), ("below", Some(0.04)));
        let (s, _) = Settings::decode("f=parabola1d&opt=adam");
        let run = Run::new(&s).unwrap();
        let c = curvature(&run, 0);
        assert_eq!((c.lambda.len(), c.dim, c.band.code), (1, 1, "adaptive"));
        assert_eq!(c.band.bound, None);
    }

    #[test]
    fn catalog_lists_every_choice() {
        let c = catalog();
        assert_eq!(c.landscapes.len(), LandscapeKind::all().len());
        assert_eq!(c.landscapes.last().unwrap().group, "custom");
        assert!(c.landscapes.iter().any(|l| l.group == "1d"));
        let adam = c.optimizers.iter().find(|o| o.name == "adam").unwrap();
        assert_eq!(adam.params, vec!["b1", "b2", "eps"]);
        let step = c.schedules.iter().find(|s| s.name == "step").unwrap();
        assert_eq!(step.params, vec!["every", "gamma"]);
        assert_eq!(c.fields.len(), FIELDS.len());
        let lr = c.fields.iter().find(|f| f.key == "lr").unwrap();
        let r = lr.range.as_ref().unwrap();
        assert_eq!(
            (r.min, r.min_open, r.max, r.max_open),
            (Some(0.0), true, Some(1000.0), false)
        );
        let scale = c.fields.iter().find(|f| f.key == "scale").unwrap();
        assert_eq!(scale.choices, ["none", "standard"]);
        assert!(scale.range.is_none());
        let f = c.fields.iter().find(|f| f.key == "f").unwrap();
        assert_eq!(f.control, "grouped_menu");
        assert_eq!(f.choices.len(), c.landscapes.len());
        assert_eq!(f.choice_groups.last(), Some(&"custom"));
        assert_eq!(
            (lr.kind, lr.group, lr.control),
            ("run", "optimizer", "log_slider")
        );
        assert_eq!(lr.slider, Some([1e-5, 10.0]));
        let mom = c.fields.iter().find(|f| f.key == "mom").unwrap();
        assert_eq!((mom.control, mom.applies), ("number", "optimizer"));
        let race = c.fields.iter().find(|f| f.key == "race").unwrap();
        assert_eq!((race.kind, race.group), ("comparison", "compare"));
        let yaw = c.fields.iter().find(|f| f.key == "yaw").unwrap();
        assert_eq!((yaw.kind, yaw.control), ("view", "drag"));
    }

    #[test]
    fn statuses_points_and_problems() {
        let (s, p) = Settings::decode("lr=zz&bogus=1");
        let js = problems(&p);
        assert_eq!(js[0].severity, "error");
        assert_eq!(js[1].severity, "warning");
        let mut run = descent::Run::new(&s).unwrap();
        assert_eq!(status(run.status()).stop_step, None);
        run.run_to_end();
        let st = status(run.status());
        assert!(st.stop_step.is_some());
        assert_eq!(st.what, None);
        let (s, _) = Settings::decode("f=parabola1d&lr=1.5&steps=2000");
        let mut run = descent::Run::new(&s).unwrap();
        run.run_to_end();
        let st = status(run.status());
        assert_eq!(st.name, "diverged");
        assert_eq!(
            st.what,
            Some(JsDivergence {
                code: "loss",
                axis: None,
                value: Some("inf")
            })
        );
        let pt = point(&run, 0);
        assert_eq!(pt.step, 0.0);
        assert_eq!(clamp_index(f64::NAN, 5), 4);
        assert_eq!(clamp_index(-3.0, 5), 0);
        assert_eq!(clamp_index(1e20, 5), 4);
    }
}
