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
mod refine;
mod template;

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
        let blocks = if format.is_markdown() {
            blocks
                .into_iter()
                .filter_map(|b| refine::refine(text, b))
                .collect()
        } else {
            blocks
        };
        Document {
            text,
            format,
            blocks,
        }
    }
}

impl<'a> Document<'a> {
    /// The document in parts ([`Part`]), each a document of its own over
    /// the same text (spans stay those of the whole) with the bytes it
    /// answers for: whole blocks in order, a part ending after the first
    /// block past `max` bytes after which `quiet` says nothing carries over
    /// to the next block (no quotation left open), or, if none comes, after
    /// four times `max`; and a block longer than `cut` (at least `max`) in
    /// slices of about `cut` bytes, each cut after white space (after a
    /// sentence's end where there is one) and read with [`SLICE_CONTEXT`]
    /// bytes of the block on either side, so that the words beside a cut
    /// have their neighbours. The parts' `report` ranges tile the text, the
    /// last one open-ended: a problem belongs to the part whose range holds
    /// its start. A linter checks a large text part by part, so that its
    /// tokens need not all be held at once.
    pub fn parts<'d, Q: Fn(usize) -> bool>(
        &'d self,
        max: usize,
        cut: usize,
        quiet: Q,
    ) -> Parts<'d, 'a, Q> {
        let max = max.max(1);
        Parts {
            doc: self,
            max,
            cut: cut.max(max),
            quiet,
            block: 0,
            at: None,
            reported: 0,
        }
    }
}

/// The bytes of context read on either side of a slice of a long block
/// (see [`Document::parts`]).
pub const SLICE_CONTEXT: usize = 1024;

/// One part of a document (see [`Document::parts`]).
#[derive(Debug)]
pub struct Part<'a> {
    /// The part's blocks, as a document.
    pub doc: Document<'a>,
    /// The bytes it answers for: problems starting here, words counted.
    pub report: Range<usize>,
}

/// The parts of a document: see [`Document::parts`].
pub struct Parts<'d, 'a, Q> {
    doc: &'d Document<'a>,
    max: usize,
    cut: usize,
    quiet: Q,
    /// The next block to take, and, while one is being sliced, where its
    /// next slice starts.
    block: usize,
    at: Option<usize>,
    /// Where the next part's `report` range starts.
    reported: usize,
}

fn blank(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\t' | b'\r')
}

/// Whether byte `i` of `b` is white space.
fn blank_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|&c| blank(c))
}

impl<'a, Q: Fn(usize) -> bool> Parts<'_, 'a, Q> {
    fn part(&mut self, blocks: Vec<Block>, end: usize) -> Part<'a> {
        let last = self.block >= self.doc.blocks.len();
        let end = if last {
            usize::MAX
        } else {
            end.max(self.reported)
        };
        let report = self.reported..end;
        self.reported = end;
        Part {
            doc: Document {
                text: self.doc.text,
                format: self.doc.format,
                blocks,
            },
            report,
        }
    }

    /// Whether byte `at` lies inside an opaque piece of `b` (never cut).
    fn in_opaque(b: &Block, at: usize) -> bool {
        b.pieces
            .iter()
            .any(|p| p.kind == PieceKind::Opaque && p.span.start < at && at < p.span.end)
    }

    /// Where the slice of block `b` that starts at `from` ends: about `cut`
    /// bytes on, after the last sentence end (`. ` and the like) in the
    /// second half of the room, else after the last white space, else after
    /// the first white space beyond; the block's end when it is near.
    fn slice_end(&self, b: &Block, from: usize) -> usize {
        let text = self.doc.text.as_bytes();
        let end = b.span().end;
        let target = from.saturating_add(self.cut);
        if target >= end {
            return end;
        }
        let ok = |c: usize| c > from && c < end && !Self::in_opaque(b, c);
        let room = text.get(from..target).unwrap_or_default();
        let half = room.len() / 2;
        let sentence = (1..room.len())
            .rev()
            .take(room.len() - half)
            .find(|&i| {
                blank_at(room, i)
                    && matches!(room.get(i - 1), Some(b'.' | b'!' | b'?'))
                    && ok(from + i + 1)
            })
            .map(|i| from + i + 1);
        let space = || {
            (0..room.len())
                .rev()
                .find(|&i| blank_at(room, i) && ok(from + i + 1))
                .map(|i| from + i + 1)
        };
        let beyond = || {
            text.get(target..end)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .find(|&(i, &c)| blank(c) && ok(target + i + 1))
                .map_or(end, |(i, _)| target + i + 1)
        };
        sentence.or_else(space).unwrap_or_else(beyond)
    }

    /// The pieces of `b` within `lo..hi` (an opaque piece whole).
    fn clip(b: &Block, lo: usize, hi: usize) -> Vec<Piece> {
        b.pieces
            .iter()
            .filter(|p| p.span.end > lo && p.span.start < hi)
            .map(|p| match p.kind {
                PieceKind::Opaque => p.clone(),
                PieceKind::Prose => Piece {
                    span: p.span.start.max(lo)..p.span.end.min(hi),
                    kind: p.kind,
                },
            })
            .collect()
    }

    /// The next slice of block `b` (longer than `cut`), with its context.
    fn slice(&mut self, b: &Block) -> Part<'a> {
        let text = self.doc.text.as_bytes();
        let span = b.span();
        let from = self.at.unwrap_or(span.start);
        let to = self.slice_end(b, from);
        // The context: back to after a white space at most SLICE_CONTEXT
        // before, on to a white space at most SLICE_CONTEXT after.
        let lo = if from == span.start {
            from
        } else {
            let floor = from.saturating_sub(SLICE_CONTEXT).max(span.start);
            (floor..from)
                .find(|&i| i > span.start && blank_at(text, i - 1) && !Self::in_opaque(b, i))
                .unwrap_or(from)
        };
        let hi = if to >= span.end {
            span.end
        } else {
            let ceil = to.saturating_add(SLICE_CONTEXT).min(span.end);
            (to..ceil)
                .rev()
                .find(|&i| blank_at(text, i) && !Self::in_opaque(b, i))
                .unwrap_or(to)
        };
        let block = Block {
            kind: b.kind,
            pieces: Self::clip(b, lo, hi),
            quoted: b.quoted,
        };
        if to >= span.end {
            self.block += 1;
            self.at = None;
        } else {
            self.at = Some(to);
        }
        self.part(vec![block], to)
    }
}

