//! The map of runs (`map=`): one coloured cell per run over two settings axes, log or linear, with a colour bar, or for basins a colour per minimum with brightness by the steps taken, and diverged runs in a colour of their own.
//!
//! The cells' colours are an `nx × ny` RGBA image ([`cell_rgba`]), which the CLI blits
//! through the backend and the page puts with one `putImageData`, as the surface's heatmap;
//! plotters draws the axes, the colour bar or the basins' legend, and the minima on a map of
//! the start.

use descent::map::{AxisScale, Map, MapAxis, MapMetric};
use descent::mapper::{Basin, Cell};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::colormap::{prefers_log, ColorScale};
use crate::contour::{contours, format_level, levels, Contour};
use crate::layout::{Layout, Margins, Window};
use crate::loss::axes;
use crate::surface::{err, DrawResult, Theme};

/// The margins of a map: room on the right for the colour bar or the legend.
pub const MAP_MARGINS: Margins = Margins {
    left: 58.0,
    top: 10.0,
    right: 132.0,
    bottom: 40.0,
};

/// Diverged runs on a loss or steps map: a red that viridis never reaches.
pub const DIVERGED: [u8; 3] = [214, 39, 40];

/// Diverged runs on a map of basins: near black, beside the bright basin colours.
pub const DIVERGED_BASIN: [u8; 3] = [34, 34, 38];

/// Runs that reached no minimum, or never the target: a neutral grey.
pub const NOWHERE: [u8; 3] = [190, 190, 196];

/// Cells not computed yet (the page draws them as they come).
pub const PENDING: [u8; 3] = [238, 238, 242];

/// One colour per minimum, in the landscape's order (Okabe and Ito's colour-blind-safe set;
/// more minima than colours repeat them).
pub const BASIN_COLORS: [[u8; 3]; 7] = [
    [230, 159, 0],
    [86, 180, 233],
    [0, 158, 115],
    [240, 228, 66],
    [0, 114, 178],
    [213, 94, 0],
    [204, 121, 167],
];

/// A basin's quickest runs are its colour this far towards white, its slowest this far
/// towards black: brighter means fewer steps.
const QUICK_TINT: f64 = 0.55;
const SLOW_SHADE: f64 = 0.2;

/// What is drawn: the map, what colours it, the cells so far (`None` not computed yet) and,
/// for basins, the landscape's minima.
#[derive(Clone, Copy, Debug)]
pub struct MapView<'a> {
    /// The map.
    pub map: &'a Map,
    /// What colours the cells.
    pub metric: MapMetric,
    /// Every cell in index order (`iy · nx + ix`), `None` until computed.
    pub cells: &'a [Option<Cell>],
    /// The landscape's known minima, in the order basins count them.
    pub minima: &'a [[f64; 2]],
    /// On a map of the start: the landscape's contour lines ([`start_contours`]), drawn
    /// over the cells so that the basins read against the surface.
    pub contours: &'a [Contour],
}

/// The landscape's contour lines over a map of the start with linear axes (none otherwise):
/// levels spaced as the surface spaces them, from 121 × 121 samples of the loss.
pub fn start_contours(objective: &descent::Objective, map: &Map) -> Vec<Contour> {
    if !map.is_start() || map.x.scale != AxisScale::Lin || map.y.scale != AxisScale::Lin {
        return Vec::new();
    }
    let (x0, x1) = span(&map.x);
    let (y0, y1) = span(&map.y);
    let window = Window::new(x0, x1, y0, y1);
    let n = 121;
    let grid = objective.loss_grid(window, n, n);
    // Logarithmic where the surface's colours are (a function's own choice, else the grid's).
    let log = match objective {
        descent::Objective::Function(f) => f.info().log_color,
        _ => prefers_log(&grid),
    };
    let scale = ColorScale::from_values(&grid, log);
    contours(&grid, n, n, window, &levels(&scale, 8))
}

