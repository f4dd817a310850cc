//! Helpers more than one rule uses, so that no rule reaches into another:
//! function words, names' particles, dialect spellings, words glued to
//! identifiers.

use super::Context;
use crate::dictionary::Known;
use crate::tokenize::{Token, TokenKind};

/// Words that do not make closed compounds: run together with another word
/// they are a slip (`toknow`, `stayat`, `alot`, `eachother`).
const FUNCTION_WORDS: [&str; 70] = [
    "a", "also", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "could", "do",
    "each", "every", "for", "from", "had", "has", "have", "he", "her", "here", "his", "i", "if",
    "in", "into", "is", "it", "its", "just", "many", "me", "more", "most", "much", "my", "no",
    "not", "of", "on", "onto", "or", "our", "should", "so", "some", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "upon", "us", "very",
    "was", "we", "were", "with", "would",
];

/// A text with more distinct unknown words than this is no prose (random
/// strings, a word list, another language): the word rules stop giving the
/// words past it their full, costly attention (`spelling` ranks no
/// suggestions for them, `fragment` tries no splits). Large changelogs,
/// full of names and handles, have a few hundred.
pub(crate) const UNKNOWN_BUDGET: usize = 2_000;

/// Whether `w` (lowercase) is a function word (see [`FUNCTION_WORDS`]).
pub(crate) fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(&w)
}

/// Dialect spelling with the final g dropped and marked: `goin’`, `comin'`.
pub(crate) fn dropped_g(cx: &Context<'_>, tokens: &[Token], i: usize, word: &str) -> bool {
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let apostrophe_follows = tokens
        .get(i + 1)
        .is_some_and(|t| t.span.start == tok.span.end && matches!(t.text(cx.text), "'" | "’"));
    apostrophe_follows && word.ends_with("in") && cx.check(&format!("{word}g")) == Known::Yes
}

/// Lowercase particles of personal names (`Ursula von der Leyen`,
/// `Ibn Khaldun`'s `ibn`, `Leonardo da Vinci`, `zu Guttenberg`).
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "bint", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du",
    "ibn", "la", "le", "ter", "van", "von", "zu", "af", "av",
];

/// A name particle before a capitalised word, perhaps through a second
/// particle (`von der Leyen`): part of a name, not a word to check.
pub(crate) fn name_particle(text: &str, tokens: &[Token], i: usize, word: &str) -> bool {
    if !NAME_PARTICLES.contains(&word) {
        return false;
    }
    let mut j = i;
    for _ in 0..2 {
        let (Some(space), Some(next)) = (tokens.get(j + 1), tokens.get(j + 2)) else {
            return false;
        };
        if space.text(text) != " " || next.kind != TokenKind::Word {
            return false;
        }
        let next_text = next.text(text);
        if next_text.starts_with(char::is_uppercase) {
            return true;
        }
        if !NAME_PARTICLES.contains(&next_text) {
            return false;
        }
        j += 2;
    }
    false
}

/// Whether word token `i` is glued to an identifier or path character
/// (`to_str`, `src/the`, `obj.the`, `f(`), so is not prose.
pub(crate) fn in_identifier(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let glue = |t: &Token| {
        t.kind != TokenKind::Punct || matches!(t.text(text), "_" | "/" | "\\" | "@" | "=" | "(")
    };
    let before = i
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .filter(|t| t.span.end == tok.span.start && !t.is_space());
    let after = tokens
        .get(i + 1)
        .filter(|t| t.span.start == tok.span.end && !t.is_space());
    let dotted =
        |t: Option<&Token>| t.is_some_and(|t| t.is_word() && t.span.start == tok.span.end + 1);
    before.is_some_and(|t| glue(t) && t.text(text) != "(")
        || after.is_some_and(|t| glue(t) || (t.text(text) == "." && dotted(tokens.get(i + 2))))
}
