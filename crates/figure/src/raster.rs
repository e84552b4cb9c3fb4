//! The surface's plot rectangle as one RGBA picture at full device resolution: the heatmap
//! upsampled from the coarse loss grid, with the contour lines rasterised into it.
//!
//! The browser puts this buffer on the base canvas with one `putImageData`; only the labels,
//! axes and minima are then drawn through plotters. Stroking every contour vertex through
//! the canvas (one JS call per vertex) and stretching a small image with `drawImage` cost
//! more than computing these pixels.
//!
//! The heatmap is upsampled in colour *position* (the index into viridis, before it is
//! rounded), bilinearly between the sample centres, so colours stay on the colormap. The
//! lines are the contours' own polylines, anti-aliased by the distance of each pixel centre
//! to the nearest segment.

use crate::colormap::VIRIDIS;

/// How a contour line looks in the picture: white at this opacity, this wide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineStyle {
    /// Width in device pixels.
    pub width: f64,
    /// Opacity of the white line, in `[0, 1]`.
    pub alpha: f64,
}

/// A `w × h` RGBA picture (alpha 255) of the heatmap whose colour positions `units`
/// (`nx × ny`, row-major, each in `[0, 255]` as from
/// [`crate::colormap::to_rgba_units`]) are stretched over it, sample centres at the centres
/// of `w / nx × h / ny` cells, with `lines` (polylines in the picture's pixel coordinates,
/// (0, 0) its top-left corner) drawn in `style`.
pub fn picture(
    units: &[f32],
    nx: usize,
    ny: usize,
    size: (usize, usize),
    lines: &[Vec<(f64, f64)>],
    style: LineStyle,
) -> Vec<u8> {
    let mut p = Picture::default();
    p.draw(units, nx, ny, size, lines, style);
    p.pixels
}

/// A picture's pixels and the line coverage behind them, kept so that drawing again reuses
/// the memory (6.5 MB of pixels at 1476 × 1104).
#[derive(Clone, Debug, Default)]
pub struct Picture {
    /// RGBA bytes, row-major, of the last [`Picture::draw`].
    pub pixels: Vec<u8>,
    /// Line coverage per pixel (0 to 255); all zero between draws.
    cover: Vec<u8>,
    /// The heatmap's table index per pixel, to colour line pixels from.
    index: Vec<u8>,
}

impl Picture {
    /// Draws [`picture`] into these buffers.
    pub fn draw(
        &mut self,
        units: &[f32],
        nx: usize,
        ny: usize,
        (w, h): (usize, usize),
        lines: &[Vec<(f64, f64)>],
        style: LineStyle,
    ) {
        // Every pixel is written below, so buffers of the right size are not cleared first.
        self.pixels.resize(w * h * 4, 0);
        self.index.resize(w * h, 0);
        if w == 0 || h == 0 || nx == 0 || ny == 0 || units.len() < nx * ny {
            self.pixels.fill(0);
            return;
        }
        let lut = colours();
        heatmap(
            units,
            nx,
            ny,
            (w, h),
            &lut,
            &mut self.index,
            &mut self.pixels,
        );
        if lines.is_empty() {
            return;
        }
        if self.cover.len() != w * h {
            self.cover.clear();
            self.cover.resize(w * h, 0);
        }
        // White over the colours at alpha × coverage, as 8-bit blend factors.
        let a = (style.alpha.clamp(0.0, 1.0) * 256.0).round() as u32;
        let mut blend = [0u32; 256];
        for (c, b) in blend.iter_mut().enumerate() {
            *b = (c as u32 * a + 127) / 255;
        }
        let mut cover = Cover {
            cover: &mut self.cover,
            paint: Some(Paint {
                pixels: &mut self.pixels,
                index: &self.index,
                lut: &lut,
                blend: &blend,
            }),
            w,
            h,
        };
        for line in lines {
            for s in simplify(line, 0.2).windows(2) {
                cover.segment(s[0], s[1], style.width);
            }
        }
        self.cover.fill(0);
    }
}

/// The viridis table as RGBA.
fn colours() -> [[u8; 4]; 256] {
    let mut lut = [[0u8; 4]; 256];
    for (l, c) in lut.iter_mut().zip(&VIRIDIS) {
        *l = [c[0], c[1], c[2], 255];
    }
    lut
}

/// Fractional bits of the colour positions and of the interpolation weights.
const UNIT_BITS: u32 = 8;
const WEIGHT_BITS: u32 = 6;

