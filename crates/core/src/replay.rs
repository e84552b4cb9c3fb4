//! The optimizer's state at any recorded step, rebuilt from the trajectory, and the numbers of
//! one step for the page's step-by-step maths.
//!
//! A run keeps only its current [`OptState`]. Optimizers see gradients only (and the Hessian
//! for Newton), and [`Run::gradient`] and [`Run::lr`] give those every step used, so
//! feeding those back through [`crate::Optimizer::update`] from a fresh state rebuilds the state at
//! any step, bit for bit (tested against the recorded θ for every optimizer).

use crate::geometry::{Hessian, Point};
use crate::optim::observe::Terms;
use crate::optim::OptState;
#[cfg(test)]
use crate::optim::Optimizer;
use crate::run::Run;

/// A replay position: the state after `k` updates. Moving forward continues from here;
/// moving back starts again from 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replay {
    /// Updates replayed so far.
    pub k: usize,
    /// The state after those updates.
    pub state: OptState,
}

/// One update replayed from the recorded point `j`: θ_j, g_j and lr_j in, θ_{j+1} out.
fn update_at(state: &mut OptState, run: &Run, j: usize) -> Point {
    let opt = run.optimizer();
    let theta = run.trajectory().point(j);
    let hess = opt.needs_hessian().then(|| run.objective().hessian(theta));
    opt.update(state, theta, run.gradient(j), run.lr(j), hess)
}

impl Replay {
    /// Moves to the state after `k` updates (clamped to the steps recorded).
    pub fn seek(&mut self, run: &Run, k: usize) {
        let k = k.min(run.trajectory().len().saturating_sub(1));
        if k < self.k {
            *self = Replay::default();
        }
        while self.k < k {
            update_at(&mut self.state, run, self.k);
            self.k += 1;
        }
    }
}

/// The optimizer's state after `k` updates of `run` (before step k + 1).
pub fn state_at(run: &Run, k: usize) -> OptState {
    let mut r = Replay::default();
    r.seek(run, k);
    r.state
}

/// Everything about step k → k + 1 that the maths panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StepMaths {
    /// The step's index k (θ_k is its input).
    pub k: usize,
    /// θ_k.
    pub theta: Point,
    /// The gradient the step uses.
    pub grad: Point,
    /// The learning rate the step uses.
    pub lr: f64,
    /// The Hessian at θ_k (Newton only).
    pub hess: Option<Hessian>,
    /// The state before the step (after k updates).
    pub before: OptState,
    /// The state after the step.
    pub after: OptState,
    /// θ_{k+1} as the update computes it (equal to the recorded point).
    pub next: Point,
    /// The step's intermediate quantities, by name (scalars as `[x, x]`), in the order the
    /// formula uses them: `g` first, `step` (θ_{k+1} − θ_k) last, and between them the
    /// rule's own (named in each optimizer family's file under `optim/`).
    pub terms: Vec<(&'static str, Point)>,
    /// The direction of the optimizer's momentum (the buffer b, or the bias-corrected first
    /// moment), before scaling by −lr; `None` for rules without one.
    pub momentum: Option<Point>,
}

