//! Everything that defines a run, in one plain value with its defaults.
//!
//! A [`Settings`] holds every knob as given; values whose default depends on another choice
//! (the learning rate on the optimizer, the start on the landscape) are `Option`s, where `None`
//! means "the default for the current choice". The URL form lives in [`crate::codec`].

use crate::dataset::{Dataset, DatasetKind};
use crate::function::Function;
use crate::model::ModelKind;
use crate::optim::{Optimizer, OptimizerKind};
use crate::points::Points;
use crate::sampling::BatchMode;
use crate::schedule::{Schedule, ScheduleKind};

use crate::comparison::{RaceEntry, Sweep, SweepMetric};
use crate::map::{Map, MapMetric};

/// Which loss landscape a run descends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LandscapeKind {
    /// A built-in analytic function of θ.
    Function(Function),
    /// The formula in [`Settings::expr`].
    Custom,
    /// A model fitted to a dataset.
    Model(ModelKind),
}

impl LandscapeKind {
    /// The settings name (`f=`).
    pub fn name(&self) -> &'static str {
        match self {
            LandscapeKind::Function(f) => f.name(),
            LandscapeKind::Custom => "custom",
            LandscapeKind::Model(m) => m.name(),
        }
    }

    /// The kind for a settings name.
    pub fn from_name(s: &str) -> Option<Self> {
        if s == "custom" {
            return Some(LandscapeKind::Custom);
        }
        Function::from_name(s)
            .map(LandscapeKind::Function)
            .or_else(|| ModelKind::from_name(s).map(LandscapeKind::Model))
    }

    /// Every choice, in the order menus list them: 2-D functions, 1-D, data models, custom.
    pub fn all() -> Vec<LandscapeKind> {
        let mut v: Vec<LandscapeKind> = Function::ALL
            .iter()
            .map(|&f| LandscapeKind::Function(f))
            .collect();
        v.extend(ModelKind::ALL.iter().map(|&m| LandscapeKind::Model(m)));
        v.push(LandscapeKind::Custom);
        v
    }

    /// Whether the landscape is fitted to data (so batch modes apply).
    pub fn is_model(&self) -> bool {
        matches!(self, LandscapeKind::Model(_))
    }
}

/// Whether features are standardised before training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scaling {
    /// Features as generated.
    None,
    /// Each feature shifted and scaled to mean 0 and variance 1 (特征缩放).
    Standard,
}

impl Scaling {
    /// Every settings name, in menu order.
    pub const NAMES: [&'static str; 2] = ["none", "standard"];

    /// The settings name (`scale=`).
    pub fn name(&self) -> &'static str {
        match self {
            Scaling::None => "none",
            Scaling::Standard => "standard",
        }
    }
}

/// How the surface is coloured: a view option, not part of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorScale {
    /// Logarithmic where the landscape's range is huge (rosenbrock), else linear.
    Auto,
    /// Colour proportional to the loss.
    Linear,
    /// Colour proportional to the logarithm of the loss above its minimum.
    Log,
}

impl ColorScale {
    /// The settings name (`color=`).
    pub fn name(&self) -> &'static str {
        match self {
            ColorScale::Auto => "auto",
            ColorScale::Linear => "linear",
            ColorScale::Log => "log",
        }
    }

    /// The scale for a settings name.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "auto" => Some(ColorScale::Auto),
            "linear" => Some(ColorScale::Linear),
            "log" => Some(ColorScale::Log),
            _ => None,
        }
    }
}

/// How the surface is drawn: a view option, not part of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurfaceView {
    /// The heatmap with contours, seen from above.
    Flat,
    /// A shaded 3-D mesh with the trajectory lying on it.
    Mesh,
}

impl SurfaceView {
    /// The settings name (`view=`).
    pub fn name(&self) -> &'static str {
        match self {
            SurfaceView::Flat => "2d",
            SurfaceView::Mesh => "3d",
        }
    }

    /// The view for a settings name.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "2d" => Some(SurfaceView::Flat),
            "3d" => Some(SurfaceView::Mesh),
            _ => None,
        }
    }
}

/// The language of the page's words; `None` in [`Settings::lang`] means the browser's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese (简体中文).
    Zh,
}

