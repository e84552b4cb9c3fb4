//! The 1-D walker: on the curve of a one-dimensional landscape, the current point, the
//! tangent there (its slope is the derivative), the step θ_k → θ_{k+1} as an arrow along x,
//! the point it lands on, and which minimum is global and which is local.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::contour::format_level;
use crate::decimate::{clamp_into, clamp_px, clip};
use crate::layout::Layout;
use crate::offview::{anchor_from, draw_offview, label, marker_at, offview_text, Placed};
use crate::surface::{marker, ring, DrawResult, Theme};

/// The words drawn on the figure, so that the page can translate them.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// Beside the tangent: "slope".
    pub slope: String,
    /// Under a global minimum.
    pub global: String,
    /// Under a local minimum.
    pub local: String,
    /// Above the step arrow: "step".
    pub step: String,
    /// Before the place of a point beyond the view: "off view".
    pub off_view: String,
}

impl Default for Words {
    fn default() -> Words {
        Words {
            slope: "slope".into(),
            global: "global minimum".into(),
            local: "local minimum".into(),
            step: "step".into(),
            off_view: "off view".into(),
        }
    }
}

/// A minimum of the landscape: where it is, its value and whether it is global.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Minimum {
    /// θ at the minimum.
    pub x: f64,
    /// f(θ) there.
    pub fx: f64,
    /// Whether no other minimum is lower.
    pub global: bool,
}

/// What the walker reads: θ and f(θ) at each point, and f′ at the current one.
#[derive(Clone, Copy, Debug)]
pub struct Walk<'a> {
    /// θ at each point.
    pub x: &'a [f64],
    /// f(θ) at each point.
    pub fx: &'a [f64],
    /// f′(θ) at the current point (`upto` clamped), the gradient the next step uses.
    pub slope: f64,
    /// The known minima.
    pub minima: &'a [Minimum],
}

/// The tangent's tint: a warm yellow that reads on the dark plot and against the green curve.
pub const TANGENT: RGBColor = RGBColor(255, 204, 64);

/// Half the tangent's drawn length, in CSS pixels.
pub const TANGENT_HALF_CSS: f64 = 70.0;

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing the 1-D walker failed: {e}")
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (clamp_px(p.0).round() as i32, clamp_px(p.1).round() as i32)
}

/// The ends of the tangent at (x, f) with slope `s`, in pixels: a segment of
/// 2 × [`TANGENT_HALF_CSS`] along the line's direction on screen; `None` if not finite.
pub fn tangent_px(layout: &Layout, x: f64, f: f64, s: f64) -> Option<[(f64, f64); 2]> {
    let w = layout.window;
    let sx = layout.plot.width() as f64 / (w.x_max - w.x_min);
    let sy = layout.plot.height() as f64 / (w.y_max - w.y_min);
    let (dx, dy) = (sx, -s * sy);
    let len = libm::hypot(dx, dy);
    let c = layout.to_px([x, f]);
    if !(len.is_finite() && len > 0.0 && c.0.is_finite() && c.1.is_finite()) {
        return None;
    }
    let h = layout.px(TANGENT_HALF_CSS);
    let (ux, uy) = (dx / len * h, dy / len * h);
    Some([(c.0 - ux, c.1 - uy), (c.0 + ux, c.1 + uy)])
}

/// The index of the minimum nearest to `x` within `tol` (in θ units), if any.
pub fn minimum_near(minima: &[Minimum], x: f64, tol: f64) -> Option<usize> {
    minima
        .iter()
        .enumerate()
        .filter(|(_, m)| (m.x - x).abs() <= tol)
        .min_by(|a, b| (a.1.x - x).abs().total_cmp(&(b.1.x - x).abs()))
        .map(|(i, _)| i)
}

/// Draws the walker at point `upto` (clamped to the recorded length): earlier points as faint
/// dots, the start ring, the tangent with its slope, the step to the next recorded point as an
/// arrow along x with the point it lands on, the minima's labels, and the current
/// point.
pub fn draw_walker<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    walk: &Walk,
    upto: usize,
    words: &Words,
    theme: &Theme,
) -> DrawResult {
    let root = backend.into_drawing_area();
    walker_on(&root, layout, walk, upto, words, theme)?;
    root.present().map_err(err)
}

