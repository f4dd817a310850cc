//! Markdown via pulldown-cmark's offset iterator: prose ranges map back to the
//! exact source bytes.

use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use std::ops::Range;

use super::html::{self, Cut, CutKind};
use super::{front_matter, push_piece, template, Block, BlockKind, Piece, PieceKind};

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_MATH
}

struct Builder {
    blocks: Vec<Block>,
    pieces: Vec<Piece>,
    kind: BlockKind,
    quote_depth: usize,
    /// Inside a code block, HTML block or front matter: nothing is prose.
    skip_depth: usize,
    /// Inside an autolink: its text is a URL or address, not prose.
    autolink_depth: usize,
    /// Inside front matter: `Some(true)` for YAML, `Some(false)` for TOML.
    front_matter: Option<bool>,
    /// MDX: JSX, `{expressions}` and `import`/`export` are not prose.
    mdx: bool,
    /// Ranges that are not prose, sorted: in MDX for the whole text; in
    /// Markdown the template tags, and the tags of the current HTML block.
    cuts: Vec<Cut>,
    /// The lines of the current HTML block.
    html_block: Option<Vec<Range<usize>>>,
    /// Inside inline `<code>`, `<kbd>`… (Markdown): text is not prose.
    raw_inline_depth: usize,
    /// Blocks of attribute values and link titles found inside the current
    /// block: pushed after it if they come after its last piece.
    pending: Vec<Block>,
    /// The start of the last tag whose attributes were read (a tag over
    /// several lines is met once per line).
    last_tag: Option<usize>,
}

impl Builder {
    fn flush(&mut self) {
        if self.pieces.iter().any(|p| p.kind == PieceKind::Prose) {
            // Most blocks of a large table hold one piece: keep no spare
            // room (a first push reserves four).
            let mut pieces = std::mem::take(&mut self.pieces);
            pieces.shrink_to_fit();
            self.blocks.push(Block {
                kind: self.kind,
                pieces,
                quoted: self.quote_depth > 0,
            });
        } else {
            self.pieces.clear();
        }
        // Pieces increase across the document: a value is only a block of
        // its own after the last piece (a standalone image, not a link
        // title in mid-sentence).
        let mut end = self.blocks.last().map_or(0, |b| b.span().end);
        for block in self.pending.drain(..) {
            let span = block.span();
            if span.start >= end && !span.is_empty() {
                end = span.end;
                self.blocks.push(block);
            }
        }
    }

    /// The prose attributes (`alt`, `title`) of the tag at `start`: blocks of
    /// their own, after the current one.
    fn tag_attributes(&mut self, text: &str, start: usize) {
        if self.skip_depth > 0 || self.last_tag.is_some_and(|t| t >= start) {
            return;
        }
        self.last_tag = Some(start);
        for range in html::prose_attributes(text, start) {
            // Backticks in a value (an MDX component's title) mark code.
            let mut pieces = Vec::new();
            let mut pos = range.start;
            let mut code_at: Option<usize> = None;
            for (i, c) in text.get(range.clone()).unwrap_or("").bytes().enumerate() {
                if c != b'`' {
                    continue;
                }
                let at = range.start + i;
                match code_at.take() {
                    Some(open) => {
                        push_piece(&mut pieces, open..at + 1, PieceKind::Opaque);
                        pos = at + 1;
                    }
                    None => {
                        push_piece(&mut pieces, pos..at, PieceKind::Prose);
                        code_at = Some(at);
                    }
                }
            }
            push_piece(
                &mut pieces,
                code_at.unwrap_or(pos)..range.end,
                PieceKind::Prose,
            );
            self.pending.push(Block {
                kind: BlockKind::Paragraph,
                pieces,
                quoted: self.quote_depth > 0,
            });
        }
    }

