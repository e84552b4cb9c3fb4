//! The surface figure: axes, contour lines with labels and minima markers on the base layer,
//! and the trajectory with its markers and the negative-gradient arrow on the overlay.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::contour::{format_level, Contour};
use crate::decimate::{clamp_into, clip, decimate, decimate_iter, MAX_VERTICES};
use crate::layout::Layout;
use crate::raster::LineStyle;

/// The colours of a figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Behind the axes, outside the plot rectangle.
    pub background: RGBColor,
    /// Axes, ticks and their labels.
    pub foreground: RGBColor,
    /// The trajectory line and dots.
    pub path: RGBColor,
    /// The current point and the negative-gradient arrow.
    pub current: RGBColor,
}

/// A light theme that reads well next to viridis.
pub const LIGHT: Theme = Theme {
    background: RGBColor(255, 255, 255),
    foreground: RGBColor(40, 40, 48),
    path: RGBColor(255, 255, 255),
    current: RGBColor(255, 80, 48),
};

/// The error of a drawing call, as text (it crosses to JS as a message).
pub type DrawResult<T = ()> = Result<T, String>;

pub(crate) fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing failed: {e}")
}

pub(crate) fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// What the base layer shows besides the heatmap.
#[derive(Clone, Copy, Debug)]
pub struct Base<'a> {
    /// Contour lines (θ coordinates).
    pub contours: &'a [Contour],
    /// Known minima, drawn as crosses.
    pub minima: &'a [[f64; 2]],
    /// Names of the axes: "x", "y", or "w", "b" for data models.
    pub axis_names: (&'a str, &'a str),
    /// An `nx × ny` RGBA heatmap to stretch over the plot rectangle through the backend's
    /// `blit_bitmap` (for bitmap backends); `None` when the caller has put it there already
    /// (the browser's `putImageData`).
    pub heatmap: Option<(&'a [u8], usize, usize)>,
    /// For one-dimensional landscapes: the curve f(x) in (x, f(x)) coordinates, drawn over a
    /// plain plot area instead of a heatmap.
    pub curve: Option<&'a [[f64; 2]]>,
    /// Whether to stroke the contour lines; false when they are in the heatmap's pixels
    /// already ([`crate::raster::picture`]), so only their labels are drawn.
    pub lines: bool,
}

/// Puts a picture of `nx × ny` RGBA samples into the plot rectangle, stretched to its pixels
/// (when there is one), paints the margins around it in the background colour, and returns
/// the drawing area for what goes over it. The surface's heatmap and the map's cells.
pub(crate) fn plot_picture<DB: DrawingBackend>(
    mut backend: DB,
    layout: &Layout,
    picture: Option<(&[u8], usize, usize)>,
    theme: &Theme,
) -> DrawResult<DrawingArea<DB, plotters::coord::Shift>> {
    let r = layout.plot;
    if let Some((rgba, nx, ny)) = picture {
        let rgb = stretch_rgb(
            rgba,
            nx,
            ny,
            r.width().max(1) as usize,
            r.height().max(1) as usize,
        );
        backend
            .blit_bitmap((r.left, r.top), (r.width() as u32, r.height() as u32), &rgb)
            .map_err(err)?;
    }
    let root = backend.into_drawing_area();
    let (w, h) = (layout.width as i32, layout.height as i32);
    let bg = theme.background.filled();
    for (a, b) in [
        ((0, 0), (w, r.top)),
        ((0, r.bottom), (w, h)),
        ((0, r.top), (r.left, r.bottom)),
        ((r.right, r.top), (w, r.bottom)),
    ] {
        if b.0 > a.0 && b.1 > a.1 {
            root.draw(&Rectangle::new([a, b], bg)).map_err(err)?;
        }
    }
    Ok(root)
}

