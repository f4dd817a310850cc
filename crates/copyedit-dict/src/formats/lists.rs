//! A word → a list of words, as an FST map whose values point into a text:
//! `misspellings.fst` → `corrections.txt` (a known misspelling's
//! corrections) and `confusables.fst` → `confusables.txt` (a word's
//! real-word confusables, a curated one marked with a leading `=`).
//!
//! A key's value is `offset << 16 | length` of its list in the text; the
//! lists are comma-separated and concatenated with nothing between them.
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.

/// Writer: append `list` to `text` and return the value that finds it.
///
/// # Panics
/// If `list` is 64 KiB or longer (the value keeps 16 bits of length).
pub fn push(text: &mut String, list: &str) -> u64 {
    assert!(list.len() <= 0xffff, "a list under 64 KiB");
    let offset = text.len() as u64;
    text.push_str(list);
    offset << 16 | list.len() as u64
}

/// Reader: the list a value finds in `text` (`None` when out of range).
#[inline]
pub fn get(text: &str, value: u64) -> Option<&str> {
    let (offset, len) = ((value >> 16) as usize, (value & 0xffff) as usize);
    text.get(offset..offset.checked_add(len)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip() {
        let lists = ["the", "=than,=then", "", "were,here,are", "café,cafe"];
        let mut text = String::new();
        let values: Vec<u64> = lists.iter().map(|l| push(&mut text, l)).collect();
        assert_eq!(text, "the=than,=thenwere,here,arecafé,cafe");
        for (list, v) in lists.iter().zip(values) {
            assert_eq!(get(&text, v), Some(*list));
        }
        assert_eq!(get(&text, 1000 << 16 | 3), None);
    }
}
