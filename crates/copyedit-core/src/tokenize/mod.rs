//! Prose → tokens. Every token carries a byte span into the original text.
//!
//! Words are runs of Unicode letters with inner apostrophes (`'` or `’`);
//! hyphenated compounds are split into their parts (each flagged
//! [`Token::HYPHENATED`]); anything containing a digit is a number (`3rd`,
//! `1990s`, `21bn`, `2025-04-11`, `5km`); URLs, e-mail addresses, `@handles`,
//! `#tags` and file paths are single tokens that no rule spell-checks.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::ops::Range;

use crate::document::{Document, PieceKind};

mod code;
pub(crate) mod neighbours;
mod scan;
mod special;
#[cfg(test)]
mod tests;

use code::merge_code;
use scan::scan;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes.
    Word,
    /// Anything alphanumeric that contains a digit: numbers, dates, ordinals, units.
    Number,
    /// `https://…`, `www.…`, or a bare domain such as `example.com`.
    Url,
    /// `name@example.com`.
    Email,
    /// `@handle`.
    Handle,
    /// `#tag`.
    Hashtag,
    /// A file path or file name: `/usr/bin`, `src/main.rs`, `README.md`.
    Path,
    /// One punctuation or symbol character.
    Punct,
    /// Horizontal white space.
    Space,
    /// A line break (`\n` or `\r\n`).
    Newline,
    /// Not prose: inline code, math, an entity.
    Opaque,
    /// Code written outside backticks: `net.Socket`, `snake_case`,
    /// `--flag`, `$VAR`, `foo()`, `key=value`, `a != b`'s `!=` (see
    /// [`merge_code`]). No word-level or spacing rule looks inside it.
    Code,
}

/// A token: a kind, a byte span, and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Bytes of the original text.
    pub span: Range<usize>,
    /// Bit set of `Token::*` flags.
    pub flags: u8,
}

impl Token {
    /// The first word of a sentence.
    pub const SENTENCE_START: u8 = 1;
    /// A part of a hyphenated compound (`full` and `scale` in `full-scale`).
    pub const HYPHENATED: u8 = 2;

    /// Whether the token is the first word of a sentence.
    pub fn is_sentence_start(&self) -> bool {
        self.flags & Self::SENTENCE_START != 0
    }

    /// Whether the token is part of a hyphenated compound.
    pub fn is_hyphenated(&self) -> bool {
        self.flags & Self::HYPHENATED != 0
    }

    /// Whether the token is a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether the token is white space or a line break.
    pub fn is_space(&self) -> bool {
        matches!(self.kind, TokenKind::Space | TokenKind::Newline)
    }

    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.clone()).unwrap_or("")
    }
}

/// The tokens of a document, grouped by block.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All tokens in text order.
    pub tokens: Vec<Token>,
    /// For each block of the document, its range of `tokens`.
    pub blocks: Vec<Range<usize>>,
}

impl Tokens {
    /// The tokens of block `i`.
    pub fn block(&self, i: usize) -> &[Token] {
        self.blocks
            .get(i)
            .and_then(|r| self.tokens.get(r.clone()))
            .unwrap_or(&[])
    }
}

/// Tokenize every block of a document.
pub fn tokenize(doc: &Document<'_>) -> Tokens {
    let mut out = Tokens {
        // Prose has a token every 2.5 bytes or so (a word, a space, a mark):
        // growing a vector this size costs more than the spare room.
        tokens: Vec::with_capacity(
            doc.blocks.iter().map(|b| b.span().len()).sum::<usize>() / 2 + 16,
        ),
        blocks: Vec::with_capacity(doc.blocks.len()),
    };
    for block in &doc.blocks {
        let start = out.tokens.len();
        for piece in &block.pieces {
            match piece.kind {
                PieceKind::Opaque => out.tokens.push(Token {
                    kind: TokenKind::Opaque,
                    span: piece.span.clone(),
                    flags: 0,
                }),
                PieceKind::Prose => {
                    let from = out.tokens.len();
                    scan(doc.text, piece.span.clone(), &mut out.tokens);
                    merge_code(doc.text, &mut out.tokens, from);
                }
            }
        }
        let end = out.tokens.len();
        if let Some(block_tokens) = out.tokens.get_mut(start..end) {
            mark_block(doc.text, block_tokens);
        }
        out.blocks.push(start..end);
    }
    out
}

