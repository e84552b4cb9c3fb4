//! What `map=` and `mapy=` hold: a grid of runs over two settings keys, as a value with its text form.
//!
//! `map=lr:1e-4:2:64,mom:0:0.99:64` maps the run over two axes, each `key:from:to[:cells[:log|lin]]`:
//! `cells` values from `from` to `to` (both included; 64 when omitted), spaced evenly in log or
//! linearly (log for `lr` and `eps`, linear for the others when omitted). The first axis runs
//! across, the second up. `map=x0:-5:5:128,y0:-5:5:128` maps the start: its basins of
//! attraction. Values only: the codec checks each end against its key's field and the
//! combinations (`fix_combinations`), and `mapper.rs` runs the cells.

use crate::numfmt::fmt_f64;
use crate::problem::Detail;

/// The keys a map's axis may be, in the order messages list them: the learning rate, the
/// optimizers' hyperparameters, the schedules' parameters, the mini-batch size and the start.
pub const MAP_AXES: &[&str] = &[
    "lr", "mom", "rho", "b1", "b2", "eps", "wd", "etaminus", "etaplus", "stepmin", "stepmax",
    "gamma", "every", "tmax", "lrmin", "bs", "x0", "y0",
];

/// The axes whose values are whole numbers: a cell's value is rounded to the nearest.
const WHOLE_AXES: &[&str] = &["every", "tmax", "bs"];

/// The axes spaced in log when the text does not say.
const LOG_AXES: &[&str] = &["lr", "eps"];

/// The cells of an axis when the text does not say.
pub const DEFAULT_CELLS: u32 = 64;

/// The most cells along one axis.
pub const MAX_AXIS_CELLS: u32 = 512;

/// The most steps one map may take: its cells × `steps` (2²⁸ = 268,435,456, about 10 s of
/// 1,000-step Adam runs on one core of a laptop). A bigger map is a problem in the link.
pub const MAX_MAP_STEPS: u64 = 1 << 28;

/// How an axis spaces its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AxisScale {
    /// Evenly.
    Lin,
    /// Evenly in log (both ends > 0).
    Log,
}

impl AxisScale {
    /// The name in the text.
    pub fn name(self) -> &'static str {
        match self {
            AxisScale::Lin => "lin",
            AxisScale::Log => "log",
        }
    }

    /// The scale an axis of `key` has when the text does not say.
    pub fn default_for(key: &str) -> AxisScale {
        if LOG_AXES.contains(&key) {
            AxisScale::Log
        } else {
            AxisScale::Lin
        }
    }
}

/// One axis: a key and the values it takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapAxis {
    /// The settings key (one of [`MAP_AXES`]).
    pub key: &'static str,
    /// The first value.
    pub from: f64,
    /// The last value (above `from`).
    pub to: f64,
    /// How many values, 2 to [`MAX_AXIS_CELLS`].
    pub cells: u32,
    /// How they are spaced.
    pub scale: AxisScale,
}

impl MapAxis {
    /// The value of cell `i` (0 is `from`, `cells − 1` exactly `to`); whole-number keys are
    /// rounded.
    pub fn value(&self, i: u32) -> f64 {
        let n = self.cells.max(2);
        let v = if i + 1 >= n {
            self.to
        } else if i == 0 {
            self.from
        } else {
            let t = f64::from(i) / f64::from(n - 1);
            match self.scale {
                AxisScale::Lin => self.from + (self.to - self.from) * t,
                AxisScale::Log => self.from * libm::pow(self.to / self.from, t),
            }
        };
        if self.is_whole() {
            libm::round(v)
        } else {
            v
        }
    }

    /// Whether the key takes whole numbers.
    pub fn is_whole(&self) -> bool {
        WHOLE_AXES.contains(&self.key)
    }

    /// The axis as text: `key:from:to:cells`, then `:log` or `:lin` when not the key's default.
    pub fn text(&self) -> String {
        let mut t = format!(
            "{}:{}:{}:{}",
            self.key,
            fmt_f64(self.from),
            fmt_f64(self.to),
            self.cells
        );
        if self.scale != AxisScale::default_for(self.key) {
            t.push(':');
            t.push_str(self.scale.name());
        }
        t
    }

