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

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::hash_map::Entry as MapEntry;
use std::collections::HashMap;
use std::sync::OnceLock;

use fst::{Automaton, Map};
use levenshtein_automata::{Distance, DFA, SINK_STATE};
use rustc_hash::FxHashMap;

use crate::dictionary::{
    case_of, key_forms, lev_builder, match_case, phonetic_forms, search_each, Case, Dictionary,
    Entry, Known, Lang,
};
use crate::tokenize::{Token, TokenKind};

mod far;
mod sounds;

pub use copyedit_dict::phonetic::key as phonetic_key;
use copyedit_dict::{COMMON, PHONETIC};

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

/// Cost of an edit in the score (log-count units): the channel model's
/// P(typo | word) falls by e^-6.5 per unit of weighted distance.
const EDIT_WEIGHT: f64 = 6.5;
/// Bonus for a candidate with the word's first letter (people rarely get
/// the first letter wrong).
const FIRST_LETTER_BONUS: f64 = 2.0;
/// Bonus for a listed correction of a known misspelling: it goes first.
const KNOWN_BONUS: f64 = 100.0;
/// Penalty for a rare word (SCOWL size 70).
const RARE_PENALTY: f64 = 3.0;
/// Penalty for a name or acronym offered for a lowercase word.
const CASE_PENALTY: f64 = 4.0;
/// A candidate that sounds alike costs `SOUND_SCALE` of its spelling
/// distance plus `SOUND_KEY_COST` per edit between the phonetic keys (when
/// that is less than the spelling distance alone): `accosinly` is far from
/// `occasionally` letter by letter, but not by ear.
const SOUND_SCALE: f64 = 0.6;
const SOUND_KEY_COST: f64 = 1.0;
/// Words shorter than this get no discount for sounding alike: their keys
/// are too short to tell (`deeo` and `do`).
const SOUND_MIN_LEN: usize = 5;
/// Cost of a missing space (`alot` → `a lot`).
const SPLIT_COST: f64 = 0.6;
/// Candidates scoring this far below the best are not offered (a factor of
/// e^10 less likely).
const SCORE_RANGE: f64 = 10.0;
/// A candidate one edit away at least this common is the likely answer:
/// then the far searches (two edits out, by sound) are skipped.
const CONFIDENT_COUNT: u64 = 1_000_000;
/// Far candidates (sharing letter trigrams, at any distance) are searched
/// for words this long, unless a word one edit away is this common.
const FAR_MIN_LEN: usize = 5;
const FAR_SKIP_COUNT: u64 = 100_000;

/// Weighted-distance costs (see [`weighted_distance`]).
const KEY_SUB: f32 = 0.9;
const SOUND_SUB: f32 = 0.6;
const DOUBLE: f32 = 0.4;
const SWAP: f32 = 0.5;
const SOUND_GROUP: f32 = 0.6;
/// Each further letter of a run the typo dropped (`extions` for
/// `extensions`, `initized` for `initialized`): people drop a syllable at
/// once. Only inside a word of [`GAP_MIN_LEN`] letters or more: a run
/// dropped at either end is a different word as often as not (`rough`,
/// `roughly`). Aspell test set, top 5: 88.9% → 91.1% at 0.3 without far
/// candidates; with them (first version) 90.1% at 0.6, 91.5% at 0.4, 91.8%
/// at 0.3, 92.0% at 0.2, where first place no longer gained.
const GAP_EXTEND: f32 = 0.3;
const GAP_MIN_LEN: usize = 5;

/// Index of [`sub_table`] for a char that is not a lowercase ASCII letter.
const NOT_A_LETTER: u8 = 26;

/// Substitution costs between lowercase ASCII letters (by [`letter`]), and
/// 1 with any other char ([`NOT_A_LETTER`]).
fn sub_table() -> &'static [[f32; 27]; 27] {
    static TABLE: OnceLock<[[f32; 27]; 27]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut sub = [[1f32; 27]; 27];
        for (i, row) in sub.iter_mut().enumerate().take(26) {
            for (j, cell) in row.iter_mut().enumerate().take(26) {
                let (a, b) = ((b'a' + i as u8) as char, (b'a' + j as u8) as char);
                *cell = if a == b {
                    0.0
                } else if sound_alike(a, b) {
                    SOUND_SUB
                } else if keyboard_adjacent(a, b) {
                    KEY_SUB
                } else {
                    1.0
                };
            }
        }
        sub
    })
}

const QWERTY: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Row and doubled x-coordinate of a key (rows are staggered by half a key).
fn key_pos(c: char) -> Option<(i32, i32)> {
    QWERTY
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.find(c).map(|col| (r as i32, 2 * col as i32 + r as i32)))
}

/// Whether two letters are neighbours on a QWERTY keyboard.
pub fn keyboard_adjacent(a: char, b: char) -> bool {
    match (key_pos(a), key_pos(b)) {
        (Some((ra, xa)), Some((rb, xb))) => {
            (ra == rb && (xa - xb).abs() == 2) || ((ra - rb).abs() == 1 && (xa - xb).abs() == 1)
        }
        _ => false,
    }
}

/// Consonants that spell the same or nearly the same sound.
fn sound_alike(a: char, b: char) -> bool {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    matches!(
        (a, b),
        ('c', 's') | ('c', 'k') | ('s', 'z') | ('k', 'q') | ('g', 'j') | ('f', 'v') | ('d', 't')
    )
}

/// Spellings of one sound, as (typo, word), each pair either way round.
const SOUND_PAIRS: [(&str, &str); 16] = [
    ("f", "ph"),
    ("ph", "f"),
    ("f", "gh"),
    ("gh", "f"),
    ("k", "ck"),
    ("ck", "k"),
    ("c", "ck"),
    ("ck", "c"),
    ("sh", "ti"),
    ("ti", "sh"),
    ("sh", "ci"),
    ("ci", "sh"),
    ("j", "dg"),
    ("dg", "j"),
    ("x", "cks"),
    ("cks", "x"),
];