impl Lang {
    /// The settings name (`lang=`).
    pub fn name(&self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language for a settings name.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// Every setting of a run, and the view options kept in the same link.
/// `Settings::default()` is the page's first view.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The landscape (`f`).
    pub f: LandscapeKind,
    /// The custom formula, used when `f` is custom (`expr`).
    pub expr: String,
    /// The dataset of a data model; `None` is the model's own default (`data`).
    pub data: Option<DatasetKind>,
    /// The number of generated samples (`n`); the `seed` dataset always has 3.
    pub n: u32,
    /// The noise σ of generated data (`noise`).
    pub noise: f64,
    /// The user's own points, the samples of `data=custom` (`pts`); kept whatever the
    /// dataset, so that switching away and back loses nothing.
    pub pts: Points,
    /// Feature scaling (`scale`).
    pub scale: Scaling,
    /// The seed of every random draw: data, batches and gradient noise (`seed`).
    pub seed: u64,
    /// The optimizer (`opt`).
    pub opt: OptimizerKind,
    /// The base learning rate; `None` is the optimizer's default (`lr`).
    pub lr: Option<f64>,
    /// Momentum factor of momentum and nesterov (`mom`).
    pub mom: f64,
    /// Decay of rmsprop and adadelta; `None` is the optimizer's default (`rho`).
    pub rho: Option<f64>,
    /// Adam-family β₁ (`b1`).
    pub b1: f64,
    /// Adam-family β₂ (`b2`).
    pub b2: f64,
    /// The ε of adaptive optimizers; `None` is the optimizer's default (`eps`).
    pub eps: Option<f64>,
    /// AdamW's decoupled weight decay (`wd`).
    pub wd: f64,
    /// Rprop's step-size shrink factor, torch's `etas[0]` (`etaminus`).
    pub etaminus: f64,
    /// Rprop's step-size growth factor, torch's `etas[1]` (`etaplus`).
    pub etaplus: f64,
    /// Rprop's smallest step size, torch's `step_sizes[0]` (`stepmin`).
    pub stepmin: f64,
    /// Rprop's largest step size, torch's `step_sizes[1]` (`stepmax`).
    pub stepmax: f64,
    /// The schedule (`sched`).
    pub sched: ScheduleKind,
    /// The decay factor of the exp and step schedules (`gamma`).
    pub gamma: f64,
    /// Steps between decays of the step schedule (`every`).
    pub every: u64,
    /// The half period of the cosine schedule (`tmax`).
    pub tmax: u64,
    /// The floor of the cosine schedule (`lrmin`).
    pub lrmin: f64,
    /// The batch mode of data models (`batch`).
    pub batch: BatchMode,
    /// The mini-batch size; `None` is min(16, n) (`bs`).
    pub bs: Option<u32>,
    /// σ of the Gaussian noise added to each gradient component of functions (`gnoise`).
    pub gnoise: f64,
    /// The start's x; `None` is the landscape's default start (`x0`).
    pub x0: Option<f64>,
    /// The start's y; `None` is the landscape's default start (`y0`).
    pub y0: Option<f64>,
    /// The maximum number of steps (`steps`).
    pub steps: u32,
    /// Stop when ‖g‖ < tol; 0 disables it (`tol`).
    pub tol: f64,
    /// Stop when the loss is below this; `None` is off (`target`).
    pub target: Option<f64>,
    /// View: how the surface is coloured (`color`).
    pub color: ColorScale,
    /// View: whether the loss chart has a logarithmic axis (`logy`).
    pub logy: bool,
    /// View: the surface flat or as a 3-D mesh (`view`).
    pub view: SurfaceView,
    /// View: the 3-D camera's turn about the vertical axis, in degrees (`yaw`).
    pub yaw: f64,
    /// View: the 3-D camera's elevation above the x-y plane, in degrees (`pitch`).
    pub pitch: f64,
    /// View: the 3-D camera's magnification (`zoom`).
    pub zoom: f64,
    /// View: residual segments from each sample to the model in the data view (`resid`).
    pub resid: bool,
    /// View: the step-by-step maths panel (`maths`).
    pub maths: bool,
    /// View: the local quadratic model's level curve through the shown point (`quad`).
    pub quad: bool,
    /// View: the gradient cloud at the shown step (`cloud`), where the gradient is noisy.
    pub cloud: bool,
    /// View: the step shown; `None` is the end of the run, and a step past the end shows the
    /// end (`at`).
    pub at: Option<u64>,
    /// View: the page's language; `None` follows the browser (`lang`).
    pub lang: Option<Lang>,
    /// Comparison: other optimizers raced against this run (`race`).
    pub race: Vec<RaceEntry>,
    /// Comparison: this run repeated at other learning rates (`lrs`).
    pub lrs: Vec<f64>,
    /// Comparison: a sweep of log-spaced learning rates (`sweep`).
    pub sweep: Option<Sweep>,
    /// Comparison: what the sweep plots against the learning rate (`sweepy`).
    pub sweepy: SweepMetric,
    /// Comparison: a map of runs over two keys (`map`).
    pub map: Option<Map>,
    /// Comparison: what colours the map's cells; `None` is basins for a map of the start,
    /// else the final loss (`mapy`).
    pub mapy: Option<MapMetric>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            f: LandscapeKind::Function(Function::Quadratic),
            expr: DEFAULT_EXPR.to_string(),
            data: None,
            n: 100,
            noise: 0.5,
            pts: Points::default(),
            scale: Scaling::None,
            seed: 1,
            opt: OptimizerKind::Gd,
            lr: None,
            mom: 0.9,
            rho: None,
            b1: 0.9,
            b2: 0.999,
            eps: None,
            wd: 0.01,
            etaminus: 0.5,
            etaplus: 1.2,
            stepmin: 1e-6,
            stepmax: 50.0,
            sched: ScheduleKind::Const,
            gamma: 0.99,
            every: 50,
            tmax: 200,
            lrmin: 0.0,
            batch: BatchMode::Full,
            bs: None,
            gnoise: 0.0,
            x0: None,
            y0: None,
            steps: 200,
            tol: 1e-8,
            target: None,
            color: ColorScale::Auto,
            logy: true,
            view: SurfaceView::Flat,
            yaw: -35.0,
            pitch: 35.0,
            zoom: 1.0,
            resid: false,
            maths: false,
            quad: false,
            cloud: false,
            at: None,
            lang: None,
            race: Vec::new(),
            lrs: Vec::new(),
            sweep: None,
            sweepy: SweepMetric::Loss,
            map: None,
            mapy: None,
        }
    }
}

