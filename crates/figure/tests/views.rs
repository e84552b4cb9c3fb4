//! The teaching views drawn on an in-memory RGB backend: the data view's lines and batch,
//! the 1-D walker's tangent and step, the 3-D projection and mesh, and whole scenes.

use descent::{Dataset, DatasetKind, Model, ModelKind, Run, Settings};
use descent_figure::data::{self, boundary, data_layout, draw_data, DataFrame};
use descent_figure::layout::{Layout, Window};
use descent_figure::mesh::{self, Camera, MeshGrid, Projection};
use descent_figure::oned::{draw_walker, minimum_near, tangent_px, Minimum, Walk, Words, TANGENT};
use descent_figure::scene::{render, View};
use descent_figure::surface::LIGHT;

#[path = "support/image.rs"]
#[allow(dead_code)]
mod image;
use image::Image;

fn rgb(c: plotters::style::RGBColor) -> [u8; 3] {
    [c.0, c.1, c.2]
}

fn seed_model() -> Model {
    Model::new(
        ModelKind::Linreg,
        Dataset::generate(DatasetKind::Seed, 3, 0.0, 1),
    )
}

#[test]
fn data_view_draws_the_fit_the_start_line_the_batch_and_residuals() {
    let model = seed_model();
    let size = (400, 300, 1.0);
    let frame = DataFrame {
        model: &model,
        theta0: [1.0, 0.0],
        theta: [2.0, 1.0],
        batch: Some(&[2]),
        residuals: false,
    };
    let mut img = Image::new(400, 300);
    let layout = draw_data(&mut img, size, &frame, &LIGHT).unwrap();
    assert_eq!(layout, data_layout(&model, size));
    // The fit ŷ = 2x + 1 passes through (1.5, 4) and (2.5, 6) in the current colour.
    for x in [1.5, 2.5] {
        let p = layout.to_px([x, 2.0 * x + 1.0]);
        assert!(img.near(p, 1, rgb(LIGHT.current), 0), "fit at x={x}");
    }
    // The start line ŷ = x, in its own colour where it is inside the plot.
    let p = layout.to_px([3.0, 3.0]);
    assert!(img.near(p, 1, rgb(data::START), 0));
    assert!(!img.near(layout.to_px([3.0, 5.0]), 2, rgb(data::START), 0));
    // Sample (3, 7) is in the batch: ringed; (1, 3) is not.
    let ring = layout.px(5.5);
    let (x, y) = layout.to_px([3.0, 7.0]);
    assert!(img.near((x + ring, y), 1, rgb(data::BATCH), 0));
    let (x, y) = layout.to_px([1.0, 3.0]);
    assert!(!img.near((x + ring, y), 1, rgb(data::BATCH), 0));
    // Without residuals nothing red lies between (2, 5)… and the fit (2, 5): pick sample 1 at
    // θ = (2, 0) so its residual runs from (2, 5) down to (2, 4).
    let mid = |img: &Image, l: &Layout| img.near(l.to_px([2.0, 4.5]), 0, rgb(data::RESIDUAL), 60);
    let mut frame = DataFrame {
        theta: [2.0, 0.0],
        batch: None,
        ..frame
    };
    let mut img = Image::new(400, 300);
    draw_data(&mut img, size, &frame, &LIGHT).unwrap();
    assert!(!mid(&img, &layout));
    frame.residuals = true;
    let mut img = Image::new(400, 300);
    draw_data(&mut img, size, &frame, &LIGHT).unwrap();
    assert!(mid(&img, &layout));
}