fn ends_with(v: &[char], end: usize, s: &str) -> bool {
    let n = s.len();
    end >= n
        && v.get(end - n..end)
            // From the end: most fail on the last letter. (`s` is ASCII.)
            .is_some_and(|t| {
                t.iter()
                    .rev()
                    .zip(s.bytes().rev())
                    .all(|(&c, b)| c == char::from(b))
            })
}

/// Edit distance where the typing and spelling errors people make often cost
/// less: doubling or undoubling a letter 0.4, swapping two letters 0.5, a
/// consonant for one of the same sound (`c`/`s`, `d`/`t`) 0.6, one spelling
/// of a sound for another (`ph`/`f`, `ck`/`k`, `ti`/`sh`) 0.6, a
/// neighbouring key 0.9, each letter after the first of a run dropped
/// inside a word of five letters or more 0.3; any other edit costs 1.
/// (Vowels are not cheaper here: the phonetic key already forgives them.)
pub fn weighted_distance(typo: &str, word: &str) -> f64 {
    let a: Vec<char> = typo.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    f64::from(weighted(&Typo::new(&a), &b, f32::INFINITY).unwrap_or(f32::INFINITY))
}

/// The [`sub_table`] index of a char.
fn letter(c: char) -> u8 {
    if c.is_ascii_lowercase() {
        c as u8 - b'a'
    } else {
        NOT_A_LETTER
    }
}

/// The smaller of two costs (which are never NaN: a plain comparison,
/// cheaper than `f32::min`).
fn least(a: f32, b: f32) -> f32 {
    if b < a {
        b
    } else {
        a
    }
}

/// The typo's side of [`weighted`], worked out once for all the
/// candidates it is measured against.
struct Typo<'a> {
    chars: &'a [char],
    /// [`letter`] of each char.
    letters: Vec<u8>,
    /// The cost of deleting each char (less for the second of a double).
    del: Vec<f32>,
    /// For each char, bit `k` set when the typo side of `SOUND_PAIRS[k]`
    /// ends with it.
    sounds: Vec<u16>,
}

impl<'a> Typo<'a> {
    fn new(chars: &'a [char]) -> Self {
        let letters = chars.iter().map(|&c| letter(c)).collect();
        let del = chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i >= 1 && chars.get(i - 1) == Some(c) {
                    DOUBLE
                } else {
                    1.0
                }
            })
            .collect();
        let sounds = (1..=chars.len())
            .map(|i| {
                SOUND_PAIRS
                    .iter()
                    .enumerate()
                    .filter(|(_, (x, _))| ends_with(chars, i, x))
                    .fold(0u16, |bits, (k, _)| bits | 1 << k)
            })
            .collect();
        Typo {
            chars,
            letters,
            del,
            sounds,
        }
    }
}

/// The weighted distance, or `None` as soon as it must exceed `limit`.
fn weighted(a: &Typo, b: &[char], limit: f32) -> Option<f32> {
    // Ranking measures many candidates: the buffers are the thread's, reused.
    WEIGHTED_MATRIX.with(|m| weighted_in(&mut m.borrow_mut(), a, b, limit))
}

/// [`weighted`]'s buffers: the matrix, and the word's letters and
/// insertion costs.
#[derive(Default)]
struct Weighted {
    d: Vec<f32>,
    letters: Vec<u8>,
    ins: Vec<f32>,
}

