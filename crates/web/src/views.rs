//! The teaching views on their own canvases: the data view of data models, the 3-D mesh, and
//! the 1-D walker drawn on the overlay of one-dimensional landscapes.

use descent_figure::data::{data_layout, draw_data_in, sample_point, DataFrame};
use descent_figure::layout::Layout;
use descent_figure::mesh::{
    draw_mesh_axes, draw_mesh_path, raster, Camera, MeshGrid, Path3, Projection, Raster,
    MESH_SAMPLES,
};
use descent_figure::oned::{draw_walker, draw_walkers, minimum_near, OtherWalk, Walk, Words};
use descent_figure::scene::{axis_names, mesh_grid, minima_1d, step_at};
use descent_figure::surface::{DrawResult, LIGHT};
use wasm_bindgen::{prelude::*, Clamped};
use web_sys::{CanvasRenderingContext2d, ImageData};

use crate::state::{landscape_key, Core};
use crate::{backend, canvas_of, convert, Playground};

/// What the views keep between draws; the [`Playground`] owns it.
#[derive(Default)]
pub(crate) struct ViewCaches {
    /// The words drawn on the walker, in the page's language.
    walker_words: Words,
    /// The 3-D mesh for a landscape and colour scale, kept while they stay the same.
    mesh: Option<MeshCache>,
    /// The full mesh being sampled a few rows a call (`refine_mesh`) while a coarse one is
    /// shown: an expensive landscape (logistic regression on many samples).
    mesh_build: Option<MeshBuild>,
    /// The last 3-D raster (with its depths) and what it was drawn for, so that the path can
    /// tell where the surface hides it.
    depth: Option<(String, Raster)>,
    /// The layout of the last data view drawn (for `data_px`).
    data_layout: Option<Layout>,
    /// The data view's window held still while the user draws (`hold_data_view`).
    data_hold: Option<descent::Window>,
}

impl ViewCaches {
    /// The walker's words with the off-view note.
    fn words(&self, off_view: &str) -> Words {
        Words {
            off_view: off_view.to_string(),
            ..self.walker_words.clone()
        }
    }
}

/// Draws the 1-D walker on the overlay (called by `render_overlay` for 1-D landscapes).
pub(crate) fn walker<DB: plotters_backend::DrawingBackend>(
    core: &Core,
    caches: &ViewCaches,
    backend: DB,
    layout: &Layout,
    upto: usize,
    off_view: &str,
) -> DrawResult {
    let t = core.run.trajectory();
    let minima = minima_1d(&core.settings, core.run.objective());
    let walk = Walk {
        x: &t.x,
        fx: &t.loss,
        slope: step_at(&core.run, upto).0[0],
        minima: &minima,
    };
    draw_walker(
        backend,
        layout,
        &walk,
        upto,
        &caches.words(off_view),
        &LIGHT,
    )
}

/// The 1-D walker with the runs compared with it (`lrs=`, `race=`) on the same curve.
pub(crate) fn walkers<DB: plotters_backend::DrawingBackend>(
    core: &Core,
    caches: &ViewCaches,
    backend: DB,
    layout: &Layout,
    upto: usize,
    rows: &[descent_figure::runs::LegendRow],
    off_view: &str,
) -> DrawResult {
    let t = core.run.trajectory();
    let minima = minima_1d(&core.settings, core.run.objective());
    let main_upto = upto.min(t.len().saturating_sub(1));
    let walk = Walk {
        x: &t.x,
        fx: &t.loss,
        slope: step_at(&core.run, main_upto).0[0],
        minima: &minima,
    };
    let others: Vec<OtherWalk> = core
        .others
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let u = o.run.trajectory();
            OtherWalk {
                index: i + 1,
                x: &u.x,
                fx: &u.loss,
            }
        })
        .collect();
    let curve: &[[f64; 2]] = core
        .cached_surface()
        .and_then(|s| s.curve.as_deref())
        .unwrap_or(&[]);
    draw_walkers(
        backend,
        layout,
        &walk,
        &others,
        curve,
        rows,
        upto,
        &caches.words(off_view),
        &LIGHT,
    )
}

