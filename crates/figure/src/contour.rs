//! Contour lines by marching squares, with nicely spaced levels and a label place per level.

use crate::colormap::ColorScale;
use crate::layout::Window;

/// One level's lines, in θ coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Contour {
    /// The loss on these lines.
    pub level: f64,
    /// Joined polylines; a closed loop repeats its first point at the end.
    pub lines: Vec<Vec<[f64; 2]>>,
    /// Where to write the level: half way along the longest line, if there is one.
    pub label: Option<[f64; 2]>,
}

/// About `count` round levels strictly inside the scale's range: multiples of 1, 2, 2.5 or 5
/// × 10ⁿ on a linear scale; `lo` + 1, 2, 5 (or 1, 3, or 1) × 10ⁿ on a log scale, so that
/// the lines crowd where the colours do.
///
/// ```
/// use descent_figure::{colormap::ColorScale, contour::levels};
/// let lin = levels(&ColorScale::from_values(&[0.0, 10.0], false), 5);
/// assert_eq!(lin, vec![2.0, 4.0, 6.0, 8.0]);
/// let log = levels(&ColorScale::from_values(&[0.0, 1000.0], true), 5);
/// assert_eq!(log, vec![0.01, 0.1, 1.0, 10.0, 100.0]);
/// ```
pub fn levels(scale: &ColorScale, count: usize) -> Vec<f64> {
    let count = count.max(1);
    let span = scale.hi - scale.lo;
    if !(span.is_finite() && span > 0.0) {
        return Vec::new();
    }
    if scale.log {
        // Decades from just above the offset (where colour starts to change) to the span.
        let pow10 = |m: f64, e: i32| {
            if e < 0 {
                m / libm::pow(10.0, -e as f64)
            } else {
                m * libm::pow(10.0, e as f64)
            }
        };
        let e_lo = libm::floor(libm::log10(scale.offset * 10.0)) as i32;
        let e_hi = libm::ceil(libm::log10(span)) as i32;
        let inside = |d: f64| d > scale.offset * 5.0 && d < span;
        // Levels sit at lo + d; when the minimum is a hair above 0 (a grid that just misses
        // the exact minimum), put them at d itself so the labels read 0.03, not 0.0303.
        let base = if scale.lo >= 0.0 && scale.lo < scale.offset * 2.0 {
            0.0
        } else {
            scale.lo
        };
        for ms in [&[1.0, 2.0, 5.0][..], &[1.0, 3.0], &[1.0]] {
            let out: Vec<f64> = (e_lo..=e_hi)
                .flat_map(|e| ms.iter().map(move |&m| pow10(m, e)))
                .filter(|&d| inside(d))
                .map(|d| base + d)
                .collect();
            if out.len() <= count {
                return out;
            }
        }
        // Too many decades even one per decade: every k-th decade.
        let decades: Vec<i32> = (e_lo..=e_hi).filter(|&e| inside(pow10(1.0, e))).collect();
        let k = decades.len().div_ceil(count);
        return decades
            .iter()
            .rev()
            .step_by(k)
            .rev()
            .map(|&e| scale.lo + pow10(1.0, e))
            .collect();
    }
    let step = nice_step(span / (count + 1) as f64);
    let first = libm::floor(scale.lo / step) + 1.0;
    let mut out = Vec::new();
    let mut i = first;
    loop {
        let v = i * step;
        if v >= scale.hi || out.len() > count * 3 {
            break;
        }
        if v > scale.lo {
            out.push(v);
        }
        i += 1.0;
    }
    out
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ that is ≥ `raw`.
fn nice_step(raw: f64) -> f64 {
    let e = libm::floor(libm::log10(raw));
    let base = libm::pow(10.0, e);
    let f = raw / base;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * base
}

/// A level written short: three significant digits, scientific when very large or small.
///
/// ```
/// use descent_figure::contour::format_level;
/// assert_eq!(format_level(0.5), "0.5");
/// assert_eq!(format_level(2000.0), "2000");
/// assert_eq!(format_level(1.0e6), "1e6");
/// assert_eq!(format_level(0.000_123_4), "1.23e-4");
/// assert_eq!(format_level(-3.14159), "-3.14");
/// ```
pub fn format_level(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e5).contains(&a) {
        let s = format!("{v:.2e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = m.trim_end_matches('0').trim_end_matches('.');
        return format!("{m}e{e}");
    }
    let digits = if a == 0.0 {
        0
    } else {
        (2 - libm::floor(libm::log10(a)) as i32).max(0) as usize
    };
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// The contour lines of an `nx × ny` grid (row-major, first row at `window.y_max`, samples
/// on the edges as in `descent::Objective::loss_grid`) at each level. Cells with a
/// non-finite corner are skipped, except that +∞ counts as above every level.
pub fn contours(
    grid: &[f64],
    nx: usize,
    ny: usize,
    window: Window,
    levels: &[f64],
) -> Vec<Contour> {
    trace_all(grid, nx, ny, window, levels)
        .into_iter()
        .zip(levels)
        .map(|(lines, &level)| {
            let label = lines
                .iter()
                .map(|l| (length(l), l))
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .and_then(|(len, l)| point_along(l, len / 2.0));
            Contour {
                level,
                lines,
                label,
            }
        })
        .collect()
}

/// The polylines where the grid crosses `level`, in θ coordinates.
pub fn trace(grid: &[f64], nx: usize, ny: usize, window: Window, level: f64) -> Vec<Vec<[f64; 2]>> {
    trace_all(grid, nx, ny, window, &[level])
        .pop()
        .unwrap_or_default()
}

/// A band no level is counted in: the sample is NaN or −∞ and its cells are skipped.
const SKIP: u32 = u32::MAX;

/// Each sample's band: how many of the `sorted` levels are ≤ it, or [`SKIP`]. One pass
/// per level over the samples (a row of them a call, see [`trace_row`]), which compiles to
/// SIMD in wasm (two samples at a time).
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn bands(grid: &[f64], sorted: &[f64], band: &mut [u32]) {
    for &l in sorted {
        for (b, &v) in band.iter_mut().zip(grid) {
            *b += (l <= v) as u32;
        }
    }
    for (b, &v) in band.iter_mut().zip(grid) {
        if v.is_nan() || v == f64::NEG_INFINITY {
            *b = SKIP;
        }
    }
}

/// A piece of line through one cell: its two ends and the ids of the edges they lie on.
type Seg = ([f64; 2], [f64; 2], usize, usize);

/// [`trace`] for every level in one pass over the cells: a cell is looked at once, and a
/// level only where it lies between the cell's smallest and largest corner (most cells are
/// crossed by no level at all).
fn trace_all(
    grid: &[f64],
    nx: usize,
    ny: usize,
    window: Window,
    levels: &[f64],
) -> Vec<Vec<Vec<[f64; 2]>>> {
    let mut segs: Vec<Vec<Seg>> = vec![Vec::new(); levels.len()];
    if nx < 2 || ny < 2 || grid.len() < nx * ny {
        return vec![Vec::new(); levels.len()];
    }
    // Levels in increasing order (NaN levels have no lines), so that the levels crossing a
    // cell are found by a binary search and a short walk.
    let mut order: Vec<usize> = (0..levels.len()).filter(|&k| !levels[k].is_nan()).collect();
    order.sort_by(|&a, &b| levels[a].total_cmp(&levels[b]));
    let sorted: Vec<f64> = order.iter().map(|&k| levels[k]).collect();
    let g = Cells {
        grid,
        nx,
        x0: window.x_min,
        y0: window.y_max,
        dx: (window.x_max - window.x_min) / (nx - 1) as f64,
        dy: (window.y_max - window.y_min) / (ny - 1) as f64,
    };
    // Each sample's band: how many levels are ≤ it (a sample ≥ a level is "up" for it),
    // or SKIP for NaN and −∞, whose cells are skipped. A level crosses a cell when some
    // corner is up and some is not: exactly the levels whose rank lies in
    // [least band, greatest band) of the corners.
    let mut band = vec![0u32; nx * ny];
    for (g, b) in grid[..nx * ny]
        .chunks_exact(nx)
        .zip(band.chunks_exact_mut(nx))
    {
        bands(g, &sorted, b);
    }
    for j in 0..ny - 1 {
        trace_row(&g, &band, &order, &sorted, &mut segs, j);
    }
    let mut by_edge = vec![[0u32; 2]; 2 * nx * ny];
    segs.iter().map(|s| join(s, &mut by_edge)).collect()
}

/// The segments of the cells between sample rows `j` and `j + 1`, added to `segs` (one list
/// per level); a function of its own in wasm (see `raster::heatmap`).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn trace_row(
    g: &Cells,
    band: &[u32],
    order: &[usize],
    sorted: &[f64],
    segs: &mut [Vec<Seg>],
    j: usize,
) {
    let (nx, grid) = (g.nx, g.grid);
    let (top, bottom) = (
        &band[j * nx..(j + 1) * nx],
        &band[(j + 1) * nx..(j + 2) * nx],
    );
    for (i, (t, b)) in top.windows(2).zip(bottom.windows(2)).enumerate() {
        let lo = t[0].min(t[1]).min(b[0].min(b[1]));
        let hi = t[0].max(t[1]).max(b[0].max(b[1]));
        // By far the common case: no level crosses the cell (lo == hi).
        if lo == hi || hi == SKIP {
            continue;
        }
        let c = [
            grid[j * nx + i],
            grid[j * nx + i + 1],
            grid[(j + 1) * nx + i + 1],
            grid[(j + 1) * nx + i],
        ];
        for r in lo as usize..hi as usize {
            g.cell(&mut segs[order[r]], c, sorted[r], (i, j));
        }
    }
}

/// The grid's samples and where they sit.
struct Cells<'a> {
    grid: &'a [f64],
    nx: usize,
    x0: f64,
    y0: f64,
    dx: f64,
    dy: f64,
}

