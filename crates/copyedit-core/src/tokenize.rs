//! Prose → tokens. Every token carries a byte span into the original text.
//!
//! Words are runs of Unicode letters with inner apostrophes (`'` or `’`);
//! hyphenated compounds are split into their parts (each flagged
//! [`Token::HYPHENATED`]); anything containing a digit is a number (`3rd`,
//! `1990s`, `21bn`, `2025-04-11`, `5km`); URLs, e-mail addresses, `@handles`,
//! `#tags` and file paths are single tokens that no rule spell-checks.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::ops::Range;

use crate::document::{Document, PieceKind};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes.
    Word,
    /// Anything alphanumeric that contains a digit: numbers, dates, ordinals, units.
    Number,
    /// `https://…`, `www.…`, or a bare domain such as `example.com`.
    Url,
    /// `name@example.com`.
    Email,
    /// `@handle`.
    Handle,
    /// `#tag`.
    Hashtag,
    /// A file path or file name: `/usr/bin`, `src/main.rs`, `README.md`.
    Path,
    /// One punctuation or symbol character.
    Punct,
    /// Horizontal white space.
    Space,
    /// A line break (`\n` or `\r\n`).
    Newline,
    /// Not prose: inline code, math, an entity.
    Opaque,
    /// Code written outside backticks: `net.Socket`, `snake_case`,
    /// `--flag`, `$VAR`, `foo()`, `key=value`, `a != b`'s `!=` (see
    /// [`merge_code`]). No word-level or spacing rule looks inside it.
    Code,
}

/// A token: a kind, a byte span, and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Bytes of the original text.
    pub span: Range<usize>,
    /// Bit set of `Token::*` flags.
    pub flags: u8,
}

impl Token {
    /// The first word of a sentence.
    pub const SENTENCE_START: u8 = 1;
    /// A part of a hyphenated compound (`full` and `scale` in `full-scale`).
    pub const HYPHENATED: u8 = 2;

    /// Whether the token is the first word of a sentence.
    pub fn is_sentence_start(&self) -> bool {
        self.flags & Self::SENTENCE_START != 0
    }

    /// Whether the token is part of a hyphenated compound.
    pub fn is_hyphenated(&self) -> bool {
        self.flags & Self::HYPHENATED != 0
    }

    /// Whether the token is a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether the token is white space or a line break.
    pub fn is_space(&self) -> bool {
        matches!(self.kind, TokenKind::Space | TokenKind::Newline)
    }

    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.clone()).unwrap_or("")
    }
}

/// The tokens of a document, grouped by block.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All tokens in text order.
    pub tokens: Vec<Token>,
    /// For each block of the document, its range of `tokens`.
    pub blocks: Vec<Range<usize>>,
}

impl Tokens {
    /// The tokens of block `i`.
    pub fn block(&self, i: usize) -> &[Token] {
        self.blocks
            .get(i)
            .and_then(|r| self.tokens.get(r.clone()))
            .unwrap_or(&[])
    }
}

/// Tokenize every block of a document.
pub fn tokenize(doc: &Document<'_>) -> Tokens {
    let mut out = Tokens {
        // Prose has a token every 2.5 bytes or so (a word, a space, a mark):
        // growing a vector this size costs more than the spare room.
        tokens: Vec::with_capacity(doc.text.len() / 2 + 16),
        blocks: Vec::with_capacity(doc.blocks.len()),
    };
    for block in &doc.blocks {
        let start = out.tokens.len();
        for piece in &block.pieces {
            match piece.kind {
                PieceKind::Opaque => out.tokens.push(Token {
                    kind: TokenKind::Opaque,
                    span: piece.span.clone(),
                    flags: 0,
                }),
                PieceKind::Prose => {
                    let from = out.tokens.len();
                    scan(doc.text, piece.span.clone(), &mut out.tokens);
                    merge_code(doc.text, &mut out.tokens, from);
                }
            }
        }
        let end = out.tokens.len();
        if let Some(block_tokens) = out.tokens.get_mut(start..end) {
            mark_block(doc.text, block_tokens);
        }
        out.blocks.push(start..end);
    }
    out
}

