//! The surface's view window: equal units on both axes for landscapes of two parameters, and
//! a zoom that follows a path out of the landscape's own window (a diverging run stays in
//! view for its first steps; what lies beyond the zoom's limit gets an off-view marker).

use descent::{ModelKind, Objective, Window};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::layout::Layout;
use crate::surface::{DrawResult, Theme};

/// How far the view may grow: each edge at most this many times as far from the window's
/// centre as in the landscape's own window. Beyond that the landscape's features would
/// shrink to a few pixels, so farther points are marked at the edge instead.
pub const MAX_ZOOM: f64 = 256.0;

/// A grown edge puts the point that grew it at most this fraction of the way from the
/// centre to the edge, so that its marker is not cut by the plot's border.
const FILL: f64 = 0.9;

/// Whether a landscape is drawn with as many pixels per unit across as up: every landscape
/// of two parameters except the data models whose parameters are of different kinds
/// (linreg and logreg: a slope and an intercept), which keep their own scales and say so.
/// linreg2's two weights are alike (feature scaling is about the shape of its bowl).
pub fn equal_axes(o: &Objective) -> bool {
    o.dim() == 2
        && match o.model() {
            None => true,
            Some(m) => m.kind() == ModelKind::Linreg2,
        }
}

/// `w` widened along one axis so that a data unit is as many pixels across as up on a plot
/// of `px_w × px_h` pixels: the window grows along the canvas's longer side (relative to the
/// window's shape), never shrinks, and keeps its centre.
///
/// ```
/// use descent_figure::zoom::equal_units;
/// use descent_figure::Window;
/// let w = equal_units(Window::new(-2.0, 2.0, -2.0, 2.0), 400, 200);
/// assert_eq!(w, Window::new(-4.0, 4.0, -2.0, 2.0));
/// ```
pub fn equal_units(w: Window, px_w: i32, px_h: i32) -> Window {
    let (dx, dy) = (w.x_max - w.x_min, w.y_max - w.y_min);
    if px_w <= 0 || px_h <= 0 || !(dx > 0.0 && dy > 0.0) {
        return w;
    }
    let per_px = (dx / px_w as f64).max(dy / px_h as f64);
    let (hx, hy) = (per_px * px_w as f64 / 2.0, per_px * px_h as f64 / 2.0);
    let (cx, cy) = ((w.x_min + w.x_max) / 2.0, (w.y_min + w.y_max) / 2.0);
    Window::new(cx - hx, cx + hx, cy - hy, cy + hy)
}

/// The zoom that follows a path: for each prefix of the path, the smallest window that holds
/// the landscape's window and every point of the prefix that can be held at all. Each edge
/// grows by powers of two of its distance from the centre (so the view changes a few times,
/// not at every step), by at most [`MAX_ZOOM`]; points beyond that, or not finite, are left
/// out (they are drawn as off-view markers).
///
/// The path is scanned once, as it grows: [`Follow::extend`] reads the points added since the
/// last call, and [`Follow::window`] looks a prefix up among the few windows seen so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Follow {
    base: Window,
    scanned: usize,
    /// The index of the point from which each grown window applies, in order.
    changes: Vec<(usize, Window)>,
}

impl Follow {
    /// No points yet: the view is `base`.
    pub fn new(base: Window) -> Follow {
        Follow {
            base: base.sanitized(),
            scanned: 0,
            changes: Vec::new(),
        }
    }

    /// The landscape's window this zoom grows from.
    pub fn base(&self) -> Window {
        self.base
    }

    /// How many points have been read.
    pub fn scanned(&self) -> usize {
        self.scanned
    }

    /// The largest window the zoom may reach.
    pub fn limit(&self) -> Window {
        let b = self.base;
        let (cx, cy) = ((b.x_min + b.x_max) / 2.0, (b.y_min + b.y_max) / 2.0);
        Window::new(
            cx - (cx - b.x_min) * MAX_ZOOM,
            cx + (b.x_max - cx) * MAX_ZOOM,
            cy - (cy - b.y_min) * MAX_ZOOM,
            cy + (b.y_max - cy) * MAX_ZOOM,
        )
    }

