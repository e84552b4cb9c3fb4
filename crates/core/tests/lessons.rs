//! The lessons gallery's presets (web/lessons.json): every link decodes without a problem, is
//! already canonical, and does what its caption says (the numbers quoted are checked here).

use descent::{Run, Settings, Status};
use serde_json::Value;

const LESSONS: &str = include_str!("../../../web/lessons.json");

fn lessons() -> (Value, Vec<Value>) {
    let doc: Value = serde_json::from_str(LESSONS).expect("web/lessons.json is JSON");
    let list = doc["lessons"].as_array().expect("a lessons array").clone();
    (doc, list)
}

fn settings_of(lesson: &Value) -> &str {
    lesson["settings"].as_str().expect("settings is a string")
}

fn finished(settings: &str) -> Run {
    let (s, problems) = Settings::decode(settings);
    assert!(problems.is_empty(), "{settings}: {problems:?}");
    let mut run = Run::new(&s).expect("a run");
    run.run_to_end();
    run
}

fn last(run: &Run) -> (f64, f64, f64) {
    let t = run.trajectory();
    let k = t.len() - 1;
    (t.x[k], t.y[k], t.loss[k])
}

fn by_id<'a>(list: &'a [Value], id: &str) -> &'a str {
    let lesson = list
        .iter()
        .find(|l| l["id"] == id)
        .unwrap_or_else(|| panic!("no lesson {id}"));
    settings_of(lesson)
}

#[test]
fn every_preset_decodes_without_problems_in_canonical_form() {
    let (doc, list) = lessons();
    assert!(list.len() >= 12, "only {} presets", list.len());
    let mut ids = Vec::new();
    for lesson in &list {
        let s = settings_of(lesson);
        let (settings, problems) = Settings::decode(s);
        assert!(problems.is_empty(), "{s}: {problems:?}");
        assert_eq!(settings.encode(), s, "preset is not canonical");
        // The gallery adds the language it is shown in.
        for lang in ["en", "zh"] {
            let (_, problems) = Settings::decode(&format!("{s}&lang={lang}"));
            assert!(problems.is_empty(), "{s}&lang={lang}: {problems:?}");
        }
        for field in ["title", "caption"] {
            for lang in ["en", "zh"] {
                let text = lesson[field][lang].as_str().unwrap_or("");
                assert!(!text.trim().is_empty(), "{s}: no {field} in {lang}");
            }
        }
        for src in lesson["sources"].as_array().expect("sources") {
            let key = src.as_str().expect("a source key");
            assert!(
                doc["sources"][key]["zh"].is_string(),
                "unknown source {key}"
            );
        }
        let topic = lesson["topic"].as_str().expect("a topic");
        for lang in ["en", "zh"] {
            assert!(
                doc["topics"][topic][lang].is_string(),
                "topic {topic} in {lang}"
            );
        }
        let id = lesson["id"].as_str().expect("an id").to_string();
        assert!(!ids.contains(&id), "id {id} twice");
        ids.push(id);
    }
}

#[test]
fn every_preset_runs_every_run_to_its_expected_status() {
    let (_, list) = lessons();
    for lesson in &list {
        let s = settings_of(lesson);
        let (settings, _) = Settings::decode(s);
        for spec in settings.runs() {
            let mut run = Run::new(&spec.settings).unwrap_or_else(|e| panic!("{s}: {e:?}"));
            run.run_to_end();
        }
        if let Some(expect) = lesson["expect"].as_str() {
            let run = finished(s);
            assert_eq!(run.status().name(), expect, "{s}: {}", run.status());
        }
    }
}

#[test]
fn the_worked_example_has_the_course_numbers() {
    let (_, list) = lessons();
    let run = finished(by_id(&list, "worked-example"));
    let t = run.trajectory();
    // (w, b) = (1, 0) on (1,3), (2,5), (3,7): MSE 29/3, gradient (−40/3, −6).
    assert_eq!((t.x[0], t.y[0]), (1.0, 0.0));
    assert!((t.loss[0] - 29.0 / 3.0).abs() < 1e-12);
    let g = run.gradient(0);
    assert!((g[0] + 40.0 / 3.0).abs() < 1e-12 && (g[1] + 6.0).abs() < 1e-12);
    // lr = 0.1: w = 1 − 0.1·(−13.333) = 2.333, b = 0 − 0.1·(−6) = 0.6.
    assert!((t.x[1] - 7.0 / 3.0).abs() < 1e-12 && (t.y[1] - 0.6).abs() < 1e-12);
    let (w, b, _) = last(&run);
    assert!(
        (w - 2.0).abs() < 1e-6 && (b - 1.0).abs() < 1e-6,
        "({w}, {b})"
    );
}

