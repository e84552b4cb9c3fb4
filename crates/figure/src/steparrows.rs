//! The step-by-step view's arrows at θ_k: the negative gradient −η·g, the optimizer's
//! momentum (where it has one) and the actual update θ_{k+1} − θ_k, with a small legend.
//! Drawn on top of the trajectory, without clearing.

use plotters::prelude::*;

use crate::layout::Layout;
use crate::surface::DrawResult;

/// One arrow: a vector in data units from θ_k, its colour and its legend label.
#[derive(Clone, Debug)]
pub struct StepArrow<'a> {
    /// The vector, in the units of θ.
    pub v: [f64; 2],
    /// Its colour.
    pub color: RGBColor,
    /// Its legend text.
    pub label: &'a str,
}

/// The arrows' colours: gradient (as the trajectory's arrow), momentum, update.
pub const GRADIENT: RGBColor = RGBColor(255, 80, 48);
/// The momentum / first-moment arrow.
pub const MOMENTUM: RGBColor = RGBColor(40, 200, 255);
/// The actual update.
pub const UPDATE: RGBColor = RGBColor(255, 214, 10);

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing failed: {e}")
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// The arrows in pixels: one common scale (so their lengths compare), chosen so that the
/// longest is between 24 and 110 CSS pixels, and none shorter than 20 CSS pixels (Adam's
/// update can be a hundredth of −η·g: its direction must still show); `None` for a vector
/// that is zero or not finite.
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
        .flatten()
        .map(|p| libm::hypot(p.0, p.1))
        .fold(0.0, f64::max);
    if longest == 0.0 {
        return raw;
    }
    let scale = longest.clamp(layout.px(24.0), layout.px(110.0)) / longest;
    let shortest = layout.px(20.0);
    raw.into_iter()
        .map(|p| {
            p.map(|(x, y)| {
                let len = libm::hypot(x, y) * scale;
                let s = if len < shortest { shortest / len } else { 1.0 } * scale;
                (x * s, y * s)
            })
        })
        .collect()
}

/// Draws the arrows from θ_k (`at`, in data units) and a legend in the plot's top-right
/// corner. Returns the pixel vectors drawn (for tests).
pub fn draw_step_arrows<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    at: [f64; 2],
    arrows: &[StepArrow],
) -> DrawResult<Vec<Option<(f64, f64)>>> {
    let root = backend.into_drawing_area();
    let from = layout.to_px(at);
    let vs = pixel_vectors(layout, arrows);
    let r = layout.plot;
    let inside = from.0 >= r.left as f64
        && from.0 <= r.right as f64
        && from.1 >= r.top as f64
        && from.1 <= r.bottom as f64;
    let lw = layout.px(2.5).round().max(1.0) as u32;
    if inside {
        for (a, v) in arrows.iter().zip(&vs) {
            let Some((vx, vy)) = *v else { continue };
            let len = libm::hypot(vx, vy);
            let (ux, uy) = (vx / len, vy / len);
            let tip = (from.0 + vx, from.1 + vy);
            let head = layout.px(9.0).min(len * 0.6);
            let base = (tip.0 - ux * head, tip.1 - uy * head);
            let side = (-uy * head * 0.5, ux * head * 0.5);
            let shaft = vec![ipt(from), ipt(base)];
            root.draw(&PathElement::new(
                shaft.clone(),
                BLACK.mix(0.55).stroke_width(lw + 2),
            ))
            .map_err(err)?;
            root.draw(&PathElement::new(shaft, a.color.stroke_width(lw)))
                .map_err(err)?;
            let tri = vec![
                ipt(tip),
                ipt((base.0 + side.0, base.1 + side.1)),
                ipt((base.0 - side.0, base.1 - side.1)),
            ];
            root.draw(&Polygon::new(tri.clone(), a.color.filled()))
                .map_err(err)?;
        }
    }
    // The legend: a swatch and a label per arrow, on a translucent box.
    let font = ("sans-serif", layout.px(12.0)).into_font().color(&WHITE);
    let line = layout.px(17.0);
    let pad = layout.px(6.0);
    let swatch = layout.px(18.0);
    let text_w = arrows
        .iter()
        .map(|a| {
            root.estimate_text_size(a.label, &font)
                .map(|(w, _)| w as f64)
                // No fonts natively (tests): a rough width.
                .unwrap_or(layout.px(7.0) * a.label.chars().count() as f64)
        })
        .fold(0.0, f64::max);
    let box_w = pad * 3.0 + swatch + text_w;
    let box_h = pad * 2.0 + line * arrows.len() as f64;
    let x1 = r.right as f64 - layout.px(6.0);
    let x0 = x1 - box_w;
    let y0 = r.top as f64 + layout.px(6.0);
    root.draw(&Rectangle::new(
        [ipt((x0, y0)), ipt((x1, y0 + box_h))],
        BLACK.mix(0.6).filled(),
    ))
    .map_err(err)?;
    for (i, a) in arrows.iter().enumerate() {
        let cy = y0 + pad + line * (i as f64 + 0.5);
        root.draw(&PathElement::new(
            vec![ipt((x0 + pad, cy)), ipt((x0 + pad + swatch, cy))],
            a.color.stroke_width(lw),
        ))
        .map_err(err)?;
        let pos = ipt((x0 + pad * 2.0 + swatch, cy - layout.px(7.0)));
        root.draw(&Text::new(a.label, pos, font.clone()))
            .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(vs)
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

    #[test]
    fn one_scale_for_all_arrows_and_zero_vectors_are_skipped() {
        let l = layout();
        let arrows = [
            StepArrow {
                v: [0.001, 0.0],
                color: GRADIENT,
                label: "g",
            },
            StepArrow {
                v: [0.0, 0.0005],
                color: UPDATE,
                label: "u",
            },
            StepArrow {
                v: [0.0, 0.0],
                color: MOMENTUM,
                label: "m",
            },
        ];
        let v = pixel_vectors(&l, &arrows);
        let a = v[0].unwrap();
        let b = v[1].unwrap();
        assert!((a.0 - 24.0).abs() < 1e-9 && a.1 == 0.0, "{a:?}");
        // Half as long on the common scale would be 12 px: held at 20 px, pointing up.
        assert!(b.0 == 0.0 && (b.1 + 20.0).abs() < 1e-9, "{b:?}");
        assert!(v[2].is_none());
    }
}
