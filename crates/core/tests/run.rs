//! Runs end to end: recorded columns, stopping rules, divergence, batches and determinism.

use descent::{Function, LandscapeKind, Optimizer, Run, Settings, Status};

fn run_of(settings: &str) -> Run {
    let (s, problems) = Settings::decode(settings);
    assert!(problems.is_empty(), "{settings}: {problems:?}");
    let mut run = Run::new(&s).expect("valid settings");
    run.run_to_end();
    run
}

#[test]
fn the_worked_linear_regression_example() {
    let run = run_of("f=linreg&data=seed&x0=1&y0=0&lr=0.1&steps=1");
    let t = run.trajectory();
    assert_eq!(t.len(), 2);
    let g = run.gradient(0);
    assert!((g[0] - (-40.0 / 3.0)).abs() < 1e-12, "{}", g[0]);
    assert!((g[1] - (-6.0)).abs() < 1e-12, "{}", g[1]);
    assert!((t.loss[0] - 29.0 / 3.0).abs() < 1e-12);
    assert!(
        (t.x[1] - 7.0 / 3.0).abs() < 1e-12,
        "w after one step: {}",
        t.x[1]
    );
    assert!((t.y[1] - 0.6).abs() < 1e-12, "b after one step: {}", t.y[1]);
    assert_eq!(run.status(), &Status::MaxSteps { step: 1 });
}

#[test]
fn gd_on_the_quadratic_converges_to_the_origin() {
    let run = run_of("f=quadratic&lr=0.1&steps=1000&x0=3&y0=-2");
    let t = run.trajectory();
    // x_{k+1} = (1 − 2·0.1)·x_k exactly as written.
    assert_eq!(t.x[1], 3.0 - 0.1 * 6.0);
    let Status::Converged { step } = *run.status() else {
        panic!("{:?}", run.status())
    };
    assert_eq!(step as usize, t.len() - 1);
    let g = run.gradient(t.len() - 1);
    assert!(libm::hypot(g[0], g[1]) < 1e-8);
}

#[test]
fn divergence_is_a_status_with_the_first_bad_point_last() {
    let run = run_of("f=quadratic&lr=1.1&steps=100000&x0=1&y0=1");
    let Status::Diverged { step, what } = run.status().clone() else {
        panic!("{:?}", run.status())
    };
    let t = run.trajectory();
    assert_eq!(
        step as usize,
        t.len() - 1,
        "nothing is recorded after the bad point"
    );
    let what = what.to_string();
    assert!(
        what.contains("loss") || what.contains('x') || what.contains("gradient"),
        "{what}"
    );
    assert!(t.loss[..t.len() - 1].iter().all(|l| l.is_finite()));
    assert!(run.status().text().contains(&format!("step {step}")));
    let mut again = run.clone();
    assert!(!again.step(), "a stopped run takes no more steps");
}

#[test]
fn max_steps_and_target() {
    let run = run_of("f=rosenbrock&opt=adam&lr=0.01&steps=50");
    assert_eq!(run.status(), &Status::MaxSteps { step: 50 });
    assert_eq!(run.trajectory().len(), 51);
    let run = run_of("f=quadratic&lr=0.1&target=0.1&x0=3&y0=3");
    let Status::TargetReached { step } = *run.status() else {
        panic!("{:?}", run.status())
    };
    let t = run.trajectory();
    assert!(t.loss[step as usize] < 0.1);
    assert!(t.loss[step as usize - 1] >= 0.1);
}

#[test]
fn one_dimensional_landscapes_keep_y_at_zero() {
    let run = run_of("f=double_well1d&opt=adam&lr=0.05&y0=5");
    assert!(run.trajectory().y.iter().all(|&y| y == 0.0));
    let run = run_of("f=double_well1d&opt=newton&x0=2");
    assert!(run.trajectory().y.iter().all(|&y| y == 0.0));
}

#[test]
fn the_same_settings_give_the_same_bits() {
    for s in [
        "f=linreg&data=line&n=500&batch=mini&bs=7&opt=adam&lr=0.05",
        "f=rastrigin&gnoise=1&opt=momentum&lr=0.001",
    ] {
        let a = run_of(s);
        let b = run_of(s);
        assert_eq!(a.trajectory(), b.trajectory());
    }
    let a = run_of("f=rastrigin&gnoise=1&seed=1&lr=0.001");
    let b = run_of("f=rastrigin&gnoise=1&seed=2&lr=0.001");
    assert_ne!(a.trajectory().x, b.trajectory().x);
}

