//! `descent render`: real SVG and PNG content, sizes, and the errors that exit 2.

mod common;
use common::{descent, stderr};

/// A fresh scratch file of this test file's own folder.
fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("render-tests", name)
}

/// The `points` lists of the SVG's polylines drawn in `stroke` at `width`.
fn polylines(svg: &str, stroke: &str, width: u32) -> Vec<Vec<(i32, i32)>> {
    let key = format!("stroke=\"{stroke}\" stroke-width=\"{width}\" points=\"");
    svg.split("<polyline")
        .skip(1)
        .filter_map(|el| {
            let start = el.find(&key)? + key.len();
            let pts = &el[start..el[start..].find('"')? + start];
            Some(
                pts.split_whitespace()
                    .map(|p| {
                        let (x, y) = p.split_once(',').unwrap();
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The text elements' contents.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|el| {
            let body = &el[el.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_string())
        })
        .collect()
}

#[test]
fn svg_surface_has_the_heatmap_axes_and_every_trajectory_point() {
    let out = scratch("quadratic.svg");
    let o = descent(&["render", "f=quadratic&steps=5", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote"), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.starts_with("<svg width=\"800\" height=\"600\""),
        "{}",
        &svg[..80]
    );
    // The heatmap is one embedded PNG image over the plot, not a rectangle per pixel.
    assert_eq!(svg.matches("<image").count(), 1);
    assert!(svg.contains("href=\"data:png;base64,iVBOR"));
    let labels = texts(&svg);
    assert!(
        labels.iter().any(|t| t == "x") && labels.iter().any(|t| t == "y"),
        "{labels:?}"
    );
    // The trajectory: 6 points (start + 5 steps), white, 2 px, each step far apart at 800 px.
    let path: Vec<_> = polylines(&svg, "#FFFFFF", 2)
        .into_iter()
        .filter(|p| p.len() > 2)
        .collect();
    assert_eq!(path.len(), 1, "{path:?}");
    assert_eq!(path[0].len(), 6, "{:?}", path[0]);
    // It walks towards the minimum at the plot's centre.
    let (cx, cy) = ((50 + 788) / 2, (8 + 560) / 2);
    let d = |p: (i32, i32)| (p.0 - cx).pow(2) + (p.1 - cy).pow(2);
    assert!(
        path[0].windows(2).all(|w| d(w[1]) < d(w[0])),
        "{:?}",
        path[0]
    );
}

#[test]
fn svg_data_view_draws_the_three_samples_and_both_lines() {
    let out = scratch("linreg.svg");
    let o = descent(&[
        "render",
        "f=linreg&lr=0.05&steps=50&resid=on",
        "--view",
        "data",
        "--size",
        "640x480",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg width=\"640\" height=\"480\""));
    // The seed data: (1,3), (2,5), (3,7), each a filled dot.
    assert_eq!(svg.matches("fill=\"#31688E\"").count(), 3);
    // The legend names the start and the fit.
    let labels = texts(&svg);
    assert!(labels.iter().any(|t| t == "θ₀: ŷ = 1x + 0"), "{labels:?}");
    assert!(
        labels.iter().any(|t| t.starts_with("θₖ: ŷ = ")),
        "{labels:?}"
    );
    // Three residual segments (red), the start line (blue-grey) and the fit (orange).
    assert_eq!(polylines(&svg, "#D62728", 1).len(), 3);
    assert_eq!(polylines(&svg, "#7878C8", 2).len(), 1);
    assert_eq!(polylines(&svg, "#FF5030", 3).len(), 1);
}

#[test]
fn png_decodes_to_the_requested_size_with_a_real_picture() {
    for (view, settings) in [
        ("surface", "f=rosenbrock&opt=adam&lr=0.05&steps=100"),
        ("3d", "f=himmelblau&steps=50&yaw=20&pitch=60"),
        ("loss", "f=rosenbrock&steps=100"),
        ("data", "f=logreg&steps=50"),
        ("surface", "f=double_well1d&steps=20"),
    ] {
        let out = scratch(&format!("{view}-{}.png", settings.len()));
        let o = descent(&[
            "render",
            settings,
            "--view",
            view,
            "--size",
            "320x240",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{view}: {}", stderr(&o));
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (320, 240), "{view}");
        let px = &buf[..info.buffer_size()];
        let step = info.color_type.samples();
        let colours: std::collections::HashSet<&[u8]> = px.chunks(step).collect();
        assert!(
            colours.len() > 40,
            "{view} {settings}: only {} colours",
            colours.len()
        );
    }
}

#[test]
fn render_errors_exit_2_naming_the_problem() {
    let png = scratch("e.png");
    let png = png.to_str().unwrap();
    for (args, needle) in [
        (
            vec!["render", "f=rosenbrock", "-o", "figure.jpg"],
            "unknown extension '.jpg'",
        ),
        (
            vec!["render", "f=rosenbrock", "-o", "figure"],
            "no extension",
        ),
        (
            vec![
                "render",
                "f=rosenbrock",
                "-o",
                "/nonexistent-dir/x/figure.png",
            ],
            "cannot write '/nonexistent-dir/x/figure.png'",
        ),
        (vec!["render", "lr=abc", "-o", png], "lr=abc"),
        (
            vec!["render", "f=rosenbrock", "--view", "data", "-o", png],
            "needs a data model",
        ),
        (
            vec!["render", "f=parabola1d", "--view", "3d", "-o", png],
            "two parameters",
        ),
        (
            vec!["render", "f=rosenbrock", "--view", "side", "-o", png],
            "unknown view 'side'",
        ),
        (
            vec!["render", "f=rosenbrock", "--size", "10x10", "-o", png],
            "bad --size '10x10'",
        ),
        (vec!["render", "f=rosenbrock"], "missing -o"),
    ] {
        let o = descent(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn render_shows_the_links_step_unless_step_overrides_it() {
    let read = |name: &str, args: &[&str]| {
        let out = scratch(name);
        let mut all = vec!["render"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", out.to_str().unwrap()]);
        let o = descent(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read_to_string(&out).unwrap()
    };
    let at2 = read("at2.svg", &["f=quadratic&steps=5&at=2"]);
    let step2 = read("step2.svg", &["f=quadratic&steps=5", "--step", "2"]);
    let end = read("end.svg", &["f=quadratic&steps=5"]);
    let over = read("over.svg", &["f=quadratic&steps=5&at=2", "--step", "5"]);
    assert_eq!(at2, step2, "at=2 draws step 2");
    assert_ne!(at2, end, "step 2 is not the end");
    assert_eq!(over, end, "--step 5 overrides at=2");
    // The trajectory drawn at step 2 has 3 points.
    assert_eq!(
        polylines(&at2, "#FFFFFF", 2).iter().map(Vec::len).max(),
        Some(3)
    );
}

#[test]
fn quad_on_draws_the_quadratic_models_curve_and_off_does_not() {
    for (quad, want) in [("&quad=on", true), ("", false)] {
        let out = scratch(&format!("saddle{}.svg", quad.len()));
        let settings = format!("f=saddle&steps=5{quad}");
        let o = descent(&["render", &settings, "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let svg = std::fs::read_to_string(&out).unwrap();
        // The curve's dashes, orange (figure::quad::QUAD), 2 px at 800 × 600.
        let dashes = polylines(&svg, "#FF8C00", 2);
        assert_eq!(dashes.len() > 10, want, "{quad}: {} dashes", dashes.len());
    }
}

/// `cloud=on` draws the gradient cloud: a faint arrow per batch of the epoch, the 1-σ ellipse
/// (a closed ring) and the bold mean arrow; without it, none of them.
#[test]
fn svg_surface_draws_the_gradient_cloud_when_asked() {
    let settings = "f=linreg&data=line&batch=mini&bs=10&lr=0.01&steps=20";
    let with = scratch("cloud-on.svg");
    let o = descent(&[
        "render",
        &format!("{settings}&cloud=on&at=14"),
        "-o",
        with.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&with).unwrap();
    // n = 100, bs = 10: ten batch gradients, each a two-point white line from θ_k.
    let lines: Vec<_> = polylines(&svg, "#FFFFFF", 1)
        .into_iter()
        .filter(|p| p.len() == 2)
        .collect();
    let from = |p: &Vec<(i32, i32)>| p[0];
    let faint = lines
        .iter()
        .map(|p| lines.iter().filter(|q| from(q) == from(p)).count())
        .max()
        .unwrap_or(0);
    assert_eq!(faint, 10);
    let ring: Vec<_> = polylines(&svg, "#FFEC6E", 2)
        .into_iter()
        .filter(|p| p.len() > 10)
        .collect();
    assert_eq!(ring.len(), 1);
    assert_eq!(ring[0].first(), ring[0].last());
    assert!(svg.matches("#FFEC6E").count() >= 3, "ring, shaft and head");
    let without = scratch("cloud-off.svg");
    let o = descent(&[
        "render",
        &format!("{settings}&at=14"),
        "-o",
        without.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&without).unwrap();
    assert!(!svg.contains("#FFEC6E"));
}

#[test]
fn compared_runs_are_drawn_with_their_legend_as_on_the_page() {
    // Three learning rates on the bowl: every path and a legend row each, with its note.
    let link = "f=quadratic&steps=5&lrs=0.05,0.5";
    let rows = ["gd(lr=0.01)", "gd(lr=0.05)", "gd(lr=0.5)  converged at 1"];
    for view in ["surface", "loss"] {
        let out = scratch(&format!("lrs-{view}.svg"));
        let o = descent(&["render", link, "-o", out.to_str().unwrap(), "--view", view]);
        assert!(o.status.success(), "{}", stderr(&o));
        let labels = texts(&std::fs::read_to_string(&out).unwrap());
        for row in rows {
            assert!(
                labels.iter().any(|t| t == row),
                "{view}: {row} in {labels:?}"
            );
        }
    }
    // The others are dashed lines in their own colours: more polylines than the run alone.
    let count = |link: &str| {
        let out = scratch("lines.svg");
        let o = descent(&["render", link, "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read_to_string(&out)
            .unwrap()
            .matches("<polyline")
            .count()
    };
    assert!(count(link) > count("f=quadratic&steps=5") + 2);
    // A race on a 1-D landscape: the walkers on the curve, with the legend.
    let out = scratch("race-1d.svg");
    let o = descent(&[
        "render",
        "f=parabola1d&steps=20&race=adam~momentum",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let labels = texts(&std::fs::read_to_string(&out).unwrap());
    for row in ["adam(lr=0.01)", "momentum(lr=0.01)"] {
        assert!(
            labels.iter().any(|t| t.starts_with(row)),
            "{row} in {labels:?}"
        );
    }
    // The 3-D view shows the main run alone, as on the page.
    let out = scratch("lrs-3d.svg");
    let o = descent(&["render", link, "-o", out.to_str().unwrap(), "--view", "3d"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let labels = texts(&std::fs::read_to_string(&out).unwrap());
    assert!(
        !labels.iter().any(|t| t.starts_with("gd(lr=0.05)")),
        "{labels:?}"
    );
}
