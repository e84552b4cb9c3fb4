//! The playground's state in plain Rust (no JS types), so that it can be tested natively:
//! settings, problems, the run, and the cached surface with its layout.

use descent::codec::{reset_value, set_value, value_text, Problem};
use descent::compare::SweepRun;
use descent::comparison::{lrs_text, race_text};
use descent::numfmt::fmt_f64;
use descent::{LandscapeKind, Objective, Run, Settings, Window};
use descent_figure::colormap::prefers_log;
use descent_figure::decimate::{PathPixels, MAX_VERTICES};
use descent_figure::layout::Layout;
use descent_figure::loss::LossSummary;
use descent_figure::raster::Picture;
use descent_figure::scene::{step_at, surface_parts_units, SurfaceParts};
use descent_figure::surface::{contour_pixels, contour_style, trajectory_min_dist};
use descent_figure::surface::{Base, Path};
use descent_figure::zoom::{equal_axes, surface_layout, Follow};
use serde::Serialize;

/// Heatmap samples per CSS pixel, as a step: one sample every two CSS pixels. At 1600 × 1200
/// device pixels (dpr 2) that is about 370 × 280 samples, upsampled to device pixels by
/// `descent_figure::raster::picture`.
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
}

/// `run`'s polyline in pixels for points 0..=upto (clamped), decimated as `draw_trajectory`
/// does, from the pixels `cache` keeps between calls.
fn kept_pixels(cache: &mut PathPixels, run: &Run, layout: &Layout, upto: usize) -> Vec<(f64, f64)> {
    let min_dist = trajectory_min_dist(layout);
    let r = layout.plot;
    let w = layout.window;
    let pack = |a: i32, b: i32| ((a as u32 as u64) << 32) | b as u32 as u64;
    let key = [
        ((layout.width as u64) << 32) | layout.height as u64,
        layout.dpr.to_bits(),
        pack(r.left, r.top),
        pack(r.right, r.bottom),
        w.x_min.to_bits(),
        w.x_max.to_bits(),
        w.y_min.to_bits(),
        w.y_max.to_bits(),
        min_dist.to_bits(),
    ];
    let t = run.trajectory();
    let y = if run.objective().dim() == 1 {
        &t.loss
    } else {
        &t.y
    };
    let x = &t.x;
    let to_px = |i: usize| layout.to_px([x[i], y[i]]);
    let len = x.len().min(y.len());
    if len == 0 {
        return Vec::new();
    }
    cache.extend(key, len, min_dist, to_px);
    cache.upto(upto.min(len - 1), MAX_VERTICES, to_px)
}

/// A run compared with the main one.
pub struct Compared {
    /// What tells it apart: `adam(lr=0.01)`.
    pub label: String,
    /// The run.
    pub run: Run,
    /// Its decimated path pixels and loss summary, extended frame by frame like the main
    /// run's.
    pixels: PathPixels,
    summary: LossSummary,
}

/// What the compared runs depend on: the main run and the comparison keys.
fn others_key(s: &Settings) -> String {
    format!(
        "{}|{}|{}",
        s.run_only().encode(),
        race_text(&s.race),
        lrs_text(&s.lrs)
    )
}

/// What the sweep depends on.
fn sweep_key(s: &Settings) -> String {
    match s.sweep {
        Some(w) => format!("{}|{}", s.run_only().encode(), w.text()),
        None => String::new(),
    }
}

/// The loss surface as drawn for one landscape, size and colour scale: the figure crate's
/// parts and the cache key they were computed for.
pub struct Surface {
    key: (String, u32, u32, u64, bool, [u64; 4]),
    parts: SurfaceParts,
    /// The plot rectangle's pixels (heatmap and contour lines), RGBA, for one
    /// `putImageData`; empty for 1-D landscapes.
    picture: Picture,
}

impl std::ops::Deref for Surface {
    type Target = SurfaceParts;
    fn deref(&self) -> &SurfaceParts {
        &self.parts
    }
}

impl Surface {
    /// The plot rectangle's pixels with the contour lines in them, as (rgba, width,
    /// height), if the landscape has a heatmap.
    pub fn picture(&self) -> Option<(&[u8], u32, u32)> {
        let r = self.layout.plot;
        (!self.picture.pixels.is_empty()).then_some((
            &self.picture.pixels[..],
            r.width() as u32,
            r.height() as u32,
        ))
    }

