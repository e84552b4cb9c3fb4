//! The loss being descended, whatever its kind: a built-in function, a typed formula or a
//! model fitted to data. It knows nothing of optimizers.

use crate::curvature::Curvature;
use crate::dataset::Dataset;
use crate::formula::{Formula, FormulaError};
use crate::function::Function;
use crate::geometry::{Hessian, Point, Window};
use crate::model::Model;
use crate::settings::{LandscapeKind, Scaling, Settings};

/// A loss f(θ) with its gradient and Hessian.
#[derive(Clone, Debug)]
pub enum Objective {
    /// A built-in analytic landscape.
    Function(Function),
    /// A user's formula, differentiated automatically.
    Custom(Formula),
    /// A model's loss averaged over its dataset.
    Model(Box<Model>),
}

impl Objective {
    /// The objective the settings describe; a formula that does not parse is an error naming
    /// its column.
    pub fn from_settings(s: &Settings) -> Result<Objective, FormulaError> {
        Ok(match s.f {
            LandscapeKind::Function(f) => Objective::Function(f),
            LandscapeKind::Custom => Objective::Custom(Formula::parse(&s.expr)?),
            LandscapeKind::Model(kind) => {
                let mut data = s.samples().unwrap_or_else(|| {
                    Dataset::generate(kind.default_dataset(), s.n as usize, s.noise, s.seed)
                });
                if s.scale == Scaling::Standard {
                    data = data.standardized();
                }
                Objective::Model(Box::new(Model::new(kind, data)))
            }
        })
    }

    /// 1 for landscapes of x alone (y stays 0), else 2.
    pub fn dim(&self) -> u8 {
        match self {
            Objective::Function(f) => f.info().dim,
            Objective::Custom(e) => {
                if e.uses_y() {
                    2
                } else {
                    1
                }
            }
            Objective::Model(_) => 2,
        }
    }

    /// The loss at θ (over all samples for data models).
    pub fn value(&self, p: Point) -> f64 {
        match self {
            Objective::Function(f) => f.value(p),
            Objective::Custom(e) => e.value(p),
            Objective::Model(m) => m.loss(p),
        }
    }

    /// The gradient at θ (over all samples for data models).
    pub fn gradient(&self, p: Point) -> Point {
        let g = match self {
            Objective::Function(f) => f.gradient(p),
            Objective::Custom(e) => e.gradient(p),
            Objective::Model(m) => m.gradient(p),
        };
        self.freeze_y(g)
    }

    /// The Hessian at θ. For 1-D landscapes ∂²f/∂y² is reported as 1: y never moves, and a
    /// unit curvature keeps Newton's solve well posed without touching x's step.
    pub fn hessian(&self, p: Point) -> Hessian {
        let h = match self {
            Objective::Function(f) => f.hessian(p),
            Objective::Custom(e) => e.hessian(p),
            Objective::Model(m) => m.hessian(p),
        };
        if self.dim() == 1 {
            [[h[0][0], 0.0], [0.0, 1.0]]
        } else {
            h
        }
    }

    /// The Hessian's eigenvalues at θ and the shape they make (one eigenvalue for 1-D
    /// landscapes): the analytic Hessian for built-ins and data models, the hyper-dual one
    /// for formulas, the same one Newton's step uses.
    pub fn curvature(&self, p: Point) -> Curvature {
        Curvature::of(self.hessian(p), self.dim())
    }

    /// Zeroes the y component for 1-D landscapes, so y stays exactly 0.
    pub fn freeze_y(&self, mut g: Point) -> Point {
        if self.dim() == 1 {
            g[1] = 0.0;
        }
        g
    }

    /// The model, for data landscapes.
    pub fn model(&self) -> Option<&Model> {
        match self {
            Objective::Model(m) => Some(m),
            _ => None,
        }
    }

