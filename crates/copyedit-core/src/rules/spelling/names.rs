//! Evidence that an unknown word is a name or a label: beside a name, in
//! a list of names, a short list item or table cell, a title-cased heading,
//! a hyphenated name; and whether a capitalised word is a slip of a
//! common one.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::super::Context;
use super::derived::compound;
use super::shape::strip_possessive;
use super::NAME_NEAR_COUNT;
use crate::dictionary::{case_of, normalize_apostrophes, Case, Dictionary, Known};
use crate::rules::common::NAME_PARTICLES;
use crate::suggest::Suggestions;
use crate::tokenize::{Token, TokenKind};

/// Whether word `i` is the first token of its block (after white space and
/// emphasis) and a colon follows it, perhaps after closing emphasis:
/// `Bitrig: development stopped`, `**Gleam:** a language`.
pub(super) fn term_label(text: &str, tokens: &[Token], i: usize) -> bool {
    let first = tokens
        .iter()
        .position(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Newline));
    if first != Some(i) {
        return false;
    }
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let after = text.get(tok.span.end..).unwrap_or("");
    let after = after.trim_start_matches(['*', '_']);
    after.starts_with(':') && !after.starts_with("::")
}

/// Whether another part of the hyphenated compound around word `i` is not
/// a common word (`io` in `io-uring`, `tokio` in `tokio-uring`): the
/// compound is a name or an identifier, not two slips.
pub(super) fn hyphen_name(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let Some(c) = compound(cx.text, tokens, i) else {
        return false;
    };
    let word = tokens.get(i).map_or("", |t| t.text(cx.text));
    let mut parts = c.split('-').filter(|p| !p.is_empty());
    parts.any(|p| {
        let p = strip_possessive(p);
        p != word
            && (p.bytes().any(|b| b.is_ascii_digit())
                || cx.check(p) != Known::Yes
                || cx
                    .dict
                    .entry(&p.to_lowercase())
                    .is_some_and(|e| e.is_rare()))
    })
}

/// A capitalised unknown word in Title Case is flagged when its first
/// suggestion is a known misspelling's correction, or a common word (not a
/// name, not rare) one edit away with the same first letter.
const TITLE_SLIP_COUNT: u64 = 1_000_000;

pub(super) fn title_slip(word: &str, s: &Suggestions) -> bool {
    s.list.first().is_some_and(|c| {
        c.known
            || (c.distance <= 1
                && !c.rare
                && !c.proper
                && c.count >= TITLE_SLIP_COUNT
                && !c.word.contains(' ')
                && c.word.chars().next() == word.chars().next())
    })
}

/// Whether the word next to token `i` on either side, one space between,
/// is capitalised and not a common word in lowercase: a name's other part;
/// or a middle initial (`Brandon W Maister`, `Brandon W. Maister`) or name
/// particles (`Fons van der Plas`) come before it, after a capitalised
/// word that is no common word; or particles and a capitalised word come
/// after it (`Fons`); or `and` joins it to a name (`Mert and Ankur`).
pub(super) fn beside_name(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let text_of = |j: usize| tokens.get(j).map(|t| t.text(cx.text));
    let space = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Space && t.text(cx.text) == " ")
    };
    let title = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Word && case_of(t.text(cx.text)) == Case::Title)
    };
    // Capitalised, and no common word (`Plan A Tests`).
    let name = |j: usize| {
        title(j) && text_of(j).is_some_and(|w| cx.check(&w.to_lowercase()) != Known::Yes)
    };
    let initial = |j: usize| {
        tokens.get(j).is_some_and(|t| {
            let w = t.text(cx.text);
            t.kind == TokenKind::Word && w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase())
        })
    };
    let particle = |j: usize| text_of(j).is_some_and(|w| NAME_PARTICLES.contains(&w));
    // The token one space before (`back`) or after token `j`.
    let step = |j: usize, back: bool| {
        if back {
            j.checked_sub(2).filter(|&k| space(k + 1))
        } else {
            space(j + 1).then_some(j + 2)
        }
    };
    // The word past the name particles next to `i`, if there are any.
    let past_particles = |back: bool| {
        let mut j = step(i, back).filter(|&k| particle(k))?;
        while particle(j) {
            j = step(j, back)?;
        }
        Some(j)
    };
    // `Fons van der Plas`: a first name before the particles, any
    // capitalised word after them.
    if past_particles(true).is_some_and(name) || past_particles(false).is_some_and(title) {
        return true;
    }
    // `W Maister` or `W. Maister` after a first name.
    if let Some(before) = step(i, true) {
        let at = if text_of(before) == Some(".") {
            before.checked_sub(1)
        } else {
            Some(before)
        };
        if at.is_some_and(|at| initial(at) && step(at, true).is_some_and(name)) {
            return true;
        }
    }
    // Beside a name, or joined to one by `and` (`Mert and Ankur`).
    let and_then_name = |back: bool| {
        step(i, back)
            .filter(|&j| text_of(j) == Some("and"))
            .and_then(|j| step(j, back))
            .is_some_and(name)
    };
    step(i, true).is_some_and(name)
        || step(i, false).is_some_and(name)
        || and_then_name(false)
        || and_then_name(true)
}

