//! `real-word`: a valid word where a near neighbour fits the context far
//! better (`people ere dying` → `were`).

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{match_case, Case, Dictionary};
use crate::lm::{Model, WordId};
use crate::suggest::keyboard_adjacent;
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "real-word",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Word,
    summary: "a real word where a near neighbour fits far better",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "\
            a real word where a near neighbour or a confusion-set member makes the sentence far \
            likelier under a trigram language model (`people ere dying` → `are`/`were`)",
        severity_note: "info in Markdown with code",
        fix_note: "never Safe",
        safe_fixes: "never",
        unsafe_fixes: "The suggested word (`form the start` → `from`): only a person can tell.",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags a correctly spelled word that is probably a typo for another word:
`Too many people ere dying` (for `were`), `form the start` (for `from`).
A spell checker cannot see these: every word is in the dictionary.

How it decides. Each word is compared with its confusables: words one edit
away (a letter dropped, added, changed or two letters swapped) that are at
least as common, and curated confusion sets (then/than, loose/lose,
affect/effect, their/there/they're, its/it's, your/you're, quiet/quite,
weather/whether ...). For the word and each confusable, copyedit takes the
probability of the three trigram windows that hold it (two words on each
side, sentence start and end included) under CMU Sphinx's US-English
trigram language model, weighted by how likely the typo is (a dropped
letter or swapped pair is likelier than an arbitrary substitution). A word
the document writes again counts as likelier meant (a slip rarely repeats,
and a rare word written twice is the writer's). A fifth of the score comes
from SymSpell's bigram counts of the word with its nearest neighbours. It
flags the word when a confusable makes the context at least 10^4.15 times
as likely (10^3.25 for curated sets; 10^4.65 for a confusable that differs
by an ending, `time`/`times`, `fills`/`fill`, which is usually grammar).
Only words the model knows are scored; context stops at punctuation other
than a sentence end, at numbers and at words the model lacks. Capitalised
words in mid-sentence (names) are left alone.

In a Markdown document that holds code (inline code, a fenced block,
code-shaped text) the rule reports at `info` severity, which does not
fail a check: words there are often used in senses the model does not
know. In other Markdown a flag is a warning only when the confusable
makes the sentence at least 10^5.5 times as likely, and a note otherwise.
Set `real-word = \"warning\"` in copyedit.toml to raise them.

The fix (replace with the suggestion) is never Safe: only a person can tell
whether `ere` was meant. Mark a deliberate word with `[sic]`.

Examples:
  Too many people ere dying.      -> were
  We knew it form the start.      -> from
  A letter form her mother.       -> from
Not flagged:
  These values form a tree.       (form fits)
  It is easy to botch the job.    (botch fits)";

/// The real-word rule.
pub struct RealWord;

/// For evaluation only (`evaluate rw-curve`): log10 added to every
/// threshold of the rule, so that one build traces recall against false
/// flags. 0 (the bits of 0.0) in any real check.
static OFFSET: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Move every threshold of the rule by `log10` (positive: stricter), for
/// the evaluation harness's curves. Not part of the API.
#[doc(hidden)]
pub fn set_threshold_offset(log10: f64) {
    OFFSET.store(log10.to_bits(), std::sync::atomic::Ordering::Relaxed);
}

fn offset() -> f64 {
    f64::from_bits(OFFSET.load(std::sync::atomic::Ordering::Relaxed))
}

/// The document as evidence of what its writer meant (a cache language
/// model, after Kuhn and De Mori): the first window's probability of the
/// word written, `P(w | l2 l1)`, becomes `P + REPEAT_WEIGHT × (k - 1) / n`
/// for a word written `k` times in a document of `n` words (this one not
/// counted). A slip rarely repeats, and a rare word written twice is meant:
/// on clean text most false flags were words the document uses again
/// (`whiting` in a book about fish, `gobs` in a post on gobs).
const REPEAT_WEIGHT: f64 = 0.5;

fn repeat_weight() -> f64 {
    let bits = REPEAT.load(std::sync::atomic::Ordering::Relaxed);
    if bits == u64::MAX {
        REPEAT_WEIGHT
    } else {
        f64::from_bits(bits)
    }
}

static REPEAT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(u64::MAX);

/// Override [`REPEAT_WEIGHT`] for the evaluation harness. Not part of the API.
#[doc(hidden)]
pub fn set_repeat_weight(w: f64) {
    REPEAT.store(w.to_bits(), std::sync::atomic::Ordering::Relaxed);
}

/// How many times each spelling (case folded) occurs in the document, and
/// its words: counted once, when the first flag is weighed.
struct Repeats {
    counts: std::collections::HashMap<u32, u32>,
    words: usize,
}

impl Repeats {
    fn of(cx: &Context<'_>) -> Repeats {
        let mut counts = std::collections::HashMap::new();
        if let Some(whole) = cx.whole {
            for &p in cx.words.word_tokens() {
                let p = p as usize;
                if let (Some(f), Some(info)) = (cx.words.fold(p), cx.word_at(p)) {
                    counts
                        .entry(f)
                        .or_insert_with(|| whole.count(&info.lower).max(1));
                }
            }
            return Repeats {
                counts,
                words: whole.words(),
            };
        }
        for &p in cx.words.word_tokens() {
            if let Some(f) = cx.words.fold(p as usize) {
                *counts.entry(f).or_insert(0u32) += 1;
            }
        }
        Repeats {
            counts,
            words: cx.words.word_tokens().len(),
        }
    }

    /// log10 of how much likelier the word at token `p` becomes, its first
    /// window's log10 probability being `first`.
    fn boost(&self, cx: &Context<'_>, p: usize, first: f64) -> f64 {
        let k = cx
            .words
            .fold(p)
            .and_then(|f| self.counts.get(&f))
            .copied()
            .unwrap_or(1);
        if k <= 1 || self.words == 0 {
            return 0.0;
        }
        let cache = repeat_weight() * f64::from(k - 1) / self.words as f64;
        (1.0 + cache / 10f64.powf(first)).log10()
    }
}

/// For evaluation only: what the rule saw at a flag (`evaluate
/// rw-features`), the inputs of its decision.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Trace {
    pub span: std::ops::Range<usize>,
    pub word: &'static str,
    pub candidate: &'static str,
    /// log10: the score (see [`THRESHOLD`]), the threshold it met (offset
    /// included), the channel, the two unigram probabilities.
    pub margin: f64,
    pub threshold: f64,
    pub channel: f64,
    pub unigram_word: f64,
    pub unigram_candidate: f64,
    /// 0 an edit neighbour, 1 curated, 2 an inflection.
    pub kind: u8,
    /// Context words on each side (sentence markers included).
    pub left: u8,
    pub right: u8,
    /// [`Model::evidence`] of the word and of the candidate.
    pub word_evidence: (u8, u8),
    pub candidate_evidence: (u8, u8),
    /// [`bigram_margin`] of the candidate.
    pub bigram_margin: f64,
}

