//! The custom data's points (`data=custom&pts=…`): their text form in a link, read and written bit for bit, each bad point named by its number.
//!
//! The form is `x,y;x,y;…` for linreg and logreg (y the label 0 or 1 for logreg) and
//! `x1,x2,y;…` for linreg2: points joined by `;`, a point's numbers by `,`, every number in
//! the shortest form that reads back to the same bits ([`crate::numfmt::fmt_f64`]), so a
//! link reproduces the data exactly. Spaces around numbers and a final `;` are allowed when
//! reading. A link holds at most [`MAX_LINK_POINTS`] points; more (up to
//! [`MAX_POINTS`], from a file) travel in a session file. Every number is finite with a
//! magnitude of at most [`MAX_ABS`], so that the models' sums of squares stay finite.

use std::sync::Arc;

use crate::dataset::Dataset;
use crate::model::ModelKind;
use crate::numfmt::fmt_f64;
use crate::problem::{BadNumber, Detail};

/// The most points a share link carries; more go in a session file.
pub const MAX_LINK_POINTS: usize = 500;

/// The most points any data may have (a file's rows, a session's points).
pub const MAX_POINTS: usize = 100_000;

/// The largest magnitude a coordinate may have: squares and their sums over
/// [`MAX_POINTS`] samples stay far from overflow.
pub const MAX_ABS: f64 = 1e15;

/// The fewest points a fit is worth: fewer is reported (a warning in a link, an error in a file).
pub const MIN_POINTS: usize = 2;

/// The custom data: `len()` points of `arity()` numbers each (2: x and y or the label; 3:
/// x₁, x₂ and y), stored flat. Cheap to clone (shared), compared bit for bit, so that −0
/// and 0 are different data as they are different links.
#[derive(Clone, Debug)]
pub struct Points {
    /// Numbers per point: 2 or 3, or 0 when there are none.
    arity: usize,
    /// The numbers, point after point.
    values: Arc<[f64]>,
    /// [`Points::fingerprint`], computed once.
    fingerprint: u64,
}

impl Default for Points {
    fn default() -> Self {
        Points::from_parts(0, Vec::new())
    }
}

