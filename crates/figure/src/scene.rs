//! Whole figures from a run: what the page computes for its canvases and what `descent render`
//! draws, in one place so that the two never differ.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use descent::compare::diverging_from;
use descent::{LandscapeKind, ModelKind, Objective, Run, Settings};

use crate::colormap::{to_rgba_units, to_units, ColorScale};
use crate::contour::{contours, levels, Contour};
use crate::data::{draw_data, DataFrame};
use crate::layout::Layout;
use crate::loss::{draw_loss, draw_losses, LossLabels, LossSeries};
use crate::mesh::{draw_mesh_axes, draw_mesh_path, raster, Camera, MeshGrid, Path3, MESH_SAMPLES};
use crate::offview::{draw_offview_on, offview_text};
use crate::oned::{draw_walker, draw_walkers, Minimum, OtherWalk, Walk, Words};
use crate::runs::{draw_runs, LegendRow, RunPath};
use crate::surface::{draw_base, draw_trajectory, Base, DrawResult, Path, Theme};
use crate::words::CanvasWords;
use crate::zoom::{draw_scale_note, equal_axes, run_layout};

/// Heatmap samples per CSS pixel, as a step: one sample every two CSS pixels.
pub const SAMPLE_STEP_CSS: f64 = 2.0;

/// The number of contour levels aimed at.
pub const CONTOUR_LEVELS: usize = 10;

/// The loss surface computed for one layout: heatmap, contours, minima, or a 1-D curve.
#[derive(Clone, Debug)]
pub struct SurfaceParts {
    /// Where the plot sits and what window it shows.
    pub layout: Layout,
    /// RGBA bytes of the heatmap (empty for 1-D landscapes).
    pub rgba: Vec<u8>,
    /// The heatmap's colour positions (unrounded indices into viridis, in `[0, 255]`), for
    /// [`crate::raster::picture`]; empty for 1-D landscapes.
    pub units: Vec<f32>,
    /// Heatmap columns.
    pub nx: usize,
    /// Heatmap rows.
    pub ny: usize,
    /// Contour lines.
    pub contours: Vec<Contour>,
    /// Minima in plot coordinates ((x, f(x)) for 1-D landscapes).
    pub minima: Vec<[f64; 2]>,
    /// The axis names.
    pub axis_names: (&'static str, &'static str),
    /// The curve f(x) of a 1-D landscape.
    pub curve: Option<Vec<[f64; 2]>>,
}

impl SurfaceParts {
    /// What [`draw_base`] draws; `blit` puts the heatmap in through the backend (bitmaps,
    /// SVG), otherwise the caller has put it there (the browser's `putImageData`).
    pub fn base(&self, blit: bool) -> Base<'_> {
        Base {
            contours: &self.contours,
            minima: &self.minima,
            axis_names: self.axis_names,
            heatmap: (blit && !self.rgba.is_empty()).then_some((&self.rgba[..], self.nx, self.ny)),
            curve: self.curve.as_deref(),
            lines: true,
        }
    }
}

/// The axis names of a landscape's parameters.
pub fn axis_names(o: &Objective) -> (&'static str, &'static str) {
    match o.model().map(|m| m.kind()) {
        Some(ModelKind::Linreg2) => ("w₁", "w₂"),
        Some(_) => ("w", "b"),
        None if o.dim() == 1 => ("x", "f(x)"),
        None => ("x", "y"),
    }
}

/// Samples, colours and contours the landscape for a layout (or samples its curve, in 1-D).
pub fn surface_parts(o: &Objective, layout: Layout, log: bool) -> SurfaceParts {
    parts(o, layout, log, true)
}

/// [`surface_parts`] without the `nx × ny` RGBA heatmap (`rgba` is left empty): for the
/// browser, which draws the picture from `units` ([`crate::raster::picture`]).
pub fn surface_parts_units(o: &Objective, layout: Layout, log: bool) -> SurfaceParts {
    parts(o, layout, log, false)
}

fn parts(o: &Objective, layout: Layout, log: bool, with_rgba: bool) -> SurfaceParts {
    if o.dim() == 1 {
        let w = layout.window;
        let n = layout.plot.width().max(2) as usize;
        let curve: Vec<[f64; 2]> = (0..n)
            .map(|i| {
                let x = w.x_min + (w.x_max - w.x_min) * i as f64 / (n - 1) as f64;
                [x, o.value([x, 0.0])]
            })
            .collect();
        let minima = o
            .minima()
            .into_iter()
            .map(|m| [m[0], o.value([m[0], 0.0])])
            .collect();
        return SurfaceParts {
            layout,
            rgba: Vec::new(),
            units: Vec::new(),
            nx: 0,
            ny: 0,
            contours: Vec::new(),
            minima,
            axis_names: axis_names(o),
            curve: Some(curve),
        };
    }
    let (nx, ny) = layout.grid_size(SAMPLE_STEP_CSS * layout.dpr);
    let sw = layout.sample_window(nx, ny);
    let grid = o.loss_grid(sw, nx, ny);
    parts_of_grid(o, layout, log, with_rgba, &grid, nx, ny)
}

