//! Drawing tests on an in-memory RGB backend: real pixel colours at known places.

use descent_figure::colormap::{to_rgba, VIRIDIS};
use descent_figure::contour::contours;
use descent_figure::decimate::{PathPixels, MAX_VERTICES};
use descent_figure::layout::{Layout, Window};
use descent_figure::loss::{draw_losses, LossLabels, LossSeries, LossSummary, DIVERGED_MARK};
use descent_figure::runs::{draw_runs, RunPath, RUN_COLOURS};
use descent_figure::surface::{draw_base, draw_trajectory, trajectory_min_dist, Base, Path, LIGHT};
use descent_figure::sweep::{draw_sweep, SweepAxis, SweepPoint};

/// An RGB image that plotters draws on pixel by pixel (text is skipped: no fonts natively).
#[path = "support/image.rs"]
#[allow(dead_code)]
mod image;
use image::Image;

fn close(a: [u8; 3], b: [u8; 3], tol: i32) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (*x as i32 - y as i32).abs() <= tol)
}

/// The quadratic x² + y² sampled for a layout, as the page does it.
fn bowl(layout: &Layout, step: f64) -> (Vec<f64>, usize, usize, Window) {
    let (nx, ny) = layout.grid_size(step);
    let w = layout.sample_window(nx, ny);
    let mut g = Vec::with_capacity(nx * ny);
    for j in 0..ny {
        let y = w.y_max - j as f64 * (w.y_max - w.y_min) / (ny - 1) as f64;
        for i in 0..nx {
            let x = w.x_min + i as f64 * (w.x_max - w.x_min) / (nx - 1) as f64;
            g.push(x * x + y * y);
        }
    }
    (g, nx, ny, w)
}

#[test]
fn heatmap_axes_and_contours_land_where_they_should() {
    let layout = Layout::new(400, 300, 1.0, Window::new(-3.0, 3.0, -3.0, 3.0));
    let (grid, nx, ny, sw) = bowl(&layout, 2.0);
    let mut rgba = vec![0u8; nx * ny * 4];
    let scale = to_rgba(&grid, false, &mut rgba);
    let cs = contours(&grid, nx, ny, sw, &[4.0]);
    let mut img = Image::new(400, 300);
    let base = Base {
        contours: &cs,
        minima: &[[0.0, 0.0]],
        axis_names: ("x", "y"),
        heatmap: Some((&rgba, nx, ny)),
        curve: None,
        lines: true,
    };
    draw_base(&mut img, &layout, &base, &LIGHT).unwrap();

    // Margins are the background; the left axis line is dark.
    assert_eq!(img.at(5, 5), [255, 255, 255]);
    let r = layout.plot;
    assert!(
        img.at(r.left - 1, (r.top + r.bottom) / 2)
            .iter()
            .all(|&c| c < 100),
        "{:?}",
        img.at(r.left - 1, 150)
    );
    // At θ = (1, 1) the heatmap shows the colour of loss 2, away from any line.
    let (x, y) = layout.to_px([1.0, 1.0]);
    assert!(
        close(img.at(x as i32, y as i32), scale.color(2.0), 12),
        "{:?} vs {:?}",
        img.at(x as i32, y as i32),
        scale.color(2.0)
    );
    // The top-left corner is near the top of viridis (loss 18 of 18).
    assert!(close(img.at(r.left + 1, r.top + 1), VIRIDIS[250], 12));
    // The contour at level 4 is a circle of radius 2: white-ish along it, on both axes.
    for p in [[2.0, 0.0], [0.0, -2.0], [-2.0, 0.0]] {
        let (x, y) = layout.to_px(p);
        let found = (-1..=1)
            .flat_map(|d| [(x as i32 + d, y as i32), (x as i32, y as i32 + d)])
            .any(|(a, b)| {
                let c = img.at(a, b);
                let under = scale.color(4.0);
                c.iter().zip(under).all(|(v, u)| *v as i32 > u as i32 + 40)
            });
        assert!(found, "no contour near {p:?}");
    }
    // The minimum's cross is white at its centre.
    let (x, y) = layout.to_px([0.0, 0.0]);
    assert!(
        close(img.at(x as i32, y as i32), [255, 255, 255], 30),
        "{:?}",
        img.at(x as i32, y as i32)
    );
}

