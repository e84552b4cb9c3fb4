//! The playground's state in plain Rust (no JS types), so that it can be tested natively.
//! [`Core`] is the settings facade: the settings, their problems and the run they define
//! (here); the runs compared with it and the sweep (`compared.rs`); the surface and path
//! caches and the view that follows the path (`surface.rs`); the landscape's info for the
//! controls (`info.rs`). The `Playground` owns one `Core`, and so every cache.

mod compared;
mod info;
mod surface;

pub(crate) use compared::run_key;
pub use compared::Compared;
pub(crate) use surface::landscape_key;
use surface::{columns, kept_pixels};
pub use surface::{Columns, Surface};

use descent::cloud::{Cloud, EpochCursor};
use descent::codec::{reset_value, set_points, set_value, value_text, Problem, Severity};
use descent::compare::SweepRun;
use descent::numfmt::fmt_f64;
use descent::{Run, Settings, Window};
use descent_figure::cloud::CloudPixels;
use descent_figure::decimate::PathPixels;
use descent_figure::loss::LossSummary;
use descent_figure::raster::Picture;
use descent_figure::zoom::Follow;

/// Settings, problems and the run they define.
pub struct Core {
    /// The current settings.
    pub settings: Settings,
    /// The problems of the last decode or set.
    pub problems: Vec<Problem>,
    /// The run, rebuilt from step 0 on every change.
    pub run: Run,
    /// The runs compared with it (race entries, other learning rates), stepped together.
    pub others: Vec<Compared>,
    others_key: String,
    /// The learning-rate sweep, computed a slice at a time.
    pub sweep: Option<SweepRun>,
    sweep_key: String,
    surface: Option<Surface>,
    /// The surface being sampled a few rows a call (an expensive one), if any.
    refine: Option<surface::Refine>,
    /// The memory of a forgotten surface's picture, for the next one.
    spare_picture: Picture,
    /// The decimated path pixels and the loss summary, extended frame by frame as the run
    /// grows, so that drawing a long run costs the same at every step.
    path_pixels: PathPixels,
    loss_summary: LossSummary,
    /// The zoom that follows the main run's path out of the landscape's window.
    follow: Follow,
    /// The point the overlay shows (the view holds the path up to the step after it).
    shown: usize,
    /// linreg2's one window for both scalings.
    view: crate::panels::ViewCache,
    /// The gradient cloud last computed (`cloud=on`), and the sampler that found its epoch,
    /// kept so that a paused frame computes nothing and playing on costs one shuffle an epoch.
    cloud: Option<Cloud>,
    cloud_cursor: EpochCursor,
    /// The cloud as last drawn on the surface, in device pixels (for the page's tests).
    pub cloud_drawn: Option<CloudPixels>,
}

/// A run for settings, or for the defaults when the settings cannot start one (their
/// problems are appended).
fn start_run(settings: &mut Settings, problems: &mut Vec<Problem>) -> Run {
    match Run::new(settings) {
        Ok(run) => run,
        Err(e) => {
            problems.extend(e.problems);
            *settings = Settings::default();
            Run::new(settings).unwrap_or_else(|_| unreachable_default())
        }
    }
}

#[cold]
fn unreachable_default() -> Run {
    // The default settings always make a run (`defaults_run_and_bad_links_still_open`).
    Run::new(&Settings::default()).unwrap_or_else(|e| panic!("default settings cannot run: {e}"))
}

impl Core {
    /// From a settings string or link; never fails.
    pub fn new(input: &str) -> Core {
        let (mut settings, mut problems) = Settings::decode(input);
        let run = start_run(&mut settings, &mut problems);
        let mut core = Core {
            settings,
            problems,
            run,
            others: Vec::new(),
            others_key: String::new(),
            sweep: None,
            sweep_key: String::new(),
            surface: None,
            refine: None,
            spare_picture: Picture::default(),
            path_pixels: PathPixels::new(),
            loss_summary: LossSummary::default(),
            follow: Follow::new(Window::new(0.0, 1.0, 0.0, 1.0)),
            shown: 0,
            view: Default::default(),
            cloud: None,
            cloud_cursor: EpochCursor::default(),
            cloud_drawn: None,
        };
        core.rebuild_comparisons();
        core
    }

