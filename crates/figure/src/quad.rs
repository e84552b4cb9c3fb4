//! The local quadratic model's level curve through the shown point θ_k (`quad=on`): an ellipse at a bowl, hyperbola branches at a saddle, whatever conic the model makes.
//!
//! The model is m(θ) = f(θ_k) + gᵀd + ½dᵀHd with d = θ − θ_k, g and H the loss's full
//! gradient and Hessian at θ_k (the core's `Objective`); its level curve through θ_k is
//! where q(d) = gᵀd + ½dᵀHd = 0. It is traced by marching squares on a grid over the view,
//! like the surface's contours, so that every case (ellipse, hyperbola, parabola, a pair of
//! lines) needs no formula of its own and is clipped to the view for free.

use descent::geometry::{Hessian, Point, Window};
use descent::Objective;
use plotters::prelude::*;

use crate::contour::trace;
use crate::layout::Layout;
use crate::surface::{err, DrawResult};

/// Grid points a side: a curve at least a few pixels across is traced smoothly at any
/// figure size, and 161² values of a quadratic cost nothing beside a frame.
pub const GRID: usize = 161;

/// The colour of the curve: orange, apart from viridis and from the path and arrows.
pub const QUAD: RGBColor = RGBColor(255, 140, 0);

/// q(d) = gᵀd + ½dᵀHd at `p`, for the model at `theta` (H symmetrised).
pub fn model_offset(theta: Point, g: Point, h: Hessian, p: Point) -> f64 {
    let d = [p[0] - theta[0], p[1] - theta[1]];
    let b = 0.5 * (h[0][1] + h[1][0]);
    g[0] * d[0]
        + g[1] * d[1]
        + 0.5 * (h[0][0] * d[0] * d[0] + 2.0 * b * d[0] * d[1] + h[1][1] * d[1] * d[1])
}

/// The level curve through `theta` of the objective's quadratic model there, in θ
/// coordinates, within `window`: polylines (none when g or H is not finite, or the model is
/// flat).
pub fn level_curve(objective: &Objective, theta: Point, window: Window) -> Vec<Vec<[f64; 2]>> {
    let g = objective.gradient(theta);
    let h = objective.hessian(theta);
    if !(g.iter().chain(h.iter().flatten()).all(|x| x.is_finite())
        && theta.iter().all(|x| x.is_finite()))
    {
        return Vec::new();
    }
    let w = window.sanitized();
    let n = GRID;
    let step = |lo: f64, hi: f64, i: usize| lo + (hi - lo) * i as f64 / (n - 1) as f64;
    // Row-major, first row at y_max, as contour::trace reads it.
    let mut grid = Vec::with_capacity(n * n);
    for j in 0..n {
        let y = step(w.y_max, w.y_min, j);
        for i in 0..n {
            grid.push(model_offset(theta, g, h, [step(w.x_min, w.x_max, i), y]));
        }
    }
    trace(&grid, n, n, w, 0.0)
}

/// Draws the curve's polylines on the overlay, dashed, 1.5 CSS pixels wide.
pub fn draw_level_curve<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    lines: &[Vec<[f64; 2]>],
) -> DrawResult {
    let root = backend.into_drawing_area();
    let style = ShapeStyle::from(QUAD).stroke_width(layout.px(1.5).round().max(1.0) as u32);
    let dash = layout.px(7.0);
    for line in lines {
        // Dashes of `dash` pixels on, `dash` off, continued along the whole polyline.
        let mut run: Vec<(i32, i32)> = Vec::new();
        let mut along = 0.0;
        let px: Vec<(f64, f64)> = line.iter().map(|&p| layout.to_px(p)).collect();
        for pair in px.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let len = (b.0 - a.0).hypot(b.1 - a.1);
            let on = ((along / dash) as u64).is_multiple_of(2);
            if on {
                if run.is_empty() {
                    run.push((a.0.round() as i32, a.1.round() as i32));
                }
                run.push((b.0.round() as i32, b.1.round() as i32));
            } else if run.len() > 1 {
                root.draw(&PathElement::new(std::mem::take(&mut run), style))
                    .map_err(err)?;
            } else {
                run.clear();
            }
            along += len;
        }
        if run.len() > 1 {
            root.draw(&PathElement::new(run, style)).map_err(err)?;
        }
    }
    root.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::{Function, Settings};

    fn objective(settings: &str) -> Objective {
        let (s, _) = Settings::decode(settings);
        Objective::from_settings(&s).unwrap()
    }

    /// Every traced point lies on q = 0, to the grid's resolution.
    fn on_curve(o: &Objective, theta: Point, lines: &[Vec<[f64; 2]>], w: Window) {
        let g = o.gradient(theta);
        let h = o.hessian(theta);
        // Linear interpolation within a cell errs by at most ½·|H|·cell².
        let cell = (w.x_max - w.x_min).max(w.y_max - w.y_min) / (GRID - 1) as f64;
        let slope = g[0].hypot(g[1]) + 60.0 * 4.0;
        for p in lines.iter().flatten() {
            assert!(model_offset(theta, g, h, *p).abs() < slope * cell, "{p:?}");
        }
    }

    #[test]
    fn a_bowl_gives_a_closed_ellipse_through_theta() {
        let o = Objective::Function(Function::Ellipse);
        let w = o.window();
        let theta = [0.5, 0.2];
        let lines = level_curve(&o, theta, w);
        assert!(!lines.is_empty());
        on_curve(&o, theta, &lines, w);
        // x² + 25y² is its own quadratic model: the curve is the contour through θ,
        // x² + 25y² = 1.25, whose x extent is ±√1.25.
        let xs = lines.iter().flatten().map(|p| p[0]);
        let (lo, hi) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
        assert!(
            (hi - 1.25f64.sqrt()).abs() < 0.03 && (lo + 1.25f64.sqrt()).abs() < 0.03,
            "{lo} {hi}"
        );
        // Closed: the first and last points of one polyline meet.
        let l = &lines[0];
        let (a, b) = (l[0], l[l.len() - 1]);
        assert!((a[0] - b[0]).hypot(a[1] - b[1]) < 0.05, "{a:?} {b:?}");
        // θ is on it.
        let near = lines
            .iter()
            .flatten()
            .map(|p| (p[0] - theta[0]).hypot(p[1] - theta[1]));
        assert!(near.fold(f64::MAX, f64::min) < 0.03);
    }

    #[test]
    fn a_saddle_gives_two_open_branches() {
        let o = objective("f=saddle");
        let w = o.window();
        let theta = [0.8, 0.3];
        let lines = level_curve(&o, theta, w);
        on_curve(&o, theta, &lines, w);
        // A hyperbola: two branches, each leaving the view (open).
        assert_eq!(lines.len(), 2, "{}", lines.len());
        for l in &lines {
            let (a, b) = (l[0], l[l.len() - 1]);
            assert!((a[0] - b[0]).hypot(a[1] - b[1]) > 0.5);
        }
    }

    #[test]
    fn nothing_where_nothing_is_finite() {
        let o = Objective::Function(Function::Ellipse);
        assert!(level_curve(&o, [f64::NAN, 0.0], o.window()).is_empty());
    }
}
