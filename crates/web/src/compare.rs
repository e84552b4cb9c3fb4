//! The compared runs and the learning-rate sweep, as the page sees them: the timeline's span,
//! each run's label and status, the sweep's progress and chart, and the canvas words.

use std::collections::BTreeMap;

use descent::compare::{diverging_from, is_diverging, teaching_learning_rates};
use descent::comparison::entry_text;
use descent::{Run, Settings, SweepMetric};
use descent_figure::sweep::{draw_sweep_marked, SweepAxis, SweepMarks, SweepPoint};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

use crate::{backend, canvas_of, convert, Playground};

/// One run in `runs()`.
#[derive(Serialize)]
struct RunEntry {
    label: String,
    status: convert::JsStatus,
    len: usize,
    /// The run's colour, as on the surface, the 1-D curve and the loss chart (CSS).
    colour: String,
    /// Its dash pattern in CSS px (empty: solid), as on the loss chart.
    dashes: Vec<f64>,
    /// Its marker shape: circle, square, triangle, diamond, down or plus.
    shape: &'static str,
    /// The step from which it diverges (overflowed, or its loss past 10× its start).
    diverging_from: Option<u64>,
}

/// One sweep point in `sweep_results()`.
#[derive(Serialize)]
struct SweepEntry {
    lr: f64,
    final_loss: Option<f64>,
    reached: Option<u64>,
    status: String,
    /// Whether it diverged or ended past `DIVERGING_FACTOR` × its starting loss.
    diverging: bool,
}

/// The sweep's progress.
#[derive(Serialize)]
struct SweepProgress {
    total: usize,
    done: usize,
    finished: bool,
}

fn css(c: plotters::style::RGBColor) -> String {
    format!("rgb({}, {}, {})", c.0, c.1, c.2)
}

fn entry(label: String, run: &Run, i: usize) -> RunEntry {
    use descent_figure::runs::{run_colour, run_dashes, run_shape, Shape};
    RunEntry {
        label,
        status: convert::status(run.status()),
        len: run.trajectory().len(),
        colour: css(run_colour(i)),
        dashes: run_dashes(i).to_vec(),
        shape: match run_shape(i) {
            Shape::Circle => "circle",
            Shape::Square => "square",
            Shape::Triangle => "triangle",
            Shape::Diamond => "diamond",
            Shape::Down => "down",
            Shape::Plus => "plus",
        },
        diverging_from: diverging_from(run),
    }
}

/// A race entry as the page edits it: the optimizer's name and the keys given with their
/// values as text (as typed, so possibly wrong: setting `race=` checks them).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Racer {
    /// The optimizer's name.
    pub opt: String,
    /// `[key, value]` pairs, in the order the text writes them.
    pub params: Vec<(String, String)>,
}

/// The race of settings `s` as the page edits it.
pub fn racers(s: &Settings) -> Vec<Racer> {
    s.race
        .iter()
        .map(|e| Racer {
            opt: e.opt.name().to_string(),
            params: e
                .pairs()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        })
        .collect()
}

/// The `race=` text of racers, written by the core's own syntax.
pub fn racers_text(racers: &[Racer]) -> String {
    racers
        .iter()
        .map(|r| entry_text(r.opt.trim(), &r.params))
        .collect::<Vec<_>>()
        .join("~")
}

#[wasm_bindgen]
impl Playground {
    /// The race (`race=`) as the page edits it: `[{opt, params: [[key, value], …]}]`, the
    /// values as the link writes them.
    pub fn race(&self) -> Result<JsValue, JsError> {
        convert::to_js(&racers(&self.core.settings))
    }

    /// The `race=` text of racers `[{opt, params: [[key, value], …]}]` as the page edits them
    /// (unchecked: `set_value("race", text)` checks it and names what is wrong).
    pub fn race_text(&self, racers: JsValue) -> Result<String, JsError> {
        let list: Vec<Racer> = serde_wasm_bindgen::from_value(racers)
            .map_err(|e| JsError::new(&format!("not a list of racers: {e}")))?;
        Ok(racers_text(&list))
    }

    /// The timeline's length: the most points any run (main or compared) has recorded.
    pub fn span(&self) -> f64 {
        self.core.span() as f64
    }

    /// Whether the main run and every compared run have stopped.
    pub fn done(&self) -> bool {
        self.core.all_done()
    }

