//! rustc-style output via codespan-reporting.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};

use super::{help_lines, shown, ReportOptions, Summary};
use crate::diagnostic::Severity;
use crate::walk::{Checked, InputError};

pub(super) fn report<W: WriteColor>(
    out: &mut W,
    results: &[Result<Checked, InputError>],
    opts: &ReportOptions,
) -> io::Result<()> {
    let config = Config::default();
    for c in results.iter().flatten() {
        let file = SimpleFile::new(c.source.display_name(), c.text.as_str());
        for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
            let severity = match (d.suppressed, d.severity) {
                (Some(_), _) => CsSeverity::Note,
                (None, Severity::Error) => CsSeverity::Error,
                (None, Severity::Warning) => CsSeverity::Warning,
                (None, Severity::Info) => CsSeverity::Note,
            };
            let mut message = d.message.clone();
            if let Some(s) = d.suppressed {
                message.push_str(&format!(" (suppressed: {})", s.as_str()));
            }
            let mut notes = help_lines(d);
            notes.extend(d.notes.iter().cloned());
            let diag = CsDiagnostic::new(severity)
                .with_code(d.rule)
                .with_message(message)
                .with_labels(vec![Label::primary((), d.span.clone())])
                .with_notes(notes);
            term::emit(out, &config, &file, &diag).map_err(|e| match e {
                codespan_reporting::files::Error::Io(e) => e,
                other => io::Error::other(other),
            })?;
        }
    }
    let summary = Summary::of(results);
    writeln!(out, "{}", summary.line())
}
