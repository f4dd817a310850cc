//! Flag bits stored in the lexicon (the low byte of a `lexicon.fst` value).
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.

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