    /// Parses `key:from:to[:cells[:log|lin]]`, checking its form; the codec checks the ends
    /// against the key's field.
    pub fn parse(text: &str) -> Result<MapAxis, Detail> {
        let parts: Vec<&str> = text.split(':').map(str::trim).collect();
        if !(3..=5).contains(&parts.len()) {
            return Err(Detail::MapForm);
        }
        let Some(key) = MAP_AXES.iter().copied().find(|k| *k == parts[0]) else {
            return Err(Detail::MapAxisKey {
                key: parts[0].to_string(),
                keys: MAP_AXES,
            });
        };
        let number = |t: &str| match t.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(Detail::MapValue {
                key,
                value: t.to_string(),
                detail: Box::new(Detail::Invalid {
                    allowed: "a finite number",
                }),
            }),
        };
        let (from, to) = (number(parts[1])?, number(parts[2])?);
        let cells = match parts.get(3) {
            None => DEFAULT_CELLS,
            Some(t) => match t.parse::<u32>() {
                Ok(c) if (2..=MAX_AXIS_CELLS).contains(&c) => c,
                _ => {
                    return Err(Detail::MapCells {
                        value: t.to_string(),
                        max: MAX_AXIS_CELLS,
                    })
                }
            },
        };
        let scale = match parts.get(4).copied() {
            None => AxisScale::default_for(key),
            Some("log") => AxisScale::Log,
            Some("lin") => AxisScale::Lin,
            Some(other) => {
                return Err(Detail::MapScale {
                    value: other.to_string(),
                })
            }
        };
        if from >= to {
            return Err(Detail::MapOrder { key, from, to });
        }
        if scale == AxisScale::Log && from <= 0.0 {
            return Err(Detail::MapLog { key });
        }
        if !(to - from).is_finite() || (scale == AxisScale::Log && !(to / from).is_finite()) {
            return Err(Detail::MapValue {
                key,
                value: parts[2].to_string(),
                detail: Box::new(Detail::Invalid {
                    allowed: "ends whose difference and ratio are finite",
                }),
            });
        }
        Ok(MapAxis {
            key,
            from,
            to,
            cells,
            scale,
        })
    }
}

/// A map: two axes, the first across and the second up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Map {
    /// The axis across.
    pub x: MapAxis,
    /// The axis up.
    pub y: MapAxis,
}

impl Map {
    /// Parses `axis,axis`.
    pub fn parse(text: &str) -> Result<Map, Detail> {
        let parts: Vec<&str> = text.split(',').collect();
        let [x, y] = parts[..] else {
            return Err(Detail::MapForm);
        };
        let (x, y) = (MapAxis::parse(x)?, MapAxis::parse(y)?);
        if x.key == y.key {
            return Err(Detail::MapSameAxis { key: x.key });
        }
        Ok(Map { x, y })
    }

    /// The text `axis,axis`.
    pub fn text(&self) -> String {
        format!("{},{}", self.x.text(), self.y.text())
    }

    /// How many cells.
    pub fn cells(&self) -> u64 {
        u64::from(self.x.cells) * u64::from(self.y.cells)
    }

    /// The axis values of cell `index` (row by row from the bottom: `index = iy · x.cells + ix`).
    pub fn values(&self, index: u64) -> (f64, f64) {
        let (ix, iy) = self.position(index);
        (self.x.value(ix), self.y.value(iy))
    }

    /// The column and row of cell `index`.
    pub fn position(&self, index: u64) -> (u32, u32) {
        let nx = u64::from(self.x.cells.max(1));
        ((index % nx) as u32, (index / nx) as u32)
    }

    /// Whether the axes are the start (`x0` across, `y0` up): a map of basins of attraction.
    pub fn is_start(&self) -> bool {
        self.x.key == "x0" && self.y.key == "y0"
    }