/// Draws the base layer: margins, optional heatmap, contour lines with level labels, axes
/// with ticks and names, and the minima.
pub fn draw_base<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    base: &Base,
    theme: &Theme,
) -> DrawResult {
    let r = layout.plot;
    let root = plot_picture(backend, layout, base.heatmap, theme)?;
    if let Some(curve) = base.curve {
        root.draw(&Rectangle::new(
            [(r.left, r.top), (r.right, r.bottom)],
            RGBColor(38, 32, 72).filled(),
        ))
        .map_err(err)?;
        let px: Vec<(f64, f64)> = curve.iter().map(|&p| layout.to_px(p)).collect();
        let lw = layout.px(2.0).round().max(1.0) as u32;
        for run in clip(&decimate(&px, 0.5, usize::MAX), r, 0.0) {
            if run.len() >= 2 {
                root.draw(&PathElement::new(
                    run.into_iter().map(ipt).collect::<Vec<_>>(),
                    RGBColor(94, 201, 98).stroke_width(lw),
                ))
                .map_err(err)?;
            }
        }
    }
    draw_contours(&root, layout, base.contours, base.minima, base.lines)?;
    draw_axes(&root, layout, base.axis_names, theme)?;
    for &m in base.minima {
        let p = layout.to_px(m);
        if !(p.0.is_finite() && p.1.is_finite()) {
            continue;
        }
        if p.0 < r.left as f64
            || p.0 > r.right as f64
            || p.1 < r.top as f64
            || p.1 > r.bottom as f64
        {
            continue;
        }
        let s = layout.px(6.0);
        let (x, y) = ipt(p);
        let si = s.round() as i32;
        for (style, width) in [
            (BLACK.mix(0.6), layout.px(4.0)),
            (WHITE.mix(1.0), layout.px(2.0)),
        ] {
            let st = style.stroke_width(width.round().max(1.0) as u32);
            root.draw(&PathElement::new(
                vec![(x - si, y - si), (x + si, y + si)],
                st,
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(
                vec![(x - si, y + si), (x + si, y - si)],
                st,
            ))
            .map_err(err)?;
        }
    }
    root.present().map_err(err)
}

/// Axes, ticks, tick labels and axis names around the plot rectangle (plotters' mesh with
/// the grid lines off, so the heatmap stays clean).
pub fn draw_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    names: (&str, &str),
    theme: &Theme,
) -> DrawResult {
    let r = layout.plot;
    let w = layout.window;
    let font = layout.px(12.0);
    let mut chart = ChartBuilder::on(root)
        .margin_top(r.top as u32)
        .margin_right((layout.width as i32 - r.right).max(0) as u32)
        .x_label_area_size((layout.height as i32 - r.bottom).max(0) as u32)
        .y_label_area_size(r.left.max(0) as u32)
        .build_cartesian_2d(w.x_min..w.x_max, w.y_min..w.y_max)
        .map_err(err)?;
    let fg = theme.foreground;
    let fmt = |v: &f64| format_level(*v);
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(((r.width() as f64 / layout.px(70.0)) as usize).clamp(2, 10))
        .y_labels(((r.height() as f64 / layout.px(45.0)) as usize).clamp(2, 10))
        .x_label_formatter(&fmt)
        .y_label_formatter(&fmt)
        .set_all_tick_mark_size(layout.px(4.0).round() as i32)
        .axis_style(fg.stroke_width(layout.px(1.0).round().max(1.0) as u32))
        .label_style(("sans-serif", font).into_font().color(&fg))
        .axis_desc_style(("sans-serif", font).into_font().color(&fg))
        .x_desc(names.0)
        .y_desc(names.1)
        .draw()
        .map_err(err)
}

/// How contour lines look: white at 55 %, one CSS pixel wide (a whole number of device
/// pixels), whether stroked here or rasterised by [`crate::raster::picture`].
pub fn contour_style(layout: &Layout) -> LineStyle {
    LineStyle {
        width: layout.px(1.0).round().max(1.0),
        alpha: 0.55,
    }
}

/// The contour lines in device pixels relative to the plot rectangle's top-left corner, for
/// [`crate::raster::picture`].
pub fn contour_pixels(layout: &Layout, contours: &[Contour]) -> Vec<Vec<(f64, f64)>> {
    let (x0, y0) = (layout.plot.left as f64, layout.plot.top as f64);
    contours
        .iter()
        .flat_map(|c| &c.lines)
        .map(|line| {
            line.iter()
                .map(|&p| {
                    let (x, y) = layout.to_px(p);
                    (x - x0, y - y0)
                })
                .collect()
        })
        .collect()
}