impl Cells<'_> {
    fn at(&self, i: usize, j: usize) -> f64 {
        self.grid[j * self.nx + i]
    }

    fn pos(&self, i: usize, j: usize) -> [f64; 2] {
        [self.x0 + i as f64 * self.dx, self.y0 - j as f64 * self.dy]
    }

    /// Edge ids: 2·(j·nx + i) for the edge right of (i, j), + 1 for the edge below it.
    fn h(&self, i: usize, j: usize) -> usize {
        2 * (j * self.nx + i)
    }

    fn v(&self, i: usize, j: usize) -> usize {
        2 * (j * self.nx + i) + 1
    }

    /// The segments of one cell with corners `c` (top-left, top-right, bottom-right,
    /// bottom-left) at `level`.
    fn cell(&self, segs: &mut Vec<Seg>, c: [f64; 4], level: f64, (i, j): (usize, usize)) {
        let (at, pos, h, v) = (
            |i, j| self.at(i, j),
            |i, j| self.pos(i, j),
            |i, j| self.h(i, j),
            |i, j| self.v(i, j),
        );
        let cross = |(i0, j0): (usize, usize), (i1, j1): (usize, usize)| {
            let (a, b) = (at(i0, j0), at(i1, j1));
            let t = if b == a {
                0.5
            } else {
                ((level - a) / (b - a)).clamp(0.0, 1.0)
            };
            let t = if t.is_nan() { 0.5 } else { t };
            let (p, q) = (pos(i0, j0), pos(i1, j1));
            [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]
        };
        let up = c.map(|x| x >= level);
        // Edges in order top, right, bottom, left, with their ends and ids.
        let edges = [
            ((i, j), (i + 1, j), h(i, j), up[0] != up[1]),
            ((i + 1, j), (i + 1, j + 1), v(i + 1, j), up[1] != up[2]),
            ((i, j + 1), (i + 1, j + 1), h(i, j + 1), up[3] != up[2]),
            ((i, j), (i, j + 1), v(i, j), up[0] != up[3]),
        ];
        let mut crossed = [0usize; 4];
        let mut nc = 0;
        for (k, e) in edges.iter().enumerate() {
            if e.3 {
                crossed[nc] = k;
                nc += 1;
            }
        }
        let mut seg = |a: usize, b: usize| {
            let (ea, eb) = (&edges[a], &edges[b]);
            segs.push((cross(ea.0, ea.1), cross(eb.0, eb.1), ea.2, eb.2));
        };
        match nc {
            2 => seg(crossed[0], crossed[1]),
            4 => {
                // A saddle: the mean decides whether corners 0 and 2 connect through the
                // centre; if they do, cut off corners 1 and 3, else cut off 0 and 2.
                let centre_up = (c[0] + c[1] + c[2] + c[3]) / 4.0 >= level;
                if centre_up == up[0] {
                    seg(0, 1);
                    seg(2, 3);
                } else {
                    seg(3, 0);
                    seg(1, 2);
                }
            }
            _ => {}
        }
    }
}