    /// The title of a link or image (`[a](url "Title")`) whose source is
    /// `range`: a block of its own, after the current one.
    fn link_title(&mut self, text: &str, range: Range<usize>, title: &str) {
        if self.skip_depth > 0 || title.trim().is_empty() {
            return;
        }
        let Some(source) = text.get(range.clone()) else {
            return;
        };
        // Only a title written as it reads (no escapes or entities), inside
        // its quotes or parentheses.
        let Some(at) = source.rfind(title) else {
            return;
        };
        let before = at.checked_sub(1).and_then(|i| source.as_bytes().get(i));
        if !matches!(before, Some(b'"' | b'\'' | b'(')) {
            return;
        }
        let start = range.start + at;
        self.pending.push(Block {
            kind: BlockKind::Paragraph,
            pieces: vec![Piece {
                span: start..start + title.len(),
                kind: PieceKind::Prose,
            }],
            quoted: self.quote_depth > 0,
        });
    }

    fn piece(&mut self, text: &str, span: Range<usize>, kind: PieceKind) {
        if self.skip_depth > 0 {
            return;
        }
        if self.cuts.is_empty() {
            push_piece(&mut self.pieces, span, kind);
            return;
        }
        // Leave out what the cuts say is markup; expressions are opaque.
        let in_html = self.html_block.is_some();
        let first = self.cuts.partition_point(|c| c.range.end <= span.start);
        let mut pos = span.start;
        let mut i = first;
        while let Some(cut) = self.cuts.get(i) {
            if cut.range.start >= span.end {
                break;
            }
            let (start, end, cut_kind, breaks) =
                (cut.range.start, cut.range.end, cut.kind, cut.breaks);
            if start > pos {
                self.push_segment(text, pos..start, kind, in_html);
            }
            if in_html && cut_kind == CutKind::Markup && text.as_bytes().get(start) == Some(&b'<') {
                self.tag_attributes(text, start);
            }
            if cut_kind == CutKind::Expression {
                push_piece(
                    &mut self.pieces,
                    start.max(span.start)..end.min(span.end),
                    PieceKind::Opaque,
                );
            }
            if breaks && in_html {
                self.flush();
            }
            pos = pos.max(end);
            i += 1;
        }
        if pos < span.end {
            self.push_segment(text, pos..span.end, kind, in_html);
        }
    }

    /// Push a piece between cuts; in an HTML block, without the white space
    /// around it (the line breaks between tags are not prose).
    fn push_segment(&mut self, text: &str, span: Range<usize>, kind: PieceKind, trim: bool) {
        let mut span = span;
        if trim {
            let Some(s) = text.get(span.clone()) else {
                return;
            };
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            if lead == s.len() {
                return;
            }
            span = span.start + lead..span.end - trail;
        }
        push_piece(&mut self.pieces, span, kind);
    }

    /// The end of an HTML block: its text between tags is prose.
    fn end_html_block(&mut self, text: &str) {
        let Some(lines) = self.html_block.take() else {
            return;
        };
        let lines = without_fenced_code(text, lines);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in &lines {
            match merged.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => merged.push(r.clone()),
            }
        }
        // Markdown: the block's tags join the template cuts for a while.
        let saved = match (self.mdx, merged.first(), merged.last()) {
            (false, Some(first), Some(last)) => {
                let tags = html::scan(text, &merged, false);
                let base = std::mem::take(&mut self.cuts);
                self.cuts = merge_cuts(&base, tags, first.start..last.end);
                Some(base)
            }
            _ => None,
        };
        self.html_block = Some(Vec::new());
        self.kind = BlockKind::Paragraph;
        for r in merged {
            self.piece(text, r, PieceKind::Prose);
        }
        self.flush();
        self.html_block = None;
        if let Some(base) = saved {
            self.cuts = base;
        }
    }
}

