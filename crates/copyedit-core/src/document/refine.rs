//! The last pass over Markdown blocks: what a renderer would not show as
//! words inside prose pieces.
//!
//! - HTML entities (`&nbsp;`, `&amp;`, `&#8217;`) are opaque (one token that
//!   stands in the sentence, never a word, never edited);
//! - emoji shortcodes (`:tada:`) are opaque;
//! - heading ids and attribute lists (`## Title {#id}`, kramdown's
//!   `{: .class}`), GitHub admonition markers (`> [!NOTE]`) and
//!   Docusaurus/Astro aside fences (`:::note[Title]`, `:::`) are dropped (the
//!   aside's title stays prose);
//! - a word split by emphasis markers or a letter entity (`**g**lobally`,
//!   `un*believ*able`, `caf&eacute;`) becomes one opaque piece: the rules see
//!   one token where the word is, not two fragments, and no fix edits it;
//! - white space at the edges of a table cell is dropped (padding of aligned
//!   tables is not a double space).
//!
//! Every change only splits or shrinks pieces: spans stay exact.

use std::ops::Range;

use super::{push_piece, Block, BlockKind, Piece, PieceKind};

/// What to do with a range inside a prose piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Not prose and not in the sentence.
    Drop,
    /// One opaque token.
    Opaque,
}

/// The block with its prose pieces refined; `None` when no prose is left.
pub(super) fn refine(text: &str, block: Block) -> Option<Block> {
    let Block {
        kind,
        pieces,
        quoted,
    } = block;
    let last_prose = pieces.iter().rposition(|p| p.kind == PieceKind::Prose);
    let first_prose = pieces.iter().position(|p| p.kind == PieceKind::Prose);
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    // Aside fences are read on whole source lines (a title may hold code).
    let mut fence_marks = Vec::new();
    if let (Some(first), Some(last)) = (pieces.first(), pieces.last()) {
        fences(text, &(first.span.start..last.span.end), &mut fence_marks);
    }
    let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        if piece.kind != PieceKind::Prose {
            push_piece(&mut out, piece.span, piece.kind);
            continue;
        }
        marks.clear();
        let span = piece.span.clone();
        if quoted && Some(i) == first_prose {
            admonition(text, &span, &mut marks);
        }
        if kind == BlockKind::Heading && Some(i) == last_prose {
            heading_id(text, &span, &mut marks);
        }
        marks.extend(
            fence_marks
                .iter()
                .filter(|m| m.0.start < span.end && m.0.end > span.start)
                .cloned(),
        );
        inline_marks(text, &span, &mut marks);
        apply(&mut out, span, &mut marks);
    }
    let mut pieces = join_words(text, out);
    if kind == BlockKind::TableCell {
        trim_edges(text, &mut pieces);
    }
    pieces
        .iter()
        .any(|p| p.kind == PieceKind::Prose)
        .then_some(Block {
            kind,
            pieces,
            quoted,
        })
}

/// Push `span` split by `marks` (any order; overlaps resolved for the
/// earliest).
fn apply(out: &mut Vec<Piece>, span: Range<usize>, marks: &mut [(Range<usize>, Mark)]) {
    marks.sort_by_key(|m| (m.0.start, std::cmp::Reverse(m.0.end)));
    let mut pos = span.start;
    for (range, mark) in marks.iter() {
        let (start, end) = (range.start.max(span.start), range.end.min(span.end));
        if start < pos || start >= end {
            continue;
        }
        push_piece(out, pos..start, PieceKind::Prose);
        if *mark == Mark::Opaque {
            push_piece(out, start..end, PieceKind::Opaque);
        }
        pos = end;
    }
    push_piece(out, pos..span.end, PieceKind::Prose);
}

/// `> [!NOTE]`: the marker at the start of a blockquote's first piece.
fn admonition(text: &str, span: &Range<usize>, marks: &mut Vec<(Range<usize>, Mark)>) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    let Some(rest) = s.strip_prefix("[!") else {
        return;
    };
    let name = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    if name > 0 && rest.as_bytes().get(name) == Some(&b']') {
        marks.push((span.start..span.start + 2 + name + 1, Mark::Drop));
    }
}