/// A mesh and what it was sampled for.
pub(crate) struct MeshCache {
    key: String,
    log: bool,
    grid: MeshGrid,
}

/// The full mesh of an expensive landscape, sampled a few rows at a time.
pub(crate) struct MeshBuild {
    key: String,
    log: bool,
    values: Vec<f64>,
    /// Rows sampled so far.
    row: usize,
}

/// A mesh whose loss terms (samples × terms a sample) are at most this is sampled at once
/// (about 25 ms in the page); a larger one shows a coarse mesh first (`refine_mesh`).
const MESH_AT_ONCE_TERMS: usize = 1_000_000;

/// Samples a side of the coarse mesh shown while the full one is sampled.
const MESH_COARSE: usize = 8;

/// The mesh for the current landscape and scale, kept in `cache`: the full one, or for an
/// expensive landscape a coarse one at first, with the full one begun in `build`.
fn mesh<'a>(
    core: &Core,
    cache: &'a mut Option<MeshCache>,
    build: &mut Option<MeshBuild>,
    log: bool,
) -> &'a MeshGrid {
    let key = landscape_key(&core.settings);
    let fresh = matches!(cache, Some(m) if m.key == key && m.log == log);
    if !fresh {
        let o = core.run.objective();
        let grid = if MESH_SAMPLES * MESH_SAMPLES * o.sample_cost() <= MESH_AT_ONCE_TERMS {
            *build = None;
            mesh_grid(o, log)
        } else {
            *build = Some(MeshBuild {
                key: key.clone(),
                log,
                values: vec![0.0; MESH_SAMPLES * MESH_SAMPLES],
                row: 0,
            });
            let (n, w) = (MESH_COARSE, o.window());
            MeshGrid::new(o.loss_grid(w, n, n), n, n, w, log)
        };
        *cache = Some(MeshCache { key, log, grid });
    }
    match cache {
        Some(m) => &m.grid,
        None => unreachable!("the mesh was just stored"),
    }
}

/// What a 3-D raster depends on: landscape, colour scale, size and camera.
fn raster_key(core: &Core, log: bool, w: u32, h: u32) -> String {
    let c = camera(core);
    format!(
        "{}|{log}|{w}x{h}|{}|{}|{}",
        landscape_key(&core.settings),
        c.yaw,
        c.pitch,
        c.zoom
    )
}

fn camera(core: &Core) -> Camera {
    let s = &core.settings;
    Camera {
        yaw: s.yaw,
        pitch: s.pitch,
        zoom: s.zoom,
    }
}

#[wasm_bindgen]
impl Playground {
    /// Sets the words drawn on the 1-D walker (the page's language).
    pub fn set_walker_words(&mut self, slope: &str, global: &str, local: &str, step: &str) {
        self.views.walker_words = Words {
            slope: slope.into(),
            global: global.into(),
            local: local.into(),
            step: step.into(),
            ..Words::default()
        };
    }

    /// Draws the data view at point `upto_k`: the samples, the model at θ₀ and θ_k, the
    /// batch, and residuals when `resid=on`. Returns false (drawing nothing) when the
    /// landscape is not a data model.
    pub fn render_data(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        upto_k: f64,
    ) -> Result<bool, JsError> {
        let Some(model) = self.core.run.objective().model() else {
            return Ok(false);
        };
        let canvas = canvas_of(ctx, width_px, height_px)?;
        let t = self.core.run.trajectory();
        let k = convert::clamp_index(upto_k, t.len());
        let frame = DataFrame {
            model,
            theta0: t.point(0),
            theta: t.point(k),
            batch: t.batch(k),
            residuals: self.core.settings.resid,
        };
        let layout = draw_data_in(
            backend(canvas)?,
            (width_px, height_px, dpr),
            &frame,
            self.views.data_hold,
            &LIGHT,
        )
        .map_err(|e| JsError::new(&e))?;
        self.views.data_layout = Some(layout);
        Ok(true)
    }

