//! `trailing-whitespace`: spaces and tabs at the end of a line (plain text).
//!
//! Line breaks are found with `memchr`.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Format;

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "trailing-whitespace",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Spacing,
    summary: "spaces or tabs at the end of a line (plain text)",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "plain text only (in Markdown two trailing spaces are a line break)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            Deleting spaces and tabs at the end of a line (plain text only; the line break is kept).",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags spaces and tabs at the end of a line of a plain-text file, including
lines that hold nothing but white space. Trailing white space is invisible,
makes diffs noisy and can upset tools that compare or wrap text.

Markdown files are not checked: there, two or more spaces at the end of a
line are a hard line break, so they are meaningful.

Examples (`·` is a space):
  The report was late.··      flagged
  ····                        flagged (a blank line with spaces)
  The report was late.        not flagged

The fix (Safe, or Unsafe inside a quotation) deletes the spaces and tabs;
the line break itself is kept.";

/// The trailing-whitespace rule.
pub struct TrailingWhitespace;

impl Rule for TrailingWhitespace {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if cx.doc.format != Format::Plain {
            return;
        }
        let bytes = cx.text.as_bytes();
        // The lines whose trailing white space starts in the context's part
        // of the text (all of them for a whole text): those from the one
        // holding `from` to the one holding `to`.
        let from = cx.part.start.min(bytes.len());
        let head = bytes.get(..from).unwrap_or_default();
        let mut start = memchr::memrchr2(b'\n', b'\r', head).map_or(0, |i| i + 1);
        let to = cx.part.end.min(bytes.len());
        let to = bytes
            .get(to..)
            .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
            .map_or(bytes.len(), |i| {
                let k = to + i;
                let crlf = bytes.get(k) == Some(&b'\r') && bytes.get(k + 1) == Some(&b'\n');
                k + 1 + usize::from(crlf)
            });
        // Each line's end (the byte after its body) and where the next
        // starts, found with `memchr`; the last line may have no break.
        // A lone CR ends a line too (old Mac files), as for line numbers.
        let hay = bytes.get(from..to).unwrap_or_default();
        let breaks = memchr::memchr2_iter(b'\n', b'\r', hay).filter_map(|i| {
            let n = from + i;
            match bytes.get(n) {
                // The CR of a CRLF: the LF ends the line.
                Some(b'\r') if bytes.get(n + 1) == Some(&b'\n') => None,
                Some(b'\n') if n > 0 && bytes.get(n - 1) == Some(&b'\r') => Some((n - 1, n + 1)),
                _ => Some((n, n + 1)),
            }
        });
        let last = (cx.part.end > bytes.len()).then_some((bytes.len(), bytes.len()));
        for (end, next) in breaks.chain(last) {
            let line = start..end.max(start);
            start = next;
            let blank = |&i: &usize| !matches!(bytes.get(i), Some(b' ' | b'\t'));
            let kept = line.clone().rev().find(blank).map_or(line.start, |i| i + 1);
            if kept == line.end {
                continue;
            }
            let span = kept..line.end;
            if !cx.part.contains(&span.start) {
                continue;
            }
            let applicability = crate::diagnostic::Applicability::Safe;
            let title = if span.len() == 1 {
                "remove the trailing space"
            } else {
                "remove the trailing white space"
            };
            if cx.full(out) {
                return;
            }
            out.push(
                Diagnostic::new(
                    CODE,
                    Severity::Warning,
                    span.clone(),
                    "trailing white space",
                )
                .with_fix(Fix::new(title, Edit::delete(span), applicability)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::dictionary::Lang;
    use crate::rules::testing::{flagged, run, run_with};

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "one  \rtwo\t\rthree";
        let d = run(&TrailingWhitespace, text);
        assert_eq!(flagged(text, &d), ["  ", "\t"]);
    }

    #[test]
    fn flags_trailing_spaces_and_tabs_on_every_line() {
        let text = "The report.  \nNext line\t\r\n   \nLast line ";
        let d = run(&TrailingWhitespace, text);
        assert_eq!(flagged(text, &d), ["  ", "\t", "   ", " "]);
        assert_eq!(d[0].span, 11..13);
        assert_eq!(d[0].message, "trailing white space");
        assert_eq!(d[0].fixes.len(), 1);
        assert_eq!(d[0].fixes[0].edits, [Edit::delete(11..13)]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        assert_eq!(d[3].fixes[0].title, "remove the trailing space");
        // The `\r` of a CRLF line ending is not white space to remove.
        assert_eq!(d[1].span, 23..24);
    }

    #[test]
    fn leaves_clean_lines_alone() {
        for text in [
            "",
            "one\ntwo\r\n\r\nthree\n",
            "  indented\n\tline",
            "no\u{a0}break",
        ] {
            assert!(run(&TrailingWhitespace, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn markdown_hard_breaks_are_meaningful() {
        let text = "A line  \nnext line \n";
        assert!(run_with(&TrailingWhitespace, text, Format::Markdown, Lang::EnUs).is_empty());
    }

    #[test]
    fn inside_a_quotation_the_fix_is_unsafe() {
        let text = "He said “this line \nand the next” then.";
        let d = run(&TrailingWhitespace, text);
        assert_eq!(flagged(text, &d), [" "]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }
}
