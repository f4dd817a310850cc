//! Far candidates: common words that share many letter trigrams with a
//! misspelling, whatever its edit distance from them. People drop a
//! syllable (`extions` → `extensions`, `initized` → `initialized`) or mangle
//! several letters of a long word, and such words are three or more edits
//! out, beyond what the edit automata search; but most of the word's
//! trigrams survive.
//!
//! The index (`far.bin`, see `copyedit_dict::formats::far`) lists, for each first
//! letter and each trigram of `^word$`, the common words (those with a
//! corpus count) that have it. A query counts, for every word of a
//! plausible length, the trigrams it shares with the misspelling, and keeps
//! the few that share the most; the ranker then measures them as it does
//! every other candidate.

// The trigram index, built by `build.rs` (layout, writer and reader in
// `copyedit_dict::formats::far`).
use copyedit_dict::formats::far::{trigrams, Bucket};
use copyedit_dict::FAR;

use crate::dictionary::{key_forms, Entry};

/// Candidates kept per query.
const KEEP: usize = 16;
/// A candidate must share at least this share of the query's trigrams
/// (and two at least).
const MIN_SHARE: f64 = 0.4;
/// Words at most this much shorter, or `LONGER` longer, than the query are
/// considered (misspellings drop letters more often than they add them).
const SHORTER: usize = 3;
const LONGER: usize = 6;

/// Common words with the first letter of `word` (lowercase) that share the
/// most trigrams with it, less half a trigram per letter of difference in
/// length, the commonest first among equals: at most [`KEEP`] words, each
/// with at least [`MIN_SHARE`] of the word's trigrams. Empty for a word
/// with a letter outside `a`-`z`.
pub(super) fn candidates(word: &str) -> Vec<(&'static str, Entry)> {
    let bytes = word.as_bytes();
    let mut out = Vec::new();
    let mut codes = Vec::new();
    let Some(&first) = bytes.first() else {
        return out;
    };
    if !trigrams(bytes, &mut codes) {
        return out;
    }
    let Some(bucket) = Bucket::get(FAR, first) else {
        return out;
    };
    let need = ((codes.len() as f64 * MIN_SHARE).ceil() as u8).max(2);
    let len = bytes.len();
    let (lo, hi) = (len.saturating_sub(SHORTER), len + LONGER);
    let mut shared = vec![0u8; bucket.len()];
    for &c in &codes {
        for w in bucket.posting(c) {
            if (lo..=hi).contains(&bucket.word_len(w)) {
                if let Some(s) = shared.get_mut(w) {
                    *s = s.saturating_add(1);
                }
            }
        }
    }
    // Twice the score, to stay in integers.
    let mut scored: Vec<(i32, usize)> = shared
        .iter()
        .enumerate()
        .filter(|(_, &s)| s >= need)
        .map(|(w, &s)| {
            let diff = bucket.word_len(w).abs_diff(len) as i32;
            (2 * i32::from(s) - diff, w)
        })
        .collect();
    let listing = |w: usize| key_forms(bucket.value(w));
    if scored.len() > KEEP {
        scored.select_nth_unstable_by(KEEP - 1, |a, b| b.0.cmp(&a.0));
        let cutoff = scored.get(KEEP - 1).map_or(0, |s| s.0);
        // Among the words on the cut-off score, the commonest.
        let mut tied: Vec<(u64, usize)> = scored
            .iter()
            .filter(|s| s.0 == cutoff)
            .map(|&(_, w)| (listing(w).map(|(_, e)| e.count).max().unwrap_or(0), w))
            .collect();
        scored.retain(|s| s.0 > cutoff);
        tied.sort_unstable_by_key(|t| std::cmp::Reverse(t.0));
        let room = KEEP.saturating_sub(scored.len());
        scored.extend(tied.into_iter().take(room).map(|(_, w)| (cutoff, w)));
    }
    for (_, w) in scored {
        out.extend(listing(w));
    }
    out
}