#[test]
fn the_learning_rate_presets_show_slow_right_overshooting_and_diverging() {
    let (_, list) = lessons();
    let small = finished(by_id(&list, "lr-small"));
    let (x, _, _) = last(&small);
    assert!((x - 0.044).abs() < 5e-4, "lr=0.01 ends at {x}");
    assert!(matches!(small.status(), Status::MaxSteps { step: 200 }));
    let right = finished(by_id(&list, "lr-right"));
    assert_eq!(right.status().stop_step(), Some(90));
    let large = finished(by_id(&list, "lr-large"));
    // Overshoots: the first step lands on the other side of the minimum.
    assert!(large.trajectory().x[0] > 0.0 && large.trajectory().x[1] < 0.0);
    let diverge = finished(by_id(&list, "lr-diverge"));
    assert!(matches!(diverge.status(), Status::Diverged { .. }));
    let adaptive = finished(by_id(&list, "adaptive"));
    assert_eq!(adaptive.status().stop_step(), Some(20));
}

#[test]
fn the_minima_presets_end_where_their_captions_say() {
    let (_, list) = lessons();
    let (x, _, loss) = last(&finished(by_id(&list, "local-1d")));
    assert!(
        (x - 1.347).abs() < 1e-3 && (loss + 2.62).abs() < 5e-3,
        "{x} {loss}"
    );
    let (x, _, loss) = last(&finished(by_id(&list, "global-1d")));
    assert!(
        (x + 1.473).abs() < 1e-3 && (loss + 5.44).abs() < 5e-3,
        "{x} {loss}"
    );
    let (x, y, _) = last(&finished(by_id(&list, "himmelblau-a")));
    assert!((x - 3.0).abs() < 1e-6 && (y - 2.0).abs() < 1e-6);
    let (x, y, _) = last(&finished(by_id(&list, "himmelblau-b")));
    assert!(
        (x + 3.78).abs() < 5e-3 && (y + 3.28).abs() < 5e-3,
        "{x} {y}"
    );
}

