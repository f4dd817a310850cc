//! `lexicon.fst`: every accepted word as spelled (case kept) → its value,
//! `count << 8 | flags`: the corpus count (capped at 2^48) and the
//! [`flags`] of the lists that have the word. The same values are stored
//! in the records of `forms.bin` ([`super::forms`]).
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.

/// Flag bits stored in the lexicon (the low byte of a value): defined here
/// only, for `build.rs` and the readers alike.
pub mod flags {
    /// In every English variant (SCOWL `english-*`, size ≤ 60).
    pub const COMMON: u8 = 1;
    /// American spelling.
    pub const EN_US: u8 = 2;
    /// British spelling.
    pub const EN_GB: u8 = 4;
    /// Canadian spelling.
    pub const EN_CA: u8 = 8;
    /// Australian spelling.
    pub const EN_AU: u8 = 16;
    /// Rare but valid (SCOWL size 70): accepted, never suggested first.
    pub const RARE: u8 = 32;
    /// A proper name from the bundled name and place lists.
    pub const NAME: u8 = 64;
    /// Technical vocabulary (`words-tech.txt`: `struct`, `kubectl`,
    /// `GitHub`): accepted, and like a rare word never suggested first.
    pub const TECH: u8 = 128;
    /// Any variant.
    pub const ANY_VARIANT: u8 = EN_US | EN_GB | EN_CA | EN_AU;
}

/// The largest count a value holds; larger counts are capped.
pub const MAX_COUNT: u64 = 1 << 48;

/// Writer: the value of a word with `flags` and corpus `count`.
pub fn value(flags: u8, count: u64) -> u64 {
    u64::from(flags) | count.min(MAX_COUNT) << 8
}

/// Reader: the flag bits of a value.
#[inline]
pub fn flags_of(value: u64) -> u8 {
    (value & 0xff) as u8
}

/// Reader: the corpus count of a value (0 when unknown).
#[inline]
pub fn count_of(value: u64) -> u64 {
    value >> 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        for (f, count) in [
            (0, 0),
            (flags::COMMON | flags::EN_US, 1),
            (flags::TECH | flags::NAME, 23_135_851_162),
            (0xff, MAX_COUNT),
        ] {
            let v = value(f, count);
            assert_eq!((flags_of(v), count_of(v)), (f, count));
        }
        assert_eq!(count_of(value(flags::RARE, u64::MAX)), MAX_COUNT);
    }
}