/// Whether a block is a list of names: at least [`NAME_LIST_COMMAS`] commas,
/// and capitalised words make up at least two in five of its words
/// (contributors in release notes, `Thanks to Ben Balter, parkr, ...`).
const NAME_LIST_COMMAS: usize = 4;

pub(super) fn name_list(text: &str, tokens: &[Token]) -> bool {
    let (mut words, mut capitals, mut commas) = (0usize, 0usize, 0usize);
    for t in tokens {
        match t.kind {
            TokenKind::Word => {
                words += 1;
                if t.text(text).chars().next().is_some_and(char::is_uppercase) {
                    capitals += 1;
                }
            }
            TokenKind::Punct if t.text(text) == "," => commas += 1,
            _ => {}
        }
    }
    commas >= NAME_LIST_COMMAS && capitals * 5 >= words * 2
}

/// A list item or table cell of at most this many words, none of them a
/// common lowercase word, names something (`- Aki`, `- nscyclone`,
/// `| Caley Woods |`): a list of contributors, a column of names.
const LABEL_WORDS: usize = 3;

/// Whether block `b` (its `tokens`) is such a short label.
pub(super) fn short_label(cx: &Context<'_>, b: usize, tokens: &[Token]) -> bool {
    use crate::document::BlockKind;
    if !cx
        .doc
        .blocks
        .get(b)
        .is_some_and(|b| matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell))
    {
        return false;
    }
    let mut words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    let mut n = 0;
    words.all(|t| {
        n += 1;
        let w = t.text(cx.text);
        n <= LABEL_WORDS
            && (w.chars().next().is_some_and(char::is_uppercase) || cx.check(w) != Known::Yes)
    })
}

/// Whether word `i` stands as an item of a list of names: each neighbour
/// (across spaces) is a separator (`,`, `and`, `&`, the block's edge, a
/// full stop after), a capitalised word (`Pat Hawks`), a particle (`Martijn
/// den Hoedt`) or another unknown word (`akira yamada`). Not `Alfred Xing
/// ofr their commits`.
pub(super) fn list_item(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let text = cx.text;
    let fits = |t: Option<&Token>| match t {
        None => true,
        Some(t) => {
            let w = t.text(text);
            matches!(w, "," | "and" | "&" | "." | "!" | ")" | "(" | ";")
                || (t.kind == TokenKind::Word
                    && (w.chars().next().is_some_and(char::is_uppercase)
                        || NAME_PARTICLES.contains(&w)
                        || cx.check(w) != Known::Yes))
        }
    };
    let solid = |t: &&Token| !matches!(t.kind, TokenKind::Space | TokenKind::Newline);
    let before = tokens.get(..i).and_then(|b| b.iter().rev().find(solid));
    let after = tokens.get(i + 1..).and_then(|a| a.iter().find(solid));
    fits(before) && fits(after)
}