/// Tokenize a plain string as one block (for tests and quick use).
pub fn tokenize_str(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    scan(text, 0..text.len(), &mut tokens);
    merge_code(text, &mut tokens, 0);
    mark_block(text, &mut tokens);
    tokens
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '<' | '"' | '\'' | '“' | '‘' | '«')
}

fn scan(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
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
fn ascii_letters(bytes: &[u8]) -> usize {
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
const SPACE: u8 = 2;
/// [`BYTE_CLASS`]: one of `.@/\\:`, the bytes that may make a chunk special.
const SPECIAL: u8 = 3;
/// [`BYTE_CLASS`]: `\n` or `\r`.
const BREAK: u8 = 4;
/// [`BYTE_CLASS`]: anything else (or a non-ASCII byte).
const OTHER: u8 = 0;

/// Classes of bytes for the scanner's ASCII fast paths.
// Evaluated at compile time: an index out of bounds would not compile.
#[allow(clippy::indexing_slicing)]
static BYTE_CLASS: [u8; 256] = {
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
fn space_len(s: &str) -> usize {
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

const URL_PREFIXES: &[&str] = &[
    "http://", "https://", "ftp://", "file://", "mailto:", "www.",
];

const TLDS: &[&str] = &[
    "com", "org", "net", "io", "dev", "gov", "edu", "uk", "co", "de", "fr", "eu", "info", "app",
    "ai", "ru", "ua", "us", "ca", "au", "nz", "ie", "in", "jp", "cn", "nl", "es", "it", "ch", "se",
    "no", "fi", "dk", "be", "at", "pl", "br", "mil", "int", "tv", "me", "ly", "gl", "sh",
];

/// Top-level domains that stay lowercase after a capitalised name
/// (`Crates.io`, `Amazon.com`) and are no English word a missing space
/// could leave there.
const BRAND_TLDS: &[&str] = &["com", "org", "net", "io", "gov", "edu", "dev", "ai"];

const FILE_EXTS: &[&str] = &[
    "md", "markdown", "mdx", "txt", "rs", "toml", "json", "yaml", "yml", "py", "js", "ts", "tsx",
    "jsx", "html", "htm", "css", "scss", "png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "csv",
    "tsv", "sh", "bash", "exe", "zip", "gz", "tar", "xml", "go", "java", "rb", "php", "c", "h",
    "cpp", "hpp", "lock", "cfg", "ini", "conf", "log", "docx", "xlsx", "pptx", "mp3", "mp4", "wav",
    "mov", "sql", "db", "bin", "dll", "so", "wasm", "ipynb", "rst", "tex", "bib",
];

/// How many times [`special`] is tried within one run of non-space
/// characters before the rest of the run is left to the word scanner.
const MAX_SPECIAL_ATTEMPTS: usize = 8;

/// Length of `s` up to the first white space, minus trailing punctuation that
/// belongs to the sentence rather than to a URL or path.
fn chunk_len(s: &str) -> usize {
    let mut end = s.find(char::is_whitespace).unwrap_or(s.len());
    let head = s.get(..end).unwrap_or_default();
    // Counted once, not per stripped `)`: a chunk of many `)` is not quadratic.
    let opens = head.bytes().filter(|&b| b == b'(').count();
    let mut closes = head.bytes().filter(|&b| b == b')').count();
    loop {
        let Some(last) = s.get(..end).and_then(|h| h.chars().next_back()) else {
            return 0;
        };
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | ']' | '}' | '>' | '*'
            | '_' | '`' => true,
            ')' => {
                let strip = opens < closes;
                closes -= 1;
                strip
            }
            _ => false,
        };
        if !strip {
            return end;
        }
        end -= last.len_utf8();
    }
}

/// Whether `s` up to its first white space is only marks that end a
/// sentence or close a quotation (ASCII, and never `:` or `)`, which
/// [`special`] treats apart): then [`special`] finds nothing in a chunk
/// that is a word followed by `s`.
fn only_trailing_marks(s: &str) -> bool {
    for &b in s.as_bytes() {
        match b {
            b'.' | b',' | b';' | b'!' | b'?' | b'"' | b'\'' | b']' | b'}' | b'>' | b'*' | b'_'
            | b'`' => {}
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return true,
            _ => return false,
        }
    }
    true
}

/// Whether one of `.@/\\:` comes before the first white space of `s`.
fn chunk_has_special_byte(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match BYTE_CLASS.get(usize::from(b)).copied().unwrap_or(OTHER) {
            SPECIAL => return true,
            SPACE | BREAK => return false,
            _ if b < 0x80 => i += 1,
            _ => {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    return false;
                };
                if c.is_whitespace() {
                    return false;
                }
                i += c.len_utf8();
            }
        }
    }
    false
}

/// A token that must not be tokenized as words, starting at the beginning of a chunk.
fn special(s: &str) -> Option<(TokenKind, usize)> {
    let first = s.chars().next()?;
    // Every special token but a `#tag` has one of `.@/\:` before its first
    // white space (a URL prefix, `@`, a path's `/` or `\`, a file name's or
    // domain's `.`): most chunks (plain words, `“Quoted`, `(aside`) are left
    // to the word scanner quickly.
    if first != '#' && !chunk_has_special_byte(s) {
        return None;
    }
    let starts_with_ci = |p: &str| {
        s.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    if URL_PREFIXES.iter().any(|p| starts_with_ci(p)) {
        let len = chunk_len(s);
        return (len > 4).then_some((TokenKind::Url, len));
    }
    if first == '@' || first == '#' {
        // `@` and `#` are one byte.
        let name = s.get(1..).unwrap_or_default();
        let len = 1 + name
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        if len > 1 && name.chars().next().is_some_and(|c| c.is_alphanumeric()) {
            let kind = if first == '@' {
                TokenKind::Handle
            } else {
                TokenKind::Hashtag
            };
            return Some((kind, len));
        }
        return None;
    }
    let len = chunk_len(s);
    let chunk = s.get(..len).unwrap_or_default();
    if chunk.len() < 3 {
        return None;
    }
    // e-mail: local@domain.tld
    if let Some((local, domain)) = chunk.split_once('@') {
        let local_ok = !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "._%+-".contains(c));
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local_ok && domain_ok {
            return Some((TokenKind::Email, len));
        }
        return None;
    }
    // Paths: /abs, ./rel, ../rel, ~/home, C:\dir, dir/file.ext
    if chunk.starts_with('/')
        || chunk.starts_with("./")
        || chunk.starts_with("../")
        || chunk.starts_with("~/")
        || chunk.contains('\\')
    {
        return (chunk.chars().count() > 1).then_some((TokenKind::Path, len));
    }
    let is_name_char = |c: char| c.is_alphanumeric() || "._-/".contains(c);
    if !chunk.chars().all(is_name_char) {
        return None;
    }
    let last_segment = chunk.rsplit('/').next().unwrap_or(chunk);
    if let Some((stem, ext)) = last_segment.rsplit_once('.') {
        if !stem.is_empty() && FILE_EXTS.contains(&ext.to_ascii_lowercase().as_str()) {
            return Some((TokenKind::Path, len));
        }
    }
    // A bare lowercase domain, with or without a path: example.com,
    // bbc.co.uk/news; or a capitalised one with a TLD no sentence begins
    // with: Crates.io, Booking.com.
    let host = chunk.split('/').next().unwrap_or(chunk);
    if let Some((name, tld)) = host.rsplit_once('.') {
        let mut rest = host.chars();
        let capitalised = rest.next().is_some_and(char::is_uppercase)
            && rest.all(|c| !c.is_uppercase())
            && BRAND_TLDS.contains(&tld);
        if !name.is_empty()
            && (host == host.to_lowercase() || capitalised)
            && TLDS.contains(&tld)
            && !name.ends_with('.')
        {
            return Some((TokenKind::Url, len));
        }
    }
    if chunk.contains('/') && chunk.split('/').filter(|p| !p.is_empty()).count() >= 3 {
        return Some((TokenKind::Path, len));
    }
    None
}

/// Operators that stand alone between spaces in code (`a != b`,
/// `x := 1`, `a ?? b`): a chunk that is exactly one of them is code.
const OPERATORS: &[&str] = &[
    "!=", "==", "===", "!==", ":=", "->", "=>", "<-", "<=", ">=", "::", "&&", "||", "??", "?.",
    "+=", "-=", "*=", "/=", "|=", "&=", "^=", "%=", "<<", ">>", "..=", "**", "++", "--=",
];

/// Replace each code-shaped chunk among `out[from..]` (the tokens of one
/// prose piece) with one [`TokenKind::Code`] token; what counts as code is
/// [`is_code_shaped`]'s. A chunk is a run of tokens with no white space
/// between them; opening brackets and quotes before it and sentence marks,
/// quotes and unmatched closing brackets after it stay tokens of their own.
fn merge_code(text: &str, out: &mut Vec<Token>, from: usize) {
    // Found first, without moving a token: most pieces hold no code.
    let mut merges: Vec<Range<usize>> = Vec::new();
    let toks = out.get(from..).unwrap_or_default();
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        while toks.get(i).is_some_and(|t| !t.is_space()) {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        // A word and a mark (`end.`), the commonest chunk of two tokens,
        // cannot be code (`??` can); a single token is whatever it already is.
        let chunk = toks.get(start..i).unwrap_or_default();
        if chunk.len() < 2
            || (chunk.len() == 2
                && chunk.first().is_some_and(|t| t.kind != TokenKind::Punct)
                && chunk
                    .get(1)
                    .is_some_and(|t| t.kind == TokenKind::Punct && is_trailing_mark(t.text(text))))
        {
            continue;
        }
        if let Some(core) = code_core(text, chunk) {
            merges.push(from + start + core.start..from + start + core.end);
        }
    }
    if merges.is_empty() {
        return;
    }
    let tail = out.split_off(from);
    let mut next = merges.iter().peekable();
    let mut k = from;
    let mut iter = tail.into_iter();
    while let Some(tok) = iter.next() {
        match next.peek() {
            Some(m) if m.start == k => {
                let mut span = tok.span.clone();
                for _ in m.start + 1..m.end {
                    if let Some(t) = iter.next() {
                        span.end = t.span.end;
                    }
                }
                k = m.end;
                next.next();
                out.push(Token {
                    kind: TokenKind::Code,
                    span,
                    flags: 0,
                });
            }
            _ => {
                out.push(tok);
                k += 1;
            }
        }
    }
}

/// Whether `t` (one character) may close a sentence or a quotation after a
/// chunk.
fn is_trailing_mark(t: &str) -> bool {
    matches!(
        t,
        "." | "," | ";" | ":" | "!" | "?" | "\"" | "'" | "”" | "’" | "»" | "*"
    )
}

/// The tokens of `chunk` that make code, if they do: the chunk without
/// its opening brackets and quotes and its closing marks.
fn code_core(text: &str, chunk: &[Token]) -> Option<Range<usize>> {
    let whole = text.get(chunk.first()?.span.start..chunk.last()?.span.end)?;
    if OPERATORS.contains(&whole) {
        return Some(0..chunk.len());
    }
    let punct = |t: &Token| (t.kind == TokenKind::Punct).then(|| t.text(text));
    let mut a = 0;
    while chunk
        .get(a)
        .and_then(punct)
        .is_some_and(|p| matches!(p, "(" | "[" | "{" | "\"" | "'" | "“" | "‘" | "«" | "*"))
    {
        a += 1;
    }
    let mut b = chunk.len();
    // Brackets and quotes of `chunk[a..b]`, counted once and kept up to
    // date as marks are taken off the end (a run of `)` is linear).
    let mut counts = [0usize; 128];
    for &x in text
        .get(chunk.get(a)?.span.start..chunk.get(b - 1)?.span.end)
        .unwrap_or_default()
        .as_bytes()
    {
        if let Some(n) = counts.get_mut(usize::from(x)) {
            *n += 1;
        }
    }
    while b > a {
        let Some(p) = chunk.get(b - 1).and_then(punct) else {
            break;
        };
        let last = p.bytes().next().filter(|_| p.len() == 1);
        // Counts of the marks before the last one.
        let count =
            |c: u8| counts.get(usize::from(c)).copied().unwrap_or(0) - usize::from(last == Some(c));
        let strip = match p {
            // A quote that closes one opened inside stays: `title="a.ts"`.
            "\"" | "'" => count(p.as_bytes().first().copied().unwrap_or(b'"')) % 2 == 0,
            _ => is_trailing_mark(p),
        } || (p == ")" && count(b'(') < count(b')') + 1)
            || (p == "]" && count(b'[') < count(b']') + 1)
            || (p == "}" && count(b'{') < count(b'}') + 1);
        if !strip {
            break;
        }
        if let Some(n) = last.and_then(|c| counts.get_mut(usize::from(c))) {
            *n -= 1;
        }
        b -= 1;
    }
    // A bracket the core does not close (or open) is prose's:
    // `:::tip[Framework` is code up to the `[`, `f(x_y` after the `(`.
    let mut stack: Vec<usize> = Vec::new();
    let mut unmatched: Vec<usize> = Vec::new();
    for k in a..b {
        match chunk.get(k).and_then(punct) {
            Some("(" | "[" | "{") => stack.push(k),
            Some(c @ (")" | "]" | "}")) => {
                let open = match c {
                    ")" => "(",
                    "]" => "[",
                    _ => "{",
                };
                if stack.last().and_then(|&o| chunk.get(o)).and_then(punct) == Some(open) {
                    stack.pop();
                } else {
                    unmatched.push(k);
                }
            }
            _ => {}
        }
    }
    unmatched.extend(stack);
    // An odd `"` is a quotation's: `title="MCP Configuration"`.
    let quotes: Vec<usize> = (a..b)
        .filter(|&k| chunk.get(k).and_then(punct) == Some("\""))
        .collect();
    if quotes.len() % 2 == 1 {
        unmatched.extend(quotes.last());
    }
    unmatched.sort_unstable();
    unmatched.push(b);
    let mut from = a;
    for to in unmatched {
        if to >= from + 2 {
            let core = text.get(chunk.get(from)?.span.start..chunk.get(to - 1)?.span.end)?;
            if is_code_shaped(core) {
                return Some(from..to);
            }
        }
        from = to + 1;
    }
    None
}

/// Whether a chunk of text without white space (its opening brackets and
/// closing marks taken off) is code rather than prose:
///   - `snake_case`, `__init__`; `std::io`; `a->b`, `x=>y`, `x:=1`,
///     `a==b`, `a!=b`, `a<=b`, `a&&b`, `a||b`, `i++`; `key=value`;
///   - `foo()`, `[]byte`, `Vec<T>`, `<T>`;
///   - `--dry-run`, `--out=dir` (`--word` alone is a dash glued to a
///     word), `-v` (a dash and one letter other than `a` and `I`);
///   - `$VAR`, `${x}`, `%s`, `%v` (not `$5`, `50%`);
///   - `@scope/pkg`;
///   - dotted identifiers: `for..of`; three segments or more, two of them
///     longer than a letter (`java.util.List`, `res.lock.Lock`); two
///     segments where one is camel-cased (`strings.TrimSuffix`,
///     `net.Socket` is not: see below), the second is an acronym
///     (`Socket.IO`, `ASP.NET`), or both are lowercase (`window.location`).
///
/// Left as words: abbreviations and initials (`e.g.`, `U.S.`, `a.k.a.`,
/// `Ph.D`), `Node.js`, `Washington.in`, and a lowercase word glued to a
/// capitalised one (`end.Next`, `time.Second`), which may be a missing
/// space: the `missing-space` rule weighs that with the dictionary and
/// the rest of the document. Hyphenated compounds, `and/or` and
/// contractions have no mark that makes code.
fn is_code_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |i: Option<usize>| {
        i.and_then(|i| b.get(i))
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
    };
    // `__init__` (not a blank line `____`); `--dry-run`, `--out=dir` (not
    // `--everyone`, a dash glued to a word in a transcript); `-v`, `-x`
    // (not `-a`, `-I`, `-to`, `-We`).
    let flag_tail = |r: &str| {
        r.bytes()
            .all(|c| c.is_ascii_lowercase() || c == b'-' || c == b'=')
            && r.contains(['-', '='])
    };
    if (s.starts_with("__") && alnum(Some(2)))
        || s.strip_prefix("--")
            .is_some_and(|r| alnum(Some(2)) && flag_tail(r))
    {
        return true;
    }
    if let Some(rest) = s.strip_prefix('-') {
        if rest.len() == 1
            && rest
                .bytes()
                .all(|c| c.is_ascii_alphabetic() && !matches!(c, b'a' | b'A' | b'I'))
        {
            return true;
        }
    }
    if s.starts_with('@') && s.contains('/') {
        return true;
    }
    // Found once: a search per `<` would be quadratic on `<a<a<a…`.
    let last_gt = b.iter().rposition(|&c| c == b'>');
    for (i, &c) in b.iter().enumerate() {
        let next = b.get(i + 1).copied();
        let before = i.checked_sub(1);
        let hit = match c {
            b'_' => alnum(before) && alnum(Some(i + 1)),
            b':' => next == Some(b':') || next == Some(b'='),
            b'-' => next == Some(b'>'),
            b'=' => {
                matches!(next, Some(b'>' | b'='))
                    || (alnum(before) && (alnum(Some(i + 1)) || matches!(next, Some(b'"' | b'\''))))
            }
            b'!' | b'>' => next == Some(b'=') && i > 0,
            b'<' => {
                (next == Some(b'=') && i > 0)
                    || (alnum(Some(i + 1))
                        && (alnum(before) || i == 0)
                        && last_gt.is_some_and(|g| g > i))
            }
            b'&' => next == Some(b'&'),
            b'|' => next == Some(b'|'),
            b'+' => next == Some(b'+') && alnum(before),
            b'(' => next == Some(b')'),
            b'[' => next == Some(b']'),
            b'$' => {
                !alnum(before)
                    && next
                        .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'{' | b'(' | b'_'))
            }
            b'%' => {
                before
                    .and_then(|j| b.get(j))
                    .is_none_or(|p| !p.is_ascii_digit())
                    && next.is_some_and(|n| b"sdvwqxXfgtTpqe".contains(&n))
                    && !alnum(Some(i + 2))
            }
            _ => false,
        };
        if hit {
            return true;
        }
    }
    // `strings.TrimSuffix(s)`: the name before a call.
    dotted(s.split('(').next().unwrap_or(s))
}