/// A run compared with the walker's on the same curve (`lrs=` or `race=`).
#[derive(Clone, Copy, Debug)]
pub struct OtherWalk<'a> {
    /// The run's index among the compared runs (its colour, dashes and marker).
    pub index: usize,
    /// θ at each point.
    pub x: &'a [f64],
    /// f(θ) at each point.
    pub fx: &'a [f64],
}

/// The walker with the runs compared with it: each other run's path on the curve, from
/// point to point, in its colour and dash pattern with its marker at point `upto` (pinned to
/// the plot's edge when it has left it); then the walker on top; then a legend (`rows`, main
/// run first) in the corner the curve and the paths leave emptiest.
#[allow(clippy::too_many_arguments)]
pub fn draw_walkers<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    walk: &Walk,
    others: &[OtherWalk],
    curve: &[[f64; 2]],
    rows: &[crate::runs::LegendRow],
    upto: usize,
    words: &Words,
    theme: &Theme,
) -> DrawResult {
    use crate::runs::{draw_legend, draw_run_line, draw_shape, run_colour, run_shape};
    let root = backend.into_drawing_area();
    let r = layout.plot;
    let lw = layout.px(2.0).round().max(1.0) as u32;
    let mut occupied: Vec<(f64, f64)> = curve.iter().map(|p| layout.to_px(*p)).collect();
    for o in others.iter().rev() {
        let n = o.x.len().min(o.fx.len());
        if n == 0 {
            continue;
        }
        let k = upto.min(n - 1);
        let px: Vec<(f64, f64)> = (0..=k)
            .map(|i| layout.to_px([o.x[i], o.fx[i]]))
            .map(|p| (clamp_px(p.0), clamp_px(p.1)))
            .collect();
        occupied.extend_from_slice(&px);
        for piece in clip(&px, r, 0.0) {
            if piece.len() >= 2 {
                draw_run_line(&root, layout, &piece, o.index, lw)?;
            }
        }
        let cur = clamp_into(px[k], r);
        draw_shape(
            &root,
            cur,
            layout.px(5.0),
            run_shape(o.index),
            run_colour(o.index),
        )?;
    }
    walker_on(&root, layout, walk, upto, words, theme)?;
    let n = walk.x.len().min(walk.fx.len());
    occupied.extend((0..n.min(upto + 1)).map(|i| layout.to_px([walk.x[i], walk.fx[i]])));
    if rows.len() > 1 && r.width() as f64 >= layout.px(crate::runs::LEGEND_MIN_CSS) {
        draw_legend(&root, layout, rows, &occupied, theme)?;
    }
    root.present().map_err(err)
}

