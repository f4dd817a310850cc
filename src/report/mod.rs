//! Reporters turn diagnostics into text: `human` (rustc-style), `concise`
//! (one line each), `json` (a stable interface for other tools), `sarif`
//! (SARIF 2.1.0) and `github` (GitHub Actions workflow commands).

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;

use crate::diagnostic::{Diagnostic, Severity};
use crate::language::SkipReason;
use crate::walk::{Checked, InputError};

pub use json::JSON_VERSION;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// rustc-style snippets with suggestions and a summary line.
    Human,
    /// `path:line:col: severity[rule]: message`, one per line.
    Concise,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

/// Byte offset → 1-based line and column (in Unicode scalar values).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars[i]`: characters in the first `i * COLUMN_STRIDE` bytes, so a
    /// column on a long line is found without counting from the line start
    /// (a million problems on one 20 MB line would otherwise be quadratic).
    chars: Vec<usize>,
}

/// Bytes between the character-count checkpoints of a [`LineIndex`].
const COLUMN_STRIDE: usize = 256;

/// Characters in `bytes` (UTF-8): the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars = Vec::with_capacity(text.len() / COLUMN_STRIDE + 2);
        let mut n = 0;
        chars.push(n);
        for chunk in text.as_bytes().chunks(COLUMN_STRIDE) {
            n += count_chars(chunk);
            chars.push(n);
        }
        LineIndex { starts, chars }
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let k = offset / COLUMN_STRIDE;
        let base = self.chars.get(k).copied().unwrap_or(0);
        let rest = text.as_bytes().get(k * COLUMN_STRIDE..offset);
        base + rest.map_or(0, count_chars)
    }

    /// 0-based index of the line holding byte `offset`, and its start.
    pub(crate) fn line_start(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        (line, self.starts.get(line).copied().unwrap_or(0))
    }

    /// 1-based (line, column) of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, start) = self.line_start(offset);
        let col = if offset.saturating_sub(start) <= COLUMN_STRIDE {
            text.as_bytes().get(start..offset).map_or(0, count_chars)
        } else {
            self.chars_before(text, offset)
                .saturating_sub(self.chars_before(text, start))
        };
        (line + 1, col + 1)
    }
}

/// Counts for the final line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files (and stdin) checked successfully.
    pub files: usize,
    /// Files with at least one reported problem.
    pub files_with_problems: usize,
    /// Reported errors.
    pub errors: usize,
    /// Reported warnings.
    pub warnings: usize,
    /// Reported infos.
    pub infos: usize,
    /// Inputs that could not be read or decoded.
    pub unreadable: usize,
    /// Problems silenced by `[sic]` or directives.
    pub suppressed: usize,
    /// Files not checked because they are not English (not in `files`).
    pub skipped_not_english: usize,
    /// Walked files not checked because they are not prose (not in `files`).
    pub skipped_not_prose: usize,
}

impl Summary {
    /// Count the results.
    pub fn of(results: &[Result<Checked, InputError>]) -> Self {
        let mut s = Summary::default();
        for r in results {
            match r {
                Ok(c) if c.skipped.is_some() => match c.skipped.as_ref().map(|k| k.reason) {
                    Some(SkipReason::NotProse) => s.skipped_not_prose += 1,
                    _ => s.skipped_not_english += 1,
                },
                Ok(c) => {
                    s.files += 1;
                    let mut any = false;
                    for d in &c.diagnostics {
                        if d.suppressed.is_some() {
                            s.suppressed += 1;
                            continue;
                        }
                        any = true;
                        match d.severity {
                            Severity::Error => s.errors += 1,
                            Severity::Warning => s.warnings += 1,
                            Severity::Info => s.infos += 1,
                        }
                    }
                    s.files_with_problems += usize::from(any);
                }
                Err(_) => s.unreadable += 1,
            }
        }
        s
    }

    /// Files not checked (not English, not prose).
    pub fn skipped(&self) -> usize {
        self.skipped_not_english + self.skipped_not_prose
    }

    /// Problems of all severities.
    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The final line of human output.
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut out = if self.problems() == 0 {
            format!("no problems found in {}", plural(self.files, "file"))
        } else {
            let mut parts = Vec::new();
            if self.errors > 0 {
                parts.push(plural(self.errors, "error"));
            }
            if self.warnings > 0 {
                parts.push(plural(self.warnings, "warning"));
            }
            if self.infos > 0 {
                parts.push(plural(self.infos, "info"));
            }
            format!(
                "{} ({}) in {}",
                plural(self.problems(), "problem"),
                parts.join(", "),
                plural(self.files_with_problems, "file")
            )
        };
        if self.skipped() > 0 {
            let why = match (self.skipped_not_english, self.skipped_not_prose) {
                (_, 0) => "not English".to_string(),
                (0, _) => "not prose".to_string(),
                (e, p) => format!("{e} not English, {p} not prose"),
            };
            out.push_str(&format!(
                "; skipped {}: {why}",
                plural(self.skipped(), "file")
            ));
        }
        if self.unreadable > 0 {
            out.push_str(&format!(
                "; {} could not be read",
                plural(self.unreadable, "file")
            ));
        }
        out
    }
}