/// Short words Title Case leaves in lowercase (`Office of the Director`).
const TITLE_SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Whether the nearest word before or after token `i` (across spaces and
/// Title Case's small words, within three words) is a capitalised word
/// whose lowercase form is a common word: `Project` in `Project Managment`.
pub(super) fn in_title_case(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let styled = |t: &Token| {
        let w = t.text(cx.text);
        // Its lowercase spelling itself is listed: a common word, not a
        // name (`Ivan` is stored capitalised, so `Ivan Tse` is no heading).
        case_of(w) == Case::Title
            && w.chars().count() >= 3
            && cx
                .dict
                .entry(&w.to_lowercase())
                .is_some_and(|e| cx.dict.accepts(e) && !e.is_rare())
    };
    let look = |forward: bool| {
        let mut j = i;
        let mut words = 0;
        loop {
            j = if forward { j + 1 } else { j.checked_sub(1)? };
            let t = tokens.get(j)?;
            match t.kind {
                TokenKind::Space => continue,
                TokenKind::Word => {
                    words += 1;
                    if styled(t) {
                        return Some(true);
                    }
                    let lower = t.text(cx.text);
                    if words >= 3 || !TITLE_SMALL.contains(&lower) {
                        return Some(false);
                    }
                }
                _ => return Some(false),
            }
        }
    };
    look(false) == Some(true) || look(true) == Some(true)
}

/// Whether the word after token `i`, after one space, is capitalised and
/// not the pronoun `I`.
pub(super) fn before_capital(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let text = cx.text;
    let (Some(space), Some(next)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
        return false;
    };
    let word = next.text(text);
    // Before a capitalised common word (`Advanecd Configuration`, `Add
    // Supranode` in a Title Case heading or a changelog) the capital is the
    // heading's style, not a name's.
    space.text(text) == " "
        && next.kind == TokenKind::Word
        && word != "I"
        && matches!(case_of(word), Case::Title | Case::Mixed)
        && cx.check(&word.to_lowercase()) != Known::Yes
}

/// Whether a capitalised unknown word mid-sentence could be flagged at all:
/// whether it is a listed misspelling, or a common proper name one
/// transposition away (the two ways the suggestion list can show it is a
/// slip, not a name). A necessary condition for the test on the list, found
/// without ranking suggestions: one word in two that reaches the rule is a
/// name used once, and most are far from every dictionary word, where a
/// full search is at its dearest. Memoised per thread.
pub(super) fn may_be_slip_of_name(dict: &Dictionary, word: &str) -> bool {
    slip_memo(dict, word, 0, |lower| {
        !dict.known_misspelling(lower).is_empty()
            || dict.near(lower, 1).iter().any(|(form, e)| {
                dict.accepts(*e)
                    && e.count >= NAME_NEAR_COUNT
                    && case_of(form) != Case::Lower
                    && is_transposition(word, form)
            })
    })
}

/// A capitalised word this long that is one edit from a common lowercase
/// word is a slip of it rather than a name.
const LONG_SLIP_LEN: usize = 7;

/// Whether a capitalised word of [`LONG_SLIP_LEN`] letters or more is one
/// edit from a common word (not a name, at least [`TITLE_SLIP_COUNT`] uses)
/// with the same first letter: `Applicaion`, `Wrnings`, `Respegct`. Names
/// that long are seldom that close to a common word.
pub(super) fn long_slip(dict: &Dictionary, word: &str) -> bool {
    if word.chars().count() < LONG_SLIP_LEN {
        return false;
    }
    slip_memo(dict, word, 1, |lower| {
        dict.near(lower, 1).iter().any(|(form, e)| {
            dict.accepts(*e)
                && !e.is_rare()
                && e.count >= TITLE_SLIP_COUNT
                && case_of(form) == Case::Lower
                && form.chars().next() == lower.chars().next()
                && !lower.starts_with(form)
        })
    })
}

/// Dictionary, question and word of a memoised [`slip_memo`] answer.
type SlipKey = (u64, u8, Box<str>);

/// Memoised per thread: the answer of `test` for the lowercase `word`, by
/// dictionary and question (`which`).
fn slip_memo(dict: &Dictionary, word: &str, which: u8, test: impl FnOnce(&str) -> bool) -> bool {
    thread_local! {
        static SEEN: RefCell<FxHashMap<SlipKey, bool>> = RefCell::default();
    }
    let key = (dict.cache_id(), which, Box::<str>::from(word));
    if let Some(hit) = SEEN.with(|m| m.borrow().get(&key).copied()) {
        return hit;
    }
    // The candidates `suggest` ranks come from the dictionary (names known
    // only from the name lists are never candidates) or the list of known
    // misspellings; a transposition is one edit away.
    let maybe = test(&normalize_apostrophes(word).to_lowercase());
    SEEN.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 100_000 {
            m.clear();
        }
        m.insert(key, maybe);
    });
    maybe
}

/// Whether `a` is `b` with two adjacent letters swapped (ignoring case).
pub(super) fn is_transposition(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a.get(i) != b.get(i)).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && a.get(*i) == b.get(*j) && a.get(*j) == b.get(*i))
}
