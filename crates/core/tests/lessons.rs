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