/// [`surface_parts_units`] from a grid already sampled: the loss on the `nx × ny` grid of
/// `layout.sample_window(nx, ny)` (a coarser grid than the page's gives a coarser picture of
/// the same surface). The page samples an expensive surface a few rows at a time, and
/// coarse first (`crates/web`, `state/surface.rs`).
pub fn surface_parts_of_grid(
    o: &Objective,
    layout: Layout,
    log: bool,
    grid: &[f64],
    nx: usize,
    ny: usize,
) -> SurfaceParts {
    parts_of_grid(o, layout, log, false, grid, nx, ny)
}

fn parts_of_grid(
    o: &Objective,
    layout: Layout,
    log: bool,
    with_rgba: bool,
    grid: &[f64],
    nx: usize,
    ny: usize,
) -> SurfaceParts {
    let sw = layout.sample_window(nx, ny);
    let mut rgba = vec![0u8; if with_rgba { nx * ny * 4 } else { 0 }];
    let mut units = vec![0f32; nx * ny];
    let scale = ColorScale::from_values(grid, log);
    if with_rgba {
        to_rgba_units(grid, &scale, &mut rgba, &mut units);
    } else {
        to_units(grid, &scale, &mut units);
    }
    let contours = contours(grid, nx, ny, sw, &levels(&scale, CONTOUR_LEVELS));
    SurfaceParts {
        layout,
        rgba,
        units,
        nx,
        ny,
        contours,
        minima: o.minima(),
        axis_names: axis_names(o),
        curve: None,
    }
}

/// The loss sampled for the 3-D view over the landscape's window.
pub fn mesh_grid(o: &Objective, log: bool) -> MeshGrid {
    let w = o.window();
    let n = MESH_SAMPLES;
    MeshGrid::new(o.loss_grid(w, n, n), n, n, w, log)
}

/// The minima of a 1-D landscape with f there and whether each is global (the landscape's
/// info lists the global ones first). Custom formulas know no minima.
pub fn minima_1d(s: &Settings, o: &Objective) -> Vec<Minimum> {
    let global = match s.f {
        LandscapeKind::Function(f) => f.info().global_minima_count,
        _ => 0,
    };
    o.minima()
        .into_iter()
        .enumerate()
        .map(|(i, m)| Minimum {
            x: m[0],
            fx: o.value([m[0], 0.0]),
            global: i < global,
        })
        .collect()
}

/// Whether the colour scale of these settings is logarithmic (`color=auto` asks the
/// landscape).
pub fn log_color(s: &Settings, o: &Objective) -> bool {
    match s.color {
        descent::ColorScale::Log => true,
        descent::ColorScale::Linear => false,
        descent::ColorScale::Auto => match s.f {
            LandscapeKind::Function(f) => f.info().log_color,
            LandscapeKind::Custom => {
                o.dim() == 2 && crate::colormap::prefers_log(&o.loss_grid(o.window(), 48, 48))
            }
            // Unscaled two-feature regression spans five decades (its ellipses are 100 times
            // longer than wide): only a log scale shows the rings around its minimum.
            // Standardised, its near circles read best on a linear scale.
            LandscapeKind::Model(descent::ModelKind::Linreg2) => s.scale == descent::Scaling::None,
            LandscapeKind::Model(_) => false,
        },
    }
}

/// Which figure to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The heatmap with contours and the path (the curve and the walker in 1-D).
    Surface,
    /// The shaded mesh with the path on it.
    Mesh,
    /// Loss against step.
    Loss,
    /// The data and the model (data models only).
    Data,
}

impl View {
    /// The view for a name: surface, 3d, loss or data.
    pub fn from_name(s: &str) -> Option<View> {
        match s {
            "surface" => Some(View::Surface),
            "3d" => Some(View::Mesh),
            "loss" => Some(View::Loss),
            "data" => Some(View::Data),
            _ => None,
        }
    }
}

