//! The formula templates of the update rules (each a `…FORMULA` constant in its family's file, beside its `update`): the rule as the maths panel writes it, and the same rule with one step's numbers, in one small notation.
//!
//! Each optimizer's [`crate::optim::Entry::formula`] is the text of its template. The
//! page renders it to MathML (`web/maths.js`, which knows no optimizer); the core only splits
//! it into lines and checks, in its tests, that every value it names is one the update
//! records. The notation, line by line:
//!
//! ```text
//! # a comment
//! rule: θ_t = θ_{t−1} − η·g_t              a line of the symbolic rule
//! rule [mom = 0]: …                        … shown only when its guard holds
//! numbers: % ← #theta − #lr·#g = #recorded!   a line with this step's numbers, per component
//! note [t = 1]: first                      a sentence under the rule (the page's `maths.first`)
//! stable: η < \frac{2}{λ_1}                 the learning rates stable on the local quadratic
//! source: stable.gd                        the sentence under them: why, and where it is from
//! terms: bc1 bc2 m_hat v_hat               recorded terms listed in the state table
//! scalars: bc1 bc2 mu_product              names whose value is one number (shown once)
//! ```
//!
//! Guards are comma-separated conditions that all must hold: `name`, `!name` (a recorded term
//! that exists, or a hyperparameter that is not 0), or `name op number` with `op` one of
//! `= < >` and `name` a hyperparameter, `t` (the update count) or `i` (the component, 0 or 1).
//!
//! In a math body: a letter is a variable (a run of ASCII letters, such as `max`, is one
//! name), `′ ⁺ ⁻` stick to the name before them, digits make a number, anything else is an
//! operator; `_x` and `^x` attach a subscript and superscript (one symbol, or a `{group}`);
//! `\frac{a}{b}`, `\sqrt{a}`, `\hat{a}`, `\text{…}`, `\word{if}` (a word translated by the
//! page: `if`, `otherwise`, `where`), `\quad` (a space) and `\matrix{row0 row1}` (a matrix
//! whose rows are recorded terms). `%` is the component's name (x, y, w, b…). `#name` is a
//! value of the step: `theta` (θ_k), `lr`, `t`, `recorded` (θ_{k+1} as recorded), a recorded
//! term, a hyperparameter, or `before.<state>` / `after.<state>`; a trailing `!` marks the
//! line's result. A negative number gets brackets wherever it follows an operator.

/// What a template line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A line of the symbolic rule.
    Rule,
    /// A line with the step's numbers, one per component.
    Numbers,
    /// A sentence under the rule, by the page's string key (`maths.<key>`).
    Note,
    /// A line of the stable learning rates on the local quadratic (symbolic, in λ₁ and
    /// the hyperparameters; `Optimizer::band` computes the same bound).
    Stable,
    /// The sentence under the stable learning rates: where the bound comes from, by the
    /// page's string key (`maths.<key>`).
    Source,
    /// Recorded terms the state table lists.
    Terms,
    /// Names whose value is a single number.
    Scalars,
}

impl LineKind {
    /// The word that starts the line.
    pub fn name(self) -> &'static str {
        match self {
            LineKind::Rule => "rule",
            LineKind::Numbers => "numbers",
            LineKind::Note => "note",
            LineKind::Stable => "stable",
            LineKind::Source => "source",
            LineKind::Terms => "terms",
            LineKind::Scalars => "scalars",
        }
    }

    fn from_name(s: &str) -> Option<LineKind> {
        [
            LineKind::Rule,
            LineKind::Numbers,
            LineKind::Note,
            LineKind::Stable,
            LineKind::Source,
            LineKind::Terms,
            LineKind::Scalars,
        ]
        .into_iter()
        .find(|k| k.name() == s)
    }
}

/// One line of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// What it is.
    pub kind: LineKind,
    /// Its guard, without the brackets ("" when it always shows).
    pub when: &'static str,
    /// What follows the colon, trimmed.
    pub body: &'static str,
}

/// The lines of a template, or the first malformed line (its number from 1, and why).
pub fn lines(text: &'static str) -> Result<Vec<Line>, (usize, &'static str)> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((head, body)) = line.split_once(':') else {
            return Err((n + 1, "no colon after the line's kind"));
        };
        let (kind, when) = match head.split_once('[') {
            Some((kind, rest)) => match rest.trim_end().strip_suffix(']') {
                Some(when) => (kind.trim(), when.trim()),
                None => return Err((n + 1, "a guard without its closing ]")),
            },
            None => (head.trim(), ""),
        };
        let Some(kind) = LineKind::from_name(kind) else {
            return Err((
                n + 1,
                "unknown kind (rule, numbers, note, stable, source, terms or scalars)",
            ));
        };
        out.push(Line {
            kind,
            when,
            body: body.trim(),
        });
    }
    Ok(out)
}

