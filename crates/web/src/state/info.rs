//! The landscape's info for the controls and the legend, and the run keys that apply.

use super::Core;
use descent::{LandscapeKind, Settings};
use descent_figure::colormap::prefers_log;
use serde::Serialize;

/// The landscape's info for controls and the legend.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Info {
    /// Settings name.
    pub name: String,
    /// Human name.
    pub display: String,
    /// The formula or model description.
    pub formula: String,
    /// 1 or 2.
    pub dim: u8,
    /// [x_min, x_max, y_min, y_max].
    pub window: [f64; 4],
    /// Known minima.
    pub minima: Vec<[f64; 2]>,
    /// Whether the landscape is a model fitted to data.
    pub is_model: bool,
    /// Whether a log colour scale is the better default.
    pub log_color: bool,
    /// The axis names.
    pub axis_names: [String; 2],
    /// The keys of the chosen optimizer's hyperparameters.
    pub optimizer_params: Vec<String>,
    /// The keys of the chosen schedule's parameters.
    pub schedule_params: Vec<String>,
    /// The keys that shape the dataset of a data model (none for the fixed `seed` data, and
    /// for landscapes without data).
    pub data_params: Vec<String>,
    /// The run and view keys whose controls apply to these settings, in table order (the
    /// codec's `Field::applies`, e.g. `cloud` only where the gradient is noisy); the page
    /// hides the others.
    pub applies: Vec<&'static str>,
}

/// The axis names for a landscape.
pub(super) fn axis_names(s: &Settings) -> (&'static str, &'static str) {
    match s.f {
        LandscapeKind::Model(descent::ModelKind::Linreg2) => ("w₁", "w₂"),
        LandscapeKind::Model(_) => ("w", "b"),
        _ => ("x", "y"),
    }
}

impl Core {
    /// The landscape's info.
    pub fn info(&self) -> Info {
        let s = &self.settings;
        let o = self.run.objective();
        let w = o.window();
        let (name, display, formula, log_color) = match (s.f, o) {
            (LandscapeKind::Function(f), _) => {
                let i = f.info();
                (
                    i.name.to_string(),
                    i.display.to_string(),
                    i.formula.to_string(),
                    i.log_color,
                )
            }
            (LandscapeKind::Model(m), o) => (
                m.name().to_string(),
                m.name().to_string(),
                m.description().to_string(),
                // What `color=auto` means, from the one rule the figures use.
                descent_figure::scene::log_color(
                    &Settings {
                        color: descent::ColorScale::Auto,
                        ..s.clone()
                    },
                    o,
                ),
            ),
            (LandscapeKind::Custom, o) => {
                let g = o.loss_grid(w, 48, 48);
                (
                    "custom".into(),
                    "Custom formula".into(),
                    s.expr.clone(),
                    o.dim() == 2 && prefers_log(&g),
                )
            }
        };
        let names = axis_names(s);
        Info {
            name,
            display,
            formula,
            dim: o.dim(),
            window: [w.x_min, w.x_max, w.y_min, w.y_max],
            minima: o.minima(),
            is_model: s.f.is_model(),
            log_color,
            axis_names: [names.0.into(), names.1.into()],
            optimizer_params: self
                .run
                .optimizer()
                .hyperparameters()
                .iter()
                .map(|k| k.to_string())
                .collect(),
            schedule_params: s
                .schedule()
                .parameters()
                .iter()
                .map(|k| k.to_string())
                .collect(),
            data_params: s
                .dataset()
                .map(|d| d.parameters().iter().map(|k| k.to_string()).collect())
                .unwrap_or_default(),
            applies: descent::codec::FIELDS
                .iter()
                .filter(|f| f.place.kind != descent::codec::FieldKind::Comparison && f.applies(s))
                .map(|f| f.key)
                .collect(),
        }
    }
}
