//! Letter trigrams of a word, and the layout of the trigram index of the
//! common words (`far.bin`) that `build.rs` writes and `far.rs` reads.
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.
//!
//! `far.bin`, little-endian, for the common words spelt with `a`-`z` only,
//! grouped by first letter in key order:
//! - a header of 26 × 3 + 2 `u32`: per first letter, the index of its
//!   first word, of its first row and of its closing row (below); then the
//!   number of words and of rows;
//! - `words` × 9 bytes: the word's value in `common.fst` (`u64`) and its
//!   length (`u8`);
//! - `rows` × 6 bytes: a trigram code (`u16`, ascending within a letter)
//!   and the index of its first posting (`u32`); each letter's rows end
//!   with an extra row (code `u16::MAX`) that closes the last one;
//! - `postings` × 2 bytes: a word's index within its letter (`u16`).

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