#[test]
fn logistic_view_marks_the_decision_boundary_where_p_is_one_half() {
    let model = Model::new(
        ModelKind::Logreg,
        Dataset::generate(DatasetKind::Blobs, 40, 1.0, 3),
    );
    assert_eq!(boundary([2.0, -1.0]), Some(0.5));
    assert_eq!(boundary([0.0, 1.0]), None);
    let frame = DataFrame {
        model: &model,
        theta0: [-2.0, -2.0],
        theta: [2.0, -1.0],
        batch: None,
        residuals: false,
    };
    let mut img = Image::new(500, 400);
    let layout = draw_data(&mut img, (500, 400, 1.0), &frame, &LIGHT).unwrap();
    // The current boundary x = 0.5 is a vertical line in the current colour (mixed 0.8 on
    // the plot's pale background), crossing the sigmoid at p = 0.5.
    let c = rgb(LIGHT.current);
    let bg = [246.0, 246.0, 250.0];
    let mixed = [0, 1, 2].map(|k| (c[k] as f64 * 0.8 + bg[k] * 0.2).round() as u8);
    for y in [0.85, 0.15] {
        assert!(
            img.near(layout.to_px([0.5, y]), 1, mixed, 2),
            "boundary at y={y}"
        );
    }
    assert!(img.near(layout.to_px([0.5, 0.5]), 1, c, 0));
    // The start's boundary, σ(−2x − 2) = 0.5 at x = −1, in the start colour.
    let s = rgb(data::START);
    let mixed = [0, 1, 2].map(|k| (s[k] as f64 * 0.8 + bg[k] * 0.2).round() as u8);
    assert!(img.near(layout.to_px([-1.0, 0.9]), 1, mixed, 2));
}

fn walk_layout() -> Layout {
    Layout::new(600, 400, 1.0, Window::new(-3.0, 3.0, -1.0, 9.0))
}

#[test]
fn the_tangent_has_the_derivative_as_its_slope() {
    let l = walk_layout();
    // f = x², at x = 2: f′ = 4. In pixels a unit of x is 538/6 px, a unit of f 352/10 px.
    let [a, b] = tangent_px(&l, 2.0, 4.0, 4.0).unwrap();
    let sx = l.plot.width() as f64 / 6.0;
    let sy = l.plot.height() as f64 / 10.0;
    let slope_px = -(b.1 - a.1) / (b.0 - a.0);
    assert!((slope_px - 4.0 * sy / sx).abs() < 1e-9, "{slope_px}");
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    assert!((len - 140.0).abs() < 1e-9);
    // Back in θ units the line's slope is f′ exactly.
    let (pa, pb) = (l.to_data(a.0, a.1).unwrap(), l.to_data(b.0, b.1).unwrap());
    assert!(((pb[1] - pa[1]) / (pb[0] - pa[0]) - 4.0).abs() < 1e-9);
    assert!(tangent_px(&l, 2.0, 4.0, f64::NAN).is_none());
}

#[test]
fn a_positive_slope_steps_left_and_a_big_step_overshoots() {
    let l = walk_layout();
    // gd on x² with lr 0.9 from 2.5: 2.5 → −2 → 1.6: each step jumps over the minimum.
    let x = [2.5, -2.0, 1.6];
    let fx = x.map(|v: f64| v * v);
    let minima = [Minimum {
        x: 0.0,
        fx: 0.0,
        global: true,
    }];
    let walk = Walk {
        x: &x,
        fx: &fx,
        slope: 2.0 * x[0],
        minima: &minima,
    };
    let mut img = Image::new(600, 400);
    draw_walker(&mut img, &l, &walk, 0, &Words::default(), &LIGHT).unwrap();
    let cur = l.to_px([2.5, 6.25]);
    // The tangent: yellow 40 px along its direction, both ways.
    let [a, b] = tangent_px(&l, 2.5, 6.25, 5.0).unwrap();
    for t in [0.3, 0.7] {
        let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        if (p.0 - cur.0).abs() > 8.0 {
            assert!(img.near(p, 1, rgb(TANGENT), 0), "tangent at t={t}");
        }
    }
    // The step arrow runs left at the current height, across x = 0 (the minimum), to x = −2.
    let c = rgb(LIGHT.current);
    for xv in [1.5, 0.0, -1.5] {
        let p = l.to_px([xv, 6.25]);
        assert!(img.near(p, 1, c, 0), "arrow at x={xv}");
    }
    // Nothing of it to the right of the point.
    assert!(!img.near(l.to_px([2.9, 6.25]), 1, c, 0));
    // The landing point (−2, 4) is ringed in the current colour.
    let (lx, ly) = l.to_px([-2.0, 4.0]);
    assert!(img.near((lx + 5.0, ly), 1, c, 0));

    // At step 1 the slope is negative (−4): the arrow points right.
    let mut img = Image::new(600, 400);
    let walk = Walk {
        slope: 2.0 * x[1],
        ..walk
    };
    draw_walker(&mut img, &l, &walk, 1, &Words::default(), &LIGHT).unwrap();
    assert!(img.near(l.to_px([0.5, 4.0]), 1, c, 0));
    assert!(!img.near(l.to_px([-2.6, 4.0]), 1, c, 0));
}

