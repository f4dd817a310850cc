//! `unbalanced`: brackets and double quotes without a partner in their
//! paragraph.
//!
//! The brackets and double quotes of each block are found with `memchr` in
//! its text and looked up among the tokens (a binary search): the rule does
//! not walk every token.

use std::ops::Range;

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "unbalanced",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: false,
    scope: super::Scope::Punctuation,
    summary: "brackets and double quotes without a partner",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "unmatched brackets and double quotes within a paragraph",
        severity_note: "info in Markdown",
        fix_note: "",
        safe_fixes: "— (no fix: only the writer knows where the partner goes)",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags a bracket `(` `)` `[` `]` `{` `}` or a double quote (`“` `”` or a
straight `\"`) that has no partner in the same paragraph. A lost bracket or
quote mark usually means a clause was cut or pasted badly, and it leaves
the reader unsure where an aside or a quotation ends. Whether a straight
quote opens or closes is read from the characters around it (`said \"yes`
opens, `yes,\" he` closes).

In Markdown and MDX it is reported as `info` (a note that does not fail a
check): there a paragraph's brackets also close across HTML, templates
and code that copyedit cannot pair, and on real documentation
repositories about a third of its flags were right. In plain text it is a
warning.

Each kind of bracket is matched on its own, so brackets may nest inside
each other and inside quotations; double quotes may nest too.

Not flagged:
  - a `)` after a list marker with nothing to close (`1) first`,
    `a) this or b) that`, `iv) fourth`);
  - emoticons (`:)`, `:-(`, `;)`);
  - inch marks after a number (`a 12\" pipe`, `2½\"`);
  - template delimiters (`{{ site.url }}`, `{% if %}`, `{{raw `), and
    brackets inside code-shaped text (`foo()`, `[]byte`, `Vec<T>`; see
    ARCHITECTURE.md), which is one token;
  - half-open intervals (`[0, 1)`);
  - a quotation left open when a later opening quote starts a new
    sentence (`“...peace. “Our hope...”`): the quotation ran over several
    paragraphs, each opened but only the last closed, and the paragraph
    breaks were lost;
  - a quotation left open at the end of a paragraph when the next
    paragraph starts with an opening quote: the usual way to quote
    several paragraphs (only the last one is closed); the same holds for
    stanzas of a passage quoted with `>` lines;
  - a quotation interrupted by an inset without double quotes (a verse, a
    letter) and closed in the paragraph after it.

When the paragraph contains `‘‘` or `’’` (two single quotes standing in for
a double one), a note says so.

Examples:
  the plan (agreed on Friday was         flagged: unmatched `(`
  he said the talks were “useful.        flagged: unmatched `“`
  options a) and b) remain               not flagged

There is no automatic fix: only the writer knows where the partner goes.";

/// The unbalanced rule.
pub struct Unbalanced;

fn adjacent(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

/// Whether the bracket at `toks[i]` is the mouth of an emoticon: `:)`,
/// `:-(`, `;]`, `=)`.
fn emoticon(text: &str, toks: &[Token], i: usize) -> bool {
    let punct = |j: usize, set: &[&str]| {
        toks.get(j).is_some_and(|t| {
            t.kind == TokenKind::Punct
                && set.contains(&t.text(text))
                && toks.get(j + 1).is_some_and(|n| adjacent(t, n))
        })
    };
    let eyes = [":", ";", "="];
    i.checked_sub(1).is_some_and(|j| {
        punct(j, &eyes)
            || (punct(j, &["-", "'"]) && j.checked_sub(1).is_some_and(|k| punct(k, &eyes)))
    })
}

/// Whether the `)` at `toks[i]` ends a list marker: `1)`, `a)`, `iv)` at the
/// start of a line or after a space.
fn list_marker(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(label) = i.checked_sub(1).and_then(|j| toks.get(j)) else {
        return false;
    };
    if !toks.get(i).is_some_and(|t| adjacent(label, t)) {
        return false;
    }
    let s = label.text(text);
    let ok = match label.kind {
        TokenKind::Number => s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()),
        TokenKind::Word => {
            s.chars().count() == 1
                || (s.len() <= 4
                    && (s.chars().all(|c| "ivxl".contains(c))
                        || s.chars().all(|c| "IVXL".contains(c))))
        }
        _ => false,
    };
    ok && i
        .checked_sub(2)
        .and_then(|j| toks.get(j))
        .is_none_or(|t| t.is_space())
}

