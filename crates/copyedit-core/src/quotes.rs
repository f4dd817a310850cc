//! Direct quotations: text between “ ” or " ", and Markdown blockquotes.
//!
//! Quoted text is someone else's words, so no fix inside it is ever Safe.
//!
//! The quote marks of each block are found with `memchr` in its text and
//! looked up among its tokens (a binary search), not by walking every token.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::ops::Range;

use crate::document::Document;
use crate::tokenize::{TokenKind, Tokens};

/// Byte ranges of the quotations in a document, sorted and non-overlapping.
#[derive(Debug, Clone, Default)]
pub struct Quotations {
    ranges: Vec<Range<usize>>,
}

impl Quotations {
    /// Find the quotations of a tokenized document.
    pub fn find(doc: &Document<'_>, tokens: &Tokens) -> Self {
        let mut ranges = Vec::new();
        let bytes = doc.text.as_bytes();
        let mut marks = Vec::new();
        for (block, token_range) in doc.blocks.iter().zip(&tokens.blocks) {
            let span = block.span();
            if block.quoted {
                ranges.push(span);
                continue;
            }
            let Some(toks) = tokens.tokens.get(token_range.clone()) else {
                continue;
            };
            let mut open: Option<usize> = None;
            // The double quote tokens, found with `memchr` (`“` and `”` by
            // their last byte): no other token matters.
            crate::rules::find_bytes(
                doc.text,
                crate::rules::extent(toks),
                b"\"\x9C\x9D",
                |p| match bytes.get(p) {
                    Some(0x9C | 0x9D) => p
                        .checked_sub(2)
                        .filter(|&s| bytes.get(s..p) == Some(&[0xE2, 0x80][..])),
                    _ => Some(p),
                },
                &mut marks,
            );
            for &p in &marks {
                let Some(i) = crate::rules::token_at(toks, p) else {
                    continue;
                };
                let Some(t) = toks.get(i).filter(|t| t.kind == TokenKind::Punct) else {
                    continue;
                };
                match t.text(doc.text) {
                    "“" if open.is_none() => open = Some(t.span.start),
                    "”" => {
                        if let Some(s) = open.take() {
                            ranges.push(s..t.span.end);
                        }
                    }
                    "\"" => {
                        let after_space = i == 0
                            || toks.get(i - 1).is_some_and(|p| {
                                p.is_space()
                                    || (p.kind == TokenKind::Punct
                                        && matches!(p.text(doc.text), "(" | "[" | "—" | "-"))
                            });
                        match open {
                            None if after_space => open = Some(t.span.start),
                            Some(s) if !after_space => {
                                ranges.push(s..t.span.end);
                                open = None;
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            if let Some(s) = open {
                // A quotation left open runs to the end of its paragraph
                // (news style: multi-paragraph quotes close only at the end).
                ranges.push(s..span.end);
            }
        }
        ranges.sort_by_key(|r| r.start);
        Quotations { ranges }
    }

    /// Whether byte `pos` is inside a quotation.
    pub fn contains(&self, pos: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= pos);
        self.ranges.get(i).is_some_and(|r| r.start <= pos)
    }

    /// Whether any byte of `span` is inside a quotation.
    pub fn overlaps(&self, span: &Range<usize>) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= span.start);
        self.ranges
            .get(i)
            .is_some_and(|r| r.start < span.end.max(span.start + 1))
    }

    /// The quotation ranges.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::tokenize::tokenize;

    fn quoted(text: &str, format: Format) -> Vec<&str> {
        let doc = Document::parse(text, format);
        let toks = tokenize(&doc);
        Quotations::find(&doc, &toks)
            .ranges
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            quoted("He said “go now” and \"stay\" then.", Format::Plain),
            ["“go now”", "\"stay\""]
        );
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        assert_eq!(
            quoted("He said: “It runs on\n\nNot this.", Format::Plain),
            ["“It runs on"]
        );
    }

    #[test]
    fn blockquotes_are_quotations() {
        assert_eq!(
            quoted("> Some words\n\nMine\n", Format::Markdown),
            ["Some words"]
        );
    }

    #[test]
    fn contains_and_overlaps() {
        let text = "a “bc” d";
        let doc = Document::parse(text, Format::Plain);
        let toks = tokenize(&doc);
        let q = Quotations::find(&doc, &toks);
        assert!(!q.contains(0));
        assert!(q.contains(text.find('b').unwrap()));
        assert!(!q.contains(text.find('d').unwrap()));
        assert!(q.overlaps(&(0..text.find('b').unwrap() + 1)));
        assert!(!q.overlaps(&(0..1)));
    }
}
