//! Runs compared with the main one: an optimizer race, the same run at other learning rates,
//! a learning-rate sweep, and feature scaling on and off.
//!
//! Every compared run is the main run's settings with a few keys changed, so a comparison is
//! as reproducible as the main run: [`Settings::runs`] lists them, [`outcome`] runs one to its
//! end.

use crate::codec::set_value;
use crate::comparison::{RaceEntry, Sweep, MAX_RUNS};
use crate::dataset::mean_sd;
use crate::geometry::Point;
use crate::model::ModelKind;
use crate::numfmt::fmt_f64;
use crate::run::{Run, RunError};
use crate::sampling::BatchMode;
use crate::settings::{LandscapeKind, Scaling, Settings};
use crate::status::{Divergence, Status};

/// Racers run as the main run with their own optimizer and hyperparameters.
impl RaceEntry {
    /// The main settings with this entry's optimizer and hyperparameters.
    pub fn apply(&self, main: &Settings) -> Settings {
        let mut s = main.run_only();
        s.opt = self.opt;
        // Hyperparameters not given are the optimizer's defaults, not the main run's.
        let d = Settings::default();
        s.lr = None;
        s.mom = d.mom;
        s.rho = d.rho;
        s.b1 = d.b1;
        s.b2 = d.b2;
        s.eps = d.eps;
        s.wd = d.wd;
        for (k, v) in &self.params {
            set_value(&mut s, k, &fmt_f64(*v));
        }
        // Sampling is not the optimizer's: what is not given stays the main run's.
        if let Some(b) = self.batch {
            s.batch = b;
        }
        if let Some(bs) = self.bs {
            s.bs = Some(bs);
        }
        s
    }
}

/// One run compared with the main one: its label and its full settings.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    /// What tells it apart in a legend: `adam(lr=0.001)`.
    pub label: String,
    /// The settings it runs with.
    pub settings: Settings,
}

impl Settings {
    /// The runs drawn together: this one first, then the racers, then the other learning
    /// rates; at most [`MAX_RUNS`].
    pub fn runs(&self) -> Vec<RunSpec> {
        let main = self.run_only();
        let mut specs = vec![RunSpec {
            label: label(&main),
            settings: main.clone(),
        }];
        for entry in &self.race {
            let s = entry.apply(&main);
            specs.push(RunSpec {
                label: label(&s),
                settings: s,
            });
        }
        for &lr in &self.lrs {
            let mut s = main.clone();
            s.lr = Some(lr);
            specs.push(RunSpec {
                label: label(&s),
                settings: s,
            });
        }
        specs.truncate(MAX_RUNS);
        // When the runs sample differently, each label says how (`gd(lr=0.1) · mini, bs=5`).
        let sampling = |s: &Settings| (s.batch, s.batch_size());
        if specs
            .iter()
            .any(|r| sampling(&r.settings) != sampling(&main))
        {
            for r in &mut specs {
                let s = &r.settings;
                r.label = match s.batch {
                    BatchMode::Mini => {
                        format!("{} · {}, bs={}", r.label, s.batch.name(), s.batch_size())
                    }
                    b => format!("{} · {}", r.label, b.name()),
                };
            }
        }
        specs
    }
}

/// `opt(lr=…, and each hyperparameter that differs from the optimizer's default)`.
fn label(s: &Settings) -> String {
    let opt = s.optimizer();
    let defaults = s.opt.entry().default;
    let mut parts = vec![format!("lr={}", fmt_f64(s.base_lr()))];
    for key in opt.hyperparameters() {
        if let (Some(v), Some(d)) = (opt.get(key), defaults.get(key)) {
            if v.to_bits() != d.to_bits() {
                parts.push(format!("{key}={}", fmt_f64(v)));
            }
        }
    }
    format!("{}({})", s.opt, parts.join(","))
}

/// How a run ended: what a sweep point or a scaling comparison reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The learning rate it ran with.
    pub lr: f64,
    /// Why it stopped.
    pub status: Status,
    /// The loss at the last recorded point (not finite when it diverged).
    pub final_loss: f64,
    /// The step at which it reached the target, or converged when no target is set.
    pub reached: Option<u64>,
    /// The loss at the start.
    pub start_loss: f64,
}

/// A run whose loss climbs past this many times its start (measured from the start's
/// magnitude) is diverging, even before it overflows: the page marks it so, and a sweep's
/// loss axis stops a little above it.
pub const DIVERGING_FACTOR: f64 = 10.0;

/// The loss above which a run that started at `start` is diverging.
pub fn diverging_above(start: f64) -> f64 {
    start + (DIVERGING_FACTOR - 1.0) * start.abs().max(f64::MIN_POSITIVE)
}

