//! `double-space`: two or more spaces between words within a line.
//!
//! Runs of two spaces are found with `memchr::memmem` in each block's text
//! and looked up among the tokens (a binary search), so the rule does not
//! walk every token.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::document::Format;
use crate::tokenize::TokenKind;

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "double-space",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Spacing,
    summary: "two or more spaces between words",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "\
            two or more spaces between words (after a sentence: info, which does not fail a check)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "Deleting the extra spaces, keeping one.",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags two or more spaces between words on the same line. Extra spaces are
usually left behind by editing (a word deleted, a phrase pasted) and show
up as uneven gaps once the text is typeset.

Two spaces after a full stop are a typewriter habit that many writers keep
on purpose, and HTML (so rendered Markdown) shows them as one. They are
reported at `info` severity only (message `extra spaces after sentence`),
which does not fail a check, and `fix` still makes them one. In Markdown,
MDX and HTML every gap is `info` (`2 spaces between words (one once
rendered)`): readers never see it, so it should not fail a build, but `fix`
tidies the source. In plain text a gap between words is a warning. Set
`double-space = \"warning\"` in copyedit.toml to make every gap a warning,
or turn the rule off if your house style wants two.

Not flagged:
  - indentation at the start of a line and spaces at the end of a line
    (see `trailing-whitespace`);
  - runs that contain a tab;
  - lines that look like aligned columns (in Markdown, a gap that lines up
    with one on the line above or below); in plain text also a line with a tab,
    a line with two or more runs of spaces that are not after a sentence
    and separate short cells (six words or fewer), or a run whose end lines
    up with a run on the line above or below;
  - the gap after a list marker at the start of a line (`1.  First`,
    `-  item`, `(a)  case`), or after an HTML line break (`<br>  Next`);
  - Markdown table padding, code and hard line breaks (they are not
    prose); inside a table cell, runs of three spaces or more (the layout
    of generated or rewrapped text, invisible once rendered).

Examples:
  the  report        flagged: 2 spaces between words
  It ended.  Then    flagged: extra spaces after sentence
  Name      Age      (aligned with the next line) not flagged

The fix (Safe, or Unsafe inside a quotation) deletes the extra spaces and
keeps one.";

/// The double-space rule.
pub struct DoubleSpace;

/// The longest `<br …>` tag looked for before a gap, in bytes.
const MAX_BR_TAG: usize = 64;

/// Whether `before` (a line up to a gap) ends with an HTML line break
/// (`<br>`, `<br/>`, `<br />`): the gap after it indents a new line.
fn after_line_break_tag(before: &str) -> bool {
    // A `<br …>` tag is short: only the end of the line is searched (a
    // line of many `>  ` gaps is not rescanned for each).
    let bytes = before.as_bytes();
    let from = bytes.len().saturating_sub(MAX_BR_TAG);
    before.ends_with('>')
        && memchr::memrchr(b'<', bytes.get(from..).unwrap_or_default()).is_some_and(|k| {
            bytes
                .get(from + k..from + k + 3)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"<br"))
        })
}