/// Contour lines, then one label per level where labels don't crowd each other.
fn draw_contours<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    contours: &[Contour],
    minima: &[[f64; 2]],
    lines: bool,
) -> DrawResult {
    let line = contour_style(layout);
    let style = WHITE.mix(line.alpha).stroke_width(line.width as u32);
    for c in contours.iter().filter(|_| lines) {
        for line in &c.lines {
            let px: Vec<(f64, f64)> = line.iter().map(|&p| layout.to_px(p)).collect();
            for run in clip(&decimate(&px, 0.5, usize::MAX), layout.plot, 0.0) {
                if run.len() >= 2 {
                    root.draw(&PathElement::new(
                        run.into_iter().map(ipt).collect::<Vec<_>>(),
                        style,
                    ))
                    .map_err(err)?;
                }
            }
        }
    }
    let font = ("sans-serif", layout.px(10.0))
        .into_font()
        .color(&WHITE)
        .pos(Pos::new(HPos::Center, VPos::Center));
    for l in contour_labels(root, layout, contours, minima) {
        let (x, y) = l.at;
        let (hw, hh) = l.half;
        root.draw(&Rectangle::new(
            [(x - hw, y - hh), (x + hw, y + hh)],
            BLACK.mix(0.45).filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(l.text, (x, y), font.clone()))
            .map_err(err)?;
    }
    Ok(())
}

/// A contour level's label as the base layer draws it: its text, centre and half size (the
/// box behind it), in device pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct ContourLabel {
    /// The level, formatted.
    pub text: String,
    /// The centre.
    pub at: (i32, i32),
    /// Half the width and height of the box behind the text.
    pub half: (i32, i32),
}

/// Where the base layer puts the contour labels: one per level, inside the plot, clear of
/// each other and of the minima's crosses. Also what the overlay's labels keep clear of.
pub fn contour_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    contours: &[Contour],
    minima: &[[f64; 2]],
) -> Vec<ContourLabel> {
    let font = ("sans-serif", layout.px(10.0))
        .into_font()
        .color(&WHITE)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let r = layout.plot;
    let inset = layout.px(14.0);
    let mut placed: Vec<(f64, f64)> = minima.iter().map(|&m| layout.to_px(m)).collect();
    let mut out = Vec::new();
    for c in contours {
        let Some(p) = c.label.map(|p| layout.to_px(p)) else {
            continue;
        };
        let ok_inside = p.0 > r.left as f64 + inset
            && p.0 < r.right as f64 - inset
            && p.1 > r.top as f64 + inset
            && p.1 < r.bottom as f64 - inset;
        let crowded = placed
            .iter()
            .any(|q| (q.0 - p.0).abs() < layout.px(36.0) && (q.1 - p.1).abs() < layout.px(14.0));
        if !ok_inside || crowded {
            continue;
        }
        placed.push(p);
        let text = format_level(c.level);
        let (tw, th) = root
            .estimate_text_size(&text, &font)
            .unwrap_or((text.len() as u32 * 6, 10));
        let half = (
            tw as i32 / 2 + layout.px(3.0) as i32,
            th as i32 / 2 + layout.px(1.0) as i32,
        );
        out.push(ContourLabel {
            text,
            at: ipt(p),
            half,
        });
    }
    out
}

/// Stretches an `nx × ny` RGBA image to `w × h` RGB (nearest sample), for `blit_bitmap`.
pub fn stretch_rgb(rgba: &[u8], nx: usize, ny: usize, w: usize, h: usize) -> Vec<u8> {
    let mut out = vec![0u8; w * h * 3];
    if nx == 0 || ny == 0 || rgba.len() < nx * ny * 4 {
        return out;
    }
    for y in 0..h {
        let sy = (y * ny / h).min(ny - 1);
        for x in 0..w {
            let sx = (x * nx / w).min(nx - 1);
            let s = (sy * nx + sx) * 4;
            let d = (y * w + x) * 3;
            out[d..d + 3].copy_from_slice(&rgba[s..s + 3]);
        }
    }
    out
}

/// The points of a trajectory, as recorded by `descent::Trajectory`, and the step at the
/// current point.
#[derive(Clone, Copy, Debug)]
pub struct Path<'a> {
    /// θ's x at each point.
    pub x: &'a [f64],
    /// θ's y at each point.
    pub y: &'a [f64],
    /// The gradient and learning rate at the current point (the `upto` of
    /// [`draw_trajectory`], clamped to the path), drawn as the arrow of −lr·g; `None` draws
    /// no arrow.
    pub step: Option<([f64; 2], f64)>,
}

/// Step dots are drawn for runs of at most this many steps (and only for steps of 4 CSS px
/// or more).
pub const DOTS_UP_TO: usize = 300;

