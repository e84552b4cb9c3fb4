//! Long polylines made drawable: clamping of huge or infinite pixel coordinates, decimation
//! to a bounded number of vertices, and clipping to the plot rectangle.

use crate::layout::Rect;

/// The most vertices a trajectory is drawn with, however long the run.
pub const MAX_VERTICES: usize = 2000;

/// Pixel coordinates beyond ±this are clamped: far enough outside any canvas that the
/// direction of a line stays right, near enough that arithmetic stays exact.
const FAR: f64 = 1e6;

/// Clamps a pixel coordinate to ±1e6; NaN stays NaN.
pub fn clamp_px(v: f64) -> f64 {
    if v.is_nan() {
        v
    } else {
        v.clamp(-FAR, FAR)
    }
}

/// Keeps the first point, every point at least `min_dist` pixels from the last kept one and
/// the last point; then, if more than `max` remain, an even stride of them (first and last
/// kept). Points with a NaN coordinate end the input: nothing after them can be placed.
///
/// ```
/// use descent_figure::decimate::decimate;
/// let pts: Vec<(f64, f64)> = (0..100_000).map(|i| (i as f64 * 0.01, 0.0)).collect();
/// let d = decimate(&pts, 0.5, 2000);
/// assert!(d.len() <= 2000 && d[0] == (0.0, 0.0) && *d.last().unwrap() == pts[99_999]);
/// ```
pub fn decimate(points: &[(f64, f64)], min_dist: f64, max: usize) -> Vec<(f64, f64)> {
    decimate_iter(points.iter().copied(), min_dist, max)
}

/// [`decimate`] of points made on the fly, so a long path need not be held in pixels first.
pub fn decimate_iter(
    points: impl IntoIterator<Item = (f64, f64)>,
    min_dist: f64,
    max: usize,
) -> Vec<(f64, f64)> {
    let max = max.max(2);
    let mut kept: Vec<(f64, f64)> = Vec::new();
    let d2 = min_dist * min_dist;
    let mut last_seen = None;
    for (x, y) in points {
        if x.is_nan() || y.is_nan() {
            break;
        }
        let p = (clamp_px(x), clamp_px(y));
        last_seen = Some(p);
        match kept.last() {
            Some(&(lx, ly)) if (p.0 - lx).powi(2) + (p.1 - ly).powi(2) < d2 => {}
            _ => kept.push(p),
        }
    }
    if let Some(p) = last_seen {
        if kept.last() != Some(&p) {
            kept.push(p);
        }
    }
    if kept.len() <= max {
        return kept;
    }
    let n = kept.len();
    (0..max).map(|i| kept[i * (n - 1) / (max - 1)]).collect()
}

/// [`decimate`] of a growing path, kept between frames: the greedy pass of `decimate` only
/// ever looks back at the last kept point, so its result for points 0..=k is a prefix of
/// its result for a longer path. [`PathPixels::extend`] scans only the points added since
/// the last call, and [`PathPixels::upto`] gives exactly `decimate` of the pixels of points
/// 0..=k, at a cost independent of k. A million-point run so draws in constant time.
#[derive(Clone, Debug, Default)]
pub struct PathPixels {
    /// What the pixels were made for: the layout's numbers and the minimum distance.
    key: Option<[u64; 9]>,
    /// The kept points with their indices, in order.
    kept: Vec<(usize, (f64, f64))>,
    /// How many points have been scanned.
    scanned: usize,
    /// The index of the first point with a NaN coordinate, where the pass stops.
    stop: Option<usize>,
}

impl PathPixels {
    /// An empty cache.
    pub fn new() -> PathPixels {
        PathPixels::default()
    }

    /// Forgets everything (the path was replaced).
    pub fn clear(&mut self) {
        *self = PathPixels::default();
    }

