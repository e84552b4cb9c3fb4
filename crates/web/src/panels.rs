//! The step-by-step maths, the feature-scaling comparison and the downloads: what the page's
//! maths, scaling and export panels show, as plain Rust (tested natively), and the wasm
//! methods that hand it to JS.

use std::cell::RefCell;
use std::collections::BTreeMap;

use descent::compare::{
    feature_scales, in_original_units, outcome, scaling_pair, teaching_learning_rates,
};
use descent::numfmt::round_up_3_digits;
use descent::replay::{step_maths, Replay, StepMaths};
use descent::{LandscapeKind, ModelKind, Objective, Run, Settings, Window};
use descent_figure::layout::Layout;
use serde::Serialize;

/// A replay position kept between calls, with the run it belongs to.
#[derive(Default)]
pub struct Panels {
    replay: Replay,
    run_key: String,
}

/// A named per-coordinate value (scalars as `[x, x]`).
#[derive(Serialize, Debug, PartialEq)]
pub struct Named {
    /// torch's name where it has one.
    pub name: &'static str,
    /// The value per coordinate.
    pub value: [f64; 2],
}

/// Step k → k + 1 for the maths panel.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsStep {
    /// k.
    pub k: f64,
    /// The optimizer's update count after this step (torch's `step`, t in the formulas).
    pub t: f64,
    /// The optimizer's name, as in settings.
    pub opt: &'static str,
    /// Its hyperparameters (mom, rho, b1, b2, eps, wd).
    pub params: BTreeMap<&'static str, f64>,
    /// 1 or 2.
    pub dim: u8,
    /// θ_k.
    pub theta: [f64; 2],
    /// The gradient the step uses.
    pub grad: [f64; 2],
    /// The learning rate the step uses.
    pub lr: f64,
    /// θ_{k+1} as the replayed update computes it.
    pub next: [f64; 2],
    /// θ_{k+1} as recorded by the run (the same bits).
    pub recorded: [f64; 2],
    /// H at θ_k (Newton only).
    pub hess: Option<[[f64; 2]; 2]>,
    /// The state before the step, as `OptState::describe` names it.
    pub before: Vec<Named>,
    /// The state after the step.
    pub after: Vec<Named>,
    /// The step's intermediate quantities (see `descent::replay::StepMaths::terms`).
    pub terms: BTreeMap<&'static str, [f64; 2]>,
    /// The arrows drawn at θ_k, in θ's units: `[gradient, momentum or null, update]`.
    pub arrows: [Option<[f64; 2]>; 3],
}

/// The arrows of a step: −η·g, the optimizer's momentum as a step (−η·b for SGD momentum,
/// −η·m̂ for the Adam family, as the update reports it; none for the others), and the actual
/// update Δθ, as the update recorded it (its `step` term). Only the arrows' scale by −η is
/// worked out here; every quantity comes from the optimizer.
pub fn arrows(m: &StepMaths) -> [Option<[f64; 2]>; 3] {
    let scaled = |v: [f64; 2]| [-m.lr * v[0], -m.lr * v[1]];
    let step = m
        .terms
        .iter()
        .find(|(name, _)| *name == "step")
        .map(|t| t.1);
    [Some(scaled(m.grad)), m.momentum.map(scaled), step]
}

impl Panels {
    /// The maths of step k → k + 1 of `run`, or `None` at the last recorded point.
    pub fn step(&mut self, run: &Run, k: usize) -> Option<JsStep> {
        let key = crate::state::run_key(run.settings());
        if key != self.run_key {
            self.run_key = key;
            self.replay = Replay::default();
        }
        let opt = run.optimizer();
        let t = run.trajectory();
        let m = step_maths(run, k, &mut self.replay)?;
        let named = |v: Vec<(&'static str, [f64; 2])>| {
            v.into_iter()
                .map(|(name, value)| Named { name, value })
                .collect()
        };
        Some(JsStep {
            k: k as f64,
            t: m.after.t as f64,
            opt: opt.name(),
            params: opt
                .hyperparameters()
                .iter()
                .filter_map(|p| Some((*p, opt.get(p)?)))
                .collect(),
            dim: run.objective().dim(),
            theta: m.theta,
            grad: m.grad,
            lr: m.lr,
            next: m.next,
            recorded: t.point(k + 1),
            hess: m.hess,
            before: named(m.before.describe(opt)),
            after: named(m.after.describe(opt)),
            terms: m.terms.iter().copied().collect(),
            arrows: arrows(&m),
        })
    }
}

