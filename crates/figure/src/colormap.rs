//! Loss values to colours: the viridis colormap and a robust linear or logarithmic scale.
//!
//! Viridis is perceptually uniform (equal steps in value look like equal steps in colour),
//! readable in grey scale and by people with the common forms of colour blindness. The table
//! is matplotlib's `_viridis_data` by Stéfan van der Walt and Nathaniel Smith (BIDS colormaps,
//! released under CC0), each component rounded to 8 bits.

/// The 256 colours of viridis, from dark purple (low) to yellow (high), as RGB bytes.
pub static VIRIDIS: [[u8; 3]; 256] = [
    [68, 1, 84],
    [68, 2, 86],
    [69, 4, 87],
    [69, 5, 89],
    [70, 7, 90],
    [70, 8, 92],
    [70, 10, 93],
    [70, 11, 94],
    [71, 13, 96],
    [71, 14, 97],
    [71, 16, 99],
    [71, 17, 100],
    [71, 19, 101],
    [72, 20, 103],
    [72, 22, 104],
    [72, 23, 105],
    [72, 24, 106],
    [72, 26, 108],
    [72, 27, 109],
    [72, 28, 110],
    [72, 29, 111],
    [72, 31, 112],
    [72, 32, 113],
    [72, 33, 115],
    [72, 35, 116],
    [72, 36, 117],
    [72, 37, 118],
    [72, 38, 119],
    [72, 40, 120],
    [72, 41, 121],
    [71, 42, 122],
    [71, 44, 122],
    [71, 45, 123],
    [71, 46, 124],
    [71, 47, 125],
    [70, 48, 126],
    [70, 50, 126],
    [70, 51, 127],
    [70, 52, 128],
    [69, 53, 129],
    [69, 55, 129],
    [69, 56, 130],
    [68, 57, 131],
    [68, 58, 131],
    [68, 59, 132],
    [67, 61, 132],
    [67, 62, 133],
    [66, 63, 133],
    [66, 64, 134],
    [66, 65, 134],
    [65, 66, 135],
    [65, 68, 135],
    [64, 69, 136],
    [64, 70, 136],
    [63, 71, 136],
    [63, 72, 137],
    [62, 73, 137],
    [62, 74, 137],
    [62, 76, 138],
    [61, 77, 138],
    [61, 78, 138],
    [60, 79, 138],
    [60, 80, 139],
    [59, 81, 139],
    [59, 82, 139],
    [58, 83, 139],
    [58, 84, 140],
    [57, 85, 140],
    [57, 86, 140],
    [56, 88, 140],
    [56, 89, 140],
    [55, 90, 140],
    [55, 91, 141],
    [54, 92, 141],
    [54, 93, 141],
    [53, 94, 141],
    [53, 95, 141],
    [52, 96, 141],
    [52, 97, 141],
    [51, 98, 141],
    [51, 99, 141],
    [50, 100, 142],
    [50, 101, 142],
    [49, 102, 142],
    [49, 103, 142],
    [49, 104, 142],
    [48, 105, 142],
    [48, 106, 142],
    [47, 107, 142],
    [47, 108, 142],
    [46, 109, 142],
    [46, 110, 142],
    [46, 111, 142],
    [45, 112, 142],
    [45, 113, 142],
    [44, 113, 142],
    [44, 114, 142],
    [44, 115, 142],
    [43, 116, 142],
    [43, 117, 142],
    [42, 118, 142],
    [42, 119, 142],
    [42, 120, 142],
    [41, 121, 142],
    [41, 122, 142],
    [41, 123, 142],
    [40, 124, 142],
    [40, 125, 142],
    [39, 126, 142],
    [39, 127, 142],
    [39, 128, 142],
    [38, 129, 142],
    [38, 130, 142],
    [38, 130, 142],
    [37, 131, 142],
    [37, 132, 142],
    [37, 133, 142],
    [36, 134, 142],
    [36, 135, 142],
    [35, 136, 142],
    [35, 137, 142],
    [35, 138, 141],
    [34, 139, 141],
    [34, 140, 141],
    [34, 141, 141],
    [33, 142, 141],
    [33, 143, 141],
    [33, 144, 141],
    [33, 145, 140],
    [32, 146, 140],
    [32, 146, 140],
    [32, 147, 140],
    [31, 148, 140],
    [31, 149, 139],
    [31, 150, 139],
    [31, 151, 139],
    [31, 152, 139],
    [31, 153, 138],
    [31, 154, 138],
    [30, 155, 138],
    [30, 156, 137],
    [30, 157, 137],
    [31, 158, 137],
    [31, 159, 136],
    [31, 160, 136],
    [31, 161, 136],
    [31, 161, 135],
    [31, 162, 135],
    [32, 163, 134],
    [32, 164, 134],
    [33, 165, 133],
    [33, 166, 133],
    [34, 167, 133],
    [34, 168, 132],
    [35, 169, 131],
    [36, 170, 131],
    [37, 171, 130],
    [37, 172, 130],
    [38, 173, 129],
    [39, 173, 129],
    [40, 174, 128],
    [41, 175, 127],
    [42, 176, 127],
    [44, 177, 126],
    [45, 178, 125],
    [46, 179, 124],
    [47, 180, 124],
    [49, 181, 123],
    [50, 182, 122],
    [52, 182, 121],
    [53, 183, 121],
    [55, 184, 120],
    [56, 185, 119],
    [58, 186, 118],
    [59, 187, 117],
    [61, 188, 116],
    [63, 188, 115],
    [64, 189, 114],
    [66, 190, 113],
    [68, 191, 112],
    [70, 192, 111],
    [72, 193, 110],
    [74, 193, 109],
    [76, 194, 108],
    [78, 195, 107],
    [80, 196, 106],
    [82, 197, 105],
    [84, 197, 104],
    [86, 198, 103],
    [88, 199, 101],
    [90, 200, 100],
    [92, 200, 99],
    [94, 201, 98],
    [96, 202, 96],
    [99, 203, 95],
    [101, 203, 94],
    [103, 204, 92],
    [105, 205, 91],
    [108, 205, 90],
    [110, 206, 88],
    [112, 207, 87],
    [115, 208, 86],
    [117, 208, 84],
    [119, 209, 83],
    [122, 209, 81],
    [124, 210, 80],
    [127, 211, 78],
    [129, 211, 77],
    [132, 212, 75],
    [134, 213, 73],
    [137, 213, 72],
    [139, 214, 70],
    [142, 214, 69],
    [144, 215, 67],
    [147, 215, 65],
    [149, 216, 64],
    [152, 216, 62],
    [155, 217, 60],
    [157, 217, 59],
    [160, 218, 57],
    [162, 218, 55],
    [165, 219, 54],
    [168, 219, 52],
    [170, 220, 50],
    [173, 220, 48],
    [176, 221, 47],
    [178, 221, 45],
    [181, 222, 43],
    [184, 222, 41],
    [186, 222, 40],
    [189, 223, 38],
    [192, 223, 37],
    [194, 223, 35],
    [197, 224, 33],
    [200, 224, 32],
    [202, 225, 31],
    [205, 225, 29],
    [208, 225, 28],
    [210, 226, 27],
    [213, 226, 26],
    [216, 226, 25],
    [218, 227, 25],
    [221, 227, 24],
    [223, 227, 24],
    [226, 228, 24],
    [229, 228, 25],
    [231, 228, 25],
    [234, 229, 26],
    [236, 229, 27],
    [239, 229, 28],
    [241, 229, 29],
    [244, 230, 30],
    [246, 230, 32],
    [248, 230, 33],
    [251, 231, 35],
    [253, 231, 37],
];