impl Rule for DoubleSpace {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Only a run of two spaces can be flagged: most texts have none.
        let part = cx.part.start.min(cx.text.len())..cx.part.end.min(cx.text.len());
        if memchr::memmem::find(cx.text.as_bytes().get(part).unwrap_or_default(), b"  ").is_none() {
            return;
        }
        let plain = cx.doc.format == Format::Plain;
        // Long unwrapped paragraphs have many gaps on one line: scan each
        // line once.
        let mut lines = LineGaps::default();
        let mut current_line: Option<Range<usize>> = None;
        for (b, range) in cx.tokens.blocks.iter().enumerate() {
            let Some(toks) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            // In a table cell, a run of three spaces or more is the layout
            // of generated or rewrapped text, invisible once rendered.
            let cell = cx
                .doc
                .blocks
                .get(b)
                .is_some_and(|b| b.kind == crate::document::BlockKind::TableCell);
            let ext = super::extent(toks);
            let hay = cx.text.as_bytes().get(ext.clone()).unwrap_or_default();
            // Only the tokens holding two spaces in a row are examined.
            let mut last = None;
            for hit in memchr::memmem::find_iter(hay, b"  ") {
                let pos = ext.start + hit;
                let i = toks.partition_point(|t| t.span.end <= pos);
                if last == Some(i) {
                    continue;
                }
                last = Some(i);
                let Some(tok) = toks.get(i).filter(|t| t.span.start <= pos) else {
                    continue;
                };
                if tok.kind != TokenKind::Space {
                    continue;
                }
                let run = tok.text(cx.text);
                if run.len() < 2 || !run.bytes().all(|b| b == b' ') || (cell && run.len() >= 3) {
                    continue;
                }
                let prev = i.checked_sub(1).and_then(|j| toks.get(j));
                let next = toks.get(i + 1);
                let (Some(prev), Some(next)) = (prev, next) else {
                    continue;
                };
                if prev.is_space() || next.is_space() {
                    continue;
                }
                // Gaps come in order: the line of the last one is reused
                // (a long line is not rescanned for each gap).
                let line = match &current_line {
                    Some(l) if l.start <= tok.span.start && tok.span.end <= l.end => l.clone(),
                    _ => {
                        let l = line_around(cx.text, tok.span.start);
                        current_line = Some(l.clone());
                        l
                    }
                };
                let before = cx.text.get(line.start..tok.span.start).unwrap_or_default();
                // Indentation after plain-text `>` quoting marks.
                if before.chars().all(|c| c == '>' || c.is_whitespace()) {
                    continue;
                }
                if after_list_marker(before) || after_line_break_tag(before) {
                    continue;
                }
                // Aligned text: columns in plain text, aligned list items
                // (`- set:    did`, `- count:  how`) in Markdown.
                if looks_like_columns(cx.text, line, &tok.span, &mut lines, plain) {
                    continue;
                }
                // The next sentence may open with a quotation mark or a
                // bracket: `it.  "Object code" means`.
                let opens = |t: &crate::tokenize::Token| {
                    matches!(t.text(cx.text), "\"" | "“" | "‘" | "'" | "(" | "[")
                };
                let starts = next.is_sentence_start()
                    || (opens(next) && toks.get(i + 2).is_some_and(|t| t.is_sentence_start()));
                let after_sentence = prev.kind == TokenKind::Punct && starts;
                let (message, severity) = if after_sentence {
                    ("extra spaces after sentence".to_string(), Severity::Info)
                } else if !plain {
                    // Rendered as HTML, the gap shows as one space.
                    (
                        format!("{} spaces between words (one once rendered)", run.len()),
                        Severity::Info,
                    )
                } else {
                    (
                        format!("{} spaces between words", run.len()),
                        Severity::Warning,
                    )
                };
                let extra = tok.span.start + 1..tok.span.end;
                let title = if extra.len() == 1 {
                    "remove the extra space"
                } else {
                    "remove the extra spaces"
                };
                // Three spaces or more line text up as often as they are a
                // slip: fixed only when asked.
                let applicability = if run.len() >= 3 {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                if cx.full(out) {
                    return;
                }
                out.push(
                    Diagnostic::new(CODE, severity, tok.span.clone(), message).with_fix(Fix::new(
                        title,
                        Edit::delete(extra),
                        applicability,
                    )),
                );
            }
        }
    }
}

/// The line containing byte `pos`, without its line break.
fn line_around(text: &str, pos: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let pos = pos.min(text.len());
    let start = memchr::memrchr(b'\n', bytes.get(..pos).unwrap_or_default()).map_or(0, |i| i + 1);
    let end =
        memchr::memchr(b'\n', bytes.get(pos..).unwrap_or_default()).map_or(text.len(), |i| pos + i);
    let end = if end > start && bytes.get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    };
    start..end
}

