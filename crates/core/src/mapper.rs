//! A map's cells, run: each cell is the main settings with its two axis values, run to its end by the same [`Run`] as a single run, and how it ended, its basin among the landscape's known minima included.
//!
//! A cell depends on its settings alone, so any split of the cells among threads or workers
//! gives the same numbers, bit for bit, as running them one by one, and as `descent run` of
//! the cell's own settings ([`Mapper::cell_settings`]).

use crate::codec::set_value;
use crate::compare::is_diverging;
use crate::geometry::Point;
use crate::map::{Map, MapMetric};
use crate::numfmt::fmt_f64;
use crate::problem::{Detail, Problem, Severity};
use crate::run::{Run, RunError};
use crate::settings::Settings;
use crate::status::Status;

/// A run ends in a minimum's basin when its last point lies within this fraction of the
/// landscape window's larger side of that minimum (0.25 on Himmelblau's 10-wide window).
pub const BASIN_RADIUS: f64 = 0.025;

/// Where a cell's run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basin {
    /// Near the landscape's known minimum of this index (its order in the landscape's list:
    /// global minima first).
    Minimum(usize),
    /// Near none of them (still travelling, or stuck elsewhere).
    None,
    /// The run diverged (or its loss climbed past ten times its start).
    Diverged,
}

impl Basin {
    /// As a number: the minimum's index, −1 for none, −2 for diverged (the page's arrays).
    pub fn code(self) -> i64 {
        match self {
            Basin::Minimum(i) => i as i64,
            Basin::None => -1,
            Basin::Diverged => -2,
        }
    }

    /// The name in CSV: `min1`, `min2`, … (from 1, in the landscape's order), `none` or
    /// `diverged`.
    pub fn name(self) -> String {
        match self {
            Basin::Minimum(i) => format!("min{}", i + 1),
            Basin::None => "none".into(),
            Basin::Diverged => "diverged".into(),
        }
    }
}

/// One cell of a map: its axis values and how its run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The value of the axis across.
    pub x: f64,
    /// The value of the axis up.
    pub y: f64,
    /// The loss at the run's last point (not finite when it diverged).
    pub final_loss: f64,
    /// The loss at its start.
    pub start_loss: f64,
    /// The steps it took.
    pub steps: u64,
    /// The step at which it reached the target, or converged when no target is set.
    pub reached: Option<u64>,
    /// Why it stopped.
    pub status: Status,
    /// Its last point.
    pub end: Point,
    /// Which minimum it reached.
    pub basin: Basin,
}

impl Cell {
    /// Whether it diverged or is diverging (its loss past ten times its start).
    pub fn is_diverging(&self) -> bool {
        self.basin == Basin::Diverged
    }

    /// The number a metric colours it by: the final loss, the steps to the target, the
    /// basin's index; `None` where there is none (diverged, target never reached, no basin).
    pub fn metric(&self, metric: MapMetric) -> Option<f64> {
        if self.is_diverging() {
            return None;
        }
        match metric {
            MapMetric::Loss => Some(self.final_loss),
            MapMetric::Steps => self.reached.map(|k| k as f64),
            MapMetric::Basin => match self.basin {
                Basin::Minimum(i) => Some(i as f64),
                _ => None,
            },
        }
    }

    /// The numbers of [`CELL_FIELDS`], in order, for the page's arrays.
    pub fn numbers(&self) -> [f64; CELL_FIELDS.len()] {
        let status = STATUS_NAMES
            .iter()
            .position(|n| *n == self.status.name())
            .unwrap_or(0);
        [
            self.x,
            self.y,
            self.final_loss,
            self.start_loss,
            self.steps as f64,
            self.reached.map_or(-1.0, |k| k as f64),
            status as f64,
            self.basin.code() as f64,
            self.end[0],
            self.end[1],
        ]
    }
}

