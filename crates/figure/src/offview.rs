//! Points beyond the view: a marker on the plot's border pointing at where the point is, with
//! a label that says how far (its coordinates), so a run that left the view is still seen.
//! Labels on a figure are placed through [`Placed`], so that none overprints another.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::contour::format_level;
use crate::layout::Layout;
use crate::surface::{DrawResult, Theme};

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing an off-view marker failed: {e}")
}

/// Whether a pixel lies in the plot rectangle (edges included).
pub fn in_plot(layout: &Layout, p: (f64, f64)) -> bool {
    let r = layout.plot;
    p.0 >= r.left as f64 && p.0 <= r.right as f64 && p.1 >= r.top as f64 && p.1 <= r.bottom as f64
}

/// Where the marker of a point at pixel `p` (outside the plot; ±∞ allowed, NaN counts as the
/// centre) sits, and the unit direction from the plot's centre towards the point: on the
/// border, inset by 10 CSS px, on the line from the centre. `None` when `p` is in the plot.
pub fn anchor(layout: &Layout, p: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let r = layout.plot;
    let c = (
        (r.left + r.right) as f64 / 2.0,
        (r.top + r.bottom) as f64 / 2.0,
    );
    anchor_from(layout, c, p)
}

/// [`anchor`] on the ray from `c` (a pixel in the plot) instead of the plot's centre.
pub fn anchor_from(
    layout: &Layout,
    c: (f64, f64),
    p: (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    if in_plot(layout, p) {
        return None;
    }
    let r = layout.plot;
    let off = |v: f64, c: f64| {
        if v.is_nan() {
            0.0
        } else {
            (v - c).clamp(-1e12, 1e12)
        }
    };
    let (mut dx, mut dy) = (off(p.0, c.0), off(p.1, c.1));
    if dx == 0.0 && dy == 0.0 {
        // Nowhere known (NaN): mark the top.
        dy = -1.0;
    }
    let inset = layout.px(10.0);
    // How far the ray may go before it is within `inset` of the border.
    let room = |c: f64, d: f64, lo: i32, hi: i32| {
        let (lo, hi) = (lo as f64 + inset, hi as f64 - inset);
        if hi <= lo {
            return 0.0;
        }
        let c = c.clamp(lo, hi);
        if d > 0.0 {
            (hi - c) / d
        } else if d < 0.0 {
            (lo - c) / d
        } else {
            f64::INFINITY
        }
    };
    let c = (
        c.0.clamp(r.left as f64, r.right as f64),
        c.1.clamp(r.top as f64, r.bottom as f64),
    );
    let t = room(c.0, dx, r.left, r.right).min(room(c.1, dy, r.top, r.bottom));
    let len = libm::hypot(dx, dy);
    let at = (c.0 + dx * t, c.1 + dy * t);
    dx /= len;
    dy /= len;
    Some((at, (dx, dy)))
}

/// Rectangles of labels already drawn on a figure, in device pixels: a new label moves until
/// it overlaps none of them.
#[derive(Clone, Debug, Default)]
pub struct Placed(Vec<[f64; 4]>);

impl Placed {
    /// Nothing placed yet.
    pub fn new() -> Placed {
        Placed::default()
    }

    /// Records a rectangle `[left, top, right, bottom]` as taken.
    pub fn take(&mut self, r: [f64; 4]) {
        self.0.push(r);
    }

    /// Whether `r` overlaps a rectangle already taken.
    pub fn overlaps(&self, r: [f64; 4]) -> bool {
        self.0
            .iter()
            .any(|q| r[0] < q[2] && q[0] < r[2] && r[1] < q[3] && q[1] < r[3])
    }

    /// The first of `r` moved down (or up, when `up`) by whole label heights that overlaps
    /// nothing and stays within `[top, bottom]` (`r` itself when none does), taken.
    pub fn place(&mut self, r: [f64; 4], up: bool, top: f64, bottom: f64) -> [f64; 4] {
        let h = r[3] - r[1] + 2.0;
        for i in 0..24 {
            for dir in [if up { -1.0 } else { 1.0 }, if up { 1.0 } else { -1.0 }] {
                let d = dir * h * i as f64;
                let q = [r[0], r[1] + d, r[2], r[3] + d];
                if q[1] >= top && q[3] <= bottom && !self.overlaps(q) {
                    self.take(q);
                    return q;
                }
                if i == 0 {
                    break;
                }
            }
        }
        self.take(r);
        r
    }
}

/// Draws `text` in `color` on a dark box centred on `x` with its top (or bottom, when
/// `above`) at `y`, inside the plot, moved clear of the labels in `placed`.
pub fn label<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    placed: &mut Placed,
    text: &str,
    (x, y): (f64, f64),
    color: RGBColor,
    above: bool,
) -> DrawResult<[f64; 4]> {
    let style = ("sans-serif", layout.px(12.0))
        .into_font()
        .color(&color)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let (tw, th) = root
        .estimate_text_size(text, &style)
        .unwrap_or((text.chars().count() as u32 * 7, 12));
    let pad = layout.px(3.0);
    let r = layout.plot;
    let (w, h) = (tw as f64 + 2.0 * pad, th as f64 + 2.0 * pad);
    let lo = r.left as f64 + w / 2.0 + 1.0;
    let hi = r.right as f64 - w / 2.0 - 1.0;
    let cx = if lo <= hi { x.clamp(lo, hi) } else { x };
    let top = if above { y - h } else { y };
    let top = top.min(r.bottom as f64 - h - 1.0).max(r.top as f64 + 1.0);
    let b = placed.place(
        [cx - w / 2.0, top, cx + w / 2.0, top + h],
        above,
        r.top as f64,
        r.bottom as f64,
    );
    let ip = |v: f64| v.round() as i32;
    root.draw(&Rectangle::new(
        [(ip(b[0]), ip(b[1])), (ip(b[2]), ip(b[3]))],
        BLACK.mix(0.6).filled(),
    ))
    .map_err(err)?;
    root.draw(&Text::new(
        text.to_string(),
        (ip(cx), ip(b[1] + pad)),
        style,
    ))
    .map_err(err)?;
    Ok(b)
}

