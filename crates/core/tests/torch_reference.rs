//! Checks every first-order optimizer against trajectories recorded with the real torch.optim classes.
//!
//! The fixtures (`fixtures/torch_refs.json`) are made by `fixtures/make_torch_refs.py`. Two
//! checks per case:
//!
//! 1. replay: from each torch θ_k, with torch's gradient g_k, one `Optimizer::update` must give
//!    torch's θ_{k+1}; the optimizer state is carried along our own chain of updates;
//! 2. full trajectory (quadratic and Rosenbrock only): our own gradients and our own θ from θ_0
//!    for 200 steps must stay on torch's path.
//!
//! Both are required to agree to a relative 1e-9 (`|a − b| / max(1, |b|)`); the maximum
//! deviation per optimizer is printed (run with `--nocapture`). It is exactly 0 for the SGD
//! family, Adagrad and RMSprop, and at most a few 1e-16 for the rest: torch's powers come from
//! the C library's `pow` and its square roots from MKL, which differ from `libm` in the last
//! bit now and then (see the `optim` module documentation).

use descent::{OptState, Optimizer, Point};
use serde_json::Value;

const TOL: f64 = 1e-9;

struct Case {
    opt: Optimizer,
    label: String,
    landscape: String,
    lr: f64,
    theta: Vec<Point>,
    grad: Vec<Point>,
}

fn point(v: &Value) -> Point {
    let a = v.as_array().expect("point");
    [a[0].as_f64().unwrap(), a[1].as_f64().unwrap()]
}

fn load() -> (String, Vec<Case>) {
    let text = include_str!("fixtures/torch_refs.json");
    let json: Value = serde_json::from_str(text).expect("torch_refs.json parses");
    let version = json["torch"].as_str().unwrap().to_string();
    let cases = json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let name = c["opt"].as_str().unwrap();
            let mut opt = Optimizer::default_for(name).expect("known optimizer");
            let params = c["params"].as_object().unwrap();
            for (k, v) in params {
                assert!(opt.set(k, v.as_f64().unwrap()), "{name} has no {k}");
            }
            let landscape = c["landscape"].as_str().unwrap().to_string();
            let lr = c["lr"].as_f64().unwrap();
            let label = format!("{name} {params:?} lr={lr} on {landscape}");
            let pts = |key: &str| c[key].as_array().unwrap().iter().map(point).collect();
            Case {
                opt,
                label,
                landscape,
                lr,
                theta: pts("theta"),
                grad: pts("grad"),
            }
        })
        .collect();
    (version, cases)
}

fn deviation(a: Point, b: Point) -> f64 {
    (0..2)
        .map(|i| {
            if a[i] == b[i] {
                0.0
            } else {
                (a[i] - b[i]).abs() / b[i].abs().max(1.0)
            }
        })
        .fold(0.0, f64::max)
}

/// Max deviation per optimizer name, in `Optimizer::NAMES` order.
fn report(title: &str, version: &str, worst: &[(&str, f64)]) {
    println!("{title} (torch {version}):");
    for (name, d) in worst {
        println!("  {name:>9}: max relative deviation {d:e}");
    }
}

fn bump(worst: &mut [(&'static str, f64)], name: &str, d: f64) {
    let slot = worst.iter_mut().find(|(n, _)| *n == name).unwrap();
    slot.1 = slot.1.max(d);
}

#[test]
fn replay_matches_torch_step_by_step() {
    let (version, cases) = load();
    assert!(cases.len() >= 90, "only {} cases", cases.len());
    let mut worst: Vec<(&'static str, f64)> = Optimizer::NAMES.iter().map(|n| (*n, 0.0)).collect();
    let mut failures = Vec::new();
    for c in &cases {
        assert_eq!(c.theta.len(), c.grad.len() + 1, "{}", c.label);
        let mut state = OptState::new();
        for k in 0..c.grad.len() {
            let got = c.opt.update(&mut state, c.theta[k], c.grad[k], c.lr, None);
            let want = c.theta[k + 1];
            let d = deviation(got, want);
            bump(&mut worst, c.opt.name(), d);
            if d.is_nan() || d > TOL && failures.len() < 20 {
                failures.push(format!(
                    "{}: step {k}: from θ={:?} with g={:?} got {got:?}, torch {want:?} (deviation {d:e})",
                    c.label, c.theta[k], c.grad[k]
                ));
            }
        }
    }
    report("replay", &version, &worst);
    assert!(
        failures.is_empty(),
        "optimizers disagree with torch:\n{}",
        failures.join("\n")
    );
}

fn quadratic_grad(p: Point) -> Point {
    [2.0 * p[0], 2.0 * p[1]]
}

/// Gradient of (1 − x)² + 100(y − x²)², written as autograd evaluates torch's expression.
fn rosenbrock_grad(p: Point) -> Point {
    let [x, y] = p;
    let r = y - x * x;
    // d/dx: 2(1 − x)·(−1) + 100·2r·(−2x); d/dy: 100·2r.
    let gx = -(2.0 * (1.0 - x)) + -(100.0 * (2.0 * r)) * (2.0 * x);
    let gy = 100.0 * (2.0 * r);
    [gx, gy]
}

#[test]
fn full_trajectories_match_torch() {
    let (version, cases) = load();
    let mut worst: Vec<(&'static str, f64)> = Optimizer::NAMES.iter().map(|n| (*n, 0.0)).collect();
    let mut grad_worst = 0.0f64;
    let mut checked = 0;
    let mut failures = Vec::new();
    for c in &cases {
        let grad: fn(Point) -> Point = match c.landscape.as_str() {
            "quadratic" => quadratic_grad,
            "rosenbrock" => rosenbrock_grad,
            _ => continue,
        };
        checked += 1;
        let mut state = OptState::new();
        let mut theta = c.theta[0];
        for k in 0..c.grad.len() {
            let g = grad(theta);
            grad_worst = grad_worst.max(deviation(g, c.grad[k]));
            theta = c.opt.update(&mut state, theta, g, c.lr, None);
            let want = c.theta[k + 1];
            let d = deviation(theta, want);
            bump(&mut worst, c.opt.name(), d);
            if d.is_nan() || d > TOL {
                failures.push(format!(
                    "{}: step {k}: θ={theta:?}, torch {want:?} (deviation {d:e})",
                    c.label
                ));
                break;
            }
        }
    }
    assert!(checked >= 20, "only {checked} full-trajectory cases");
    report("full trajectory", &version, &worst);
    println!("  gradient at our θ vs autograd at torch's θ: max relative deviation {grad_worst:e}");
    assert!(
        failures.is_empty(),
        "trajectories leave torch's path:\n{}",
        failures.join("\n")
    );
}
