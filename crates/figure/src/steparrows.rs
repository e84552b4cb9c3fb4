//! The step-by-step view's arrows at θ_k: the gradient ∇f itself (uphill, drawn as a
//! direction), the step −η·∇f, the optimizer's momentum (where it has one) and the actual
//! update θ_{k+1} − θ_k where it differs from −η·∇f. Each arrow carries its label beside it,
//! placed clear of the other labels, of every arrow and of the landscape's own labels.
//! Drawn on top of the trajectory, without clearing.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::layout::Layout;
use crate::surface::DrawResult;

/// One arrow: a vector from θ_k, its colour and its label.
#[derive(Clone, Debug)]
pub struct StepArrow<'a> {
    /// The vector, in the units of θ (or, for a direction, in any units).
    pub v: [f64; 2],
    /// Its colour.
    pub color: RGBColor,
    /// Its label.
    pub label: &'a str,
    /// Only its direction means something (∇f is in units of loss per θ, not θ): it is
    /// drawn as long as the longest step arrow (at least 40 CSS px), dashed.
    pub direction: bool,
}

/// The uphill gradient ∇f.
pub const UPHILL: RGBColor = RGBColor(255, 150, 235);
/// The step −η·∇f (the trajectory's own arrow has this colour).
pub const GRADIENT: RGBColor = RGBColor(255, 80, 48);
/// The momentum / first-moment arrow.
pub const MOMENTUM: RGBColor = RGBColor(40, 200, 255);
/// The actual update.
pub const UPDATE: RGBColor = RGBColor(255, 214, 10);

/// An arrow as drawn, in device pixels (for tests and the page's helpers).
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnArrow {
    /// Its label: the labels of arrows that coincide, joined by " = " (or " ≈ " when they
    /// only coincide on screen); it is drawn in the last one's colour.
    pub label: String,
    /// The indices of the input arrows it stands for.
    pub of: Vec<usize>,
    /// θ_k.
    pub from: (f64, f64),
    /// The vector from θ_k to the tip.
    pub v: (f64, f64),
    /// The label's box: left, top, right, bottom.
    pub label_box: [f64; 4],
}

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing failed: {e}")
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// The step arrows in pixels: one common scale (so their lengths compare), chosen so that
/// the longest is between 24 and 110 CSS pixels, and none shorter than 20 CSS pixels (Adam's
/// update can be a hundredth of −η·g: its direction must still show); `None` for a vector
/// that is zero or not finite. Direction arrows get the longest step arrow's length, at
/// least 40 CSS px.
pub fn pixel_vectors(layout: &Layout, arrows: &[StepArrow]) -> Vec<Option<(f64, f64)>> {
    let w = layout.window;
    let sx = layout.plot.width() as f64 / (w.x_max - w.x_min);
    let sy = layout.plot.height() as f64 / (w.y_max - w.y_min);
    let raw: Vec<Option<(f64, f64)>> = arrows
        .iter()
        .map(|a| {
            let p = (a.v[0] * sx, -a.v[1] * sy);
            let len = libm::hypot(p.0, p.1);
            (len.is_finite() && len > 0.0).then_some(p)
        })
        .collect();
    let longest = raw
        .iter()
        .zip(arrows)
        .filter(|(_, a)| !a.direction)
        .filter_map(|(p, _)| *p)
        .map(|p| libm::hypot(p.0, p.1))
        .fold(0.0, f64::max);
    let scale = if longest > 0.0 {
        longest.clamp(layout.px(24.0), layout.px(110.0)) / longest
    } else {
        1.0
    };
    let shortest = layout.px(20.0);
    let direction_len = (longest * scale).max(layout.px(40.0));
    raw.into_iter()
        .zip(arrows)
        .map(|(p, a)| {
            p.map(|(x, y)| {
                let len = libm::hypot(x, y);
                if a.direction {
                    return (x / len * direction_len, y / len * direction_len);
                }
                let l = len * scale;
                let s = if l < shortest { shortest / l } else { 1.0 } * scale;
                (x * s, y * s)
            })
        })
        .collect()
}

/// Whether two vectors in θ's units are the same up to rounding.
fn same(a: [f64; 2], b: [f64; 2]) -> bool {
    let d = libm::hypot(a[0] - b[0], a[1] - b[1]);
    let m = libm::hypot(a[0], a[1]).max(libm::hypot(b[0], b[1]));
    d <= 1e-9 * m
}

