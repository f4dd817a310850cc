//! One fixture per rule, run through the whole pipeline (`Linter::check`:
//! rules, suppression, quotations, directives), its problems under that
//! rule kept as an `insta` snapshot (`tests/snapshots/`), in the manner of
//! ruff. The fixture of rule CODE is `tests/fixtures/CODE.md` (or `.txt`
//! for a plain-text rule), with an optional `CODE.toml` configuration
//! (`copyedit.toml` syntax). Every registered rule needs one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use copyedit_core::config::Settings;
use copyedit_core::rules::RULES;
use copyedit_core::{Config, Diagnostic, Format, Linter};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Line and column (both from 1, the column in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Each problem: where, severity, message, what it flags; its fixes (each
/// with its applicability and edits), notes and suppression. A note that
/// lists every registered rule (`directive` on an unknown code) shows the
/// list as `{every rule}`, so that adding or removing a rule changes no
/// other rule's snapshot (a wrong list would still show, and fail).
fn render(text: &str, diagnostics: &[&Diagnostic]) -> String {
    let every_rule = RULES
        .iter()
        .map(|r| r.meta.code)
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = String::new();
    for d in diagnostics {
        let (l1, c1) = position(text, d.span.start);
        let (l2, c2) = position(text, d.span.end);
        let _ = writeln!(
            out,
            "{l1}:{c1}-{l2}:{c2} {} {} {:?}",
            d.severity,
            d.message,
            &text[d.span.clone()]
        );
        for f in &d.fixes {
            let edits: Vec<String> = f
                .edits
                .iter()
                .map(|e| format!("{:?} -> {:?}", &text[e.span.clone()], e.replacement))
                .collect();
            let _ = writeln!(
                out,
                "  fix ({}): {} [{}]",
                f.applicability.as_str(),
                f.title,
                edits.join(", ")
            );
        }
        for n in &d.notes {
            let n = n.replace(&every_rule, "{every rule}");
            let _ = writeln!(out, "  note: {n}");
        }
        if let Some(s) = d.suppressed {
            let _ = writeln!(out, "  suppressed: {}", s.as_str());
        }
    }
    out
}

/// The configuration of a fixture: its `.toml`, if any.
fn config(code: &str) -> Config {
    let path = fixtures().join(format!("{code}.toml"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Config::default();
    };
    let s = Settings::parse(&text, &path).unwrap_or_else(|e| panic!("{e}"));
    Config {
        lang: s.lang.unwrap_or_default(),
        words: s.words,
        rules: s.rules,
        forbid: s.forbid,
        ..Config::default()
    }
}

#[test]
fn every_rule_on_its_fixture() {
    for rule in RULES {
        let code = rule.meta.code;
        let (path, format) = [("md", Format::Markdown), ("txt", Format::Plain)]
            .into_iter()
            .map(|(ext, format)| (fixtures().join(format!("{code}.{ext}")), format))
            .find(|(path, _)| path.exists())
            .unwrap_or_else(|| panic!("rule `{code}` has no fixture in tests/fixtures"));
        let text = std::fs::read_to_string(&path).unwrap();
        let diagnostics = Linter::new(config(code)).check(&text, format);
        let own: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.rule == code).collect();
        assert!(!own.is_empty(), "`{code}` flags nothing in its fixture");
        insta::assert_snapshot!(code, render(&text, &own));
    }
}
