//! The rules: one file per rule, each declaring its metadata (`META`), the
//! registry that lists them and declares their modules ([`RULES`], in
//! `registry.rs`), and the [`Context`] every rule reads.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::dictionary::{Dictionary, Known, Lang};
use crate::document::Document;
use crate::quotes::Quotations;
use crate::tokenize::{Token, TokenKind, Tokens};

mod common;
mod phrases;
#[macro_use]
mod registry;
mod whole;
mod words;

// The rule modules, `pub mod NAME;` each, declared from the registry's one
// list (`registry.rs`): a new rule is a line there, not here.
registry!(declare_modules);

pub use forbidden::ForbiddenWord;
pub use registry::{find, scope_of, RuleDocs, RuleInfo, RuleMeta, Scope, RULES};
pub use whole::WholeText;
pub use words::{Interner, ScoreKey, WordInfo, WordTable};

/// Everything a rule may read.
pub struct Context<'a> {
    /// The full text (spans index into it).
    pub text: &'a str,
    /// The document structure.
    pub doc: &'a Document<'a>,
    /// Tokens, grouped by block.
    pub tokens: &'a Tokens,
    /// Dictionaries for the selected language.
    pub dict: &'a Dictionary,
    /// The selected language.
    pub lang: Lang,
    /// Direct quotations. Rules offer their fixes as if there were none: the
    /// `suppress` stage makes every Safe fix in one Unsafe.
    pub quotes: &'a Quotations,
    /// Words and phrases the project forbids (`forbid` in `copyedit.toml`;
    /// rule `forbidden`); none unless the linter sets them.
    pub forbid: &'a [ForbiddenWord],
    /// Dictionary answers already looked up in this document.
    pub memo: WordMemo,
    /// The distinct spellings of the text's word tokens, each looked up and
    /// classified once per thread (see [`WordTable`]).
    pub words: WordTable<'a>,
    /// Rules stop adding problems once the document has this many
    /// ([`Context::full`]; `Config::max_problems`): memory stays bounded
    /// whatever a file holds.
    pub max_problems: usize,
    /// What the rules ask of the whole text, when the context is of a part
    /// of it.
    pub whole: Option<&'a WholeText>,
    /// The bytes of the text this context answers for, beyond its blocks
    /// (the lines around them): `0..usize::MAX` for a whole text; the parts
    /// of a text checked part by part tile it, the last one open-ended.
    pub part: std::ops::Range<usize>,
    /// [`holds_code`], once asked.
    code: std::cell::OnceCell<bool>,
}

/// Per-document memo of dictionary look-ups: every rule asks about the same
/// words, and a hash probe is cheaper than an FST walk.
#[derive(Debug, Default)]
pub struct WordMemo {
    known: RefCell<FxHashMap<String, Known>>,
}

impl<'a> Context<'a> {
    /// A context for one document; `interner`: this thread's
    /// ([`Interner::with`]), or a new one.
    pub fn new(
        text: &'a str,
        doc: &'a Document<'a>,
        tokens: &'a Tokens,
        dict: &'a Dictionary,
        lang: Lang,
        quotes: &'a Quotations,
        interner: &'a mut Interner,
    ) -> Self {
        Context {
            text,
            doc,
            tokens,
            dict,
            lang,
            quotes,
            forbid: &[],
            memo: WordMemo::default(),
            words: WordTable::new(text, tokens, dict, interner),
            max_problems: usize::MAX,
            whole: None,
            part: 0..usize::MAX,
            code: std::cell::OnceCell::new(),
        }
    }

    /// Whether the document has as many problems as it may hold: every rule
    /// asks before it adds one.
    pub fn full(&self, out: &[Diagnostic]) -> bool {
        out.len() >= self.max_problems
    }

    /// The dictionary's answer for token `index` of `tokens.tokens`
    /// (`Known::Yes` for a token that is not a word).
    pub fn known_at(&self, index: usize) -> Known {
        self.words.known(index).unwrap_or(Known::Yes)
    }