/// One side of the scaling comparison.
#[derive(Serialize, Debug, PartialEq)]
pub struct ScalingRow {
    /// "none" or "standard".
    pub scale: &'static str,
    /// The learning rate this side ran at.
    pub lr: f64,
    /// The target loss this side ran to (the same for both sides).
    pub target: f64,
    /// The loss at this side's exact minimum.
    pub min_loss: f64,
    /// The step at which the loss went below the target, or null.
    pub reached: Option<f64>,
    /// Why it stopped (status name).
    pub status: &'static str,
    /// The whole status (`{name, text, stop_step, what}`), which the page words.
    pub status_detail: crate::convert::JsStatus,
    /// Steps taken.
    pub steps: f64,
    /// This side's exact best fit in the original features' units: (w₁, w₂, b).
    pub best: [f64; 3],
}

/// The feature-scaling comparison for the settings, or `None` unless the landscape is a data
/// model with two features (linreg2).
#[derive(Serialize, Debug, PartialEq)]
pub struct Scaling {
    /// Whether the target is the user's (`target=`) or chosen here.
    pub auto: bool,
    /// The target both sides run to: the user's, or the automatic one rounded up to three
    /// significant digits (what "Use this target" writes into the link).
    pub target: f64,
    /// Whether the side not on screen runs at its own safe learning rate 1/λ_max (plain and
    /// momentum gradient descent: the lr that suits one surface diverges or crawls on the
    /// other), rather than at the settings' lr (the adaptive optimizers and Newton).
    pub own_lr: bool,
    /// The features' scales σ₁, σ₂ (what standardising divides by): a standardised θ is
    /// (w₁σ₁, w₂σ₂) for the original weights w.
    pub sd: [f64; 2],
    /// Unscaled, then standardised.
    pub rows: Vec<ScalingRow>,
}

/// The share of the way from the start loss down to the minimum that the automatic target
/// leaves: the target is the minimum plus 1% of (start − minimum). Both sides are the same
/// model from the same start (θ = 0 predicts the mean target), so they share it.
pub const AUTO_MARGIN: f64 = 0.01;

/// Runs both sides to their end (at most `steps` each).
pub fn scaling(settings: &Settings) -> Option<Scaling> {
    if settings.f != LandscapeKind::Model(ModelKind::Linreg2) {
        return None;
    }
    let auto = settings.target.is_none();
    let own_lr = matches!(
        settings.opt,
        descent::optim::OptimizerKind::Gd
            | descent::optim::OptimizerKind::Momentum
            | descent::optim::OptimizerKind::Nesterov
    );
    let pair = scaling_pair(settings);
    let mut sides = Vec::new();
    for s in &pair {
        let run = Run::new(s).ok()?;
        let model = run.objective().model()?;
        let theta = model.minimizer()?;
        let min_loss = model.loss(theta);
        let start = run.trajectory().loss[0];
        let best = in_original_units(s, theta)?;
        sides.push((min_loss, start, best));
    }
    let target = match settings.target {
        Some(t) => t,
        None => round_up_3_digits(
            sides
                .iter()
                .map(|&(min, start, _)| min + AUTO_MARGIN * (start - min).max(0.0))
                .fold(f64::NEG_INFINITY, f64::max),
        ),
    };
    let mut rows = Vec::new();
    for (mut s, (min_loss, _, best)) in pair.into_iter().zip(sides) {
        // The side on screen is the main run itself; the other runs at its own safe rate.
        if own_lr && s.scale != settings.scale {
            if let Some(rates) = teaching_learning_rates(&s) {
                s.lr = Some(rates[1]);
            }
        }
        s.target = Some(target);
        let o = outcome(&s).ok()?;
        rows.push(ScalingRow {
            scale: s.scale.name(),
            lr: s.base_lr(),
            target,
            min_loss,
            reached: o.reached.map(|k| k as f64),
            status: o.status.name(),
            status_detail: crate::convert::status(&o.status),
            steps: o.status.stop_step().unwrap_or(0) as f64,
            best,
        });
    }
    Some(Scaling {
        auto,
        target,
        own_lr,
        sd: feature_scales(settings)?,
        rows,
    })
}

