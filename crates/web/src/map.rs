//! The map of runs as the page sees it: `MapBoard`, one per map, in each worker (which computes cells) and on the page (which keeps the cells that come back, draws them and answers hover and click).
//!
//! A worker's board runs cells with the core's `Mapper` and hands back their numbers
//! (`CELL_FIELDS` per cell, as one `Float64Array`); the page's board turns them back into cells
//! bit for bit (`Cell::from_numbers`), so a cell on the page is exactly the single run of its
//! settings. Drawing is `figure/map.rs`: the cells as an RGBA image for one `putImageData`,
//! the axes and colour bar by plotters on the canvas.

use std::collections::BTreeMap;

use descent::codec::set_value;
use descent::map::{AxisScale, MapAxis};
use descent::mapper::{Cell, Mapper, CELL_FIELDS};
use descent::Settings;
use descent_figure::map::{draw_map, MapDrawn, MapView, MapWords};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

use crate::{backend, canvas_of, convert};

/// One map: its settings, the mapper that runs or describes its cells, the cells known so
/// far and the layout of the last drawing.
#[wasm_bindgen]
pub struct MapBoard {
    /// The whole settings, map and view keys included (a clicked cell keeps them).
    settings: Settings,
    mapper: Mapper,
    cells: Vec<Option<Cell>>,
    done: u64,
    drawn: Option<MapDrawn>,
    /// The landscape's contour lines on a map of the start, made by the first drawing.
    contours: Option<Vec<descent_figure::contour::Contour>>,
}

/// An axis as JS sees it.
#[derive(Serialize)]
struct JsAxis {
    key: &'static str,
    from: f64,
    to: f64,
    cells: u32,
    log: bool,
}

impl From<&MapAxis> for JsAxis {
    fn from(a: &MapAxis) -> JsAxis {
        JsAxis {
            key: a.key,
            from: a.from,
            to: a.to,
            cells: a.cells,
            log: a.scale == AxisScale::Log,
        }
    }
}

/// What `info()` returns.
#[derive(Serialize)]
struct JsInfo {
    /// The map's text (`lr:1e-4:2:64,mom:0:0.99:64`).
    text: String,
    /// The map's identity: its text and the settings of its first cell (which do not depend
    /// on the main run's values of the two axis keys), so a click that only moves the main
    /// run along the axes keeps the map.
    key: String,
    cells: u64,
    steps: u32,
    x: JsAxis,
    y: JsAxis,
    metric: &'static str,
    start: bool,
    minima: Vec<[f64; 2]>,
    fields: [&'static str; CELL_FIELDS.len()],
}

#[wasm_bindgen]
impl MapBoard {
    /// The board of a settings string that holds a valid `map=`; refused otherwise, with
    /// the reason.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: &str) -> Result<MapBoard, JsError> {
        let (settings, problems) = Settings::decode(settings);
        if descent::codec::has_errors(&problems) {
            let texts: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return Err(JsError::new(&texts.join("; ")));
        }
        let mapper = Mapper::new(&settings).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(MapBoard {
            settings,
            mapper,
            // Made by the first `put`: a worker's board, which only computes, holds no cells.
            cells: Vec::new(),
            done: 0,
            drawn: None,
            contours: None,
        })
    }

