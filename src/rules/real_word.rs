//! `real-word`: a valid word where a near neighbour fits the context far
//! better (`people ere dying` → `were`).

use super::{Context, Rule, ScoreKey};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{match_case, Case, Dictionary};
use crate::suggest::keyboard_adjacent;
use crate::tokenize::{Token, TokenKind};

pub(super) const CODE: &str = "real-word";

pub(super) const EXPLANATION: &str = "\
Flags a correctly spelled word that is probably a typo for another word:
`Too many people ere dying` (for `were`), `form the start` (for `from`).
A spell checker cannot see these: every word is in the dictionary.

How it decides. Each word is compared with its confusables: words one edit
away (a letter dropped, added, changed or two letters swapped) that are at
least 300 times as common, and curated confusion sets (then/than,
loose/lose, affect/effect, their/there, quiet/quite, weather/whether ...).
For each, copyedit scores how well it fits between the words to its left
and right with bigram counts from Google Books (SymSpell's lists), weighted
by how likely the typo is (a dropped letter or swapped pair is likelier
than an arbitrary substitution). It flags the word only when a confusable
fits the context far better (a million times for edit neighbours, a
thousand times for confusion-set members), at least one of the
confusable's pairs with its neighbours is attested in the bigram list, and
the word's own pairs are not both attested. Words of one or two letters and pairs that differ only
by a final letter (`council`/`councils`, `the`/`them`) are grammar rather
than typos and are left alone. The word needs a word on each side (no punctuation
between); capitalised words in mid-sentence (names) are left alone.

In a Markdown document that holds code (inline code, a fenced block,
code-shaped text) the rule reports at `info` severity, which does not
fail a check: on documentation repositories most of its flags were real
words used as meant (`values form a tree`, `easy to botch`, `which
shard`), about 1 in 12 right. Set `real-word = \"warning\"` in
copyedit.toml to raise them.

The fix (replace with the suggestion) is never Safe: only a person can tell
whether `ere` was meant. Mark a deliberate word with `[sic]`.

Examples:
  Too many people ere dying.      -> were
  We knew it form the start.      -> from
  It is more then enough.         -> than
Not flagged:
  Ere long, the ship sailed.      (nothing to compare on the left)
  The form of the report.         (the pairs are common)";

/// The real-word rule.
pub struct RealWord;

/// A confusable one edit away must fit the context this many times better.
const THRESHOLD: f64 = 1e6;
/// An edit neighbour is considered only when it is at least this many times
/// as common as the word: the bigram list is pruned, so a rarer real word's
/// own pairs are rarely attested, and a neighbour only somewhat commoner
/// wins by default (`heed` → `need`, `ideals` → `ideas`). Measured with
/// `evaluate`: at 1 (no bar) 53 flags in the 554k words of edited prose
/// and 17.5% of injected real-word typos found; at 100, 33 and 14.4%; at
/// 300, 14 and 11.9%; at 1000, 4 and 8.9%.
const MIN_PRIOR_RATIO: f64 = 300.0;
/// A member of a curated confusion set must fit this many times better.
const CURATED_THRESHOLD: f64 = 1e3;
/// Pseudo-count for a word pair missing from the bigram list: half the
/// list's smallest count (pairs rarer than that were pruned).
const UNSEEN_CAP: f64 = 3_200_000.0;

/// The word immediately before or after `i` in the same sentence, with only
/// white space (at most one line break) between, with its global word id.
fn neighbour<'c>(
    cx: &Context<'c>,
    tokens: &[Token],
    base: usize,
    i: usize,
    forward: bool,
) -> Option<(u32, &'c str)> {
    let text = cx.text;
    let mut j = i;
    let mut breaks = 0;
    loop {
        j = if forward { j + 1 } else { j.checked_sub(1)? };
        let t = tokens.get(j)?;
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
                    return None;
                }
            }
            TokenKind::Word if !t.is_hyphenated() => {
                let id = cx.words.global(base + j)?;
                return cx.word_at(base + j).map(|w| (id, w.key()));
            }
            _ => return None,
        }
    }
}

