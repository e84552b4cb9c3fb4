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

std::thread_local! {
    /// The tick labels of the last loss chart drawn on this thread, x then y, each as
    /// (position, label) once per position: what the page's tests read to check that
    /// neighbouring labels differ.
    static DRAWN_TICKS: core::cell::RefCell<[Vec<(f64, String)>; 2]> = Default::default();
}

fn note_tick(axis: usize, at: f64, label: &str) {
    DRAWN_TICKS.with(|t| {
        let list = &mut t.borrow_mut()[axis];
        if !list.iter().any(|(v, _)| *v == at) {
            list.push((at, label.to_string()));
        }
    });
}

/// The labelled ticks of the last loss chart drawn on this thread: (x labels, y labels) in
/// axis order, unlabelled ticks left out.
pub fn drawn_tick_labels() -> (Vec<String>, Vec<String>) {
    DRAWN_TICKS.with(|t| {
        let t = t.borrow();
        let labels = |axis: usize| {
            let mut v = t[axis].clone();
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            v.into_iter()
                .map(|(_, l)| l)
                .filter(|l| !l.is_empty())
                .collect()
        };
        (labels(0), labels(1))
    })
}

/// A tick label for `v` with ticks at least `gap` apart: [`format_level`]'s three
/// significant digits, or as many more as neighbouring ticks need to read differently
/// (16.26 and 16.27 rather than 16.3 twice).
pub fn tick_label(v: f64, gap: f64) -> String {
    let a = v.abs();
    if a == 0.0 || !a.is_finite() || !(gap.is_finite() && gap > 0.0) {
        return format_level(v);
    }
    let mag = libm::floor(libm::log10(a)) as i32;
    // The last digit shown must step by at most half a gap.
    let last = libm::floor(libm::log10(gap / 2.0)) as i32;
    let digits = (mag - last + 1).max(3);
    if digits <= 3 {
        return format_level(v);
    }
    let trim = |m: &str| -> String {
        if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            m.to_string()
        }
    };
    if (1e-3..1e5).contains(&a) {
        let decimals = (digits - 1 - mag).max(0) as usize;
        trim(&format!("{v:.decimals$}"))
    } else {
        let k = (digits - 1) as usize;
        let s = format!("{v:.k$e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        format!("{}e{e}", trim(m))
    }
}

/// At most two points (the min and the max, in step order) per bucket of steps, for about
/// `buckets` buckets: the envelope of a long series, so spikes survive decimation.
pub fn envelope(ys: &[f64], upto: usize, buckets: usize) -> Vec<(f64, f64)> {
    envelope_blocks(ys, upto, buckets, &[], false)
}

/// Whether a loss is drawn: finite, and positive on a log axis.
fn drawn(v: f64, log: bool) -> bool {
    v.is_finite() && (!log || v > 0.0)
}

/// The first indices of the smallest and the largest drawn value in `ys[s..e]`
/// (`usize::MAX` when none is drawn).
fn min_max(ys: &[f64], s: usize, e: usize, log: bool) -> (usize, usize) {
    let (mut imin, mut imax) = (usize::MAX, usize::MAX);
    for i in s..e {
        if !drawn(ys[i], log) {
            continue;
        }
        if imin == usize::MAX || ys[i] < ys[imin] {
            imin = i;
        }
        if imax == usize::MAX || ys[i] > ys[imax] {
            imax = i;
        }
    }
    (imin, imax)
}

/// [`envelope`] of the raw losses using the block extremes of their [`LossSummary`]: the
/// same points, found without visiting every value. On a log axis only positive losses
/// count (log10 keeps their order); the caller transforms the few points returned.
pub fn envelope_summarized(
    ys: &[f64],
    upto: usize,
    buckets: usize,
    summary: &LossSummary,
    log: bool,
) -> Vec<(f64, f64)> {
    let blocks = if log {
        &summary.blocks_log
    } else {
        &summary.blocks
    };
    envelope_blocks(ys, upto, buckets, blocks, log)
}

