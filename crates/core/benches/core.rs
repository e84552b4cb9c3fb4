//! Criterion benchmarks of the hot paths: optimizer steps, loss grids, SGD epochs and the gradient cloud.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use descent::{Dataset, DatasetKind, Model, ModelKind, Objective, Run, Settings, Window};

const STEPS: u64 = 100_000;

/// The settings of a 100,000-step run of `opt` on rosenbrock.
fn rosenbrock(opt: &str) -> Settings {
    let (settings, problems) = Settings::decode(&format!(
        "f=rosenbrock&opt={opt}&lr=1e-4&steps={STEPS}&tol=0"
    ));
    assert!(problems.is_empty());
    settings
}

/// Steps per second of each optimizer on rosenbrock, with the trajectory recorded. Each
/// iteration starts the run anew in the memory of the last (`Run::restart`), as the page's
/// wasm heap does: what is timed is the stepping and recording.
fn optimizer_steps(c: &mut Criterion) {
    let mut group = c.benchmark_group("steps_rosenbrock");
    group.throughput(Throughput::Elements(STEPS));
    for opt in descent::Optimizer::NAMES {
        let settings = rosenbrock(opt);
        let mut run = Run::new(&settings).unwrap();
        group.bench_function(BenchmarkId::from_parameter(opt), |b| {
            b.iter(|| {
                run.restart(&settings).unwrap();
                run.run_to_end();
                black_box(run.trajectory().len())
            })
        });
    }
    group.finish();
}

/// The same with a new `Run` each time, so that natively the trajectory is written to fresh
/// memory from the operating system (a page fault per 4 KiB), as in a one-run process.
fn optimizer_steps_fresh(c: &mut Criterion) {
    let mut group = c.benchmark_group("steps_rosenbrock_fresh");
    group.throughput(Throughput::Elements(STEPS));
    for opt in ["gd", "adam"] {
        let settings = rosenbrock(opt);
        group.bench_function(BenchmarkId::from_parameter(opt), |b| {
            b.iter(|| {
                let mut run = Run::new(&settings).unwrap();
                run.run_to_end();
                black_box(run.trajectory().len())
            })
        });
    }
    group.finish();
}

/// The loss on a 1600×1200 grid: rosenbrock, and linreg on 100,000 samples (O(1) a point).
fn loss_grids(c: &mut Criterion) {
    let mut group = c.benchmark_group("loss_grid_1600x1200");
    group.throughput(Throughput::Elements(1600 * 1200));
    let rosenbrock = Objective::Function(descent::Function::Rosenbrock);
    let window = Window::new(-2.0, 2.0, -1.0, 3.0);
    group.bench_function("rosenbrock", |b| {
        b.iter(|| black_box(rosenbrock.loss_grid(window, 1600, 1200)))
    });
    for n in [1_000usize, 100_000] {
        let model = Model::new(
            ModelKind::Linreg,
            Dataset::generate(DatasetKind::Line, n, 0.5, 1),
        );
        let linreg = Objective::Model(Box::new(model));
        group.bench_function(BenchmarkId::new("linreg", n), |b| {
            b.iter(|| black_box(linreg.loss_grid(window, 1600, 1200)))
        });
    }
    group.finish();
}

/// One SGD epoch over 1,000,000 linreg samples: sample gradients per second. Like a
/// stochastic run, the loop knows its order and asks for each sample ahead of time.
fn sgd_epoch(c: &mut Criterion) {
    let n = 1_000_000usize;
    let model = Model::new(
        ModelKind::Linreg,
        Dataset::generate(DatasetKind::Line, n, 0.5, 1),
    );
    let mut order: Vec<u32> = (0..n as u32).collect();
    descent::rng::Rng::new(1).shuffle(&mut order);
    let mut group = c.benchmark_group("sgd_epoch");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("linreg_1e6", |b| {
        b.iter(|| black_box(common::sgd_epoch(&model, &order, 1e-3)))
    });
    group.finish();
}

/// One frame of the gradient cloud at n = 100,000, bs = 1: every sample's gradient at θ_k,
/// the streaming mean and covariance, 2,000 arrows kept (the epoch's sampler kept between
/// frames, as the page keeps it).
fn gradient_cloud(c: &mut Criterion) {
    let (s, _) = Settings::decode("f=linreg&data=line&n=100000&batch=sgd&lr=0.01&steps=64");
    let mut run = Run::new(&s).expect("a run");
    run.run_to_end();
    let mut cursor = descent::cloud::EpochCursor::default();
    let mut k = 0;
    let mut group = c.benchmark_group("gradient_cloud");
    group.throughput(Throughput::Elements(100_000));
    group.bench_function("linreg_sgd_1e5", |b| {
        b.iter(|| {
            k = (k + 1) % 64;
            black_box(descent::cloud::Cloud::at_with(&run, k, &mut cursor))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = optimizer_steps, optimizer_steps_fresh, loss_grids, sgd_epoch, gradient_cloud
}
criterion_main!(benches);