    /// Every run drawn: `[{label, status, len, colour}]`, the main run first.
    pub fn runs(&self) -> Result<JsValue, JsError> {
        let list: Vec<RunEntry> = self
            .core
            .all_runs()
            .into_iter()
            .enumerate()
            .map(|(i, (label, run))| entry(label, run, i))
            .collect();
        convert::to_js(&list)
    }

    /// Each run's note at timeline point `upto` (main run first), in the words last sent:
    /// [`CanvasWords::run_note`], so the run list says what the legends on the canvases say.
    pub fn run_notes(&self, upto: f64) -> Vec<String> {
        let upto = convert::clamp_index(upto, self.core.span());
        self.core
            .all_runs()
            .iter()
            .map(|(_, run)| self.words.run_note(run, upto))
            .collect()
    }

    /// Four learning rates that show the regimes too small, right, too large and diverging
    /// near the start, or undefined where the start has no positive curvature.
    pub fn teaching_lrs(&self) -> Result<JsValue, JsError> {
        match teaching_learning_rates(&self.core.settings) {
            Some(r) => convert::to_js(&r),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Replaces the words drawn on canvases: `{axis_step: "步数", …}`; unknown keys are kept
    /// for later, missing ones stay as they were.
    pub fn set_words(&mut self, words: JsValue) -> Result<(), JsError> {
        let map: BTreeMap<String, String> = serde_wasm_bindgen::from_value(words)
            .map_err(|e| JsError::new(&format!("set_words needs an object of strings: {e}")))?;
        self.words.extend(map);
        Ok(())
    }

    /// Takes at most `max_steps` steps of the sweep; returns `{total, done, finished}`
    /// (`total` 0 when there is no sweep).
    pub fn sweep_advance(&mut self, max_steps: f64) -> Result<JsValue, JsError> {
        let n = if max_steps.is_finite() && max_steps > 0.0 {
            max_steps.min(1e9) as u64
        } else {
            0
        };
        if let Some(s) = self.core.sweep.as_mut() {
            s.advance(n);
        }
        self.sweep_progress()
    }

    /// `{total, done, finished}` of the sweep.
    pub fn sweep_progress(&self) -> Result<JsValue, JsError> {
        let p = match &self.core.sweep {
            Some(s) => SweepProgress {
                total: s.len(),
                done: s.outcomes.len(),
                finished: s.is_done(),
            },
            None => SweepProgress {
                total: 0,
                done: 0,
                finished: true,
            },
        };
        convert::to_js(&p)
    }

    /// The sweep's outcomes so far: `[{lr, final_loss, reached, status}]`.
    pub fn sweep_results(&self) -> Result<JsValue, JsError> {
        let list: Vec<SweepEntry> = self
            .core
            .sweep
            .iter()
            .flat_map(|s| s.outcomes.iter())
            .map(|o| SweepEntry {
                lr: o.lr,
                final_loss: o.final_loss.is_finite().then_some(o.final_loss),
                reached: o.reached,
                status: o.status.name().to_string(),
                diverging: is_diverging(o.final_loss, o.start_loss),
            })
            .collect();
        convert::to_js(&list)
    }

    /// Draws the sweep chart: the final loss (or steps to the target) against the learning
    /// rate. Returns whether the y axis is logarithmic.
    pub fn render_sweep(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        dpr: f64,
    ) -> Result<bool, JsError> {
        let canvas = canvas_of(ctx, width_px, height_px)?;
        let Some(sweep) = self.core.settings.sweep else {
            ctx.clear_rect(0.0, 0.0, width_px as f64, height_px as f64);
            return Ok(false);
        };
        let metric = self.core.settings.sweepy;
        let points: Vec<SweepPoint> = self
            .core
            .sweep
            .iter()
            .flat_map(|s| s.outcomes.iter())
            .map(|o| SweepPoint {
                lr: o.lr,
                value: match metric {
                    SweepMetric::Loss => Some(o.final_loss).filter(|v| v.is_finite()),
                    SweepMetric::Steps => o.reached.map(|s| s as f64),
                },
                diverged: o.status.name() == "diverged",
            })
            .collect();
        let (axis, y) = match metric {
            SweepMetric::Loss => (SweepAxis::Loss, self.words.get("axis_final_loss")),
            SweepMetric::Steps => (SweepAxis::Steps, self.words.get("axis_steps_to")),
        };
        let start_loss = self
            .core
            .sweep
            .iter()
            .flat_map(|s| s.outcomes.iter())
            .map(|o| o.start_loss)
            .find(|v| v.is_finite())
            .or_else(|| self.core.run.trajectory().loss.first().copied());
        let lr = self.core.settings.base_lr();
        let current = self
            .words
            .get("sweep_current")
            .replace("{lr}", &descent::numfmt::fmt_f64(lr));
        let drawn = draw_sweep_marked(
            backend(canvas)?,
            (width_px, height_px, dpr),
            (sweep.lo, sweep.hi),
            &points,
            axis,
            (self.words.get("axis_lr"), y),
            &descent_figure::surface::LIGHT,
            &SweepMarks {
                start_loss,
                current: Some((lr, &current)),
            },
        )
        .map_err(|e| JsError::new(&e))?;
        self.sweep_layout = Some(drawn.layout);
        Ok(drawn.log)
    }

    /// The swept learning rate nearest to a point of the sweep chart given in CSS pixels
    /// from its left edge (by the last chart drawn), or undefined when there is no sweep or
    /// the point is outside the plot's width.
    pub fn sweep_lr_at(&self, css_x: f64) -> Option<f64> {
        let sweep = self.core.settings.sweep?;
        let layout = self.sweep_layout?;
        let px = css_x * layout.dpr;
        let r = layout.plot;
        let slack = layout.px(8.0);
        if !(px >= r.left as f64 - slack && px <= r.right as f64 + slack) {
            return None;
        }
        let w = layout.window;
        let t = (px - r.left as f64) / r.width().max(1) as f64;
        let x = w.x_min + t * (w.x_max - w.x_min);
        sweep
            .learning_rates()
            .into_iter()
            .min_by(|a, b| (a.log10() - x).abs().total_cmp(&(b.log10() - x).abs()))
    }

    /// The last sweep chart's axes, for tests and host pages: `{x_min, x_max, y_min, y_max}`
    /// (x is log10 of the learning rate; y is log10 of the loss when `log`), and the plot's
    /// edges in CSS pixels `{left, right, top, bottom}`; undefined before a chart is drawn.
    pub fn sweep_axis(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Axis {
            x_min: f64,
            x_max: f64,
            y_min: f64,
            y_max: f64,
            left: f64,
            right: f64,
            top: f64,
            bottom: f64,
        }
        let Some(l) = self.sweep_layout else {
            return Ok(JsValue::UNDEFINED);
        };
        let (w, r, d) = (l.window, l.plot, l.dpr);
        convert::to_js(&Axis {
            x_min: w.x_min,
            x_max: w.x_max,
            y_min: w.y_min,
            y_max: w.y_max,
            left: r.left as f64 / d,
            right: r.right as f64 / d,
            top: r.top as f64 / d,
            bottom: r.bottom as f64 / d,
        })
    }

    /// The swept learning rates, smallest first (empty without a sweep): the keyboard steps
    /// through them on the sweep chart.
    pub fn sweep_lrs(&self) -> Vec<f64> {
        self.core
            .settings
            .sweep
            .map(|s| s.learning_rates())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::{racers, racers_text, Racer};

    #[test]
    fn racers_read_and_write_the_core_syntax() {
        let (s, p) = descent::Settings::decode(
            "f=linreg&data=line&race=adam(lr=0.1,b1=0.8,batch=mini,bs=4)~newton",
        );
        assert!(p.is_empty(), "{p:?}");
        let list = racers(&s);
        assert_eq!(list[0].opt, "adam");
        let pairs: Vec<(&str, &str)> = list[0]
            .params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [("lr", "0.1"), ("b1", "0.8"), ("batch", "mini"), ("bs", "4")]
        );
        assert_eq!(
            list[1],
            Racer {
                opt: "newton".into(),
                params: vec![]
            }
        );
        assert_eq!(
            racers_text(&list),
            "adam(lr=0.1,b1=0.8,batch=mini,bs=4)~newton"
        );
        assert_eq!(racers_text(&list), descent::codec::value_text(&s, "race"));
        // As typed, unchecked: the codec names what is wrong when it is set.
        let typed = [Racer {
            opt: "adam".into(),
            params: vec![("lr".into(), "abc".into())],
        }];
        assert_eq!(racers_text(&typed), "adam(lr=abc)");
    }
}