    /// What the figure crate draws on top of the picture (put there by `putImageData`): the
    /// contour labels, axes and minima, or the curve of a 1-D landscape.
    pub fn base(&self) -> Base<'_> {
        Base {
            lines: self.picture.pixels.is_empty(),
            ..self.parts.base(false)
        }
    }
}

/// Borrowed columns of the trajectory as plotted (for 1-D landscapes y is the loss), with
/// the gradient and learning rate at the point shown.
pub struct Columns<'a> {
    x: &'a [f64],
    y: &'a [f64],
    step: Option<([f64; 2], f64)>,
}

impl Columns<'_> {
    /// As the figure crate's path.
    pub fn path(&self) -> Path<'_> {
        Path {
            x: self.x,
            y: self.y,
            step: self.step,
        }
    }
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

/// What the landscape depends on, as a canonical string: the surface cache key.
pub(crate) fn landscape_key(s: &Settings) -> String {
    let d = Settings::default();
    let only = Settings {
        f: s.f,
        expr: s.expr.clone(),
        data: s.data,
        n: s.n,
        noise: s.noise,
        scale: s.scale,
        seed: if s.f.is_model() { s.seed } else { d.seed },
        ..d
    };
    only.encode()
}

/// The landscape's info for controls and the legend.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Info {
    /// Settings name.
    pub name: String,
    /// Human name.
    pub display: String,
    /// The formula or model description.
    pub formula: String,
    /// 1 or 2.
    pub dim: u8,
    /// [x_min, x_max, y_min, y_max].
    pub window: [f64; 4],
    /// Known minima.
    pub minima: Vec<[f64; 2]>,
    /// Whether the landscape is a model fitted to data.
    pub is_model: bool,
    /// Whether a log colour scale is the better default.
    pub log_color: bool,
    /// The axis names.
    pub axis_names: [String; 2],
    /// The keys of the chosen optimizer's hyperparameters.
    pub optimizer_params: Vec<String>,
    /// The keys of the chosen schedule's parameters.
    pub schedule_params: Vec<String>,
    /// The keys that shape the dataset of a data model (none for the fixed `seed` data, and
    /// for landscapes without data).
    pub data_params: Vec<String>,
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
            spare_picture: Picture::default(),
            path_pixels: PathPixels::new(),
            loss_summary: LossSummary::default(),
            follow: Follow::new(Window::new(0.0, 1.0, 0.0, 1.0)),
            shown: 0,
        };
        core.rebuild_comparisons();
        core
    }

    fn rebuild(&mut self) {
        self.run = start_run(&mut self.settings, &mut self.problems);
        self.path_pixels.clear();
        self.loss_summary = LossSummary::default();
        self.follow = Follow::new(self.follow.base());
        self.others_key.clear();
        self.sweep_key.clear();
        self.rebuild_comparisons();
    }

    /// Restarts the compared runs and the sweep when what they depend on changed.
    fn rebuild_comparisons(&mut self) {
        let key = others_key(&self.settings);
        if key != self.others_key {
            self.others = self
                .settings
                .runs()
                .into_iter()
                .skip(1)
                .filter_map(|spec| {
                    Run::new(&spec.settings).ok().map(|run| Compared {
                        label: spec.label,
                        run,
                        pixels: PathPixels::new(),
                        summary: LossSummary::default(),
                    })
                })
                .collect();
            self.others_key = key;
        }
        let key = sweep_key(&self.settings);
        if key != self.sweep_key {
            self.sweep = self
                .settings
                .sweep
                .map(|w| SweepRun::new(&self.settings, &w));
            self.sweep_key = key;
        }
    }

    /// Takes up to `n` more steps in every run not yet stopped; returns the most taken.
    pub fn step_all(&mut self, n: u64) -> u64 {
        let mut most = self.run.run(n);
        for o in &mut self.others {
            most = most.max(o.run.run(n));
        }
        most
    }

    /// Whether the main run and every compared run have stopped.
    pub fn all_done(&self) -> bool {
        self.run.status().is_done() && self.others.iter().all(|o| o.run.status().is_done())
    }

    /// The most points any run has recorded: the timeline's length.
    pub fn span(&self) -> usize {
        self.others
            .iter()
            .map(|o| o.run.trajectory().len())
            .fold(self.run.trajectory().len(), usize::max)
    }

    /// The path's polyline in pixels for points 0..=upto (clamped), decimated as
    /// `draw_trajectory` does, from pixels kept between calls.
    pub fn path_pixels(&mut self, layout: &Layout, upto: usize) -> Vec<(f64, f64)> {
        kept_pixels(&mut self.path_pixels, &self.run, layout, upto)
    }

    /// [`Core::path_pixels`] of every run, the main run first, then the compared runs.
    pub fn all_path_pixels(&mut self, layout: &Layout, upto: usize) -> Vec<Vec<(f64, f64)>> {
        let mut all = vec![self.path_pixels(layout, upto)];
        for o in &mut self.others {
            all.push(kept_pixels(&mut o.pixels, &o.run, layout, upto));
        }
        all
    }

    /// Extends the loss chart's summaries of every run to the points added since.
    pub fn extend_loss_summaries(&mut self) {
        self.loss_summary.extend(&self.run.trajectory().loss);
        for o in &mut self.others {
            o.summary.extend(&o.run.trajectory().loss);
        }
    }

    /// The loss chart's summary of every run, the main run first (as of the last
    /// `extend_loss_summaries`).
    pub fn loss_summaries(&self) -> Vec<&LossSummary> {
        let mut all = vec![&self.loss_summary];
        all.extend(self.others.iter().map(|o| &o.summary));
        all
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

    /// The landscape's own view for a canvas size (linreg2's holds both scalings).
    fn base_window(&self, width: u32, height: u32, dpr: f64) -> Window {
        crate::panels::view_layout(&self.settings, self.run.objective(), width, height, dpr).window
    }

    /// The layout for a canvas size at the shown point: the landscape's view grown to hold
    /// the main run's path up to the step after it ([`Core::show`]), with equal units on
    /// both axes where the landscape's parameters are alike.
    pub fn layout(&self, width: u32, height: u32, dpr: f64) -> Layout {
        let o = self.run.objective();
        let base = self.base_window(width, height, dpr);
        let window = if self.follow.base() == base {
            self.follow.window(self.shown.saturating_add(1))
        } else {
            base
        };
        surface_layout(width, height, dpr, window, equal_axes(o))
    }

    /// The point the overlay last showed.
    pub fn shown(&self) -> usize {
        self.shown
    }

    /// Shows point `k` of the main run on a canvas of this size: the zoom reads the points
    /// computed since the last call.
    pub fn show(&mut self, k: usize, width: u32, height: u32, dpr: f64) {
        let base = self.base_window(width, height, dpr);
        if self.follow.base() != base {
            self.follow = Follow::new(base);
        }
        let t = self.run.trajectory();
        let ys = if self.run.objective().dim() == 1 {
            &t.loss
        } else {
            &t.y
        };
        self.follow.extend(&t.x, ys);
        self.shown = k.min(t.len().saturating_sub(1));
    }

    /// Drops the cached surface, so the next draw samples, colours and contours it again.
    pub fn forget_surface(&mut self) {
        if let Some(old) = self.surface.take() {
            self.spare_picture = old.picture;
        }
    }

    /// The surface for this size and scale, computed unless the cache has it.
    pub fn surface(&mut self, width: u32, height: u32, dpr: f64, log: bool) -> &Surface {
        let layout = self.layout(width, height, dpr);
        let w = layout.window;
        let key = (
            landscape_key(&self.settings),
            width,
            height,
            dpr.to_bits(),
            log,
            [w.x_min, w.x_max, w.y_min, w.y_max].map(f64::to_bits),
        );
        let stale = self.surface.as_ref().is_none_or(|s| s.key != key);
        if stale {
            // The old picture's memory (6.5 MB at 1600 × 1200) is drawn over, not freed.
            self.forget_surface();
            let picture = std::mem::take(&mut self.spare_picture);
            self.surface = Some(compute_surface(
                self.run.objective(),
                layout,
                log,
                key,
                picture,
            ));
        }
        self.surface
            .as_ref()
            .unwrap_or_else(|| unreachable!("just computed"))
    }

    /// The surface of the last `surface` call.
    pub fn cached_surface(&self) -> Option<&Surface> {
        self.surface.as_ref()
    }

    /// θ at a CSS pixel of the surface canvas, by the last drawn layout.
    pub fn to_data(&self, css_x: f64, css_y: f64) -> Option<[f64; 2]> {
        let l = self.surface.as_ref()?.layout;
        l.to_data(css_x * l.dpr, css_y * l.dpr)
    }

    /// The trajectory's columns as plotted, with the step at point `upto` (clamped).
    pub fn path_columns(&self, upto: usize) -> Columns<'_> {
        columns(&self.run, upto)
    }

    /// Every run's columns as plotted, the main run first, with its label; each run's step
    /// is at point `upto` clamped to that run.
    pub fn all_columns(&self, upto: usize) -> Vec<(String, Columns<'_>, &Run)> {
        let mut v = vec![(
            label_of(&self.settings),
            columns(&self.run, upto),
            &self.run,
        )];
        for o in &self.others {
            v.push((o.label.clone(), columns(&o.run, upto), &o.run));
        }
        v
    }
}

