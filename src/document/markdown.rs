//! Markdown via pulldown-cmark's offset iterator: prose ranges map back to the
//! exact source bytes.

use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{front_matter, push_piece, Block, BlockKind, Piece, PieceKind};

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
}

impl Builder {
    fn flush(&mut self) {
        if self.pieces.iter().any(|p| p.kind == PieceKind::Prose) {
            self.blocks.push(Block {
                kind: self.kind,
                pieces: std::mem::take(&mut self.pieces),
                quoted: self.quote_depth > 0,
            });
        } else {
            self.pieces.clear();
        }
    }

    fn piece(&mut self, span: std::ops::Range<usize>, kind: PieceKind) {
        if self.skip_depth == 0 {
            push_piece(&mut self.pieces, span, kind);
        }
    }
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
/// matter are prose too.
pub(super) fn blocks<S: AsRef<str>>(text: &str, front_matter_keys: &[S]) -> Vec<Block> {
    let mut b = Builder {
        blocks: Vec::new(),
        pieces: Vec::new(),
        kind: BlockKind::Paragraph,
        quote_depth: 0,
        skip_depth: 0,
        autolink_depth: 0,
        front_matter: None,
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if let Tag::Link { link_type, .. } = &tag {
                    if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                        b.autolink_depth += 1;
                    }
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
                    Tag::CodeBlock(_) | Tag::HtmlBlock => b.skip_depth += 1,
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
                    TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                        b.front_matter = None;
                        b.skip_depth = b.skip_depth.saturating_sub(1)
                    }
                    _ => {}
                }
            }
            Event::Text(_) if b.front_matter.is_some() => {
                let yaml = b.front_matter == Some(true);
                let found = front_matter::blocks(text, range, yaml, front_matter_keys);
                b.blocks.extend(found);
            }
            Event::Text(t) => {
                // Entities and escapes: the source bytes are not the text.
                let kind = if b.autolink_depth > 0 || text.get(range.clone()) != Some(&*t) {
                    PieceKind::Opaque
                } else {
                    PieceKind::Prose
                };
                b.piece(range, kind);
            }
            Event::SoftBreak | Event::HardBreak => b.piece(range, PieceKind::Prose),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                b.piece(range, PieceKind::Opaque)
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
        blocks(text, &[] as &[&str])
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
        let b = blocks("> quoted text\n\nnot quoted\n", &[] as &[&str]);
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
        let b = blocks(text, front_matter::DEFAULT_KEYS);
        let got: Vec<&str> = b.iter().map(|b| &text[b.span()]).collect();
        assert_eq!(got, ["Helo wrld", "Body text."]);
        assert_eq!(b[0].kind, BlockKind::Heading);
        let text = "+++\ndescription = \"Some words\"\n+++\n\nBody.\n";
        let b = blocks(text, &["description"]);
        let got: Vec<&str> = b.iter().map(|b| &text[b.span()]).collect();
        assert_eq!(got, ["Some words", "Body."]);
    }
}
