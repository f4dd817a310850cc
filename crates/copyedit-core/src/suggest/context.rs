//! Context: the neighbouring words decide between close candidates
//! ([`rerank`]) and how sure the first one is ([`safe_margin`]).

use crate::dictionary::Dictionary;
use crate::tokenize::neighbours::unhyphenated_word_beside;
use crate::tokenize::Token;

use super::cost::KEY_SUB;
use super::rank::{EDIT_WEIGHT, FIRST_LETTER_BONUS, KNOWN_BONUS};
use super::{Suggestion, Suggestions};

/// How many of the first suggestions context may reorder.
const RERANK_TOP: usize = 4;
/// Only candidates within this score of the first are reordered.
const RERANK_RANGE: f64 = 4.0;
/// Weight of the context evidence (pointwise mutual information of the
/// candidate with its neighbours, in nats): injected typos corrected first
/// 87.0% → 90.6% at 0.5 (90.3% at 0.3, 90.8% at 1.0).
const CONTEXT_WEIGHT: f64 = 0.5;
/// Estimated count for a pair missing from the bigram list: below the
/// list's cut-off (its smallest counts are about 6.4M).
const UNSEEN_PAIR_CAP: f64 = 3_200_000.0;

/// Reorder the first suggestions by how well each fits between the words
/// before and after it (the bigram list's counts and the trigram model,
/// half each: [`LM_SHARE`]): `ard` between `you` and `I` is `and`, not
/// `art`; `wether the` is `whether`. Listed corrections and two-word suggestions keep
/// their place.
pub fn rerank(dict: &Dictionary, left: Option<&str>, right: Option<&str>, s: &mut Suggestions) {
    if (left.is_none() && right.is_none()) || s.list.len() < 2 {
        return;
    }
    let Some(first) = s.list.first() else {
        return;
    };
    if first.known {
        return;
    }
    let floor = first.score - RERANK_RANGE;
    let n = s
        .list
        .iter()
        .take(RERANK_TOP)
        .take_while(|c| c.score >= floor && !c.known)
        .count();
    if n < 2 {
        return;
    }
    for c in s.list.iter_mut().take(n) {
        if c.word.contains(' ') {
            continue;
        }
        let lower = c.word.to_lowercase();
        let pmi = context_evidence(dict, left, right, &lower, c.count);
        let evidence = lm_evidence(left, right, &lower)
            .map_or(pmi, |lm| LM_SHARE * lm + (1.0 - LM_SHARE) * pmi);
        c.score += CONTEXT_WEIGHT * evidence;
        c.context = evidence;
    }
    if let Some(head) = s.list.get_mut(..n) {
        head.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.word.cmp(&b.word))
        });
    }
}

/// The trigram model's share of the context evidence, the bigram list's
/// the rest. Injected typos corrected first (seeds 42 / 7): development
/// prose 89.6% / 90.5% with the bigram list alone, 90.2% / 91.0% at 0.5
/// (89.9% / 90.8% at 0.3; 90.2% / 90.9% at 0.7; 90.2% / 91.0% with the
/// model alone); the content repositories 87.0% / 87.0% → 87.1% / 86.9%
/// (86.6% / – with the model alone: its text is not technical).
const LM_SHARE: f64 = 0.5;

/// How well `word` (lowercase) fits between `left` and `right` under the
/// trigram model, in nats: log P(word | left) − log P(word) (its pointwise
/// mutual information with the word before) plus log P(right | left word)
/// − log P(right | left) (how much it helps predict the word after).
/// `None` when the model lacks `word` or both neighbours.
fn lm_evidence(left: Option<&str>, right: Option<&str>, word: &str) -> Option<f64> {
    let m = crate::lm::model()?;
    let w = m.id(word)?;
    let l = left.and_then(|l| m.id(l));
    let r = right.and_then(|r| m.id(r));
    if l.is_none() && r.is_none() {
        return None;
    }
    let mut e = 0.0f64;
    if let Some(l) = l {
        e += f64::from(m.logprob(&[l], w) - m.unigram(w));
    }
    if let Some(r) = r {
        let with = match l {
            Some(l) => m.logprob(&[l, w], r),
            None => m.logprob(&[w], r),
        };
        let without = match l {
            Some(l) => m.logprob(&[l], r),
            None => m.unigram(r),
        };
        e += f64::from(with - without);
    }
    Some(e * std::f64::consts::LN_10)
}

