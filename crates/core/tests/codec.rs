//! The settings codec: canonical encoding, problem reporting, and round-trip properties.

use descent::codec::{decode, encode, percent_decode, percent_encode, Severity};
use descent::numfmt::fmt_f64;
use descent::{
    BatchMode, ColorScale, DatasetKind, Function, LandscapeKind, Lang, ModelKind, RaceEntry,
    Scaling, Settings, SurfaceView, Sweep, SweepMetric,
};
use proptest::prelude::*;

#[test]
fn defaults_encode_to_the_empty_string() {
    assert_eq!(encode(&Settings::default()), "");
    let (s, problems) = decode("");
    assert_eq!(s, Settings::default());
    assert!(problems.is_empty());
}

#[test]
fn canonical_order_and_defaults_omitted() {
    let (s, problems) = decode("steps=500&lr=0.05&opt=adam&f=rosenbrock&b1=0.9");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(encode(&s), "f=rosenbrock&opt=adam&lr=0.05&steps=500");
}

#[test]
fn accepts_a_whole_link_after_the_hash_or_the_query() {
    let (a, _) = decode("https://example.org/descent/#f=booth&lr=0.1");
    let (b, _) = decode("http://127.0.0.1:8080/?f=booth&lr=0.1");
    let (c, _) = decode("f=booth&lr=0.1");
    assert_eq!(a, c);
    assert_eq!(b, c);
    assert_eq!(c.f, LandscapeKind::Function(Function::Booth));
}

#[test]
fn every_problem_is_listed_and_bad_values_fall_back() {
    let (s, problems) = decode("lr=-1&steps=2000000&opt=sgdd&b1=1&wat=3&tol=abc");
    let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["lr", "steps", "opt", "b1", "wat", "tol"]);
    assert_eq!(problems[4].severity, Severity::Warning);
    assert!(problems
        .iter()
        .filter(|p| p.key != "wat")
        .all(|p| p.severity == Severity::Error));
    assert_eq!(s, Settings::default());
    let text = problems[0].to_string();
    assert!(
        text.contains("lr=-1") && text.contains("(0, 1000]") && text.contains("default"),
        "{text}"
    );
    assert!(problems[1].to_string().contains("1000000"));
}

#[test]
fn ranges_from_the_issue() {
    let bad = [
        "lr=0",
        "lr=1000.5",
        "lr=inf",
        "lr=NaN",
        "b1=1",
        "b2=-0.1",
        "rho=1",
        "mom=1.5",
        "eps=-1",
        "wd=inf",
        "tol=-1",
        "noise=-1",
        "x0=inf",
        "y0=nan",
        "steps=0",
        "steps=1.5",
        "n=0",
        "n=100001",
        "tmax=0",
        "every=0",
        "gamma=0",
        "gamma=1.5",
        "seed=-1",
        "batch=huge",
        "scale=minmax",
        "sched=linear",
    ];
    for b in bad {
        let (_, p) = decode(b);
        assert_eq!(p.len(), 1, "{b} should be refused");
        assert_eq!(p[0].severity, Severity::Error);
    }
    let good = [
        "lr=1000",
        "mom=1",
        "mom=0",
        "b1=0",
        "gamma=1",
        "steps=1000000",
        "steps=1e3",
        "tol=0",
        "target=-5",
    ];
    for g in good {
        let (_, p) = decode(g);
        assert!(p.is_empty(), "{g} should be accepted: {p:?}");
    }
}

#[test]
fn batch_size_must_not_exceed_n() {
    let (s, p) = decode("f=linreg&data=line&n=50&batch=mini&bs=51");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].key, "bs");
    assert_eq!(s.bs, None);
    let (s, p) = decode("f=linreg&data=line&n=50&batch=mini&bs=50");
    assert!(p.is_empty());
    assert_eq!(s.bs, Some(50));
    let (_, p) = decode("f=linreg&batch=mini&bs=4");
    assert_eq!(p.len(), 1, "the seed dataset has 3 samples");
}

#[test]
fn a_dataset_must_suit_its_model() {
    let (s, p) = decode("f=logreg&data=seed");
    assert_eq!(p.len(), 1);
    assert_eq!(s.data, None);
    assert_eq!(s.dataset(), Some(DatasetKind::Blobs));
}