/// Ranges wider than this (in the value's own units) are clamped, so that a blow-up of
/// 1e300 at one corner cannot make the differences elsewhere vanish in rounding.
const MAX_SPAN: f64 = 1e150;

/// How values map to the unit interval `[0, 1]` and so to colours and contour levels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColorScale {
    /// The smallest finite value shown (maps to 0).
    pub lo: f64,
    /// The largest finite value shown (maps to 1).
    pub hi: f64,
    /// Whether the scale is logarithmic in `v − lo + offset`.
    pub log: bool,
    /// The offset that keeps the logarithm finite at the minimum: a millionth of the span
    /// (at least the smallest normal number), so the lowest decades stay visible.
    pub offset: f64,
}

impl ColorScale {
    /// The scale spanning the finite values of `grid`. Non-finite values are ignored; a grid
    /// with no finite value gets the range [0, 1]; a flat grid gets a span of 1.
    ///
    /// ```
    /// use descent_figure::colormap::ColorScale;
    /// let s = ColorScale::from_values(&[1.0, f64::NAN, 3.0, f64::INFINITY], false);
    /// assert_eq!((s.lo, s.hi), (1.0, 3.0));
    /// assert_eq!(s.unit(2.0), 0.5);
    /// ```
    pub fn from_values(grid: &[f64], log: bool) -> ColorScale {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for &v in grid {
            // Comparisons rather than `f64::min` and `max`, which are libm calls in wasm.
            if v.is_finite() {
                if v < lo {
                    lo = v;
                }
                if v > hi {
                    hi = v;
                }
            }
        }
        if !lo.is_finite() {
            lo = 0.0;
            hi = 1.0;
        }
        if lo.abs() > MAX_SPAN {
            lo = lo.clamp(-MAX_SPAN, MAX_SPAN);
        }
        if !(hi - lo).is_finite() || hi - lo > MAX_SPAN {
            hi = lo + MAX_SPAN;
        }
        if hi <= lo {
            hi = lo + 1.0;
        }
        let offset = ((hi - lo) * 1e-6).max(f64::MIN_POSITIVE);
        ColorScale {
            lo,
            hi,
            log,
            offset,
        }
    }

