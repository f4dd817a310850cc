//! The scanner: a prose piece's text into words, numbers, spaces and
//! marks, with a fast path for runs of ASCII letters; URLs, paths and
//! addresses are left to `special.rs`.

use std::ops::Range;

use super::special::{chunk_has_special_byte, only_trailing_marks, special, MAX_SPECIAL_ATTEMPTS};
use super::{Token, TokenKind};

pub(super) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

pub(super) fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '<' | '"' | '\'' | '“' | '‘' | '«')
}

pub(super) fn scan(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    let bytes = s.as_bytes();
    let base = span.start;
    let mut i = 0;
    // Whether the previous character is white space or an opening bracket
    // or quote (or there is none): a chunk may start with a URL or a path.
    let mut chunk_start = true;
    // Failed `special` attempts since the last white space. Each attempt
    // reads to the end of the chunk, and a chunk of opening brackets would
    // make one at every character: quadratic. Real URLs and paths follow at
    // most a few brackets or quotes.
    let mut attempts = 0;
    while let Some(&b) = bytes.get(i) {
        // The commonest token: one ASCII space before a character that is
        // not white space (a run of white space goes to `space_len`).
        if b == b' ' && is_one_space_before(bytes.get(i + 1)) {
            out.push(one_space(base + i));
            attempts = 0;
            chunk_start = true;
            i += 1;
            continue;
        }
        let try_special = attempts < MAX_SPECIAL_ATTEMPTS && chunk_start;
        // The commonest non-space token: a run of ASCII letters that
        // `word_or_number` would end where the run ends (the next byte is
        // ASCII and neither a letter, a digit nor an apostrophe; `.,:/-`
        // join only numbers), and that no URL, path or address can start.
        if b.is_ascii_alphabetic() {
            let end = i + ascii_letters(bytes.get(i..).unwrap_or_default());
            let is_word = match bytes.get(end) {
                None | Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => true,
                Some(&n) if n >= 0x80 || n.is_ascii_alphanumeric() || n == b'\'' => false,
                // As in the `ALNUM` arm below.
                Some(_) => {
                    let tail = s.get(end..).unwrap_or_default();
                    !try_special || only_trailing_marks(tail) || !chunk_has_special_byte(tail)
                }
            };
            if is_word {
                if try_special {
                    attempts += 1;
                }
                out.push(Token {
                    kind: TokenKind::Word,
                    span: base + i..base + end,
                    flags: 0,
                });
                // The space after it, as at the top of the loop.
                if bytes.get(end) == Some(&b' ') && is_one_space_before(bytes.get(end + 1)) {
                    out.push(one_space(base + end));
                    attempts = 0;
                    chunk_start = true;
                    i = end + 1;
                } else {
                    chunk_start = false;
                    i = end;
                }
                continue;
            }
        }
        let Some(rest) = s.get(i..) else {
            break;
        };
        let (kind, len) = if b < 0x80 {
            // ASCII: no char decoding.
            match BYTE_CLASS.get(usize::from(b)).copied().unwrap_or(OTHER) {
                ALNUM if !try_special => word_or_number(rest),
                ALNUM => {
                    attempts += 1;
                    // A word's own bytes hold none of `special`'s markers:
                    // then only the rest of the chunk can make it special.
                    let word = word_or_number(rest);
                    let from = if word.0 == TokenKind::Word { word.1 } else { 0 };
                    let tail = rest.get(from..).unwrap_or_default();
                    // A word that ends its chunk but for sentence marks
                    // (`end.` `said,”`) is no URL, path or address: the
                    // commonest case, decided without `special`.
                    if word.0 == TokenKind::Word && only_trailing_marks(tail) {
                        word
                    } else if chunk_has_special_byte(tail) {
                        special(rest).unwrap_or(word)
                    } else {
                        word
                    }
                }
                SPACE => (TokenKind::Space, space_len(rest).max(1)),
                _ if b == b'\n' => (TokenKind::Newline, 1),
                _ if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') => (TokenKind::Newline, 2),
                // A lone `\r` ends a line too (old Mac files).
                _ if b == b'\r' => (TokenKind::Newline, 1),
                _ if try_special => {
                    attempts += 1;
                    special(rest).unwrap_or((TokenKind::Punct, 1))
                }
                _ => (TokenKind::Punct, 1),
            }
        } else {
            let Some(c) = rest.chars().next() else {
                break;
            };
            if c.is_whitespace() {
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
                word_or_number(rest)
            } else {
                (TokenKind::Punct, c.len_utf8())
            }
        };
        if matches!(kind, TokenKind::Space | TokenKind::Newline) {
            attempts = 0;
        }
        out.push(Token {
            kind,
            span: base + i..base + i + len,
            flags: 0,
        });
        chunk_start = match (kind, bytes.get(i + len - 1)) {
            // A word or number ends in a letter or digit; white space is
            // white space.
            (TokenKind::Word | TokenKind::Number, _) => false,
            (TokenKind::Space | TokenKind::Newline, _) => true,
            (_, Some(&last)) if last < 0x80 => {
                let c = char::from(last);
                c.is_ascii_whitespace() || last == 0x0b || is_opening(c)
            }
            _ => rest
                .get(..len)
                .and_then(|t| t.chars().next_back())
                .is_none_or(|p| p.is_whitespace() || is_opening(p)),
        };
        i += len;
    }
}