/// Estimated count for a pair missing from the bigram list (below its
/// cut-off, about 6.4M), as in `suggest::context`.
const UNSEEN_PAIR_CAP: f64 = 3_200_000.0;

/// log10 of how much likelier the bigram list (SymSpell's counts) makes `c`
/// than `w` between the neighbours `l1` and `r1`: P(c | l1) P(r1 | c)
/// against the same for `w`; a pair the list lacks counts as independent
/// (capped below the list's cut-off).
#[doc(hidden)]
pub fn bigram_margin(dict: &Dictionary, l1: Option<&str>, w: &str, c: &str, r1: Option<&str>) -> f64 {
    let total = dict.total() as f64;
    let count = |x: &str| (dict.count(x).max(1)) as f64;
    let seen = |a: &str, b: &str| match dict.bigram(a, b) {
        0 => (count(a) * count(b) / total).min(UNSEEN_PAIR_CAP),
        n => n as f64,
    };
    let mut m = 0.0;
    if let Some(l) = l1 {
        m += (seen(l, c) / seen(l, w)).log10();
    }
    if let Some(r) = r1 {
        m += (seen(c, r) / count(c)).log10() - (seen(w, r) / count(w)).log10();
    }
    m
}

static TRACING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static TRACES: std::sync::Mutex<Vec<Trace>> = std::sync::Mutex::new(Vec::new());

