//! The CLI's text forms of a run: CSV and JSON trajectories, and the `list` catalogue.

use descent::codec::{fmt_f64, FIELDS};
use descent::{DatasetKind, Function, ModelKind, Optimizer, Run};

/// The trajectory as CSV: `step,x,y,loss,gx,gy,lr`, one row per point from the start.
pub fn csv(run: &Run) -> String {
    let t = run.trajectory();
    let mut out = String::with_capacity(t.len() * 80);
    out.push_str("step,x,y,loss,gx,gy,lr\n");
    for k in 0..t.len() {
        let row = [t.x[k], t.y[k], t.loss[k], t.gx[k], t.gy[k], t.lr[k]];
        out.push_str(&k.to_string());
        for v in row {
            out.push(',');
            out.push_str(&fmt_f64(v));
        }
        out.push('\n');
    }
    out
}

/// A JSON number, or a string for values JSON cannot hold (`"inf"`, `"NaN"`).
fn json_num(v: f64) -> String {
    if v.is_finite() {
        fmt_f64(v)
    } else {
        format!("\"{}\"", fmt_f64(v))
    }
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The run as JSON: `{settings, status, stop_step, points:[{step,x,y,loss,gx,gy,lr,batch}]}`.
/// `batch` lists the sample indices of the step's batch, and is null when a step uses every
/// sample (full batch) or there is no data.
pub fn json(run: &Run) -> String {
    let t = run.trajectory();
    let mut out = String::with_capacity(t.len() * 120);
    out.push_str(&format!(
        "{{\"settings\":{},\"status\":{},\"status_text\":{},\"stop_step\":{},\"points\":[",
        json_str(&run.settings().encode()),
        json_str(run.status().name()),
        json_str(&run.status().text()),
        run.status()
            .stop_step()
            .map_or("null".to_string(), |s| s.to_string()),
    ));
    for k in 0..t.len() {
        if k > 0 {
            out.push(',');
        }
        let batch = match t.batch(k) {
            Some(b) => format!(
                "[{}]",
                b.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
            ),
            None => "null".to_string(),
        };
        out.push_str(&format!(
            "{{\"step\":{k},\"x\":{},\"y\":{},\"loss\":{},\"gx\":{},\"gy\":{},\"lr\":{},\"batch\":{batch}}}",
            json_num(t.x[k]),
            json_num(t.y[k]),
            json_num(t.loss[k]),
            json_num(t.gx[k]),
            json_num(t.gy[k]),
            json_num(t.lr[k]),
        ));
    }
    out.push_str("]}\n");
    out
}

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