    /// The most steps its runs may take together: cells × `steps`.
    pub fn step_budget(&self, steps: u32) -> u64 {
        self.cells().saturating_mul(u64::from(steps))
    }
}

/// What colours a map's cells (`mapy=`); without it, basins for a map of the start and the
/// final loss otherwise ([`MapMetric::for_map`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapMetric {
    /// The loss at the run's last point.
    Loss,
    /// The steps taken to reach the target (or to converge when no target is set).
    Steps,
    /// Which known minimum the run reaches, its brightness by the steps taken.
    Basin,
}

impl MapMetric {
    /// Every settings name, in menu order.
    pub const NAMES: [&'static str; 3] = ["loss", "steps", "basin"];

    /// The settings name.
    pub fn name(self) -> &'static str {
        match self {
            MapMetric::Loss => "loss",
            MapMetric::Steps => "steps",
            MapMetric::Basin => "basin",
        }
    }

    /// The metric for a settings name.
    pub fn from_name(s: &str) -> Option<MapMetric> {
        match s {
            "loss" => Some(MapMetric::Loss),
            "steps" => Some(MapMetric::Steps),
            "basin" => Some(MapMetric::Basin),
            _ => None,
        }
    }

    /// The metric `mapy=` gives, or when it is not given, basins for a map of the start and
    /// the final loss for any other.
    pub fn for_map(given: Option<MapMetric>, map: &Map) -> MapMetric {
        given.unwrap_or(if map.is_start() {
            MapMetric::Basin
        } else {
            MapMetric::Loss
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_parse_with_defaults_and_write_canonically() {
        let m = Map::parse("lr:1e-4:2,mom:0:0.99:16").unwrap();
        assert_eq!(m.x.cells, DEFAULT_CELLS);
        assert_eq!(m.x.scale, AxisScale::Log);
        assert_eq!(m.y.scale, AxisScale::Lin);
        assert_eq!(m.text(), "lr:1e-4:2:64,mom:0:0.99:16");
        assert_eq!(Map::parse(&m.text()).unwrap(), m);
        let b = Map::parse("x0:-5:5:8:lin,y0:0.5:5:4:log").unwrap();
        assert_eq!(b.text(), "x0:-5:5:8,y0:0.5:5:4:log");
        assert!(!m.is_start() && b.is_start());
    }

    #[test]
    fn axis_values_include_both_ends_exactly() {
        let a = MapAxis::parse("lr:0.001:1:4").unwrap();
        assert_eq!(a.value(0), 0.001);
        assert_eq!(a.value(3), 1.0);
        assert!((a.value(1) - 0.01).abs() < 1e-15);
        let w = MapAxis::parse("every:1:10:4").unwrap();
        assert_eq!(
            (0..4).map(|i| w.value(i)).collect::<Vec<_>>(),
            [1.0, 4.0, 7.0, 10.0]
        );
        let m = Map::parse("lr:0.1:1:3,mom:0:0.5:2").unwrap();
        assert_eq!(m.cells(), 6);
        assert_eq!(m.position(4), (1, 1));
        assert_eq!(m.values(5), (1.0, 0.5));
    }

    #[test]
    fn bad_maps_name_their_problem() {
        let code = |t: &str| Map::parse(t).unwrap_err().code();
        assert_eq!(code("lr:1:2"), "map_form");
        assert_eq!(code("lr:1:2,mom"), "map_form");
        assert_eq!(code("lr:1:2,steps:1:2"), "map_axis_key");
        assert_eq!(code("lr:1:2,lr:1:3"), "map_same_axis");
        assert_eq!(code("lr:2:1,mom:0:1"), "map_order");
        assert_eq!(code("lr:0:1,mom:0:1"), "map_log");
        assert_eq!(code("lr:0.1:1:1,mom:0:1"), "map_cells");
        assert_eq!(code("lr:0.1:1:9999,mom:0:1"), "map_cells");
        assert_eq!(code("lr:0.1:1:8:cubic,mom:0:1"), "map_scale");
        assert_eq!(code("lr:x:1,mom:0:1"), "map_value");
    }
}