/// Whether a block's first token, after spaces and `>` quoting marks, is
/// `mark`.
fn starts_with(text: &str, toks: &[Token], mark: &str) -> bool {
    toks.iter()
        .find(|t| !t.is_space() && t.text(text) != ">")
        .is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == mark)
}

/// Whether byte `pos` starts a line (after spaces and `>` marks) that
/// follows a line holding only `>` marks: a stanza or paragraph break
/// inside a plain-text block quoted with `>`.
fn after_quote_break(text: &str, pos: usize) -> bool {
    let quote_marks = |s: &str| s.chars().all(|c| c == '>' || c.is_whitespace());
    let before = |end: usize| text.get(..end).unwrap_or_default();
    // Back from `pos` to the line's start over `>` marks and white space:
    // most quote marks have other text before them on their line, and the
    // walk stops there (no search of a whole long line).
    let mut line_start = 0;
    for (i, c) in before(pos).char_indices().rev() {
        if c == '\n' {
            line_start = i + 1;
            break;
        }
        if !(c == '>' || c.is_whitespace()) {
            return false;
        }
    }
    if line_start == 0 {
        return false;
    }
    let prev_start = before(line_start - 1).rfind('\n').map_or(0, |i| i + 1);
    let prev = text.get(prev_start..line_start - 1).unwrap_or_default();
    prev.contains('>') && quote_marks(prev)
}

/// How many blocks without double quotes (verse, a letter) a quotation left
/// open may run through before a paragraph that closes it.
const MAX_INSET_BLOCKS: usize = 6;

fn is_curly(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text(text), "“" | "”")
}

/// Whether the quote mark at `toks[i]` opens a new paragraph of a quotation
/// run into this block: it follows the end of a sentence (`peace. “Our`),
/// or a `>`-only line of a plain-text quoted passage (a new stanza).
fn reopens(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(tok) = toks.get(i) else {
        return false;
    };
    if after_quote_break(text, tok.span.start) {
        return true;
    }
    let Some(j) = i
        .checked_sub(1)
        .filter(|&j| toks.get(j).is_some_and(Token::is_space))
    else {
        return false;
    };
    j.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|t| {
        t.kind == TokenKind::Punct && matches!(t.text(text), "." | "!" | "?" | "…")
    })
}

/// Quote marks of one kind in one block.
#[derive(Default)]
struct QuoteMarks {
    /// Every opening mark in order, and whether it reopens a quotation.
    openers: Vec<(Range<usize>, bool)>,
    /// Open quotations: indexes into `openers`.
    open: Vec<usize>,
}

impl QuoteMarks {
    fn open(&mut self, span: Range<usize>, reopens: bool) {
        self.open.push(self.openers.len());
        self.openers.push((span, reopens));
    }

    /// Close the innermost open quotation; false if none is open.
    fn close(&mut self) -> bool {
        self.open.pop().is_some()
    }

    /// Opening marks never closed, except those a later mark reopened:
    /// each paragraph of a quotation opens with a mark, but only the last
    /// is closed (paragraph breaks may have been lost in the text).
    fn unmatched(&self) -> Vec<Range<usize>> {
        self.open
            .iter()
            .filter(|&&k| !self.openers.get(k + 1).is_some_and(|(_, r)| *r))
            .filter_map(|&k| self.openers.get(k).map(|o| o.0.clone()))
            .collect()
    }
}

/// Whether a straight `"` opens a quotation: by the characters around it,
/// or, when they do not tell, by whether one is open.
fn straight_opens(text: &str, toks: &[Token], i: usize, open: bool) -> bool {
    let prev = i.checked_sub(1).and_then(|j| toks.get(j));
    let next = toks.get(i + 1);
    let left_open = prev.is_none_or(|p| {
        p.is_space()
            || (p.kind == TokenKind::Punct
                && matches!(p.text(text), "(" | "[" | "{" | "—" | "–" | "-" | "/"))
    });
    let right_closed = next.is_none_or(|n| {
        n.is_space()
            || (n.kind == TokenKind::Punct
                && matches!(
                    n.text(text),
                    "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "—" | "–" | "…"
                ))
    });
    match (left_open, right_closed) {
        (true, false) => true,
        (false, true) => false,
        _ => !open,
    }
}

const NOTE_OPEN: &str = "`‘‘` (two single quotes) in this paragraph may be meant as `“`";
const NOTE_CLOSE: &str = "`’’` (two single quotes) in this paragraph may be meant as `”`";