#[test]
fn scaling_target_newton_and_momentum_presets_hold_their_numbers() {
    let (_, list) = lessons();
    let standard = finished(by_id(&list, "scaling-standard"));
    assert_eq!(standard.status().stop_step(), Some(9));
    let none = finished(by_id(&list, "scaling-none"));
    assert!(matches!(none.status(), Status::Converged { step: 106889 }));
    // One model: both end at the same fit ŷ = 3.30x₁ + 0.048x₂ − 0.119 in original units.
    let fit = |run: &Run| {
        let (x, y, _) = last(run);
        descent::compare::in_original_units(run.settings(), [x, y]).unwrap()
    };
    let (a, b) = (fit(&none), fit(&standard));
    for (i, want) in [3.30, 0.048, -0.119].into_iter().enumerate() {
        assert!((a[i] - b[i]).abs() < 1e-6, "{a:?} vs {b:?}");
        assert!((a[i] - want).abs() < 0.005, "{a:?}");
    }
    // What the captions quote: 1.2e-3 diverges, and the steps to the loss 0.319 at each
    // case's own rate (the scaling table's numbers).
    let steps_to = |link: &str| {
        let (s, p) = Settings::decode(link);
        assert!(p.is_empty(), "{p:?}");
        descent::compare::outcome(&s).unwrap().reached
    };
    let (s, _) = Settings::decode("f=linreg2&lr=1.2e-3&steps=20000");
    assert_eq!(
        descent::compare::outcome(&s).unwrap().status.name(),
        "diverged"
    );
    assert_eq!(
        steps_to("f=linreg2&lr=1e-3&steps=200000&target=0.319"),
        Some(10560)
    );
    assert_eq!(
        steps_to("f=linreg2&lr=5.6e-4&steps=50000&target=0.319"),
        Some(18858)
    );
    assert_eq!(
        steps_to("f=linreg2&scale=standard&lr=0.45&steps=200000&target=0.319"),
        Some(2)
    );
    assert_eq!(
        steps_to("f=linreg2&scale=standard&lr=0.5&steps=50000&target=0.319"),
        Some(2)
    );
    let target = finished(by_id(&list, "target"));
    assert!(matches!(
        target.status(),
        Status::TargetReached { step: 21 }
    ));
    assert!(last(&target).2 < 0.1);

    let (newton, _) = Settings::decode(by_id(&list, "newton"));
    let runs = newton.runs();
    let mut first = Run::new(&runs[0].settings).unwrap();
    first.run_to_end();
    assert_eq!(first.status().stop_step(), Some(7));
    let mut gd = Run::new(&runs[1].settings).unwrap();
    gd.run_to_end();
    assert!(matches!(gd.status(), Status::MaxSteps { step: 200 }));

    let (momentum, _) = Settings::decode(by_id(&list, "momentum"));
    let runs = momentum.runs();
    let mut heavy = Run::new(&runs[0].settings).unwrap();
    heavy.run_to_end();
    let (x, y, _) = last(&heavy);
    assert!(
        (x - 1.0).abs() < 0.02 && (y - 1.0).abs() < 0.03,
        "momentum ends at ({x}, {y})"
    );
    let mut plain = Run::new(&runs[1].settings).unwrap();
    plain.run_to_end();
    let (x, _, _) = last(&plain);
    assert!(x < 0.0, "gd ends at x = {x}");
}

#[test]
fn every_shown_step_is_one_its_run_reaches_before_the_end() {
    let (_, list) = lessons();
    for lesson in &list {
        let s = settings_of(lesson);
        let (settings, _) = Settings::decode(s);
        let Some(at) = settings.at else { continue };
        let run = finished(s);
        let last = run.trajectory().len() as u64 - 1;
        // A lesson that teaches its end omits at= (the end is what an omitted at= shows).
        assert!(at < last, "{s}: at={at}, but the run ends at step {last}");
    }
    // The worked example and the lessons with the maths panel open on their first step.
    for id in ["worked-example", "gradient", "adagrad"] {
        let (settings, _) = Settings::decode(by_id(&list, id));
        assert_eq!(settings.at, Some(0), "{id}");
        assert!(settings.maths, "{id}");
    }
}

/// Every run of a lesson's comparison, run to its end, in `Settings::runs` order.
fn all_runs(settings: &str) -> Vec<Run> {
    let (s, problems) = Settings::decode(settings);
    assert!(problems.is_empty(), "{settings}: {problems:?}");
    s.runs()
        .iter()
        .map(|spec| {
            let mut run = Run::new(&spec.settings).expect("a run");
            run.run_to_end();
            run
        })
        .collect()
}

/// The length of a run's path in the plane, and the distance from its start to its end.
fn path_and_displacement(run: &Run) -> (f64, f64) {
    let t = run.trajectory();
    let n = t.len();
    let len: f64 = (1..n)
        .map(|i| libm::hypot(t.x[i] - t.x[i - 1], t.y[i] - t.y[i - 1]))
        .sum();
    (len, libm::hypot(t.x[n - 1] - t.x[0], t.y[n - 1] - t.y[0]))
}

/// The standard deviation of the loss over the second half of a run.
fn late_wobble(run: &Run) -> f64 {
    let loss = &run.trajectory().loss;
    let half = &loss[loss.len() / 2..];
    let mean = half.iter().sum::<f64>() / half.len() as f64;
    libm::sqrt(half.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / half.len() as f64)
}

