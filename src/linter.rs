//! The linter: runs the enabled rules over one text.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dictionary::{Dictionary, Lang};
use crate::document::{Document, Format};
use crate::quotes::Quotations;
use crate::rules::{Context, RULES};
use crate::tokenize::tokenize;

/// What a rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// Not run.
    Off,
    /// Run, and report at this severity.
    On(Severity),
}

/// Settings that change what is reported.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The English variant.
    pub lang: Lang,
    /// Extra accepted words.
    pub words: Vec<String>,
    /// Per-rule overrides by code.
    pub rules: HashMap<String, RuleLevel>,
}

/// Checks texts. Cheap to share between threads.
#[derive(Debug)]
pub struct Linter {
    dict: Dictionary,
    config: Config,
}

impl Linter {
    /// A linter for a configuration.
    pub fn new(config: Config) -> Self {
        let mut dict = Dictionary::new(config.lang);
        dict.add_words(&config.words);
        Linter { dict, config }
    }

    /// The dictionary in use.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Check a text; diagnostics are sorted by position.
    pub fn check(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        let doc = Document::parse(text, format);
        let tokens = tokenize(&doc);
        let quotes = Quotations::find(&doc, &tokens);
        let cx = Context {
            text,
            doc: &doc,
            tokens: &tokens,
            dict: &self.dict,
            lang: self.config.lang,
            quotes: &quotes,
        };
        let mut out = Vec::new();
        for info in RULES {
            let level = self.config.rules.get(info.code).copied();
            if level == Some(RuleLevel::Off) {
                continue;
            }
            let start = out.len();
            info.rule.check(&cx, &mut out);
            if let Some(RuleLevel::On(sev)) = level {
                for d in out.iter_mut().skip(start) {
                    d.severity = sev;
                }
            }
        }
        crate::suppress::apply(text, &tokens, &quotes, &mut out);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        out
    }
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new(Config::default())
    }
}
