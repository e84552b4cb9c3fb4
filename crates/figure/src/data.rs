//! The data view of a model fitted to data: the samples, the model at the start (θ₀) and now
//! (θ_k), the samples of the current batch, and optionally the residuals.
//!
//! - linreg: y against x, with the lines ŷ = wx + b;
//! - logreg: the 0/1 label against x (jittered a little so piles of points show), with the
//!   sigmoid curves p = σ(wx + b) and the decision boundary x = −b/w where p = 0.5;
//! - linreg2: the prediction ŷ = w₁x₁ + w₂x₂ + b against the actual y, with the diagonal ŷ = y
//!   (b is the intercept the model solves exactly; see `descent::model`).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use descent::{Model, ModelKind};

use crate::contour::format_level;
use crate::decimate::{clamp_px, clip};
use crate::layout::{Layout, Margins, Window};
use crate::surface::{draw_axes, DrawResult, Theme};

/// The data view's margins in CSS pixels.
pub const DATA_MARGINS: Margins = Margins {
    left: 44.0,
    top: 8.0,
    right: 10.0,
    bottom: 40.0,
};

/// At most this many samples are drawn (an even stride of them), and at most this many of
/// the batch are ringed: each is a canvas call every frame, and 200 points show a scatter
/// as well as 100,000 do (measured in headless Chromium: 2000 samples with residuals cost
/// 45 ms a frame, 400 cost 20–30 ms).
pub const MAX_SAMPLES_DRAWN: usize = 200;

/// The model now (θ_k): the theme's current colour is used. The model at the start:
pub const START: RGBColor = RGBColor(120, 120, 200);
/// The ring around the samples of the current batch.
pub const BATCH: RGBColor = RGBColor(240, 170, 0);
/// Residual segments.
pub const RESIDUAL: RGBColor = RGBColor(214, 39, 40);
/// Samples (labels 0, and every sample of the regressions).
pub const SAMPLE: RGBColor = RGBColor(49, 104, 142);
/// Samples with label 1.
pub const SAMPLE_1: RGBColor = RGBColor(53, 183, 121);
/// The decision boundary and the diagonal.
pub const GUIDE: RGBColor = RGBColor(110, 110, 120);

/// What the data view shows at one step.
#[derive(Clone, Copy, Debug)]
pub struct DataFrame<'a> {
    /// The model with its data.
    pub model: &'a Model,
    /// θ at the start.
    pub theta0: [f64; 2],
    /// θ at the step shown.
    pub theta: [f64; 2],
    /// The samples the step after θ uses; `None` is all of them (nothing is highlighted).
    pub batch: Option<&'a [u32]>,
    /// Whether to draw the residual segments.
    pub residuals: bool,
}

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing the data view failed: {e}")
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (clamp_px(p.0).round() as i32, clamp_px(p.1).round() as i32)
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}

/// A small fixed vertical offset for sample i of logreg, in label units, so that samples on
/// the same label do not all sit on one line.
pub fn jitter(i: usize) -> f64 {
    let t = (i as f64 * 0.618_033_988_749_895).fract();
    (t - 0.5) * 0.08
}

/// The range of finite values, padded by `pad` of its span (a span of at least `min_span`).
fn padded(values: impl Iterator<Item = f64>, pad: f64, min_span: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi - lo < min_span {
        let c = (hi + lo) / 2.0;
        lo = c - min_span / 2.0;
        hi = c + min_span / 2.0;
    }
    let p = (hi - lo) * pad;
    (lo - p, hi + p)
}

