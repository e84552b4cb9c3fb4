//! `1 − bᵗ` for t = 1, 2, 3, …: the bias corrections of the Adam family, bit for bit equal
//! to `1.0 - libm::pow(b, t)` but cheaper.
//!
//! Two things make it cheaper without changing a bit:
//!
//! - `libm::pow` (FreeBSD's `e_pow.c`) first computes log₂|x| in two pieces `t1 + t2` that
//!   depend on x alone, then multiplies by y and exponentiates. [`PowSeq`] computes the two
//!   pieces once and runs the second half, copied operation for operation, at every t. Rust
//!   neither reassociates nor contracts floating-point operations, so the same operations in
//!   the same order give the same bits.
//! - Once a computed `|bᵗ|` is at most 2⁻⁵⁶, every later `|bᵗ|` is smaller (the exact values
//!   decrease, and `pow` is within an ulp of them), so `1 − bᵗ` rounds to exactly 1.0 for
//!   every later t (it would take `|bᵗ| > 2⁻⁵⁴`). From then on no power is computed at all.
//!   For b = 0.9 this happens after 368 steps, for b = 0.999 after 38,800.
//!
//! Anything off the common path (b ≤ 0, b = 1, b not finite, y = 0, y not finite or
//! |y| > 2³⁰) goes to `libm::pow` itself. The tests compare the two on many bases and
//! exponents, and on every step up to 1,000,000 for the usual betas.

// The constants of FreeBSD's e_pow.c as written there (they parse to the same f64s).
#![allow(clippy::excessive_precision, clippy::approx_constant)]
const DP_H: [f64; 2] = [0.0, 5.84962487220764160156e-01];
const DP_L: [f64; 2] = [0.0, 1.35003920212974897128e-08];
const BP: [f64; 2] = [1.0, 1.5];
const TWO53: f64 = 9007199254740992.0;
const HUGE: f64 = 1.0e300;
const TINY: f64 = 1.0e-300;
const L1: f64 = 5.99999999999994648725e-01;
const L2: f64 = 4.28571428578550184252e-01;
const L3: f64 = 3.33333329818377432918e-01;
const L4: f64 = 2.72728123808534006489e-01;
const L5: f64 = 2.30660745775561754067e-01;
const L6: f64 = 2.06975017800338417784e-01;
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;
const LG2: f64 = 6.93147180559945286227e-01;
const LG2_H: f64 = 6.93147182464599609375e-01;
const LG2_L: f64 = -1.90465429995776804525e-09;
const OVT: f64 = 8.0085662595372944372e-017;
const CP: f64 = 9.61796693925975554329e-01;
const CP_H: f64 = 9.61796700954437255859e-01;
const CP_L: f64 = -7.02846165095275826516e-09;

/// Below this, `1 − bᵗ` is 1.0 for this t and every later one (see the module text).
const NEGLIGIBLE: f64 = 1.0 / 72_057_594_037_927_936.0; // 2⁻⁵⁶

#[inline]
fn with_set_low_word(f: f64, lo: u32) -> f64 {
    f64::from_bits((f.to_bits() & 0xffff_ffff_0000_0000) | lo as u64)
}

#[inline]
fn with_set_high_word(f: f64, hi: u32) -> f64 {
    f64::from_bits((f.to_bits() & 0x0000_0000_ffff_ffff) | ((hi as u64) << 32))
}

#[inline]
fn get_high_word(x: f64) -> u32 {
    (x.to_bits() >> 32) as u32
}

/// The powers of one base b at whole exponents, as `libm::pow` computes them.
#[derive(Clone, Copy, Debug)]
pub struct PowSeq {
    base: f64,
    /// log₂ b in two pieces, as `libm::pow` splits it; `None` when b is off the common path.
    log2: Option<(f64, f64)>,
    /// From this t on, `1 − bᵗ` is 1.0 (`u64::MAX` until such a t is seen).
    negligible_from: u64,
    /// `1 − bᵗ` for the `AHEAD` steps from `ahead_from` on, computed together: powers that do
    /// not wait for one another overlap in the processor, where one power in each step would
    /// hold that step up.
    ahead: [f64; AHEAD],
    ahead_from: u64,
}

/// How many bias corrections [`PowSeq::one_minus_pow`] computes at once.
const AHEAD: usize = 32;

impl PartialEq for PowSeq {
    /// A cache of values that follow from the base: equal whenever the bases are.
    fn eq(&self, other: &Self) -> bool {
        self.base.to_bits() == other.base.to_bits()
    }
}

