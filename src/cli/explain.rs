//! `copyedit explain RULE` and `copyedit rules`.

use std::io::Write;

use copyedit_core::rules::{find, RULES};

use super::{FAILURE, SUCCESS};

pub(super) fn explain(code: &str) -> u8 {
    let Some(rule) = find(code).map(|r| &r.meta) else {
        let codes: Vec<&str> = RULES.iter().map(|r| r.meta.code).collect();
        super::plain_error(format_args!(
            "no rule `{code}` (rules: {})",
            codes.join(", ")
        ));
        return FAILURE;
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} ({}; default severity: {}; {})\n\n{}",
        rule.code,
        rule.summary,
        rule.default_severity,
        if rule.fixable {
            "has fixes"
        } else {
            "no fixes"
        },
        rule.explanation
    );
    SUCCESS
}

pub(super) fn list() -> u8 {
    let mut out = std::io::stdout().lock();
    let width = RULES.iter().map(|r| r.meta.code.len()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "{:width$}  {:8}  {:5}  summary",
        "code", "severity", "fix"
    );
    for r in RULES.iter().map(|r| &r.meta) {
        let _ = writeln!(
            out,
            "{:width$}  {:8}  {:5}  {}",
            r.code,
            r.default_severity.as_str(),
            if r.fixable { "yes" } else { "no" },
            r.summary
        );
    }
    SUCCESS
}
