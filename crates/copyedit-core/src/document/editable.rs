//! The bytes a fix may edit.
//!
//! A fix is an edit on byte spans of the original file, and rules judge
//! words across the markup between pieces (emphasis markers, a link target,
//! an HTML tag or comment), which is transparent to them. An edit that
//! reached into that markup would delete or corrupt it (`See the logo
//! ![logo](logo.png)` → `See the logo](logo.png)`). So the linter keeps only
//! fixes whose every edit lies inside one editable range: the prose pieces
//! of a block, joined across gaps that are only white space. Opaque pieces
//! (inline code, entities) and everything between blocks are not editable.

use std::ops::Range;

use super::{Document, Format, PieceKind};

impl Document<'_> {
    /// Sorted, disjoint byte ranges that fixes may edit. Plain text has no
    /// markup: the whole text is editable.
    pub fn editable_ranges(&self) -> Vec<Range<usize>> {
        if self.format == Format::Plain {
            return std::iter::once(0..self.text.len()).collect();
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        for block in &self.blocks {
            let mut open: Option<Range<usize>> = None;
            for piece in &block.pieces {
                if piece.kind != PieceKind::Prose {
                    out.extend(open.take());
                    continue;
                }
                match open.as_mut() {
                    Some(r) if self.only_space(r.end..piece.span.start) => {
                        r.end = piece.span.end;
                    }
                    _ => {
                        out.extend(open.take());
                        open = Some(piece.span.clone());
                    }
                }
            }
            out.extend(open);
        }
        out.sort_by_key(|r| r.start);
        out
    }

    fn only_space(&self, gap: Range<usize>) -> bool {
        self.text
            .get(gap)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
    }
}

/// Whether an edit on `span` lies inside one of `ranges` (sorted, as
/// [`Document::editable_ranges`] gives them). An insertion (empty span) may
/// stand at either end of a range.
pub fn inside(ranges: &[Range<usize>], span: &Range<usize>) -> bool {
    let i = ranges.partition_point(|r| r.end < span.start);
    ranges
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|r| r.start <= span.start)
        .any(|r| r.start <= span.start && span.end <= r.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editable(text: &str) -> Vec<&str> {
        let doc = Document::parse(text, Format::Markdown);
        doc.editable_ranges()
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn markup_is_not_editable() {
        let text = "See the logo ![logo](assets/logo.png) here.\n";
        for r in editable(text) {
            assert!(!r.contains("]("), "{r:?}");
        }
        let text = "Our note <!-- TODO: legal review --> note continues.\n";
        for r in editable(text) {
            assert!(!r.contains("<!--"), "{r:?}");
        }
        let text = "He should <em>ld</em> have gone.\n";
        for r in editable(text) {
            assert!(!r.contains('<'), "{r:?}");
        }
        let text = "The **the** end with `code` in it.\n";
        for r in editable(text) {
            assert!(!r.contains('*') && !r.contains('`'), "{r:?}");
        }
    }

    #[test]
    fn prose_across_a_soft_break_is_one_range() {
        assert_eq!(editable("one two\nthree four\n"), ["one two\nthree four"]);
    }

    #[test]
    fn plain_text_is_all_editable() {
        let text = "a <b> [c](d)";
        let doc = Document::parse(text, Format::Plain);
        let all = doc.editable_ranges();
        assert_eq!(all.len(), 1);
        assert_eq!(all.first(), Some(&(0..text.len())));
    }

    #[test]
    fn inside_checks_one_range() {
        let r = [0..5, 8..12];
        assert!(inside(&r, &(1..3)));
        assert!(inside(&r, &(5..5)));
        assert!(inside(&r, &(8..12)));
        assert!(!inside(&r, &(4..9)));
        assert!(!inside(&r, &(6..7)));
        assert!(!inside(&r, &(11..13)));
        assert!(!inside(&[], &(0..0)));
    }
}
