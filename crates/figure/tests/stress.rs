//! Drawing the numeric stress matrix (see `crates/core/tests/support/matrix.rs`): every run,
//! diverged or not, is drawn as the page draws it (surface, trajectory, loss chart) without a
//! panic, and every coordinate reaching the backend has been clamped.

#[path = "../../core/tests/support/matrix.rs"]
mod matrix;

use descent::{LandscapeKind, Objective, Run};
use descent_figure::colormap::{prefers_log, to_rgba};
use descent_figure::contour::{contours, levels};
use descent_figure::decimate::{clamp_into, clamp_px, decimate, MAX_VERTICES};
use descent_figure::layout::Layout;
use descent_figure::loss::draw_loss;
use descent_figure::scene::step_at;
use descent_figure::surface::{draw_base, draw_trajectory, Base, Path, LIGHT};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// Pixel coordinates are clamped to ±1e6 (`decimate::clamp_px`); markers are pinned inside.
const LIMIT: i32 = 1_000_000 + 2_000;

/// A backend that rasterizes nothing and checks every coordinate it is given.
struct Checker {
    w: u32,
    h: u32,
    calls: usize,
}

impl Checker {
    fn new(w: u32, h: u32) -> Checker {
        Checker { w, h, calls: 0 }
    }
    fn see(&mut self, p: BackendCoord) {
        assert!(
            p.0.abs() <= LIMIT && p.1.abs() <= LIMIT,
            "unclamped coordinate {p:?}"
        );
        self.calls += 1;
    }
}

type Res = Result<(), DrawingErrorKind<std::io::Error>>;

impl DrawingBackend for &mut Checker {
    type ErrorType = std::io::Error;
    fn get_size(&self) -> (u32, u32) {
        (self.w, self.h)
    }
    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }
    fn present(&mut self) -> Res {
        Ok(())
    }
    fn draw_pixel(&mut self, p: BackendCoord, _: BackendColor) -> Res {
        self.see(p);
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, _: &S) -> Res {
        self.see(a);
        self.see(b);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        _: &S,
        _: bool,
    ) -> Res {
        self.see(a);
        self.see(b);
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        _: &S,
    ) -> Res {
        path.into_iter().for_each(|p| self.see(p));
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, _: &S, _: bool) -> Res {
        self.see(c);
        assert!(r < 1000, "circle of radius {r}");
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        _: &S,
    ) -> Res {
        vert.into_iter().for_each(|p| self.see(p));
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, _: &S, p: BackendCoord) -> Res {
        self.see(p);
        assert!(
            !text.contains("NaN") && !text.contains("inf"),
            "label {text:?}"
        );
        Ok(())
    }
    fn blit_bitmap(&mut self, p: BackendCoord, (w, h): (u32, u32), src: &[u8]) -> Res {
        self.see(p);
        assert_eq!(src.len(), (w * h * 3) as usize);
        Ok(())
    }
}

/// Draws a landscape's base layer as the page does (heatmap, contours, minima, axes, or the
/// curve of a 1-D landscape) and returns its layout.
fn draw_surface(o: &Objective, size: (u32, u32, f64)) -> Layout {
    let layout = Layout::new(size.0, size.1, size.2, o.window());
    let mut canvas = Checker::new(size.0, size.1);
    if o.dim() == 1 {
        let w = layout.window;
        let n = layout.plot.width().max(2) as usize;
        let curve: Vec<[f64; 2]> = (0..n)
            .map(|i| {
                let x = w.x_min + (w.x_max - w.x_min) * i as f64 / (n - 1) as f64;
                [x, o.value([x, 0.0])]
            })
            .collect();
        let minima: Vec<[f64; 2]> = o
            .minima()
            .iter()
            .map(|m| [m[0], o.value([m[0], 0.0])])
            .collect();
        let base = Base {
            contours: &[],
            minima: &minima,
            axis_names: ("x", "f(x)"),
            heatmap: None,
            curve: Some(&curve),
            lines: true,
        };
        draw_base(&mut canvas, &layout, &base, &LIGHT).unwrap();
    } else {
        let (nx, ny) = layout.grid_size(2.0 * layout.dpr);
        let sw = layout.sample_window(nx, ny);
        let grid = o.loss_grid(sw, nx, ny);
        let mut rgba = vec![0u8; nx * ny * 4];
        let scale = to_rgba(&grid, prefers_log(&grid), &mut rgba);
        let cs = contours(&grid, nx, ny, sw, &levels(&scale, 10));
        let minima = o.minima();
        let base = Base {
            contours: &cs,
            minima: &minima,
            axis_names: ("x", "y"),
            heatmap: Some((&rgba, nx, ny)),
            curve: None,
            lines: true,
        };
        draw_base(&mut canvas, &layout, &base, &LIGHT).unwrap();
    }
    assert!(canvas.calls > 0);
    layout
}