    /// Reads the points `scanned..len` of the columns (`xs`, `ys`); a shorter path than
    /// already read (a new run) starts over.
    pub fn extend(&mut self, xs: &[f64], ys: &[f64]) {
        let len = xs.len().min(ys.len());
        if len < self.scanned {
            *self = Follow::new(self.base);
        }
        let limit = self.limit();
        let b = self.base;
        let (cx, cy) = ((b.x_min + b.x_max) / 2.0, (b.y_min + b.y_max) / 2.0);
        let mut w = self.current();
        for i in self.scanned..len {
            let p = [xs[i], ys[i]];
            if w.contains(p) || !limit.contains(p) {
                continue;
            }
            let grow = |edge: f64, centre: f64, v: f64| {
                // The edge as far out as it must go to hold v at FILL of the way to it.
                let need = (v - centre) / FILL;
                let mut e = edge;
                while (need > 0.0 && e - centre < need) || (need < 0.0 && e - centre > need) {
                    e = centre + (e - centre) * 2.0;
                }
                e
            };
            let max_cap = |e: f64, cap: f64, c: f64| {
                if (e - c).abs() > (cap - c).abs() {
                    cap
                } else {
                    e
                }
            };
            let mut n = w;
            if p[0] < w.x_min {
                n.x_min = max_cap(grow(w.x_min, cx, p[0]), limit.x_min, cx);
            }
            if p[0] > w.x_max {
                n.x_max = max_cap(grow(w.x_max, cx, p[0]), limit.x_max, cx);
            }
            if p[1] < w.y_min {
                n.y_min = max_cap(grow(w.y_min, cy, p[1]), limit.y_min, cy);
            }
            if p[1] > w.y_max {
                n.y_max = max_cap(grow(w.y_max, cy, p[1]), limit.y_max, cy);
            }
            w = n;
            self.changes.push((i, w));
        }
        self.scanned = len;
    }

    /// The window of every point read so far.
    pub fn current(&self) -> Window {
        self.changes.last().map_or(self.base, |c| c.1)
    }

    /// The window that holds points 0..=k (of those read; each that can be held).
    pub fn window(&self, k: usize) -> Window {
        let n = self.changes.partition_point(|c| c.0 <= k);
        if n == 0 {
            self.base
        } else {
            self.changes[n - 1].1
        }
    }
}

/// The view window of points 0..=k of a path from a landscape's window `base`, without
/// keeping anything (for one-off figures; the page keeps a [`Follow`]).
pub fn followed(base: Window, xs: &[f64], ys: &[f64], k: usize) -> Window {
    let n = xs.len().min(ys.len()).min(k.saturating_add(1));
    let mut f = Follow::new(base);
    f.extend(&xs[..n], &ys[..n]);
    f.current()
}

/// The surface's layout for a window: with equal units when `equal` (the window widened
/// along the plot's longer side, [`equal_units`]), else the window as it is.
pub fn surface_layout(width: u32, height: u32, dpr: f64, window: Window, equal: bool) -> Layout {
    let l = Layout::new(width, height, dpr, window);
    if !equal {
        return l;
    }
    Layout::new(
        width,
        height,
        dpr,
        equal_units(l.window, l.plot.width(), l.plot.height()),
    )
}

/// The view of a run's path at point `upto` as both the page and `descent render` draw it:
/// the landscape's window (or `base`), grown to hold points 0..=upto + 1 (the step being
/// shown lands on the next point), with equal units where [`equal_axes`] says so.
pub fn run_layout(
    o: &Objective,
    base: Window,
    (xs, ys): (&[f64], &[f64]),
    upto: usize,
    (width, height, dpr): (u32, u32, f64),
) -> Layout {
    let w = followed(base, xs, ys, upto.saturating_add(1));
    surface_layout(width, height, dpr, w, equal_axes(o))
}