/// The words a map is drawn with, in the caller's language.
#[derive(Clone, Copy, Debug)]
pub struct MapWords<'a> {
    /// The axis across, e.g. `learning rate lr (log)`.
    pub x: &'a str,
    /// The axis up.
    pub y: &'a str,
    /// Above the colour bar: `final loss` or `steps to target`.
    pub bar: &'a str,
    /// The diverged swatch.
    pub diverged: &'a str,
    /// The grey swatch: `no minimum` or `never reached`.
    pub nowhere: &'a str,
    /// Above the basins' legend, e.g. `minimum reached`.
    pub minimum: &'a str,
    /// Under a basins legend: `darker: more steps`.
    pub darker: &'a str,
}

/// How a map's values become colours, shared by the cells and the colour bar.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    metric: MapMetric,
    /// The scale of the plotted values (log10 of the loss when `log`).
    scale: ColorScale,
    /// Whether the loss is plotted as its log10.
    log: bool,
    /// The fewest and most steps any cell took so far: the brightest and darkest shades.
    steps: (u64, u64),
}

impl Palette {
    /// The palette of the cells computed so far.
    pub fn of(view: &MapView) -> Palette {
        let values: Vec<f64> = view
            .cells
            .iter()
            .flatten()
            .filter_map(|c| c.metric(view.metric))
            .filter(|v| v.is_finite())
            .collect();
        let log = view.metric == MapMetric::Loss && values.iter().all(|&v| v >= 0.0);
        let plotted: Vec<f64> = if log {
            let top = values.iter().copied().fold(f64::MIN_POSITIVE, f64::max);
            // Sixteen decades under the largest loss at most: runs that reached 1e-300
            // would otherwise leave every other cell one colour.
            let floor = libm::log10(top) - 16.0;
            values.iter().map(|&v| log_floor(v, floor)).collect()
        } else {
            values
        };
        let mut scale = ColorScale::from_values(&plotted, false);
        if view.metric == MapMetric::Steps {
            scale.lo = 0.0;
            if scale.hi <= 0.0 {
                scale.hi = 1.0;
            }
        }
        Palette {
            metric: view.metric,
            scale,
            log,
            steps: view
                .cells
                .iter()
                .flatten()
                .fold((u64::MAX, 0), |(lo, hi), c| {
                    (lo.min(c.steps), hi.max(c.steps))
                }),
        }
    }

    /// The colour of a cell.
    pub fn color(&self, cell: Option<&Cell>) -> [u8; 3] {
        let Some(c) = cell else { return PENDING };
        if c.basin == Basin::Diverged {
            return if self.metric == MapMetric::Basin {
                DIVERGED_BASIN
            } else {
                DIVERGED
            };
        }
        match self.metric {
            MapMetric::Basin => match c.basin {
                Basin::Minimum(i) => {
                    let (lo, hi) = self.steps;
                    let t = if hi > lo {
                        ((c.steps - lo.min(c.steps)) as f64 / (hi - lo) as f64).clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                    BASIN_COLORS[i % BASIN_COLORS.len()].map(|v| {
                        let v = f64::from(v);
                        let quick = v + (255.0 - v) * QUICK_TINT;
                        let slow = v * (1.0 - SLOW_SHADE);
                        (quick + (slow - quick) * t).round() as u8
                    })
                }
                _ => NOWHERE,
            },
            _ => match c.metric(self.metric) {
                Some(v) => self.scale.color(self.plot(v)),
                None => NOWHERE,
            },
        }
    }

    /// A value as the scale plots it.
    fn plot(&self, v: f64) -> f64 {
        if self.log {
            log_floor(v, self.scale.lo)
        } else {
            v
        }
    }
}

/// log10 of a loss, no lower than `floor` (an exact 0 included).
fn log_floor(v: f64, floor: f64) -> f64 {
    if v > 0.0 {
        libm::log10(v).max(floor)
    } else {
        floor
    }
}

/// The cells' colours as an `nx × ny` RGBA image, top row first (the highest `y` value).
pub fn cell_rgba(view: &MapView, palette: &Palette) -> Vec<u8> {
    let (nx, ny) = (view.map.x.cells as usize, view.map.y.cells as usize);
    let mut out = vec![255u8; nx * ny * 4];
    for iy in 0..ny {
        let row = ny - 1 - iy;
        for ix in 0..nx {
            let cell = view.cells.get(iy * nx + ix).and_then(Option::as_ref);
            let d = (row * nx + ix) * 4;
            out[d..d + 3].copy_from_slice(&palette.color(cell));
        }
    }
    out
}

/// An axis in plot units: log10 of the value on a log axis; the plot spans half a cell past
/// each end, so every cell is the same size.
fn span(a: &MapAxis) -> (f64, f64) {
    let u = |v: f64| to_plot(a, v);
    let half = (u(a.to) - u(a.from)) / (2.0 * f64::from(a.cells.max(2) - 1));
    (u(a.from) - half, u(a.to) + half)
}

fn to_plot(a: &MapAxis, v: f64) -> f64 {
    match a.scale {
        AxisScale::Log => libm::log10(v),
        AxisScale::Lin => v,
    }
}

/// What [`draw_map`] drew: the layout (in plot units: log10 on log axes), so that a pointer
/// can be turned into a cell.
#[derive(Clone, Copy, Debug)]
pub struct MapDrawn {
    /// The plot's layout.
    pub layout: Layout,
    /// The cells across and up.
    pub cells: (u32, u32),
}

impl MapDrawn {
    /// The cell under device pixel (x, y), or `None` outside the plot.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<u64> {
        let p = self.layout.to_data(x, y)?;
        let w = self.layout.window;
        let (nx, ny) = self.cells;
        let fx = (p[0] - w.x_min) / (w.x_max - w.x_min);
        let fy = (p[1] - w.y_min) / (w.y_max - w.y_min);
        let ix = ((fx * f64::from(nx)) as u32).min(nx - 1);
        let iy = ((fy * f64::from(ny)) as u32).min(ny - 1);
        Some(u64::from(iy) * u64::from(nx) + u64::from(ix))
    }
}