    fn rebuild(&mut self) {
        self.run = start_run(&mut self.settings, &mut self.problems);
        self.cloud = None;
        self.cloud_cursor = EpochCursor::default();
        self.cloud_drawn = None;
        self.path_pixels.clear();
        self.loss_summary = LossSummary::default();
        self.follow = Follow::new(self.follow.base());
        self.others_key.clear();
        self.sweep_key.clear();
        self.rebuild_comparisons();
    }

    /// The gradient cloud at point k (clamped), or `None` when `cloud=on` is not set or the
    /// gradient is not noisy; computed once per point shown.
    pub fn cloud_at(&mut self, k: usize) -> Option<&Cloud> {
        if !self.settings.cloud {
            return None;
        }
        let k = k.min(self.run.trajectory().len().saturating_sub(1));
        if self.cloud.as_ref().is_none_or(|c| c.k != k) {
            self.cloud = Cloud::at_with(&self.run, k, &mut self.cloud_cursor);
        }
        self.cloud.as_ref()
    }

    /// Replaces all settings.
    pub fn set_settings(&mut self, input: &str) {
        let (s, p) = Settings::decode(input);
        self.settings = s;
        self.problems = p;
        // A link that differs only in view keys (lang, color, …) keeps the computed run.
        self.rebuild_if_needed();
    }

    /// Sets one key; a bad value leaves everything as it was.
    pub fn set_value(&mut self, key: &str, value: &str) {
        let before = self.settings.clone();
        self.problems = set_value(&mut self.settings, key, value);
        // A new landscape or optimizer starts from its own learning rate (links decoded
        // elsewhere keep theirs: see `Settings::choose`).
        if self.settings.f != before.f || self.settings.opt != before.opt {
            self.settings.choose(key, &before);
        }
        self.rebuild_if_needed();
    }

    /// Sets the custom data to `values`, points of `arity` numbers each (2: x,y or x,label;
    /// 3: x₁,x₂,y) one after another, and chooses `data=custom`. Bad numbers, points that do
    /// not suit the model, or more than [`descent::points::MAX_POINTS`] leave everything as
    /// it was and are the problems (key `pts`); fewer than two points are a warning.
    pub fn set_points(&mut self, arity: usize, values: &[f64]) {
        let count = values.len() / arity.max(1);
        if count > descent::points::MAX_POINTS {
            self.problems = vec![Problem {
                key: "pts".into(),
                value: format!("({count} points)"),
                detail: descent::Detail::TooManyRows {
                    rows: count,
                    max: descent::points::MAX_POINTS,
                },
                severity: Severity::Error,
            }];
            return;
        }
        match descent::Points::new(arity, values.to_vec()) {
            Ok(points) => self.problems = set_points(&mut self.settings, points),
            Err(detail) => {
                self.problems = vec![Problem {
                    key: "pts".into(),
                    value: String::new(),
                    detail,
                    severity: Severity::Error,
                }]
            }
        }
        self.rebuild_if_needed();
    }

    /// Opens a file the user gave (pasted text or an upload): a session file (JSON,
    /// [`descent::session`]) replaces the settings and the points; a data table (CSV, TSV,
    /// [`descent::datafile`]) becomes the custom points of the current data model (linreg
    /// when the landscape is not one; the landscape then becomes linreg). Returns how a
    /// table's columns were read (`None` for a session). A file that cannot be read changes
    /// nothing and is the error; the settings' own problems are in `problems`.
    pub fn load_file(
        &mut self,
        bytes: &[u8],
    ) -> Result<Option<descent::datafile::Columns>, descent::Detail> {
        if descent::session::is_session(bytes) {
            let (settings, points) = descent::session::read_parts(bytes)?;
            self.open_session(&settings, points);
            return Ok(None);
        }
        let model = match self.settings.f {
            descent::LandscapeKind::Model(m) => m,
            _ => descent::ModelKind::Linreg,
        };
        let table = descent::datafile::read_table(bytes, model)?;
        let before = self.settings.clone();
        let mut next = self.settings.clone();
        if !next.f.is_model() {
            next.f = descent::LandscapeKind::Model(model);
            next.choose("f", &before);
        }
        self.problems = set_points(&mut next, table.points);
        self.settings = next;
        self.rebuild_if_needed();
        Ok(Some(table.columns))
    }