/// Why a run has no such figure, if it has none: the 3-D view needs two parameters and the
/// data view a data model.
pub fn view_problem(run: &Run, view: View) -> Option<String> {
    let (s, o) = (run.settings(), run.objective());
    match view {
        View::Mesh if o.dim() != 2 => Some(format!(
            "the 3-D view needs a landscape of two parameters; f={} has one",
            s.f.name()
        )),
        View::Data if o.model().is_none() => Some(format!(
            "the data view needs a data model (linreg, logreg, linreg2), not f={}",
            s.f.name()
        )),
        _ => None,
    }
}

/// The gradient and learning rate at point `upto` (clamped to the run), as [`Path::step`].
pub fn step_at(run: &Run, upto: usize) -> ([f64; 2], f64) {
    let k = upto.min(run.trajectory().len().saturating_sub(1));
    (run.gradient(k), run.lr(k))
}

/// The words of the note under a figure whose axes have scales of their own.
pub const SCALE_NOTE: &str = "axes not to the same scale";

/// The words before the place of a point beyond the view.
pub const OFF_VIEW: &str = "off view";

/// The surface's layout for a run shown at point `upto`: the landscape's window grown to hold
/// the path's first points as far as they can be held ([`crate::zoom`]), with equal units on
/// both axes for landscapes of two alike parameters.
pub fn surface_layout(run: &Run, upto: usize, (width, height, dpr): (u32, u32, f64)) -> Layout {
    let o = run.objective();
    let t = run.trajectory();
    let ys = if o.dim() == 1 { &t.loss } else { &t.y };
    run_layout(o, o.window(), (&t.x, ys), upto, (width, height, dpr))
}

/// Draws one whole figure of a run at point `upto` on any backend of `width × height` device
/// pixels at `dpr` (the heatmap goes in through `blit_bitmap`).
pub fn render<DB: DrawingBackend>(
    mut backend: DB,
    run: &Run,
    view: View,
    (width, height, dpr): (u32, u32, f64),
    upto: usize,
    theme: &Theme,
) -> DrawResult {
    let s = run.settings();
    let o = run.objective();
    let t = run.trajectory();
    let log = log_color(s, o);
    let size = (width, height, dpr);
    if let Some(problem) = view_problem(run, view) {
        return Err(problem);
    }
    match view {
        View::Surface => {
            let layout = surface_layout(run, upto, size);
            draw_surface_base(&mut backend, run, &layout, theme)?;
            draw_surface_path(&mut backend, run, &layout, upto, theme)?;
        }
        View::Mesh => {
            let mesh = mesh_grid(o, log);
            let camera = Camera {
                yaw: s.yaw,
                pitch: s.pitch,
                zoom: s.zoom,
            };
            let path = Path3 {
                x: &t.x,
                y: &t.y,
                loss: &t.loss,
            };
            let r = raster(&mesh, camera, width, height);
            let rgb: Vec<u8> = r
                .rgba
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            backend
                .blit_bitmap((0, 0), (width, height), &rgb)
                .map_err(|e| format!("drawing the 3-D view failed: {e}"))?;
            draw_mesh_axes(
                Layer(&mut backend),
                size,
                &mesh,
                camera,
                axis_names(o),
                theme,
            )?;
            draw_mesh_path(
                Layer(&mut backend),
                size,
                &mesh,
                camera,
                &path,
                upto,
                Some(&r),
                "",
                theme,
            )?;
        }
        View::Loss => {
            draw_loss(Layer(&mut backend), size, &t.loss, upto, s.logy, theme)?;
        }
        View::Data => {
            let model = o.model().ok_or("the data view needs a data model")?;
            let k = upto.min(t.len().saturating_sub(1));
            let frame = DataFrame {
                model,
                theta0: t.point(0),
                theta: t.point(k),
                batch: t.batch(k),
                residuals: s.resid,
            };
            draw_data(Layer(&mut backend), size, &frame, theme)?;
        }
    }
    backend
        .present()
        .map_err(|e| format!("finishing the figure failed: {e}"))
}

/// A run drawn with others: what tells it apart (`adam(lr=0.01)`, from
/// [`Settings::runs`]) and the run.
#[derive(Clone, Copy, Debug)]
pub struct LabelledRun<'a> {
    /// Its label in the legend.
    pub label: &'a str,
    /// The run.
    pub run: &'a Run,
}

