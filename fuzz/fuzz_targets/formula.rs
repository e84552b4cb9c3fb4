//! The formula parser and evaluator on arbitrary text: parsing never panics, and a parsed
//! formula evaluates anywhere (including at non-finite points) without panicking.
#![no_main]

use descent::Formula;
use libfuzzer_sys::fuzz_target;

/// Ordinary points, huge ones, tiny ones and non-finite ones.
const POINTS: [[f64; 2]; 9] = [
    [0.0, 0.0],
    [1.0, -2.0],
    [-0.5, 3.7],
    [-0.0, 5e-324],
    [1e150, -1e150],
    [f64::MAX, f64::MIN],
    [f64::INFINITY, 1.0],
    [f64::NEG_INFINITY, f64::NAN],
    [f64::NAN, f64::NAN],
];

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let f = match Formula::parse(&text) {
        Ok(f) => f,
        Err(e) => {
            // The column points into the text (or just past it).
            assert!(
                e.column >= 1 && e.column <= text.chars().count() + 1,
                "column {} out of range for {text:?}: {e}",
                e.column
            );
            return;
        }
    };
    assert_eq!(f.source(), &*text);
    let _ = f.uses_y();
    for p in POINTS {
        let v = f.value(p);
        let g = f.gradient(p);
        let (v2, g2, h) = f.value_gradient_hessian(p);
        // Documented: the jet's value is computed by the same operations as `value`.
        assert!(
            same(v, v2),
            "{text:?} at {p:?}: value {v} but jet value {v2}"
        );
        let _ = (g, g2, h, f.hessian(p));
    }
});