/// Whether `s` is a dotted identifier (see [`is_code_shaped`]).
fn dotted(s: &str) -> bool {
    if !s.contains('.') {
        return false;
    }
    if s.contains("..") {
        return !s.contains("...")
            && s.split("..").count() == 2
            && s.split("..")
                .all(|p| p.chars().next().is_some_and(char::is_alphanumeric));
    }
    let segments: Vec<&str> = s.split('.').collect();
    if segments
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        return false;
    }
    if segments
        .iter()
        .any(|p| p.chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let long = segments.iter().filter(|p| p.chars().count() > 1).count();
    match segments.as_slice() {
        [l, r] => {
            let camel = |w: &str| {
                w.chars()
                    .zip(w.chars().skip(1))
                    .any(|(x, y)| x.is_lowercase() && y.is_uppercase())
            };
            let lower = |w: &str| w.chars().all(|c| !c.is_uppercase());
            let acronym = r.chars().count() >= 2 && r.chars().all(|c| !c.is_lowercase());
            long >= 1
                && (camel(l)
                    || camel(r)
                    || (acronym && l.chars().count() >= 2)
                    || (lower(l) && lower(r) && long == 2))
        }
        _ => long >= 2,
    }
}

/// Whether `word` is an abbreviation after which a full stop does not end
/// the sentence (`Mr`, `etc`, `e` of `e.g.`, …). Matched by length first:
/// a word is compared only with the abbreviations of its length.
fn is_abbreviation(word: &str) -> bool {
    match word.len() {
        1 => matches!(word, "e" | "i" | "g"),
        2 => matches!(
            word,
            "Mr" | "Ms" | "Dr" | "St" | "Jr" | "Sr" | "Lt" | "vs" | "No" | "Mt" | "cf"
        ),
        3 => matches!(
            word,
            "Mrs" | "Gen" | "Col" | "Sgt" | "Rev" | "Hon" | "Sen" | "Rep" | "Gov" | "etc" | "Fig"
        ),
        4 => matches!(word, "Prof" | "Capt"),
        6 => word == "approx",
        _ => false,
    }
}

