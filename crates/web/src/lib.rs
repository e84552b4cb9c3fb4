//! The browser face of Descent: one `Playground` handle that owns a run and draws it on the
//! page's canvases. This is the only crate that knows wasm-bindgen and web-sys.
//!
//! The base canvas gets the plot's pixels, computed in Rust and put with ONE `putImageData`:
//! the heatmap (sampled at one sample per two CSS pixels, coloured and upsampled to device
//! pixels) with the contour lines rasterised into it. Then the contour labels, axes and
//! minima through plotters. The overlay canvas
//! gets the trajectory every frame. Exported methods never panic; errors become `JsError`.

mod compare;
mod convert;
mod gif;
mod map;
mod measured;
mod panels;
mod state;
mod views;

use descent_figure::surface::LIGHT;
use descent_figure::words::CanvasWords;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{prelude::*, Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

pub use state::{Core, Surface};

/// Installs the panic hook so that a Rust panic shows in the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Reads a data table (CSV/TSV bytes) for a model (`linreg`, `logreg` or `linreg2`; any
/// other name reads as linreg) without changing any playground: `{ok, points (flat array),
/// arity, rows, columns, error, error_text}` as `Playground.load_file` describes, for a
/// preview of the columns picked.
#[wasm_bindgen]
pub fn read_table(bytes: &[u8], model: &str) -> Result<JsValue, JsError> {
    let model = descent::ModelKind::from_name(model).unwrap_or(descent::ModelKind::Linreg);
    convert::to_js(&convert::table(descent::datafile::read_table(bytes, model)))
}

/// The problem with a file of `bytes` bytes before it is read: `{code: 'file_too_large',
/// bytes, size, max}` when it is larger than `catalog().max_file_bytes`, else `null`. Call
/// it with `File.size` before reading, so a 2 GB file is never read.
#[wasm_bindgen]
pub fn file_size_problem(bytes: f64) -> Result<JsValue, JsError> {
    match descent::datafile::check_size(bytes.max(0.0) as u64) {
        Ok(()) => Ok(JsValue::NULL),
        Err(d) => convert::to_js(&convert::JsDetail(d)),
    }
}

/// A session file's parts, read for `Playground.open_session` (by the page's worker, so a
/// large file is read off the main thread): `{ok, settings, points, arity, error,
/// error_text}`.
#[wasm_bindgen]
pub fn read_session(bytes: &[u8]) -> Result<JsValue, JsError> {
    convert::to_js(&convert::session_parts(descent::session::read_parts(bytes)))
}

/// Whether file bytes are a session file (JSON) rather than a data table.
#[wasm_bindgen]
pub fn is_session(bytes: &[u8]) -> bool {
    descent::session::is_session(bytes)
}

/// The playground: settings, the run they define and the cached surface.
#[wasm_bindgen]
pub struct Playground {
    core: Core,
    /// The maths, scaling and export panels' state.
    panels: panels::Panels,
    /// The words drawn on canvases, in the page's language.
    words: CanvasWords,
    /// What the teaching views keep between draws (the 3-D mesh and its depths, the walker's
    /// words, the data view's layout).
    views: views::ViewCaches,
    /// The layout of the last sweep chart drawn (x is log10 of the learning rate), for
    /// `sweep_lr_at` and `sweep_axis`.
    sweep_layout: Option<descent_figure::layout::Layout>,
}

fn js_err(what: &str) -> impl Fn(JsValue) -> JsError + '_ {
    move |e| {
        JsError::new(&format!(
            "{what}: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        ))
    }
}

/// The canvas of a context, resized to `w × h` device pixels when it differs.
fn canvas_of(ctx: &CanvasRenderingContext2d, w: u32, h: u32) -> Result<HtmlCanvasElement, JsError> {
    let canvas = ctx.canvas().ok_or_else(|| {
        JsError::new("the context has no canvas (an OffscreenCanvas is not supported)")
    })?;
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    Ok(canvas)
}

fn backend(canvas: HtmlCanvasElement) -> Result<measured::MeasuredCanvas, JsError> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|_| JsError::new("getContext(\"2d\") threw"))?
        .ok_or_else(|| JsError::new("the canvas has no 2d context"))?
        .dyn_into()
        .map_err(|_| JsError::new("getContext(\"2d\") returned something else"))?;
    let inner = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| JsError::new("plotters could not draw on the canvas"))?;
    Ok(measured::measured(inner, ctx))
}

