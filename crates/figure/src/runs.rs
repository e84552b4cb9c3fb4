//! Several runs on one surface: an optimizer race or one optimizer at several learning
//! rates, each in its own colour, with a legend.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::layout::Layout;
use crate::surface::{err, ipt, trajectory_decimated_on, trajectory_on, DrawResult, Path, Theme};

/// The colour of each run, main run first: light colours with a dark casing, chosen to stand
/// out on viridis and from each other.
pub const RUN_COLOURS: [RGBColor; 6] = [
    RGBColor(255, 255, 255),
    RGBColor(255, 92, 56),
    RGBColor(255, 72, 214),
    RGBColor(72, 224, 255),
    RGBColor(255, 184, 0),
    RGBColor(178, 140, 255),
];

/// The colour of run `i` (wrapping around, though there are at most six).
pub fn run_colour(i: usize) -> RGBColor {
    RUN_COLOURS[i % RUN_COLOURS.len()]
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

/// Draws runs up to point `upto` each: the others as coloured lines with their current
/// point, then the first (the main run) with its dots and gradient arrow on top, and a legend
/// in the plot's top-right corner when there is more than one run.
pub fn draw_runs<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    runs: &[RunPath],
    upto: usize,
    theme: &Theme,
) -> DrawResult {
    let root = backend.into_drawing_area();
    for (i, run) in runs.iter().enumerate().skip(1).rev() {
        let c = run_colour(i);
        let t = Theme {
            path: c,
            current: c,
            ..*theme
        };
        run_on(&root, layout, run, upto, &t, false)?;
    }
    if let Some(main) = runs.first() {
        run_on(&root, layout, main, upto, theme, true)?;
    }
    // On a narrow plot the legend would hide the paths; the page lists the runs below it.
    if runs.len() > 1 && r_width_css(layout) >= LEGEND_MIN_CSS {
        legend_on(&root, layout, runs, theme)?;
    }
    root.present().map_err(err)?;
    Ok(())
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

/// A box listing each run's colour, label and note, in the plot's top-right corner.
fn legend_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    runs: &[RunPath],
    theme: &Theme,
) -> DrawResult {
    let r = layout.plot;
    let font_px = layout.px(11.0);
    let font = ("sans-serif", font_px).into_font().color(&theme.foreground);
    let rows: Vec<String> = runs
        .iter()
        .map(|run| {
            if run.note.is_empty() {
                run.label.to_string()
            } else {
                format!("{}  {}", run.label, run.note)
            }
        })
        .collect();
    let widest = rows
        .iter()
        .map(|t| {
            // Backends without font metrics get an estimate of 0.6 em a character.
            root.estimate_text_size(t, &font)
                .map(|(w, _)| w as f64)
                .unwrap_or(t.chars().count() as f64 * font_px * 0.6)
        })
        .fold(0.0, f64::max);
    let pad = layout.px(6.0);
    let row = layout.px(ROW_CSS);
    let swatch = layout.px(SWATCH_CSS);
    let w = (pad * 3.0 + swatch + widest).min(r.width() as f64 - pad);
    let h = pad * 2.0 + row * rows.len() as f64;
    let right = r.right as f64 - pad;
    let left = right - w;
    let top = r.top as f64 + pad;
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
    let lw = layout.px(3.0).round().max(1.0) as u32;
    for (i, text) in rows.iter().enumerate() {
        let y = top + pad + row * (i as f64 + 0.5);
        let c = run_colour(i);
        let a = ipt((left + pad, y));
        let b = ipt((left + pad + swatch, y));
        root.draw(&PathElement::new(
            vec![a, b],
            BLACK.mix(0.55).stroke_width(lw + 2),
        ))
        .map_err(err)?;
        root.draw(&PathElement::new(vec![a, b], c.stroke_width(lw)))
            .map_err(err)?;
        root.draw(&Text::new(
            text.clone(),
            ipt((left + pad * 2.0 + swatch, y)),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(())
}
