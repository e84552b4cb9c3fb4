//! `cargo xtask serve`: builds the release site and serves dist/ on 127.0.0.1.

use std::process::Command;

use crate::util::{self, project_root};
use crate::{dist, Result};

/// Builds, then serves dist/ until interrupted (`--port N`, default 8080).
pub fn run(args: &[String]) -> Result<()> {
    let port = match args {
        [] => 8080,
        [flag, n] if flag == "--port" => n.parse().map_err(|_| format!("bad port `{n}`"))?,
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    dist::run()?;
    let mut server = static_server(port);
    println!("Serving dist/ at http://127.0.0.1:{port}/  (Ctrl-C to stop)");
    let status = server
        .status()
        .map_err(|e| format!("could not start python3: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server exited ({status}); is port {port} already in use?").into())
    }
}

/// A plain static file server for dist/ (python's serves .wasm as application/wasm).
pub fn static_server(port: u16) -> Command {
    let mut c = util::cmd("python3");
    c.args([
        "-m",
        "http.server",
        &port.to_string(),
        "--bind",
        "127.0.0.1",
        "--directory",
    ])
    .arg(project_root().join("dist"));
    c
}
