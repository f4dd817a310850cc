//! The binary formats of the bundled data: one module per format, each
//! with its layout, its writer (called by `build.rs`, which includes these
//! files with `#[path]`: a build script cannot depend on its own crate)
//! and its reader (called by `copyedit-core`), and a round-trip test.
//!
//! | files in `OUT_DIR` | module |
//! |---|---|
//! | `lexicon.fst` (word → `count << 8 \| flags`) | [`lexicon`] (and the flag bits, [`lexicon::flags`]) |
//! | `forms.txt`, `forms.bin`; the values of `suggest.fst`, `suggest_reversed.fst`, `common.fst`; `phonetic_forms.bin` and the values of `phonetic.fst` | [`forms`] |
//! | `misspellings.fst` → `corrections.txt`, `confusables.fst` → `confusables.txt` | [`lists`] |
//! | `far.bin` (the trigram index of the common words) | [`far`] |
//! | `sound_deletes.fst`, `sound_delete_keys.bin`, `sound_keys.bin`, `sound_keys.txt` | [`sound_deletes`] |
//! | `lm.bin` (the language model, from `dictionaries/trigrams.bin`) | [`lm`] |
//!
//! `bigrams.fst` (`"w1 w2"` → count) and `large.fst` (a set: every value
//! 0) are plain FST maps with no encoding of their own; every FST is
//! written by `build.rs`'s `write_map` and opened with `fst::Map`.
//!
//! Each module must stay free of crate dependencies and of references to
//! the others (`build.rs` includes them one by one).

pub mod far;
pub mod forms;
pub mod lexicon;
pub mod lists;
pub mod lm;
pub mod sound_deletes;