    /// The position of `v` on the scale, in `[0, 1]`. Values below the range, −∞ and NaN
    /// give 0 … except NaN and +∞, which give 1: a point that blew up reads as "very high".
    pub fn unit(&self, v: f64) -> f64 {
        if v.is_nan() || v == f64::INFINITY {
            return 1.0;
        }
        let t = if self.log {
            let d = (v - self.lo).max(0.0) + self.offset;
            let top = (self.hi - self.lo) + self.offset;
            (libm::log(d) - libm::log(self.offset)) / (libm::log(top) - libm::log(self.offset))
        } else {
            (v - self.lo) / (self.hi - self.lo)
        };
        if t.is_nan() {
            1.0
        } else {
            t.clamp(0.0, 1.0)
        }
    }

    /// The inverse of [`ColorScale::unit`] on `[0, 1]`: the value at position `t`.
    pub fn value_at(&self, t: f64) -> f64 {
        if self.log {
            let top = (self.hi - self.lo) + self.offset;
            let d = self.offset * libm::pow(top / self.offset, t);
            self.lo + d - self.offset
        } else {
            self.lo + t * (self.hi - self.lo)
        }
    }

    /// The colour of `v` as RGB.
    pub fn color(&self, v: f64) -> [u8; 3] {
        VIRIDIS[lut_index(self.unit(v))]
    }
}

/// The table entry for a position in `[0, 1]`.
fn lut_index(t: f64) -> usize {
    ((t * 255.0 + 0.5) as usize).min(255)
}

/// Maps `grid` to RGBA bytes in `out` (4 bytes a value, alpha 255) on a scale spanning the
/// grid's finite values, linear or logarithmic; returns that scale. Never panics: NaN and +∞
/// get the top colour, −∞ the bottom one. `out` must hold `4 * grid.len()` bytes; extra bytes
/// are left alone and missing ones are not written.
///
/// ```
/// let mut px = [0u8; 8];
/// descent_figure::colormap::to_rgba(&[0.0, 1.0], false, &mut px);
/// assert_eq!(px, [68, 1, 84, 255, 253, 231, 37, 255]);
/// ```
pub fn to_rgba(grid: &[f64], log: bool, out: &mut [u8]) -> ColorScale {
    let scale = ColorScale::from_values(grid, log);
    to_rgba_with(grid, &scale, out);
    scale
}

