//! Criterion benchmark of a map's throughput: the same map on one thread and on every core, side by side, in steps per second.
//!
//! The budget (issue 16): every core's throughput ≥ 0.85 × cores × one thread's. The ratio is
//! read from the two `map_throughput` figures of one run (BENCHMARKS.md).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use descent::mapper::map_cells;
use descent::Settings;

/// A 64 × 64 map of 1,000-step Adam runs on Rosenbrock's function over lr and β₁ (`tol=0`,
/// so that every run takes all its steps and the work is known).
const MAP: &str = "f=rosenbrock&opt=adam&steps=1000&tol=0&map=lr:1e-3:0.3:64,b1:0.5:0.99:64";

fn map_throughput(c: &mut Criterion) {
    let (settings, problems) = Settings::decode(MAP);
    assert!(problems.is_empty(), "{problems:?}");
    let steps = settings.map.unwrap().step_budget(settings.steps);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("map_throughput");
    group.throughput(Throughput::Elements(steps));
    group.sample_size(10);
    for threads in [1, cores] {
        group.bench_function(BenchmarkId::new("threads", threads), |b| {
            b.iter(|| black_box(map_cells(&settings, threads).unwrap().len()))
        });
    }
    group.finish();
}

criterion_group!(benches, map_throughput);
criterion_main!(benches);
