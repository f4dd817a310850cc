//! Inline directives: HTML comments that switch rules off for part of a file.
//!
//! ```text
//! <!-- copyedit-disable -->                  all rules off from here …
//! <!-- copyedit-enable -->                   … to here
//! <!-- copyedit-disable spelling a-an -->    only these rules (also with enable)
//! <!-- copyedit-disable-next-line spelling --> the next line only
//! <!-- copyedit-ignore Kubernetes kubectl --> accept these words in this file
//! ```
//!
//! In Markdown the comments are found among the document's raw HTML (so an
//! example inside a code block is not a directive); in plain text a directive
//! must be alone on its line, with or without `<!-- -->`. Text after `--`
//! inside a directive is a comment: `<!-- copyedit-ignore Foo -- a name -->`.
//!
//! The linter runs every rule first and then calls [`apply`], which marks
//! the diagnostics the directives cover as suppressed
//! ([`Suppression::Directive`]) and reports malformed directives under the
//! rule code `directive`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Parser};

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Suppression};
use crate::dictionary::{case_of, normalize_apostrophes, Case};
use crate::document::{markdown_options, outside_code, Format};
use crate::linter::RuleLevel;
use crate::rules::{find, real_word, spelling, RULES};

/// The rule code of problems with directives themselves.
const CODE: &str = crate::rules::directive::META.code;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Rules off from the end of the directive (empty: all rules).
    Disable(Vec<String>),
    /// Rules on again (empty: all rules).
    Enable(Vec<String>),
    /// Rules off on the next line (empty: all rules).
    DisableNextLine(Vec<String>),
    /// Words accepted in the whole file.
    Ignore(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    /// The whole comment (or line, in plain text).
    span: Range<usize>,
    kind: Kind,
}

const NAMES: &str =
    "copyedit-disable, copyedit-enable, copyedit-disable-next-line or copyedit-ignore";

/// Find the directives of a text, and problems with them.
fn find_directives(text: &str, format: Format) -> (Vec<Directive>, Vec<Diagnostic>) {
    let mut directives = Vec::new();
    let mut problems = Vec::new();
    for (span, body) in comments(text, format) {
        parse(text, span, body, &mut directives, &mut problems);
    }
    (directives, problems)
}

/// `(comment span, directive body span)` of every comment that may be a
/// directive (its body starts with `copyedit-`).
fn comments(text: &str, format: Format) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    match format {
        Format::Markdown | Format::Mdx => {
            // Raw HTML, as the Markdown parser sees it: consecutive HTML
            // events (one per line of an HTML block) are joined.
            let mut html: Vec<Range<usize>> = Vec::new();
            for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
                if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
                    match html.last_mut() {
                        Some(last) if last.end == range.start => last.end = range.end,
                        _ => html.push(range),
                    }
                }
            }
            for range in html {
                delimited(text, range, ("<!--", "-->"), &mut out);
            }
        }
        Format::Plain => {}
    }
    if format == Format::Mdx {
        // MDX comments: `{/* copyedit-… */}`.
        for range in outside_code(text) {
            delimited(text, range, ("{/*", "*/}"), &mut out);
        }
        out.sort_by_key(|(span, _)| span.start);
    }
    match format {
        Format::Markdown | Format::Mdx => {}
        Format::Plain => {
            let mut pos = 0;
            for line in text.split_inclusive('\n') {
                let start = pos;
                pos += line.len();
                let content = line.trim_end_matches(['\n', '\r']);
                let trimmed = content.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let lead = content.len() - content.trim_start().len();
                let at = start + lead;
                let span = at..at + trimmed.len();
                if let Some(inner) = trimmed
                    .strip_prefix("<!--")
                    .and_then(|s| s.strip_suffix("-->"))
                {
                    out.push((span, at + 4..at + 4 + inner.len()));
                } else if trimmed.starts_with("copyedit-") {
                    out.push((span.clone(), span));
                }
            }
        }
    }
    out.retain(|(_, body)| {
        text.get(body.clone())
            .is_some_and(|b| b.trim_start().starts_with("copyedit-"))
    });
    out
}