#[test]
fn a_formula_error_names_its_column() {
    let (s, p) = decode("f=custom&expr=x%5E2%20%2B%20(y");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].key, "expr");
    assert_eq!(p[0].value, "x^2 + (y");
    assert!(
        p[0].detail.to_string().contains("column"),
        "{}",
        p[0].detail.to_string()
    );
    assert_eq!(s.expr, Settings::default().expr);
}

#[test]
fn formulas_are_percent_encoded() {
    let s = Settings {
        f: LandscapeKind::Custom,
        expr: "sin(x) + y^2 − 1/2".into(),
        ..Settings::default()
    };
    let text = encode(&s);
    assert_eq!(text, "f=custom&expr=sin(x)%20+%20y^2%20%E2%88%92%201/2");
    assert_eq!(decode(&text).0, s);
}

#[test]
fn malformed_escapes_are_reported() {
    let (_, p) = decode("expr=%ZZ&lr=%E2%28");
    assert_eq!(p.len(), 2);
    assert!(p[0].detail.to_string().contains("percent"));
    assert!(p[1].detail.to_string().contains("UTF-8"));
}

#[test]
fn floats_are_written_in_shortest_round_trip_form() {
    assert_eq!(fmt_f64(0.1), "0.1");
    assert_eq!(fmt_f64(1e-10), "1e-10");
    assert_eq!(fmt_f64(1.0), "1");
    assert_eq!(fmt_f64(-2.5), "-2.5");
    assert_eq!(fmt_f64(123456789.0), "123456789");
    assert_eq!(fmt_f64(1e300), "1e300");
    assert_eq!(fmt_f64(f64::INFINITY), "inf");
}

#[test]
fn long_values_are_refused_and_shortened_in_messages() {
    let long = "9".repeat(10_000);
    let (_, p) = decode(&format!("lr={long}"));
    assert_eq!(p.len(), 1);
    assert!(p[0].to_string().len() < 300);
}

#[test]
fn view_and_comparison_keys_travel_in_the_link() {
    let link = "f=saddle&view=3d&yaw=20&pitch=60&zoom=1.5&resid=on&maths=on&quad=on&lang=zh\
                &race=momentum(lr=0.01)~adam&lrs=0.5&sweep=1e-4,10,50&sweepy=steps";
    let (s, p) = decode(link);
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(s.view, SurfaceView::Mesh);
    assert_eq!((s.yaw, s.pitch, s.zoom), (20.0, 60.0, 1.5));
    assert!(s.resid && s.maths && s.quad);
    assert_eq!(s.lang, Some(Lang::Zh));
    assert_eq!(s.race.len(), 2);
    assert_eq!(s.lrs, vec![0.5]);
    assert_eq!(
        s.sweep,
        Some(Sweep {
            lo: 1e-4,
            hi: 10.0,
            k: 50
        })
    );
    assert_eq!(s.sweepy, SweepMetric::Steps);
    assert_eq!(encode(&s), link.replace(' ', ""));
    // None of them changes the run itself.
    assert!(s.same_run(&decode("f=saddle").0));
    assert_eq!(s.runs().len(), 4);
}

#[test]
fn bad_view_and_comparison_values_are_named() {
    let (s, p) = decode("view=4d&pitch=0&race=adam(mom=1)&lrs=0,1&sweep=10,1,5&lang=fr");
    let keys: Vec<&str> = p.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["view", "pitch", "race", "lrs", "sweep", "lang"]);
    assert!(
        p[2].detail.to_string().contains("adam has no mom"),
        "{}",
        p[2]
    );
    assert!(
        p[3].detail
            .to_string()
            .contains("“0” is not a learning rate"),
        "{}",
        p[3]
    );
    assert!(
        p[4].detail.to_string().contains("must be below"),
        "{}",
        p[4]
    );
    assert_eq!(s, Settings::default());
    let (s, p) = decode("race=gd~adam~nadam&lrs=0.1,0.2,0.3");
    assert_eq!(p.len(), 1);
    assert!(
        p[0].detail.to_string().contains("at most 2 more"),
        "{}",
        p[0]
    );
    assert!(s.lrs.is_empty() && s.race.len() == 3);
}