/// Whether a run that started at loss `start` and ended at `last` is diverging: it overflowed
/// (`last` not finite) or ended above [`diverging_above`].
pub fn is_diverging(last: f64, start: f64) -> bool {
    !last.is_finite() || (start.is_finite() && last > diverging_above(start))
}

/// The step from which a run is diverging: where it diverged (the loss, a coordinate or the
/// gradient stopped being finite), or else, when it ends above [`diverging_above`] its start,
/// the first step past that. `None` for a run that does not diverge.
pub fn diverging_from(run: &Run) -> Option<u64> {
    if let Status::Diverged { step, .. } = run.status() {
        return Some(*step);
    }
    let loss = &run.trajectory().loss;
    let (&start, &last) = (loss.first()?, loss.last()?);
    if !is_diverging(last, start) {
        return None;
    }
    let above = diverging_above(start);
    loss.iter().position(|&v| v > above).map(|k| k as u64)
}

/// Runs settings to their end and reports how it went.
pub fn outcome(settings: &Settings) -> Result<Outcome, RunError> {
    let mut run = Run::new(settings)?;
    run.run_to_end();
    Ok(outcome_of(&run))
}

/// How a finished (or stopped) run went.
pub fn outcome_of(run: &Run) -> Outcome {
    let settings = run.settings();
    let reached = match run.status() {
        Status::TargetReached { step } => Some(*step),
        Status::Converged { step } if settings.target.is_none() => Some(*step),
        _ => None,
    };
    Outcome {
        lr: settings.base_lr(),
        status: run.status().clone(),
        final_loss: run.trajectory().loss.last().copied().unwrap_or(f64::NAN),
        reached,
        start_loss: run.trajectory().loss.first().copied().unwrap_or(f64::NAN),
    }
}

/// A learning-rate sweep computed a slice at a time, so that a page can show progress and
/// never block: [`SweepRun::advance`] takes at most a given number of steps.
pub struct SweepRun {
    main: Settings,
    lrs: Vec<f64>,
    current: Option<Run>,
    /// The outcomes so far, one per learning rate, in order.
    pub outcomes: Vec<Outcome>,
}

impl SweepRun {
    /// A sweep of the main run over `sweep`'s learning rates.
    pub fn new(main: &Settings, sweep: &Sweep) -> SweepRun {
        SweepRun {
            main: main.run_only(),
            lrs: sweep.learning_rates(),
            current: None,
            outcomes: Vec::new(),
        }
    }

    /// How many learning rates are tried.
    pub fn len(&self) -> usize {
        self.lrs.len()
    }

    /// Whether the sweep tries no learning rate.
    pub fn is_empty(&self) -> bool {
        self.lrs.is_empty()
    }

    /// Whether every learning rate has its outcome.
    pub fn is_done(&self) -> bool {
        self.outcomes.len() == self.lrs.len()
    }

    /// Takes at most `max_steps` steps over the runs still to do; returns the steps taken.
    /// A run that cannot start (it cannot happen for settings that decoded) counts as
    /// diverged at step 0.
    pub fn advance(&mut self, max_steps: u64) -> u64 {
        let mut taken = 0;
        while taken < max_steps && !self.is_done() {
            let lr = self.lrs[self.outcomes.len()];
            let run = match self.current.take() {
                Some(run) => Some(run),
                None => Run::new(&at_learning_rate(&self.main, lr)).ok(),
            };
            let Some(mut run) = run else {
                self.outcomes.push(Outcome {
                    lr,
                    status: Status::Diverged {
                        step: 0,
                        what: Divergence::NoStart,
                    },
                    final_loss: f64::NAN,
                    reached: None,
                    start_loss: f64::NAN,
                });
                continue;
            };
            // One step at least, so that a run that has just ended is recorded.
            taken += run.run(max_steps - taken).max(1);
            if run.status().is_done() {
                self.outcomes.push(outcome_of(&run));
            } else {
                self.current = Some(run);
            }
        }
        taken
    }
}

