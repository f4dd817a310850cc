//! Far candidates: common words that share many letter trigrams with a
//! misspelling, whatever its edit distance from them. People drop a
//! syllable (`extions` → `extensions`, `initized` → `initialized`) or mangle
//! several letters of a long word, and such words are three or more edits
//! out, beyond what the edit automata search; but most of the word's
//! trigrams survive.
//!
//! The index (built by `build.rs`, see `trigram.rs`) lists, for each first
//! letter and each trigram of `^word$`, the common words (those with a
//! corpus count) that have it. A query counts, for every word of a
//! plausible length, the trigrams it shares with the misspelling, and keeps
//! the few that share the most; the ranker then measures them as it does
//! every other candidate.

use copyedit_dict::trigram::{trigrams, HEADER_BYTES, ROW_BYTES, WORD_BYTES};
// The trigram index, built by `build.rs` (layout in `copyedit_dict::trigram`).
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

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u16::from_le_bytes)
}

fn u32_at(b: &[u8], at: usize) -> usize {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes) as usize
}

/// The common words of one first letter, by trigram: slices of `far.bin`.
struct Bucket {
    /// The letter's words (`WORD_BYTES` each).
    words: &'static [u8],
    /// The letter's rows, with the closing row (`ROW_BYTES` each).
    rows: &'static [u8],
    /// Every letter's postings: rows index into it.
    postings: &'static [u8],
}

impl Bucket {
    fn get(first: u8) -> Option<Bucket> {
        let letter = usize::from(first.checked_sub(b'a')?);
        if letter >= 26 {
            return None;
        }
        let header = |i: usize| u32_at(FAR, 4 * i);
        let (total_words, total_rows) = (header(26 * 3), header(26 * 3 + 1));
        let rows_at = HEADER_BYTES + WORD_BYTES * total_words;
        let postings_at = rows_at + ROW_BYTES * total_rows;
        let (w0, r0, r1) = (
            header(3 * letter),
            header(3 * letter + 1),
            header(3 * letter + 2),
        );
        let w1 = if letter == 25 {
            total_words
        } else {
            header(3 * letter + 3)
        };
        Some(Bucket {
            words: FAR.get(HEADER_BYTES + WORD_BYTES * w0..HEADER_BYTES + WORD_BYTES * w1)?,
            rows: FAR.get(rows_at + ROW_BYTES * r0..rows_at + ROW_BYTES * (r1 + 1))?,
            postings: FAR.get(postings_at..)?,
        })
    }

    fn len(&self) -> usize {
        self.words.len() / WORD_BYTES
    }

    fn word_len(&self, w: usize) -> usize {
        usize::from(self.words.get(w * WORD_BYTES + 8).copied().unwrap_or(0))
    }

    fn value(&self, w: usize) -> u64 {
        self.words
            .get(w * WORD_BYTES..w * WORD_BYTES + 8)
            .and_then(|s| s.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    }

    /// The words with trigram `code`, as indexes within the letter.
    fn posting(&self, code: u16) -> impl Iterator<Item = usize> + '_ {
        let n = self.rows.len() / ROW_BYTES;
        // Binary search over the rows but the closing one.
        let (mut lo, mut hi) = (0, n.saturating_sub(1));
        while lo < hi {
            let mid = (lo + hi) / 2;
            if u16_at(self.rows, mid * ROW_BYTES) < code {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let range = if lo + 1 < n && u16_at(self.rows, lo * ROW_BYTES) == code {
            u32_at(self.rows, lo * ROW_BYTES + 2)..u32_at(self.rows, (lo + 1) * ROW_BYTES + 2)
        } else {
            0..0
        };
        self.postings
            .get(2 * range.start..2 * range.end)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|c| usize::from(u16_at(c, 0)))
    }
}

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
    let Some(bucket) = Bucket::get(first) else {
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
