//! Raw HTML in Markdown and JSX/ESM in MDX: which bytes are markup.
//!
//! [`scan`] walks regions of the source (the lines of HTML blocks in
//! Markdown; everything outside code in MDX) and returns [`Cut`]s: tags,
//! comments and the content of raw elements (`<script>`, `<pre>`, `<code>` …)
//! are markup; in MDX, `import`/`export` blocks are markup and `{…}`
//! expressions are opaque. What is left between the cuts is prose.
//!
//! Every scan of a tag or expression is capped at [`MAX_CONSTRUCT`] bytes,
//! and a failed scan resumes after the bytes it read, so the whole pass is
//! linear in the input whatever it holds.

use std::ops::Range;

/// The longest tag, comment, expression or raw element looked for.
const MAX_CONSTRUCT: usize = 64 * 1024;

/// What a cut range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CutKind {
    /// Tags, comments, raw element content, MDX `import`/`export`: not prose.
    Markup,
    /// An MDX `{expression}`: stands in the sentence as one opaque token.
    Expression,
}

/// A range of the source that is not prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cut {
    pub range: Range<usize>,
    pub kind: CutKind,
    /// A block-level tag (`<p>`, `<div>`, a JSX component…) or an MDX
    /// `import`/`export` block: prose on either side belongs to different
    /// blocks.
    pub breaks: bool,
}

/// Elements whose content is not prose.
const RAW_ELEMENTS: &[&str] = &[
    "script", "style", "pre", "code", "kbd", "samp", "var", "textarea", "math", "svg",
];

/// Inline elements: prose on either side stays in one block.
const INLINE_ELEMENTS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "del", "dfn", "em", "i", "img", "ins", "mark",
    "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr",
];

/// Is the lowercase element name `name` one of `list`?
fn is_one_of(name: &str, list: &[&str]) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The cuts in `regions` of `text` (sorted, non-overlapping regions), in
/// order. `mdx` turns on JSX rules: `{expressions}`, `import`/`export` blocks
/// at the start of a line, fragments `<>`, and attribute values in braces.
pub(super) fn scan(text: &str, regions: &[Range<usize>], mdx: bool) -> Vec<Cut> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    let mut raw_misses = Vec::new();
    for region in regions {
        let end = region.end.min(bytes.len());
        let mut i = region.start;
        while i < end {
            let Some(&b) = bytes.get(i) else { break };
            let line_start = i == 0 || bytes.get(i - 1) == Some(&b'\n');
            if mdx && line_start && (b == b'i' || b == b'e') {
                if let Some(stop) = esm_end(bytes, i, end) {
                    cuts.push(Cut {
                        range: i..stop,
                        kind: CutKind::Markup,
                        breaks: true,
                    });
                    i = stop;
                    continue;
                }
            }
            match b {
                b'<' => match tag(text, i, end, mdx, &mut raw_misses) {
                    Ok(cut) => {
                        i = cut.range.end.max(i + 1);
                        cuts.push(cut);
                    }
                    // Not a tag: read on after what was looked at.
                    Err(resume) => i = resume.max(i + 1),
                },
                b'{' if mdx => match balanced(bytes, i, end) {
                    Ok(stop) => {
                        cuts.push(Cut {
                            range: i..stop,
                            kind: CutKind::Expression,
                            breaks: false,
                        });
                        i = stop;
                    }
                    Err(resume) => i = resume.max(i + 1),
                },
                _ => i += 1,
            }
        }
    }
    cuts
}