#[test]
fn minima_are_found_near_the_walker() {
    let m = [
        Minimum {
            x: -1.47,
            fx: -5.4,
            global: true,
        },
        Minimum {
            x: 1.35,
            fx: -2.6,
            global: false,
        },
    ];
    assert_eq!(minimum_near(&m, 1.351, 0.05), Some(1));
    assert_eq!(minimum_near(&m, -1.5, 0.05), Some(0));
    assert_eq!(minimum_near(&m, 0.0, 0.05), None);
}

#[test]
fn the_projection_puts_known_points_where_they_belong() {
    // From straight above with no turn: u right, v up, the centre in the middle.
    let p = Projection::new(
        Camera {
            yaw: 0.0,
            pitch: 90.0,
            zoom: 1.0,
        },
        400,
        300,
    );
    let (cx, cy, _) = p.project([0.0, 0.0, 0.3]);
    assert!((cx - 200.0).abs() < 1e-9 && (cy - 150.0).abs() < 1e-9);
    let (x1, y1, d1) = p.project([1.0, 1.0, 0.0]);
    assert!(x1 > 200.0 && y1 < 150.0);
    assert!(
        (x1 - 200.0 - (150.0 - y1)).abs() < 1e-9,
        "square from above"
    );
    // Higher is nearer from above.
    assert!(p.project([0.0, 0.0, 0.5]).2 > d1);
    // Turning by 90°: the u axis now points up the screen.
    let p = Projection::new(
        Camera {
            yaw: 90.0,
            pitch: 90.0,
            zoom: 1.0,
        },
        400,
        300,
    );
    let (x, y, _) = p.project([1.0, 0.0, 0.0]);
    assert!((x - 200.0).abs() < 1e-9 && y < 150.0);
    // Zoom scales distances from the centre.
    let z = |zoom| {
        Projection::new(
            Camera {
                yaw: -35.0,
                pitch: 35.0,
                zoom,
            },
            400,
            300,
        )
        .project([1.0, -1.0, 0.0])
    };
    let (a, b) = (z(1.0), z(2.0));
    assert!(((b.0 - 200.0) - 2.0 * (a.0 - 200.0)).abs() < 1e-9);
    // Bad camera values fall back or are clamped, never NaN.
    let p = Projection::new(
        Camera {
            yaw: f64::NAN,
            pitch: 400.0,
            zoom: f64::INFINITY,
        },
        0,
        0,
    );
    let q = p.project([1.0, 1.0, 1.0]);
    assert!(q.0.is_finite() && q.1.is_finite() && q.2.is_finite());
}