impl Cell {
    /// The cell back from its [`Cell::numbers`] (what a worker sends the page): every number
    /// bit for bit; a diverged status says only that the loss was not finite, since what
    /// stopped being finite is not among the numbers.
    pub fn from_numbers(n: &[f64]) -> Option<Cell> {
        let [x, y, final_loss, start_loss, steps, reached, status, basin, end_x, end_y] =
            *n.get(..CELL_FIELDS.len())?
        else {
            return None;
        };
        let step = steps as u64;
        let status = match STATUS_NAMES.get(status as usize).copied()? {
            "converged" => Status::Converged { step },
            "target_reached" => Status::TargetReached { step },
            "max_steps" => Status::MaxSteps { step },
            "diverged" => Status::Diverged {
                step,
                what: crate::status::Divergence::Loss {
                    value: crate::status::NonFinite::of(final_loss)
                        .unwrap_or(crate::status::NonFinite::NaN),
                },
            },
            _ => Status::Running,
        };
        Some(Cell {
            x,
            y,
            final_loss,
            start_loss,
            steps: step,
            reached: (reached >= 0.0).then_some(reached as u64),
            status,
            end: [end_x, end_y],
            basin: match basin {
                b if b >= 0.0 => Basin::Minimum(b as usize),
                -1.0 => Basin::None,
                _ => Basin::Diverged,
            },
        })
    }
}

/// What [`Cell::numbers`] holds, in order: `status` is an index into [`STATUS_NAMES`],
/// `reached` is −1 when never, `basin` as [`Basin::code`].
pub const CELL_FIELDS: [&str; 10] = [
    "x",
    "y",
    "loss",
    "start_loss",
    "steps",
    "reached",
    "status",
    "basin",
    "end_x",
    "end_y",
];

/// The status names a cell's `status` number indexes.
pub const STATUS_NAMES: [&str; 5] = [
    "running",
    "converged",
    "target_reached",
    "max_steps",
    "diverged",
];

/// Runs a map's cells one at a time, reusing one run's memory.
pub struct Mapper {
    /// The main settings without the comparisons (every cell starts from these).
    base: Settings,
    map: Map,
    metric: MapMetric,
    run: Run,
    minima: Vec<Point>,
    radius: f64,
}

impl Mapper {
    /// The mapper of settings that hold a map; settings with errors or without a map are
    /// refused.
    pub fn new(settings: &Settings) -> Result<Mapper, RunError> {
        let Some(map) = settings.map else {
            return Err(RunError {
                problems: vec![Problem {
                    key: "map".into(),
                    value: String::new(),
                    detail: Detail::MapForm,
                    severity: Severity::Error,
                }],
            });
        };
        let base = settings.run_only();
        let run = Run::new(&base)?;
        let objective = run.objective();
        let window = objective.window();
        let radius = BASIN_RADIUS * (window.x_max - window.x_min).max(window.y_max - window.y_min);
        Ok(Mapper {
            metric: MapMetric::for_map(settings.mapy, &map),
            minima: objective.minima(),
            base,
            map,
            run,
            radius,
        })
    }

    /// The map.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// What colours the cells.
    pub fn metric(&self) -> MapMetric {
        self.metric
    }

    /// The loss being descended (the same for every cell).
    pub fn objective(&self) -> &crate::objective::Objective {
        self.run.objective()
    }

    /// The landscape's known minima, in the order [`Basin::Minimum`] counts them.
    pub fn minima(&self) -> &[Point] {
        &self.minima
    }

    /// The settings of cell `index`: the main run's with the two axis values.
    pub fn cell_settings(&self, index: u64) -> Settings {
        let (x, y) = self.map.values(index);
        let mut s = self.base.clone();
        // The ends were checked by the codec and every value lies between them.
        set_value(&mut s, self.map.x.key, &fmt_f64(x));
        set_value(&mut s, self.map.y.key, &fmt_f64(y));
        s
    }

    /// Runs cell `index` to its end.
    pub fn cell(&mut self, index: u64) -> Cell {
        let (x, y) = self.map.values(index);
        let settings = self.cell_settings(index);
        if self.run.restart(&settings).is_err() {
            // Unreachable for a map the codec accepted; a cell that cannot run is marked so.
            return Cell {
                x,
                y,
                final_loss: f64::NAN,
                start_loss: f64::NAN,
                steps: 0,
                reached: None,
                status: Status::Running,
                end: [f64::NAN; 2],
                basin: Basin::Diverged,
            };
        }
        self.run.run_to_end();
        let t = self.run.trajectory();
        let last = t.len() - 1;
        let (start_loss, final_loss) = (t.loss[0], t.loss[last]);
        let end = t.point(last);
        let status = self.run.status().clone();
        let reached = match status {
            Status::TargetReached { step } => Some(step),
            Status::Converged { step } if settings.target.is_none() => Some(step),
            _ => None,
        };
        let basin =
            if matches!(status, Status::Diverged { .. }) || is_diverging(final_loss, start_loss) {
                Basin::Diverged
            } else {
                self.basin_of(end)
            };
        Cell {
            x,
            y,
            final_loss,
            start_loss,
            steps: self.run.steps_taken(),
            reached,
            status,
            end,
            basin,
        }
    }

