//! Hostile links: every key given injection payloads, 10 kB values, odd unicode and broken
//! percent-encoding. Each value is refused with a problem naming its key, the defaults stand,
//! and the messages stay short.

use descent::codec::{decode, encode, percent_encode, Severity, FIELDS};
use descent::Settings;

/// Values no key accepts, as they appear after percent-decoding.
fn payloads() -> Vec<String> {
    vec![
        "<script>window.__pwned=1</script>".into(),
        "\"><img src=x onerror=window.__pwned=2>".into(),
        "javascript:window.__pwned=3".into(),
        "1".repeat(10 * 1024),
        "x".repeat(10 * 1024),
        "\u{202E}1\u{0301}😀\u{0000}".into(),
        "1\u{0000}".into(),
        "\u{FEFF}0.5".into(),
        "%3Cscript%3E".into(), // double-encoded, so still escaped after one decode
    ]
}

#[test]
fn every_key_refuses_hostile_values_with_a_short_problem() {
    for value in payloads() {
        for f in FIELDS {
            let link = format!("{}={}", f.key, percent_encode(&value));
            let (s, problems) = decode(&link);
            assert_eq!(s, Settings::default(), "{}: {link:.80}", f.key);
            assert_eq!(problems.len(), 1, "{}: {problems:?}", f.key);
            let p = &problems[0];
            assert_eq!((p.key.as_str(), p.severity), (f.key, Severity::Error));
            let text = p.to_string();
            // The value is cut to 60 characters; the rest is what is allowed.
            assert!(
                text.chars().count() < 700,
                "{}: {} chars",
                f.key,
                text.len()
            );
            assert!(text.starts_with(&format!("{}=", f.key)), "{text:.80}");
        }
        // All keys at once: one problem each, in order.
        let link: Vec<String> = FIELDS
            .iter()
            .map(|f| format!("{}={}", f.key, percent_encode(&value)))
            .collect();
        let (s, problems) = decode(&link.join("&"));
        assert_eq!(encode(&s), "");
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        let want: Vec<&str> = FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(keys, want);
    }
}

#[test]
fn broken_percent_encoding_is_a_problem_for_its_key() {
    for raw in ["%", "%z", "%zz", "%C0%AF", "%FF", "%E2%82", "%%41", "1%"] {
        for f in FIELDS {
            let (s, problems) = decode(&format!("{}={raw}&lr=0.5", f.key));
            assert_eq!(
                s.lr,
                Some(0.5),
                "{} = {raw}: the other keys still apply",
                f.key
            );
            assert_eq!(problems.len(), 1, "{} = {raw}: {problems:?}", f.key);
            assert_eq!(problems[0].key, f.key);
            assert_eq!(problems[0].severity, Severity::Error);
        }
    }
    // A broken key is an unknown key, reported as written.
    let (_, problems) = decode("%zz=1&%C0%AF=2");
    assert_eq!(problems.len(), 2);
    assert!(problems.iter().all(|p| p.severity == Severity::Warning));
    assert_eq!(problems[0].key, "%zz");
}
