//! `far.bin`: the trigram index of the common words, for candidates far
//! (three edits or more) from a misspelling; core's `suggest/far.rs`
//! queries it.
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.
//!
//! Little-endian, for the common words spelt with `a`-`z` only, grouped by
//! first letter in key order:
//! - a header of 26 × 3 + 2 `u32`: per first letter, the index of its
//!   first word, of its first row and of its closing row (below); then the
//!   number of words and of rows;
//! - `words` × 9 bytes: the word's value in `common.fst` (`u64`) and its
//!   length (`u8`);
//! - `rows` × 6 bytes: a trigram code (`u16`, ascending within a letter)
//!   and the index of its first posting (`u32`); each letter's rows end
//!   with an extra row (code `u16::MAX`) that closes the last one;
//! - `postings` × 2 bytes: a word's index within its letter (`u16`).

use std::collections::BTreeMap;

/// Trigram symbols: 0 for the word boundary, 1-26 for `a`-`z`.
pub const SYMBOLS: u16 = 27;
/// Bytes per entry of each section.
pub const HEADER_BYTES: usize = (26 * 3 + 2) * 4;
pub const WORD_BYTES: usize = 9;
pub const ROW_BYTES: usize = 6;

/// The distinct trigram codes of `^word$` in `out` (cleared first),
/// ascending; false for a word with a byte outside `a`-`z`. The first
/// letter is implied by the index the word is in, so the first trigram
/// (`^` and two letters) is the first with a letter in the middle.
pub fn trigrams(word: &[u8], out: &mut Vec<u16>) -> bool {
    out.clear();
    let (mut a, mut b) = (0u16, 0u16);
    for &c in word.iter().chain(std::iter::once(&0)) {
        let c = match c {
            0 => 0,
            b'a'..=b'z' => u16::from(c - b'a') + 1,
            _ => return false,
        };
        if b != 0 {
            out.push((a * SYMBOLS + b) * SYMBOLS + c);
        }
        (a, b) = (b, c);
    }
    out.sort_unstable();
    out.dedup();
    true
}

/// Writer: the index of `entries` (lowercase word and its value in
/// `common.fst`, in key order); words with a byte outside `a`-`z` or
/// longer than 255 bytes are left out.
///
/// # Panics
/// On a letter with 65,536 words or more.
// A writer runs in `build.rs` on the bundled data: its panics are build
// errors, never run-time ones.
#[allow(clippy::expect_used)]
pub fn write(entries: &[(&str, u64)]) -> Vec<u8> {
    let mut header = Vec::new();
    let (mut words, mut rows, mut postings) = (Vec::new(), Vec::new(), Vec::new());
    let (mut word_count, mut row_count) = (0u32, 0u32);
    let mut codes = Vec::new();
    for first in b'a'..=b'z' {
        header.extend(word_count.to_le_bytes());
        header.extend(row_count.to_le_bytes());
        // Trigram → indexes (within the letter) of the words with it.
        let mut by_code: BTreeMap<u16, Vec<u16>> = BTreeMap::new();
        let mut local = 0u16;
        for (lower, value) in entries {
            let key = lower.as_bytes();
            if key.first() != Some(&first) || key.len() > 255 || !trigrams(key, &mut codes) {
                continue;
            }
            for &c in &codes {
                by_code.entry(c).or_default().push(local);
            }
            words.extend(value.to_le_bytes());
            words.push(key.len() as u8);
            local = local.checked_add(1).expect("under 65,536 words a letter");
            word_count += 1;
        }
        for (code, list) in by_code {
            rows.extend(code.to_le_bytes());
            rows.extend((postings.len() as u32 / 2).to_le_bytes());
            for w in list {
                postings.extend(w.to_le_bytes());
            }
            row_count += 1;
        }
        header.extend(row_count.to_le_bytes());
        rows.extend(u16::MAX.to_le_bytes());
        rows.extend((postings.len() as u32 / 2).to_le_bytes());
        row_count += 1;
    }
    header.extend(word_count.to_le_bytes());
    header.extend(row_count.to_le_bytes());
    assert_eq!(header.len(), HEADER_BYTES);
    let mut blob = header;
    blob.extend(words);
    blob.extend(rows);
    blob.extend(postings);
    blob
}