    /// Scans the points of `to_px` from the last scanned one to `len − 1`, for pixels made
    /// under `key` (anything that changes `to_px` or `min_dist`); a new key starts over.
    pub fn extend(
        &mut self,
        key: [u64; 9],
        len: usize,
        min_dist: f64,
        to_px: impl Fn(usize) -> (f64, f64),
    ) {
        if self.key != Some(key) || len < self.scanned {
            *self = PathPixels {
                key: Some(key),
                ..PathPixels::default()
            };
        }
        let d2 = min_dist * min_dist;
        while self.scanned < len && self.stop.is_none() {
            let i = self.scanned;
            let (x, y) = to_px(i);
            if x.is_nan() || y.is_nan() {
                self.stop = Some(i);
                break;
            }
            let p = (clamp_px(x), clamp_px(y));
            match self.kept.last() {
                Some(&(_, (lx, ly))) if (p.0 - lx).powi(2) + (p.1 - ly).powi(2) < d2 => {}
                _ => self.kept.push((i, p)),
            }
            self.scanned += 1;
        }
    }

    /// `decimate` of the pixels of points 0..=k (k below the scanned length), at most `max`.
    pub fn upto(
        &self,
        k: usize,
        max: usize,
        to_px: impl Fn(usize) -> (f64, f64),
    ) -> Vec<(f64, f64)> {
        let max = max.max(2);
        // The last point the pass reached: k, or the one before a NaN.
        let end = match self.stop {
            Some(0) => return Vec::new(),
            Some(s) if s <= k => s - 1,
            _ => k,
        };
        let n = self.kept.partition_point(|&(i, _)| i <= end);
        let mut kept: Vec<(f64, f64)> = self.kept[..n].iter().map(|&(_, p)| p).collect();
        let (x, y) = to_px(end);
        let last = (clamp_px(x), clamp_px(y));
        if kept.last() != Some(&last) {
            kept.push(last);
        }
        if kept.len() <= max {
            return kept;
        }
        let n = kept.len();
        (0..max).map(|i| kept[i * (n - 1) / (max - 1)]).collect()
    }
}

