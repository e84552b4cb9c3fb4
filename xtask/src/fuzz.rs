//! `cargo xtask fuzz [--secs N] [target]`: runs the cargo-fuzz targets of `fuzz/`.
//!
//! cargo-fuzz needs nightly flags (`-Z sanitizer`, sancov passes). With a rustup nightly
//! toolchain installed it is used; otherwise the stable toolchain runs with
//! `RUSTC_BOOTSTRAP=1`, which unlocks the same flags (CI machines have only stable).
//! `DESCENT_FUZZ_TOOLCHAIN=stable` forces that fallback.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::util::{self, project_root, tools_dir};
use crate::{setup, Result};

/// Every fuzz target in `fuzz/fuzz_targets`.
pub const TARGETS: &[&str] = &["codec", "formula", "datafile"];

/// How long `cargo xtask fuzz` runs each target unless told otherwise.
const DEFAULT_SECS: u64 = 600;

/// libFuzzer's limits: a slow input is a hang, a big one an out-of-memory.
const LIMITS: &[&str] = &["-timeout=10", "-rss_limit_mb=2048", "-malloc_limit_mb=512"];

/// Runs `cargo xtask fuzz`: each named target (default all) for `--secs` seconds.
pub fn run(args: &[String]) -> Result<()> {
    let mut secs = DEFAULT_SECS;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--secs" => {
                secs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&s| s > 0)
                    .ok_or("--secs needs a whole number of seconds ≥ 1")?;
            }
            t if TARGETS.contains(&t) => targets.push(t),
            other => {
                return Err(format!(
                    "unknown fuzz argument `{other}`; targets are {}",
                    TARGETS.join(", ")
                )
                .into())
            }
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    setup::run()?;
    let mut failed = Vec::new();
    for target in targets {
        println!("== fuzz {target} for {secs} s");
        // Building can take minutes before the clock starts.
        let out = util::run_logged(command(target, secs), Duration::from_secs(secs + 1800));
        if !out.success() {
            failed.push(target);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzz target(s) {} failed; the input that broke it is in fuzz/artifacts/",
            failed.join(", ")
        )
        .into())
    }
}

/// The toolchain the fuzz build uses.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Toolchain {
    /// rustup's nightly.
    Nightly,
    /// The running stable toolchain with `RUSTC_BOOTSTRAP=1`.
    StableBootstrap,
}

fn toolchain() -> Toolchain {
    if std::env::var("DESCENT_FUZZ_TOOLCHAIN").is_ok_and(|v| v == "stable") {
        return Toolchain::StableBootstrap;
    }
    // Listing does not install anything, unlike asking a missing toolchain for its version.
    let has_nightly = util::cmd("rustup")
        .args(["toolchain", "list"])
        .output()
        .is_ok_and(|o| {
            o.status.success()
                && String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .any(|l| l.starts_with("nightly"))
        });
    if has_nightly {
        Toolchain::Nightly
    } else {
        Toolchain::StableBootstrap
    }
}

/// `cargo fuzz run <target>` for `secs` seconds, with the working corpus under target/ (so
/// the committed seeds in fuzz/corpus are read but never written).
pub fn command(target: &str, secs: u64) -> Command {
    let root = project_root();
    let work = root.join("target").join("fuzz-corpus").join(target);
    let _ = std::fs::create_dir_all(&work);
    let seeds = root.join("fuzz").join("corpus").join(target);
    let chain = toolchain();
    let mut c = util::cmd(&tools_dir().join("bin").join("cargo-fuzz").to_string_lossy());
    c.args(["fuzz", "run", target]);
    // One build folder per toolchain, so switching does not rebuild everything.
    let build = match chain {
        Toolchain::Nightly => "fuzz-nightly",
        Toolchain::StableBootstrap => "fuzz-stable",
    };
    c.arg("--target-dir").arg(root.join("target").join(build));
    match chain {
        Toolchain::Nightly => {
            c.env("RUSTUP_TOOLCHAIN", "nightly");
        }
        Toolchain::StableBootstrap => {
            c.env("RUSTC_BOOTSTRAP", "1");
            c.env("PATH", path_with_running_toolchain());
        }
    }
    c.arg(&work).arg(&seeds).arg("--");
    c.arg(format!("-max_total_time={secs}"));
    // Links with custom points and data files are longer than formulas.
    let max_len = if target == "formula" { 4096 } else { 8192 };
    c.arg(format!("-max_len={max_len}"));
    c.args(LIMITS).arg("-print_final_stats=1");
    println!("fuzz: toolchain {chain:?}");
    c
}

/// PATH with the running cargo's folder first, so cargo-fuzz's `cargo` and `rustc` are the
/// toolchain that runs xtask rather than whatever rustup would pick.
fn path_with_running_toolchain() -> std::ffi::OsString {
    let mut dirs: Vec<PathBuf> = std::env::var_os("CARGO")
        .map(PathBuf::from)
        .and_then(|c| c.parent().map(PathBuf::from))
        .into_iter()
        .collect();
    if let Some(old) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&old));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}
