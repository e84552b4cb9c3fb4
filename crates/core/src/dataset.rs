//! The built-in datasets: a three-point worked example, a noisy line, two blobs and badly scaled features.
//!
//! Every random draw comes from [`Rng::for_stream`] with a stream constant private to the
//! dataset kind, so datasets never share draws with the batch sampler or gradient noise.
//! Each sample draws its features first and then one normal variate, even when `noise` is 0,
//! so changing the noise moves the targets but never the features.

use crate::rng::Rng;

/// Stream of the `line` dataset (ASCII "line").
pub const STREAM_LINE: u64 = 0x6C69_6E65;
/// Stream of the `blobs` dataset (ASCII "blob").
pub const STREAM_BLOBS: u64 = 0x626C_6F62;
/// Stream of the `scales` dataset (ASCII "scal").
pub const STREAM_SCALES: u64 = 0x7363_616C;

/// The smallest spread of the `blobs` classes. With a smaller spread the classes at ±1 overlap
/// by only a few points or not at all, and logistic regression then has a minimum far away
/// (or none). At spread 1 about 16% of each class crosses 0 and the ideal logit is 2x, so the
/// minimum sits near (w, b) = (2, 0).
pub const MIN_BLOB_SPREAD: f64 = 1.0;

/// Which built-in dataset to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    /// Exactly (1, 3), (2, 5), (3, 7): the worked example on the line y = 2x + 1.
    Seed,
    /// n points with x uniform in [0, 1) and y = 2x + 1 + noise·N(0, 1).
    Line,
    /// Two one-dimensional Gaussian classes at −1 (label 0) and +1 (label 1).
    Blobs,
    /// Two features of very different scales, for the ill-conditioning demonstration.
    Scales,
    /// The user's own points, from the settings' `pts` ([`crate::points::Points`]), not generated.
    Custom,
}

impl DatasetKind {
    /// Every kind, in menu order.
    pub const ALL: [DatasetKind; 5] = [
        DatasetKind::Seed,
        DatasetKind::Line,
        DatasetKind::Blobs,
        DatasetKind::Scales,
        DatasetKind::Custom,
    ];

    /// The URL tokens, in the order of [`DatasetKind::ALL`].
    pub const NAMES: [&'static str; 5] = ["seed", "line", "blobs", "scales", "custom"];

    /// The URL token, e.g. `blobs`.
    pub fn name(&self) -> &'static str {
        Self::NAMES[*self as usize]
    }

    /// The kind whose URL token is `s`, if any (exact, case-sensitive match).
    pub fn from_name(s: &str) -> Option<DatasetKind> {
        Self::NAMES
            .iter()
            .position(|&n| n == s)
            .map(|i| Self::ALL[i])
    }

    /// How many features the samples have: 2 for `scales`, 1 for the other generated kinds,
    /// 0 for `custom`, whose points decide ([`crate::points::Points::arity`]).
    pub fn features(&self) -> usize {
        match self {
            DatasetKind::Scales => 2,
            DatasetKind::Custom => 0,
            _ => 1,
        }
    }

    /// The settings keys that shape the generated samples: `n` and `noise`, none for the
    /// fixed three points of `seed`, and `pts` (the points themselves) for `custom` (so the
    /// page hides controls that would change nothing).
    pub fn parameters(&self) -> &'static [&'static str] {
        match self {
            DatasetKind::Seed => &[],
            DatasetKind::Custom => &["pts"],
            _ => &["n", "noise"],
        }
    }

    /// What the dataset is, in words, for menus and `descent list`.
    pub fn description(&self) -> &'static str {
        match self {
            DatasetKind::Seed => "the three points (1,3), (2,5), (3,7) of the worked example",
            DatasetKind::Line => "n points on y = 2x + 1, x in [0, 1), plus noise·N(0, 1)",
            DatasetKind::Blobs => "two Gaussian classes (labels 0/1) around x = −1 and x = +1",
            DatasetKind::Scales => "two features on different scales: x₁ in [0, 1), x₂ in [0, 100)",
            DatasetKind::Custom => {
                "your own points, from pts= (x,y;… or x1,x2,y;…), a data file or a session file"
            }
        }
    }
}

/// Samples with one or two features and a target.
///
/// For one-feature data `x2` is empty (not zeros), so its length tells the feature count.
/// For `blobs` the target is the class label, 0.0 or 1.0.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// The first feature, one entry per sample.
    pub x1: Vec<f64>,
    /// The second feature, one entry per sample, or empty for one-feature data.
    pub x2: Vec<f64>,
    /// The target, one entry per sample.
    pub y: Vec<f64>,
}

