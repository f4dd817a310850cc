//! Template tags in Markdown: which bytes a site generator replaces.
//!
//! Hugo shortcodes (`{{< x >}}`, `{{% x %}}`), Go templates (`{{raw `…`}}`),
//! Liquid/Jekyll and Jinja output and tags (`{{ page.title }}`,
//! `{% include x.html %}`) stand in a sentence as one opaque token; Jinja
//! comments (`{# … #}`) and the content of Liquid `{% highlight %}` and
//! `{% comment %}` blocks are markup. A tag may span lines, but not a blank
//! line (except inside a backtick string: Go raw strings hold code); an
//! unclosed tag is text. Tags are only looked for where they start outside
//! code; every scan is capped, and a failed scan resumes after what it read,
//! so the pass is linear in the input.

use std::ops::Range;

use super::html::{Cut, CutKind};

/// The longest tag (or Liquid block) looked for.
const MAX_TAG: usize = 64 * 1024;

/// Liquid blocks whose content is not prose (code or a comment).
const RAW_BLOCKS: &[&str] = &["highlight", "comment"];

/// The template cuts whose first byte lies in one of `regions` (sorted,
/// non-overlapping: the text outside code), in order.
pub(super) fn scan(text: &str, regions: &[Range<usize>]) -> Vec<Cut> {
    let bytes = text.as_bytes();
    let mut cuts: Vec<Cut> = Vec::new();
    // Where the last cut ended: no tag starts inside another.
    let mut done = 0usize;
    // Per raw block name, up to where a search for its end tag found none.
    let mut misses = [0usize; RAW_BLOCKS.len()];
    for region in regions {
        let end = region.end.min(bytes.len());
        let mut i = region.start.max(done);
        while i < end {
            let Some(hay) = bytes.get(i..end) else { break };
            let Some(p) = memchr::memchr(b'{', hay) else {
                break;
            };
            let at = i + p;
            match tag_at(text, at, &mut misses) {
                Ok(cut) => {
                    i = cut.range.end.max(at + 1);
                    done = i;
                    cuts.push(cut);
                }
                Err(resume) => i = resume.max(at + 1),
            }
        }
    }
    cuts
}

/// The template construct starting at `start` (a `{`): `Ok(cut)`, or
/// `Err(where to resume)`.
fn tag_at(text: &str, start: usize, misses: &mut [usize]) -> Result<Cut, usize> {
    let bytes = text.as_bytes();
    match bytes.get(start + 1) {
        Some(b'{') => {
            let opening = if bytes.get(start + 2) == Some(&b'{') {
                3
            } else {
                2
            };
            let close = close_of(bytes, start + opening, b"}}", true)?;
            let mut end = close + 2;
            // Mustache's `{{{ raw }}}`.
            if opening == 3 && bytes.get(end) == Some(&b'}') {
                end += 1;
            }
            Ok(Cut {
                range: start..end,
                kind: CutKind::Expression,
                breaks: false,
            })
        }
        Some(b'%') => {
            let close = close_of(bytes, start + 2, b"%}", true)?;
            let mut range = start..close + 2;
            let name = tag_name(text, start + 2);
            if let Some(r) = RAW_BLOCKS.iter().position(|n| *n == name) {
                // Through the matching `{% endNAME %}`, if it is there.
                if let (Some(raw), Some(missed)) = (RAW_BLOCKS.get(r), misses.get_mut(r)) {
                    if let Some(stop) = end_tag(text, range.end, raw, missed) {
                        range.end = stop;
                    }
                }
                return Ok(Cut {
                    range,
                    kind: CutKind::Markup,
                    breaks: false,
                });
            }
            let kind = if name == "raw" || name == "endraw" {
                CutKind::Markup
            } else {
                CutKind::Expression
            };
            Ok(Cut {
                range,
                kind,
                breaks: false,
            })
        }
        // A Jinja comment `{# … #}` (not a heading id `{#id}`).
        Some(b'#') if matches!(bytes.get(start + 2), Some(b' ' | b'\t' | b'\n' | b'-')) => {
            let close = close_of(bytes, start + 2, b"#}", false)?;
            Ok(Cut {
                range: start..close + 2,
                kind: CutKind::Markup,
                breaks: false,
            })
        }
        _ => Err(start + 1),
    }
}

/// The name of a `{% name … %}` tag whose body starts at `at` (after an
/// optional `-` and spaces).
fn tag_name(text: &str, at: usize) -> &str {
    let bytes = text.as_bytes();
    let mut i = at;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    let mut j = i;
    while matches!(bytes.get(j), Some(c) if c.is_ascii_alphanumeric() || *c == b'_') {
        j += 1;
    }
    text.get(i..j).unwrap_or("")
}

/// The end of the `{% endNAME %}` tag after `from`, within [`MAX_TAG`].
/// `missed`: up to where an earlier search found none (searched again only
/// past it), updated on a miss.
fn end_tag(text: &str, from: usize, name: &str, missed: &mut usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let limit = bytes.len().min(from.saturating_add(MAX_TAG));
    if limit <= *missed {
        return None;
    }
    let mut at = from.max(missed.saturating_sub(64));
    while at < limit {
        let Some(p) = bytes
            .get(at..limit)
            .and_then(|hay| memchr::memmem::find(hay, b"{%"))
        else {
            break;
        };
        let p = at + p;
        let found = tag_name(text, p + 2);
        if found.strip_prefix("end") == Some(name) {
            let close = close_of(bytes, p + 2, b"%}", true).ok()?;
            return Some(close + 2);
        }
        at = p + 2;
    }
    *missed = limit;
    None
}