#[test]
fn trajectory_markers_arrow_and_decimation() {
    let layout = Layout::new(400, 300, 1.0, Window::new(-3.0, 3.0, -3.0, 3.0));
    let x = [2.0, 1.0, 0.5];
    let y = [0.0, 0.0, 0.0];
    let g = [4.0, 2.0, 1.0];
    let path = Path {
        x: &x,
        y: &y,
        step: Some(([g[2], 0.0], 0.25)),
    };
    let mut img = Image::new(400, 300);
    let drawn = draw_trajectory(&mut img, &layout, &path, 2, &LIGHT).unwrap();
    assert_eq!(drawn, 3);
    let (cx, cy) = layout.to_px([0.5, 0.0]);
    assert_eq!(img.at(cx as i32, cy as i32), [255, 80, 48]);
    // The arrow points to −x: −lr·g = −0.25 → 14 px, held at 16 px; its shaft is orange.
    assert_eq!(img.at(cx as i32 - 9, cy as i32), [255, 80, 48]);
    assert_ne!(img.at(cx as i32 + 11, cy as i32), [255, 80, 48]);
    // The path between the points is white.
    let (mx, my) = layout.to_px([1.5, 0.0]);
    assert_eq!(img.at(mx as i32, my as i32), [255, 255, 255]);

    // A long spiral is drawn with at most 2000 vertices.
    let n = 100_000;
    let t: Vec<f64> = (0..n).map(|i| i as f64 * 0.001).collect();
    let xs: Vec<f64> = t.iter().map(|t| 0.03 * t * libm::cos(*t)).collect();
    let ys: Vec<f64> = t.iter().map(|t| 0.03 * t * libm::sin(*t)).collect();
    let path = Path {
        x: &xs,
        y: &ys,
        step: Some(([0.0; 2], 0.0)),
    };
    let mut img = Image::new(400, 300);
    let drawn = draw_trajectory(&mut img, &layout, &path, n - 1, &LIGHT).unwrap();
    assert!(drawn > 500 && drawn <= 2000, "{drawn}");
}

#[test]
fn divergence_draws_to_the_edge_without_panicking() {
    let layout = Layout::new(400, 300, 2.0, Window::new(-3.0, 3.0, -3.0, 3.0));
    let x = [0.0, 10.0, 1e200, f64::INFINITY, f64::NAN];
    let y = [0.0, 0.0, 0.0, f64::NEG_INFINITY, f64::NAN];
    let path = Path {
        x: &x,
        y: &y,
        step: Some(([f64::NAN; 2], 0.1)),
    };
    for upto in 0..6 {
        let mut img = Image::new(400, 300);
        draw_trajectory(&mut img, &layout, &path, upto, &LIGHT).unwrap();
    }
    let mut img = Image::new(400, 300);
    draw_trajectory(&mut img, &layout, &path, 2, &LIGHT).unwrap();
    // The current point (1e200, 0) is marked on the right edge of the plot, pointing at it.
    let r = layout.plot;
    let (_, cy) = layout.to_px([0.0, 0.0]);
    let (at, dir) = descent_figure::offview::anchor(&layout, layout.to_px([1e200, 0.0])).unwrap();
    assert!(dir.0 > 0.99 && at.0 > r.right as f64 - 30.0, "{at:?}");
    assert_eq!(img.at(at.0 as i32, cy as i32), [255, 80, 48]);
}