/// [`draw_walker`] on a drawing area, without presenting it.
fn walker_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    walk: &Walk,
    upto: usize,
    words: &Words,
    theme: &Theme,
) -> DrawResult {
    let n = walk.x.len().min(walk.fx.len());
    let r = layout.plot;
    let font = |size: f64, color: RGBColor, h: HPos, v: VPos| {
        ("sans-serif", layout.px(size))
            .into_font()
            .color(&color)
            .pos(Pos::new(h, v))
    };
    let inside = |p: (f64, f64)| {
        p.0 >= r.left as f64
            && p.0 <= r.right as f64
            && p.1 >= r.top as f64
            && p.1 <= r.bottom as f64
    };
    let lw = layout.px(2.0).round().max(1.0) as u32;
    // Every label's box, so that none is drawn over another.
    let mut placed = Placed::new();

    // The minima: a tick on the step row (so an overshoot is seen crossing it) and a label.
    for m in walk.minima {
        let p = layout.to_px([m.x, m.fx]);
        if !(p.0.is_finite() && p.1.is_finite() && inside(p)) {
            continue;
        }
        // A faint vertical through the minimum, so a step that overshoots is seen crossing it.
        root.draw(&PathElement::new(
            vec![ipt((p.0, r.top as f64)), ipt((p.0, r.bottom as f64))],
            WHITE
                .mix(0.25)
                .stroke_width(layout.px(1.0).round().max(1.0) as u32),
        ))
        .map_err(err)?;
        let (text, color) = if m.global {
            (&words.global, RGBColor(190, 240, 190))
        } else {
            (&words.local, RGBColor(255, 200, 170))
        };
        // At the top of the minimum's vertical, clear of the walker, which works low down.
        let style = font(11.0, color, HPos::Center, VPos::Top);
        let (tw, th) = root
            .estimate_text_size(text, &style)
            .unwrap_or((text.chars().count() as u32 * 6, 11));
        let (hw, th) = (tw as f64 / 2.0 + layout.px(2.0), th as f64);
        let x = within(p.0, r.left as f64 + hw + 1.0, r.right as f64 - hw - 1.0);
        let y = r.top as f64 + layout.px(4.0);
        let b = placed.place(
            [x - hw, y, x + hw, y + th + layout.px(2.0)],
            false,
            r.top as f64,
            r.bottom as f64,
        );
        root.draw(&Text::new(text.clone(), ipt((x, b[1])), style))
            .map_err(err)?;
    }
    if n == 0 {
        return Ok(());
    }
    let k = upto.min(n - 1);
    let px: Vec<(f64, f64)> = (0..=k)
        .map(|i| layout.to_px([walk.x[i], walk.fx[i]]))
        .collect();

    // The first 50 steps as faint chords from point to point, so that a run that bounces
    // across the minimum, or away from it, is seen doing so.
    let chords: Vec<(f64, f64)> = px
        .iter()
        .copied()
        .take(k.min(50) + 1)
        .chain((k < 50 && k + 1 < n).then(|| layout.to_px([walk.x[k + 1], walk.fx[k + 1]])))
        .map(|p| (clamp_px(p.0), clamp_px(p.1)))
        .take_while(|p| !(p.0.is_nan() || p.1.is_nan()))
        .collect();
    for run in clip(&chords, r, 0.0) {
        if run.len() >= 2 {
            root.draw(&PathElement::new(
                run.into_iter().map(ipt).collect::<Vec<_>>(),
                WHITE
                    .mix(0.35)
                    .stroke_width(layout.px(1.0).round().max(1.0) as u32),
            ))
            .map_err(err)?;
        }
    }

    // Earlier points, faint: the first 50 (a diverging run's, the ones in view) and the most
    // recent 300.
    let dot = layout.px(2.5).round().max(1.0) as i32;
    let recent = k.saturating_sub(300);
    for (i, &p) in px.iter().enumerate().take(k) {
        if (i < 50 || i >= recent) && inside(p) {
            root.draw(&Circle::new(ipt(p), dot, WHITE.mix(0.5).filled()))
                .map_err(err)?;
        }
    }
    // The start: a hollow ring.
    if px[0].0.is_finite() && px[0].1.is_finite() {
        let s = ipt(clamp_into(px[0], r));
        root.draw(&Circle::new(
            s,
            layout.px(6.0) as i32,
            theme.path.stroke_width(lw),
        ))
        .map_err(err)?;
    }

    let (xk, fk) = (walk.x[k], walk.fx[k]);
    let cur = layout.to_px([xk, fk]);
    let slope = walk.slope;
    // The tangent and its slope.
    if inside(cur) {
        if let Some([a, b]) = tangent_px(layout, xk, fk, slope) {
            for run in clip(&[a, b], r, 0.0) {
                if run.len() == 2 {
                    root.draw(&PathElement::new(
                        vec![ipt(run[0]), ipt(run[1])],
                        BLACK.mix(0.5).stroke_width(lw + 2),
                    ))
                    .map_err(err)?;
                    root.draw(&PathElement::new(
                        vec![ipt(run[0]), ipt(run[1])],
                        TANGENT.stroke_width(lw),
                    ))
                    .map_err(err)?;
                }
            }
            // The label sits above the tangent's higher end, inside the plot.
            let top = if a.1 < b.1 { a } else { b };
            let text = format!("{} f′ = {}", words.slope, format_level(slope));
            let lx = within(
                top.0,
                r.left as f64 + layout.px(60.0),
                r.right as f64 - layout.px(60.0),
            );
            let ly = (top.1 - layout.px(6.0)).max(r.top as f64 + layout.px(16.0));
            label(root, layout, &mut placed, &text, (lx, ly), TANGENT, true)?;
        }
    }

    // The step θ_k → θ_{k+1}: an arrow along x at the current height, then a drop to the
    // point it lands on.
    if k + 1 < n && inside(cur) {
        let next = layout.to_px([walk.x[k + 1], walk.fx[k + 1]]);
        let a = clamp_into(cur, r);
        let b = clamp_into((next.0, cur.1), r);
        if inside(next) {
            root.draw(&PathElement::new(
                vec![ipt(b), ipt(next)],
                WHITE
                    .mix(0.45)
                    .stroke_width(layout.px(1.0).round().max(1.0) as u32),
            ))
            .map_err(err)?;
        }
        draw_step_arrow(root, layout, a, b, theme)?;
        let dx = walk.x[k + 1] - xk;
        let text = format!("{} = {}", words.step, format_level(dx));
        let mid = within(
            (a.0 + b.0) / 2.0,
            r.left as f64 + layout.px(50.0),
            r.right as f64 - layout.px(50.0),
        );
        // Below the arrow (the tangent's label is above the point).
        let y = (a.1 + layout.px(8.0)).min(r.bottom as f64 - layout.px(20.0));
        label(
            root,
            layout,
            &mut placed,
            &text,
            (mid, y),
            theme.current,
            false,
        )?;
        if inside(next) {
            ring(root, ipt(next), layout.px(5.0), theme.current, lw)?;
        } else {
            // It lands beyond the view: a marker on the border, on the chord from here to
            // there, points at it.
            if let Some(a) = anchor_from(layout, cur, next) {
                marker_at(root, layout, &mut placed, a, None, theme)?;
            }
        }
    }

    // The current point, or where it is when beyond the view.
    if inside(cur) {
        marker(root, layout.px(1.0), ipt(cur), theme.current)?;
    } else {
        let text = offview_text(&words.off_view, ("x", "f"), [xk, fk], true);
        draw_offview(root, layout, &mut placed, cur, Some(&text), theme)?;
    }
    Ok(())
}

