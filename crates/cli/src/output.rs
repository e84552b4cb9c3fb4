//! The CLI's `list` catalogue (the CSV and JSON trajectories are `descent::export`, shared
//! with the page).

use descent::codec::FIELDS;
use descent::numfmt::fmt_f64;
use descent::{DatasetKind, Function, ModelKind, Optimizer};

/// The catalogue of choices and keys, for `descent list`.
pub fn list() -> String {
    let mut out = String::new();
    out.push_str("Landscapes (f=):\n");
    for f in Function::ALL {
        let info = f.info();
        out.push_str(&format!(
            "  {:<15} {}  [{}-D]\n",
            info.name, info.formula, info.dim
        ));
    }
    for m in ModelKind::ALL {
        out.push_str(&format!("  {:<15} {}\n", m.name(), m.description()));
    }
    out.push_str("  custom          the formula in expr=, a function of x and y\n");
    out.push_str("\nDatasets (data=):\n");
    for d in DatasetKind::ALL {
        out.push_str(&format!("  {:<15} {}\n", d.name(), d.description()));
    }
    out.push_str("\nOptimizers (opt=), with their keys and defaults:\n");
    for name in Optimizer::NAMES {
        let params = Optimizer::default_for(name)
            .map(|o| describe(&o))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:<9} lr={}{}\n",
            name,
            fmt_f64(Optimizer::default_lr(name)),
            params
        ));
    }
    out.push_str("\nSchedules (sched=): const, invsqrt (lr/√(t+1)), exp (gamma), step (every, gamma), cosine (tmax, lrmin)\n");
    out.push_str("\nKeys, with what each allows:\n");
    for f in FIELDS {
        out.push_str(&format!("  {:<7} {}\n", f.key, f.allowed_text()));
    }
    out
}

/// The hyperparameters of an optimizer as ` key=value` pairs, and the torch class it follows.
fn describe(o: &Optimizer) -> String {
    let mut text: String = o
        .hyperparameters()
        .iter()
        .filter_map(|k| Some(format!(" {k}={}", fmt_f64(o.get(k)?))))
        .collect();
    let torch = o.entry().torch;
    if !torch.is_empty() {
        text.push_str(&format!("   ({torch})"));
    }
    text
}
