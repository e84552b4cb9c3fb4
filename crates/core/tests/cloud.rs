//! The gradient cloud (`descent::cloud`): the epoch's batch gradients at θ_k, their mean
//! (the full gradient over an epoch of equal batches), covariance, decimation, and the
//! noise cloud of `gnoise`; and the `cloud=` key, which never changes a run.

use descent::cloud::{Cloud, CloudSource, EpochCursor, MAX_ARROWS, NOISE_DRAWS};
use descent::{BatchMode, BatchSampler, Run, Settings};

fn run(settings: &str) -> Run {
    let (s, problems) = Settings::decode(settings);
    assert!(problems.is_empty(), "{problems:?}");
    let mut r = Run::new(&s).unwrap();
    r.run_to_end();
    r
}

fn near(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

/// Over an epoch of equal batches the mean of the batch gradients is the full-batch gradient.
#[test]
fn mean_over_an_epoch_of_equal_batches_is_the_full_gradient() {
    for settings in [
        "f=linreg&data=line&batch=sgd&lr=0.01&steps=250",
        "f=linreg&data=line&batch=mini&bs=10&lr=0.02&steps=55",
        "f=logreg&batch=mini&bs=20&lr=0.5&steps=33",
        "f=linreg2&batch=mini&bs=25&steps=17",
        "f=logreg&n=100000&batch=sgd&lr=0.1&steps=40",
    ] {
        let r = run(settings);
        for k in [0, 3, r.trajectory().len() - 1] {
            let c = Cloud::at(&r, k).unwrap();
            assert_eq!(c.source, CloudSource::Batches);
            for i in 0..2 {
                assert!(
                    near(c.mean[i], c.full[i], 1e-9),
                    "{settings} k={k}: mean {:?} full {:?}",
                    c.mean,
                    c.full
                );
            }
            assert!(near(c.mean_norm, c.full[0].hypot(c.full[1]), 1e-9));
        }
    }
}

/// The cloud's batches are the run's own: this step's batch gradient is among them, at the
/// step's place in the epoch, and equals the gradient the run used bit for bit.
#[test]
fn the_steps_batch_is_in_its_epochs_cloud() {
    let r = run("f=linreg&data=line&batch=mini&bs=8&lr=0.02&steps=60");
    // n = 100, bs = 8: 13 batches an epoch, the last of 4 samples.
    let mut cursor = EpochCursor::default();
    for k in 0..r.trajectory().len() {
        let c = Cloud::at_with(&r, k, &mut cursor).unwrap();
        assert_eq!(c.count, 13);
        assert_eq!(c.epoch, (k / 13) as u64 + 1);
        assert_eq!(c.index, k % 13);
        assert!(!c.decimated);
        assert_eq!(c.arrows.len(), 13);
        assert_eq!(c.step, r.gradient(k));
        assert_eq!(c.arrows[c.index], r.gradient(k), "k = {k}");
        // The cloud's batch is the batch the trajectory recorded.
        let batch = r.trajectory().batch(k).unwrap();
        let own = r
            .objective()
            .model()
            .unwrap()
            .batch_loss_gradient(r.trajectory().point(k), batch)
            .1;
        assert_eq!(c.arrows[c.index], own);
    }
    // A cursor reused backwards and forwards gives what a fresh one gives.
    for k in [50, 3, 40, 12, 0] {
        assert_eq!(Cloud::at_with(&r, k, &mut cursor), Cloud::at(&r, k));
    }
}

/// The covariance of a known set: linreg's per-sample gradients at θ_0 on the three `seed`
/// samples, summed here directly.
#[test]
fn covariance_of_a_known_set() {
    let r = run("f=linreg&batch=sgd&lr=0.001&steps=1");
    let c = Cloud::at(&r, 0).unwrap();
    let model = r.objective().model().unwrap();
    let theta = r.trajectory().point(0);
    let n = model.len() as f64;
    let gs: Vec<[f64; 2]> = (0..model.len() as u32)
        .map(|i| model.batch_loss_gradient(theta, &[i]).1)
        .collect();
    let mean = [
        gs.iter().map(|g| g[0]).sum::<f64>() / n,
        gs.iter().map(|g| g[1]).sum::<f64>() / n,
    ];
    let cov = |a: usize, b: usize| {
        gs.iter()
            .map(|g| (g[a] - mean[a]) * (g[b] - mean[b]))
            .sum::<f64>()
            / n
    };
    assert!(near(c.covariance[0][0], cov(0, 0), 1e-12));
    assert!(near(c.covariance[0][1], cov(0, 1), 1e-12));
    assert!(near(c.covariance[1][1], cov(1, 1), 1e-12));
    assert_eq!(c.covariance[0][1], c.covariance[1][0]);
    assert!(near(c.trace, cov(0, 0) + cov(1, 1), 1e-12));
    // The ellipse's semi-axes are the square roots of the eigenvalues: their squares sum to
    // the trace and multiply to the determinant.
    let [a, b] = c.ellipse.semi_axes;
    assert!(near(a * a + b * b, c.trace, 1e-12));
    let det = c.covariance[0][0] * c.covariance[1][1] - c.covariance[0][1].powi(2);
    assert!(near(a * a * b * b, det, 1e-9));
    // Every sample is its own batch: the cloud holds all of them, in the epoch's order.
    let mut sorted = c.arrows.clone();
    let mut want = gs.clone();
    let key = |g: &[f64; 2]| (g[0].to_bits(), g[1].to_bits());
    sorted.sort_by_key(key);
    want.sort_by_key(key);
    assert_eq!(sorted, want);
}

/// n = 100,000 with bs = 1: at most MAX_ARROWS arrows, deterministic, evenly spread, the
/// moments over all 100,000.
#[test]
fn a_big_epoch_is_decimated_deterministically() {
    let r = run("f=linreg&n=100000&data=line&batch=sgd&lr=0.01&steps=30");
    let c = Cloud::at(&r, 30).unwrap();
    assert_eq!(c.count, 100_000);
    assert!(c.decimated);
    assert_eq!(c.arrows.len(), MAX_ARROWS);
    assert_eq!(Cloud::at(&r, 30), Some(c.clone()));
    let again = run("f=linreg&n=100000&data=line&batch=sgd&lr=0.01&steps=30&cloud=on");
    assert_eq!(Cloud::at(&again, 30), Some(c.clone()));
    // The kept batches are the last of every 50 in the epoch's order: 49, 99, …
    let r = run("f=linreg&n=100000&data=line&batch=sgd&lr=0.01&steps=1");
    let first = Cloud::at(&r, 0).unwrap();
    let mut sampler = BatchSampler::new(BatchMode::Sgd, 100_000, 1, 1);
    sampler.seek_epoch(1);
    let model = r.objective().model().unwrap();
    let theta = r.trajectory().point(0);
    for (i, j) in [(0, 49), (1, 99), (1999, 99_999)] {
        let g = model
            .batch_loss_gradient(theta, &sampler.order()[j..j + 1])
            .1;
        assert_eq!(first.arrows[i], g);
    }
    assert!(near(c.mean[0], c.full[0], 1e-9) && near(c.mean[1], c.full[1], 1e-9));
    // Bs = 50 of 100,000: exactly MAX_ARROWS batches, all kept.
    let r = run("f=linreg&n=100000&data=line&batch=mini&bs=50&lr=0.01&steps=3");
    let c = Cloud::at(&r, 3).unwrap();
    assert_eq!((c.count, c.arrows.len(), c.decimated), (2000, 2000, false));
}

/// Gradient noise: the cloud is N(∇f, σ²I), its mean and covariance exact; the draws come
/// from their own stream and are the same every time.
#[test]
fn gradient_noise_cloud_is_the_noise_distribution() {
    let r = run("f=rosenbrock&opt=adam&lr=0.02&gnoise=0.5&steps=40");
    let c = Cloud::at(&r, 12).unwrap();
    assert_eq!(c.source, CloudSource::Noise);
    assert_eq!(c.count, NOISE_DRAWS);
    assert_eq!(c.arrows.len(), NOISE_DRAWS);
    assert_eq!(c.mean, c.full);
    assert_eq!(c.full, r.objective().gradient(r.trajectory().point(12)));
    assert_eq!(c.covariance, [[0.25, 0.0], [0.0, 0.25]]);
    assert_eq!(c.trace, 0.5);
    assert_eq!(c.ellipse.semi_axes, [0.5, 0.5]);
    assert_eq!(c.step, r.gradient(12));
    assert_ne!(c.step, c.full);
    assert_eq!(Cloud::at(&r, 12), Some(c.clone()));
    assert_ne!(Cloud::at(&r, 13).unwrap().arrows, c.arrows);
    // The draws' sample mean is near the mean (200 draws of σ = 0.5: within 4σ/√200).
    let m = c.arrows.iter().map(|g| g[0]).sum::<f64>() / NOISE_DRAWS as f64;
    assert!((m - c.mean[0]).abs() < 4.0 * 0.5 / (NOISE_DRAWS as f64).sqrt());
    // 1-D: noise on x alone.
    let r = run("f=parabola1d&gnoise=0.2&steps=10");
    let c = Cloud::at(&r, 5).unwrap();
    assert_eq!(c.covariance[1][1], 0.0);
    assert!(c.arrows.iter().all(|g| g[1] == 0.0));
}

/// No noisy gradient, no cloud.
#[test]
fn no_cloud_without_noise() {
    assert!(Cloud::at(&run("f=linreg"), 0).is_none());
    assert!(Cloud::at(&run("f=booth"), 0).is_none());
    assert!(Cloud::at(&run("f=linreg&batch=sgd&steps=3"), 3).is_some());
}

/// `cloud=` is a view key: it round-trips, is omitted at its default and never changes a run.
#[test]
fn cloud_key_round_trips_and_never_changes_a_run() {
    let (s, p) = Settings::decode("f=linreg&batch=sgd&cloud=on");
    assert!(p.is_empty());
    assert!(s.cloud);
    assert_eq!(s.encode(), "f=linreg&batch=sgd&cloud=on");
    assert_eq!(Settings::decode("cloud=off").0.encode(), "");
    let (_, p) = Settings::decode("cloud=maybe");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].key, "cloud");
    assert!(s.same_run(&Settings::decode("f=linreg&batch=sgd").0));
    let a = run("f=logreg&batch=mini&bs=8&steps=50&cloud=on");
    let b = run("f=logreg&batch=mini&bs=8&steps=50");
    assert_eq!(a.trajectory(), b.trajectory());
    let field = descent::codec::FIELDS
        .iter()
        .find(|f| f.key == "cloud")
        .unwrap();
    assert_eq!(field.place.kind, descent::codec::FieldKind::View);
    assert!(field.applies(&s));
    assert!(!field.applies(&Settings::decode("f=linreg").0));
    assert!(field.applies(&Settings::decode("f=booth&gnoise=0.1").0));
    assert!(!field.applies(&Settings::decode("f=booth").0));
}
