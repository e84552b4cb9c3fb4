//! The surface's view window as `descent render` draws it: equal units on both axes for every
//! landscape of two parameters, a diverging run's first steps in view, and labels that never
//! overprint one another.

use descent::{Function, Objective, Run, Settings};
use descent_figure::layout::Layout;
use descent_figure::scene::{render, surface_layout, View};
use descent_figure::surface::LIGHT;
use descent_figure::zoom::equal_axes;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

fn run(link: &str) -> Run {
    let (s, p) = Settings::decode(link);
    assert!(p.is_empty(), "{p:?}");
    let mut r = Run::new(&s).unwrap();
    r.run_to_end();
    r
}

#[test]
fn every_function_of_two_parameters_has_equal_units() {
    for name in [
        "quadratic",
        "ellipse",
        "rosenbrock",
        "himmelblau",
        "beale",
        "booth",
        "rastrigin",
        "saddle",
        "six_hump_camel",
    ] {
        let o = Objective::Function(Function::from_name(name).unwrap());
        assert!(equal_axes(&o), "{name}");
        let r = run(&format!("f={name}&steps=1"));
        for size in [
            (800, 600, 1.0),
            (1600, 900, 2.0),
            (360, 500, 2.0),
            (300, 700, 3.0),
        ] {
            let l: Layout = surface_layout(&r, 0, size);
            let o0 = l.to_px([0.0, 0.0]);
            let (x1, y1) = (l.to_px([1.0, 0.0]), l.to_px([0.0, 1.0]));
            let (ux, uy) = (x1.0 - o0.0, o0.1 - y1.1);
            assert!((ux - uy).abs() / ux < 1e-12, "{name} {size:?}: {ux} {uy}");
            // The landscape's window is all in view.
            let w = o.window();
            assert!(l.window.x_min <= w.x_min && l.window.x_max >= w.x_max);
            assert!(l.window.y_min <= w.y_min && l.window.y_max >= w.y_max);
        }
    }
    let (s, _) = Settings::decode("f=linreg");
    assert!(!equal_axes(&Objective::from_settings(&s).unwrap()));
}

#[test]
fn a_diverging_runs_first_steps_are_in_view() {
    for link in [
        "f=parabola1d&lr=1.5&steps=1000",
        "f=rosenbrock&lr=0.01&x0=-1.5&y0=2",
    ] {
        let r = run(link);
        assert_eq!(r.status().name(), "diverged", "{link}");
        let t = r.trajectory();
        let ys = if r.objective().dim() == 1 {
            &t.loss
        } else {
            &t.y
        };
        for k in 0..=3 {
            let l = surface_layout(&r, k, (800, 600, 1.0));
            for (i, (&x, &y)) in t.x.iter().zip(ys).take(k + 1).enumerate() {
                assert!(
                    l.window.contains([x, y]),
                    "{link}: step {k}, point {i} outside {:?}",
                    l.window
                );
            }
        }
    }
}

/// A backend that records the box of every text drawn, as the figure measured it.
struct Texts {
    boxes: Vec<(String, [i32; 4])>,
}

fn measure(text: &str, size: f64) -> (u32, u32) {
    (
        (text.chars().count() as f64 * size * 0.55) as u32,
        size as u32,
    )
}

impl DrawingBackend for &mut Texts {
    type ErrorType = std::fmt::Error;
    fn get_size(&self) -> (u32, u32) {
        (800, 600)
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
    fn draw_line<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: BackendCoord,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let (w, h) = measure(text, style.size());
        let (w, h) = (w as i32, h as i32);
        let a = style.anchor();
        let left = match a.h_pos {
            HPos::Left => x,
            HPos::Center => x - w / 2,
            HPos::Right => x - w,
        };
        let top = match a.v_pos {
            VPos::Top => y,
            VPos::Center => y - h / 2,
            VPos::Bottom => y - h,
        };
        self.boxes
            .push((text.to_string(), [left, top, left + w, top + h]));
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(measure(text, style.size()))
    }
    fn blit_bitmap(
        &mut self,
        _: BackendCoord,
        _: (u32, u32),
        _: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
}

#[test]
fn the_walkers_labels_never_overprint() {
    // lr-diverge at step 3 once drew "step = 60" over "global minimum" on the top edge.
    for link in [
        "f=parabola1d&lr=1.5&steps=1000",
        "f=parabola1d&lr=0.9",
        "f=double_well1d&lr=0.05",
        "f=wavy1d&lr=0.2",
    ] {
        let r = run(link);
        let n = r.trajectory().len();
        for k in [0, 1, 2, 3, 4, 6, n / 2, n - 1] {
            let mut b = Texts { boxes: Vec::new() };
            render(&mut b, &r, View::Surface, (800, 600, 1.0), k, &LIGHT).unwrap();
            let l = surface_layout(&r, k, (800, 600, 1.0));
            let p = l.plot;
            // The walker's words are the texts inside the plot (the axes' are outside).
            let inside: Vec<_> = b
                .boxes
                .iter()
                .filter(|(_, r)| {
                    r[0] >= p.left && r[2] <= p.right && r[1] >= p.top && r[3] <= p.bottom
                })
                .collect();
            for (i, (ta, a)) in inside.iter().enumerate() {
                for (tb, c) in &inside[i + 1..] {
                    let overlap = a[0] < c[2] && c[0] < a[2] && a[1] < c[3] && c[1] < a[3];
                    assert!(!overlap, "{link} at {k}: {ta:?} {a:?} over {tb:?} {c:?}");
                }
            }
        }
    }
}