#[test]
fn step_arrows_and_their_labels_reach_the_pixels() {
    use descent_figure::steparrows::{draw_step_arrows, StepArrow, MOMENTUM, UPDATE, UPHILL};
    let layout = Layout::new(600, 450, 1.0, Window::new(-3.0, 3.0, -3.0, 3.0));
    let mut img = Image::new(600, 450);
    let arrows = [
        StepArrow {
            v: [-3.0, 0.0],
            color: UPHILL,
            label: "∇f uphill",
            direction: true,
        },
        StepArrow {
            v: [1.0, 0.0],
            color: UPDATE,
            label: "update",
            direction: false,
        },
        StepArrow {
            v: [0.0, 0.5],
            color: MOMENTUM,
            label: "momentum",
            direction: false,
        },
    ];
    let drawn = draw_step_arrows(&mut img, &layout, [0.0, 0.0], &arrows, &[]).unwrap();
    let (cx, cy) = layout.to_px([0.0, 0.0]);
    let (cx, cy) = (cx.round() as i32, cy.round() as i32);
    // In [24, 110] px the data scale is kept; the other arrow points up; ∇f (a direction)
    // is as long as the longest.
    let want = layout.plot.width() as f64 / 6.0;
    assert_eq!(drawn.len(), 3);
    assert!(
        (drawn[1].v.0 - want).abs() < 1e-9 && drawn[1].v.1 == 0.0,
        "{drawn:?}"
    );
    assert!(drawn[2].v.1 < -20.0, "{drawn:?}");
    assert!((drawn[0].v.0 + want).abs() < 1e-9, "{drawn:?}");
    assert_eq!(img.at(cx + 40, cy), [255, 214, 10]);
    assert_eq!(img.at(cx, cy - 15), [40, 200, 255]);
    // ∇f is dashed: its colour and gaps along the shaft.
    let shaft: Vec<[u8; 3]> = (12..60).map(|d| img.at(cx - d, cy)).collect();
    assert!(shaft.contains(&[255, 150, 235]) && shaft.iter().any(|p| *p != [255, 150, 235]));
    // Each label box is dark, off the arrows and off the other labels.
    for d in &drawn {
        let b = d.label_box;
        let mid = (((b[0] + b[2]) / 2.0) as i32, (b[1] + 1.5) as i32);
        assert!(img.at(mid.0, mid.1).iter().all(|c| *c < 80), "{d:?}");
    }
    // An arrow stops at the plot's edge.
    let narrow = Layout::new(300, 225, 1.0, Window::new(-2.0, 2.0, -2.0, 2.0));
    let mut img = Image::new(300, 225);
    let long = [StepArrow {
        v: [-100.0, 0.0],
        color: UPDATE,
        label: "update",
        direction: false,
    }];
    draw_step_arrows(&mut img, &narrow, [-1.5, 1.5], &long, &[]).unwrap();
    let r = narrow.plot;
    let (_, y) = narrow.to_px([-1.5, 1.5]);
    assert!(img.count((255, 214, 10)) > 0);
    assert_eq!(img.at(r.left - 3, y.round() as i32), [0, 0, 0]);
}

#[test]
fn compared_runs_get_their_own_colours_and_a_legend() {
    let layout = Layout::new(640, 480, 1.0, Window::new(-2.0, 2.0, -2.0, 2.0));
    let xs = [-1.5, -1.0, -0.5];
    let ys = [1.0, 0.5, 0.2];
    let path = |x: &'static [f64], y: &'static [f64]| Path { x, y, step: None };
    let main = Path {
        x: &xs,
        y: &ys,
        step: Some(([0.0; 2], 0.0)),
    };
    let runs = [
        RunPath {
            path: main,
            label: "gd(lr=0.1)",
            note: "",
            kept: None,
        },
        RunPath {
            path: path(&[1.5, 1.0], &[-1.0, -0.5]),
            label: "adam(lr=0.01)",
            note: "diverged",
            kept: None,
        },
        RunPath {
            path: path(&[1.5, 1.2], &[1.5, 1.2]),
            label: "momentum(lr=0.01)",
            note: "",
            kept: None,
        },
    ];
    let mut img = Image::new(640, 480);
    draw_runs(&mut img, &layout, &runs, 10, &LIGHT).unwrap();
    let c1 = RUN_COLOURS[1];
    let c2 = RUN_COLOURS[2];
    assert!(
        img.count((c1.0, c1.1, c1.2)) > 30,
        "the second run's line and legend swatch"
    );
    assert!(img.count((c2.0, c2.1, c2.2)) > 30, "the third run's");
    // The legend box sits in the plot's emptiest corner, over the background colour: the top
    // left (the main path starts below it), not the top right where a run ends.
    let r = layout.plot;
    assert!(close(img.at(r.left + 10, r.top + 10), [255, 255, 255], 40));
    assert!(!close(
        img.at(r.right - 10, r.top + 10),
        [255, 255, 255],
        40
    ));
    // Runs with their polylines kept between frames draw the same pixels.
    let mut caches: Vec<PathPixels> = runs.iter().map(|_| PathPixels::new()).collect();
    let kept: Vec<Vec<(f64, f64)>> = runs
        .iter()
        .zip(&mut caches)
        .map(|(run, cache)| {
            let to_px = |i: usize| layout.to_px([run.path.x[i], run.path.y[i]]);
            let n = run.path.x.len();
            cache.extend([0; 9], n, trajectory_min_dist(&layout), to_px);
            cache.upto((n - 1).min(10), MAX_VERTICES, to_px)
        })
        .collect();
    let with_kept: Vec<RunPath> = runs
        .iter()
        .zip(&kept)
        .map(|(run, kept)| RunPath {
            kept: Some(kept),
            ..*run
        })
        .collect();
    let mut again = Image::new(640, 480);
    draw_runs(&mut again, &layout, &with_kept, 10, &LIGHT).unwrap();
    assert!(again.px == img.px, "kept polylines draw the same pixels");
    // A single run has no legend.
    let mut one = Image::new(640, 480);
    draw_runs(&mut one, &layout, &runs[..1], 10, &LIGHT).unwrap();
    assert_eq!(one.count((c1.0, c1.1, c1.2)), 0);
    assert!(close(one.at(r.left + 10, r.top + 10), [0, 0, 0], 0));
    // Nor has a narrow plot: the page lists the runs below it instead.
    let narrow = Layout::new(360, 270, 1.0, Window::new(-2.0, 2.0, -2.0, 2.0));
    let mut img = Image::new(360, 270);
    draw_runs(&mut img, &narrow, &runs, 10, &LIGHT).unwrap();
    let n = narrow.plot;
    assert!(close(img.at(n.left + 10, n.top + 10), [0, 0, 0], 0));
}