/// How well `word` (lowercase, corpus count `count`) fits between `left`
/// and `right`: the sum of its pointwise mutual information with each
/// neighbour, ln(P(a b) / (P(a) P(b))), from the bigram counts. A pair too
/// rare to be listed counts as independent (0), unless even independence
/// predicts it above the list's cut-off.
fn context_evidence(
    dict: &Dictionary,
    left: Option<&str>,
    right: Option<&str>,
    word: &str,
    count: u64,
) -> f64 {
    let total = dict.total() as f64;
    let pmi = |a: &str, b: &str, ca: f64, cb: f64| {
        let expected = ca * cb / total;
        let seen = match dict.bigram(a, b) {
            0 => expected.min(UNSEEN_PAIR_CAP),
            n => n as f64,
        };
        (seen / expected.max(f64::MIN_POSITIVE)).ln()
    };
    let cc = count.max(1) as f64;
    let mut evidence = 0.0;
    if let Some(l) = left {
        evidence += pmi(l, word, dict.count(l).max(1) as f64, cc);
    }
    if let Some(r) = right {
        evidence += pmi(word, r, cc, dict.count(r).max(1) as f64);
    }
    evidence
}

/// Weight of the context evidence in [`safe_margin`].
const MARGIN_CONTEXT_WEIGHT: f64 = 0.5;
/// What being a listed correction of a known misspelling is worth in
/// [`safe_margin`] (log units, instead of the ranking's decisive bonus).
const MARGIN_KNOWN_BONUS: f64 = 1.0;

/// How much more likely the first suggestion is than the best alternative,
/// in log units, for deciding whether it may be applied unasked: each
/// candidate's channel score (frequency, edit cost, penalties) plus the
/// context evidence of every candidate (not only the close ones
/// [`rerank`] looks at), without the first-letter bonus (typos at the
/// start of a word are what it misjudges: `rades` is `trades` as often as
/// `rates`) and with a small bonus, not a decisive one, for a known
/// misspelling's listed correction (`oyur` may be `our`, not only `your`).
/// The commonest word one edit away counts as a rival even when it did not
/// make the list. `word` is the misspelling as written; `s` as ranked and
/// re-ranked. Infinite when there is no alternative at all.
pub fn safe_margin(
    dict: &Dictionary,
    word: &str,
    left: Option<&str>,
    right: Option<&str>,
    s: &Suggestions,
) -> f64 {
    let Some(first) = s.list.first() else {
        return f64::NEG_INFINITY;
    };
    let initial = word.chars().next().and_then(|c| c.to_lowercase().next());
    let value = |c: &Suggestion| {
        let lower = c.word.to_lowercase();
        let mut v = c.score - CONTEXT_WEIGHT * c.context;
        if c.known {
            v += MARGIN_KNOWN_BONUS - KNOWN_BONUS;
        }
        if lower.chars().next() == initial {
            v -= FIRST_LETTER_BONUS;
        }
        if !lower.contains(' ') {
            v += MARGIN_CONTEXT_WEIGHT * context_evidence(dict, left, right, &lower, c.count);
        }
        v
    };
    let best = value(first);
    let mut rival = f64::NEG_INFINITY;
    for c in s.list.iter().skip(1) {
        rival = rival.max(value(c));
    }
    // The commonest word one edit away, when the list left it out: as if
    // one cheap edit away, with no help from the context.
    if s.near_rival > 0 && !s.list.iter().skip(1).any(|c| c.count == s.near_rival) {
        rival = rival.max(((s.near_rival + 1) as f64).ln() - EDIT_WEIGHT * f64::from(KEY_SUB));
    }
    best - rival
}

/// The word next to token `i` with only white space (one line break at
/// most) between, lowercase: the context [`rerank`] and [`safe_margin`]
/// weigh.
pub fn context_word(text: &str, tokens: &[Token], i: usize, forward: bool) -> Option<String> {
    let t = tokens.get(unhyphenated_word_beside(tokens, i, forward)?)?;
    Some(crate::dictionary::normalize_apostrophes(t.text(text)).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::lm_evidence;

    #[test]
    fn the_model_says_which_word_fits_its_neighbours() {
        let fit = |l: &str, w: &str, r: &str| lm_evidence(Some(l), Some(r), w).unwrap_or(f64::NAN);
        // `the end of`, not `the and of`; `I think so`, not `I thing so`.
        assert!(fit("the", "end", "of") > fit("the", "and", "of"));
        assert!(fit("i", "think", "so") > fit("i", "thing", "so"));
        assert!(fit("the", "end", "of") > 0.0);
        // A word the model lacks, or no neighbour it knows: no evidence.
        assert_eq!(lm_evidence(Some("the"), Some("of"), "zorbulator"), None);
        assert_eq!(lm_evidence(None, None, "end"), None);
        assert_eq!(lm_evidence(Some("qzxv"), Some("zzqq"), "end"), None);
    }
}
