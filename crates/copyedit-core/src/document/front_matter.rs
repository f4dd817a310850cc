//! Front matter (YAML `---` or TOML `+++`): the values of a few configured
//! keys (`title`, `description` by default) are prose; everything else is not.
//!
//! This is deliberately not a YAML or TOML parser. It reads top-level
//! `key: value` / `key = value` lines, single-line quoted or plain values, and
//! YAML block scalars or continuation lines (more-indented lines after the
//! key). Anything it is not sure about (escapes, flow collections, values
//! spanning lines inside quotes) is left unchecked: a missed word is better
//! than a false alarm on markup.

use std::ops::Range;

use super::{push_piece, Block, BlockKind, PieceKind};

/// The keys whose values are prose when configuration says nothing.
pub const DEFAULT_KEYS: &[&str] = &["title", "description"];

/// The prose blocks of the front matter whose content is `content` (bytes of
/// `text`, without the `---`/`+++` fences). `yaml` selects `key: value`
/// (YAML) over `key = value` (TOML).
pub(super) fn blocks<S: AsRef<str>>(
    text: &str,
    content: Range<usize>,
    yaml: bool,
    keys: &[S],
) -> Vec<Block> {
    let mut out = Vec::new();
    let Some(body) = text.get(content.clone()) else {
        return out;
    };
    // (line start offset in `text`, line without its line break)
    let mut lines = Vec::new();
    let mut pos = content.start;
    for line in body.split_inclusive('\n') {
        lines.push((pos, line.trim_end_matches(['\n', '\r'])));
        pos += line.len();
    }
    let mut i = 0;
    while let Some(&(start, line)) = lines.get(i) {
        i += 1;
        let Some((key, value_at)) = split_key(line, yaml) else {
            continue;
        };
        if !keys.iter().any(|k| k.as_ref() == key) {
            continue;
        }
        let kind = if key == "title" {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        let mut pieces = Vec::new();
        let raw = line.get(value_at..).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let value_start = start + value_at + lead;
        let value = raw.trim();
        let block_scalar = yaml && (value.starts_with('|') || value.starts_with('>'));
        if !block_scalar && !value.is_empty() {
            match quoted_value(value, yaml) {
                Some(Some(inner)) => {
                    push_piece(&mut pieces, inner.shift(value_start), PieceKind::Prose)
                }
                Some(None) => continue,
                // TOML values that are not strings (numbers, dates) are not prose.
                None if !yaml => continue,
                None => {
                    let plain = value.split_once(" #").map_or(value, |(v, _)| v).trim_end();
                    push_piece(
                        &mut pieces,
                        value_start..value_start + plain.len(),
                        PieceKind::Prose,
                    )
                }
            }
        }
        // YAML: more-indented lines after the key continue the value (block
        // scalars and multi-line plain scalars).
        if yaml && (block_scalar || quoted_value(value, yaml).is_none()) {
            while let Some(&(cont_start, cont)) = lines.get(i) {
                let trimmed = cont.trim_start();
                if trimmed.is_empty() || !cont.starts_with([' ', '\t']) {
                    break;
                }
                let at = cont_start + (cont.len() - trimmed.len());
                push_piece(
                    &mut pieces,
                    at..at + trimmed.trim_end().len(),
                    PieceKind::Prose,
                );
                i += 1;
            }
        }
        if !pieces.is_empty() {
            out.push(Block {
                kind,
                pieces,
                quoted: false,
            });
        }
    }
    out
}

/// A top-level key and the byte offset (in `line`) where its value starts.
fn split_key(line: &str, yaml: bool) -> Option<(&str, usize)> {
    if line.starts_with([' ', '\t', '#', '-', '[']) {
        return None;
    }
    let sep = if yaml { ':' } else { '=' };
    let at = line.find(sep)?;
    let key = line.get(..at)?.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    let rest = line.get(at + 1..)?;
    // YAML needs a space (or nothing) after the colon: `a:b` is a plain scalar.
    if yaml && !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, at + 1))
}

/// For a quoted value: `Some(Some(range of the inner text))`, or
/// `Some(None)` when it cannot be checked as written (escapes, unclosed
/// quotes). `None` for a plain (unquoted) value.
fn quoted_value(value: &str, yaml: bool) -> Option<Option<Range<usize>>> {
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = value.get(1..)?;
    let Some(close) = inner.rfind(quote) else {
        return Some(None);
    };
    let after = inner.get(close + 1..).unwrap_or("").trim();
    let body = inner.get(..close).unwrap_or("");
    let comment_ok = after.is_empty() || after.starts_with('#');
    let escapes = body.contains('\\') || (quote == '\'' && yaml && body.contains("''"));
    if !comment_ok || escapes || (!yaml && body.starts_with(quote)) {
        return Some(None);
    }
    Some(Some(1..1 + close))
}

trait Shift {
    fn shift(self, by: usize) -> Range<usize>;
}

impl Shift for Range<usize> {
    fn shift(self, by: usize) -> Range<usize> {
        self.start + by..self.end + by
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, yaml: bool, keys: &[&str]) -> Vec<String> {
        blocks(text, 0..text.len(), yaml, keys)
            .iter()
            .map(|b| {
                b.pieces
                    .iter()
                    .map(|p| &text[p.span.clone()])
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn yaml_keys() {
        let fm = "title: A tilte here # comment\nslug: teh-slug\ndescription: \"Quoted\"\ntags: [a, b]\n";
        assert_eq!(values(fm, true, DEFAULT_KEYS), ["A tilte here", "Quoted"]);
        assert_eq!(values(fm, true, &["slug"]), ["teh-slug"]);
        assert!(values(fm, true, &[] as &[&str]).is_empty());
    }

    #[test]
    fn yaml_block_scalars_and_continuations() {
        let fm = "description: >\n  First line\n  second line\nauthor: X\ntitle: One\n  two\n";
        assert_eq!(
            values(fm, true, DEFAULT_KEYS),
            ["First line|second line", "One|two"]
        );
    }

    #[test]
    fn escapes_and_nested_keys_are_skipped() {
        let fm = "title: \"a \\\"b\\\"\"\nmeta:\n  title: nested\n";
        assert!(values(fm, true, DEFAULT_KEYS).is_empty());
    }

    #[test]
    fn toml_keys() {
        let fm = "title = \"Hello there\"\ndate = 2024-01-01\ndescription = 'Single'\n";
        assert_eq!(values(fm, false, DEFAULT_KEYS), ["Hello there", "Single"]);
    }
}
