//! What an update tells whoever watches it: the rule's named terms, for the maths panel, replay and the arrows.
//!
//! Every rule's `update` is generic over an [`Observer`]. The run loop passes [`Silent`], a
//! zero-sized type whose methods are empty: the closures handed to it are never called, and
//! the loop compiles to the same instructions as a rule with no observer at all. The maths
//! panel passes [`Terms`], which records each term by name. The terms are the rule's own
//! numbers (or, for display-only quantities such as m̂, computed here beside the rule), so no
//! optimizer arithmetic lives outside `optim/`.

use crate::geometry::Point;

/// Watches one update. Every method does nothing unless overridden.
pub trait Observer {
    /// A named intermediate quantity of the rule (scalars as `[x, x]`), computed only when
    /// this observer wants it.
    #[inline(always)]
    fn term(&mut self, _name: &'static str, _value: impl FnOnce() -> Point) {}

    /// The direction of the rule's momentum (the buffer b, or the bias-corrected first
    /// moment), before it is scaled by −lr: what the page draws as the momentum arrow.
    #[inline(always)]
    fn momentum(&mut self, _direction: impl FnOnce() -> Point) {}
}

/// The observer of the run loop: sees nothing, costs nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Observer for Silent {}

/// Records every term in the order the rule computes it, and the momentum direction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Terms {
    /// The named terms, in the order the formula uses them.
    pub terms: Vec<(&'static str, Point)>,
    /// The momentum direction, where the rule has one.
    pub momentum: Option<Point>,
}

impl Observer for Terms {
    fn term(&mut self, name: &'static str, value: impl FnOnce() -> Point) {
        self.terms.push((name, value()));
    }

    fn momentum(&mut self, direction: impl FnOnce() -> Point) {
        self.momentum = Some(direction());
    }
}
