//! What the rules ask of a whole text when it is checked part by part
//! (see `Linter` and [`crate::document::Document::parts`]): gathered in one
//! pass over the parts' tokens before they are checked, so that a part is
//! judged as it would be within the whole text.

use std::cell::RefCell;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::dictionary::{case_of, normalize_apostrophes, Case};
use crate::tokenize::{TokenKind, Tokens};

/// The facts of a whole text: see the module.
#[derive(Debug, Default)]
pub struct WholeText {
    /// Each lowercase spelling of a word, with its count (`real-word`: the
    /// document's own use of a word).
    counts: FxHashMap<Box<str>, u32>,
    /// Word tokens.
    words: usize,
    /// Capitalised uses (`Case::Title`) of each spelling, possessive
    /// stripped (`spelling`: a capitalised unknown word used twice is a
    /// name).
    titles: FxHashMap<String, u32>,
    /// Names glued by a full stop to a name in code (`missing-space`: `p`
    /// in `p.Name` is a package or an object).
    code_names: FxHashSet<String>,
    /// Whether the text holds code (inline code, a code-shaped token, a
    /// fence; the last once finished).
    code: bool,
    /// The text before this byte has been looked at for `code_names`.
    scanned: usize,
    /// `spelling`: the distinct unknown words ranked in the parts checked
    /// so far (past a budget, no more are ranked).
    ranked: RefCell<FxHashSet<String>>,
    /// `fragment`: the distinct unknown spellings met in the parts checked
    /// so far (past a budget, no splits are tried).
    unknown: RefCell<FxHashSet<String>>,
}

/// A byte of an identifier.
fn name(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl WholeText {
    /// Count one part's tokens (of `text`; parts in order) that start in
    /// its `report` range (see [`crate::document::Part`]).
    pub fn add(&mut self, text: &str, tokens: &Tokens, report: &std::ops::Range<usize>) {
        for t in tokens
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word && report.contains(&t.span.start))
        {
            let w = t.text(text);
            self.words += 1;
            if case_of(w) == Case::Title {
                let stem = normalize_apostrophes(super::spelling::shape::strip_possessive(w));
                *self.titles.entry(stem.into_owned()).or_default() += 1;
            }
            if w.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
                if let Some(n) = self.counts.get_mut(w) {
                    *n += 1;
                    continue;
                }
                self.counts.insert(w.into(), 1);
            } else {
                *self.counts.entry(w.to_lowercase().into()).or_default() += 1;
            }
        }
        self.code = self.code || super::any_code(text, tokens);
        let end = super::extent(&tokens.tokens).end.min(report.end);
        self.scan(text, end, Some(tokens));
    }

    /// Done: the text after the last part, and its fences.
    pub fn finish(&mut self, text: &str) {
        self.scan(text, text.len(), None);
        self.code = self.code || super::fenced(text);
    }

    /// Record the names glued to a name by a full stop in code, up to byte
    /// `end`: where no token of the part covers the name's start, or an
    /// opaque or code token does (as `missing-space` judges a whole text).
    fn scan(&mut self, text: &str, end: usize, tokens: Option<&Tokens>) {
        let bytes = text.as_bytes();
        let Some(hay) = bytes.get(self.scanned..end) else {
            return;
        };
        let toks = tokens.map_or(&[][..], |t| &t.tokens[..]);
        for d in memchr::memchr_iter(b'.', hay).map(|i| self.scanned + i) {
            if !bytes.get(d + 1).is_some_and(|&b| name(b)) {
                continue;
            }
            let head = bytes.get(..d).unwrap_or_default();
            let len = head.iter().rev().take_while(|&&b| name(b)).count();
            if len == 0 || len > 64 {
                continue;
            }
            let at = d - len;
            let k = toks.partition_point(|t| t.span.end <= at);
            let in_code = toks
                .get(k)
                .filter(|t| t.span.start <= at)
                .is_none_or(|t| matches!(t.kind, TokenKind::Opaque | TokenKind::Code));
            if in_code {
                if let Some(p) = text.get(at..d) {
                    self.code_names.insert(p.to_owned());
                }
            }
        }
        self.scanned = self.scanned.max(end);
    }

    /// `spelling`'s words ranked so far, to carry into the next part
    /// ([`WholeText::put_ranked`] gives them back).
    pub fn take_ranked(&self) -> FxHashSet<String> {
        self.ranked.take()
    }

    /// See [`WholeText::take_ranked`].
    pub fn put_ranked(&self, ranked: FxHashSet<String>) {
        self.ranked.replace(ranked);
    }

    /// `fragment`'s unknown spellings so far, to carry into the next part
    /// ([`WholeText::put_unknown`] gives them back).
    pub fn take_unknown(&self) -> FxHashSet<String> {
        self.unknown.take()
    }

    /// See [`WholeText::take_unknown`].
    pub fn put_unknown(&self, unknown: FxHashSet<String>) {
        self.unknown.replace(unknown);
    }

    /// How many times the text uses the lowercase spelling `lower`.
    pub fn count(&self, lower: &str) -> u32 {
        self.counts.get(lower).copied().unwrap_or(0)
    }

    /// The text's word tokens.
    pub fn words(&self) -> usize {
        self.words
    }

    /// How many times the text capitalises `stem` (possessive stripped).
    pub fn titles(&self, stem: &str) -> usize {
        self.titles.get(stem).map_or(0, |&n| n as usize)
    }

    /// Whether code glues `p` (all ASCII letters, digits or `_`) by a full
    /// stop to a name: `p.Name`, with no name byte before `p`.
    pub fn glued_in_code(&self, p: &str) -> bool {
        self.code_names.contains(p)
    }

    /// Whether the text holds code: inline code, a code-shaped token or a
    /// fenced code block ([`super::holds_code`] for a whole text).
    pub fn holds_code(&self) -> bool {
        self.code
    }
}