impl Dataset {
    /// Generates a built-in dataset of `n` samples, a pure function of its arguments.
    ///
    /// - `seed`: always the three points (1, 3), (2, 5), (3, 7); `n`, `noise` and `seed`
    ///   are ignored, because the worked example must not change.
    /// - `line`: x uniform in [0, 1), y = 2x + 1 + noise·N(0, 1). The interval [0, 1) rather
    ///   than [−1, 1) keeps w and b correlated, so the loss valley is tilted and
    ///   standardising visibly helps.
    /// - `blobs`: sample i has label i mod 2 (balanced classes for every n) and
    ///   x = ±1 + s·N(0, 1) with s = max(noise, [`MIN_BLOB_SPREAD`]).
    /// - `scales`: x1 uniform in [0, 1), x2 uniform in [0, 100), y = 3·x1 + 0.05·x2 +
    ///   noise·N(0, 1); both features matter about equally in y but their spreads differ
    ///   100-fold, so the least-squares loss of the centred model (linreg2) has a curvature
    ///   condition number near 10⁴ unscaled and near 1 standardised.
    /// - `custom`: no samples; the user's points are in the settings
    ///   ([`crate::Settings::samples`]).
    pub fn generate(kind: DatasetKind, n: usize, noise: f64, seed: u64) -> Dataset {
        match kind {
            DatasetKind::Seed => Dataset {
                x1: vec![1.0, 2.0, 3.0],
                x2: Vec::new(),
                y: vec![3.0, 5.0, 7.0],
            },
            DatasetKind::Line => {
                let mut rng = Rng::for_stream(seed, STREAM_LINE);
                let mut d = Dataset::with_capacity(n, false);
                for _ in 0..n {
                    let x = rng.uniform(0.0, 1.0);
                    let e = rng.normal();
                    d.x1.push(x);
                    d.y.push(2.0 * x + 1.0 + noise * e);
                }
                d
            }
            DatasetKind::Blobs => {
                let mut rng = Rng::for_stream(seed, STREAM_BLOBS);
                let spread = noise.max(MIN_BLOB_SPREAD);
                let mut d = Dataset::with_capacity(n, false);
                for i in 0..n {
                    let label = (i % 2) as f64;
                    let e = rng.normal();
                    d.x1.push(2.0 * label - 1.0 + spread * e);
                    d.y.push(label);
                }
                d
            }
            DatasetKind::Scales => {
                let mut rng = Rng::for_stream(seed, STREAM_SCALES);
                let mut d = Dataset::with_capacity(n, true);
                for _ in 0..n {
                    let x1 = rng.uniform(0.0, 1.0);
                    let x2 = rng.uniform(0.0, 100.0);
                    let e = rng.normal();
                    d.x1.push(x1);
                    d.x2.push(x2);
                    d.y.push(3.0 * x1 + 0.05 * x2 + noise * e);
                }
                d
            }
            DatasetKind::Custom => Dataset::with_capacity(0, false),
        }
    }

    fn with_capacity(n: usize, two_features: bool) -> Dataset {
        Dataset {
            x1: Vec::with_capacity(n),
            x2: Vec::with_capacity(if two_features { n } else { 0 }),
            y: Vec::with_capacity(n),
        }
    }

    /// The number of samples.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Whether the samples have a second feature.
    pub fn has_x2(&self) -> bool {
        !self.x2.is_empty()
    }

    /// The second feature of sample `i`, or 0 when the data has only one feature.
    pub fn x2_at(&self, i: usize) -> f64 {
        self.x2.get(i).copied().unwrap_or(0.0)
    }

    /// Standardises each feature to mean 0 and variance 1 (population variance, divisor n).
    /// A constant feature is only centred, since there is no scale to divide by. Targets are
    /// unchanged (linreg2 centres the target itself), and an empty `x2` stays empty.
    pub fn standardized(&self) -> Dataset {
        Dataset {
            x1: standardize(&self.x1),
            x2: standardize(&self.x2),
            y: self.y.clone(),
        }
    }
}