    /// Opens a session from its parts (`descent::session::read_parts`, which the page runs
    /// in a worker for a large file): the settings and points replace the current ones, as
    /// `load_file` of the same file does.
    pub fn open_session(&mut self, settings: &str, points: descent::Points) {
        let (s, p) = descent::codec::decode_with_points(settings, points);
        self.settings = s;
        self.problems = p;
        self.rebuild_if_needed();
    }

    /// The session file of the current settings and points.
    pub fn session(&self) -> String {
        descent::session::write(&self.settings)
    }

    /// Resets one key.
    pub fn reset_value(&mut self, key: &str) {
        let before = self.settings.clone();
        reset_value(&mut self.settings, key);
        self.settings.choose(key, &before);
        self.problems.clear();
        self.rebuild_if_needed();
    }

    /// Rebuilds the run unless only view options or comparisons changed; rebuilds the
    /// comparisons when they changed.
    fn rebuild_if_needed(&mut self) {
        if !self.run.settings().same_run(&self.settings) {
            self.rebuild();
        } else {
            self.rebuild_comparisons();
        }
    }

    /// Sets the start point (y only for 2-D landscapes).
    pub fn set_start(&mut self, x: f64, y: f64) {
        let mut problems = set_value(&mut self.settings, "x0", &fmt_f64(x));
        if self.run.objective().dim() == 2 {
            problems.extend(set_value(&mut self.settings, "y0", &fmt_f64(y)));
        }
        self.problems = problems;
        self.rebuild();
    }