#[test]
fn the_mesh_is_coloured_by_height_with_skirts_to_the_floor() {
    // A bowl u² + v² on a 9 × 9 grid.
    let n = 9;
    let w = Window::new(-1.0, 1.0, -1.0, 1.0);
    let values: Vec<f64> = (0..n)
        .flat_map(|j| (0..n).map(move |i| (i, j)))
        .map(|(i, j)| {
            let x = -1.0 + 2.0 * i as f64 / (n - 1) as f64;
            let y = 1.0 - 2.0 * j as f64 / (n - 1) as f64;
            x * x + y * y
        })
        .collect();
    let grid = MeshGrid::new(values, n, n, w, false);
    // The minimum sits at the bottom of the box, a corner at the top.
    assert_eq!(grid.world(0.0, 0.0, 0.0), [0.0, 0.0, -mesh::HEIGHT / 2.0]);
    assert_eq!(grid.world(5.0, -9.0, 2.0), [1.0, -1.0, mesh::HEIGHT / 2.0]);
    let cam = Camera::default();
    let proj = Projection::new(cam, 400, 300);
    let quads = mesh::quads(&grid, &proj);
    assert_eq!(quads.len(), (n - 1) * (n - 1) + 4 * (n - 1));
    let mut img = Image::new(400, 300);
    let drawn = mesh::draw_mesh(&mut img, (400, 300, 1.0), &grid, cam, ("x", "y"), &LIGHT).unwrap();
    assert_eq!(drawn, quads.len());
    // The raster has the background outside the block and the block's colours inside.
    let r = mesh::raster(&grid, cam, 400, 300);
    assert_eq!(r.quads, quads.len());
    assert_eq!(&r.rgba[..4], &[250, 250, 252, 255]);
    assert_eq!(r.depth_at(0.0, 0.0), f32::NEG_INFINITY);
    let filled = r
        .rgba
        .chunks(4)
        .filter(|p| p[..3] != mesh::BACKGROUND)
        .count();
    assert!(filled > 400 * 300 / 5, "{filled}");
    // The depth buffer agrees with the projection: from above, the bowl's centre is its
    // lowest point, at the depth the projection gives the bottom of the box.
    let top_cam = Camera {
        yaw: 0.0,
        pitch: 90.0,
        zoom: 1.0,
    };
    let d = mesh::raster(&grid, top_cam, 400, 300).depth_at(200.0, 150.0) as f64;
    let want = Projection::new(top_cam, 400, 300)
        .project([0.0, 0.0, -mesh::HEIGHT / 2.0])
        .2;
    assert!((d - want).abs() < 0.05, "{d} vs {want}");
    // Seen from above (pitch 90), the middle of the bowl shows viridis' dark end, shaded.
    let top = Camera {
        yaw: 0.0,
        pitch: 90.0,
        zoom: 1.0,
    };
    let mut img = Image::new(400, 300);
    mesh::draw_mesh(&mut img, (400, 300, 1.0), &grid, top, ("x", "y"), &LIGHT).unwrap();
    let centre = img.at(200, 150);
    assert!(centre[2] > centre[1] && centre[0] < 90, "{centre:?}");
    // Near a corner it is green going to yellow (the top of viridis).
    let (x, y, _) = Projection::new(top, 400, 300).project([0.9, 0.9, 0.0]);
    let c = img.at(x as i32, y as i32);
    assert!(c[1] > 120 && c[1] > c[2] && c[1] > c[0], "{c:?}");
}

#[test]
fn every_scene_draws_and_wrong_views_are_refused() {
    for (settings, view) in [
        ("f=rosenbrock&steps=30", View::Surface),
        ("f=rosenbrock&steps=30", View::Mesh),
        ("f=rosenbrock&steps=30", View::Loss),
        ("f=linreg&steps=30&batch=mini&bs=2", View::Data),
        ("f=linreg2&steps=30&resid=on", View::Data),
        ("f=logreg&steps=30", View::Data),
        ("f=double_well1d&steps=30", View::Surface),
        ("f=rosenbrock&lr=10&steps=30", View::Mesh),
    ] {
        let (s, p) = Settings::decode(settings);
        assert!(p.is_empty());
        let mut run = Run::new(&s).unwrap();
        run.run_to_end();
        let mut img = Image::new(320, 240);
        let upto = run.trajectory().len() - 1;
        render(&mut img, &run, view, (320, 240, 1.0), upto, &LIGHT)
            .unwrap_or_else(|e| panic!("{settings} {view:?}: {e}"));
        let distinct: std::collections::HashSet<[u8; 3]> = (0..240)
            .flat_map(|y| (0..320).map(move |x| (x, y)))
            .map(|(x, y)| img.at(x, y))
            .collect();
        assert!(
            distinct.len() > 20,
            "{settings} {view:?}: {}",
            distinct.len()
        );
    }
    let (s, _) = Settings::decode("f=rosenbrock");
    let run = Run::new(&s).unwrap();
    let mut img = Image::new(100, 100);
    assert!(render(&mut img, &run, View::Data, (100, 100, 1.0), 0, &LIGHT).is_err());
    let (s, _) = Settings::decode("f=wavy1d");
    let run = Run::new(&s).unwrap();
    assert!(render(&mut img, &run, View::Mesh, (100, 100, 1.0), 0, &LIGHT).is_err());
}

