//! The spellings behind the suggestion indexes, each with its lexicon
//! value, in a layout read without parsing:
//!
//! - `forms.txt`: every spelling of every key of `suggest.fst`,
//!   concatenated, keys in order;
//! - `forms.bin`: a record of [`RECORD_BYTES`] per spelling, in the same
//!   order: its lexicon value (`u64`, little-endian, as in `lexicon.fst`,
//!   [`super::lexicon`]), its offset in `forms.txt` (`u32`) and its length
//!   (`u8`).
//!
//! A key (a lowercase word) stands for its spellings (`us` for `us` and
//! `US`), which are consecutive records; `suggest.fst`,
//! `suggest_reversed.fst` and `common.fst` map it to `first << 16 | count`
//! ([`listed`]), so values ascend with the keys.
//!
//! `phonetic_forms.bin` lists record indexes (`u32` each) by phonetic key,
//! and `phonetic.fst` maps a key to `first << 16 | count` in that list
//! ([`index`], [`indexed`]).
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.

/// Bytes per record of `forms.bin`.
pub const RECORD_BYTES: usize = 13;

/// Writer of `forms.txt` and `forms.bin`.
#[derive(Default)]
pub struct Writer {
    /// `forms.txt`.
    pub text: String,
    /// `forms.bin`.
    pub records: Vec<u8>,
    count: u64,
}

// A writer runs in `build.rs` on the bundled data: its panics are build
// errors, never run-time ones.
#[allow(clippy::expect_used)]
impl Writer {
    /// Add the records of a key's spellings (each with its lexicon value)
    /// and return the key's value.
    ///
    /// # Panics
    /// On a spelling of 256 bytes or more, a key with 65,536 spellings or
    /// more, or a text over 4 GiB.
    pub fn push_key<'s>(&mut self, spellings: impl IntoIterator<Item = (&'s str, u64)>) -> u64 {
        let first = self.count;
        for (s, value) in spellings {
            let offset = u32::try_from(self.text.len()).expect("forms text under 4 GiB");
            let len = u8::try_from(s.len()).expect("spellings under 256 bytes");
            self.records.extend(value.to_le_bytes());
            self.records.extend(offset.to_le_bytes());
            self.records.push(len);
            self.text.push_str(s);
            self.count += 1;
        }
        let count = self.count - first;
        assert!(count <= 0xffff && self.count < 1 << 40);
        first << 16 | count
    }
}

/// Writer of `phonetic_forms.bin`: the record indexes listed under each
/// key, and each key's value (in key order, as given).
///
/// # Panics
/// On a key with 65,536 records or more.
pub fn index<'k>(
    lists: impl IntoIterator<Item = (&'k str, &'k [u32])>,
) -> (Vec<u8>, Vec<(&'k str, u64)>) {
    let mut index: Vec<u8> = Vec::new();
    let mut entries = Vec::new();
    for (key, records) in lists {
        let first = (index.len() / 4) as u64;
        assert!(records.len() <= 0xffff, "phonetic bucket {key} too large");
        for r in records {
            index.extend(r.to_le_bytes());
        }
        entries.push((key, first << 16 | records.len() as u64));
    }
    (index, entries)
}

/// Reader: the first record (or index) and the count a value stands for.
#[inline]
pub fn span(value: u64) -> (usize, usize) {
    ((value >> 16) as usize, (value & 0xffff) as usize)
}

/// Reader: a record's spelling and lexicon value.
#[inline]
fn decode<'a>(text: &'a str, r: &[u8]) -> Option<(&'a str, u64)> {
    let value = u64::from_le_bytes(r.get(..8)?.try_into().ok()?);
    let offset = u32::from_le_bytes(r.get(8..12)?.try_into().ok()?) as usize;
    let len = usize::from(*r.get(12)?);
    Some((text.get(offset..offset + len)?, value))
}

/// Reader: the spellings (with their lexicon values) of a key whose value
/// is `value`, in order.
#[inline]
pub fn listed<'a>(
    records: &'a [u8],
    text: &'a str,
    value: u64,
) -> impl Iterator<Item = (&'a str, u64)> + 'a {
    let (first, count) = span(value);
    records
        .get(first * RECORD_BYTES..(first + count) * RECORD_BYTES)
        .unwrap_or(&[])
        .chunks_exact(RECORD_BYTES)
        .filter_map(|r| decode(text, r))
}

/// Reader: the spellings of a phonetic key whose value in `phonetic.fst`
/// is `value`.
#[inline]
pub fn indexed<'a>(
    index: &'a [u8],
    records: &'a [u8],
    text: &'a str,
    value: u64,
) -> impl Iterator<Item = (&'a str, u64)> + 'a {
    let (first, count) = span(value);
    index
        .get(4 * first..4 * (first + count))
        .unwrap_or(&[])
        .chunks_exact(4)
        .filter_map(move |c| {
            let i = u32::from_le_bytes(c.try_into().ok()?) as usize;
            decode(text, records.get(i * RECORD_BYTES..(i + 1) * RECORD_BYTES)?)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_the_phonetic_index_round_trip() {
        let keys: [&[(&str, u64)]; 3] = [
            &[("us", 7 << 8 | 1), ("US", 3 << 8 | 64)],
            &[("café", 2 << 8 | 1)],
            &[("zoë", 0), ("Zoë", 64), ("ZOË", 64)],
        ];
        let mut w = Writer::default();
        let values: Vec<u64> = keys.iter().map(|k| w.push_key(k.iter().copied())).collect();
        assert_eq!(values, [2, 2 << 16 | 1, 3 << 16 | 3]);
        assert_eq!(w.records.len(), 6 * RECORD_BYTES);
        for (k, v) in keys.iter().zip(&values) {
            let read: Vec<(&str, u64)> = listed(&w.records, &w.text, *v).collect();
            assert_eq!(read, *k);
        }
        let lists: [(&str, &[u32]); 2] = [("KF", &[2]), ("S", &[0, 1, 5])];
        let (bytes, entries) = index(lists);
        assert_eq!(bytes.len(), 4 * 4);
        assert_eq!(entries, [("KF", 1), ("S", 1 << 16 | 3)]);
        let s: Vec<&str> = indexed(&bytes, &w.records, &w.text, entries[1].1)
            .map(|(s, _)| s)
            .collect();
        assert_eq!(s, ["us", "US", "ZOË"]);
        assert_eq!(listed(&w.records, &w.text, 99 << 16 | 1).count(), 0);
    }
}