/// The arrows to draw: arrows equal in θ's units become one, labelled "a = b"; arrows whose
/// tips fall within 4 CSS px of each other on screen become one, labelled "a ≈ b".
fn merged(layout: &Layout, arrows: &[StepArrow]) -> Vec<(String, Vec<usize>, (f64, f64))> {
    let vs = pixel_vectors(layout, arrows);
    let mut out: Vec<(String, Vec<usize>, (f64, f64))> = Vec::new();
    for (i, (a, v)) in arrows.iter().zip(&vs).enumerate() {
        let Some(v) = *v else { continue };
        let twin = out.iter_mut().find(|(_, of, w)| {
            let b = &arrows[of[0]];
            b.direction == a.direction
                && (same(a.v, b.v) || libm::hypot(v.0 - w.0, v.1 - w.1) <= layout.px(4.0))
        });
        match twin {
            Some((label, of, _)) => {
                let sign = if same(a.v, arrows[of[0]].v) {
                    " = "
                } else {
                    " ≈ "
                };
                label.push_str(sign);
                label.push_str(a.label);
                of.push(i);
            }
            None => out.push((a.label.to_string(), vec![i], v)),
        }
    }
    out
}

/// A box: left, top, right, bottom.
type Rect = [f64; 4];

/// A segment in pixels: from, to.
pub type Segment = ((f64, f64), (f64, f64));

fn overlap(a: &Rect, b: &Rect) -> f64 {
    let w = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let h = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    w * h
}

