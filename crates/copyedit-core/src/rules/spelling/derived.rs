//! Derived forms: regular endings and prefixes on a known word
//! (`benchmarked`, `renderable`, `un-` + a common word) and closed compounds
//! of two known words.

use super::super::Context;
use super::hyphens::PREFIXES;
use crate::dictionary::{case_of, Case, Dictionary, Known};
use crate::rules::common::is_function_word;
use crate::suggest::Suggestions;
use crate::tokenize::{Token, TokenKind};

/// The longest hyphenated compound looked up, in bytes (the longest word
/// the spelling rule checks).
const MAX_COMPOUND: usize = 64;

/// The hyphenated compound a token belongs to (`x-ray` for `ray`).
pub(super) fn compound<'t>(text: &'t str, tokens: &[Token], i: usize) -> Option<&'t str> {
    let touching = |a: &Token, b: &Token| a.span.end == b.span.start;
    let part = |t: &Token| {
        matches!(t.kind, TokenKind::Word | TokenKind::Number)
            || text.get(t.span.clone()) == Some("-")
    };
    // Adjacent token pairs that join into the compound.
    let joins = |a: usize, b: usize| match (tokens.get(a), tokens.get(b)) {
        (Some(x), Some(y)) => part(x) && touching(x, y),
        _ => false,
    };
    // No dictionary word is longer than `MAX_COMPOUND` bytes: a longer
    // chain (`teh-teh-…`) is no compound, and is not walked to its ends
    // from each of its parts (quadratic in the chain).
    let here = tokens.get(i)?.span.clone();
    let near = |t: usize| {
        tokens.get(t).is_some_and(|t| {
            t.span.end <= here.start + MAX_COMPOUND && t.span.start + MAX_COMPOUND >= here.end
        })
    };
    let mut start = i;
    while start > 0 && joins(start - 1, start) {
        start -= 1;
        if !near(start) {
            return None;
        }
    }
    let mut end = i;
    while tokens.get(end + 1).is_some_and(part) && joins(end, end + 1) {
        end += 1;
        if !near(end) {
            return None;
        }
    }
    let (first, last) = (tokens.get(start)?, tokens.get(end)?);
    (end > start)
        .then(|| text.get(first.span.start..last.span.end))
        .flatten()
}

/// Regular endings that make a word from a known one without changing its
/// spelling, with what the known word must not end with: the plural or
/// third person (`inodes`, `nonces`), `-ed` and `-ing` (`benchmarked`,
/// `firewalled`), `-d`/`-r`/`-rs` after a final `e` (`expensed`,
/// `prototypers`), agent nouns, `-ly`, `-less`, `-ness`, `-ish`, `-ism`,
/// `-ist`, `-able`/`-ability` (`renderable`, `findability`), `-ment`,
/// `-ee`, `-ize`, and `-ity` after `-al`/`-ic` (`genericity`). Endings
/// that change the stem (dropping an `e`, doubling a consonant, `y` to `i`)
/// are left out: that is where misspellings are made (`achieveable`,
/// `occured`, `writting`).
const ENDINGS: [(&str, &[&str]); 31] = [
    ("s", &["s", "x", "z", "ch", "sh", "y"]),
    ("es", &["e"]),
    ("ed", &["e", "y"]),
    ("ing", &["e"]),
    ("d", &[]),
    ("r", &[]),
    ("rs", &[]),
    ("er", &["e"]),
    ("ers", &["e"]),
    ("or", &["e"]),
    ("ors", &["e"]),
    ("ly", &["y", "le", "ic", "que"]),
    ("less", &[]),
    ("ness", &[]),
    ("ish", &["e"]),
    ("ism", &["e"]),
    ("isms", &["e"]),
    ("ist", &["e"]),
    ("ists", &["e"]),
    ("able", &["e"]),
    ("ability", &["e"]),
    ("ment", &[]),
    ("ments", &[]),
    ("ee", &["e"]),
    ("ees", &["e"]),
    ("ize", &["e"]),
    ("izes", &["e"]),
    ("ized", &["e"]),
    ("izing", &["e"]),
    ("ity", &[]),
    ("ities", &[]),
];

/// Endings of nouns (and adjectives used as nouns) whose plural in `-s`
/// the word lists often lack: `accessor`, `formatter`, `executable`.
const AGENT_ENDINGS: [&str; 8] = ["or", "er", "able", "ible", "ant", "ent", "ist", "ive"];

