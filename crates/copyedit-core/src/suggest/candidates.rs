//! Candidate search: the automata over the lexicon's indexes (one edit
//! out, two edits out with the first letter kept, by phonetic key), the far
//! search by shared trigrams ([`far`]), listed corrections and two words
//! run together.

use std::borrow::Cow;
use std::sync::OnceLock;

use copyedit_dict::{COMMON, PHONETIC};
use fst::{Automaton, Map};
use levenshtein_automata::{Distance, DFA, SINK_STATE};
use rustc_hash::FxHashMap;

use crate::dictionary::{key_forms, lev_builder, phonetic_forms, search_each, Dictionary, Entry};

use super::cost::osa;
use super::{far, sounds};

/// A candidate one edit away at least this common is the likely answer:
/// then the far searches (two edits out, by sound) are skipped.
const CONFIDENT_COUNT: u64 = 1_000_000;
/// Far candidates (sharing letter trigrams, at any distance) are searched
/// for words this long, unless a word one edit away is this common.
const FAR_MIN_LEN: usize = 5;
const FAR_SKIP_COUNT: u64 = 100_000;

/// A candidate before scoring.
pub(super) struct Cand {
    pub(super) spelling: Cow<'static, str>,
    pub(super) count: u64,
    pub(super) rare: bool,
    pub(super) known: bool,
    /// Two words run together (`alot`): the count is the pair's.
    pub(super) split: bool,
    /// Phonetic key distance, when known.
    pub(super) key_distance: Option<u8>,
}

/// Keys that start with `prefix` exactly and continue within `max` edits
/// (with transpositions) of a query: a search two edits out that trusts
/// the first letter costs a fraction of one that does not.
pub(super) struct Anchored<'p> {
    pub(super) prefix: &'p [u8],
    pub(super) dfa: DFA,
}

impl Automaton for Anchored<'_> {
    /// Bytes of the prefix matched so far, then the DFA state.
    type State = (usize, u32);

    fn start(&self) -> (usize, u32) {
        (0, self.dfa.initial_state())
    }

    fn is_match(&self, state: &(usize, u32)) -> bool {
        state.0 == self.prefix.len() && matches!(self.dfa.distance(state.1), Distance::Exact(_))
    }

    fn can_match(&self, state: &(usize, u32)) -> bool {
        state.1 != SINK_STATE
    }

    fn accept(&self, state: &(usize, u32), byte: u8) -> (usize, u32) {
        match self.prefix.get(state.0) {
            Some(&b) if b == byte => (state.0 + 1, state.1),
            Some(_) => (state.0, SINK_STATE),
            None => (state.0, self.dfa.transition(state.1, byte)),
        }
    }
}

/// An embedded FST map (`None` only if the build wrote a broken one).
type Index = Option<Map<&'static [u8]>>;

/// The common-word and phonetic indexes.
pub(super) fn indexes() -> &'static (Index, Index) {
    static MAPS: OnceLock<(Index, Index)> = OnceLock::new();
    MAPS.get_or_init(|| (Map::new(COMMON).ok(), Map::new(PHONETIC).ok()))
}

/// Common words two edits or fewer from `word` (lowercase) that begin with
/// its first letter.
fn near_anchored(word: &str, max: u8) -> Vec<(&'static str, Entry)> {
    let mut out = Vec::new();
    let Some(common) = &indexes().0 else {
        return out;
    };
    let Some(first) = word.chars().next() else {
        return out;
    };
    let (prefix, rest) = word.split_at(first.len_utf8());
    let Some(builder) = lev_builder(max) else {
        return out;
    };
    let aut = Anchored {
        prefix: prefix.as_bytes(),
        dfa: builder.build_dfa(rest),
    };
    search_each(common.as_fst(), &aut, &mut |v, _| out.extend(key_forms(v)));
    out
}

/// Common words whose phonetic key is within `max` edits of `key`, with the
/// key distance.
fn sounds_like(key: &str, max: u8) -> Vec<(&'static str, Entry, u8)> {
    let mut out = Vec::new();
    let Some(index) = &indexes().1 else {
        return out;
    };
    if max == 0 {
        if let Some(v) = index.get(key) {
            out.extend(phonetic_forms(v).map(|(s, e)| (s, e, 0)));
        }
        return out;
    }
    let Some(builder) = lev_builder(max) else {
        return out;
    };
    let aut = Anchored {
        prefix: &[],
        dfa: builder.build_dfa(key),
    };
    // The same keys as the walk below finds, through the delete index.
    if let Some(found) = sounds::within(key, max, &aut.dfa) {
        for (v, kd) in found {
            out.extend(phonetic_forms(v).map(|(s, e)| (s, e, kd)));
        }
        return out;
    }
    search_each(index.as_fst(), &aut, &mut |v, state| {
        let kd = match aut.dfa.distance(state.1) {
            Distance::Exact(d) => d,
            Distance::AtLeast(d) => d,
        };
        out.extend(phonetic_forms(v).map(|(s, e)| (s, e, kd)));
    });
    out
}

/// The candidates for one word, before scoring.
pub(super) struct Found {
    pub(super) cands: Vec<Cand>,
    /// The words one edit away that the dialect accepts, with their counts.
    pub(super) near_counts: Vec<(&'static str, u64)>,
}

/// Candidates as they are found, each spelling once.
struct Pool<'d> {
    dict: &'d Dictionary,
    cands: Vec<Cand>,
    seen: FxHashMap<&'static str, usize>,
}

