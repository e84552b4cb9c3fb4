//! The formula's tests: values and precedence, number syntax, every error with its column, derivatives against finite differences, limits and arbitrary input.

use super::*;
use proptest::prelude::*;

fn f(src: &str) -> Formula {
    Formula::parse(src).unwrap_or_else(|e| panic!("{src:?} should parse: {e}"))
}

fn err(src: &str) -> FormulaError {
    match Formula::parse(src) {
        Ok(_) => panic!("{src:?} should not parse"),
        Err(e) => e,
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn values_and_precedence() {
    assert_eq!(f("x^2+y^2").value([3.0, 4.0]), 25.0);
    assert_eq!(f("-x^2").value([3.0, 0.0]), -9.0);
    assert_eq!(f("2^3^2").value([0.0, 0.0]), 512.0);
    assert_eq!(f("2^-1").value([0.0, 0.0]), 0.5);
    assert_eq!(f("2^-x").value([1.0, 0.0]), 0.5);
    assert_eq!(f("1 - 2 - 3").value([0.0, 0.0]), -4.0);
    assert_eq!(f("8 / 4 / 2").value([0.0, 0.0]), 1.0);
    assert_eq!(f("1 + 2 * 3").value([0.0, 0.0]), 7.0);
    assert_eq!(f("(1 + 2) * 3").value([0.0, 0.0]), 9.0);
    assert_eq!(f("--x").value([2.0, 0.0]), 2.0);
    assert_eq!(f("+x - -y").value([2.0, 3.0]), 5.0);
    assert_eq!(f("(-2)^2").value([0.0, 0.0]), 4.0);
    assert_eq!(f("x^2").value([-2.0, 0.0]), 4.0);
    assert_eq!(f("x^3").value([-2.0, 0.0]), -8.0);
    assert_eq!(f("pi").value([0.0, 0.0]), core::f64::consts::PI);
    assert_eq!(f("π").value([0.0, 0.0]), core::f64::consts::PI);
    assert_eq!(f("e").value([0.0, 0.0]), core::f64::consts::E);
    assert_eq!(
        f("ln(e)").value([0.0, 0.0]),
        libm::log(core::f64::consts::E)
    );
    assert_eq!(f("sqrt(16) + abs(-3)").value([0.0, 0.0]), 7.0);
    assert_eq!(f("log10(1000)").value([0.0, 0.0]), 3.0);
}

#[test]
fn number_syntax() {
    assert_eq!(f("1e-3").value([0.0, 0.0]), 1e-3);
    assert_eq!(f("1E+3").value([0.0, 0.0]), 1e3);
    assert_eq!(f(".5").value([0.0, 0.0]), 0.5);
    assert_eq!(f("2.").value([0.0, 0.0]), 2.0);
    assert_eq!(f("2.5e1").value([0.0, 0.0]), 25.0);
    assert_eq!(f("2*e").value([0.0, 0.0]), 2.0 * core::f64::consts::E);
}

#[test]
fn unicode_operators_and_columns() {
    assert_eq!(f("3 × x · y − 1 ÷ 2").value([2.0, 5.0]), 29.5);
    assert_eq!(f("x⋅2").value([2.0, 0.0]), 4.0);
    // '−' and '×' are one column each although they take several bytes.
    let e = err("−x × ×");
    assert_eq!(e.column, 6, "{e}");
    let e = err("π·é");
    assert_eq!(e.column, 3, "{e}");
    assert!(e.message().contains("'é'"), "{e}");
}

#[test]
fn whitespace_is_ignored() {
    assert_eq!(
        f("  sin ( x )\t*\n2 ").value([0.5, 0.0]),
        libm::sin(0.5) * 2.0
    );
}

#[test]
fn error_columns_and_messages() {
    let cases: &[(&str, usize, &str)] = &[
        ("x+", 3, "found the end of the formula"),
        ("(x", 3, "expected ')' to close the '(' at column 1"),
        ("x)", 2, "no matching '('"),
        (
            "sin x",
            5,
            "expected '(' after the function 'sin', found 'x'",
        ),
        ("foo(x)", 1, "unknown function 'foo'"),
        ("1 + foo", 5, "unknown name 'foo'"),
        ("2**3", 3, "write powers with ^"),
        ("1e", 3, "expected digits after the exponent"),
        ("1e+", 4, "expected digits after the exponent"),
        ("2x", 2, "expected an operator, found 'x'"),
        ("2 (x)", 3, "expected an operator, found '('"),
        (
            "(2x)",
            3,
            "expected an operator or ')' to close the '(' at column 1",
        ),
        ("sin(x", 6, "expected ')' to close the 'sin(' at column 1"),
        ("()", 2, "the parentheses are empty"),
        ("x # 2", 3, "unexpected character '#'"),
        ("pow(x, 2)", 6, "unexpected character ','"),
        (".", 1, "expected a digit"),
        ("log(x)", 1, "ln for the natural logarithm"),
        ("X", 1, "did you mean 'x'"),
        ("x^", 3, "after '^'"),
    ];
    for &(src, column, needle) in cases {
        let e = err(src);
        assert_eq!(e.column, column, "{src:?}: {e}");
        assert!(e.message().contains(needle), "{src:?}: {e}");
    }
    let e = err("foo");
    assert!(
        e.message().contains("known names: x, y, pi, e, sin, cos"),
        "{e}"
    );
    assert_eq!(
        err("(x").to_string(),
        "column 3: expected ')' to close the '(' at column 1, found the end of the formula"
    );
}

#[test]
fn empty_formulas() {
    for src in ["", "   ", "\t\n"] {
        let e = err(src);
        assert_eq!(
            (e.column, e.message().as_str()),
            (1, "the formula is empty")
        );
    }
}

#[test]
fn length_limit_counts_characters() {
    let ok = format!("x{}", "+x".repeat(499)); // 999 characters
    assert_eq!(f(&ok).value([1.0, 0.0]), 500.0);
    let ok = format!("{}x", " ".repeat(999)); // exactly 1000
    f(&ok);
    let long = "x".repeat(1001);
    let e = err(&long);
    assert!(
        e.message().contains("1001") && e.message().contains("1000"),
        "{e}"
    );
    // 1000 two-byte characters are still 1000 characters, not 2000 bytes over the limit.
    f(&format!("{}x", "\u{a0}".repeat(999)));
}

#[test]
fn depth_limit() {
    let nest = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(f(&nest(100)).value([2.0, 0.0]), 2.0);
    let e = err(&nest(101));
    assert_eq!(e.column, 101, "{e}");
    assert!(e.message().contains("100"), "{e}");

    assert_eq!(f(&format!("{}x", "-".repeat(100))).value([2.0, 0.0]), 2.0);
    assert!(Formula::parse(&format!("{}x", "-".repeat(101))).is_err());

    let calls = |n: usize| format!("{}x{}", "abs(".repeat(n), ")".repeat(n));
    assert_eq!(f(&calls(100)).value([-2.0, 0.0]), 2.0);
    assert!(Formula::parse(&calls(101)).is_err());

    let tower = |n: usize| format!("1{}", "^1".repeat(n));
    assert_eq!(f(&tower(100)).value([0.0, 0.0]), 1.0);
    assert!(Formula::parse(&tower(101)).is_err());
}

#[test]
fn legal_depth_fits_a_small_stack() {
    // The parser recurses about five frames per level; 100 levels must fit well inside the
    // 1 MiB a wasm32 module gets by default, even unoptimised.
    let worst = [
        format!("{}x{}", "(".repeat(100), ")".repeat(100)),
        format!("{}x{}", "sin(".repeat(100), ")".repeat(100)),
        format!("{}x", "-".repeat(100)),
        format!("x{}", "^-x".repeat(50)),
        format!("{}x", "(".repeat(101)),
    ];
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            for src in worst {
                if let Ok(fm) = Formula::parse(&src) {
                    let _ = fm.value_gradient_hessian([0.5, 0.5]);
                }
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

/// Measured needs at 100 levels: under 64 KiB optimised, under 512 KiB unoptimised.
const STACK: usize = if cfg!(debug_assertions) { 512 } else { 64 } * 1024;

#[test]
fn pathological_inputs_error_without_crashing() {
    for src in [
        "(".repeat(1000),
        "-".repeat(1000),
        format!("{}x", "-".repeat(999)),
        format!("2{}", "^2".repeat(499)),
        format!("{}x", "sin(".repeat(250)),
        "−".repeat(1000),
    ] {
        assert!(Formula::parse(&src).is_err(), "{src}");
    }
    // Long flat chains are fine: they do not nest.
    let chain = format!("x{}", "*x+y".repeat(249));
    let g = f(&chain);
    assert!(g.value([1.0, 1.0]).is_finite());
    assert!(g.hessian([1.0, 1.0])[0][0].is_finite());
    // Deep but legal nesting with pending operands at every level uses the heap stack.
    let deep = format!("{}x{}", "x+(".repeat(100), ")".repeat(100));
    let g = f(&deep);
    assert!(g.max_stack > 32);
    assert_eq!(g.value([1.0, 0.0]), 101.0);
    assert_eq!(g.gradient([1.0, 0.0]), [101.0, 0.0]);
}

#[test]
fn domain_errors_propagate() {
    assert!(f("ln(x)").value([-1.0, 0.0]).is_nan());
    assert_eq!(f("1/x").value([0.0, 0.0]), f64::INFINITY);
    assert!(f("sqrt(x)").gradient([-1.0, 0.0])[0].is_nan());
    assert!(f("ln(0-1)").value([0.0, 0.0]).is_nan());
    let (v, g, h) = f("x^y").value_gradient_hessian([-1.0, 0.5]);
    assert!(v.is_nan() && g[0].is_nan() && h[0][0].is_nan());
}

#[test]
fn uses_y_and_source() {
    assert!(!f("x^2 + sin(x)").uses_y());
    assert!(f("x + y").uses_y());
    assert_eq!(f(" x + y ").source(), " x + y ");
    assert_eq!(f("x+y").to_string(), "x+y");
    assert_eq!("x+y".parse::<Formula>(), Ok(f("x+y")));
}

#[test]
fn constants_fold() {
    assert_eq!(f("2*3+sin(0)").code, vec![Op::Const(6.0)]);
    assert_eq!(f("x^(1+1)").code, vec![Op::X, Op::Square]);
    assert_eq!(f("x^-1").code, vec![Op::X, Op::PowConst(-1.0)]);
    assert_eq!(f("x^y").code, vec![Op::X, Op::Y, Op::Pow]);
}

#[test]
fn rosenbrock_matches_analytic_derivatives() {
    let r = f("(1-x)^2+100*(y-x^2)^2");
    for p in [[-1.2, 1.0], [0.0, 0.0], [1.0, 1.0], [0.5, -0.3], [2.0, 3.0]] {
        let [x, y] = p;
        let v = (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x);
        let gx = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x);
        let gy = 200.0 * (y - x * x);
        let hxx = 2.0 - 400.0 * (y - x * x) + 800.0 * x * x;
        let hxy = -400.0 * x;
        let (fv, g, h) = r.value_gradient_hessian(p);
        assert!(close(fv, v, 1e-14));
        assert!(
            close(g[0], gx, 1e-12) && close(g[1], gy, 1e-12),
            "{p:?} {g:?}"
        );
        assert!(close(h[0][0], hxx, 1e-12), "{p:?} {h:?}");
        assert!(close(h[0][1], hxy, 1e-12) && close(h[1][0], hxy, 1e-12));
        assert!(close(h[1][1], 200.0, 1e-12));
        assert_eq!(r.gradient(p), g);
        assert_eq!(r.hessian(p), h);
    }
}

#[test]
fn other_analytic_derivatives() {
    let (x, y) = (0.7, 1.3);
    // sin(x)·exp(y)
    let (_, g, h) = f("sin(x)*exp(y)").value_gradient_hessian([x, y]);
    let (s, c, ey) = (x.sin(), x.cos(), y.exp());
    let want = ([c * ey, s * ey], [[-s * ey, c * ey], [c * ey, s * ey]]);
    check(g, h, want);
    // ln(x)·sqrt(y)
    let (_, g, h) = f("ln(x)*sqrt(y)").value_gradient_hessian([x, y]);
    let (l, r) = (x.ln(), y.sqrt());
    let want = (
        [r / x, l / (2.0 * r)],
        [
            [-r / (x * x), 1.0 / (2.0 * x * r)],
            [1.0 / (2.0 * x * r), -l / (4.0 * r * y)],
        ],
    );
    check(g, h, want);
    // tanh(x·y)
    let (_, g, h) = f("tanh(x*y)").value_gradient_hessian([x, y]);
    let t = (x * y).tanh();
    let d = 1.0 - t * t;
    let dd = -2.0 * t * d;
    let want = (
        [y * d, x * d],
        [[y * y * dd, d + x * y * dd], [d + x * y * dd, x * x * dd]],
    );
    check(g, h, want);
    // x^y with a variable exponent.
    let (_, g, h) = f("x^y").value_gradient_hessian([x, y]);
    let p = x.powf(y);
    let want = (
        [y * p / x, p * x.ln()],
        [
            [y * (y - 1.0) * p / (x * x), p / x * (1.0 + y * x.ln())],
            [p / x * (1.0 + y * x.ln()), p * x.ln() * x.ln()],
        ],
    );
    check(g, h, want);
}

fn check(g: Point, h: Hessian, want: (Point, Hessian)) {
    for i in 0..2 {
        assert!(close(g[i], want.0[i], 1e-12), "{g:?} vs {:?}", want.0);
        for j in 0..2 {
            assert!(close(h[i][j], want.1[i][j], 1e-12), "{h:?} vs {:?}", want.1);
        }
    }
}

#[test]
fn kinks_and_zeros_stay_finite() {
    assert_eq!(
        f("x^2").value_gradient_hessian([0.0, 0.0]),
        (0.0, [0.0, 0.0], [[2.0, 0.0], [0.0, 0.0]])
    );
    assert_eq!(f("x^1").gradient([0.0, 0.0]), [1.0, 0.0]);
    assert_eq!(f("x^1").hessian([0.0, 0.0]), [[0.0; 2]; 2]);
    assert_eq!(f("x^3").hessian([0.0, 0.0]), [[0.0; 2]; 2]);
    assert_eq!(f("(-2)^2 + x^0").gradient([0.0, 0.0]), [0.0, 0.0]);
    assert_eq!(f("abs(x)").gradient([0.0, 0.0]), [0.0, 0.0]);
    assert_eq!(f("abs(x)").gradient([-3.0, 0.0]), [-1.0, 0.0]);
    // sqrt(y) at y = 0 must not poison the x-derivative.
    let g = f("x^2 + sqrt(y)").gradient([1.0, 0.0]);
    assert_eq!(g[0], 2.0);
    assert_eq!(g[1], f64::INFINITY);
}

/// Formulas smooth on the box (0.2, 2)², for the finite-difference cross-checks.
const SMOOTH: &[&str] = &[
    "(1-x)^2+100*(y-x^2)^2",
    "sin(x)*exp(y)",
    "ln(x)*sqrt(y)",
    "tanh(x*y)",
    "x^y + y^x",
    "x/y - y/(1+x^2)",
    "cos(x*y)^3 - tan(x/3)",
    "log10(x+y) * cosh(x-y) + sinh(y)/2",
    "abs(x - 5) * 2^-x + e^(x*y/4)",
    "-x^2.5 * y^-1.5 + pi",
    "sqrt(x^2 + y^2) − 3·x×y",
];

proptest! {
    #[test]
    fn derivatives_match_central_differences(
        which in 0..SMOOTH.len(),
        x in 0.2f64..2.0,
        y in 0.2f64..2.0,
    ) {
        let fm = f(SMOOTH[which]);
        let h = 1e-5;
        let (v, g, hess) = fm.value_gradient_hessian([x, y]);
        prop_assert_eq!(v.to_bits(), fm.value([x, y]).to_bits());
        prop_assert_eq!(g, fm.gradient([x, y]));
        let fd = |dx: f64, dy: f64| fm.value([x + dx, y + dy]);
        let gx = (fd(h, 0.0) - fd(-h, 0.0)) / (2.0 * h);
        let gy = (fd(0.0, h) - fd(0.0, -h)) / (2.0 * h);
        let scale = 1.0 + v.abs();
        prop_assert!(close(g[0], gx, 1e-6 * scale), "{} ∂x {} vs {}", SMOOTH[which], g[0], gx);
        prop_assert!(close(g[1], gy, 1e-6 * scale), "{} ∂y {} vs {}", SMOOTH[which], g[1], gy);
        // Differencing the exact gradient keeps the Hessian check well conditioned.
        let gd = |dx: f64, dy: f64| fm.gradient([x + dx, y + dy]);
        let (gxp, gxm, gyp, gym) = (gd(h, 0.0), gd(-h, 0.0), gd(0.0, h), gd(0.0, -h));
        let fd_h = [
            [(gxp[0] - gxm[0]) / (2.0 * h), (gyp[0] - gym[0]) / (2.0 * h)],
            [(gxp[1] - gxm[1]) / (2.0 * h), (gyp[1] - gym[1]) / (2.0 * h)],
        ];
        let gscale = 1.0 + g[0].abs().max(g[1].abs());
        for i in 0..2 {
            for j in 0..2 {
                prop_assert!(
                    close(hess[i][j], fd_h[i][j], 1e-6 * gscale),
                    "{} H[{}][{}] {} vs {}", SMOOTH[which], i, j, hess[i][j], fd_h[i][j]
                );
            }
        }
        prop_assert_eq!(hess[0][1], hess[1][0]);
    }

    #[test]
    fn arbitrary_strings_never_panic(src in any::<String>(), x in -10.0f64..10.0, y in -10.0f64..10.0) {
        if let Ok(fm) = Formula::parse(&src) {
            let _ = fm.value([x, y]);
            let _ = fm.value_gradient_hessian([x, y]);
        }
    }

    #[test]
    fn formula_like_strings_never_panic(
        src in "[xy0-9eE.+*/^() −×·π-]{0,60}|((sin|ln|sqrt|abs|exp|x|y|pi|e|\\(|\\)|[-+*/^ ]|[0-9.eE]{1,3}){0,30})",
        x in prop_oneof![Just(0.0), Just(-1.0), -1e3f64..1e3],
        y in prop_oneof![Just(0.0), Just(1.0), -1e3f64..1e3],
    ) {
        match Formula::parse(&src) {
            Ok(fm) => {
                let v = fm.value([x, y]);
                let (v2, _, _) = fm.value_gradient_hessian([x, y]);
                prop_assert!(v.to_bits() == v2.to_bits() || (v.is_nan() && v2.is_nan()));
                let _ = fm.gradient([x, y]);
            }
            Err(e) => {
                prop_assert!(e.column >= 1 && e.column <= src.chars().count() + 1, "{}: {}", src, e);
                prop_assert!(!e.message().is_empty());
            }
        }
    }
}