/// Whether an ASCII space followed by `next` is a token of its own: `next`
/// is no white space (or there is none), and ASCII, so not the start of a
/// run of Unicode white space either.
#[inline]
fn is_one_space_before(next: Option<&u8>) -> bool {
    next.is_none_or(|&n| n < 0x80 && !matches!(n, b' ' | b'\t' | 0x0b | 0x0c))
}

/// Length of the run of ASCII letters at the start of `bytes`.
#[inline]
pub(super) fn ascii_letters(bytes: &[u8]) -> usize {
    const LANES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    // Eight bytes at a time: a byte is a letter if it is ASCII and, made
    // lowercase by setting bit 5, within `a..=z`. Every lane stays below
    // 0x80 before the additions, so no carry crosses into the next lane.
    while let Some(chunk) = bytes.get(n..).and_then(<[u8]>::first_chunk::<8>) {
        let folded = u64::from_le_bytes(*chunk) | (0x20 * LANES);
        let low = folded & (0x7f * LANES);
        let from_a = low + (0x80 - u64::from(b'a')) * LANES;
        let past_z = low + (0x80 - u64::from(b'z') - 1) * LANES;
        let letters = from_a & !past_z & !folded & (0x80 * LANES);
        let others = !letters & (0x80 * LANES);
        if others != 0 {
            // Little-endian: the first byte is the lowest lane.
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let tail = bytes.get(n..).unwrap_or_default();
    n + tail
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(tail.len())
}

/// The token of one space at byte `at`.
#[inline]
fn one_space(at: usize) -> Token {
    Token {
        kind: TokenKind::Space,
        span: at..at + 1,
        flags: 0,
    }
}

/// [`BYTE_CLASS`]: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`BYTE_CLASS`]: horizontal white space (`\n` and `\r` are not).
pub(super) const SPACE: u8 = 2;
/// [`BYTE_CLASS`]: one of `.@/\\:`, the bytes that may make a chunk special.
pub(super) const SPECIAL: u8 = 3;
/// [`BYTE_CLASS`]: `\n` or `\r`.
pub(super) const BREAK: u8 = 4;
/// [`BYTE_CLASS`]: anything else (or a non-ASCII byte).
pub(super) const OTHER: u8 = 0;

/// Classes of bytes for the scanner's ASCII fast paths.
// Evaluated at compile time: an index out of bounds would not compile.
#[allow(clippy::indexing_slicing)]
pub(super) static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | b'\t' | 0x0b | 0x0c) {
            SPACE
        } else if matches!(c, b'.' | b'@' | b'/' | b'\\' | b':') {
            SPECIAL
        } else if matches!(c, b'\n' | b'\r') {
            BREAK
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// Length of the run of white space at the start of `s`, up to a line break.
pub(super) fn space_len(s: &str) -> usize {
    let not_space = |c: char| !c.is_whitespace() || c == '\n' || c == '\r';
    // ASCII fast path; the first other byte hands over to the char search.
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match b {
            b' ' | b'\t' | 0x0b | 0x0c => {}
            b'\n' | b'\r' => return i,
            _ if b < 0x80 => return i,
            _ => {
                return i + s
                    .get(i..)
                    .and_then(|r| r.find(not_space))
                    .unwrap_or(s.len() - i)
            }
        }
    }
    s.len()
}

/// A word (letters and inner apostrophes) or a number (an alphanumeric run
/// with a digit, joined by `.,:/-` between digits).
fn word_or_number(s: &str) -> (TokenKind, usize) {
    let bytes = s.as_bytes();
    // Bit set of `ASCII_LETTER` and `ASCII_DIGIT`, with `OTHER_*` for the
    // non-ASCII characters.
    let mut seen = 0u8;
    let mut end = 0;
    let mut i = 0;
    loop {
        // ASCII letters and digits: the common case, byte by byte.
        let run = i;
        while let Some(&b) = bytes.get(i) {
            let class = WORD_BYTE.get(usize::from(b)).copied().unwrap_or(0);
            if class == 0 {
                break;
            }
            seen |= class;
            i += 1;
        }
        if i > run {
            end = i;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let (has_digit, has_alpha) = (seen & DIGIT != 0, seen & ALPHA != 0);
        let (c, len) = if b < 0x80 {
            if !matches!(b, b'\'' | b'.' | b',' | b':' | b'/' | b'-') {
                break;
            }
            (char::from(b), 1)
        } else {
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            if is_word_char(c) {
                seen |= if c.is_numeric() { DIGIT } else { ALPHA };
                i += c.len_utf8();
                end = i;
                continue;
            }
            (c, c.len_utf8())
        };
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
    let kind = if seen & DIGIT != 0 {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    (kind, end.max(1))
}

/// [`WORD_BYTE`]: a letter (any character that is not a digit).
const ALPHA: u8 = 1;
/// [`WORD_BYTE`]: a digit (`char::is_numeric`).
const DIGIT: u8 = 2;

/// ASCII letters and digits for [`word_or_number`]; 0 for other bytes.
// Evaluated at compile time: an index out of bounds would not compile.
#[allow(clippy::indexing_slicing)]
static WORD_BYTE: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else {
            0
        };
        b += 1;
    }
    t
};