/// One landscape's row of [`NEW_RUN_DEFAULTS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NewRunDefaults {
    /// The landscape's settings name (`f=`).
    pub landscape: &'static str,
    /// The learning rate of a new run per optimizer, for the optimizers whose rate differs
    /// from [`Optimizer::default_lr`] (0.01; 1 for adadelta and newton).
    pub lr: &'static [(&'static str, f64)],
}

/// The rates of Himmelblau's function and of the default formula x² + 3y², which suit the
/// same ones.
const HILLS_RATES: &[(&str, f64)] = &[
    ("adagrad", 1.0),
    ("rmsprop", 0.1),
    ("adadelta", 10.0),
    ("adam", 0.2),
    ("adamw", 0.2),
    ("amsgrad", 0.2),
    ("nadam", 0.2),
    ("adamax", 0.05),
    ("radam", 0.05),
];

/// The rates of the two bowls, x² + y² and x² + 25y², which suit the same ones.
const BOWL_RATES: &[(&str, f64)] = &[
    ("adagrad", 0.5),
    ("adadelta", 10.0),
    ("adam", 0.2),
    ("adamw", 0.2),
    ("amsgrad", 0.2),
    ("nadam", 0.1),
    ("adamax", 0.02),
    ("radam", 0.05),
];

/// The learning rate a new run starts with, per landscape and optimizer: one table, so that
/// every landscape × optimizer default converges visibly (never diverges, settles within the
/// default 200 steps and stays in view; the saddle, which has no minimum, escapes in view),
/// checked for every pair by `crates/core/tests/defaults.rs`. Each landscape keeps its own
/// start ([`crate::FunctionInfo::start`], the models' and the formula's), which all suit.
///
/// Links keep their meaning: a link without `lr=` means [`Optimizer::default_lr`], as it
/// always has ([`Settings::base_lr`]). This table is what the page sets when the user picks a
/// landscape or an optimizer ([`Settings::choose`]); the codec then writes `lr=` into the
/// link whenever the rate differs from that legacy value.
pub static NEW_RUN_DEFAULTS: &[NewRunDefaults] = &[
    NewRunDefaults {
        landscape: "quadratic",
        lr: BOWL_RATES,
    },
    NewRunDefaults {
        landscape: "ellipse",
        lr: BOWL_RATES,
    },
    NewRunDefaults {
        landscape: "rosenbrock",
        lr: &[
            ("gd", 0.0005),
            ("momentum", 0.0005),
            ("nesterov", 0.0002),
            ("adadelta", 0.2),
            ("newton", 0.1),
        ],
    },
    NewRunDefaults {
        landscape: "himmelblau",
        lr: HILLS_RATES,
    },
    NewRunDefaults {
        landscape: "beale",
        lr: &[
            ("momentum", 0.001),
            ("nesterov", 0.001),
            ("adagrad", 0.5),
            ("adadelta", 10.0),
            ("adam", 0.2),
            ("adamw", 0.2),
            ("amsgrad", 0.2),
            ("nadam", 0.1),
            ("newton", 0.2),
            ("adamax", 0.1),
            ("radam", 0.02),
        ],
    },
    NewRunDefaults {
        landscape: "booth",
        lr: &[
            ("adagrad", 2.0),
            ("rmsprop", 0.2),
            ("adadelta", 20.0),
            ("adam", 1.0),
            ("adamw", 1.0),
            ("amsgrad", 1.0),
            ("nadam", 1.0),
            ("adamax", 0.2),
        ],
    },
    NewRunDefaults {
        landscape: "rastrigin",
        lr: &[
            ("gd", 0.0005),
            ("momentum", 0.0005),
            ("nesterov", 0.0005),
            ("adagrad", 0.2),
            ("radam", 0.02),
        ],
    },
    NewRunDefaults {
        landscape: "saddle",
        lr: &[
            ("momentum", 0.0002),
            ("nesterov", 0.0002),
            ("rmsprop", 0.0005),
            ("adadelta", 0.005),
            ("adam", 0.0005),
            ("adamw", 0.0005),
            ("amsgrad", 0.0005),
            ("nadam", 0.0005),
            ("newton", 0.001),
        ],
    },
    NewRunDefaults {
        landscape: "six_hump_camel",
        lr: &[("adagrad", 0.2)],
    },
    NewRunDefaults {
        landscape: "parabola1d",
        lr: &[
            ("adagrad", 1.0),
            ("rmsprop", 0.1),
            ("adadelta", 20.0),
            ("adam", 0.5),
            ("adamw", 0.5),
            ("amsgrad", 0.5),
            ("nadam", 0.2),
            ("adamax", 0.05),
            ("radam", 0.1),
        ],
    },
    NewRunDefaults {
        landscape: "double_well1d",
        lr: &[("adagrad", 0.5), ("adadelta", 10.0), ("adamax", 0.02)],
    },
    NewRunDefaults {
        landscape: "wavy1d",
        lr: &[("adagrad", 0.5), ("adadelta", 10.0), ("radam", 0.05)],
    },
    NewRunDefaults {
        landscape: "linreg",
        lr: &[
            ("adagrad", 0.5),
            ("adadelta", 10.0),
            ("nadam", 0.1),
            ("adamax", 0.02),
            ("radam", 0.02),
        ],
    },
    NewRunDefaults {
        landscape: "logreg",
        lr: &[
            ("gd", 2.0),
            ("adagrad", 2.0),
            ("rmsprop", 0.2),
            ("adadelta", 20.0),
            ("adam", 0.5),
            ("adamw", 0.5),
            ("amsgrad", 0.5),
            ("nadam", 0.2),
            ("newton", 0.1),
            ("adamax", 0.1),
            ("radam", 0.3),
        ],
    },
    NewRunDefaults {
        landscape: "linreg2",
        lr: &[
            ("gd", 0.001),
            ("momentum", 0.0005),
            ("nesterov", 0.0002),
            ("adadelta", 0.1),
            ("radam", 0.002),
        ],
    },
    NewRunDefaults {
        landscape: "custom",
        lr: HILLS_RATES,
    },
];

