//! Tests of the tokenizer: fast paths against reference scanners, and
//! the tokens of sample texts.

use super::scan::{ascii_letters, is_apostrophe, is_opening, is_word_char, scan, space_len};
use super::special::{special, MAX_SPECIAL_ATTEMPTS};
use super::*;

/// The word scanner before its byte table.
#[allow(clippy::indexing_slicing)]
/// A word (letters and inner apostrophes) or a number (an alphanumeric run
/// with a digit, joined by `.,:/-` between digits).
fn word_or_number_reference(s: &str) -> (TokenKind, usize) {
    let bytes = s.as_bytes();
    let mut has_digit = false;
    let mut has_alpha = false;
    let mut end = 0;
    let mut i = 0;
    loop {
        // ASCII letters and digits: the common case, byte by byte.
        while let Some(&b) = bytes.get(i) {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            let digit = b.is_ascii_digit();
            has_digit |= digit;
            has_alpha |= !digit;
            i += 1;
            end = i;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        if is_word_char(c) {
            has_digit |= c.is_numeric();
            has_alpha |= !c.is_numeric();
            i += len;
            end = i;
            continue;
        }
        let next = s.get(i + len..).and_then(|r| r.chars().next());
        let joins = if is_apostrophe(c) {
            has_alpha && !has_digit && next.is_some_and(char::is_alphabetic)
        } else if matches!(c, '.' | ',' | ':' | '/' | '-') {
            has_digit && next.is_some_and(|n| n.is_ascii_digit())
        } else {
            false
        };
        if !joins {
            break;
        }
        i += len;
    }
    let kind = if has_digit {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    (kind, end.max(1))
}

/// The scanner before its ASCII fast paths: the new one must agree.
#[allow(clippy::indexing_slicing)]
fn scan_reference(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    let base = span.start;
    let mut i = 0;
    let mut prev: Option<char> = None;
    // Failed `special` attempts since the last white space. Each attempt
    // reads to the end of the chunk, and a chunk of opening brackets would
    // make one at every character: quadratic. Real URLs and paths follow at
    // most a few brackets or quotes.
    let mut attempts = 0;
    while let Some(rest) = s.get(i..) {
        let Some(&b) = rest.as_bytes().first() else {
            break;
        };
        let c = if b < 0x80 {
            char::from(b)
        } else {
            let Some(c) = rest.chars().next() else {
                break;
            };
            c
        };
        let try_special = attempts < MAX_SPECIAL_ATTEMPTS
            && prev.is_none_or(|p| p.is_whitespace() || is_opening(p));
        let (kind, len) = if c == '\n' {
            (TokenKind::Newline, 1)
        } else if c == '\r' && s.as_bytes().get(i + 1) == Some(&b'\n') {
            (TokenKind::Newline, 2)
        } else if c == '\r' {
            (TokenKind::Newline, 1)
        } else if c.is_whitespace() {
            (TokenKind::Space, space_len(rest).max(c.len_utf8()))
        } else if let Some(special) = try_special
            .then(|| {
                attempts += 1;
                special(rest)
            })
            .flatten()
        {
            special
        } else if is_word_char(c) {
            word_or_number_reference(rest)
        } else {
            (TokenKind::Punct, c.len_utf8())
        };
        if matches!(kind, TokenKind::Space | TokenKind::Newline) {
            attempts = 0;
        }
        out.push(Token {
            kind,
            span: base + i..base + i + len,
            flags: 0,
        });
        prev = match rest.as_bytes().get(len.wrapping_sub(1)) {
            Some(&last) if last < 0x80 => Some(char::from(last)),
            _ => rest.get(..len).and_then(|t| t.chars().next_back()),
        };
        i += len;
    }
}

#[test]
fn fast_paths_agree_with_the_reference_scanner() {
    use proptest::prelude::*;
    let alphabet = prop::sample::select(vec![
        "a", "b", "Z", "e", "1", "0", " ", "  ", "\t", "\n", "\r", "\r\n", ".", ",", ":", "/",
        "\\", "@", "#", "-", "'", "’", "(", "\"", "“", "é", "ß", "\u{a0}", "\u{301}", "…", "www.",
        "http://", "x.com", "a.md", "_", "~", "ℕ", "٣", "\u{2003}", "e.g.", "?",
    ]);
    let mut runner =
        proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(4000));
    runner
        .run(&prop::collection::vec(alphabet, 0..40), |parts| {
            let text: String = parts.concat();
            let mut a = Vec::new();
            let mut b = Vec::new();
            scan(&text, 0..text.len(), &mut a);
            scan_reference(&text, 0..text.len(), &mut b);
            prop_assert_eq!(a, b, "{:?}", text);
            Ok(())
        })
        .unwrap();
}

/// The abbreviations `is_abbreviation` knows.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt", "Rev",
    "Hon", "Sen", "Rep", "Gov", "vs", "etc", "e", "i", "g", "No", "Fig", "Mt", "approx", "cf",
];