impl PartialEq for Points {
    fn eq(&self, other: &Points) -> bool {
        self.fingerprint == other.fingerprint
            && self.arity == other.arity
            && self.values.len() == other.values.len()
            && self
                .values
                .iter()
                .zip(other.values.iter())
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

/// Checks that point `point` (from 1) of `found` numbers has as many as the points before it
/// (`arity`, 0 before the first, which sets it: 2 or 3).
pub(crate) fn same_arity(arity: &mut usize, point: usize, found: usize) -> Result<(), Detail> {
    if *arity == 0 {
        if !(2..=3).contains(&found) {
            return Err(Detail::PointNumbers { point, found });
        }
        *arity = found;
    } else if found != *arity {
        return Err(Detail::PointRagged {
            point,
            found,
            expected: *arity,
        });
    }
    Ok(())
}

/// Why one number of the data is refused, or `None` when it is a finite number within
/// ±[`MAX_ABS`]. Shared by links and files.
pub fn check_number(text: &str) -> Result<f64, BadNumber> {
    let t = text.trim();
    match t.parse::<f64>() {
        Ok(x) if x.is_nan() => Err(BadNumber::NotFinite),
        Ok(x) if x.is_infinite() => {
            // "inf" written out is not a number a user means; "1e400" is one too large.
            if t.to_ascii_lowercase().contains("inf") {
                Err(BadNumber::NotFinite)
            } else {
                Err(BadNumber::TooLarge)
            }
        }
        Ok(x) if x.abs() > MAX_ABS => Err(BadNumber::TooLarge),
        Ok(x) => Ok(x),
        Err(_) => Err(BadNumber::NotANumber),
    }
}

impl Points {
    /// Points from checked parts, with their fingerprint.
    fn from_parts(arity: usize, values: Vec<f64>) -> Points {
        // FNV-1a over the arity and every number's bits.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for word in std::iter::once(arity as u64).chain(values.iter().map(|v| v.to_bits())) {
            for byte in word.to_le_bytes() {
                h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        Points {
            arity,
            values: Arc::from(values),
            fingerprint: h,
        }
    }

    /// A 64-bit hash of the points' bits (FNV-1a), computed once: what caches of things the
    /// points shape (the surface, a view window) key on, instead of the points' text.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// No points.
    pub fn empty() -> Points {
        Points::default()
    }

    /// Points of `arity` numbers each (2 or 3) from their numbers, point after point. Each
    /// number is checked as in a link; the error names the first bad point (from 1).
    pub fn new(arity: usize, values: Vec<f64>) -> Result<Points, Detail> {
        if values.is_empty() {
            return Ok(Points::empty());
        }
        if !(2..=3).contains(&arity) {
            return Err(Detail::PointNumbers {
                point: 1,
                found: arity,
            });
        }
        if !values.len().is_multiple_of(arity) {
            // The last point is cut short.
            return Err(Detail::PointRagged {
                point: values.len() / arity + 1,
                found: values.len() % arity,
                expected: arity,
            });
        }
        for (i, &v) in values.iter().enumerate() {
            let bad = if !v.is_finite() {
                Some(BadNumber::NotFinite)
            } else if v.abs() > MAX_ABS {
                Some(BadNumber::TooLarge)
            } else {
                None
            };
            if let Some(bad) = bad {
                return Err(Detail::PointValue {
                    point: i / arity + 1,
                    coordinate: i % arity + 1,
                    text: fmt_f64(v),
                    bad,
                    max: MAX_ABS,
                });
            }
        }
        Ok(Points::from_parts(arity, values))
    }

    /// How many points a `pts=` text holds, counted without reading a number (a final `;`
    /// does not start one), so that too many are refused before any is parsed.
    pub fn count_in(text: &str) -> usize {
        let t = text.trim();
        let t = t.strip_suffix(';').unwrap_or(t);
        if t.trim().is_empty() {
            0
        } else {
            t.split(';').count()
        }
    }

    /// Reads the `pts=` form (any number of points; the codec limits a link's). The error
    /// names the first bad point, from 1, and the number in it.
    pub fn parse(text: &str) -> Result<Points, Detail> {
        let t = text.trim();
        let t = t.strip_suffix(';').unwrap_or(t);
        if t.trim().is_empty() {
            return Ok(Points::empty());
        }
        let mut values = Vec::new();
        let mut arity = 0;
        for (i, point) in t.split(';').enumerate() {
            let numbers: Vec<&str> = point.split(',').collect();
            same_arity(&mut arity, i + 1, numbers.len())?;
            for (j, n) in numbers.iter().enumerate() {
                match check_number(n) {
                    Ok(x) => values.push(x),
                    Err(bad) => {
                        return Err(Detail::PointValue {
                            point: i + 1,
                            coordinate: j + 1,
                            text: n.trim().to_string(),
                            bad,
                            max: MAX_ABS,
                        })
                    }
                }
            }
        }
        Ok(Points::from_parts(arity, values))
    }

    /// The `pts=` form: `x,y;x,y` or `x1,x2,y;…`, numbers in their shortest exact form.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.values.len() * 8);
        for (i, p) in self.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            for (j, v) in p.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                out.push_str(&fmt_f64(*v));
            }
        }
        out
    }

