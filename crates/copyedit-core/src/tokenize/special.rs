//! URLs, e-mail addresses, handles, hashtags and file paths: chunks the
//! scanner tries as one token when they hold one of `.@/\\:` (or start
//! with `#`).

use super::scan::{BREAK, BYTE_CLASS, OTHER, SPACE, SPECIAL};
use super::TokenKind;

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
pub(super) const MAX_SPECIAL_ATTEMPTS: usize = 8;

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
pub(super) fn only_trailing_marks(s: &str) -> bool {
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
pub(super) fn chunk_has_special_byte(s: &str) -> bool {
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
pub(super) fn special(s: &str) -> Option<(TokenKind, usize)> {
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
