//! Numeric stress: every optimizer on every landscape at extreme learning rates and from
//! starts far outside the window. Each run must stop with a valid status within its step limit,
//! and only a diverged run may end on a point that is not finite.

#[path = "support/matrix.rs"]
mod matrix;

use descent::codec::encode;
use descent::numfmt::fmt_f64;
use descent::{LandscapeKind, Run, Settings, Status};
use matrix::{landscape, runs_of, STEPS};

/// Checks a finished run; the message names the settings so a failure can be replayed.
fn check(run: &Run, link: &str) {
    let status = run.status();
    let t = run.trajectory();
    let stop = status
        .stop_step()
        .unwrap_or_else(|| panic!("{link}: still running after run_to_end"));
    assert!(stop <= u64::from(STEPS), "{link}: stopped at {stop}");
    assert_eq!(t.len() as u64, stop + 1, "{link}: trajectory length");
    assert!(
        [t.y.len(), t.loss.len()].iter().all(|&n| n == t.len()),
        "{link}: ragged columns"
    );
    let finite = |k: usize| {
        t.x[k].is_finite()
            && t.y[k].is_finite()
            && t.loss[k].is_finite()
            && run.gradient(k).iter().all(|g| g.is_finite())
    };
    // Every point before the last is finite: divergence stops at the first bad one.
    for k in 0..t.len() - 1 {
        assert!(finite(k), "{link}: point {k} of {} is not finite", t.len());
    }
    let last = t.len() - 1;
    match status {
        Status::Diverged { step, what } => {
            assert_eq!(*step as usize, last, "{link}");
            assert!(!finite(last), "{link}: diverged ({what}) on a finite point");
        }
        Status::Converged { .. } | Status::TargetReached { .. } | Status::MaxSteps { .. } => {
            assert!(
                finite(last),
                "{link}: {} on a non-finite point",
                status.name()
            );
        }
        Status::Running => unreachable!(),
    }
    // A decaying schedule may underflow to 0, never below.
    assert!(
        (0..t.len()).all(|k| run.lr(k).is_finite() && run.lr(k) >= 0.0),
        "{link}: bad lr"
    );
    let text = status.text();
    assert!(text.ends_with('.') && !text.is_empty(), "{link}: {text}");
}

#[test]
fn every_optimizer_landscape_lr_and_start_ends_in_a_valid_status() {
    let mut runs = 0;
    let mut diverged = 0;
    for f in LandscapeKind::all() {
        for s in runs_of(&landscape(f)) {
            let link = encode(&s);
            let (decoded, problems) = Settings::decode(&link);
            assert!(problems.is_empty(), "{link}: {problems:?}");
            assert_eq!(decoded, s, "{link}");
            let mut run = Run::new(&s).unwrap_or_else(|e| panic!("{link}: {e}"));
            run.run_to_end();
            check(&run, &link);
            runs += 1;
            diverged += usize::from(run.status().name() == "diverged");
        }
    }
    assert_eq!(runs, matrix::size());
    // Some of these must blow up, and most must not: the matrix really is extreme.
    assert!(
        diverged > 0 && diverged < runs,
        "{diverged} of {runs} diverged"
    );
    println!(
        "{runs} runs, {diverged} diverged ({})",
        fmt_f64(diverged as f64 / runs as f64)
    );
}

#[test]
fn schedules_and_batches_survive_extremes_too() {
    // The schedules and batch modes at the largest lr from the farthest start.
    let cases = [
        "f=rosenbrock&opt=adam&lr=1000&sched=cosine&tmax=7&lrmin=1000&x0=-1e150&y0=1e150",
        "f=himmelblau&opt=momentum&lr=1000&sched=step&every=1&gamma=1e-300&x0=1e6&y0=-1e6",
        "f=linreg&batch=sgd&opt=nesterov&lr=1000&x0=1e150&y0=1e150&gnoise=1e300",
        "f=logreg&batch=mini&bs=1&opt=nadam&lr=1000&x0=1e300&y0=1e-300",
        "f=linreg2&data=scales&opt=newton&lr=1000&x0=-1e6&y0=1e6",
        "f=saddle&opt=gd&lr=1e-8&gnoise=1e300&x0=1e-300",
        "f=custom&expr=exp(x*y)%2Fsqrt(abs(x))&opt=adagrad&lr=1000&x0=0&y0=0",
        "f=custom&expr=ln(x)%5Ey&opt=rmsprop&lr=10&x0=-1&y0=0.5",
    ];
    for link in cases {
        let (s, problems) = Settings::decode(&format!("{link}&steps={STEPS}"));
        assert!(
            !descent::codec::has_errors(&problems),
            "{link}: {problems:?}"
        );
        let mut run = Run::new(&s).unwrap_or_else(|e| panic!("{link}: {e}"));
        run.run_to_end();
        check(&run, link);
    }
}