    /// The word at token `index` of `tokens.tokens`, if it is a word.
    pub fn word_at(&self, index: usize) -> Option<&'a WordInfo> {
        self.words.at(index)
    }

    /// `Dictionary::check`, memoised for the document.
    pub fn check(&self, word: &str) -> Known {
        if let Some(k) = self.memo.known.borrow().get(word) {
            return *k;
        }
        let k = self.dict.check(word);
        self.memo.known.borrow_mut().insert(word.to_string(), k);
        k
    }
}

/// The block (a range of token indices) that holds token `p`, searching
/// forward from `*cursor`: for a walk over tokens in increasing order
/// (`WordTable::word_tokens`), which then costs no search per token.
pub(crate) fn block_of(
    blocks: &[std::ops::Range<usize>],
    cursor: &mut usize,
    p: usize,
) -> Option<std::ops::Range<usize>> {
    while blocks.get(*cursor).is_some_and(|r| r.end <= p) {
        *cursor += 1;
    }
    blocks.get(*cursor).filter(|r| r.start <= p).cloned()
}

/// The tokens of the block holding token `p` ([`block_of`], searching
/// forward from `*cursor`), the index of the block's first token among the
/// text's tokens, and `p`'s index within the block.
pub(crate) fn block_tokens<'a>(
    cx: &Context<'a>,
    cursor: &mut usize,
    p: usize,
) -> Option<(&'a [Token], usize, usize)> {
    let range = block_of(&cx.tokens.blocks, cursor, p)?;
    let tokens = cx.tokens.tokens.get(range.clone())?;
    Some((tokens, range.start, p - range.start))
}

/// The bytes a block's tokens cover, from the first token's start to the
/// last one's end (`0..0` for a block without tokens).
pub(crate) fn extent(toks: &[Token]) -> std::ops::Range<usize> {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => a.span.start..b.span.end,
        _ => 0..0,
    }
}

/// The index in `toks` (one block's tokens, in text order) of the token
/// that starts at byte `pos`.
pub(crate) fn token_at(toks: &[Token], pos: usize) -> Option<usize> {
    let i = toks.partition_point(|t| t.span.start < pos);
    toks.get(i).filter(|t| t.span.start == pos).map(|_| i)
}

/// For rules that look for a few words in a few contexts (`should of`,
/// `its a`): the indices in `tokens.tokens` of the word tokens that begin
/// `offset` bytes into a match of one of `needles`, in increasing order. A
/// `memmem` pass per needle costs far less than visiting every word token.
pub(crate) fn words_at(cx: &Context<'_>, needles: &[&str], offset: usize) -> Vec<usize> {
    let toks = &cx.tokens.tokens;
    // Only where a match can start a token (a part of a large text has the
    // tokens of its part only).
    let longest = needles.iter().map(|n| n.len()).max().unwrap_or(0);
    let (from, to) = match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => (
            a.span.start.saturating_sub(offset),
            b.span.end.saturating_add(longest).min(cx.text.len()),
        ),
        _ => return Vec::new(),
    };
    let hay = cx.text.as_bytes().get(from..to).unwrap_or_default();
    let mut out: Vec<usize> = needles
        .iter()
        .flat_map(|n| memchr::memmem::find_iter(hay, n.as_bytes()))
        .filter_map(|pos| token_at(toks, from + pos + offset))
        .filter(|&p| toks.get(p).is_some_and(|t| t.kind == TokenKind::Word))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// For rules that look for rare characters: every byte of `text` in
/// `range` equal to one of `needles` (found with `memchr`, three needles a
/// pass), mapped by `keep` from its position to the position to record, or
/// dropped. `out` is cleared, then holds the recorded positions in
/// increasing order, without repeats.
pub(crate) fn find_bytes(
    text: &str,
    range: std::ops::Range<usize>,
    needles: &[u8],
    mut keep: impl FnMut(usize) -> Option<usize>,
    out: &mut Vec<usize>,
) {
    out.clear();
    let Some(hay) = text.as_bytes().get(range.clone()) else {
        return;
    };
    let mut record = |i: usize| {
        if let Some(p) = keep(range.start + i) {
            out.push(p);
        }
    };
    for set in needles.chunks(3) {
        match *set {
            [a] => memchr::memchr_iter(a, hay).for_each(&mut record),
            [a, b] => memchr::memchr2_iter(a, b, hay).for_each(&mut record),
            [a, b, c] => memchr::memchr3_iter(a, b, c, hay).for_each(&mut record),
            _ => {}
        }
    }
    if needles.len() > 3 {
        out.sort_unstable();
        out.dedup();
    }
}

