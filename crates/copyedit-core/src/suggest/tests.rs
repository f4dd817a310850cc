//! Tests of the suggestion engine as a whole and of its parts.

use levenshtein_automata::Distance;

use crate::dictionary::{lev_builder, search_each, Dictionary, Lang};

use super::candidates::{indexes, Anchored};
use super::cost::{
    ends_with, sub_table, weighted, Typo, DOUBLE, GAP_EXTEND, GAP_MIN_LEN, SOUND_GROUP, SWAP,
};
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
