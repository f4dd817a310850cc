//! After the rules: editorial `[sic]` markers, quotations, and overlaps
//! between rules.
//!
//! - `[sic]` (also `(sic)`, `[sic!]`, `[Sic]`, `[*sic*]`, `*[sic]*`,
//!   `_[sic]_`, with a closing quote allowed between word and marker)
//!   exempts the word before it from every word-level rule. A diagnostic
//!   that spans a phrase is exempt when the phrase ends at the marked word
//!   and does not reach back past the nearest punctuation. A marker right
//!   after a sentence's full stop (`"... no history. [sic]"`) exempts the
//!   words of that sentence.
//! - Inside a direct quotation no fix is Safe, and word-level problems get a
//!   second fix: insert ` [sic]` to mark the words as quoted.
//! - `spelling` yields to `fragment` on the same words.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Suppression};
use crate::quotes::Quotations;
use crate::rules::{a_an, fragment, scope_of, spelling, Scope};
use crate::tokenize::{Token, TokenKind, Tokens};

/// Whether a rule judges a word as written ([`Scope::Word`]): what `[sic]`
/// vouches for, and what gets the ` [sic]` fix inside a quotation.
fn word_level(rule: &str) -> bool {
    scope_of(rule) == Some(Scope::Word)
}

/// A `[sic]` marker and the words it exempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SicMark {
    /// The marker itself, brackets included.
    pub marker: Range<usize>,
    /// The marked word.
    pub word: Range<usize>,
    /// Start of the phrase the marker may cover (after the nearest
    /// punctuation before the word, within the sentence).
    pub phrase_start: usize,
}

fn is_emphasis(t: &Token, text: &str) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text(text), "*" | "_")
}

/// Find the `[sic]` markers in a tokenized text.
pub fn sic_marks(text: &str, tokens: &Tokens) -> Vec<SicMark> {
    let mut marks = Vec::new();
    // Most texts have no `sic` standing alone (a mark needs one): a byte
    // search rules them out without walking the tokens.
    if !has_standalone_sic(text.as_bytes()) {
        return marks;
    }
    for range in &tokens.blocks {
        let Some(toks) = tokens.tokens.get(range.clone()) else {
            continue;
        };
        for (i, open) in toks.iter().enumerate() {
            if open.kind != TokenKind::Punct || open.span.len() != 1 {
                continue;
            }
            let close = match text.as_bytes().get(open.span.start) {
                Some(b'[') => "]",
                Some(b'(') => ")",
                _ => continue,
            };
            let mut j = i + 1;
            while toks.get(j).is_some_and(|t| is_emphasis(t, text)) {
                j += 1;
            }
            if !toks.get(j).is_some_and(|t| {
                t.kind == TokenKind::Word && t.text(text).eq_ignore_ascii_case("sic")
            }) {
                continue;
            }
            j += 1;
            if toks.get(j).is_some_and(|t| t.text(text) == "!") {
                j += 1;
            }
            while toks.get(j).is_some_and(|t| is_emphasis(t, text)) {
                j += 1;
            }
            let Some(end) = toks.get(j).filter(|t| t.text(text) == close) else {
                continue;
            };
            // The marked word: back over spaces, emphasis and closing quotes.
            let mut k = i;
            let word = loop {
                let Some(prev) = k.checked_sub(1) else {
                    break None;
                };
                k = prev;
                let Some(t) = toks.get(k) else {
                    break None;
                };
                match t.kind {
                    TokenKind::Space | TokenKind::Newline => continue,
                    TokenKind::Punct
                        if matches!(t.text(text), "*" | "_" | "”" | "\"" | "’" | "'") =>
                    {
                        continue
                    }
                    TokenKind::Word | TokenKind::Number => break Some(k),
                    // After a full stop the marker vouches for the sentence
                    // it ends: `"Many pacakges are forks. [sic]"`.
                    TokenKind::Punct if matches!(t.text(text), "." | "!" | "?" | "…") => {
                        if let Some(start) = sentence_start(text, toks, k) {
                            marks.push(SicMark {
                                marker: open.span.start..end.span.end,
                                word: start..t.span.end,
                                phrase_start: start,
                            });
                        }
                        break None;
                    }
                    _ => break None,
                }
            };
            let Some((w, word_token)) = word.and_then(|w| Some((w, toks.get(w)?))) else {
                continue;
            };
            let mut phrase_start = toks.first().map_or(0, |t| t.span.start);
            for t in toks.get(..w).unwrap_or_default().iter().rev() {
                if t.kind == TokenKind::Punct && !matches!(t.text(text), "-" | "'" | "’") {
                    phrase_start = t.span.end;
                    break;
                }
            }
            marks.push(SicMark {
                marker: open.span.start..end.span.end,
                word: word_token.span.clone(),
                phrase_start,
            });
        }
    }
    marks
}

