//! The rule tables of README.md and docs/fixes.md against the registry
//! (`copyedit_core::rules::RULES`): every rule, in the registry's order,
//! with its default severity and whether it fixes. Adding or changing a
//! rule without its rows fails here.

use copyedit_core::rules::{RuleMeta, RULES};

/// The rows of the Markdown table whose header row starts with `header`:
/// each row's cells, trimmed.
fn table(doc: &str, header: &str) -> Vec<Vec<String>> {
    let mut lines = doc.lines().skip_while(|l| !l.starts_with(header));
    assert!(lines.next().is_some(), "no table headed `{header}`");
    lines
        .skip(1) // |---|---|
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn registry() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|r| &r.meta).collect()
}

/// The rule code of a row: its first cell, in backticks.
fn code(row: &[String]) -> &str {
    row[0].trim_matches('`')
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let rows = table(
        &read("README.md"),
        "| code | default | fix | what it finds |",
    );
    let codes: Vec<&str> = rows.iter().map(|r| code(r)).collect();
    let expected: Vec<&str> = registry().iter().map(|m| m.code).collect();
    assert_eq!(codes, expected, "README.md: rules or their order");
    for (row, meta) in rows.iter().zip(registry()) {
        // `warning (info in Markdown with code)`: the default comes first.
        let severity = row[1].split_whitespace().next().unwrap_or("");
        assert_eq!(
            severity,
            meta.default_severity.as_str(),
            "README.md: `{}` default",
            meta.code
        );
        let fix = row[2].split_whitespace().next().unwrap_or("");
        let fixable = if meta.fixable { "yes" } else { "no" };
        assert_eq!(fix, fixable, "README.md: `{}` fix", meta.code);
        assert!(
            row.len() == 4 && !row[3].is_empty(),
            "README.md: `{}` row",
            meta.code
        );
    }
}

#[test]
fn fixes_table_matches_the_registry() {
    let rows = table(
        &read("docs/fixes.md"),
        "| rule | Safe (applied by `fix`) | Unsafe (only with `fix --unsafe`) |",
    );
    let codes: Vec<&str> = rows.iter().map(|r| code(r)).collect();
    let expected: Vec<&str> = registry().iter().map(|m| m.code).collect();
    assert_eq!(codes, expected, "docs/fixes.md: rules or their order");
    for (row, meta) in rows.iter().zip(registry()) {
        assert_eq!(row.len(), 3, "docs/fixes.md: `{}` row", meta.code);
        // A rule without fixes has none either way; a rule with fixes
        // names one at least.
        let none = |cell: &str| cell.starts_with('—');
        let has_fix = !(none(&row[1]) && none(&row[2]));
        assert_eq!(
            has_fix, meta.fixable,
            "docs/fixes.md: `{}` fixes",
            meta.code
        );
    }
}