    /// The device pixel of data coordinates (x, y) in the last data view drawn, as `[px, py]`
    /// (for tests); undefined before one was drawn.
    pub fn data_px(&self, x: f64, y: f64) -> Result<JsValue, JsError> {
        match self.views.data_layout {
            Some(l) => convert::to_js(&l.to_px([x, y])),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The data coordinates `[x, y]` under a CSS pixel of the data view as last drawn, or
    /// undefined outside its plot (for drawing points: x and y, or x and the label's axis).
    pub fn data_at(&self, css_x: f64, css_y: f64) -> Result<JsValue, JsError> {
        match self
            .views
            .data_layout
            .and_then(|l| l.to_data(css_x * l.dpr, css_y * l.dpr))
        {
            Some(p) => convert::to_js(&p),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The sample drawn nearest a CSS pixel of the data view within `radius_css` CSS pixels
    /// (where it is drawn: logreg's labels jittered), or -1.
    pub fn data_hit(&self, css_x: f64, css_y: f64, radius_css: f64) -> i32 {
        let (Some(model), Some(l)) = (self.core.run.objective().model(), self.views.data_layout)
        else {
            return -1;
        };
        let (px, py) = (css_x * l.dpr, css_y * l.dpr);
        let r2 = (radius_css * l.dpr).powi(2);
        let theta = self.core.run.trajectory().point(0);
        let mut best = (-1, r2);
        for i in 0..model.len() {
            let (p, _) = sample_point(model, theta, i);
            let (qx, qy) = l.to_px(p);
            let d2 = (qx - px).powi(2) + (qy - py).powi(2);
            if d2 <= best.1 {
                best = (i as i32, d2);
            }
        }
        best.0
    }

    /// The device pixel `[px, py]` where sample `i` is drawn in the data view as last drawn
    /// (logreg's label jittered), or undefined.
    pub fn data_sample_px(&self, i: u32) -> Result<JsValue, JsError> {
        let (Some(model), Some(l)) = (self.core.run.objective().model(), self.views.data_layout)
        else {
            return Ok(JsValue::UNDEFINED);
        };
        if i as usize >= model.len() {
            return Ok(JsValue::UNDEFINED);
        }
        let theta = self.core.run.trajectory().point(0);
        convert::to_js(&l.to_px(sample_point(model, theta, i as usize).0))
    }

    /// Holds the data view's window as last drawn (`true`) while the user draws, or lets it
    /// follow the data again (`false`).
    pub fn hold_data_view(&mut self, hold: bool) {
        self.views.data_hold = if hold {
            self.views.data_layout.map(|l| l.window)
        } else {
            None
        };
    }

    /// How many samples the data model has (0 for other landscapes), without generating
    /// them as `samples` does.
    pub fn sample_count(&self) -> u32 {
        self.core.settings.sample_count()
    }

    /// The samples of the data model as points, flat (`points_arity` numbers each: x, y or
    /// x, label; x₁, x₂, y for linreg2), whatever the dataset (generated or custom) and
    /// unscaled: what drawing on generated data starts from. Empty for other landscapes.
    pub fn samples(&self) -> Vec<f64> {
        let Some(d) = self.core.settings.samples() else {
            return Vec::new();
        };
        let two = !d.x2.is_empty();
        let mut out = Vec::with_capacity(d.len() * if two { 3 } else { 2 });
        for i in 0..d.len() {
            out.push(d.x1[i]);
            if two {
                out.push(d.x2[i]);
            }
            out.push(d.y[i]);
        }
        out
    }

    /// The canonical settings for the link: `settings()`, except that custom points beyond
    /// what a link holds (`link_problem()`) are left out (they go in a session file).
    pub fn link_settings(&self) -> String {
        if descent::codec::link_problem(&self.core.settings).is_none() {
            return self.core.settings.encode();
        }
        let mut s = self.core.settings.clone();
        s.pts = descent::Points::default();
        s.encode()
    }

    /// The data view's layout for a canvas size (without drawing), as `[px, py]` of (x, y).
    pub fn data_layout_px(
        &self,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        x: f64,
        y: f64,
    ) -> Result<JsValue, JsError> {
        match self.core.run.objective().model() {
            Some(m) => convert::to_js(&data_layout(m, (width_px, height_px, dpr)).to_px([x, y])),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Draws the shaded 3-D mesh (camera from `yaw`, `pitch`, `zoom`): the pixels are filled
    /// in Rust and put with ONE `putImageData`, then the axes drawn over them. Returns the
    /// number of quads. The sampled mesh is kept until the landscape or colour scale changes.
    pub fn render_mesh(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        log_color: bool,
    ) -> Result<f64, JsError> {
        let canvas = canvas_of(ctx, width_px, height_px)?;
        if self.core.run.objective().dim() != 2 {
            ctx.clear_rect(0.0, 0.0, width_px as f64, height_px as f64);
            return Ok(0.0);
        }
        let names = axis_names(self.core.run.objective());
        let cam = camera(&self.core);
        let grid = mesh(
            &self.core,
            &mut self.views.mesh,
            &mut self.views.mesh_build,
            log_color,
        );
        let r = raster(grid, cam, width_px, height_px);
        let image =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(&r.rgba), width_px, height_px)
                .map_err(|_| JsError::new("ImageData for the 3-D view failed"))?;
        ctx.put_image_data(&image, 0.0, 0.0)
            .map_err(|_| JsError::new("putImageData for the 3-D view failed"))?;
        let b = backend(canvas)?;
        draw_mesh_axes(b, (width_px, height_px, dpr), grid, cam, names, &LIGHT)
            .map_err(|e| JsError::new(&e))?;
        let quads = r.quads;
        let key = raster_key(&self.core, log_color, width_px, height_px);
        self.views.depth = Some((key, r));
        Ok(quads as f64)
    }

    /// Samples about `terms` more loss terms (at least a row) of the full 3-D mesh while a
    /// coarse one is shown (see `render_mesh`): 1 = the full mesh is cached (nothing left),
    /// 2 = it has just been completed (draw the mesh again), so 3 at the end; 0 = more to do.
    /// The page calls it a slice at a time, each a short task, as `refine_base`.
    pub fn refine_mesh(&mut self, log_color: bool, terms: f64) -> u8 {
        const DONE: u8 = 1;
        const NEW_MESH: u8 = 2;
        let key = landscape_key(&self.core.settings);
        let views = &mut self.views;
        let Some(b) = views
            .mesh_build
            .as_mut()
            .filter(|b| b.key == key && b.log == log_color)
        else {
            views.mesh_build = None;
            return DONE;
        };
        let o = self.core.run.objective();
        let n = MESH_SAMPLES;
        let row_terms = (n * o.sample_cost()).max(1);
        let terms = if terms.is_finite() && terms > 0.0 {
            terms.min(1e15) as usize
        } else {
            1
        };
        let rows = (terms / row_terms).clamp(1, n - b.row);
        let w = o.window();
        o.loss_rows(w, n, n, b.row, &mut b.values[b.row * n..(b.row + rows) * n]);
        b.row += rows;
        if b.row < n {
            return 0;
        }
        let values = std::mem::take(&mut b.values);
        views.mesh_build = None;
        views.mesh = Some(MeshCache {
            key,
            log: log_color,
            grid: MeshGrid::new(values, n, n, w, log_color),
        });
        DONE | NEW_MESH
    }

    /// Samples a side of the 3-D mesh last drawn (the coarse one while `refine_mesh` has
    /// more to do), or 0 before one is drawn; for tests.
    pub fn mesh_samples(&self) -> u32 {
        self.views.mesh.as_ref().map_or(0, |m| m.grid.nx as u32)
    }

    /// Clears the 3-D overlay and draws the path up to point `upto_k` lying on the mesh, hidden
    /// where the mesh is in front of it; `hidden_note` is written when the current point is.
    #[allow(clippy::too_many_arguments)]
    pub fn render_mesh_path(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        upto_k: f64,
        log_color: bool,
        hidden_note: &str,
    ) -> Result<(), JsError> {
        let canvas = canvas_of(ctx, width_px, height_px)?;
        ctx.clear_rect(0.0, 0.0, width_px as f64, height_px as f64);
        if self.core.run.objective().dim() != 2 {
            return Ok(());
        }
        let t = self.core.run.trajectory();
        let upto = convert::clamp_index(upto_k, t.len());
        let path = Path3 {
            x: &t.x,
            y: &t.y,
            loss: &t.loss,
        };
        let cam = camera(&self.core);
        let b = backend(canvas)?;
        let key = raster_key(&self.core, log_color, width_px, height_px);
        let grid = mesh(
            &self.core,
            &mut self.views.mesh,
            &mut self.views.mesh_build,
            log_color,
        );
        let depth = self
            .views
            .depth
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, r)| r);
        draw_mesh_path(
            b,
            (width_px, height_px, dpr),
            grid,
            cam,
            &path,
            upto,
            depth,
            hidden_note,
            &LIGHT,
        )
        .map(|_| ())
        .map_err(|e| JsError::new(&e))
    }

    /// The device pixel where the 3-D view puts θ = (x, y) at loss `loss`, as `[px, py]`.
    pub fn mesh_px(
        &mut self,
        width_px: u32,
        height_px: u32,
        x: f64,
        y: f64,
        loss: f64,
        log_color: bool,
    ) -> Result<JsValue, JsError> {
        let proj = Projection::new(camera(&self.core), width_px, height_px);
        let grid = mesh(
            &self.core,
            &mut self.views.mesh,
            &mut self.views.mesh_build,
            log_color,
        );
        let (px, py, _) = proj.project(grid.world(x, y, loss));
        convert::to_js(&[px, py])
    }

    /// What the 1-D walker shows at point `k`: `{minimum: "global" | "local" | null, x,
    /// global_x, slope, step, overshoot}`: the minimum θ_k sits at (within 0.2 % of the
    /// window's width) and where the global ones are, f′(θ_k), the step to θ_{k+1} (null at the last
    /// point) and whether that step jumps over a minimum.
    pub fn walker_at(&self, k: f64) -> Result<JsValue, JsError> {
        #[derive(serde::Serialize)]
        struct At {
            minimum: Option<&'static str>,
            x: Option<f64>,
            global_x: Vec<f64>,
            slope: Option<f64>,
            step: Option<f64>,
            overshoot: bool,
        }
        let o = self.core.run.objective();
        let t = self.core.run.trajectory();
        let i = convert::clamp_index(k, t.len());
        let minima = if o.dim() == 1 {
            minima_1d(&self.core.settings, o)
        } else {
            Vec::new()
        };
        let w = o.window();
        let tol = (w.x_max - w.x_min) * 0.002;
        let near = minimum_near(&minima, t.x[i], tol).map(|j| minima[j]);
        let fin = |v: f64| v.is_finite().then_some(v);
        let next = t.x.get(i + 1).copied();
        let overshoot = next.is_some_and(|b| {
            let a = t.x[i];
            minima
                .iter()
                .any(|m| (m.x - a) * (m.x - b) < 0.0 && (m.x - a).abs() > tol)
        });
        convert::to_js(&At {
            minimum: near.map(|m| if m.global { "global" } else { "local" }),
            x: near.map(|m| m.x),
            global_x: minima.iter().filter(|m| m.global).map(|m| m.x).collect(),
            slope: fin(self.core.run.gradient(i)[0]),
            step: next.and_then(|b| fin(b - t.x[i])),
            overshoot,
        })
    }

    /// The surface's view as last drawn, for tests: `{window: [x_min, x_max, y_min, y_max],
    /// plot: [left, top, right, bottom], shown, off_view}`, where `off_view` is the device
    /// pixel of the marker of the shown point when that point is beyond the view, else null.
    pub fn surface_view(&self) -> Result<JsValue, JsError> {
        #[derive(serde::Serialize)]
        struct View {
            window: [f64; 4],
            plot: [i32; 4],
            shown: usize,
            off_view: Option<(f64, f64)>,
        }
        let Some(s) = self.core.cached_surface() else {
            return Ok(JsValue::UNDEFINED);
        };
        let l = s.layout;
        let (w, r) = (l.window, l.plot);
        let k = self.core.shown();
        let t = self.core.run.trajectory();
        let mut p = t.point(k);
        if self.core.run.objective().dim() == 1 {
            p[1] = t.loss[k];
        }
        let off_view = descent_figure::offview::anchor(&l, l.to_px(p)).map(|a| a.0);
        convert::to_js(&View {
            window: [w.x_min, w.x_max, w.y_min, w.y_max],
            plot: [r.left, r.top, r.right, r.bottom],
            shown: k,
            off_view,
        })
    }

    /// The gradient cloud at point k (`cloud=on`), or null: `{source, k, epoch, index, count,
    /// shown, decimated, mean, full, step, covariance, mean_norm, trace, cosine}` from the
    /// core, and with `with_pixels`, `drawn`: the device pixels of the cloud as last drawn at
    /// k (`{from, scale, arrows, mean, step, ellipse}`, the arrows as vectors from `from`), or
    /// null (the read-out asks without them: 2,000 arrows are not passed over every frame).
    pub fn cloud_at(&mut self, k: f64, with_pixels: bool) -> Result<JsValue, JsError> {
        #[derive(serde::Serialize)]
        struct Js<'a> {
            source: &'static str,
            k: usize,
            epoch: u64,
            index: usize,
            count: usize,
            shown: usize,
            decimated: bool,
            mean: [f64; 2],
            full: [f64; 2],
            step: [f64; 2],
            covariance: [[f64; 2]; 2],
            mean_norm: f64,
            trace: f64,
            cosine: Option<f64>,
            drawn: Option<Drawn<'a>>,
        }
        #[derive(serde::Serialize)]
        struct Drawn<'a> {
            from: (f64, f64),
            scale: (f64, f64),
            arrows: &'a [(f64, f64)],
            mean: (f64, f64),
            step: (f64, f64),
            ellipse: &'a [(f64, f64)],
        }
        let i = convert::clamp_index(k, self.core.run.trajectory().len());
        let Some(c) = self.core.cloud_at(i).cloned() else {
            return Ok(JsValue::NULL);
        };
        let drawn = self
            .core
            .cloud_drawn
            .as_ref()
            .filter(|_| with_pixels && self.core.shown() == c.k)
            .map(|d| Drawn {
                from: d.from,
                scale: d.scale,
                arrows: &d.arrows,
                mean: d.mean,
                step: d.step,
                ellipse: &d.ellipse,
            });
        convert::to_js(&Js {
            source: c.source.name(),
            k: c.k,
            epoch: c.epoch,
            index: c.index,
            count: c.count,
            shown: c.arrows.len(),
            decimated: c.decimated,
            mean: c.mean,
            full: c.full,
            step: c.step,
            covariance: c.covariance,
            mean_norm: c.mean_norm,
            trace: c.trace,
            cosine: c.cosine,
            drawn,
        })
    }

    /// The device pixel of θ = (x, y) on the surface canvas (the last drawn layout), as
    /// `[px, py]`; for 1-D landscapes y is f(x).
    pub fn surface_px(&self, x: f64, y: f64) -> Result<JsValue, JsError> {
        match self.core.cached_surface() {
            Some(s) => convert::to_js(&s.layout.to_px([x, y])),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}