/// Draws one whole figure of runs compared (`race=`, `lrs=`: the main run first) at point
/// `upto` of the longest, as the page draws them: the surface view with every path and a
/// legend, the loss chart with every curve; the 3-D and data views show the main run. One
/// run is [`render`]'s figure.
#[allow(clippy::too_many_arguments)]
pub fn render_runs<DB: DrawingBackend>(
    mut backend: DB,
    runs: &[LabelledRun],
    view: View,
    size: (u32, u32, f64),
    upto: usize,
    words: &CanvasWords,
    theme: &Theme,
) -> DrawResult {
    let Some(main) = runs.first() else {
        return Err("there is no run to draw".into());
    };
    let main_upto = upto.min(main.run.trajectory().len().saturating_sub(1));
    if runs.len() == 1 || matches!(view, View::Mesh | View::Data) {
        return render(backend, main.run, view, size, main_upto, theme);
    }
    if let Some(problem) = view_problem(main.run, view) {
        return Err(problem);
    }
    match view {
        View::Surface => {
            let layout = surface_layout(main.run, main_upto, size);
            draw_surface_base(&mut backend, main.run, &layout, theme)?;
            draw_surface_paths(&mut backend, runs, &layout, upto, words, theme)?;
        }
        _ => {
            let notes: Vec<String> = runs.iter().map(|r| words.run_note(r.run, upto)).collect();
            let series: Vec<LossSeries> = runs
                .iter()
                .zip(&notes)
                .map(|(r, note)| LossSeries {
                    loss: &r.run.trajectory().loss,
                    label: r.label,
                    summary: None,
                    note,
                    diverging_from: diverging_from(r.run).map(|k| k as usize),
                })
                .collect();
            let labels = LossLabels {
                step: words.get("axis_step"),
                loss: words.get("axis_loss"),
                loss_log: words.get("axis_loss_log"),
            };
            let log_y = main.run.settings().logy;
            draw_losses(
                Layer(&mut backend),
                size,
                &series,
                upto,
                log_y,
                (theme, &labels),
            )?;
        }
    }
    backend
        .present()
        .map_err(|e| format!("finishing the figure failed: {e}"))
}

/// The surface view's path layer of runs compared (the main run first, whose view `layout`
/// is) at point `upto` of the longest, over [`draw_surface_base`], as the page draws it:
/// every path in its colour, dashes and marker with a legend of labels and notes (on the
/// curve for 1-D landscapes), the main run's quadratic model, cloud and off-view marker.
/// One run is [`draw_surface_path`]'s layer.
pub fn draw_surface_paths<DB: DrawingBackend>(
    backend: &mut DB,
    runs: &[LabelledRun],
    layout: &Layout,
    upto: usize,
    words: &CanvasWords,
    theme: &Theme,
) -> DrawResult {
    let Some(main) = runs.first() else {
        return Ok(());
    };
    let (s, o, t) = (
        main.run.settings(),
        main.run.objective(),
        main.run.trajectory(),
    );
    let main_upto = upto.min(t.len().saturating_sub(1));
    if runs.len() == 1 {
        return draw_surface_path(backend, main.run, layout, main_upto, theme);
    }
    let layout = *layout;
    let notes: Vec<String> = runs.iter().map(|r| words.run_note(r.run, upto)).collect();
    if o.dim() == 1 {
        let minima = minima_1d(s, o);
        let walk = Walk {
            x: &t.x,
            fx: &t.loss,
            slope: step_at(main.run, main_upto).0[0],
            minima: &minima,
        };
        let others: Vec<OtherWalk> = runs
            .iter()
            .enumerate()
            .skip(1)
            .map(|(index, r)| OtherWalk {
                index,
                x: &r.run.trajectory().x,
                fx: &r.run.trajectory().loss,
            })
            .collect();
        let rows: Vec<LegendRow> = runs
            .iter()
            .zip(&notes)
            .enumerate()
            .map(|(index, (r, note))| LegendRow {
                index,
                text: if note.is_empty() {
                    r.label.to_string()
                } else {
                    format!("{}  {note}", r.label)
                },
            })
            .collect();
        let curve = parts(o, layout, false, false).curve.unwrap_or_default();
        let words = Words {
            off_view: words.get("off_view").to_string(),
            ..Words::default()
        };
        return draw_walkers(
            Layer(&mut *backend),
            &layout,
            &walk,
            &others,
            &curve,
            &rows,
            upto,
            &words,
            theme,
        );
    }
    if s.quad {
        let lines = crate::quad::level_curve(o, t.point(main_upto), layout.window);
        crate::quad::draw_level_curve(Layer(&mut *backend), &layout, &lines)?;
    }
    let paths: Vec<RunPath> = runs
        .iter()
        .zip(&notes)
        .map(|(r, note)| {
            let u = r.run.trajectory();
            RunPath {
                path: Path {
                    x: &u.x,
                    y: &u.y,
                    step: Some(step_at(r.run, upto)),
                },
                label: r.label,
                note,
                kept: None,
            }
        })
        .collect();
    draw_runs(Layer(&mut *backend), &layout, &paths, upto, theme)?;
    if let Some(cloud) = s
        .cloud
        .then(|| descent::cloud::Cloud::at(main.run, main_upto))
        .flatten()
    {
        let lr = main.run.lr(cloud.k);
        crate::cloud::draw_cloud(Layer(&mut *backend), &layout, &cloud, lr, theme)?;
    }
    let p = t.point(main_upto);
    let text = offview_text(words.get("off_view"), axis_names(o), p, false);
    draw_offview_on(Layer(&mut *backend), &layout, layout.to_px(p), &text, theme)?;
    Ok(())
}