/// Four learning rates that show gradient descent too slow, right, overshooting and
/// diverging near the start: 0.01/λ, 1/λ, 1.9/λ and 2.1/λ, with λ the largest curvature
/// (Hessian eigenvalue) there. On a quadratic these are exactly the four regimes of plain
/// gradient descent. `None` where the start has no positive curvature.
pub fn teaching_learning_rates(main: &Settings) -> Option<[f64; 4]> {
    let run = Run::new(&main.run_only()).ok()?;
    let o = run.objective();
    let p = run.trajectory().point(0);
    let h = o.hessian(p);
    let lambda = if o.dim() == 1 {
        h[0][0]
    } else {
        let (a, b, d) = (h[0][0], 0.5 * (h[0][1] + h[1][0]), h[1][1]);
        let mean = 0.5 * (a + d);
        mean + libm::sqrt(0.25 * (a - d) * (a - d) + b * b)
    };
    if !(lambda.is_finite() && lambda > 0.0) {
        return None;
    }
    // Three significant digits, so the link stays readable.
    let round = |x: f64| format!("{x:.2e}").parse::<f64>().unwrap_or(x);
    let rates = [0.01, 1.0, 1.9, 2.1].map(|c| round(c / lambda).clamp(1e-12, 1000.0));
    Some(rates)
}

/// The main run's settings at one learning rate of a sweep.
pub fn at_learning_rate(main: &Settings, lr: f64) -> Settings {
    let mut s = main.run_only();
    s.lr = Some(lr);
    s
}

/// Linreg2's raw data statistics: the features' means, their scales (population standard
/// deviations, what standardising divides by; 1 for a constant feature) and the mean target.
fn linreg2_stats(main: &Settings) -> Option<([f64; 2], [f64; 2], f64)> {
    if main.f != LandscapeKind::Model(ModelKind::Linreg2) {
        return None;
    }
    let d = main.samples()?;
    if d.is_empty() {
        return None;
    }
    let x2: Vec<f64> = (0..d.len()).map(|i| d.x2_at(i)).collect();
    let (m1, s1) = mean_sd(&d.x1);
    let (m2, s2) = mean_sd(&x2);
    let (my, _) = mean_sd(&d.y);
    let unit = |s: f64| if s > 0.0 { s } else { 1.0 };
    Some(([m1, m2], [unit(s1), unit(s2)], my))
}

/// Linreg2's feature scales σ₁, σ₂ (population standard deviations of the features as
/// generated, 1 for a constant one): standardised weights are the original ones times σ.
pub fn feature_scales(main: &Settings) -> Option<[f64; 2]> {
    linreg2_stats(main).map(|(_, sd, _)| sd)
}

/// Linreg2's θ turned into the original features' units: (w₁, w₂, b) with the prediction
/// w₁x₁ + w₂x₂ + b on the features as generated. For standardised settings wᵢ = θᵢ/σᵢ (see
/// [`feature_scales`]); b is the intercept the model solves exactly. `None` for other
/// landscapes.
pub fn in_original_units(main: &Settings, theta: Point) -> Option<[f64; 3]> {
    let (m, sd, my) = linreg2_stats(main)?;
    let w = match main.scale {
        Scaling::Standard => [theta[0] / sd[0], theta[1] / sd[1]],
        Scaling::None => theta,
    };
    Some([w[0], w[1], my - w[0] * m[0] - w[1] * m[1]])
}

