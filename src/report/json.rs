//! The JSON format: one document, version 1. Other tools parse it; keep it
//! stable (add fields, never rename or remove them).

use std::io::{self, Write};

use serde::Serialize;

use super::{shown, LineIndex, ReportOptions, Summary};
use crate::walk::{Checked, InputError};

/// The `version` field of the JSON output.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
    skipped: Vec<JsonSkipped<'a>>,
    warnings: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    path: String,
    reason: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: String,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    fixes: Vec<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    files_with_problems: usize,
    problems: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    unreadable: usize,
    skipped: usize,
}

pub(super) fn report<W: Write>(
    out: &mut W,
    results: &[Result<Checked, InputError>],
    opts: &ReportOptions,
) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    for r in results {
        let c = match r {
            Ok(c) => c,
            Err(e) => {
                errors.push(JsonError {
                    path: &e.path,
                    message: &e.message,
                });
                continue;
            }
        };
        if let Some(skip) = &c.skipped {
            skipped.push(JsonSkipped {
                path: c.source.display_name(),
                reason: skip.reason.code(),
                message: &skip.detail,
            });
            continue;
        }
        let index = LineIndex::new(&c.text);
        let path = c.source.display_name();
        for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
            let (line, column) = index.position(&c.text, d.span.start);
            let (end_line, end_column) = index.position(&c.text, d.span.end);
            diagnostics.push(JsonDiagnostic {
                path: path.clone(),
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                line,
                column,
                end_line,
                end_column,
                byte_start: d.span.start,
                byte_end: d.span.end,
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| JsonFix {
                        title: &f.title,
                        applicability: f.applicability.as_str(),
                        edits: f
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                byte_start: e.span.start,
                                byte_end: e.span.end,
                                replacement: &e.replacement,
                            })
                            .collect(),
                    })
                    .collect(),
                suppressed: d.suppressed.map(|s| s.as_str()),
            });
        }
    }
    let s = Summary::of(results);
    let doc = Document {
        version: JSON_VERSION,
        diagnostics,
        errors,
        summary: JsonSummary {
            files: s.files,
            files_with_problems: s.files_with_problems,
            problems: s.problems(),
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            suppressed: s.suppressed,
            unreadable: s.unreadable,
            skipped: s.skipped(),
        },
        skipped,
        warnings: opts
            .warnings
            .iter()
            .map(|w| JsonError {
                path: &w.path,
                message: &w.message,
            })
            .collect(),
    };
    // `From` keeps the kind of a write error (a closed pipe is not a failure).
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)
}
