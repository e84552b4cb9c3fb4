//! The gradient cloud on the surface at θ_k (`cloud=on`): every batch gradient kept by
//! [`descent::cloud::Cloud`] as a faint arrow, their mean as a bold arrow and the 1-σ
//! covariance ellipse around the mean's tip. Each gradient g is drawn as the step −lr·g
//! would be, all at one scale with the main arrow of this step's −lr·g_k, which the cloud
//! draws itself (the trajectory then draws none), so that they compare. The scale puts the
//! farthest of the mean's tip, the main arrow's tip and the ellipse between [`REACH_CSS`]
//! CSS pixels from θ_k, so that a spread of small gradients still shows. The ellipse is the
//! covariance's, mapped by the same scale. Drawn over the trajectory.

use plotters::prelude::*;

use crate::layout::Layout;
use crate::surface::{err, DrawResult, Theme};
use descent::cloud::Cloud;

/// The faint arrows' colour.
pub const BATCH: RGBColor = RGBColor(255, 255, 255);
/// The mean arrow's and the ellipse's colour.
pub const MEAN: RGBColor = RGBColor(255, 236, 110);

/// The segments the ellipse is drawn with.
const ELLIPSE_SEGMENTS: usize = 72;

/// The cloud in device pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CloudPixels {
    /// θ_k.
    pub from: (f64, f64),
    /// Device pixels per unit of −lr·g along x and y (the main arrow's scale; y points down).
    pub scale: (f64, f64),
    /// Each kept gradient's arrow, as the vector from θ_k to its tip.
    pub arrows: Vec<(f64, f64)>,
    /// The mean's arrow.
    pub mean: (f64, f64),
    /// This step's arrow (the main arrow, drawn with the cloud at the cloud's scale).
    pub step: (f64, f64),
    /// The ellipse as a closed polyline (absolute pixels).
    pub ellipse: Vec<(f64, f64)>,
}

/// The cloud's scale: the longest of the mean, this step's arrow and the ellipse's reach
/// from θ_k is drawn between these many CSS pixels.
pub const REACH_CSS: (f64, f64) = (72.0, 160.0);

/// Where the cloud goes, or `None` when θ_k or every vector is not finite or zero.
pub fn cloud_pixels(layout: &Layout, cloud: &Cloud, lr: f64) -> Option<CloudPixels> {
    let w = layout.window;
    let sx = layout.plot.width() as f64 / (w.x_max - w.x_min);
    let sy = layout.plot.height() as f64 / (w.y_max - w.y_min);
    let lr = if lr.is_finite() && lr > 0.0 { lr } else { 1.0 };
    let raw = (-lr * sx, lr * sy);
    let v0 = |g: [f64; 2]| (g[0] * raw.0, g[1] * raw.1);
    let e = cloud.ellipse;
    let (c, s) = (libm::cos(e.angle), libm::sin(e.angle));
    // The ellipse in units of g, around the mean.
    let ring: Vec<[f64; 2]> = (0..=ELLIPSE_SEGMENTS)
        .map(|i| {
            let t = i as f64 / ELLIPSE_SEGMENTS as f64 * core::f64::consts::TAU;
            let (a, b) = (e.semi_axes[0] * libm::cos(t), e.semi_axes[1] * libm::sin(t));
            [cloud.mean[0] + a * c - b * s, cloud.mean[1] + a * s + b * c]
        })
        .collect();
    let reach = ring
        .iter()
        .chain([&cloud.mean, &cloud.step])
        .map(|&g| {
            let p = v0(g);
            libm::hypot(p.0, p.1)
        })
        .filter(|l| l.is_finite())
        .fold(0.0, f64::max);
    if reach <= 0.0 {
        return None;
    }
    let factor = reach.clamp(layout.px(REACH_CSS.0), layout.px(REACH_CSS.1)) / reach;
    let scale = (raw.0 * factor, raw.1 * factor);
    let from = layout.to_px(cloud.theta);
    if !(from.0.is_finite() && from.1.is_finite()) {
        return None;
    }
    let v = |g: [f64; 2]| (g[0] * scale.0, g[1] * scale.1);
    let finite = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite();
    let arrows = cloud.arrows.iter().map(|&g| v(g)).filter(finite).collect();
    let ellipse = ring
        .iter()
        .map(|&g| {
            let d = v(g);
            (from.0 + d.0, from.1 + d.1)
        })
        .filter(finite)
        .collect();
    Some(CloudPixels {
        from,
        scale,
        arrows,
        mean: v(cloud.mean),
        step: v(cloud.step),
        ellipse,
    })
}

/// Pixels far off the figure held where i32 and the backends cope (`decimate::clamp_px`).
fn ipt(p: (f64, f64)) -> (i32, i32) {
    let c = crate::decimate::clamp_px;
    (c(p.0).round() as i32, c(p.1).round() as i32)
}

