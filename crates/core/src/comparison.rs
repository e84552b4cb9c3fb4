//! What the comparison keys hold: the race's entries (`race=`), other learning rates (`lrs=`)
//! and the sweep (`sweep=`, `sweepy=`), as values with their text forms.
//!
//! Values only, beside the settings that hold them: the codec reads a racer's text (each of
//! its values checked by its key's field), and `compare.rs` runs them.

use crate::numfmt::fmt_f64;
use crate::optim::{OptimizerKind, HYPERPARAMETERS};
use crate::problem::Detail;
use crate::sampling::BatchMode;

/// The most runs drawn together: the main run and five others.
pub const MAX_RUNS: usize = 6;

/// The most learning rates a sweep tries.
pub const MAX_SWEEP: u32 = 200;

/// The keys a race entry may set, in the order its text lists them: `lr`, then every
/// hyperparameter of [`HYPERPARAMETERS`] in its order.
pub const RACE_KEYS: [&str; HYPERPARAMETERS.len() + 1] = race_keys();

const fn race_keys<const N: usize>() -> [&'static str; N] {
    let mut out = ["lr"; N];
    let mut i = 1;
    while i < N {
        out[i] = HYPERPARAMETERS[i - 1].key;
        i += 1;
    }
    out
}

/// The sampling keys a race entry may set too, after its hyperparameters: so that full-batch,
/// stochastic and mini-batch descent race on the same data.
pub const RACE_SAMPLING_KEYS: [&str; 2] = ["batch", "bs"];

/// One racer: an optimizer, the hyperparameters it sets differently from its defaults, and
/// the batch mode and size when they differ from the main run's.
/// Written `adam`, `adam(lr=0.1,b1=0.8)` or `gd(lr=0.1,batch=mini,bs=5)`; entries are joined
/// by `~`.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceEntry {
    /// The optimizer.
    pub opt: OptimizerKind,
    /// Hyperparameters given, in [`RACE_KEYS`] order.
    pub params: Vec<(&'static str, f64)>,
    /// The batch mode given (`batch=`); `None` keeps the main run's.
    pub batch: Option<BatchMode>,
    /// The mini-batch size given (`bs=`); `None` keeps the main run's.
    pub bs: Option<u32>,
}

impl RaceEntry {
    /// The entry as text: `adam(lr=0.1,b1=0.8)`.
    pub fn text(&self) -> String {
        entry_text(self.opt.name(), &self.pairs())
    }

    /// The keys given and their values as the text writes them: the hyperparameters in
    /// [`RACE_KEYS`] order, then `batch` and `bs`.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> =
            self.params.iter().map(|(k, v)| (*k, fmt_f64(*v))).collect();
        if let Some(b) = self.batch {
            pairs.push(("batch", b.name().to_string()));
        }
        if let Some(bs) = self.bs {
            pairs.push(("bs", bs.to_string()));
        }
        pairs
    }
}

/// One race entry's text from an optimizer's name and `key=value` pairs, as given (unchecked:
/// parsing the text checks it): `adam(lr=0.1,b1=0.8)`, or the bare name without pairs.
pub fn entry_text<K: AsRef<str>, V: AsRef<str>>(opt: &str, pairs: &[(K, V)]) -> String {
    if pairs.is_empty() {
        return opt.to_string();
    }
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", k.as_ref(), v.as_ref()))
        .collect();
    format!("{opt}({})", inner.join(","))
}

/// The `race=` text for entries.
pub fn race_text(entries: &[RaceEntry]) -> String {
    entries
        .iter()
        .map(RaceEntry::text)
        .collect::<Vec<_>>()
        .join("~")
}

/// Parses an `lrs=` value: up to five learning rates in (0, 1000], joined by `,`.
pub fn parse_lrs(text: &str) -> Result<Vec<f64>, Detail> {
    let mut lrs = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match part.parse::<f64>() {
            Ok(x) if x > 0.0 && x <= 1000.0 => lrs.push(x),
            _ => {
                return Err(Detail::NotALearningRate {
                    value: part.to_string(),
                })
            }
        }
    }
    if lrs.len() > MAX_RUNS - 1 {
        return Err(Detail::TooManyLrs {
            count: lrs.len(),
            max: MAX_RUNS - 1,
        });
    }
    Ok(lrs)
}

/// The `lrs=` text.
pub fn lrs_text(lrs: &[f64]) -> String {
    lrs.iter()
        .map(|x| fmt_f64(*x))
        .collect::<Vec<_>>()
        .join(",")
}

/// K learning rates spaced evenly in log from `lo` to `hi`, both included (`sweep=lo,hi,K`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sweep {
    /// The smallest learning rate.
    pub lo: f64,
    /// The largest learning rate.
    pub hi: f64,
    /// How many learning rates, 2 to [`MAX_SWEEP`].
    pub k: u32,
}

impl Sweep {
    /// Parses `lo,hi,K`.
    pub fn parse(text: &str) -> Result<Sweep, Detail> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [lo, hi, k] = parts[..] else {
            return Err(Detail::SweepForm);
        };
        let rate = |t: &str| match t.parse::<f64>() {
            Ok(x) if x > 0.0 && x <= 1000.0 => Ok(x),
            _ => Err(Detail::NotALearningRate {
                value: t.to_string(),
            }),
        };
        let (lo, hi) = (rate(lo)?, rate(hi)?);
        if lo >= hi {
            return Err(Detail::SweepOrder { lo, hi });
        }
        let k = match k.parse::<u32>() {
            Ok(k) if (2..=MAX_SWEEP).contains(&k) => k,
            _ => {
                return Err(Detail::SweepCount {
                    value: k.to_string(),
                    max: MAX_SWEEP,
                })
            }
        };
        Ok(Sweep { lo, hi, k })
    }

    /// The text `lo,hi,K`.
    pub fn text(&self) -> String {
        format!("{},{},{}", fmt_f64(self.lo), fmt_f64(self.hi), self.k)
    }

    /// The learning rates, smallest first; the first is exactly `lo` and the last exactly `hi`.
    pub fn learning_rates(&self) -> Vec<f64> {
        let k = self.k.max(2);
        let ratio = self.hi / self.lo;
        (0..k)
            .map(|i| {
                if i == k - 1 {
                    self.hi
                } else {
                    self.lo * libm::pow(ratio, f64::from(i) / f64::from(k - 1))
                }
            })
            .collect()
    }
}

/// What a sweep plots against the learning rate (`sweepy=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SweepMetric {
    /// The loss at the last step.
    Loss,
    /// The steps taken to reach the target loss (or to converge when no target is set).
    Steps,
}

impl SweepMetric {
    /// The settings name.
    pub fn name(&self) -> &'static str {
        match self {
            SweepMetric::Loss => "loss",
            SweepMetric::Steps => "steps",
        }
    }

    /// The metric for a settings name.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "loss" => Some(SweepMetric::Loss),
            "steps" => Some(SweepMetric::Steps),
            _ => None,
        }
    }
}