#[inline]
fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u16::from_le_bytes)
}

#[inline]
fn u32_at(b: &[u8], at: usize) -> usize {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes) as usize
}

/// Reader: the common words of one first letter, by trigram: slices of
/// `far.bin`.
pub struct Bucket<'a> {
    /// The letter's words (`WORD_BYTES` each).
    words: &'a [u8],
    /// The letter's rows, with the closing row (`ROW_BYTES` each).
    rows: &'a [u8],
    /// Every letter's postings: rows index into it.
    postings: &'a [u8],
}

impl<'a> Bucket<'a> {
    /// The words of `far` (the index) that start with `first` (`a`-`z`).
    pub fn get(far: &'a [u8], first: u8) -> Option<Bucket<'a>> {
        let letter = usize::from(first.checked_sub(b'a')?);
        if letter >= 26 {
            return None;
        }
        let header = |i: usize| u32_at(far, 4 * i);
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
            words: far.get(HEADER_BYTES + WORD_BYTES * w0..HEADER_BYTES + WORD_BYTES * w1)?,
            rows: far.get(rows_at + ROW_BYTES * r0..rows_at + ROW_BYTES * (r1 + 1))?,
            postings: far.get(postings_at..)?,
        })
    }

    /// How many words the letter has.
    #[inline]
    pub fn len(&self) -> usize {
        self.words.len() / WORD_BYTES
    }

    /// Whether the letter has no words.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The length of word `w` (an index within the letter).
    #[inline]
    pub fn word_len(&self, w: usize) -> usize {
        usize::from(self.words.get(w * WORD_BYTES + 8).copied().unwrap_or(0))
    }

    /// The value in `common.fst` of word `w`.
    #[inline]
    pub fn value(&self, w: usize) -> u64 {
        self.words
            .get(w * WORD_BYTES..w * WORD_BYTES + 8)
            .and_then(|s| s.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    }

    /// The words with trigram `code`, as indexes within the letter.
    #[inline]
    pub fn posting(&self, code: u16) -> impl Iterator<Item = usize> + 'a {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_round_trips() {
        let entries = [
            ("apple", 1u64),
            ("apply", 2),
            ("café", 3),
            ("cat", 4),
            ("zebra", 5),
        ];
        let far = write(&entries);
        let mut codes = Vec::new();
        for first in b'a'..=b'z' {
            let bucket = Bucket::get(&far, first).unwrap();
            // Every ASCII word of the letter, in order, with its value and
            // length, listed under each of its trigrams.
            let expected: Vec<&(&str, u64)> = entries
                .iter()
                .filter(|(w, _)| w.as_bytes()[0] == first && w.is_ascii())
                .collect();
            assert_eq!(bucket.len(), expected.len());
            for (i, (w, v)) in expected.into_iter().enumerate() {
                assert_eq!((bucket.value(i), bucket.word_len(i)), (*v, w.len()));
                assert!(trigrams(w.as_bytes(), &mut codes));
                for &c in &codes {
                    assert!(bucket.posting(c).any(|p| p == i), "{w} {c}");
                }
            }
        }
        let a = Bucket::get(&far, b'a').unwrap();
        trigrams(b"apple", &mut codes);
        let le = codes
            .iter()
            .map(|&c| a.posting(c).count())
            .collect::<Vec<_>>();
        // `^ap`, `app`, `ppl` are shared with `apply`; `ple`, `le$` are not.
        assert_eq!(le.iter().filter(|&&n| n == 2).count(), 3);
        assert_eq!(a.posting(u16::MAX - 1).count(), 0);
        assert!(Bucket::get(&far, b'{').is_none());
        assert!(!trigrams(b"caf\xc3\xa9", &mut codes));
    }
}