/// Endings of adjectives that make adverbs in `-ly`.
const ADJECTIVE_ENDINGS: [&str; 18] = [
    "al", "ful", "ive", "ous", "ent", "ant", "ed", "ing", "ish", "less", "ar", "ary", "ile", "ine",
    "ate", "ern", "id", "ic",
];

/// A known word plus a regular ending ([`ENDINGS`]), the stem at least
/// four letters long; for `-d`, `-r`, `-rs` the stem must end in `e`, for
/// `-ity` in `-al` or `-ic`. The stem and the ending, if so.
fn suffixed<'a>(cx: &Context<'_>, lower: &'a str) -> Option<(&'a str, &'static str)> {
    ENDINGS.iter().find_map(|&(ending, not_after)| {
        let stem = lower.strip_suffix(ending)?;
        let fits = stem.len() >= 4
            && !not_after.iter().any(|e| stem.ends_with(e))
            && match ending {
                "d" | "r" | "rs" => stem.ends_with('e'),
                "ity" | "ities" => stem.ends_with("al") || stem.ends_with("ic"),
                // Adverbs are made of adjectives (`natively`, `granularly`),
                // not of nouns (`techniquely`).
                "ly" => ADJECTIVE_ENDINGS.iter().any(|e| stem.ends_with(e)),
                // `-able` of a verb, not of a plural (`reposable`).
                "able" | "ability" => !stem.ends_with('s'),
                _ => true,
            };
        (fits && cx.check(stem) == Known::Yes).then_some((stem, ending))
    })
}

/// The endings after a `y` turned to `i` (`proxy` → `proxied`), each with
/// the ending it names.
const Y_ENDINGS: [(&str, &str); 5] = [
    ("ied", "ed"),
    ("ies", "es"),
    ("iers", "ers"),
    ("ier", "er"),
    ("iest", "est"),
];

/// A known word in -y after a consonant, of four letters or more, that
/// `lower` is with its y turned to i before an ending: the word, the
/// ending, and the bent stem (`proxi`, which every such form starts with).
fn y_to_i<'a>(cx: &Context<'_>, lower: &'a str) -> Option<(String, &'static str, &'a str)> {
    Y_ENDINGS.iter().find_map(|&(ending, name)| {
        let stem = lower.strip_suffix(ending)?;
        let consonant = stem
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphabetic() && !"aeiou".contains(c));
        let base = format!("{stem}y");
        let bent = lower.get(..stem.len() + 1)?;
        (consonant && base.len() >= 4 && cx.check(&base) == Known::Yes)
            .then_some((base, name, bent))
    })
}