#[test]
fn lr_compare_shows_too_small_right_too_large_and_diverging() {
    let (_, list) = lessons();
    let runs = all_runs(by_id(&list, "lr-compare"));
    let lrs: Vec<f64> = runs.iter().map(|r| r.settings().base_lr()).collect();
    assert_eq!(lrs, [0.1, 0.01, 0.9, 1.5]);
    let (right, small, large, diverging) = (&runs[0], &runs[1], &runs[2], &runs[3]);
    // Too small: 200 steps and still on the start's side, far from the minimum.
    assert!(matches!(small.status(), Status::MaxSteps { .. }));
    assert!(small.trajectory().x.iter().all(|&x| x > 0.04));
    // Right: converges without crossing the minimum.
    assert_eq!(right.status().name(), "converged");
    assert!(right.trajectory().x.iter().all(|&x| x >= 0.0));
    // Too large: every step jumps to the other side, yet it still gets there.
    let x = &large.trajectory().x;
    assert!(x.windows(2).take(10).all(|w| w[0] * w[1] < 0.0), "{x:?}");
    assert_eq!(large.status().name(), "converged");
    // Diverging: within 200 steps the loss is not yet infinite, but it has left its start
    // behind (the page marks it from the step it first passed DIVERGING_FACTOR × the start).
    let loss = &diverging.trajectory().loss;
    assert!(loss.windows(2).all(|w| w[1] > w[0]));
    assert_eq!(descent::compare::diverging_from(diverging), Some(2));
    for r in [right, small, large] {
        assert_eq!(descent::compare::diverging_from(r), None);
    }
    // lr 0.9 and 0.1 have the same loss at every step on x² (|1 − 2·0.9| = |1 − 2·0.1|):
    // the page must tell the two curves apart by more than colour.
    let (a, b) = (&right.trajectory().loss, &large.trajectory().loss);
    assert!(a
        .iter()
        .zip(b)
        .all(|(p, q)| (p - q).abs() <= 1e-12 * p.abs().max(1e-300)));
}

#[test]
fn lr_sweep_has_a_valley_of_good_rates_between_slow_and_diverging() {
    use descent::compare::{at_learning_rate, outcome};
    let (_, list) = lessons();
    let (s, problems) = Settings::decode(by_id(&list, "lr-sweep"));
    assert!(problems.is_empty());
    let sweep = s.sweep.expect("a sweep");
    let outcomes: Vec<_> = sweep
        .learning_rates()
        .iter()
        .map(|&lr| outcome(&at_learning_rate(&s, lr)).unwrap())
        .collect();
    assert_eq!(outcomes.len(), 50);
    let start = outcome(&at_learning_rate(&s, 1e-12)).unwrap().final_loss;
    // The smallest rate is still far from the minimum; some rate in the middle reaches it;
    // the largest diverge.
    assert!(outcomes[0].final_loss > 0.3 * start, "{:?}", outcomes[0]);
    let best = outcomes
        .iter()
        .filter(|o| o.final_loss.is_finite())
        .min_by(|a, b| a.final_loss.total_cmp(&b.final_loss))
        .unwrap();
    assert!(
        best.final_loss < 1e-9 && best.lr > 0.05 && best.lr < 1.0,
        "{best:?}"
    );
    let top = outcomes.last().unwrap();
    assert!(
        descent::compare::is_diverging(top.final_loss, start),
        "{top:?}"
    );
    // A U: falling until the runs converge, then (past the converging rates) rising into
    // divergence.
    let i = outcomes.iter().position(|o| o.final_loss < 1e-6).unwrap();
    assert!(outcomes[..=i]
        .windows(2)
        .all(|w| w[1].final_loss < w[0].final_loss));
    let j = outcomes.iter().rposition(|o| o.final_loss < 1e-6).unwrap();
    assert!(outcomes[j..]
        .windows(2)
        .all(|w| w[1].final_loss > w[0].final_loss));
}