/// A mark to flag, and a note to add to the diagnostic.
type Flag = (Range<usize>, Option<&'static str>);

/// The marks of one block still open when it has been read.
#[derive(Default)]
struct OpenMarks {
    /// One stack per kind of bracket: ( [ {
    stacks: [Vec<Range<usize>>; 3],
    curly: QuoteMarks,
    straight: QuoteMarks,
}

/// The positions of the bracket and double quote tokens of a block, found
/// with `memchr`: the rule reads no other token. A curly quote is recorded
/// at the start of its three bytes.
fn find_marks(text: &str, toks: &[Token], marks: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let curly_start = |p: usize| {
        p.checked_sub(2)
            .filter(|&s| bytes.get(s..p) == Some(&[0xE2, 0x80][..]))
    };
    super::find_bytes(
        text,
        super::extent(toks),
        b"()[]{}\"\x9C\x9D",
        |p| match bytes.get(p) {
            Some(0x9C | 0x9D) => curly_start(p),
            _ => Some(p),
        },
        marks,
    );
}

/// Template delimiters (`{{ x }}`, `{% tag %}`, `{{raw `…`}}`) are never
/// prose brackets.
fn template(bytes: &[u8], p: usize) -> bool {
    match bytes.get(p) {
        Some(b'{') => {
            matches!(bytes.get(p + 1), Some(b'{' | b'%'))
                || p.checked_sub(1).and_then(|q| bytes.get(q)) == Some(&b'{')
        }
        Some(b'}') => {
            bytes.get(p + 1) == Some(&b'}')
                || matches!(
                    p.checked_sub(1).and_then(|q| bytes.get(q)),
                    Some(b'}' | b'%')
                )
        }
        _ => false,
    }
}

/// A `“` left open at the end of an earlier paragraph (`pending`, with how
/// many paragraphs without double quotes have followed it) against this
/// paragraph's marks: still pending when it has none, flagged when its
/// first curly quote is not a `”`. True when that `”` closes the quotation
/// (resumed after an inset: verse, a letter).
fn resume_pending<'t>(
    text: &str,
    pending: &mut Option<(Range<usize>, usize)>,
    marks: impl Iterator<Item = (usize, &'t Token)>,
    found: &mut Vec<Flag>,
) -> bool {
    let Some((open, skipped)) = pending.take() else {
        return false;
    };
    match marks
        .map(|(_, t)| t)
        .find(|t| is_curly(text, t))
        .map(|t| t.text(text))
    {
        None if skipped < MAX_INSET_BLOCKS => *pending = Some((open, skipped + 1)),
        Some("”") => return true,
        _ => found.push((open, None)),
    }
    false
}

/// Reads one block's marks: pairs brackets and quotes, flags the closing
/// marks nothing opened, and returns what is left open.
fn scan_block<'t>(
    text: &str,
    toks: &'t [Token],
    block_text: &str,
    marks: impl Iterator<Item = (usize, &'t Token)>,
    mut resumed: bool,
    found: &mut Vec<Flag>,
) -> OpenMarks {
    let mut open = OpenMarks::default();
    for (i, t) in marks {
        let s = t.text(text);
        let span = t.span.clone();
        match s {
            "(" | "[" | "{" => {
                if s == "(" && emoticon(text, toks, i) {
                    continue;
                }
                let k = "([{".find(s).unwrap_or(0);
                if let Some(stack) = open.stacks.get_mut(k) {
                    stack.push(span);
                }
            }
            ")" | "]" | "}" => {
                let fits = closing_bracket_fits(text, toks, i, t, &mut open.stacks);
                if !fits {
                    found.push((span, None));
                }
            }
            "“" => open.curly.open(span, reopens(text, toks, i)),
            "”" if !open.curly.close() && !std::mem::take(&mut resumed) => {
                let note = block_text.contains("‘‘").then_some(NOTE_OPEN);
                found.push((span, note));
            }
            "\"" => {
                let fits = straight_quote_fits(text, toks, i, t, &mut open.straight);
                if !fits {
                    found.push((span, None));
                }
            }
            _ => {}
        }
    }
    open
}

/// Whether the closing bracket `t` (token `i`) is accounted for: it closes
/// an open bracket (popped from `stacks`) or a half-open interval, or is
/// part of an emoticon, a list marker or an address.
fn closing_bracket_fits(
    text: &str,
    toks: &[Token],
    i: usize,
    t: &Token,
    stacks: &mut [Vec<Range<usize>>; 3],
) -> bool {
    if emoticon(text, toks, i) {
        return true;
    }
    let s = t.text(text);
    let k = ")]}".find(s).unwrap_or(0);
    let popped = stacks.get_mut(k).and_then(Vec::pop).is_some();
    if popped || (s == ")" && list_marker(text, toks, i)) {
        return true;
    }
    // A half-open interval: `[0, 1)`, `(0, 1]`.
    let other = match s {
        ")" => Some(1),
        "]" => Some(0),
        _ => None,
    };
    if let Some(o) = other {
        if let Some(stack) = stacks.get_mut(o) {
            let interval = stack.last().is_some_and(|open| {
                text.get(open.end..t.span.start)
                    .is_some_and(|between| between.contains(','))
            });
            if interval {
                stack.pop();
                return true;
            }
        }
    }
    // The tokenizer keeps `[` inside a URL but not a
    // `]` after it: `https://x.org/a#b[c]`.
    let opener = ["(", "[", "{"].get(k).copied().unwrap_or("(");
    i.checked_sub(1).and_then(|j| toks.get(j)).is_some_and(|p| {
        matches!(p.kind, TokenKind::Url | TokenKind::Path)
            && adjacent(p, t)
            && p.text(text).contains(opener)
    })
}

/// Whether the straight `"` `t` (token `i`) is accounted for: an inch mark,
/// an opening quote (recorded in `straight`) or the close of an open one.
fn straight_quote_fits(
    text: &str,
    toks: &[Token],
    i: usize,
    t: &Token,
    straight: &mut QuoteMarks,
) -> bool {
    // Inch marks: `a 12" pipe` (but `"version 2"` closes).
    let inches = straight.open.is_empty()
        && i.checked_sub(1).and_then(|j| toks.get(j)).is_some_and(|p| {
            p.kind == TokenKind::Number
                && adjacent(p, t)
                && p.text(text).chars().all(|c| c.is_numeric() || c == '.')
        });
    if inches {
        return true;
    }
    if straight_opens(text, toks, i, !straight.open.is_empty()) {
        straight.open(t.span.clone(), reopens(text, toks, i));
        true
    } else {
        straight.close()
    }
}

/// The marks left open at the end of a block: brackets are flagged, the
/// last `“` may stay pending (an inset may follow and a later paragraph
/// close it), and the last straight `"` is not flagged when the next block
/// opens with one.
fn close_block(
    text: &str,
    next_block: &[Token],
    block_text: &str,
    open: OpenMarks,
    pending: &mut Option<(Range<usize>, usize)>,
    found: &mut Vec<Flag>,
) {
    for stack in open.stacks {
        found.extend(stack.into_iter().map(|r| (r, None)));
    }
    let mut left = open.curly.unmatched();
    if let Some(last) = left.pop() {
        let note = block_text.contains("’’").then_some(NOTE_CLOSE);
        found.extend(left.into_iter().map(|r| (r, note)));
        if note.is_some() {
            found.push((last, note));
        } else if !starts_with(text, next_block, "“") {
            // Perhaps an inset follows and a later paragraph closes it.
            *pending = Some((last, 0));
        }
    }
    let mut left = open.straight.unmatched();
    if starts_with(text, next_block, "\"") {
        left.pop();
    }
    found.extend(left.into_iter().map(|r| (r, None)));
}

/// One diagnostic per flagged mark, in document order.
fn report(cx: &Context<'_>, mut found: Vec<Flag>, out: &mut Vec<Diagnostic>) {
    found.sort_by_key(|(r, _)| r.start);
    for (span, note) in found {
        let mark = cx.text.get(span.clone()).unwrap_or_default();
        let message = format!("unmatched `{mark}`");
        // In Markdown a paragraph's brackets also close across HTML,
        // templates and code the document layer cannot pair: right in
        // about a third of the flags on real content repositories, so a
        // note there (a warning in plain text).
        let severity = if cx.doc.format.is_markdown() {
            Severity::Info
        } else {
            Severity::Warning
        };
        let mut d = Diagnostic::new(CODE, severity, span, message);
        if let Some(note) = note {
            d = d.with_note(note);
        }
        if cx.full(out) {
            return;
        }
        out.push(d);
    }
}

/// Whether a text read in parts may end a part after block `b` of `doc`:
/// no quotation mark is left open across it. The block closes every
/// quotation it opens (as many `”` as `“`, an even number of `"`: its open
/// quotes and the next block's opening are weighed together), and so do
/// the blocks before it within [`MAX_INSET_BLOCKS`] (a `“` left open there
/// may still be pending).
pub(crate) fn may_part_after(doc: &crate::document::Document<'_>, b: usize) -> bool {
    let text = |i: usize| {
        doc.blocks
            .get(i)
            .and_then(|bl| doc.text.get(bl.span()))
            .unwrap_or_default()
    };
    let count = |t: &str, m: &str| memchr::memmem::find_iter(t.as_bytes(), m.as_bytes()).count();
    memchr::memchr_iter(b'"', text(b).as_bytes()).count() % 2 == 0
        && (b.saturating_sub(MAX_INSET_BLOCKS + 1)..=b).all(|i| {
            let t = text(i);
            count(t, "“") == count(t, "”")
        })
}

impl Rule for Unbalanced {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.text;
        let mut found: Vec<Flag> = Vec::new();
        // A `“` left open at the end of an earlier paragraph, and how many
        // paragraphs without double quotes have followed it.
        let mut pending: Option<(Range<usize>, usize)> = None;
        let mut marks = Vec::new();
        for b in 0..cx.tokens.blocks.len() {
            let toks = cx.tokens.block(b);
            let next_block = cx.tokens.block(b + 1);
            let block_text = cx
                .doc
                .blocks
                .get(b)
                .and_then(|bl| text.get(bl.span()))
                .unwrap_or_default();
            find_marks(text, toks, &mut marks);
            let marks = marks
                .iter()
                .filter(|&&p| !template(text.as_bytes(), p))
                .filter_map(|&p| {
                    let i = super::token_at(toks, p)?;
                    let t = toks.get(i)?;
                    (t.kind == TokenKind::Punct).then_some((i, t))
                });
            let resumed = resume_pending(text, &mut pending, marks.clone(), &mut found);
            let open = scan_block(text, toks, block_text, marks, resumed, &mut found);
            close_block(text, next_block, block_text, open, &mut pending, &mut found);
        }
        found.extend(pending.map(|(r, _)| (r, None)));
        report(cx, found, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Lang;
    use crate::document::Format;
    use crate::rules::testing::{flagged, run, run_with};

    #[test]
    fn leaves_templates_code_and_inches_alone() {
        for text in [
            "See {{ site.url }}/x and {% if a %}b{% endif %} or {{raw `",
            "`}}",
            "call foo() or x_y, use []byte and Vec<T>",
            "blades longer than 2½\" are banned, and a 12\" pipe",
        ] {
            assert!(run(&Unbalanced, text).is_empty(), "{text:?}");
        }
        let text = "a {lone brace and {{ x }}";
        assert_eq!(flagged(text, &run(&Unbalanced, text)), ["{"]);
    }

    #[test]
    fn flags_unmatched_brackets() {
        let text = "The plan (agreed on Friday was dropped. It failed] and {so} on.";
        let d = run(&Unbalanced, text);
        assert_eq!(flagged(text, &d), ["(", "]"]);
        assert_eq!(d[0].span, 9..10);
        assert_eq!(d[0].message, "unmatched `(`");
        assert_eq!(d[1].message, "unmatched `]`");
        assert!(d[0].fixes.is_empty());
        let text = "It ended) today.";
        assert_eq!(flagged(text, &run(&Unbalanced, text)), [")"]);
    }

    #[test]
    fn flags_unmatched_curly_quotes() {
        let text = "He said the talks were “useful. Then he left.";
        let d = run(&Unbalanced, text);
        assert_eq!(flagged(text, &d), ["“"]);
        let text = "The talks were useful,” he said.";
        let d = run(&Unbalanced, text);
        assert_eq!(flagged(text, &d), ["”"]);
        assert_eq!(d[0].message, "unmatched `”`");
        // Nested quotes: the outer one was never closed.
        let text = "He said “yes and “no” today.";
        let d = run(&Unbalanced, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.start, text.find('“').unwrap());
    }

    #[test]
    fn flags_the_last_of_an_odd_number_of_straight_quotes() {
        let text = "He said \"yes\" and \"no today.";
        let d = run(&Unbalanced, text);
        assert_eq!(flagged(text, &d), ["\""]);
        assert_eq!(d[0].span.start, text.rfind('"').unwrap());
    }

    #[test]
    fn straight_quotes_open_and_close_by_their_neighbours() {
        for text in [
            "He said:\"go now.\" Then \"stop,\" she said (\"why?\").",
            "He said, \"This year. \"Next year. \"Every year.\" And so on.",
        ] {
            assert!(run(&Unbalanced, text).is_empty(), "{text:?}");
        }
        let text = "He said, stop\" and left.";
        assert_eq!(flagged(text, &run(&Unbalanced, text)), ["\""]);
        let text = "He said \"stop and \"go\" then.";
        let d = run(&Unbalanced, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.start, text.find('"').unwrap());
    }

    #[test]
    fn each_paragraph_is_balanced_on_its_own() {
        let text = "The plan (agreed\n\non Friday) was dropped.";
        assert_eq!(flagged(text, &run(&Unbalanced, text)), ["(", ")"]);
    }

    #[test]
    fn leaves_balanced_text_list_markers_and_emoticons_alone() {
        for text in [
            "The plan (agreed [on Friday] {twice}) was “useful” and \"fine\".",
            "Nested (brackets (inside) brackets) and “quotes (with brackets)”.",
            "1) first\n2) second\na) this\niv) that",
            "options a) and b) remain",
            "nice :) and sad :( and wink ;) and :-) too",
            "a 12\" pipe and a 3\" one",
            "compile with \"wasip2\" or \"version 2\" now",
            "code points in [0, 0x800) and (1, 2] here",
            "see https://example.com/a#hatch[dropck] for more",
            "A quotation\nover lines (with an\naside) is “fine\nhere”.",
        ] {
            assert!(run(&Unbalanced, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn multi_paragraph_quotations_are_open_until_the_last() {
        let text = "He said: “The first paragraph.\n\n“The second paragraph.\n\n“The last one.”\n";
        assert!(run(&Unbalanced, text).is_empty());
        let text = "He said: \"The first paragraph.\n\n\"The last one.\"\n";
        assert!(run(&Unbalanced, text).is_empty());
        // Not followed by an opening quote: unmatched.
        let text = "He said: “The first paragraph.\n\nThe next one.\n";
        assert_eq!(flagged(text, &run(&Unbalanced, text)), ["“"]);
    }

    #[test]
    fn quotations_may_nest_and_run_through_verse() {
        let text = "“I read in the papers, “There was applause,” and I never knew.”";
        assert!(run(&Unbalanced, text).is_empty());
        // Paragraphs of one quotation run together: each reopens it.
        let text = "He said, “This year. “Next year. “Every year.” And so on.";
        assert!(run(&Unbalanced, text).is_empty());
        let text = "He went on: “and I had to sing\n\n> ‘Twinkle, twinkle!’\n\nYou know the song?”\n\n“Yes,” said Alice.";
        assert!(run(&Unbalanced, text).is_empty());
        let text = "> “How doth the little crocodile\n>\n> “How cheerfully he seems to grin!”\n";
        assert!(run(&Unbalanced, text).is_empty());
        // A quote mark at the start of an ordinary wrapped line is not a
        // new stanza.
        let text = "He said “yes and\n“no” today.";
        assert_eq!(flagged(text, &run(&Unbalanced, text)), ["“"]);
        // The paragraph after the inset opens a new quotation: unmatched.
        let text = "He said: “and I sang\n\n> ‘Twinkle!’\n\n“You know it?” she said.";
        assert_eq!(flagged(text, &run(&Unbalanced, text)), ["“"]);
    }

    #[test]
    fn two_single_quotes_get_a_note() {
        let text = "Daisy said. ‘‘What’ll we plan?” She turned to me.";
        let d = run(&Unbalanced, text);
        assert_eq!(flagged(text, &d), ["”"]);
        assert_eq!(d[0].notes.len(), 1);
        assert!(d[0].notes[0].contains("‘‘"));
    }

    #[test]
    fn markdown_link_brackets_are_markup() {
        let text = "See [the docs](http://example.com) and [sic] here.\n";
        assert!(run_with(&Unbalanced, text, Format::Markdown, Lang::EnUs).is_empty());
        let text = "See [the docs](http://example.com) and (this.\n";
        let d = run_with(&Unbalanced, text, Format::Markdown, Lang::EnUs);
        assert_eq!(flagged(text, &d), ["("]);
    }
}
