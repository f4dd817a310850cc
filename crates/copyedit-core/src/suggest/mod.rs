//! Candidate generation and ranking for unknown words.
//!
//! Candidates come from five places:
//! - every lexicon word one edit away (a Damerau automaton over the lexicon
//!   FST);
//! - every common word with the same phonetic key ([`phonetic_key`]), or,
//!   when no common word is one edit away, a key an edit or two away:
//!   misspellings made by ear (`annonsment` → `announcement`, `accosinly` →
//!   `occasionally`);
//! - also only then, every common word two edits away that keeps the first
//!   letter (a search that trusts the first letter costs a fraction of one
//!   that does not);
//! - when not even a fairly common word is one edit away, the common words
//!   with the same first letter that share the most letter trigrams with
//!   it, at any distance (`far.rs`): a dropped syllable (`extions` →
//!   `extensions`) or a long word mangled in several places;
//! - the listed corrections of a known misspelling, at any distance, and
//!   two words run together when the pair is attested (`infact` → `in fact`).
//!
//! They are ranked by a small noisy-channel score: the log corpus count of
//! the candidate minus a cost for the edits, where the edits people really
//! make (a doubled or dropped letter, swapped letters, `ph` for `f`, `c` for
//! `s`, a neighbouring key, a run of dropped letters) cost less than
//! arbitrary ones, and where a candidate that sounds alike costs less than
//! its spelling alone would say.
//! A known misspelling's listed correction goes first. Results are cached
//! per word for the thread; [`rerank`] then lets the neighbouring words
//! decide between close candidates, per occurrence.
//!
//! The parts, by job: `cost.rs` (edit costs, the keyboard), `candidates.rs`
//! (the automata and the searches; `far.rs` and `sounds.rs` behind them),
//! `rank.rs` (scoring, in named steps), `context.rs` (re-ranking by the
//! neighbouring words) and `cache.rs`.

mod cache;
mod candidates;
mod context;
mod cost;
mod far;
mod rank;
mod sounds;
#[cfg(test)]
mod tests;

pub use cache::suggest;
pub use context::{context_word, rerank, safe_margin};
pub use copyedit_dict::phonetic::key as phonetic_key;
pub use cost::{keyboard_adjacent, sound_alike, weighted_distance};
pub use rank::rank;

/// A ranked suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The replacement, in the case of the original word.
    pub word: String,
    /// Plain Damerau distance from the (lowercased) original.
    pub distance: usize,
    /// Higher is better.
    pub score: f64,
    /// Listed as the correction of a known misspelling.
    pub known: bool,
    /// Corpus count of the suggestion (of the word pair, for two words).
    pub count: u64,
    /// A rare word (accepted but never offered first).
    pub rare: bool,
    /// The lexicon spells it with a capital: a proper name.
    pub proper: bool,
    /// Context evidence [`rerank`] added to `score` (divided by its weight;
    /// 0 when it did not look at this candidate).
    pub context: f64,
}

/// Suggestions for a word, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    /// Ranked candidates (at most [`MAX_CANDIDATES`]).
    pub list: Vec<Suggestion>,
    /// Corpus count of the commonest word one edit away other than the
    /// first suggestion, whether or not it made the list (far candidates
    /// that sound alike can push rarer near ones out): a fix is only safe
    /// without such a rival.
    pub near_rival: u64,
}

/// How many candidates are kept per word.
pub const MAX_CANDIDATES: usize = 8;