/// For each of `len` output pixels over `n` samples: the sample before its centre and the
/// weight of the one after, in [`WEIGHT_BITS`] fixed point (clamped to the edge samples).
fn taps(n: usize, len: usize) -> Vec<(usize, i32)> {
    let one = (1 << WEIGHT_BITS) as f64;
    (0..len)
        .map(|x| {
            let s = (x as f64 + 0.5) * n as f64 / len as f64 - 0.5;
            if n < 2 || s <= 0.0 {
                (0, 0)
            } else if s >= (n - 1) as f64 {
                (n - 2, 1 << WEIGHT_BITS)
            } else {
                let i = s as usize;
                (i, ((s - i as f64) * one).round() as i32)
            }
        })
        .collect()
}

/// Fills `out` (`w × h` RGBA) with the heatmap upsampled bilinearly in colour position.
/// Integer arithmetic throughout: positions with [`UNIT_BITS`] fractional bits, weights
/// with [`WEIGHT_BITS`]. Each sample row is stretched to `w` pixels once ([`stretch_row`]);
/// each output row is then a weighted sum of two stretched rows ([`paint_row`]).
///
/// The work is done a row at a time by functions kept out of line in wasm: a browser's
/// wasm compiler optimises a function between two calls, never during one, so on the
/// first draw (while the page's wasm still runs in V8's baseline tier) the later rows
/// already run optimised code. (Natively the compiler may inline them.)
fn heatmap(
    units: &[f32],
    nx: usize,
    ny: usize,
    (w, h): (usize, usize),
    lut: &[[u8; 4]; 256],
    index: &mut [u8],
    out: &mut [u8],
) {
    let cols = taps(nx, w);
    let rows = taps(ny, h);
    let mut fixed = vec![0i32; nx + 1];
    let (mut upper, mut lower) = (vec![0i32; w], vec![0i32; w]);
    let row = |j: usize| &units[j * nx..(j + 1) * nx];
    let mut have: Option<usize> = None;
    for ((&(j, fy), px), index) in rows
        .iter()
        .zip(out.chunks_exact_mut(w * 4))
        .zip(index.chunks_exact_mut(w))
    {
        if have != Some(j) {
            if have.is_some_and(|h| h + 1 == j) {
                std::mem::swap(&mut upper, &mut lower);
            } else {
                stretch_row(row(j), &cols, &mut fixed, &mut upper);
            }
            stretch_row(row((j + 1).min(ny - 1)), &cols, &mut fixed, &mut lower);
            have = Some(j);
        }
        paint_row(index, px, &upper, &lower, fy, lut);
    }
}

/// One sample row (`units`, `nx` colour positions) stretched to the `w = cols.len()`
/// pixels of `dst`, in `UNIT_BITS + WEIGHT_BITS` fixed point; `fixed` (`nx + 1` long) is
/// scratch for the row in `UNIT_BITS` fixed point.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn stretch_row(units: &[f32], cols: &[(usize, i32)], fixed: &mut [i32], dst: &mut [i32]) {
    let top = (255 << UNIT_BITS) as f32;
    let one = 1i32 << WEIGHT_BITS;
    let nx = units.len();
    for (f, &u) in fixed.iter_mut().zip(units) {
        let u = u * (1 << UNIT_BITS) as f32;
        // A comparison, not `f32::clamp`'s min and max (libm calls in wasm).
        *f = if u > 0.0 {
            if u < top {
                u
            } else {
                top
            }
        } else {
            0.0
        } as i32;
    }
    fixed[nx] = fixed[nx - 1];
    for (d, &(i, fx)) in dst.iter_mut().zip(cols) {
        *d = fixed[i] * (one - fx) + fixed[i + 1] * fx;
    }
}

/// One output row: the table index of each pixel between two stretched sample rows, the
/// lower one weighing `fy` ([`indices`]), then its colour.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn paint_row(
    index: &mut [u8],
    px: &mut [u8],
    upper: &[i32],
    lower: &[i32],
    fy: i32,
    lut: &[[u8; 4]; 256],
) {
    indices(index, upper, lower, fy);
    for (p, &k) in px.chunks_exact_mut(4).zip(index.iter()) {
        p.copy_from_slice(&lut[k as usize]);
    }
}

/// The table index of each pixel of a row between two stretched sample rows, the lower
/// one weighing `fy`: the part of the picture that SIMD speeds up (four pixels at a time in
/// wasm's simd128; the colours after it are table look-ups, one at a time).
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn indices(index: &mut [u8], upper: &[i32], lower: &[i32], fy: i32) {
    let (fa, fb) = ((1 << WEIGHT_BITS) - fy, fy);
    let shift = UNIT_BITS + 2 * WEIGHT_BITS;
    let half = 1i32 << (shift - 1);
    for ((k, &a), &b) in index.iter_mut().zip(upper).zip(lower) {
        *k = ((a * fa + b * fb + half) >> shift).clamp(0, 255) as u8;
    }
}

