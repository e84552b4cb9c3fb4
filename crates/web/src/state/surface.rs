//! The playground's caches for drawing: the surface (heatmap, contours) by landscape, size and
//! scale, the decimated path pixels, and the view window that follows the path.

use super::Core;
use descent::{Objective, Run, Settings, Window};
use descent_figure::decimate::{PathPixels, MAX_VERTICES};
use descent_figure::layout::Layout;
use descent_figure::raster::Picture;
use descent_figure::scene::{
    step_at, surface_parts_of_grid, surface_parts_units, SurfaceParts, SAMPLE_STEP_CSS,
};
use descent_figure::surface::{contour_pixels, contour_style, trajectory_min_dist};
use descent_figure::surface::{Base, Path};
use descent_figure::zoom::{equal_axes, surface_layout, Follow};

/// `run`'s polyline in pixels for points 0..=upto (clamped), decimated as `draw_trajectory`
/// does, from the pixels `cache` keeps between calls.
pub(super) fn kept_pixels(
    cache: &mut PathPixels,
    run: &Run,
    layout: &Layout,
    upto: usize,
) -> Vec<(f64, f64)> {
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

/// The loss surface as drawn for one landscape, size and colour scale: the figure crate's
/// parts and the cache key they were computed for.
pub struct Surface {
    key: SurfaceKey,
    parts: SurfaceParts,
    /// Whether this is the final picture (false: a coarser grid, while the surface is
    /// refined a few rows a call; see [`Core::refine_surface`]).
    pub full: bool,
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

/// What a surface is computed for: the landscape, the canvas size, the dpr, the colour
/// scale and the view window.
type SurfaceKey = (String, u32, u32, u64, bool, [u64; 4]);

/// Above this many loss terms (grid samples × [`descent::Objective::sample_cost`]) a surface
/// is not sampled in one go: a coarse picture first, refined a few rows a call (logistic
/// regression on many samples). About 20 ms in the browser.
pub const SYNC_TERMS: usize = 2_000_000;

/// The coarse picture's terms, sampled in the task that needs a picture at all.
const FIRST_TERMS: usize = 500_000;

/// A surface being sampled a few rows a call: the grid `factor` times coarser a side than
/// the final one, and the rows sampled so far.
pub(super) struct Refine {
    key: SurfaceKey,
    layout: Layout,
    log: bool,
    factor: usize,
    nx: usize,
    ny: usize,
    grid: Vec<f64>,
    row: usize,
}

/// What [`Core::refine_surface`] did, as bits for the page.
pub mod refined {
    /// The final picture is cached: nothing is left to refine.
    pub const DONE: u8 = 1;
    /// A new picture (coarse or final) was cached by this call: draw it.
    pub const PICTURE: u8 = 2;
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
    // Custom points shape the surface: their fingerprint stands for them (their text would
    // be megabytes).
    match s.dataset() {
        Some(descent::DatasetKind::Custom) => format!(
            "{}&pts#{}:{:016x}",
            only.encode(),
            s.pts.len(),
            s.pts.fingerprint()
        ),
        _ => only.encode(),
    }
}

/// A run's columns as plotted (for 1-D landscapes y is the loss), with the gradient and
/// learning rate at point `upto` (clamped).
pub(super) fn columns(run: &Run, upto: usize) -> Columns<'_> {
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

/// Samples, colours and contours the landscape for a layout (the figure crate's
/// computation, shared with `descent render`).
pub(super) fn compute_surface(
    o: &Objective,
    layout: Layout,
    log: bool,
    key: SurfaceKey,
    picture: Picture,
) -> Surface {
    surface_of_parts(surface_parts_units(o, layout, log), key, picture, true)
}

/// The surface of computed parts: the picture drawn from their units.
fn surface_of_parts(
    parts: SurfaceParts,
    key: SurfaceKey,
    mut picture: Picture,
    full: bool,
) -> Surface {
    let layout = parts.layout;
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
        full,
        picture,
    }
}

impl Core {
    /// The path's polyline in pixels for points 0..=upto (clamped), decimated as
    /// `draw_trajectory` does, from pixels kept between calls.
    pub fn path_pixels(&mut self, layout: &Layout, upto: usize) -> Vec<(f64, f64)> {
        kept_pixels(&mut self.path_pixels, &self.run, layout, upto)
    }

    /// The landscape's own view for a canvas size (linreg2's holds both scalings).
    fn base_window(&self, width: u32, height: u32, dpr: f64) -> Window {
        crate::panels::view_layout(
            &self.settings,
            self.run.objective(),
            width,
            height,
            dpr,
            &self.view,
        )
        .window
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

    /// The key and layout of the surface for this size and scale.
    fn surface_key(&self, width: u32, height: u32, dpr: f64, log: bool) -> (SurfaceKey, Layout) {
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
        (key, layout)
    }

    /// The final surface for this size and scale, computed unless the cache has it (in one
    /// go, however long it takes: for downloads and tests).
    pub fn surface(&mut self, width: u32, height: u32, dpr: f64, log: bool) -> &Surface {
        let (key, layout) = self.surface_key(width, height, dpr, log);
        let stale = self
            .surface
            .as_ref()
            .is_none_or(|s| s.key != key || !s.full);
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

    /// The surface to draw now for this size and scale: the final one when it costs at most
    /// [`SYNC_TERMS`] terms (computed unless cached), else the best picture so far for it,
    /// at first a coarse one of at most about `FIRST_TERMS` terms, which
    /// [`Core::refine_surface`] then refines a few rows a call.
    pub fn surface_now(&mut self, width: u32, height: u32, dpr: f64, log: bool) -> &Surface {
        let (key, layout) = self.surface_key(width, height, dpr, log);
        if self.surface.as_ref().is_some_and(|s| s.key == key) {
            return self.surface.as_ref().unwrap_or_else(|| unreachable!());
        }
        let (nx, ny) = layout.grid_size(SAMPLE_STEP_CSS * layout.dpr);
        let cost = self.run.objective().sample_cost();
        if nx * ny * cost <= SYNC_TERMS {
            return self.surface(width, height, dpr, log);
        }
        // The coarsest grid first: a factor of 4 a side at a time, the first within FIRST_TERMS.
        let mut factor = 1;
        while factor < 256 && (nx / factor).max(2) * (ny / factor).max(2) * cost > FIRST_TERMS {
            factor *= 4;
        }
        self.refine = Some(Refine::new(key, layout, log, factor));
        while self.refine_surface(width, height, dpr, log, usize::MAX) & refined::PICTURE == 0 {}
        self.surface
            .as_ref()
            .unwrap_or_else(|| unreachable!("just computed"))
    }

    /// Whether the final surface for this size and scale is cached (nothing to refine).
    pub fn surface_done(&self, width: u32, height: u32, dpr: f64, log: bool) -> bool {
        let (key, _) = self.surface_key(width, height, dpr, log);
        self.surface
            .as_ref()
            .is_some_and(|s| s.key == key && s.full)
    }

    /// Samples up to about `terms` loss terms (at least one row) of the surface being
    /// refined for this size and scale; returns [`refined`] bits. A new picture replaces the
    /// cached one when a grid is complete, each grid 4 times finer a side, up to the final.
    pub fn refine_surface(
        &mut self,
        width: u32,
        height: u32,
        dpr: f64,
        log: bool,
        terms: usize,
    ) -> u8 {
        let (key, _) = self.surface_key(width, height, dpr, log);
        if self
            .surface
            .as_ref()
            .is_some_and(|s| s.key == key && s.full)
        {
            self.refine = None;
            return refined::DONE;
        }
        if self.refine.as_ref().is_none_or(|r| r.key != key) {
            // Nothing for this surface yet: its first picture.
            self.surface_now(width, height, dpr, log);
            let done = self.surface.as_ref().is_some_and(|s| s.full);
            return refined::PICTURE | if done { refined::DONE } else { 0 };
        }
        let o = self.run.objective();
        let Some(r) = self.refine.as_mut() else {
            return refined::DONE;
        };
        let row_terms = (r.nx * o.sample_cost()).max(1);
        let rows = (terms / row_terms).clamp(1, r.ny - r.row);
        let sw = r.layout.sample_window(r.nx, r.ny);
        let slice = &mut r.grid[r.row * r.nx..(r.row + rows) * r.nx];
        o.loss_rows(sw, r.nx, r.ny, r.row, slice);
        r.row += rows;
        if r.row < r.ny {
            return 0;
        }
        let parts = surface_parts_of_grid(o, r.layout, r.log, &r.grid, r.nx, r.ny);
        let full = r.factor == 1;
        let next = (!full).then(|| Refine::new(r.key.clone(), r.layout, r.log, r.factor / 4));
        self.forget_surface();
        let picture = std::mem::take(&mut self.spare_picture);
        self.surface = Some(surface_of_parts(parts, key, picture, full));
        self.refine = next;
        refined::PICTURE | if full { refined::DONE } else { 0 }
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
}

impl Refine {
    fn new(key: SurfaceKey, layout: Layout, log: bool, factor: usize) -> Refine {
        let (nx, ny) = layout.grid_size(SAMPLE_STEP_CSS * layout.dpr * factor as f64);
        Refine {
            key,
            layout,
            log,
            factor,
            nx,
            ny,
            grid: vec![0.0; nx * ny],
            row: 0,
        }
    }
}
