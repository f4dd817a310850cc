//! Baselines: the problems a repository had when it adopted copyedit,
//! recorded so that only new ones are reported (`copyedit check
//! --write-baseline FILE`, then `--baseline FILE` or `baseline = "FILE"` in
//! `copyedit.toml`).
//!
//! A problem is known by its fingerprint: the file's path (relative to the
//! baseline's directory), the rule, the flagged text and a little of the
//! same line either side of it ([`CONTEXT_CHARS`] characters, white space
//! runs read as one space). No line or column: a problem stays known when
//! lines are added or removed above it, or the line is edited away from it.
//! The same fingerprint may occur more than once in a file (the same
//! misspelling in two identical sentences); the baseline keeps a count, and
//! the occurrences beyond it (the last ones in the file) are new.
//!
//! The file is text, one line per fingerprint, sorted, so that it diffs
//! well in review:
//!
//! ```text
//! # copyedit baseline 1
//! # path<TAB>rule<TAB>flagged text<TAB>text before<TAB>text after<TAB>count
//! docs/intro.md<TAB>spelling<TAB>recieve<TAB>Officials will <TAB> teh proposal<TAB>1
//! ```
//!
//! (`<TAB>` stands for a tab character.)
//!
//! Fields escape `\` as `\\`, a tab as `\t`, line breaks as `\n` and `\r`,
//! and a `#` that starts a line as `\#`. Lines starting with `#` are
//! comments.

// This module handles raw input: no unchecked indexing or string slicing.
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::ops::Range;

use copyedit_core::diagnostic::Diagnostic;

/// Characters of context recorded on each side of the flagged text.
pub const CONTEXT_CHARS: usize = 16;

/// The first line of a baseline file.
pub const HEADER: &str = "# copyedit baseline 1";

/// What identifies a problem across edits elsewhere in its file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint {
    /// Path relative to the baseline's directory, `/`-separated.
    pub path: String,
    /// Rule code.
    pub rule: String,
    /// The flagged text, as written.
    pub flagged: String,
    /// Up to [`CONTEXT_CHARS`] characters of the line before it.
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] characters of the line after it.
    pub after: String,
}

/// Runs of white space as one space.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

impl Fingerprint {
    /// The fingerprint of a problem at `span` of `text` in the file `path`.
    pub fn new(path: &str, rule: &str, text: &str, span: &Range<usize>) -> Self {
        let start = floor(text, span.start);
        let end = floor(text, span.end.max(start));
        let line_start = text
            .get(..start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = text
            .get(end..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| end + i);
        let before_line = text.get(line_start..start).unwrap_or("");
        let after_line = text.get(end..line_end).unwrap_or("");
        // A few more characters than kept, so that squeezed white space
        // does not shorten the context.
        let take_before: String = {
            let chars: Vec<char> = before_line.chars().rev().take(4 * CONTEXT_CHARS).collect();
            let raw: String = chars.into_iter().rev().collect();
            let squeezed = squeeze(&raw);
            let n = squeezed.chars().count();
            squeezed
                .chars()
                .skip(n.saturating_sub(CONTEXT_CHARS))
                .collect::<String>()
                .trim_start()
                .to_string()
        };
        let take_after: String = {
            let raw: String = after_line.chars().take(4 * CONTEXT_CHARS).collect();
            squeeze(&raw)
                .chars()
                .take(CONTEXT_CHARS)
                .collect::<String>()
                .trim_end()
                .to_string()
        };
        Fingerprint {
            path: path.to_string(),
            rule: rule.to_string(),
            flagged: text.get(start..end).unwrap_or("").to_string(),
            before: take_before,
            after: take_after,
        }
    }
}

/// The largest char boundary of `text` at or below `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn escape(s: &str, out: &mut String, first: bool) {
    if first && s.starts_with('#') {
        out.push('\\');
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('#') => out.push('#'),
            Some(other) => return Err(format!("unknown escape `\\{other}`")),
            None => return Err("`\\` at the end of a field".to_string()),
        }
    }
    Ok(out)
}

/// Recorded problems: how many of each fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Fingerprint, usize>,
}

impl Baseline {
    /// An empty baseline.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one problem.
    pub fn add(&mut self, fingerprint: Fingerprint) {
        *self.counts.entry(fingerprint).or_default() += 1;
    }

    /// Problems recorded (counting repeats).
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// How many times this fingerprint is recorded.
    pub fn count(&self, fingerprint: &Fingerprint) -> usize {
        self.counts.get(fingerprint).copied().unwrap_or(0)
    }

