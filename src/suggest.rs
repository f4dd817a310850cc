//! Candidate generation and ranking for unknown words.
//!
//! Candidates are every lexicon word within two edits (one for words of
//! three letters or fewer), found with a Damerau automaton over the lexicon
//! FST. They are ranked by a small noisy-channel score: the log corpus count
//! of the candidate minus a cost for the edits, where the edits people
//! really make (swapped letters, a doubled or dropped letter, a neighbouring
//! key, a vowel for a vowel) cost less than arbitrary ones. A known
//! misspelling's listed correction goes first. Results are cached per word
//! for the thread.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::dictionary::{case_of, match_case, Case, Dictionary, Lang};

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
    /// Corpus count of the suggestion.
    pub count: u64,
    /// A rare word (accepted but never offered first).
    pub rare: bool,
    /// The lexicon spells it with a capital: a proper name.
    pub proper: bool,
}

/// Suggestions for a word, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    /// Ranked candidates (at most [`MAX_CANDIDATES`]).
    pub list: Vec<Suggestion>,
}

/// A candidate one edit away at least this common makes a search two edits
/// away unnecessary.
const CONFIDENT_COUNT: u64 = 1_000_000;

/// How many candidates are kept per word.
pub const MAX_CANDIDATES: usize = 8;

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

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Edit distance where the typing and spelling errors people make often cost
/// less: transposition 0.6, a vowel for a vowel or a neighbouring key 0.6,
/// doubling or undoubling a letter 0.4; any other edit costs 1.
pub fn weighted_distance(typo: &str, word: &str) -> f64 {
    let a: Vec<char> = typo.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0f64; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i as f64;
    }
    if let Some(first) = d.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j as f64;
        }
    }
    for i in 1..=n {
        for j in 1..=m {
            let (ca, cb) = (a[i - 1], b[j - 1]);
            let sub = if ca == cb {
                0.0
            } else if (is_vowel(ca) && is_vowel(cb)) || keyboard_adjacent(ca, cb) {
                0.6
            } else {
                1.0
            };
            // Deleting a letter of the typo (typo has an extra letter).
            let del = if i >= 2 && a[i - 2] == ca { 0.4 } else { 1.0 };
            // Inserting a letter of the word (typo dropped a letter).
            let ins = if j >= 2 && b[j - 2] == cb { 0.4 } else { 1.0 };
            let mut v = (d[i - 1][j] + del)
                .min(d[i][j - 1] + ins)
                .min(d[i - 1][j - 1] + sub);
            if i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == cb {
                v = v.min(d[i - 2][j - 2] + 0.6);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

thread_local! {
    static CACHE: RefCell<HashMap<(Lang, String), Suggestions>> = RefCell::new(HashMap::new());
}

/// Upper bound of cached words per thread before the cache is cleared.
const CACHE_LIMIT: usize = 50_000;

/// Ranked suggestions for `word` (as written in the text), cached.
pub fn suggest(dict: &Dictionary, lang: Lang, word: &str) -> Suggestions {
    let key = (lang, word.to_string());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let result = compute(dict, word);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(key, result.clone());
    });
    result
}

fn compute(dict: &Dictionary, word: &str) -> Suggestions {
    let original = crate::dictionary::normalize_apostrophes(word);
    let case = case_of(&original);
    let lower = original.to_lowercase();
    let len = lower.chars().count();
    if len == 0 || len > 40 {
        return Suggestions::default();
    }
    let max = if len <= 3 { 1 } else { 2 };
    let known: Vec<&str> = dict.known_misspelling(&lower);
    let first = lower.chars().next();

    let mut best: HashMap<String, Suggestion> = HashMap::new();
    let mut consider = |cand: &str, count: u64, rare: bool, is_known: bool| {
        let cand_lower = cand.to_lowercase();
        let distance = strsim::osa_distance(&lower, &cand_lower);
        if distance == 0 && cand == &*original {
            return;
        }
        let wd = weighted_distance(&lower, &cand_lower);
        let mut score = ((count + 1) as f64).ln() - 5.0 * wd;
        if cand_lower.chars().next() == first {
            score += 1.5;
        }
        if rare {
            score -= 4.0;
        }
        // A lowercase word is rarely a misspelt name or acronym.
        if case == Case::Lower && cand_lower != *cand {
            score -= 3.0;
        }
        if is_known {
            score += 100.0;
        }
        // Suggest in the writer's case, unless the lexicon has a capital the
        // writer lacked (`kremlin` → `Kremlin`).
        let shown = match case_of(cand) {
            Case::Lower => match_case(cand, case),
            _ if case == Case::Upper => cand.to_uppercase(),
            _ => cand.to_string(),
        };
        if shown == *original {
            return;
        }
        let s = Suggestion {
            word: shown.clone(),
            distance,
            score,
            known: is_known,
            count,
            rare,
            proper: case_of(cand) != Case::Lower,
        };
        let slot = best
            .entry(shown.to_lowercase())
            .or_insert_with(|| s.clone());
        if s.score > slot.score {
            *slot = s;
        }
    };

    // One edit out is cheap to search; two edits out only when one edit
    // finds nothing common enough to be the likely answer.
    let mut near = dict.near(&lower, 1);
    let confident = near.iter().any(|(_, e)| e.count >= CONFIDENT_COUNT)
        || known
            .iter()
            .any(|k| strsim::osa_distance(&lower, &k.to_lowercase()) <= 1);
    if max > 1 && !confident {
        near = dict.near(&lower, max);
    }
    for (cand, entry) in near {
        if !dict.accepts(entry) {
            continue;
        }
        let is_known = known.iter().any(|k| k.eq_ignore_ascii_case(cand));
        consider(cand, entry.count, entry.is_rare(), is_known);
    }
    for k in &known {
        // Corrections further than `max` edits (or multi-word ones).
        let far = strsim::osa_distance(&lower, &k.to_lowercase()) > usize::from(max);
        let ok = k
            .split(' ')
            .all(|part| dict.check(part) == crate::dictionary::Known::Yes);
        if far && ok {
            consider(k, dict.count(k), false, true);
        }
    }

    let mut list: Vec<Suggestion> = best.into_values().collect();
    list.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.word.cmp(&b.word))
    });
    // Rare words are never offered first.
    if list.first().is_some_and(|s| s.rare) {
        if let Some(pos) = list.iter().position(|s| !s.rare) {
            let s = list.remove(pos);
            list.insert(0, s);
        }
    }
    list.truncate(MAX_CANDIDATES);
    Suggestions { list }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn nothing_for_garbage() {
        assert!(
            suggest(&Dictionary::new(Lang::EnUs), Lang::EnUs, "qzxjvkwq")
                .list
                .is_empty()
        );
    }
}