impl<'a, Q: Fn(usize) -> bool> Iterator for Parts<'_, 'a, Q> {
    type Item = Part<'a>;

    fn next(&mut self) -> Option<Part<'a>> {
        let doc = self.doc;
        let mut blocks = Vec::new();
        let mut size = 0;
        let mut end = self.reported;
        while let Some(b) = doc.blocks.get(self.block) {
            let span = b.span();
            if span.len() > self.cut || self.at.is_some() {
                if blocks.is_empty() {
                    return Some(self.slice(b));
                }
                break;
            }
            blocks.push(b.clone());
            size += span.len();
            end = span.end;
            self.block += 1;
            if size >= self.max && ((self.quiet)(self.block - 1) || size >= 4 * self.max) {
                break;
            }
        }
        (!blocks.is_empty()).then(|| self.part(blocks, end))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each block as its pieces: prose as text, opaque as `<text>`, joined
    /// with `|`; every span is checked to lie on character boundaries.
    fn read(text: &str, format: Format) -> Vec<String> {
        Document::parse(text, format)
            .blocks
            .iter()
            .map(|b| {
                b.pieces
                    .iter()
                    .map(|p| {
                        let s = text.get(p.span.clone()).expect("span on char boundaries");
                        match p.kind {
                            PieceKind::Prose => s.to_string(),
                            PieceKind::Opaque => format!("<{s}>"),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    fn md(text: &str) -> Vec<String> {
        read(text, Format::Markdown)
    }

    /// The bytes of each kind a document's pieces cover, adjacent pieces
    /// of a kind merged: what its parts must cover between them.
    fn coverage<'a>(blocks: impl Iterator<Item = &'a Block>) -> Vec<(Range<usize>, PieceKind)> {
        let mut out: Vec<(Range<usize>, PieceKind)> = Vec::new();
        for p in blocks.flat_map(|b| &b.pieces) {
            match out.last_mut() {
                Some((r, k)) if *k == p.kind && r.end == p.span.start => r.end = p.span.end,
                _ => out.push((p.span.clone(), p.kind)),
            }
        }
        out
    }

    #[test]
    fn parts_cover_the_document_once_in_order() {
        let long = "word ".repeat(900) + "end.\n\n";
        let texts = [
            (format!("Short.\n\n{long}Another paragraph here.\n\n{long}"), Format::Plain),
            (format!("# Title\n\n{long}Text with `code` and [a link](x).\n\n| a | b |\n|---|---|\n| c | d |\n"), Format::Markdown),
            ("x".repeat(5000), Format::Plain),
            (String::new(), Format::Plain),
        ];
        for (text, format) in &texts {
            let doc = Document::parse(text, *format);
            let whole = coverage(doc.blocks.iter());
            for (max, cut) in [
                (1, 1),
                (7, 7),
                (64, 64),
                (100, 1000),
                (1000, 1000),
                (1 << 20, 1 << 20),
            ] {
                let parts: Vec<Part<'_>> = doc.parts(max, cut, |_| true).collect();
                // The report ranges tile the text, the last open-ended.
                let mut at = 0;
                for p in &parts {
                    assert_eq!(p.report.start, at, "{max}/{cut}");
                    at = p.report.end;
                }
                assert!(parts.is_empty() || at == usize::MAX);
                // Each part's pieces, clipped to its range, cover the
                // document's once, in order.
                let clip = |p: &Part<'_>, b: &Block| Block {
                    kind: b.kind,
                    quoted: b.quoted,
                    pieces: b
                        .pieces
                        .iter()
                        .filter(|q| q.span.start < p.report.end && q.span.end > p.report.start)
                        .map(|q| Piece {
                            span: q.span.start.max(p.report.start)..q.span.end.min(p.report.end),
                            kind: q.kind,
                        })
                        .collect(),
                };
                let clipped: Vec<Block> = parts
                    .iter()
                    .flat_map(|p| p.doc.blocks.iter().map(move |b| clip(p, b)))
                    .collect();
                assert_eq!(coverage(clipped.iter()), whole, "{max}/{cut}");
                // No part's block is empty, and a slice of a block starts
                // and ends at white space or at a piece's ends.
                let edge = |at: usize| {
                    at == 0
                        || at == text.len()
                        || doc
                            .blocks
                            .iter()
                            .flat_map(|b| &b.pieces)
                            .any(|q| q.span.start == at || q.span.end == at)
                        || text.as_bytes()[at - 1].is_ascii_whitespace()
                        || text.as_bytes()[at].is_ascii_whitespace()
                };
                for b in parts.iter().flat_map(|p| &p.doc.blocks) {
                    assert!(!b.pieces.is_empty());
                    for p in &b.pieces {
                        assert!(
                            edge(p.span.start) && edge(p.span.end),
                            "cut inside a word at {:?}",
                            p.span
                        );
                    }
                }
            }
            // A part ends early only where `quiet` allows, or at four times
            // the size.
            let sizes: Vec<usize> = doc
                .parts(100, 1 << 20, |_| false)
                .map(|p| p.doc.blocks.iter().map(|b| b.span().len()).sum())
                .collect();
            for (i, s) in sizes.iter().enumerate() {
                let last = i + 1 == sizes.len();
                assert!(last || *s >= 400 || doc.blocks.len() == 1, "{sizes:?}");
            }
        }
    }

    fn mdx(text: &str) -> Vec<String> {
        read(text, Format::Mdx)
    }

    #[test]
    fn entities_are_opaque_in_text_and_html_blocks() {
        assert_eq!(
            md("word&nbsp;word &amp; more"),
            ["word|<&nbsp;>|word |<&amp;>| more"]
        );
        assert_eq!(
            md("<p>Hello&nbsp;world &mdash; caf&eacute;</p>\n"),
            ["Hello|<&nbsp;>|world |<&mdash;>| |<caf&eacute;>"]
        );
        assert_eq!(
            md("A <span>don&#8217;t</span> here"),
            ["A |<don&#8217;t>| here"]
        );
        assert_eq!(
            md("---\ntitle: Tom &amp; Jerry\n---\n"),
            ["Tom |<&amp;>| Jerry"]
        );
    }

    #[test]
    fn intra_word_emphasis_is_one_token() {
        assert_eq!(
            md("It is **g**lobally known."),
            ["It is |<g**lobally>| known."]
        );
        assert_eq!(
            md("That is un*believ*able."),
            ["That is |<un*believ*able>|."]
        );
        // Emphasis around whole words is markup between prose.
        assert_eq!(
            md("A **bold** word, *Note*: yes."),
            ["A |bold| word, |Note|: yes."]
        );
    }

    #[test]
    fn image_alt_and_titles_are_prose() {
        assert_eq!(
            md("![A diagrm of it](a.png \"The titel\")\n\nSee [it](x 'Link titel')\n"),
            ["A diagrm of it", "The titel", "See |it", "Link titel"]
        );
        // Pieces increase through the document: a title or attribute in
        // mid-sentence is left out; a reference's title is elsewhere.
        assert_eq!(
            md("A [link](http://x.y 'Link titel') and [ref][r].\n\n[r]: http://z \"Ref\"\n"),
            ["A |link| and |ref|."]
        );
        assert_eq!(
            md("Text <img src=\"a.png\" alt=\"An imgae\" title=\"Tip\"> after.\n"),
            ["Text | after."]
        );
        assert_eq!(
            md("Text <img src=\"a.png\" alt=\"An imgae\" title=\"Tip\">\n"),
            ["Text ", "An imgae", "Tip"]
        );
        assert_eq!(
            md("<div>\n<img src=\"a.png\" alt=\"Block imgae\">\n</div>\n"),
            ["Block imgae"]
        );
        assert_eq!(
            mdx("<LinkCard title=\"The `astro-x` starter\" href=\"/x\" />\n"),
            ["The |<`astro-x`>| starter"]
        );
    }

    #[test]
    fn table_padding_is_not_prose() {
        let text = "| Name   | Value     |\n|--------|-----------|\n| a  b   | c         |\n";
        assert_eq!(md(text), ["Name", "Value", "a  b", "c"]);
    }

    #[test]
    fn heading_ids_are_skipped() {
        assert_eq!(
            md("## Title here {#custom-id}\n\nText.\n"),
            ["Title here ", "Text."]
        );
        // MDX: the comment is an opaque expression (its `*` read as emphasis
        // markers between opaque pieces): no word in it.
        let got = mdx("## Title here {/*custom-id*/}\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("Title here |<{/>"), "{got:?}");
        assert!(!got[0].contains("|custom"), "{got:?}");
    }

    #[test]
    fn template_tags_are_not_prose() {
        assert_eq!(
            md("Welcome to {{ site.title }}, see {% link docs/a.md %} now.\n"),
            ["Welcome to |<{{ site.title }}>|, see |<{% link docs/a.md %}>| now."]
        );
        assert_eq!(
            md("{{< note >}}\nInside the nte.\n{{< /note >}}\n\n{{% warning %}}Careful.{{% /warning %}}\n"),
            ["<{{< note >}}>|\nInside the nte.\n|<{{< /note >}}>", "<{{% warning %}}>|Careful.|<{{% /warning %}}>"]
        );
        // Raw blocks: the markers go, code stays code.
        let text = "{% raw %}\n```liquid\n{{ page.title }}\n```\n{% endraw %}\n\nText {# a note #} here.\n";
        assert_eq!(md(text), ["Text | here."]);
        // A highlight block is code.
        let text = "{% highlight ruby %}\ndef mian; end\n{% endhighlight %}\n\nAfter.\n";
        assert_eq!(md(text), ["After."]);
        // Go templates over several lines, with a raw string holding blank lines.
        let text = "Look:\n\n{{raw `\n\tfunc f() {\n\n\t\treturn\n\t}\n`}}\n\nAfter it.\n";
        assert_eq!(md(text), ["Look:", "After it."]);
        // In code, braces are code; an unclosed `{{` is text.
        assert_eq!(
            md("Use `{{ x }}` or {{ y\n\nz }} w.\n"),
            ["Use |<`{{ x }}`>| or {{ y", "z }} w."]
        );
        // In an HTML block, with the tags.
        assert_eq!(
            md("<p>{{ page.title }} text</p>\n"),
            ["<{{ page.title }}>|text"]
        );
    }

    #[test]
    fn emoji_shortcodes_are_opaque() {
        assert_eq!(md("Shipped :tada: today."), ["Shipped |<:tada:>| today."]);
        assert_eq!(md("At 10:30:00 done."), ["At 10:30:00 done."]);
    }

    #[test]
    fn admonitions_and_asides() {
        assert_eq!(md("> [!NOTE]\n> Read this.\n"), ["\n|Read this."]);
        assert_eq!(
            mdx(":::note[A short titel]\nSome text.\n:::\n"),
            ["A short titel|\nSome text.\n"]
        );
        assert_eq!(
            mdx(":::caution[Links with `base` set]\nBody.\n:::\n"),
            ["Links with |<`base`>| set|\nBody.\n"]
        );
        assert_eq!(md(":::tip\n\nBody.\n\n:::\n"), ["Body."]);
    }

    #[test]
    fn plain_text_is_left_alone() {
        assert_eq!(
            read("a&nbsp;b :tada: {{ x }}", Format::Plain),
            ["a&nbsp;b :tada: {{ x }}"]
        );
    }
}