/// The window the data view shows: fixed for the data, so that only the model moves.
pub fn data_window(model: &Model) -> Window {
    let d = model.data();
    match model.kind() {
        ModelKind::Linreg => {
            let (x0, x1) = padded(d.x1.iter().copied(), 0.1, 1.0);
            let (y0, y1) = padded(d.y.iter().copied(), 0.15, 1.0);
            // Room for the start line where it enters the plot, up to one more data span.
            let s = model.default_start();
            let span = y1 - y0;
            let ends = [s[0] * x0 + s[1], s[0] * x1 + s[1]];
            let lo = ends.iter().fold(y0, |m, &v| m.min(v)).max(y0 - span);
            let hi = ends.iter().fold(y1, |m, &v| m.max(v)).min(y1 + span);
            Window::new(x0, x1, lo, hi)
        }
        ModelKind::Logreg => {
            let (x0, x1) = padded(d.x1.iter().copied(), 0.08, 1.0);
            Window::new(x0, x1, -0.15, 1.15)
        }
        ModelKind::Linreg2 => {
            // The actual y on both axes; predictions start at θ = (0, 0), all at the mean ȳ.
            let (lo, hi) = padded(d.y.iter().copied(), 0.08, 1.0);
            Window::new(lo, hi, lo, hi)
        }
    }
}

/// The layout of the data view for a figure size.
pub fn data_layout(model: &Model, (width, height, dpr): (u32, u32, f64)) -> Layout {
    Layout::with_margins(width, height, dpr, data_window(model), DATA_MARGINS)
}

/// The axis names of the data view.
pub fn axis_names(kind: ModelKind) -> (&'static str, &'static str) {
    match kind {
        ModelKind::Linreg => ("x", "y"),
        ModelKind::Logreg => ("x", "label"),
        ModelKind::Linreg2 => ("y", "ŷ = w₁x₁ + w₂x₂ + b"),
    }
}

/// Where sample `i` is drawn (data coordinates) and where the model at θ puts it, i.e. the
/// other end of its residual.
pub fn sample_point(model: &Model, theta: [f64; 2], i: usize) -> ([f64; 2], [f64; 2]) {
    let d = model.data();
    match model.kind() {
        ModelKind::Linreg => {
            let x = d.x1[i];
            ([x, d.y[i]], [x, model.predict(theta, i)])
        }
        ModelKind::Logreg => {
            let x = d.x1[i];
            ([x, d.y[i] + jitter(i)], [x, model.predict(theta, i)])
        }
        ModelKind::Linreg2 => {
            let y = d.y[i];
            ([y, model.predict(theta, i)], [y, y])
        }
    }
}

/// The samples drawn: an even stride when there are many.
fn drawn_samples(n: usize) -> impl Iterator<Item = usize> {
    let stride = n.div_ceil(MAX_SAMPLES_DRAWN).max(1);
    // An odd stride: with an even one, data whose labels alternate (blobs, and tables
    // written class by class in turn) would show one class only.
    let stride = if stride > 1 && stride.is_multiple_of(2) {
        stride + 1
    } else {
        stride
    };
    (0..n).step_by(stride)
}

/// The model's curve over the window at θ: the line or the sigmoid, sampled along x.
fn model_curve(kind: ModelKind, theta: [f64; 2], w: Window, samples: usize) -> Vec<[f64; 2]> {
    let n = samples.max(2);
    (0..n)
        .map(|i| {
            let x = w.x_min + (w.x_max - w.x_min) * i as f64 / (n - 1) as f64;
            let z = theta[0] * x + theta[1];
            let y = match kind {
                ModelKind::Logreg => sigmoid(z),
                _ => z,
            };
            [x, y]
        })
        .collect()
}

/// Draws the data view on a `(width, height, dpr)` figure. Returns the layout used.
pub fn draw_data<DB: DrawingBackend>(
    backend: DB,
    size: (u32, u32, f64),
    frame: &DataFrame,
    theme: &Theme,
) -> DrawResult<Layout> {
    draw_data_in(backend, size, frame, None, theme)
}