impl LandscapeKind {
    /// The learning rate a new run of optimizer `opt` on this landscape starts with
    /// ([`NEW_RUN_DEFAULTS`], else [`Optimizer::default_lr`]).
    pub fn new_run_lr(&self, opt: &str) -> f64 {
        NEW_RUN_DEFAULTS
            .iter()
            .find(|row| row.landscape == self.name())
            .and_then(|row| row.lr.iter().find(|(o, _)| *o == opt))
            .map(|&(_, lr)| lr)
            .unwrap_or_else(|| Optimizer::default_lr(opt))
    }
}

/// The custom formula shown before the user types one.
pub const DEFAULT_EXPR: &str = "x^2 + 3*y^2";

/// The largest allowed `steps`.
pub const MAX_STEPS: u32 = 1_000_000;

/// The largest allowed `n`.
pub const MAX_N: u32 = 100_000;

impl Settings {
    /// The optimizer with its hyperparameters filled in from these settings.
    pub fn optimizer(&self) -> Optimizer {
        let mut opt = self.opt.entry().default;
        for key in opt.hyperparameters() {
            let given = match *key {
                "mom" => Some(self.mom),
                "rho" => self.rho,
                "b1" => Some(self.b1),
                "b2" => Some(self.b2),
                "eps" => self.eps,
                "wd" => Some(self.wd),
                "etaminus" => Some(self.etaminus),
                "etaplus" => Some(self.etaplus),
                "stepmin" => Some(self.stepmin),
                "stepmax" => Some(self.stepmax),
                _ => None,
            };
            if let Some(v) = given {
                opt.set(key, v);
            }
        }
        opt
    }