#[test]
fn tiny_figures_draw_without_panicking() {
    // A hidden canvas is 1 × 1; margins then exceed the figure.
    let x = [2.0, 1.0];
    let fx = [4.0, 1.0];
    let minima = [Minimum {
        x: 0.0,
        fx: 0.0,
        global: true,
    }];
    let walk = Walk {
        x: &x,
        fx: &fx,
        slope: 4.0,
        minima: &minima,
    };
    let model = seed_model();
    for (w, h) in [(1, 1), (3, 2), (40, 30)] {
        for dpr in [1.0, 3.0] {
            let l = Layout::new(w, h, dpr, Window::new(-3.0, 3.0, -1.0, 9.0));
            let mut img = Image::new(w, h);
            draw_walker(&mut img, &l, &walk, 0, &Words::default(), &LIGHT).unwrap();
            let frame = DataFrame {
                model: &model,
                theta0: [1.0, 0.0],
                theta: [2.0, 1.0],
                batch: Some(&[0]),
                residuals: true,
            };
            let mut img = Image::new(w, h);
            draw_data(&mut img, (w, h, dpr), &frame, &LIGHT).unwrap();
        }
    }
}

/// A valley 10·y² along x on a 25 × 25 grid over [−1, 1]², and a path along its floor.
fn valley() -> (MeshGrid, Vec<f64>, Vec<f64>, Vec<f64>) {
    let n = 25;
    let w = Window::new(-1.0, 1.0, -1.0, 1.0);
    let f = |x: f64, y: f64| 10.0 * y * y + 0.1 * x * x;
    let values: Vec<f64> = (0..n)
        .flat_map(|j| (0..n).map(move |i| (i, j)))
        .map(|(i, j)| {
            let x = -1.0 + 2.0 * i as f64 / (n - 1) as f64;
            let y = 1.0 - 2.0 * j as f64 / (n - 1) as f64;
            f(x, y)
        })
        .collect();
    let xs: Vec<f64> = (0..=16).map(|i| -0.8 + 0.1 * i as f64).collect();
    let ys = vec![0.0; xs.len()];
    let loss: Vec<f64> = xs.iter().map(|&x| f(x, 0.0)).collect();
    (MeshGrid::new(values, n, n, w, false), xs, ys, loss)
}

#[test]
fn the_mesh_in_front_hides_the_path_at_low_pitch_and_not_from_above() {
    let (grid, xs, ys, loss) = valley();
    let path = mesh::Path3 {
        x: &xs,
        y: &ys,
        loss: &loss,
    };
    let upto = xs.len() - 1;
    let drawn_pixels = |cam: Camera| {
        let depth = mesh::raster(&grid, cam, 400, 300);
        let mut img = Image::new(400, 300);
        mesh::draw_mesh_path(
            &mut img,
            (400, 300, 1.0),
            &grid,
            cam,
            &path,
            upto,
            Some(&depth),
            "hidden",
            &LIGHT,
        )
        .unwrap();
        img.px.chunks(3).filter(|p| p != &[0, 0, 0]).count()
    };
    // Looking along the valley's wall from low down: the near wall is in front of the
    // floor, so nothing of the path (line, start ring) may show; the current point is only a
    // hollow ring seen through it (its centre stays clear).
    for yaw in [-10.0, 0.0, 10.0] {
        let low = Camera {
            yaw,
            pitch: 8.0,
            zoom: 1.0,
        };
        let proj = Projection::new(low, 400, 300);
        let end = mesh::path_px(&grid, &proj, &path, upto)[upto];
        let ring = |x: i32, y: i32| {
            let d = ((x as f64 - end.0).powi(2) + (y as f64 - end.1).powi(2)).sqrt();
            (1.5..=9.0).contains(&d)
        };
        let depth = mesh::raster(&grid, low, 400, 300);
        let mut img = Image::new(400, 300);
        mesh::draw_mesh_path(
            &mut img,
            (400, 300, 1.0),
            &grid,
            low,
            &path,
            upto,
            Some(&depth),
            "",
            &LIGHT,
        )
        .unwrap();
        let stray = (0..300)
            .flat_map(|y| (0..400).map(move |x| (x, y)))
            .filter(|&(x, y)| img.at(x, y) != [0, 0, 0] && !ring(x, y))
            .count();
        assert_eq!(stray, 0, "yaw {yaw}");
        // Hollow: the point itself is not covered.
        assert_eq!(
            img.at(end.0.round() as i32, end.1.round() as i32),
            [0, 0, 0]
        );
        assert!(drawn_pixels(low) > 0);
    }
    // From above the whole path shows.
    let above = Camera {
        yaw: 0.0,
        pitch: 90.0,
        zoom: 1.0,
    };
    assert!(drawn_pixels(above) > 500);
    // Without a depth buffer (nothing known about the surface) it is drawn too.
    let mut img = Image::new(400, 300);
    let low = Camera {
        yaw: 0.0,
        pitch: 8.0,
        zoom: 1.0,
    };
    mesh::draw_mesh_path(
        &mut img,
        (400, 300, 1.0),
        &grid,
        low,
        &path,
        upto,
        None,
        "",
        &LIGHT,
    )
    .unwrap();
    assert!(img.px.iter().any(|&c| c != 0));
}

