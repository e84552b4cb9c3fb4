//! A numeric settings key's interval: open or closed at each end, whole numbers or not.
//!
//! A leaf module: the codec checks values against it, a problem's detail carries it, and the
//! page reads it through `catalog()`.

/// A numeric key's allowed values: an interval, open or closed at each end, unbounded where a
/// bound is `None`, and whole numbers only when `whole`. The parser checks values against it,
/// and the page reads it through `catalog()` for its inputs and messages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The lowest value, if any.
    pub min: Option<f64>,
    /// Whether `min` itself is excluded.
    pub min_open: bool,
    /// The highest value, if any.
    pub max: Option<f64>,
    /// Whether `max` itself is excluded.
    pub max_open: bool,
    /// Whether only whole numbers are allowed.
    pub whole: bool,
}

impl Range {
    /// Real numbers between the bounds.
    pub const fn between(
        min: Option<f64>,
        min_open: bool,
        max: Option<f64>,
        max_open: bool,
    ) -> Range {
        Range {
            min,
            min_open,
            max,
            max_open,
            whole: false,
        }
    }

    /// Whole numbers from `min` to `max` (inclusive; `None`: no upper bound).
    pub const fn whole(min: u64, max: Option<u64>) -> Range {
        Range {
            min: Some(min as f64),
            min_open: false,
            max: match max {
                Some(m) => Some(m as f64),
                None => None,
            },
            max_open: false,
            whole: true,
        }
    }

    /// Whether a finite `x` lies in the interval (wholeness is checked by the parser).
    pub fn contains(&self, x: f64) -> bool {
        let above = match self.min {
            Some(lo) if self.min_open => x > lo,
            Some(lo) => x >= lo,
            None => true,
        };
        let below = match self.max {
            Some(hi) if self.max_open => x < hi,
            Some(hi) => x <= hi,
            None => true,
        };
        above && below
    }
}
