//! The runs compared with the main one (race entries, other learning rates), stepped with it,
//! and the learning-rate sweep: rebuilt only when what they depend on changes.

use super::{columns, kept_pixels, Columns, Core};
use descent::compare::SweepRun;
use descent::comparison::{lrs_text, race_text};
use descent::{Run, Settings};
use descent_figure::decimate::PathPixels;
use descent_figure::layout::Layout;
use descent_figure::loss::LossSummary;

/// A run compared with the main one.
pub struct Compared {
    /// What tells it apart: `adam(lr=0.01)`.
    pub label: String,
    /// The run.
    pub run: Run,
    /// Its decimated path pixels and loss summary, extended frame by frame like the main
    /// run's.
    pixels: PathPixels,
    summary: LossSummary,
}

/// What the compared runs depend on: the main run and the comparison keys.
pub(super) fn others_key(s: &Settings) -> String {
    format!("{}|{}|{}", run_key(s), race_text(&s.race), lrs_text(&s.lrs))
}

/// The run's settings as a key: the canonical text, with the custom points by their
/// fingerprint (the text of 100,000 points is megabytes, and this is asked on every change).
pub(crate) fn run_key(s: &Settings) -> String {
    let mut r = s.run_only();
    let pts = std::mem::take(&mut r.pts);
    format!(
        "{}&pts#{}:{:016x}",
        r.encode(),
        pts.len(),
        pts.fingerprint()
    )
}

/// What the sweep depends on.
pub(super) fn sweep_key(s: &Settings) -> String {
    match s.sweep {
        Some(w) => format!("{}|{}", run_key(s), w.text()),
        None => String::new(),
    }
}

/// The main run's legend label.
pub(super) fn label_of(s: &Settings) -> String {
    s.runs()
        .into_iter()
        .next()
        .map(|r| r.label)
        .unwrap_or_default()
}

impl Core {
    /// Restarts the compared runs and the sweep when what they depend on changed.
    pub(super) fn rebuild_comparisons(&mut self) {
        let key = others_key(&self.settings);
        if key != self.others_key {
            self.others = self
                .settings
                .runs()
                .into_iter()
                .skip(1)
                .filter_map(|spec| {
                    Run::new(&spec.settings).ok().map(|run| Compared {
                        label: spec.label,
                        run,
                        pixels: PathPixels::new(),
                        summary: LossSummary::default(),
                    })
                })
                .collect();
            self.others_key = key;
        }
        let key = sweep_key(&self.settings);
        if key != self.sweep_key {
            self.sweep = self
                .settings
                .sweep
                .map(|w| SweepRun::new(&self.settings, &w));
            self.sweep_key = key;
        }
    }

    /// Takes up to `n` more steps in every run not yet stopped; returns the most taken.
    pub fn step_all(&mut self, n: u64) -> u64 {
        let mut most = self.run.run(n);
        for o in &mut self.others {
            most = most.max(o.run.run(n));
        }
        most
    }

    /// Whether the main run and every compared run have stopped.
    pub fn all_done(&self) -> bool {
        self.run.status().is_done() && self.others.iter().all(|o| o.run.status().is_done())
    }

    /// The most points any run has recorded: the timeline's length.
    pub fn span(&self) -> usize {
        self.others
            .iter()
            .map(|o| o.run.trajectory().len())
            .fold(self.run.trajectory().len(), usize::max)
    }

    /// [`Core::path_pixels`] of every run, the main run first, then the compared runs.
    pub fn all_path_pixels(&mut self, layout: &Layout, upto: usize) -> Vec<Vec<(f64, f64)>> {
        let mut all = vec![self.path_pixels(layout, upto)];
        for o in &mut self.others {
            all.push(kept_pixels(&mut o.pixels, &o.run, layout, upto));
        }
        all
    }

    /// Extends the loss chart's summaries of every run to the points added since.
    pub fn extend_loss_summaries(&mut self) {
        self.loss_summary.extend(&self.run.trajectory().loss);
        for o in &mut self.others {
            o.summary.extend(&o.run.trajectory().loss);
        }
    }

    /// The loss chart's summary of every run, the main run first (as of the last
    /// `extend_loss_summaries`).
    pub fn loss_summaries(&self) -> Vec<&LossSummary> {
        let mut all = vec![&self.loss_summary];
        all.extend(self.others.iter().map(|o| &o.summary));
        all
    }

    /// Every run with its label, the main run first.
    pub fn all_runs(&self) -> Vec<(String, &Run)> {
        let mut v = vec![(label_of(&self.settings), &self.run)];
        v.extend(self.others.iter().map(|o| (o.label.clone(), &o.run)));
        v
    }

    /// Every run's columns as plotted, the main run first, with its label; each run's step
    /// is at point `upto` clamped to that run. The step's gradient costs a pass over a data
    /// model's samples: callers that need only the runs take `all_runs`.
    pub fn all_columns(&self, upto: usize) -> Vec<(String, Columns<'_>, &Run)> {
        self.all_runs()
            .into_iter()
            .map(|(label, run)| (label, columns(run, upto), run))
            .collect()
    }
}