/// Whether any of `list` (the confusables of `w`, its lowercase key) passes
/// the tests of the candidate loop that depend on the two words alone: no
/// apostrophe, and curated or [`MIN_PRIOR_RATIO`] times as common. The word
/// table keeps the answer per spelling, so the rule passes over the other
/// words (most words with confusables: `the`, `and`) without a look-up.
pub(crate) fn any_viable(dict: &Dictionary, w: &str, list: &'static str) -> bool {
    let count = |x: &str| dict.count(x).max(1) as f64;
    let own = count(w);
    Dictionary::parse_confusables(list)
        .any(|(c, curated)| !c.contains('\'') && (curated || count(c) >= MIN_PRIOR_RATIO * own))
}

struct Scorer<'d> {
    dict: &'d Dictionary,
    total: f64,
}

impl Scorer<'_> {
    fn count(&self, w: &str) -> f64 {
        self.dict.count(w).max(1) as f64
    }

    /// Bigram count, or an estimate below the list's cut-off when unseen.
    fn pair(&self, a: &str, b: &str) -> (f64, bool) {
        match self.dict.bigram(a, b) {
            0 => (
                (self.count(a) * self.count(b) / self.total).min(UNSEEN_CAP),
                false,
            ),
            n => (n as f64, true),
        }
    }

    /// How well `x` fits between `l` and `r` (∝ P(l, x, r) under a bigram
    /// model), and whether any of its pairs is attested.
    #[cfg(test)]
    fn fit(&self, l: Option<&str>, x: &str, r: Option<&str>) -> (f64, bool, bool) {
        self.fit_by(l, x, r, || self.count(x), |_, a, b| self.pair(a, b))
    }

    /// [`Scorer::fit`] with `count_x` answering `self.count(x)` and
    /// `pair(left, a, b)` the pair look-ups (`left`: the pair of `l` and
    /// `x`).
    fn fit_by(
        &self,
        l: Option<&str>,
        x: &str,
        r: Option<&str>,
        count_x: impl FnOnce() -> f64,
        mut pair: impl FnMut(bool, &str, &str) -> (f64, bool),
    ) -> (f64, bool, bool) {
        let left = l.map(|l| pair(true, l, x));
        let right = r.map(|r| pair(false, x, r));
        match (left, right) {
            (Some((a, sa)), Some((b, sb))) => (a * b / count_x(), sa || sb, sa && sb),
            (Some((a, sa)), None) => (a, sa, sa),
            (None, Some((b, sb))) => (b, sb, sb),
            (None, None) => (0.0, false, false),
        }
    }
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