/// The mean and population standard deviation of one feature ((0, 0) when empty).
pub fn mean_sd(v: &[f64]) -> (f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// One feature scaled to mean 0 and population variance 1 (only centred if constant).
fn standardize(v: &[f64]) -> Vec<f64> {
    if v.is_empty() {
        return Vec::new();
    }
    let (mean, sd) = mean_sd(v);
    if sd > 0.0 {
        v.iter().map(|x| (x - mean) / sd).collect()
    } else {
        v.iter().map(|x| x - mean).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_var(v: &[f64]) -> (f64, f64) {
        let n = v.len() as f64;
        let m = v.iter().sum::<f64>() / n;
        (m, v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n)
    }

    #[test]
    fn seed_is_the_worked_example() {
        for (n, noise, seed) in [(3, 0.0, 0), (100, 5.0, 99)] {
            let d = Dataset::generate(DatasetKind::Seed, n, noise, seed);
            assert_eq!(d.x1, vec![1.0, 2.0, 3.0]);
            assert_eq!(d.y, vec![3.0, 5.0, 7.0]);
            assert!(d.x2.is_empty());
        }
    }

    #[test]
    fn sizes_and_feature_counts() {
        for kind in DatasetKind::ALL {
            let d = Dataset::generate(kind, 50, 0.3, 1);
            let n = match kind {
                DatasetKind::Seed => 3,
                DatasetKind::Custom => 0,
                _ => 50,
            };
            assert_eq!(d.len(), n);
            assert_eq!(d.x1.len(), n);
            assert_eq!(d.x2.len(), if kind.features() == 2 { n } else { 0 });
        }
    }

    #[test]
    fn same_seed_same_data_and_different_seed_different_data() {
        for kind in [DatasetKind::Line, DatasetKind::Blobs, DatasetKind::Scales] {
            let a = Dataset::generate(kind, 40, 0.5, 7);
            let b = Dataset::generate(kind, 40, 0.5, 7);
            let c = Dataset::generate(kind, 40, 0.5, 8);
            assert_eq!(a, b, "{kind:?}");
            assert_ne!(a, c, "{kind:?}");
        }
    }

    #[test]
    fn noise_moves_targets_not_features() {
        let a = Dataset::generate(DatasetKind::Line, 30, 0.0, 3);
        let b = Dataset::generate(DatasetKind::Line, 30, 1.0, 3);
        assert_eq!(a.x1, b.x1);
        assert_ne!(a.y, b.y);
        for (x, y) in a.x1.iter().zip(&a.y) {
            assert_eq!(*y, 2.0 * x + 1.0);
            assert!((0.0..1.0).contains(x));
        }
    }

    #[test]
    fn blobs_are_balanced_labelled_and_centred() {
        let d = Dataset::generate(DatasetKind::Blobs, 2000, 0.0, 5);
        let (mut s0, mut s1, mut n0, mut n1) = (0.0, 0.0, 0.0, 0.0);
        for (x, y) in d.x1.iter().zip(&d.y) {
            if *y == 0.0 {
                s0 += x;
                n0 += 1.0;
            } else {
                assert_eq!(*y, 1.0);
                s1 += x;
                n1 += 1.0;
            }
        }
        assert_eq!(n0, n1);
        assert!((s0 / n0 + 1.0).abs() < 0.1);
        assert!((s1 / n1 - 1.0).abs() < 0.1);
    }

    #[test]
    fn scales_features_have_their_ranges() {
        let d = Dataset::generate(DatasetKind::Scales, 500, 0.1, 2);
        assert!(d.x1.iter().all(|x| (0.0..1.0).contains(x)));
        assert!(d.x2.iter().all(|x| (0.0..100.0).contains(x)));
        assert!(d.x2.iter().cloned().fold(0.0, f64::max) > 50.0);
    }

    #[test]
    fn standardized_has_mean_zero_and_unit_variance() {
        for kind in DatasetKind::ALL {
            let d = Dataset::generate(kind, 200, 0.4, 11);
            let s = d.standardized();
            assert_eq!(s.y, d.y);
            for v in [&s.x1, &s.x2] {
                if v.is_empty() {
                    continue;
                }
                let (m, var) = mean_var(v);
                assert!(m.abs() < 1e-12, "{kind:?} mean {m}");
                assert!((var - 1.0).abs() < 1e-12, "{kind:?} var {var}");
            }
            assert_eq!(s.x2.len(), d.x2.len());
        }
    }

    #[test]
    fn constant_feature_is_only_centred() {
        let d = Dataset {
            x1: vec![2.0; 4],
            x2: vec![1.0, 2.0, 3.0, 4.0],
            y: vec![0.0; 4],
        };
        let s = d.standardized();
        assert_eq!(s.x1, vec![0.0; 4]);
        let empty = Dataset {
            x1: vec![],
            x2: vec![],
            y: vec![],
        };
        assert_eq!(empty.standardized(), empty);
    }

    #[test]
    fn names_round_trip() {
        for (i, k) in DatasetKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
            assert_eq!(DatasetKind::from_name(k.name()), Some(*k));
        }
        assert_eq!(DatasetKind::from_name("Seed"), None);
    }
}