/// Whether the document is Markdown and holds code: inline code, a code-shaped token, or
/// a fenced code block. There `word.Word` is most often an identifier
/// (`file.Close`, `sync.Once`, `Reader.Open`), and a full stop is flagged
/// only before a function word (`important.The most`), which names no
/// field or type; and `real-word`, whose model is of edited prose, reports
/// at `info`.
pub(crate) fn holds_code(cx: &Context<'_>) -> bool {
    cx.doc.format.is_markdown()
        && *cx.code.get_or_init(|| match cx.whole {
            Some(w) => w.holds_code(),
            None => code_tokens(cx.text, cx.tokens),
        })
}

/// Whether `tokens` (of `text`) hold code, or `text` a fenced code block.
pub(crate) fn code_tokens(text: &str, tokens: &Tokens) -> bool {
    any_code(text, tokens) || fenced(text)
}

/// Whether `tokens` hold inline code or a code-shaped token.
pub(crate) fn any_code(text: &str, tokens: &Tokens) -> bool {
    tokens.tokens.iter().any(|t| {
        t.kind == TokenKind::Code
            || (t.kind == TokenKind::Opaque && text.as_bytes().get(t.span.start) == Some(&b'`'))
    })
}

/// Whether a text holds a fence of a Markdown code block.
pub(crate) fn fenced(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"```").is_some()
        || memchr::memmem::find(text.as_bytes(), b"~~~").is_some()
}

/// Whether a text read in parts ([`crate::document::Document::parts`]) may
/// end a part after block `b`: no rule carries anything from it to the next
/// block (only `unbalanced` does, with quotations that span paragraphs).
pub fn may_part_after(doc: &Document<'_>, b: usize) -> bool {
    unbalanced::may_part_after(doc, b)
}

/// A check over a document.
pub trait Rule: Send + Sync {
    /// Push a diagnostic for every problem found.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::document::Format;
    use crate::tokenize::tokenize;

    /// Run one rule over plain text.
    pub fn run(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
        run_with(rule, text, Format::Plain, Lang::EnUs)
    }

    /// Run one rule over text in a format and language, then the stage
    /// after the rules (`suppress`: `[sic]`, and the quotation policy: no
    /// Safe fix inside a quotation), as the linter does. The words
    /// `spelling` takes for names, passed on for the run's vocabulary, are
    /// left out, as [`crate::Linter::check`] leaves them out.
    pub fn run_with(rule: &dyn Rule, text: &str, format: Format, lang: Lang) -> Vec<Diagnostic> {
        let dict = Dictionary::new(lang);
        let doc = Document::parse(text, format);
        let tokens = tokenize(&doc);
        let quotes = Quotations::find(&doc, &tokens);
        let mut interner = Interner::default();
        let cx = Context::new(text, &doc, &tokens, &dict, lang, &quotes, &mut interner);
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        crate::suppress::apply(text, &tokens, &quotes, &mut out);
        out.retain(|d| d.suppressed != Some(crate::diagnostic::Suppression::Name));
        out
    }

    /// The flagged text of each diagnostic.
    pub fn flagged<'t>(text: &'t str, diags: &[Diagnostic]) -> Vec<&'t str> {
        diags.iter().map(|d| &text[d.span.clone()]).collect()
    }

    #[test]
    fn codes_are_unique_and_explained() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.meta.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len());
        for r in RULES {
            let m = &r.meta;
            assert!(m.explanation.len() > 80, "{} needs an explanation", m.code);
            assert!(find(m.code).is_some());
        }
    }
}
