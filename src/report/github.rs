//! GitHub Actions workflow commands, one per line:
//! `::error file=docs/a.md,line=3,col=5,endLine=3,endColumn=9,title=copyedit(spelling)::unknown word…`.
//! GitHub shows them as annotations on the lines of a pull request.

use std::io::{self, Write};

use super::{escape_control, help_lines, shown, LineIndex, ReportOptions};
use crate::walk::{Checked, InputError};
use copyedit_core::diagnostic::Severity;

/// Escape a command's data (the message): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow commands of one result.
pub(super) fn file<W: Write>(
    out: &mut W,
    r: &Result<Checked, InputError>,
    opts: &ReportOptions,
) -> io::Result<()> {
    let c = match r {
        Ok(c) => c,
        Err(e) => {
            // Not tied to a line (and the path may be `file:line:col`).
            writeln!(
                out,
                "::error title=copyedit::{}",
                escape_data(&escape_control(&format!("{}: {}", e.path, e.message)))
            )?;
            return Ok(());
        }
    };
    let index = LineIndex::new(&c.text);
    let name = c.source.display_name().replace('\\', "/");
    let mut name = name.as_str();
    while let Some(rest) = name.strip_prefix("./") {
        name = rest;
    }
    let file = escape_property(name);
    for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
        let command = match (d.suppressed, d.severity) {
            (Some(_), _) | (None, Severity::Info) => "notice",
            (None, Severity::Warning) => "warning",
            (None, Severity::Error) => "error",
        };
        let (line, col) = index.position(&c.text, d.span.start);
        let (end_line, end_col) = index.position(&c.text, d.span.end);
        // Columns are only meaningful for a region on one line.
        let position = if end_line == line {
            format!("line={line},col={col},endLine={end_line},endColumn={end_col}")
        } else {
            format!("line={line},endLine={end_line}")
        };
        let mut message = escape_control(&d.message).into_owned();
        if let Some(s) = d.suppressed {
            message.push_str(&format!(" (suppressed: {})", s.as_str()));
        }
        for help in help_lines(d) {
            message.push('\n');
            message.push_str(&escape_control(&help));
        }
        writeln!(
            out,
            "::{command} file={file},{position},title={}::{}",
            escape_property(&format!("copyedit({})", d.rule)),
            escape_data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
