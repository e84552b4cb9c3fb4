//! Golden tests of the `descent` binary: exact output, exit codes and messages.

mod common;
use common::{descent, stderr, stdout};

#[test]
fn run_prints_the_worked_example_as_csv() {
    let o = descent(&["run", "f=linreg&x0=1&y0=0&lr=0.1&steps=1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "step,x,y,loss,gx,gy,lr");
    assert_eq!(
        lines[1],
        "0,1,0,9.666666666666666,-13.333333333333334,-6,0.1"
    );
    assert!(
        lines[2].starts_with("1,2.3333333333333335,0.6000000000000001,"),
        "{}",
        lines[2]
    );
    assert_eq!(lines.len(), 3);
    assert_eq!(stderr(&o).trim(), "Stopped after the maximum of 1 steps.");
}

#[test]
fn run_accepts_a_whole_link() {
    let a = descent(&[
        "run",
        "http://127.0.0.1:8080/#f=booth&opt=adam&lr=0.1&steps=20",
    ]);
    let b = descent(&["run", "f=booth&opt=adam&lr=0.1&steps=20"]);
    assert!(a.status.success());
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(stdout(&a).lines().count(), 22);
}

#[test]
fn run_prints_json_with_batches() {
    let o = descent(&[
        "run",
        "f=linreg&data=line&n=5&batch=mini&bs=2&steps=2",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("{\"settings\":\"f=linreg&data=line&n=5&batch=mini&bs=2&steps=2\",\"status\":\"max_steps\""), "{text}");
    assert!(text.contains("\"stop_step\":2"));
    assert_eq!(text.matches("\"batch\":[").count(), 3);
}

#[test]
fn run_reports_divergence_on_stderr() {
    let o = descent(&["run", "f=quadratic&lr=1.1&steps=100000&x0=1&y0=1"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).starts_with("Diverged at step "),
        "{}",
        stderr(&o)
    );
    let last = stdout(&o).lines().last().unwrap().to_string();
    assert!(last.contains("inf") || last.contains("NaN"), "{last}");
}

#[test]
fn bad_settings_exit_2_and_list_every_problem() {
    let o = descent(&["run", "lr=abc&opt=nope&steps=0&colour=red"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for key in ["lr=abc", "opt=nope", "steps=0", "colour=red"] {
        assert!(err.contains(key), "{key} missing from: {err}");
    }
    assert!(stdout(&o).is_empty());
}

#[test]
fn unknown_keys_are_only_warnings_for_run() {
    let o = descent(&["run", "steps=1&colour=red"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("warning: colour=red: unknown key"));
}

#[test]
fn check_prints_the_canonical_string() {
    let o = descent(&["check", "steps=500&f=rosenbrock&opt=adam"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "f=rosenbrock&opt=adam&steps=500\n");
    let o = descent(&["check", "lr=2000"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("error: lr=2000: expected a number in (0, 1000]"));
}

#[test]
fn list_names_every_choice() {
    let o = descent(&["list"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for word in [
        "rosenbrock",
        "six_hump_camel",
        "double_well1d",
        "linreg2",
        "blobs",
        "nadam",
        "newton",
        "cosine",
        "target",
    ] {
        assert!(text.contains(word), "{word}");
    }
}

#[test]
fn usage_errors_exit_2_without_a_backtrace() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["run"],
        &["run", "steps=1", "--format", "xml"],
        &["check", "a", "b"],
    ] {
        let o = descent(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("descent: "), "{err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
    }
}