    /// The known minimum within [`BASIN_RADIUS`] of `p`, the nearest if several.
    fn basin_of(&self, p: Point) -> Basin {
        let mut best = (Basin::None, self.radius);
        for (i, m) in self.minima.iter().enumerate() {
            let d = libm::hypot(p[0] - m[0], p[1] - m[1]);
            if d <= best.1 {
                best = (Basin::Minimum(i), d);
            }
        }
        best.0
    }

    /// Runs cells `range` in order.
    pub fn cells(&mut self, range: core::ops::Range<u64>) -> Vec<Cell> {
        range.map(|i| self.cell(i)).collect()
    }
}

/// Cells handed to a thread at a time: small enough that threads finish together, large
/// enough that taking them costs nothing.
const CHUNK: u64 = 16;

/// Every cell of the map in `settings`, in index order, computed by `threads` threads (at
/// least one) that take chunks of cells as they finish: the same numbers, bit for bit, as
/// one thread, whatever the number of threads (each cell is a pure function of its settings).
pub fn map_cells(settings: &Settings, threads: usize) -> Result<Vec<Cell>, RunError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    let first = Mapper::new(settings)?;
    let total = first.map().cells();
    let threads = threads.clamp(1, total.div_ceil(CHUNK).max(1) as usize);
    let next = AtomicU64::new(0);
    let work = |mut mapper: Mapper| {
        let mut done = Vec::new();
        loop {
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= total {
                return done;
            }
            let end = (start + CHUNK).min(total);
            done.push((start, mapper.cells(start..end)));
        }
    };
    let mut chunks = if threads == 1 {
        work(first)
    } else {
        let mappers: Vec<Mapper> = core::iter::once(Ok(first))
            .chain((1..threads).map(|_| Mapper::new(settings)))
            .collect::<Result<_, _>>()?;
        std::thread::scope(|scope| {
            let handles: Vec<_> = mappers
                .into_iter()
                .map(|m| scope.spawn(|| work(m)))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a map thread does not panic"))
                .collect::<Vec<_>>()
        })
    };
    chunks.sort_by_key(|(start, _)| *start);
    Ok(chunks.into_iter().flat_map(|(_, cells)| cells).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapper(text: &str) -> Mapper {
        let (s, problems) = Settings::decode(text);
        assert!(problems.is_empty(), "{problems:?}");
        Mapper::new(&s).unwrap()
    }

    /// Every cell is bit for bit the run of its own settings, written as a link and read back.
    #[test]
    fn every_cell_is_the_single_run_of_its_settings() {
        for text in [
            "f=himmelblau&opt=momentum&steps=60&map=lr:0.001:0.05:4,mom:0:0.95:3",
            "f=rosenbrock&opt=adam&steps=50&map=lr:0.001:1:3,b1:0.5:0.99:3",
            "f=himmelblau&opt=gd&lr=0.01&steps=80&map=x0:-5:5:4,y0:-5:5:3",
            "f=linreg&data=line&batch=mini&steps=40&map=bs:1:20:3,lr:0.01:0.5:3",
            "f=booth&sched=step&lr=0.05&steps=40&map=gamma:0.5:1:3,every:1:20:3",
        ] {
            let mut m = mapper(text);
            for i in 0..m.map().cells() {
                let cell = m.cell(i);
                let link = m.cell_settings(i).encode();
                let (s, problems) = Settings::decode(&link);
                assert!(problems.is_empty(), "{link}: {problems:?}");
                assert!(s.map.is_none());
                let mut run = Run::new(&s).unwrap();
                run.run_to_end();
                let t = run.trajectory();
                assert_eq!(
                    cell.final_loss.to_bits(),
                    t.loss.last().unwrap().to_bits(),
                    "{link}"
                );
                assert_eq!(cell.end, t.point(t.len() - 1), "{link}");
                assert_eq!(cell.steps, run.steps_taken(), "{link}");
                assert_eq!(&cell.status, run.status(), "{link}");
            }
        }
    }

    /// Gradient descent from a grid of starts on Himmelblau's function reaches all four
    /// minima, and a huge rate diverges.
    #[test]
    fn himmelblau_basins_hold_all_four_minima() {
        let mut m = mapper("f=himmelblau&lr=0.01&map=x0:-5:5:9,y0:-5:5:9");
        assert_eq!(m.metric(), MapMetric::Basin);
        let cells = m.cells(0..81);
        for i in 0..4 {
            assert!(cells.iter().any(|c| c.basin == Basin::Minimum(i)), "{i}");
        }
        let mut d = mapper("f=himmelblau&lr=0.01&map=lr:0.01:0.5:2,x0:0:1:2");
        assert_eq!(d.metric(), MapMetric::Loss);
        assert_eq!(d.cell(1).basin, Basin::Diverged);
        assert_eq!(d.cell(1).metric(MapMetric::Loss), None);
        assert_eq!(d.cell(0).basin, Basin::Minimum(0));
    }

    #[test]
    fn maps_round_trip_and_their_problems_are_named() {
        for text in [
            "map=lr:0.0001:2:64,mom:0:0.99:64&opt=momentum",
            "f=himmelblau&map=x0:-5:5:128,y0:-5:5:128&mapy=steps",
            "opt=adam&sched=cosine&map=lrmin:0:0.1:8,tmax:10:200:8:log&mapy=loss",
        ] {
            let (s, problems) = Settings::decode(text);
            assert!(problems.is_empty(), "{text}: {problems:?}");
            let again = Settings::decode(&s.encode());
            assert_eq!(again.0, s);
            assert!(again.1.is_empty());
        }
        let code = |text: &str| {
            let (s, problems) = Settings::decode(text);
            assert!(s.map.is_none() || s.mapy.is_none(), "{text}");
            problems.iter().map(|p| p.detail.code()).collect::<Vec<_>>()
        };
        assert_eq!(code("opt=adam&map=lr:0.01:1,mom:0:0.9"), ["map_not_read"]);
        assert_eq!(code("map=lr:0.01:1,gamma:0.5:1"), ["map_not_read"]);
        assert_eq!(code("f=parabola1d&map=x0:-1:1,y0:0:1"), ["map_not_read"]);
        assert_eq!(code("f=linreg&map=lr:0.01:1,bs:1:10"), ["map_not_read"]);
        assert_eq!(
            code("f=linreg&batch=mini&n=20&map=lr:0.01:1,bs:1:30"),
            ["map_value"]
        );
        assert_eq!(code("map=lr:0:1,x0:0:1"), ["map_log"]);
        assert_eq!(code("map=lr:0.01:2000,x0:0:1"), ["map_value"]);
        assert_eq!(code("opt=momentum&map=lr:0.1:1,mom:0:1.5"), ["map_value"]);
        assert_eq!(
            code("steps=100000&map=lr:0.01:1:512,x0:0:1:512"),
            ["map_too_big"]
        );
        assert_eq!(
            code("f=custom&map=x0:0:1,y0:0:1&mapy=basin"),
            ["map_no_minima"]
        );
    }

    /// A cell survives the trip through its numbers.
    #[test]
    fn numbers_carry_a_cell() {
        let mut m = mapper("f=himmelblau&opt=momentum&steps=60&map=lr:0.001:0.5:3,mom:0:0.95:2");
        for i in 0..6 {
            let c = m.cell(i);
            let back = Cell::from_numbers(&c.numbers()).unwrap();
            assert_eq!(
                back.numbers().map(f64::to_bits),
                c.numbers().map(f64::to_bits)
            );
            assert_eq!(back.basin, c.basin);
            assert_eq!(back.status.name(), c.status.name());
        }
        assert!(Cell::from_numbers(&[1.0]).is_none());
    }

    /// Threads change nothing: the cells of four threads are those of one.
    #[test]
    fn threads_give_the_cells_of_one() {
        let (s, _) =
            Settings::decode("f=six_hump_camel&opt=adam&lr=0.05&map=x0:-2:2:13,y0:-1:1:11");
        let one = map_cells(&s, 1).unwrap();
        assert_eq!(one.len(), 143);
        assert_eq!(map_cells(&s, 4).unwrap(), one);
        let mut m = Mapper::new(&s).unwrap();
        assert_eq!(m.cells(0..143), one);
    }

    /// The limit is exactly the cells × steps stated.
    #[test]
    fn the_limit_is_cells_times_steps() {
        let at = |steps: u32| {
            Settings::decode(&format!("steps={steps}&map=lr:0.01:1:512,x0:0:1:512"))
                .0
                .map
                .is_some()
        };
        assert!(at(1024));
        assert!(!at(1025));
        assert_eq!(512 * 512 * 1024, crate::map::MAX_MAP_STEPS);
    }
}