/// Draws one run's overlay at its last point and halfway, and its loss chart in both scales.
fn draw_run(run: &Run, layout: &Layout, link: &str) {
    let t = run.trajectory();
    let y = if run.objective().dim() == 1 {
        &t.loss
    } else {
        &t.y
    };
    let path = |upto| Path {
        x: &t.x,
        y,
        step: Some(step_at(run, upto)),
    };
    // The clamped pixel positions the overlay uses are finite (NaN ends a path).
    let px: Vec<(f64, f64)> = (0..t.len()).map(|k| layout.to_px([t.x[k], y[k]])).collect();
    for &(a, b) in &px {
        let c = clamp_into((clamp_px(a), clamp_px(b)), layout.plot);
        assert!(c.0.is_finite() && c.1.is_finite(), "{link}: {c:?}");
    }
    let kept = decimate(&px, layout.px(0.75), MAX_VERTICES);
    assert!(
        kept.iter().all(|p| p.0.is_finite() && p.1.is_finite()),
        "{link}"
    );
    for upto in [0, t.len() / 2, t.len() - 1] {
        let mut canvas = Checker::new(layout.width, layout.height);
        draw_trajectory(&mut canvas, layout, &path(upto), upto, &LIGHT)
            .unwrap_or_else(|e| panic!("{link}: {e}"));
        // The current point is always drawn, pinned to the plot when it left it.
        assert!(canvas.calls >= 2, "{link}: nothing drawn");
    }
    for log_y in [true, false] {
        let mut canvas = Checker::new(400, 200);
        draw_loss(
            &mut canvas,
            (400, 200, 1.0),
            &t.loss,
            t.len() - 1,
            log_y,
            &LIGHT,
        )
        .unwrap_or_else(|e| panic!("{link}: {e}"));
    }
}

#[test]
fn every_stress_run_draws_with_clamped_coordinates() {
    let mut drawn = 0;
    for f in LandscapeKind::all() {
        let base = matrix::landscape(f);
        let objective = Objective::from_settings(&base).unwrap();
        // A small canvas at dpr 2, as on a phone.
        let layout = draw_surface(&objective, (360, 270, 2.0));
        for s in matrix::runs_of(&base) {
            let link = s.encode();
            let mut run = Run::new(&s).unwrap_or_else(|e| panic!("{link}: {e}"));
            run.run_to_end();
            draw_run(&run, &layout, &link);
            drawn += 1;
        }
    }
    assert_eq!(drawn, matrix::size());
}

#[test]
fn a_loss_chart_spanning_all_of_f64_draws_inside_its_axes() {
    // Found by the matrix above (f=linreg&lr=1e3&x0=-1e150&y0=1e150): losses up to 1.8e308
    // made a range too wide for f64, and plotters' pixel arithmetic overflowed (a panic in
    // debug builds, wrapped coordinates in release).
    let loss = [
        1.6666666666666665e300,
        1.7937496462962957e308,
        f64::INFINITY,
    ];
    for log_y in [false, true] {
        let mut canvas = Checker::new(400, 200);
        draw_loss(&mut canvas, (400, 200, 1.0), &loss, 2, log_y, &LIGHT).unwrap();
        assert!(canvas.calls > 0);
    }
    let mut canvas = Checker::new(400, 200);
    draw_loss(
        &mut canvas,
        (400, 200, 1.0),
        &[-f64::MAX, f64::MAX, 0.0],
        2,
        false,
        &LIGHT,
    )
    .unwrap();
}
