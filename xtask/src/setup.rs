//! `cargo xtask setup`: installs or checks every pinned tool; each step checks before it acts.

use std::path::Path;
use std::time::{Instant, SystemTime};

use crate::util::{self, cargo, project_root, tools_dir, version_of};
use crate::Result;

/// trunk builds the site; 0.22 needs a newer rustc than 1.95.
pub const TRUNK: &str = "0.21.14";
/// Must equal the `wasm-bindgen` crate in Cargo.lock and `[tools]` in Trunk.toml.
pub const WASM_BINDGEN: &str = "0.2.129";
/// cargo-fuzz runs the fuzz targets in fuzz/ (`cargo xtask fuzz`).
pub const CARGO_FUZZ: &str = "0.13.2";

/// Runs every setup step; the second run on a ready machine takes well under a second.
pub fn run() -> Result<()> {
    let start = Instant::now();
    println!("== setup (tools in {})", tools_dir().display());
    wasm_target()?;
    cargo_tool("trunk", TRUNK, &["trunk"])?;
    cargo_tool(
        "wasm-bindgen-cli",
        WASM_BINDGEN,
        &["wasm-bindgen", "wasm-bindgen-test-runner"],
    )?;
    cargo_tool("cargo-fuzz", CARGO_FUZZ, &["cargo-fuzz"])?;
    lockfile_pin()?;
    system_packages()?;
    npm_packages()?;
    util::run({
        let mut c = cargo();
        c.args(["fetch", "--locked"]);
        c
    })?;
    // The fuzz crate is its own workspace, with its own lock file.
    util::run({
        let mut c = cargo();
        c.args(["fetch", "--locked", "--manifest-path", "fuzz/Cargo.toml"]);
        c
    })?;
    print_versions();
    println!("== setup done in {}", util::secs(start.elapsed()));
    Ok(())
}

/// `rustup target add wasm32-unknown-unknown` unless it is installed.
fn wasm_target() -> Result<()> {
    let Ok(out) = util::cmd("rustup")
        .args(["target", "list", "--installed"])
        .output()
    else {
        println!("setup: rustup not found; assuming wasm32-unknown-unknown is installed");
        return Ok(());
    };
    let installed = String::from_utf8_lossy(&out.stdout);
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("ok: rust target wasm32-unknown-unknown");
        return Ok(());
    }
    let mut c = util::cmd("rustup");
    c.args(["target", "add", "wasm32-unknown-unknown"]);
    util::run(c)
}

/// `cargo install <krate> --version <pin> --locked --root $TOOLS_DIR` unless every binary
/// already reports the pinned version.
fn cargo_tool(krate: &str, pin: &str, bins: &[&str]) -> Result<()> {
    let bin_dir = tools_dir().join("bin");
    let current = |bin: &str| {
        version_of(&bin_dir.join(bin))
            .and_then(|v| v.split_whitespace().nth(1).map(str::to_string))
            .is_some_and(|v| v == pin)
    };
    if bins.iter().all(|b| current(b)) {
        println!("ok: {krate} {pin}");
        return Ok(());
    }
    println!("setup: installing {krate} {pin} (this compiles it: minutes, once per machine)");
    let mut c = cargo();
    c.args([
        "install",
        krate,
        "--version",
        pin,
        "--locked",
        "--force",
        "--root",
    ])
    .arg(tools_dir());
    util::run(c)?;
    match bins.iter().find(|b| !current(b)) {
        Some(bin) => {
            Err(format!("{bin} in {} is not {pin} after install", bin_dir.display()).into())
        }
        None => Ok(()),
    }
}

/// Fails unless Cargo.lock's wasm-bindgen equals the installed wasm-bindgen-cli.
fn lockfile_pin() -> Result<()> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    let mut found = Vec::new();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                found.push(v.trim_matches('"').to_string());
            }
        }
    }
    if found.iter().all(|v| v == WASM_BINDGEN) && !found.is_empty() {
        println!("ok: Cargo.lock pins wasm-bindgen {WASM_BINDGEN}");
        Ok(())
    } else {
        Err(format!(
            "Cargo.lock has wasm-bindgen {found:?} but the tools are pinned to {WASM_BINDGEN}; \
             keep `wasm-bindgen = \"={WASM_BINDGEN}\"` in Cargo.toml, or change the pin in \
             xtask/src/setup.rs and Trunk.toml together"
        )
        .into())
    }
}

/// Whether fontconfig knows a font with Chinese glyphs; without one, the browser tests' zh
/// screenshots show boxes instead of characters.
fn has_cjk_font() -> bool {
    util::cmd("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty())
}

/// Installs Debian packages for whatever is missing: Chromium and its driver, node, python3,
/// and a CJK font (Noto CJK) for the Chinese page.
fn system_packages() -> Result<()> {
    let mut missing = Vec::new();
    if !Path::new("/usr/bin/chromium").exists() {
        missing.push("chromium");
    }
    if !Path::new("/usr/bin/chromedriver").exists() {
        missing.push("chromium-driver");
    }
    if !util::on_path("node") || !util::on_path("npm") {
        missing.extend(["nodejs", "npm"]);
    }
    if !util::on_path("python3") {
        missing.push("python3");
    }
    if !has_cjk_font() {
        missing.push("fonts-noto-cjk");
    }
    if missing.is_empty() {
        println!("ok: chromium, chromedriver, node, npm, python3, a CJK font");
        return Ok(());
    }
    println!("setup: installing Debian packages {missing:?}");
    let root = util::cmd("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let apt = |args: &[&str]| {
        let mut c = util::cmd(if root { "apt-get" } else { "sudo" });
        if !root {
            // Never prompt: CI has no stdin.
            c.args(["-n", "apt-get"]);
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    util::run(apt(&["update"]))?;
    let mut install = apt(&["install", "-y", "--no-install-recommends"]);
    install.args(&missing);
    util::run(install)
}

/// `npm ci` when node_modules is missing or older than package-lock.json.
fn npm_packages() -> Result<()> {
    let root = project_root();
    let bins = root.join("node_modules").join(".bin");
    let installed = root.join("node_modules").join(".package-lock.json");
    let mtime = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH)
    };
    let fresh = bins.join("playwright").exists()
        && bins.join("wasm-opt").exists()
        && mtime(&installed) >= mtime(&root.join("package-lock.json"));
    if fresh {
        println!("ok: node_modules matches package-lock.json");
        return Ok(());
    }
    let mut c = util::cmd("npm");
    c.arg("ci").env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    util::run(c)
}

/// Prints the versions the build will use.
fn print_versions() {
    let bin = tools_dir().join("bin");
    let node_bin = project_root().join("node_modules").join(".bin");
    for tool in [
        bin.join("trunk"),
        bin.join("wasm-bindgen"),
        bin.join("cargo-fuzz"),
        node_bin.join("wasm-opt"),
        Path::new("/usr/bin/chromium").to_path_buf(),
    ] {
        let name = tool.file_name().unwrap_or_default().to_string_lossy();
        let v = version_of(&tool).unwrap_or_else(|| "not found".into());
        println!("   {name}: {v}");
    }
}
