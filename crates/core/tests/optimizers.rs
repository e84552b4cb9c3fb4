//! The optimizer registry seen through the settings: every key of the hyperparameter table is
//! a settings key with its range, every optimizer runs from a settings string, and races take
//! each optimizer's own keys.

use descent::codec::{decode, encode, FIELDS};
use descent::optim::{hyperparameter, HYPERPARAMETERS, REGISTRY};
use descent::{Run, Settings, Status};

/// Each table row is a settings key: values in range round-trip through the link, values
/// out of range are refused with the table's words and fall back to the default.
#[test]
fn every_hyperparameter_key_decodes_to_its_range() {
    let probes = [-1.0, 0.0, 1e-7, 0.3, 0.5, 1.0, 1.2, 2.0, 50.0, 1e6];
    for h in HYPERPARAMETERS {
        let user = h.users().next().unwrap().name();
        for x in probes {
            let text = format!("opt={user}&{}={x}", h.key);
            let (s, problems) = decode(&text);
            if h.allows(x) {
                assert!(problems.is_empty(), "{text}: {problems:?}");
                assert_eq!(s.optimizer().get(h.key), Some(x), "{text}");
                let (again, p) = decode(&encode(&s));
                assert!(p.is_empty());
                assert_eq!(again, s, "{text} round trip");
            } else {
                assert_eq!(problems.len(), 1, "{text}: {problems:?}");
                assert_eq!(problems[0].key, h.key);
                assert!(
                    problems[0].detail.to_string().ends_with(h.allowed),
                    "{text}: {problems:?}"
                );
                assert_eq!(s, decode(&format!("opt={user}")).0, "{text} falls back");
            }
        }
    }
    for h in HYPERPARAMETERS {
        let field = FIELDS
            .iter()
            .find(|f| f.key == h.key)
            .expect("a settings key");
        assert_eq!(field.allowed, h.allowed, "{}", h.key);
    }
    assert_eq!(hyperparameter("nope"), None);
}

/// Every optimizer runs from its settings string, at its default lr, on a bowl and goes
/// downhill without diverging.
#[test]
fn every_optimizer_descends_a_bowl() {
    for e in REGISTRY {
        let text = format!("f=quadratic&opt={}&x0=1.5&y0=-1&steps=300", e.name);
        let (s, problems) = Settings::decode(&text);
        assert!(problems.is_empty(), "{text}: {problems:?}");
        let mut run = Run::new(&s).unwrap();
        run.run_to_end();
        let t = run.trajectory();
        let last = t.loss[t.len() - 1];
        assert!(last < t.loss[0], "{text}: {} → {last}", t.loss[0]);
        assert!(!matches!(run.status(), Status::Diverged { .. }), "{text}");
    }
}

/// A race takes each optimizer's own keys (Rprop's too) and refuses another's.
#[test]
fn races_take_each_optimizers_own_keys() {
    let (s, problems) =
        decode("race=rprop(lr=0.05,etaminus=0.3,stepmax=0.2)~adamax(b2=0.99)~radam");
    assert!(problems.is_empty(), "{problems:?}");
    let runs = s.runs();
    assert_eq!(runs.len(), 4);
    let rprop = runs[1].settings.optimizer();
    assert_eq!(rprop.get("etaminus"), Some(0.3));
    assert_eq!(rprop.get("stepmax"), Some(0.2));
    assert_eq!(rprop.get("etaplus"), Some(1.2));
    let (_, problems) = decode("race=adam(etaplus=2)");
    assert_eq!(problems.len(), 1);
}
