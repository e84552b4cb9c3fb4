//! Times the surface pipeline natively: rosenbrock's loss grid, the log colormap, the
//! contours and the plot's picture (the heatmap upsampled to device pixels with the contour
//! lines rasterised into it), for a 1600 × 1200 device-pixel figure at several sampling
//! steps.
//!
//! `cargo run --release -p descent-figure --example timing`

use std::time::Instant;

use descent::{Function, Objective};
use descent_figure::colormap::{to_rgba_units, ColorScale};
use descent_figure::contour::{contours, levels};
use descent_figure::layout::Layout;
use descent_figure::raster::Picture;
use descent_figure::surface::{contour_pixels, contour_style};

fn main() {
    let objective =
        Objective::Function(Function::from_name("rosenbrock").expect("rosenbrock is built in"));
    let layout = Layout::new(1600, 1200, 2.0, objective.window());
    let (w, h) = (layout.plot.width() as usize, layout.plot.height() as usize);
    println!("plot area {w} × {h} device px");
    let mut picture = Picture::default();
    for step in [1.0, 2.0, 4.0] {
        let (nx, ny) = layout.grid_size(step);
        let sw = layout.sample_window(nx, ny);
        let reps = if step == 1.0 { 5 } else { 20 };
        let mut t = [0.0f64; 4];
        let mut lines = 0;
        for _ in 0..reps {
            let t0 = Instant::now();
            let g = objective.loss_grid(sw, nx, ny);
            let t1 = Instant::now();
            let mut rgba = vec![0u8; nx * ny * 4];
            let mut units = vec![0f32; nx * ny];
            let scale = ColorScale::from_values(&g, true);
            to_rgba_units(&g, &scale, &mut rgba, &mut units);
            let t2 = Instant::now();
            let cs = contours(&g, nx, ny, sw, &levels(&scale, 10));
            let t3 = Instant::now();
            let px = contour_pixels(&layout, &cs);
            picture.draw(&units, nx, ny, (w, h), &px, contour_style(&layout));
            let t4 = Instant::now();
            lines = cs
                .iter()
                .map(|c| c.lines.iter().map(Vec::len).sum::<usize>())
                .sum();
            for (k, (a, b)) in [(t0, t1), (t1, t2), (t2, t3), (t3, t4)].iter().enumerate() {
                t[k] += (*b - *a).as_secs_f64();
            }
        }
        let ms = |t: f64| t * 1000.0 / reps as f64;
        println!(
            "step {step} device px: {nx} × {ny} samples: grid {:.2} ms, colormap {:.2} ms, contours {:.2} ms ({lines} vertices), picture {:.2} ms, total {:.2} ms",
            ms(t[0]),
            ms(t[1]),
            ms(t[2]),
            ms(t[3]),
            ms(t.iter().sum())
        );
    }
}
