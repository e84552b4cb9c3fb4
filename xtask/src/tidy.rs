//! Tidy checks, run by `cargo test` (and so by `cargo xtask test`): every Rust file opens with
//! a `//!` line saying what it is, and ARCHITECTURE.md, the code map, names every module of
//! every crate and every page module, so that the map cannot silently fall behind the code.

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace root")
            .to_path_buf()
    }

    /// Every file below `dir` (recursively) whose name ends in `ext`, skipping build output.
    fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name();
            if p.is_dir() {
                if name != "target" && name != "node_modules" && name != "corpus" {
                    files(&p, ext, out);
                }
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_rust_file_opens_with_a_doc_line() {
        let root = root();
        let mut rs = Vec::new();
        for dir in ["crates", "xtask", "fuzz/fuzz_targets"] {
            files(&root.join(dir), "rs", &mut rs);
        }
        assert!(rs.len() > 50, "found only {} Rust files", rs.len());
        let bad: Vec<String> = rs
            .iter()
            .filter(|p| {
                let text = fs::read_to_string(p).unwrap_or_default();
                !text.starts_with("//!")
            })
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        assert!(bad.is_empty(), "no opening //! line: {bad:?}");
    }

    #[test]
    fn architecture_names_every_module_and_page_module() {
        let root = root();
        let map = fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
        let mut named = Vec::new();
        for dir in [
            "crates/core/src",
            "crates/figure/src",
            "crates/web/src",
            "crates/cli/src",
        ] {
            files(&root.join(dir), "rs", &mut named);
        }
        files(&root.join("web"), "js", &mut named);
        assert!(named.len() > 40, "found only {} modules", named.len());
        let mut missing: Vec<String> = named
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .filter(|name| !map.contains(name.as_str()))
            .collect();
        // xtask's modules are named by their subcommand (or, for helpers, their stem).
        let mut xtask = Vec::new();
        files(&root.join("xtask/src"), "rs", &mut xtask);
        missing.extend(
            xtask
                .iter()
                .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
                .filter(|stem| stem != "main" && !map.contains(stem.as_str())),
        );
        assert!(
            missing.is_empty(),
            "ARCHITECTURE.md does not name {missing:?}"
        );
    }
}