/// The maths of step k → k + 1, or `None` when point k + 1 is not recorded. `replay` is moved
/// to the state after k updates (keep it between calls to make scrubbing forward cheap).
///
/// The terms are the update's own, recorded by an [`Terms`] observer as the optimizer
/// computes them: nothing here does optimizer arithmetic.
pub fn step_maths(run: &Run, k: usize, replay: &mut Replay) -> Option<StepMaths> {
    let (opt, t) = (run.optimizer(), run.trajectory());
    if k + 1 >= t.len() {
        return None;
    }
    replay.seek(run, k);
    let before = replay.state.clone();
    let mut after = before.clone();
    let theta = t.point(k);
    let hess = opt.needs_hessian().then(|| run.objective().hessian(theta));
    let (grad, lr) = (run.gradient(k), run.lr(k));
    let mut observed = Terms::default();
    let next = opt.update_observed(&mut after, theta, grad, lr, hess, &mut observed);
    Some(StepMaths {
        k,
        theta,
        grad,
        lr,
        hess,
        terms: observed.terms,
        momentum: observed.momentum,
        before,
        after,
        next,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn run(link: &str) -> Run {
        let (s, p) = Settings::decode(link);
        assert!(p.is_empty(), "{link}: {p:?}");
        let mut r = Run::new(&s).unwrap();
        r.run_to_end();
        r
    }

    /// Every optimizer, on a function, a model with mini-batches, a noisy gradient and a
    /// schedule: replaying the recorded gradients gives every recorded θ bit for bit, and the
    /// state at the end equals the run's own.
    #[test]
    fn replay_reproduces_every_recorded_point_bit_for_bit() {
        let bases = [
            "f=rosenbrock&steps=120",
            "f=linreg&data=line&n=40&batch=mini&bs=4&steps=80&seed=5",
            "f=himmelblau&gnoise=0.5&seed=3&sched=cosine&tmax=40&steps=90",
            "f=linreg2&data=scales&steps=60",
            "f=double_well1d&steps=50",
        ];
        for base in bases {
            for name in Optimizer::NAMES {
                let lr = if name == "newton" { "&lr=0.5" } else { "" };
                let r = run(&format!("{base}&opt={name}{lr}"));
                let t = r.trajectory();
                assert!(t.len() > 1, "{base} {name}");
                let mut rep = Replay::default();
                let mut state = OptState::new();
                for j in 0..t.len() - 1 {
                    let next = update_at(&mut state, &r, j);
                    let want = t.point(j + 1);
                    assert!(
                        next[0].to_bits() == want[0].to_bits()
                            && next[1].to_bits() == want[1].to_bits(),
                        "{base}&opt={name}: step {j}: {next:?} vs {want:?}"
                    );
                    let m = step_maths(&r, j, &mut rep).unwrap();
                    assert_eq!(m.next.map(f64::to_bits), want.map(f64::to_bits));
                    assert_eq!(m.after, state);
                }
                if t.point(t.len() - 1).iter().all(|x| x.is_finite()) {
                    assert_eq!(&state_at(&r, t.len() - 1), r.state(), "{base} {name}");
                }
                assert!(step_maths(&r, t.len() - 1, &mut rep).is_none());
            }
        }
    }

    #[test]
    fn seeking_back_restarts_and_forward_continues() {
        let r = run("f=rosenbrock&opt=adam&steps=50");
        let mut rep = Replay::default();
        rep.seek(&r, 30);
        let at30 = rep.state.clone();
        rep.seek(&r, 10);
        assert_eq!(rep.k, 10);
        assert_eq!(rep.state, state_at(&r, 10));
        rep.seek(&r, 30);
        assert_eq!(rep.state, at30);
        rep.seek(&r, 1000);
        assert_eq!(rep.k, 50);
    }

    /// The worked example: linreg on the seed data from (1, 0) with lr 0.1.
    #[test]
    fn worked_example_numbers() {
        let r = run("f=linreg&data=seed&lr=0.1&x0=1&y0=0");
        let m = step_maths(&r, 0, &mut Replay::default()).unwrap();
        assert!((m.grad[0] + 40.0 / 3.0).abs() < 1e-12, "{:?}", m.grad);
        assert!((m.grad[1] + 6.0).abs() < 1e-12, "{:?}", m.grad);
        assert!((m.next[0] - (1.0 + 0.1 * 40.0 / 3.0)).abs() < 1e-12);
        assert_eq!(m.terms[0], ("g", m.grad));
        assert_eq!(m.terms.last().unwrap().0, "step");
    }

    /// The terms agree with the formulas they stand for.
    #[test]
    fn terms_follow_the_formulas() {
        let find = |ts: &[(&str, Point)], n: &str| ts.iter().find(|(k, _)| *k == n).unwrap().1;
        // Adam at step 3: θ − η·m̂/(√v̂ + ε) is the recorded next point (to rounding).
        let r = run("f=rosenbrock&opt=adam&lr=0.05&steps=10");
        let m = step_maths(&r, 3, &mut Replay::default()).unwrap();
        for i in 0..2 {
            let mh = find(&m.terms, "m_hat")[i];
            let vh = find(&m.terms, "v_hat")[i];
            let want = m.theta[i] - 0.05 * mh / (vh.sqrt() + 1e-8);
            assert!((want - m.next[i]).abs() < 1e-12, "{want} {:?}", m.next);
        }
        // Nesterov: θ − η·(g + μ·b).
        let r = run("f=rosenbrock&opt=nesterov&lr=0.001&steps=10");
        let m = step_maths(&r, 4, &mut Replay::default()).unwrap();
        let b = find(&m.terms, "buf");
        let bp = m.before.momentum_buf.unwrap();
        for i in 0..2 {
            assert!((b[i] - (0.9 * bp[i] + m.grad[i])).abs() < 1e-9);
            let want = m.theta[i] - 0.001 * (m.grad[i] + 0.9 * b[i]);
            assert!((want - m.next[i]).abs() < 1e-12);
        }
        // Newton: θ − η·dir.
        let r = run("f=beale&opt=newton&lr=0.5&steps=10");
        let m = step_maths(&r, 2, &mut Replay::default()).unwrap();
        let d = find(&m.terms, "dir");
        for (i, di) in d.iter().enumerate() {
            assert!((m.theta[i] - 0.5 * di - m.next[i]).abs() < 1e-12);
        }
        // Adadelta: θ − η·Δ, and NAdam's two terms.
        let r = run("f=himmelblau&opt=adadelta&steps=10");
        let m = step_maths(&r, 5, &mut Replay::default()).unwrap();
        let d = find(&m.terms, "delta");
        for (i, di) in d.iter().enumerate() {
            assert!((m.theta[i] - m.lr * di - m.next[i]).abs() < 1e-12);
        }
        let r = run("f=himmelblau&opt=nadam&lr=0.1&steps=10");
        let m = step_maths(&r, 5, &mut Replay::default()).unwrap();
        let (c1, c2, den, mm) = (
            find(&m.terms, "c1")[0],
            find(&m.terms, "c2")[0],
            find(&m.terms, "denom"),
            find(&m.terms, "m"),
        );
        for i in 0..2 {
            let want = m.theta[i] - c1 * m.grad[i] / den[i] - c2 * mm[i] / den[i];
            assert!((want - m.next[i]).abs() < 1e-12);
        }
    }
}