/// `v` held in [lo, hi], or the middle when the plot is too small for the range to exist.
fn within(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi {
        v.clamp(lo, hi)
    } else {
        (lo + hi) / 2.0
    }
}

/// A horizontal arrow from `a` to `b` (a dot when they coincide).
fn draw_step_arrow<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    a: (f64, f64),
    b: (f64, f64),
    theme: &Theme,
) -> DrawResult {
    let len = (b.0 - a.0).abs();
    let lw = layout.px(2.5).round().max(1.0) as u32;
    if len < layout.px(2.0) {
        root.draw(&Circle::new(
            ipt(a),
            layout.px(3.0) as i32,
            theme.current.filled(),
        ))
        .map_err(err)?;
        return Ok(());
    }
    let dir = (b.0 - a.0).signum();
    let head = layout.px(9.0).min(len * 0.6);
    let base = (b.0 - dir * head, b.1);
    root.draw(&PathElement::new(
        vec![ipt(a), ipt(base)],
        BLACK.mix(0.5).stroke_width(lw + 2),
    ))
    .map_err(err)?;
    root.draw(&PathElement::new(
        vec![ipt(a), ipt(base)],
        theme.current.stroke_width(lw),
    ))
    .map_err(err)?;
    let side = head * 0.55;
    root.draw(&Polygon::new(
        vec![
            ipt(b),
            ipt((base.0, base.1 - side)),
            ipt((base.0, base.1 + side)),
        ],
        theme.current.filled(),
    ))
    .map_err(err)?;
    Ok(())
}
