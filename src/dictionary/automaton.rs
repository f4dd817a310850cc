//! Levenshtein automata (with transpositions) over the suggestion FST, via
//! the `levenshtein_automata` crate's DFAs: traversal is a table lookup per
//! byte, so searching two edits out stays fast.

use std::sync::OnceLock;

use fst::Automaton;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};

/// Longest query searched; longer words get no suggestions.
pub const MAX_QUERY: usize = 40;

/// The Damerau–Levenshtein automaton builder for distance `max` (1 or 2),
/// built once (also used by `crate::suggest`).
pub(crate) fn builder(max: u8) -> Option<&'static LevenshteinAutomatonBuilder> {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match max {
        1 => Some(ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true))),
        2 => Some(TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true))),
        _ => None,
    }
}

/// Matches keys within `max` (1 or 2) insertions, deletions, substitutions or
/// adjacent transpositions of the query.
pub struct Dfa(DFA);

impl Dfa {
    /// A DFA for `query` and distance `max`; `None` for an unsupported distance
    /// or an over-long query.
    pub fn new(query: &str, max: u8) -> Option<Self> {
        if query.chars().count() > MAX_QUERY {
            return None;
        }
        builder(max).map(|b| Dfa(b.build_dfa(query)))
    }
}

impl Automaton for Dfa {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn search(words: &[&str], q: &str, max: u8) -> Vec<String> {
        let set = Set::from_iter(words.iter().copied()).unwrap();
        let mut s = set.search(Dfa::new(q, max).unwrap()).into_stream();
        let mut out = vec![];
        while let Some(k) = s.next() {
            out.push(String::from_utf8(k.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn finds_within_distance() {
        let words = ["kremlin", "receive", "recipe", "the", "then", "they", "tie"];
        assert_eq!(search(&words, "teh", 1), ["the"]);
        assert_eq!(search(&words, "recieve", 1), ["receive"]);
        assert_eq!(search(&words, "kremiln", 1), ["kremlin"]);
        assert_eq!(search(&words, "teh", 2), ["the", "then", "they", "tie"]);
    }

    #[test]
    fn distance_two_includes_one_more_edit() {
        assert!(search(&["acbd"], "abcd", 1) == ["acbd"]);
        assert!(search(&["abcd"], "bacde", 1).is_empty());
        assert_eq!(search(&["abcd"], "bacde", 2), ["abcd"]);
        assert!(search(&["sitting"], "kitten", 2).is_empty());
        assert!(Dfa::new("x", 3).is_none());
    }
}