    /// The number of points.
    pub fn len(&self) -> usize {
        self.values.len().checked_div(self.arity).unwrap_or(0)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Numbers per point: 2 (x, y), 3 (x₁, x₂, y), or 0 when there are no points.
    pub fn arity(&self) -> usize {
        self.arity
    }

    /// Every number, point after point.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The points, each a slice of `arity()` numbers.
    pub fn iter(&self) -> impl Iterator<Item = &[f64]> {
        self.values.chunks(self.arity.max(1))
    }

    /// Whether `model` can be fitted to these points: linreg and logreg take points of two
    /// numbers, linreg2 of three, and logreg's second number is a label, 0 or 1. The error
    /// names what does not fit (for a label, the first bad point, from 1). No points suit
    /// every model.
    pub fn suits(&self, model: ModelKind) -> Result<(), Detail> {
        if self.is_empty() {
            return Ok(());
        }
        let needs = model_arity(model);
        if self.arity != needs {
            return Err(Detail::PointsDoNotSuit {
                model: model.name(),
                needs,
                found: self.arity,
            });
        }
        if model == ModelKind::Logreg {
            if let Some((i, p)) = self
                .iter()
                .enumerate()
                .find(|(_, p)| p[1] != 0.0 && p[1] != 1.0)
            {
                return Err(Detail::PointLabel {
                    point: i + 1,
                    value: fmt_f64(p[1]),
                });
            }
        }
        Ok(())
    }

    /// The points as samples: (x, y) as x₁ and y, (x₁, x₂, y) with the second feature.
    pub fn dataset(&self) -> Dataset {
        let n = self.len();
        let mut d = Dataset {
            x1: Vec::with_capacity(n),
            x2: Vec::with_capacity(if self.arity == 3 { n } else { 0 }),
            y: Vec::with_capacity(n),
        };
        for p in self.iter() {
            d.x1.push(p[0]);
            if self.arity == 3 {
                d.x2.push(p[1]);
            }
            d.y.push(p[self.arity - 1]);
        }
        d
    }

    /// The points of samples: x₁ and y, with x₂ between them when the data has it.
    pub fn from_dataset(d: &Dataset) -> Result<Points, Detail> {
        let arity = if d.has_x2() { 3 } else { 2 };
        let mut values = Vec::with_capacity(d.len() * arity);
        for i in 0..d.len() {
            values.push(d.x1[i]);
            if arity == 3 {
                values.push(d.x2_at(i));
            }
            values.push(d.y[i]);
        }
        Points::new(arity, values)
    }
}

/// The numbers per point a model takes: 3 for linreg2, 2 for linreg and logreg.
pub fn model_arity(model: ModelKind) -> usize {
    match model {
        ModelKind::Linreg2 => 3,
        ModelKind::Linreg | ModelKind::Logreg => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_bit_for_bit() {
        let values = vec![
            0.1,
            -0.0,
            1e-300,
            -2.2250738585072014e-308,
            123456.789,
            1e15,
            5e-324,
            0.30000000000000004,
        ];
        let p = Points::new(2, values.clone()).unwrap();
        let q = Points::parse(&p.text()).unwrap();
        assert_eq!(p, q);
        assert_eq!(
            q.values().iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            values.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
        assert_ne!(
            Points::parse("0,1").unwrap(),
            Points::parse("-0,1").unwrap()
        );
        assert_eq!(Points::parse(" 1 , 3 ; 2,5;").unwrap().text(), "1,3;2,5");
        assert_eq!(Points::count_in("1,3;2,5;"), 2);
        assert_eq!(Points::count_in(" "), 0);
        assert!(Points::parse("").unwrap().is_empty());
    }

    #[test]
    fn bad_points_are_named_by_number() {
        let err = |t: &str| Points::parse(t).unwrap_err();
        assert_eq!(
            err("1,2;3,x"),
            Detail::PointValue {
                point: 2,
                coordinate: 2,
                text: "x".into(),
                bad: BadNumber::NotANumber,
                max: MAX_ABS,
            }
        );
        assert!(matches!(
            err("1,2;3,4;1e400,1"),
            Detail::PointValue {
                point: 3,
                coordinate: 1,
                bad: BadNumber::TooLarge,
                ..
            }
        ));
        assert!(matches!(
            err("1,NaN"),
            Detail::PointValue {
                point: 1,
                bad: BadNumber::NotFinite,
                ..
            }
        ));
        assert!(matches!(
            err("1,inf"),
            Detail::PointValue {
                bad: BadNumber::NotFinite,
                ..
            }
        ));
        assert!(matches!(
            err("1,2e15"),
            Detail::PointValue {
                bad: BadNumber::TooLarge,
                ..
            }
        ));
        assert_eq!(
            err("1,2;3,4,5"),
            Detail::PointRagged {
                point: 2,
                found: 3,
                expected: 2
            }
        );
        assert_eq!(err("1"), Detail::PointNumbers { point: 1, found: 1 });
        assert_eq!(err("1,2,3,4"), Detail::PointNumbers { point: 1, found: 4 });
        assert!(matches!(
            err("1,2;;3,4"),
            Detail::PointRagged { point: 2, .. }
        ));
    }

    #[test]
    fn models_take_their_points() {
        let two = Points::parse("1,0;2,1").unwrap();
        let three = Points::parse("1,2,3;4,5,6").unwrap();
        assert!(two.suits(ModelKind::Linreg).is_ok());
        assert!(two.suits(ModelKind::Logreg).is_ok());
        assert!(matches!(
            two.suits(ModelKind::Linreg2),
            Err(Detail::PointsDoNotSuit {
                needs: 3,
                found: 2,
                ..
            })
        ));
        assert!(three.suits(ModelKind::Linreg2).is_ok());
        assert!(three.suits(ModelKind::Linreg).is_err());
        let labels = Points::parse("1,0;2,1;3,0.5").unwrap();
        assert_eq!(
            labels.suits(ModelKind::Logreg),
            Err(Detail::PointLabel {
                point: 3,
                value: "0.5".into()
            })
        );
        let d = three.dataset();
        assert_eq!(
            (d.x1, d.x2, d.y),
            (vec![1.0, 4.0], vec![2.0, 5.0], vec![3.0, 6.0])
        );
        assert_eq!(Points::from_dataset(&three.dataset()).unwrap(), three);
    }
}
