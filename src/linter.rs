//! The linter: runs the enabled rules over one text.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dictionary::{Dictionary, Lang};
use crate::directives;
use crate::document::{Document, Format, DEFAULT_FRONT_MATTER_KEYS};
use crate::quotes::Quotations;
use crate::rules::{Context, ForbiddenWord, Interner, RULES};
use crate::tokenize::tokenize;
use crate::vocabulary::{Census, Vocabulary};

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
    /// Words and phrases always flagged (rule `forbidden`).
    pub forbid: Vec<ForbiddenWord>,
    /// Front matter keys whose values are prose; `None`: the defaults
    /// ([`DEFAULT_FRONT_MATTER_KEYS`]).
    pub front_matter_keys: Option<Vec<String>>,
}

/// Checks texts. Cheap to share between threads.
#[derive(Debug)]
pub struct Linter {
    dict: Dictionary,
    config: Config,
    /// The run's vocabulary, once known (`copyedit fix` learns it before it
    /// fixes): applied to every check.
    vocabulary: std::sync::OnceLock<std::sync::Arc<Vocabulary>>,
}

impl Linter {
    /// A linter for a configuration.
    pub fn new(config: Config) -> Self {
        let mut dict = Dictionary::new(config.lang);
        dict.add_words(&config.words);
        Linter {
            dict,
            config,
            vocabulary: std::sync::OnceLock::new(),
        }
    }

    /// Judge every later check by this vocabulary (see
    /// [`Vocabulary::apply`]); a linter takes one vocabulary only, the
    /// first given.
    pub fn set_vocabulary(&self, vocabulary: std::sync::Arc<Vocabulary>) {
        let _ = self.vocabulary.set(vocabulary);
    }

    /// The vocabulary given by [`Linter::set_vocabulary`], if any.
    pub fn vocabulary(&self) -> Option<&std::sync::Arc<Vocabulary>> {
        self.vocabulary.get()
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
        self.check_inner(text, format, false).0
    }

    /// Count a text's words for the run's vocabulary without checking it
    /// (parse and tokenize only).
    pub fn census(&self, text: &str, format: Format) -> Census {
        let doc = match &self.config.front_matter_keys {
            Some(keys) => Document::parse_with(text, format, keys),
            None => Document::parse_with(text, format, DEFAULT_FRONT_MATTER_KEYS),
        };
        Census::of(&doc, &tokenize(&doc))
    }

    /// Check a text and count its words for the run's vocabulary
    /// ([`Census`]).
    pub fn check_with_census(&self, text: &str, format: Format) -> (Vec<Diagnostic>, Census) {
        let (d, c) = self.check_inner(text, format, true);
        (d, c.unwrap_or_default())
    }

    fn check_inner(
        &self,
        text: &str,
        format: Format,
        census: bool,
    ) -> (Vec<Diagnostic>, Option<Census>) {
        let doc = match &self.config.front_matter_keys {
            Some(keys) => Document::parse_with(text, format, keys),
            None => Document::parse_with(text, format, DEFAULT_FRONT_MATTER_KEYS),
        };
        let tokens = tokenize(&doc);
        let quotes = Quotations::find(&doc, &tokens);
        let mut out = Interner::with(&self.dict, |interner| {
            let cx = Context::new(
                text,
                &doc,
                &tokens,
                &self.dict,
                self.config.lang,
                &quotes,
                interner,
            );
            self.run_rules(&cx)
        });
        keep_markup(&doc, &mut out);
        crate::suppress::apply(text, &tokens, &quotes, &mut out);
        let directive_level = self.config.rules.get(directives::CODE).copied();
        directives::apply(text, format, directive_level, &mut out);
        if let Some(v) = self.vocabulary.get() {
            v.apply(&self.dict, text, &mut out);
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        let census = census.then(|| Census::of(&doc, &tokens));
        (out, census)
    }

    /// Every enabled rule over one document, at its configured severity.
    fn run_rules(&self, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for info in RULES {
            let level = self.config.rules.get(info.code).copied();
            if level == Some(RuleLevel::Off) {
                continue;
            }
            let start = out.len();
            info.rule.check_with(cx, &self.config, &mut out);
            if let Some(RuleLevel::On(sev)) = level {
                for d in out.iter_mut().skip(start) {
                    d.severity = sev;
                }
            }
        }
        out
    }
}

/// Drop every fix with an edit outside the document's editable ranges
/// (markup, code, entities): a fix may only edit prose. The diagnostic
/// stays. Runs before the directives, whose own fixes edit their comment.
fn keep_markup(doc: &Document<'_>, out: &mut [Diagnostic]) {
    if !doc.format.is_markdown() {
        return;
    }
    let ranges = doc.editable_ranges();
    for d in out.iter_mut() {
        d.fixes.retain(|f| {
            f.edits
                .iter()
                .all(|e| crate::document::edit_inside(&ranges, &e.span))
        });
    }
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new(Config::default())
    }
}