/// An unknown lowercase word that is a regular form of a known word
/// ([`ENDINGS`], [`PREFIXES`]), with no common word one edit from it: the
/// word lists lack many such forms, so it is reported as `info`, never
/// fixed unasked. The stem and the ending (or prefix), if so.
pub(super) fn derived(
    cx: &Context<'_>,
    word: &str,
    s: &Suggestions,
) -> Option<(String, &'static str)> {
    // A capitalised form of a capitalised term: `Enumerables`.
    if case_of(word) == Case::Title {
        let base = word.strip_suffix('s')?;
        return (base.len() >= 6
            && !base.ends_with('s')
            && cx.check(base) == Known::Yes
            && cx.dict.known_misspelling(&word.to_lowercase()).is_empty())
        .then(|| (base.to_string(), "s"));
    }
    let lower = word.to_lowercase();
    if lower.len() < 6 || !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if !cx.dict.known_misspelling(&lower).is_empty() {
        return None;
    }
    // The plural of an agent noun or a noun-like adjective the lists have,
    // however rare, is that even when a word is one edit away (`accessors`,
    // not `accessory`; `licensors`, `prefetchers`).
    if let Some(base) = lower.strip_suffix('s') {
        if base.len() >= 6
            && AGENT_ENDINGS.iter().any(|e| base.ends_with(e))
            && cx.check(base) == Known::Yes
        {
            return Some((base.to_string(), "s"));
        }
    }
    // A word in -y after a consonant, its y turned to i before an ending
    // (`proxied`, `proxies`, `flakier`): a regular form, unless a common
    // word other than another form of it is one slip away.
    if let Some((base, ending, bent)) = y_to_i(cx, &lower) {
        let other_slip = s.list.iter().any(|c| {
            let w = c.word.to_lowercase();
            c.distance <= 1
                && !c.rare
                && !c.word.contains(' ')
                && !w.starts_with(bent)
                && slip_shaped(&lower, &w)
        });
        return (!other_slip).then_some((base, ending));
    }
    // A common word one slip of the fingers away makes a slip likelier,
    // unless it is the stem itself (`suppression` for `suppressions`).
    if s.list.iter().any(|c| {
        c.distance <= 1
            && !c.rare
            && !c.word.contains(' ')
            && !lower.starts_with(&c.word.to_lowercase())
            && slip_shaped(&lower, &c.word.to_lowercase())
    }) {
        return None;
    }
    if let Some((stem, ending)) = suffixed(cx, &lower) {
        return Some((stem.to_string(), ending));
    }
    // The rest a common word (not `cion` in `precion`); `un` makes
    // adjectives of adjectives and participles, not of nouns
    // (`unconscience`).
    PREFIXES.iter().find_map(|&prefix| {
        let rest = lower.strip_prefix(prefix)?;
        let common =
            cx.check(rest) == Known::Yes && cx.dict.entry(rest).is_some_and(|e| !e.is_rare());
        (rest.len() >= 4
            && (common || suffixed(cx, rest).is_some())
            && (prefix != "un" || ADJECTIVE_ENDINGS.iter().any(|e| rest.ends_with(e))))
        .then(|| (rest.to_string(), prefix))
    })
}

/// Each word of a solid compound must be this common.
const SOLID_PART_COUNT: u64 = 100_000;

/// An unknown lowercase word that is two common content words written as
/// one (`risktakers`, `warfighters`, `ashheaps`), and no common word is
/// within two edits of it (`carefull` is a slip for `careful`, not `care` +
/// `full`; `evething` for `everything`, not `eve` + `thing`):
/// a compound the word lists lack or a lost hyphen, reported as `info`
/// rather than as an error. The two words, if so.
pub(super) fn content_compound<'w>(
    cx: &Context<'_>,
    word: &'w str,
    s: &Suggestions,
) -> Option<(&'w str, &'w str)> {
    if word.len() < 7 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if !cx.dict.known_misspelling(word).is_empty()
        || s.list
            .iter()
            .any(|c| c.distance <= 2 && !c.rare && !c.word.contains(' '))
    {
        return None;
    }
    (3..=word.len() - 3).find_map(|i| {
        let (l, r) = word.split_at_checked(i)?;
        let content = |w: &str| {
            !is_function_word(w)
                && cx.check(w) == Known::Yes
                && cx.dict.count(w) >= SOLID_PART_COUNT
        };
        (content(l) && content(r)).then_some((l, r))
    })
}

/// The word after a prefix must be this common (and five letters or more:
/// `dis`+`tart` is no word).
const PREFIX_BASE_COUNT: u64 = 100_000;

/// Each word of a closed compound must be this common (and three letters or
/// more).
const COMPOUND_PART_COUNT: u64 = 1_000_000;

/// Two words make a closed compound only when they are a pair at least this
/// frequent (`red tape`, `power plants`; not `style guide`).
const COMPOUND_MIN_PAIR: u64 = 10_000_000;

/// A pair this frequent written as one word is a slip (`alot`, `infront`:
/// the fragment rule's), not a compound.
const COMPOUND_MAX_PAIR: u64 = 100_000_000;