impl<'d> Pool<'d> {
    fn new(dict: &'d Dictionary) -> Self {
        Pool {
            dict,
            cands: Vec::with_capacity(64),
            seen: FxHashMap::with_capacity_and_hasher(64, Default::default()),
        }
    }

    /// Adds a word the dialect accepts, or notes the phonetic key distance
    /// of one already found.
    fn add(&mut self, spelling: &'static str, e: Entry, kd: Option<u8>) {
        if !self.dict.accepts(e) {
            return;
        }
        match self.seen.get(spelling) {
            Some(&i) => {
                if let Some(c) = self.cands.get_mut(i) {
                    c.key_distance = c.key_distance.or(kd);
                }
            }
            None => {
                self.seen.insert(spelling, self.cands.len());
                self.cands.push(Cand {
                    spelling: Cow::Borrowed(spelling),
                    count: e.count,
                    rare: e.is_rare(),
                    known: false,
                    split: false,
                    key_distance: kd,
                });
            }
        }
    }
}

/// Every candidate for `lower` (the word lowercased; `chars` its letters,
/// `qkey` its phonetic key): the searches by spelling and by sound, the
/// listed corrections `known` of a known misspelling, and two words run
/// together.
pub(super) fn gather(
    dict: &Dictionary,
    lower: &str,
    chars: &[char],
    qkey: &str,
    known: &[&'static str],
) -> Found {
    let len = chars.len();
    let mut pool = Pool::new(dict);
    // One edit out is cheap to search. The far searches (two edits out with
    // the first letter kept, and by sound) are skipped when a common word
    // is one edit away: the usual typing slip, and most words in a text.
    let near = dict.near(lower, 1);
    let confident = near
        .iter()
        .any(|(_, e)| dict.accepts(*e) && e.count >= CONFIDENT_COUNT)
        || known.iter().any(|k| {
            let k: Vec<char> = k.to_lowercase().chars().collect();
            osa(chars, &k) <= 1
        });
    let near_counts: Vec<(&'static str, u64)> = near
        .iter()
        .filter(|(_, e)| dict.accepts(*e))
        .map(|(w, e)| (*w, e.count))
        .collect();
    for (cand, entry) in near {
        pool.add(cand, entry, None);
    }
    if len >= 4 && !qkey.is_empty() {
        // Unless a common word is one edit away, keys of three sounds or
        // more are searched an edit out, and of six or more two edits out;
        // a shorter key would match too much.
        let kmax = match qkey.len() {
            _ if confident => 0,
            0..=2 => 0,
            3..=5 => 1,
            _ => 2,
        };
        for (form, e, kd) in sounds_like(qkey, kmax) {
            pool.add(form, e, Some(kd));
        }
    }
    if !confident && len >= 4 {
        for (cand, entry) in near_anchored(lower, 2) {
            pool.add(cand, entry, None);
        }
    }
    // Far candidates, by shared trigrams, only when no common word is one
    // edit away: the few words that need them are worth the search.
    if !confident && len >= FAR_MIN_LEN && !near_counts.iter().any(|(_, c)| *c >= FAR_SKIP_COUNT) {
        for (cand, entry) in far::candidates(lower) {
            pool.add(cand, entry, None);
        }
    }
    let mut cands = pool.cands;
    add_listed(dict, &mut cands, known);
    if len >= 4 && lower.chars().all(char::is_alphabetic) {
        add_run_together(dict, &mut cands, lower);
    }
    Found { cands, near_counts }
}

/// Listed corrections of a known misspelling, at any distance: marks the
/// candidates already found, adds the others.
fn add_listed(dict: &Dictionary, cands: &mut Vec<Cand>, known: &[&'static str]) {
    for &k in known {
        let lower_k = k.to_lowercase();
        let mut found = false;
        for c in cands.iter_mut() {
            if c.spelling.to_lowercase() == lower_k {
                c.known = true;
                found = true;
            }
        }
        if !found {
            let e = dict.entry(k).or_else(|| dict.entry(&lower_k));
            cands.push(Cand {
                spelling: Cow::Borrowed(k),
                count: dict.count(k),
                rare: e.is_some_and(|e| e.is_rare()),
                known: true,
                split: false,
                key_distance: None,
            });
        }
    }
}

/// Two words run together (`lower`, all letters): both known, and attested
/// as a pair.
fn add_run_together(dict: &Dictionary, cands: &mut Vec<Cand>, lower: &str) {
    // Plain look-ups, not `check`: its cache is for the text's words.
    let word = |e: Entry| dict.accepts(e) && e.count > 0;
    // The left words, all found in one walk along the word.
    for (i, left) in dict.prefix_entries(lower) {
        if i >= lower.len() {
            break;
        }
        let (l, r) = lower.split_at(i);
        if (l.len() == 1 && l != "a") || (r.len() == 1 && r != "a") {
            continue;
        }
        if !word(left) || !dict.entry(r).is_some_and(word) {
            continue;
        }
        let pair = dict.bigram(l, r);
        if pair == 0 {
            continue;
        }
        let spelling = format!("{l} {r}");
        if cands.iter().any(|c| *c.spelling == spelling) {
            continue;
        }
        cands.push(Cand {
            spelling: Cow::Owned(spelling),
            count: pair,
            rare: false,
            known: false,
            split: true,
            key_distance: None,
        });
    }
}