/// [`draw_data`] in a given window (`None`: the data's own, [`data_window`]): the page holds
/// the window still while the user draws points, so that the view does not slide away under
/// the pointer as the data's range changes.
pub fn draw_data_in<DB: DrawingBackend>(
    backend: DB,
    (width, height, dpr): (u32, u32, f64),
    frame: &DataFrame,
    window: Option<Window>,
    theme: &Theme,
) -> DrawResult<Layout> {
    let model = frame.model;
    let kind = model.kind();
    let layout = match window {
        Some(w) => Layout::with_margins(width, height, dpr, w, DATA_MARGINS),
        None => data_layout(model, (width, height, dpr)),
    };
    let r = layout.plot;
    let w = layout.window;
    let root = backend.into_drawing_area();
    root.fill(&theme.background).map_err(err)?;
    root.draw(&Rectangle::new(
        [(r.left, r.top), (r.right, r.bottom)],
        RGBColor(246, 246, 250).filled(),
    ))
    .map_err(err)?;
    draw_axes(&root, &layout, axis_names(kind), theme)?;
    let thin = layout.px(1.0).round().max(1.0) as u32;
    let lw = layout.px(2.0).round().max(1.0) as u32;
    let polyline = |pts: &[[f64; 2]], style: ShapeStyle| -> DrawResult {
        let px: Vec<(f64, f64)> = pts.iter().map(|&p| layout.to_px(p)).collect();
        for run in clip(&px, r, 0.0) {
            if run.len() >= 2 {
                root.draw(&PathElement::new(
                    run.into_iter().map(ipt).collect::<Vec<_>>(),
                    style,
                ))
                .map_err(err)?;
            }
        }
        Ok(())
    };

    // Guides: the diagonal ŷ = y, the p = 0.5 level and the decision boundary.
    match kind {
        ModelKind::Linreg2 => {
            polyline(
                &[[w.x_min, w.x_min], [w.x_max, w.x_max]],
                GUIDE.stroke_width(thin),
            )?;
        }
        ModelKind::Logreg => {
            polyline(
                &[[w.x_min, 0.5], [w.x_max, 0.5]],
                GUIDE.mix(0.5).stroke_width(thin),
            )?;
        }
        ModelKind::Linreg => {}
    }

    let n = model.len();
    // Residuals first, under everything.
    if frame.residuals {
        for i in drawn_samples(n) {
            let (p, q) = sample_point(model, frame.theta, i);
            polyline(&[p, q], RESIDUAL.mix(0.75).stroke_width(thin))?;
        }
    }

    // The model at the start and now.
    let curve_samples = (r.width().max(2) as usize / 2).clamp(2, 400);
    match kind {
        ModelKind::Linreg | ModelKind::Logreg => {
            polyline(
                &model_curve(kind, frame.theta0, w, curve_samples),
                START.stroke_width(lw),
            )?;
            polyline(
                &model_curve(kind, frame.theta, w, curve_samples),
                theme.current.stroke_width(lw + 1),
            )?;
        }
        ModelKind::Linreg2 => {
            // Predictions at the start, as hollow rings in the start colour.
            let ring = layout.px(3.0).round().max(1.0) as i32;
            for i in drawn_samples(n) {
                let (p, _) = sample_point(model, frame.theta0, i);
                let q = layout.to_px(p);
                if in_plot(&layout, q) {
                    root.draw(&Circle::new(ipt(q), ring, START.stroke_width(thin)))
                        .map_err(err)?;
                }
            }
        }
    }
    if kind == ModelKind::Logreg {
        for (theta, color) in [(frame.theta0, START), (frame.theta, theme.current)] {
            if let Some(b) = boundary(theta) {
                if b > w.x_min && b < w.x_max {
                    polyline(
                        &[[b, w.y_min], [b, w.y_max]],
                        color.mix(0.8).stroke_width(thin),
                    )?;
                }
            }
        }
    }

    // The samples.
    let dot = layout.px(3.0).round().max(1.0) as i32;
    for i in drawn_samples(n) {
        let (p, _) = sample_point(model, frame.theta, i);
        let q = layout.to_px(p);
        if !in_plot(&layout, q) {
            continue;
        }
        let color = if kind == ModelKind::Logreg && model.data().y[i] == 1.0 {
            SAMPLE_1
        } else {
            SAMPLE
        };
        root.draw(&Circle::new(ipt(q), dot, color.mix(0.85).filled()))
            .map_err(err)?;
    }
    // The current batch, ringed.
    if let Some(batch) = frame.batch {
        let ring = layout.px(5.5).round().max(2.0) as i32;
        for &i in batch.iter().take(MAX_SAMPLES_DRAWN) {
            let i = i as usize;
            if i >= n {
                continue;
            }
            let (p, _) = sample_point(model, frame.theta, i);
            let q = layout.to_px(p);
            if in_plot(&layout, q) {
                root.draw(&Circle::new(ipt(q), ring, BATCH.stroke_width(lw)))
                    .map_err(err)?;
            }
        }
    }

    // The legend: the model's formula at θ₀ and θ_k.
    let font = ("sans-serif", layout.px(11.0)).into_font();
    let lines = [
        (format!("θ₀: {}", formula(model, frame.theta0)), START),
        (
            format!("θₖ: {}", formula(model, frame.theta)),
            theme.current,
        ),
    ];
    // Top left, where the regressions' data leaves room; for logreg on the right a third of
    // the way down, between the sigmoids' plateaus, clear of both classes.
    let right = kind == ModelKind::Logreg;
    let mut y = if right {
        r.top + r.height() / 3
    } else {
        r.top + layout.px(6.0) as i32
    };
    for (text, color) in lines {
        let style = font
            .clone()
            .color(&color)
            .pos(Pos::new(HPos::Left, VPos::Top));
        let (tw, th) = root
            .estimate_text_size(&text, &style)
            .unwrap_or((text.chars().count() as u32 * 6, 11));
        let x = if right {
            (r.right - layout.px(8.0) as i32 - tw as i32).max(r.left)
        } else {
            r.left + layout.px(8.0) as i32
        };
        let pad = layout.px(2.0) as i32;
        root.draw(&Rectangle::new(
            [
                (x - pad, y - pad),
                (x + tw as i32 + pad, y + th as i32 + pad),
            ],
            WHITE.mix(0.8).filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(text, (x, y), style)).map_err(err)?;
        y += th as i32 + layout.px(6.0) as i32;
    }
    root.present().map_err(err)?;
    Ok(layout)
}

/// Whether a pixel lies in the plot rectangle.
fn in_plot(layout: &Layout, p: (f64, f64)) -> bool {
    let r = layout.plot;
    p.0 >= r.left as f64 && p.0 <= r.right as f64 && p.1 >= r.top as f64 && p.1 <= r.bottom as f64
}

/// Where logistic regression at θ puts p = 0.5: x = −b/w, if w is not 0.
pub fn boundary(theta: [f64; 2]) -> Option<f64> {
    let x = -theta[1] / theta[0];
    (theta[0] != 0.0 && x.is_finite()).then_some(x)
}

/// The model at θ as a short formula, e.g. `ŷ = 2x + 1`; linreg2 with its intercept,
/// e.g. `ŷ = 2.9x₁ + 0.05x₂ + 0.1`.
pub fn formula(model: &Model, t: [f64; 2]) -> String {
    let signed = |v: f64| {
        let sign = if v < 0.0 { '−' } else { '+' };
        format!("{sign} {}", format_level(v.abs()))
    };
    let w = format_level(t[0]);
    match (model.kind(), model.intercept(t)) {
        (ModelKind::Linreg, _) => format!("ŷ = {w}x {}", signed(t[1])),
        (ModelKind::Logreg, _) => format!("p = σ({w}x {})", signed(t[1])),
        (ModelKind::Linreg2, b) => {
            format!("ŷ = {w}x₁ {}x₂ {}", signed(t[1]), signed(b.unwrap_or(0.0)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_drawn_hold_both_classes_of_alternating_labels() {
        for n in [10, 400, 10_000, 100_000] {
            let drawn: Vec<usize> = drawn_samples(n).collect();
            assert!(drawn.len() <= MAX_SAMPLES_DRAWN, "{n}: {}", drawn.len());
            assert!(
                drawn.len() >= MAX_SAMPLES_DRAWN.min(n) / 2,
                "{n}: {}",
                drawn.len()
            );
            let odd = drawn.iter().filter(|&&i| i % 2 == 1).count();
            assert!(
                odd * 3 > drawn.len() && odd * 3 < 2 * drawn.len(),
                "{n}: {odd} odd of {}",
                drawn.len()
            );
        }
    }
}
