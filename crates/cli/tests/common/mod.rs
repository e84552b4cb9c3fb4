//! What the CLI's test files share: running the `descent` binary, its output as text, and
//! scratch files in the target directory.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `descent` with `args`.
pub fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What it printed on stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// What it printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh scratch file `name` in the target directory's folder `dir` (removed first if
/// left over).
pub fn scratch(dir: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    let _ = std::fs::remove_file(&p);
    p
}