/// An arrow from `from` by `v` in `colour`, `width` CSS pixels wide, on a dark rim.
fn arrow<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    from: (f64, f64),
    (vx, vy): (f64, f64),
    colour: RGBColor,
    width: f64,
) -> DrawResult {
    let len = libm::hypot(vx, vy);
    if !(len.is_finite() && len > 0.0) {
        return Ok(());
    }
    let (ux, uy) = (vx / len, vy / len);
    let tip = (from.0 + vx, from.1 + vy);
    let head = layout.px(3.0 * width).min(len * 0.6);
    let base = (tip.0 - ux * head, tip.1 - uy * head);
    let side = (-uy * head * 0.55, ux * head * 0.55);
    let w = layout.px(width).round().max(1.0) as u32;
    root.draw(&PathElement::new(
        vec![ipt(from), ipt(base)],
        BLACK.mix(0.6).stroke_width(w + 2),
    ))
    .map_err(err)?;
    root.draw(&PathElement::new(
        vec![ipt(from), ipt(base)],
        colour.stroke_width(w),
    ))
    .map_err(err)?;
    let tri = vec![
        ipt(tip),
        ipt((base.0 + side.0, base.1 + side.1)),
        ipt((base.0 - side.0, base.1 - side.1)),
    ];
    root.draw(&Polygon::new(tri, colour.filled())).map_err(err)
}

/// Draws the cloud on a drawing area; returns what it drew (`None`: nothing to draw).
pub fn draw_cloud_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    cloud: &Cloud,
    lr: f64,
    theme: &Theme,
) -> DrawResult<Option<CloudPixels>> {
    let Some(px) = cloud_pixels(layout, cloud, lr) else {
        return Ok(None);
    };
    let from = px.from;
    // Fainter the more arrows there are, so 2,000 read as a cloud and 10 as arrows.
    let alpha = (2.0 / (px.arrows.len().max(1) as f64).sqrt()).clamp(0.12, 0.6);
    let thin = BATCH
        .mix(alpha)
        .stroke_width(layout.px(1.0).round().max(1.0) as u32);
    for &(vx, vy) in &px.arrows {
        root.draw(&PathElement::new(
            vec![ipt(from), ipt((from.0 + vx, from.1 + vy))],
            thin,
        ))
        .map_err(err)?;
    }
    let lw = layout.px(1.5).round().max(1.0) as u32;
    if px.ellipse.len() > 2 {
        let ring: Vec<(i32, i32)> = px.ellipse.iter().map(|&p| ipt(p)).collect();
        root.draw(&PathElement::new(
            ring.clone(),
            BLACK.mix(0.5).stroke_width(lw + 2),
        ))
        .map_err(err)?;
        root.draw(&PathElement::new(ring, MEAN.stroke_width(lw)))
            .map_err(err)?;
    }
    // The bold mean under this step's arrow, so both show where they coincide.
    arrow(root, layout, from, px.mean, MEAN, 3.5)?;
    arrow(root, layout, from, px.step, theme.current, 2.5)?;
    Ok(Some(px))
}

/// [`draw_cloud_on`] on a whole backend.
pub fn draw_cloud<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    cloud: &Cloud,
    lr: f64,
    theme: &Theme,
) -> DrawResult<Option<CloudPixels>> {
    let root = backend.into_drawing_area();
    let px = draw_cloud_on(&root, layout, cloud, lr, theme)?;
    root.present().map_err(err)?;
    Ok(px)
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::{Run, Settings, Window};

    fn cloud_of(settings: &str, k: usize) -> (Cloud, f64) {
        let mut r = Run::new(&Settings::decode(settings).0).unwrap();
        r.run_to_end();
        (Cloud::at(&r, k).unwrap(), r.lr(k))
    }

    /// The arrows share the main arrow's scale: this step's arrow is the main arrow.
    #[test]
    fn arrows_are_scaled_like_the_main_arrow() {
        let (c, lr) = cloud_of("f=linreg&data=line&batch=mini&bs=10&lr=0.01&steps=20", 14);
        let layout = Layout::new(800, 600, 1.0, Window::new(-1.0, 4.0, -2.0, 3.0));
        let px = cloud_pixels(&layout, &c, lr).unwrap();
        assert_eq!(px.arrows.len(), 10);
        // This step's batch is in the cloud, drawn as the main arrow.
        assert_eq!(px.arrows[c.index], px.step);
        let reach = libm::hypot(px.mean.0, px.mean.1).max(libm::hypot(px.step.0, px.step.1));
        assert!(reach <= REACH_CSS.1 + 1e-9);
        // The ellipse is closed and centred on the mean's tip.
        let n = px.ellipse.len();
        assert_eq!(n, ELLIPSE_SEGMENTS + 1);
        let cx = px.ellipse.iter().map(|p| p.0).sum::<f64>() - px.ellipse[0].0;
        let cy = px.ellipse.iter().map(|p| p.1).sum::<f64>() - px.ellipse[0].1;
        let centre = (cx / (n - 1) as f64, cy / (n - 1) as f64);
        let tip = (px.from.0 + px.mean.0, px.from.1 + px.mean.1);
        assert!((centre.0 - tip.0).abs() < 1e-6 && (centre.1 - tip.1).abs() < 1e-6);
    }
}