/// What to print.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The format.
    pub format: OutputFormat,
    /// Also print suppressed diagnostics (as notes).
    pub show_suppressed: bool,
    /// Warnings about the inputs (a directory with no file to check): the
    /// caller prints them on standard error; JSON lists them too.
    pub warnings: Vec<InputError>,
}

/// Whether a diagnostic is shown under these options.
pub fn shown(d: &Diagnostic, opts: &ReportOptions) -> bool {
    d.suppressed.is_none() || opts.show_suppressed
}

/// Write a report of all results. Input errors go to `err` (one line each)
/// except in JSON, where they are part of the document.
pub fn report<W: WriteColor, E: Write>(
    out: &mut W,
    err: &mut E,
    results: &[Result<Checked, InputError>],
    opts: &ReportOptions,
) -> io::Result<()> {
    if opts.format != OutputFormat::Json {
        for r in results {
            if let Err(e) = r {
                writeln!(err, "copyedit: error: {}: {}", e.path, e.message)?;
            }
        }
    }
    match opts.format {
        OutputFormat::Human => human::report(out, results, opts),
        OutputFormat::Concise => concise(out, results, opts),
        OutputFormat::Json => json::report(out, results, opts),
        OutputFormat::Sarif => sarif::report(out, results, opts),
        OutputFormat::Github => github::report(out, results, opts),
    }
}

fn concise<W: Write>(
    out: &mut W,
    results: &[Result<Checked, InputError>],
    opts: &ReportOptions,
) -> io::Result<()> {
    // One write per problem would be a system call per line on a pipe.
    let mut out = io::BufWriter::new(out);
    for c in results.iter().flatten() {
        let index = LineIndex::new(&c.text);
        let name = c.source.display_name();
        for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
            let (line, col) = index.position(&c.text, d.span.start);
            let suppressed = d
                .suppressed
                .map(|s| format!(" (suppressed: {})", s.as_str()))
                .unwrap_or_default();
            writeln!(
                out,
                "{name}:{line}:{col}: {}[{}]: {}{suppressed}",
                d.severity, d.rule, d.message
            )?;
        }
    }
    out.flush()
}

/// `help:` lines for a diagnostic's fixes.
pub fn help_lines(d: &Diagnostic) -> Vec<String> {
    let replacements: Option<Vec<&str>> = d
        .fixes
        .iter()
        .map(|f| match f.edits.as_slice() {
            [e] if e.span == d.span && !e.replacement.is_empty() => Some(e.replacement.as_str()),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    match replacements {
        Some(words) if !words.is_empty() => {
            if let Some(first) = words.first() {
                out.push(format!("help: did you mean `{first}`?"));
            }
            if words.len() > 1 {
                let rest: Vec<String> = words.iter().skip(1).map(|w| format!("`{w}`")).collect();
                out.push(format!("other suggestions: {}", rest.join(", ")));
            }
        }
        _ => {
            for f in &d.fixes {
                out.push(format!("help: {}", f.title));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_in_chars() {
        let text = "ab\n€xy\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        assert_eq!(idx.position(text, text.find('x').unwrap()), (2, 2));
        assert_eq!(idx.position(text, text.len()), (3, 1));
    }

    #[test]
    fn columns_on_long_lines_cross_checkpoints() {
        let text = format!("x\n{}\n", "é".repeat(3 * COLUMN_STRIDE));
        let idx = LineIndex::new(&text);
        let s = COLUMN_STRIDE;
        for n in [0, 1, s / 2 - 1, s / 2, s / 2 + 1, s, 2 * s + 3, 3 * s] {
            let offset = 2 + 2 * n;
            assert_eq!(idx.position(&text, offset), (2, n + 1), "{n}");
        }
        assert_eq!(idx.position(&text, text.len()), (3, 1));
    }

    #[test]
    fn summary_line() {
        let s = Summary {
            files: 3,
            files_with_problems: 2,
            errors: 2,
            warnings: 1,
            ..Summary::default()
        };
        assert_eq!(s.line(), "3 problems (2 errors, 1 warning) in 2 files");
        let s = Summary {
            files: 1,
            ..Summary::default()
        };
        assert_eq!(s.line(), "no problems found in 1 file");
        let s = Summary {
            files: 2,
            skipped_not_english: 195,
            ..Summary::default()
        };
        assert_eq!(
            s.line(),
            "no problems found in 2 files; skipped 195 files: not English"
        );
        let s = Summary {
            files: 2,
            skipped_not_english: 3,
            skipped_not_prose: 1,
            unreadable: 1,
            ..Summary::default()
        };
        assert_eq!(
            s.line(),
            "no problems found in 2 files; skipped 4 files: 3 not English, 1 not prose; \
             1 file could not be read"
        );
    }
}
