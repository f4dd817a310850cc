//! A word the link around it spells too (`[tokio](https://tokio.rs)`).

use std::ops::Range;

use super::shape::strip_possessive;

/// The longest link text and target looked at, in bytes.
const LINK_WINDOW: usize = 512;

/// Whether the word at `span` is in the text of an inline Markdown link
/// (`[... word ...](target)`, on one line) whose target, less its
/// `#fragment`, has the word in any case as a whole part or as the start of
/// its host's name: a page or a package named by it. A heading's anchor (`#recieve-data`) is no evidence: it copies
/// the heading, typo and all.
pub(super) fn named_by_link(text: &str, span: Range<usize>, word: &str) -> bool {
    // Only the window before the word is searched, for the line's start
    // too: a long line with many unknown words is not read once per word.
    let mut lo = span.start.saturating_sub(LINK_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let window = text.get(lo..span.start).unwrap_or("");
    let before = window
        .rfind('\n')
        .and_then(|i| window.get(i + 1..))
        .unwrap_or(window);
    // An opening `[` with no `]` after it.
    match (before.rfind('['), before.rfind(']')) {
        (Some(open), close) if close.is_none_or(|c| c < open) => {}
        _ => return false,
    }
    let after = text
        .get(span.end..text.len().min(span.end + LINK_WINDOW))
        .or_else(|| text.get(span.end..))
        .unwrap_or("");
    let after = after.split('\n').next().unwrap_or("");
    let Some(close) = after.find(']') else {
        return false;
    };
    if after.get(..close).is_some_and(|t| t.contains('[')) {
        return false;
    }
    let Some(target) = after.get(close + 1..).and_then(|t| t.strip_prefix('(')) else {
        return false;
    };
    let target = target
        .split([')', ' ', '#'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let stem = strip_possessive(word).to_lowercase();
    if stem.chars().count() < 3 {
        return false;
    }
    // A whole part of the target (`/pkg/compress/flate/`), or the start of
    // its host's name (`mobyproject.org`); not any substring: a letter
    // dropped at the end (`instal`) is inside the word it slipped from.
    let host = target
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .map(|h| h.trim_start_matches("www."))
        .and_then(|h| h.split('.').next());
    target
        .split(|c: char| !c.is_alphanumeric())
        .any(|part| part == stem)
        || host.is_some_and(|h| h.starts_with(&stem) && h.len() > stem.len() + 2)
}

/// A verb made of a name, a command or an abbreviation with an apostrophe
/// before its ending (`exec'ing`, `cd’ing`, `DM'd`, `OK'ed`): the stem and
/// the ending, when the stem has two letters or more.
pub(super) fn verb_of_a_name(word: &str) -> Option<(&str, &str)> {
    let at = word.rfind(['\'', '’'])?;
    let (stem, ending) = (word.get(..at)?, word.get(at..)?);
    let bare = ending.get(ending.chars().next()?.len_utf8()..)?;
    (matches!(bare, "ing" | "ed" | "d") && stem.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .then_some((stem, ending))
}
