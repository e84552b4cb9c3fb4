//! Tidy checks, run by `cargo test` (and so by `cargo xtask test`): every Rust file opens with
//! a `//!` line saying what it is; ARCHITECTURE.md, the code map, names every module of every
//! crate and every page module, so that the map cannot silently fall behind the code; every
//! settings key of the catalog (the codec's table) has its label in English and 简体中文 in
//! web/strings.js; every optimizer of the registry has its formula template, its torch fixture
//! and its words in both languages; and every page module is copied by trunk and preloaded by
//! index.html.
//!
//! The text checks read the sources as text: the registry's lines in
//! `crates/core/src/optim/mod.rs`, the string tables' `en: {` and `zh: {` blocks.

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

    /// The keys of a string table (`'key': …` inside `en: {` or `zh: {`), per language.
    fn string_keys(text: &str) -> [Vec<String>; 2] {
        let mut keys = [Vec::new(), Vec::new()];
        let mut lang = None;
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with("en: {") {
                lang = Some(0);
            } else if t.starts_with("zh: {") {
                lang = Some(1);
            } else if line.starts_with("});") {
                lang = None;
            }
            if let Some(l) = lang {
                // Several `'key': 'text',` pairs may share a line; a key is a quoted word
                // followed by a colon.
                for (i, piece) in t.split('\'').enumerate() {
                    let rest = t.split('\'').nth(i + 1).unwrap_or("");
                    if i % 2 == 1 && rest.trim_start().starts_with(':') {
                        keys[l].push(piece.to_string());
                    }
                }
            }
        }
        keys
    }

    /// Every optimizer of the registry has a formula template with rule and numbers lines
    /// (that it names only recorded terms is the core's own test), a torch fixture (when it has a
    /// torch class), and its words in English and Chinese: its menu name (`opt.<name>` in
    /// web/strings.js) and, in web/maths.js, the labels of its state, of the terms and notes
    /// its template shows and of the words inside its formulas.
    #[test]
    fn every_optimizer_has_a_template_a_fixture_and_its_words() {
        let root = root();
        let strings = fs::read_to_string(root.join("web/strings.js")).expect("web/strings.js");
        let maths = fs::read_to_string(root.join("web/maths.js")).expect("web/maths.js");
        let fixtures = fs::read_to_string(root.join("crates/core/tests/fixtures/torch_refs.json"))
            .expect("the torch fixtures");
        let [page_en, page_zh] = string_keys(&strings);
        let [maths_en, maths_zh] = string_keys(&maths);
        let mut missing = Vec::new();
        // A key that either language lacks, named with the optimizer that shows it.
        let need = |missing: &mut Vec<String>,
                    name: &str,
                    table: &str,
                    both: [&Vec<String>; 2],
                    key: String| {
            for (lang, have) in ["en", "zh"].iter().zip(both) {
                if !have.contains(&key) {
                    missing.push(format!("{name}: no '{key}' ({lang}) in {table}"));
                }
            }
        };
        let page = [&page_en, &page_zh];
        let panel = [&maths_en, &maths_zh];
        for e in descent::optim::REGISTRY {
            let name = e.name;
            let template = e.formula;
            let kinds: Vec<&str> = template
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .filter_map(|l| l.split([':', ' ', '[']).next())
                .collect();
            for kind in ["rule", "numbers"] {
                if !kinds.contains(&kind) {
                    missing.push(format!("{name}: no `{kind}:` line in its formula template"));
                }
            }
            if !e.torch.is_empty() && !fixtures.contains(&format!("\"opt\":\"{name}\"")) {
                missing.push(format!(
                    "{name}: no torch fixture in crates/core/tests/fixtures/torch_refs.json"
                ));
            }
            need(
                &mut missing,
                name,
                "web/strings.js",
                page,
                format!("opt.{name}"),
            );
            for s in e.state {
                need(
                    &mut missing,
                    name,
                    "web/maths.js",
                    panel,
                    format!("state.{s}"),
                );
            }
            for line in template.lines().map(str::trim) {
                let body = line.split_once(':').map_or("", |(_, b)| b.trim());
                if line.starts_with("note") || line.starts_with("source") {
                    need(
                        &mut missing,
                        name,
                        "web/maths.js",
                        panel,
                        format!("maths.{body}"),
                    );
                }
                if line.starts_with("terms") {
                    for t in body.split_whitespace() {
                        need(
                            &mut missing,
                            name,
                            "web/maths.js",
                            panel,
                            format!("term.{t}"),
                        );
                    }
                }
                for w in line.split("\\word{").skip(1) {
                    let w = w.split('}').next().unwrap_or("");
                    need(
                        &mut missing,
                        name,
                        "web/maths.js",
                        panel,
                        format!("maths.w.{w}"),
                    );
                }
            }
        }
        missing.dedup();
        assert!(missing.is_empty(), "missing:\n{}", missing.join("\n"));
    }

    /// Every module the page imports (web/app.js and what it imports, transitively) is copied
    /// into dist by trunk. Those it imports statically have their `<link rel="modulepreload">`
    /// in web/index.html, so that all are fetched at once rather than one import level at a
    /// time; those reached only through `import('./…')` (the parts loaded after the first
    /// picture) have none, so that they are not fetched before it.
    #[test]
    fn every_page_module_is_copied_and_preloaded() {
        let root = root();
        let html = fs::read_to_string(root.join("web/index.html")).expect("web/index.html");
        let links = |rel: &str| -> Vec<String> {
            html.lines()
                .filter(|l| l.contains(&format!("rel=\"{rel}\"")))
                .flat_map(|l| {
                    l.split("href=\"")
                        .nth(1)
                        .and_then(|h| h.split('"').next())
                        .map(str::to_string)
                })
                .collect()
        };
        let (preloaded, copied) = (links("modulepreload"), links("copy-file"));
        // The modules reached from app.js, through static imports only or through any.
        let reach = |dynamic: bool| -> Vec<String> {
            let mut modules = vec!["app.js".to_string()];
            let mut i = 0;
            while i < modules.len() {
                let text =
                    fs::read_to_string(root.join("web").join(&modules[i])).unwrap_or_else(|_| {
                        panic!("web/{} is imported but does not exist", modules[i])
                    });
                let markers: &[&str] = if dynamic {
                    &["from './", "import './", "import('./"]
                } else {
                    &["from './", "import './"]
                };
                for marker in markers {
                    for part in text.split(marker).skip(1) {
                        let m = part.split('\'').next().unwrap_or("").to_string();
                        if m.ends_with(".js") && !modules.contains(&m) {
                            modules.push(m);
                        }
                    }
                }
                i += 1;
            }
            modules
        };
        let (eager, all) = (reach(false), reach(true));
        assert!(all.len() > 15, "found only {} page modules", all.len());
        assert!(
            eager.len() > 5,
            "found only {} statically imported modules",
            eager.len()
        );
        let mut missing = Vec::new();
        for m in &all {
            if !copied.contains(m) {
                missing.push(format!(
                    "web/index.html has no <link data-trunk rel=\"copy-file\" href=\"{m}\">"
                ));
            }
            if eager.contains(m) && !preloaded.contains(m) {
                missing.push(format!(
                    "web/index.html has no <link rel=\"modulepreload\" href=\"{m}\">"
                ));
            }
        }
        for p in &preloaded {
            if !eager.contains(p) {
                missing.push(format!(
                    "web/index.html preloads {p}, which the page imports only lazily or not at all"
                ));
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    /// The settings keys among `keys` without a label `c.<key>` in one of the languages, as
    /// `"<lang>: c.<key>"`.
    fn missing_labels(keys: &[&str], strings: &str) -> Vec<String> {
        let [en, zh] = string_keys(strings);
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
        let [en, zh] = string_keys(strings);
        assert_eq!(en, ["c.lr", "c.lr.tip", "c.mom"]);
        assert_eq!(zh, ["c.lr"]);
        assert_eq!(missing_labels(&["lr", "mom"], strings), ["zh: c.mom"]);
        assert_eq!(missing_labels(&["lr"], strings), Vec::<String>::new());
    }
}
