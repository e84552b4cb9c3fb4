//! Times the surface pipeline natively: rosenbrock's loss grid, the log colormap and the
//! contours, for a 1600 × 1200 device-pixel figure at several sampling steps.
//!
//! `cargo run --release -p descent-figure --example timing`

use std::time::Instant;

use descent::{Function, Objective};
use descent_figure::colormap::{prefers_log, to_rgba};
use descent_figure::contour::{contours, levels};
use descent_figure::layout::Layout;

fn main() {
    let objective =
        Objective::Function(Function::from_name("rosenbrock").expect("rosenbrock is built in"));
    let layout = Layout::new(1600, 1200, 2.0, objective.window());
    println!(
        "plot area {} × {} device px",
        layout.plot.width(),
        layout.plot.height()
    );
    for step in [1.0, 2.0, 4.0] {
        let (nx, ny) = layout.grid_size(step);
        let w = layout.sample_window(nx, ny);
        let reps = if step == 1.0 { 5 } else { 20 };
        let (mut tg, mut tc, mut tl) = (0.0, 0.0, 0.0);
        let mut lines = 0;
        for _ in 0..reps {
            let t0 = Instant::now();
            let g = objective.loss_grid(w, nx, ny);
            let t1 = Instant::now();
            let log = prefers_log(&g);
            let mut rgba = vec![0u8; nx * ny * 4];
            let scale = to_rgba(&g, log, &mut rgba);
            let t2 = Instant::now();
            let cs = contours(&g, nx, ny, w, &levels(&scale, 12));
            let t3 = Instant::now();
            lines = cs
                .iter()
                .map(|c| c.lines.iter().map(Vec::len).sum::<usize>())
                .sum();
            tg += (t1 - t0).as_secs_f64();
            tc += (t2 - t1).as_secs_f64();
            tl += (t3 - t2).as_secs_f64();
        }
        let ms = |t: f64| t * 1000.0 / reps as f64;
        println!(
            "step {step} device px: {nx} × {ny} samples: grid {:.2} ms, colormap {:.2} ms, contours {:.2} ms ({lines} vertices), total {:.2} ms",
            ms(tg),
            ms(tc),
            ms(tl),
            ms(tg + tc + tl)
        );
    }
}
