//! Build, serve, test and bench commands for Descent, run as `cargo xtask <command>`.
//!
//! One binary, one module per task, no dependencies: everything is `std::process::Command`
//! (the cargo-xtask convention). Tools live outside the repository, in `$TOOLS_DIR`
//! (default `$HOME/.cache/descent-tools`), so fresh clones on the same machine reuse them.

mod bench;
mod dist;
mod fuzz;
mod serve;
mod setup;
mod test;
mod tidy;
mod util;

use std::process::ExitCode;

/// The result type of every task: errors are sentences for the user.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const HELP: &str = "\
Usage: cargo xtask <command>

Commands:
  setup   install or check the pinned tools (idempotent; every other command runs it first)
  dist    build the site into dist/ (trunk build --release)
  serve   build, then serve dist/ on http://127.0.0.1:8080 (--port N to change)
  test    run every suite (fmt, clippy, unit, wasm clippy, dist, browser) and print
          `N passed, N failed`
  bench   build, serve on a free port and run tests/bench/bench.mjs (prints JSON)
  fuzz    [--secs N] [target]: run the cargo-fuzz targets (codec, formula), each for N
          seconds (default 600); nightly if rustup has it, else stable with RUSTC_BOOTSTRAP=1
";

fn main() -> ExitCode {
    util::prepare_env();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run().map(|_| ExitCode::SUCCESS),
        Some("dist") => dist::run().map(|_| ExitCode::SUCCESS),
        Some("serve") => serve::run(&args[1..]).map(|_| ExitCode::SUCCESS),
        Some("test") => test::run(),
        Some("bench") => bench::run(&args[1..]).map(|_| ExitCode::SUCCESS),
        Some("fuzz") => fuzz::run(&args[1..]).map(|_| ExitCode::SUCCESS),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}").into()),
    };
    result.unwrap_or_else(|err| {
        eprintln!("xtask: error: {err}");
        ExitCode::FAILURE
    })
}