/// Joins segments that share an edge crossing into polylines. `by_edge` maps an edge id to
/// the (at most two) segments ending on it, as index + 1 (0: none); it comes in all zero
/// and is left so.
fn join(segs: &[Seg], by_edge: &mut [[u32; 2]]) -> Vec<Vec<[f64; 2]>> {
    for (k, s) in segs.iter().enumerate() {
        for e in [s.2, s.3] {
            let slot = &mut by_edge[e];
            if slot[0] == 0 {
                slot[0] = k as u32 + 1;
            } else {
                slot[1] = k as u32 + 1;
            }
        }
    }
    let lines = join_with(segs, by_edge);
    for s in segs {
        by_edge[s.2] = [0; 2];
        by_edge[s.3] = [0; 2];
    }
    lines
}

/// The walk of [`join`] over filled edge slots.
fn join_with(segs: &[Seg], by_edge: &[[u32; 2]]) -> Vec<Vec<[f64; 2]>> {
    let other = |e: usize, k: usize| -> Option<usize> {
        let v = by_edge[e];
        let o = if v[0] as usize == k + 1 { v[1] } else { v[0] };
        (o != 0 && o as usize != k + 1).then(|| o as usize - 1)
    };
    let mut used = vec![false; segs.len()];
    let mut lines = Vec::new();
    for start in 0..segs.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let s = &segs[start];
        // Walk forward from the second end, then backward from the first.
        let mut fwd = vec![s.0, s.1];
        let (mut k, mut e) = (start, s.3);
        while let Some(n) = other(e, k) {
            if used[n] {
                if n == start {
                    fwd.push(s.0); // closed loop
                }
                break;
            }
            used[n] = true;
            let t = &segs[n];
            let (p, ne) = if t.2 == e { (t.1, t.3) } else { (t.0, t.2) };
            fwd.push(p);
            k = n;
            e = ne;
        }
        let mut back = Vec::new();
        let (mut k, mut e) = (start, s.2);
        while let Some(n) = other(e, k) {
            if used[n] {
                break;
            }
            used[n] = true;
            let t = &segs[n];
            let (p, ne) = if t.2 == e { (t.1, t.3) } else { (t.0, t.2) };
            back.push(p);
            k = n;
            e = ne;
        }
        back.reverse();
        back.extend(fwd);
        lines.push(back);
    }
    lines
}