    /// `{text, key, cells, steps, x, y, metric, start, minima, fields}`: the map, what
    /// colours it, whether it maps the start, the landscape's minima, and the names of the
    /// numbers `compute` returns per cell.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let map = self.mapper.map();
        convert::to_js(&JsInfo {
            text: map.text(),
            key: format!("{}|{}", map.text(), self.mapper.cell_settings(0).encode()),
            cells: map.cells(),
            steps: self.settings.steps,
            x: (&map.x).into(),
            y: (&map.y).into(),
            metric: self.mapper.metric().name(),
            start: map.is_start(),
            minima: self.mapper.minima().to_vec(),
            fields: CELL_FIELDS,
        })
    }

    /// Runs cells `start..end` (a worker's share) and returns their numbers, `CELL_FIELDS`
    /// per cell, back to back.
    pub fn compute(&mut self, start: f64, end: f64) -> Vec<f64> {
        let total = self.mapper.map().cells();
        let (start, end) = ((start as u64).min(total), (end as u64).min(total));
        let mut out = Vec::with_capacity((end - start) as usize * CELL_FIELDS.len());
        for i in start..end {
            out.extend_from_slice(&self.mapper.cell(i).numbers());
        }
        out
    }

    /// Stores cells from `start` on from their numbers (what `compute` returned). Returns
    /// how many cells are known.
    pub fn put(&mut self, start: f64, numbers: &[f64]) -> f64 {
        if self.cells.is_empty() {
            self.cells = vec![None; self.mapper.map().cells() as usize];
        }
        let start = start as usize;
        for (k, chunk) in numbers.chunks_exact(CELL_FIELDS.len()).enumerate() {
            if let Some(slot) = self.cells.get_mut(start + k) {
                if slot.is_none() {
                    self.done += 1;
                }
                *slot = Cell::from_numbers(chunk);
            }
        }
        self.done as f64
    }

    /// Takes the known cells of `other`, a board of the same map coloured otherwise (a new
    /// `mapy=`), in one call; returns how many cells are known.
    pub fn adopt(&mut self, other: &mut MapBoard) -> f64 {
        if other.mapper.map() == self.mapper.map() {
            self.cells = std::mem::take(&mut other.cells);
            self.done = other.done;
        }
        self.done as f64
    }

    /// How many of cells `start..end` are known.
    pub fn known(&self, start: f64, end: f64) -> f64 {
        let n = self.cells.len();
        let (a, b) = ((start as usize).min(n), (end as usize).min(n));
        self.cells[a..b.max(a)]
            .iter()
            .filter(|c| c.is_some())
            .count() as f64
    }

    /// The steps the known cells took, all together.
    pub fn steps(&self) -> f64 {
        self.cells.iter().flatten().map(|c| c.steps as f64).sum()
    }

    /// How many cells are known.
    pub fn done(&self) -> f64 {
        self.done as f64
    }

    /// The cells' colours, an `nx × ny` RGBA image (top row first) for `putImageData`.
    pub fn rgba(&self) -> Vec<u8> {
        let palette = descent_figure::map::Palette::of(&self.view());
        descent_figure::map::cell_rgba(&self.view(), &palette)
    }

    /// Draws the axes, the minima and the colour bar or legend on the canvas of `ctx`
    /// (`width × height` device pixels at `dpr`), leaving the plot rectangle for the cells;
    /// `words` is `{x, y, bar, diverged, nowhere, minimum, darker}`. Returns the plot
    /// rectangle in device pixels `{left, top, width, height}`.
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
        words: JsValue,
    ) -> Result<JsValue, JsError> {
        let words: BTreeMap<String, String> = serde_wasm_bindgen::from_value(words)
            .map_err(|e| JsError::new(&format!("draw needs an object of words: {e}")))?;
        let word = |k: &str| words.get(k).map(String::as_str).unwrap_or("");
        let canvas = canvas_of(ctx, width_px, height_px)?;
        if self.contours.is_none() {
            self.contours = Some(descent_figure::map::start_contours(
                self.mapper.objective(),
                self.mapper.map(),
            ));
        }
        let view = self.view();
        let drawn = draw_map(
            backend(canvas)?,
            (width_px, height_px, dpr),
            &view,
            &MapWords {
                x: word("x"),
                y: word("y"),
                bar: word("bar"),
                diverged: word("diverged"),
                nowhere: word("nowhere"),
                minimum: word("minimum"),
                darker: word("darker"),
            },
            &descent_figure::surface::LIGHT,
            false,
        )
        .map_err(|e| JsError::new(&e))?;
        self.drawn = Some(drawn);
        let r = drawn.layout.plot;
        #[derive(Serialize)]
        struct Plot {
            left: i32,
            top: i32,
            width: i32,
            height: i32,
        }
        convert::to_js(&Plot {
            left: r.left,
            top: r.top,
            width: r.width(),
            height: r.height(),
        })
    }

    /// The cell under a point of the last drawing, in CSS pixels from its top left; undefined
    /// outside the plot.
    pub fn cell_at(&self, css_x: f64, css_y: f64) -> Option<f64> {
        let d = self.drawn?;
        d.cell_at(css_x * d.layout.dpr, css_y * d.layout.dpr)
            .map(|i| i as f64)
    }

    /// The numbers of cell `index` by name (`CELL_FIELDS`, `status` as its name, `basin` as
    /// its index or −1 none, −2 diverged), with `index`, `ix`, `iy`; undefined until computed.
    pub fn cell(&self, index: f64) -> Result<JsValue, JsError> {
        let i = index as usize;
        let Some(Some(c)) = self.cells.get(i) else {
            return Ok(JsValue::UNDEFINED);
        };
        #[derive(Serialize)]
        struct JsCell {
            index: usize,
            ix: u32,
            iy: u32,
            x: f64,
            y: f64,
            loss: f64,
            start_loss: f64,
            steps: u64,
            reached: Option<u64>,
            status: &'static str,
            basin: i64,
            end_x: f64,
            end_y: f64,
        }
        let (ix, iy) = self.mapper.map().position(i as u64);
        convert::to_js(&JsCell {
            index: i,
            ix,
            iy,
            x: c.x,
            y: c.y,
            loss: c.final_loss,
            start_loss: c.start_loss,
            steps: c.steps,
            reached: c.reached,
            status: c.status.name(),
            basin: c.basin.code(),
            end_x: c.end[0],
            end_y: c.end[1],
        })
    }

    /// The numbers of cell `index` as `compute` gives them (non-finite values kept), for
    /// tests that compare them with a single run bit for bit; empty until computed.
    pub fn cell_numbers(&self, index: f64) -> Vec<f64> {
        match self.cells.get(index as usize) {
            Some(Some(c)) => c.numbers().to_vec(),
            _ => Vec::new(),
        }
    }

    /// The settings string of cell `index`: the page's settings (the map and view keys
    /// kept) with the cell's two axis values, which a click loads.
    pub fn cell_settings(&self, index: f64) -> String {
        let map = self.mapper.map();
        let (x, y) = map.values(index as u64);
        let mut s = self.settings.clone();
        s.at = None;
        set_value(&mut s, map.x.key, &descent::numfmt::fmt_f64(x));
        set_value(&mut s, map.y.key, &descent::numfmt::fmt_f64(y));
        s.encode()
    }
}