/// The start of the sentence that the punctuation token `end` closes: after
/// the previous sentence end or opening quotation mark in the block, or the
/// block's first token. `None` when no word lies between.
fn sentence_start(text: &str, toks: &[Token], end: usize) -> Option<usize> {
    let before = toks.get(..end)?;
    let from = before
        .iter()
        .rposition(|t| {
            t.kind == TokenKind::Punct && matches!(t.text(text), "." | "!" | "?" | "…" | "“" | "\"")
        })
        .map_or(0, |i| i + 1);
    before
        .get(from..)?
        .iter()
        .find(|t| t.kind == TokenKind::Word)
        .map(|t| t.span.start)
}

/// Whether `sic` (any case) occurs with no ASCII letter or digit on either
/// side: every `sic` word token does (a superset is fine: this only
/// decides whether to look further).
fn has_standalone_sic(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'c', b'C', bytes).any(|p| {
        p >= 2
            && bytes
                .get(p - 2..p)
                .is_some_and(|si| si.eq_ignore_ascii_case(b"si"))
            && (p == 2 || bytes.get(p - 3).is_none_or(|b| !b.is_ascii_alphanumeric()))
            && bytes.get(p + 1).is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// Whether `d` is exempted by the mark.
fn exempts(mark: &SicMark, d: &Diagnostic) -> bool {
    word_level(d.rule)
        && d.span.start >= mark.phrase_start
        && d.span.end <= mark.word.end
        && (d.span.end > mark.word.start
            // `a apple [sic]`: the article belongs to the marked word.
            || (d.rule == a_an::META.code && d.span.end < mark.word.start))
}

/// Ranges sorted by start, with the greatest end of every prefix: the
/// ranges that overlap a span are found by binary search and a walk back
/// that stops at the first prefix ending before the span (linear on any
/// text whose ranges do not nest, which marks and fragments never do).
struct Intervals<T> {
    items: Vec<(Range<usize>, T)>,
    max_end: Vec<usize>,
}

impl<T> Intervals<T> {
    fn new(mut items: Vec<(Range<usize>, T)>) -> Self {
        items.sort_by_key(|(r, _)| (r.start, r.end));
        let mut end = 0;
        let max_end = items
            .iter()
            .map(|(r, _)| {
                end = end.max(r.end);
                end
            })
            .collect();
        Intervals { items, max_end }
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every item whose range satisfies `start < to && end > from`, from
    /// the last back.
    fn touching(&self, from: usize, to: usize) -> impl Iterator<Item = &(Range<usize>, T)> {
        let upto = self.items.partition_point(|(r, _)| r.start < to);
        let items = self.items.get(..upto).unwrap_or_default();
        let max_end = self.max_end.get(..upto).unwrap_or_default();
        items
            .iter()
            .zip(max_end)
            .rev()
            .take_while(move |(_, &m)| m > from)
            .map(|(item, _)| item)
            .filter(move |(r, _)| r.end > from)
    }
}

/// Apply `[sic]`, quotation and overlap handling to a text's diagnostics.
/// Linear in the diagnostics and marks: both are looked up by position.
pub fn apply(text: &str, tokens: &Tokens, quotes: &Quotations, diags: &mut Vec<Diagnostic>) {
    // spelling yields to fragment.
    let fragments: Intervals<()> = Intervals::new(
        diags
            .iter()
            .filter(|d| d.rule == fragment::META.code)
            .map(|d| (d.span.clone(), ()))
            .collect(),
    );
    if !fragments.is_empty() {
        diags.retain(|d| {
            d.rule != spelling::META.code
                || fragments
                    .touching(d.span.start, d.span.end)
                    .next()
                    .is_none()
        });
    }

    // Each mark covers its phrase up to the end of its marker: a mark can
    // touch or exempt a diagnostic only when that range overlaps it (an
    // exempt diagnostic lies inside it).
    let marks: Intervals<SicMark> = Intervals::new(
        sic_marks(text, tokens)
            .into_iter()
            .map(|m| (m.phrase_start.min(m.marker.start)..m.marker.end, m))
            .collect(),
    );
    for d in diags.iter_mut() {
        // An empty span still belongs to the mark around it.
        let to = d.span.end.max(d.span.start + 1);
        let mut touches_sic = false;
        for (_, m) in marks.touching(d.span.start, to) {
            if exempts(m, d) {
                d.suppressed = Some(Suppression::Sic);
            }
            touches_sic |= m.phrase_start < d.span.end && d.span.start < m.marker.end;
        }
        let quoted = quotes.overlaps(&d.span)
            || d.fixes
                .iter()
                .flat_map(|f| &f.edits)
                .any(|e| quotes.overlaps(&e.span));
        if quoted || touches_sic {
            for f in &mut d.fixes {
                if f.applicability == Applicability::Safe {
                    f.applicability = Applicability::Unsafe;
                }
            }
        }
        if quoted && !touches_sic && word_level(d.rule) {
            d.fixes.push(Fix::new(
                "mark as quoted: insert ` [sic]`",
                Edit::insert(d.span.end, " [sic]"),
                Applicability::Unsafe,
            ));
            d.notes.push(
                "inside a quotation: if these are the speaker's words, mark them [sic]".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use crate::tokenize::tokenize;

    fn marked(text: &str) -> Vec<&str> {
        let doc = Document::parse(text, Format::Markdown);
        let toks = tokenize(&doc);
        sic_marks(text, &toks)
            .into_iter()
            .map(|m| &text[m.word])
            .collect()
    }

    #[test]
    fn a_marker_after_a_full_stop_covers_the_sentence() {
        let text = "> \"Some are fine. Many pacakges are forks or pojects. [sic]\"\n";
        assert_eq!(marked(text), ["Many pacakges are forks or pojects."]);
        let d = crate::Linter::default().check(text, Format::Markdown);
        let open: Vec<_> = d.iter().filter(|d| d.suppressed.is_none()).collect();
        assert!(open.is_empty(), "{open:?}");
        // Without the marker both are flagged.
        let d = crate::Linter::default().check("Many pacakges are pojects.\n", Format::Markdown);
        assert_eq!(d.iter().filter(|d| d.suppressed.is_none()).count(), 2);
    }

    #[test]
    fn the_byte_search_finds_every_standalone_sic_and_no_sic_inside_a_word() {
        for yes in [
            "[sic]", "(SIC)", "sic", "x sic", "sic.", "[*Sic*]", "ésic", "sic’s",
        ] {
            assert!(has_standalone_sic(yes.as_bytes()), "{yes}");
        }
        for no in [
            "",
            "si",
            "music",
            "basic classic",
            "sicko",
            "SICK",
            "sic2",
            "1sic",
        ] {
            assert!(!has_standalone_sic(no.as_bytes()), "{no}");
        }
        // The search only rules texts out: one without a standalone `sic`
        // has no mark, one with it is walked as before.
        assert!(marked("a basic music lesson (classic)").is_empty());
        assert_eq!(marked("a basic music lessen [sic]"), ["lessen"]);
    }

    #[test]
    fn marker_forms() {
        for text in [
            "people ere [sic] dying",
            "people ere (sic) dying",
            "people ere [sic!] dying",
            "people ere [Sic] dying",
            "people ere [*sic*] dying",
            "people ere *[sic]* dying",
            "people ere _[sic]_ dying",
            "people “ere” [sic] dying",
            "people \"ere\" [sic] dying",
        ] {
            assert_eq!(marked(text), ["ere"], "{text}");
        }
    }

    #[test]
    fn not_markers() {
        assert!(marked("the sic dog").is_empty());
        assert!(marked("[sic] at the start").is_empty());
        assert!(marked("see [basic] here").is_empty());
    }

    #[test]
    fn phrase_stops_at_punctuation() {
        let text = "He said, the the [sic] end";
        let doc = Document::parse(text, Format::Plain);
        let toks = tokenize(&doc);
        let m = &sic_marks(text, &toks)[0];
        assert_eq!(&text[m.phrase_start..m.word.end], " the the");
    }

    #[test]
    fn many_marks_each_exempt_their_own_word_only() {
        let linter = crate::Linter::default();
        let text = "We saw teh [sic] one, then teh two and teh (sic) three, teh four. ".repeat(50);
        let d: Vec<Diagnostic> = linter
            .check(&text, Format::Plain)
            .into_iter()
            .filter(|d| d.rule == "spelling")
            .collect();
        let suppressed: Vec<bool> = d.iter().map(|d| d.suppressed.is_some()).collect();
        assert_eq!(suppressed, [true, false, true, false].repeat(50));
        // A fix in the phrase of a mark (`then teh two and teh (sic)`,
        // back to the comma) is never Safe; after the next comma it is.
        let safe: Vec<bool> = d
            .iter()
            .map(|d| d.fixes.first().unwrap().applicability == Applicability::Safe)
            .collect();
        assert_eq!(safe, [false, false, false, true].repeat(50));
    }
}