fn envelope_blocks(
    ys: &[f64],
    upto: usize,
    buckets: usize,
    blocks: &[(usize, usize)],
    log: bool,
) -> Vec<(f64, f64)> {
    // The extremes of ys[s..e], from whole blocks where they fit (first occurrences win, as
    // in a plain scan: blocks are visited in order and only a strictly better value wins).
    let range = |s: usize, e: usize| -> (usize, usize) {
        let first_block = s.div_ceil(BLOCK);
        let last_block = (e / BLOCK).min(blocks.len());
        if first_block >= last_block {
            return min_max(ys, s, e, log);
        }
        let mut parts = vec![min_max(ys, s, first_block * BLOCK, log)];
        parts.extend_from_slice(&blocks[first_block..last_block]);
        parts.push(min_max(ys, last_block * BLOCK, e, log));
        let (mut imin, mut imax) = (usize::MAX, usize::MAX);
        for (a, b) in parts {
            if a != usize::MAX && (imin == usize::MAX || ys[a] < ys[imin]) {
                imin = a;
            }
            if b != usize::MAX && (imax == usize::MAX || ys[b] > ys[imax]) {
                imax = b;
            }
        }
        (imin, imax)
    };
    let n = (upto + 1).min(ys.len());
    let buckets = buckets.max(1);
    if n <= buckets * 2 {
        return (0..n)
            .filter(|&i| drawn(ys[i], log))
            .map(|i| (i as f64, ys[i]))
            .collect();
    }
    let mut out = Vec::with_capacity(buckets * 2);
    for b in 0..buckets {
        let (s, e) = (b * n / buckets, ((b + 1) * n / buckets).min(n));
        let (imin, imax) = range(s, e);
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

/// What the loss chart needs to know of a whole run: the range of the finite and of the
/// positive losses, whether one is negative, and block extremes for [`envelope_summarized`].
/// It is extended as the run grows, so a long run is not rescanned every frame.
#[derive(Clone, Debug, PartialEq)]
pub struct LossSummary {
    /// How many losses were scanned.
    pub len: usize,
    lo: f64,
    hi: f64,
    lo_pos: f64,
    hi_pos: f64,
    negative: bool,
    /// For each complete block of [`BLOCK`] losses, the first index of its smallest and of
    /// its largest finite loss (`usize::MAX` when none), and the same of positive losses.
    blocks: Vec<(usize, usize)>,
    blocks_log: Vec<(usize, usize)>,
}

/// The losses per block of a [`LossSummary`].
const BLOCK: usize = 256;

impl Default for LossSummary {
    fn default() -> Self {
        LossSummary {
            len: 0,
            lo: f64::INFINITY,
            hi: f64::NEG_INFINITY,
            lo_pos: f64::INFINITY,
            hi_pos: f64::NEG_INFINITY,
            negative: false,
            blocks: Vec::new(),
            blocks_log: Vec::new(),
        }
    }
}

impl LossSummary {
    /// The summary of `loss`.
    pub fn of(loss: &[f64]) -> LossSummary {
        let mut s = LossSummary::default();
        s.extend(loss);
        s
    }

    /// Scans the losses added since the last call (all of them if `loss` got shorter).
    pub fn extend(&mut self, loss: &[f64]) {
        if loss.len() < self.len {
            *self = LossSummary::default();
        }
        for &v in &loss[self.len..] {
            if v.is_finite() {
                self.lo = self.lo.min(v);
                self.hi = self.hi.max(v);
                self.negative |= v < 0.0;
                if v > 0.0 {
                    self.lo_pos = self.lo_pos.min(v);
                    self.hi_pos = self.hi_pos.max(v);
                }
            }
        }
        self.len = loss.len();
        while (self.blocks.len() + 1) * BLOCK <= loss.len() {
            let s = self.blocks.len() * BLOCK;
            self.blocks.push(min_max(loss, s, s + BLOCK, false));
            self.blocks_log.push(min_max(loss, s, s + BLOCK, true));
        }
    }

    /// The smallest and largest drawn loss (infinite when there is none).
    fn range(&self, log: bool) -> (f64, f64) {
        if log {
            (self.lo_pos, self.hi_pos)
        } else {
            (self.lo, self.hi)
        }
    }
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
        &[LossSeries {
            loss,
            label: "",
            summary: None,
            note: "",
            diverging_from: None,
        }],
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

/// The line colour of a run's loss curve when it is drawn alone (compared runs take their
/// colours from [`crate::runs::RUN_COLOURS`], as everywhere else).
pub const LOSS_LINE: RGBColor = RGBColor(49, 104, 142);

/// The colour of the ring that marks where a compared run diverged.
pub const DIVERGED_MARK: RGBColor = RGBColor(222, 64, 32);

/// One loss curve and its legend label (no legend when there is only one curve).
#[derive(Clone, Copy, Debug)]
pub struct LossSeries<'a> {
    /// The loss at each recorded point.
    pub loss: &'a [f64],
    /// What tells the run apart.
    pub label: &'a str,
    /// The [`LossSummary`] of all of `loss` when the caller keeps one (else it is made).
    pub summary: Option<&'a LossSummary>,
    /// How the run is doing, after its label in the legend: `diverged at 511`.
    pub note: &'a str,
    /// The step from which the run is diverging (`descent::compare::diverging_from`); the
    /// chart rings its loss there once the timeline has reached it.
    pub diverging_from: Option<usize>,
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
    // What `plotted` gives, without transforming every point each frame: log10 keeps the
    // order of positive losses, so the range and the envelope are found on the raw losses
    // (with a summary kept between frames) and only the points drawn are transformed.
    let made: Vec<Option<LossSummary>> = series
        .iter()
        .map(|s| s.summary.is_none().then(|| LossSummary::of(s.loss)))
        .collect();
    let summaries: Vec<&LossSummary> = series
        .iter()
        .zip(&made)
        .filter_map(|(s, m)| s.summary.or(m.as_ref()))
        .collect();
    let log = log_y && summaries.iter().all(|s| !s.negative);
    let last = series
        .iter()
        .map(|s| s.loss.len())
        .max()
        .unwrap_or(0)
        .saturating_sub(1);
    let to_y = |v: f64| {
        if !drawn(v, log) {
            f64::NAN
        } else if log {
            libm::log10(v)
        } else {
            v
        }
    };
    let extremes: Vec<f64> = summaries
        .iter()
        .flat_map(|s| {
            let (lo, hi) = s.range(log);
            [lo, hi]
        })
        .filter(|v| v.is_finite())
        .map(to_y)
        .collect();
    // Compared runs where one diverges: the axis stops at the diverging threshold of the
    // highest start, so that the others' curves are not flattened against 1e300; the runaway
    // curve leaves through the top edge, ringed where it passed the threshold.
    let runaway = series.len() > 1 && series.iter().any(|s| s.diverging_from.is_some());
    let cap = series
        .iter()
        .filter(|_| runaway)
        .filter_map(|s| s.loss.first().copied())
        .filter(|v| v.is_finite())
        .map(descent::compare::diverging_above)
        .fold(f64::NEG_INFINITY, f64::max);
    let cap_y = if cap.is_finite() && drawn(cap, log) {
        to_y(cap)
    } else {
        f64::INFINITY
    };
    let extremes: Vec<f64> = extremes.into_iter().map(|v| v.min(cap_y)).collect();
    let (y0, y1) = y_range(&extremes);
    // Pin values beyond the capped range to its edge (NaN stays NaN and is not drawn), so no
    // pixel coordinate overflows, as the trajectory pins points that left the plot.
    let y_of = |v: f64| to_y(v).clamp(y0, y1);
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
    // Steps are whole numbers: a tick between two steps (a run of a few steps) gets no label,
    // rather than a rounded one that repeats its neighbour's.
    let xfmt = |v: &f64| {
        let label = if (v - v.round()).abs() < 1e-6 {
            format!("{}", v.round() as i64)
        } else {
            String::new()
        };
        note_tick(0, *v, &label);
        label
    };
    // Ticks are at least this far apart on the y axis (plotters asks for at most `axes`'s
    // label count and spaces them no closer than the span over that count).
    let y_ticks = ((r.height() as f64 / layout.px(30.0)) as usize).clamp(2, 8) as f64;
    let y_gap = (y1 - y0) / y_ticks;
    let yfmt = |v: &f64| {
        let label = if log {
            // Past f64's range 10^v is 0 or inf; the exponent still says where the tick is.
            let y = libm::pow(10.0, *v);
            if y.is_normal() {
                // Neighbouring ticks differ by the factor 10^gap.
                tick_label(y, y * (libm::pow(10.0, y_gap) - 1.0))
            } else {
                format!("1e{}", v.round())
            }
        } else {
            tick_label(*v, y_gap)
        };
        note_tick(1, *v, &label);
        label
    };
    DRAWN_TICKS.with(|t| *t.borrow_mut() = Default::default());
    let y_desc = if log { labels.loss_log } else { labels.loss };
    let mut chart = axes(
        &root,
        &layout,
        (0.0..x1, y0..y1),
        (60.0, 10),
        (&xfmt, &yfmt),
        (labels.step, y_desc),
        theme,
    )
    .map_err(|e| err(&e))?;
    let lw = layout.px(1.5).round().max(1.0) as u32;
    if series.len() > 1 {
        compared(&root, &layout, series, &summaries, upto, log, theme)?;
        root.present().map_err(|e| err(&e))?;
        return Ok(log);
    }
    // The main run last, on top.
    for (i, (s, summary)) in series.iter().zip(&summaries).enumerate().rev() {
        let ys = s.loss;
        let line = LOSS_LINE;
        let at = upto.min(ys.len().saturating_sub(1));
        let buckets = (r.width().max(1) as usize).min(2000);
        let pts: Vec<(f64, f64)> = envelope_summarized(ys, at, buckets, summary, log)
            .into_iter()
            .map(|(x, v)| (x, y_of(v)))
            .collect();
        chart
            .draw_series(LineSeries::new(pts, line.stroke_width(lw)))
            .map_err(|e| err(&e))?;
        let marker = if i == 0 { theme.current } else { line };
        if let Some(y) = ys.get(at).map(|v| y_of(*v)).filter(|v| v.is_finite()) {
            chart
                .draw_series(std::iter::once(Circle::new(
                    (at as f64, y),
                    layout.px(3.5) as i32,
                    marker.filled(),
                )))
                .map_err(|e| err(&e))?;
        }
    }
    root.present().map_err(|e| err(&e))?;
    Ok(log)
}

/// Compared runs on the loss chart: each in its run colour (the surface's, over a dark
/// casing), dash pattern and marker shape, the main run solid at the bottom so that curves
/// that coincide still show each other; markers spaced along each curve at offsets of their
/// own; a ring where a run diverged; a legend in the emptiest corner.
fn compared<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    series: &[LossSeries],
    summaries: &[&LossSummary],
    upto: usize,
    log: bool,
    theme: &Theme,
) -> DrawResult {
    use crate::decimate::clip;
    use crate::runs::{draw_legend, draw_run_line, draw_shape, run_colour, run_shape, LegendRow};
    let r = layout.plot;
    let w = layout.window;
    // Below the axis values are pinned to it; above, a runaway curve leaves through the top
    // (the clip cuts it there), far enough out to keep its direction.
    let top = w.y_max + (w.y_max - w.y_min);
    let to_y = |v: f64| {
        if !drawn(v, log) {
            f64::NAN
        } else if log {
            libm::log10(v).clamp(w.y_min, top)
        } else {
            v.clamp(w.y_min, top)
        }
    };
    let lw = layout.px(2.0).round().max(1.0) as u32;
    let buckets = (r.width().max(1) as usize).min(2000);
    // Markers every MARK_CSS px of x, each run offset by its share of that, so that runs
    // whose curves coincide show their markers side by side.
    const MARK_CSS: f64 = 64.0;
    let steps_per_px = (w.x_max - w.x_min) / r.width().max(1) as f64;
    let spacing = (layout.px(MARK_CSS) * steps_per_px).max(1.0);
    let n = series.len() as f64;
    let mut occupied: Vec<(f64, f64)> = Vec::new();
    for (i, (s, summary)) in series.iter().zip(summaries).enumerate() {
        let ys = s.loss;
        if ys.is_empty() {
            continue;
        }
        let at = upto.min(ys.len() - 1);
        let px: Vec<(f64, f64)> = envelope_summarized(ys, at, buckets, summary, log)
            .into_iter()
            .map(|(x, v)| layout.to_px([x, to_y(v)]))
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .collect();
        occupied.extend_from_slice(&px);
        for piece in clip(&px, r, 0.0) {
            draw_run_line(root, layout, &piece, i, lw)?;
        }
        let radius = layout.px(3.5);
        let mut k = spacing * (i as f64 + 0.5) / n;
        while (k as usize) < at {
            let step = k as usize;
            let p = layout.to_px([step as f64, to_y(ys[step])]);
            if p.0.is_finite() && p.1.is_finite() && p.1 >= r.top as f64 {
                draw_shape(root, p, radius * 0.8, run_shape(i), run_colour(i))?;
            }
            k += spacing;
        }
        if let Some(d) = s.diverging_from.filter(|&d| d <= at) {
            // The last drawn loss at or before the step it diverged from.
            if let Some(j) = (0..=d.min(ys.len() - 1)).rev().find(|&j| drawn(ys[j], log)) {
                let p = layout.to_px([j as f64, to_y(ys[j]).min(w.y_max)]);
                let ring_r = layout.px(8.0);
                root.draw(&Circle::new(
                    ipt(p),
                    ring_r as i32,
                    CASING_MARK.mix(0.6).stroke_width(lw + 2),
                ))
                .map_err(|e| e.to_string())?;
                root.draw(&Circle::new(
                    ipt(p),
                    ring_r as i32,
                    DIVERGED_MARK.stroke_width(lw),
                ))
                .map_err(|e| e.to_string())?;
            }
        }
        // The current point (none where the loss is not drawn: 0 on a log axis, overflow).
        let y = to_y(ys[at]);
        if y.is_nan() {
            continue;
        }
        let cur = layout.to_px([at as f64, y.min(w.y_max)]);
        if i == 0 {
            draw_shape(root, cur, layout.px(4.0), run_shape(0), theme.current)?;
        } else {
            draw_shape(root, cur, layout.px(4.5), run_shape(i), run_colour(i))?;
        }
    }
    if r.width() as f64 >= layout.px(crate::runs::LEGEND_MIN_CSS) {
        let rows: Vec<LegendRow> = series
            .iter()
            .enumerate()
            .map(|(index, s)| LegendRow {
                index,
                text: if s.note.is_empty() {
                    s.label.to_string()
                } else {
                    format!("{}  {}", s.label, s.note)
                },
            })
            .collect();
        draw_legend(root, layout, &rows, &occupied, theme)?;
    }
    Ok(())
}

/// The casing under the divergence ring.
const CASING_MARK: RGBColor = RGBColor(0, 0, 0);

fn ipt(p: (f64, f64)) -> (i32, i32) {
    let c = crate::decimate::clamp_px;
    (c(p.0).round() as i32, c(p.1).round() as i32)
}

/// How a tick's value is written.
pub(crate) type TickFormat<'f> = dyn Fn(&f64) -> String + 'f;

/// A chart with the loss chart's look on `root`: margins from `layout`, light grid, axes,
/// tick labels (one x label per `x_label_css` CSS px, at most `max_x`) and axis names.
pub(crate) fn axes<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    (xs, ys): (std::ops::Range<f64>, std::ops::Range<f64>),
    (x_label_css, max_x): (f64, usize),
    (xfmt, yfmt): (&TickFormat, &TickFormat),
    (x_desc, y_desc): (&str, &str),
    theme: &Theme,
) -> Result<
    ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    String,