    /// The effective value of a key as text: defaults that depend on other choices are
    /// filled in (lr, rho, eps, x0, y0, data, bs).
    pub fn value(&self, key: &str) -> String {
        let s = &self.settings;
        let t = self.run.trajectory();
        let opt = self.run.optimizer();
        match key {
            "lr" => fmt_f64(s.base_lr()),
            "rho" | "eps" => opt
                .get(key)
                .map(fmt_f64)
                .unwrap_or_else(|| value_text(s, key)),
            "x0" => fmt_f64(t.x[0]),
            "y0" => fmt_f64(t.y[0]),
            "data" => s
                .dataset()
                .map(|d| d.name().to_string())
                .unwrap_or_default(),
            "bs" => s.batch_size().to_string(),
            _ => value_text(s, key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::surface::refined;
    use super::*;

    #[test]
    fn defaults_run_and_bad_links_still_open() {
        let c = Core::new("");
        assert!(c.problems.is_empty());
        assert_eq!(c.run.trajectory().len(), 1);
        let c = Core::new("#f=nope&lr=-1&x0=<script>");
        assert_eq!(c.problems.len(), 3);
        assert_eq!(c.settings.encode(), "");
    }

    #[test]
    fn set_points_chooses_custom_data_and_refuses_bad_points() {
        let mut c = Core::new("f=linreg&lr=0.05");
        c.set_points(2, &[1.0, 3.0, 2.0, 5.0, 3.0, 7.0]);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(
            c.settings.encode(),
            "f=linreg&data=custom&pts=1,3;2,5;3,7&lr=0.05"
        );
        assert_eq!(c.value("data"), "custom");
        assert_eq!(c.run.settings().sample_count(), 3);
        // The surface's cache key follows the points (by their fingerprint).
        let key = landscape_key(&c.settings);
        c.set_points(2, &[1.0, 3.0, 2.0, 5.0, 3.0, 7.5]);
        assert_ne!(landscape_key(&c.settings), key);
        c.set_points(2, &[1.0, 3.0, 2.0, 5.0, 3.0, 7.0]);
        assert_eq!(landscape_key(&c.settings), key);
        let before = c.settings.clone();
        c.set_points(2, &[1.0, f64::NAN]);
        assert_eq!(c.problems[0].detail.code(), "point_not_finite");
        c.set_points(3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(c.problems[0].detail.code(), "points_do_not_suit");
        assert_eq!(c.settings, before);
        c.set_points(2, &vec![0.5; 2 * (descent::points::MAX_POINTS + 1)]);
        assert_eq!(c.problems[0].detail.code(), "too_many_rows");
        assert_eq!(c.settings, before);
    }

    #[test]
    fn files_and_sessions_load_and_bad_ones_change_nothing() {
        let mut c = Core::new("f=quadratic&opt=adam");
        let cols = c.load_file(b"x,y\n1,3\n2,5\n3,7\n").unwrap().unwrap();
        assert_eq!(cols.picked, [0, 1]);
        assert_eq!(
            c.settings.encode(),
            "f=linreg&data=custom&pts=1,3;2,5;3,7&opt=adam"
        );
        let session = c.session();
        let before = c.settings.clone();
        for bad in [&b"x,y\n1,2\n3,abc\n"[..], b"\x00\x01", b"{\"descent\": 1}"] {
            assert!(c.load_file(bad).is_err());
            assert_eq!(c.settings, before);
        }
        let mut d = Core::new("");
        assert_eq!(d.load_file(session.as_bytes()).unwrap(), None);
        assert_eq!(d.settings, before);
        assert_eq!(d.run.trajectory().len(), 1);
        // Its parts (what the page's worker reads) open to the same settings.
        let (text, points) = descent::session::read_parts(session.as_bytes()).unwrap();
        let mut e = Core::new("f=rosenbrock");
        e.open_session(&text, points);
        assert_eq!(e.settings, before);
        assert_eq!(e.problems, d.problems);
    }

    #[test]
    fn more_points_than_a_link_holds_still_run() {
        let mut c = Core::new("f=linreg&lr=0.05");
        let values: Vec<f64> = (0..1200)
            .map(|i| (i % 7) as f64 + i as f64 * 1e-3)
            .collect();
        c.set_points(2, &values);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.run.settings().sample_count(), 600);
        assert_eq!(c.value("data"), "custom");
        let text: String = std::iter::once("x,y\n".to_string())
            .chain((0..700).map(|i| format!("{i},{}\n", 2 * i + 1)))
            .collect();
        c.load_file(text.as_bytes()).unwrap();
        assert_eq!(c.run.settings().sample_count(), 700);
        assert!(c
            .settings
            .encode()
            .starts_with("f=linreg&data=custom&pts=0,1;"));
    }

    #[test]
    fn set_value_rebuilds_and_rejects_bad_values() {
        let mut c = Core::new("f=rosenbrock");
        c.run.run(10);
        c.set_value("lr", "0.001");
        assert!(c.problems.is_empty());
        assert_eq!(c.run.trajectory().len(), 1);
        assert_eq!(c.settings.encode(), "f=rosenbrock&lr=1e-3");
        c.set_value("lr", "abc");
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.value("lr"), "1e-3");
        // An emptied field is the landscape's new-run rate (the legacy 0.01 diverges here).
        c.reset_value("lr");
        assert_eq!(c.value("lr"), "5e-4");
        assert_eq!(c.value("opt"), "gd");
        c.set_start(0.5, -0.25);
        assert_eq!(c.settings.encode(), "f=rosenbrock&lr=5e-4&x0=0.5&y0=-0.25");
        assert_eq!(c.value("x0"), "0.5");
    }

    #[test]
    fn picking_a_landscape_or_optimizer_sets_its_new_run_rate_and_keeps_a_typed_one() {
        // An old link keeps its meaning: no lr= is the legacy 0.01, even where it diverges.
        let mut c = Core::new("f=rosenbrock");
        assert_eq!(c.value("lr"), "0.01");
        // Picking on the page: the pair's own rate, written into the link.
        c.set_value("opt", "momentum");
        assert_eq!(c.settings.encode(), "f=rosenbrock&opt=momentum&lr=5e-4");
        c.set_value("f", "quadratic");
        // Momentum's rate on the bowl is the legacy one, so the link omits it.
        assert_eq!(c.settings.encode(), "opt=momentum");
        c.set_value("opt", "adam");
        assert_eq!(c.settings.encode(), "opt=adam&lr=0.2");
        // A typed rate survives later picks.
        c.set_value("lr", "0.03");
        c.set_value("f", "booth");
        c.set_value("opt", "nadam");
        assert_eq!(c.settings.encode(), "f=booth&opt=nadam&lr=0.03");
        // A bad pick changes nothing.
        c.set_value("f", "nope");
        assert_eq!(c.settings.encode(), "f=booth&opt=nadam&lr=0.03");
    }

    #[test]
    fn the_surface_is_cached_by_landscape_size_and_scale() {
        let mut c = Core::new("f=rosenbrock");
        let s = c.surface(800, 600, 2.0, true);
        assert_eq!((s.nx, s.ny), (169, 126));
        assert_eq!(s.units.len(), 169 * 126);
        assert!(!s.contours.is_empty());
        // The picture covers the plot rectangle.
        let (px, w, h) = s.picture().unwrap();
        assert_eq!(
            (w, h),
            (s.layout.plot.width() as u32, s.layout.plot.height() as u32)
        );
        assert_eq!(px.len(), (w * h * 4) as usize);
        assert!(!s.base().lines, "the lines are in the picture");
        let p = &s.units as *const Vec<f32>;
        c.set_value("lr", "0.002"); // does not touch the landscape
        assert!(std::ptr::eq(&c.surface(800, 600, 2.0, true).units, p));
        c.set_value("f", "himmelblau");
        assert_eq!(c.info().name, "himmelblau");
        let s = c.surface(800, 600, 2.0, true);
        assert_eq!(s.minima.len(), 4);
        // A click in the middle of the plot maps into the window.
        let l = s.layout;
        let mid = (
            (l.plot.left + l.plot.right) as f64 / 4.0,
            (l.plot.top + l.plot.bottom) as f64 / 4.0,
        );
        let p = c.to_data(mid.0, mid.1).unwrap();
        assert!(p[0].abs() < 0.05 && p[1].abs() < 0.05, "{p:?}");
        assert_eq!(c.to_data(1.0, 1.0), None);
    }

    #[test]
    fn an_expensive_surface_is_coarse_first_then_refined_a_few_rows_a_call() {
        // Logistic regression on 20,000 samples: 2,048 groups of terms a sample.
        let mut c = Core::new("f=logreg&n=20000");
        let s = c.surface_now(200, 150, 1.0, false);
        assert!(!s.full);
        let (coarse_nx, coarse_ny) = (s.nx, s.ny);
        assert!(
            coarse_nx * coarse_ny * 2048 <= 4 * 500_000,
            "{coarse_nx} × {coarse_ny}"
        );
        let mut calls = 0;
        let mut pictures = vec![(coarse_nx, coarse_ny)];
        loop {
            calls += 1;
            let r = c.refine_surface(200, 150, 1.0, false, 500_000);
            if r & refined::PICTURE != 0 {
                let s = c.cached_surface().unwrap();
                pictures.push((s.nx, s.ny));
            }
            if r & refined::DONE != 0 {
                break;
            }
            assert!(calls < 10_000);
        }
        let s = c.cached_surface().unwrap();
        assert!(s.full);
        // Each picture finer than the one before.
        assert!(pictures.windows(2).all(|w| w[1].0 > w[0].0), "{pictures:?}");
        assert!(calls >= 10, "{calls} calls");
        // The same final picture as the one computed in one go.
        let units = s.units.clone();
        let (nx, ny) = (s.nx, s.ny);
        c.forget_surface();
        let again = c.surface(200, 150, 1.0, false);
        assert_eq!((again.nx, again.ny, &again.units), (nx, ny, &units));
        assert_eq!(c.refine_surface(200, 150, 1.0, false, 1), refined::DONE);
        // A cheap surface is final at once.
        let mut c = Core::new("f=linreg&data=line&n=100000");
        assert!(c.surface_now(200, 150, 1.0, false).full);
        assert_eq!(c.refine_surface(200, 150, 1.0, false, 1), refined::DONE);
    }

    #[test]
    fn one_dimensional_landscapes_plot_the_curve() {
        let mut c = Core::new("f=double_well1d");
        let s = c.surface(400, 300, 1.0, false);
        assert!(s.picture().is_none());
        assert!(s.base().lines);
        assert!(s.curve.as_ref().unwrap().len() > 100);
        c.run.run(5);
        let cols = c.path_columns(5);
        assert_eq!(cols.path().y, &c.run.trajectory().loss[..]);
    }

    #[test]
    fn info_and_effective_values() {
        let c = Core::new("f=linreg&opt=adam");
        let i = c.info();
        assert!(i.is_model);
        assert_eq!(i.axis_names, ["w".to_string(), "b".to_string()]);
        assert_eq!(i.optimizer_params, vec!["b1", "b2", "eps"]);
        assert_eq!(c.value("data"), "seed");
        assert_eq!(c.value("bs"), "3");
        // The worked example's three points are fixed: n and noise shape nothing there.
        assert!(i.data_params.is_empty());
        let line = Core::new("f=linreg&data=line").info();
        assert_eq!(line.data_params, vec!["n", "noise"]);
        let c = Core::new("f=rosenbrock");
        assert!(c.info().log_color);
        assert!(c.info().data_params.is_empty());
        for f in descent::codec::FIELDS {
            let _ = c.value(f.key);
        }
    }

    #[test]
    fn compared_runs_step_together_and_survive_view_changes() {
        let mut c = Core::new("f=quadratic&lr=0.1&steps=40&tol=0&race=adam&lrs=1.5");
        assert_eq!(c.others.len(), 2);
        assert_eq!(c.all_columns(0)[2].0, "gd(lr=1.5)");
        // Each run's arrow is its own step at the shown point, clamped to its length.
        let mut d = Core::new("f=quadratic&lr=0.1&steps=30&race=adam&lrs=0.5");
        d.step_all(100);
        let lens: Vec<usize> = d
            .all_columns(0)
            .iter()
            .map(|(_, _, r)| r.trajectory().len())
            .collect();
        assert!(lens[2] < lens[0], "{lens:?}");
        for upto in [3, 20, 500] {
            for (_, cols, run) in d.all_columns(upto) {
                let k = upto.min(run.trajectory().len() - 1);
                assert_eq!(cols.path().step, Some((run.gradient(k), run.lr(k))));
            }
        }
        c.step_all(10);
        assert_eq!(c.span(), 11);
        assert!(c.others.iter().all(|o| o.run.trajectory().len() == 11));
        c.set_value("view", "3d");
        assert_eq!(
            c.others[0].run.trajectory().len(),
            11,
            "a view change keeps them"
        );
        c.set_value("lrs", "0.2,0.3");
        assert_eq!(c.others.len(), 3);
        assert_eq!(
            c.run.trajectory().len(),
            11,
            "a new comparison keeps the main run"
        );
        assert_eq!(c.others[0].run.trajectory().len(), 1);
        while !c.all_done() {
            c.step_all(7);
        }
        assert_eq!(c.span(), 41);
        c.set_value("lr", "0.05");
        assert!(c.others.iter().all(|o| o.run.trajectory().len() == 1));
        c.set_value("sweep", "1e-3,1,5");
        let sweep = c.sweep.as_mut().unwrap();
        sweep.advance(1000);
        assert!(sweep.is_done());
        c.set_value("maths", "on");
        assert!(
            c.sweep.as_ref().unwrap().is_done(),
            "a view change keeps the sweep"
        );
    }

    #[test]
    fn view_options_keep_the_run() {
        let mut c = Core::new("f=rosenbrock&steps=50");
        c.run.run_to_end();
        let len = c.run.trajectory().len();
        c.set_value("color", "linear");
        c.set_value("logy", "off");
        assert_eq!(c.run.trajectory().len(), len, "the computed steps are kept");
        assert_eq!(
            c.settings.encode(),
            "f=rosenbrock&steps=50&color=linear&logy=off"
        );
        c.set_value("lr", "0.5");
        assert_eq!(
            c.run.trajectory().len(),
            1,
            "a run setting restarts the run"
        );
    }

    #[test]
    fn the_language_is_a_view_key_for_set_value_and_whole_links() {
        let mut c = Core::new("f=rosenbrock&steps=50");
        c.run.run_to_end();
        let len = c.run.trajectory().len();
        c.set_value("lang", "zh");
        assert_eq!(c.run.trajectory().len(), len);
        assert_eq!(c.value("lang"), "zh");
        c.set_settings("f=rosenbrock&steps=50&lang=en");
        assert_eq!(
            c.run.trajectory().len(),
            len,
            "a new link with the same run keeps it"
        );
        assert_eq!(c.settings.encode(), "f=rosenbrock&steps=50&lang=en");
        c.set_settings("f=rosenbrock&steps=60&lang=en");
        assert_eq!(c.run.trajectory().len(), 1, "a new run restarts");
    }
}
