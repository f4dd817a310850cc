//! A Damerau (optimal string alignment) Levenshtein automaton for searching
//! the lexicon FST: every key within `max` edits of the query, comparing
//! ASCII letters case-insensitively.

use fst::Automaton;

/// Matches keys within `max` insertions, deletions, substitutions or
/// adjacent transpositions of the query.
#[derive(Debug, Clone)]
pub struct Damerau {
    query: Vec<u8>,
    max: u8,
}

impl Damerau {
    /// An automaton for `query` (lowercased) and distance `max`.
    pub fn new(query: &str, max: u8) -> Self {
        Damerau {
            query: query.to_lowercase().into_bytes(),
            max,
        }
    }
}

/// One DP row, the row before it and the byte that produced the row.
#[derive(Debug, Clone)]
pub struct State {
    row: Vec<u8>,
    prev: Vec<u8>,
    last: u8,
}

impl Automaton for Damerau {
    type State = Option<State>;

    fn start(&self) -> Option<State> {
        Some(State {
            row: (0..=self.query.len())
                .map(|i| u8::try_from(i).unwrap_or(u8::MAX))
                .collect(),
            prev: Vec::new(),
            last: 0,
        })
    }

    fn is_match(&self, state: &Option<State>) -> bool {
        state
            .as_ref()
            .and_then(|s| s.row.last())
            .is_some_and(|&d| d <= self.max)
    }

    fn can_match(&self, state: &Option<State>) -> bool {
        state.as_ref().is_some_and(|s| {
            s.row.iter().any(|&d| d <= self.max) || s.prev.iter().any(|&d| d < self.max)
        })
    }

    fn accept(&self, state: &Option<State>, byte: u8) -> Option<State> {
        let s = state.as_ref()?;
        let b = byte.to_ascii_lowercase();
        let n = self.query.len();
        let mut row = Vec::with_capacity(n + 1);
        row.push(s.row.first().copied().unwrap_or(u8::MAX).saturating_add(1));
        for j in 1..=n {
            let q = self.query.get(j - 1).copied().unwrap_or(0);
            let cost = u8::from(q != b);
            let up = s.row.get(j).copied().unwrap_or(u8::MAX).saturating_add(1);
            let left = row.get(j - 1).copied().unwrap_or(u8::MAX).saturating_add(1);
            let diag = s
                .row
                .get(j - 1)
                .copied()
                .unwrap_or(u8::MAX)
                .saturating_add(cost);
            let mut d = up.min(left).min(diag);
            if j > 1 && !s.prev.is_empty() {
                let q_prev = self.query.get(j - 2).copied().unwrap_or(0);
                if q == s.last && q_prev == b {
                    let t = s
                        .prev
                        .get(j - 2)
                        .copied()
                        .unwrap_or(u8::MAX)
                        .saturating_add(1);
                    d = d.min(t);
                }
            }
            row.push(d);
        }
        let alive = row.iter().any(|&d| d <= self.max) || s.row.iter().any(|&d| d < self.max);
        alive.then(|| State {
            row,
            prev: s.row.clone(),
            last: b,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn search(words: &[&str], q: &str, max: u8) -> Vec<String> {
        let set = Set::from_iter(words.iter().copied()).unwrap();
        let mut s = set.search(Damerau::new(q, max)).into_stream();
        let mut out = vec![];
        while let Some(k) = s.next() {
            out.push(String::from_utf8(k.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn finds_within_distance() {
        let words = ["Kremlin", "receive", "recipe", "the", "then", "they", "tie"];
        assert_eq!(search(&words, "teh", 1), ["the"]);
        assert_eq!(search(&words, "recieve", 1), ["receive"]);
        assert_eq!(search(&words, "kremiln", 1), ["Kremlin"]);
        assert_eq!(search(&words, "teh", 2), ["the", "then", "they", "tie"]);
    }

    #[test]
    fn matches_strsim() {
        for (a, b) in [("abcd", "acbd"), ("ca", "abc"), ("kitten", "sitting")] {
            let d = strsim::osa_distance(a, b) as u8;
            assert_eq!(search(&[b], a, d), [b]);
            if d > 0 {
                assert!(search(&[b], a, d - 1).is_empty(), "{a} {b}");
            }
        }
    }
}
