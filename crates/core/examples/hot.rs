//! The benchmarked hot paths as one plain binary, for profilers (callgrind, perf):
//! `cargo build --release -p descent --example hot` then
//! `valgrind --tool=callgrind target/release/examples/hot adam 100000`.
//! The first argument is an optimizer name or `sgd`; the second a step or sample count; the
//! third how many times to repeat; a fourth is appended to the settings (`b2=0.9`) (for `/usr/bin/time`, whose user CPU time is a steadier
//! measure than wall time on a shared machine).

#[path = "../benches/common/mod.rs"]
mod common;

use descent::{Dataset, DatasetKind, Model, ModelKind, Run, Settings};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map_or("gd", |s| s.as_str());
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let reps: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let extra = args.get(4).map_or("", |s| s.as_str());
    let t0 = std::time::Instant::now();
    let mut run = None;
    for _ in 0..reps {
        once(what, n, extra, &mut run);
    }
    let per = t0.elapsed().as_secs_f64() / (reps * n) as f64;
    eprintln!(
        "{:.1} ns a step or sample, {:.1} M/s",
        per * 1e9,
        1e-6 / per
    );
}

/// One run or epoch; runs reuse the last run's memory, as the criterion bench does.
fn once(what: &str, n: u64, extra: &str, run: &mut Option<Run>) {
    if what == "sgd" {
        let model = Model::new(
            ModelKind::Linreg,
            Dataset::generate(DatasetKind::Line, n as usize, 0.5, 1),
        );
        let mut order: Vec<u32> = (0..n as u32).collect();
        descent::rng::Rng::new(1).shuffle(&mut order);
        let t0 = std::time::Instant::now();
        let theta = common::sgd_epoch(&model, &order, 1e-3);
        println!("{theta:?} epoch {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
        return;
    }
    let (settings, problems) = Settings::decode(&format!(
        "f=rosenbrock&opt={what}&lr=1e-4&steps={n}&tol=0&{extra}"
    ));
    assert!(problems.is_empty(), "{problems:?}");
    let run = match run {
        Some(run) => {
            run.restart(&settings).unwrap();
            run
        }
        None => run.insert(Run::new(&settings).unwrap()),
    };
    run.run_to_end();
    let t = run.trajectory();
    println!("{} {:?}", t.len(), t.point(t.len() - 1));
}