/// Maps `grid` to RGBA bytes on a given scale (see [`to_rgba`]).
pub fn to_rgba_with(grid: &[f64], scale: &ColorScale, out: &mut [u8]) {
    let mut px = out.chunks_exact_mut(4);
    for_each_position(grid, scale, |u| {
        if let Some(p) = px.next() {
            let c = VIRIDIS[position_index(u)];
            p.copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
    });
}

/// [`to_rgba_with`], also writing each value's colour position (the unrounded index into
/// [`VIRIDIS`], in `[0, 255]`) to `units`, for pictures that interpolate between samples
/// ([`crate::raster::picture`]). The RGBA bytes are the same as [`to_rgba_with`]'s.
pub fn to_rgba_units(grid: &[f64], scale: &ColorScale, out: &mut [u8], units: &mut [f32]) {
    let mut px = out.chunks_exact_mut(4);
    let mut us = units.iter_mut();
    for_each_position(grid, scale, |u| {
        if let Some(p) = px.next() {
            let c = VIRIDIS[position_index(u)];
            p.copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
        if let Some(v) = us.next() {
            *v = u as f32;
        }
    });
}

/// Each value's colour position alone (see [`to_rgba_units`]).
pub fn to_units(grid: &[f64], scale: &ColorScale, units: &mut [f32]) {
    for (g, u) in grid.chunks(UNITS_CHUNK).zip(units.chunks_mut(UNITS_CHUNK)) {
        units_chunk(g, scale, u);
    }
}

/// How many values [`units_chunk`] colours a call.
const UNITS_CHUNK: usize = 512;

/// [`to_units`] for a chunk; a function of its own in wasm (see `raster::heatmap`).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn units_chunk(grid: &[f64], scale: &ColorScale, units: &mut [f32]) {
    let mut us = units.iter_mut();
    for_each_position(grid, scale, |u| {
        if let Some(v) = us.next() {
            *v = u as f32;
        }
    });
}

/// The table index of a colour position in `[0, 255]`: the nearest entry.
fn position_index(u: f64) -> usize {
    ((u + 0.5) as usize).min(255)
}

/// Calls `f(u)` with the colour position `u` in `[0, 255]` of each value of `grid`, in
/// order: NaN and +∞ at 255, −∞ at 0.
fn for_each_position(grid: &[f64], scale: &ColorScale, mut f: impl FnMut(f64)) {
    if scale.log {
        // One logarithm per value is the whole cost, so use a fast base-2 logarithm (exact
        // to 1e-4, far below the 1/256 of a colour step) and hoist the constants.
        let l0 = fast_log2(scale.offset);
        let inv = 255.0 / (fast_log2((scale.hi - scale.lo) + scale.offset) - l0);
        for v in grid {
            let u = if v.is_nan() || *v == f64::INFINITY {
                255.0
            } else {
                // max(v − lo, 0) written as a comparison: `f64::max` is a libm call in wasm.
                let d = v - scale.lo;
                let d = if d > 0.0 { d } else { 0.0 } + scale.offset;
                ((fast_log2(d) - l0) * inv).clamp(0.0, 255.0)
            };
            f(u);
        }
    } else {
        let inv = 255.0 / (scale.hi - scale.lo);
        for v in grid {
            let u = if v.is_nan() {
                255.0
            } else {
                ((v - scale.lo) * inv).clamp(0.0, 255.0)
            };
            f(u);
        }
    }
}

/// log₂ of a positive finite normal number: the exponent from the bits plus a polynomial for
/// the mantissa's logarithm on [1, 2) (minimax-style fit; error below 1e-4). Only for
/// colouring, where 1/256 of the range is the resolution.
fn fast_log2(x: f64) -> f64 {
    if !(f64::MIN_POSITIVE..f64::INFINITY).contains(&x) {
        return libm::log2(x);
    }
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    // log2(m) for m in [1, 2) through t = (m − 1)/(m + 1): log2(m) = 2/ln2 · atanh(t).
    let t = (m - 1.0) / (m + 1.0);
    let t2 = t * t;
    let p = t
        * (2.885_390_081_777_927
            + t2 * (0.961_796_693_925_976
                + t2 * (0.577_078_016_355_585 + t2 * 0.412_198_583_111_132)));
    e as f64 + p
}

/// Whether a logarithmic colour scale reads better for these values: true when a tenth of
/// the finite values lie within 1 % of the span above the minimum, so that a linear scale
/// would paint the interesting valley in one colour (rosenbrock: 0.3 %, beale: 0.005 %;
/// himmelblau: 2.4 %, a round bowl: 6 %).
pub fn prefers_log(grid: &[f64]) -> bool {
    let s = ColorScale::from_values(grid, false);
    let mut d: Vec<f64> = grid
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| v - s.lo)
        .collect();
    if d.is_empty() {
        return false;
    }
    let k = d.len() / 10;
    let (_, q10, _) = d.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    *q10 < (s.hi - s.lo) * 1e-2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_viridis() {
        assert_eq!(VIRIDIS[0], [68, 1, 84]);
        assert_eq!(VIRIDIS[128], [33, 145, 140]);
        assert_eq!(VIRIDIS[255], [253, 231, 37]);
        // Lightness rises monotonically: a rough luma check on every step (within 8-bit rounding).
        let luma = |c: [u8; 3]| 0.2126 * c[0] as f64 + 0.7152 * c[1] as f64 + 0.0722 * c[2] as f64;
        for w in VIRIDIS.windows(2) {
            assert!(luma(w[1]) >= luma(w[0]) - 0.5, "{:?} -> {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn linear_scale_maps_ends_and_middle() {
        let grid = [2.0, 4.0, 6.0];
        let mut px = [0u8; 12];
        let s = to_rgba(&grid, false, &mut px);
        assert_eq!((s.lo, s.hi), (2.0, 6.0));
        assert_eq!(&px[0..4], &[68, 1, 84, 255]);
        assert_eq!(&px[4..8], &[33, 145, 140, 255]);
        assert_eq!(&px[8..12], &[253, 231, 37, 255]);
    }

    #[test]
    fn log_scale_spreads_decades_evenly() {
        let s = ColorScale::from_values(&[0.0, 1e6], true);
        // offset = 1: log(v + 1) / log(1e6 + 1); 999 sits at half way.
        assert!((s.unit(999.0) - 0.5).abs() < 1e-3, "{}", s.unit(999.0));
        assert_eq!(s.unit(0.0), 0.0);
        assert_eq!(s.unit(1e6), 1.0);
        assert!((s.value_at(s.unit(123.0)) - 123.0).abs() < 1e-9);
        // The fast loop agrees with `color`, and the positions round to its index.
        let mut px = [0u8; 4];
        to_rgba_with(&[999.0], &s, &mut px);
        assert_eq!(&px[..3], &s.color(999.0));
        let grid = [
            0.0,
            0.5,
            999.0,
            1e6,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        let (mut rgba, mut units, mut alone) = ([0u8; 28], [0f32; 7], [0f32; 7]);
        to_rgba_units(&grid, &s, &mut rgba, &mut units);
        to_units(&grid, &s, &mut alone);
        assert_eq!(units, alone);
        let mut plain = [0u8; 28];
        to_rgba_with(&grid, &s, &mut plain);
        assert_eq!(rgba, plain);
        for (u, px) in units.iter().zip(rgba.chunks(4)) {
            assert!((0.0..=255.0).contains(u));
            assert_eq!(&VIRIDIS[(*u as f64 + 0.5) as usize][..], &px[..3], "{u}");
        }
    }

    #[test]
    fn the_fast_logarithm_is_accurate() {
        for x in [
            1e-300, 1e-6, 0.3, 1.0, 1.5, 1.999_999, 2.0, 3.0, 1234.5, 1e300,
        ] {
            assert!((fast_log2(x) - libm::log2(x)).abs() < 1e-4, "{x}");
        }
        assert!(fast_log2(0.0) == f64::NEG_INFINITY);
    }

    #[test]
    fn non_finite_values_clamp_without_panicking() {
        let grid = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1.0,
            2.0,
            1e308,
            -1e308,
        ];
        for log in [false, true] {
            let mut px = vec![0u8; grid.len() * 4];
            let s = to_rgba(&grid, log, &mut px);
            assert!(s.lo.is_finite() && s.hi.is_finite() && s.hi > s.lo);
            assert_eq!(&px[0..3], &VIRIDIS[255]); // NaN
            assert_eq!(&px[4..7], &VIRIDIS[255]); // +inf
            assert_eq!(&px[8..11], &VIRIDIS[0]); // -inf
            assert!(px.chunks(4).all(|p| p[3] == 255));
        }
        // No finite value at all, and an empty grid.
        let s = to_rgba(&[f64::NAN], true, &mut [0u8; 4]);
        assert_eq!((s.lo, s.hi), (0.0, 1.0));
        to_rgba(&[], false, &mut []);
        // A flat grid is the bottom colour everywhere.
        let mut px = [0u8; 8];
        to_rgba(&[5.0, 5.0], false, &mut px);
        assert_eq!(&px[..3], &VIRIDIS[0]);
    }

    /// f on a 200 × 200 grid over [a, b]².
    fn grid(f: impl Fn(f64, f64) -> f64, a: f64, b: f64) -> Vec<f64> {
        let t = |i: usize| a + (b - a) * i as f64 / 199.0;
        (0..200)
            .flat_map(|j| (0..200).map(move |i| (i, j)))
            .map(|(i, j)| f(t(i), t(j)))
            .collect()
    }

    #[test]
    fn log_is_preferred_for_a_steep_valley_only() {
        assert!(!prefers_log(&grid(|x, y| x * x + y * y, -3.0, 3.0)));
        assert!(!prefers_log(&grid(
            |x, y| (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2),
            -5.0,
            5.0
        )));
        assert!(prefers_log(&grid(
            |x, y| (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            -2.0,
            2.0
        )));
        assert!(!prefers_log(&[f64::NAN]));
    }
}
