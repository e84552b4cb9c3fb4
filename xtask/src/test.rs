//! `cargo xtask test`: runs every suite in order and ends with the line `N passed, N failed`.
//!
//! Suites: setup, rustfmt, clippy, native `cargo test`, each fuzz target for 30 s, clippy of
//! the web crate for wasm32, its wasm-bindgen tests in headless Chromium, the trunk release
//! build, and Playwright against the built dist/. Setup, formatting, lints, the build and each
//! fuzz target count as one test each;
//! cargo and Playwright report their own counts. A suite that fails without reporting a
//! failed test (a build error, a timeout) counts as one failure.

use std::net::TcpListener;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::util::{self, cargo, project_root, Outcome};
use crate::{dist, fuzz, setup, Result};

/// How long `cargo xtask test` runs each fuzz target.
const FUZZ_SECS: u64 = 30;

/// How a suite's output is turned into counts.
#[derive(Clone, Copy)]
enum Counting {
    /// Success is 1 passed, failure is 1 failed.
    Single,
    /// Sum cargo's `test result:` lines.
    CargoTest,
    /// Read Playwright's closing summary.
    Playwright,
}

/// Passed and failed counts of one suite.
#[derive(Default, Clone, Copy)]
struct Counts {
    passed: u64,
    failed: u64,
}

/// Runs all suites; the exit code is non-zero if anything failed.
pub fn run() -> Result<ExitCode> {
    let start = Instant::now();
    let mut results: Vec<(String, Counts, Duration)> = Vec::new();
    let mut record = |name: &str, counts: Counts, took: Duration| {
        println!(
            "-- {name}: {} passed, {} failed ({})\n",
            counts.passed,
            counts.failed,
            util::secs(took)
        );
        results.push((name.to_string(), counts, took));
        counts.failed == 0
    };

    header("setup");
    let t = Instant::now();
    let setup_ok = match setup::run() {
        Ok(()) => true,
        Err(e) => {
            println!("xtask: setup failed: {e}");
            false
        }
    };
    record("setup", single(setup_ok), t.elapsed());

    let min = |m: u64| Duration::from_secs(60 * m);
    let suites: Vec<(&str, Command, Duration, Counting)> = vec![
        (
            "rustfmt",
            cargo_args(&["fmt", "--all", "--", "--check"]),
            min(2),
            Counting::Single,
        ),
        (
            "clippy",
            cargo_args(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ]),
            min(15),
            Counting::Single,
        ),
        (
            "cargo test",
            cargo_args(&["test", "--workspace", "--locked", "--no-fail-fast"]),
            min(15),
            Counting::CargoTest,
        ),
    ];
    for (name, cmd, timeout, counting) in suites {
        header(name);
        let out = util::run_logged(cmd, timeout);
        record(name, count(&out, counting), out.elapsed);
    }

    // Each fuzz target for 30 s (after building it), counted as one test each.
    for target in fuzz::TARGETS {
        let name = format!("fuzz {target} (30 s)");
        header(&name);
        if setup_ok {
            let out = util::run_logged(fuzz::command(target, FUZZ_SECS), min(20));
            record(&name, count(&out, Counting::Single), out.elapsed);
        } else {
            println!("skipped: setup failed (no cargo-fuzz)");
            record(&name, single(false), Duration::ZERO);
        }
    }

    if project_root().join("crates/web").is_dir() {
        let name = "clippy wasm32 (descent-web)";
        header(name);
        let cmd = cargo_args(&[
            "clippy",
            "-p",
            "descent-web",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]);
        let out = util::run_logged(cmd, min(10));
        record(name, count(&out, Counting::Single), out.elapsed);
    }

    if project_root().join("crates/web/tests").is_dir() {
        let name = "wasm tests (descent-web, Chromium)";
        header(name);
        let cmd = cargo_args(&[
            "test",
            "-p",
            "descent-web",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
            "--no-fail-fast",
        ]);
        let out = util::run_logged(cmd, min(10));
        record(name, count(&out, Counting::CargoTest), out.elapsed);
    }

    header("dist (trunk build --release)");
    let built = if setup_ok {
        let out = util::run_logged(dist::trunk_build(), min(15));
        if out.success() {
            let _ = dist::print_sizes();
        }
        record("dist", count(&out, Counting::Single), out.elapsed)
    } else {
        println!("skipped: setup failed");
        record("dist", single(false), Duration::ZERO)
    };

    header("playwright (tests/e2e)");
    if built {
        let mut cmd = util::cmd("npx");
        // Two loopback origins: the site, and host pages that embed it (embed.spec.mjs).
        let [site, host] = free_ports()?;
        cmd.args(["playwright", "test", "--reporter=list"])
            .env("DESCENT_E2E_PORT", site.to_string())
            .env("DESCENT_E2E_HOST_PORT", host.to_string());
        let out = util::run_logged(cmd, min(10));
        record("playwright", count(&out, Counting::Playwright), out.elapsed);
    } else {
        println!("skipped: no dist/ to test");
        record("playwright", single(false), Duration::ZERO);
    }

    let total = results
        .iter()
        .fold(Counts::default(), |acc, (_, c, _)| Counts {
            passed: acc.passed + c.passed,
            failed: acc.failed + c.failed,
        });
    header("summary");
    for (name, c, took) in &results {
        let mark = if c.failed == 0 { "ok  " } else { "FAIL" };
        println!(
            "{mark} {name:<36} {:>4} passed {:>3} failed  {:>8}",
            c.passed,
            c.failed,
            util::secs(*took)
        );
    }
    println!("total time {}", util::secs(start.elapsed()));
    println!("{} passed, {} failed", total.passed, total.failed);
    Ok(if total.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn header(name: &str) {
    println!("==================== {name} ====================");
}

fn cargo_args(args: &[&str]) -> Command {
    let mut c = cargo();
    c.args(args);
    c
}

fn single(ok: bool) -> Counts {
    Counts {
        passed: u64::from(ok),
        failed: u64::from(!ok),
    }
}

/// Counts a suite's result; a failure that reported no failed test counts as one.
fn count(out: &Outcome, counting: Counting) -> Counts {
    let mut c = match counting {
        Counting::Single => single(out.success()),
        Counting::CargoTest => cargo_counts(&out.output),
        Counting::Playwright => playwright_counts(&out.output),
    };
    if !out.success() && c.failed == 0 {
        if out.timed_out {
            println!("xtask: counted as 1 failure (timed out)");
        } else {
            println!("xtask: counted as 1 failure (the command failed without a failed test)");
        }
        c.failed = 1;
        if matches!(counting, Counting::Single) {
            c.passed = 0;
        }
    }
    c
}

/// Sums `test result: ok. 3 passed; 0 failed; ...` lines.
fn cargo_counts(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.split("test result:").nth(1) else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(kind)) = (words.next(), words.next()) {
                if let Ok(n) = n.parse::<u64>() {
                    match kind {
                        "passed" => c.passed += n,
                        "failed" => c.failed += n,
                        _ => {}
                    }
                }
            }
        }
    }
    c
}