/// Draws the trajectory from point 0 to point `upto` (clamped to the recorded length):
/// the polyline (decimated to at most [`MAX_VERTICES`] vertices, clipped to the plot, with
/// points that blew up clamped so the line runs off towards them), step dots for short
/// runs, the start marker, the current point (a marker on the border pointing at it when it left the plot)
/// and the arrow of −lr·g there. Returns the number of polyline vertices drawn.
pub fn draw_trajectory<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    path: &Path,
    upto: usize,
    theme: &Theme,
) -> DrawResult<usize> {
    let root = backend.into_drawing_area();
    let drawn = trajectory_on(&root, layout, path, upto, theme, true)?;
    root.present().map_err(err)?;
    Ok(drawn)
}

/// Draws one trajectory on a drawing area; with `detail` off only the line, the start ring
/// and the current point (for runs compared with the main one).
pub(crate) fn trajectory_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    path: &Path,
    upto: usize,
    theme: &Theme,
    detail: bool,
) -> DrawResult<usize> {
    let n = path.x.len().min(path.y.len());
    if n == 0 {
        return Ok(0);
    }
    let k = upto.min(n - 1);
    let to_px = |i: usize| layout.to_px([path.x[i], path.y[i]]);
    // Pixels are made on the fly: a million-point run is not copied each frame.
    let kept = decimate_iter(
        (0..=k).map(to_px),
        trajectory_min_dist(layout),
        MAX_VERTICES,
    );
    trajectory_decimated_on(root, layout, path, upto, &kept, theme, detail)
}

/// The distance in device pixels under which [`draw_trajectory`] drops a point.
pub fn trajectory_min_dist(layout: &Layout) -> f64 {
    layout.px(0.75)
}

/// [`draw_trajectory`] with the polyline already decimated (`decimate` of the pixels of
/// points 0..=upto with [`trajectory_min_dist`] and [`MAX_VERTICES`], e.g. from a
/// [`crate::decimate::PathPixels`] kept between frames).
pub fn draw_trajectory_decimated<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    path: &Path,
    upto: usize,
    kept: &[(f64, f64)],
    theme: &Theme,
) -> DrawResult<usize> {
    let root = backend.into_drawing_area();
    let drawn = trajectory_decimated_on(&root, layout, path, upto, kept, theme, true)?;
    root.present().map_err(err)?;
    Ok(drawn)
}

/// [`trajectory_on`] with the polyline already decimated.
pub(crate) fn trajectory_decimated_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    path: &Path,
    upto: usize,
    kept: &[(f64, f64)],
    theme: &Theme,
    detail: bool,
) -> DrawResult<usize> {
    let n = path.x.len().min(path.y.len());
    if n == 0 {
        return Ok(0);
    }
    let k = upto.min(n - 1);
    let r = layout.plot;
    let to_px = |i: usize| layout.to_px([path.x[i], path.y[i]]);
    let mut drawn = 0;
    let lw = layout.px(2.0).round().max(1.0) as u32;
    for run in clip(kept, r, 0.0) {
        if run.len() < 2 {
            continue;
        }
        drawn += run.len();
        let pts: Vec<(i32, i32)> = run.into_iter().map(ipt).collect();
        root.draw(&PathElement::new(
            pts.clone(),
            BLACK.mix(0.45).stroke_width(lw + 2),
        ))
        .map_err(err)?;
        root.draw(&PathElement::new(pts, theme.path.stroke_width(lw)))
            .map_err(err)?;
    }
    let inside = |p: (f64, f64)| {
        p.0 >= r.left as f64
            && p.0 <= r.right as f64
            && p.1 >= r.top as f64
            && p.1 <= r.bottom as f64
    };
    if detail && k <= DOTS_UP_TO {
        // A dot per step, except where steps are too short to tell apart (they would only
        // thicken the line): a dot needs 4 CSS px from the previous point.
        let dot = layout.px(2.5).round().max(1.0) as i32;
        let gap = layout.px(4.0);
        let px: Vec<(f64, f64)> = (0..=k).map(to_px).collect();
        for w in px.windows(2).take(k.saturating_sub(1)) {
            let (a, p) = (w[0], w[1]);
            if inside(p) && libm::hypot(p.0 - a.0, p.1 - a.1) >= gap {
                root.draw(&Circle::new(ipt(p), dot, theme.path.filled()))
                    .map_err(err)?;
            }
        }
    }
    // The start: a hollow ring.
    let start = to_px(0);
    if start.0.is_finite() && start.1.is_finite() {
        ring(
            root,
            ipt(clamp_into(start, r)),
            layout.px(6.0),
            theme.path,
            lw,
        )?;
    }
    // The current point, with the arrow of the next step's direction.
    let cur = clamp_into(
        (
            crate::decimate::clamp_px(to_px(k).0),
            crate::decimate::clamp_px(to_px(k).1),
        ),
        r,
    );
    if let Some((g, lr)) = path.step.filter(|_| detail && inside(to_px(k))) {
        draw_arrow(root, layout, cur, g, lr, theme)?;
    }
    if inside(to_px(k)) {
        marker(root, layout.px(1.0), ipt(cur), theme.current)?;
    } else {
        // Beyond the view (a diverging run past the zoom's limit): a marker on the border
        // points at it.
        let mut placed = crate::offview::Placed::new();
        crate::offview::draw_offview(root, layout, &mut placed, to_px(k), None, theme)?;
    }
    Ok(drawn)
}