> {
    let r = layout.plot;
    let (width, height) = root.dim_in_pixel();
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let mut chart = ChartBuilder::on(root)
        .margin_top(r.top as u32)
        .margin_right((width as i32 - r.right).max(0) as u32)
        .x_label_area_size((height as i32 - r.bottom).max(0) as u32)
        .y_label_area_size(r.left.max(0) as u32)
        .build_cartesian_2d(xs, ys)
        .map_err(|x| e(&x))?;
    let fg = theme.foreground;
    let font = layout.px(11.0);
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(fg.mix(0.12))
        .x_labels(((r.width() as f64 / layout.px(x_label_css)) as usize).clamp(2, max_x))
        .y_labels(((r.height() as f64 / layout.px(30.0)) as usize).clamp(2, 8))
        .x_label_formatter(xfmt)
        .y_label_formatter(yfmt)
        .axis_style(fg.stroke_width(layout.px(1.0).round().max(1.0) as u32))
        .label_style(("sans-serif", font).into_font().color(&fg))
        .axis_desc_style(("sans-serif", font).into_font().color(&fg))
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()
        .map_err(|x| e(&x))?;
    Ok(chart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_have_enough_digits_to_differ() {
        // Close ticks: every label distinct.
        for (lo, step) in [
            (16.26, 0.005),
            (0.2921, 0.0001),
            (1.0, 0.2),
            (123456.0, 2.0),
        ] {
            let labels: Vec<String> = (0..6)
                .map(|i| tick_label(lo + step * i as f64, step))
                .collect();
            for w in labels.windows(2) {
                assert_ne!(w[0], w[1], "{labels:?}");
            }
        }
        // Wide ticks keep the short form.
        assert_eq!(
            tick_label(16.289106397041444, 5.0),
            format_level(16.289106397041444)
        );
        assert_eq!(tick_label(0.0, 0.1), "0");
        assert_eq!(tick_label(16.265, 0.005), "16.265");
    }

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

    #[test]
    fn the_summarized_envelope_is_the_envelope() {
        // Ties (values repeat), NaN, infinities, zeros and negatives, over many prefixes and
        // bucket counts; on a log axis the envelope skips the losses that are not positive.
        let ys: Vec<f64> = (0..20_000)
            .map(|i| match i % 997 {
                0 => f64::NAN,
                1 => f64::INFINITY,
                _ => ((i * 7919) % 613) as f64 - ((i / 300) % 5) as f64 * 0.5 - 2.0,
            })
            .collect();
        let positive: Vec<f64> = ys
            .iter()
            .map(|&v| if v > 0.0 { v } else { f64::NAN })
            .collect();
        let mut summary = LossSummary::default();
        for len in [1, 255, 256, 257, 5000, 20_000] {
            summary.extend(&ys[..len]);
            assert_eq!(summary, LossSummary::of(&ys[..len]));
            for upto in [0, 100, 511, 512, 4999, 19_999] {
                for buckets in [1, 7, 300, 2000] {
                    let what = format!("len {len} upto {upto} buckets {buckets}");
                    assert_eq!(
                        envelope_summarized(&ys[..len], upto, buckets, &summary, false),
                        envelope(&ys[..len], upto, buckets),
                        "{what}"
                    );
                    assert_eq!(
                        envelope_summarized(&ys[..len], upto, buckets, &summary, true),
                        envelope(&positive[..len], upto, buckets),
                        "log {what}"
                    );
                }
            }
        }
        assert!(summary.negative);
        assert_eq!(summary.range(true).0, 0.5);
    }
}