/// Every `open … close` comment in `range` of `text`, as (comment span,
/// body span).
fn delimited(
    text: &str,
    range: Range<usize>,
    (open, close): (&str, &str),
    out: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    let mut at = range.start;
    while let Some(start) = find_in(text, at..range.end, open) {
        let body_start = start + open.len();
        let Some(end) = find_in(text, body_start..range.end, close) else {
            break;
        };
        out.push((start..end + close.len(), body_start..end));
        at = end + close.len();
    }
}

fn find_in(text: &str, range: Range<usize>, needle: &str) -> Option<usize> {
    let hay = text.as_bytes().get(range.clone())?;
    memchr::memmem::find(hay, needle.as_bytes()).map(|i| range.start + i)
}

/// Words of a directive body with their spans (split on white space and
/// commas; stops at a `--` note).
fn words(text: &str, body: Range<usize>) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let Some(s) = text.get(body.clone()) else {
        return out;
    };
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let sep = c.is_whitespace() || c == ',';
        match (sep, start) {
            (true, Some(st)) => {
                let w = s.get(st..i).unwrap_or_default();
                if w == "--" {
                    return out;
                }
                out.push((body.start + st..body.start + i, w));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

fn parse(
    text: &str,
    span: Range<usize>,
    body: Range<usize>,
    directives: &mut Vec<Directive>,
    problems: &mut Vec<Diagnostic>,
) {
    let words = words(text, body);
    let Some(((name_span, name), args)) = words.split_first() else {
        return;
    };
    let args: Vec<(Range<usize>, &str)> = args.to_vec();
    let rules = |problems: &mut Vec<Diagnostic>| -> Vec<String> {
        let mut codes = Vec::new();
        for (at, code) in &args {
            if find(code).is_some() {
                codes.push((*code).to_string());
            } else {
                problems.push(unknown_rule(at.clone(), code));
            }
        }
        codes
    };
    let kind = match *name {
        "copyedit-disable" => {
            let codes = rules(problems);
            if codes.is_empty() && !args.is_empty() {
                return; // every code was wrong: disabling everything would be a surprise
            }
            Kind::Disable(codes)
        }
        "copyedit-enable" => {
            let codes = rules(problems);
            if codes.is_empty() && !args.is_empty() {
                return;
            }
            Kind::Enable(codes)
        }
        "copyedit-disable-next-line" => {
            let codes = rules(problems);
            if codes.is_empty() && !args.is_empty() {
                return;
            }
            Kind::DisableNextLine(codes)
        }
        "copyedit-ignore" => {
            if args.is_empty() {
                problems.push(Diagnostic::new(
                    CODE,
                    Severity::Warning,
                    span,
                    "`copyedit-ignore` lists no words",
                ));
                return;
            }
            Kind::Ignore(args.iter().map(|(_, w)| (*w).to_string()).collect())
        }
        other => {
            problems.push(Diagnostic::new(
                CODE,
                Severity::Warning,
                name_span.clone(),
                format!("unknown directive `{other}` (expected {NAMES})"),
            ));
            return;
        }
    };
    directives.push(Directive { span, kind });
}

fn unknown_rule(span: Range<usize>, code: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        CODE,
        Severity::Warning,
        span.clone(),
        format!("unknown rule `{code}` in directive"),
    );
    let best = RULES
        .iter()
        .map(|r| (strsim::damerau_levenshtein(code, r.meta.code), r.meta.code))
        .min();
    match best {
        Some((dist, near)) if dist <= 2 => {
            d.fixes.push(Fix::new(
                format!("replace with `{near}`"),
                Edit::replace(span, near),
                Applicability::Unsafe,
            ));
        }
        _ => {
            let codes: Vec<&str> = RULES.iter().map(|r| r.meta.code).collect();
            d.notes.push(format!("rules: {}", codes.join(", ")));
        }
    }
    d
}

/// Which rules are off at a point of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct State {
    /// Every rule is off, except `except`.
    all: bool,
    except: HashSet<String>,
    /// Rules off (when `all` is false).
    off: HashSet<String>,
}

