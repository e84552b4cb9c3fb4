//! Numbers as text: the shortest form that reads back to the same bits, and short round values.
//!
//! A leaf module: links, messages, CSV and JSON all write numbers through it, so that every
//! face of Descent prints the same digits.

/// Formats a float in the shortest form that reads back to the same bits.
pub fn fmt_f64(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let plain = format!("{x}");
    let sci = format!("{x:e}");
    if sci.len() < plain.len() {
        sci
    } else {
        plain
    }
}

/// `x` rounded up to three significant digits (a short decimal at or above `x`), so that a
/// value written into a link reads well and is still not below the value it stands for.
/// Non-finite and non-positive values are returned as they are.
pub fn round_up_3_digits(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return x;
    }
    let text = format!("{x:.2e}");
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let (m, e) = (
        mantissa.parse::<f64>().unwrap_or(1.0),
        exp.parse::<i32>().unwrap_or(0),
    );
    let nearest = format!("{m:.2}e{e}").parse::<f64>().unwrap_or(x);
    if nearest >= x {
        return nearest;
    }
    // Rounded down: one unit in the third digit more (9.99 carries over to 10.0).
    format!("{:.2}e{e}", m + 0.01).parse::<f64>().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_up_to_three_digits_is_short_and_never_below() {
        assert_eq!(round_up_3_digits(16.289106397041444), 16.3);
        assert_eq!(round_up_3_digits(0.2812), 0.282);
        assert_eq!(round_up_3_digits(0.28), 0.28);
        assert_eq!(round_up_3_digits(9.996), 10.0);
        assert_eq!(round_up_3_digits(1234.5), 1240.0);
        for x in [1e-9, 0.1 + 0.2, 3.0f64.sqrt(), 123456.789] {
            let r = round_up_3_digits(x);
            assert!(r >= x && r < x * 1.011, "{x} → {r}");
            assert!(fmt_f64(r).len() <= 7, "{x} → {r}");
        }
    }
}