/// Start (or stop) recording a [`Trace`] per flag. Not part of the API.
#[doc(hidden)]
pub fn set_tracing(on: bool) {
    TRACING.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The traces recorded since the last call. Not part of the API.
#[doc(hidden)]
pub fn take_traces() -> Vec<Trace> {
    TRACES
        .lock()
        .map(|mut t| std::mem::take(&mut *t))
        .unwrap_or_default()
}

/// log10 of how many times likelier a confusable one edit away must make
/// the word's context: the score is 0.8 × the trigram margin (the three
/// windows, the channel, the document's repeats) + 0.2 × [`bigram_margin`].
/// Chosen with `evaluate rw-curve` (false flags per 10k words of each
/// clean corpus against injected recall; docs/accuracy.md): the three
/// thresholds were searched together for the most recall with every corpus
/// under 0.45 per 10k, then the curated one put back to 3.25 (2.55 found
/// 4 points more of the confusions test, but flags `values form a tree`).
const THRESHOLD: f64 = 4.15;
/// In Markdown, the margin (log10) a flag needs to be a warning rather than
/// a note: on the development content repositories (1.1M words, which hold
/// almost no real-word errors) every flag under it was wrong.
const MARKDOWN_WARNING_MARGIN: f64 = 5.5;
/// The same for a member of a curated confusion set.
const CURATED_THRESHOLD: f64 = 3.25;
/// The same for a confusable that differs only by an ending ([`inflection`]:
/// `time`/`times`, `define`/`defined`, `fills`/`fill`): mostly grammar,
/// and in clean text a singular where the model expects a plural fits
/// more often than not.
const INFLECTION_THRESHOLD: f64 = 4.65;
/// The weight of [`bigram_margin`] (SymSpell's bigram counts, from far
/// more text than the trigram model's) in a confusable's score; the
/// trigram margin has the rest. Measured with `evaluate rw-curve`.
const BIGRAM_WEIGHT: f64 = 0.2;
/// A confusable is scored further (repeats, bigrams) only when its trigram
/// margin comes this close (log10) to its threshold.
const PREFILTER: f64 = 2.0;

/// Whether any of `list` (the confusables of `w`, its lowercase key) may
/// be offered: build.rs lists only words at least as common (and curated
/// sets), so any entry will do. The word table keeps the answer per
/// spelling, so the rule passes over the other words without a look-up.
pub(crate) fn any_viable(_dict: &Dictionary, _w: &str, list: &'static str) -> bool {
    Dictionary::parse_confusables(list).next().is_some()
}

/// A confusable of a word as the rule scores it, worked out once per
/// spelling and thread (`WordInfo::candidates`).
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The confusable.
    word: &'static str,
    /// Its id in the language model.
    id: WordId,
    /// `channel(w, word).log10()`.
    channel: f64,
    /// The margin (log10) it needs to be offered.
    threshold: f64,
    /// 0 an edit neighbour, 1 curated, 2 an inflection.
    kind: u8,
}

/// The confusables in `list` (those of `w`, whose id is `wid`) that the
/// model knows, in order. A list may hold the word itself: it scores as the
/// word does, so its margin is `channel(w, w).log10()`, below any
/// threshold, and it is left out.
fn candidates(lm: &Model, w: &str, wid: WordId, list: &'static str) -> Box<[Candidate]> {
    Dictionary::parse_confusables(list)
        .filter_map(|(c, curated)| {
            let id = lm.id(c).filter(|&id| id != wid)?;
            let inflection = inflection(w, c);
            let (threshold, kind) = if curated {
                (CURATED_THRESHOLD, 1)
            } else if inflection {
                (INFLECTION_THRESHOLD, 2)
            } else {
                (THRESHOLD, 0)
            };
            Some(Candidate {
                word: c,
                id,
                channel: channel(w, c).log10(),
                threshold,
                kind,
            })
        })
        .collect()
}

/// Endings that make inflections and close derivations of a stem.
const ENDINGS: [&str; 14] = [
    "", "s", "es", "d", "ed", "ing", "r", "er", "est", "ies", "ied", "y", "e", "ly",
];