impl State {
    fn silences(&self, rule: &str) -> bool {
        if self.all {
            !self.except.contains(rule)
        } else {
            self.off.contains(rule)
        }
    }

    fn disable(&mut self, codes: &[String]) {
        if codes.is_empty() {
            *self = State {
                all: true,
                ..State::default()
            };
        } else if self.all {
            for c in codes {
                self.except.remove(c);
            }
        } else {
            self.off.extend(codes.iter().cloned());
        }
    }

    fn enable(&mut self, codes: &[String]) {
        if codes.is_empty() {
            *self = State::default();
        } else if self.all {
            self.except.extend(codes.iter().cloned());
        } else {
            for c in codes {
                self.off.remove(c);
            }
        }
    }
}

/// Words accepted by `copyedit-ignore`, with the dictionary's case rules: a
/// word given in lowercase matches in any case, a capitalised one as written
/// or in capitals.
#[derive(Debug, Default)]
struct IgnoredWords {
    exact: HashSet<String>,
    lower: HashSet<String>,
}

impl IgnoredWords {
    fn add(&mut self, w: &str) {
        let w = normalize_apostrophes(w).into_owned();
        if case_of(&w) == Case::Lower {
            self.lower.insert(w);
        } else {
            self.exact.insert(w.to_uppercase());
            self.exact.insert(w);
        }
    }

    fn contains(&self, word: &str) -> bool {
        let word = normalize_apostrophes(word);
        let stem = ["'s", "'S", "'"]
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .filter(|s| !s.is_empty());
        let found = [Some(&*word), stem]
            .into_iter()
            .flatten()
            .any(|w| self.exact.contains(w) || self.lower.contains(w.to_lowercase().as_str()));
        found
    }
}

/// The rules whose problems `copyedit-ignore WORD` silences: those about
/// one word being wrong, which the project may accept.
pub const IGNORE_APPLIES_TO: &[&str] = &[spelling::META.code, real_word::META.code];

