//! `descent map` and `descent render --view map`: the CSV of a small map against its golden file, the same bytes on any number of threads, every row the end of `descent run` of its cell's settings, the figure, and the errors that exit 2.
//!
//! A deliberate change of a map's output is blessed with
//! `DESCENT_BLESS=1 cargo test -p descent-cli --test map`, and its commit says why.

use std::path::PathBuf;

mod common;
use common::{descent, stderr, stdout};

/// The maps with golden files: a momentum map over lr and mom (with diverged cells) and the
/// basins of Himmelblau's function under gradient descent.
const GOLDEN: [(&str, &str); 2] = [
    (
        "map-lr-mom.csv",
        "f=himmelblau&opt=momentum&steps=100&map=lr:1e-3:0.05:5,mom:0:0.95:4",
    ),
    (
        "map-basins.csv",
        "f=himmelblau&lr=0.01&steps=200&map=x0:-5:5:5,y0:-5:5:5",
    ),
];

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

#[test]
fn map_csv_matches_its_golden_file() {
    for (name, settings) in GOLDEN {
        let o = descent(&["map", settings]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = stdout(&o);
        if std::env::var_os("DESCENT_BLESS").is_some() {
            std::fs::write(golden(name), &text).unwrap();
        }
        let want = std::fs::read_to_string(golden(name)).expect("the golden file exists");
        assert_eq!(text, want, "{settings}");
    }
}

#[test]
fn threads_change_no_byte() {
    let (_, settings) = GOLDEN[0];
    let one = descent(&["map", settings, "--threads", "1"]);
    let three = descent(&["map", settings, "--threads", "3"]);
    assert!(one.status.success() && three.status.success());
    assert_eq!(stdout(&one), stdout(&three));
    assert_eq!(stdout(&one).lines().count(), 1 + 5 * 4);
}

/// Every row is the last row of `descent run` of the main settings with the cell's two
/// values: the same loss and point, bit for bit, and the same steps.
#[test]
fn every_row_is_the_end_of_a_single_run() {
    for (_, settings) in GOLDEN {
        let o = descent(&["map", settings]);
        let text = stdout(&o);
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let base = settings.split("&map=").next().unwrap();
        for row in lines {
            let v: Vec<&str> = row.split(',').collect();
            let single = format!("{base}&{}={}&{}={}", header[2], v[2], header[3], v[3]);
            let r = descent(&["run", &single]);
            assert!(r.status.success(), "{single}: {}", stderr(&r));
            let out = stdout(&r);
            let last: Vec<&str> = out.lines().last().unwrap().split(',').collect();
            // CSV of a run: step,x,y,loss,…
            assert_eq!(
                (last[0], last[1], last[2], last[3]),
                (v[5], v[9], v[10], v[4]),
                "{single}"
            );
            let status = stderr(&r);
            let name = match v[7] {
                "converged" => "Converged",
                "max_steps" => "Stopped after",
                "diverged" => "Diverged",
                other => other,
            };
            assert!(status.starts_with(name), "{single}: {status} vs {}", v[7]);
        }
    }
}

#[test]
fn basins_name_the_minimum_reached() {
    let o = descent(&["map", GOLDEN[1].1]);
    let text = stdout(&o);
    for m in ["min1", "min2", "min3", "min4"] {
        assert!(text.contains(&format!(",{m},")), "{m} missing:\n{text}");
    }
}

#[test]
fn bad_maps_exit_2_with_the_problem_named() {
    let o = descent(&["map", "opt=adam&map=lr:1e-3:1,mom:0:0.9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("map=lr:1e-3:1:64,mom:0:0.9:64: these settings do not read mom"),
        "{}",
        stderr(&o)
    );
    let o = descent(&["map", "steps=1000000&map=lr:1e-3:1,x0:0:1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "4096 cells × 1000000 steps is 4096000000 steps; a map may take at most 268435456"
        ),
        "{}",
        stderr(&o)
    );
    let o = descent(&["map", "f=booth"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no map="), "{}", stderr(&o));
    let o = descent(&["map", GOLDEN[0].1, "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn render_draws_the_map_as_svg_and_png() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("map-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("map.svg");
    let o = descent(&[
        "render",
        GOLDEN[0].1,
        "--view",
        "map",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&svg).unwrap();
    for word in ["lr (log)", "mom", "final loss", "diverged"] {
        assert!(text.contains(word), "{word} missing from the SVG");
    }
    let png = dir.join("basins.png");
    let o = descent(&[
        "render",
        GOLDEN[1].1,
        "--view",
        "map",
        "--size",
        "640x480",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (640, 480));
    let o = descent(&["render", "f=booth", "--view", "map", "-o", "x.png"]);
    assert_eq!(o.status.code(), Some(2));
}
