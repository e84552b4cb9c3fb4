//! The stability band of the learning rate, checked against the rules themselves: on a
//! quadratic, a step just under `Optimizer::band`'s bound converges and one just over it
//! diverges, for gradient descent, heavy ball and Nesterov at several μ; and the curvature
//! the read-out shows is the Hessian's (analytic, data model and hyper-dual).

use descent::optim::{Band, OptState};
use descent::{Curvature, Objective, Optimizer, Settings, Shape};

/// |θ| after `steps` updates of `opt` at `lr` on f = ½(λ₁x² + λ₂y²), from (1, 1).
fn run_quadratic(opt: Optimizer, lr: f64, l: [f64; 2], steps: usize) -> f64 {
    let mut state = OptState::default();
    let mut theta = [1.0, 1.0];
    for _ in 0..steps {
        let g = [l[0] * theta[0], l[1] * theta[1]];
        theta = opt.update(&mut state, theta, g, lr, None);
        if !theta[0].is_finite() {
            return f64::INFINITY;
        }
    }
    theta[0].hypot(theta[1])
}

fn with_mom(name: &str, mom: f64) -> Optimizer {
    let mut o = Optimizer::default_for(name).unwrap();
    if name != "gd" {
        assert!(o.set("mom", mom));
    }
    o
}

#[test]
fn just_under_the_bound_converges_just_over_diverges() {
    let l = [50.0, 2.0];
    for name in ["gd", "momentum", "nesterov"] {
        for mom in [0.0, 0.5, 0.9, 0.99] {
            if name == "gd" && mom != 0.0 {
                continue;
            }
            let opt = with_mom(name, mom);
            let Band::Below(bound) = opt.band(l[0]) else {
                panic!("{name} μ={mom}: {:?}", opt.band(l[0]));
            };
            // μ = 0.99 converges slowly (|roots| ≥ √μ): more steps, a looser margin.
            let (steps, margin) = if mom > 0.95 {
                (40_000, 1e-2)
            } else {
                (4_000, 1e-2)
            };
            let under = run_quadratic(opt, bound * (1.0 - margin), l, steps);
            let over = run_quadratic(opt, bound * (1.0 + margin), l, steps);
            assert!(
                under < 1e-6,
                "{name} μ={mom}: |θ| = {under} just under {bound}"
            );
            assert!(over > 1e6, "{name} μ={mom}: |θ| = {over} just over {bound}");
        }
    }
}

#[test]
fn the_bounds_in_closed_form() {
    let gd = Optimizer::default_for("gd").unwrap();
    assert_eq!(gd.band(50.0), Band::Below(0.04));
    assert_eq!(
        with_mom("momentum", 0.9).band(50.0),
        Band::Below(2.0 * 1.9 / 50.0)
    );
    assert_eq!(
        with_mom("nesterov", 0.9).band(50.0),
        Band::Below(2.0 * 1.9 / (2.8 * 50.0))
    );
    // μ = 0 is plain gradient descent in both forms.
    assert_eq!(with_mom("momentum", 0.0).band(4.0), gd.band(4.0));
    assert_eq!(with_mom("nesterov", 0.0).band(4.0), gd.band(4.0));
    // Heavy ball with μ = 1 never converges; Nesterov with μ = 1 does, below 4/(3λ₁).
    assert_eq!(with_mom("momentum", 1.0).band(4.0), Band::Never);
    assert_eq!(with_mom("nesterov", 1.0).band(3.0), Band::Below(4.0 / 9.0));
    let under = run_quadratic(
        with_mom("nesterov", 1.0),
        0.99 * 4.0 / 9.0,
        [3.0, 1.0],
        20_000,
    );
    assert!(under < 1e-6, "{under}");
    // No upper bound where nothing curves up; nothing when the curvature is not finite.
    for name in ["gd", "momentum", "nesterov"] {
        let o = with_mom(name, 0.9);
        assert_eq!(o.band(0.0), Band::Unbounded);
        assert_eq!(o.band(-3.0), Band::Unbounded);
        assert_eq!(o.band(f64::NAN), Band::Unknown);
        assert_eq!(o.band(f64::INFINITY), Band::Unknown);
    }
}

#[test]
fn adaptive_sign_and_newton_have_no_band() {
    for name in Optimizer::NAMES {
        let o = Optimizer::default_for(name).unwrap();
        let b = o.band(50.0);
        let want = match name {
            "gd" | "momentum" | "nesterov" => "below",
            "rprop" => "sign",
            "newton" => "newton",
            _ => "adaptive",
        };
        assert_eq!(b.code(), want, "{name}");
        assert!(Band::CODES.contains(&b.code()));
        assert_eq!(b.bound().is_some(), want == "below");
    }
}

fn curvature(settings: &str, p: [f64; 2]) -> Curvature {
    let (s, problems) = Settings::decode(settings);
    assert!(problems.is_empty(), "{problems:?}");
    Objective::from_settings(&s).unwrap().curvature(p)
}

#[test]
fn curvature_of_each_kind_of_landscape() {
    // Built-in: the ellipse x² + 25y² is a bowl with λ = 50, 2 everywhere.
    let k = curvature("f=ellipse", [0.3, -1.0]);
    assert_eq!((k.lambda, k.shape, k.dim), ([50.0, 2.0], Shape::Bowl, 2));
    // The saddle x² − y² at the origin.
    let k = curvature("f=saddle", [0.0, 0.0]);
    assert_eq!(k.shape, Shape::Saddle, "{k:?}");
    assert!(k.lambda[0] > 0.0 && k.lambda[1] < 0.0);
    // A formula through the hyper-dual Hessian: x² + 3xy + y² has eigenvalues 5 and −1.
    let k = curvature("f=custom&expr=x^2%2B3*x*y%2By^2", [0.7, 0.2]);
    assert!((k.lambda[0] - 5.0).abs() < 1e-12 && (k.lambda[1] + 1.0).abs() < 1e-12);
    assert_eq!(k.shape, Shape::Saddle);
    // A 1-D formula has one eigenvalue: x⁴ at x = 1 curves 12.
    let k = curvature("f=custom&expr=x^4", [1.0, 0.0]);
    assert_eq!((k.dim, k.lambda[0], k.shape), (1, 12.0, Shape::Bowl));
    // Least squares is a bowl everywhere, with the model's own Hessian.
    let (s, _) = Settings::decode("f=linreg");
    let obj = Objective::from_settings(&s).unwrap();
    let k = obj.curvature([0.0, 0.0]);
    assert_eq!(k.shape, Shape::Bowl);
    assert_eq!(k, Curvature::of(obj.hessian([5.0, -2.0]), 2));
}

#[test]
fn every_shape_and_band_code_has_words_in_both_languages() {
    let strings =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/strings.js"))
            .expect("web/strings.js");
    let twice = |key: &str| {
        let n = strings.matches(&format!("'{key}':")).count();
        assert_eq!(
            n, 2,
            "{key} should have English and Chinese words, found {n}"
        );
    };
    for s in Shape::ALL {
        twice(&format!("shape.{}", s.code()));
    }
    for code in Band::CODES {
        if code == "below" {
            twice("band.below.in");
            twice("band.below.out");
        } else {
            twice(&format!("band.{code}"));
        }
    }
}