thread_local! {
    /// [`weighted`]'s buffers, reused across calls.
    static WEIGHTED_MATRIX: RefCell<Weighted> = RefCell::new(Weighted::default());
    /// [`osa`]'s matrix, reused across calls.
    static OSA_MATRIX: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Columns of a matrix row whose cells are within the limit: `lo..=hi`
/// holds them all (`lo > hi`: none).
#[derive(Clone, Copy)]
struct Span {
    lo: usize,
    hi: usize,
}

const EMPTY: Span = Span {
    lo: usize::MAX,
    hi: 0,
};

/// [`weighted`] with `buf` as its buffers.
///
/// Only cells that may be within `limit` are computed: a cell whose
/// predecessors (the cells it is computed from: the three rows above and
/// the cells to its left) all exceed `limit` exceeds it too (every edit
/// costs something), so it is left infinite, as is every cell to the left
/// of the first within `limit` in the rows above, and to the right of the
/// last once the row's own run has passed `limit`. Every cell within
/// `limit` then comes out exactly as the full matrix has it (it is the
/// least of the same sums), so the answer is the same.
// Dynamic programming over a matrix sized from the two words: every index
// is bounded by those sizes by construction, none is an offset from input.
#[allow(clippy::indexing_slicing)]
fn weighted_in(buf: &mut Weighted, t: &Typo, b: &[char], limit: f32) -> Option<f32> {
    let sub_costs = sub_table();
    let a = t.chars;
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let Weighted { d, letters, ins } = buf;
    d.clear();
    d.resize((n + 1) * w, f32::INFINITY);
    for i in 0..=n {
        d[i * w] = i as f32;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j as f32;
    }
    letters.clear();
    letters.extend(b.iter().map(|&c| letter(c)));
    ins.clear();
    // Inserting a letter of the word (typo dropped a letter).
    ins.extend(b.iter().enumerate().map(|(j, c)| {
        if j >= 1 && b.get(j - 1) == Some(c) {
            DOUBLE
        } else {
            1.0
        }
    }));
    let (letters, ins) = (&letters[..m], &ins[..m]);
    // The columns within `limit` of the last three rows, oldest first.
    let mut spans = [EMPTY, EMPTY, EMPTY];
    if limit >= 0.0 {
        spans[2] = Span {
            lo: 0,
            hi: (0..=m)
                .take_while(|&j| j as f32 <= limit)
                .last()
                .unwrap_or(0),
        };
    }
    // Minimum of the last three rows: every alignment passes through one
    // of any three consecutive rows (moves skip at most two).
    let mut row_min = [0f32; 3];
    let gaps = n >= GAP_MIN_LEN;
    for i in 1..=n {
        // Letters of the word dropped after the typo's `i`th: a run costs
        // one edit, then `GAP_EXTEND` a letter (not after its last letter).
        let cheap_gap = gaps && i < n;
        let ca = a[i - 1];
        let before_ca = if i >= 2 { Some(a[i - 2]) } else { None };
        let sub_row = &sub_costs[usize::from(t.letters[i - 1])];
        // Deleting a letter of the typo (typo has an extra letter).
        let del = t.del[i - 1];
        let sounds = t.sounds[i - 1];
        let (above, rest) = d.split_at_mut(i * w);
        let row = &mut rest[..w];
        let prev = &above[(i - 1) * w..];
        let prev = &prev[..w];
        let first = row[0];
        let mut span = EMPTY;
        // No cell left of every cell within `limit` above can be within it
        // (unless the first column is).
        let start = if first <= limit {
            span = Span { lo: 0, hi: 0 };
            1
        } else {
            spans[0].lo.min(spans[1].lo).min(spans[2].lo).max(1)
        };
        // Past this column the rows above have nothing within `limit`.
        let reach = spans
            .iter()
            .filter(|s| s.lo <= s.hi)
            .map(|s| s.hi + 3)
            .max()
            .unwrap_or(0);
        let mut g = f32::INFINITY;
        let mut min = f32::INFINITY;
        let mut left = row
            .get(start.wrapping_sub(1))
            .copied()
            .unwrap_or(f32::INFINITY);
        for j in start..w {
            let cb = b[j - 1];
            let sub = if ca == cb {
                0.0
            } else {
                sub_row[usize::from(letters[j - 1])]
            };
            let open = left + ins[j - 1];
            g = if cheap_gap {
                least(open, g + GAP_EXTEND)
            } else {
                open
            };
            let mut v = least(least(prev[j] + del, g), prev[j - 1] + sub);
            if j > 1 && before_ca == Some(cb) && ca == b[j - 2] {
                v = least(v, above[(i - 2) * w + j - 2] + SWAP);
            }
            if sounds != 0 && ca != cb {
                let mut bits = sounds;
                while bits != 0 {
                    let (x, y) = SOUND_PAIRS[bits.trailing_zeros() as usize];
                    bits &= bits - 1;
                    if ends_with(b, j, y) {
                        v = least(v, above[(i - x.len()) * w + j - y.len()] + SOUND_GROUP);
                    }
                }
            }
            row[j] = v;
            left = v;
            min = least(min, v);
            if v <= limit {
                span.lo = span.lo.min(j);
                span.hi = j;
            } else if g > limit && j > reach {
                // Every cell further right exceeds `limit` too.
                break;
            }
        }
        min = least(min, first);
        row_min = [row_min[1], row_min[2], min];
        if row_min.iter().all(|&r| r > limit) {
            return None;
        }
        spans = [spans[1], spans[2], span];
    }
    d.get(n * w + m).copied().filter(|&v| v <= limit)
}

/// Plain Damerau (optimal string alignment) distance.
fn osa(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    OSA_MATRIX.with(|d| {
        let mut d = d.borrow_mut();
        d.clear();
        d.resize((n + 1) * w, 0);
        osa_in(&mut d, a, b)
    })
}

/// [`osa`] with `d`, of `(a.len() + 1) * (b.len() + 1)` cells, as its matrix.
// Indices bounded by the matrix dimensions, as in `weighted_in`.
#[allow(clippy::indexing_slicing)]
fn osa_in(d: &mut [usize], a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    for i in 0..=n {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[n * w + m]
}

/// Keys that start with `prefix` exactly and continue within `max` edits
/// (with transpositions) of a query: a search two edits out that trusts
/// the first letter costs a fraction of one that does not.
struct Anchored<'p> {
    prefix: &'p [u8],
    dfa: DFA,
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
fn indexes() -> &'static (Index, Index) {
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

/// How many of the first suggestions context may reorder.
const RERANK_TOP: usize = 4;
/// Only candidates within this score of the first are reordered.
const RERANK_RANGE: f64 = 4.0;
/// Weight of the context evidence (pointwise mutual information of the
/// candidate with its neighbours, in nats): injected typos corrected first
/// 87.0% → 90.6% at 0.5 (90.3% at 0.3, 90.8% at 1.0).
const CONTEXT_WEIGHT: f64 = 0.5;
/// Estimated count for a pair missing from the bigram list: below the
/// list's cut-off (its smallest counts are about 6.4M).
const UNSEEN_PAIR_CAP: f64 = 3_200_000.0;

/// Reorder the first suggestions by how well each fits between the words
/// before and after it (bigram counts): `ard` between `you` and `I` is
/// `and`, not `art`. Listed corrections and two-word suggestions keep
/// their place.
pub fn rerank(dict: &Dictionary, left: Option<&str>, right: Option<&str>, s: &mut Suggestions) {
    if (left.is_none() && right.is_none()) || s.list.len() < 2 {
        return;
    }
    let Some(first) = s.list.first() else {
        return;
    };
    if first.known {
        return;
    }
    let floor = first.score - RERANK_RANGE;
    let n = s
        .list
        .iter()
        .take(RERANK_TOP)
        .take_while(|c| c.score >= floor && !c.known)
        .count();
    if n < 2 {
        return;
    }
    for c in s.list.iter_mut().take(n) {
        if c.word.contains(' ') {
            continue;
        }
        let evidence = context_evidence(dict, left, right, &c.word.to_lowercase(), c.count);
        c.score += CONTEXT_WEIGHT * evidence;
        c.context = evidence;
    }
    if let Some(head) = s.list.get_mut(..n) {
        head.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.word.cmp(&b.word))
        });
    }
}