/// The last linreg2 view window, by the keys it depends on (layouts are made every frame);
/// the playground's state owns it.
#[derive(Default)]
pub struct ViewCache(RefCell<Option<(String, Window)>>);

/// The layout of the surface. For linreg2 (feature scaling) one window holds both cases, the
/// start and both minima, with equal units on both axes: toggling `scale` keeps the axes, and
/// round contours look round. Other landscapes keep their own window.
pub fn view_layout(
    settings: &Settings,
    objective: &Objective,
    width: u32,
    height: u32,
    dpr: f64,
    cache: &ViewCache,
) -> Layout {
    if !settings.f.is_model() {
        return Layout::new(width, height, dpr, objective.window());
    }
    // A data model's window asks for its minimiser (logistic regression's Newton's method
    // is O(n) an iteration), so it is kept for the data it was found for.
    let key = crate::state::landscape_key(settings);
    if settings.f != LandscapeKind::Model(ModelKind::Linreg2) {
        let cached = cache
            .0
            .borrow()
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, w)| *w);
        let window = cached.unwrap_or_else(|| objective.window());
        *cache.0.borrow_mut() = Some((key, window));
        return Layout::new(width, height, dpr, window);
    }
    // Both scalings share one window: the key without the scaling.
    let key = format!(
        "{:?}|{}|{}|{}|{:016x}",
        settings.data,
        settings.n,
        settings.noise,
        settings.seed,
        settings.pts.fingerprint()
    );
    let cached = cache
        .0
        .borrow()
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, w)| *w);
    let window = cached.unwrap_or_else(|| {
        let mut w = objective.window();
        for s in scaling_pair(settings) {
            if let Ok(o) = Objective::from_settings(&s) {
                let o = o.window();
                w = Window::new(
                    w.x_min.min(o.x_min),
                    w.x_max.max(o.x_max),
                    w.y_min.min(o.y_min),
                    w.y_max.max(o.y_max),
                );
            }
        }
        *cache.0.borrow_mut() = Some((key, w));
        w
    });
    let plot = Layout::new(width, height, dpr, window).plot;
    Layout::new(
        width,
        height,
        dpr,
        equal_units(window, plot.width(), plot.height()),
    )
}

pub use descent_figure::zoom::equal_units;