impl MapBoard {
    fn view(&self) -> MapView<'_> {
        MapView {
            map: self.mapper.map(),
            metric: self.mapper.metric(),
            cells: &self.cells,
            minima: self.mapper.minima(),
            contours: self.contours.as_deref().unwrap_or(&[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worker's numbers, put on the page's board, are the cells bit for bit, and the page
    /// knows which it has.
    #[test]
    fn numbers_from_a_worker_are_the_cells() {
        let text = "f=himmelblau&opt=momentum&steps=60&map=lr:1e-3:0.5:3,mom:0:0.95:2";
        let mut worker = MapBoard::new(text).ok().unwrap();
        let mut page = MapBoard::new(text).ok().unwrap();
        assert!(worker.cells.is_empty());
        let numbers = worker.compute(2.0, 6.0);
        assert_eq!(numbers.len(), 4 * CELL_FIELDS.len());
        assert_eq!(page.put(2.0, &numbers), 4.0);
        assert_eq!((page.known(0.0, 2.0), page.known(0.0, 6.0)), (0.0, 4.0));
        for i in 2..6 {
            let want = &numbers[(i - 2) * CELL_FIELDS.len()..(i - 1) * CELL_FIELDS.len()];
            let got = page.cell_numbers(i as f64);
            assert_eq!(
                got.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                want.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
            );
        }
        // The clicked cell's link keeps the map and sets both axis values.
        let link = page.cell_settings(5.0);
        assert!(
            link.contains("lr=0.5") && link.contains("mom=0.95"),
            "{link}"
        );
        assert!(link.contains("map=lr:1e-3:0.5:3,mom:0:0.95:2"), "{link}");
    }
}