/// `## Title {#id .class}` (Pandoc, kramdown, Hugo): the braces at the end of
/// a heading.
fn heading_id(text: &str, span: &Range<usize>, marks: &mut Vec<(Range<usize>, Mark)>) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    let trimmed = s.trim_end();
    if !trimmed.ends_with('}') {
        return;
    }
    let Some(open) = trimmed.rfind('{') else {
        return;
    };
    let inner = trimmed.get(open + 1..trimmed.len() - 1).unwrap_or("");
    let attrs = inner.trim_start().starts_with(['#', '.', ':'])
        && !inner.contains(['{', '\n'])
        && inner.len() < 200;
    if attrs {
        marks.push((span.start + open..span.start + trimmed.len(), Mark::Drop));
    }
}

/// Docusaurus/Astro asides: a line `:::name`, `:::name[Title]`,
/// `:::name{attrs}` or a closing `:::`. The fence, the name and the
/// brackets are dropped; the title is prose.
fn fences(text: &str, span: &Range<usize>, marks: &mut Vec<(Range<usize>, Mark)>) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    if !s.contains(":::") {
        return;
    }
    let mut line_start = span.start;
    for line in s.split_inclusive('\n') {
        let at = line_start;
        line_start += line.len();
        // At the start of a source line (after indentation or `>` markers).
        let starts_line = text
            .get(..at)
            .unwrap_or("")
            .bytes()
            .rev()
            .take_while(|&b| b != b'\n')
            .all(|b| matches!(b, b' ' | b'\t' | b'>'));
        let body = line.trim_end_matches(['\n', '\r']);
        if !starts_line || !body.starts_with(":::") {
            continue;
        }
        let colons = body.bytes().take_while(|&b| b == b':').count();
        let rest = body.get(colons..).unwrap_or("");
        let name = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
            .count();
        let after = rest.get(name..).unwrap_or("");
        let head = at + colons + name;
        match after.as_bytes().first() {
            Some(b'[') => match after.rfind(']') {
                Some(close) => {
                    marks.push((at..head + 1, Mark::Drop));
                    marks.push((head + close..at + body.len(), Mark::Drop));
                }
                None => marks.push((at..at + body.len(), Mark::Drop)),
            },
            Some(b'{') => marks.push((at..at + body.len(), Mark::Drop)),
            // `:::note Title` (Docusaurus): the title follows a space.
            Some(b' ' | b'\t') if name > 0 => marks.push((at..head, Mark::Drop)),
            None => marks.push((at..head, Mark::Drop)),
            _ => {}
        }
    }
}

/// Entities, emoji shortcodes and kramdown attribute lists in `span`.
fn inline_marks(text: &str, span: &Range<usize>, marks: &mut Vec<(Range<usize>, Mark)>) {
    let bytes = text.as_bytes();
    let Some(hay) = bytes.get(span.clone()) else {
        return;
    };
    for p in memchr::memchr3_iter(b'&', b':', b'{', hay) {
        let at = span.start + p;
        let found = match bytes.get(at) {
            Some(b'&') => entity_len(bytes, at).map(|n| (n, Mark::Opaque)),
            Some(b':') => shortcode_len(bytes, at).map(|n| (n, Mark::Opaque)),
            Some(b'{') => attribute_list_len(bytes, at).map(|n| (n, Mark::Drop)),
            _ => None,
        };
        if let Some((n, mark)) = found {
            if at + n <= span.end {
                marks.push((at..at + n, mark));
            }
        }
    }
}

/// The length of the HTML entity at `at` (`&name;`, `&#123;`, `&#x1F;`).
pub(super) fn entity_len(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at + 1..)?;
    let (skip, digits) = match rest.first()? {
        b'#' => match rest.get(1) {
            Some(b'x' | b'X') => (
                2,
                rest.get(2..)?
                    .iter()
                    .take(7)
                    .take_while(|b| b.is_ascii_hexdigit())
                    .count(),
            ),
            _ => (
                1,
                rest.get(1..)?
                    .iter()
                    .take(8)
                    .take_while(|b| b.is_ascii_digit())
                    .count(),
            ),
        },
        b if b.is_ascii_alphabetic() => (
            0,
            rest.iter()
                .take(33)
                .take_while(|b| b.is_ascii_alphanumeric())
                .count(),
        ),
        _ => return None,
    };
    let max = if skip == 0 { 32 } else { 7 };
    let min = if skip == 0 { 2 } else { 1 };
    if digits < min || digits > max || rest.get(skip + digits) != Some(&b';') {
        return None;
    }
    Some(1 + skip + digits + 1)
}