/// The whole run (computed to its end on a copy) in the CLI's CSV or JSON. The JSON names
/// the settings, view options included, so a run built before a view change is rebuilt with
/// the current ones (the trajectory is the same).
pub fn export(settings: &Settings, run: &Run, format: &str) -> String {
    let mut r = if run.settings() == settings {
        run.clone()
    } else {
        Run::new(settings).unwrap_or_else(|_| run.clone())
    };
    r.run_to_end();
    match format {
        "json" => descent::export::json(&r),
        _ => descent::export::csv(&r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(link: &str, steps: u64) -> Run {
        let (s, p) = Settings::decode(link);
        assert!(p.is_empty(), "{p:?}");
        let mut r = Run::new(&s).unwrap();
        r.run(steps);
        r
    }

    #[test]
    fn the_worked_example_step() {
        let r = run("f=linreg&data=seed&lr=0.1&x0=1&y0=0", 3);
        let mut p = Panels::default();
        let s = p.step(&r, 0).unwrap();
        assert_eq!(s.opt, "gd");
        assert!((s.grad[0] + 40.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.next.map(f64::to_bits), s.recorded.map(f64::to_bits));
        assert!((s.next[0] - 7.0 / 3.0).abs() < 1e-12, "{:?}", s.next);
        assert_eq!(s.arrows[1], None);
        assert_eq!(s.arrows[0], Some([-0.1 * s.grad[0], -0.1 * s.grad[1]]));
        // The update arrow is the step the optimizer recorded: θ_{k+1} − θ_k.
        let step = [s.next[0] - s.theta[0], s.next[1] - s.theta[1]];
        assert_eq!(s.arrows[2], Some(step));
        assert!(
            p.step(&r, 3).is_none(),
            "no step after the last computed point"
        );
    }

    #[test]
    fn state_before_and_after_and_a_new_run_resets_the_replay() {
        let r = run("f=rosenbrock&opt=momentum&lr=0.001", 5);
        let mut p = Panels::default();
        let s = p.step(&r, 1).unwrap();
        assert_eq!(s.before[0].name, "momentum_buffer");
        let g0 = r.gradient(0);
        let g1 = r.gradient(1);
        assert_eq!(s.before[0].value, g0);
        for i in 0..2 {
            assert_eq!(s.after[0].value[i], g0[i] * 0.9 + g1[i]);
        }
        assert_eq!(s.params.get("mom"), Some(&0.9));
        assert!(s.arrows[1].is_some());
        let r2 = run("f=rosenbrock&opt=adam&lr=0.01", 5);
        let s = p.step(&r2, 4).unwrap();
        assert_eq!(s.t, 5.0);
        assert_eq!(s.next.map(f64::to_bits), s.recorded.map(f64::to_bits));
        assert!(s.terms.contains_key("m_hat") && s.terms.contains_key("v_hat"));
    }

    #[test]
    fn scaling_compares_one_model_at_one_rounded_target() {
        let (s, _) = Settings::decode("f=linreg&data=seed");
        assert_eq!(scaling(&s), None);
        let (s, _) = Settings::decode("f=linreg2&lr=1e-3&steps=200000");
        let sc = scaling(&s).unwrap();
        assert!(sc.auto && sc.own_lr);
        assert_eq!(sc.rows.len(), 2);
        let (raw, std) = (&sc.rows[0], &sc.rows[1]);
        assert_eq!((raw.scale, std.scale), ("none", "standard"));
        // One model: the same best loss and the same best fit in original units.
        assert!((raw.min_loss - std.min_loss).abs() < 1e-12);
        for i in 0..3 {
            assert!((raw.best[i] - std.best[i]).abs() < 1e-9, "{raw:?} {std:?}");
        }
        // One short target above the minimum, reached by both; scaling needs far fewer steps.
        assert_eq!(sc.target, 0.319);
        assert!(raw.target == sc.target && std.target == sc.target);
        assert_eq!(raw.lr, 1e-3, "the shown side is the main run");
        assert_eq!(std.lr, 0.45, "the other side at its own 1/λmax");
        let (a, b) = (raw.reached.unwrap(), std.reached.unwrap());
        assert!(a > 1000.0 && b <= 5.0, "{a} {b}");
        // The same numbers as core's outcome for the same settings.
        let [mut r, _] = scaling_pair(&s);
        r.target = Some(sc.target);
        let o = outcome(&r).unwrap();
        assert_eq!(raw.reached, o.reached.map(|k| k as f64));
        // From the standardised side, the unscaled one gets its own safe rate.
        let (s, _) = Settings::decode("f=linreg2&scale=standard&lr=0.5");
        let sc = scaling(&s).unwrap();
        assert_eq!((sc.rows[0].lr, sc.rows[1].lr), (5.6e-4, 0.5));
        // A user's target is used as it is; adaptive optimizers keep the settings' lr.
        let (s, _) = Settings::decode("f=linreg2&opt=adam&lr=0.05&target=17&steps=300");
        let sc = scaling(&s).unwrap();
        assert!(!sc.auto && !sc.own_lr);
        assert!(sc.rows.iter().all(|r| r.target == 17.0 && r.lr == 0.05));
    }

    #[test]
    fn linreg2_keeps_one_window_with_equal_units_for_both_scalings() {
        let layout = |link: &str| {
            let (s, _) = Settings::decode(link);
            let o = Objective::from_settings(&s).unwrap();
            view_layout(&s, &o, 800, 600, 2.0, &ViewCache::default())
        };
        let a = layout("f=linreg2&data=scales");
        let b = layout("f=linreg2&data=scales&scale=standard");
        assert_eq!(a.window, b.window);
        let w = a.window;
        let per_x = (w.x_max - w.x_min) / a.plot.width() as f64;
        let per_y = (w.y_max - w.y_min) / a.plot.height() as f64;
        assert!((per_x / per_y - 1.0).abs() < 1e-12, "{per_x} {per_y}");
        // Both minima and the start are inside.
        for link in [
            "f=linreg2&data=scales",
            "f=linreg2&data=scales&scale=standard",
        ] {
            let (s, _) = Settings::decode(link);
            let o = Objective::from_settings(&s).unwrap();
            for p in [o.minima()[0], o.start()] {
                assert!(w.x_min < p[0] && p[0] < w.x_max && w.y_min < p[1] && p[1] < w.y_max);
            }
        }
        // Other landscapes keep their own window.
        let c = layout("f=rosenbrock");
        let (s, _) = Settings::decode("f=rosenbrock");
        assert_eq!(c.window, Objective::from_settings(&s).unwrap().window());
    }

    #[test]
    fn export_is_the_whole_run_in_the_clis_format() {
        let r = run("f=linreg&steps=30", 4);
        let csv = export(r.settings(), &r, "csv");
        assert_eq!(csv.lines().count(), 32);
        let mut full = r.clone();
        full.run_to_end();
        assert_eq!(csv, descent::export::csv(&full));
        assert_eq!(
            export(r.settings(), &r, "json"),
            descent::export::json(&full)
        );
        assert_eq!(r.trajectory().len(), 5, "the page's run is left as it was");
        // A view option set after the run was built still shows in the JSON's settings.
        let (with_view, _) = Settings::decode("f=linreg&steps=30&maths=on");
        let j = export(&with_view, &r, "json");
        assert!(
            j.starts_with("{\"settings\":\"f=linreg&steps=30&maths=on\""),
            "{j}"
        );
        assert_eq!(export(&with_view, &r, "csv"), csv);
    }
}

mod wasm {
    use descent_figure::steparrows::{
        draw_step_arrows, StepArrow, GRADIENT, MOMENTUM, UPDATE, UPHILL,
    };
    use descent_figure::surface::contour_labels;
    use plotters::prelude::IntoDrawingArea;
    use serde::Serialize;
    use wasm_bindgen::prelude::*;
    use web_sys::CanvasRenderingContext2d;

    use crate::{backend, canvas_of, convert, Playground};

    /// An arrow as drawn, for JS (device pixels).
    #[derive(Serialize)]
    struct JsArrow {
        label: String,
        of: Vec<usize>,
        from: [f64; 2],
        v: [f64; 2],
        label_box: [f64; 4],
    }

    #[wasm_bindgen]
    impl Playground {
        /// Step k → k + 1 for the maths panel: `{k, t, opt, params, dim, theta, grad, lr, next,
        /// recorded, hess, before, after, terms, arrows}`, or null when point k + 1 is not
        /// computed. The state is replayed from the recorded gradients (kept between calls).
        pub fn step_maths(&mut self, k: f64) -> Result<JsValue, JsError> {
            let i = convert::clamp_index(k, self.core.run.trajectory().len());
            match self.panels.step(&self.core.run, i) {
                Some(s) => convert::to_js(&s),
                None => Ok(JsValue::NULL),
            }
        }

        /// Draws step k's arrows on the overlay, on top of what `render_overlay` drew: ∇f
        /// (uphill, as a direction), −η·∇f, the momentum where the optimizer has one, and the
        /// update where it differs from −η·∇f; each labelled beside it, clear of the other
        /// labels and of the contour labels and minima. `labels` are the four labels. Returns
        /// the arrows drawn `[{label, of, from, v, label_box}]` in device pixels (`of` indexes
        /// ∇f, −η·∇f, momentum, update), or null when there is no step at k.
        #[allow(clippy::too_many_arguments)]
        pub fn render_step_arrows(
            &mut self,
            ctx: &CanvasRenderingContext2d,
            width_px: u32,
            height_px: u32,
            dpr: f64,
            k: f64,
            label_uphill: &str,
            label_gradient: &str,
            label_momentum: &str,
            label_update: &str,
        ) -> Result<JsValue, JsError> {
            let i = convert::clamp_index(k, self.core.run.trajectory().len());
            let Some(s) = self.panels.step(&self.core.run, i) else {
                return Ok(JsValue::NULL);
            };
            // 1-D landscapes plot the loss on y: the arrows would mean nothing there.
            if s.dim != 2 {
                return Ok(JsValue::NULL);
            }
            let canvas = canvas_of(ctx, width_px, height_px)?;
            let layout = self.core.layout(width_px, height_px, dpr);
            let mut list = vec![StepArrow {
                v: s.grad,
                color: UPHILL,
                label: label_uphill,
                direction: true,
            }];
            let parts = [
                (GRADIENT, label_gradient),
                (MOMENTUM, label_momentum),
                (UPDATE, label_update),
            ];
            for (v, (color, label)) in s.arrows.iter().zip(parts) {
                if let Some(v) = v {
                    list.push(StepArrow {
                        v: *v,
                        color,
                        label,
                        direction: false,
                    });
                }
            }
            // What the labels keep clear of: the base layer's contour labels and minima.
            let mut avoid = Vec::new();
            if let Some(surface) = self.core.cached_surface() {
                let base = surface.base();
                let l = &surface.layout;
                if (l.width, l.height) == (layout.width, layout.height) {
                    let root = backend(canvas.clone())?.into_drawing_area();
                    for c in contour_labels(&root, l, base.contours, base.minima) {
                        let (x, y) = (c.at.0 as f64, c.at.1 as f64);
                        let (w, h) = (c.half.0 as f64, c.half.1 as f64);
                        avoid.push([x - w, y - h, x + w, y + h]);
                    }
                    for &m in base.minima {
                        let (x, y) = l.to_px(m);
                        let r = l.px(8.0);
                        avoid.push([x - r, y - r, x + r, y + r]);
                    }
                }
            }
            let drawn = draw_step_arrows(backend(canvas)?, &layout, s.theta, &list, &avoid)
                .map_err(|e| JsError::new(&e))?;
            // `of` as the fixed slots ∇f, −η·∇f, momentum, update.
            let slots: Vec<usize> = std::iter::once(0)
                .chain(
                    s.arrows
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| v.is_some())
                        .map(|(i, _)| i + 1),
                )
                .collect();
            let out: Vec<JsArrow> = drawn
                .into_iter()
                .map(|d| JsArrow {
                    of: d.of.iter().map(|&i| slots[i]).collect(),
                    label: d.label,
                    from: [d.from.0, d.from.1],
                    v: [d.v.0, d.v.1],
                    label_box: d.label_box,
                })
                .collect();
            convert::to_js(&out)
        }

        /// The feature-scaling comparison (linreg2 only, else null): `{auto, target, own_lr, sd,
        /// rows: [{scale, lr, target, min_loss, reached, status, status_detail, steps, best}]}`,
        /// unscaled first; `best` is the exact best fit (w₁, w₂, b) in original units.
        pub fn scaling(&self) -> Result<JsValue, JsError> {
            match super::scaling(&self.core.settings) {
                Some(s) => convert::to_js(&s),
                None => Ok(JsValue::NULL),
            }
        }

        /// The whole run as `descent run --format csv|json` prints it.
        pub fn export(&self, format: &str) -> String {
            super::export(&self.core.settings, &self.core.run, format)
        }
    }
}
