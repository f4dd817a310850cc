//! Plain text: every paragraph (lines up to a blank line) is one prose block.

use super::{Block, BlockKind, Piece, PieceKind};

pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in lines_inclusive(text) {
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

/// The lines of `text` with their endings: LF, CRLF, or a lone CR (which
/// ends a line too, so `\r\r` is a blank line between paragraphs).
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = bytes.get(rest..).filter(|t| !t.is_empty())?;
        let end = match memchr::memchr2(b'\n', b'\r', tail) {
            Some(i) if tail.get(i) == Some(&b'\r') && tail.get(i + 1) == Some(&b'\n') => i + 2,
            Some(i) => i + 1,
            None => tail.len(),
        };
        let line = text.get(rest..rest + end)?;
        rest += end;
        Some(line)
    })
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
    fn a_lone_carriage_return_ends_a_line() {
        let text = "I saw the\r\rthe cat.\rIt sat.\r";
        let spans: Vec<_> = blocks(text).iter().map(|b| &text[b.span()]).collect();
        assert_eq!(spans, ["I saw the", "the cat.\rIt sat."]);
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(blocks("").is_empty());
        assert!(blocks("\n\n \n").is_empty());
    }
}
