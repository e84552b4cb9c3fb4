//! Every problem, hint and divergence code the core exports has words in English and 简体中文 in the page's tables (web/strings.js).
//!
//! The page words problems from their codes, so a code added in Rust without its strings
//! would show the bare key; this test names the missing one.

use descent::formula::Hint;
use descent::problem::Detail;
use descent::status::Divergence;

const STRINGS: &str = include_str!("../../../web/strings.js");

/// The keys each language's tables hold: a line `en: {` or `zh: {` opens a language's table,
/// and every `'key':` line after it belongs to that language.
fn keys(source: &str) -> Vec<(String, String)> {
    let mut lang = String::new();
    let mut out = Vec::new();
    for line in source.lines() {
        let line = line.trim();
        if let Some(l) = line.strip_suffix(": {") {
            if l == "en" || l == "zh" {
                lang = l.to_string();
            }
            continue;
        }
        // Several entries may share a line: 'a': 'x', 'b': 'y',
        let mut rest = line;
        while let Some(start) = rest.find('\'') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('\'') else { break };
            let key = &after[..end];
            let tail = after[end + 1..].trim_start();
            if tail.starts_with(':') && !lang.is_empty() {
                out.push((lang.clone(), key.to_string()));
            }
            // Skip the key and its value.
            rest = match tail.strip_prefix(':') {
                Some(v) => skip_value(v),
                None => &after[end + 1..],
            };
        }
    }
    out
}

/// The text after a quoted value (single or double quotes) and its comma.
fn skip_value(v: &str) -> &str {
    let v = v.trim_start();
    let Some(q) = v.chars().next().filter(|c| *c == '\'' || *c == '"') else {
        return "";
    };
    match v[1..].find(q) {
        Some(end) => &v[1 + end + 1..],
        None => "",
    }
}

/// The page keys every exported code needs.
fn needed() -> Vec<String> {
    let mut keys: Vec<String> = Detail::CODES
        .iter()
        .map(|c| format!("problem.{c}"))
        .collect();
    keys.extend(Hint::CODES.iter().map(|c| format!("problem.hint.{c}")));
    keys.extend(Divergence::CODES.iter().map(|c| format!("what.{c}")));
    keys
}

/// The needed keys missing from `source`, as `lang: key`.
fn missing(source: &str) -> Vec<String> {
    let have = keys(source);
    let mut out = Vec::new();
    for key in needed() {
        for lang in ["en", "zh"] {
            if !have.iter().any(|(l, k)| l == lang && *k == key) {
                out.push(format!("{lang}: {key}"));
            }
        }
    }
    out
}

#[test]
fn every_problem_code_has_words_in_both_languages() {
    let missing = missing(STRINGS);
    assert!(
        missing.is_empty(),
        "web/strings.js has no words for {missing:?}"
    );
}

#[test]
fn the_check_fails_naming_a_missing_code() {
    // Without the Chinese for one code, and without a whole English entry, the check names them.
    let source = STRINGS
        .replace(
            "    'problem.sweep_order': '最小学习率",
            "    'elsewhere': '",
        )
        .replace("'what.no_start': 'the run could not start',", "");
    assert_eq!(
        missing(&source),
        ["zh: problem.sweep_order", "en: what.no_start"]
    );
    assert!(keys(STRINGS).len() > 300);
}