/// How much a label box at `c` (centre) with half size `half` collides with what it must
/// keep clear of: other boxes (by area), arrow shafts (points sampled along them), and the
/// plot's edge (anything outside counts heavily).
fn cost(
    c: (f64, f64),
    half: (f64, f64),
    avoid: &[Rect],
    shafts: &[Segment],
    plot: Rect,
    pad: f64,
) -> f64 {
    let b = [c.0 - half.0, c.1 - half.1, c.0 + half.0, c.1 + half.1];
    let area = (b[2] - b[0]) * (b[3] - b[1]);
    let inside = overlap(&b, &plot);
    let mut cost = (area - inside) * 100.0;
    let grown = [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad];
    for r in avoid {
        cost += overlap(&grown, r) * 10.0;
    }
    for &(from, to) in shafts {
        let n = (libm::hypot(to.0 - from.0, to.1 - from.1) / 2.0)
            .ceil()
            .max(1.0) as usize;
        for i in 0..=n {
            let t = i as f64 / n as f64;
            let p = (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
            if p.0 >= grown[0] && p.0 <= grown[2] && p.1 >= grown[1] && p.1 <= grown[3] {
                cost += 20.0 * pad.max(1.0);
            }
        }
    }
    cost
}

/// A short segment through `from` (pixels) along the contour line there: at right angles to
/// the gradient `g` in θ's units, mapped to pixels; `None` for a zero or non-finite `g`.
pub fn contour_segment(layout: &Layout, from: (f64, f64), g: [f64; 2]) -> Option<Segment> {
    let w = layout.window;
    let sx = layout.plot.width() as f64 / (w.x_max - w.x_min);
    let sy = layout.plot.height() as f64 / (w.y_max - w.y_min);
    // Along the contour θ moves by (−g_y, g_x); on screen y grows downwards.
    let t = (-g[1] * sx, -g[0] * sy);
    let len = libm::hypot(t.0, t.1);
    if !(len.is_finite() && len > 0.0) {
        return None;
    }
    let h = layout.px(26.0) / len;
    Some((
        (from.0 - t.0 * h, from.1 - t.1 * h),
        (from.0 + t.0 * h, from.1 + t.1 * h),
    ))
}

/// Where each arrow's label goes: beyond its tip if that is clear, else beside the tip or
/// the shaft on either side, farther out step by step; the clearest place wins.
fn place_labels(
    layout: &Layout,
    from: (f64, f64),
    drawn: &[(f64, f64)],
    halves: &[(f64, f64)],
    avoid: &[Rect],
    lines: &[Segment],
) -> Vec<Rect> {
    let r = layout.plot;
    let plot = [r.left as f64, r.top as f64, r.right as f64, r.bottom as f64];
    let gap = layout.px(4.0);
    let pad = layout.px(2.0);
    let shafts: Vec<Segment> = drawn
        .iter()
        .map(|v| (from, (from.0 + v.0, from.1 + v.1)))
        .chain(lines.iter().copied())
        .collect();
    let mut avoid: Vec<Rect> = avoid.to_vec();
    // The current point's marker.
    let m = layout.px(7.0);
    avoid.push([from.0 - m, from.1 - m, from.0 + m, from.1 + m]);
    let mut out = Vec::new();
    for (v, &half) in drawn.iter().zip(halves) {
        let len = libm::hypot(v.0, v.1).max(1e-9);
        let u = (v.0 / len, v.1 / len);
        let n = (-u.1, u.0);
        let tip = (from.0 + v.0, from.1 + v.1);
        // The distance from a box's centre to its edge along a unit direction.
        let reach = |d: (f64, f64)| half.0 * d.0.abs() + half.1 * d.1.abs();
        let mut candidates = Vec::new();
        for step in 0..4 {
            let extra = step as f64 * layout.px(10.0);
            let ahead = gap + reach(u) + extra;
            candidates.push((tip.0 + u.0 * ahead, tip.1 + u.1 * ahead));
            for side in [1.0, -1.0] {
                let d = (n.0 * side, n.1 * side);
                let off = gap + reach(d) + extra;
                candidates.push((tip.0 + d.0 * off, tip.1 + d.1 * off));
                let mid = (from.0 + v.0 * 0.55, from.1 + v.1 * 0.55);
                candidates.push((mid.0 + d.0 * off, mid.1 + d.1 * off));
                // Diagonally ahead of the tip.
                let k = std::f64::consts::FRAC_1_SQRT_2;
                let diag = ((u.0 + d.0) * k, (u.1 + d.1) * k);
                let off = gap + reach(diag) + extra;
                candidates.push((tip.0 + diag.0 * off, tip.1 + diag.1 * off));
            }
        }
        // Pulled inside the plot, as a last resort near an edge.
        let inside: Vec<(f64, f64)> = candidates
            .iter()
            .map(|c| {
                (
                    c.0.clamp(
                        plot[0] + half.0 + pad,
                        (plot[2] - half.0 - pad).max(plot[0] + half.0 + pad),
                    ),
                    c.1.clamp(
                        plot[1] + half.1 + pad,
                        (plot[3] - half.1 - pad).max(plot[1] + half.1 + pad),
                    ),
                )
            })
            .collect();
        // The clearest place; among equally clear ones the nearest to the tip (a label pulled
        // in from the plot's edge can otherwise land far from its arrow).
        let mut best = (f64::INFINITY, candidates[0]);
        for c in candidates.into_iter().chain(inside) {
            let near = 0.05 * libm::hypot(c.0 - tip.0, c.1 - tip.1) / layout.px(1.0);
            let k = cost(c, half, &avoid, &shafts, plot, pad) + near;
            if k < best.0 {
                best = (k, c);
            }
        }
        let c = best.1;
        let b = [c.0 - half.0, c.1 - half.1, c.0 + half.0, c.1 + half.1];
        avoid.push(b);
        out.push(b);
    }
    out
}

/// Draws the arrows from θ_k (`at`, in data units), each with its label beside it, keeping
/// the labels clear of each other, of the arrows and of `avoid` (the landscape's own labels
/// and marks, in device pixels). Longer arrows are drawn first, so a shorter one along the
/// same line stays on top. Returns what was drawn.
pub fn draw_step_arrows<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    at: [f64; 2],
    arrows: &[StepArrow],
    avoid: &[Rect],
) -> DrawResult<Vec<DrawnArrow>> {
    let root = backend.into_drawing_area();
    let from = layout.to_px(at);
    let r = layout.plot;
    let inside = from.0 >= r.left as f64
        && from.0 <= r.right as f64
        && from.1 >= r.top as f64
        && from.1 <= r.bottom as f64;
    if !inside {
        root.present().map_err(err)?;
        return Ok(Vec::new());
    }
    let mut list = merged(layout, arrows);
    // All arrows shortened alike, so that every tip stays inside the plot (with a margin)
    // and their lengths still compare; none below 14 CSS px, though.
    let margin = layout.px(6.0);
    let room = |p: f64, v: f64, lo: f64, hi: f64| {
        if v > 0.0 {
            ((hi - margin - p) / v).max(0.0)
        } else if v < 0.0 {
            ((lo + margin - p) / v).max(0.0)
        } else {
            f64::INFINITY
        }
    };
    let fit = list
        .iter()
        .map(|(_, _, v)| {
            room(from.0, v.0, r.left as f64, r.right as f64).min(room(
                from.1,
                v.1,
                r.top as f64,
                r.bottom as f64,
            ))
        })
        .fold(1.0_f64, f64::min);
    if fit < 1.0 {
        let floor = layout.px(14.0);
        for (_, _, v) in &mut list {
            let len = libm::hypot(v.0, v.1);
            let k = fit.max((floor / len).min(1.0));
            *v = (v.0 * k, v.1 * k);
        }
    }
    let lw = layout.px(2.5).round().max(1.0) as u32;
    // Arrows are clipped to the plot (a long one near an edge must not cross the axes).
    let plot = root
        .clone()
        .shrink((r.left, r.top), (r.width() as u32, r.height() as u32));
    let o = (r.left as f64, r.top as f64);
    let local = |p: (f64, f64)| ipt((p.0 - o.0, p.1 - o.1));
    // The contour line through θ_k, as a short white segment under the arrows: ∇f crosses it
    // at right angles (marked when the axes' scales make the right angle show as one).
    let across: Vec<Segment> = arrows
        .iter()
        .find(|a| a.direction)
        .and_then(|a| contour_segment(layout, from, a.v))
        .into_iter()
        .collect();
    for &(p, q) in &across {
        let thin = layout.px(1.5).round().max(1.0) as u32;
        plot.draw(&PathElement::new(
            vec![local(p), local(q)],
            BLACK.mix(0.5).stroke_width(thin + 2),
        ))
        .map_err(err)?;
        plot.draw(&PathElement::new(
            vec![local(p), local(q)],
            WHITE.stroke_width(thin),
        ))
        .map_err(err)?;
        let g = arrows
            .iter()
            .find(|a| a.direction)
            .map(|a| a.v)
            .unwrap_or([0.0; 2]);
        let w = layout.window;
        let (sx, sy) = (
            layout.plot.width() as f64 / (w.x_max - w.x_min),
            layout.plot.height() as f64 / (w.y_max - w.y_min),
        );
        let up = (g[0] * sx, -g[1] * sy);
        let t = (q.0 - p.0, q.1 - p.1);
        let (lu, lt) = (libm::hypot(up.0, up.1), libm::hypot(t.0, t.1));
        if lu > 0.0 && lt > 0.0 && ((up.0 * t.0 + up.1 * t.1) / lu / lt).abs() < 0.02 {
            let e = layout.px(7.0);
            let (u, v) = ((up.0 / lu * e, up.1 / lu * e), (t.0 / lt * e, t.1 / lt * e));
            let corner = vec![
                local((from.0 + u.0, from.1 + u.1)),
                local((from.0 + u.0 + v.0, from.1 + u.1 + v.1)),
                local((from.0 + v.0, from.1 + v.1)),
            ];
            plot.draw(&PathElement::new(corner, WHITE.stroke_width(thin)))
                .map_err(err)?;
        }
    }
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by(|&a, &b| {
        let la = libm::hypot(list[a].2 .0, list[a].2 .1);
        let lb = libm::hypot(list[b].2 .0, list[b].2 .1);
        lb.total_cmp(&la)
    });
    for &i in &order {
        let (_, of, (vx, vy)) = &list[i];
        let a = &arrows[of[0]];
        // Arrows that coincide take the last one's colour: the update's, when it is one.
        let color = arrows[of[of.len() - 1]].color;
        let len = libm::hypot(*vx, *vy);
        let (ux, uy) = (vx / len, vy / len);
        let tip = (from.0 + vx, from.1 + vy);
        let head = layout.px(10.0).min(len * 0.6);
        let base = (tip.0 - ux * head, tip.1 - uy * head);
        let side = (-uy * head * 0.5, ux * head * 0.5);
        // Dashed for a direction: pieces of 6 CSS px with gaps of 4.
        let pieces: Vec<Segment> = if a.direction {
            let (dash, gap) = (layout.px(6.0), layout.px(4.0));
            let shaft = (len - head).max(0.0);
            let mut v = Vec::new();
            let mut s = 0.0;
            while s < shaft {
                let e = (s + dash).min(shaft);
                v.push((
                    (from.0 + ux * s, from.1 + uy * s),
                    (from.0 + ux * e, from.1 + uy * e),
                ));
                s = e + gap;
            }
            v
        } else {
            vec![(from, base)]
        };
        for &(p, q) in &pieces {
            plot.draw(&PathElement::new(
                vec![local(p), local(q)],
                BLACK.mix(0.6).stroke_width(lw + 2),
            ))
            .map_err(err)?;
        }
        for &(p, q) in &pieces {
            plot.draw(&PathElement::new(
                vec![local(p), local(q)],
                color.stroke_width(lw),
            ))
            .map_err(err)?;
        }
        let tri = vec![
            local(tip),
            local((base.0 + side.0, base.1 + side.1)),
            local((base.0 - side.0, base.1 - side.1)),
        ];
        plot.draw(&Polygon::new(tri.clone(), BLACK.mix(0.6).stroke_width(2)))
            .map_err(err)?;
        plot.draw(&Polygon::new(tri, color.filled())).map_err(err)?;
    }
    // The labels: bold enough to read at 360 px, in the arrow's colour on a dark box.
    let font = ("sans-serif", layout.px(12.0)).into_font().color(&WHITE);
    let pad = (layout.px(4.0), layout.px(2.0));
    let halves: Vec<(f64, f64)> = list
        .iter()
        .map(|(label, _, _)| {
            let (w, h) = root
                .estimate_text_size(label, &font)
                .map(|(w, h)| (w as f64, h as f64))
                // No fonts natively (tests): a rough size.
                .unwrap_or((
                    layout.px(7.0) * label.chars().count() as f64,
                    layout.px(12.0),
                ));
            (w / 2.0 + pad.0, h / 2.0 + pad.1)
        })
        .collect();
    let drawn: Vec<(f64, f64)> = list.iter().map(|(_, _, v)| *v).collect();
    let boxes = place_labels(layout, from, &drawn, &halves, avoid, &across);
    let centred = font.pos(Pos::new(HPos::Center, VPos::Center));
    for ((label, of, _), b) in list.iter().zip(&boxes) {
        let color = arrows[of[of.len() - 1]].color;
        root.draw(&Rectangle::new(
            [ipt((b[0], b[1])), ipt((b[2], b[3]))],
            BLACK.mix(0.72).filled(),
        ))
        .map_err(err)?;
        let c = ipt(((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0));
        root.draw(&Text::new(label.as_str(), c, centred.clone().color(&color)))
            .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(list
        .into_iter()
        .zip(boxes)
        .map(|((label, of, v), label_box)| DrawnArrow {
            label,
            of,
            from,
            v,
            label_box,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::Window;

    fn layout() -> Layout {
        Layout::new(
            400,
            300,
            1.0,
            Window {
                x_min: -2.0,
                x_max: 2.0,
                y_min: -2.0,
                y_max: 2.0,
            },
        )
    }

    fn arrow(v: [f64; 2], label: &str) -> StepArrow<'_> {
        StepArrow {
            v,
            color: GRADIENT,
            label,
            direction: false,
        }
    }

    #[test]
    fn one_scale_for_all_arrows_and_zero_vectors_are_skipped() {
        let l = layout();
        let arrows = [
            arrow([0.001, 0.0], "g"),
            arrow([0.0, 0.0005], "u"),
            arrow([0.0, 0.0], "m"),
            StepArrow {
                v: [-3.0, 0.0],
                direction: true,
                ..arrow([0.0; 2], "∇f")
            },
        ];
        let v = pixel_vectors(&l, &arrows);
        let a = v[0].unwrap();
        let b = v[1].unwrap();
        assert!((a.0 - 24.0).abs() < 1e-9 && a.1 == 0.0, "{a:?}");
        // Half as long on the common scale would be 12 px: held at 20 px, pointing up.
        assert!(b.0 == 0.0 && (b.1 + 20.0).abs() < 1e-9, "{b:?}");
        assert!(v[2].is_none());
        // A direction: at least 40 px, whatever its size in data units.
        let d = v[3].unwrap();
        assert!((d.0 + 40.0).abs() < 1e-9 && d.1 == 0.0, "{d:?}");
    }

    #[test]
    fn equal_arrows_merge_and_labels_keep_clear_of_each_other_of_the_arrows_and_of_marks() {
        let l = layout();
        let g = [0.4, 0.3];
        let step = [-0.1 * g[0], -0.1 * g[1]];
        let arrows = [
            StepArrow {
                direction: true,
                color: UPHILL,
                ..arrow(g, "∇f uphill")
            },
            arrow(step, "−η·∇f"),
            StepArrow {
                color: UPDATE,
                ..arrow(step, "update")
            },
        ];
        let list = merged(&l, &arrows);
        assert_eq!(list.len(), 2, "{list:?}");
        assert_eq!(list[0].0, "∇f uphill");
        assert_eq!(list[1].0, "−η·∇f = update");
        assert_eq!(list[1].1, vec![1, 2]);
        // ∇f points along g (up the screen for g_y > 0), −η·∇f the opposite way.
        let (u, d) = (list[0].2, list[1].2);
        assert!(u.0 > 0.0 && u.1 < 0.0 && d.0 < 0.0 && d.1 > 0.0);
        assert!(
            (u.0 * d.1 - u.1 * d.0).abs() < 1e-6 * libm::hypot(u.0, u.1) * libm::hypot(d.0, d.1)
        );
        // A landscape label right beyond the −η·∇f tip.
        let from = l.to_px([0.5, 0.0]);
        let tip = (from.0 + d.0, from.1 + d.1);
        let blocker = [tip.0 - 30.0, tip.1 - 2.0, tip.0 + 2.0, tip.1 + 30.0];
        let halves = [(40.0, 8.0), (50.0, 8.0)];
        let boxes = place_labels(&l, from, &[u, d], &halves, &[blocker], &[]);
        let (a, b) = (&boxes[0], &boxes[1]);
        assert_eq!(overlap(a, b), 0.0, "{a:?} {b:?}");
        let plot = [
            l.plot.left as f64,
            l.plot.top as f64,
            l.plot.right as f64,
            l.plot.bottom as f64,
        ];
        for x in [a, b] {
            assert_eq!(overlap(x, &blocker), 0.0, "{x:?}");
            assert!(x[0] >= plot[0] && x[2] <= plot[2] && x[1] >= plot[1] && x[3] <= plot[3]);
            for v in [u, d] {
                for i in 0..=20 {
                    let t = i as f64 / 20.0;
                    let p = (from.0 + v.0 * t, from.1 + v.1 * t);
                    assert!(
                        !(p.0 > x[0] && p.0 < x[2] && p.1 > x[1] && p.1 < x[3]),
                        "{x:?} covers {p:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_contour_segment_is_at_right_angles_to_the_gradient_in_thetas_units() {
        // Unequal scales: 100 px per unit across, 50 up.
        let l = Layout::new(
            400,
            300,
            1.0,
            Window {
                x_min: -2.0,
                x_max: 2.0,
                y_min: -3.0,
                y_max: 3.0,
            },
        );
        let sx = l.plot.width() as f64 / 4.0;
        let sy = l.plot.height() as f64 / 6.0;
        let g = [0.3, -1.2];
        let ((x0, y0), (x1, y1)) = contour_segment(&l, (200.0, 150.0), g).unwrap();
        // Back in θ's units the segment is along (−g_y, g_x).
        let d = ((x1 - x0) / sx, -(y1 - y0) / sy);
        assert!((d.0 * g[0] + d.1 * g[1]).abs() < 1e-12, "{d:?}");
        assert!((libm::hypot(x1 - x0, y1 - y0) - 52.0).abs() < 1e-9);
        assert!(contour_segment(&l, (0.0, 0.0), [0.0, 0.0]).is_none());
        assert!(contour_segment(&l, (0.0, 0.0), [f64::NAN, 1.0]).is_none());
    }

    #[test]
    fn arrows_that_only_meet_on_screen_are_labelled_as_nearly_equal() {
        let l = layout();
        let a = [arrow([0.01, 0.0], "a"), arrow([0.0100001, 0.0], "b")];
        let list = merged(&l, &a);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].0, "a ≈ b");
    }
}
