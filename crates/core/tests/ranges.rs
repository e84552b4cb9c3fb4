//! The codec's ranges and choices (what `catalog()` hands the page) agree with what the
//! parser accepts and with the words of each key's `allowed` text.

use descent::codec::{self, FIELDS};
use descent::numfmt::fmt_f64;
use descent::Settings;

/// The page sets keys one at a time; bs needs a model with enough samples to be set at all.
fn base() -> Settings {
    Settings::decode("f=linreg&data=line&n=100000").0
}

/// A bound as the words write it: whole numbers in full.
fn word(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        fmt_f64(x)
    }
}

fn accepts(key: &str, value: &str) -> bool {
    let mut s = base();
    let problems = codec::set_value(&mut s, key, value);
    !problems.iter().any(|p| p.key == key)
}

#[test]
fn every_range_is_what_the_parser_accepts() {
    let mut ranged = 0;
    for f in FIELDS {
        let Some(r) = f.range else { continue };
        ranged += 1;
        if let Some(lo) = r.min {
            assert_eq!(
                accepts(f.key, &fmt_f64(lo)),
                !r.min_open,
                "{} at its minimum {lo}",
                f.key
            );
            let below = if r.whole {
                lo - 1.0
            } else {
                lo - lo.abs().max(1.0) * 1e-9
            };
            if !(r.whole && lo == 0.0) {
                assert!(
                    !accepts(f.key, &fmt_f64(below)),
                    "{} below its minimum: {below}",
                    f.key
                );
            }
            assert!(
                f.allowed.contains(&word(lo)),
                "{}: “{}” names {lo}",
                f.key,
                f.allowed
            );
        }
        if let Some(hi) = r.max {
            // 2^64 (the seed's bound as a float) is written as u64::MAX in the words.
            let text = if hi >= u64::MAX as f64 {
                u64::MAX.to_string()
            } else {
                word(hi)
            };
            assert_eq!(
                accepts(f.key, &text),
                !r.max_open,
                "{} at its maximum {text}",
                f.key
            );
            if hi < 1e15 {
                let above = if r.whole {
                    hi + 1.0
                } else {
                    hi + hi.abs().max(1.0) * 1e-9
                };
                assert!(
                    !accepts(f.key, &fmt_f64(above)),
                    "{} above its maximum: {above}",
                    f.key
                );
            }
            if f.key != "bs" {
                assert!(
                    f.allowed.contains(&text),
                    "{}: “{}” names {text}",
                    f.key,
                    f.allowed
                );
            }
        }
        if r.whole {
            assert!(f.allowed.contains("whole"), "{}: {}", f.key, f.allowed);
            let inside = r.min.unwrap_or(0.0) + 0.5;
            assert!(
                !accepts(f.key, &fmt_f64(inside)),
                "{} takes whole numbers only",
                f.key
            );
        }
        assert!(!accepts(f.key, "abc"), "{} refuses text", f.key);
        assert!(!accepts(f.key, "inf"), "{} refuses inf", f.key);
    }
    assert!(ranged >= 20, "{ranged} numeric keys");
}

#[test]
fn every_choice_is_accepted_and_named_in_the_words() {
    let mut keys = Vec::new();
    for f in FIELDS.iter().filter(|f| !f.choices.is_empty()) {
        keys.push(f.key);
        for c in f.choices {
            // A dataset suits only some models: one of them must take it (custom data
            // without points is taken with a warning that a fit needs some).
            let taken = if f.key == "data" {
                ["linreg", "logreg", "linreg2"].iter().any(|m| {
                    let mut s = Settings::decode(&format!("f={m}")).0;
                    !codec::has_errors(&codec::set_value(&mut s, "data", c))
                })
            } else {
                accepts(f.key, c)
            };
            assert!(taken, "{}={c}", f.key);
            let said = f.refusal().to_string();
            assert!(said.contains(c), "{}: “{said}” names {c}", f.key);
        }
        assert!(!accepts(f.key, "no-such-choice"), "{}", f.key);
    }
    for k in ["scale", "batch", "opt", "sched", "data"] {
        assert!(keys.contains(&k), "{k} lists its choices");
    }
}