#[test]
fn batches_are_recorded_and_cover_each_epoch() {
    let run = run_of("f=linreg&data=line&n=10&batch=mini&bs=4&steps=30");
    let t = run.trajectory();
    let sizes: Vec<usize> = (0..6).map(|k| t.batch(k).unwrap().len()).collect();
    assert_eq!(sizes, [4, 4, 2, 4, 4, 2]);
    let mut epoch: Vec<u32> = (0..3).flat_map(|k| t.batch(k).unwrap().to_vec()).collect();
    epoch.sort_unstable();
    assert_eq!(epoch, (0..10).collect::<Vec<_>>());
    // The reported loss is the full-data loss; the batch loss sits beside it.
    assert_ne!(t.loss[0], run.batch_loss(0));
    let full = run_of("f=linreg&data=line&n=10&steps=3");
    assert!(full.trajectory().batch(0).is_none());
    let (fl, fb): (Vec<f64>, Vec<f64>) = (0..full.trajectory().len())
        .map(|k| (full.trajectory().loss[k], full.batch_loss(k)))
        .unzip();
    assert_eq!(fl, fb);
}

#[test]
fn sgd_uses_one_sample_per_step() {
    let run = run_of("f=logreg&batch=sgd&steps=20&lr=0.1");
    let t = run.trajectory();
    assert!((0..20).all(|k| t.batch(k).unwrap().len() == 1));
}

#[test]
fn every_optimizer_on_every_landscape_ends_in_a_valid_status() {
    let mut landscapes: Vec<String> = Function::ALL
        .iter()
        .map(|f| format!("f={}", f.name()))
        .collect();
    landscapes.extend(
        [
            "f=linreg",
            "f=logreg",
            "f=linreg2",
            "f=custom&expr=sin(x)*y%2Bx^2",
        ]
        .map(String::from),
    );
    for l in &landscapes {
        for opt in Optimizer::NAMES {
            for lr in ["1e-8", "0.01", "1", "1000"] {
                let s = format!("{l}&opt={opt}&lr={lr}&steps=300");
                let run = run_of(&s);
                assert!(run.status().is_done(), "{s}");
                let n = run.trajectory().len();
                assert_eq!(run.status().stop_step(), Some(n as u64 - 1), "{s}");
            }
        }
    }
}

#[test]
fn sensible_optimizers_find_the_minimum_of_convex_landscapes() {
    let cases = [
        ("f=quadratic&opt=gd&lr=0.1", [0.0, 0.0]),
        ("f=ellipse&opt=momentum&lr=0.01&steps=2000", [0.0, 0.0]),
        ("f=booth&opt=adam&lr=0.1&steps=3000", [1.0, 3.0]),
        ("f=rosenbrock&opt=newton&steps=100", [1.0, 1.0]),
        ("f=quadratic&opt=nesterov&lr=0.05&steps=2000", [0.0, 0.0]),
        (
            "f=quadratic&opt=adadelta&lr=1&steps=20000&x0=0.5&y0=0.5",
            [0.0, 0.0],
        ),
        ("f=booth&opt=rmsprop&lr=0.01&steps=5000", [1.0, 3.0]),
    ];
    for (s, want) in cases {
        let run = run_of(s);
        let t = run.trajectory();
        let p = t.point(t.len() - 1);
        assert!(
            (p[0] - want[0]).abs() < 1e-2 && (p[1] - want[1]).abs() < 1e-2,
            "{s}: ended at {p:?}, {:?}",
            run.status()
        );
    }
}

#[test]
fn the_start_defaults_to_the_landscape_start() {
    let run = run_of("f=rosenbrock&steps=1");
    assert_eq!(run.trajectory().point(0), Function::Rosenbrock.info().start);
    let (s, _) = Settings::decode("f=custom&expr=x^2");
    assert_eq!(s.f, LandscapeKind::Custom);
}

#[test]
fn invalid_settings_made_in_code_are_refused() {
    let s = Settings {
        lr: Some(-1.0),
        ..Settings::default()
    };
    let err = Run::new(&s).unwrap_err();
    assert_eq!(err.problems[0].key, "lr");
    let s = Settings {
        f: LandscapeKind::Custom,
        expr: "x +* y".into(),
        ..Settings::default()
    };
    assert!(Run::new(&s).unwrap_err().to_string().contains("column"));
}