fn landscape() -> impl Strategy<Value = LandscapeKind> {
    prop::sample::select(LandscapeKind::all())
}

fn nice_f64() -> impl Strategy<Value = f64> {
    prop_oneof![-1e6..1e6f64, Just(0.0), Just(1e-12), Just(0.1)]
}

prop_compose! {
    fn arbitrary_settings()(
        f in landscape(),
        expr in prop::sample::select(vec!["x^2+y^2", "sin(x)*cos(y)", "(1-x)^2 + 100*(y-x^2)^2", "abs(x) + e^y"]),
        n in 16u32..2000, noise in 0.0..3.0f64, scale in prop::bool::ANY, seed in any::<u64>(),
        opt in prop::sample::select(descent::optim::OptimizerKind::all().collect::<Vec<_>>()),
        lr in prop::option::of(1e-6..1000.0f64), mom in 0.0..=1.0f64, rho in prop::option::of(0.0..1.0f64),
        b1 in 0.0..1.0f64, b2 in 0.0..1.0f64, eps in prop::option::of(0.0..1.0f64), wd in 0.0..1.0f64,
        sched in prop::sample::select(descent::schedule::ScheduleKind::ALL.to_vec()),
        etaminus in 0.01..0.99f64, etaplus in 1.01..5.0f64, stepmin in 0.0..1e-3f64, stepmax in 0.01..100.0f64,
        gamma in 0.001..=1.0f64, every in 1u64..1000, tmax in 1u64..1000, lrmin in 0.0..1.0f64,
        batch in prop::sample::select(vec![BatchMode::Full, BatchMode::Sgd, BatchMode::Mini]),
        bs in prop::option::of(1u32..16), gnoise in 0.0..2.0f64,
        x0 in prop::option::of(nice_f64()), y0 in prop::option::of(nice_f64()),
        steps in 1u32..=1_000_000, tol in 0.0..1.0f64, target in prop::option::of(nice_f64()),
        color in prop::sample::select(vec![ColorScale::Auto, ColorScale::Linear, ColorScale::Log]),
        logy in prop::bool::ANY,
    ) -> Settings {
        let data = match f { LandscapeKind::Model(m) => Some(m.default_dataset()), _ => None };
        Settings {
            f, expr: expr.to_string(), data, n, noise, seed, opt, lr, mom, rho, b1, b2, eps, wd, sched, gamma,
            etaminus, etaplus, stepmin, stepmax,
            every, tmax, lrmin, batch, bs: if matches!(f, LandscapeKind::Model(ModelKind::Linreg)) { None } else { bs },
            gnoise, x0, y0, steps, tol, target, color, logy,
            scale: if scale { Scaling::Standard } else { Scaling::None },
            ..Settings::default()
        }
    }
}

/// A race entry for any optimizer of the registry: its name alone, or with a learning rate
/// and each of its own hyperparameters (at the registry's defaults, which are in range).
fn racer() -> impl Strategy<Value = RaceEntry> {
    let entries: Vec<&'static descent::optim::Entry> = descent::optim::REGISTRY.iter().collect();
    (
        prop::sample::select(entries),
        prop::option::of(1e-4..1.0f64),
    )
        .prop_map(|(e, lr)| {
            let text = match lr {
                None => e.name.to_string(),
                Some(lr) => {
                    let mut args = vec![format!("lr={lr}")];
                    for key in e.keys {
                        args.push(format!("{key}={}", e.default.get(key).unwrap()));
                    }
                    format!("{}({})", e.name, args.join(","))
                }
            };
            RaceEntry::parse(&text).unwrap_or_else(|err| panic!("{text}: {err}"))
        })
}

/// Raw custom points: numbers within ±1e15 in any bits, each with a coin for a label.
fn custom_numbers() -> impl Strategy<Value = Option<Vec<(f64, bool)>>> {
    let number = prop_oneof![
        -1e15..=1e15f64,
        Just(-0.0),
        Just(5e-324),
        any::<f64>().prop_filter("within ±1e15", |v| v.is_finite() && v.abs() <= 1e15),
    ];
    prop::option::of(prop::collection::vec((number, prop::bool::ANY), 2..40))
}

