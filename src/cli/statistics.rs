//! `copyedit check --statistics`: one line per rule with its count, then
//! the most frequent unknown words (in the manner of `ruff --statistics`).
//! A human-format run over many files ends with the same table.

use std::collections::HashMap;
use std::io::{self, Write};

use copyedit::walk::{Checked, InputError};
use copyedit_core::fix::chosen_fix;
use serde::Serialize;

/// A human-format run over more files than this ends with the statistics.
pub(super) const MANY_FILES: usize = 20;

/// Unknown words listed by `--statistics`.
const TOP_WORDS: usize = 20;
/// Unknown words listed at the end of a human-format run.
const TOP_WORDS_SHORT: usize = 10;

/// Counts of the reported (not suppressed) problems of a run.
#[derive(Debug, Default, Serialize)]
pub(super) struct Statistics {
    /// Per rule, most frequent first: (rule, problems, with a Safe fix).
    rules: Vec<RuleCount>,
    /// Unknown words (`spelling`), most frequent first.
    unknown_words: Vec<WordCount>,
    /// Problems reported.
    total: usize,
    /// Files with a problem.
    files: usize,
}

#[derive(Debug, Serialize)]
struct RuleCount {
    rule: &'static str,
    count: usize,
    fixable: usize,
}

#[derive(Debug, Serialize)]
struct WordCount {
    word: String,
    count: usize,
}

impl Statistics {
    /// Count every result.
    pub fn of(results: &[Result<Checked, InputError>]) -> Self {
        let mut tally = Tally::default();
        for r in results {
            tally.add(r);
        }
        tally.finish()
    }
}

/// [`Statistics`] counted one result at a time.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Per rule: (problems, with a Safe fix).
    rules: HashMap<&'static str, (usize, usize)>,
    /// Unknown words and how often each was reported.
    words: HashMap<String, usize>,
    total: usize,
    files: usize,
}

impl Tally {
    /// Count one more result.
    pub fn add(&mut self, r: &Result<Checked, InputError>) {
        let Ok(c) = r else { return };
        let mut any = false;
        for d in c.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            any = true;
            self.total += 1;
            let e = self.rules.entry(d.rule).or_default();
            e.0 += 1;
            e.1 += usize::from(chosen_fix(d, false).is_some());
            if d.rule == copyedit_core::rules::spelling::META.code {
                if let Some(w) = c.text.get(d.span.clone()) {
                    match self.words.get_mut(w) {
                        Some(n) => *n += 1,
                        None => {
                            self.words.insert(w.to_string(), 1);
                        }
                    }
                }
            }
        }
        self.files += usize::from(any);
    }

    /// The statistics of every result counted.
    pub fn finish(self) -> Statistics {
        let Tally {
            rules,
            words,
            total,
            files,
        } = self;
        let mut s = Statistics {
            total,
            files,
            ..Statistics::default()
        };
        s.rules = rules
            .into_iter()
            .map(|(rule, (count, fixable))| RuleCount {
                rule,
                count,
                fixable,
            })
            .collect();
        s.rules
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
        let mut words: Vec<(String, usize)> = words.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.unknown_words = words
            .into_iter()
            .take(TOP_WORDS)
            .map(|(word, count)| WordCount { word, count })
            .collect();
        s
    }
}

impl Statistics {
    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The table for people; `short` lists fewer unknown words.
    pub fn write_text(&self, out: &mut impl Write, short: bool) -> io::Result<()> {
        for r in &self.rules {
            let fixable = if r.fixable > 0 {
                format!("  ({} with a Safe fix)", r.fixable)
            } else {
                String::new()
            };
            writeln!(out, "{:>7}  {}{fixable}", r.count, r.rule)?;
        }
        writeln!(
            out,
            "{:>7}  problems in {} file{}",
            self.total,
            self.files,
            if self.files == 1 { "" } else { "s" }
        )?;
        let top = if short { TOP_WORDS_SHORT } else { TOP_WORDS };
        if !self.unknown_words.is_empty() {
            writeln!(out, "\nmost frequent unknown words:")?;
            for w in self.unknown_words.iter().take(top) {
                writeln!(out, "{:>7}  {}", w.count, w.word)?;
            }
        }
        Ok(())
    }

    /// `{"version": 1, "rules": [...], "unknown_words": [...], ...}`.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Doc<'a> {
            version: u32,
            #[serde(flatten)]
            statistics: &'a Statistics,
        }
        let doc = Doc {
            version: copyedit::report::JSON_VERSION,
            statistics: self,
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copyedit::walk::Source;
    use copyedit_core::{Diagnostic, Severity, Suppression};

    #[test]
    fn counts_by_rule_and_word() {
        let text = "teh teh recieve a apple".to_string();
        let d =
            |rule, span: std::ops::Range<usize>| Diagnostic::new(rule, Severity::Error, span, "m");
        let mut hidden = d("spelling", 8..15);
        hidden.suppressed = Some(Suppression::Sic);
        let c = Checked {
            source: Source::File("a.md".into()),
            text,
            bom: false,
            diagnostics: vec![
                d("spelling", 0..3),
                d("spelling", 4..7),
                hidden,
                d("a-an", 16..17),
            ],
            skipped: None,
            capped: false,
        };
        let s = Statistics::of(&[Ok(c)]);
        let mut out = Vec::new();
        s.write_text(&mut out, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "      2  spelling\n      1  a-an\n      3  problems in 1 file\n\n\
             most frequent unknown words:\n      2  teh\n"
        );
    }
}
