//! `descent map SETTINGS`: every cell of the link's map, run on every core, as CSV (one row a cell).
//!
//! Columns: `ix,iy` (the cell's column and row, from the bottom left), the two axis keys'
//! values, `loss` (final), `steps` (taken), `reached` (the step of the target or of
//! convergence, empty when never), `status`, `basin` (`min1`… in the landscape's order of
//! minima, `none` or `diverged`) and `end_x,end_y` (the last point). Numbers are the
//! shortest text that reads back to the same bits, so the CSV is the same whatever the
//! number of threads, and each row is what `descent run` of the cell's settings ends with.
//! `descent render SETTINGS --view map -o FILE` draws the same cells (`figure/map.rs`).

use descent::map::{AxisScale, MapAxis, MapMetric};
use descent::mapper::{map_cells, Cell, Mapper};
use descent::numfmt::fmt_f64;
use descent::Settings;
use descent_figure::map::{draw_map, start_contours, MapView, MapWords};
use descent_figure::surface::LIGHT;

use crate::render::{write_figure, Figure};

/// The threads to use: `--threads N`, else every core the system reports.
pub fn threads(given: Option<usize>) -> usize {
    given.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The map's CSV.
pub fn csv(settings: &Settings, threads: usize) -> Result<String, String> {
    let mapper = Mapper::new(settings).map_err(|e| e.to_string())?;
    let map = *mapper.map();
    let cells = map_cells(settings, threads).map_err(|e| e.to_string())?;
    let mut out = format!(
        "ix,iy,{},{},loss,steps,reached,status,basin,end_x,end_y\n",
        map.x.key, map.y.key
    );
    for (i, cell) in cells.iter().enumerate() {
        let (ix, iy) = map.position(i as u64);
        out.push_str(&row(ix, iy, cell));
    }
    Ok(out)
}

fn row(ix: u32, iy: u32, c: &Cell) -> String {
    format!(
        "{ix},{iy},{},{},{},{},{},{},{},{},{}\n",
        fmt_f64(c.x),
        fmt_f64(c.y),
        fmt_f64(c.final_loss),
        c.steps,
        c.reached.map(|k| k.to_string()).unwrap_or_default(),
        c.status.name(),
        c.basin.name(),
        fmt_f64(c.end[0]),
        fmt_f64(c.end[1]),
    )
}

/// The map drawn by `descent render … --view map`.
struct MapFigure<'a> {
    view: MapView<'a>,
    words: MapWords<'a>,
}

impl Figure for MapFigure<'_> {
    fn draw<DB: plotters::prelude::DrawingBackend>(
        &self,
        backend: DB,
        (w, h): (u32, u32),
    ) -> Result<(), String> {
        draw_map(backend, (w, h, 1.0), &self.view, &self.words, &LIGHT, true).map(|_| ())
    }
}

/// An axis's name on the figure: the key, and `(log)` for a log axis.
fn axis_name(a: &MapAxis) -> String {
    match a.scale {
        AxisScale::Log => format!("{} (log)", a.key),
        AxisScale::Lin => a.key.to_string(),
    }
}

/// Computes the map on every core and draws it into `out` (SVG or PNG) at `size`.
pub fn render(settings: &Settings, size: (u32, u32), out: &str) -> Result<(), String> {
    let mapper = Mapper::new(settings).map_err(|e| e.to_string())?;
    let cells: Vec<Option<Cell>> = map_cells(settings, threads(None))
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(Some)
        .collect();
    let map = *mapper.map();
    let metric = mapper.metric();
    let (x, y) = (axis_name(&map.x), axis_name(&map.y));
    let lines = start_contours(mapper.objective(), &map);
    let figure = MapFigure {
        view: MapView {
            map: &map,
            metric,
            cells: &cells,
            minima: mapper.minima(),
            contours: &lines,
        },
        words: MapWords {
            x: &x,
            y: &y,
            bar: match metric {
                MapMetric::Steps => "steps to target",
                _ => "final loss",
            },
            diverged: "diverged",
            nowhere: match metric {
                MapMetric::Basin => "no minimum",
                _ => "never reached",
            },
            minimum: "minimum reached",
            darker: "darker: more steps",
        },
    };
    write_figure(&figure, size, out)
}
