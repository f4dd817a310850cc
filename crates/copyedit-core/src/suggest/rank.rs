//! Ranking: a small noisy-channel score for each candidate, in named
//! steps: the listed corrections, the candidates ([`candidates::gather`]),
//! each one's best possible score, the scores measured best first with the
//! best so far bounding the edit cost a candidate could afford, and the
//! final order.

use std::collections::hash_map::Entry as MapEntry;

use rustc_hash::FxHashMap;

use crate::dictionary::{case_of, match_case, Case, Dictionary, Known};

use super::candidates::{self, Cand, Found};
use super::cost::{osa, weighted, Typo};
use super::{phonetic_key, Suggestion, Suggestions, MAX_CANDIDATES};

/// Cost of an edit in the score (log-count units): the channel model's
/// P(typo | word) falls by e^-6.5 per unit of weighted distance.
pub(super) const EDIT_WEIGHT: f64 = 6.5;
/// Bonus for a candidate with the word's first letter (people rarely get
/// the first letter wrong).
pub(super) const FIRST_LETTER_BONUS: f64 = 2.0;
/// Bonus for a listed correction of a known misspelling: it goes first.
pub(super) const KNOWN_BONUS: f64 = 100.0;
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

/// A scored suggestion with the index of the candidate it came from (its
/// distance is only measured if it makes the list).
type Scored = (Suggestion, usize);

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
    let known = if known {
        listed_corrections(dict, &lower)
    } else {
        Vec::new()
    };
    let qkey = phonetic_key(&lower);
    let Found { cands, near_counts } = candidates::gather(dict, &lower, &chars, &qkey, &known);
    let pre = upper_bounds(cands, chars.first().copied(), case);
    let query = Query {
        original: &original,
        case,
        chars: &chars,
        qkey: qkey.chars().collect(),
    };
    let best = measure(&query, &pre);
    let list = finish(best, &pre, &chars);
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

/// Listed corrections of a known misspelling (`lower`) that this dialect
/// accepts (the list also has the British `recognise` for `reconise`).
fn listed_corrections(dict: &Dictionary, lower: &str) -> Vec<&'static str> {
    let mut k = dict.known_misspelling(lower);
    k.retain(|k| k.split(' ').all(|part| dict.check(part) == Known::Yes));
    k
}

/// Each candidate with the best score it could reach (no edit cost) and
/// its case. `first` is the word's first letter, `case` its case.
fn upper_bounds(cands: Vec<Cand>, first: Option<char>, case: Case) -> Vec<(f64, Case, Cand)> {
    // (A candidate's letters are only listed once it is measured.)
    cands
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
        .collect()
}

/// The word being ranked, as [`measure`] needs it.
struct Query<'a> {
    /// As written (apostrophes normalised).
    original: &'a str,
    case: Case,
    /// Its lowercase letters.
    chars: &'a [char],
    /// The letters of its phonetic key.
    qkey: Vec<char>,
}

/// Scores the candidates (`pre`, from [`upper_bounds`]), best suggestion
/// per lowercase spelling.
///
/// Score from the most promising candidate (common, right first letter)
/// down, so that the best found so far bounds the edit cost a candidate
/// could afford: most far candidates stop early or are never measured.
fn measure(q: &Query, pre: &[(f64, Case, Cand)]) -> FxHashMap<String, Scored> {
    let typo = Typo::new(q.chars);
    // Highest first, in the order found among equals (as a stable sort
    // would have them; sorting the bounds alone moves less).
    let mut order: Vec<(f64, usize)> = pre.iter().map(|p| p.0).zip(0..).collect();
    order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Scores of the best candidates so far, best first (a few more than are
    // kept, as spellings that differ only in case are merged later).
    const BOUND_RANK: usize = MAX_CANDIDATES + 4;
    let mut top: Vec<f64> = Vec::with_capacity(BOUND_RANK + 1);
    let mut common_seen = false;
    let mut best: FxHashMap<String, Scored> = FxHashMap::default();
    // One buffer for each candidate's letters in turn.
    let mut cand_chars: Vec<char> = Vec::with_capacity(q.chars.len() + 8);
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
        if cand_chars == q.chars && *cand == *q.original {
            continue;
        }
        let Some(cost) = edit_cost(q, &typo, c, &cand_chars, (upper - bound) / EDIT_WEIGHT) else {
            continue;
        };
        let score = upper - EDIT_WEIGHT * cost;
        let pos = top.partition_point(|&t| t >= score);
        if pos < BOUND_RANK {
            top.insert(pos, score);
            top.truncate(BOUND_RANK);
        }
        common_seen |= !c.rare;
        let shown = shown(cand, cand_case, q.case);
        if shown == *q.original {
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
    best
}

/// The edit cost of candidate `c` (lowercase letters `cand_chars`) for the
/// query, or `None` when it must exceed `afford` (in edit units) and the
/// candidate cannot make the list.
fn edit_cost(q: &Query, typo: &Typo, c: &Cand, cand_chars: &[char], afford: f64) -> Option<f64> {
    if c.split {
        return Some(SPLIT_COST);
    }
    let len = q.chars.len();
    let pd = match c.key_distance {
        Some(kd) => f64::from(kd),
        None => {
            let ckey: Vec<char> = phonetic_key(&c.spelling).chars().collect();
            osa(&q.qkey, &ckey) as f64
        }
    };
    // cost = min(wd, pa·wd + pb·pd + pc) must stay under `afford`.
    let limit = if len >= SOUND_MIN_LEN {
        afford.max((afford - SOUND_KEY_COST * pd) / SOUND_SCALE)
    } else {
        afford
    };
    let wd = f64::from(weighted(typo, cand_chars, limit.min(1e6) as f32)?);
    Some(if len >= SOUND_MIN_LEN {
        wd.min(SOUND_SCALE * wd + SOUND_KEY_COST * pd)
    } else {
        wd
    })
}

/// A candidate as suggested: in the writer's case (`case`), unless the
/// lexicon has a capital the writer lacked (`kremlin` → `Kremlin`).
fn shown(cand: &str, cand_case: Case, case: Case) -> String {
    match cand_case {
        Case::Lower => match_case(cand, case),
        _ if case == Case::Upper => cand.to_uppercase(),
        _ => cand.to_string(),
    }
}

/// The scored suggestions in order, best first, at most
/// [`MAX_CANDIDATES`], with their distances from the word (`chars`).
fn finish(
    best: FxHashMap<String, Scored>,
    pre: &[(f64, Case, Cand)],
    chars: &[char],
) -> Vec<Suggestion> {
    let mut list: Vec<Scored> = best.into_values().collect();
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
    let mut cand_chars: Vec<char> = Vec::new();
    list.into_iter()
        .map(|(mut s, at)| {
            if let Some((_, _, c)) = pre.get(at) {
                cand_chars.clear();
                cand_chars.extend(c.spelling.chars().flat_map(char::to_lowercase));
                s.distance = osa(chars, &cand_chars);
            }
            s
        })
        .collect()
}