    /// The default view window.
    pub fn window(&self) -> Window {
        match self {
            Objective::Function(f) => f.info().window,
            Objective::Custom(e) => {
                if e.uses_y() {
                    Window::new(-3.0, 3.0, -3.0, 3.0)
                } else {
                    Window::new(-3.0, 3.0, -1.0, 1.0)
                }
            }
            Objective::Model(m) => m.default_window(),
        }
    }

    /// The default start.
    pub fn start(&self) -> Point {
        match self {
            Objective::Function(f) => f.info().start,
            Objective::Custom(e) => {
                if e.uses_y() {
                    [2.0, 2.0]
                } else {
                    [2.0, 0.0]
                }
            }
            Objective::Model(m) => m.default_start(),
        }
    }

    /// Known minima, for markers and tests; empty where none is known.
    pub fn minima(&self) -> Vec<Point> {
        match self {
            Objective::Function(f) => f.info().minima.to_vec(),
            Objective::Custom(_) => Vec::new(),
            Objective::Model(m) => m.minimizer().into_iter().collect(),
        }
    }

    /// The loss on an `nx × ny` grid over `window`, row-major, first row at `y_max`. Grid
    /// points include the edges. Linear-regression losses cost O(1) a point whatever n is;
    /// logistic regression's are drawn from its samples grouped by x above
    /// [`crate::model::SURFACE_GROUPS`] samples ([`Model::surface_loss`]).
    pub fn loss_grid(&self, window: Window, nx: usize, ny: usize) -> Vec<f64> {
        let mut out = vec![0.0; nx * ny];
        self.loss_rows(window, nx, ny, 0, &mut out);
        out
    }

    /// Rows `first..` of [`Objective::loss_grid`]'s grid into `out` (whole rows of `nx`), so
    /// that an expensive surface can be sampled a few rows at a time.
    pub fn loss_rows(&self, window: Window, nx: usize, ny: usize, first: usize, out: &mut [f64]) {
        match self {
            Objective::Function(f) => sample_rows(window, nx, ny, first, out, |p| f.value(p)),
            Objective::Custom(e) => sample_rows(window, nx, ny, first, out, |p| e.value(p)),
            Objective::Model(m) => sample_rows(window, nx, ny, first, out, |p| m.surface_loss(p)),
        }
    }

    /// Roughly how many terms one sample of the surface sums: 1 for built-ins, formulas and
    /// least squares, the samples (or their groups) for logistic regression.
    pub fn sample_cost(&self) -> usize {
        match self {
            Objective::Model(m) => m.surface_cost(),
            _ => 1,
        }
    }
}

/// Samples `f` on the rows `first..` of the grid that [`Objective::loss_grid`] describes;
/// generic so each landscape gets its own inlined loop.
fn sample_rows(
    window: Window,
    nx: usize,
    ny: usize,
    first: usize,
    out: &mut [f64],
    f: impl Fn(Point) -> f64,
) {
    if nx == 0 {
        return;
    }
    let dx = if nx > 1 {
        (window.x_max - window.x_min) / (nx - 1) as f64
    } else {
        0.0
    };
    let dy = if ny > 1 {
        (window.y_max - window.y_min) / (ny - 1) as f64
    } else {
        0.0
    };
    for (j, row) in out.chunks_exact_mut(nx).enumerate() {
        let j = first + j;
        if j >= ny {
            break;
        }
        sample_row(row, window.x_min, dx, window.y_max - j as f64 * dy, &f);
    }
}

/// The samples of the row at `y`. A function of its own in wasm, so that V8 optimises it
/// after a few rows of the first grid (ARCHITECTURE.md: the surface's loops run a row a
/// call); natively it is inlined, which is faster.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn sample_row(row: &mut [f64], x_min: f64, dx: f64, y: f64, f: &impl Fn(Point) -> f64) {
    for (i, v) in row.iter_mut().enumerate() {
        *v = f([x_min + i as f64 * dx, y]);
    }
}