#[wasm_bindgen]
impl Playground {
    /// A playground from a settings string or a whole link. Never fails: bad values fall back
    /// to defaults and are listed by `problems()`.
    #[wasm_bindgen(constructor)]
    pub fn new(settings_or_link: &str) -> Playground {
        Playground {
            core: Core::new(settings_or_link),
            panels: panels::Panels::default(),
            words: CanvasWords::default(),
            views: views::ViewCaches::default(),
            sweep_layout: None,
        }
    }

    /// The problems of the last decode or set: `[{key, value, severity, detail, text}]`, the
    /// detail `{code, ...arguments}` for the page to word.
    pub fn problems(&self) -> Result<JsValue, JsError> {
        convert::to_js(&convert::problems(&self.core.problems))
    }

    /// Replaces all settings and rebuilds the run from step 0; returns the problems.
    pub fn set_settings(&mut self, settings: &str) -> Result<JsValue, JsError> {
        self.core.set_settings(settings);
        self.problems()
    }

    /// Sets one key and rebuilds the run; a bad value changes nothing. Returns the problems.
    pub fn set_value(&mut self, key: &str, value: &str) -> Result<JsValue, JsError> {
        self.core.set_value(key, value);
        self.problems()
    }

    /// Sets the custom data and chooses `data=custom`: `values` (a `Float64Array`) holds
    /// points of `arity` numbers each, one after another (2: x, y, or x and the label 0/1
    /// for logreg; 3: x₁, x₂, y for linreg2). Any number of points up to
    /// `catalog().max_points`; bad numbers or points that do not suit the model change
    /// nothing. Returns the problems (key `pts`), as `set_value` does.
    pub fn set_points(&mut self, values: &[f64], arity: u32) -> Result<JsValue, JsError> {
        self.core.set_points(arity as usize, values);
        self.problems()
    }

    /// The custom points, flat (`points_arity()` numbers each), whatever the dataset.
    pub fn points(&self) -> Vec<f64> {
        self.core.settings.pts.values().to_vec()
    }

    /// Numbers per custom point: 2, 3, or 0 when there are none.
    pub fn points_arity(&self) -> u32 {
        self.core.settings.pts.arity() as u32
    }

    /// What stops the settings from being shared as a link, or `null`: more custom points
    /// than a link holds (`catalog().max_link_points`), which go in a session file instead.
    /// The problem is `{key, value, severity, detail, text}` as in `problems()`.
    pub fn link_problem(&self) -> Result<JsValue, JsError> {
        match descent::codec::link_problem(&self.core.settings) {
            Some(p) => convert::to_js(&convert::problems(&[p])[0]),
            None => Ok(JsValue::NULL),
        }
    }

    /// Opens a file's bytes (`Uint8Array`; pasted text encoded as UTF-8 is fine): a session
    /// file replaces the settings and points; a CSV/TSV table becomes the custom points of
    /// the current data model (the landscape becomes linreg if it is not a data model).
    /// Returns `{ok, kind: 'session' | 'table' | null, columns, error, error_text, problems}`:
    /// `columns` (tables only) is `{delimiter, header, names, roles, picked, by_name,
    /// summary}` (picked: the 0-based column read for each role); `error` is a detail
    /// `{code, ...arguments}` naming row and column (`problem.<code>` words), and nothing
    /// changed; `problems` are the settings' problems after loading. Check the size first
    /// (`file_size_problem`).
    pub fn load_file(&mut self, bytes: &[u8]) -> Result<JsValue, JsError> {
        let result = self.core.load_file(bytes);
        convert::to_js(&convert::loaded(
            descent::session::is_session(bytes),
            result,
            &self.core.problems,
        ))
    }

