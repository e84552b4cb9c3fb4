//! Several runs on one surface: an optimizer race or one optimizer at several learning
//! rates, each in its own colour, with a legend.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::decimate::{clamp_into, clamp_px};
use crate::layout::{Layout, Rect};
use crate::surface::{err, ipt, trajectory_decimated_on, trajectory_on, DrawResult, Path, Theme};

/// The colour of each run, main run first: the one palette of compared runs, used on the
/// surface, the 1-D curve, the loss chart, the run list and the racer rows. Light colours, each
/// drawn over a dark casing so that it reads on viridis, on the dark 1-D plot and on white;
/// the main run is white as when it runs alone, and the current point keeps its own red.
pub const RUN_COLOURS: [RGBColor; 6] = [
    RGBColor(255, 255, 255),
    RGBColor(255, 72, 214),
    RGBColor(72, 224, 255),
    RGBColor(150, 230, 60),
    RGBColor(178, 140, 255),
    RGBColor(255, 184, 0),
];

/// The colour of run `i` (wrapping around, though there are at most six).
pub fn run_colour(i: usize) -> RGBColor {
    RUN_COLOURS[i % RUN_COLOURS.len()]
}

/// The casing under every run's line and marker.
pub const CASING: RGBColor = RGBColor(0, 0, 0);

/// The dash pattern of run `i`, in CSS pixels (on, off, on, off, …; empty is solid): runs
/// whose curves coincide (lr 0.1 and 0.9 on x² have the same loss at every step) are still
/// told apart, the main run's solid line showing through the others' gaps.
pub fn run_dashes(i: usize) -> &'static [f64] {
    const DASHES: [&[f64]; 6] = [
        &[],
        &[9.0, 5.0],
        &[3.0, 4.0],
        &[12.0, 4.0, 3.0, 4.0],
        &[16.0, 6.0],
        &[6.0, 3.0, 2.0, 3.0],
    ];
    DASHES[i % DASHES.len()]
}

/// The marker shape of each run, so that runs stay apart without colour too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The main run.
    Circle,
    /// A square.
    Square,
    /// A triangle pointing up.
    Triangle,
    /// A diamond.
    Diamond,
    /// A triangle pointing down.
    Down,
    /// A plus.
    Plus,
}

/// The marker shape of run `i`.
pub fn run_shape(i: usize) -> Shape {
    const SHAPES: [Shape; 6] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::Down,
        Shape::Plus,
    ];
    SHAPES[i % SHAPES.len()]
}