/// Whether `before` (the line up to the gap) is only a list marker:
/// `-`, `*`, `•`, `1.`, `2)`, `(a)`, `iv.`.
fn after_list_marker(before: &str) -> bool {
    let m = before.trim_start();
    if matches!(m, "-" | "*" | "+" | "•" | "–" | "·") {
        return true;
    }
    let m = m.strip_prefix('(').unwrap_or(m);
    let Some(body) = m.strip_suffix(['.', ')', ':']) else {
        return false;
    };
    let digits = !body.is_empty() && body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit());
    let mut chars = body.chars();
    let letter = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    let roman = !body.is_empty()
        && body.len() <= 5
        && (body.chars().all(|c| "ivxlc".contains(c)) || body.chars().all(|c| "IVXLC".contains(c)));
    digits || letter || roman
}

/// Runs of two or more spaces between non-space characters of a line, as
/// (byte range in the line, end column in characters).
fn gaps(line: &str) -> Vec<(Range<usize>, usize)> {
    if line.is_ascii() {
        return gaps_ascii(line.as_bytes());
    }
    let mut out = Vec::new();
    let mut run_start: Option<(usize, usize)> = None;
    let mut seen_text = false;
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c == ' ' {
            if run_start.is_none() {
                run_start = Some((i, col));
            }
            continue;
        }
        if let Some((s, scol)) = run_start.take() {
            if seen_text && col - scol >= 2 {
                out.push((s..i, col));
            }
        }
        seen_text = true;
    }
    out
}

/// [`gaps`] of an ASCII line, where columns are byte offsets (long lines
/// are scanned once per double space in them).
fn gaps_ascii(line: &[u8]) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut seen_text = false;
    for (i, &b) in line.iter().enumerate() {
        if b == b' ' {
            if run_start.is_none() {
                run_start = Some(i);
            }
            continue;
        }
        if let Some(s) = run_start.take() {
            if seen_text && i - s >= 2 {
                out.push((s..i, i));
            }
        }
        seen_text = true;
    }
    out
}

/// Whether a gap at `at` (a byte offset in `line`) follows the end of a
/// sentence: `.`, `!`, `?` and any closing quotes or brackets.
fn after_sentence_end(line: &str, at: usize) -> bool {
    let before = line
        .get(..at)
        .unwrap_or_default()
        .trim_end_matches(['”', '’', '"', '\'', ')', ']']);
    before.ends_with(['.', '!', '?', '…'])
}

/// The most words a cell of a plain-text table row is taken to hold.
const MAX_CELL_WORDS: usize = 6;

/// Aligned text: a gap that lines up with one on the neighbouring lines,
/// or, in plain text, a tab or several gaps that are not after a sentence
/// between short cells. What depends on the line alone is worked out once
/// per line ([`LineGaps`]), so a line with many gaps is not rescanned for
/// each.
fn looks_like_columns(
    text: &str,
    line: Range<usize>,
    gap: &Range<usize>,
    lines: &mut LineGaps,
    plain: bool,
) -> bool {
    let here = lines.of(text, &line);
    if plain && (here.tab || here.row) {
        return true;
    }
    let Some(col) = here.col_at(gap.start - line.start) else {
        return false;
    };
    let (above, below) = (here.above.clone(), here.below.clone());
    let mut lines_up = |other: Range<usize>| {
        let o = lines.of(text, &other);
        (plain && o.tab) || o.cols.contains(&col)
    };
    above.is_some_and(&mut lines_up) || below.is_some_and(lines_up)
}

/// What [`looks_like_columns`] needs to know of one line.
struct Line {
    /// [`gaps`] of the line, in order.
    gaps: Vec<(Range<usize>, usize)>,
    /// End columns of the gaps.
    cols: rustc_hash::FxHashSet<usize>,
    /// The line has a tab.
    tab: bool,
    /// Two gaps or more not after a sentence, between short cells: a row.
    row: bool,
    /// The lines above and below, if any.
    above: Option<Range<usize>>,
    below: Option<Range<usize>>,
}

