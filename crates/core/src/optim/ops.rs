//! Torch's CPU `float64` tensor arithmetic, one scalar at a time, and the cached powers of the Adam family.
//!
//! See the [`super`] module documentation for how each torch operation rounds.

use crate::geometry::Point;
use crate::pow::PowSeq;

/// Torch's `a.add_(b, alpha=s)` on CPU float64: one fused multiply-add.
#[inline(always)]
pub(crate) fn add_alpha(a: f64, b: f64, s: f64) -> f64 {
    s.mul_add(b, a)
}

/// Torch's `a.addcmul_(b, c, value=s)` on CPU float64: `fma(s·b, c, a)`.
#[inline(always)]
pub(crate) fn addcmul(a: f64, b: f64, c: f64, s: f64) -> f64 {
    (s * b).mul_add(c, a)
}

/// Torch's `a.addcdiv_(b, c, value=s)` on CPU float64: `a + (s·b)/c`.
#[inline(always)]
pub(crate) fn addcdiv(a: f64, b: f64, c: f64, s: f64) -> f64 {
    a + s * b / c
}

/// Torch's `a.lerp_(b, w)` on CPU float64.
#[inline(always)]
pub(crate) fn lerp(a: f64, b: f64, w: f64) -> f64 {
    if w.abs() < 0.5 {
        w.mul_add(b - a, a)
    } else {
        (w - 1.0).mul_add(b - a, b)
    }
}

/// `torch.maximum`: propagates NaN (unlike `f64::max`).
#[inline(always)]
pub(crate) fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a >= b {
        a
    } else {
        b
    }
}

/// `Tensor.clamp_(lo, hi)`: `min(max(x, lo), hi)`, NaN kept, and `hi` when `lo > hi` (where
/// `f64::clamp` would panic).
#[inline(always)]
pub(crate) fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let y = if x < lo { lo } else { x };
    if y > hi {
        hi
    } else {
        y
    }
}

/// `Tensor.sign()`: −1, 0 or 1, NaN kept (and −0 for −0, which is 0 all the same).
#[inline(always)]
pub(crate) fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x
    }
}

/// Applies `f` to both coordinates.
#[inline(always)]
pub(crate) fn map2(f: impl Fn(usize) -> f64) -> Point {
    [f(0), f(1)]
}

/// A cache of the powers the Adam family needs ([`PowSeq`] per base), filled on first use.
/// It holds nothing but values that follow from the hyperparameters and t, so two states
/// are equal whatever their caches hold.
#[derive(Clone, Debug, Default)]
pub(crate) struct Powers {
    pub(crate) b1: Option<PowSeq>,
    pub(crate) b2: Option<PowSeq>,
    /// NAdam's 0.96^(0.004·t): the sequence, and the last exponent with its power (μₜ₊₁ of
    /// one step is μₜ of the next).
    pub(crate) nadam: Option<(PowSeq, f64, f64)>,
}

impl PartialEq for Powers {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The sequence for base `b` in `slot`, made anew if the slot is empty or holds another base.
#[inline(always)]
fn seq_for(slot: &mut Option<PowSeq>, b: f64) -> &mut PowSeq {
    match slot {
        Some(s) if s.base().to_bits() == b.to_bits() => {}
        _ => *slot = Some(PowSeq::new(b)),
    }
    slot.as_mut().expect("just filled")
}

/// `1.0 - libm::pow(b, t)`, bit for bit, through the cache.
#[inline(always)]
pub(crate) fn bias_correction(slot: &mut Option<PowSeq>, b: f64, t: u64) -> f64 {
    seq_for(slot, b).one_minus_pow(t)
}

/// `libm::pow(0.96, y)`, bit for bit, remembering the last answer.
pub(crate) fn nadam_pow(slot: &mut Option<(PowSeq, f64, f64)>, y: f64) -> f64 {
    let (seq, last_y, last) = slot.get_or_insert_with(|| (PowSeq::new(0.96), f64::NAN, 0.0));
    if y.to_bits() == last_y.to_bits() {
        return *last;
    }
    let p = seq.pow(y);
    (*last_y, *last) = (y, p);
    p
}