/// Tokenize a plain string as one block (for tests and quick use).
pub fn tokenize_str(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    scan(text, 0..text.len(), &mut tokens);
    merge_code(text, &mut tokens, 0);
    mark_block(text, &mut tokens);
    tokens
}

/// Whether `word` is an abbreviation after which a full stop does not end
/// the sentence (`Mr`, `etc`, `e` of `e.g.`, …). Matched by length first:
/// a word is compared only with the abbreviations of its length.
fn is_abbreviation(word: &str) -> bool {
    match word.len() {
        1 => matches!(word, "e" | "i" | "g"),
        2 => matches!(
            word,
            "Mr" | "Ms" | "Dr" | "St" | "Jr" | "Sr" | "Lt" | "vs" | "No" | "Mt" | "cf"
        ),
        3 => matches!(
            word,
            "Mrs" | "Gen" | "Col" | "Sgt" | "Rev" | "Hon" | "Sen" | "Rep" | "Gov" | "etc" | "Fig"
        ),
        4 => matches!(word, "Prof" | "Capt"),
        6 => word == "approx",
        _ => false,
    }
}

/// Set sentence-start and hyphenation flags within one block.
fn mark_block(text: &str, tokens: &mut [Token]) {
    let mut start = true;
    let mut after_colon = false;
    let mut prev_word: Option<usize> = None;
    for i in 0..tokens.len() {
        let Some(tok) = tokens.get_mut(i) else {
            break;
        };
        match tok.kind {
            TokenKind::Space | TokenKind::Newline => {}
            TokenKind::Word => {
                if start {
                    tok.flags |= Token::SENTENCE_START;
                }
                start = false;
                after_colon = false;
                prev_word = Some(i);
            }
            TokenKind::Punct => {
                let span = tok.span.clone();
                // A punctuation token is one character: match on it, not on
                // its text.
                let c = match text.as_bytes().get(span.start) {
                    Some(&b) if b < 0x80 => char::from(b),
                    _ => tok.text(text).chars().next().unwrap_or('\0'),
                };
                match c {
                    '.' | '!' | '?' | '…' => {
                        let abbreviation = c == '.'
                            && prev_word.is_some_and(|w| {
                                let word = tokens.get(w).map_or("", |w| w.text(text));
                                is_abbreviation(word)
                                    || (word.chars().count() == 1
                                        && word.chars().all(char::is_uppercase))
                            });
                        if !abbreviation {
                            start = true;
                        }
                    }
                    ':' => after_colon = true,
                    '“' | '"' | '‘' if after_colon => start = true,
                    '-' | '‐' => {
                        let joined = |t: Option<&Token>| {
                            t.is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                        };
                        let before = i.checked_sub(1).and_then(|j| tokens.get(j));
                        let after = tokens.get(i + 1);
                        let touching = before.is_some_and(|b| b.span.end == span.start)
                            && after.is_some_and(|a| a.span.start == span.end);
                        if touching && joined(before) && joined(after) {
                            if let Some(b) = tokens.get_mut(i - 1) {
                                if b.kind == TokenKind::Word {
                                    b.flags |= Token::HYPHENATED;
                                }
                            }
                            if let Some(a) = tokens.get_mut(i + 1) {
                                if a.kind == TokenKind::Word {
                                    a.flags |= Token::HYPHENATED;
                                }
                            }
                        }
                    }
                    _ => {}
                }
                if c != ':' {
                    after_colon = after_colon && matches!(c, '“' | '"' | '‘');
                }
            }
            _ => {
                start = false;
                after_colon = false;
                prev_word = None;
            }
        }
    }
}
