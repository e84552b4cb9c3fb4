//! The learning-rate sweep chart: the final loss, or the steps to reach the target, against
//! the learning rate on a log axis. Runs that diverged are marked along the top edge.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

/// What a sweep chart marks beyond its points.
#[derive(Clone, Copy, Debug, Default)]
pub struct SweepMarks<'a> {
    /// The loss at the start (the same for every rate): a final loss above
    /// `descent::compare::diverging_above` of it is diverging, drawn as a cross along the top
    /// edge, so that the axis keeps the useful range instead of reaching 1e300.
    pub start_loss: Option<f64>,
    /// The main run's learning rate and its label (`lr = 0.1`): a vertical line there.
    pub current: Option<(f64, &'a str)>,
}

/// What [`draw_sweep_marked`] drew: whether the y axis is logarithmic, and the layout (x is
/// log10 of the learning rate), so that a click can be turned into a rate.
#[derive(Clone, Copy, Debug)]
pub struct SweepDrawn {
    /// Whether the y axis is logarithmic.
    pub log: bool,
    /// The plot's layout; its window's x is log10(lr).
    pub layout: Layout,
}

/// Draws the sweep over learning rates `lo..=hi` for the points computed so far. Returns
/// whether the y axis is logarithmic.
#[allow(clippy::too_many_arguments)]
pub fn draw_sweep<DB: DrawingBackend>(
    backend: DB,
    dims: (u32, u32, f64),
    range: (f64, f64),
    points: &[SweepPoint],
    axis: SweepAxis,
    labels: (&str, &str),
    theme: &Theme,
) -> DrawResult<bool> {
    draw_sweep_marked(
        backend,
        dims,
        range,
        points,
        axis,
        labels,
        theme,
        &SweepMarks::default(),
    )
    .map(|d| d.log)
}

/// [`draw_sweep`] with the diverging rates set apart and the current rate marked.
#[allow(clippy::too_many_arguments)]
pub fn draw_sweep_marked<DB: DrawingBackend>(
    backend: DB,
    (width, height, dpr): (u32, u32, f64),
    (lo, hi): (f64, f64),
    points: &[SweepPoint],
    axis: SweepAxis,
    labels: (&str, &str),
    theme: &Theme,
    marks: &SweepMarks,
) -> DrawResult<SweepDrawn> {
    let err = |e: &dyn std::fmt::Display| format!("drawing the sweep failed: {e}");
    // Final losses past the diverging threshold count as diverged: plotted, they would
    // stretch the axis to 1e300 and flatten the valley of good rates.
    let cap = match (axis, marks.start_loss) {
        (SweepAxis::Loss, Some(s)) if s.is_finite() => descent::compare::diverging_above(s),
        _ => f64::INFINITY,
    };
    let points: Vec<SweepPoint> = points
        .iter()
        .map(|p| match p.value {
            Some(v) if v > cap => SweepPoint {
                value: None,
                diverged: true,
                ..*p
            },
            _ => *p,
        })
        .collect();
    let points = &points[..];
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
    // Diverged: a cross on the top edge, in the run-failed colour; never reached (steps):
    // a hollow grey ring there.
    let bad = crate::loss::DIVERGED_MARK;
    let top = y1 - pad;
    let missing = |p: &&SweepPoint| p.value.is_none_or(|v| !v.is_finite());
    chart
        .draw_series(
            points
                .iter()
                .filter(missing)
                .filter(|p| p.diverged)
                .map(|p| Cross::new((libm::log10(p.lr), top), dot + 1, bad.stroke_width(lw))),
        )
        .map_err(|e| err(&e))?;
    chart
        .draw_series(
            points
                .iter()
                .filter(missing)
                .filter(|p| !p.diverged)
                .map(|p| {
                    Circle::new(
                        (libm::log10(p.lr), top),
                        dot + 1,
                        theme.foreground.mix(0.5).stroke_width(lw),
                    )
                }),
        )
        .map_err(|e| err(&e))?;
    // The main run's rate: a vertical line with its label, in the current point's colour.
    if let Some((lr, text)) = marks.current {
        let x = libm::log10(lr);
        if lr > 0.0 && x >= x0 && x <= x1 {
            let (px, _) = layout.to_px([x, y0]);
            let r = layout.plot;
            let w = layout.px(1.5).round().max(1.0) as u32;
            let c = theme.current;
            let xi = px.round() as i32;
            root.draw(&PathElement::new(
                vec![(xi, r.top), (xi, r.bottom)],
                c.stroke_width(w),
            ))
            .map_err(|e| err(&e))?;
            let font = ("sans-serif", layout.px(11.0)).into_font().color(&c);
            let right = px < (r.left + r.right) as f64 / 2.0;
            let (h, dx) = if right {
                (HPos::Left, layout.px(4.0))
            } else {
                (HPos::Right, -layout.px(4.0))
            };
            root.draw(&Text::new(
                text.to_string(),
                ((px + dx).round() as i32, r.top + layout.px(14.0) as i32),
                font.pos(Pos::new(h, VPos::Top)),
            ))
            .map_err(|e| err(&e))?;
        }
    }
    root.present().map_err(|e| err(&e))?;
    Ok(SweepDrawn { log, layout })
}