/// Set sentence-start and hyphenation flags within one block.
fn mark_block(text: &str, tokens: &mut [Token]) {
    let mut start = true;
    let mut after_colon = false;
    let mut prev_word: Option<usize> = None;
    for i in 0..tokens.len() {
        let Some(tok) = tokens.get_mut(i) else {
            break;
        };
        match tok.kind {
            TokenKind::Space | TokenKind::Newline => {}
            TokenKind::Word => {
                if start {
                    tok.flags |= Token::SENTENCE_START;
                }
                start = false;
                after_colon = false;
                prev_word = Some(i);
            }
            TokenKind::Punct => {
                let span = tok.span.clone();
                // A punctuation token is one character: match on it, not on
                // its text.
                let c = match text.as_bytes().get(span.start) {
                    Some(&b) if b < 0x80 => char::from(b),
                    _ => tok.text(text).chars().next().unwrap_or('\0'),
                };
                match c {
                    '.' | '!' | '?' | '…' => {
                        let abbreviation = c == '.'
                            && prev_word.is_some_and(|w| {
                                let word = tokens.get(w).map_or("", |w| w.text(text));
                                is_abbreviation(word)
                                    || (word.chars().count() == 1
                                        && word.chars().all(char::is_uppercase))
                            });
                        if !abbreviation {
                            start = true;
                        }
                    }
                    ':' => after_colon = true,
                    '“' | '"' | '‘' if after_colon => start = true,
                    '-' | '‐' => {
                        let joined = |t: Option<&Token>| {
                            t.is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                        };
                        let before = i.checked_sub(1).and_then(|j| tokens.get(j));
                        let after = tokens.get(i + 1);
                        let touching = before.is_some_and(|b| b.span.end == span.start)
                            && after.is_some_and(|a| a.span.start == span.end);
                        if touching && joined(before) && joined(after) {
                            if let Some(b) = tokens.get_mut(i - 1) {
                                if b.kind == TokenKind::Word {
                                    b.flags |= Token::HYPHENATED;
                                }
                            }
                            if let Some(a) = tokens.get_mut(i + 1) {
                                if a.kind == TokenKind::Word {
                                    a.flags |= Token::HYPHENATED;
                                }
                            }
                        }
                    }
                    _ => {}
                }
                if c != ':' {
                    after_colon = after_colon && matches!(c, '“' | '"' | '‘');
                }
            }
            _ => {
                start = false;
                after_colon = false;
                prev_word = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
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
            "\\", "@", "#", "-", "'", "’", "(", "\"", "“", "é", "ß", "\u{a0}", "\u{301}", "…",
            "www.", "http://", "x.com", "a.md", "_", "~", "ℕ", "٣", "\u{2003}", "e.g.", "?",
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
        "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt",
        "Rev", "Hon", "Sen", "Rep", "Gov", "vs", "etc", "e", "i", "g", "No", "Fig", "Mt", "approx",
        "cf",
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
}