impl PowSeq {
    /// The sequence for base `b`.
    pub fn new(b: f64) -> PowSeq {
        PowSeq {
            base: b,
            log2: log2_pieces(b),
            negligible_from: u64::MAX,
            ahead: [0.0; AHEAD],
            // Far from every t a run reaches, so that nothing counts as computed yet.
            ahead_from: 1 << 63,
        }
    }

    /// The base.
    pub fn base(&self) -> f64 {
        self.base
    }

    /// `libm::pow(b, y)`, bit for bit.
    #[inline(always)]
    pub fn pow(&self, y: f64) -> f64 {
        match self.log2 {
            Some((t1, t2)) if y != 0.0 && y.abs() <= 1_073_741_824.0 => {
                // The special exponents `libm::pow` answers before its general path.
                if y == 1.0 {
                    self.base
                } else if y == -1.0 {
                    1.0 / self.base
                } else if y == 2.0 {
                    self.base * self.base
                } else if y == 0.5 {
                    libm::sqrt(self.base)
                } else {
                    exp2_part(y, t1, t2)
                }
            }
            _ => libm::pow(self.base, y),
        }
    }

    /// `1.0 - libm::pow(b, t as f64)`, bit for bit, for t counting steps.
    #[inline(always)]
    pub fn one_minus_pow(&mut self, t: u64) -> f64 {
        if t >= self.negligible_from {
            return 1.0;
        }
        let i = t.wrapping_sub(self.ahead_from);
        if i < AHEAD as u64 {
            return self.ahead[i as usize];
        }
        self.compute_ahead(t);
        self.ahead[0]
    }

    /// Fills `ahead` with `1 − bᵗ` for the `AHEAD` steps from t on.
    #[inline(never)]
    fn compute_ahead(&mut self, t: u64) {
        self.ahead_from = t;
        for i in 0..AHEAD {
            let ti = t + i as u64;
            self.ahead[i] = if ti >= self.negligible_from {
                1.0
            } else {
                let p = self.pow(ti as f64);
                if p.abs() <= NEGLIGIBLE {
                    self.negligible_from = ti;
                }
                1.0 - p
            };
        }
    }
}

/// The first half of `libm::pow(x, y)` for x > 0, finite, x ≠ 1: log₂ x as `t1 + t2`.
fn log2_pieces(x: f64) -> Option<(f64, f64)> {
    if !(x > 0.0 && x.is_finite() && x != 1.0) {
        return None;
    }
    let mut ix: i32 = ((x.to_bits() >> 32) as i32) & 0x7fffffff;
    let mut ax = x;
    let mut n: i32 = 0;
    if ix < 0x00100000 {
        ax *= TWO53;
        n -= 53;
        ix = get_high_word(ax) as i32;
    }
    n += (ix >> 20) - 0x3ff;
    let j = ix & 0x000fffff;
    let k: i32;
    ix = j | 0x3ff00000;
    if j <= 0x3988E {
        k = 0;
    } else if j < 0xBB67A {
        k = 1;
    } else {
        k = 0;
        n += 1;
        ix -= 0x00100000;
    }
    let k = k as usize;
    ax = with_set_high_word(ax, ix as u32);
    let u: f64 = ax - BP[k];
    let v: f64 = 1.0 / (ax + BP[k]);
    let ss: f64 = u * v;
    let s_h = with_set_low_word(ss, 0);
    let t_h: f64 = with_set_high_word(
        0.0,
        ((ix as u32 >> 1) | 0x20000000) + 0x00080000 + ((k as u32) << 18),
    );
    let t_l: f64 = ax - (t_h - BP[k]);
    let s_l: f64 = v * ((u - s_h * t_h) - s_h * t_l);
    let s2: f64 = ss * ss;
    let mut r: f64 = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    let s2: f64 = s_h * s_h;
    let t_h: f64 = with_set_low_word(3.0 + s2 + r, 0);
    let t_l: f64 = r - ((t_h - 3.0) - s2);
    let u: f64 = s_h * t_h;
    let v: f64 = s_l * t_h + t_l * ss;
    let p_h: f64 = with_set_low_word(u + v, 0);
    let p_l = v - (p_h - u);
    let z_h: f64 = CP_H * p_h;
    let z_l: f64 = CP_L * p_h + p_l * CP + DP_L[k];
    let t: f64 = n as f64;
    let t1 = with_set_low_word(((z_h + z_l) + DP_H[k]) + t, 0);
    let t2 = z_l - (((t1 - t) - DP_H[k]) - z_h);
    Some((t1, t2))
}

