//! README.md's table of rules and docs/fixes.md's table of fixes are
//! generated from the registry (`copyedit_core::rules::RULES`: each rule's
//! `META`, its `docs` included), in the registry's order, between two
//! marker comments. This test fails while a table is out of date;
//!
//! ```sh
//! UPDATE_TABLES=1 cargo test --test rule_tables
//! ```
//!
//! rewrites them (then read the diff and commit it).

use std::fmt::Write as _;
use std::path::PathBuf;

use copyedit_core::rules::{RuleMeta, RULES};

fn registry() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| &r.meta)
}

/// `text (note)`, or `text` when the note is empty.
fn with_note(text: &str, note: &str) -> String {
    if note.is_empty() {
        text.to_string()
    } else {
        format!("{text} ({note})")
    }
}

/// README.md's table: code, default severity, whether it fixes, what it
/// finds.
fn rule_table() -> String {
    let mut out = String::from("| code | default | fix | what it finds |\n|---|---|---|---|\n");
    for m in registry() {
        let fix = if m.fixable { "yes" } else { "no" };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            m.code,
            with_note(m.default_severity.as_str(), m.docs.severity_note),
            with_note(fix, m.docs.fix_note),
            m.docs.finds
        );
    }
    out
}

/// docs/fixes.md's table: each rule's Safe and Unsafe fixes.
fn fix_table() -> String {
    let mut out = String::from(
        "| rule | Safe (applied by `fix`) | Unsafe (only with `fix --unsafe`) |\n|---|---|---|\n",
    );
    for m in registry() {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            m.code, m.docs.safe_fixes, m.docs.unsafe_fixes
        );
    }
    out
}

/// Check (or, with `UPDATE_TABLES=1`, rewrite) the generated table `name`
/// of the file at `path` (from the repository's root).
fn generated(path: &str, name: &str, table: &str) {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
    let begin = format!(
        "<!-- begin {name}: generated from each rule's META by tests/rule_tables.rs \
         (UPDATE_TABLES=1 cargo test --test rule_tables); do not edit by hand -->\n"
    );
    let end = format!("<!-- end {name} -->\n");
    let start = text
        .find(&begin)
        .unwrap_or_else(|| panic!("{path}: no line `{}`", begin.trim_end()))
        + begin.len();
    let stop = start
        + text[start..]
            .find(&end)
            .unwrap_or_else(|| panic!("{path}: no line `{}`", end.trim_end()));
    let fresh = format!("{}\n{table}\n{}", &text[..start], &text[stop..]);
    if fresh == text {
        return;
    }
    if std::env::var_os("UPDATE_TABLES").is_some_and(|v| v == "1") {
        std::fs::write(&file, fresh).unwrap_or_else(|e| panic!("{path}: {e}"));
        return;
    }
    let old = &text[start..stop];
    let line = table
        .lines()
        .zip(old.lines().skip(1))
        .find(|(new, old)| new != old)
        .map_or_else(String::new, |(new, old)| {
            format!("\n  now:      {old}\n  expected: {new}")
        });
    panic!(
        "{path}: the {name} is out of date with the rules' metadata (rules/registry.rs \
         and each rule's META.docs).{line}\nRun `UPDATE_TABLES=1 cargo test --test rule_tables` \
         and commit the result."
    );
}

#[test]
fn readme_rule_table_is_generated_from_the_registry() {
    generated("README.md", "rule table", &rule_table());
}

#[test]
fn fixes_table_is_generated_from_the_registry() {
    generated("docs/fixes.md", "fix table", &fix_table());
}

/// What the tables say agrees with the metadata: a rule that fixes names a
/// fix, one that does not names none, and every cell has text (a `|` would
/// break the table).
#[test]
fn each_rules_docs_fit_its_metadata() {
    for m in registry() {
        let d = &m.docs;
        let none = |cell: &str| cell.starts_with('—') || cell == "never";
        assert_eq!(
            !(none(d.safe_fixes) && none(d.unsafe_fixes)),
            m.fixable,
            "`{}`: its docs' fixes and `fixable`",
            m.code
        );
        for cell in [d.finds, d.safe_fixes, d.unsafe_fixes] {
            assert!(
                !cell.trim().is_empty() && !cell.contains('|') && !cell.contains('\n'),
                "`{}`: a table cell `{cell}`",
                m.code
            );
        }
    }
}