#[test]
fn densified_paths_keep_their_points_and_fill_long_segments() {
    let pts = [(0.0, 0.0, 0.0), (10.0, 0.0, 1.0), (10.0, 0.5, 1.0)];
    let d = mesh::densify(&pts, 1.0);
    assert_eq!(d.first(), Some(&pts[0]));
    assert_eq!(d.last(), Some(&pts[2]));
    assert!(d.contains(&pts[1]));
    assert_eq!(d.len(), 3 + 10);
    // Depth is interpolated with the position (orthographic projection).
    assert!(d.iter().take(10).all(|p| (p.2 - p.0 / 10.0).abs() < 1e-12));
}

#[test]
fn the_path_lies_on_the_mesh_as_drawn_where_a_pit_is_narrower_than_its_samples() {
    // A pit between samples, narrower than their spacing: the mesh never reaches its bottom.
    let n = 9;
    let w = Window::new(-1.0, 1.0, -1.0, 1.0);
    let f = |x: f64, y: f64| {
        let (a, b) = (x - 0.125, y - 0.125);
        1.0 - (-(a * a + b * b) * 400.0).exp() + x * x
    };
    let values: Vec<f64> = (0..n)
        .flat_map(|j| (0..n).map(move |i| (i, j)))
        .map(|(i, j)| {
            let x = -1.0 + 2.0 * i as f64 / (n - 1) as f64;
            let y = 1.0 - 2.0 * j as f64 / (n - 1) as f64;
            f(x, y)
        })
        .collect();
    let grid = MeshGrid::new(values, n, n, w, false);
    // At a node the drawn height is the node's; between nodes it is interpolated.
    let at_node = grid.world(0.25, 0.5, f(0.25, 0.5));
    assert!((grid.drawn_height(at_node[0], at_node[1]) - at_node[2]).abs() < 1e-12);
    let xs = [0.6, 0.3, 0.125];
    let ys = [0.125, 0.125, 0.125];
    let loss: Vec<f64> = xs.iter().map(|&x| f(x, 0.125)).collect();
    let path = mesh::Path3 {
        x: &xs,
        y: &ys,
        loss: &loss,
    };
    let cam = Camera::default();
    let depth = mesh::raster(&grid, cam, 400, 300);
    let mut img = Image::new(400, 300);
    mesh::draw_mesh_path(
        &mut img,
        (400, 300, 1.0),
        &grid,
        cam,
        &path,
        2,
        Some(&depth),
        "",
        &LIGHT,
    )
    .unwrap();
    // The current point at the pit's bottom is drawn (its marker's colour shows).
    assert!(img.count((255, 80, 48)) > 10);
}