/// The coverage of the lines being drawn, and the picture they are painted on.
struct Cover<'a> {
    cover: &'a mut [u8],
    paint: Option<Paint<'a>>,
    w: usize,
    h: usize,
}

/// Where line pixels are painted: the picture, the heatmap's index under each pixel, the
/// colours and the blend factor of each coverage.
struct Paint<'a> {
    pixels: &'a mut [u8],
    index: &'a [u8],
    lut: &'a [[u8; 4]; 256],
    blend: &'a [u32; 256],
}

impl Cover<'_> {
    /// Adds the coverage of a segment `width` pixels wide (round ends), keeping the larger
    /// value where lines meet, so that joints and crossings are not drawn twice. Each row
    /// visits the pixels near the part of the segment within `reach` rows of it. A function
    /// of its own in wasm (see [`heatmap`]).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn segment(&mut self, a: (f64, f64), b: (f64, f64), width: f64) {
        let (w, h) = (self.w, self.h);
        // Far-off or non-finite ends (a line of a huge window) are not drawn.
        let ok = |p: (f64, f64)| p.0.abs() < 1e7 && p.1.abs() < 1e7;
        if !(ok(a) && ok(b)) {
            return;
        }
        let reach = width / 2.0 + 0.5;
        let (y0, y1) = (mn(a.1, b.1) - reach, mx(a.1, b.1) + reach);
        if y1 < 0.0
            || y0 >= h as f64
            || mx(a.0, b.0) + reach < 0.0
            || mn(a.0, b.0) - reach >= w as f64
        {
            return;
        }
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        let (ux, uy) = if len > 0.0 {
            (dx / len, dy / len)
        } else {
            (1.0, 0.0)
        };
        // Where the segment is within `reach` rows of y, as a range of the parameter
        // s = (y − ay)/dy in [0, 1] (all of it for a level segment).
        let inv_dy = if dy != 0.0 { 1.0 / dy } else { 0.0 };
        // (Negative floats cast to 0; casts saturate.)
        let (j0, j1) = (y0 as usize, (y1.ceil() as usize).min(h));
        for j in j0..j1 {
            let yc = j as f64 + 0.5;
            let (s0, s1) = if dy != 0.0 {
                let (p, q) = ((yc - reach - a.1) * inv_dy, (yc + reach - a.1) * inv_dy);
                (mx(mn(p, q), 0.0), mn(mx(p, q), 1.0))
            } else {
                (0.0, 1.0)
            };
            if s0 > s1 {
                continue;
            }
            let (xa, xb) = (a.0 + s0 * dx, a.0 + s1 * dx);
            let (lo, hi) = (mn(xa, xb) - reach, mx(xa, xb) + reach);
            // Pixels whose centres x + 0.5 lie in [lo, hi].
            let i0 = (lo - 0.5).ceil() as usize;
            let i1 = (((hi - 0.5).floor() + 1.0) as usize).min(w);
            if i0 >= i1 {
                continue;
            }
            let py = yc - a.1;
            let row = &mut self.cover[j * w + i0..j * w + i1];
            // Along the row, the position along the segment and the signed distance from
            // its line both change linearly; only pixels beyond an end need a square root.
            let px0 = i0 as f64 + 0.5 - a.0;
            let (mut along, mut across) = (px0 * ux + py * uy, px0 * uy - py * ux);
            for (i, c) in (i0..i1).zip(row.iter_mut()) {
                let (t, d) = (along, across);
                along += ux;
                across += uy;
                let d = if t >= 0.0 && t <= len {
                    d.abs()
                } else {
                    // Beyond an end: the distance to it.
                    let e = if t < 0.0 { t } else { t - len };
                    (e * e + d * d).sqrt()
                };
                if d >= reach {
                    continue;
                }
                let v = (mn(reach - d, 1.0) * 255.0 + 0.5) as u8;
                if v > *c {
                    *c = v;
                    // The heatmap's colour with white over it at alpha × coverage (so a
                    // pixel covered again by a nearer segment is painted from scratch).
                    if let Some(p) = &mut self.paint {
                        let k = j * w + i;
                        let c = whiten(
                            u32::from_le_bytes(p.lut[p.index[k] as usize]),
                            p.blend[v as usize],
                        );
                        p.pixels[k * 4..k * 4 + 4].copy_from_slice(&c.to_le_bytes());
                    }
                }
            }
        }
    }
}

