//! Open documents as the server keeps them: text, line index, positions in
//! the negotiated encoding, incremental changes, and file URIs.
//!
//! The linter speaks in byte offsets of the text; the protocol in
//! (line, character) pairs where a character is a UTF-16 code unit unless
//! the client negotiated UTF-8 (or UTF-32). Lines end at `\n`, `\r\n` or a
//! lone `\r`, as the protocol says.

// Positions come from the client: no unchecked indexing or slicing.
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range};

/// What a protocol "character" counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
    /// Unicode code points.
    Utf32,
}

impl Encoding {
    /// The units `c` takes.
    fn len(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// Byte offsets of the start of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes.get(i) {
                // The `\n` of a CRLF ends the line.
                Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => {}
                _ => starts.push(i + 1),
            }
        }
        LineIndex { starts }
    }

    /// Number of lines (a text ending in a line break has an empty last
    /// line).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of line `line` without its line break; `None` past the
    /// last line.
    fn line_span(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        if end > start && b.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && b.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some((start, end))
    }

    /// The byte offset of a protocol position. Past the end of a line is
    /// the end of the line, past the last line the end of the text; inside
    /// a character, its start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let Some((start, end)) = self.line_span(text, pos.line as usize) else {
            return text.len();
        };
        let line = text.get(start..end).unwrap_or("");
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            let n = enc.len(c);
            if units + n > pos.character {
                return start + i;
            }
            units += n;
        }
        end
    }

    /// The protocol position of byte `offset` (rounded down to a character
    /// boundary, at most the end of the text).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_boundary(text, offset);
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        Position::new(
            line as u32,
            units(text.get(start..offset).unwrap_or(""), enc),
        )
    }

    /// The protocol range of a byte span.
    pub fn range(&self, text: &str, span: std::ops::Range<usize>, enc: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, enc),
            self.position(text, span.end, enc),
        )
    }
}

/// Converts many byte offsets in ascending order without going back to the
/// start of the line each time (a long line with many problems stays
/// linear).
pub struct Positions<'a> {
    text: &'a str,
    index: &'a LineIndex,
    enc: Encoding,
    line: usize,
    byte: usize,
    units: u32,
}

impl<'a> Positions<'a> {
    /// A converter over `text` indexed by `index`.
    pub fn new(text: &'a str, index: &'a LineIndex, enc: Encoding) -> Self {
        Positions {
            text,
            index,
            enc,
            line: 0,
            byte: 0,
            units: 0,
        }
    }

    /// The position of `offset`; cheap when offsets ascend.
    pub fn at(&mut self, offset: usize) -> Position {
        let offset = floor_boundary(self.text, offset);
        let line = self
            .index
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        if line != self.line || offset < self.byte {
            self.line = line;
            self.byte = self.index.starts.get(line).copied().unwrap_or(0);
            self.units = 0;
        }
        self.units += units(self.text.get(self.byte..offset).unwrap_or(""), self.enc);
        self.byte = offset;
        Position::new(line as u32, self.units)
    }
}

fn units(s: &str, enc: Encoding) -> u32 {
    match enc {
        Encoding::Utf8 => s.len() as u32,
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum::<usize>() as u32,
        Encoding::Utf32 => s.chars().count() as u32,
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Apply one change of `textDocument/didChange` to `text` (a range, or the
/// whole text when `range` is `None`). A range the text does not have is
/// clamped to it (positions past a line end are its end).
pub fn apply_change(text: &mut String, range: Option<Range>, new: &str, enc: Encoding) {
    let Some(range) = range else {
        text.clear();
        text.push_str(new);
        return;
    };
    let index = LineIndex::new(text);
    let a = index.offset(text, range.start, enc);
    let b = index.offset(text, range.end, enc);
    let (a, b) = (a.min(b), a.max(b));
    text.replace_range(a..b, new);
}

/// The file a `file:` URI names; `None` for other schemes.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///p` (empty authority) or `file://localhost/p`.
    let path = match rest.strip_prefix("localhost") {
        Some(p) if p.starts_with('/') => p,
        _ => rest,
    };
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/dir/file` → `C:/dir/file`.
        let s = String::from_utf8(bytes).ok()?;
        let s = match s.get(1..3) {
            Some(d) if d.ends_with(':') => s.get(1..).unwrap_or(&s).to_string(),
            _ => s,
        };
        Some(PathBuf::from(s))
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Some(out)
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for &c in s.replace('\\', "/").as_bytes() {
        if c.is_ascii_alphanumeric() || b"-._~/:".contains(&c) {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_each_encoding() {
        // Curly quotes (3 bytes, 1 UTF-16 unit), an emoji (4 bytes, 2
        // units), CJK (3 bytes, 1 unit) before the word.
        let text = "line one\r\n“Hi” 😀 漢字 teh end\rlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.lines(), 3);
        let at = text.find("teh").unwrap();
        assert_eq!(
            idx.position(text, at, Encoding::Utf16),
            Position::new(1, 11)
        );
        assert_eq!(idx.position(text, at, Encoding::Utf8), Position::new(1, 21));
        assert_eq!(
            idx.position(text, at, Encoding::Utf32),
            Position::new(1, 10)
        );
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = idx.position(text, at, enc);
            assert_eq!(idx.offset(text, p, enc), at);
            let mut pos = Positions::new(text, &idx, enc);
            assert_eq!(pos.at(2), Position::new(0, 2));
            assert_eq!(pos.at(at), p);
            assert_eq!(pos.at(at + 3), Position::new(1, p.character + 3));
        }
        let last = text.find("last").unwrap();
        assert_eq!(
            idx.position(text, last, Encoding::Utf16),
            Position::new(2, 0)
        );
        // Past the end of a line: its end, not the next line.
        assert_eq!(idx.offset(text, Position::new(0, 99), Encoding::Utf16), 8);
        assert_eq!(
            idx.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        // Inside the emoji's surrogate pair: its start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(
            idx.offset(text, Position::new(1, 6), Encoding::Utf16),
            emoji
        );
    }

    #[test]
    fn incremental_changes() {
        let mut t = String::from("“a” teh\nsecond");
        apply_change(
            &mut t,
            Some(Range::new(Position::new(0, 4), Position::new(0, 7))),
            "the",
            Encoding::Utf16,
        );
        assert_eq!(t, "“a” the\nsecond");
        apply_change(
            &mut t,
            Some(Range::new(Position::new(1, 0), Position::new(1, 0))),
            "a ",
            Encoding::Utf16,
        );
        assert_eq!(t, "“a” the\na second");
        // Reversed and out-of-range positions are clamped, never a panic.
        apply_change(
            &mut t,
            Some(Range::new(Position::new(5, 0), Position::new(1, 99))),
            "!",
            Encoding::Utf8,
        );
        assert_eq!(t, "“a” the\na second!");
        apply_change(&mut t, None, "new", Encoding::Utf8);
        assert_eq!(t, "new");
    }

    #[test]
    fn uris() {
        let p = uri_to_path("file:///tmp/a%20b/%E2%80%9Cq%E2%80%9D.md").unwrap();
        assert_eq!(p, PathBuf::from("/tmp/a b/“q”.md"));
        assert_eq!(
            path_to_uri(Path::new("/tmp/a b/“q”.md")),
            "file:///tmp/a%20b/%E2%80%9Cq%E2%80%9D.md"
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file:///bad%zz"), None);
    }
}
