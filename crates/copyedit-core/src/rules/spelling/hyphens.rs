//! Hyphens and dashes: prefixes and endings written apart (`mis-`, `-ing`),
//! words cut off or drawn out across dashes.

use std::ops::Range;

use super::super::Context;
use crate::dictionary::Known;

/// Prefixes that make new words freely (`bio`terrorism, `un`obligated,
/// `de`randomized).
pub(super) const PREFIXES: [&str; 35] = [
    "anti", "bio", "co", "counter", "cyber", "de", "dis", "eco", "geo", "hyper", "inter", "intra",
    "macro", "mega", "meta", "micro", "mid", "mini", "mis", "multi", "neo", "non", "out", "over",
    "post", "pre", "pro", "proto", "re", "semi", "sub", "super", "trans", "tri", "un",
];

/// A free prefix written before a hyphen and a word (`un-American`,
/// `intra-departmental`, `inter- and intra-departmental`) is not a word of
/// its own.
pub(super) fn prefix_before_hyphen(text: &str, end: usize, word: &str) -> bool {
    let hyphen_then_word = text
        .get(end..)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphabetic);
    hyphen_then_word && PREFIXES.contains(&word.to_lowercase().as_str())
}

/// Whether a dash run (`—`, `–`, `-—`, `———`) with an em or en dash in it
/// starts at byte `at`; its end.
fn dash_run(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let len: usize = rest
        .chars()
        .take_while(|c| matches!(c, '—' | '–' | '-'))
        .map(char::len_utf8)
        .sum();
    let run = rest.get(..len)?;
    run.contains(['—', '–']).then_some(at + len)
}

/// Whether a dash run with an em or en dash in it ends at byte `at`; its
/// start.
fn dash_run_before(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?;
    let len: usize = before
        .chars()
        .rev()
        .take_while(|c| matches!(c, '—' | '–' | '-'))
        .map(char::len_utf8)
        .sum();
    let run = before.get(at - len..)?;
    run.contains(['—', '–']).then_some(at - len)
}

/// Suffixes written after a hyphen to coin a word: `Management-ese`,
/// `Jekyll-ize`, `Kafka-esque`.
const HYPHEN_SUFFIXES: [&str; 11] = [
    "ed", "ese", "esque", "ing", "ize", "ise", "ify", "ish", "ism", "ist", "ness",
];

/// Whether `word` is a coining suffix written after a word and a hyphen.
pub(super) fn suffix_after_hyphen(text: &str, start: usize, word: &str) -> bool {
    let before = text.get(..start).unwrap_or("");
    before
        .strip_suffix('-')
        .is_some_and(|b| b.chars().next_back().is_some_and(char::is_alphabetic))
        && HYPHEN_SUFFIXES.contains(&word.to_lowercase().as_str())
}

/// A word cut off by a dash, the start of a real word: `I'm all out of
/// prac—`, `dinn—” she checked herself`, `experi-—what we're seeing`.
pub(super) fn cut_off(cx: &Context<'_>, span: Range<usize>, word: &str) -> bool {
    dash_run(cx.text, span.end).is_some() && cx.dict.extends(&word.to_lowercase())
}

/// Letters of a word drawn out across dashes, as in a song or a cry:
/// `Beau—ootiful Soo—oop`. The pieces joined, with doubled letters made
/// single, are a known word or one edit from a common one (`beautiful`).
pub(super) fn drawn_out(cx: &Context<'_>, span: Range<usize>) -> bool {
    let text = cx.text;
    let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let mut start = span.start;
    let mut end = span.end;
    let mut pieces = 1;
    // Pieces before: `Beau—` for `ootiful`.
    while let Some(run) = dash_run_before(text, start) {
        let before = text.get(..run).unwrap_or("");
        let len: usize = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if len == 0 || pieces >= 8 {
            break;
        }
        start = run - len;
        pieces += 1;
    }
    // Pieces after: `—oop` for `Soo`.
    while let Some(run) = dash_run(text, end) {
        let after = text.get(run..).unwrap_or("");
        let len: usize = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if len == 0 || pieces >= 8 {
            break;
        }
        end = run + len;
        pieces += 1;
    }
    if pieces < 2 {
        return false;
    }
    let Some(chain) = text.get(start..end) else {
        return false;
    };
    let mut joined = String::with_capacity(chain.len());
    for c in chain.chars().flat_map(char::to_lowercase) {
        if c.is_alphabetic() && !joined.ends_with(c) {
            joined.push(c);
        }
    }
    if !letters(&joined) || joined.chars().count() < 3 {
        return false;
    }
    cx.check(&joined) == Known::Yes
        || cx.dict.near(&joined, 1).iter().any(|(w, e)| {
            cx.dict.accepts(*e) && !e.is_rare() && e.count >= DRAWN_OUT_COUNT && w.len() > 3
        })
}

/// A drawn-out word must be one edit from a word at least this common.
const DRAWN_OUT_COUNT: u64 = 1_000_000;