#[test]
fn batch_race_shows_smooth_full_batch_noisy_sgd_and_mini_batch_between() {
    let (_, list) = lessons();
    let runs = all_runs(by_id(&list, "batch-race"));
    let modes: Vec<&str> = runs.iter().map(|r| r.settings().batch.name()).collect();
    assert_eq!(modes, ["full", "sgd", "mini"]);
    assert_eq!(runs[2].settings().batch_size(), 5);
    assert_eq!(runs[0].settings().sample_count(), 20);
    let (full, sgd, mini) = (&runs[0], &runs[1], &runs[2]);
    let t = full.trajectory();
    assert!(runs.iter().all(|r| {
        let u = r.trajectory();
        (u.x[0], u.y[0], u.loss[0]) == (t.x[0], t.y[0], t.loss[0])
    }));
    // Full batch walks smoothly: its path is hardly longer than its displacement.
    let (len, disp) = path_and_displacement(full);
    assert!(len < 1.2 * disp, "{len} {disp}");
    // SGD zigzags: its path is many times its displacement.
    let (len_sgd, disp_sgd) = path_and_displacement(sgd);
    assert!(len_sgd > 10.0 * disp_sgd, "{len_sgd} {disp_sgd}");
    let (len_mini, _) = path_and_displacement(mini);
    assert!(len < len_mini && len_mini < len_sgd);
    // Full batch walks to the minimum (its gradient almost gone); all three end near it.
    let g = full.gradient(t.len() - 1);
    assert!(libm::hypot(g[0], g[1]) < 1e-3, "{g:?}");
    let floor = *t.loss.last().unwrap();
    assert!(floor < t.loss[0] / 3.0);
    for r in &runs {
        assert!(*r.trajectory().loss.last().unwrap() < 1.2 * floor);
    }
    // The loss keeps jumping for SGD; mini-batch wobbles about ten times less.
    let (w_full, w_sgd, w_mini) = (late_wobble(full), late_wobble(sgd), late_wobble(mini));
    let ratio = w_sgd / w_mini;
    assert!(
        w_full < w_mini && (7.0..15.0).contains(&ratio),
        "{w_full} {w_sgd} {w_mini}"
    );
}

#[test]
fn adaptive_race_gd_zigzags_in_y_and_crawls_along_x() {
    let (_, list) = lessons();
    let runs = all_runs(by_id(&list, "adaptive-race"));
    let labels: Vec<&str> = runs.iter().map(|r| r.settings().opt.name()).collect();
    assert_eq!(labels, ["adagrad", "rmsprop", "adam", "gd"]);
    let gd = runs[3].trajectory();
    // Zigzag across y: the sign of y flips at each of the first ten steps.
    assert!(
        gd.y.windows(2).take(10).all(|w| w[0] * w[1] < 0.0),
        "{:?}",
        &gd.y[..12]
    );
    // Crawl along x: after 20 steps still at x ≈ −0.42, where AdaGrad is at −0.03.
    let ada = runs[0].trajectory();
    assert!((gd.x[20] + 0.42).abs() < 0.01, "{}", gd.x[20]);
    assert!((ada.x[20] + 0.03).abs() < 0.01, "{}", ada.x[20]);
    // The adaptive ones do not zigzag: y changes sign at most twice in 20 steps.
    let flips = |y: &[f64]| y.windows(2).take(20).filter(|w| w[0] * w[1] < 0.0).count();
    assert_eq!(flips(&gd.y), 20);
    for r in &runs[..3] {
        let y = &r.trajectory().y;
        assert!(flips(y) <= 2, "{}: {:?}", r.settings().opt, &y[..21]);
    }
}

#[test]
fn newton_and_momentum_captions_hold_for_both_runs() {
    let (_, list) = lessons();
    let newton = all_runs(by_id(&list, "newton"));
    assert_eq!(newton[0].status().stop_step(), Some(7));
    let (x, y, _) = last(&newton[0]);
    assert!((x - 1.0).abs() < 1e-6 && (y - 1.0).abs() < 1e-6);
    // Gradient descent "still on its way after 200": not converged and not at (1, 1).
    assert!(matches!(newton[1].status(), Status::MaxSteps { step: 200 }));
    let (x, y, _) = last(&newton[1]);
    assert!(libm::hypot(x - 1.0, y - 1.0) > 0.1, "gd ends at ({x}, {y})");
    let momentum = all_runs(by_id(&list, "momentum"));
    assert_eq!(momentum[0].settings().optimizer().get("mom"), Some(0.9));
    assert_eq!(momentum[0].trajectory().len(), 1001);
    let (x, y, _) = last(&momentum[1]);
    assert!(libm::hypot(x - 1.0, y - 1.0) > 1.0, "gd ends at ({x}, {y})");
}