/// Whether the entity `s` (`&eacute;`, `&#233;`) stands for a letter, which
/// belongs inside a word.
fn entity_is_letter(s: &str) -> bool {
    let Some(body) = s.strip_prefix('&').and_then(|s| s.strip_suffix(';')) else {
        return false;
    };
    if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        return value
            .and_then(char::from_u32)
            .is_some_and(char::is_alphabetic);
    }
    const LETTER_SUFFIXES: &[&str] = &[
        "acute", "grave", "circ", "uml", "tilde", "ring", "cedil", "slash", "lig", "caron",
    ];
    LETTER_SUFFIXES
        .iter()
        .any(|s| body.len() > s.len() && body.ends_with(s))
        || matches!(body, "szlig" | "eth" | "ETH" | "thorn" | "THORN")
}

/// The length of the emoji shortcode at `at` (`:tada:`, `:+1:`): a name of
/// lowercase letters, digits, `_`, `+`, `-` between colons, not touching a
/// letter, digit or colon on either side (`12:30:00`, `std::fs::File` are
/// not shortcodes).
fn shortcode_len(bytes: &[u8], at: usize) -> Option<usize> {
    let free = |b: Option<&u8>| !b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b':');
    if !free(at.checked_sub(1).and_then(|i| bytes.get(i))) {
        return None;
    }
    let rest = bytes.get(at + 1..)?;
    let name = rest
        .iter()
        .take(41)
        .take_while(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'+' | b'-')
        })
        .count();
    let name_bytes = rest.get(..name)?;
    let named =
        name_bytes.iter().any(u8::is_ascii_lowercase) || matches!(name_bytes, b"+1" | b"-1");
    if name == 0 || name > 40 || !named || rest.get(name) != Some(&b':') {
        return None;
    }
    if !free(bytes.get(at + 1 + name + 1)) {
        return None;
    }
    Some(name + 2)
}

/// The length of a kramdown inline attribute list at `at` (`{: .class}`,
/// `{:toc}`): on one line, under 200 bytes.
fn attribute_list_len(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at + 1) != Some(&b':') {
        return None;
    }
    let rest = bytes.get(at..)?;
    let close = rest
        .iter()
        .take(200)
        .position(|&b| b == b'}' || b == b'\n')?;
    (rest.get(close) == Some(&b'}')).then_some(close + 1)
}

/// Words split by emphasis markers (`**g**lobally`) or by a letter entity
/// (`caf&eacute;`) become one opaque piece.
fn join_words(text: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    if pieces.len() < 2 {
        return pieces;
    }
    let mut regions: Vec<Range<usize>> = Vec::new();
    for pair in pieces.windows(2) {
        let [a, b] = pair else { continue };
        let Some(gap) = text.get(a.span.end..b.span.start) else {
            continue;
        };
        let markers = gap.bytes().all(|c| matches!(c, b'*' | b'_' | b'~'));
        if !markers || (gap.is_empty() && a.kind == b.kind) {
            continue;
        }
        let (Some(start), Some(end)) = (word_start(text, a), word_end(text, b)) else {
            continue;
        };
        match regions.last_mut() {
            Some(last) if last.end >= start => last.end = last.end.max(end),
            _ => regions.push(start..end),
        }
    }
    if regions.is_empty() {
        return pieces;
    }
    let mut out = Vec::with_capacity(pieces.len());
    let mut r = 0;
    // The end of the last region pushed: a region is pushed once.
    let mut done = 0;
    for piece in pieces {
        let mut pos = piece.span.start.max(done);
        while pos < piece.span.end {
            // Skip regions that end before this position.
            while regions.get(r).is_some_and(|g| g.end <= pos) {
                r += 1;
            }
            match regions.get(r) {
                Some(g) if g.start <= pos => {
                    push_piece(&mut out, g.clone(), PieceKind::Opaque);
                    pos = g.end;
                    done = g.end;
                }
                Some(g) if g.start < piece.span.end => {
                    push_piece(&mut out, pos..g.start, piece.kind);
                    pos = g.start;
                }
                _ => {
                    push_piece(&mut out, pos..piece.span.end, piece.kind);
                    pos = piece.span.end;
                }
            }
        }
    }
    out
}

