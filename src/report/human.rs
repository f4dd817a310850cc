//! rustc-style output via codespan-reporting.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{escape_control, help_lines, shown, LineIndex, ReportOptions, Shown};
use crate::walk::{Checked, InputError};
use copyedit_core::diagnostic::Severity;

/// A problem on a line longer than this is shown in a window of the line.
const LONG_LINE: usize = 400;
/// Bytes of the line shown either side of the problem in such a window.
const CONTEXT: usize = 80;
/// The most of a problem's own span that is underlined.
const MAX_LABEL: usize = 400;

/// Report one result (nothing for an input error: it went to standard
/// error).
pub(super) fn file<W: WriteColor>(
    out: &mut W,
    r: &Result<Checked, InputError>,
    opts: &ReportOptions,
) -> io::Result<()> {
    let Ok(c) = r else { return Ok(()) };
    if !c.diagnostics.iter().any(|d| shown(d, opts)) {
        return Ok(());
    }
    // codespan writes in small pieces: unbuffered, that is a system call per
    // line. A stream that colours by calls (a Windows console) must see
    // every write in order, so it is not buffered.
    if out.is_synchronous() {
        return render(out, c, opts);
    }
    let color = out.supports_color();
    let buffered = io::BufWriter::with_capacity(1 << 16, &mut *out);
    if color {
        let mut w = Ansi::new(buffered);
        render(&mut w, c, opts)?;
        w.into_inner().flush()
    } else {
        let mut w = NoColor::new(buffered);
        render(&mut w, c, opts)?;
        w.into_inner().flush()
    }
}

/// Every result, then the summary line.
#[cfg(test)]
fn report<W: WriteColor>(
    out: &mut W,
    results: &[Result<Checked, InputError>],
    opts: &ReportOptions,
) -> io::Result<()> {
    for r in results {
        file(out, r, opts)?;
    }
    writeln!(out, "{}", super::Summary::of(results).line())
}

fn render<W: WriteColor>(out: &mut W, c: &Checked, opts: &ReportOptions) -> io::Result<()> {
    let config = Config::default();
    let name = c.source.display_name();
    let name = escape_control(&name);
    // Control characters in the text are drawn, never sent to the
    // terminal; spans move with them.
    let drawn = Shown::new(&c.text);
    let text = drawn.text();
    let file = SimpleFile::new(&*name, text);
    let index = LineIndex::new(text);
    for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
        let severity = match (d.suppressed, d.severity) {
            (Some(_), _) => CsSeverity::Note,
            (None, Severity::Error) => CsSeverity::Error,
            (None, Severity::Warning) => CsSeverity::Warning,
            (None, Severity::Info) => CsSeverity::Note,
        };
        let mut message = escape_control(&d.message).into_owned();
        if let Some(s) = d.suppressed {
            message.push_str(&format!(" (suppressed: {})", s.as_str()));
        }
        let mut notes = help_lines(d);
        notes.extend(d.notes.iter().cloned());
        for note in &mut notes {
            if let Cow::Owned(escaped) = escape_control(note) {
                *note = escaped;
            }
        }
        let diag = CsDiagnostic::new(severity)
            .with_code(d.rule)
            .with_message(message)
            .with_notes(notes);
        // Printing a whole long line for each problem on it would make
        // the output (and the time) grow with the square of the line.
        let caret = caret_span(d, &c.text);
        let span = drawn.span(&caret);
        let emitted = match Excerpt::new(&name, text, &index, &span) {
            Some((excerpt, span)) => {
                let diag = diag.with_labels(vec![Label::primary((), span)]);
                term::emit(out, &config, &excerpt, &diag)
            }
            None => {
                let diag = diag.with_labels(vec![Label::primary((), span)]);
                term::emit(out, &config, &file, &diag)
            }
        };
        emitted.map_err(|e| match e {
            codespan_reporting::files::Error::Io(e) => e,
            other => io::Error::other(other),
        })?;
    }
    Ok(())
}

/// The bytes the caret underlines: the problem's span, except for
/// `missing-space`, whose span is the whole `end.Next` but whose problem is
/// the mark the space goes after (the character before its fix's insertion).
fn caret_span(d: &copyedit_core::diagnostic::Diagnostic, text: &str) -> Range<usize> {
    if d.rule == copyedit_core::rules::missing_space::META.code {
        let at = d
            .fixes
            .first()
            .and_then(|f| f.edits.first())
            .filter(|e| e.span.is_empty() && d.span.contains(&e.span.start.saturating_sub(1)))
            .map(|e| e.span.start);
        if let Some(at) = at {
            let start = floor_boundary(text, at.saturating_sub(1));
            if start < at && text.is_char_boundary(at) {
                return start..at;
            }
        }
    }
    d.span.clone()
}