/// The main run with features as generated and standardised, in that order.
pub fn scaling_pair(main: &Settings) -> [Settings; 2] {
    let mut raw = main.run_only();
    raw.scale = Scaling::None;
    let mut standard = raw.clone();
    standard.scale = Scaling::Standard;
    [raw, standard]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::parse_race;
    use crate::comparison::Sweep;

    #[test]
    fn race_entries_round_trip_and_name_their_problems() {
        let e = RaceEntry::parse(" adam( b1=0.8 , lr=0.1) ").unwrap();
        assert_eq!(e.text(), "adam(lr=0.1,b1=0.8)");
        assert_eq!(RaceEntry::parse(&e.text()).unwrap(), e);
        assert!(RaceEntry::parse("adamm")
            .unwrap_err()
            .to_string()
            .contains("not an optimizer"));
        assert!(RaceEntry::parse("gd(mom=0.9)")
            .unwrap_err()
            .to_string()
            .contains("gd has no mom"));
        assert!(RaceEntry::parse("gd(lr=-1)")
            .unwrap_err()
            .to_string()
            .contains("lr=-1"));
        assert!(RaceEntry::parse("gd(lr=0.1")
            .unwrap_err()
            .to_string()
            .contains("closing"));
        assert!(parse_race("gd~gd~gd~gd~gd~gd")
            .unwrap_err()
            .to_string()
            .contains("at most 5"));
    }

    #[test]
    fn sweep_rates_are_log_spaced_with_exact_ends() {
        let s = Sweep::parse("1e-4,10,6").unwrap();
        let lrs = s.learning_rates();
        assert_eq!(lrs.len(), 6);
        assert_eq!(lrs[0], 1e-4);
        assert_eq!(lrs[5], 10.0);
        assert!((lrs[1] - 1e-3).abs() < 1e-15);
        assert!(Sweep::parse("1,1,5").is_err());
        assert!(Sweep::parse("0.1,1,201").is_err());
        assert!(Sweep::parse("0.1,1").is_err());
    }

    #[test]
    fn teaching_rates_show_the_four_regimes_on_a_quadratic() {
        // quadratic: f = x² + y² … its Hessian is constant; check the regimes by running.
        let (main, _) = Settings::decode("f=quadratic&steps=100&tol=0");
        let rates = teaching_learning_rates(&main).unwrap();
        let finals: Vec<Outcome> = rates
            .iter()
            .map(|&lr| outcome(&at_learning_rate(&main, lr)).unwrap())
            .collect();
        let start = outcome(&at_learning_rate(&main, 1e-9)).unwrap().final_loss;
        assert!(
            finals[0].final_loss < start && finals[0].final_loss > 0.1 * start,
            "{finals:?}"
        );
        assert!(finals[1].final_loss < 1e-20, "{finals:?}");
        assert!(finals[2].final_loss < start, "{finals:?}");
        assert!(
            finals[3].final_loss > start || finals[3].status.name() == "diverged",
            "{finals:?}"
        );
    }

    #[test]
    fn a_sweep_in_slices_equals_whole_runs() {
        let (main, _) = Settings::decode("f=rosenbrock&steps=300&target=0.01");
        let sweep = Sweep::parse("1e-4,3e-3,7").unwrap();
        let mut sliced = SweepRun::new(&main, &sweep);
        let mut slices = 0;
        while !sliced.is_done() {
            sliced.advance(37);
            slices += 1;
        }
        assert!(slices > 7);
        for (o, lr) in sliced.outcomes.iter().zip(sweep.learning_rates()) {
            assert_eq!(*o, outcome(&at_learning_rate(&main, lr)).unwrap());
        }
    }

    #[test]
    fn racers_may_sample_differently_and_say_so() {
        let e = RaceEntry::parse("gd( bs=5, batch=mini ,lr=0.1)").unwrap();
        assert_eq!(e.text(), "gd(lr=0.1,batch=mini,bs=5)");
        assert_eq!(RaceEntry::parse(&e.text()).unwrap(), e);
        assert_eq!(
            RaceEntry::parse("gd(batch=sgd)").unwrap().text(),
            "gd(batch=sgd)"
        );
        assert!(RaceEntry::parse("gd(batch=some)")
            .unwrap_err()
            .to_string()
            .contains("full, sgd or mini"));
        assert!(RaceEntry::parse("gd(bs=0)")
            .unwrap_err()
            .to_string()
            .contains("bs=0"));
        assert!(RaceEntry::parse("gd(batch=sgd,batch=mini)")
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let (s, p) = Settings::decode(
            "f=linreg&data=line&n=20&lr=0.1&race=gd(lr=0.1,batch=sgd)~gd(lr=0.1,batch=mini,bs=5)",
        );
        assert!(p.is_empty(), "{p:?}");
        let runs = s.runs();
        assert_eq!(runs[0].label, "gd(lr=0.1) · full");
        assert_eq!(runs[1].label, "gd(lr=0.1) · sgd");
        assert_eq!(runs[2].label, "gd(lr=0.1) · mini, bs=5");
        assert_eq!(runs[1].settings.batch, BatchMode::Sgd);
        assert_eq!(
            (runs[2].settings.batch, runs[2].settings.bs),
            (BatchMode::Mini, Some(5))
        );
        // A racer that does not say keeps the main run's sampling; labels stay short.
        let (s, _) = Settings::decode("f=linreg&data=line&n=20&batch=mini&bs=4&race=adam");
        let runs = s.runs();
        assert_eq!(runs[1].settings.batch, BatchMode::Mini);
        assert_eq!(runs[1].settings.bs, Some(4));
        assert_eq!(runs[1].label, "adam(lr=0.01)");
    }

    #[test]
    fn racers_use_their_own_defaults_not_the_main_runs() {
        let (s, p) = Settings::decode("opt=momentum&lr=0.01&mom=0.5&race=adam~momentum(lr=0.02)");
        assert!(p.is_empty(), "{p:?}");
        let runs = s.runs();
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[0].label, "momentum(lr=0.01,mom=0.5)");
        assert_eq!(runs[1].label, "adam(lr=0.01)");
        assert_eq!(runs[2].label, "momentum(lr=0.02)");
        assert!(runs.iter().all(|r| r.settings.race.is_empty()));
    }
}