/// The note that the two axes have scales of their own (data models whose parameters differ
/// in kind): `text` at the figure's bottom right corner, under the plot.
pub fn draw_scale_note<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    text: &str,
    theme: &Theme,
) -> DrawResult {
    let root = backend.into_drawing_area();
    let style = ("sans-serif", layout.px(11.0))
        .into_font()
        .style(FontStyle::Italic)
        .color(&theme.foreground.mix(0.8))
        .pos(Pos::new(HPos::Right, VPos::Bottom));
    let at = (
        (layout.width as f64 - layout.px(6.0)).round() as i32,
        (layout.height as f64 - layout.px(3.0)).round() as i32,
    );
    root.draw(&Text::new(text.to_string(), at, style))
        .map_err(|e| format!("drawing the axes' note failed: {e}"))?;
    root.present()
        .map_err(|e| format!("drawing the axes' note failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_units_widen_the_longer_side() {
        let w = equal_units(Window::new(-2.0, 2.0, -1.0, 3.0), 800, 400);
        assert_eq!(w, Window::new(-4.0, 4.0, -1.0, 3.0));
        let w = equal_units(Window::new(-2.0, 2.0, -2.0, 2.0), 300, 600);
        assert_eq!(w, Window::new(-2.0, 2.0, -4.0, 4.0));
        let l = surface_layout(1600, 900, 2.0, Window::new(-2.0, 2.0, -2.0, 2.0), true);
        let (o, x1, y1) = (
            l.to_px([0.0, 0.0]),
            l.to_px([1.0, 0.0]),
            l.to_px([0.0, 1.0]),
        );
        assert!(
            ((x1.0 - o.0) - (o.1 - y1.1)).abs() < 1e-9,
            "{o:?} {x1:?} {y1:?}"
        );
    }

    #[test]
    fn the_view_follows_a_diverging_path_by_powers_of_two() {
        // x² at lr 1.5 from 2.5: x doubles and changes sign, f quadruples.
        let xs: Vec<f64> = (0..600).map(|k| 2.5 * (-2f64).powi(k)).collect();
        let ys: Vec<f64> = xs.iter().map(|x| x * x).collect();
        let base = Window::new(-3.0, 3.0, -0.5, 9.0);
        let mut f = Follow::new(base);
        f.extend(&xs, &ys);
        assert_eq!(f.window(0), base);
        for k in 0..=3 {
            let w = f.window(k);
            for i in 0..=k {
                assert!(w.contains([xs[i], ys[i]]), "{k} {i} {w:?}");
            }
        }
        // The zoom stops at its limit; later points are off view.
        let end = f.window(599);
        let lim = f.limit();
        assert!(end.x_max <= lim.x_max && end.y_max <= lim.y_max, "{end:?}");
        assert!(!end.contains([xs[599], ys[599]]));
        assert!(f.changes.len() < 12, "{:?}", f.changes);
        // Edges grow by powers of two from the centre; the bottom stays.
        assert_eq!(end.y_min, base.y_min);
        let r = (end.x_max - 0.0) / 3.0;
        assert!(r.log2().fract().abs() < 1e-12, "{r}");
        // The same prefix gives the same window however it was read.
        let mut g = Follow::new(base);
        for n in [1, 3, 7, 600] {
            g.extend(&xs[..n], &ys[..n]);
        }
        assert_eq!(g.window(5), f.window(5));
        assert_eq!(followed(base, &xs, &ys, 2), f.window(2));
    }

    #[test]
    fn a_path_inside_the_window_keeps_it() {
        let base = Window::new(-2.0, 2.0, -1.0, 3.0);
        let xs = [-1.5, 0.0, 1.0, f64::NAN, f64::INFINITY];
        let ys = [2.0, 0.0, 1.0, 0.0, 1.0];
        assert_eq!(followed(base, &xs, &ys, 10), base);
    }
}