/// A closed compound that edited prose uses but word lists lack: a free
/// prefix and a common word (`counterterrorism`, `unobligated`), or two
/// common words that are a frequent pair but not so frequent a pair that
/// writing it as one word is a slip (`redtape`, `powerplants`). Known
/// misspellings (`untill`) are never compounds.
pub(super) fn closed_compound(cx: &Context<'_>, word: &str, sentence_start: bool) -> bool {
    let case = case_of(word);
    if !(case == Case::Lower || (case == Case::Title && sentence_start)) || word.len() < 7 {
        return false;
    }
    let lower = word.to_lowercase();
    if !lower.bytes().all(|b| b.is_ascii_lowercase())
        || !cx.dict.known_misspelling(&lower).is_empty()
    {
        return false;
    }
    let common = |w: &str, min: u64| cx.check(w) == Known::Yes && cx.dict.count(w) >= min;
    // `un` makes adjectives of adjectives and participles (`unobligated`),
    // not of nouns (`unconscience`).
    let adjectival = |w: &str| {
        [
            "ed", "ing", "able", "ible", "al", "ful", "ive", "ent", "ant", "ous", "ic", "ary",
        ]
        .iter()
        .any(|s| w.ends_with(s))
    };
    let prefixed = PREFIXES.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            rest.len() >= 5 && (*p != "un" || adjectival(rest)) && common(rest, PREFIX_BASE_COUNT)
        })
    });
    if prefixed {
        return true;
    }
    (3..=lower.len() - 3).any(|i| {
        let (l, r) = lower.split_at(i);
        if !common(l, COMPOUND_PART_COUNT) || !common(r, COMPOUND_PART_COUNT) {
            return false;
        }
        let pair = cx.dict.bigram(l, r);
        (COMPOUND_MIN_PAIR..COMPOUND_MAX_PAIR).contains(&pair)
    })
}

/// Whether `lower` is a known word (three letters or more) plus a regular
/// ending: `-s`, `-es`, `-d`, `-ed`, `-ing`, `-er(s)`, `-r(s)` after `e`,
/// with the final consonant doubled or not (`benefit` → `benefitted`).
pub(super) fn inflects_known(dict: &Dictionary, lower: &str) -> bool {
    let known = |stem: &str| stem.chars().count() >= 3 && dict.check(stem) == Known::Yes;
    for suffix in ["s", "es", "d", "ed", "ing", "er", "ers", "r", "rs"] {
        let Some(stem) = lower.strip_suffix(suffix) else {
            continue;
        };
        if suffix.starts_with(['d', 'r']) && !stem.ends_with('e') {
            continue;
        }
        if known(stem) {
            return true;
        }
        // A doubled final consonant: `benefitt`+`ed`.
        let mut rev = stem.chars().rev();
        if let (Some(a), Some(b)) = (rev.next(), rev.next()) {
            if a == b && !"aeiou".contains(a) && suffix.starts_with(['e', 'i']) {
                let single = stem.strip_suffix(a).unwrap_or(stem);
                if known(single) {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether `typo` is one slip of the fingers from `word` (both lowercase):
/// a letter left out, two neighbours swapped, a letter struck for one
/// beside it on the keyboard, for one that sounds alike or for another
/// vowel, or an extra letter that doubles or sits beside (on the keyboard)
/// a letter next to it. Inserting an unrelated letter (`nodes` → `inodes`)
/// or striking a distant one (`makeups` → `wakeups`) is not a slip's shape.
pub(super) fn slip_shaped(typo: &str, word: &str) -> bool {
    use crate::suggest::{keyboard_adjacent, sound_alike};
    let t: Vec<char> = typo.chars().collect();
    let w: Vec<char> = word.chars().collect();
    let vowel = |c: char| "aeiouy".contains(c);
    if t.len() + 1 == w.len() {
        // A letter left out.
        return (0..w.len()).any(|i| w.get(..i) == t.get(..i) && w.get(i + 1..) == t.get(i..));
    }
    if t.len() == w.len() + 1 {
        // An extra letter, doubling or beside a neighbour.
        return (0..t.len()).any(|i| {
            let Some(&x) = t.get(i) else {
                return false;
            };
            t.get(..i) == w.get(..i)
                && t.get(i + 1..) == w.get(i..)
                && [i.checked_sub(1), Some(i + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|j| t.get(j))
                    .any(|&n| n == x || keyboard_adjacent(x, n))
        });
    }
    if t.len() != w.len() {
        return false;
    }
    let diff: Vec<usize> = (0..t.len()).filter(|&i| t.get(i) != w.get(i)).collect();
    match diff.as_slice() {
        [i] => t.get(*i).zip(w.get(*i)).is_some_and(|(&a, &b)| {
            keyboard_adjacent(a, b) || sound_alike(a, b) || (vowel(a) && vowel(b))
        }),
        [i, j] => *j == i + 1 && t.get(*i) == w.get(*j) && t.get(*j) == w.get(*i),
        _ => false,
    }
}