impl Line {
    fn new(text: &str, line: &Range<usize>) -> Line {
        let s = text.get(line.clone()).unwrap_or_default();
        let gaps = gaps(s);
        let mid_sentence = gaps
            .iter()
            .filter(|(r, _)| !after_sentence_end(s, r.start))
            .count();
        // Cells of a table row are short; a long unwrapped paragraph is not a row.
        let short_cells = || {
            let mut start = 0;
            gaps.iter()
                .map(|(r, _)| r.clone())
                .chain(std::iter::once(s.len()..s.len()))
                .all(|r| {
                    let cell = s.get(start..r.start).unwrap_or_default();
                    start = r.end;
                    cell.split_whitespace().count() <= MAX_CELL_WORDS
                })
        };
        let row = mid_sentence >= 2 && short_cells();
        let above = (line.start > 0).then(|| line_around(text, line.start - 1));
        let below = (line.end < text.len())
            .then(|| memchr::memchr(b'\n', text.as_bytes().get(line.end..).unwrap_or_default()))
            .flatten()
            .map(|i| line.end + i + 1)
            .filter(|&p| p < text.len())
            .map(|p| line_around(text, p));
        Line {
            cols: gaps.iter().map(|(_, c)| *c).collect(),
            gaps,
            tab: s.contains('\t'),
            row,
            above,
            below,
        }
    }

    /// The end column of the gap starting at byte `at` of the line.
    fn col_at(&self, at: usize) -> Option<usize> {
        let k = self.gaps.partition_point(|(r, _)| r.start < at);
        self.gaps
            .get(k)
            .filter(|(r, _)| r.start == at)
            .map(|(_, c)| *c)
    }
}

/// [`Line`]s of one text, by line start, each worked out once.
#[derive(Default)]
struct LineGaps(FxHashMap<usize, Line>);

