//! The settings codec on arbitrary input: decoding never panics, what it returns is valid,
//! and encoding it decodes back to the same settings.
#![no_main]

use descent::codec::{decode, encode, has_errors, set_value, validate, value_text, FIELDS};
use descent::Run;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Links arrive as text; invalid UTF-8 is replaced as a browser would show it.
    let input = String::from_utf8_lossy(data);
    let (settings, problems) = decode(&input);
    for p in &problems {
        let _ = p.to_string();
    }
    let left = validate(&settings);
    assert!(
        !has_errors(&left),
        "decode returned invalid settings for {input:?}: {left:?}"
    );
    let encoded = encode(&settings);
    let (again, problems) = decode(&encoded);
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
        let problems = set_value(&mut copy, f.key, &text);
        assert!(
            problems.is_empty(),
            "{}={text:?} of {encoded:?}: {problems:?}",
            f.key
        );
        assert_eq!(copy, settings, "{}={text:?} of {encoded:?}", f.key);
    }
    // Valid settings must start a run. Large datasets are skipped only to keep the fuzzer fast.
    if settings.sample_count() <= 2000 {
        match Run::new(&settings) {
            Ok(mut run) => {
                run.run(20);
                let _ = run.status().text();
            }
            Err(e) => panic!("valid settings {encoded:?} did not start a run: {e}"),
        }
    }
});