#[test]
fn schedules_set_the_recorded_learning_rate() {
    let run = run_of("f=quadratic&lr=1&sched=invsqrt&steps=4&tol=0&x0=1&y0=1");
    assert_eq!(
        (0..run.trajectory().len())
            .map(|k| run.lr(k))
            .collect::<Vec<_>>(),
        vec![
            1.0,
            1.0 / 2f64.sqrt(),
            1.0 / 3f64.sqrt(),
            0.5,
            1.0 / 5f64.sqrt()
        ]
    );
}

#[test]
fn recomputed_gradients_and_rates_are_the_ones_the_steps_used() {
    // Only θ and the loss are stored; replaying every update from the recomputed gradient and
    // learning rate must land on the recorded θ bit for bit (noise, batches, schedules, Newton).
    for s in [
        "f=rosenbrock&opt=adam&lr=0.01&steps=500&tol=0",
        "f=rastrigin&opt=momentum&lr=0.001&steps=300&gnoise=0.5&seed=3",
        "f=wavy1d&opt=gd&lr=0.1&steps=200&gnoise=0.1",
        "f=linreg&data=line&opt=nadam&batch=mini&bs=8&steps=300&n=50&noise=1",
        "f=logreg&opt=rmsprop&batch=sgd&steps=300&n=40",
        "f=linreg2&opt=gd&data=scales&sched=cosine&tmax=100&steps=300",
        "f=himmelblau&opt=newton&steps=20",
    ] {
        let run = run_of(s);
        let t = run.trajectory();
        let mut state = descent::OptState::new();
        for k in 0..t.len() - 1 {
            let hess = run
                .optimizer()
                .needs_hessian()
                .then(|| run.objective().hessian(t.point(k)));
            let next =
                run.optimizer()
                    .update(&mut state, t.point(k), run.gradient(k), run.lr(k), hess);
            assert_eq!(
                next.map(f64::to_bits),
                t.point(k + 1).map(f64::to_bits),
                "{s}: step {k}"
            );
        }
    }
}

/// `run(n)` takes a compiled loop per optimizer for plain steps; one `step()` at a time goes
/// through `Optimizer::update`. Both must give the same bits, state included, however the
/// steps are cut into calls.
#[test]
fn stepping_one_at_a_time_or_in_chunks_gives_the_same_bits() {
    let landscapes = [
        "f=rosenbrock&lr=1e-3",
        "f=double_well1d&lr=0.01",
        "f=custom&expr=x^2%2B3*y^2&lr=0.01",
        "f=linreg&lr=0.05",
        "f=quadratic&lr=1.5",
        "f=quadratic&lr=0.1&sched=cosine&tmax=50",
    ];
    for opt in Optimizer::NAMES {
        for landscape in landscapes {
            let text = format!("{landscape}&opt={opt}&steps=300");
            let (s, problems) = Settings::decode(&text);
            assert!(problems.is_empty(), "{text}: {problems:?}");
            let mut whole = Run::new(&s).unwrap();
            whole.run_to_end();
            let mut single = Run::new(&s).unwrap();
            while single.step() {}
            let mut chunked = Run::new(&s).unwrap();
            while chunked.run(7) > 0 {}
            for other in [&single, &chunked] {
                assert_eq!(whole.trajectory(), other.trajectory(), "{text}");
                assert_eq!(whole.state(), other.state(), "{text}");
                assert_eq!(whole.status(), other.status(), "{text}");
                let last = whole.trajectory().len() - 1;
                assert_eq!(
                    whole.gradient(last).map(f64::to_bits),
                    other.gradient(last).map(f64::to_bits),
                    "{text}"
                );
            }
        }
    }
}

/// A restarted run is the run `Run::new` makes, whatever ran before in its memory; bad
/// settings leave it as it was.
#[test]
fn a_restarted_run_equals_a_new_one() {
    let (first, _) = Settings::decode("f=linreg&batch=sgd&opt=adam&steps=500&gnoise=0");
    let (second, _) = Settings::decode("f=rosenbrock&opt=nadam&lr=1e-3&steps=200");
    let mut run = Run::new(&first).unwrap();
    run.run_to_end();
    run.restart(&second).unwrap();
    run.run_to_end();
    let mut fresh = Run::new(&second).unwrap();
    fresh.run_to_end();
    assert_eq!(run.trajectory(), fresh.trajectory());
    assert_eq!(run.state(), fresh.state());
    assert_eq!(run.status(), fresh.status());

    let mut bad = second.clone();
    bad.lr = Some(-1.0);
    assert!(run.restart(&bad).is_err());
    assert_eq!(run.trajectory(), fresh.trajectory());
}