#[test]
fn abbreviations_by_length() {
    for word in ABBREVIATIONS {
        assert!(is_abbreviation(word), "{word}");
    }
    let lengths: usize = (1..=6)
        .map(|n| ABBREVIATIONS.iter().filter(|w| w.len() == n).count())
        .sum();
    assert_eq!(lengths, ABBREVIATIONS.len());
    for word in [
        "", "E", "mr", "MR", "Mrs.", "St.", "Profs", "approxi", "ok", "etcetera",
    ] {
        assert!(!is_abbreviation(word), "{word}");
    }
}

#[test]
fn ascii_letters_eight_at_a_time_agrees_with_byte_by_byte() {
    for b in 0..=u8::MAX {
        for at in 0..20 {
            let mut bytes = b"abcdefghijKLMNOPQRSTuvwxyz".to_vec();
            bytes.truncate(at + 1 + at % 7);
            bytes[at] = b;
            let expected = bytes
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(bytes.len());
            assert_eq!(ascii_letters(&bytes), expected, "{bytes:?}");
        }
    }
}

fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
    tokenize_str(text)
        .into_iter()
        .filter(|t| !t.is_space())
        .map(|t| (t.kind, &text[t.span]))
        .collect()
}

fn words(text: &str) -> Vec<&str> {
    kinds(text)
        .into_iter()
        .filter(|(k, _)| *k == TokenKind::Word)
        .map(|(_, s)| s)
        .collect()
}

#[test]
fn words_keep_inner_apostrophes() {
    assert_eq!(
        words("Witkoff’s plan wouldn't work, says 'Bob'."),
        ["Witkoff’s", "plan", "wouldn't", "work", "says", "Bob"]
    );
}

#[test]
fn hyphenated_compounds_are_split_and_flagged() {
    let text = "a full-scale war and a 49-year-old man";
    let toks = tokenize_str(text);
    let parts: Vec<_> = toks
        .iter()
        .filter(|t| t.is_hyphenated())
        .map(|t| t.text(text))
        .collect();
    assert_eq!(parts, ["full", "scale", "year", "old"]);
    assert!(kinds(text).contains(&(TokenKind::Number, "49")));
}

#[test]
fn numbers_money_dates_and_units_are_not_words() {
    let text = "On 2025-04-11, 50 nations agreed €21bn (£18.2bn) for the 3rd time since the 1990s, 5km away at 10:30.";
    assert_eq!(
        words(text),
        ["On", "nations", "agreed", "for", "the", "time", "since", "the", "away", "at"]
    );
    let nums: Vec<_> = kinds(text)
        .into_iter()
        .filter(|(k, _)| *k == TokenKind::Number)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(
        nums,
        [
            "2025-04-11",
            "50",
            "21bn",
            "18.2bn",
            "3rd",
            "1990s",
            "5km",
            "10:30"
        ]
    );
}

#[test]
fn urls_emails_handles_tags_and_paths() {
    let text = "See https://example.com/a_b?x=1, (www.bbc.co.uk) or mail bob@example.org, ping @jane_doe #Rust in src/main.rs and /usr/bin/env or README.md at example.com, bbc.co.uk/news or cla.developers.google.com/clas.";
    let special: Vec<_> = kinds(text)
        .into_iter()
        .filter(|(k, _)| !matches!(k, TokenKind::Word | TokenKind::Punct))
        .collect();
    assert_eq!(
        special,
        [
            (TokenKind::Url, "https://example.com/a_b?x=1"),
            (TokenKind::Url, "www.bbc.co.uk"),
            (TokenKind::Email, "bob@example.org"),
            (TokenKind::Handle, "@jane_doe"),
            (TokenKind::Hashtag, "#Rust"),
            (TokenKind::Path, "src/main.rs"),
            (TokenKind::Path, "/usr/bin/env"),
            (TokenKind::Path, "README.md"),
            (TokenKind::Url, "example.com"),
            (TokenKind::Url, "bbc.co.uk/news"),
            (TokenKind::Url, "cla.developers.google.com/clas"),
        ]
    );
}