    /// Opens a session from the parts `read_session` gave (the settings string, the points
    /// flat and their arity): the same settings as `load_file` of the file, and the same
    /// result `{ok, kind: 'session', problems, ...}`.
    pub fn open_session(
        &mut self,
        settings: &str,
        values: &[f64],
        arity: u32,
    ) -> Result<JsValue, JsError> {
        let result = descent::Points::new(arity as usize, values.to_vec())
            .map(|points| self.core.open_session(settings, points))
            .map(|()| None);
        convert::to_js(&convert::loaded(true, result, &self.core.problems))
    }

    /// The session file (JSON text) of the current settings and custom points, for
    /// "Save session"; `descent run --session FILE` runs it bit for bit.
    pub fn session(&self) -> String {
        self.core.session()
    }

    /// Puts one key back to its default and rebuilds the run.
    pub fn reset_value(&mut self, key: &str) {
        self.core.reset_value(key);
    }

    /// The canonical settings string.
    pub fn settings(&self) -> String {
        self.core.settings.encode()
    }

    /// The effective value of one key as text (defaults filled in), for controls.
    pub fn value(&self, key: &str) -> String {
        self.core.value(key)
    }

    /// Takes up to `n` steps in the main run and every compared run; returns the most taken.
    pub fn step(&mut self, n: f64) -> f64 {
        let n = if n.is_finite() && n > 0.0 {
            n.min(1e9) as u64
        } else {
            0
        };
        self.core.step_all(n) as f64
    }

    /// Steps until the main run and every compared run stop.
    pub fn run_to_end(&mut self) {
        while !self.core.all_done() {
            self.core.step_all(1 << 20);
        }
    }

    /// The number of recorded points (steps taken + 1).
    pub fn len(&self) -> f64 {
        self.core.run.trajectory().len() as f64
    }

    /// Whether nothing is recorded (never: point 0 always is).
    pub fn is_empty(&self) -> bool {
        self.core.run.trajectory().is_empty()
    }

    /// `{name, text, stop_step}`; stop_step is null while running.
    pub fn status(&self) -> Result<JsValue, JsError> {
        convert::to_js(&convert::status(self.core.run.status()))
    }

    /// Point k: `{step, x, y, loss, gx, gy, lr}`.
    pub fn point(&self, k: f64) -> Result<JsValue, JsError> {
        let i = convert::index(k, self.core.run.trajectory().len())?;
        convert::to_js(&convert::point(&self.core.run, i))
    }

    /// The local quadratic model's level curve through point k (what `quad=on` draws), as
    /// polylines of `[θ, pixel]` pairs (device pixels of an overlay of this size):
    /// `[[[[x, y], [px, py]], …], …]`, for tests.
    pub fn quad_curve(
        &self,
        k: f64,
        width_px: u32,
        height_px: u32,
        dpr: f64,
    ) -> Result<JsValue, JsError> {
        let i = convert::index(k, self.core.run.trajectory().len())?;
        let layout = self.core.layout(width_px, height_px, dpr);
        let p = self.core.run.trajectory().point(i);
        let lines = descent_figure::quad::level_curve(self.core.run.objective(), p, layout.window);
        let with_px: Vec<Vec<_>> = lines
            .iter()
            .map(|l| l.iter().map(|&q| (q, layout.to_px(q))).collect())
            .collect();
        convert::to_js(&with_px)
    }

    /// The curvature at point k and the stable learning rates there: `{lambda, dim, shape,
    /// band: {code, bound}}` (the core's `Objective::curvature` and `Optimizer::band`).
    pub fn curvature(&self, k: f64) -> Result<JsValue, JsError> {
        let i = convert::index(k, self.core.run.trajectory().len())?;
        convert::to_js(&convert::curvature(&self.core.run, i))
    }

    /// The columns `{x, y, loss, gx, gy, lr}` as Float64Array copies.
    pub fn trajectory(&self) -> Result<JsValue, JsError> {
        convert::trajectory(&self.core.run)
    }

    /// `{name, display, formula, dim, window, minima, is_model, log_color, axis_names,
    /// optimizer_params, schedule_params, data_params, applies}` of the current landscape.
    pub fn info(&self) -> Result<JsValue, JsError> {
        convert::to_js(&self.core.info())
    }