/// Where the word that ends `piece` starts: a prose piece ending in a letter
/// or digit, or a letter entity.
fn word_start(text: &str, piece: &Piece) -> Option<usize> {
    let s = text.get(piece.span.clone())?;
    match piece.kind {
        PieceKind::Opaque => is_glue(s).then_some(piece.span.start),
        PieceKind::Prose => {
            let tail: usize = s
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            (tail > 0).then_some(piece.span.end - tail)
        }
    }
}

/// Where the word that starts `piece` ends (see [`word_start`]).
fn word_end(text: &str, piece: &Piece) -> Option<usize> {
    let s = text.get(piece.span.clone())?;
    match piece.kind {
        PieceKind::Opaque => is_glue(s).then_some(piece.span.end),
        PieceKind::Prose => {
            let head: usize = s
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            (head > 0).then_some(piece.span.start + head)
        }
    }
}

/// An opaque piece that belongs inside a word: a letter, apostrophe or
/// soft hyphen entity (`caf&eacute;`, `don&rsquo;t`), or an escaped `_` or
/// `*` (`snake\_case`).
fn is_glue(s: &str) -> bool {
    const INSIDE_WORDS: &[&str] = &[
        "&rsquo;", "&#8217;", "&#x2019;", "&#X2019;", "&apos;", "&#39;", "&#x27;", "&shy;",
    ];
    s == "\\_"
        || s == "\\*"
        || INSIDE_WORDS.contains(&s)
        || (entity_len(s.as_bytes(), 0) == Some(s.len()) && entity_is_letter(s))
}