#[test]
fn plateau_steps_stay_tiny_for_hundreds_of_iterations_then_converge() {
    let (_, list) = lessons();
    let run = finished(by_id(&list, "plateau"));
    let t = run.trajectory();
    let norm = |k: usize| {
        let g = run.gradient(k);
        libm::hypot(g[0], g[1])
    };
    assert!(norm(0) < 1e-3, "{}", norm(0));
    // For over 500 iterations the loss hardly moves: still above 0.9 of its plateau value 1.
    assert!(t.loss[..=500].iter().all(|&l| l > 0.9));
    let leaves = t.loss.iter().position(|&l| l < 0.9).unwrap();
    assert!((500..589).contains(&leaves), "{leaves}");
    assert_eq!(run.status().stop_step(), Some(589));
    assert_eq!(run.status().name(), "converged");
}

#[test]
fn the_stability_lesson_sits_either_side_of_2_over_lambda() {
    let (_, list) = lessons();
    let s = by_id(&list, "lr-stability");
    let (settings, _) = Settings::decode(s);
    let runs = settings.runs();
    assert_eq!(
        runs.len(),
        2,
        "{s}: the main run and one other learning rate"
    );
    let under = Run::new(&runs[0].settings).unwrap();
    let at = settings.at.expect("the lesson opens at a step") as usize;
    // The band the page shades: gd on the ellipse, λ₁ = 50, so lr < 0.04.
    let o = under.objective();
    let lambda1 = o.curvature(o.start()).lambda1();
    let bound = under
        .optimizer()
        .band(lambda1)
        .bound()
        .expect("gd has a bound");
    assert_eq!((lambda1, bound), (50.0, 0.04));
    let (lo, hi) = (runs[0].settings.lr.unwrap(), runs[1].settings.lr.unwrap());
    assert!(
        lo < bound && bound < hi && hi - lo <= 0.1 * bound,
        "{lo} {hi}"
    );
    // At the step it opens on, the one under has shrunk its zigzag across y, the one over
    // has grown it; by the end one has settled and the other's loss has exploded.
    let under = finished(&runs[0].settings.encode());
    let over = finished(&runs[1].settings.encode());
    let y0 = under.trajectory().y[0].abs();
    assert!(under.trajectory().y[at].abs() < 0.5 * y0);
    assert!(over.trajectory().y[at].abs() > 1.5 * y0);
    assert!(
        over.trajectory().y[at] * over.trajectory().y[at - 1] < 0.0,
        "zigzag"
    );
    assert!(last(&under).2 < 1e-6 && last(&over).2 > 1e6);
}

/// The gradient-cloud lesson's numbers: at step 60 of SGD the mean of the epoch's 20
/// one-sample gradients is the full gradient (0.93 long), the trace 1.40, and this step's
/// sample points against the full gradient (cos −0.99); at step 0 the mean is 3.01, cos 0.99.
#[test]
fn batch_cloud_shows_the_spread_and_an_uphill_step() {
    let (_, list) = lessons();
    let s = by_id(&list, "batch-cloud");
    let run = finished(s);
    let (settings, _) = Settings::decode(s);
    assert!(settings.cloud);
    let at = settings.at.expect("the lesson opens at a step") as usize;
    assert_eq!(at, 60);
    let c = descent::cloud::Cloud::at(&run, at).expect("a cloud");
    assert_eq!(c.count, 20);
    let round = |x: f64, d: i32| (x * 10f64.powi(d)).round() / 10f64.powi(d);
    assert!((c.mean[0] - c.full[0]).abs() < 1e-12 && (c.mean[1] - c.full[1]).abs() < 1e-12);
    assert_eq!(round(c.mean_norm, 2), 0.93);
    assert_eq!(round(c.trace, 2), 1.40);
    assert_eq!(round(c.trace.sqrt(), 2), 1.18);
    assert!(c.trace.sqrt() > c.mean_norm);
    assert_eq!(round(c.cosine.unwrap(), 2), -0.99);
    let c0 = descent::cloud::Cloud::at(&run, 0).unwrap();
    assert_eq!(round(c0.mean_norm, 2), 3.01);
    assert_eq!(round(c0.cosine.unwrap(), 2), 0.99);
    // The step goes uphill: the loss after it is higher.
    assert!(run.trajectory().loss[at + 1] > run.trajectory().loss[at]);
}