/// The names a line refers to: the `#name` values of a math body (without a trailing `!`),
/// the names of its guard, and the names listed by `terms:` and `scalars:` lines.
pub fn references(line: &Line) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = line
        .when
        .split(',')
        .map(|c| {
            let c = c.trim().trim_start_matches('!');
            c.split(['=', '<', '>']).next().unwrap_or("").trim()
        })
        .filter(|c| !c.is_empty())
        .collect();
    match line.kind {
        LineKind::Rule | LineKind::Numbers => {
            let b = line.body;
            let mut rest = b;
            while let Some(at) = rest.find('#') {
                let tail = &rest[at + 1..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                    .unwrap_or(tail.len());
                out.push(&tail[..end]);
                rest = &tail[end..];
            }
            // The rows of a matrix are terms too.
            let mut rest = b;
            while let Some(at) = rest.find("\\matrix{") {
                let tail = &rest[at + 8..];
                let end = tail.find('}').unwrap_or(tail.len());
                out.extend(tail[..end].split_whitespace());
                rest = &tail[end..];
            }
        }
        LineKind::Terms | LineKind::Scalars => out.extend(line.body.split_whitespace()),
        LineKind::Note | LineKind::Stable | LineKind::Source => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::observe::Terms;
    use crate::optim::{OptState, Optimizer, REGISTRY};
    use std::collections::BTreeSet;

    /// The names the update of `opt` records over 12 steps on a stretched bowl, with and
    /// without momentum (SGD keeps no buffer at μ = 0) and both sides of RAdam's switch.
    fn recorded(opt: Optimizer) -> BTreeSet<&'static str> {
        let mut names = BTreeSet::new();
        let mut variants = vec![opt];
        if opt.get("mom").is_some() {
            let mut off = opt;
            off.set("mom", 0.0);
            variants.push(off);
        }
        for o in variants {
            let mut state = OptState::new();
            let mut p = [1.3, -0.6];
            let h = o.needs_hessian().then_some([[2.0, 0.3], [0.3, 40.0]]);
            for _ in 0..12 {
                let mut terms = Terms::default();
                let g = [2.0 * p[0], 40.0 * p[1]];
                p = o.update_observed(&mut state, p, g, 0.01, h, &mut terms);
                names.extend(terms.terms.iter().map(|(n, _)| *n));
            }
        }
        names
    }

    /// Every optimizer's template parses, has a rule and a numbers line ending in the recorded
    /// θ, and names only what the page is given: a term its update records, one of its
    /// hyperparameters, its state before or after the step, or the step's θ, lr and t
    /// (`scalars:` may name its state as it is).
    #[test]
    fn every_template_names_only_what_the_update_records() {
        for e in REGISTRY {
            let lines = lines(e.formula)
                .unwrap_or_else(|(n, why)| panic!("the formula of {}, line {n}: {why}", e.name));
            let has = |k| lines.iter().any(|l| l.kind == k);
            assert!(has(LineKind::Rule), "{}: no rule line", e.name);
            assert!(has(LineKind::Numbers), "{}: no numbers line", e.name);
            let last = lines.iter().rev().find(|l| l.kind == LineKind::Numbers);
            assert!(
                last.unwrap().body.ends_with("= #recorded!"),
                "{}: the last numbers line ends at θ as recorded",
                e.name
            );
            let terms = recorded(e.default);
            let state: Vec<_> = e
                .state
                .iter()
                .chain(&["last_step", "effective_lr"])
                .collect();
            for line in &lines {
                for name in references(line) {
                    let known = ["theta", "lr", "t", "i", "recorded"].contains(&name)
                        || terms.contains(name)
                        || e.keys.contains(&name)
                        || line.kind == LineKind::Scalars && state.contains(&&name)
                        || name
                            .strip_prefix("before.")
                            .or_else(|| name.strip_prefix("after."))
                            .is_some_and(|s| state.contains(&&s));
                    assert!(
                        known,
                        "the formula of {} names `{name}`, which its update does not record \
                         (it records {terms:?})",
                        e.name
                    );
                }
            }
        }
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(
            lines("rule θ = 1"),
            Err((1, "no colon after the line's kind"))
        );
        assert_eq!(
            lines("# c\nrule [t = 1: x"),
            Err((2, "a guard without its closing ]"))
        );
        assert!(lines("formula: x").is_err());
        let l = lines("numbers [i = 0, !rect]: ρ_t = #rho_t! ≤ 5 \\matrix{a b}").unwrap();
        assert_eq!(l[0].when, "i = 0, !rect");
        assert_eq!(references(&l[0]), ["i", "rect", "rho_t", "a", "b"]);
    }
}