#[test]
fn loss_curves_of_compared_runs_share_the_axes() {
    let a = [10.0, 5.0, 2.0, 1.0];
    let b = [10.0, 20.0, f64::INFINITY];
    let summary = LossSummary::of(&a);
    let series = [
        LossSeries {
            loss: &a,
            label: "gd",
            summary: Some(&summary),
            note: "",
            diverging_from: None,
        },
        LossSeries {
            loss: &b,
            label: "gd(lr=3)",
            summary: None,
            note: "diverged at 2",
            diverging_from: Some(2),
        },
    ];
    let mut img = Image::new(400, 200);
    let log = draw_losses(
        &mut img,
        (400, 200, 1.0),
        &series,
        3,
        true,
        (&LIGHT, &LossLabels::ENGLISH),
    )
    .unwrap();
    assert!(log);
    // Compared runs take the surface's colours (the main run white over its casing).
    let (c0, c1) = (RUN_COLOURS[0], RUN_COLOURS[1]);
    assert!(img.count((c0.0, c0.1, c0.2)) > 50);
    assert!(img.count((c1.0, c1.1, c1.2)) > 30);
    // The run that diverged is ringed where it did.
    let d = DIVERGED_MARK;
    assert!(img.count((d.0, d.1, d.2)) > 10);
    // A summary kept by the caller draws what one made on the spot does.
    let unsummarized = [
        LossSeries {
            summary: None,
            ..series[0]
        },
        series[1],
    ];
    let mut again = Image::new(400, 200);
    draw_losses(
        &mut again,
        (400, 200, 1.0),
        &unsummarized,
        3,
        true,
        (&LIGHT, &LossLabels::ENGLISH),
    )
    .unwrap();
    assert!(again.px == img.px);
    // A loss ≤ 0 in any run turns the log axis off for all.
    let c = [1.0, -1.0];
    let series = [
        series[0],
        LossSeries {
            loss: &c,
            label: "x",
            summary: None,
            note: "",
            diverging_from: None,
        },
    ];
    let mut img = Image::new(400, 200);
    assert!(!draw_losses(
        &mut img,
        (400, 200, 1.0),
        &series,
        3,
        true,
        (&LIGHT, &LossLabels::ENGLISH)
    )
    .unwrap());
}

#[test]
fn a_sweep_crosses_diverged_rates_and_plots_the_rest() {
    let pts = [
        SweepPoint {
            lr: 1e-3,
            value: Some(1.0),
            diverged: false,
        },
        SweepPoint {
            lr: 1e-2,
            value: Some(0.1),
            diverged: false,
        },
        SweepPoint {
            lr: 1e-1,
            value: None,
            diverged: true,
        },
    ];
    let mut img = Image::new(400, 300);
    let log = draw_sweep(
        &mut img,
        (400, 300, 1.0),
        (1e-3, 1e-1),
        &pts,
        SweepAxis::Loss,
        ("lr", "loss"),
        &LIGHT,
    );
    assert_eq!(log, Ok(true));
    assert!(
        img.count((222, 64, 32)) > 5,
        "a cross for the diverged rate"
    );
    assert!(
        img.count((49, 104, 142)) > 20,
        "a line and dots for the others"
    );
    let mut img = Image::new(400, 300);
    draw_sweep(
        &mut img,
        (400, 300, 1.0),
        (1e-3, 1e-1),
        &pts[..2],
        SweepAxis::Steps,
        ("lr", "steps"),
        &LIGHT,
    )
    .unwrap();
    assert_eq!(img.count((222, 64, 32)), 0);
    // A run that lands exactly on the minimum (loss 0) keeps the log axis.
    let zero = [
        pts[0],
        SweepPoint {
            lr: 1e-2,
            value: Some(0.0),
            diverged: false,
        },
    ];
    let mut img = Image::new(400, 300);
    let log = draw_sweep(
        &mut img,
        (400, 300, 1.0),
        (1e-3, 1e-1),
        &zero,
        SweepAxis::Loss,
        ("lr", "loss"),
        &LIGHT,
    );
    assert_eq!(log, Ok(true));
}