/// The length of a polyline.
fn length(l: &[[f64; 2]]) -> f64 {
    l.windows(2).map(|w| distance(w[0], w[1])).sum()
}

/// The distance from `a` to `b`: √(dx² + dy²), and `hypot` only where the squares overflow
/// or underflow (a far-off line of a huge window): `libm::hypot` is a call of some 40 ns in
/// wasm, and every segment of every line is measured to place the labels.
fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let s = dx * dx + dy * dy;
    if s.is_finite() && s > 1e-290 {
        s.sqrt()
    } else {
        libm::hypot(dx, dy)
    }
}

/// The point at distance `d` along a polyline.
fn point_along(l: &[[f64; 2]], mut d: f64) -> Option<[f64; 2]> {
    for w in l.windows(2) {
        let s = distance(w[0], w[1]);
        if d <= s && s > 0.0 {
            let t = d / s;
            return Some([
                w[0][0] + t * (w[1][0] - w[0][0]),
                w[0][1] + t * (w[1][1] - w[0][1]),
            ]);
        }
        d -= s;
    }
    l.last().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// x² + y² on an n × n grid over [-3, 3]².
    fn bowl(n: usize) -> (Vec<f64>, Window) {
        let w = Window::new(-3.0, 3.0, -3.0, 3.0);
        let t = |i: usize| -3.0 + 6.0 * i as f64 / (n - 1) as f64;
        let g = (0..n)
            .flat_map(|j| (0..n).map(move |i| t(i).powi(2) + (-t(j)).powi(2)))
            .collect();
        (g, w)
    }

    #[test]
    fn circles_have_the_right_radius_and_close() {
        let (g, w) = bowl(121);
        let cs = contours(&g, 121, 121, w, &[1.0, 4.0]);
        for (c, r) in cs.iter().zip([1.0, 2.0]) {
            assert_eq!(c.lines.len(), 1, "one closed circle at level {}", c.level);
            let line = &c.lines[0];
            assert_eq!(line.first(), line.last(), "closed");
            assert!(line.len() > 40);
            for p in line {
                let rr = libm::hypot(p[0], p[1]);
                // Linear interpolation of x² on a 0.05 grid errs by at most h²/(8r).
                assert!((rr - r).abs() < 2e-3, "radius {rr} at level {}", c.level);
            }
            let l = c.label.unwrap();
            assert!((libm::hypot(l[0], l[1]) - r).abs() < 1e-2);
        }
    }

    #[test]
    fn open_lines_end_on_the_border() {
        // Level 16 cuts the corners of [-3,3]²: four arcs of the circle of radius 4.
        let (g, w) = bowl(61);
        let lines = trace(&g, 61, 61, w, 16.0);
        assert_eq!(lines.len(), 4);
        for l in &lines {
            for end in [l[0], l[l.len() - 1]] {
                assert!(end[0].abs() == 3.0 || end[1].abs() == 3.0, "{end:?}");
            }
        }
    }

    #[test]
    fn distances_are_exact_and_survive_huge_and_tiny_windows() {
        assert_eq!(distance([1.0, 1.0], [4.0, 5.0]), 5.0);
        assert_eq!(distance([2.0, -1.0], [2.0, -1.0]), 0.0);
        // Where the squares would overflow or underflow, hypot takes over.
        let big = distance([-1e200, 0.0], [1e200, 0.0]);
        assert_eq!(big, 2e200);
        let tiny = distance([0.0, 0.0], [3e-200, 4e-200]);
        assert!((tiny - 5e-200).abs() < 1e-214, "{tiny}");
        // Ordinary segments agree with hypot to the last bit or two.
        for (a, b) in [([0.1, 0.7], [0.35, -2.2]), ([-3.0, 1e-3], [2.5, 7.25])] {
            let h = libm::hypot(b[0] - a[0], b[1] - a[1]);
            assert!((distance(a, b) - h).abs() <= 2.0 * f64::EPSILON * h);
        }
    }

    #[test]
    fn non_finite_cells_are_skipped_and_tiny_grids_are_empty() {
        let (mut g, w) = bowl(21);
        for v in g.iter_mut().take(21 * 10) {
            *v = f64::NAN;
        }
        let lines = trace(&g, 21, 21, w, 1.0);
        assert!(!lines.is_empty());
        assert!(lines.iter().flatten().all(|p| p[1] <= 0.31));
        assert!(trace(&[1.0], 1, 1, w, 0.5).is_empty());
        assert!(trace(&g, 21, 21, w, f64::NAN).is_empty());
    }

    #[test]
    fn levels_are_round_and_inside() {
        let s = ColorScale::from_values(&[0.37, 18.0], false);
        assert_eq!(
            levels(&s, 8),
            vec![2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0]
        );
        let s = ColorScale::from_values(&[3e-4, 2509.0], true);
        let l = levels(&s, 12);
        assert_eq!(
            l,
            vec![0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0]
        );
        let s = ColorScale::from_values(&[0.0, 1e150], true);
        let l = levels(&s, 10);
        assert!(l.len() <= 10 && l.len() >= 5, "{l:?}");
        assert!(levels(
            &ColorScale {
                lo: 0.0,
                hi: f64::INFINITY,
                log: false,
                offset: 1.0
            },
            5
        )
        .is_empty());
    }
}