/// The second half of `libm::pow(x, y)` with s = 1: 2^(y·(t1 + t2)).
#[inline(always)]
fn exp2_part(y: f64, t1: f64, t2: f64) -> f64 {
    let s = 1.0;
    let y1: f64 = with_set_low_word(y, 0);
    let p_l: f64 = (y - y1) * t1 + y * t2;
    let mut p_h: f64 = y1 * t1;
    let z: f64 = p_l + p_h;
    let mut j: i32 = (z.to_bits() >> 32) as i32;
    let i: i32 = z.to_bits() as i32;
    if j >= 0x40900000 {
        if (j - 0x40900000) | i != 0 {
            return s * HUGE * HUGE;
        }
        if p_l + OVT > z - p_h {
            return s * HUGE * HUGE;
        }
    } else if (j & 0x7fffffff) >= 0x4090cc00 {
        if (((j as u32).wrapping_sub(0xc090cc00)) | (i as u32)) != 0 {
            return s * TINY * TINY;
        }
        if p_l <= z - p_h {
            return s * TINY * TINY;
        }
    }
    let i: i32 = j & 0x7fffffff_i32;
    let mut k = (i >> 20) - 0x3ff;
    let mut n: i32 = 0;
    if i > 0x3fe00000 {
        n = j + (0x00100000 >> (k + 1));
        k = ((n & 0x7fffffff) >> 20) - 0x3ff;
        let t: f64 = with_set_high_word(0.0, (n & !(0x000fffff >> k)) as u32);
        n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
        if j < 0 {
            n = -n;
        }
        p_h -= t;
    }
    let t: f64 = with_set_low_word(p_l + p_h, 0);
    let u: f64 = t * LG2_H;
    let v: f64 = (p_l - (t - p_h)) * LG2 + t * LG2_L;
    let mut z: f64 = u + v;
    let w: f64 = v - (z - u);
    let t: f64 = z * z;
    let t1: f64 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    let r: f64 = (z * t1) / (t1 - 2.0) - (w + z * w);
    z = 1.0 - (r - z);
    j = get_high_word(z) as i32;
    j += n << 20;
    if (j >> 20) <= 0 {
        z = libm::scalbn(z, n);
    } else {
        z = with_set_high_word(z, j as u32);
    }
    s * z
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn check(b: f64, ts: impl Iterator<Item = u64>) {
        let mut seq = PowSeq::new(b);
        for t in ts {
            let want = libm::pow(b, t as f64);
            let got = seq.pow(t as f64);
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "pow({b:e}, {t}) = {want:e}, got {got:e}"
            );
            let want = 1.0 - want;
            let got = seq.one_minus_pow(t);
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "1 - pow({b:e}, {t}) = {want:e}, got {got:e}"
            );
        }
    }

    #[test]
    fn equals_libm_pow_for_the_default_betas_at_every_step() {
        for b in [0.9, 0.999, 0.99, 0.95, 0.5] {
            let n = if cfg!(debug_assertions) {
                60_000
            } else {
                1_000_000
            };
            check(b, 1..=n);
        }
    }

    #[test]
    fn equals_libm_pow_for_random_bases_and_steps() {
        let mut rng = Rng::new(7);
        for _ in 0..3_000 {
            // Bases across (0, 1) with many close to 1, a few above 1 and some odd ones.
            let u = rng.next_f64();
            let b = match rng.next_u64() % 6 {
                0 => u,
                1 => 1.0 - u * 1e-3,
                2 => 1.0 - u * 1e-9,
                3 => 1.0 + u,
                4 => u * 1e-310,
                _ => 1.0 - libm::exp2(-(u * 52.0)),
            };
            let start = rng.next_u64() % 1_000_000;
            check(b, (1..=200).map(|t| start + t));
            check(b, 1..=20);
        }
        for b in [
            0.0,
            -0.0,
            -0.5,
            1.0,
            2.0,
            f64::NAN,
            f64::INFINITY,
            f64::MIN_POSITIVE,
        ] {
            check(b, 1..=50);
        }
        // NAdam's exponents 0.004·t, and fractional ones in general.
        for b in [0.96, 0.5, 1.7, 1e-300] {
            let seq = PowSeq::new(b);
            for t in 1..=20_000 {
                for y in [t as f64 * 0.004, t as f64 / 7.0, -(t as f64) / 3.0] {
                    let (a, c) = (seq.pow(y), libm::pow(b, y));
                    assert!(
                        a.to_bits() == c.to_bits(),
                        "pow({b}, {y}): {c:e}, got {a:e}"
                    );
                }
            }
        }
        // Exponents off the fast path go to libm::pow itself.
        let seq = PowSeq::new(0.9);
        for t in [0.5, 1.5, -3.0, 0.0, 3e9, f64::NAN, f64::INFINITY] {
            let (a, b) = (seq.pow(t), libm::pow(0.9, t));
            assert!(
                a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                "{t}"
            );
        }
    }
}