/// Custom points for landscape `f` from raw numbers: the model's numbers per point (two
/// for other landscapes), the last a 0/1 label for logreg; `None` when fewer than two.
fn custom_points(f: LandscapeKind, raw: &[(f64, bool)]) -> Option<descent::Points> {
    let arity = match f {
        LandscapeKind::Model(m) => descent::points::model_arity(m),
        _ => 2,
    };
    let logreg = f == LandscapeKind::Model(ModelKind::Logreg);
    let mut values: Vec<f64> = raw
        .iter()
        .enumerate()
        .map(
            |(i, (v, label))| match (logreg && i % arity == arity - 1, label) {
                (true, true) => 1.0,
                (true, false) => 0.0,
                _ => *v,
            },
        )
        .collect();
    values.truncate(values.len() / arity * arity);
    (values.len() >= 2 * arity).then(|| descent::Points::new(arity, values).unwrap())
}

prop_compose! {
    fn settings_with_views()(
        s in arbitrary_settings(),
        view in prop::sample::select(vec![SurfaceView::Flat, SurfaceView::Mesh]),
        yaw in -180.0..=180.0f64, pitch in 5.0..=90.0f64, zoom in 0.25..=4.0f64,
        resid in prop::bool::ANY, maths in prop::bool::ANY, quad in prop::bool::ANY,
        at in prop::option::of(0u64..=1_000_000),
        lang in prop::option::of(prop::sample::select(vec![Lang::En, Lang::Zh])),
        race in prop::collection::vec(racer(), 0..3),
        lrs in prop::collection::vec(1e-6..1000.0f64, 0..3),
        sweep in prop::option::of((1e-6..1.0f64, 2u32..=200).prop_map(|(lo, k)| Sweep { lo, hi: lo * 100.0, k })),
        steps_metric in prop::bool::ANY,
        raw in custom_numbers(),
    ) -> Settings {
        // Custom points (a model's data when the points are at least two, kept beside
        // any other landscape's), with a batch size that fits them.
        let (data, pts) = match raw.and_then(|r| custom_points(s.f, &r)) {
            Some(p) => (if s.f.is_model() { Some(DatasetKind::Custom) } else { s.data }, p),
            None => (s.data, descent::Points::default()),
        };
        let bs = if data == Some(DatasetKind::Custom) { s.bs.map(|b| b.min(pts.len() as u32)) } else { s.bs };
        Settings {
            view, yaw, pitch, zoom, resid, maths, quad, at, lang, race, lrs, sweep,
            sweepy: if steps_metric { SweepMetric::Steps } else { SweepMetric::Loss },
            data, pts, bs,
            ..s
        }
    }
}

proptest! {
    #[test]
    fn decode_inverts_encode(s in settings_with_views()) {
        let text = encode(&s);
        let (back, problems) = decode(&text);
        prop_assert!(problems.is_empty(), "{text}: {problems:?}");
        prop_assert_eq!(back, s);
    }

    #[test]
    fn arbitrary_strings_never_panic(input in ".{0,200}") {
        let (s, _) = decode(&input);
        let (again, problems) = decode(&encode(&s));
        prop_assert!(problems.is_empty());
        prop_assert_eq!(again, s);
    }

    #[test]
    fn arbitrary_key_value_soup_never_panics(
        pairs in prop::collection::vec(("[a-z0-9%]{0,6}", "[ -~]{0,12}"), 0..12)
    ) {
        let input: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let (s, _) = decode(&input.join("&"));
        prop_assert!(descent::codec::validate(&s).is_empty());
    }

    #[test]
    fn percent_coding_round_trips(s in "\\PC{0,40}") {
        prop_assert_eq!(percent_decode(&percent_encode(&s)).unwrap(), s);
    }
}