impl Rule for RealWord {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut technical: Option<bool> = None;
        let scorer = Scorer {
            dict: cx.dict,
            total: cx.dict.total() as f64,
        };
        // Pair scores and counts are memoised across documents by global
        // word id (confusables by address): common pairs recur, and the
        // memo is cheaper to probe than the dictionary's caches.
        let memo = cx.words.interner();
        let pair =
            |l: ScoreKey, r: ScoreKey, a: &str, b: &str| memo.score(l, r, || scorer.pair(a, b));
        let count = |x: ScoreKey, w: &str| {
            memo.score(x, ScoreKey::Count, || (scorer.count(w), false))
                .0
        };
        let mut cursor = 0;
        for &p in cx.words.word_tokens() {
            let p = p as usize;
            // Cheapest test first: most words have no confusables.
            if !cx.words.has_confusables(p) {
                continue;
            }
            let Some(range) = super::block_of(&cx.tokens.blocks, &mut cursor, p) else {
                continue;
            };
            let Some(tokens) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            let i = p - range.start;
            let Some(tok) = tokens.get(i) else {
                continue;
            };
            if tok.kind != TokenKind::Word || tok.is_hyphenated() {
                continue;
            }
            let (Some(info), Some(id)) = (
                cx.word_at(range.start + i),
                cx.words.global(range.start + i),
            ) else {
                continue;
            };
            let Some(list) = info.confusables else {
                continue;
            };
            let word = tok.text(cx.text);
            let case = info.case;
            let checkable = case == Case::Lower || (case == Case::Title && tok.is_sentence_start());
            if !checkable || word.len() < 2 || word.contains(['\'', '’']) {
                continue;
            }
            let w = info.key();
            let cands = Dictionary::parse_confusables(list);
            let (Some((lid, l)), Some((rid, r))) = (
                neighbour(cx, tokens, range.start, i, false),
                neighbour(cx, tokens, range.start, i, true),
            ) else {
                continue;
            };
            let (l, r) = (Some(l), Some(r));
            let (lid, wid, rid) = (ScoreKey::Word(lid), ScoreKey::Word(id), ScoreKey::Word(rid));
            // How well `x` (its memo key `xid`, its count `count_x`) fits
            // between the neighbours.
            let fit = |x: &str, xid: ScoreKey, count_x: f64| {
                scorer.fit_by(
                    l,
                    x,
                    r,
                    || count_x,
                    |left, a, b| {
                        if left {
                            pair(lid, xid, a, b)
                        } else {
                            pair(xid, rid, a, b)
                        }
                    },
                )
            };
            // Each count is looked up once (the memo is a hash probe).
            let count_w = count(wid, w);
            let (fit_w, _, both_seen) = fit(w, wid, count_w);
            // Both of the word's own pairs are attested: it fits.
            if both_seen {
                continue;
            }
            let mut best: Vec<(f64, &str)> = cands
                .filter_map(|(c, curated)| {
                    // Edit neighbours come pre-filtered by build.rs (no
                    // inflections, nothing under three letters).
                    let threshold = if curated {
                        CURATED_THRESHOLD
                    } else {
                        THRESHOLD
                    };
                    // These two tests are also `any_viable`'s: change both.
                    if c.contains('\'') {
                        return None;
                    }
                    let cid = ScoreKey::Static(c);
                    let count_c = count(cid, c);
                    if !curated && count_c < MIN_PRIOR_RATIO * count_w {
                        return None;
                    }
                    // One attested pair of the confusable is enough
                    // (the other may just be rarer than the list's
                    // cut-off): the ratio still has to clear the bar.
                    let (fit_c, attested, _) = fit(c, cid, count_c);
                    if !attested {
                        return None;
                    }
                    let ratio = fit_c * channel(w, c) / fit_w.max(f64::MIN_POSITIVE);
                    (ratio >= threshold).then_some((ratio, c))
                })
                .collect();
            if best.is_empty() {
                continue;
            }
            best.sort_by(|a, b| b.0.total_cmp(&a.0));
            let first = best.first().map_or("", |b| b.1);
            // In technical writing (Markdown that holds code) words are
            // used in senses the model of edited prose does not know.
            let severity = if *technical.get_or_insert_with(|| super::holds_code(cx)) {
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
                let replacement = match_case(c, case);
                d.fixes.push(Fix::new(
                    format!("replace with `{replacement}`"),
                    Edit::replace(tok.span.clone(), replacement),
                    Applicability::Unsafe,
                ));
            }
            out.push(d);
        }
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
        assert_eq!(first_fix("Too many people ere dying."), Some("were".into()));
        assert_eq!(first_fix("We knew it form the start."), Some("from".into()));
        assert_eq!(first_fix("That is more then enough."), Some("than".into()));
        let text = "Too many people ere dying.";
        assert_eq!(flagged(text, &run(&RealWord, text)), ["ere"]);
    }

    #[test]
    fn one_attested_pair_of_the_confusable_is_enough() {
        // `from mother` is rarer than the bigram list's cut-off; `letter
        // from` is common, and `form` fits neither side.
        let d = Dictionary::new(crate::dictionary::Lang::EnUs);
        let scorer = Scorer {
            dict: &d,
            total: d.total() as f64,
        };
        let (_, attested, both) = scorer.fit(Some("letter"), "from", Some("mother"));
        assert!(attested && !both);
        assert_eq!(
            first_fix("She read the letter form mother."),
            Some("from".into())
        );
        assert_eq!(first_fix("A gift form grandma."), Some("from".into()));
        // Too little evidence for `from` here: no flag.
        assert!(run(&RealWord, "He shook form rage.").is_empty());
    }

    #[test]
    fn looks_through_sic_markers() {
        // Found (so that `[sic]` can then suppress it, see suppress.rs).
        assert_eq!(
            first_fix("Too many people ere [sic] dying."),
            Some("were".into())
        );
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
    fn channel_prefers_dropped_letters_and_swaps() {
        assert!(channel("ere", "were") > channel("ere", "are"));
        assert!(channel("form", "from") > channel("form", "farm"));
    }
}
