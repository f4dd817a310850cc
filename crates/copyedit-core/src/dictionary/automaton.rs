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

/// Call `f` with the value and final automaton state of every key of `fst`
/// that `aut` matches, in key order: what `fst`'s search stream yields, but
/// a node is only decoded when the automaton can still match (or matches)
/// in it (the stream decodes every child of a live node).
pub(crate) fn search_each<D: AsRef<[u8]>, A: Automaton>(
    fst: &fst::raw::Fst<D>,
    aut: &A,
    f: &mut dyn FnMut(u64, &A::State),
) {
    fn walk<D: AsRef<[u8]>, A: Automaton>(
        fst: &fst::raw::Fst<D>,
        aut: &A,
        node: fst::raw::Node<'_>,
        out: fst::raw::Output,
        state: &A::State,
        f: &mut dyn FnMut(u64, &A::State),
    ) {
        if !aut.can_match(state) {
            return;
        }
        for t in node.transitions() {
            let next = aut.accept(state, t.inp);
            let is_match = aut.is_match(&next);
            if !is_match && !aut.can_match(&next) {
                continue;
            }
            let child = fst.node(t.addr);
            let out = out.cat(t.out);
            if is_match && child.is_final() {
                f(out.cat(child.final_output()).value(), &next);
            }
            walk(fst, aut, child, out, &next, f);
        }
    }
    let root = fst.root();
    let start = aut.start();
    if root.is_final() && aut.is_match(&start) {
        f(root.final_output().value(), &start);
    }
    walk(fst, aut, root, fst::raw::Output::zero(), &start, f);
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
    fn search_each_is_the_stream() {
        let map = fst::Map::new(crate::dictionary::SUGGEST).unwrap();
        for (q, max) in [
            ("teh", 1),
            ("teh", 2),
            ("recieve", 2),
            ("", 1),
            ("a", 2),
            ("naïve", 2),
            ("qzxjvkwq", 2),
        ] {
            let aut = Dfa::new(q, max).unwrap();
            let mut want = vec![];
            let mut s = map.search_with_state(&aut).into_stream();
            while let Some((_, v, st)) = s.next() {
                want.push((v, st));
            }
            let mut got = vec![];
            search_each(map.as_fst(), &aut, &mut |v, st| got.push((v, *st)));
            assert_eq!(got, want, "{q} {max}");
            assert!(!want.is_empty() || q == "qzxjvkwq", "{q}");
        }
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
