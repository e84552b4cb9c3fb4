//! The learning-rate sweep chart: the final loss, or the steps to reach the target, against
//! the learning rate on a log axis. Runs that diverged are marked along the top edge.

use plotters::prelude::*;

use crate::contour::format_level;
use crate::layout::{Layout, Window};
use crate::loss::{axes, LOSS_MARGINS};
use crate::surface::{DrawResult, Theme};

/// One learning rate of a sweep as plotted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepPoint {
    /// The learning rate.
    pub lr: f64,
    /// The value plotted (final loss or steps); `None` when the run diverged or never
    /// reached the target.
    pub value: Option<f64>,
    /// Whether the run diverged.
    pub diverged: bool,
}

/// What the sweep's y axis shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SweepAxis {
    /// The final loss, on a log axis when every value is positive.
    Loss,
    /// The steps to reach the target, linear.
    Steps,
}

/// Draws the sweep over learning rates `lo..=hi` for the points computed so far. Returns
/// whether the y axis is logarithmic.
#[allow(clippy::too_many_arguments)]
pub fn draw_sweep<DB: DrawingBackend>(
    backend: DB,
    (width, height, dpr): (u32, u32, f64),
    (lo, hi): (f64, f64),
    points: &[SweepPoint],
    axis: SweepAxis,
    labels: (&str, &str),
    theme: &Theme,
) -> DrawResult<bool> {
    let err = |e: &dyn std::fmt::Display| format!("drawing the sweep failed: {e}");
    let values: Vec<f64> = points
        .iter()
        .filter_map(|p| p.value)
        .filter(|v| v.is_finite())
        .collect();
    // A log axis when no loss is negative; exact zeros (runs that landed on the minimum)
    // are pinned one decade below the smallest positive loss and drawn hollow.
    let positive = values
        .iter()
        .copied()
        .filter(|&v| v > 0.0)
        .fold(f64::INFINITY, f64::min);
    let log = axis == SweepAxis::Loss && positive.is_finite() && values.iter().all(|&v| v >= 0.0);
    let floor = if log {
        libm::log10(positive) - 1.0
    } else {
        0.0
    };
    let plot_y = |v: f64| {
        if !log {
            v
        } else if v > 0.0 {
            libm::log10(v)
        } else {
            floor
        }
    };
    let ys: Vec<f64> = values.iter().map(|&v| plot_y(v)).collect();
    let (mut y0, mut y1) = ys
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    if !(y0.is_finite() && y1.is_finite()) {
        (y0, y1) = (0.0, 1.0);
    }
    let pad = if y1 > y0 { (y1 - y0) * 0.08 } else { 1.0 };
    let (y0, y1) = (
        if axis == SweepAxis::Steps {
            (y0 - pad).max(0.0)
        } else {
            y0 - pad
        },
        y1 + pad * 2.0,
    );
    let (x0, x1) = (libm::log10(lo), libm::log10(hi));
    let (x0, x1) = if x1 > x0 {
        (x0, x1)
    } else {
        (x0 - 1.0, x0 + 1.0)
    };
    let layout = Layout::with_margins(
        width,
        height,
        dpr,
        Window::new(x0, x1, y0, y1),
        LOSS_MARGINS,
    );
    let root = backend.into_drawing_area();
    root.fill(&theme.background).map_err(|e| err(&e))?;
    let xfmt = |v: &f64| format_level(libm::pow(10.0, *v));
    let yfmt = |v: &f64| {
        if log {
            format_level(libm::pow(10.0, *v))
        } else if axis == SweepAxis::Steps {
            format!("{}", v.round() as i64)
        } else {
            format_level(*v)
        }
    };
    let mut chart = axes(
        &root,
        &layout,
        (x0..x1, y0..y1),
        (70.0, 8),
        (&xfmt, &yfmt),
        labels,
        theme,
    )
    .map_err(|e| err(&e))?;
    let line = RGBColor(49, 104, 142);
    let lw = layout.px(1.5).round().max(1.0) as u32;
    let dot = layout.px(3.0).round().max(1.0) as i32;
    let pts: Vec<(f64, f64, bool)> = points
        .iter()
        .filter_map(|p| {
            let v = p.value.filter(|v| v.is_finite())?;
            Some((libm::log10(p.lr), plot_y(v), log && v <= 0.0))
        })
        .collect();
    chart
        .draw_series(LineSeries::new(
            pts.iter().map(|&(x, y, _)| (x, y)),
            line.stroke_width(lw),
        ))
        .map_err(|e| err(&e))?;
    chart
        .draw_series(pts.iter().map(|&(x, y, zero)| {
            let style = if zero {
                line.stroke_width(lw)
            } else {
                line.filled()
            };
            Circle::new((x, y), dot, style)
        }))
        .map_err(|e| err(&e))?;
    // Diverged (or never reached): a cross on the top edge, in the run-failed colour.
    let bad = RGBColor(222, 64, 32);
    let top = y1 - pad;
    chart
        .draw_series(
            points
                .iter()
                .filter(|p| p.value.is_none_or(|v| !v.is_finite()))
                .map(|p| Cross::new((libm::log10(p.lr), top), dot + 1, bad.stroke_width(lw))),
        )
        .map_err(|e| err(&e))?;
    root.present().map_err(|e| err(&e))?;
    Ok(log)
}
