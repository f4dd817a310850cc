//! The data bundled with copyedit: the plain-text dictionaries in
//! `dictionaries/`, compiled by `build.rs` into FST maps and flat binary
//! tables that are embedded here (`include_bytes!`) and read in place, so
//! opening them costs nothing at run time.
//!
//! This crate holds the data, one module per binary format with its
//! layout, writer and reader ([`formats`]), and the word functions the
//! build step shares with the checker ([`fold`], [`phonetic`]); the logic
//! that searches the tables lives in `copyedit-core` (`dictionary`,
//! `suggest`, `lm`).

// Input must never panic the library: no unwrap or expect outside tests;
// each exception is allowed where it stands, with the reason.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

pub mod fold;
pub mod formats;
pub mod phonetic;

pub use formats::lexicon::flags;

/// `lexicon.fst`: word as spelled (case kept) → corpus count << 8 | flags
/// ([`formats::lexicon`]).
pub static LEXICON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));
/// `bigrams.fst`: `"w1 w2"` → count.
pub static BIGRAMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bigrams.fst"));
/// `misspellings.fst`: known misspelling → `offset << 16 | len` in
/// [`CORRECTIONS`] ([`formats::lists`]).
pub static MISSPELLINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspellings.fst"));
/// `corrections.txt`: the corrections of the known misspellings.
pub static CORRECTIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/corrections.txt"));
/// `confusables.fst`: word → `offset << 16 | len` in [`CONFUSABLE_WORDS`]
/// ([`formats::lists`]).
pub static CONFUSABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/confusables.fst"));
/// `confusables.txt`: each word's real-word confusables, comma-separated.
pub static CONFUSABLE_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/confusables.txt"));
/// Sum of all unigram counts (of `frequencies.tsv`), in decimal.
pub const UNIGRAM_TOTAL: &str = env!("COPYEDIT_UNIGRAM_TOTAL");
/// `suggest.fst`: lowercase word → `first record << 16 | count` in
/// [`FORMS`] ([`formats::forms`]).
pub static SUGGEST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/suggest.fst"));
/// `large.fst`: the words of `words-large.txt` (value 0): only a larger
/// list has them.
pub static LARGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/large.fst"));
/// `suggest_reversed.fst`: the keys of [`SUGGEST`] spelt backwards, with
/// the same values.
pub static SUGGEST_REVERSED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/suggest_reversed.fst"));
/// `forms.txt`: every spelling of every key of [`SUGGEST`], concatenated.
pub static FORMS_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/forms.txt"));
/// `forms.bin`: a record per spelling: lexicon value, offset and length in
/// [`FORMS_TEXT`] ([`formats::forms`]).
pub static FORMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/forms.bin"));
/// `phonetic_forms.bin`: record indexes in [`FORMS`] (`u32` each) by
/// phonetic key.
pub static PHONETIC_FORMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phonetic_forms.bin"));
/// `phonetic.fst`: phonetic key ([`phonetic::key`]) → `first << 16 |
/// count` in [`PHONETIC_FORMS`].
pub static PHONETIC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phonetic.fst"));
/// `common.fst`: lowercase word with a corpus count → its value in
/// [`SUGGEST`].
pub static COMMON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/common.fst"));
/// `far.bin`: the common words by first letter and letter trigram
/// ([`formats::far`]).
pub static FAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/far.bin"));
/// `sound_deletes.fst`: every string made by deleting up to two bytes of a
/// phonetic key → its postings in [`SOUND_DELETE_KEYS`]
/// ([`formats::sound_deletes`]).
pub static SOUND_DELETES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sound_deletes.fst"));
/// `sound_delete_keys.bin`: the postings of [`SOUND_DELETES`] (key indexes
/// in [`SOUND_KEYS`]).
pub static SOUND_DELETE_KEYS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/sound_delete_keys.bin"));
/// `sound_keys.bin`: a record per phonetic key: its value in [`PHONETIC`]
/// and its offset and length in [`SOUND_KEY_TEXT`].
pub static SOUND_KEYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sound_keys.bin"));
/// `sound_keys.txt`: the phonetic keys, concatenated.
pub static SOUND_KEY_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/sound_keys.txt"));
/// `lm.bin`: the trigram language model in fixed-width records
/// ([`formats::lm`]), made from `dictionaries/trigrams.bin`.
pub static LM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lm.bin"));
/// `dictionaries/phrases.txt`: foreign phrases whose words count only
/// together (`per se`), one a line.
pub static PHRASES: &str = include_str!("../dictionaries/phrases.txt");

/// The directory of the plain-text dictionaries this crate was built from
/// (for tests and tools that read the sources; never read at run time).
pub const SOURCE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries");