/// The main run's legend label.
fn label_of(s: &Settings) -> String {
    s.runs()
        .into_iter()
        .next()
        .map(|r| r.label)
        .unwrap_or_default()
}

/// A run's columns as plotted (for 1-D landscapes y is the loss), with the gradient and
/// learning rate at point `upto` (clamped).
fn columns(run: &Run, upto: usize) -> Columns<'_> {
    let t = run.trajectory();
    let y = if run.objective().dim() == 1 {
        &t.loss
    } else {
        &t.y
    };
    Columns {
        x: &t.x,
        y,
        step: Some(step_at(run, upto)),
    }
}

impl Core {
    /// The landscape's info.
    pub fn info(&self) -> Info {
        let s = &self.settings;
        let o = self.run.objective();
        let w = o.window();
        let (name, display, formula, log_color) = match (s.f, o) {
            (LandscapeKind::Function(f), _) => {
                let i = f.info();
                (
                    i.name.to_string(),
                    i.display.to_string(),
                    i.formula.to_string(),
                    i.log_color,
                )
            }
            (LandscapeKind::Model(m), o) => (
                m.name().to_string(),
                m.name().to_string(),
                m.description().to_string(),
                // What `color=auto` means, from the one rule the figures use.
                descent_figure::scene::log_color(
                    &Settings {
                        color: descent::ColorScale::Auto,
                        ..s.clone()
                    },
                    o,
                ),
            ),
            (LandscapeKind::Custom, o) => {
                let g = o.loss_grid(w, 48, 48);
                (
                    "custom".into(),
                    "Custom formula".into(),
                    s.expr.clone(),
                    o.dim() == 2 && prefers_log(&g),
                )
            }
        };
        let names = axis_names(s);
        Info {
            name,
            display,
            formula,
            dim: o.dim(),
            window: [w.x_min, w.x_max, w.y_min, w.y_max],
            minima: o.minima(),
            is_model: s.f.is_model(),
            log_color,
            axis_names: [names.0.into(), names.1.into()],
            optimizer_params: self
                .run
                .optimizer()
                .hyperparameters()
                .iter()
                .map(|k| k.to_string())
                .collect(),
            schedule_params: s
                .schedule()
                .parameters()
                .iter()
                .map(|k| k.to_string())
                .collect(),
            data_params: s
                .dataset()
                .map(|d| d.parameters().iter().map(|k| k.to_string()).collect())
                .unwrap_or_default(),
        }
    }
}

/// The axis names for a landscape.
fn axis_names(s: &Settings) -> (&'static str, &'static str) {
    match s.f {
        LandscapeKind::Model(descent::ModelKind::Linreg2) => ("w₁", "w₂"),
        LandscapeKind::Model(_) => ("w", "b"),
        _ => ("x", "y"),
    }
}

/// Samples, colours and contours the landscape for a layout (the figure crate's
/// computation, shared with `descent render`).
fn compute_surface(
    o: &Objective,
    layout: Layout,
    log: bool,
    key: (String, u32, u32, u64, bool, [u64; 4]),
    mut picture: Picture,
) -> Surface {
    let parts = surface_parts_units(o, layout, log);
    if parts.units.is_empty() {
        picture.pixels.clear();
    } else {
        let r = layout.plot;
        picture.draw(
            &parts.units,
            parts.nx,
            parts.ny,
            (r.width().max(1) as usize, r.height().max(1) as usize),
            &contour_pixels(&layout, &parts.contours),
            contour_style(&layout),
        );
    }
    Surface {
        key,
        parts,
        picture,
    }
}

#[cfg(test)]
mod tests {
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
