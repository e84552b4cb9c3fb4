//! Data files and session files on arbitrary bytes: reading never panics, and what is read is valid and round-trips (points through their link text, sessions through writing).
#![no_main]

use descent::datafile::read_table;
use descent::points::{Points, MAX_ABS, MAX_POINTS, MIN_POINTS};
use descent::{ModelKind, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for model in ModelKind::ALL {
        if let Ok(table) = read_table(data, model) {
            check_points(&table.points, model);
            let c = &table.columns;
            assert_eq!(c.picked.len(), c.roles.len());
            assert!(c.picked.iter().all(|&p| p < c.names.len()));
            let _ = c.summary();
        }
    }
    if let Ok((settings, problems)) = descent::session::read(data) {
        for p in &problems {
            let _ = p.to_string();
        }
        check_session(&settings);
    }
    // The same bytes as a link's pts= value.
    let text = String::from_utf8_lossy(data);
    if let Ok(points) = Points::parse(&text) {
        assert_eq!(Points::parse(&points.text()).as_ref(), Ok(&points));
    }
});

/// A table's points: enough, not too many, of the model's size, finite within the limit,
/// 0/1 labels for logreg, and the same after their link text is read back.
fn check_points(points: &Points, model: ModelKind) {
    assert!(points.len() >= MIN_POINTS && points.len() <= MAX_POINTS);
    assert_eq!(points.arity(), descent::points::model_arity(model));
    assert!(points.values().iter().all(|v| v.is_finite() && v.abs() <= MAX_ABS));
    assert!(points.suits(model).is_ok());
    assert_eq!(Points::parse(&points.text()).as_ref(), Ok(points));
}

/// A session read is written back to the same session, and its settings start a run.
fn check_session(settings: &Settings) {
    let text = descent::session::write(settings);
    let (again, _) = descent::session::read(text.as_bytes()).expect("a written session reads");
    assert_eq!(&again, settings);
    if settings.sample_count() <= 300 {
        if let Ok(mut run) = descent::Run::new(settings) {
            run.run(50);
        }
    }
}