/// If an MDX `import`/`export` block starts at `start`, where it ends: at
/// the end of the first line after which its brackets are balanced and the
/// next line is blank (or the region ends).
fn esm_end(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let rest = bytes.get(start..end)?;
    if !(rest.starts_with(b"import") || rest.starts_with(b"export")) {
        return None;
    }
    match rest.get(6) {
        Some(b' ' | b'\t' | b'{' | b'*') => {}
        _ => return None,
    }
    let mut depth: i64 = 0;
    let mut quote: Option<u8> = None;
    let mut i = start;
    while i < end {
        let Some(&c) = bytes.get(i) else { break };
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q || (c == b'\n' && q != b'`') {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' | b'(' | b'[' => depth += 1,
                b'}' | b')' | b']' => depth -= 1,
                b'\n' if depth <= 0 => {
                    // A blank line (or the end) closes the block.
                    let mut j = i + 1;
                    while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\r')) {
                        j += 1;
                    }
                    if j >= end || bytes.get(j) == Some(&b'\n') {
                        return Some(i + 1);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    Some(end)
}

/// A balanced `{…}` starting at `start` (quotes and nested braces allowed):
/// `Ok(end)`, or `Err(where to resume)` if it does not close within
/// [`MAX_CONSTRUCT`] bytes or the region.
fn balanced(bytes: &[u8], start: usize, end: usize) -> Result<usize, usize> {
    let limit = end.min(start.saturating_add(MAX_CONSTRUCT));
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = start;
    while i < limit {
        let Some(&c) = bytes.get(i) else { break };
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(i + 1);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    Err(i)
}

/// The element name starting at `at` (letters, digits, `-`, `.`, `:`).
fn name_at(text: &str, at: usize) -> &str {
    let bytes = text.as_bytes();
    let mut j = at;
    while matches!(bytes.get(j), Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b':' | b'_'))
    {
        j += 1;
    }
    text.get(at..j).unwrap_or("")
}

/// The tag, comment or raw element at `start` (a `<`): `Ok(cut)`, or
/// `Err(where to resume)` when it is not one. `raw_misses` remembers, per
/// raw element name, up to where a search for its end tag found none, so
/// that many unclosed `<pre>`s are not each searched to the limit.
fn tag(
    text: &str,
    start: usize,
    end: usize,
    mdx: bool,
    raw_misses: &mut Vec<(String, usize)>,
) -> Result<Cut, usize> {
    let bytes = text.as_bytes();
    let limit = end.min(start.saturating_add(MAX_CONSTRUCT));
    let rest = bytes.get(start..limit).unwrap_or(&[]);
    if rest.starts_with(b"<!--") {
        return match find(bytes, start + 4, limit, b"-->") {
            Some(close) => Ok(Cut {
                range: start..close + 3,
                kind: CutKind::Markup,
                breaks: false,
            }),
            None => Err(limit),
        };
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    let name = name_at(text, name_start);
    let fragment = mdx && name.is_empty() && bytes.get(name_start) == Some(&b'>');
    let first = name.as_bytes().first();
    let starts_like_tag = fragment
        || first.is_some_and(u8::is_ascii_alphabetic)
        || (!closing && rest.get(1) == Some(&b'!'));
    if !starts_like_tag {
        return Err(start + 1);
    }
    // To the closing `>`, past quoted values and (in MDX) braces.
    let mut i = name_start + name.len();
    let mut quote: Option<u8> = None;
    let mut braces = 0usize;
    let close = loop {
        if i >= limit {
            return Err(i);
        }
        let Some(&c) = bytes.get(i) else {
            return Err(i);
        };
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'`' if braces > 0 => quote = Some(c),
                b'{' if mdx => braces += 1,
                b'}' if mdx => braces = braces.saturating_sub(1),
                b'>' if braces == 0 => break i,
                // Plain HTML tags do not span a blank line.
                b'\n' if !mdx && bytes.get(i + 1) == Some(&b'\n') => return Err(i),
                _ => {}
            },
        }
        i += 1;
    };
    let self_closing = close > start && bytes.get(close - 1) == Some(&b'/');
    let breaks = !fragment && !is_one_of(name, INLINE_ELEMENTS);
    let mut range = start..close + 1;
    // A raw element: everything to its end tag is markup too.
    if !closing && !self_closing && is_one_of(name, RAW_ELEMENTS) {
        let lower = name.to_ascii_lowercase();
        let missed_until = raw_misses
            .iter()
            .find(|(n, _)| *n == lower)
            .map_or(0, |m| m.1);
        let mut at = close + 1;
        let limit = end.min(at.saturating_add(MAX_CONSTRUCT));
        if missed_until < limit {
            at = at.max(missed_until.saturating_sub(name.len() + 2));
            loop {
                match find(bytes, at, limit, b"</") {
                    Some(p) if name_at(text, p + 2).eq_ignore_ascii_case(name) => {
                        let stop = find(bytes, p, limit, b">").map_or(limit, |g| g + 1);
                        range.end = stop;
                        break;
                    }
                    Some(p) => at = p + 2,
                    // Unclosed: only the start tag is markup.
                    None => {
                        raw_misses.retain(|(n, _)| *n != lower);
                        raw_misses.push((lower, limit));
                        break;
                    }
                }
            }
        }
    }
    Ok(Cut {
        range,
        kind: CutKind::Markup,
        breaks,
    })
}

/// Attributes whose values are prose a reader sees (alt text, tooltips).
const PROSE_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label"];

/// The longest start tag whose attributes are read.
const MAX_TAG: usize = 4096;

/// The value ranges of the prose attributes ([`PROSE_ATTRIBUTES`]) of the
/// start tag at `start` (a `<`): quoted values only, without template tags
/// or `{expressions}`.
pub(super) fn prose_attributes(text: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    if bytes.get(start) != Some(&b'<') {
        return out;
    }
    let name = name_at(text, start + 1);
    if name.is_empty() {
        return out;
    }
    let limit = bytes.len().min(start.saturating_add(MAX_TAG));
    let mut i = start + 1 + name.len();
    let is_space = |c: Option<&u8>| matches!(c, Some(b' ' | b'\t' | b'\n' | b'\r'));
    while i < limit {
        while i < limit && is_space(bytes.get(i)) {
            i += 1;
        }
        match bytes.get(i) {
            None | Some(b'>') => break,
            Some(b'/') => {
                i += 1;
                continue;
            }
            Some(b'{') => match balanced(bytes, i, limit) {
                Ok(stop) => {
                    i = stop;
                    continue;
                }
                Err(_) => break,
            },
            _ => {}
        }
        let attr_start = i;
        while i < limit
            && !is_space(bytes.get(i))
            && !matches!(bytes.get(i), Some(b'=' | b'>' | b'/' | b'"' | b'\'' | b'{'))
        {
            i += 1;
        }
        if i == attr_start {
            // A stray quote: not a tag worth reading.
            break;
        }
        let attr = text.get(attr_start..i).unwrap_or("");
        while i < limit && is_space(bytes.get(i)) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < limit && is_space(bytes.get(i)) {
            i += 1;
        }
        match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let Some(close) = find(bytes, i + 1, limit, &[q]) else {
                    break;
                };
                let value = text.get(i + 1..close).unwrap_or("");
                let prose = is_one_of(attr, PROSE_ATTRIBUTES)
                    && !value.trim().is_empty()
                    && !value.contains(['{', '<']);
                if prose {
                    out.push(i + 1..close);
                }
                i = close + 1;
            }
            Some(b'{') => match balanced(bytes, i, limit) {
                Ok(stop) => i = stop,
                Err(_) => break,
            },
            _ => {
                while i < limit && !is_space(bytes.get(i)) && bytes.get(i) != Some(&b'>') {
                    i += 1;
                }
            }
        }
    }
    out
}

/// The first `needle` in `bytes[from..to]`.
fn find(bytes: &[u8], from: usize, to: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..to.min(bytes.len()))?;
    memchr::memmem::find(hay, needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str, mdx: bool) -> Vec<(&str, CutKind)> {
        let whole = 0..text.len();
        scan(text, std::slice::from_ref(&whole), mdx)
            .into_iter()
            .map(|c| (&text[c.range], c.kind))
            .collect()
    }

    #[test]
    fn html_tags_and_comments_are_markup() {
        let got = cuts("<div class=\"a>b\">Some text<!-- x --></div>", false);
        let texts: Vec<&str> = got.iter().map(|c| c.0).collect();
        assert_eq!(texts, ["<div class=\"a>b\">", "<!-- x -->", "</div>"]);
    }

    #[test]
    fn raw_elements_swallow_their_content() {
        let got = cuts("<pre>fn mian()</pre> and <code>x</code>", false);
        let texts: Vec<&str> = got.iter().map(|c| c.0).collect();
        assert_eq!(texts, ["<pre>fn mian()</pre>", "<code>x</code>"]);
    }

    #[test]
    fn a_lone_less_than_is_text() {
        assert!(cuts("if a < b and 3<4 then", false).is_empty());
        assert!(cuts("<unclosed tag here\n\nmore", false).is_empty());
    }

    #[test]
    fn mdx_esm_jsx_and_expressions() {
        let text = "import { Tabs } from './tabs'\nexport const meta = {\n  title: 'x',\n}\n\n# Title\n\n<Tabs items={['a b', \"c\"]}>\nSome {props.name} text <>frag</>\n</Tabs>\n";
        let got = cuts(text, true);
        let texts: Vec<&str> = got.iter().map(|c| c.0).collect();
        assert_eq!(
            texts,
            [
                "import { Tabs } from './tabs'\nexport const meta = {\n  title: 'x',\n}\n",
                "<Tabs items={['a b', \"c\"]}>",
                "{props.name}",
                "<>",
                "</>",
                "</Tabs>",
            ]
        );
        assert_eq!(got[2].1, CutKind::Expression);
    }

    #[test]
    fn esm_needs_the_keyword_at_the_line_start() {
        assert!(cuts("important news\nexported goods\n", true).is_empty());
        assert!(cuts("We import cars.\n", true).is_empty());
    }

    #[test]
    fn prose_attributes_are_alt_and_title() {
        let text =
            "<img src=\"a.png\" alt=\"A diagrm\" title='Teh title' data-x=y aria-label=\"Close\">";
        let got: Vec<&str> = prose_attributes(text, 0)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["A diagrm", "Teh title", "Close"]);
        // JSX values in braces, template tags, empty values: not prose.
        let text = "<Image alt={props.alt} title=\"{{ page.title }}\" {...rest} alt=\"\" title=\"Ok now\" />";
        let got: Vec<&str> = prose_attributes(text, 0)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["Ok now"]);
        // Not a tag, unclosed quotes: nothing, no panic.
        assert!(prose_attributes("a < b", 2).is_empty());
        assert!(prose_attributes("<img alt=\"never closed", 0).is_empty());
        assert!(prose_attributes("<a title", 0).is_empty());
    }

    #[test]
    fn unclosed_constructs_are_linear() {
        let text = "<pre>x ".repeat(100_000);
        let t = std::time::Instant::now();
        assert_eq!(cuts(&text, false).len(), 100_000);
        assert!(t.elapsed().as_secs() < 5);
        let text = "<a {".repeat(100_000);
        let t = std::time::Instant::now();
        let _ = cuts(&text, true);
        assert!(t.elapsed().as_secs() < 5);
    }
}