/// Draws a run's marker of radius `r` (device px) at `at` in `colour` over a dark casing.
pub fn draw_shape<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    at: (f64, f64),
    r: f64,
    shape: Shape,
    colour: RGBColor,
) -> DrawResult {
    let (x, y) = at;
    if !(x.is_finite() && y.is_finite()) {
        return Ok(());
    }
    let poly = |r: f64| -> Vec<(i32, i32)> {
        let pts: Vec<(f64, f64)> = match shape {
            Shape::Circle | Shape::Plus => Vec::new(),
            Shape::Square => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
            Shape::Triangle => vec![(0.0, -1.2 * r), (1.1 * r, 0.8 * r), (-1.1 * r, 0.8 * r)],
            Shape::Down => vec![(0.0, 1.2 * r), (1.1 * r, -0.8 * r), (-1.1 * r, -0.8 * r)],
            Shape::Diamond => vec![
                (0.0, -1.3 * r),
                (1.3 * r, 0.0),
                (0.0, 1.3 * r),
                (-1.3 * r, 0.0),
            ],
        };
        pts.into_iter()
            .map(|(dx, dy)| ipt((x + dx, y + dy)))
            .collect()
    };
    let edge = (r * 0.45).max(1.0);
    match shape {
        Shape::Circle => {
            root.draw(&Circle::new(
                ipt(at),
                (r + edge) as i32,
                CASING.mix(0.7).filled(),
            ))
            .map_err(err)?;
            root.draw(&Circle::new(ipt(at), r as i32, colour.filled()))
                .map_err(err)?;
        }
        Shape::Plus => {
            let w = (r * 0.7).round().max(1.0) as u32;
            let arms = [
                vec![ipt((x - 1.3 * r, y)), ipt((x + 1.3 * r, y))],
                vec![ipt((x, y - 1.3 * r)), ipt((x, y + 1.3 * r))],
            ];
            for a in &arms {
                root.draw(&PathElement::new(
                    a.clone(),
                    CASING.mix(0.7).stroke_width(w + 2),
                ))
                .map_err(err)?;
            }
            for a in arms {
                root.draw(&PathElement::new(a, colour.stroke_width(w)))
                    .map_err(err)?;
            }
        }
        _ => {
            root.draw(&Polygon::new(poly(r + edge), CASING.mix(0.7).filled()))
                .map_err(err)?;
            root.draw(&Polygon::new(poly(r), colour.filled()))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// Splits a pixel polyline into the dashes of `pattern` (device px; empty keeps it whole),
/// starting `phase` px into the pattern.
pub fn dashed(points: &[(f64, f64)], pattern: &[f64], phase: f64) -> Vec<Vec<(f64, f64)>> {
    let period: f64 = pattern.iter().sum();
    if pattern.is_empty() || period <= 0.0 || points.len() < 2 {
        return vec![points.to_vec()];
    }
    // Where in the pattern we are: index of the piece and distance left in it.
    let mut at = phase.rem_euclid(period);
    let mut piece = 0;
    while at >= pattern[piece] {
        at -= pattern[piece];
        piece = (piece + 1) % pattern.len();
    }
    let mut left = pattern[piece] - at;
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = if piece % 2 == 0 {
        vec![points[0]]
    } else {
        Vec::new()
    };
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = libm::hypot(b.0 - a.0, b.1 - a.1);
        if !len.is_finite() {
            continue;
        }
        let mut done = 0.0;
        while len - done > left {
            done += left;
            let t = done / len;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if piece % 2 == 0 {
                cur.push(p);
                out.push(std::mem::take(&mut cur));
            } else {
                cur = vec![p];
            }
            piece = (piece + 1) % pattern.len();
            left = pattern[piece];
            // Guard against zero-length pieces looping forever.
            if left <= 0.0 {
                left = f64::MIN_POSITIVE;
            }
        }
        left -= len - done;
        if piece % 2 == 0 {
            cur.push(b);
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// Draws a pixel polyline in run `i`'s colour and dash pattern over a dark casing, `lw`
/// device px wide.
pub fn draw_run_line<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    points: &[(f64, f64)],
    i: usize,
    lw: u32,
) -> DrawResult {
    let pattern: Vec<f64> = run_dashes(i).iter().map(|&c| layout.px(c)).collect();
    let pieces = dashed(points, &pattern, 0.0);
    for piece in &pieces {
        let pts: Vec<(i32, i32)> = piece.iter().copied().map(ipt).collect();
        root.draw(&PathElement::new(pts, CASING.mix(0.5).stroke_width(lw + 2)))
            .map_err(err)?;
    }
    for piece in pieces {
        let pts: Vec<(i32, i32)> = piece.into_iter().map(ipt).collect();
        root.draw(&PathElement::new(pts, run_colour(i).stroke_width(lw)))
            .map_err(err)?;
    }
    Ok(())
}

/// One row of a legend: the run's index (its colour, dashes and marker) and its words.
#[derive(Clone, Debug)]
pub struct LegendRow {
    /// The run's index, main run 0.
    pub index: usize,
    /// `adam(lr=0.01)  converged at 57`.
    pub text: String,
}

/// Where a legend goes: the corner of the plot whose box covers the fewest of `occupied`
/// (device pixels of what is drawn), the top right when they tie; with how many it covers.
pub fn emptiest_corner(
    r: Rect,
    size: (f64, f64),
    pad: f64,
    occupied: &[(f64, f64)],
) -> ((f64, f64), usize) {
    let (w, h) = size;
    let corners = [
        (r.right as f64 - pad - w, r.top as f64 + pad),
        (r.left as f64 + pad, r.top as f64 + pad),
        (r.right as f64 - pad - w, r.bottom as f64 - pad - h),
        (r.left as f64 + pad, r.bottom as f64 - pad - h),
    ];
    let margin = pad;
    let covered = |&(x, y): &(f64, f64)| {
        occupied
            .iter()
            .filter(|p| {
                p.0 >= x - margin
                    && p.0 <= x + w + margin
                    && p.1 >= y - margin
                    && p.1 <= y + h + margin
            })
            .count()
    };
    corners
        .iter()
        .map(|c| (*c, covered(c)))
        .min_by_key(|(_, n)| *n)
        .unwrap_or((corners[0], 0))
}

/// Draws a legend box listing runs in a corner of the plot that it leaves every one of
/// `occupied` (the drawn curves' pixels) visible; where no corner is free it draws nothing,
/// and the run list beside the figure (the same swatches and words) is the legend. Returns
/// whether it drew.
pub fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    rows: &[LegendRow],
    occupied: &[(f64, f64)],
    theme: &Theme,
) -> DrawResult<bool> {
    let r = layout.plot;
    let font_px = layout.px(11.0);
    let font = ("sans-serif", font_px).into_font().color(&theme.foreground);
    let widest = rows
        .iter()
        .map(|row| {
            // Backends without font metrics get an estimate of 0.6 em a character.
            root.estimate_text_size(&row.text, &font)
                .map(|(w, _)| w as f64)
                .unwrap_or(row.text.chars().count() as f64 * font_px * 0.6)
        })
        .fold(0.0, f64::max);
    let pad = layout.px(6.0);
    let row = layout.px(ROW_CSS);
    let swatch = layout.px(SWATCH_CSS);
    let w = (pad * 3.0 + swatch + widest).min(r.width() as f64 - pad);
    let h = pad * 2.0 + row * rows.len() as f64;
    let ((left, top), covered) = emptiest_corner(r, (w, h), pad, occupied);
    if covered > 0 {
        return Ok(false);
    }
    let right = left + w;
    root.draw(&Rectangle::new(
        [ipt((left, top)), ipt((right, top + h))],
        theme.background.mix(0.86).filled(),
    ))
    .map_err(err)?;
    root.draw(&Rectangle::new(
        [ipt((left, top)), ipt((right, top + h))],
        theme.foreground.mix(0.35).stroke_width(1),
    ))
    .map_err(err)?;
    let lw = layout.px(2.5).round().max(1.0) as u32;
    for (k, item) in rows.iter().enumerate() {
        let y = top + pad + row * (k as f64 + 0.5);
        let a = (left + pad, y);
        let b = (left + pad + swatch, y);
        draw_run_line(root, layout, &[a, b], item.index, lw)?;
        draw_shape(
            root,
            ((a.0 + b.0) / 2.0, y),
            layout.px(3.0),
            run_shape(item.index),
            run_colour(item.index),
        )?;
        root.draw(&Text::new(
            item.text.clone(),
            ipt((left + pad * 2.0 + swatch, y)),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(true)
}

/// One run as drawn: its path, and the legend's words for it.
#[derive(Clone, Copy, Debug)]
pub struct RunPath<'a> {
    /// The recorded columns.
    pub path: Path<'a>,
    /// What tells it apart: `adam(lr=0.01)`.
    pub label: &'a str,
    /// How it is doing: `converged at step 57`.
    pub note: &'a str,
    /// Its polyline already decimated for points 0..=upto (as `draw_trajectory` decimates,
    /// e.g. kept between frames in a [`crate::decimate::PathPixels`]); `None` decimates here.
    pub kept: Option<&'a [(f64, f64)]>,
}

/// Draws runs up to point `upto` each: the others as lines in their colours with their
/// marker at the current point, then the first (the main run) with its dots and gradient
/// arrow on top, and a legend in the plot's emptiest corner when there is more than one run.
pub fn draw_runs<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    runs: &[RunPath],
    upto: usize,
    theme: &Theme,
) -> DrawResult {
    let root = backend.into_drawing_area();
    // The others as dashed lines (each its own pattern), so that paths that coincide show
    // through each other's gaps; the main run's solid line goes on top.
    let lw = layout.px(2.0).round().max(1.0) as u32;
    for (i, run) in runs.iter().enumerate().skip(1).rev() {
        let n = run.path.x.len().min(run.path.y.len());
        if n == 0 {
            continue;
        }
        let k = upto.min(n - 1);
        let made: Vec<(f64, f64)>;
        let kept = match run.kept {
            Some(kept) => kept,
            None => {
                made = crate::decimate::decimate_iter(
                    (0..=k).map(|j| layout.to_px([run.path.x[j], run.path.y[j]])),
                    crate::surface::trajectory_min_dist(layout),
                    crate::decimate::MAX_VERTICES,
                );
                &made
            }
        };
        for piece in crate::decimate::clip(kept, layout.plot, 0.0) {
            if piece.len() >= 2 {
                draw_run_line(&root, layout, &piece, i, lw)?;
            }
        }
        let p = layout.to_px([run.path.x[k], run.path.y[k]]);
        let p = clamp_into((clamp_px(p.0), clamp_px(p.1)), layout.plot);
        draw_shape(&root, p, layout.px(4.5), run_shape(i), run_colour(i))?;
    }
    if let Some(main) = runs.first() {
        let t = Theme {
            path: run_colour(0),
            ..*theme
        };
        run_on(&root, layout, main, upto, &t, true)?;
    }
    // On a narrow plot the legend would hide the paths; the page lists the runs below it.
    if runs.len() > 1 && r_width_css(layout) >= LEGEND_MIN_CSS {
        let occupied: Vec<(f64, f64)> = runs
            .iter()
            .flat_map(|run| match run.kept {
                Some(kept) => kept.to_vec(),
                None => {
                    let n = run.path.x.len().min(run.path.y.len());
                    (0..=upto.min(n.saturating_sub(1)))
                        .filter(|_| n > 0)
                        .map(|i| layout.to_px([run.path.x[i], run.path.y[i]]))
                        .collect()
                }
            })
            .collect();
        draw_legend(&root, layout, &legend_rows(runs), &occupied, theme)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

/// A legend row per run: its label and, when it has one, its note.
fn legend_rows(runs: &[RunPath]) -> Vec<LegendRow> {
    runs.iter()
        .enumerate()
        .map(|(index, run)| LegendRow {
            index,
            text: if run.note.is_empty() {
                run.label.to_string()
            } else {
                format!("{}  {}", run.label, run.note)
            },
        })
        .collect()
}

/// One run's trajectory, from its kept polyline when it has one.
fn run_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    run: &RunPath,
    upto: usize,
    theme: &Theme,
    detail: bool,
) -> DrawResult<usize> {
    match run.kept {
        Some(kept) => trajectory_decimated_on(root, layout, &run.path, upto, kept, theme, detail),
        None => trajectory_on(root, layout, &run.path, upto, theme, detail),
    }
}

/// The narrowest plot, in CSS pixels, that gets a legend.
pub const LEGEND_MIN_CSS: f64 = 420.0;

fn r_width_css(layout: &Layout) -> f64 {
    layout.plot.width() as f64 / layout.px(1.0)
}

/// The legend rows' height and the swatch's length, in CSS pixels.
const ROW_CSS: f64 = 17.0;
const SWATCH_CSS: f64 = 18.0;