/// Apply the directives of `text` to the diagnostics the rules produced:
/// suppress what they cover, drop diagnostics on the directives themselves
/// (plain text) and add a `directive` diagnostic for each malformed one, at
/// `level` (the configured level of the `directive` rule, if any).
pub fn apply(text: &str, format: Format, level: Option<RuleLevel>, out: &mut Vec<Diagnostic>) {
    if memchr::memmem::find(text.as_bytes(), b"copyedit-").is_none() {
        return;
    }
    let (directives, mut problems) = find_directives(text, format);

    let mut changes: Vec<(usize, &Kind)> = Vec::new();
    let mut next_lines: Vec<(Range<usize>, &[String])> = Vec::new();
    let mut ignored = IgnoredWords::default();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    for d in &directives {
        match &d.kind {
            Kind::Disable(_) | Kind::Enable(_) => changes.push((d.span.end, &d.kind)),
            Kind::DisableNextLine(codes) => {
                let line = line_starts.partition_point(|&s| s <= d.span.end);
                // `line` is the 0-based index of the next line.
                if let Some(&start) = line_starts.get(line) {
                    let end = line_starts.get(line + 1).copied().unwrap_or(text.len());
                    next_lines.push((start..end, codes));
                }
            }
            Kind::Ignore(words) => words.iter().for_each(|w| ignored.add(w)),
        }
    }
    // The state of the rules from each change on.
    let mut segments: Vec<(usize, State)> = Vec::with_capacity(changes.len());
    let mut state = State::default();
    for (at, kind) in changes {
        match kind {
            Kind::Disable(codes) => state.disable(codes),
            Kind::Enable(codes) => state.enable(codes),
            _ => {}
        }
        segments.push((at, state.clone()));
    }

    // Directives by start, with the greatest end so far: a span lies inside
    // a directive when one that starts at or before it ends at or after it.
    let mut spans: Vec<Range<usize>> = directives.iter().map(|d| d.span.clone()).collect();
    spans.sort_by_key(|s| s.start);
    let mut reach = 0;
    let reaches: Vec<usize> = spans
        .iter()
        .map(|s| {
            reach = reach.max(s.end);
            reach
        })
        .collect();
    let on_directive = |span: &Range<usize>| {
        let upto = spans.partition_point(|s| s.start <= span.start);
        upto.checked_sub(1)
            .and_then(|k| reaches.get(k))
            .is_some_and(|&end| span.end <= end)
    };
    out.retain(|d| !on_directive(&d.span));
    // Lines a directive applies to, by start (several may name one line).
    next_lines.sort_by_key(|(range, _)| range.start);
    let mut word_cache: HashMap<&str, bool> = HashMap::new();
    for d in out.iter_mut().filter(|d| d.suppressed.is_none()) {
        let pos = d.span.start;
        let by_region = segments
            .get(
                segments
                    .partition_point(|(at, _)| *at <= pos)
                    .wrapping_sub(1),
            )
            .is_some_and(|(_, s)| s.silences(d.rule));
        // The directives naming the line of `pos` (whole lines: those that
        // start at the last line start at or before it).
        let line_start = line_starts
            .get(line_starts.partition_point(|&s| s <= pos).wrapping_sub(1))
            .copied()
            .unwrap_or(0);
        let first = next_lines.partition_point(|(range, _)| range.start < line_start);
        let by_line = next_lines
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|(range, _)| range.start == line_start)
            .any(|(range, codes)| {
                range.contains(&pos) && (codes.is_empty() || codes.iter().any(|c| c == d.rule))
            });
        let by_word = IGNORE_APPLIES_TO.contains(&d.rule)
            && text
                .get(d.span.clone())
                .is_some_and(|w| *word_cache.entry(w).or_insert_with(|| ignored.contains(w)));
        if by_region || by_line || by_word {
            d.suppressed = Some(Suppression::Directive);
        }
    }

    match level {
        Some(RuleLevel::Off) => {}
        Some(RuleLevel::On(sev)) => {
            for p in &mut problems {
                p.severity = sev;
            }
            out.append(&mut problems);
        }
        None => out.append(&mut problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(rule: &'static str, text: &str, word: &str) -> Diagnostic {
        let at = text.find(word).unwrap();
        Diagnostic::new(rule, Severity::Error, at..at + word.len(), "x")
    }

    /// Apply to diagnostics on each word; return (word, suppressed?) and the
    /// directive problems' messages.
    fn run(
        text: &str,
        format: Format,
        flags: &[(&'static str, &str)],
    ) -> (Vec<(String, bool)>, Vec<String>) {
        let mut out: Vec<Diagnostic> = flags.iter().map(|(r, w)| diag(r, text, w)).collect();
        apply(text, format, None, &mut out);
        let mut kept = Vec::new();
        let mut problems = Vec::new();
        for d in out {
            if d.rule == CODE {
                problems.push(d.message);
            } else {
                kept.push((text[d.span].to_string(), d.suppressed.is_some()));
            }
        }
        (kept, problems)
    }

    #[test]
    fn disable_and_enable_regions() {
        let text = "Teh one.\n\n<!-- copyedit-disable -->\n\nTeh twoo.\n\n<!-- copyedit-enable -->\n\nTeh threee.\n";
        let (kept, problems) = run(
            text,
            Format::Markdown,
            &[
                ("spelling", "one"),
                ("spelling", "twoo"),
                ("spelling", "threee"),
            ],
        );
        assert_eq!(
            kept,
            [
                ("one".into(), false),
                ("twoo".into(), true),
                ("threee".into(), false)
            ]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn rule_specific_regions() {
        let text = "<!-- copyedit-disable spelling -->\nTeh the the.\n<!-- copyedit-enable spelling -->\nTeh.";
        let (kept, _) = run(
            text,
            Format::Markdown,
            &[("spelling", "Teh"), ("repeated-word", "the the")],
        );
        assert_eq!(kept, [("Teh".into(), true), ("the the".into(), false)]);
        // Enabling one rule inside a disable-all region.
        let text = "<!-- copyedit-disable -->\n<!-- copyedit-enable spelling -->\nTeh the the.";
        let (kept, _) = run(
            text,
            Format::Markdown,
            &[("spelling", "Teh"), ("repeated-word", "the the")],
        );
        assert_eq!(kept, [("Teh".into(), false), ("the the".into(), true)]);
    }

    #[test]
    fn next_line_only() {
        let text = "<!-- copyedit-disable-next-line spelling -->\nTeh one.\nTeh two.\n";
        let mut out = vec![
            diag("spelling", text, "Teh one"),
            diag("spelling", text, "Teh two"),
        ];
        apply(text, Format::Markdown, None, &mut out);
        let s: Vec<bool> = out.iter().map(|d| d.suppressed.is_some()).collect();
        assert_eq!(s, [true, false]);
    }

    /// A diagnostic on the `n`th occurrence of `word`.
    fn nth(rule: &'static str, text: &str, word: &str, n: usize) -> Diagnostic {
        let at = text.match_indices(word).nth(n).unwrap().0;
        Diagnostic::new(rule, Severity::Error, at..at + word.len(), "x")
    }

    fn suppressed(text: &str, format: Format, mut out: Vec<Diagnostic>) -> Vec<(String, bool)> {
        apply(text, format, None, &mut out);
        out.iter()
            .filter(|d| d.rule != CODE)
            .map(|d| (text[d.span.clone()].to_string(), d.suppressed.is_some()))
            .collect()
    }

    #[test]
    fn ignore_words_for_the_whole_file() {
        let text = "Kubectl and kubectl here. Foo's and foo, FOO.\n\n<!-- copyedit-ignore kubectl, Foo -- tools -->\n";
        let got = suppressed(
            text,
            Format::Markdown,
            vec![
                nth("spelling", text, "Kubectl", 0),
                nth("spelling", text, "kubectl", 0),
                nth("spelling", text, "Foo's", 0),
                nth("spelling", text, "foo", 0),
                nth("spelling", text, "FOO", 0),
                nth("repeated-word", text, "kubectl", 0),
            ],
        );
        let flags: Vec<bool> = got.iter().map(|k| k.1).collect();
        assert_eq!(flags, [true, true, true, false, true, false], "{got:?}");
    }

    #[test]
    fn code_blocks_and_ordinary_comments_are_not_directives() {
        let text = "```\n<!-- copyedit-disable -->\n```\n\n<!-- a note -->\n\nTeh.\n";
        let (kept, problems) = run(text, Format::Markdown, &[("spelling", "Teh.")]);
        assert_eq!(kept, [("Teh.".into(), false)]);
        assert!(problems.is_empty());
    }

    #[test]
    fn unknown_codes_and_directives_are_reported() {
        let text = "<!-- copyedit-disable speling -->\n<!-- copyedit-disabel -->\n<!-- copyedit-disable-next-line nonsense-rule-code -->\n<!-- copyedit-ignore -->\nTeh.\n";
        let mut out = vec![diag("spelling", text, "Teh.")];
        apply(text, Format::Markdown, None, &mut out);
        let msgs: Vec<&str> = out
            .iter()
            .filter(|d| d.rule == CODE)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            msgs,
            [
                "unknown rule `speling` in directive",
                "unknown directive `copyedit-disabel` (expected copyedit-disable, copyedit-enable, copyedit-disable-next-line or copyedit-ignore)",
                "unknown rule `nonsense-rule-code` in directive",
                "`copyedit-ignore` lists no words",
            ]
        );
        let speling = out.iter().find(|d| d.message.contains("speling")).unwrap();
        assert_eq!(&text[speling.span.clone()], "speling");
        assert_eq!(speling.fixes[0].edits[0].replacement, "spelling");
        // A directive with only wrong codes disables nothing.
        assert!(out.iter().all(|d| d.suppressed.is_none()));
        // Switched off by configuration.
        let mut out = Vec::new();
        apply(text, Format::Markdown, Some(RuleLevel::Off), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn plain_text_directive_lines() {
        let text = "copyedit-disable-next-line\nTeh one.\n  <!-- copyedit-ignore twoo -->\nTeh twoo.\nnot copyedit-disable here\nTeh three.\n";
        let got = suppressed(
            text,
            Format::Plain,
            vec![
                nth("spelling", text, "copyedit", 0),
                nth("spelling", text, "Teh", 0),
                nth("spelling", text, "twoo", 1),
                nth("spelling", text, "Teh", 2),
            ],
        );
        let want = [("Teh", true), ("twoo", true), ("Teh", false)];
        let want: Vec<(String, bool)> = want.iter().map(|(w, b)| (w.to_string(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn multi_line_comments_lists_and_quotes() {
        let text = "<!--\ncopyedit-ignore zorblax\n-->\n\n- item <!-- copyedit-disable-next-line -->\n  teh item\n\n> <!-- copyedit-disable repeated-word -->\n> the the\n\nA zorblax.\n";
        let got = suppressed(
            text,
            Format::Markdown,
            vec![
                nth("spelling", text, "teh", 0),
                nth("repeated-word", text, "the the", 0),
                nth("spelling", text, "zorblax", 1),
            ],
        );
        let flags: Vec<bool> = got.iter().map(|g| g.1).collect();
        assert_eq!(flags, [true, true, true], "{got:?}");
    }

    #[test]
    fn inline_html_comments_in_markdown() {
        let text = "Some <!-- copyedit-ignore zorblax --> zorblax text.\n";
        let got = suppressed(
            text,
            Format::Markdown,
            vec![nth("spelling", text, "zorblax", 1)],
        );
        assert_eq!(got, [("zorblax".to_string(), true)]);
    }

    #[test]
    fn several_next_line_directives_and_many_lines() {
        let text = "<!-- copyedit-disable-next-line spelling -->\n<!-- copyedit-disable-next-line a-an -->\nTeh a apple.\n".repeat(3)
            + "Teh a apple.\n";
        let mut out = Vec::new();
        for n in 0..4 {
            out.push(nth("spelling", &text, "Teh", n));
            out.push(nth("a-an", &text, "a apple", n));
        }
        let flags: Vec<bool> = suppressed(&text, Format::Markdown, out)
            .iter()
            .map(|k| k.1)
            .collect();
        // The first directive names the line of the second (itself a
        // directive): only `a-an` is off on the text line.
        assert_eq!(
            flags,
            [false, true]
                .repeat(3)
                .into_iter()
                .chain([false, false])
                .collect::<Vec<_>>()
        );
        // Diagnostics on a directive are dropped, wherever it is.
        let text =
            "Teh.\n\n<!-- copyedit-ignore zorblax -->\n\nTeh <!-- copyedit-ignore qux --> end.\n";
        let out = vec![
            nth("spelling", text, "zorblax", 0),
            nth("spelling", text, "qux", 0),
            nth("spelling", text, "Teh", 1),
        ];
        assert_eq!(
            suppressed(text, Format::Markdown, out),
            [("Teh".to_string(), false)]
        );
    }
}
