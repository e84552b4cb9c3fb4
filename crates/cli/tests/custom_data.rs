//! Custom data in the `descent` command: points in the link, in a CSV/TSV file (`--data`) and in a session file (`--session`) give the same trajectory bit for bit; bad files exit 2 naming the row and column.

use std::path::PathBuf;

mod common;
use common::{descent, stderr, stdout};

/// A file of `bytes` in this test binary's scratch folder.
fn file(name: &str, bytes: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("custom_data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// `descent run` with `args`, which must succeed; its CSV and JSON outputs.
fn run(args: &[&str]) -> (String, String) {
    let csv = descent(&[&["run"], args].concat());
    assert!(csv.status.success(), "{args:?}: {}", stderr(&csv));
    let json = descent(&[&["run"], args, &["--format", "json"]].concat());
    assert!(json.status.success(), "{args:?}: {}", stderr(&json));
    (stdout(&csv), stdout(&json))
}

#[test]
fn a_run_from_pts_in_the_link_equals_the_run_from_the_same_points_in_a_file() {
    let cases = [
        (
            "f=linreg&lr=0.05&batch=sgd&steps=300",
            "x,y\n0.1,0.30000000000000004\n-0,1e-300\n2.5,-7\n1,3\n",
            "0.1,0.30000000000000004;-0,1e-300;2.5,-7;1,3",
        ),
        (
            "f=logreg&opt=adam&lr=0.1&batch=mini&bs=3",
            "x\tlabel\n-2\t0\n-1\t0\n0.5\t0\n-0.5\t1\n1\t1\n2\t1\n",
            "-2,0;-1,0;0.5,0;-0.5,1;1,1;2,1",
        ),
        (
            "f=linreg2&lr=0.1&scale=standard&opt=momentum",
            "1 10 5\n2 30 9\n3 20 8\n4 50 13\n",
            "1,10,5;2,30,9;3,20,8;4,50,13",
        ),
    ];
    for (i, (settings, table, pts)) in cases.iter().enumerate() {
        let path = file(&format!("case{i}.csv"), table.as_bytes());
        let link = format!("{settings}&data=custom&pts={pts}");
        let from_link = run(&[&link]);
        let from_file = run(&[settings, "--data", &path]);
        assert_eq!(from_link.0, from_file.0, "{link}: CSV differs");
        assert_eq!(from_link.1, from_file.1, "{link}: JSON differs");
        assert!(from_link.0.lines().count() > 10);
        // The session the CLI writes runs the same, and holds the link's settings.
        let session = descent(&["session", settings, "--data", &path]);
        assert!(session.status.success(), "{}", stderr(&session));
        let s = file(&format!("case{i}.json"), &session.stdout);
        assert_eq!(
            run(&["--session", &s]),
            from_link,
            "{link}: session differs"
        );
        let (settings_again, _) = descent::session::read(&session.stdout).unwrap();
        assert_eq!(
            settings_again.encode(),
            descent::Settings::decode(&link).0.encode()
        );
    }
}

#[test]
fn the_columns_chosen_are_reported() {
    let path = file(
        "people.csv",
        b"name,height,weight\nann,1.6,55\nbob,1.8,80\ncy,1.7,70\n",
    );
    let o = descent(&["run", "f=linreg&steps=2", "--data", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!(
            "data: 3 points from {path}: x = column 2 (height), y = column 3 (weight); comma delimited, with a header\n"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_files_exit_2_naming_row_and_column() {
    let big = {
        let path = file("two-gigabytes.csv", b"");
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(2 * 1024 * 1024 * 1024).unwrap(); // sparse: never written, never read
        path
    };
    let cases: Vec<(String, &str, &str)> = vec![
        (
            file("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
            "f=linreg",
            "not a text file (binary data in row 2)",
        ),
        (
            file("ragged.csv", b"x,y\n1,2\n3,4,5\n"),
            "f=linreg",
            "row 3 has 3 cells, the first row 2",
        ),
        (
            file("nan.csv", b"x,y\n1,2\nNaN,4\n"),
            "f=linreg",
            "row 3, column 1 (x): “NaN” is not a finite number",
        ),
        (
            file("overflow.csv", b"1,2\n3,1e400\n"),
            "f=linreg",
            "row 2, column 2: 1e400 is beyond ±1e15",
        ),
        (file("empty.csv", b""), "f=linreg", "the file is empty"),
        (
            file("one.csv", b"x,y\n1,2\n"),
            "f=linreg",
            "1 points; a fit needs at least 2",
        ),
        (big, "f=linreg", "the file is 2 GB; at most 32 MB is read"),
        (
            file("text.csv", b"x,y\n1,2\n3,four\n"),
            "f=linreg",
            "row 3, column 2 (y): “four” is not a number",
        ),
        (
            file("dup.csv", b"x,y,X\n1,2,3\n4,5,6\n"),
            "f=linreg",
            "row 1: the header names “X” twice (columns 1 and 3)",
        ),
        (
            file("labels.csv", b"x,label\n1,0\n2,0.5\n"),
            "f=logreg",
            "row 3, column 2 (label): the label 0.5 is not 0 or 1",
        ),
        (
            file("narrow.csv", b"x,y\n1,2\n3,4\n"),
            "f=linreg2",
            "2 numeric columns; 3 are needed",
        ),
        (
            file(
                "bad-session.json",
                b"{\"descent\": \"session\", \"version\": 1,",
            ),
            "",
            "the JSON breaks at line 1, column 37",
        ),
    ];
    for (path, settings, said) in &cases {
        let o = if settings.is_empty() {
            descent(&["run", "--session", path])
        } else {
            descent(&["run", settings, "--data", path])
        };
        assert_eq!(o.status.code(), Some(2), "{path}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(said), "{path}: “{said}” not in {err}");
        assert!(err.starts_with(&format!("descent: {path}: ")), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn bad_points_in_a_link_exit_2_naming_the_point() {
    let o = descent(&["run", "f=linreg&data=custom&pts=1,3;2,5;3,x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("point 3, number 2: “x” is not a number"),
        "{}",
        stderr(&o)
    );
    let many = vec!["1,2"; 501].join(";");
    let o = descent(&["check", &format!("f=linreg&data=custom&pts={many}")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("501 points; a link holds at most 500: save a session file instead")
    );
}

#[test]
fn render_draws_custom_data() {
    let link = "f=logreg&data=custom&pts=-2,0;-1,0;0.5,0;-0.5,1;1,1;2,1&opt=adam&lr=0.1";
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("custom_data");
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("data.svg").to_string_lossy().into_owned();
    let o = descent(&["render", link, "-o", &svg, "--view", "data"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&svg).unwrap();
    // Six samples, each a circle of the data view.
    assert!(
        text.matches("<circle").count() >= 6,
        "{}",
        text.matches("<circle").count()
    );
    let path = file("render.tsv", b"-2\t0\n-1\t0\n0.5\t0\n-0.5\t1\n1\t1\n2\t1\n");
    let from_file = dir.join("data-file.svg").to_string_lossy().into_owned();
    let settings = "f=logreg&opt=adam&lr=0.1";
    let o = descent(&[
        "render", settings, "--data", &path, "-o", &from_file, "--view", "data",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&from_file).unwrap(), text);
}

#[test]
fn a_map_of_a_data_file_is_the_map_of_its_points_in_the_link() {
    let csv = file("map.csv", b"x,y\n1,3\n2,5\n3,7\n");
    let map = "f=linreg&steps=50&map=lr:0.01:0.1:3,x0:0:2:2";
    let from_file = descent(&["map", map, "--data", &csv]);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    let from_link = descent(&["map", &format!("{map}&data=custom&pts=1,3;2,5;3,7")]);
    assert!(from_link.status.success(), "{}", stderr(&from_link));
    assert_eq!(stdout(&from_file), stdout(&from_link));
    assert_eq!(stdout(&from_file).lines().count(), 1 + 6);
}
