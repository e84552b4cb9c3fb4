//! `cargo xtask dist`: builds the site into dist/ with trunk (release, offline, pinned tools).

use std::path::PathBuf;
use std::process::Command;

use crate::util::{self, project_root};
use crate::{setup, Result};

/// Runs setup, then the release build, then prints the shipped sizes.
pub fn run() -> Result<()> {
    setup::run()?;
    util::run(trunk_build())?;
    print_sizes()
}

/// `trunk build --release`; Trunk.toml holds the rest (dist/, public_url, tool pins).
pub fn trunk_build() -> Command {
    let mut c = util::cmd("trunk");
    c.args(["build", "--release"]);
    c
}

/// The built .wasm files in dist/.
pub fn wasm_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(project_root().join("dist"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Prints raw and `gzip -9` sizes of each file in dist/.
pub fn print_sizes() -> Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(project_root().join("dist"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    println!("dist/ sizes (bytes, raw / gzip -9):");
    for f in files {
        let raw = std::fs::metadata(&f)?.len();
        let gz = util::gzip_size(&f)?;
        let name = f.file_name().unwrap_or_default().to_string_lossy();
        println!("   {name:<28} {raw:>9} / {gz:>8}");
    }
    Ok(())
}
