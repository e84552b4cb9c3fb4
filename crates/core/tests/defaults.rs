//! The new-run defaults (`settings::NEW_RUN_DEFAULTS`): every landscape × optimizer pair, as
//! the page sets it when the user picks them, converges visibly; old links without `lr=`
//! keep their legacy meaning bit for bit.

use descent::optim::Optimizer;
use descent::settings::NEW_RUN_DEFAULTS;
use descent::{Function, LandscapeKind, Run, Settings, Status};

/// The settings the page has after the user picks `f` and then `opt` from the first view.
fn picked(f: LandscapeKind, opt: &'static str) -> Settings {
    let mut s = Settings::default();
    for (key, change) in [("f", 0), ("opt", 1)] {
        let before = s.clone();
        match change {
            0 => s.f = f,
            _ => s.opt = descent::optim::OptimizerKind::from_name(opt).expect("a registry name"),
        }
        s.choose(key, &before);
    }
    s
}

/// Why a finished run does not converge visibly, if it does not: it diverged, left the
/// landscape's view (enlarged by half on each side), did not go down, or has not settled
/// (its gradient still above 2% of the first one, and still moving: the last 20 steps
/// covered more than 2% of the way from the start). A landscape without a minimum (the
/// saddle) only has to go down in view.
fn not_visibly_converging(run: &Run) -> Option<String> {
    if let Status::Diverged { step, what } = run.status() {
        return Some(format!("diverged at step {step}: {what}"));
    }
    let t = run.trajectory();
    let w = run.objective().window();
    let (cx, cy) = ((w.x_min + w.x_max) / 2.0, (w.y_min + w.y_max) / 2.0);
    let (hx, hy) = (0.75 * (w.x_max - w.x_min), 0.75 * (w.y_max - w.y_min));
    let two_d = run.objective().dim() == 2;
    // Rprop's step sizes grow 1.2× a step whatever lr is, so on the saddle, which has no
    // minimum, it leaves the landscape's window soon after its escape, which the page's view
    // follows: only its escape must be in view.
    let saddle = run.settings().f == LandscapeKind::Function(Function::Saddle);
    let in_view = if saddle && run.settings().opt.name() == "rprop" {
        20.min(t.len())
    } else {
        t.len()
    };
    for k in 0..in_view {
        if (t.x[k] - cx).abs() > hx || (two_d && (t.y[k] - cy).abs() > hy) {
            return Some(format!("leaves the view at step {k}"));
        }
    }
    let k = t.len() - 1;
    if t.loss[k].partial_cmp(&t.loss[0]) != Some(core::cmp::Ordering::Less) {
        return Some(format!("no descent: {} → {}", t.loss[0], t.loss[k]));
    }
    if run.settings().f == LandscapeKind::Function(Function::Saddle) {
        return None;
    }
    let norm = |g: [f64; 2]| g[0].hypot(g[1]);
    let ratio = norm(run.gradient(k)) / norm(run.gradient(0));
    let dist = |a: usize, b: usize| (t.x[a] - t.x[b]).hypot(t.y[a] - t.y[b]);
    let settled = dist(k, k.saturating_sub(20)) <= 0.02 * dist(k, 0);
    let converged = matches!(run.status(), Status::Converged { .. });
    (!converged && ratio > 0.02 && !settled)
        .then(|| format!("not settled: ‖g‖ at {ratio:.3} of the first, still moving"))
}

#[test]
fn every_landscape_and_optimizer_default_converges_visibly() {
    let mut failures = Vec::new();
    let mut pairs = 0;
    for f in LandscapeKind::all() {
        for &opt in Optimizer::NAMES.iter() {
            let s = picked(f, opt);
            assert_eq!(s.base_lr(), f.new_run_lr(opt));
            let mut run = Run::new(&s).expect("a run");
            run.run_to_end();
            if let Some(why) = not_visibly_converging(&run) {
                failures.push(format!("{} ({}): {why}", s.encode(), s.base_lr()));
            }
            pairs += 1;
        }
    }
    assert_eq!(
        pairs,
        LandscapeKind::all().len() * Optimizer::NAMES.len(),
        "every pair"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_names_real_choices_once_each_and_only_what_differs() {
    let names: Vec<&str> = LandscapeKind::all().iter().map(|f| f.name()).collect();
    for (i, row) in NEW_RUN_DEFAULTS.iter().enumerate() {
        assert!(names.contains(&row.landscape), "{}", row.landscape);
        assert!(
            NEW_RUN_DEFAULTS[..i]
                .iter()
                .all(|r| r.landscape != row.landscape),
            "{} twice",
            row.landscape
        );
        for (j, &(opt, lr)) in row.lr.iter().enumerate() {
            assert!(Optimizer::NAMES.contains(&opt), "{opt}");
            assert!(row.lr[..j].iter().all(|(o, _)| *o != opt), "{opt} twice");
            assert_ne!(lr, Optimizer::default_lr(opt), "{} {opt}", row.landscape);
            // A value the codec accepts, so it can be written into a link.
            let (s, p) = Settings::decode(&format!("f={}&opt={opt}&lr={lr}", row.landscape));
            assert!(p.is_empty(), "{p:?}");
            assert_eq!(s.base_lr(), lr);
        }
    }
}

/// A link without `lr=` means the legacy default, whatever the table says, and the settings a
/// pick makes carry their rate in the link, so the link alone reproduces them.
#[test]
fn old_links_keep_their_meaning_and_new_ones_carry_their_rate() {
    let (old, p) = Settings::decode("f=rosenbrock");
    assert!(p.is_empty());
    assert_eq!(old.base_lr(), 0.01);
    let mut run = Run::new(&old).unwrap();
    run.run_to_end();
    // As before the table existed: the legacy rate diverges at step 7 with these exact bits.
    assert_eq!(run.status().stop_step(), Some(7));
    assert_eq!(run.status().name(), "diverged");
    // (`descent run f=rosenbrock` before the table: step 1 at (0.05, 2.5), loss 624.653125.)
    assert_eq!(run.trajectory().point(1), [0.05000000000000003, 2.5]);
    assert_eq!(run.trajectory().loss[1].to_bits(), 624.653125f64.to_bits());
    assert_eq!(old.encode(), "f=rosenbrock");

    let new = picked(LandscapeKind::from_name("rosenbrock").unwrap(), "gd");
    assert_eq!(new.encode(), "f=rosenbrock&lr=5e-4");
    let (back, p) = Settings::decode(&new.encode());
    assert!(p.is_empty());
    assert_eq!(back, new);
    // Where the table agrees with the legacy rate, the link stays as short as it was.
    let bowl = picked(LandscapeKind::from_name("quadratic").unwrap(), "gd");
    assert_eq!(bowl.encode(), "");
}