/// An RGBA colour (red in the low byte) with white over it at `f`/256: each colour channel
/// c becomes c + ⌊(255 − c)·f / 256⌋, all three in two multiplications (`f` ≤ 256).
fn whiten(rgba: u32, f: u32) -> u32 {
    let inv = 0x00ff_ffff - (rgba & 0x00ff_ffff);
    let rb = (((inv & 0x00ff_00ff) * f) >> 8) & 0x00ff_00ff;
    let g = (((inv & 0x0000_ff00) * f) >> 8) & 0x0000_ff00;
    rgba + rb + g
}

/// The smaller of two numbers (neither NaN here): a comparison, where `f64::min` is a libm
/// call in wasm.
fn mn(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else {
        b
    }
}

/// The larger of two numbers (neither NaN here).
fn mx(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else {
        b
    }
}

/// A polyline with the vertices dropped that lie within `tolerance` pixels of the chord
/// that replaces them (greedy, from the first vertex on), so that fewer, longer segments are
/// rasterised.
fn simplify(line: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(line.len());
    let Some(&first) = line.first() else {
        return out;
    };
    out.push(first);
    let mut anchor = 0;
    let mut k = 1;
    while k < line.len() {
        // Extend the chord anchor → k + 1 while every vertex between stays near it.
        let next = k + 1;
        if next < line.len() && next - anchor <= 48 && near_chord(&line[anchor..=next], tolerance) {
            k = next;
            continue;
        }
        out.push(line[k]);
        anchor = k;
        k += 1;
    }
    out
}