    /// Whether two settings define the same run, whatever their view options and comparisons.
    pub fn same_run(&self, other: &Settings) -> bool {
        self.run_only() == other.run_only()
    }

    /// These settings with every view option and comparison at its default: what the run
    /// itself depends on.
    pub fn run_only(&self) -> Settings {
        let d = Settings::default();
        Settings {
            color: d.color,
            logy: d.logy,
            view: d.view,
            yaw: d.yaw,
            pitch: d.pitch,
            zoom: d.zoom,
            resid: d.resid,
            maths: d.maths,
            quad: d.quad,
            cloud: d.cloud,
            at: d.at,
            lang: d.lang,
            race: d.race,
            lrs: d.lrs,
            sweep: d.sweep,
            sweepy: d.sweepy,
            map: d.map,
            mapy: d.mapy,
            ..self.clone()
        }
    }

    /// After the user picked `key` on the page (changing `before` into these settings): a new
    /// landscape (`f`) or optimizer (`opt`) gets its new-run learning rate from
    /// [`NEW_RUN_DEFAULTS`], unless the user had typed a rate of their own (one that is not
    /// the previous pair's new-run rate), which is kept. `lr` stays unset (`None`, omitted
    /// from links) when the new-run rate equals the legacy default, so links stay short; an
    /// emptied `lr` field gets the new-run rate too. Decoding a link never calls this.
    pub fn choose(&mut self, key: &str, before: &Settings) {
        let typed = before
            .lr
            .is_some_and(|lr| lr != before.f.new_run_lr(before.opt.name()));
        let follows = match key {
            "f" | "opt" => !typed,
            "lr" => self.lr.is_none(),
            _ => false,
        };
        if follows {
            let lr = self.f.new_run_lr(self.opt.name());
            self.lr = (lr != Optimizer::default_lr(self.opt.name())).then_some(lr);
        }
    }

    /// The base learning rate: the one given, or the optimizer's default.
    pub fn base_lr(&self) -> f64 {
        self.lr.unwrap_or(self.opt.entry().default_lr)
    }

    /// The schedule with its parameters filled in.
    pub fn schedule(&self) -> Schedule {
        match self.sched {
            ScheduleKind::Const => Schedule::Const,
            ScheduleKind::InvSqrt => Schedule::InvSqrt,
            ScheduleKind::Exp => Schedule::Exp { gamma: self.gamma },
            ScheduleKind::Step => Schedule::Step {
                every: self.every,
                gamma: self.gamma,
            },
            ScheduleKind::Cosine => Schedule::Cosine {
                tmax: self.tmax,
                lrmin: self.lrmin,
            },
        }
    }

    /// The dataset of a data model: the one given, or the model's default.
    pub fn dataset(&self) -> Option<DatasetKind> {
        match self.f {
            LandscapeKind::Model(m) => Some(self.data.unwrap_or(m.default_dataset())),
            _ => None,
        }
    }

    /// The number of samples the dataset really has.
    pub fn sample_count(&self) -> u32 {
        match self.dataset() {
            Some(DatasetKind::Seed) => 3,
            Some(DatasetKind::Custom) => self.pts.len() as u32,
            Some(_) => self.n,
            None => 0,
        }
    }

    /// The samples of a data model, as its settings define them: generated, or the custom
    /// points (`pts`), unscaled; `None` for landscapes without data. Custom points that do
    /// not suit the model (which decoding never leaves) give the model's own dataset.
    pub fn samples(&self) -> Option<Dataset> {
        let LandscapeKind::Model(model) = self.f else {
            return None;
        };
        let kind = self.dataset()?;
        if kind == DatasetKind::Custom {
            if self.pts.suits(model).is_ok() {
                return Some(self.pts.dataset());
            }
            let d = model.default_dataset();
            return Some(Dataset::generate(d, self.n as usize, self.noise, self.seed));
        }
        Some(Dataset::generate(
            kind,
            self.n as usize,
            self.noise,
            self.seed,
        ))
    }

    /// The mini-batch size: the one given, or min(16, n).
    pub fn batch_size(&self) -> u32 {
        self.bs.unwrap_or_else(|| self.sample_count().clamp(1, 16))
    }

    /// Whether each step's gradient is noisy: a data model trained by SGD or mini-batches,
    /// or gradient noise (`gnoise`) on a landscape without data, which is where the gradient
    /// cloud (`cloud=on`, [`crate::cloud`]) has something to show.
    pub fn noisy_gradient(&self) -> bool {
        if self.f.is_model() {
            self.batch != BatchMode::Full
        } else {
            self.gnoise > 0.0
        }
    }
}