/// A ring of radius `r_px` in `colour` over a dark casing, so it shows on any colour below.
pub(crate) fn ring<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    at: (i32, i32),
    r_px: f64,
    colour: RGBColor,
    lw: u32,
) -> DrawResult {
    root.draw(&Circle::new(
        at,
        r_px as i32,
        BLACK.mix(0.6).stroke_width(lw + 2),
    ))
    .map_err(err)?;
    root.draw(&Circle::new(at, r_px as i32, colour.stroke_width(lw)))
        .map_err(err)
}

/// The current point: a filled dot in `colour` on a dark rim; `unit` is one CSS pixel in
/// device pixels.
pub(crate) fn marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    unit: f64,
    at: (i32, i32),
    colour: RGBColor,
) -> DrawResult {
    root.draw(&Circle::new(
        at,
        (5.5 * unit) as i32,
        BLACK.mix(0.7).filled(),
    ))
    .map_err(err)?;
    root.draw(&Circle::new(at, (4.0 * unit) as i32, colour.filled()))
        .map_err(err)
}

/// The pixel vector of the arrow at a point: −lr·g mapped to pixels, with its length held
/// between 16 and 72 CSS pixels so it is always visible and never swamps the plot; `None`
/// when the gradient is zero or not finite.
pub fn arrow_vector(layout: &Layout, g: [f64; 2], lr: f64) -> Option<(f64, f64)> {
    let w = layout.window;
    let sx = layout.plot.width() as f64 / (w.x_max - w.x_min);
    let sy = layout.plot.height() as f64 / (w.y_max - w.y_min);
    let lr = if lr.is_finite() && lr > 0.0 { lr } else { 1.0 };
    let (mut vx, mut vy) = (-lr * g[0] * sx, lr * g[1] * sy);
    let mut len = libm::hypot(vx, vy);
    if !len.is_finite() {
        // Rescale by direction alone.
        let gl = libm::hypot(g[0] * sx, g[1] * sy);
        if !(gl.is_finite() && gl > 0.0) {
            return None;
        }
        vx = -g[0] * sx / gl;
        vy = g[1] * sy / gl;
        len = 1.0;
    }
    if len == 0.0 {
        return None;
    }
    let target = len.clamp(layout.px(16.0), layout.px(72.0));
    Some((vx / len * target, vy / len * target))
}

fn draw_arrow<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    at: (f64, f64),
    g: [f64; 2],
    lr: f64,
    theme: &Theme,
) -> DrawResult {
    let Some((vx, vy)) = arrow_vector(layout, g, lr) else {
        return Ok(());
    };
    let len = libm::hypot(vx, vy);
    let (ux, uy) = (vx / len, vy / len);
    let tip = (at.0 + vx, at.1 + vy);
    let head = layout.px(9.0).min(len * 0.6);
    let base = (tip.0 - ux * head, tip.1 - uy * head);
    let side = (-uy * head * 0.5, ux * head * 0.5);
    let lw = layout.px(2.5).round().max(1.0) as u32;
    root.draw(&PathElement::new(
        vec![ipt(at), ipt(base)],
        BLACK.mix(0.5).stroke_width(lw + 2),
    ))
    .map_err(err)?;
    root.draw(&PathElement::new(
        vec![ipt(at), ipt(base)],
        theme.current.stroke_width(lw),
    ))
    .map_err(err)?;
    let tri = vec![
        ipt(tip),
        ipt((base.0 + side.0, base.1 + side.1)),
        ipt((base.0 - side.0, base.1 - side.1)),
    ];
    root.draw(&Polygon::new(tri, theme.current.filled()))
        .map_err(err)?;
    Ok(())
}