    /// Read a baseline file's text; errors name the 1-based line.
    pub fn parse(text: &str) -> Result<Self, (usize, String)> {
        let mut b = Baseline::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [path, rule, flagged, before, after, count] = fields.as_slice() else {
                return Err((
                    n + 1,
                    format!("expected 6 tab-separated fields, found {}", fields.len()),
                ));
            };
            let count: usize = count
                .parse()
                .ok()
                .filter(|&c| c > 0)
                .ok_or_else(|| (n + 1, format!("count `{count}` is not a positive number")))?;
            let field = |s: &str| unescape(s).map_err(|e| (n + 1, e));
            let fp = Fingerprint {
                path: field(path)?,
                rule: field(rule)?,
                flagged: field(flagged)?,
                before: field(before)?,
                after: field(after)?,
            };
            *b.counts.entry(fp).or_default() += count;
        }
        Ok(b)
    }

    /// The file's text: the header, then one sorted line per fingerprint.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(HEADER);
        out.push_str(
            "\n# path\trule\tflagged text\ttext before\ttext after\tcount\n\
             # Written by `copyedit check --write-baseline`; problems listed here are not \
             reported with --baseline.\n",
        );
        for (fp, count) in &self.counts {
            escape(&fp.path, &mut out, true);
            for field in [&fp.rule, &fp.flagged, &fp.before, &fp.after] {
                out.push('\t');
                escape(field, &mut out, false);
            }
            let _ = writeln!(out, "\t{count}");
        }
        out
    }

    /// Drop from `diagnostics` (of the file `path` with text `text`) the
    /// unsuppressed problems the baseline records, at most as many of each
    /// fingerprint as recorded (the first ones in the file). Returns how
    /// many were dropped.
    pub fn retain_new(&self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let mut seen: HashMap<Fingerprint, usize> = HashMap::new();
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            if d.suppressed.is_some() {
                return true;
            }
            let fp = Fingerprint::new(path, d.rule, text, &d.span);
            let recorded = self.count(&fp);
            if recorded == 0 {
                return true;
            }
            let n = seen.entry(fp).or_default();
            *n += 1;
            *n > recorded
        });
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copyedit_core::diagnostic::Severity;

    fn diag(text: &str, word: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        Diagnostic::new(
            "spelling",
            Severity::Error,
            start..start + word.len(),
            "unknown",
        )
    }

    #[test]
    fn context_is_on_the_same_line_and_squeezed() {
        let text = "first line\nOfficials  will recieve teh proposal on Wendsday, and more.\n";
        let fp = Fingerprint::new("a.md", "spelling", text, &diag(text, "recieve", 0).span);
        assert_eq!(fp.flagged, "recieve");
        assert_eq!(fp.before, "Officials will ");
        assert_eq!(fp.after, " teh proposal on");
        let fp = Fingerprint::new("a.md", "spelling", text, &(0..5));
        assert_eq!(fp.before, "");
        assert_eq!(fp.after, " line");
    }

    #[test]
    fn survives_edits_elsewhere_and_counts_repeats() {
        let old = "Intro.\n\nWe recieve it.\n\nWe recieve it.\n";
        let mut b = Baseline::new();
        for n in 0..2 {
            b.add(Fingerprint::new(
                "a.md",
                "spelling",
                old,
                &diag(old, "recieve", n).span,
            ));
        }
        assert_eq!(b.len(), 2);
        // Lines added above, and a third identical sentence: one is new.
        let new = "New intro.\n\nMore.\n\nWe recieve it.\n\nWe recieve it.\n\nWe recieve it.\n";
        let mut d: Vec<Diagnostic> = (0..3).map(|n| diag(new, "recieve", n)).collect();
        assert_eq!(b.retain_new("a.md", new, &mut d), 2);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, diag(new, "recieve", 2).span);
        // Another path, another file.
        let mut d = vec![diag(new, "recieve", 0)];
        assert_eq!(b.retain_new("b.md", new, &mut d), 0);
        // Edited around the word: a new problem.
        let edited = "We recieve them.\n";
        let mut d = vec![diag(edited, "recieve", 0)];
        assert_eq!(b.retain_new("a.md", edited, &mut d), 0);
    }

    #[test]
    fn round_trip_and_sorted() {
        let mut b = Baseline::new();
        let text = "#x\tre\\cieve\r\n";
        b.add(Fingerprint::new(
            "#odd\tname.md",
            "spelling",
            text,
            &(3..10),
        ));
        b.add(Fingerprint::new("a.md", "a-an", "a apple", &(0..1)));
        b.add(Fingerprint::new("a.md", "a-an", "a apple", &(0..1)));
        let rendered = b.render();
        assert!(rendered.starts_with(HEADER));
        let lines: Vec<&str> = rendered.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                "\\#odd\\tname.md\tspelling\tre\\\\ciev\t#x \te\t1",
                "a.md\ta-an\ta\t\t apple\t2"
            ]
        );
        assert_eq!(Baseline::parse(&rendered).unwrap(), b);
    }

    #[test]
    fn parse_errors_name_the_line() {
        assert_eq!(
            Baseline::parse("# c\na\tb\n").unwrap_err(),
            (2, "expected 6 tab-separated fields, found 2".to_string())
        );
        assert!(Baseline::parse("a\tb\tc\td\te\t0\n").is_err());
        assert!(Baseline::parse("a\tb\\q\tc\td\te\t1\n").is_err());
        assert!(Baseline::parse("").unwrap().is_empty());
    }
}
