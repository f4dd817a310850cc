//! Phonetic keys within one or two edits of a query key, found through a
//! symmetric-delete index instead of a walk of the phonetic FST.
//!
//! Two strings within `m` insertions, deletions, substitutions or adjacent
//! transpositions of each other (each position edited once, as the
//! automaton counts them) become equal once at most `m` bytes are deleted
//! from each: every edit needs at most one deletion on either side. So the
//! keys `m` edits from a query are among those that share a string with
//! it after up to `m` deletions. `build.rs` lists every key under each
//! string made from it by deleting up to two bytes (`sound_deletes.fst`);
//! a search looks up the query's own deletions and runs the same automaton
//! over each key found. The answer is exactly what the walk of
//! `phonetic.fst` gives (tested below), in the same (key) order; the walk
//! tries most keys near the root of the FST two edits out, where the
//! index looks up a few dozen strings.

use std::sync::OnceLock;

use fst::Map;
use levenshtein_automata::{Distance, DFA, SINK_STATE};

// The index and its layout: `copyedit_dict::formats::sound_deletes`.
use copyedit_dict::formats::sound_deletes::{key as key_at, listed as postings};
use copyedit_dict::{
    SOUND_DELETES as DELETES, SOUND_DELETE_KEYS as POSTINGS, SOUND_KEYS as KEYS,
    SOUND_KEY_TEXT as KEY_TEXT,
};

fn deletes() -> Option<&'static Map<&'static [u8]>> {
    static MAP: OnceLock<Option<Map<&'static [u8]>>> = OnceLock::new();
    MAP.get_or_init(|| Map::new(DELETES).ok()).as_ref()
}

/// Key number `n`: its value in `phonetic.fst` and its text.
fn key(n: u32) -> Option<(u64, &'static str)> {
    key_at(KEYS, KEY_TEXT, n)
}

/// Push the numbers of the keys listed under `d`.
fn listed(map: &Map<&'static [u8]>, d: &[u8], out: &mut Vec<u32>) {
    if let Some(v) = map.get(d) {
        postings(POSTINGS, v, out);
    }
}

/// The `phonetic.fst` value of every key `dfa` (built for `query`, within
/// `max` edits, at most 2) accepts, with the key's distance, in key order;
/// `None` when the index is missing or `query` is not ASCII (then the
/// caller walks the FST).
pub(crate) fn within(query: &str, max: u8, dfa: &DFA) -> Option<Vec<(u64, u8)>> {
    let map = deletes()?;
    if !query.is_ascii() || max > 2 {
        return None;
    }
    let q = query.as_bytes();
    let mut keys: Vec<u32> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(q.len());
    listed(map, q, &mut keys);
    for i in 0..q.len() {
        buf.clear();
        buf.extend(
            q.iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, &b)| b),
        );
        listed(map, &buf, &mut keys);
        if max == 2 {
            for j in i + 1..q.len() {
                buf.clear();
                buf.extend(
                    q.iter()
                        .enumerate()
                        .filter(|&(k, _)| k != i && k != j)
                        .map(|(_, &b)| b),
                );
                listed(map, &buf, &mut keys);
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut out = Vec::new();
    for n in keys {
        let Some((value, text)) = key(n) else {
            continue;
        };
        let mut state = dfa.initial_state();
        for &b in text.as_bytes() {
            state = dfa.transition(state, b);
            if state == SINK_STATE {
                break;
            }
        }
        if state == SINK_STATE {
            continue;
        }
        if let Distance::Exact(d) = dfa.distance(state) {
            out.push((value, d));
        }
    }
    Some(out)
}
