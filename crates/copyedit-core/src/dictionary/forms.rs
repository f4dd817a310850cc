//! The spellings behind the suggestion indexes (`forms.txt`, `forms.bin`,
//! `phonetic_forms.bin`; layout, writer and reader in
//! `copyedit_dict::formats::forms`), with their lexicon entries.

use super::Entry;

use copyedit_dict::formats::forms;
use copyedit_dict::{FORMS as RECORDS, FORMS_TEXT as TEXT, PHONETIC_FORMS as PHONETIC};

/// The spellings (with their lexicon entries) of a key whose index value
/// is `v` (in `suggest.fst`, `suggest_reversed.fst` or `common.fst`), in
/// order.
pub(crate) fn listed(v: u64) -> impl Iterator<Item = (&'static str, Entry)> {
    forms::listed(RECORDS, TEXT, v).map(|(s, v)| (s, Entry::from_value(v)))
}

/// The spellings of a phonetic key whose value in `phonetic.fst` is `v`.
pub(crate) fn indexed(v: u64) -> impl Iterator<Item = (&'static str, Entry)> {
    forms::indexed(PHONETIC, RECORDS, TEXT, v).map(|(s, v)| (s, Entry::from_value(v)))
}
