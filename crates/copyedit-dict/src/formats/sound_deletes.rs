//! A symmetric-delete index of the phonetic keys (core's
//! `suggest/sounds.rs` searches it):
//!
//! - `sound_deletes.fst`: every string made by deleting at most two bytes
//!   of a key → `offset << 32 | count` of its postings in
//!   `sound_delete_keys.bin`;
//! - `sound_delete_keys.bin`: the postings, each list the numbers of the
//!   keys (their index in key order), ascending, as LEB128 varints of the
//!   gaps between them;
//! - `sound_keys.bin`: a record of [`KEY_BYTES`] per key number: its
//!   `phonetic.fst` value (`u64`) and the offset (`u32`) and length (`u32`)
//!   of the key in `sound_keys.txt`;
//! - `sound_keys.txt`: the keys, concatenated.
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.

use std::collections::BTreeMap;

/// Bytes per record of `sound_keys.bin`: value, text offset, text length.
pub const KEY_BYTES: usize = 16;

/// The index, as written.
pub struct Index {
    /// `sound_deletes.fst`'s entries, in key order.
    pub deletes: Vec<(String, u64)>,
    /// `sound_delete_keys.bin`.
    pub postings: Vec<u8>,
    /// `sound_keys.bin`.
    pub keys: Vec<u8>,
    /// `sound_keys.txt`.
    pub text: String,
}

/// Writer: the index of `keys` (ASCII, in key order, each with its value
/// in `phonetic.fst`).
///
/// # Panics
/// On a key that is not ASCII.
// A writer runs in `build.rs` on the bundled data: its panics are build
// errors, never run-time ones.
#[allow(clippy::expect_used, clippy::string_slice)]
pub fn write(keys: &[(&str, u64)]) -> Index {
    let mut deletes: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut text = String::new();
    let mut table: Vec<u8> = Vec::with_capacity(keys.len() * KEY_BYTES);
    for (n, (key, value)) in keys.iter().enumerate() {
        assert!(key.is_ascii(), "phonetic keys are ASCII");
        let n = u32::try_from(n).expect("under 2^32 keys");
        table.extend(value.to_le_bytes());
        table.extend(u32::try_from(text.len()).expect("small text").to_le_bytes());
        table.extend(u32::try_from(key.len()).expect("short key").to_le_bytes());
        text.push_str(key);
        let mut variants: Vec<String> = vec![key.to_string()];
        for i in 0..key.len() {
            let one = format!("{}{}", &key[..i], &key[i + 1..]);
            for j in i..one.len() {
                variants.push(format!("{}{}", &one[..j], &one[j + 1..]));
            }
            variants.push(one);
        }
        variants.sort_unstable();
        variants.dedup();
        for v in variants {
            deletes.entry(v).or_default().push(n);
        }
    }
    let mut postings: Vec<u8> = Vec::new();
    let mut entries = Vec::with_capacity(deletes.len());
    for (d, list) in deletes {
        let first = postings.len() as u64;
        let mut last = 0u32;
        for &k in &list {
            let mut gap = k - last;
            last = k;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    postings.push(byte);
                    break;
                }
                postings.push(byte | 0x80);
            }
        }
        entries.push((d, first << 32 | list.len() as u64));
    }
    Index {
        deletes: entries,
        postings,
        keys: table,
        text,
    }
}

/// Reader: key number `n`: its value in `phonetic.fst` and its text.
#[inline]
pub fn key<'a>(keys: &[u8], text: &'a str, n: u32) -> Option<(u64, &'a str)> {
    let start = n as usize * KEY_BYTES;
    let r = keys.get(start..start + KEY_BYTES)?;
    let value = u64::from_le_bytes(r.get(..8)?.try_into().ok()?);
    let offset = u32::from_le_bytes(r.get(8..12)?.try_into().ok()?) as usize;
    let len = u32::from_le_bytes(r.get(12..16)?.try_into().ok()?) as usize;
    Some((value, text.get(offset..offset + len)?))
}

/// Reader: push the numbers of the keys listed under a string whose value
/// in `sound_deletes.fst` is `value`.
#[inline]
pub fn listed(postings: &[u8], value: u64, out: &mut Vec<u32>) {
    let (offset, count) = ((value >> 32) as usize, (value & 0xffff_ffff) as usize);
    let mut bytes = postings.get(offset..).unwrap_or_default().iter();
    let mut last = 0u32;
    for _ in 0..count {
        let (mut gap, mut shift) = (0u32, 0);
        for &b in bytes.by_ref() {
            gap |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 || shift > 28 {
                break;
            }
        }
        last = last.wrapping_add(gap);
        out.push(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings made from `key` by deleting at most two bytes.
    fn variants(key: &str) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::from([key.to_string()]);
        for i in 0..key.len() {
            let one = format!("{}{}", &key[..i], &key[i + 1..]);
            for j in 0..one.len() {
                out.insert(format!("{}{}", &one[..j], &one[j + 1..]));
            }
            out.insert(one);
        }
        out
    }

    #[test]
    fn the_index_round_trips() {
        // `Q` only in the first and the last key: a gap of two bytes.
        let mut names = vec!["AQ".to_string()];
        names.extend((0..300).map(|i| format!("K{i:03}")));
        names.push("ZQ".to_string());
        let keys: Vec<(&str, u64)> = names
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), (i as u64) << 16 | 1))
            .collect();
        let index = write(&keys);
        for (n, (k, v)) in keys.iter().enumerate() {
            assert_eq!(key(&index.keys, &index.text, n as u32), Some((*v, *k)));
        }
        assert_eq!(key(&index.keys, &index.text, 302), None);
        let mut expected: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (n, (k, _)) in keys.iter().enumerate() {
            for d in variants(k) {
                expected.entry(d).or_default().push(n as u32);
            }
        }
        let mut read: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (d, v) in &index.deletes {
            let mut out = Vec::new();
            listed(&index.postings, *v, &mut out);
            read.insert(d.clone(), out);
        }
        assert_eq!(read, expected);
        assert_eq!(read["Q"], [0, 301]);
        assert!(index.deletes.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