/// The lines of an HTML block without the code fenced in it, fences
/// included: MDX reads a fence inside a JSX element as code at any
/// indentation (`<Tab>` then `    ```sh`), and in Markdown a fence there is
/// code-shaped text, not prose.
fn without_fenced_code(text: &str, lines: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut open: Option<(char, usize)> = None;
    let mut kept = Vec::with_capacity(lines.len());
    for r in lines {
        let line = text.get(r.clone()).unwrap_or_default().trim();
        let mark = line.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = mark.map_or(0, |m| line.chars().take_while(|&c| c == m).count());
        match (open, mark) {
            (None, Some(m)) if run >= 3 => open = Some((m, run)),
            (None, _) => kept.push(r),
            (Some((m, n)), Some(c)) if c == m && run >= n && line.trim_matches(m).is_empty() => {
                open = None
            }
            (Some(_), _) => {}
        }
    }
    kept
}

/// The cuts of `base` that overlap `extent`, with `extra`: sorted, a cut
/// that overlaps an earlier one left out.
fn merge_cuts(base: &[Cut], extra: Vec<Cut>, extent: Range<usize>) -> Vec<Cut> {
    let first = base.partition_point(|c| c.range.end <= extent.start);
    let mut all: Vec<Cut> = base
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.range.start < extent.end)
        .cloned()
        .chain(extra)
        .collect();
    all.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
    let mut out: Vec<Cut> = Vec::with_capacity(all.len());
    for cut in all {
        if out.last().is_some_and(|l| cut.range.start < l.range.end) {
            continue;
        }
        out.push(cut);
    }
    out
}

/// Whether `text` may hold a template tag (`{{`, `{%`, `{#`): most texts
/// have none, and are not parsed again to find where code is.
fn may_have_templates(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|i| match bytes.get(i + 1) {
        Some(b'{' | b'%') => true,
        Some(b'#') => matches!(bytes.get(i + 2), Some(b' ' | b'\t' | b'\n' | b'-')),
        _ => false,
    })
}

/// Elements whose inline content is code, not prose.
const RAW_INLINE: &[&str] = &[
    "code", "kbd", "samp", "var", "pre", "script", "style", "math",
];

/// `Some(true)` for an inline start tag of a [`RAW_INLINE`] element,
/// `Some(false)` for its end tag.
fn raw_inline_tag(html: &str) -> Option<bool> {
    let rest = html.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = rest.get(..name_len)?;
    if !RAW_INLINE.iter().any(|n| n.eq_ignore_ascii_case(name)) || html.ends_with("/>") {
        return None;
    }
    Some(!closing)
}