/// A window of a text around one problem, with `…` where lines were cut;
/// line and column numbers are those of the whole text.
struct Excerpt<'a> {
    name: &'a str,
    source: String,
    /// Start of each line of `source`.
    starts: Vec<usize>,
    /// 0-based line, in the whole text, of the window's first line.
    first_line: usize,
    /// 0-based column, in the whole text, of the window's first byte.
    first_column: usize,
    /// Bytes of the leading `…` (0 when the window starts a line).
    lead: usize,
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl<'a> Excerpt<'a> {
    /// The window for `span` and the span within it, if `span` is on a long
    /// line or is itself long; `None` to show it whole.
    fn new(
        name: &'a str,
        text: &str,
        index: &LineIndex,
        span: &Range<usize>,
    ) -> Option<(Self, Range<usize>)> {
        let (first_line, line_start) = index.line_start(span.start);
        let label_end = if span.len() > MAX_LABEL {
            floor_boundary(text, span.start + MAX_LABEL)
        } else {
            span.end
        };
        // The end of the line, looked for no further than a long line's
        // length: searching to the end of a 20 MB line for every problem on
        // it would be quadratic again.
        let horizon = label_end.saturating_add(LONG_LINE).min(text.len());
        let line_end = text
            .as_bytes()
            .get(label_end..horizon)
            .and_then(|rest| memchr::memchr(b'\n', rest))
            .map_or(horizon, |i| label_end + i);
        let line_goes_on =
            line_end == horizon && text.as_bytes().get(horizon).is_some_and(|&b| b != b'\n');
        if !line_goes_on && line_end - line_start <= LONG_LINE && label_end == span.end {
            return None;
        }
        let start = floor_boundary(text, span.start.saturating_sub(CONTEXT)).max(line_start);
        let end = ceil_boundary(text, label_end.saturating_add(CONTEXT)).min(line_end);
        let window = text.get(start..end)?;
        let lead = if start > line_start { "…" } else { "" };
        let trail = if end < line_end || line_goes_on {
            "…"
        } else {
            ""
        };
        let source = format!("{lead}{window}{trail}");
        let starts = files::line_starts(&source).collect();
        let (_, first_column) = index.position(text, start);
        let excerpt = Excerpt {
            name,
            source,
            starts,
            first_line,
            first_column: first_column - 1,
            lead: lead.len(),
        };
        let shift = |i: usize| i - start + lead.len();
        Some((excerpt, shift(span.start)..shift(label_end)))
    }
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, files::Error> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, files::Error> {
        Ok(&self.source)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.starts.partition_point(|&s| s <= byte_index).max(1) - 1)
    }

    fn line_number(&'f self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self.first_line + line_index + 1)
    }

    fn column_number(
        &'f self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let range = self.line_range((), line_index)?;
        if line_index > 0 {
            return Ok(files::column_index(&self.source, range, byte_index) + 1);
        }
        let from = range.start + self.lead;
        let chars = files::column_index(&self.source, from..range.end, byte_index.max(from));
        Ok(self.first_column + chars + 1)
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let start = *self
            .starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: self.starts.len().saturating_sub(1),
            })?;
        let end = self
            .starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.source.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::Source;
    use copyedit_core::diagnostic::Diagnostic;

    fn render(text: &str, span: Range<usize>) -> String {
        render_one(text, Diagnostic::new("x", Severity::Error, span, "m"))
    }

    /// The human report of one diagnostic on `text`.
    fn render_one(text: &str, diagnostic: Diagnostic) -> String {
        let results = vec![Ok(Checked {
            source: Source::Stdin("t.txt".into()),
            text: text.to_string(),
            bom: false,
            diagnostics: vec![diagnostic],
            skipped: None,
            capped: false,
        })];
        let opts = ReportOptions {
            format: super::super::OutputFormat::Human,
            show_suppressed: false,
            warnings: Vec::new(),
        };
        let mut out = NoColor::new(Vec::new());
        report(&mut out, &results, &opts).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn missing_space_caret_is_on_the_mark() {
        use copyedit_core::diagnostic::{Applicability, Edit, Fix};
        let text = "It ended.Next day.\n";
        let out = render_one(
            text,
            Diagnostic::new("missing-space", Severity::Warning, 3..13, "m").with_fix(Fix::new(
                "add",
                Edit::insert(9, " "),
                Applicability::Safe,
            )),
        );
        assert!(
            out.contains("1 │ It ended.Next day.\n  │         ^\n"),
            "{out}"
        );
    }

    #[test]
    fn long_lines_are_shown_in_a_window_with_true_positions() {
        let text = format!(
            "first\n{}teh{}\nlast\n",
            "é ".repeat(5000),
            "a ".repeat(5000)
        );
        let at = text.find("teh").unwrap();
        let out = render(&text, at..at + 3);
        assert!(out.len() < 1500, "{} bytes: {out}", out.len());
        assert!(out.contains("t.txt:2:10001"), "{out}");
        assert!(out.contains("é é teha a"), "{out}");
        assert!(out.contains("2 │ …"), "{out}");
    }

    #[test]
    fn long_spans_are_cut() {
        let text = "word ".repeat(10_000);
        let out = render(&text, 5..text.len() - 1);
        assert!(out.len() < 2500, "{} bytes: {out}", out.len());
        assert!(out.contains("t.txt:1:6"), "{out}");
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let out = render("one teh two\n", 4..7);
        assert!(out.contains("1 │ one teh two"), "{out}");
        assert!(!out.contains('…'), "{out}");
    }
}
