//! Neighbouring words: the token next to a token across white space, in
//! the several senses the rules need. Each returns an index into the
//! tokens (or the word's text), never crossing another word or a mark.

use super::{Token, TokenKind};

/// Whether tokens `from..=to` follow one another with no byte between them:
/// no markup (emphasis markers, a link target, an HTML tag or comment) lies
/// between the first and the last. Rules that join two words across white
/// space ask this before they offer a fix spanning both: a fix may only edit
/// prose.
pub(crate) fn contiguous(tokens: &[Token], from: usize, to: usize) -> bool {
    tokens.get(from..=to).is_some_and(|run| {
        run.windows(2)
            .all(|w| matches!(w, [a, b] if a.span.end == b.span.start))
    })
}

/// The word token next to token `i` (after it when `forward`, else before
/// it) when one plain space separates them and no markup lies between
/// (index in `tokens`).
pub(crate) fn word_one_space_away(
    text: &str,
    tokens: &[Token],
    i: usize,
    forward: bool,
) -> Option<usize> {
    let (space, word) = if forward {
        (i + 1, i + 2)
    } else {
        (i.checked_sub(1)?, i.checked_sub(2)?)
    };
    let s = tokens.get(space)?;
    let w = tokens.get(word)?;
    (s.kind == TokenKind::Space
        && s.text(text) == " "
        && w.kind == TokenKind::Word
        && contiguous(tokens, i.min(word), i.max(word)))
    .then_some(word)
}

/// The word before token `i` with only white space between (index); not
/// across markup (`should <em>ld</em>`).
pub(crate) fn word_before_in_prose(tokens: &[Token], i: usize) -> Option<usize> {
    let mut j = i.checked_sub(1)?;
    while tokens.get(j)?.is_space() {
        j = j.checked_sub(1)?;
    }
    (tokens.get(j)?.kind == TokenKind::Word && contiguous(tokens, j, i)).then_some(j)
}

/// The word after token `i` with only white space between (index); not
/// across markup.
pub(crate) fn word_after_in_prose(tokens: &[Token], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while tokens.get(j)?.is_space() {
        j += 1;
    }
    (tokens.get(j)?.kind == TokenKind::Word && contiguous(tokens, i, j)).then_some(j)
}

/// The index of the first token after token `i` when only white space (with
/// at most one line break, and at least one white-space token) separates
/// them; the token may be of any kind.
pub(crate) fn token_after_space(tokens: &[Token], i: usize) -> Option<usize> {
    let mut newlines = 0;
    let mut j = i + 1;
    while let Some(t) = tokens.get(j) {
        match t.kind {
            TokenKind::Space => {}
            TokenKind::Newline => {
                newlines += 1;
                if newlines > 1 {
                    return None;
                }
            }
            _ => return (j > i + 1).then_some(j),
        }
        j += 1;
    }
    None
}

/// The text of the word before token `i`, if only white space (any amount)
/// separates them and something does (markup between is allowed).
pub(crate) fn spaced_word_before<'t>(text: &'t str, tokens: &[Token], i: usize) -> Option<&'t str> {
    let here = tokens.get(i)?;
    let t = tokens.get(..i)?.iter().rev().find(|t| !t.is_space())?;
    (t.kind == TokenKind::Word && t.span.end < here.span.start).then(|| t.text(text))
}

/// The text of the word after token `j`, as [`token_after_space`] finds it.
pub(crate) fn spaced_word_after<'t>(text: &'t str, tokens: &[Token], j: usize) -> Option<&'t str> {
    let t = tokens.get(token_after_space(tokens, j)?)?;
    (t.kind == TokenKind::Word).then(|| t.text(text))
}

/// The next word token after token `i` (before it when `forward` is
/// false), with only white space (one line break at most) or a hyphen
/// between (index). Like [`unhyphenated_word_beside`], but a hyphen joins
/// (`laissez-faire`) and a hyphenated word counts.
pub(crate) fn word_across_space_or_hyphen(
    text: &str,
    tokens: &[Token],
    i: usize,
    forward: bool,
) -> Option<usize> {
    let mut j = i;
    let mut breaks = 0;
    loop {
        j = if forward { j + 1 } else { j.checked_sub(1)? };
        let t = tokens.get(j)?;
        match t.kind {
            TokenKind::Word => return Some(j),
            TokenKind::Space => {}
            TokenKind::Newline => {
                breaks += 1;
                if breaks > 1 {
                    return None;
                }
            }
            TokenKind::Punct if t.text(text) == "-" => {}
            _ => return None,
        }
    }
}

/// The word token next to token `i` (after it when `forward`, else before
/// it) with only white space (one line break at most) between, unless it is
/// part of a hyphenated compound (index): the context word suggestions are
/// weighed by (`suggest::context_word`).
pub(crate) fn unhyphenated_word_beside(tokens: &[Token], i: usize, forward: bool) -> Option<usize> {
    let mut j = i;
    let mut breaks = 0;
    loop {
        j = if forward { j + 1 } else { j.checked_sub(1)? };
        let t = tokens.get(j)?;
        match t.kind {
            TokenKind::Space => {}
            TokenKind::Newline if breaks == 0 => breaks += 1,
            TokenKind::Word if !t.is_hyphenated() => return Some(j),
            _ => return None,
        }
    }
}
