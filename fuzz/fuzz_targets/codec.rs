//! The settings codec on arbitrary input: decoding never panics, what it returns is valid,
//! and encoding it decodes back to the same settings. Input after a newline is one control
//! change (`key` newline `value`), as the page's settings panel makes: the result must be
//! valid too. Custom points (`data=custom&pts=…`) are read, written and checked as any key;
//! the one problem valid settings may still carry is the warning that custom data has too
//! few points for a fit.
#![no_main]

use descent::codec::{
    decode, encode, has_errors, reset_value, set_value, validate, value_text, Problem, FIELDS,
};
use descent::{Run, Settings, Status};

/// The problems left once the one warning valid settings may carry (custom data with fewer
/// than two points, whose run is still defined) is set aside.
fn beyond_few_points(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .filter(|p| p.detail.code() != "few_points")
        .collect()
}
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Links arrive as text; invalid UTF-8 is replaced as a browser would show it.
    let text = String::from_utf8_lossy(data);
    let mut lines = text.splitn(3, '\n');
    let input = lines.next().unwrap_or_default();
    let (mut settings, problems) = decode(input);
    for p in &problems {
        let _ = p.to_string();
    }
    if let Some(key) = lines.next() {
        match lines.next() {
            Some(value) if !value.is_empty() => {
                for p in set_value(&mut settings, key, value) {
                    let _ = p.to_string();
                }
            }
            _ => reset_value(&mut settings, key),
        }
    }
    check_settings(settings, input);
});

/// Valid settings, a canonical round trip, controls that read back, and a run that starts.
fn check_settings(settings: Settings, input: &str) {
    let left = validate(&settings);
    assert!(
        !has_errors(&left),
        "decode returned invalid settings for {input:?}: {left:?}"
    );
    let encoded = encode(&settings);
    let (again, problems) = decode(&encoded);
    let problems = beyond_few_points(problems);
    assert!(
        problems.is_empty(),
        "the canonical form {encoded:?} of {input:?} has problems: {problems:?}"
    );
    assert_eq!(
        again, settings,
        "{input:?} -> {encoded:?} does not round-trip"
    );
    assert_eq!(encode(&again), encoded, "encoding is not canonical");
    // Each key's value as a control shows it sets back to the same settings.
    for f in FIELDS {
        let text = value_text(&settings, f.key);
        if text.is_empty() {
            continue; // an unset optional value: the control is empty
        }
        let mut copy = settings.clone();
        let problems = beyond_few_points(set_value(&mut copy, f.key, &text));
        assert!(
            problems.is_empty(),
            "{}={text:?} of {encoded:?}: {problems:?}",
            f.key
        );
        assert_eq!(copy, settings, "{}={text:?} of {encoded:?}", f.key);
    }
    // Valid settings must start a run. Large datasets are skipped only to keep the fuzzer fast.
    if settings.sample_count() <= 300 {
        match Run::new(&settings) {
            Ok(mut run) => {
                run.run(200);
                check_run(&run, &encoded);
            }
            Err(e) => panic!("valid settings {encoded:?} did not start a run: {e}"),
        }
    }
}

/// Divergence is a status: every point before the last is finite, and the last one is not
/// finite exactly when the run says it diverged.
fn check_run(run: &Run, link: &str) {
    let t = run.trajectory();
    let finite = |k: usize| {
        let g = run.gradient(k);
        [t.x[k], t.y[k], t.loss[k], g[0], g[1]]
            .iter()
            .all(|v| v.is_finite())
    };
    let last = t.len() - 1;
    assert_eq!(run.steps_taken() as usize, last, "{link}");
    assert!(
        (0..last).all(finite),
        "{link}: a non-finite point before the last"
    );
    match run.status() {
        Status::Diverged { step, .. } => {
            assert_eq!(*step as usize, last, "{link}");
            assert!(!finite(last), "{link}: diverged on a finite point");
        }
        Status::Running => assert!(finite(last) && last == 200, "{link}: running at {last}"),
        other => {
            assert_eq!(other.stop_step(), Some(last as u64), "{link}");
            assert!(
                finite(last),
                "{link}: {} on a non-finite point",
                other.name()
            );
        }
    }
    assert!(
        (0..t.len()).all(|k| run.lr(k).is_finite() && run.lr(k) >= 0.0),
        "{link}: a learning rate that is negative or not finite"
    );
    let _ = run.status().text();
}
