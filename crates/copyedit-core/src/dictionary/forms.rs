//! The spellings behind the suggestion indexes, each with its lexicon
//! value, in a binary layout read without parsing (`build.rs` writes it).
//!
//! - `forms.txt`: every spelling of every key of `suggest.fst`,
//!   concatenated, keys in order;
//! - `forms.bin`: a record of [`RECORD_BYTES`] per spelling, in the same
//!   order: its lexicon value (`u64`, little-endian, as in `lexicon.fst`),
//!   its offset in `forms.txt` (`u32`) and its length (`u8`).
//!
//! A key's spellings are consecutive records; `suggest.fst`,
//! `suggest_reversed.fst` and `common.fst` map it to `first << 16 | count`
//! ([`listed`]), so values ascend with the keys. `phonetic_forms.bin` lists
//! record indexes (`u32` each) by phonetic key, and `phonetic.fst` maps a
//! key to `first << 16 | count` in that list ([`indexed`]).

use super::Entry;

use copyedit_dict::{FORMS as RECORDS, FORMS_TEXT as TEXT, PHONETIC_FORMS as PHONETIC};

/// Bytes per record of `forms.bin`.
pub const RECORD_BYTES: usize = 13;

/// A record's spelling and lexicon entry.
fn decode(r: &[u8]) -> Option<(&'static str, Entry)> {
    let value = u64::from_le_bytes(r.get(..8)?.try_into().ok()?);
    let offset = u32::from_le_bytes(r.get(8..12)?.try_into().ok()?) as usize;
    let len = usize::from(*r.get(12)?);
    Some((TEXT.get(offset..offset + len)?, Entry::from_value(value)))
}

/// The spellings (with their lexicon entries) of a key whose index value
/// is `v`, in order.
pub(crate) fn listed(v: u64) -> impl Iterator<Item = (&'static str, Entry)> {
    let (first, count) = ((v >> 16) as usize, (v & 0xffff) as usize);
    RECORDS
        .get(first * RECORD_BYTES..(first + count) * RECORD_BYTES)
        .unwrap_or(&[])
        .chunks_exact(RECORD_BYTES)
        .filter_map(decode)
}

/// The spellings of a phonetic key whose value in `phonetic.fst` is `v`.
pub(crate) fn indexed(v: u64) -> impl Iterator<Item = (&'static str, Entry)> {
    let (first, count) = ((v >> 16) as usize, (v & 0xffff) as usize);
    PHONETIC
        .get(4 * first..4 * (first + count))
        .unwrap_or(&[])
        .chunks_exact(4)
        .filter_map(|c| {
            let i = u32::from_le_bytes(c.try_into().ok()?) as usize;
            decode(RECORDS.get(i * RECORD_BYTES..(i + 1) * RECORD_BYTES)?)
        })
}
