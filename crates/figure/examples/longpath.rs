//! Times drawing a 1,000,000-step run natively: the overlay (path decimated) and the loss
//! chart, on in-memory bitmaps of the page's size.
//!
//! `cargo run --release -p descent-figure --example longpath`

use std::time::Instant;

use descent::{Run, Settings};
use descent_figure::decimate::{PathPixels, MAX_VERTICES};
use descent_figure::layout::Layout;
use descent_figure::loss::{draw_loss, draw_losses, LossLabels, LossSeries, LossSummary};
use descent_figure::surface::{
    draw_trajectory, draw_trajectory_decimated, trajectory_min_dist, Path, LIGHT,
};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// A backend that draws nothing, so that only the figure code is timed (the canvas calls it
/// makes are the browser's cost).
struct Null(u32, u32);

impl DrawingBackend for Null {
    type ErrorType = std::io::Error;
    fn get_size(&self) -> (u32, u32) {
        (self.0, self.1)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        _: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        std::hint::black_box(path.into_iter().count());
        Ok(())
    }
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        _: &str,
        _: &TStyle,
        _: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        _: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok((text.len() as u32 * 6, 12))
    }
}

fn main() {
    let (s, _) = Settings::decode("f=rosenbrock&opt=adam&steps=1000000&tol=0");
    let t0 = Instant::now();
    let mut run = Run::new(&s).expect("valid settings");
    run.run_to_end();
    println!("run: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let t = run.trajectory();
    let (w, h) = (1600u32, 1200u32);
    let layout = Layout::new(w, h, 2.0, run.objective().window());
    for k in [1_000usize, 100_000, 999_999] {
        let path = Path {
            x: &t.x,
            y: &t.y,
            step: Some((run.gradient(k), run.lr(k))),
        };
        let t1 = Instant::now();
        let drawn = draw_trajectory(Null(w, h), &layout, &path, k, &LIGHT).expect("draws");
        let t2 = Instant::now();
        draw_loss(Null(w, h / 3), (w, h / 3, 2.0), &t.loss, k, true, &LIGHT).expect("draws");
        let t3 = Instant::now();
        println!(
            "upto {k}, from scratch: overlay {:.2} ms ({drawn} vertices), loss chart {:.2} ms",
            (t2 - t1).as_secs_f64() * 1e3,
            (t3 - t2).as_secs_f64() * 1e3
        );
    }
    // As the page draws: the decimated pixels and the loss summary kept between frames.
    let to_px = |i: usize| layout.to_px([t.x[i], t.y[i]]);
    let mut pixels = PathPixels::new();
    let t1 = Instant::now();
    pixels.extend([0; 9], t.len(), trajectory_min_dist(&layout), to_px);
    let summary = LossSummary::of(&t.loss);
    println!(
        "scanning 1,000,001 points once: {:.2} ms",
        t1.elapsed().as_secs_f64() * 1e3
    );
    for k in [1_000usize, 100_000, 999_999] {
        let path = Path {
            x: &t.x,
            y: &t.y,
            step: Some((run.gradient(k), run.lr(k))),
        };
        let t1 = Instant::now();
        let kept = pixels.upto(k, MAX_VERTICES, to_px);
        let drawn =
            draw_trajectory_decimated(Null(w, h), &layout, &path, k, &kept, &LIGHT).expect("draws");
        let t2 = Instant::now();
        let series = [LossSeries {
            loss: &t.loss,
            label: "",
            summary: Some(&summary),
            note: "",
            diverging_from: None,
        }];
        draw_losses(
            Null(w, h / 3),
            (w, h / 3, 2.0),
            &series,
            k,
            true,
            (&LIGHT, &LossLabels::ENGLISH),
        )
        .expect("draws");
        let t3 = Instant::now();
        println!(
            "upto {k}, kept between frames: overlay {:.2} ms ({drawn} vertices), loss chart {:.2} ms",
            (t2 - t1).as_secs_f64() * 1e3,
            (t3 - t2).as_secs_f64() * 1e3
        );
    }
}