#[test]
fn set_value_applies_one_key_or_reports_it() {
    let mut s = Settings::default();
    assert!(descent::codec::set_value(&mut s, "lr", "0.5").is_empty());
    assert_eq!(s.lr, Some(0.5));
    let p = descent::codec::set_value(&mut s, "lr", "zero");
    assert_eq!(p.len(), 1);
    assert_eq!(s.lr, Some(0.5), "a bad value changes nothing");
    assert_eq!(descent::codec::get_value(&s, "lr").as_deref(), Some("0.5"));
    assert_eq!(descent::codec::get_value(&s, "opt"), None);
    descent::codec::reset_value(&mut s, "lr");
    assert_eq!(s.lr, None);
    assert_eq!(
        descent::codec::set_value(&mut s, "colour", "red")[0].severity,
        Severity::Warning
    );
}

#[test]
fn value_text_shows_defaults_too() {
    let s = Settings::default();
    assert_eq!(descent::codec::value_text(&s, "steps"), "200");
    assert_eq!(descent::codec::value_text(&s, "tol"), "1e-8");
    assert_eq!(descent::codec::value_text(&s, "f"), "quadratic");
    assert_eq!(descent::codec::value_text(&s, "target"), "");
    assert_eq!(descent::codec::value_text(&s, "colour"), "");
}

#[test]
fn view_options_travel_in_the_link_but_do_not_change_the_run() {
    let (s, p) = decode("f=rosenbrock&color=linear&logy=off");
    assert!(p.is_empty(), "{p:?}");
    assert_eq!((s.color, s.logy), (ColorScale::Linear, false));
    assert_eq!(encode(&s), "f=rosenbrock&color=linear&logy=off");
    let (plain, _) = decode("f=rosenbrock");
    assert!(s.same_run(&plain));
    let (other, _) = decode("f=rosenbrock&lr=0.5");
    assert!(!other.same_run(&plain));
    let (_, p) = decode("color=rainbow&logy=maybe");
    assert_eq!(p.len(), 2);
    // The quadratic model's curve is drawn over the run, never part of it.
    let (q, p) = decode("f=rosenbrock&quad=on");
    assert!(p.is_empty(), "{p:?}");
    assert!(q.quad && q.same_run(&plain));
    assert_eq!(encode(&q), "f=rosenbrock&quad=on");
    let (_, p) = decode("quad=maybe");
    assert_eq!((p.len(), p[0].key.as_str()), (1, "quad"));
}

#[test]
fn the_shown_step_travels_in_the_link_and_never_changes_the_run() {
    let (s, p) = decode("f=linreg&data=seed&maths=on&at=0");
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(s.at, Some(0));
    // Canonical: after maths, before lang and the comparisons; at=0 is kept (it is not "the end").
    assert_eq!(encode(&s), "f=linreg&data=seed&maths=on&at=0");
    let (s, _) = decode("lrs=0.5&lang=zh&at=1e3&f=saddle");
    assert_eq!(s.at, Some(1000));
    assert_eq!(encode(&s), "f=saddle&at=1000&lang=zh&lrs=0.5");
    assert!(s.same_run(&decode("f=saddle").0));
    assert_eq!(decode("at=12").0.run_only(), Settings::default());
    // Omitted: the end of the run.
    assert_eq!(decode("f=saddle").0.at, None);
    assert_eq!(descent::codec::value_text(&decode("f=saddle").0, "at"), "");
}

#[test]
fn bad_shown_steps_are_named() {
    for bad in ["-1", "1.5", "abc", "", "1000001", "inf"] {
        let (s, p) = decode(&format!("f=saddle&at={bad}"));
        assert_eq!(p.len(), 1, "at={bad}: {p:?}");
        assert_eq!(p[0].key, "at");
        assert_eq!(p[0].severity, Severity::Error);
        assert!(
            p[0].detail.to_string().contains("the step shown"),
            "{}",
            p[0]
        );
        assert!(
            p[0].to_string().starts_with(&format!("at={bad}: ")),
            "{}",
            p[0]
        );
        assert_eq!(s.at, None, "a bad at= falls back to the end");
    }
    let mut s = Settings::default();
    let p = descent::codec::set_value(&mut s, "at", "x");
    assert_eq!(p.len(), 1);
    assert_eq!(s.at, None);
    assert!(descent::codec::set_value(&mut s, "at", "7").is_empty());
    assert_eq!(s.at, Some(7));
}
