//! The loss chart: loss against step, on a linear or logarithmic y axis.

use plotters::prelude::*;

use crate::contour::format_level;
use crate::layout::{Layout, Margins, Window};
use crate::surface::{DrawResult, Theme};

/// The loss chart's margins in CSS pixels (a little more room on the left for labels).
pub const LOSS_MARGINS: Margins = Margins {
    left: 56.0,
    top: 8.0,
    right: 12.0,
    bottom: 34.0,
};

/// The y values a loss chart plots: the loss itself, or its log10 when `log_y`. Non-finite
/// losses become NaN, which are not drawn, and so does an exact 0 on a log axis (a run that
/// lands on its minimum). Returns `None` for log_y when some finite loss is negative (a custom
/// formula or a 1-D well can go negative): the chart then falls back to linear rather than
/// flatten those values.
pub fn plotted(loss: &[f64], log_y: bool) -> Option<Vec<f64>> {
    if !log_y {
        return Some(
            loss.iter()
                .map(|&v| if v.is_finite() { v } else { f64::NAN })
                .collect(),
        );
    }
    if loss.iter().any(|v| v.is_finite() && *v < 0.0) {
        return None;
    }
    Some(
        loss.iter()
            .map(|&v| {
                if v.is_finite() && v > 0.0 {
                    libm::log10(v)
                } else {
                    f64::NAN
                }
            })
            .collect(),
    )
}

/// Finite values beyond ±this are drawn at ±this: wider, the span or its padding overflows.
const Y_LIMIT: f64 = 1e300;

/// The y range of finite values (capped at ±[`Y_LIMIT`]) with 5 % padding; a flat or empty
/// series gets ±1 (or ±5 % when large) around it.
fn y_range(ys: &[f64]) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in ys {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let (lo, hi) = (lo.clamp(-Y_LIMIT, Y_LIMIT), hi.clamp(-Y_LIMIT, Y_LIMIT));
    let pad = if hi > lo {
        (hi - lo) * 0.05
    } else {
        lo.abs().max(20.0) * 0.05
    };
    (lo - pad, hi + pad)
}

/// At most two points (the min and the max, in step order) per bucket of steps, for about
/// `buckets` buckets: the envelope of a long series, so spikes survive decimation.
pub fn envelope(ys: &[f64], upto: usize, buckets: usize) -> Vec<(f64, f64)> {
    let n = (upto + 1).min(ys.len());
    let buckets = buckets.max(1);
    if n <= buckets * 2 {
        return (0..n)
            .filter(|&i| ys[i].is_finite())
            .map(|i| (i as f64, ys[i]))
            .collect();
    }
    let mut out = Vec::with_capacity(buckets * 2);
    for b in 0..buckets {
        let (s, e) = (b * n / buckets, ((b + 1) * n / buckets).min(n));
        let (mut imin, mut imax) = (usize::MAX, usize::MAX);
        for i in s..e {
            if !ys[i].is_finite() {
                continue;
            }
            if imin == usize::MAX || ys[i] < ys[imin] {
                imin = i;
            }
            if imax == usize::MAX || ys[i] > ys[imax] {
                imax = i;
            }
        }
        if imin == usize::MAX {
            continue;
        }
        let (a, c) = if imin <= imax {
            (imin, imax)
        } else {
            (imax, imin)
        };
        out.push((a as f64, ys[a]));
        if c != a {
            out.push((c as f64, ys[c]));
        }
    }
    out
}

/// Draws the loss chart on a `(width, height, dpr)` figure for points 0..=`upto` of `loss`, with the x axis spanning every
/// recorded step (so scrubbing doesn't rescale it) and a marker at `upto`. Returns whether
/// the y axis is logarithmic (false when log_y was asked for but no loss is positive).
pub fn draw_loss<DB: DrawingBackend>(
    backend: DB,
    dims: (u32, u32, f64),
    loss: &[f64],
    upto: usize,
    log_y: bool,
    theme: &Theme,
) -> DrawResult<bool> {
    draw_losses(
        backend,
        dims,
        &[LossSeries { loss, label: "" }],
        upto,
        log_y,
        (theme, &LossLabels::ENGLISH),
    )
}

