//! `cargo xtask bench`: builds dist/, serves it on a free port and runs the browser benchmark.
//!
//! `tests/bench/bench.mjs` drives headless Chromium through Playwright and prints one JSON
//! object; this task adds the shipped .wasm sizes and saves it to target/bench/latest.json.
//! Among its measures: the page's start-up (first picture, complete draw, longest task, alone
//! and with the CPU throttled 4×), a course note with three embeds (`start_up`, `notes`) and a
//! map's throughput in the page's workers against the single-run rate in the same page (`map`).

use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::util::{self, project_root};
use crate::{dist, serve, test, Result};

/// Runs the benchmark; extra arguments (e.g. `--runs 50`, `--only start_up`) go to bench.mjs.
pub fn run(args: &[String]) -> Result<()> {
    dist::run()?;
    let wasm = dist::wasm_files();
    let [wasm] = wasm.as_slice() else {
        return Err(format!("expected one .wasm in dist/, found {wasm:?}").into());
    };
    let raw = std::fs::metadata(wasm)?.len();
    let gz = util::gzip_size(wasm)?;
    let gif_cli = cli_gif_ms()?;

    let port = test::free_port()?;
    let mut server = serve::static_server(port)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start python3: {e}"))?;
    let result = (|| -> Result<String> {
        wait_for_port(port, Duration::from_secs(20))?;
        let mut node = util::cmd("node");
        node.arg("tests/bench/bench.mjs")
            .args(["--url", &format!("http://127.0.0.1:{port}/")])
            .args(args)
            .env("DESCENT_WASM_BYTES", raw.to_string())
            .env("DESCENT_WASM_GZ_BYTES", gz.to_string())
            .env("DESCENT_GIF_CLI_MS", &gif_cli);
        println!("$ {}", util::display(&node));
        let out = node.stderr(std::process::Stdio::inherit()).output()?;
        if !out.status.success() {
            return Err(format!("bench.mjs failed ({})", out.status).into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    })();
    let _ = server.kill();
    let _ = server.wait();
    let json = result?;
    print!("{json}");
    let dir = project_root().join("target").join("bench");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("latest.json"), &json)?;
    println!("(saved to target/bench/latest.json)");
    Ok(())
}

/// `descent render … -o run.gif` of a 1,000-step run (200 frames of 640×480; budget: under
/// 1 s), timed five times with the release binary: the milliseconds as a JSON array.
fn cli_gif_ms() -> Result<String> {
    let root = project_root();
    let mut build = util::cmd("cargo");
    build.args(["build", "--release", "-q", "-p", "descent-cli"]);
    util::run(build)?;
    let bin = root.join("target").join("release").join("descent");
    let out = root.join("target").join("bench").join("run.gif");
    std::fs::create_dir_all(out.parent().unwrap())?;
    let mut ms = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let status = std::process::Command::new(&bin)
            .args(["render", "f=rosenbrock&opt=adam&lr=0.05&steps=1000", "-o"])
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .status()?;
        if !status.success() {
            return Err(format!("descent render -o run.gif failed ({status})").into());
        }
        ms.push(format!("{:.1}", t.elapsed().as_secs_f64() * 1000.0));
    }
    Ok(format!("[{}]", ms.join(",")))
}

/// Waits until something accepts connections on 127.0.0.1:`port`.
fn wait_for_port(port: u16, limit: Duration) -> Result<()> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("the static server did not start on port {port}").into())
}