/// The surface view's layer that stays while a run plays: the heatmap, contours, axes and
/// minima (and the note on unequal axes), for `layout`.
pub fn draw_surface_base<DB: DrawingBackend>(
    backend: &mut DB,
    run: &Run,
    layout: &Layout,
    theme: &Theme,
) -> DrawResult {
    let o = run.objective();
    let parts = surface_parts(o, *layout, log_color(run.settings(), o));
    draw_base(Layer(&mut *backend), layout, &parts.base(true), theme)?;
    if o.dim() == 2 && !equal_axes(o) {
        draw_scale_note(Layer(&mut *backend), layout, SCALE_NOTE, theme)?;
    }
    Ok(())
}

/// The surface view's layer of point `upto`, over [`draw_surface_base`]: the path and the
/// current point with its arrow (the walker in 1-D), the quadratic model's curve, the
/// gradient cloud and the marker of a point beyond the view, as the page draws them.
pub fn draw_surface_path<DB: DrawingBackend>(
    backend: &mut DB,
    run: &Run,
    layout: &Layout,
    upto: usize,
    theme: &Theme,
) -> DrawResult {
    let (s, o, t) = (run.settings(), run.objective(), run.trajectory());
    let layout = *layout;
    if o.dim() == 1 {
        let minima = minima_1d(s, o);
        let walk = Walk {
            x: &t.x,
            fx: &t.loss,
            slope: step_at(run, upto).0[0],
            minima: &minima,
        };
        return draw_walker(
            Layer(&mut *backend),
            &layout,
            &walk,
            upto,
            &Words::default(),
            theme,
        );
    }
    // The cloud draws this step's arrow itself, at its own scale.
    let cloud = s
        .cloud
        .then(|| descent::cloud::Cloud::at(run, upto))
        .flatten();
    let path = Path {
        x: &t.x,
        y: &t.y,
        step: cloud.is_none().then(|| step_at(run, upto)),
    };
    if s.quad {
        // Under the path, as on the page: the quadratic model's level curve.
        let theta = t.point(upto.min(t.len().saturating_sub(1)));
        let lines = crate::quad::level_curve(o, theta, layout.window);
        crate::quad::draw_level_curve(Layer(&mut *backend), &layout, &lines)?;
    }
    draw_trajectory(Layer(&mut *backend), &layout, &path, upto, theme)?;
    if let Some(cloud) = &cloud {
        let lr = run.lr(cloud.k);
        crate::cloud::draw_cloud(Layer(&mut *backend), &layout, cloud, lr, theme)?;
    }
    let k = upto.min(t.len().saturating_sub(1));
    let p = t.point(k);
    let text = offview_text(OFF_VIEW, axis_names(o), p, false);
    draw_offview_on(Layer(&mut *backend), &layout, layout.to_px(p), &text, theme)?;
    Ok(())
}

/// A backend borrowed for one layer of a figure: everything is passed through, except that
/// `present` waits for the whole figure.
struct Layer<'a, DB>(&'a mut DB);

type Res<E> = Result<(), DrawingErrorKind<E>>;

impl<DB: DrawingBackend> DrawingBackend for Layer<'_, DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Res<Self::ErrorType> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Res<Self::ErrorType> {
        Ok(())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res<Self::ErrorType> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res<Self::ErrorType> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res<Self::ErrorType> {
        self.0.draw_rect(ul, br, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res<Self::ErrorType> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res<Self::ErrorType> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res<Self::ErrorType> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Res<Self::ErrorType> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.0.estimate_text_size(text, style)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Res<Self::ErrorType> {
        self.0.blit_bitmap(pos, size, src)
    }
}