/// How well `word` (lowercase, corpus count `count`) fits between `left`
/// and `right`: the sum of its pointwise mutual information with each
/// neighbour, ln(P(a b) / (P(a) P(b))), from the bigram counts. A pair too
/// rare to be listed counts as independent (0), unless even independence
/// predicts it above the list's cut-off.
fn context_evidence(
    dict: &Dictionary,
    left: Option<&str>,
    right: Option<&str>,
    word: &str,
    count: u64,
) -> f64 {
    let total = dict.total() as f64;
    let pmi = |a: &str, b: &str, ca: f64, cb: f64| {
        let expected = ca * cb / total;
        let seen = match dict.bigram(a, b) {
            0 => expected.min(UNSEEN_PAIR_CAP),
            n => n as f64,
        };
        (seen / expected.max(f64::MIN_POSITIVE)).ln()
    };
    let cc = count.max(1) as f64;
    let mut evidence = 0.0;
    if let Some(l) = left {
        evidence += pmi(l, word, dict.count(l).max(1) as f64, cc);
    }
    if let Some(r) = right {
        evidence += pmi(word, r, cc, dict.count(r).max(1) as f64);
    }
    evidence
}

/// Weight of the context evidence in [`safe_margin`].
const MARGIN_CONTEXT_WEIGHT: f64 = 0.5;
/// What being a listed correction of a known misspelling is worth in
/// [`safe_margin`] (log units, instead of the ranking's decisive bonus).
const MARGIN_KNOWN_BONUS: f64 = 1.0;

/// How much more likely the first suggestion is than the best alternative,
/// in log units, for deciding whether it may be applied unasked: each
/// candidate's channel score (frequency, edit cost, penalties) plus the
/// context evidence of every candidate (not only the close ones
/// [`rerank`] looks at), without the first-letter bonus (typos at the
/// start of a word are what it misjudges: `rades` is `trades` as often as
/// `rates`) and with a small bonus, not a decisive one, for a known
/// misspelling's listed correction (`oyur` may be `our`, not only `your`).
/// The commonest word one edit away counts as a rival even when it did not
/// make the list. `word` is the misspelling as written; `s` as ranked and
/// re-ranked. Infinite when there is no alternative at all.
pub fn safe_margin(
    dict: &Dictionary,
    word: &str,
    left: Option<&str>,
    right: Option<&str>,
    s: &Suggestions,
) -> f64 {
    let Some(first) = s.list.first() else {
        return f64::NEG_INFINITY;
    };
    let initial = word.chars().next().and_then(|c| c.to_lowercase().next());
    let value = |c: &Suggestion| {
        let lower = c.word.to_lowercase();
        let mut v = c.score - CONTEXT_WEIGHT * c.context;
        if c.known {
            v += MARGIN_KNOWN_BONUS - KNOWN_BONUS;
        }
        if lower.chars().next() == initial {
            v -= FIRST_LETTER_BONUS;
        }
        if !lower.contains(' ') {
            v += MARGIN_CONTEXT_WEIGHT * context_evidence(dict, left, right, &lower, c.count);
        }
        v
    };
    let best = value(first);
    let mut rival = f64::NEG_INFINITY;
    for c in s.list.iter().skip(1) {
        rival = rival.max(value(c));
    }
    // The commonest word one edit away, when the list left it out: as if
    // one cheap edit away, with no help from the context.
    if s.near_rival > 0 && !s.list.iter().skip(1).any(|c| c.count == s.near_rival) {
        rival = rival.max(((s.near_rival + 1) as f64).ln() - EDIT_WEIGHT * f64::from(KEY_SUB));
    }
    best - rival
}

/// The word next to token `i` with only white space (one line break at
/// most) between, lowercase: the context [`rerank`] and [`safe_margin`]
/// weigh.
pub fn context_word(text: &str, tokens: &[Token], i: usize, forward: bool) -> Option<String> {
    let mut j = i;
    let mut breaks = 0;
    loop {
        j = if forward { j + 1 } else { j.checked_sub(1)? };
        let t = tokens.get(j)?;
        match t.kind {
            TokenKind::Space => {}
            TokenKind::Newline if breaks == 0 => breaks += 1,
            TokenKind::Word if !t.is_hyphenated() => {
                return Some(crate::dictionary::normalize_apostrophes(t.text(text)).to_lowercase())
            }
            _ => return None,
        }
    }
}

thread_local! {
    static CACHE: RefCell<HashMap<(Lang, String), Suggestions>> = RefCell::new(HashMap::new());
}

/// Upper bound of cached words per thread before the cache is cleared.
const CACHE_LIMIT: usize = 50_000;

/// Suggestions shared by every thread: a thread that has not ranked a word
/// yet takes another thread's answer instead of ranking it again.
static SHARED_CACHE: std::sync::Mutex<Option<HashMap<(Lang, String), Suggestions>>> =
    std::sync::Mutex::new(None);

/// Ranked suggestions for `word` (as written in the text), cached.
pub fn suggest(dict: &Dictionary, lang: Lang, word: &str) -> Suggestions {
    let key = (lang, word.to_string());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let shared = SHARED_CACHE
        .lock()
        .ok()
        .and_then(|g| g.as_ref().and_then(|m| m.get(&key).cloned()));
    let result = match shared {
        Some(hit) => hit,
        None => {
            let result = rank(dict, word, true);
            if let Ok(mut g) = SHARED_CACHE.lock() {
                let m = g.get_or_insert_with(HashMap::new);
                if m.len() >= CACHE_LIMIT {
                    m.clear();
                }
                m.insert(key.clone(), result.clone());
            }
            result
        }
    };
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(key, result.clone());
    });
    result
}