/// The label of a point beyond the view: `off view: x = …, y = …` with the words given.
pub fn offview_text(word: &str, names: (&str, &str), p: [f64; 2], one_d: bool) -> String {
    if one_d {
        format!(
            "{word}: {} = {}, f = {}",
            names.0,
            format_level(p[0]),
            format_level(p[1])
        )
    } else {
        format!(
            "{word}: ({}, {}) = ({}, {})",
            names.0,
            names.1,
            format_level(p[0]),
            format_level(p[1])
        )
    }
}

/// Draws the marker of a point at pixel `p` beyond the view (nothing when it is in view): a
/// triangle on the border pointing at it, and `text` (if any) beside it. Returns where the
/// marker sits.
pub fn draw_offview<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    placed: &mut Placed,
    p: (f64, f64),
    text: Option<&str>,
    theme: &Theme,
) -> DrawResult<Option<(f64, f64)>> {
    let Some((at, d)) = anchor(layout, p) else {
        return Ok(None);
    };
    marker_at(root, layout, placed, (at, d), text, theme)?;
    Ok(Some(at))
}

/// The triangle at `at` pointing along `d`, and `text` beside it.
pub fn marker_at<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    placed: &mut Placed,
    (at, d): ((f64, f64), (f64, f64)),
    text: Option<&str>,
    theme: &Theme,
) -> DrawResult {
    let s = layout.px(10.0);
    let tip = (at.0 + d.0 * s * 0.6, at.1 + d.1 * s * 0.6);
    let back = (at.0 - d.0 * s * 0.6, at.1 - d.1 * s * 0.6);
    let (nx, ny) = (-d.1 * s * 0.55, d.0 * s * 0.55);
    let ip = |q: (f64, f64)| (q.0.round() as i32, q.1.round() as i32);
    let tri = |grow: f64| {
        vec![
            ip((tip.0 + d.0 * grow, tip.1 + d.1 * grow)),
            ip((
                back.0 + nx * (1.0 + grow / s),
                back.1 + ny * (1.0 + grow / s),
            )),
            ip((
                back.0 - nx * (1.0 + grow / s),
                back.1 - ny * (1.0 + grow / s),
            )),
        ]
    };
    root.draw(&Polygon::new(tri(layout.px(2.0)), BLACK.mix(0.7).filled()))
        .map_err(err)?;
    root.draw(&Polygon::new(tri(0.0), theme.current.filled()))
        .map_err(err)?;
    if let Some(text) = text {
        // Beside the marker, towards the centre.
        let below = d.1 <= 0.0;
        let y = if below { at.1 + s } else { at.1 - s };
        label(
            root,
            layout,
            placed,
            text,
            (at.0 - d.0 * s, y),
            theme.current,
            !below,
        )?;
    }
    Ok(())
}

/// [`draw_offview`] on a backend of its own (over a figure already drawn): the marker and
/// label of a point at pixel `p` when it is beyond the view.
pub fn draw_offview_on<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    p: (f64, f64),
    text: &str,
    theme: &Theme,
) -> DrawResult<Option<(f64, f64)>> {
    let root = backend.into_drawing_area();
    let at = draw_offview(&root, layout, &mut Placed::new(), p, Some(text), theme)?;
    root.present().map_err(err)?;
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Window;

    #[test]
    fn anchors_sit_on_the_border_towards_the_point() {
        let l = Layout::new(400, 300, 1.0, Window::new(-1.0, 1.0, -1.0, 1.0));
        assert_eq!(anchor(&l, l.to_px([0.5, 0.5])), None);
        let (at, d) = anchor(&l, l.to_px([1e200, 0.0])).unwrap();
        assert!(
            d.0 > 0.99 && (at.0 - (l.plot.right as f64 - 10.0)).abs() < 1e-9,
            "{at:?}"
        );
        let (at, d) = anchor(&l, (f64::NEG_INFINITY, f64::INFINITY)).unwrap();
        assert!(d.0 < 0.0 && d.1 > 0.0 && in_plot(&l, at), "{at:?} {d:?}");
        let (at, _) = anchor(&l, (f64::NAN, f64::NAN)).unwrap();
        assert!(in_plot(&l, at));
    }

    #[test]
    fn placed_labels_never_overlap() {
        let mut p = Placed::new();
        let a = p.place([0.0, 0.0, 50.0, 10.0], false, 0.0, 100.0);
        let b = p.place([10.0, 0.0, 60.0, 10.0], false, 0.0, 100.0);
        let c = p.place([20.0, 5.0, 70.0, 15.0], false, 0.0, 100.0);
        assert_eq!(a, [0.0, 0.0, 50.0, 10.0]);
        assert!(b[1] >= a[3] && c[1] >= b[3], "{b:?} {c:?}");
    }
}
