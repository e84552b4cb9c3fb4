//! A run's trajectory as text: the CSV and JSON that `descent run` prints and the page
//! downloads. One formatter for both, so the page's file equals the CLI's byte for byte.

use crate::numfmt::fmt_f64;
use crate::run::Run;

/// The trajectory as CSV: `step,x,y,loss,gx,gy,lr`, one row per point from the start.
pub fn csv(run: &Run) -> String {
    let t = run.trajectory();
    let mut out = String::with_capacity(t.len() * 80);
    out.push_str("step,x,y,loss,gx,gy,lr\n");
    for k in 0..t.len() {
        let g = run.gradient(k);
        let row = [t.x[k], t.y[k], t.loss[k], g[0], g[1], run.lr(k)];
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
        let g = run.gradient(k);
        out.push_str(&format!(
            "{{\"step\":{k},\"x\":{},\"y\":{},\"loss\":{},\"gx\":{},\"gy\":{},\"lr\":{},\"batch\":{batch}}}",
            json_num(t.x[k]),
            json_num(t.y[k]),
            json_num(t.loss[k]),
            json_num(g[0]),
            json_num(g[1]),
            json_num(run.lr(k)),
        ));
    }
    out.push_str("]}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn run(link: &str) -> Run {
        let (s, _) = Settings::decode(link);
        let mut r = Run::new(&s).unwrap();
        r.run_to_end();
        r
    }

    #[test]
    fn csv_rows_are_the_trajectory_in_shortest_form() {
        let r = run("f=linreg&lr=0.1&x0=1&y0=0&steps=2");
        let text = csv(&r);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "step,x,y,loss,gx,gy,lr");
        let t = r.trajectory();
        let want = format!(
            "1,{},{},{},{},{},0.1",
            fmt_f64(t.x[1]),
            fmt_f64(t.y[1]),
            fmt_f64(t.loss[1]),
            fmt_f64(r.gradient(1)[0]),
            fmt_f64(r.gradient(1)[1])
        );
        assert_eq!(lines[2], want);
        assert!(lines[1].starts_with("0,1,0,"), "{}", lines[1]);
        assert!(text.ends_with('\n'));
        // Every number reads back to the recorded bits.
        for (k, line) in lines[1..].iter().enumerate() {
            let v: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
            assert_eq!(v[1].to_bits(), t.x[k].to_bits());
            assert_eq!(v[4].to_bits(), r.gradient(k)[0].to_bits());
        }
    }

    #[test]
    fn json_has_the_status_batches_and_non_finite_numbers_as_strings() {
        let r = run("f=linreg&batch=mini&bs=2&steps=1&seed=4");
        let j = json(&r);
        assert!(j.starts_with("{\"settings\":\"f=linreg&seed=4&batch=mini&bs=2&steps=1\",\"status\":\"max_steps\""), "{j}");
        assert!(j.contains("\"stop_step\":1,"), "{j}");
        assert!(j.contains("\"step\":0,\"x\":"), "{j}");
        assert_eq!(j.matches("\"batch\":[").count(), 2, "{j}");
        assert!(j.ends_with("]}\n"));
        let r = run("f=quadratic&lr=5&steps=2000");
        let j = json(&r);
        assert_eq!(r.status().name(), "diverged");
        assert!(
            j.contains("\"inf\"") || j.contains("\"NaN\"") || j.contains("\"-inf\""),
            "{j}"
        );
        assert!(j.contains("\"batch\":null"));
        assert_eq!(json_str("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