    /// Every choice the controls offer: landscapes, optimizers, schedules, datasets, fields;
    /// and every problem, hint and divergence code the page must have words for.
    pub fn catalog(&self) -> Result<JsValue, JsError> {
        convert::to_js(&convert::catalog())
    }

    /// What the surface is drawn from (the landscape, its formula and data), as text: the
    /// surface cache's key. The page redraws its base layer when it changes.
    pub fn surface_key(&self) -> String {
        state::landscape_key(&self.core.settings)
    }

    /// Drops the cached surface: the next `render_base` recomputes the heatmap and contours
    /// (for `window.descent.redraw()` and benchmarks).
    pub fn forget_surface(&mut self) {
        self.core.forget_surface();
    }

    /// Computes the base layer's picture (heatmap and contours) for this canvas size without
    /// drawing it, so that a page starting up can compute it in one task and draw it in the
    /// next ([`Playground::render_base`] then finds it cached).
    pub fn prepare_base(&mut self, width_px: u32, height_px: u32, dpr: f64, log_color: bool) {
        self.core.surface_now(width_px, height_px, dpr, log_color);
    }

    /// Computes the final base layer's picture for this canvas size, however long it takes
    /// (a download's figure); [`Playground::render_base`] then draws it.
    pub fn finish_base(&mut self, width_px: u32, height_px: u32, dpr: f64, log_color: bool) {
        self.core.surface(width_px, height_px, dpr, log_color);
    }

    /// Whether the base layer's final picture for this size is cached: false while an
    /// expensive surface is still being refined ([`Playground::refine_base`]).
    pub fn base_done(&self, width_px: u32, height_px: u32, dpr: f64, log_color: bool) -> bool {
        self.core.surface_done(width_px, height_px, dpr, log_color)
    }

    /// Refines an expensive surface (logistic regression on many samples) by about `terms`
    /// loss terms, at least a row: 1 = the final picture is cached (nothing left), 2 = a new
    /// picture is cached (draw the base layer), 3 = both. The page calls it a slice at a time
    /// until 1, each slice a short task; [`Playground::render_base`] draws the picture so
    /// far (at first a coarse one).
    pub fn refine_base(
        &mut self,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        log_color: bool,
        terms: f64,
    ) -> u8 {
        let terms = if terms.is_finite() && terms > 0.0 {
            terms.min(1e15) as usize
        } else {
            1
        };
        self.core
            .refine_surface(width_px, height_px, dpr, log_color, terms)
    }

    /// Draws the base layer: heatmap (one putImageData), contours with labels, axes, minima.
    /// The grid is cached and recomputed only when the landscape, size or scale changes.
    pub fn render_base(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        log_color: bool,
    ) -> Result<(), JsError> {
        let canvas = canvas_of(ctx, width_px, height_px)?;
        let surface = self.core.surface_now(width_px, height_px, dpr, log_color);
        let layout = surface.layout;
        ctx.clear_rect(0.0, 0.0, width_px as f64, height_px as f64);
        if let Some((rgba, w, h)) = surface.picture() {
            let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w, h)
                .map_err(js_err("ImageData"))?;
            let r = layout.plot;
            ctx.put_image_data(&image, r.left as f64, r.top as f64)
                .map_err(js_err("putImageData"))?;
        }

