//! Tidy checks, run by `cargo test` (and so by `cargo xtask test`): every Rust file opens with
//! a `//!` line saying what it is; ARCHITECTURE.md, the code map, names every module of
//! every crate and every page module, so that the map cannot silently fall behind the code;
//! and every settings key of the catalog (the codec's table) has its label in English and
//! 简体中文 in web/strings.js.

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

    /// The string keys each language's tables in `text` (a strings.js) define: every
    /// `'key':` inside an `en: {` or `zh: {` table.
    fn string_keys(text: &str) -> (Vec<String>, Vec<String>) {
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        let mut current: Option<&mut Vec<String>> = None;
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with("en: {") {
                current = Some(&mut en);
                continue;
            }
            if t.starts_with("zh: {") {
                current = Some(&mut zh);
                continue;
            }
            if t.starts_with("},") || t.starts_with("});") {
                current = None;
                continue;
            }
            let Some(keys) = current.as_deref_mut() else {
                continue;
            };
            // 'key': 'text', 'key2': "text" … : a quoted token followed by a colon.
            let mut rest = t;
            while let Some(open) = rest.find('\'') {
                let after = &rest[open + 1..];
                let Some(close) = after.find('\'') else {
                    break;
                };
                let token = &after[..close];
                let tail = after[close + 1..].trim_start();
                if let Some(value) = tail.strip_prefix(':') {
                    keys.push(token.to_string());
                    // Skip the value: the next quoted token is text, not a key.
                    let value = value.trim_start();
                    let quote = value.chars().next().unwrap_or(' ');
                    if quote == '\'' || quote == '"' {
                        match value[1..].find(quote) {
                            Some(end) => rest = &value[end + 2..],
                            None => break,
                        }
                    } else {
                        rest = value;
                    }
                } else {
                    rest = &after[close + 1..];
                }
            }
        }
        (en, zh)
    }

    /// The settings keys among `keys` without a label `c.<key>` in one of the languages, as
    /// `"<lang>: c.<key>"`.
    fn missing_labels(keys: &[&str], strings: &str) -> Vec<String> {
        let (en, zh) = string_keys(strings);
        let mut missing = Vec::new();
        for (lang, table) in [("en", &en), ("zh", &zh)] {
            for key in keys {
                let label = format!("c.{key}");
                if !table.contains(&label) {
                    missing.push(format!("{lang}: {label}"));
                }
            }
        }
        missing
    }

    #[test]
    fn every_catalog_key_has_a_label_in_both_languages() {
        let strings = fs::read_to_string(root().join("web/strings.js")).expect("web/strings.js");
        let keys: Vec<&str> = descent::codec::FIELDS.iter().map(|f| f.key).collect();
        assert!(keys.len() > 40, "found only {} settings keys", keys.len());
        let missing = missing_labels(&keys, &strings);
        assert!(
            missing.is_empty(),
            "web/strings.js has no label for {missing:?}"
        );
    }

    /// The check above can fail: a key without its Chinese label is named.
    #[test]
    fn a_key_without_a_label_is_named() {
        let strings = "register({\n  en: {\n    'c.lr': 'Learning rate', 'c.lr.tip': 'x: y',\n    'c.mom': 'Momentum',\n  },\n  zh: {\n    'c.lr': '学习率',\n  },\n});\n";
        let (en, zh) = string_keys(strings);
        assert_eq!(en, ["c.lr", "c.lr.tip", "c.mom"]);
        assert_eq!(zh, ["c.lr"]);
        assert_eq!(missing_labels(&["lr", "mom"], strings), ["zh: c.mom"]);
        assert_eq!(missing_labels(&["lr"], strings), Vec::<String>::new());
    }
}