#[test]
fn missing_space_is_not_a_domain() {
    assert_eq!(words("the end.Next one"), ["the", "end", "Next", "one"]);
    assert_eq!(words("and/or"), ["and", "or"]);
    // A capitalised word before a lowercase TLD-like word is a domain
    // only for TLDs that are no English word.
    assert_eq!(words("the end.It was"), ["the", "end", "It", "was"]);
    assert_eq!(words("in Washington.in"), ["in", "Washington", "in"]);
    assert_eq!(
        words("Visit Crates.io or Booking.com now"),
        ["Visit", "or", "now"]
    );
    assert_eq!(
        words("Visit CRATES.io now"),
        ["Visit", "CRATES", "io", "now"]
    );
}

#[test]
fn sentence_starts() {
    let text = "Recieve it. Then Mr. Smith said: “Let’s see.” U.S. troops left? Yes";
    let toks = tokenize_str(text);
    let starts: Vec<_> = toks
        .iter()
        .filter(|t| t.is_sentence_start())
        .map(|t| t.text(text))
        .collect();
    assert_eq!(starts, ["Recieve", "Then", "Let’s", "U", "Yes"]);
}

#[test]
fn spans_cover_the_text_exactly() {
    let text = "Ünïcode façade — “quoted”\r\nline two\tend";
    let toks = tokenize_str(text);
    let mut pos = 0;
    for t in &toks {
        assert_eq!(t.span.start, pos);
        pos = t.span.end;
    }
    assert_eq!(pos, text.len());
    assert!(toks
        .iter()
        .any(|t| t.kind == TokenKind::Newline && t.span.len() == 2));
    assert_eq!(
        words(text),
        ["Ünïcode", "façade", "quoted", "line", "two", "end"]
    );
}

fn codes(text: &str) -> Vec<&str> {
    tokenize_str(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Code)
        .map(|t| t.text(text))
        .collect::<Vec<_>>()
}

#[test]
fn code_shaped_chunks_are_one_token() {
    let text = "Call net.Socket or strings.TrimSuffix(s) with snake_case, \
                    __init__, std::io and for..of; run it with --dry-run or -v, set $VAR \
                    or ${HOME}, print %s, see @scope/pkg and (foo()) or a.b.c() or \
                    Vec<T>, <T>, key=value, a->b, x => y, n := 1, i++, \
                    java.util.List, Socket.IO, window.location.";
    assert_eq!(
        codes(text),
        [
            "strings.TrimSuffix(s)",
            "snake_case",
            "__init__",
            "std::io",
            "for..of",
            "--dry-run",
            "-v",
            "$VAR",
            "${HOME}",
            "%s",
            "@scope/pkg",
            "foo()",
            "a.b.c()",
            "Vec<T>",
            "<T>",
            "key=value",
            "a->b",
            "=>",
            ":=",
            "i++",
            "java.util.List",
            "Socket.IO",
            "window.location",
        ]
    );
    // Spans are exact: the marks around a chunk stay tokens.
    assert_eq!(
        codes(":::tip[Set a `x`] and title=\"src/a.ts\" then make([]int, n) and f(x_y"),
        [":::tip", "title=\"src/a.ts\"", "[]int", "x_y"]
    );
    assert!(codes("a title=\"MCP Configuration\" here").is_empty());
    let text = "(see foo_bar).";
    let toks = tokenize_str(text);
    let code = toks.iter().find(|t| t.kind == TokenKind::Code).unwrap();
    assert_eq!(code.span, 5..12);
    assert_eq!(
        kinds("a != b").iter().map(|k| k.0).collect::<Vec<_>>(),
        [TokenKind::Word, TokenKind::Code, TokenKind::Word]
    );
}

#[test]
fn prose_is_not_code() {
    for text in [
        "e.g. this, i.e. that, the U.S. and a.k.a. Ph.D at 9 a.m. today.",
        "Mr. Smith said wait... and/or don't, it's full-scale and state-of-the-art.",
        "the end.Next one, end.It was, in Washington.in, CRATES.io, Node.js",
        "word(s) and (an aside) or [a note] or {a, b}, 50% of $5, C--",
        "well -- no, the -ing form; 3 < 4 > 2 and x = y; what?! really!!",
        "thank you -We will --everyone -to -a -I and ______ blanks",
        "“Quoted,” she said. ‘Yes.’ (Really.) [Sic.] :-) ;) :D",
    ] {
        assert!(codes(text).is_empty(), "{text:?}: {:?}", codes(text));
    }
}

#[test]
fn all_caps_and_acronyms_are_words() {
    assert_eq!(words("people ere DYING"), ["people", "ere", "DYING"]);
}