        let surface = self
            .core
            .cached_surface()
            .ok_or_else(|| JsError::new("the surface was not computed"))?;
        descent_figure::surface::draw_base(
            backend(canvas.clone())?,
            &layout,
            &surface.base(),
            &LIGHT,
        )
        .map_err(|e| JsError::new(&e))?;
        let o = self.core.run.objective();
        if o.dim() == 2 && !descent_figure::zoom::equal_axes(o) {
            let note = self.words.get("axes_unequal");
            descent_figure::zoom::draw_scale_note(backend(canvas)?, &layout, note, &LIGHT)
                .map_err(|e| JsError::new(&e))?;
        }
        Ok(())
    }

    /// Clears the overlay and draws the trajectory up to point `upto_k`: polyline (decimated),
    /// step dots, start marker, current point (or its off-view marker) and the
    /// negative-gradient arrow. The view follows the main run's path (`descent_figure::zoom`):
    /// returns true when it now differs from the base layer's, which must then be drawn again
    /// (`render_base`).
    pub fn render_overlay(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        upto_k: f64,
    ) -> Result<bool, JsError> {
        let canvas = canvas_of(ctx, width_px, height_px)?;
        ctx.clear_rect(0.0, 0.0, width_px as f64, height_px as f64);
        let main = convert::clamp_index(upto_k, self.core.run.trajectory().len());
        self.core.show(main, width_px, height_px, dpr);
        let layout = self.core.layout(width_px, height_px, dpr);
        let stale = self
            .core
            .cached_surface()
            .is_none_or(|s| s.layout.window != layout.window || s.layout.plot != layout.plot);
        if self.core.run.objective().dim() == 1 {
            if self.core.others.is_empty() {
                views::walker(
                    &self.core,
                    &self.views,
                    backend(canvas)?,
                    &layout,
                    main,
                    self.words.get("off_view"),
                )
                .map_err(|e| JsError::new(&e))?;
                return Ok(stale);
            }
            let upto = convert::clamp_index(upto_k, self.core.span());
            let rows: Vec<descent_figure::runs::LegendRow> = self
                .core
                .all_runs()
                .iter()
                .enumerate()
                .map(|(index, (label, run))| {
                    let note = self.words.run_note(run, upto);
                    descent_figure::runs::LegendRow {
                        index,
                        text: if note.is_empty() {
                            label.clone()
                        } else {
                            format!("{label}  {note}")
                        },
                    }
                })
                .collect();
            views::walkers(
                &self.core,
                &self.views,
                backend(canvas)?,
                &layout,
                upto,
                &rows,
                self.words.get("off_view"),
            )
            .map_err(|e| JsError::new(&e))?;
            return Ok(stale);
        }
        let upto = convert::clamp_index(upto_k, self.core.span());
        if self.core.settings.quad {
            // Under the path: the local quadratic model's level curve through θ_k.
            let theta = self.core.run.trajectory().point(main);
            let lines =
                descent_figure::quad::level_curve(self.core.run.objective(), theta, layout.window);
            descent_figure::quad::draw_level_curve(backend(canvas.clone())?, &layout, &lines)
                .map_err(|e| JsError::new(&e))?;
        }
        // Where the main run's current point is, when it left the view.
        let off_view = |core: &state::Core, words: &CanvasWords| {
            let p = core.run.trajectory().point(main);
            let names = descent_figure::scene::axis_names(core.run.objective());
            let text =
                descent_figure::offview::offview_text(words.get("off_view"), names, p, false);
            (layout.to_px(p), text)
        };
        if self.core.others.is_empty() {
            // One run: its decimated path is kept between frames.
            let cloud = self.core.cloud_at(main).cloned();
            let kept = self.core.path_pixels(&layout, upto);
            let cols = self.core.path_columns(upto);
            let mut path = cols.path();
            if self.core.settings.maths && upto + 1 < self.core.run.trajectory().len() {
                // The maths view draws this step's arrows itself, labelled.
                path.step = None;
            }
            if cloud.is_some() {
                // The cloud draws this step's arrow itself, at the cloud's scale.
                path.step = None;
            }
            descent_figure::surface::draw_trajectory_decimated(
                backend(canvas.clone())?,
                &layout,
                &path,
                upto,
                &kept,
                &LIGHT,
            )
            .map_err(|e| JsError::new(&e))?;
            self.draw_cloud(&canvas, &layout, cloud.as_ref())?;
            let (p, text) = off_view(&self.core, &self.words);
            descent_figure::offview::draw_offview_on(backend(canvas)?, &layout, p, &text, &LIGHT)
                .map_err(|e| JsError::new(&e))?;
            return Ok(stale);
        }
        // Every run's decimated path is kept between frames: a race of long runs costs the
        // same to draw at every step.
        let kept = self.core.all_path_pixels(&layout, upto);
        let all = self.core.all_columns(upto);
        let notes: Vec<String> = all
            .iter()
            .map(|(_, _, run)| self.words.run_note(run, upto))
            .collect();
        let runs: Vec<descent_figure::runs::RunPath> = all
            .iter()
            .zip(&notes)
            .zip(&kept)
            .map(
                |(((label, cols, _), note), kept)| descent_figure::runs::RunPath {
                    path: cols.path(),
                    label,
                    note,
                    kept: Some(kept),
                },
            )
            .collect();
        descent_figure::runs::draw_runs(backend(canvas.clone())?, &layout, &runs, upto, &LIGHT)
            .map_err(|e| JsError::new(&e))?;
        let cloud = self.core.cloud_at(main).cloned();
        self.draw_cloud(&canvas, &layout, cloud.as_ref())?;
        let (p, text) = off_view(&self.core, &self.words);
        descent_figure::offview::draw_offview_on(backend(canvas)?, &layout, p, &text, &LIGHT)
            .map_err(|e| JsError::new(&e))?;
        Ok(stale)
    }

    /// Draws the loss chart (loss against step) up to point `upto_k`, log-y when asked and
    /// possible. Returns whether the y axis is logarithmic.
    pub fn render_loss(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        upto_k: f64,
        log_y: bool,
    ) -> Result<bool, JsError> {
        let canvas = canvas_of(ctx, width_px, height_px)?;
        let upto = convert::clamp_index(upto_k, self.core.span());
        self.core.extend_loss_summaries();
        let summaries = self.core.loss_summaries();
        let all = self.core.all_runs();
        let notes: Vec<String> = all
            .iter()
            .map(|(_, run)| self.words.run_note(run, upto))
            .collect();
        let series: Vec<descent_figure::loss::LossSeries> = all
            .iter()
            .zip(summaries)
            .zip(&notes)
            .map(
                |(((label, run), summary), note)| descent_figure::loss::LossSeries {
                    loss: &run.trajectory().loss,
                    label,
                    summary: Some(summary),
                    note,
                    diverging_from: descent::compare::diverging_from(run).map(|k| k as usize),
                },
            )
            .collect();
        let w = &self.words;
        let labels = descent_figure::loss::LossLabels {
            step: w.get("axis_step"),
            loss: w.get("axis_loss"),
            loss_log: w.get("axis_loss_log"),
        };
        descent_figure::loss::draw_losses(
            backend(canvas)?,
            (width_px, height_px, dpr),
            &series,
            upto,
            log_y,
            (&LIGHT, &labels),
        )
        .map_err(|e| JsError::new(&e))
    }

    /// The labelled ticks of the last loss chart drawn, `{x: [...], y: [...]}` in axis order
    /// (for tests: neighbouring labels must differ).
    pub fn loss_ticks(&self) -> Result<JsValue, JsError> {
        let (x, y) = descent_figure::loss::drawn_tick_labels();
        #[derive(serde::Serialize)]
        struct Ticks {
            x: Vec<String>,
            y: Vec<String>,
        }
        convert::to_js(&Ticks { x, y })
    }

    /// θ under a point of the surface canvas given in CSS pixels, as `[x, y]`, or undefined
    /// outside the plot (uses the layout of the last `render_base`).
    pub fn to_data(&self, css_x: f64, css_y: f64) -> Result<JsValue, JsError> {
        match self.core.to_data(css_x, css_y) {
            Some(p) => convert::to_js(&p),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Sets the start to (x, y) (for "random start" and clicks); returns the problems.
    pub fn set_start(&mut self, x: f64, y: f64) -> Result<JsValue, JsError> {
        self.core.set_start(x, y);
        self.problems()
    }
}

impl Playground {
    /// Draws the gradient cloud (when there is one) over what the overlay holds, and keeps
    /// its pixels for `cloud_at`.
    fn draw_cloud(
        &mut self,
        canvas: &HtmlCanvasElement,
        layout: &descent_figure::Layout,
        cloud: Option<&descent::cloud::Cloud>,
    ) -> Result<(), JsError> {
        self.core.cloud_drawn = None;
        let Some(cloud) = cloud else {
            return Ok(());
        };
        let lr = self.core.run.lr(cloud.k);
        self.core.cloud_drawn =
            descent_figure::cloud::draw_cloud(backend(canvas.clone())?, layout, cloud, lr, &LIGHT)
                .map_err(|e| JsError::new(&e))?;
        Ok(())
    }
}
