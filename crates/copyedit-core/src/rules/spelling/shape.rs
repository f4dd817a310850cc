//! The shape of the text around a word: possessives, code against it,
//! old words after an apostrophe, units after numbers, Roman numerals.

use std::ops::Range;

use crate::tokenize::{Token, TokenKind};

pub(crate) fn strip_possessive(w: &str) -> &str {
    for s in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = w.strip_suffix(s) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    w
}

/// Whether the word at `span` touches a slash (with a letter beyond it), a
/// dot after a letter (`web.dev’s`), an opening bracket after it, or a
/// closing bracket before it.
pub(super) fn code_shaped(text: &str, span: Range<usize>) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let after_mark = |mark: char| {
        before
            .strip_suffix(mark)
            .is_some_and(|b| letter(b.chars().next_back()))
    };
    after_mark('.')
        || after_mark('/')
        || after
            .strip_prefix('/')
            .is_some_and(|a| letter(a.chars().next()))
        || after.starts_with('(')
        || before.ends_with(')')
}

/// Old words that lost their first letters to an apostrophe (`’tis`,
/// `’twas`, `’neath`): accepted after one.
const APHETIC: &[&str] = &[
    "tis", "twas", "twere", "twill", "twould", "neath", "gainst", "twixt", "tween",
];

/// Whether the word is one of [`APHETIC`] right after an apostrophe that
/// begins a word (`Oh, ’tis love`).
pub(super) fn aphetic(text: &str, tokens: &[Token], i: usize, word: &str) -> bool {
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let apostrophe = i
        .checked_sub(1)
        .and_then(|j| tokens.get(j))
        .filter(|t| t.span.end == tok.span.start && matches!(t.text(text), "'" | "’"));
    let Some(apostrophe) = apostrophe else {
        return false;
    };
    // The apostrophe starts the word: white space, an opening mark or
    // nothing before it (not `don’tis`).
    let word_start = text
        .get(..apostrophe.span.start)
        .and_then(|b| b.chars().next_back())
        .is_none_or(|c| c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '[' | '—' | '–'));
    word_start && APHETIC.contains(&word.to_lowercase().as_str())
}

/// Abbreviated units the word lists lack, accepted only after a number:
/// `0.36 ns`, `12 µs`, `20 mins`, `5 mcg`, `400 nm`, `30 kts`.
const UNITS: &[&str] = &[
    "ns", "µs", "μs", "mins", "secs", "hrs", "wks", "yrs", "mos", "kmh", "kph", "mcg", "µg", "μg",
    "dl", "nm", "µm", "μm", "kbps", "Kbps", "px", "ppb", "kts", "nmi", "GiB", "MiB", "KiB", "TiB",
];

/// An abbreviated unit after a number, with at most one space between
/// (`0.36 ns`, `20 mins`).
pub(super) fn unit_after_number(text: &str, tokens: &[Token], i: usize, word: &str) -> bool {
    if !UNITS.contains(&word) {
        return false;
    }
    let before = |k: usize| i.checked_sub(k).and_then(|j| tokens.get(j));
    match before(1) {
        Some(t) if t.kind == TokenKind::Number => true,
        Some(t) if t.kind == TokenKind::Space && t.text(text) == " " => {
            before(2).is_some_and(|n| n.kind == TokenKind::Number)
        }
        _ => false,
    }
}

/// Whether `w` is a lowercase Roman numeral (`ii`, `iv`, `xiv`).
pub(super) fn is_roman_numeral(w: &str) -> bool {
    let mut rest = w;
    // Thousands, then each decimal place with its own three letters.
    rest = rest.trim_start_matches('m');
    if rest.len() + 3 < w.len() {
        return false;
    }
    for (one, five, ten) in [('c', 'd', 'm'), ('x', 'l', 'c'), ('i', 'v', 'x')] {
        let nine: String = [one, ten].iter().collect();
        let four: String = [one, five].iter().collect();
        if let Some(r) = rest.strip_prefix(nine.as_str()) {
            rest = r;
        } else if let Some(r) = rest.strip_prefix(four.as_str()) {
            rest = r;
        } else {
            rest = rest.strip_prefix(five).unwrap_or(rest);
            let before = rest.len();
            rest = rest.trim_start_matches(one);
            if before - rest.len() > 3 {
                return false;
            }
        }
    }
    !w.is_empty() && rest.is_empty()
}

/// A lowercase Roman numeral that numbers a clause or a list item:
/// `(ii)`, `[iv]`, `clause (iii)`, `or ii) the`, or `vi.` at the start of a
/// line.
/// Legal and official prose numbers its parts so; elsewhere `ii` is a slip.
pub(super) fn numeral_marker(text: &str, span: Range<usize>, word: &str) -> bool {
    if !is_roman_numeral(word) {
        return false;
    }
    let before = text.get(..span.start).unwrap_or_default();
    let after = text.get(span.end..).unwrap_or_default();
    let bracketed = (before.ends_with('(') && after.starts_with(')'))
        || (before.ends_with('[') && after.starts_with(']'));
    let line_start = before
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.trim().is_empty());
    // `i) the code or ii) the version`: a closing bracket alone numbers
    // items inside a sentence too.
    let inline = before.is_empty() || before.ends_with(char::is_whitespace);
    bracketed || (inline && after.starts_with(')')) || (line_start && after.starts_with(". "))
}

/// Letters written against inline code with no space or with a hyphen, an
/// ending or a prefix of the code's word (`` `.await`ing ``, `` `impl`ing ``,
/// `` un`pin` ``, `` `import`-ing ``), or against an escaped underscore
/// (`cmd\_regen`): part of the identifier, not a word of its own.
pub(super) fn glued_to_code(text: &str, tokens: &[Token], i: usize) -> bool {
    let code = |t: Option<&Token>| {
        t.is_some_and(|t| t.kind == TokenKind::Opaque && t.text(text).starts_with('`'))
    };
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    // An escaped underscore joining an identifier (`cmd\_regen\_makefile`).
    let escaped = |s: Option<&str>| s == Some("\\_");
    if escaped(
        tok.span
            .start
            .checked_sub(2)
            .and_then(|a| text.get(a..tok.span.start)),
    ) || escaped(text.get(tok.span.end..tok.span.end + 2))
    {
        return true;
    }
    let before = i
        .checked_sub(1)
        .and_then(|j| tokens.get(j))
        .filter(|t| t.span.end == tok.span.start);
    let after = tokens.get(i + 1).filter(|t| t.span.start == tok.span.end);
    if code(before) || code(after) {
        return true;
    }
    // Or with a hyphen between: `` `import`-ing ``, `` non-`Send` ``.
    let touching = |a: &Token, b: &Token| a.span.end == b.span.start;
    let hyphen = |t: &Token| t.text(text) == "-";
    let code_before = before.is_some_and(|h| {
        hyphen(h)
            && i.checked_sub(2)
                .and_then(|j| tokens.get(j))
                .is_some_and(|c| touching(c, h) && code(Some(c)))
    });
    let code_after = after.is_some_and(|h| {
        hyphen(h)
            && tokens
                .get(i + 2)
                .is_some_and(|c| touching(h, c) && code(Some(c)))
    });
    code_before || code_after
}
