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

use std::borrow::Cow;
use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;

use crate::walk::{Checked, InputError};
use copyedit_core::diagnostic::{Diagnostic, Severity};
use copyedit_core::language::SkipReason;

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
        // A line ends at LF, CRLF or a lone CR.
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| !(bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| i + 1),
        );
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

/// Whether a character must not reach a terminal or a CI log as it is: C0
/// and C1 controls (line breaks, escape sequences), DEL, the Unicode line
/// and paragraph separators, and the bidirectional controls that reorder
/// what is shown.
pub fn is_hostile_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with every [`is_hostile_char`] written as an escape (`\n`, `\r`,
/// `\t`, `\u{1b}`), so that a file name or a configuration string in a
/// message stays on one line and cannot drive a terminal or forge a GitHub
/// Actions workflow command (which starts a line with `::`).
pub fn escape_control(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hostile_char(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A text as a snippet shows it: every [`is_hostile_char`] but the line
/// feed and the tab is drawn as one visible character (C0 controls as their
/// Unicode control pictures, `\x1b` as `␛`, DEL as `␡`, the others as
/// `�`), as rustc does, and a lone carriage return ends a line as a line
/// feed would. One character stays one character, so columns and carets
/// stay where they were; [`Shown::span`] moves byte offsets of the text to
/// the shown text.
#[derive(Debug)]
pub struct Shown<'a> {
    text: Cow<'a, str>,
    /// (offset in the text just after a replaced character, total growth
    /// in bytes up to there), by offset.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Shown<'a> {
    /// The shown form of `text` (borrowed when nothing needs replacing).
    pub fn new(text: &'a str) -> Self {
        let replaced = |c: char, next: Option<char>| -> Option<char> {
            match c {
                '\n' | '\t' => None,
                '\r' if next == Some('\n') => None,
                '\r' => Some('\n'),
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
                '\u{7f}' => Some('\u{2421}'),
                c if is_hostile_char(c) => Some('\u{fffd}'),
                _ => None,
            }
        };
        let mut chars = text.char_indices().peekable();
        let mut out: Option<String> = None;
        let mut shifts = Vec::new();
        let mut growth = 0usize;
        let mut copied = 0;
        while let Some((i, c)) = chars.next() {
            let Some(r) = replaced(c, chars.peek().map(|&(_, n)| n)) else {
                continue;
            };
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            out.push_str(text.get(copied..i).unwrap_or(""));
            out.push(r);
            copied = i + c.len_utf8();
            // A replacement is never shorter than what it replaces.
            growth += r.len_utf8().saturating_sub(c.len_utf8());
            shifts.push((copied, growth));
        }
        let text = match out {
            Some(mut out) => {
                out.push_str(text.get(copied..).unwrap_or(""));
                Cow::Owned(out)
            }
            None => Cow::Borrowed(text),
        };
        Shown { text, shifts }
    }

    /// The text to show.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte `offset` of the text (on a character boundary) in the shown text.
    pub fn offset(&self, offset: usize) -> usize {
        let n = self.shifts.partition_point(|&(at, _)| at <= offset);
        let growth = n
            .checked_sub(1)
            .and_then(|i| self.shifts.get(i))
            .map_or(0, |&(_, g)| g);
        offset + growth
    }

    /// A span of the text in the shown text.
    pub fn span(&self, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.offset(span.start)..self.offset(span.end)
    }
}

/// One error line for standard error: `copyedit: error: MESSAGE`, or with
/// `--format github` an `::error` workflow command; either way escaped, so
/// nothing in the message can start a line of its own.
pub fn error_line(format: OutputFormat, message: &str) -> String {
    notice_line(format, "error", message)
}

/// A warning line, as [`error_line`].
pub fn warning_line(format: OutputFormat, message: &str) -> String {
    notice_line(format, "warning", message)
}

fn notice_line(format: OutputFormat, level: &str, message: &str) -> String {
    let message = escape_control(message);
    match format {
        OutputFormat::Github => format!(
            "::{level} title=copyedit::{}",
            github::escape_data(&message)
        ),
        _ => format!("copyedit: {level}: {message}"),
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
    /// Files whose check stopped at the limit of problems (`--max-problems`).
    pub capped: usize,
}

impl Summary {
    /// Count the results.
    pub fn of(results: &[Result<Checked, InputError>]) -> Self {
        let mut s = Summary::default();
        for r in results {
            s.add(r);
        }
        s
    }

    /// Count one more result.
    pub fn add(&mut self, r: &Result<Checked, InputError>) {
        let s = self;
        match r {
            Ok(c) if c.skipped.is_some() => match c.skipped.as_ref().map(|k| k.reason) {
                Some(SkipReason::NotProse) => s.skipped_not_prose += 1,
                _ => s.skipped_not_english += 1,
            },
            Ok(c) => {
                s.files += 1;
                s.capped += usize::from(c.capped);
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
        if self.capped > 0 {
            out.push_str(&format!(
                "; stopped at the limit of problems in {} (see --max-problems)",
                plural(self.capped, "file")
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

/// Write a report of all results. Input errors go to `err` (one line each,
/// escaped: [`error_line`]) in the human and concise formats; in JSON, SARIF
/// and GitHub's they are part of the document. The same as a [`Reporter`]
/// given every result in turn.
pub fn report<W: WriteColor, E: Write>(
    out: &mut W,
    err: &mut E,
    results: &[Result<Checked, InputError>],
    opts: &ReportOptions,
) -> io::Result<()> {
    let mut reporter = Reporter::new(opts);
    for r in results {
        reporter.file(out, err, r)?;
    }
    reporter.finish(out)
}

/// A report written as the results come, one file at a time and in order,
/// so that a run need not hold every file's text and problems until the
/// end: what is written for a file depends only on that file, and what
/// the end needs (the summary; JSON's errors and skipped files; SARIF's
/// results) is kept apart. Input errors go to `err` as they come in the
/// human and concise formats.
#[derive(Debug)]
pub struct Reporter<'o> {
    opts: &'o ReportOptions,
    summary: Summary,
    json: json::Stream,
    sarif: sarif::Stream,
}

impl<'o> Reporter<'o> {
    /// A report under `opts`; nothing is written yet.
    pub fn new(opts: &'o ReportOptions) -> Self {
        Reporter {
            opts,
            summary: Summary::default(),
            json: json::Stream::default(),
            sarif: sarif::Stream::default(),
        }
    }

    /// Report one result (the next in the run's order).
    pub fn file<W: WriteColor, E: Write>(
        &mut self,
        out: &mut W,
        err: &mut E,
        r: &Result<Checked, InputError>,
    ) -> io::Result<()> {
        self.summary.add(r);
        let opts = self.opts;
        if let (Err(e), OutputFormat::Human | OutputFormat::Concise) = (r, opts.format) {
            let line = error_line(opts.format, &format!("{}: {}", e.path, e.message));
            writeln!(err, "{line}")?;
        }
        match opts.format {
            OutputFormat::Human => human::file(out, r, opts),
            OutputFormat::Concise => concise(out, r, opts),
            OutputFormat::Json => self.json.file(out, r, opts),
            OutputFormat::Sarif => {
                self.sarif.file(r, opts);
                Ok(())
            }
            OutputFormat::Github => github::file(out, r, opts),
        }
    }

    /// The counts of the results reported so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// End the report: the summary line, or the rest of the document.
    pub fn finish<W: WriteColor>(self, out: &mut W) -> io::Result<()> {
        match self.opts.format {
            OutputFormat::Human => writeln!(out, "{}", self.summary.line()),
            OutputFormat::Concise | OutputFormat::Github => Ok(()),
            OutputFormat::Json => self.json.finish(out, &self.summary, self.opts),
            OutputFormat::Sarif => self.sarif.finish(out),
        }
    }
}

fn concise<W: Write>(
    out: &mut W,
    r: &Result<Checked, InputError>,
    opts: &ReportOptions,
) -> io::Result<()> {
    let Ok(c) = r else { return Ok(()) };
    if !c.diagnostics.iter().any(|d| shown(d, opts)) {
        return Ok(());
    }
    // One write per problem would be a system call per line on a pipe.
    let mut out = io::BufWriter::new(out);
    let index = LineIndex::new(&c.text);
    let name = c.source.display_name();
    let name = escape_control(&name);
    for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
        let (line, col) = index.position(&c.text, d.span.start);
        let suppressed = d
            .suppressed
            .map(|s| format!(" (suppressed: {})", s.as_str()))
            .unwrap_or_default();
        writeln!(
            out,
            "{name}:{line}:{col}: {}[{}]: {}{suppressed}",
            d.severity,
            d.rule,
            escape_control(&d.message)
        )?;
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
    fn hostile_characters_are_escaped() {
        assert!(matches!(escape_control("a b/c.md"), Cow::Borrowed(_)));
        assert_eq!(
            escape_control("x\n::error file=a::b\r\t\u{1b}[2J\u{202e}"),
            "x\\n::error file=a::b\\r\\t\\u{1b}[2J\\u{202e}"
        );
        assert_eq!(
            error_line(OutputFormat::Concise, "a\n::warning::forged 50%"),
            "copyedit: error: a\\n::warning::forged 50%"
        );
        assert_eq!(
            error_line(OutputFormat::Github, "a\n::warning::forged 50%"),
            "::error title=copyedit::a\\n::warning::forged 50%25"
        );
    }

    #[test]
    fn snippets_show_control_characters_one_for_one() {
        let text = "a\x1b[2Jb\rc\r\nd\u{202e}e\tf\u{85}";
        let shown = Shown::new(text);
        assert_eq!(shown.text(), "a\u{241b}[2Jb\nc\r\nd\u{fffd}e\tf\u{fffd}");
        assert_eq!(shown.text().chars().count(), text.chars().count());
        for (i, _) in text.char_indices() {
            let c = text[i..].chars().next().unwrap();
            let s = shown.text()[shown.offset(i)..].chars().next().unwrap();
            assert_eq!(
                c == s,
                !is_hostile_char(c) || c == '\t' || c == '\n' || (c == '\r' && s == '\r')
            );
        }
        assert_eq!(shown.offset(text.len()), shown.text().len());
        assert!(matches!(
            Shown::new("plain\r\ntext\n").text,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn positions_are_one_based_in_chars() {
        let text = "ab\n€xy\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        assert_eq!(idx.position(text, text.find('x').unwrap()), (2, 2));
        assert_eq!(idx.position(text, text.len()), (3, 1));
        let text = "a\rb\r\nc\n\rd";
        let idx = LineIndex::new(text);
        let lines: Vec<_> = ["a", "b", "c", "d"]
            .iter()
            .map(|w| idx.position(text, text.find(w).unwrap()))
            .collect();
        assert_eq!(lines, [(1, 1), (2, 1), (3, 1), (5, 1)]);
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