/// Reads Playwright's summary lines (`  3 passed (5.5s)`, `  1 failed`, `  1 flaky`, ...).
///
/// Flaky tests passed on a retry and count as passed (retries are 0 here anyway); skipped
/// tests count as neither; tests that did not run or were interrupted count as failed.
fn playwright_counts(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        if !line.starts_with("  ") {
            continue;
        }
        let line = line.trim();
        let Some((n, rest)) = line.split_once(' ') else {
            continue;
        };
        let Ok(n) = n.parse::<u64>() else {
            continue;
        };
        if rest.starts_with("passed") || rest.starts_with("flaky") {
            c.passed += n;
        } else if rest.starts_with("failed")
            || rest.starts_with("did not run")
            || rest.starts_with("interrupted")
        {
            c.failed += n;
        }
    }
    c
}

/// A TCP port that is free right now on 127.0.0.1.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Two different TCP ports that are free right now on 127.0.0.1 (both held while asked).
fn free_ports() -> Result<[u16; 2]> {
    let a = TcpListener::bind("127.0.0.1:0")?;
    let b = TcpListener::bind("127.0.0.1:0")?;
    Ok([a.local_addr()?.port(), b.local_addr()?.port()])
}

#[cfg(test)]
mod tests {
    use super::{cargo_counts, playwright_counts};

    #[test]
    fn sums_cargo_results() {
        let log = "test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured\n\
                   test result: FAILED. 2 passed; 1 failed; 1 ignored\n\
                   test result: ok. 0 passed; 0 failed; 0 ignored\n";
        let c = cargo_counts(log);
        assert_eq!((c.passed, c.failed), (5, 1));
    }

    #[test]
    fn reads_playwright_summary() {
        let log = "  ✓  1 [chromium] › smoke.spec.mjs:4:1 › loads (1.2s)\n\n  \
                   1 failed\n    [chromium] › a.spec.mjs:3:1 › x\n  1 flaky\n  \
                   2 skipped\n  4 passed (5.5s)\n";
        let c = playwright_counts(log);
        assert_eq!((c.passed, c.failed), (5, 1));
    }
}