/// Whether every inner vertex of `pts` is within `tolerance` of the chord from the first to
/// the last.
fn near_chord(pts: &[(f64, f64)], tolerance: f64) -> bool {
    let (a, b) = (pts[0], pts[pts.len() - 1]);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    if !(len2 > 0.0 && len2.is_finite()) {
        return false;
    }
    pts[1..pts.len() - 1].iter().all(|p| {
        let cross = (p.0 - a.0) * dy - (p.1 - a.1) * dx;
        let t = (p.0 - a.0) * dx + (p.1 - a.1) * dy;
        cross * cross <= tolerance * tolerance * len2 && t >= 0.0 && t <= len2
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: LineStyle = LineStyle {
        width: 2.0,
        alpha: 0.55,
    };

    #[test]
    fn a_flat_grid_is_one_colour_and_opaque() {
        let units = vec![128.0f32; 6];
        let px = picture(&units, 3, 2, (12, 8), &[], STYLE);
        for p in px.chunks_exact(4) {
            assert_eq!(p, &[VIRIDIS[128][0], VIRIDIS[128][1], VIRIDIS[128][2], 255]);
        }
    }

    #[test]
    fn samples_sit_at_cell_centres_and_blend_between() {
        // Two samples stretched over 8 pixels: cells of 4, centres at 2 and 6.
        let px = picture(&[0.0, 255.0], 2, 1, (8, 1), &[], STYLE);
        let index = |x: usize| VIRIDIS.iter().position(|c| c[..] == px[x * 4..x * 4 + 3]);
        assert_eq!(index(0), Some(0));
        assert_eq!(index(1), Some(0));
        assert_eq!(index(6), Some(255));
        assert_eq!(index(7), Some(255));
        // Pixel 3's centre (3.5) is 3/8 of the way from sample 0 to sample 1.
        assert_eq!(index(3), Some(96));
        assert_eq!(index(4), Some(159));
    }

    #[test]
    fn a_line_whitens_its_pixels_and_nothing_else() {
        let units = vec![0.0f32; 4];
        let line = vec![(0.0, 5.0), (10.0, 5.0)];
        let px = picture(&units, 2, 2, (10, 10), &[line], STYLE);
        let at = |x: usize, y: usize| px[(y * 10 + x) * 4];
        let bg = VIRIDIS[0][0];
        // Rows 4 and 5 (centres 4.5, 5.5) are within half the width: fully covered.
        let full = bg as u32 + (((255 - bg as u32) * 141) >> 8);
        assert_eq!(at(5, 4) as u32, full);
        assert_eq!(at(5, 5) as u32, full);
        assert_eq!(at(5, 2), bg);
        assert_eq!(at(5, 7), bg);
        // Rows 3 and 6 (1.5 away) are just outside the anti-aliasing fringe.
        assert_eq!(at(5, 3), bg);
        // Lines meeting at a joint are not drawn twice.
        let two = vec![(0.0, 5.0), (5.0, 5.0), (10.0, 5.0)];
        let px2 = picture(&units, 2, 2, (10, 10), &[two], STYLE);
        assert_eq!(px, px2);
    }

    /// The coverage of one segment by visiting every pixel of the picture.
    fn brute(w: usize, h: usize, a: (f64, f64), b: (f64, f64), width: f64) -> Vec<u8> {
        let reach = width / 2.0 + 0.5;
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let mut out = vec![0u8; w * h];
        for j in 0..h {
            for i in 0..w {
                let (px, py) = (i as f64 + 0.5 - a.0, j as f64 + 0.5 - a.1);
                let t = if len2 > 0.0 {
                    ((px * dx + py * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let d = ((px - t * dx).powi(2) + (py - t * dy).powi(2)).sqrt();
                if d < reach {
                    out[j * w + i] = ((reach - d).min(1.0) * 255.0 + 0.5) as u8;
                }
            }
        }
        out
    }

    #[test]
    fn segments_cover_the_pixels_near_them() {
        let (w, h) = (40, 30);
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut cases = vec![
            ((5.0, 5.0), (5.0, 5.0)),
            ((3.0, 10.0), (30.0, 10.0)),
            ((10.0, 2.0), (10.0, 25.0)),
            ((-5.0, -5.0), (50.0, 40.0)),
            ((0.25, 0.75), (0.5, 0.5)),
        ];
        for _ in 0..300 {
            let p = (next() * 50.0 - 5.0, next() * 40.0 - 5.0);
            let q = (p.0 + next() * 12.0 - 6.0, p.1 + next() * 12.0 - 6.0);
            cases.push((p, q));
        }
        for (a, b) in cases {
            for width in [1.0, 2.0, 3.0] {
                let want = brute(w, h, a, b, width);
                let mut got = vec![0u8; w * h];
                Cover {
                    cover: &mut got,
                    paint: None,
                    w,
                    h,
                }
                .segment(a, b, width);
                let worst = want.iter().zip(&got).map(|(x, y)| x.abs_diff(*y)).max();
                // Rounding at the very edge of the fringe may differ by one step.
                assert!(worst <= Some(1), "{a:?} {b:?} width {width}: {worst:?}");
            }
        }
    }

    #[test]
    fn simplified_lines_stay_on_the_line() {
        let arc: Vec<(f64, f64)> = (0..=100)
            .map(|k| {
                let t = k as f64 / 100.0 * std::f64::consts::PI;
                (50.0 + 40.0 * t.cos(), 50.0 + 40.0 * t.sin())
            })
            .collect();
        let s = simplify(&arc, 0.2);
        assert!(s.len() < arc.len() / 2, "{} of {}", s.len(), arc.len());
        assert_eq!((s[0], s[s.len() - 1]), (arc[0], arc[100]));
        for p in &arc {
            let d = s
                .windows(2)
                .map(|w| {
                    let (a, b) = (w[0], w[1]);
                    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy))
                        .clamp(0.0, 1.0);
                    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
                })
                .fold(f64::INFINITY, f64::min);
            assert!(d <= 0.2 + 1e-9, "{p:?} is {d} from the simplified line");
        }
        assert!(simplify(&[], 0.2).is_empty());
        assert_eq!(simplify(&[(1.0, 1.0)], 0.2), vec![(1.0, 1.0)]);
    }

    #[test]
    fn whitening_is_per_channel() {
        for c in [
            [0u8, 0, 0, 255],
            [68, 1, 84, 255],
            [253, 231, 37, 255],
            [255, 255, 255, 255],
        ] {
            for f in [0u32, 1, 77, 141, 255, 256] {
                let want = c.map(|x| x as u32 + (((255 - x as u32) * f) >> 8));
                let got = whiten(u32::from_le_bytes(c), f).to_le_bytes();
                assert_eq!(
                    got,
                    [want[0] as u8, want[1] as u8, want[2] as u8, 255],
                    "{c:?} {f}"
                );
            }
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let nan = vec![(f64::NAN, 1.0), (1e300, -1e300), (3.0, 3.0)];
        let px = picture(&[10.0; 4], 2, 2, (5, 5), &[nan], STYLE);
        assert_eq!(px.len(), 100);
        assert!(picture(&[], 0, 0, (3, 3), &[], STYLE)
            .iter()
            .all(|&b| b == 0));
        assert_eq!(picture(&[1.0], 1, 1, (4, 2), &[], STYLE)[3], 255);
        assert!(picture(&[1.0], 1, 1, (0, 2), &[], STYLE).is_empty());
    }
}