/// The ranges of `text` outside code, math and front matter (MDX: where
/// JSX, expressions and ESM are looked for).
pub(crate) fn outside_code(text: &str) -> Vec<Range<usize>> {
    let mut code: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let is_code = matches!(
            event,
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_))
                | Event::Code(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
        );
        if is_code {
            match code.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => code.push(range),
            }
        }
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for r in code {
        if r.start > pos {
            out.push(pos..r.start);
        }
        pos = pos.max(r.end);
    }
    if pos < text.len() {
        out.push(pos..text.len());
    }
    out
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The prose blocks of `text`; the values of `front_matter_keys` in front
/// matter are prose too. `mdx`: read as MDX (JSX tags, `{expressions}` and
/// `import`/`export` lines are not prose).
pub(super) fn blocks<S: AsRef<str>>(text: &str, front_matter_keys: &[S], mdx: bool) -> Vec<Block> {
    let cuts = if mdx {
        html::scan(text, &outside_code(text), true)
    } else if may_have_templates(text) {
        template::scan(text, &outside_code(text))
    } else {
        Vec::new()
    };
    let mut b = Builder {
        blocks: Vec::new(),
        pieces: Vec::new(),
        kind: BlockKind::Paragraph,
        quote_depth: 0,
        skip_depth: 0,
        autolink_depth: 0,
        front_matter: None,
        mdx,
        cuts,
        html_block: None,
        raw_inline_depth: 0,
        pending: Vec::new(),
        last_tag: None,
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if let Tag::Link { link_type, .. } = &tag {
                    if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                        b.autolink_depth += 1;
                    }
                }
                if let Tag::Link { title, .. } | Tag::Image { title, .. } = &tag {
                    b.link_title(text, range.clone(), title);
                }
                if is_inline(&tag) {
                    continue;
                }
                b.flush();
                match tag {
                    Tag::Paragraph => b.kind = BlockKind::Paragraph,
                    Tag::Heading { .. } => b.kind = BlockKind::Heading,
                    Tag::Item => b.kind = BlockKind::ListItem,
                    Tag::TableCell => b.kind = BlockKind::TableCell,
                    Tag::BlockQuote(_) => b.quote_depth += 1,
                    Tag::MetadataBlock(kind) => {
                        b.front_matter = Some(kind == MetadataBlockKind::YamlStyle);
                        b.skip_depth += 1
                    }
                    Tag::CodeBlock(_) => b.skip_depth += 1,
                    Tag::HtmlBlock if b.skip_depth == 0 => b.html_block = Some(Vec::new()),
                    _ => {}
                }
            }
            Event::End(tag) => {
                if tag == TagEnd::Link && b.autolink_depth > 0 {
                    b.autolink_depth -= 1;
                }
                if is_inline_end(&tag) {
                    continue;
                }
                b.flush();
                match tag {
                    TagEnd::BlockQuote(_) => b.quote_depth = b.quote_depth.saturating_sub(1),
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                        b.front_matter = None;
                        b.skip_depth = b.skip_depth.saturating_sub(1)
                    }
                    TagEnd::HtmlBlock => b.end_html_block(text),
                    _ => {}
                }
            }
            Event::Text(_) if b.front_matter.is_some() => {
                let yaml = b.front_matter == Some(true);
                let found = front_matter::blocks(text, range, yaml, front_matter_keys);
                b.blocks.extend(found);
            }
            Event::Html(_) => {
                if let Some(lines) = b.html_block.as_mut() {
                    lines.push(range);
                }
            }
            Event::InlineHtml(h) => {
                if !mdx {
                    match raw_inline_tag(&h) {
                        Some(true) => b.raw_inline_depth += 1,
                        Some(false) => b.raw_inline_depth = b.raw_inline_depth.saturating_sub(1),
                        None => {}
                    }
                }
                b.tag_attributes(text, range.start);
            }
            Event::Text(t) => {
                // Entities and escapes: the source bytes are not the text.
                let kind = if b.autolink_depth > 0
                    || b.raw_inline_depth > 0
                    || text.get(range.clone()) != Some(&*t)
                {
                    PieceKind::Opaque
                } else {
                    PieceKind::Prose
                };
                b.piece(text, range, kind);
            }
            Event::SoftBreak | Event::HardBreak => b.piece(text, range, PieceKind::Prose),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                b.piece(text, range, PieceKind::Opaque)
            }
            // Inline HTML, footnote references, task markers: transparent markup.
            _ => {}
        }
    }
    b.flush();
    b.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<String> {
        prose_as(text, false)
    }

    fn mdx(text: &str) -> Vec<String> {
        prose_as(text, true)
    }

    fn prose_as(text: &str, mdx: bool) -> Vec<String> {
        blocks(text, &[] as &[&str], mdx)
            .iter()
            .map(|b| {
                b.pieces
                    .iter()
                    .map(|p| match p.kind {
                        PieceKind::Prose => text[p.span.clone()].to_string(),
                        PieceKind::Opaque => "<>".to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn skips_code_and_front_matter() {
        let text = "---\ntitle: Helo\n---\n\n# Title here\n\nSome `cdoe` text.\n\n```\nfn mian() {}\n```\n";
        assert_eq!(prose(text), ["Title here", "Some |<>| text."]);
    }

    #[test]
    fn link_targets_are_markup() {
        let text = "See [the docs](http://exmaple.com/x) and <http://a.b/c>.";
        assert_eq!(prose(text), ["See |the docs| and |<>|."]);
    }

    #[test]
    fn blockquotes_are_marked_quoted() {
        let b = blocks("> quoted text\n\nnot quoted\n", &[] as &[&str], false);
        assert_eq!(b.len(), 2);
        assert!(b[0].quoted);
        assert!(!b[1].quoted);
    }

    #[test]
    fn brackets_that_are_not_links_stay_prose() {
        let text = "people ere [sic] dying";
        assert_eq!(prose(text), ["people ere [sic] dying"]);
    }

    #[test]
    fn list_items_and_table_cells_are_blocks() {
        let text = "- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n";
        assert_eq!(prose(text), ["one", "two", "a", "b", "c", "d"]);
    }

    #[test]
    fn front_matter_values_of_configured_keys_are_prose() {
        let text = "---\ntitle: Helo wrld\ndate: 2024-01-01\n---\n\nBody text.\n";
        let b = blocks(text, front_matter::DEFAULT_KEYS, false);
        let got: Vec<&str> = b.iter().map(|b| &text[b.span()]).collect();
        assert_eq!(got, ["Helo wrld", "Body text."]);
        assert_eq!(b[0].kind, BlockKind::Heading);
        let text = "+++\ndescription = \"Some words\"\n+++\n\nBody.\n";
        let b = blocks(text, &["description"], false);
        let got: Vec<&str> = b.iter().map(|b| &text[b.span()]).collect();
        assert_eq!(got, ["Some words", "Body."]);
    }

    #[test]
    fn text_between_html_block_tags_is_prose() {
        let text =
            "<div class=\"note\">\n<p>First parra.</p>\n<p>Second one.</p>\n</div>\n\nAfter.\n";
        assert_eq!(prose(text), ["First parra.", "Second one.", "After."]);
        let text = "<!-- just a comment -->\n\n<pre>\nfn mian() {}\n</pre>\n\n<script>var x = 1;</script>\n";
        assert!(prose(text).is_empty());
    }

    #[test]
    fn inline_code_elements_are_opaque() {
        let text = "Run <code>cargo biuld</code> or press <kbd>Ctrl</kbd> now, <em>gently</em>.";
        assert_eq!(prose(text), ["Run |<>| or press |<>| now, |gently|."]);
    }

    #[test]
    fn mdx_skips_esm_jsx_and_expressions() {
        let text = "import { Chart } from '../components/chart'\nexport const meta = { title: 'Hello' }\n\n# A heading\n\nSome text with {props.valeu} and <Badge type=\"tip\">new</Badge> here.\n\n<Chart data={[1, 2, 3]} labels={{ x: 'axs' }} />\n\n<Note>\nInside teh note.\n</Note>\n\n```js\nimport x from 'y'\n```\n";
        assert_eq!(
            mdx(text),
            [
                "A heading",
                "Some text with |<>| and |new| here.",
                "Inside teh note.",
            ]
        );
    }

    #[test]
    fn code_fenced_inside_a_jsx_element_is_not_prose() {
        let text = "<Card>\n  <Split title=\"New\">\n    ```sh\n    # create a project with npm\n    npm create astro\n    ```\n    Then run it.\n  </Split>\n</Card>\n";
        // The `title` attribute is prose of its own.
        assert_eq!(mdx(text), ["New", "Then run it."]);
    }

    #[test]
    fn mdx_jsx_across_lines_and_fragments() {
        let text = "<Tabs\n  items={['one', 'twoo']}\n  default=\"one\"\n>\n\nTab text.\n\n</Tabs>\n\n<>Fragment text</>\n";
        assert_eq!(mdx(text), ["Tab text.", "Fragment text"]);
    }

    #[test]
    fn markdown_is_not_read_as_mdx() {
        let text = "import the goods {now}\n";
        assert_eq!(prose(text), ["import the goods {now}"]);
        assert!(mdx(text).is_empty());
    }
}
