//! `descent render … -o FILE.gif`: an animated GIF that decodes to the expected frames, each
//! the figure `descent render -o FILE.png --step K` draws, small enough for slides and chat.

use std::path::PathBuf;

mod common;
use common::{descent, stderr};

/// A fresh scratch file of this test file's own folder.
fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("gif-tests", name)
}

/// A whole RGBA picture and its delay in hundredths of a second.
type Shown = (Vec<u8>, u16);

/// The GIF's size and every frame as shown (the rectangles composited as a viewer does).
fn frames(path: &PathBuf) -> ((u16, u16), Vec<Shown>) {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(path).unwrap())
        .unwrap();
    let (w, h) = (decoder.width(), decoder.height());
    let mut canvas = vec![0u8; w as usize * h as usize * 4];
    let mut out = Vec::new();
    while let Some(f) = decoder.read_next_frame().unwrap() {
        for y in 0..f.height as usize {
            for x in 0..f.width as usize {
                let src = (y * f.width as usize + x) * 4;
                if f.buffer[src + 3] == 0 {
                    continue;
                }
                let dst = ((y + f.top as usize) * w as usize + x + f.left as usize) * 4;
                canvas[dst..dst + 4].copy_from_slice(&f.buffer[src..src + 4]);
            }
        }
        out.push((canvas.clone(), f.delay));
    }
    ((w, h), out)
}

fn png_rgb(path: &PathBuf) -> Vec<u8> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let n = info.color_type.samples();
    buf.chunks(n).flat_map(|p| [p[0], p[1], p[2]]).collect()
}

#[test]
fn a_gif_has_one_frame_per_step_at_the_asked_rate_and_loops() {
    let out = scratch("steps.gif");
    let o = descent(&[
        "render",
        "f=rosenbrock&opt=adam&lr=0.05&steps=100",
        "--steps",
        "0..10",
        "--fps",
        "10",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ((w, h), f) = frames(&out);
    // Every view animates: the loss chart, the 1-D walker and the 3-D mesh too.
    for (view, settings) in [
        ("loss", "f=rosenbrock&opt=adam&lr=0.05&steps=100"),
        ("surface", "f=double_well1d&steps=300&tol=0"),
        ("3d", "f=himmelblau&steps=50"),
    ] {
        let o2 = scratch(&format!("view-{view}.gif"));
        let o = descent(&[
            "render",
            settings,
            "--view",
            view,
            "--size",
            "320x240",
            "--steps",
            "0..4",
            "-o",
            o2.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{view}: {}", stderr(&o));
        let (size, fr) = frames(&o2);
        assert_eq!((size, fr.len()), ((320, 240), 5), "{view}");
        assert_ne!(fr[0].0, fr[4].0, "{view}: the frames differ");
    }
    assert_eq!((w, h), (640, 480));
    assert_eq!(f.len(), 11);
    assert!(f[..10].iter().all(|(_, d)| *d == 10));
    assert_eq!(f[10].1, 110, "the last frame is held a second longer");
    // Frames differ: the path grows.
    assert_ne!(f[0].0, f[10].0);
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.windows(11).any(|w| w == b"NETSCAPE2.0"),
        "the loop extension"
    );
}

#[test]
fn each_frame_is_the_figure_of_its_step() {
    // One run, and a race (its other run drawn in each frame too, with the legend).
    for settings in [
        "f=rosenbrock&opt=adam&lr=0.05&steps=100",
        "f=rosenbrock&opt=adam&lr=0.05&steps=100&race=gd(lr=0.0005)",
    ] {
        frames_match_pngs(settings);
    }
}

fn frames_match_pngs(settings: &str) {
    let out = scratch("same.gif");
    let o = descent(&[
        "render",
        settings,
        "--steps",
        "0..40",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, f) = frames(&out);
    assert_eq!(f.len(), 41);
    for k in [0usize, 17, 40] {
        let png = scratch(&format!("same-{k}.png"));
        let o = descent(&[
            "render",
            settings,
            "--size",
            "640x480",
            "--step",
            &k.to_string(),
            "-o",
            png.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let want = png_rgb(&png);
        let got: Vec<u8> = f[k].0.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        assert_eq!(got.len(), want.len());
        // The palette has 255 colours: a pixel may move a little, never far.
        let err: u64 = got
            .iter()
            .zip(&want)
            .map(|(a, b)| a.abs_diff(*b) as u64)
            .sum();
        let mean = err as f64 / got.len() as f64;
        let far = got
            .chunks(3)
            .zip(want.chunks(3))
            .filter(|(a, b)| a.iter().zip(b.iter()).any(|(p, q)| p.abs_diff(*q) > 48))
            .count();
        assert!(mean < 3.0, "step {k}: mean error {mean}");
        assert!(far < got.len() / 3 / 200, "step {k}: {far} pixels far off");
    }
}

#[test]
fn a_long_run_is_200_frames_and_stays_small() {
    // The stated budget: a 200-frame 640×480 GIF of a path over the surface under 1 MB.
    for (view, settings) in [
        ("surface", "f=rosenbrock&opt=adam&lr=0.05&steps=1000"),
        ("data", "f=linreg&data=line&steps=300"),
    ] {
        let out = scratch(&format!("long-{view}-{}.gif", settings.len()));
        let o = descent(&[
            "render",
            settings,
            "--view",
            view,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{view} {settings}: {}", stderr(&o));
        let (_, f) = frames(&out);
        assert_eq!(f.len(), 200, "{view} {settings}");
        let size = std::fs::metadata(&out).unwrap().len();
        assert!(size < 1_000_000, "{view} {settings}: {size} bytes");
    }
}

#[test]
fn gif_options_are_checked() {
    let gif = scratch("e.gif");
    let gif = gif.to_str().unwrap();
    let png = scratch("e.png");
    let png = png.to_str().unwrap();
    for (args, needle) in [
        (
            vec!["render", "f=rosenbrock", "--fps", "0", "-o", gif],
            "bad --fps '0'",
        ),
        (
            vec!["render", "f=rosenbrock", "--fps", "60", "-o", gif],
            "from 1 to 50",
        ),
        (
            vec!["render", "f=rosenbrock", "--steps", "5", "-o", gif],
            "bad --steps '5'",
        ),
        (
            vec!["render", "f=rosenbrock", "--steps", "a..b", "-o", gif],
            "expected A..B",
        ),
        (
            vec!["render", "f=rosenbrock", "--steps", "0..5", "-o", png],
            "for an animated GIF",
        ),
        (
            vec!["render", "f=rosenbrock", "--step", "3", "-o", gif],
            "takes --steps A..B",
        ),
        (
            vec!["render", "f=rosenbrock", "-o", "x.webp"],
            ".svg, .png or .gif",
        ),
    ] {
        let o = descent(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
    // Open ends and reversed ranges are read sensibly; steps past the end stop at the end.
    let out = scratch("ends.gif");
    let o = descent(&[
        "render",
        "f=ellipse&steps=20&tol=0",
        "--steps",
        "15..",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(frames(&out).1.len(), 6);
    let o = descent(&[
        "render",
        "f=ellipse&steps=20&tol=0",
        "--steps",
        "..500",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(frames(&out).1.len(), 21);
}