/// Drop white space at the start of the first piece and the end of the last.
fn trim_edges(text: &str, pieces: &mut Vec<Piece>) {
    if let Some(first) = pieces.first_mut().filter(|p| p.kind == PieceKind::Prose) {
        let s = text.get(first.span.clone()).unwrap_or("");
        first.span.start += s.len() - s.trim_start().len();
    }
    if let Some(last) = pieces.last_mut().filter(|p| p.kind == PieceKind::Prose) {
        let s = text.get(last.span.clone()).unwrap_or("");
        last.span.end -= s.len() - s.trim_end().len();
    }
    pieces.retain(|p| !p.span.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as one block of one prose piece, refined: prose as text,
    /// opaque as `<text>`, joined with `|`.
    fn refined(text: &str, kind: BlockKind, quoted: bool) -> Option<String> {
        let block = Block {
            kind,
            pieces: vec![Piece {
                span: 0..text.len(),
                kind: PieceKind::Prose,
            }],
            quoted,
        };
        refine(text, block).map(|b| show(text, &b.pieces))
    }

    fn show(text: &str, pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.kind {
                PieceKind::Prose => text[p.span.clone()].to_string(),
                PieceKind::Opaque => format!("<{}>", &text[p.span.clone()]),
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    fn para(text: &str) -> String {
        refined(text, BlockKind::Paragraph, false).unwrap_or_default()
    }

    #[test]
    fn entities_are_opaque() {
        assert_eq!(
            para("word&nbsp;word, R&amp;D, &#x2014; &mdash;"),
            "word|<&nbsp;>|word, R|<&amp;>|D, |<&#x2014;>| |<&mdash;>"
        );
        // Not entities: a lone ampersand, no semicolon, too long.
        assert_eq!(para("A & B &c &nbsp &#;"), "A & B &c &nbsp &#;");
    }

    #[test]
    fn letter_entities_join_their_word() {
        assert_eq!(para("a caf&eacute; here"), "a |<caf&eacute;>| here");
        assert_eq!(para("a na&#239;ve one"), "a |<na&#239;ve>| one");
        // A space or a dash entity does not join.
        assert_eq!(para("a&ndash;b"), "a|<&ndash;>|b");
        // An apostrophe entity is inside its word.
        assert_eq!(para("I don&#8217;t know"), "I |<don&#8217;t>| know");
        assert_eq!(para("so it&rsquo;s"), "so |<it&rsquo;s>");
    }

    #[test]
    fn emoji_shortcodes_are_opaque() {
        assert_eq!(
            para("Done :tada: and :white_check_mark:, :+1:"),
            "Done |<:tada:>| and |<:white_check_mark:>|, |<:+1:>"
        );
        // Times, paths and Rust paths are not shortcodes.
        assert_eq!(
            para("at 12:30:45 see std::fs::File"),
            "at 12:30:45 see std::fs::File"
        );
        assert_eq!(para("Note:this: and :Upper:"), "Note:this: and :Upper:");
    }

    #[test]
    fn heading_ids_are_dropped() {
        let h = |t| refined(t, BlockKind::Heading, false).unwrap_or_default();
        assert_eq!(h("Title here {#custom-id}"), "Title here ");
        assert_eq!(h("Title {.class #id}"), "Title ");
        // Braces that are not attributes stay; a paragraph keeps them.
        assert_eq!(h("Sets {a, b}"), "Sets {a, b}");
        assert_eq!(para("Title {#x}"), "Title {#x}");
    }

    #[test]
    fn kramdown_attribute_lists_are_dropped() {
        assert_eq!(para("A note.\n{: .note}"), "A note.\n");
        assert_eq!(para("Sets {:a, b} {: x"), "Sets | {: x");
    }

    #[test]
    fn admonition_markers_are_dropped() {
        assert_eq!(
            refined("[!NOTE]\nRead this.", BlockKind::Paragraph, true).unwrap_or_default(),
            "\nRead this."
        );
        assert!(refined("[!WARNING]", BlockKind::Paragraph, true).is_none());
        // Outside a blockquote, or not a marker: prose.
        assert_eq!(para("[!NOTE] text"), "[!NOTE] text");
        assert_eq!(
            refined("[!not a marker", BlockKind::Paragraph, true).unwrap_or_default(),
            "[!not a marker"
        );
    }

    #[test]
    fn aside_fences_are_dropped_titles_stay() {
        assert_eq!(
            para(":::note[Read this first]\nBody text.\n:::"),
            "Read this first|\nBody text.\n"
        );
        assert_eq!(
            para(":::tip Title here\nBody.\n:::"),
            " Title here\nBody.\n"
        );
        assert_eq!(para(":::caution{title=\"x\"}\nBody."), "\nBody.");
        assert!(refined(":::", BlockKind::Paragraph, false).is_none());
        // Not at a line start: prose.
        assert_eq!(para("a ::: b"), "a ::: b");
    }

    #[test]
    fn table_cells_are_trimmed() {
        let text = "  a  b   ";
        assert_eq!(
            refined(text, BlockKind::TableCell, false).unwrap_or_default(),
            "a  b"
        );
        assert!(refined("   ", BlockKind::TableCell, false).is_none());
    }

    fn pieces_of(text: &str, spans: &[(Range<usize>, PieceKind)]) -> Option<String> {
        let block = Block {
            kind: BlockKind::Paragraph,
            pieces: spans
                .iter()
                .map(|(s, k)| Piece {
                    span: s.clone(),
                    kind: *k,
                })
                .collect(),
            quoted: false,
        };
        refine(text, block).map(|b| show(text, &b.pieces))
    }

    #[test]
    fn words_split_by_emphasis_are_one_opaque_piece() {
        use PieceKind::*;
        // "the **g**lobally known"
        let text = "the **g**lobally known";
        assert_eq!(
            pieces_of(text, &[(0..4, Prose), (6..7, Prose), (9..22, Prose)]).unwrap(),
            "the |<g**lobally>| known"
        );
        // "un*believ*able!"
        let text = "un*believ*able!";
        assert_eq!(
            pieces_of(text, &[(0..2, Prose), (3..9, Prose), (10..15, Prose)]).unwrap(),
            "<un*believ*able>|!"
        );
        // "**Note**: text" and "*a* b": not one word.
        let text = "**Note**: text";
        assert_eq!(
            pieces_of(text, &[(2..6, Prose), (8..14, Prose)]).unwrap(),
            "Note|: text"
        );
        let text = "*a* b";
        assert_eq!(
            pieces_of(text, &[(1..2, Prose), (3..5, Prose)]).unwrap(),
            "a| b"
        );
        // A link target between is not a marker.
        let text = "[Java](u)Script";
        assert_eq!(
            pieces_of(text, &[(1..5, Prose), (9..15, Prose)]).unwrap(),
            "Java|Script"
        );
        // An escaped underscore joins (`snake\_case`); inline code does not.
        let text = "snake\\_case `Vec`s";
        assert_eq!(
            pieces_of(
                text,
                &[
                    (0..5, Prose),
                    (5..7, Opaque),
                    (7..12, Prose),
                    (12..17, Opaque),
                    (17..18, Prose)
                ]
            )
            .unwrap(),
            "<snake\\_case>| |<`Vec`>|s"
        );
    }
}