/// Whether `w` and `c` are forms of one stem (three letters or more) that
/// differ by an ending (`fill`/`fills`, `simplifies`/`simplified`), or one
/// is the other with a letter added: a matter of grammar (agreement, tense)
/// that two words of context on each side often cannot settle.
fn inflection(w: &str, c: &str) -> bool {
    if (c.len() == w.len() + 1 && c.starts_with(w)) || (w.len() == c.len() + 1 && w.starts_with(c))
    {
        return true;
    }
    let stem = w
        .bytes()
        .zip(c.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    stem >= 3
        && w.get(stem..).is_some_and(|e| ENDINGS.contains(&e))
        && c.get(stem..).is_some_and(|e| ENDINGS.contains(&e))
}

/// How likely a typist produces `typo` when meaning `word` (one edit).
fn channel(typo: &str, word: &str) -> f64 {
    let a: Vec<char> = typo.chars().collect();
    let b: Vec<char> = word.chars().collect();
    if a.len() + 1 == b.len() {
        // A letter dropped: the commonest typing error.
        return 1.0;
    }
    if a.len() == b.len() + 1 {
        // An extra letter; a doubled one is likelier.
        let doubled = a.windows(2).any(|w| matches!(w, [x, y] if x == y));
        return if doubled { 0.8 } else { 0.5 };
    }
    if a.len() == b.len() {
        // The positions that differ, as (typed, meant) letters.
        let diff: Vec<(usize, char, char)> = a
            .iter()
            .zip(&b)
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| (i, *x, *y))
            .collect();
        return match diff.as_slice() {
            [(i, x1, y1), (j, x2, y2)] if *j == i + 1 && x1 == y2 && x2 == y1 => 1.0,
            [(_, x, y)] if keyboard_adjacent(*x, *y) => 0.5,
            [_] => 0.2,
            // Curated confusion sets may differ by more than one edit.
            _ => 0.5,
        };
    }
    0.5
}

/// Up to two words (nearest first): a context of [`context`].
#[derive(Debug, Clone, Copy, Default)]
struct Side {
    ids: [WordId; 2],
    len: usize,
}

impl Side {
    fn push(&mut self, id: WordId) {
        if let Some(slot) = self.ids.get_mut(self.len) {
            *slot = id;
            self.len += 1;
        }
    }

    fn extend(&mut self, id: Option<WordId>) {
        if let Some(id) = id {
            self.push(id);
        }
    }

    fn as_slice(&self) -> &[WordId] {
        self.ids.get(..self.len).unwrap_or_default()
    }
}

/// Up to two words on one side of token `i` (nearest first) as ids of the
/// language model, with `<s>` / `</s>` at the edges of a sentence; it stops
/// at any other mark, a number, a word the model lacks, or a blank line.
fn context(
    cx: &Context<'_>,
    lm: &Model,
    tokens: &[Token],
    base: usize,
    i: usize,
    forward: bool,
) -> Side {
    let text = cx.text;
    let mut out = Side::default();
    if !forward && tokens.get(i).is_some_and(Token::is_sentence_start) {
        out.extend(lm.start());
        return out;
    }
    let mut j = i;
    let mut breaks = 0;
    while out.len < 2 {
        let next = if forward {
            j.checked_add(1)
        } else {
            j.checked_sub(1)
        };
        let Some(t) = next.and_then(|n| tokens.get(n)) else {
            out.extend(if forward { lm.end() } else { lm.start() });
            break;
        };
        j = next.unwrap_or(j);
        if forward && matches!(t.text(text), "[" | "(") {
            let sic = tokens
                .get(j + 1)
                .is_some_and(|s| s.text(text).eq_ignore_ascii_case("sic"));
            let close = tokens
                .get(j + 2)
                .is_some_and(|c| matches!(c.text(text), "]" | ")"));
            if sic && close {
                j += 2;
                continue;
            }
        }
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::Newline => {
                breaks += 1;
                if breaks > 1 {
                    break;
                }
            }
            TokenKind::Word if !t.is_hyphenated() => {
                let Some(id) = cx.word_at(base + j).and_then(|w| w.lm_id(lm)) else {
                    break;
                };
                out.push(id);
                if !forward && t.is_sentence_start() && out.len < 2 {
                    out.extend(lm.start());
                    break;
                }
            }
            _ if forward && matches!(t.text(text), "." | "!" | "?") => {
                out.extend(lm.end());
                break;
            }
            _ => break,
        }
    }
    out
}