impl LineGaps {
    fn of(&mut self, text: &str, line: &Range<usize>) -> &Line {
        self.0
            .entry(line.start)
            .or_insert_with(|| Line::new(text, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::dictionary::Lang;
    use crate::rules::testing::{flagged, run, run_with};

    #[test]
    fn flags_double_spaces_between_words() {
        let text = "The  report was\nvery   late.";
        let d = run(&DoubleSpace, text);
        assert_eq!(flagged(text, &d), ["  ", "   "]);
        assert_eq!(d[0].span, 3..5);
        assert_eq!(d[0].message, "2 spaces between words");
        assert_eq!(d[1].message, "3 spaces between words");
        assert_eq!(d[0].fixes.len(), 1);
        assert_eq!(d[0].fixes[0].title, "remove the extra space");
        assert_eq!(d[0].fixes[0].edits, [Edit::delete(4..5)]);
        assert_eq!(d[1].fixes[0].edits, [Edit::delete(21..23)]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn two_spaces_after_a_sentence_are_flagged_with_their_own_message() {
        let text = "It ended.  Then it began.";
        let d = run(&DoubleSpace, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, 9..11);
        assert_eq!(d[0].message, "extra spaces after sentence");
        // Two sentences on one line are not columns.
        let text = "One.  Two.  Three.";
        assert_eq!(run(&DoubleSpace, text).len(), 2);
    }

    #[test]
    fn two_spaces_after_a_sentence_are_info_and_between_words_a_warning() {
        let text = "One.  Two.  Three.  Four. Five.";
        let d = run(&DoubleSpace, text);
        assert_eq!(d.len(), 3);
        assert!(d.iter().all(|d| d.severity == Severity::Info));
        // A gap between words is still a warning.
        let text = "One.  Two.  Three.  Four the  end.";
        let d = run(&DoubleSpace, text);
        assert_eq!(d.len(), 4);
        assert_eq!(d[3].severity, Severity::Warning);
        assert_eq!(d[3].message, "2 spaces between words");
        // A lone sentence gap is info too, with its Safe fix.
        let text = "One. Two. Three.  Four. Five.";
        let d = run(&DoubleSpace, text);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn a_sentence_may_open_with_a_quotation_mark_or_bracket() {
        // From the GPL: `it.  "Object code" means`.
        for text in [
            "for making changes to it.  \"Object code\" means any form.",
            "He left.  “Why?” she asked.",
            "He left.  (Nobody knew why.)",
            "addressed as \"you\".  \"Licensees\" and",
        ] {
            let d = run(&DoubleSpace, text);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(d[0].severity, Severity::Info, "{text}");
        }
        // Not after a sentence: still a warning.
        let d = run(&DoubleSpace, "the  \"code\" means");
        assert_eq!(d[0].severity, Severity::Warning);
        let d = run(&DoubleSpace, "he said,  \"no\" and left");
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_indentation_trailing_spaces_and_tabs_alone() {
        for text in [
            "  Indented line\n    and more",
            "first line  \nsecond",
            "tab \t between",
            "a\t\tb",
            "one space only",
            "non\u{a0}\u{a0}breaking",
            "> “Fury said to a\n>      mouse, That he\n>     met in the",
        ] {
            assert!(run(&DoubleSpace, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn leaves_aligned_columns_alone() {
        let table = "Name      Age\nAlice     30\nBob       4\n";
        assert!(run(&DoubleSpace, table).is_empty());
        let row = "alpha  beta  gamma";
        assert!(run(&DoubleSpace, row).is_empty());
        // A long unwrapped paragraph is not a table row.
        let text = "The report was  late, and the committee that wrote it said so in a long statement that  nobody read.";
        assert_eq!(run(&DoubleSpace, text).len(), 2);
        let tabbed = "Name\tAge  x";
        assert!(run(&DoubleSpace, tabbed).is_empty());
    }

    #[test]
    fn leaves_list_markers_alone() {
        for text in [
            "1.  First item",
            "-  item",
            "(a)  case",
            "iv.  Fourth",
            "  2)  two",
        ] {
            assert!(run(&DoubleSpace, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn markdown_hard_breaks_and_tables_are_not_prose() {
        let text = "A line  \nnext line\n\n| a  b | c |\n|---|---|\n| d | e |\n";
        let d = run_with(&DoubleSpace, text, Format::Markdown, Lang::EnUs);
        // Table cells are blocks of their own: only the gap inside a cell counts.
        assert_eq!(flagged(text, &d), ["  "]);
        assert_eq!(d[0].span.start, text.find("a  b").unwrap() + 1);
        let text = "Some  *emphasis* here\n";
        let d = run_with(&DoubleSpace, text, Format::Markdown, Lang::EnUs);
        assert_eq!(d.len(), 1);
        // After `<br>` the gap indents a new line; elsewhere it is a gap.
        let text = "| **Site**<br>  Our site and <b>the</b>  list | x |\n|---|---|\n";
        let d = run_with(&DoubleSpace, text, Format::Markdown, Lang::EnUs);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.start, text.find("</b>  ").unwrap() + 4);
        // Three spaces or more in a cell: rewrapped text, not a slip.
        let text = "| a | If you ask,       then it will. |\n|---|---|\n";
        let d = run_with(&DoubleSpace, text, Format::Markdown, Lang::EnUs);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn aligned_list_items_in_markdown_are_layout() {
        let text = "- set:    did it run?\n- count:  how many times?\n- atomic: like count\n";
        let d = run_with(&DoubleSpace, text, Format::Markdown, Lang::EnUs);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn in_markdown_a_gap_is_info_that_fix_still_removes() {
        let text = "The capacity is  reserved.\n";
        let d = run_with(&DoubleSpace, text, Format::Markdown, Lang::EnUs);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].message, "2 spaces between words (one once rendered)");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        // The same gap in plain text is a warning.
        let d = run_with(&DoubleSpace, text, Format::Plain, Lang::EnUs);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn inside_a_quotation_the_fix_is_unsafe() {
        let text = "He said “we  will” today.";
        let d = run(&DoubleSpace, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }

    #[test]
    fn a_long_line_with_many_gaps() {
        // Gaps after sentences: not a row of cells, each one flagged.
        let text = "It ended.  Then it began again.  ".repeat(200);
        let d = run(&DoubleSpace, text.trim_end());
        assert_eq!(d.len(), 399);
        assert!(d.iter().all(|d| d.severity == Severity::Info));
        // Short cells: a row of columns, nothing flagged.
        let row = "alpha  beta  ".repeat(200);
        assert!(run(&DoubleSpace, row.trim_end()).is_empty());
        // A gap in line with one on the next line: columns.
        let text = format!("{}x  y\n{}x  y\n", "w ".repeat(300), "w ".repeat(300));
        assert!(run(&DoubleSpace, &text).is_empty());
    }
}
