//! Plain text: every paragraph (lines up to a blank line) is one prose block.

use super::{Block, BlockKind, Piece, PieceKind};

pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(block(s, end));
            }
        } else {
            if start.is_none() {
                start = Some(line_start);
            }
            end = line_start + line.trim_end_matches(['\n', '\r']).len();
        }
    }
    if let Some(s) = start {
        blocks.push(block(s, end));
    }
    blocks
}

fn block(start: usize, end: usize) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        pieces: vec![Piece {
            span: start..end,
            kind: PieceKind::Prose,
        }],
        quoted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "one\ntwo\r\n\r\n  \nthree\n";
        let b = blocks(text);
        let spans: Vec<_> = b.iter().map(|b| &text[b.span()]).collect();
        assert_eq!(spans, ["one\ntwo", "three"]);
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(blocks("").is_empty());
        assert!(blocks("\n\n \n").is_empty());
    }
}