impl Rule for RealWord {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        crate::lm::Cache::with(|cache| {
            // A verdict depends on the confusables (on the dictionary) and
            // on the thresholds.
            cache.verdicts_of(cx.dict.cache_id() ^ offset().to_bits().rotate_left(17));
            check(cx, out, cache);
        });
    }
}

/// [`RealWord`]'s check, with the thread's cache of the model's searches.
fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>, cache: &mut crate::lm::Cache) {
    let mut technical: Option<bool> = None;
    let mut lm: Option<Option<&Model>> = None;
    let mut cursor = 0;
    let shift = offset();
    let mut repeats: Option<Repeats> = None;
    for &p in cx.words.word_tokens() {
        let p = p as usize;
        // Cheapest test first: most words have no confusables.
        if !cx.words.has_confusables(p) {
            continue;
        }
        let Some((tokens, base, i)) = super::block_tokens(cx, &mut cursor, p) else {
            continue;
        };
        let Some(tok) = tokens.get(i) else {
            continue;
        };
        if tok.kind != TokenKind::Word || tok.is_hyphenated() {
            continue;
        }
        let Some(info) = cx.word_at(base + i) else {
            continue;
        };
        let Some(list) = info.confusables else {
            continue;
        };
        let word = tok.text(cx.text);
        let case = info.case;
        let checkable = case == Case::Lower || (case == Case::Title && tok.is_sentence_start());
        if !checkable || word.len() < 2 {
            continue;
        }
        let w = info.key();
        let Some(lm) = *lm.get_or_insert_with(crate::lm::model) else {
            return;
        };
        // Only words the model knows are scored.
        let Some(wid) = info.lm_id(lm) else {
            continue;
        };
        let candidates = info.candidates(|| candidates(lm, w, wid, list));
        if candidates.is_empty() {
            continue;
        }
        let left = context(cx, lm, tokens, base, i, false);
        let right = context(cx, lm, tokens, base, i, true);
        let (left, right) = (left.as_slice(), right.as_slice());
        // A word with no context at all is not judged.
        if left.is_empty() && right.is_empty() {
            continue;
        }
        // The verdict is a function of the ids: a phrase seen before and
        // found clear is clear again.
        let key = lm.context_key(left, wid, right);
        if key.is_some_and(|k| cache.clear(k)) {
            continue;
        }
        let mut windows = lm.windows(cache, left, right);
        let own = windows.score(wid);
        // The trigram margin of each confusable, kept when it comes within
        // `PREFILTER` of its threshold (the others are not scored further).
        let mut best: Vec<(f64, &Candidate)> = candidates
            .iter()
            .filter_map(|c| {
                // Below this score the margin is below the gate (with room
                // for rounding: the margin is computed from the score).
                let gate = c.threshold + shift - PREFILTER;
                let floor = own + gate - c.channel - 1e-6;
                let margin = windows.at_least(c.id, floor)? - own + c.channel;
                (margin >= gate).then_some((margin, c))
            })
            .collect();
        let mut repeated = false;
        if !best.is_empty() {
            // The document's own use of the word: margins only fall.
            let hist: Vec<WordId> = left.iter().rev().copied().collect();
            let first = f64::from(lm.logprob(&hist, wid));
            let boost = repeats
                .get_or_insert_with(|| Repeats::of(cx))
                .boost(cx, base + i, first);
            repeated = boost > 0.0;
            let name = |id: Option<&WordId>| id.map(|&x| lm.word(x)).filter(|x| !x.starts_with('<'));
            let (l1, r1) = (name(left.first()), name(right.first()));
            best.retain_mut(|(m, c)| {
                *m -= boost;
                if *m < c.threshold + shift - PREFILTER {
                    return false;
                }
                let bigrams = bigram_margin(cx.dict, l1, w, c.word, r1);
                *m = (1.0 - BIGRAM_WEIGHT) * *m + BIGRAM_WEIGHT * bigrams;
                *m >= c.threshold + shift
            });
        }
        if best.is_empty() {
            // A verdict the document's repeats made is not memoised.
            if let (Some(k), false) = (key, repeated) {
                cache.set_clear(k);
            }
            continue;
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        if TRACING.load(std::sync::atomic::Ordering::Relaxed) {
            if let Some(&(margin, c)) = best.first() {
                let t = Trace {
                    span: tok.span.clone(),
                    word: lm.word(wid),
                    candidate: c.word,
                    margin,
                    threshold: c.threshold + shift,
                    channel: c.channel,
                    unigram_word: f64::from(lm.unigram(wid)),
                    unigram_candidate: f64::from(lm.unigram(c.id)),
                    kind: c.kind,
                    left: u8::try_from(left.len()).unwrap_or(0),
                    right: u8::try_from(right.len()).unwrap_or(0),
                    word_evidence: lm.evidence(left, wid, right),
                    candidate_evidence: lm.evidence(left, c.id, right),
                    bigram_margin: {
                        let name = |id: Option<&WordId>| {
                            id.map(|&x| lm.word(x))
                                .filter(|x| !x.starts_with('<'))
                        };
                        bigram_margin(cx.dict, name(left.first()), w, c.word, name(right.first()))
                    },
                };
                if let Ok(mut v) = TRACES.lock() {
                    v.push(t);
                }
            }
        }
        let first = best.first().map_or("", |b| b.1.word);
        // In technical writing (Markdown that holds code) words are
        // used in senses the model of edited prose does not know.
        // In Markdown (documentation, blogs: informal and technical
        // prose) only a decisive margin is a warning.
        let margin = best.first().map_or(0.0, |b| b.0);
        let markdown = cx.doc.format != crate::document::Format::Plain;
        let severity = if *technical.get_or_insert_with(|| super::holds_code(cx))
            || (markdown && margin < MARKDOWN_WARNING_MARGIN)
        {
            Severity::Info
        } else {
            Severity::Warning
        };
        let mut d = Diagnostic::new(
            CODE,
            severity,
            tok.span.clone(),
            format!(
                "`{word}` may be a typo for `{}` here",
                match_case(first, case)
            ),
        );
        for (_, c) in best.iter().take(3) {
            let replacement = match_case(c.word, case);
            d.fixes.push(Fix::new(
                format!("replace with `{replacement}`"),
                Edit::replace(tok.span.clone(), replacement),
                Applicability::Unsafe,
            ));
        }
        if cx.full(out) {
            return;
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn first_fix(text: &str) -> Option<String> {
        run(&RealWord, text)
            .first()
            .and_then(|d| d.fixes.first())
            .map(|f| f.edits[0].replacement.clone())
    }

    #[test]
    fn in_markdown_only_a_decisive_margin_is_a_warning() {
        use crate::dictionary::Lang;
        use crate::document::Format;
        use crate::rules::testing::run_with;
        let d = run_with(
            &RealWord,
            "Too many people ere dying.\n",
            Format::Markdown,
            Lang::EnUs,
        );
        assert_eq!(d[0].severity, Severity::Warning);
        let d = run_with(
            &RealWord,
            "We knew it form the start.\n",
            Format::Markdown,
            Lang::EnUs,
        );
        assert_eq!(d[0].severity, Severity::Info);
        // The same sentence in plain text is a warning.
        let d = run_with(
            &RealWord,
            "We knew it form the start.\n",
            Format::Plain,
            Lang::EnUs,
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn in_markdown_with_code_a_flag_is_info() {
        use crate::dictionary::Lang;
        use crate::document::Format;
        use crate::rules::testing::run_with;
        let text = "Too many people ere dying, says `x`.\n";
        let d = run_with(&RealWord, text, Format::Markdown, Lang::EnUs);
        assert_eq!(d[0].severity, Severity::Info);
        let text = "Too many people ere dying.\n";
        let d = run_with(&RealWord, text, Format::Markdown, Lang::EnUs);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn flags_real_word_errors_with_the_intended_word_first() {
        // `are` fits as well as `were`; both are offered.
        let d = run(&RealWord, "Too many people ere dying.");
        let fixes: Vec<&str> = d[0]
            .fixes
            .iter()
            .map(|f| f.edits[0].replacement.as_str())
            .collect();
        assert!(
            fixes.contains(&"were") && fixes.contains(&"are"),
            "{fixes:?}"
        );
        assert_eq!(first_fix("We knew it form the start."), Some("from".into()));
        let text = "Too many people ere dying.";
        assert_eq!(flagged(text, &run(&RealWord, text)), ["ere"]);
    }

    #[test]
    fn context_on_both_sides_counts() {
        assert_eq!(
            first_fix("She had a letter form her mother."),
            Some("from".into())
        );
    }

    #[test]
    fn rare_words_used_as_meant_are_left_alone() {
        // Flags of the bigram model on edited text (see the issue).
        for text in [
            "These values form a tree.",
            "Doubling GOGC will halve the number of collections.",
            "It is easy to botch the job.",
            "It depends on which shard it is part of.",
            "People yearn to be free.",
            "Men who wring their hands do nothing.",
            "They lunched with them on Sunday.",
        ] {
            assert!(
                run(&RealWord, text).is_empty(),
                "{text}: {:?}",
                run(&RealWord, text)
            );
        }
    }

    #[test]
    fn looks_through_sic_markers() {
        // Found (so that `[sic]` can then suppress it, see suppress.rs).
        assert_eq!(
            first_fix("Too many people ere [sic] dying."),
            first_fix("Too many people ere dying.")
        );
        assert!(first_fix("Too many people ere [sic] dying.").is_some());
    }

    #[test]
    fn fixes_are_never_safe() {
        let d = run(&RealWord, "Too many people ere dying.");
        assert!(d[0]
            .fixes
            .iter()
            .all(|f| f.applicability != Applicability::Safe));
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_correct_and_uncertain_words_alone() {
        for text in [
            "The form of the report was fine.",
            "Ere long, the ship sailed.",
            "It was more than enough.",
            "They were dying of thirst.",
            "Peskov said Witkoff came.",
            "The Form Was Filed.",
        ] {
            assert!(
                run(&RealWord, text).is_empty(),
                "{text}: {:?}",
                run(&RealWord, text)
            );
        }
    }

    #[test]
    fn a_word_is_never_its_own_candidate() {
        // Scored as the word, a margin of log10(channel(w, w)) < 0.
        assert!(channel("beginning", "beginning").log10() < CURATED_THRESHOLD.min(THRESHOLD));
        let lm = crate::lm::model().unwrap();
        let wid = lm.id("beginning").unwrap();
        let c = candidates(lm, "beginning", wid, "beginning,=beginnings");
        assert_eq!(c.iter().map(|c| c.word).collect::<Vec<_>>(), ["beginnings"]);
    }

    #[test]
    fn endings_are_inflections() {
        for (w, c) in [
            ("fills", "fill"),
            ("time", "times"),
            ("simplifies", "simplified"),
            ("acquires", "acquired"),
            ("define", "defined"),
        ] {
            assert!(inflection(w, c) && inflection(c, w), "{w} {c}");
        }
        for (w, c) in [("form", "from"), ("were", "where"), ("ere", "are"), ("gut", "get")] {
            assert!(!inflection(w, c), "{w} {c}");
        }
    }

    #[test]
    fn a_word_the_document_writes_again_is_meant() {
        // Alone, `ere` is a slip; in a text that uses it, it is the word.
        let text = "Too many people ere dying.";
        assert_eq!(flagged(text, &run(&RealWord, text)), ["ere"]);
        let text = "Ere long the ship sailed. Too many people ere dying.";
        assert!(run(&RealWord, text).is_empty(), "{:?}", run(&RealWord, text));
    }

    #[test]
    fn the_bigram_counts_favour_the_word_that_fits() {
        let dict = Dictionary::new(crate::dictionary::Lang::EnUs);
        assert!(bigram_margin(&dict, Some("it"), "form", "from", Some("the")) > 1.0);
        assert!(bigram_margin(&dict, Some("a"), "form", "from", Some("of")) < 0.0);
    }

    #[test]
    fn channel_prefers_dropped_letters_and_swaps() {
        assert!(channel("ere", "were") > channel("ere", "are"));
        assert!(channel("form", "from") > channel("form", "farm"));
    }
}