/// A candidate before scoring.
struct Cand {
    spelling: Cow<'static, str>,
    count: u64,
    rare: bool,
    known: bool,
    /// Two words run together (`alot`): the count is the pair's.
    split: bool,
    /// Phonetic key distance, when known.
    key_distance: Option<u8>,
}

/// Ranked suggestions for `word`, uncached. With `known` false the list of
/// known misspellings is ignored (to measure the ranker on misspellings it
/// has not been told about).
pub fn rank(dict: &Dictionary, word: &str, known: bool) -> Suggestions {
    let original = crate::dictionary::normalize_apostrophes(word);
    let case = case_of(&original);
    let lower = original.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let len = chars.len();
    if len == 0 || len > 40 {
        return Suggestions::default();
    }
    // Listed corrections of a known misspelling that this dialect accepts
    // (the list also has the British `recognise` for `reconise`).
    let known: Vec<&str> = if known {
        let mut k = dict.known_misspelling(&lower);
        k.retain(|k| k.split(' ').all(|part| dict.check(part) == Known::Yes));
        k
    } else {
        Vec::new()
    };
    let mut cands: Vec<Cand> = Vec::with_capacity(64);
    let mut seen: FxHashMap<&'static str, usize> =
        FxHashMap::with_capacity_and_hasher(64, Default::default());
    let mut add = |cands: &mut Vec<Cand>, spelling: &'static str, e: Entry, kd: Option<u8>| {
        if !dict.accepts(e) {
            return;
        }
        match seen.get(spelling) {
            Some(&i) => {
                if let Some(c) = cands.get_mut(i) {
                    c.key_distance = c.key_distance.or(kd);
                }
            }
            None => {
                seen.insert(spelling, cands.len());
                cands.push(Cand {
                    spelling: Cow::Borrowed(spelling),
                    count: e.count,
                    rare: e.is_rare(),
                    known: false,
                    split: false,
                    key_distance: kd,
                });
            }
        }
    };

    // One edit out is cheap to search. The far searches (two edits out with
    // the first letter kept, and by sound) are skipped when a common word
    // is one edit away: the usual typing slip, and most words in a text.
    let near = dict.near(&lower, 1);
    let confident = near
        .iter()
        .any(|(_, e)| dict.accepts(*e) && e.count >= CONFIDENT_COUNT)
        || known.iter().any(|k| {
            let k: Vec<char> = k.to_lowercase().chars().collect();
            osa(&chars, &k) <= 1
        });
    let near_counts: Vec<(&'static str, u64)> = near
        .iter()
        .filter(|(_, e)| dict.accepts(*e))
        .map(|(w, e)| (*w, e.count))
        .collect();
    for (cand, entry) in near {
        add(&mut cands, cand, entry, None);
    }
    let qkey = phonetic_key(&lower);
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
        for (form, e, kd) in sounds_like(&qkey, kmax) {
            add(&mut cands, form, e, Some(kd));
        }
    }
    if !confident && len >= 4 {
        for (cand, entry) in near_anchored(&lower, 2) {
            add(&mut cands, cand, entry, None);
        }
    }
    // Far candidates, by shared trigrams, only when no common word is one
    // edit away: the few words that need them are worth the search.
    if !confident && len >= FAR_MIN_LEN && !near_counts.iter().any(|(_, c)| *c >= FAR_SKIP_COUNT) {
        for (cand, entry) in far::candidates(&lower) {
            add(&mut cands, cand, entry, None);
        }
    }

    // Listed corrections of a known misspelling, at any distance.
    for k in &known {
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

    // Two words run together: both known, and attested as a pair.
    if len >= 4 && lower.chars().all(char::is_alphabetic) {
        // Plain look-ups, not `check`: its cache is for the text's words.
        let word = |e: Entry| dict.accepts(e) && e.count > 0;
        // The left words, all found in one walk along the word.
        for (i, left) in dict.prefix_entries(&lower) {
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

    // Score from the most promising candidate (common, right first letter)
    // down, so that the best found so far bounds the edit cost a candidate
    // could afford: most far candidates stop early or are never measured.
    let first = chars.first().copied();
    let qkey_chars: Vec<char> = qkey.chars().collect();
    let typo = Typo::new(&chars);
    // (A candidate's letters are only listed once it is measured.)
    let pre: Vec<(f64, Case, Cand)> = cands
        .into_iter()
        .map(|c| {
            let cand_first = c.spelling.chars().flat_map(char::to_lowercase).next();
            let cand_case = case_of(&c.spelling);
            let mut upper = ((c.count + 1) as f64).ln();
            if cand_first == first {
                upper += FIRST_LETTER_BONUS;
            }
            if c.rare {
                upper -= RARE_PENALTY;
            }
            // A lowercase word is rarely a misspelt name or acronym.
            if case == Case::Lower && cand_case != Case::Lower {
                upper -= CASE_PENALTY;
            }
            if c.known {
                upper += KNOWN_BONUS;
            }
            (upper, cand_case, c)
        })
        .collect();
    // Highest first, in the order found among equals (as a stable sort
    // would have them; sorting the bounds alone moves less).
    let mut order: Vec<(f64, usize)> = pre.iter().map(|p| p.0).zip(0..).collect();
    order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Scores of the best candidates so far, best first (a few more than are
    // kept, as spellings that differ only in case are merged later).
    const BOUND_RANK: usize = MAX_CANDIDATES + 4;
    let mut top: Vec<f64> = Vec::with_capacity(BOUND_RANK + 1);
    let mut common_seen = false;
    // Each suggestion with the candidate it came from (its distance is
    // only measured if it makes the list).
    let mut best: FxHashMap<String, (Suggestion, usize)> = FxHashMap::default();
    // One buffer for each candidate's letters in turn.
    let mut cand_chars: Vec<char> = Vec::with_capacity(len + 8);
    for &(upper, at) in &order {
        let Some((_, cand_case, c)) = pre.get(at) else {
            continue;
        };
        let cand_case = *cand_case;
        let bound = match top.get(BOUND_RANK - 1) {
            Some(&b) if common_seen => b,
            _ => f64::NEG_INFINITY,
        };
        if upper <= bound {
            break;
        }
        let cand = &c.spelling;
        cand_chars.clear();
        cand_chars.extend(cand.chars().flat_map(char::to_lowercase));
        if cand_chars == chars && *cand == *original {
            continue;
        }
        let cost = if c.split {
            SPLIT_COST
        } else {
            let pd = match c.key_distance {
                Some(kd) => f64::from(kd),
                None => {
                    let ckey: Vec<char> = phonetic_key(cand).chars().collect();
                    osa(&qkey_chars, &ckey) as f64
                }
            };
            // cost = min(wd, pa·wd + pb·pd + pc) must stay under `afford`.
            let afford = (upper - bound) / EDIT_WEIGHT;
            let limit = if len >= SOUND_MIN_LEN {
                afford.max((afford - SOUND_KEY_COST * pd) / SOUND_SCALE)
            } else {
                afford
            };
            let Some(wd) = weighted(&typo, &cand_chars, limit.min(1e6) as f32) else {
                continue;
            };
            let wd = f64::from(wd);
            if len >= SOUND_MIN_LEN {
                wd.min(SOUND_SCALE * wd + SOUND_KEY_COST * pd)
            } else {
                wd
            }
        };
        let score = upper - EDIT_WEIGHT * cost;
        let pos = top.partition_point(|&t| t >= score);
        if pos < BOUND_RANK {
            top.insert(pos, score);
            top.truncate(BOUND_RANK);
        }
        common_seen |= !c.rare;
        // Suggest in the writer's case, unless the lexicon has a capital the
        // writer lacked (`kremlin` → `Kremlin`).
        let shown = match cand_case {
            Case::Lower => match_case(cand, case),
            _ if case == Case::Upper => cand.to_uppercase(),
            _ => cand.to_string(),
        };
        if shown == *original {
            continue;
        }
        let s = Suggestion {
            distance: 0,
            word: shown,
            score,
            known: c.known,
            count: c.count,
            rare: c.rare,
            proper: cand_case != Case::Lower,
            context: 0.0,
        };
        match best.entry(s.word.to_lowercase()) {
            MapEntry::Vacant(slot) => {
                slot.insert((s, at));
            }
            MapEntry::Occupied(mut slot) => {
                if s.score > slot.get().0.score {
                    *slot.get_mut() = (s, at);
                }
            }
        }
    }

    let mut list: Vec<(Suggestion, usize)> = best.into_values().collect();
    list.sort_by(|(a, _), (b, _)| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.word.cmp(&b.word))
    });
    // Rare words are never offered first.
    if list.first().is_some_and(|(s, _)| s.rare) {
        if let Some(pos) = list.iter().position(|(s, _)| !s.rare) {
            let s = list.remove(pos);
            list.insert(0, s);
        }
    }
    // Candidates far less likely than the best are noise, not alternatives
    // (`Wendsday`: `Wednesday`, not `Winds`); a listed correction's bonus
    // does not count here.
    if let Some((best, _)) = list.first() {
        let floor = best.score - if best.known { KNOWN_BONUS } else { 0.0 } - SCORE_RANGE;
        list.retain(|(s, _)| s.score >= floor);
    }
    list.truncate(MAX_CANDIDATES);
    let list: Vec<Suggestion> = list
        .into_iter()
        .map(|(mut s, at)| {
            if let Some((_, _, c)) = pre.get(at) {
                cand_chars.clear();
                cand_chars.extend(c.spelling.chars().flat_map(char::to_lowercase));
                s.distance = osa(&chars, &cand_chars);
            }
            s
        })
        .collect();
    let first = list.first().map(|s| s.word.to_lowercase());
    let near_rival = near_counts
        .iter()
        .filter(|(w, _)| {
            let w = w.to_lowercase();
            w != lower && Some(&w) != first.as_ref()
        })
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0);
    Suggestions { list, near_rival }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain-text dictionary source (`copyedit-dict/dictionaries/`).
    fn source(name: &str) -> String {
        std::fs::read_to_string(format!("{}/{name}", copyedit_dict::SOURCE_DIR)).unwrap()
    }

    /// The delete index finds exactly the keys (and distances, in the same
    /// order) that the walk of the phonetic FST finds, one and two edits
    /// out: for the keys of words of every length, and of misspellings.
    #[test]
    fn sound_index_matches_the_fst_walk() {
        let Some(index) = &indexes().1 else {
            panic!("phonetic index");
        };
        let words = source("words-en.txt");
        let misspellings = source("misspellings.tsv");
        let queries: Vec<String> = words
            .lines()
            .step_by(397)
            .chain(
                misspellings
                    .lines()
                    .step_by(691)
                    .filter_map(|l| l.split('\t').next()),
            )
            .map(|w| phonetic_key(&w.to_lowercase()))
            .filter(|k| !k.is_empty())
            .collect();
        assert!(queries.len() > 300, "{}", queries.len());
        let mut found = 0;
        for key in &queries {
            for max in [1u8, 2] {
                let Some(builder) = lev_builder(max) else {
                    panic!("builder");
                };
                let aut = Anchored {
                    prefix: &[],
                    dfa: builder.build_dfa(key),
                };
                let mut walked = Vec::new();
                search_each(index.as_fst(), &aut, &mut |v, state| {
                    let kd = match aut.dfa.distance(state.1) {
                        Distance::Exact(d) | Distance::AtLeast(d) => d,
                    };
                    walked.push((v, kd));
                });
                let indexed = sounds::within(key, max, &aut.dfa);
                assert_eq!(indexed.as_ref(), Some(&walked), "{key} within {max}");
                found += walked.len();
            }
        }
        assert!(found > 1000, "{found}");
    }

    fn top(word: &str) -> String {
        let d = Dictionary::new(Lang::EnUs);
        suggest(&d, Lang::EnUs, word)
            .list
            .first()
            .map(|s| s.word.clone())
            .unwrap_or_default()
    }

    #[test]
    fn ranks_the_obvious_correction_first() {
        assert_eq!(top("Recieve"), "Receive");
        assert_eq!(top("teh"), "the");
        assert_eq!(top("Wendsday"), "Wednesday");
        assert_eq!(top("RECIEVE"), "RECEIVE");
        assert_eq!(top("maddness"), "madness");
        assert_eq!(top("Kremiln"), "Kremlin");
        assert_eq!(top("moscow"), "Moscow");
    }

    #[test]
    fn weighted_distance_prefers_human_errors() {
        assert!(weighted_distance("teh", "the") < weighted_distance("teh", "tea"));
        assert!(weighted_distance("maddness", "madness") < 1.0);
        assert!(keyboard_adjacent('s', 'd'));
        assert!(!keyboard_adjacent('a', 'p'));
        assert!(!keyboard_adjacent('a', 'e'));
        for (a, b) in [
            ('a', 'q'),
            ('a', 'w'),
            ('a', 'z'),
            ('s', 'e'),
            ('g', 'h'),
            ('n', 'j'),
        ] {
            assert!(keyboard_adjacent(a, b), "{a}{b}");
        }
    }

    fn top5(word: &str) -> Vec<String> {
        let d = Dictionary::new(Lang::EnUs);
        rank(&d, word, false)
            .list
            .into_iter()
            .take(5)
            .map(|s| s.word)
            .collect()
    }

    #[test]
    fn finds_misspellings_made_by_ear() {
        // Five edits away, one sound apart.
        assert!(top5("Accosinly").contains(&"Occasionally".to_string()));
        assert_eq!(top5("annonsment")[0], "announcement");
        assert_eq!(top5("fone")[0], "phone");
        assert!(top5("sence").contains(&"sense".to_string()));
    }

    #[test]
    fn a_dropped_run_of_letters_costs_less_inside_a_word() {
        // `ens` dropped at once: one edit and two extensions.
        let d = weighted_distance("extions", "extensions");
        assert!(
            (d - (1.0 + 2.0 * f64::from(GAP_EXTEND))).abs() < 1e-6,
            "{d}"
        );
        assert!(weighted_distance("initized", "initialized") < 2.0);
        // Not at the end of the word, nor in a short one.
        assert_eq!(weighted_distance("rough", "roughly"), 2.0);
        assert_eq!(weighted_distance("tem", "tempo"), 2.0);
        // A single dropped letter costs what it did.
        assert_eq!(weighted_distance("contast", "contrast"), 1.0);
    }

    #[test]
    fn far_candidates_share_trigrams_and_the_first_letter() {
        let found: Vec<&str> = far::candidates("extions").iter().map(|c| c.0).collect();
        assert!(found.contains(&"extensions"), "{found:?}");
        assert!(found.iter().all(|w| w.to_lowercase().starts_with('e')));
        let found: Vec<&str> = far::candidates("unconisitional")
            .iter()
            .map(|c| c.0)
            .collect();
        assert!(found.contains(&"unconstitutional"), "{found:?}");
        // Nothing shares enough of `qzxjvkwq`; no index for other letters.
        assert!(far::candidates("qzxjvkwq").is_empty());
        assert!(far::candidates("écrire").is_empty());
        assert!(far::candidates("").is_empty());
        // A bounded number of spellings, whatever the word.
        assert!(far::candidates("sections").len() <= 3 * 16);
    }

    #[test]
    fn finds_words_with_a_dropped_syllable() {
        assert!(top5("extions").contains(&"extensions".to_string()));
        assert!(top5("initized").contains(&"initialized".to_string()));
        assert!(top5("hypotathes").contains(&"hypothesis".to_string()));
        // The near search still decides when a common word is one edit away.
        assert_eq!(top5("actons")[0], "actions");
    }

    #[test]
    fn a_listed_correction_in_another_dialect_does_not_stop_the_search() {
        // The list corrects `reconise` to the British `recognise` only.
        let d = Dictionary::new(Lang::EnUs);
        let words: Vec<String> = rank(&d, "reconise", true)
            .list
            .into_iter()
            .map(|s| s.word)
            .collect();
        assert!(words.contains(&"recognize".to_string()), "{words:?}");
    }

    #[test]
    fn suggests_two_words_run_together() {
        assert_eq!(top5("infact")[0], "in fact");
    }

    #[test]
    fn american_spellings_are_counted() {
        // The corpus counts `neighbour` only; build.rs lends it to `neighbor`.
        let d = Dictionary::new(Lang::EnUs);
        assert!(d.count("neighbor") > 0);
        assert_eq!(top5("neighbour")[0], "neighbor");
    }

    #[test]
    fn bounded_distance_is_exact_or_none() {
        let a: Vec<char> = "accosinly".chars().collect();
        let b: Vec<char> = "occasionally".chars().collect();
        let a = Typo::new(&a);
        let full = weighted(&a, &b, f32::INFINITY).unwrap();
        assert_eq!(weighted(&a, &b, full), Some(full));
        assert_eq!(weighted(&a, &b, full - 0.1), None);
        assert!(weighted_distance("fone", "phone") < 1.0);
        assert!(weighted_distance("sence", "sense") < weighted_distance("sence", "sends"));
    }

    /// The weighted distance as first written: the whole matrix.
    fn weighted_reference(a: &[char], b: &[char], limit: f32) -> Option<f32> {
        const SOUND_GROUPS: [(&str, &str); 8] = [
            ("f", "ph"),
            ("f", "gh"),
            ("k", "ck"),
            ("c", "ck"),
            ("sh", "ti"),
            ("sh", "ci"),
            ("j", "dg"),
            ("x", "cks"),
        ];
        let letter = |c: char| c.is_ascii_lowercase().then(|| (c as u8 - b'a') as usize);
        let sub_costs = sub_table();
        let (n, m) = (a.len(), b.len());
        let w = m + 1;
        let mut d = vec![0f32; (n + 1) * w];
        for i in 0..=n {
            d[i * w] = i as f32;
        }
        for (j, cell) in d.iter_mut().enumerate().take(w) {
            *cell = j as f32;
        }
        let group_last = |c: char| matches!(c, 'f' | 'h' | 'k' | 'c' | 'i' | 'j' | 'g' | 'x' | 's');
        let mut row_min = [0f32; 3];
        let gaps = n >= GAP_MIN_LEN;
        for i in 1..=n {
            let cheap_gap = gaps && i < n;
            let mut g = f32::INFINITY;
            let mut min = f32::INFINITY;
            let ca = a[i - 1];
            let la = letter(ca);
            let del = if i >= 2 && a[i - 2] == ca {
                DOUBLE
            } else {
                1.0
            };
            for j in 1..=m {
                let cb = b[j - 1];
                let sub = if ca == cb {
                    0.0
                } else {
                    match (la, letter(cb)) {
                        (Some(x), Some(y)) => sub_costs[x][y],
                        _ => 1.0,
                    }
                };
                let ins = if j >= 2 && b[j - 2] == cb {
                    DOUBLE
                } else {
                    1.0
                };
                let open = d[i * w + j - 1] + ins;
                g = if cheap_gap {
                    open.min(g + GAP_EXTEND)
                } else {
                    open
                };
                let mut v = (d[(i - 1) * w + j] + del)
                    .min(g)
                    .min(d[(i - 1) * w + j - 1] + sub);
                if i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == cb {
                    v = v.min(d[(i - 2) * w + j - 2] + SWAP);
                }
                if ca != cb && group_last(ca) && group_last(cb) {
                    for (x, y) in SOUND_GROUPS {
                        for (x, y) in [(x, y), (y, x)] {
                            if ends_with(a, i, x) && ends_with(b, j, y) {
                                v = v.min(d[(i - x.len()) * w + j - y.len()] + SOUND_GROUP);
                            }
                        }
                    }
                }
                d[i * w + j] = v;
                min = min.min(v);
            }
            min = min.min(d[i * w]);
            row_min = [row_min[1], row_min[2], min];
            if row_min.iter().all(|&r| r > limit) {
                return None;
            }
        }
        d.get(n * w + m).copied().filter(|&v| v <= limit)
    }

    #[test]
    fn bounded_distance_is_the_full_matrix_s_within_the_limit() {
        let text = source("misspellings.tsv");
        let mut pairs: Vec<(Vec<char>, Vec<char>)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let Some((typo, fixes)) = line.split_once('\t') else {
                continue;
            };
            if n % 7 != 0 {
                continue;
            }
            let typo: Vec<char> = typo.to_lowercase().chars().collect();
            for fix in fixes.split(',') {
                let fix: Vec<char> = fix.to_lowercase().chars().collect();
                // And against the previous line's correction: far apart.
                if let Some((_, last)) = pairs.last() {
                    pairs.push((typo.clone(), last.clone()));
                }
                pairs.push((typo.clone(), fix));
            }
        }
        for (a, b) in [
            ("fone", "phone"),
            ("phone", "fone"),
            ("ekstra", "extra"),
            ("exkcs", "excks"),
            ("xcks", "cksx"),
            ("nashun", "nation"),
            ("", "word"),
            ("word", ""),
            ("naïve", "naive"),
            ("ééé", "eee"),
        ] {
            pairs.push((a.chars().collect(), b.chars().collect()));
            // Against other words too, far ones included.
            pairs.push((a.chars().collect(), "occasionally".chars().collect()));
        }
        let limits = [
            0.0,
            0.3,
            0.5,
            0.9,
            1.0,
            1.2,
            1.6,
            2.0,
            2.5,
            3.0,
            4.7,
            1e6,
            f32::INFINITY,
        ];
        for (a, b) in &pairs {
            let typo = Typo::new(a);
            for limit in limits {
                let want = weighted_reference(a, b, limit);
                let got = weighted(&typo, b, limit);
                assert_eq!(
                    got.map(f32::to_bits),
                    want.map(f32::to_bits),
                    "{a:?} {b:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn safe_margin_counts_context_and_rivals() {
        let d = Dictionary::new(Lang::EnUs);
        let margin = |left: &str, word: &str, right: &str| {
            let mut s = suggest(&d, Lang::EnUs, word);
            rerank(&d, Some(left), Some(right), &mut s);
            safe_margin(&d, word, Some(left), Some(right), &s)
        };
        // No rival near `shuold`.
        assert!(margin("we", "shuold", "go") > 8.0);
        // `minimum wage`: the context speaks for the rarer candidate.
        assert!(margin("minimum", "pwage", "protection") < 3.0);
        // `your` is the listed correction of `oyur`, but `our` is as close.
        let m = margin("protecting", "oyur", "vital");
        assert!(m < 6.0, "{m}");
        assert_eq!(
            safe_margin(&d, "qzxjvkwq", None, None, &Suggestions::default()),
            f64::NEG_INFINITY
        );
    }

    #[test]
    fn nothing_for_garbage() {
        assert!(
            suggest(&Dictionary::new(Lang::EnUs), Lang::EnUs, "qzxjvkwq")
                .list
                .is_empty()
        );
    }
}