/// The loss chart's axis names, in the page's language.
#[derive(Clone, Copy, Debug)]
pub struct LossLabels<'a> {
    /// The x axis.
    pub step: &'a str,
    /// The y axis, linear.
    pub loss: &'a str,
    /// The y axis, logarithmic.
    pub loss_log: &'a str,
}

impl LossLabels<'static> {
    /// The English names.
    pub const ENGLISH: LossLabels<'static> = LossLabels {
        step: "step",
        loss: "loss",
        loss_log: "loss (log)",
    };
}

/// The line colour of each run's loss curve, main run first: darker than the surface's run
/// colours (they are drawn on white) but of the same hues after the first.
pub const LOSS_COLOURS: [RGBColor; 6] = [
    RGBColor(49, 104, 142),
    RGBColor(222, 64, 32),
    RGBColor(196, 36, 160),
    RGBColor(0, 150, 196),
    RGBColor(204, 136, 0),
    RGBColor(118, 80, 220),
];

/// One loss curve and its legend label (no legend when there is only one curve).
#[derive(Clone, Copy, Debug)]
pub struct LossSeries<'a> {
    /// The loss at each recorded point.
    pub loss: &'a [f64],
    /// What tells the run apart.
    pub label: &'a str,
}

/// Draws one loss curve per run on shared axes (the x axis spans the longest run, the y axis
/// every finite loss), each up to point `upto` with a marker there, and a legend when there
/// is more than one. Returns whether the y axis is logarithmic: it is when asked for and no
/// finite loss of any run is ≤ 0.
pub fn draw_losses<DB: DrawingBackend>(
    backend: DB,
    (width, height, dpr): (u32, u32, f64),
    series: &[LossSeries],
    upto: usize,
    log_y: bool,
    (theme, labels): (&Theme, &LossLabels),
) -> DrawResult<bool> {
    let log = log_y && series.iter().all(|s| plotted(s.loss, true).is_some());
    let ys: Vec<Vec<f64>> = series
        .iter()
        .map(|s| plotted(s.loss, log).unwrap_or_default())
        .collect();
    let last = ys
        .iter()
        .map(|y| y.len())
        .max()
        .unwrap_or(0)
        .saturating_sub(1);
    let all: Vec<f64> = ys.iter().flatten().copied().collect();
    let (y0, y1) = y_range(&all);
    // Pin values beyond the capped range to its edge (NaN stays NaN and is not drawn), so no
    // pixel coordinate overflows, as the trajectory pins points that left the plot.
    let ys: Vec<Vec<f64>> = ys
        .into_iter()
        .map(|y| y.into_iter().map(|v| v.clamp(y0, y1)).collect())
        .collect();
    let x1 = (last as f64).max(1.0);
    let layout = Layout::with_margins(
        width,
        height,
        dpr,
        Window::new(0.0, x1, y0, y1),
        LOSS_MARGINS,
    );
    let r = layout.plot;
    let err = |e: &dyn std::fmt::Display| format!("drawing the loss chart failed: {e}");
    let root = backend.into_drawing_area();
    root.fill(&theme.background).map_err(|e| err(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .margin_top(r.top as u32)
        .margin_right((width as i32 - r.right).max(0) as u32)
        .x_label_area_size((height as i32 - r.bottom).max(0) as u32)
        .y_label_area_size(r.left.max(0) as u32)
        .build_cartesian_2d(0.0..x1, y0..y1)
        .map_err(|e| err(&e))?;
    let fg = theme.foreground;
    let font = layout.px(11.0);
    let xfmt = |v: &f64| format!("{}", v.round() as i64);
    let yfmt = |v: &f64| {
        if log {
            // Past f64's range 10^v is 0 or inf; the exponent still says where the tick is.
            let y = libm::pow(10.0, *v);
            if y.is_normal() {
                format_level(y)
            } else {
                format!("1e{}", v.round())
            }
        } else {
            format_level(*v)
        }
    };
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(fg.mix(0.12))
        .x_labels(((r.width() as f64 / layout.px(60.0)) as usize).clamp(2, 10))
        .y_labels(((r.height() as f64 / layout.px(30.0)) as usize).clamp(2, 8))
        .x_label_formatter(&xfmt)
        .y_label_formatter(&yfmt)
        .axis_style(fg.stroke_width(layout.px(1.0).round().max(1.0) as u32))
        .label_style(("sans-serif", font).into_font().color(&fg))
        .axis_desc_style(("sans-serif", font).into_font().color(&fg))
        .x_desc(labels.step)
        .y_desc(if log { labels.loss_log } else { labels.loss })
        .draw()
        .map_err(|e| err(&e))?;
    let lw = layout.px(1.5).round().max(1.0) as u32;
    // The main run last, on top.
    for (i, ys) in ys.iter().enumerate().rev() {
        let line = LOSS_COLOURS[i % LOSS_COLOURS.len()];
        let at = upto.min(ys.len().saturating_sub(1));
        let pts = envelope(ys, at, (r.width().max(1) as usize).min(2000));
        chart
            .draw_series(LineSeries::new(pts, line.stroke_width(lw)))
            .map_err(|e| err(&e))?;
        let marker = if i == 0 { theme.current } else { line };
        if let Some(&y) = ys.get(at).filter(|v| v.is_finite()) {
            chart
                .draw_series(std::iter::once(Circle::new(
                    (at as f64, y),
                    layout.px(3.5) as i32,
                    marker.filled(),
                )))
                .map_err(|e| err(&e))?;
        }
    }
    if series.len() > 1 && r.width() as f64 >= layout.px(crate::runs::LEGEND_MIN_CSS) {
        // Legend entries in run order (the curves were drawn last-first).
        for (i, s) in series.iter().enumerate() {
            let line = LOSS_COLOURS[i % LOSS_COLOURS.len()];
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
                .map_err(|e| err(&e))?
                .label(s.label)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], line.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(theme.background.mix(0.85))
            .border_style(fg.mix(0.35))
            .label_font(("sans-serif", font).into_font().color(&fg))
            .draw()
            .map_err(|e| err(&e))?;
    }
    root.present().map_err(|e| err(&e))?;
    Ok(log)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_values_skip_non_finite_and_refuse_non_positive() {
        let ys = plotted(&[100.0, f64::INFINITY, f64::NAN, 1e-3], true).unwrap();
        assert_eq!(ys[0], 2.0);
        assert!(ys[1].is_nan() && ys[2].is_nan());
        assert_eq!(ys[3], -3.0);
        assert!(plotted(&[3.0, 0.0], true).unwrap()[1].is_nan());
        assert!(plotted(&[3.0, -2.0], true).is_none());
        assert_eq!(plotted(&[-2.0, f64::NAN], false).unwrap()[0], -2.0);
        assert_eq!(y_range(&[f64::NAN]), (0.0, 1.0));
        assert_eq!(y_range(&[2.0, 2.0]), (1.0, 3.0));
        // Spans too wide for f64 are capped, and huge flat series still get a real range.
        let (a, b) = y_range(&[1.0, 1.79e308]);
        assert!(a < 1.0 && b > 1e300 && (b - a).is_finite());
        let (a, b) = y_range(&[-f64::MAX, f64::MAX]);
        assert!(a < -1e300 && b > 1e300 && (b - a).is_finite());
        let (a, b) = y_range(&[1.7e308, 1.7e308]);
        assert!(a < 1e300 && b > 1e300 && (b - a).is_finite(), "{a} {b}");
    }

    #[test]
    fn the_envelope_keeps_spikes_and_is_bounded() {
        let mut ys: Vec<f64> = (0..100_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
        ys[54_321] = 50.0;
        let env = envelope(&ys, 99_999, 500);
        assert!(env.len() <= 1000);
        assert!(env.contains(&(54_321.0, 50.0)));
        assert_eq!(env[0], (0.0, 1.0));
        assert!(env.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(envelope(&ys, 3, 500).len(), 4);
    }
}