#[test]
fn dashes_split_a_line_and_keep_its_ends() {
    use descent_figure::runs::dashed;
    let line = [(0.0, 0.0), (100.0, 0.0)];
    let pieces = dashed(&line, &[10.0, 5.0], 0.0);
    // 100 px of a 15 px period: six dashes and the first 10 px of a seventh.
    assert_eq!(pieces.len(), 7);
    assert_eq!(pieces[0], vec![(0.0, 0.0), (10.0, 0.0)]);
    assert_eq!(pieces[1][0], (15.0, 0.0));
    assert_eq!(*pieces.last().unwrap().last().unwrap(), (100.0, 0.0));
    assert_eq!(dashed(&line, &[], 0.0), vec![line.to_vec()]);
}

#[test]
fn a_sweep_keeps_its_axis_to_the_useful_range_and_marks_the_current_rate() {
    use descent_figure::sweep::{draw_sweep_marked, SweepMarks};
    let pts = [
        SweepPoint {
            lr: 1e-3,
            value: Some(0.9),
            diverged: false,
        },
        SweepPoint {
            lr: 1e-2,
            value: Some(1e-6),
            diverged: false,
        },
        SweepPoint {
            lr: 1e-1,
            value: Some(1e200),
            diverged: false,
        },
    ];
    let mut img = Image::new(400, 300);
    let drawn = draw_sweep_marked(
        &mut img,
        (400, 300, 1.0),
        (1e-3, 1e-1),
        &pts,
        SweepAxis::Loss,
        ("lr", "loss"),
        &LIGHT,
        &SweepMarks {
            start_loss: Some(1.0),
            current: Some((1e-2, "lr = 0.01")),
        },
    )
    .unwrap();
    assert!(drawn.log);
    // The loss that ran away is a cross on the top edge, not a point at 1e200.
    let w = drawn.layout.window;
    assert!(w.y_max < 1.0 && w.y_min > -8.0, "{w:?}");
    let d = DIVERGED_MARK;
    assert!(img.count((d.0, d.1, d.2)) > 5);
    // The current rate's line, in the current point's colour.
    let c = LIGHT.current;
    assert!(img.count((c.0, c.1, c.2)) > drawn.layout.plot.height() as usize);
}

#[test]
fn every_compared_run_is_drawn_on_the_1d_curve() {
    use descent_figure::oned::{draw_walkers, OtherWalk, Walk, Words};
    use descent_figure::runs::LegendRow;
    let layout = Layout::new(640, 480, 1.0, Window::new(-2.0, 2.0, -0.5, 4.0));
    let (x0, f0) = ([1.0, 0.8, 0.64], [1.0, 0.64, 0.4096]);
    let (x1, f1) = ([1.0, -0.8, 0.64], [1.0, 0.64, 0.4096]);
    let (x2, f2) = ([1.0, -2.0, 4.0], [1.0, 4.0, 16.0]);
    let walk = Walk {
        x: &x0,
        fx: &f0,
        slope: 1.6,
        minima: &[],
    };
    let others = [
        OtherWalk {
            index: 1,
            x: &x1,
            fx: &f1,
        },
        OtherWalk {
            index: 2,
            x: &x2,
            fx: &f2,
        },
    ];
    let curve: Vec<[f64; 2]> = (-20..=20)
        .map(|i| [i as f64 / 10.0, (i * i) as f64 / 100.0])
        .collect();
    let rows: Vec<LegendRow> = (0..3)
        .map(|index| LegendRow {
            index,
            text: format!("run {index}"),
        })
        .collect();
    let mut img = Image::new(640, 480);
    draw_walkers(
        &mut img,
        &layout,
        &walk,
        &others,
        &curve,
        &rows,
        2,
        &Words::default(),
        &LIGHT,
    )
    .unwrap();
    for (i, c) in RUN_COLOURS.iter().enumerate().take(3).skip(1) {
        assert!(img.count((c.0, c.1, c.2)) > 40, "run {i}");
    }
}
