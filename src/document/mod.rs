//! Formats turn a text into the byte ranges that are prose.
//!
//! A [`Document`] is a list of [`Block`]s (paragraphs, headings, list items,
//! table cells). Each block is a run of [`Piece`]s: prose to check, or opaque
//! bytes (inline code, math, entities) that stand in the sentence but are not
//! words. Bytes between pieces are markup (emphasis markers, link targets) and
//! are transparent to rules. Nothing is copied: every range indexes the
//! original text.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

mod editable;
mod front_matter;
mod html;
mod markdown;
mod plain;

pub use editable::inside as edit_inside;
pub use front_matter::DEFAULT_KEYS as DEFAULT_FRONT_MATTER_KEYS;
pub(crate) use markdown::{options as markdown_options, outside_code};

use std::ops::Range;
use std::path::Path;

/// The input formats copyedit understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: paragraphs separated by blank lines.
    Plain,
    /// CommonMark with GitHub extensions.
    Markdown,
    /// MDX: Markdown in which `import`/`export` blocks, JSX tags and
    /// `{expressions}` are not prose.
    Mdx,
}

impl Format {
    /// Guess the format from a file name; Markdown extensions → Markdown.
    pub fn from_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown" | "mkd" | "mdown") => Format::Markdown,
            Some("mdx") => Format::Mdx,
            _ => Format::Plain,
        }
    }

    /// Markdown or MDX: comments, code and quotes come from the Markdown
    /// structure.
    pub fn is_markdown(self) -> bool {
        matches!(self, Format::Markdown | Format::Mdx)
    }
}

/// What a piece of a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Prose: tokenized and checked.
    Prose,
    /// Not words (inline code, math, an HTML entity): a single opaque token.
    Opaque,
}

/// A contiguous byte range of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Prose or opaque.
    pub kind: PieceKind,
}

/// The structural role of a block (rules never join two blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (or a plain-text paragraph).
    Paragraph,
    /// A heading.
    Heading,
    /// A list item's own text.
    ListItem,
    /// A table cell.
    TableCell,
}

/// A paragraph-like unit of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Structural role.
    pub kind: BlockKind,
    /// Pieces in text order, non-overlapping.
    pub pieces: Vec<Piece>,
    /// Inside a Markdown blockquote: someone else's words.
    pub quoted: bool,
}

impl Block {
    /// Bytes from the first piece to the end of the last.
    pub fn span(&self) -> Range<usize> {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(a), Some(b)) => a.span.start..b.span.end,
            _ => 0..0,
        }
    }
}

/// A text split into prose blocks.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The full text (after any BOM).
    pub text: &'a str,
    /// The format it was read as.
    pub format: Format,
    /// Prose blocks in order.
    pub blocks: Vec<Block>,
}

impl<'a> Document<'a> {
    /// Split `text` into blocks according to `format`; in Markdown front
    /// matter, the values of [`DEFAULT_FRONT_MATTER_KEYS`] are prose.
    pub fn parse(text: &'a str, format: Format) -> Self {
        Self::parse_with(text, format, DEFAULT_FRONT_MATTER_KEYS)
    }

    /// Like [`Document::parse`], with the front matter keys whose values are
    /// prose (`[markdown] front-matter-keys` in copyedit.toml).
    pub fn parse_with<S: AsRef<str>>(
        text: &'a str,
        format: Format,
        front_matter_keys: &[S],
    ) -> Self {
        let blocks = match format {
            Format::Plain => plain::blocks(text),
            Format::Markdown => markdown::blocks(text, front_matter_keys, false),
            Format::Mdx => markdown::blocks(text, front_matter_keys, true),
        };
        Document {
            text,
            format,
            blocks,
        }
    }
}

/// Append `span` to `pieces`, merging with the previous piece when they touch
/// and have the same kind.
pub(crate) fn push_piece(pieces: &mut Vec<Piece>, span: Range<usize>, kind: PieceKind) {
    if span.is_empty() {
        return;
    }
    if let Some(last) = pieces.last_mut() {
        if last.kind == kind && last.span.end == span.start {
            last.span.end = span.end;
            return;
        }
    }
    pieces.push(Piece { span, kind });
}