/// Splits a polyline into the runs that lie inside `r` (expanded by `pad` pixels), cutting
/// segments at the border (Liang–Barsky).
pub fn clip(points: &[(f64, f64)], r: Rect, pad: f64) -> Vec<Vec<(f64, f64)>> {
    let (x0, y0) = (r.left as f64 - pad, r.top as f64 - pad);
    let (x1, y1) = (r.right as f64 + pad, r.bottom as f64 + pad);
    let inside = |p: (f64, f64)| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1;
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    if points.len() == 1 && inside(points[0]) {
        return vec![points.to_vec()];
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        let mut visible = true;
        for (p, q) in [
            (-dx, a.0 - x0),
            (dx, x1 - a.0),
            (-dy, a.1 - y0),
            (dy, y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    visible = false;
                    break;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        if !visible || t0 > t1 {
            if !cur.is_empty() {
                runs.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let pa = (a.0 + t0 * dx, a.1 + t0 * dy);
        let pb = (a.0 + t1 * dx, a.1 + t1 * dy);
        if cur.is_empty() || t0 > 0.0 {
            if !cur.is_empty() {
                runs.push(std::mem::take(&mut cur));
            }
            cur.push(pa);
        }
        cur.push(pb);
        if t1 < 1.0 {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// Clamps a point into `r` (for markers of points that left the plot).
pub fn clamp_into(p: (f64, f64), r: Rect) -> (f64, f64) {
    let x = if p.0.is_nan() {
        r.left as f64
    } else {
        p.0.clamp(r.left as f64, (r.right - 1) as f64)
    };
    let y = if p.1.is_nan() {
        r.top as f64
    } else {
        p.1.clamp(r.top as f64, (r.bottom - 1) as f64)
    };
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_pixels_give_decimate_of_every_prefix() {
        // A wandering path with a stretch of tiny steps, a jump far out and a NaN at the end.
        let mut pts: Vec<(f64, f64)> = (0..3000)
            .map(|i| {
                let t = i as f64 * 0.01;
                (
                    100.0 + 80.0 * libm::cos(t) + (i % 7) as f64 * 0.1,
                    100.0 + t * 3.0,
                )
            })
            .collect();
        pts.extend((0..500).map(|i| (50.0 + i as f64 * 1e-3, 40.0)));
        pts.push((1e9, -1e9));
        pts.push((10.0, 10.0));
        pts.push((f64::NAN, 3.0));
        pts.push((20.0, 20.0));
        let to_px = |i: usize| pts[i];
        for max in [2000, 50] {
            let mut cache = PathPixels::new();
            let mut len = 0;
            for k in 0..pts.len() {
                // The cache grows in uneven slices, as a run computed in chunks does.
                if k >= len {
                    len = (len + 1 + k % 13).min(pts.len());
                    cache.extend([1; 9], len, 0.75, to_px);
                }
                assert_eq!(
                    cache.upto(k, max, to_px),
                    decimate(&pts[..=k], 0.75, max),
                    "k = {k}"
                );
            }
        }
        // A new key (another layout) starts over.
        let mut cache = PathPixels::new();
        cache.extend([1; 9], 10, 0.75, to_px);
        cache.extend([2; 9], 10, 5.0, |i| (i as f64, 0.0));
        assert_eq!(
            cache.upto(9, 100, |i| (i as f64, 0.0)),
            decimate(
                &(0..10).map(|i| (i as f64, 0.0)).collect::<Vec<_>>(),
                5.0,
                100
            )
        );
    }

    const R: Rect = Rect {
        left: 0,
        top: 0,
        right: 100,
        bottom: 100,
    };

    #[test]
    fn decimation_is_bounded_and_keeps_the_ends() {
        // A spiral of 100 000 points, most of them far apart.
        let pts: Vec<(f64, f64)> = (0..100_000)
            .map(|i| {
                let t = i as f64 * 0.01;
                (500.0 + t * libm::cos(t), 500.0 + t * libm::sin(t))
            })
            .collect();
        let d = decimate(&pts, 1.0, MAX_VERTICES);
        assert_eq!(d.len(), MAX_VERTICES);
        assert_eq!(d[0], pts[0]);
        assert_eq!(d[MAX_VERTICES - 1], pts[99_999]);
        // A run that stays on one pixel collapses to its two ends.
        let still = vec![(5.0, 5.0); 1000];
        assert_eq!(decimate(&still, 1.0, 2000), vec![(5.0, 5.0)]);
        // Short runs are untouched.
        let few = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(decimate(&few, 1.0, 2000), few.to_vec());
    }

    #[test]
    fn divergence_clamps_and_nan_stops() {
        let pts = [
            (50.0, 50.0),
            (1e300, -f64::INFINITY),
            (f64::NAN, 0.0),
            (1.0, 1.0),
        ];
        let d = decimate(&pts, 1.0, 10);
        assert_eq!(d, vec![(50.0, 50.0), (1e6, -1e6)]);
        // Clipped, the line runs from the centre to the top edge next to the corner.
        let runs = clip(&d, R, 0.0);
        assert_eq!(runs.len(), 1);
        let end = runs[0][1];
        assert!((end.0 - 100.0).abs() < 0.01 && end.1 == 0.0, "{end:?}");
        assert_eq!(clamp_into((1e6, f64::NAN), R), (99.0, 0.0));
    }

    #[test]
    fn clipping_splits_runs() {
        let pts = [
            (10.0, 10.0),
            (150.0, 10.0),
            (150.0, 50.0),
            (50.0, 50.0),
            (60.0, 60.0),
        ];
        let runs = clip(&pts, R, 0.0);
        assert_eq!(
            runs,
            vec![
                vec![(10.0, 10.0), (100.0, 10.0)],
                vec![(100.0, 50.0), (50.0, 50.0), (60.0, 60.0)]
            ]
        );
        assert!(clip(&[(200.0, 200.0), (300.0, 300.0)], R, 0.0).is_empty());
    }
}
