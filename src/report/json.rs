//! The JSON format: one document, version 1. Other tools parse it; keep it
//! stable (add fields, never rename or remove them).

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::{shown, LineIndex, ReportOptions, Summary};
use crate::walk::{Checked, InputError};

/// The `version` field of the JSON output.
pub const JSON_VERSION: u32 = 1;

/// What follows the `diagnostics` array in the document, in its order
/// (`version` and `diagnostics` come first, written as the files come).
#[derive(Serialize)]
struct Tail<'a> {
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
    skipped: Vec<JsonSkipped<'a>>,
    warnings: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    path: String,
    reason: &'a str,
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
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
    path: Cow<'a, str>,
    message: Cow<'a, str>,
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
    /// Files whose check stopped at the limit of problems: present only
    /// when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    capped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The document written as the files come: the `diagnostics` array one
/// problem at a time, byte for byte as `serde_json`'s pretty printer writes
/// the whole document; errors and skipped files (one small entry per file
/// at most) are kept for the end.
#[derive(Debug, Default)]
pub(super) struct Stream {
    /// The document's opening and the array's have been written.
    started: bool,
    /// A problem has been written (the next needs a comma).
    any: bool,
    /// Input errors: (path, message).
    errors: Vec<(String, String)>,
    /// Skipped files: (path, reason code, message).
    skipped: Vec<(String, &'static str, String)>,
    /// Scratch buffer for one problem.
    buf: Vec<u8>,
}

/// The indentation of an element of the `diagnostics` array.
const ELEMENT_INDENT: &[u8] = b"    ";

impl Stream {
    fn start<W: Write>(&mut self, out: &mut W) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                out,
                "{{\n  \"version\": {JSON_VERSION},\n  \"diagnostics\": ["
            )?;
        }
        Ok(())
    }

    /// Add one result.
    pub(super) fn file<W: Write>(
        &mut self,
        out: &mut W,
        r: &Result<Checked, InputError>,
        opts: &ReportOptions,
    ) -> io::Result<()> {
        self.start(out)?;
        let c = match r {
            Ok(c) => c,
            Err(e) => {
                self.errors.push((e.path.clone(), e.message.clone()));
                return Ok(());
            }
        };
        if let Some(skip) = &c.skipped {
            self.skipped.push((
                c.source.display_name(),
                skip.reason.code(),
                skip.detail.clone(),
            ));
            return Ok(());
        }
        if !c.diagnostics.iter().any(|d| shown(d, opts)) {
            return Ok(());
        }
        // One write per problem would be a system call per line on a pipe.
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        let index = LineIndex::new(&c.text);
        let path = c.source.display_name();
        for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
            let (line, column) = index.position(&c.text, d.span.start);
            let (end_line, end_column) = index.position(&c.text, d.span.end);
            let diagnostic = JsonDiagnostic {
                path: &path,
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
            };
            self.buf.clear();
            serde_json::to_writer_pretty(&mut self.buf, &diagnostic).map_err(io::Error::from)?;
            out.write_all(if self.any { b",\n" } else { b"\n" })?;
            self.any = true;
            // A string never holds a raw line break: every line of the
            // element moves in by two levels.
            for (i, line) in self.buf.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(ELEMENT_INDENT)?;
                out.write_all(line)?;
            }
        }
        out.flush()
    }

    /// Close the array and write the rest of the document.
    pub(super) fn finish<W: Write>(
        mut self,
        out: &mut W,
        s: &Summary,
        opts: &ReportOptions,
    ) -> io::Result<()> {
        self.start(out)?;
        out.write_all(if self.any { b"\n  ]" } else { b"]" })?;
        let tail = Tail {
            errors: self
                .errors
                .iter()
                .map(|(path, message)| JsonError {
                    path: Cow::Borrowed(path),
                    message: Cow::Borrowed(message),
                })
                .collect(),
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
                capped: s.capped,
            },
            skipped: self
                .skipped
                .iter()
                .map(|(path, reason, message)| JsonSkipped {
                    path: path.clone(),
                    reason,
                    message: message.clone(),
                })
                .collect(),
            warnings: opts
                .warnings
                .iter()
                .map(|w| JsonError {
                    path: Cow::Borrowed(&w.path),
                    message: Cow::Borrowed(&w.message),
                })
                .collect(),
        };
        // `{\n  "errors": …\n}`: the same fields at the same depth as in
        // the whole document; the opening brace is ours already.
        let tail = serde_json::to_vec_pretty(&tail).map_err(io::Error::from)?;
        out.write_all(b",")?;
        out.write_all(tail.get(1..).unwrap_or_default())?;
        writeln!(out)
    }
}
