//! No import circles between the core's top-level modules: every `crate::…` path in
//! crates/core/src (outside test modules and comments) is an edge, and the graph has no cycle.
//!
//! A circle (`codec → compare → run → codec`) means no module of it can be read, tested or
//! changed alone; this test names the first circle it finds.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file below `dir`.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).expect("crates/core/src").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a source text names through `crate::`: `use crate::a::…`,
/// `use crate::{a, b::c}` and paths such as `crate::a::f(…)` in code. Comments and what
/// follows `#[cfg(test)]` (the test module, last in each file) are left out.
fn imports(source: &str) -> BTreeSet<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c};` on one line (rustfmt breaks long ones: see below).
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name = item.trim().split("::").next().unwrap_or("");
                    if !name.is_empty() {
                        out.insert(name.to_string());
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    // A `use crate::{` that rustfmt broke over lines: its items start the following lines.
    let mut in_group = false;
    for line in code.lines() {
        let t = line.trim();
        if t.starts_with("use crate::{") && !t.contains('}') {
            in_group = true;
            continue;
        }
        if in_group {
            if t.starts_with('}') {
                in_group = false;
                continue;
            }
            for item in t.split(',') {
                let name = item.trim().split("::").next().unwrap_or("");
                if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    out.insert(name.to_string());
                }
            }
        }
    }
    out
}

/// The import graph of the core's top-level modules (`optim/adam.rs` is `optim`).
fn graph(src: &Path) -> Graph {
    let mut paths = Vec::new();
    files(src, &mut paths);
    let mut g = Graph::new();
    for p in paths {
        let rel = p.strip_prefix(src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" {
            continue;
        }
        let source = fs::read_to_string(&p).unwrap();
        let deps = g.entry(top.clone()).or_default();
        deps.extend(imports(&source).into_iter().filter(|m| *m != top));
    }
    g
}

/// A cycle, as the modules along it (first repeated at the end), if the graph has one.
fn cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        m: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut c = path[i..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for d in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(g, d, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in g.keys() {
        if let Some(c) = visit(g, m, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_core_modules_import_each_other_without_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    assert!(g.len() > 15, "found only {:?}", g.keys());
    assert!(g["run"].contains("settings"), "{:?}", g["run"]);
    if let Some(c) = cycle(&g) {
        panic!(
            "the core's modules import each other in a circle: {}",
            c.join(" → ")
        );
    }
    // The leaves stay leaves: number formatting and intervals import nothing of the crate.
    assert!(g["numfmt"].is_empty(), "{:?}", g["numfmt"]);
    assert!(g["range"].is_empty(), "{:?}", g["range"]);
}

#[test]
fn a_circle_is_found_and_named() {
    let source =
        "use crate::b::x;\nfn f() { crate::c::g() }\n#[cfg(test)]\nmod tests { use crate::d; }";
    assert_eq!(
        imports(source),
        ["b", "c"].map(String::from).into_iter().collect()
    );
    assert_eq!(
        imports("use crate::{\n    a::x,\n    b,\n};\n"),
        ["a", "b"].map(String::from).into_iter().collect()
    );
    let mut g = Graph::new();
    for (m, deps) in [
        ("codec", &["compare"][..]),
        ("compare", &["run"]),
        ("run", &["codec"]),
        ("rng", &[]),
    ] {
        g.insert(m.into(), deps.iter().map(|d| d.to_string()).collect());
    }
    assert_eq!(cycle(&g).unwrap(), ["codec", "compare", "run", "codec"]);
    g.get_mut("run").unwrap().clear();
    assert_eq!(cycle(&g), None);
}
