//! The CLI's `list` catalogue (the CSV and JSON trajectories are `descent::export`, shared
//! with the page).

use descent::codec::{fmt_f64, FIELDS};
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
            "  {:<10} lr={}{}\n",
            name,
            fmt_f64(Optimizer::default_lr(name)),
            params
        ));
    }
    out.push_str("\nSchedules (sched=): const, invsqrt (lr/√(t+1)), exp (gamma), step (every, gamma), cosine (tmax, lrmin)\n");
    out.push_str("\nKeys, with what each allows:\n");
    for f in FIELDS {
        out.push_str(&format!("  {:<7} {}\n", f.key, f.allowed));
    }
    out
}

/// The hyperparameters of an optimizer as ` key=value` pairs.
fn describe(o: &Optimizer) -> String {
    let pairs: Vec<(&str, f64)> = match *o {
        Optimizer::Gd | Optimizer::Newton => vec![],
        Optimizer::Momentum { mom } | Optimizer::Nesterov { mom } => vec![("mom", mom)],
        Optimizer::Adagrad { eps } => vec![("eps", eps)],
        Optimizer::Rmsprop { rho, eps } | Optimizer::Adadelta { rho, eps } => {
            vec![("rho", rho), ("eps", eps)]
        }
        Optimizer::Adam { b1, b2, eps }
        | Optimizer::Amsgrad { b1, b2, eps }
        | Optimizer::Nadam { b1, b2, eps } => {
            vec![("b1", b1), ("b2", b2), ("eps", eps)]
        }
        Optimizer::AdamW { b1, b2, eps, wd } => {
            vec![("b1", b1), ("b2", b2), ("eps", eps), ("wd", wd)]
        }
    };
    pairs
        .iter()
        .map(|(k, v)| format!(" {k}={}", fmt_f64(*v)))
        .collect()
}