/// The map's layout in a figure of `width × height` device pixels at `dpr`.
pub fn map_layout(map: &Map, (width, height, dpr): (u32, u32, f64)) -> Layout {
    let (x0, x1) = span(&map.x);
    let (y0, y1) = span(&map.y);
    // A narrow figure (a phone) gives its legend less room.
    let dpr_ok = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    let margins = if f64::from(width) / dpr_ok < 520.0 {
        Margins {
            right: 124.0,
            ..MAP_MARGINS
        }
    } else {
        MAP_MARGINS
    };
    Layout::with_margins(width, height, dpr, Window::new(x0, x1, y0, y1), margins)
}

/// Draws the map: the cells (blitted through the backend when `blit`, else the caller has put
/// [`cell_rgba`] into the plot rectangle already), the axes with their names, the minima on a
/// map of the start, and the colour bar or the basins' legend.
pub fn draw_map<DB: DrawingBackend>(
    backend: DB,
    dims: (u32, u32, f64),
    view: &MapView,
    words: &MapWords,
    theme: &Theme,
    blit: bool,
) -> DrawResult<MapDrawn> {
    let layout = map_layout(view.map, dims);
    let narrow = f64::from(layout.width) / layout.dpr < 520.0;
    let palette = Palette::of(view);
    let r = layout.plot;
    let rgba = blit.then(|| cell_rgba(view, &palette));
    let picture = rgba
        .as_deref()
        .map(|px| (px, view.map.x.cells as usize, view.map.y.cells as usize));
    let root = crate::surface::plot_picture(backend, &layout, picture, theme)?;
    let win = layout.window;
    let tick = |a: &MapAxis| {
        let log = a.scale == AxisScale::Log;
        // Over two decades or more, only the decades are named.
        let decades = log && libm::log10(a.to / a.from) >= 2.0;
        move |v: &f64| {
            if decades && (v - v.round()).abs() > 1e-9 {
                String::new()
            } else if log {
                format_level(libm::pow(10.0, *v))
            } else {
                format_level(*v)
            }
        }
    };
    let (xfmt, yfmt) = (tick(&view.map.x), tick(&view.map.y));
    axes(
        &root,
        &layout,
        (win.x_min..win.x_max, win.y_min..win.y_max),
        (if narrow { 45.0 } else { 70.0 }, 10),
        (&xfmt, &yfmt),
        (words.x, words.y),
        theme,
    )?;
    let font = layout.px(11.0);
    let fg = theme.foreground;
    let style = ("sans-serif", font).into_font().color(&fg);
    let thin = layout.px(1.0).round().max(1.0) as u32;
    for c in view.contours {
        for line in &c.lines {
            let px: Vec<(i32, i32)> = line
                .iter()
                .map(|&p| {
                    let (x, y) = layout.to_px(p);
                    (x.round() as i32, y.round() as i32)
                })
                .collect();
            if px.len() >= 2 {
                root.draw(&PathElement::new(px, BLACK.mix(0.35).stroke_width(thin)))
                    .map_err(err)?;
            }
        }
    }
    if view.map.is_start() {
        // The minima where the runs end, numbered as the legend numbers them.
        for (i, m) in view.minima.iter().enumerate() {
            let (px, py) = layout.to_px(*m);
            if !(px >= r.left as f64
                && px <= r.right as f64
                && py >= r.top as f64
                && py <= r.bottom as f64)
            {
                continue;
            }
            let p = (px.round() as i32, py.round() as i32);
            let rad = layout.px(8.0).round().max(4.0) as i32;
            root.draw(&Circle::new(p, rad, WHITE.filled()))
                .map_err(err)?;
            root.draw(&Circle::new(
                p,
                rad,
                BLACK.stroke_width(layout.px(1.0).round().max(1.0) as u32),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                format!("{}", i + 1),
                p,
                style.clone().pos(Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(err)?;
        }
    }
    let x = r.right + layout.px(14.0) as i32;
    let sw = layout.px(12.0).round() as i32;
    let line = layout.px(16.0).round() as i32;
    let swatch = |y: i32, c: [u8; 3], label: &str| -> DrawResult {
        root.draw(&Rectangle::new(
            [(x, y), (x + sw, y + sw)],
            RGBColor(c[0], c[1], c[2]).filled(),
        ))
        .map_err(err)?;
        root.draw(&Rectangle::new(
            [(x, y), (x + sw, y + sw)],
            fg.stroke_width(1),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            label.to_string(),
            (x + sw + layout.px(5.0) as i32, y + sw / 2),
            style.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
        Ok(())
    };
    let mut y = r.top;
    if view.metric == MapMetric::Basin {
        root.draw(&Text::new(
            words.minimum.to_string(),
            (x, y),
            style.clone().pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(err)?;
        y += line + layout.px(2.0) as i32;
        for (i, m) in view.minima.iter().enumerate() {
            let c = BASIN_COLORS[i % BASIN_COLORS.len()];
            // A phone's legend has room for the numbers the markers carry only.
            let label = if narrow {
                format!("{}", i + 1)
            } else {
                format!("{} ({}, {})", i + 1, short(m[0]), short(m[1]))
            };
            swatch(y, c, &label)?;
            y += line;
        }
        swatch(y, NOWHERE, words.nowhere)?;
        y += line;
        swatch(y, DIVERGED_BASIN, words.diverged)?;
        y += line;
        root.draw(&Text::new(
            words.darker.to_string(),
            (x, y + layout.px(2.0) as i32),
            style.clone().pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(err)?;
    } else {
        root.draw(&Text::new(
            words.bar.to_string(),
            (x, y),
            style.clone().pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(err)?;
        let top = y + line + layout.px(4.0) as i32;
        let bottom = (r.bottom - 2 * line - layout.px(8.0) as i32).max(top + 10);
        let bw = layout.px(14.0).round() as i32;
        let height = (bottom - top).max(1);
        for k in 0..height {
            let t = 1.0 - f64::from(k) / f64::from(height - 1).max(1.0);
            let v = palette.scale.value_at(t);
            let c = palette.scale.color(v);
            root.draw(&Rectangle::new(
                [(x, top + k), (x + bw, top + k + 1)],
                RGBColor(c[0], c[1], c[2]).filled(),
            ))
            .map_err(err)?;
        }
        root.draw(&Rectangle::new(
            [(x, top), (x + bw, bottom)],
            fg.stroke_width(1),
        ))
        .map_err(err)?;
        let ticks = ((height as f64 / layout.px(28.0)) as usize).clamp(2, 8);
        for v in nice_ticks(palette.scale.lo, palette.scale.hi, ticks) {
            let t = palette.scale.unit(v);
            let py = bottom - (t * f64::from(height)).round() as i32;
            let text = if palette.log {
                format_level(libm::pow(10.0, v))
            } else if palette.metric == MapMetric::Steps {
                format!("{}", v.round() as i64)
            } else {
                format_level(v)
            };
            root.draw(&PathElement::new(
                vec![(x + bw, py), (x + bw + layout.px(4.0) as i32, py)],
                fg.stroke_width(1),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                text,
                (x + bw + layout.px(6.0) as i32, py),
                style.clone().pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
        y = bottom + layout.px(8.0) as i32;
        swatch(y, DIVERGED, words.diverged)?;
        if palette.metric == MapMetric::Steps {
            swatch(y + line, NOWHERE, words.nowhere)?;
        }
    }
    root.present().map_err(err)?;
    Ok(MapDrawn {
        layout,
        cells: (view.map.x.cells, view.map.y.cells),
    })
}

/// A coordinate in a legend: two decimals.
fn short(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    format_level(if r == 0.0 { 0.0 } else { r })
}

/// About `n` round values from `lo` to `hi` (1, 2 or 5 times a power of ten apart), and whole
/// decades when the span is log10 of a loss.
fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return vec![lo];
    }
    let raw = (hi - lo) / n.max(1) as f64;
    let mag = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = libm::ceil(lo / step) * step;
    let mut out = Vec::new();
    let mut v = first;
    while v <= hi + step * 1e-9 && out.len() < 20 {
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        v += step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::mapper::map_cells;
    use descent::Settings;

    fn view_of(text: &str) -> (Map, MapMetric, Vec<Option<Cell>>) {
        let (s, problems) = Settings::decode(text);
        assert!(problems.is_empty(), "{problems:?}");
        let map = s.map.unwrap();
        let cells = map_cells(&s, 1).unwrap().into_iter().map(Some).collect();
        (map, MapMetric::for_map(s.mapy, &map), cells)
    }

    #[test]
    fn diverged_cells_have_their_own_colour_and_pending_ones_are_pale() {
        let (map, metric, mut cells) =
            view_of("f=himmelblau&steps=50&map=lr:0.001:0.5:6,x0:-1:1:2");
        cells[1] = None;
        let view = MapView {
            map: &map,
            metric,
            cells: &cells,
            minima: &[],
            contours: &[],
        };
        let p = Palette::of(&view);
        let rgba = cell_rgba(&view, &p);
        assert_eq!(rgba.len(), 6 * 2 * 4);
        // The bottom row is the image's last; the largest rate diverges.
        assert_eq!(rgba[(6 + 5) * 4..(6 + 5) * 4 + 3], DIVERGED);
        assert_eq!(rgba[(6 + 1) * 4..(6 + 1) * 4 + 3], PENDING);
        assert_ne!(rgba[6 * 4..6 * 4 + 3], DIVERGED);
    }

    #[test]
    fn a_pixel_finds_its_cell() {
        let map = Map::parse("lr:0.001:1:4,mom:0:0.9:3").unwrap();
        let layout = map_layout(&map, (400, 300, 1.0));
        let drawn = MapDrawn {
            layout,
            cells: (4, 3),
        };
        let r = layout.plot;
        assert_eq!(
            drawn.cell_at(r.left as f64 + 1.0, r.bottom as f64 - 1.0),
            Some(0)
        );
        assert_eq!(
            drawn.cell_at(r.right as f64 - 1.0, r.top as f64 + 1.0),
            Some(11)
        );
        assert_eq!(drawn.cell_at(0.0, 0.0), None);
        let (px, py) = layout.to_px([libm::log10(0.01), 0.45]);
        assert_eq!(drawn.cell_at(px, py), Some(4 + 1));
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(0.0, 10.0, 5), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(nice_ticks(-12.3, -0.5, 4), [-10.0, -5.0]);
    }
}
