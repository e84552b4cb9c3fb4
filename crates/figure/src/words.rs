//! The words drawn on canvases (axis titles, the legend's notes on how a run is doing, the
//! off-view note), in English unless the page sends its language's.

use std::collections::BTreeMap;

use descent::compare::diverging_from;
use descent::{Run, Status};

/// The words drawn on canvases, by key: English by default; the page replaces them with
/// its language's (`set_words`).
#[derive(Clone, Debug)]
pub struct CanvasWords(BTreeMap<String, String>);

impl Default for CanvasWords {
    fn default() -> Self {
        let pairs = [
            ("axis_step", "step"),
            ("axis_loss", "loss"),
            ("axis_loss_log", "loss (log)"),
            ("axis_lr", "learning rate"),
            ("axis_final_loss", "final loss"),
            ("axis_steps_to", "steps to reach the target"),
            ("note_converged", "converged at {step}"),
            ("note_target", "reached the target at {step}"),
            ("note_diverged", "diverged at {step}"),
            ("note_diverging", "diverging"),
            ("off_view", "off view"),
            ("axes_unequal", "axes not to the same scale"),
            ("note_diverging_from", "diverging from {step}"),
            ("sweep_current", "lr = {lr}"),
        ];
        CanvasWords(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
}

impl CanvasWords {
    /// Replaces the words of the keys given; other keys keep theirs.
    pub fn extend(&mut self, words: impl IntoIterator<Item = (String, String)>) {
        self.0.extend(words);
    }

    /// The word for a key (the key itself when missing).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The legend note for a run seen at point `upto`: how it ended, once the timeline has
    /// reached that end; empty before, except "diverging" for a run that diverges.
    pub fn note(&self, status: &Status, upto: usize) -> String {
        // A run known to diverge says so before its end too.
        if let Status::Diverged { step, .. } = status {
            if (upto as u64) < *step {
                return self.get("note_diverging").to_string();
            }
        }
        let (key, step) = match status {
            Status::Converged { step } => ("note_converged", *step),
            Status::TargetReached { step } => ("note_target", *step),
            Status::Diverged { step, .. } => ("note_diverged", *step),
            _ => return String::new(),
        };
        if (upto as u64) < step {
            return String::new();
        }
        self.get(key).replace("{step}", &step.to_string())
    }

    /// [`CanvasWords::note`] of a run, saying "diverging from k" for a run whose loss has run away
    /// (past `DIVERGING_FACTOR` × its start) without overflowing yet.
    pub fn run_note(&self, run: &Run, upto: usize) -> String {
        let note = self.note(run.status(), upto);
        // Before its end, a run that overflows later says "diverging", and "diverging from k"
        // once its loss has run away; at its end, how it ended.
        let ended = run.status().stop_step().is_some_and(|s| upto as u64 >= s);
        let diverges = matches!(run.status(), Status::Diverged { .. });
        if !note.is_empty() && (ended || !diverges) {
            return note;
        }
        match diverging_from(run) {
            Some(k) if k <= upto as u64 => self
                .get("note_diverging_from")
                .replace("{step}", &k.to_string()),
            _ => note,
        }
    }
}