/// Where `close` starts after `from`: past quoted strings (`"…"` and `'…'`
/// end at a line break; `` `…` `` may span lines; only if `quotes`), not
/// across a blank line outside a backtick string, within [`MAX_TAG`] bytes.
/// `Err(where to resume)` when there is none.
fn close_of(bytes: &[u8], from: usize, close: &[u8; 2], quotes: bool) -> Result<usize, usize> {
    let limit = bytes.len().min(from.saturating_add(MAX_TAG));
    let mut quote: Option<u8> = None;
    let mut i = from;
    while i < limit {
        let Some(&c) = bytes.get(i) else { break };
        match quote {
            Some(q) => {
                if c == q || (c == b'\n' && q != b'`') {
                    quote = None;
                }
            }
            None => {
                if c == close[0] && bytes.get(i + 1) == Some(&close[1]) {
                    return Ok(i);
                }
                match c {
                    b'"' | b'\'' | b'`' if quotes => quote = Some(c),
                    b'\n' => {
                        // A blank line ends the paragraph, and the search.
                        let mut j = i + 1;
                        while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\r')) {
                            j += 1;
                        }
                        if bytes.get(j) == Some(&b'\n') {
                            return Err(j);
                        }
                    }
                    _ => {}
                }
            }
        }
        i += 1;
    }
    Err(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> Vec<(&str, CutKind)> {
        let whole = 0..text.len();
        scan(text, std::slice::from_ref(&whole))
            .into_iter()
            .map(|c| (&text[c.range], c.kind))
            .collect()
    }

    #[test]
    fn liquid_hugo_and_jinja_tags() {
        let text = "A {{ page.title | escape }} and {% include note.html %}, {{< figure src=\"a.png\" >}} {{% notice %}}x{{% /notice %}} {# a\ncomment #} {{{ raw }}} end";
        let got: Vec<&str> = cuts(text).iter().map(|c| c.0).collect();
        assert_eq!(
            got,
            [
                "{{ page.title | escape }}",
                "{% include note.html %}",
                "{{< figure src=\"a.png\" >}}",
                "{{% notice %}}",
                "{{% /notice %}}",
                "{# a\ncomment #}",
                "{{{ raw }}}",
            ]
        );
        assert_eq!(cuts(text)[0].1, CutKind::Expression);
        assert_eq!(cuts(text)[5].1, CutKind::Markup);
    }

    #[test]
    fn go_raw_strings_span_blank_lines() {
        let text = "Look:\n\n{{raw `\n\tfunc f() {\n\n\t\tx := \"}}\"\n\t}\n`}}\n\nAfter.";
        let got = cuts(text);
        assert_eq!(got.len(), 1);
        assert!(got[0].0.starts_with("{{raw `") && got[0].0.ends_with("`}}"));
    }

    #[test]
    fn raw_and_highlight_blocks() {
        let text = "{% raw %}\n{{ x }}\n{% endraw %}\n\n{% highlight ruby %}\ndef foo; end\n{% endhighlight %}\nText";
        let got = cuts(text);
        let texts: Vec<&str> = got.iter().map(|c| c.0).collect();
        assert_eq!(
            texts,
            [
                "{% raw %}",
                "{{ x }}",
                "{% endraw %}",
                "{% highlight ruby %}\ndef foo; end\n{% endhighlight %}"
            ]
        );
        assert_eq!(got[0].1, CutKind::Markup);
        assert_eq!(got[3].1, CutKind::Markup);
    }

    #[test]
    fn whitespace_control_and_tags_over_lines() {
        let text = "{%- raw -%}\n{{ x }}\n{%- endraw -%} and {% include note.html\n   param=\"a %} b\" %} end";
        let got = cuts(text);
        let texts: Vec<&str> = got.iter().map(|c| c.0).collect();
        assert_eq!(
            texts,
            [
                "{%- raw -%}",
                "{{ x }}",
                "{%- endraw -%}",
                "{% include note.html\n   param=\"a %} b\" %}"
            ]
        );
        assert_eq!(got[2].1, CutKind::Markup);
        // Only tags that start in a region are found (code is not one).
        let text = "a {{ b }} c {{ d }}";
        let region = 0..4;
        let got: Vec<&str> = scan(text, std::slice::from_ref(&region))
            .into_iter()
            .map(|c| &text[c.range])
            .collect();
        assert_eq!(got, ["{{ b }}"]);
    }

    #[test]
    fn what_is_not_a_tag() {
        // Unclosed, across a blank line, a heading id, a lone brace.
        assert!(cuts("a {{ b\n\nc }} d").is_empty());
        assert!(cuts("a {% b").is_empty());
        assert!(cuts("## Title {#custom-id}").is_empty());
        assert!(cuts("set {a, b} and {x}").is_empty());
        assert!(cuts("{#comment without end").is_empty());
    }

    #[test]
    fn unclosed_tags_are_linear() {
        for unit in ["{{ a ", "{% a ", "{# a ", "{{`a", "{% highlight %}"] {
            let text = unit.repeat(50_000);
            let t = std::time::Instant::now();
            let _ = cuts(&text);
            assert!(t.elapsed().as_secs() < 5, "{unit}");
        }
    }
}
