//! The linter: runs the enabled rules over one text.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dictionary::{Dictionary, Lang};
use crate::directives;
use crate::document::{Document, Format, DEFAULT_FRONT_MATTER_KEYS};
use crate::language::{self, Skip};
use crate::quotes::Quotations;
use crate::rules::{scope_of, Context, ForbiddenWord, Interner, Scope, WholeText, RULES};
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
    /// Check every text as English: no language detection for documents or
    /// paragraphs (`--all-languages`, `language-detection = false`).
    pub all_languages: bool,
    /// Stop looking for problems in a text once this many are found
    /// (`--max-problems`); `None`: no limit. Bounds the memory a text in
    /// which every word is a problem takes.
    pub max_problems: Option<usize>,
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

    /// Check a text; diagnostics are sorted by position. Paragraphs in
    /// another language are left alone, but the text as a whole is checked
    /// as English whatever its language (see [`Linter::check_source`]).
    pub fn check(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        let doc = self.parse(text, format);
        let mut out = self.check_document(text, format, &doc, None, None);
        // Without the run's vocabulary, a word taken for a name is one.
        out.retain(|d| d.suppressed != Some(crate::diagnostic::Suppression::Name));
        out
    }

    /// Count a text's words for the run's vocabulary without checking it
    /// (parse and tokenize only).
    pub fn census(&self, text: &str, format: Format) -> Census {
        census_of(&self.parse(text, format))
    }

    /// Check a file's text, unless it is not English or not prose: `Err`
    /// says why it was skipped. `path` is the name it was found under (only
    /// the string is looked at: locale folders such as `/fr/`); `named`:
    /// the user named it (a named plain-text file is always taken for
    /// prose). See [`crate::language`]. Unknown capitalised words the
    /// `spelling` rule takes for names come suppressed
    /// ([`crate::Suppression::Name`]) unless the linter has a vocabulary:
    /// pass the result to [`Vocabulary::apply`], which reports the slips
    /// of the project's names among them and removes the rest.
    pub fn check_source(
        &self,
        text: &str,
        format: Format,
        path: &str,
        named: bool,
        census: Option<&mut Census>,
    ) -> Result<Vec<Diagnostic>, Skip> {
        let doc = self.parse_source(text, format, path, named)?;
        let locale = language::path_locale(path).filter(|tag| !tag.starts_with("en"));
        Ok(self.check_document(text, format, &doc, census, locale))
    }

    /// Count a file's words for the run's vocabulary as
    /// [`Linter::check_source`] would (parse and tokenize only): `Err` when
    /// it would skip the file, and why.
    pub fn census_source(
        &self,
        text: &str,
        format: Format,
        path: &str,
        named: bool,
    ) -> Result<Census, Skip> {
        Ok(census_of(&self.parse_source(text, format, path, named)?))
    }

    /// Why a file's text would not be checked, if it would not
    /// ([`Linter::check_source`] without the check).
    pub fn skip_reason(&self, text: &str, format: Format, path: &str, named: bool) -> Option<Skip> {
        if let Some(skip) = not_prose(text, format, path, named) {
            return Some(skip);
        }
        if self.config.all_languages {
            return None;
        }
        language::document_language(&self.parse(text, format), path)
    }

    /// The parsed document of a file's text, or why it is skipped: a walked
    /// plain-text file that is not prose, or a text not in English (unless
    /// `all_languages`), as [`Linter::check_source`] and
    /// [`Linter::census_source`] decide it ([`Linter::skip_reason`] too,
    /// without parsing when no language is skipped).
    fn parse_source<'t>(
        &self,
        text: &'t str,
        format: Format,
        path: &str,
        named: bool,
    ) -> Result<Document<'t>, Skip> {
        if let Some(skip) = not_prose(text, format, path, named) {
            return Err(skip);
        }
        let doc = self.parse(text, format);
        if !self.config.all_languages {
            if let Some(skip) = language::document_language(&doc, path) {
                return Err(skip);
            }
        }
        Ok(doc)
    }

    fn parse<'t>(&self, text: &'t str, format: Format) -> Document<'t> {
        match &self.config.front_matter_keys {
            Some(keys) => Document::parse_with(text, format, keys),
            None => Document::parse_with(text, format, DEFAULT_FRONT_MATTER_KEYS),
        }
    }

    /// The pipeline on a parsed document; with `census`, also count its
    /// words for the run's vocabulary; `locale`: the other language's
    /// locale its path names (`fr/`), if any.
    fn check_document(
        &self,
        text: &str,
        format: Format,
        doc: &Document<'_>,
        census: Option<&mut Census>,
        locale: Option<&str>,
    ) -> Vec<Diagnostic> {
        let editable = doc.format.is_markdown().then(|| doc.editable_ranges());
        let mut out = Vec::new();
        if text.len() <= part_bytes() {
            out = self.check_part(text, doc, editable.as_deref(), census, self.budget(), None);
        } else {
            // A large text, part by part: only one part's tokens at a time.
            // What the rules ask of the whole text: whether it holds code,
            // and how often each word occurs (one tokenization more, for
            // large texts only).
            let mut counts = WholeText::default();
            for part in parts(doc) {
                counts.add(text, &tokenize(&part.doc), &part.report);
            }
            counts.finish(text);
            let mut whole = census.map(|c| {
                *c = Census::default();
                c
            });
            for part in parts(doc) {
                let budget = self.budget().saturating_sub(out.len());
                if budget == 0 {
                    break;
                }
                let mut found = self.check_part(
                    text,
                    &part.doc,
                    editable.as_deref(),
                    whole.as_deref_mut(),
                    budget,
                    Some((&counts, part.report.clone())),
                );
                // A problem belongs to the part its start is in (a slice
                // of a long block is read with context on either side).
                found.retain(|d| part.report.contains(&d.span.start));
                out.append(&mut found);
            }
            if let Some(c) = whole {
                c.add_outside_prose(doc);
            }
        }
        let directive_level = self
            .config
            .rules
            .get(crate::rules::directive::META.code)
            .copied();
        directives::apply(text, format, directive_level, &mut out);
        drop_other_languages(text, doc, !self.config.all_languages, locale, &mut out);
        if let Some(v) = self.vocabulary.get() {
            v.apply(&self.dict, text, &mut out);
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        // Kept until every file is reported: no spare room.
        out.shrink_to_fit();
        out
    }

    /// The most problems a text may hold (`Config::max_problems`).
    fn budget(&self) -> usize {
        self.config.max_problems.unwrap_or(usize::MAX)
    }

    /// The rules over a document or a part of one (see [`Document::parts`]):
    /// tokens, quotations, every rule, markup kept (`editable`: the whole
    /// Markdown document's editable ranges), quotations and `[sic]`
    /// applied. With `census`, its words are counted into it: all of them
    /// for a whole document, only those in prose for a part
    /// ([`Census::add_outside_prose`] counts the rest once).
    fn check_part(
        &self,
        text: &str,
        part: &Document<'_>,
        editable: Option<&[std::ops::Range<usize>]>,
        census: Option<&mut Census>,
        budget: usize,
        whole: Option<(&WholeText, std::ops::Range<usize>)>,
    ) -> Vec<Diagnostic> {
        let tokens = tokenize(part);
        if let Some(c) = census {
            match &whole {
                None => *c = Census::of(part, &tokens),
                Some((_, report)) => c.add_prose(text, &tokens, report),
            }
        }
        let quotes = Quotations::find(part, &tokens);
        let mut out = Interner::with(&self.dict, |interner| {
            let mut cx = Context::new(
                text,
                part,
                &tokens,
                &self.dict,
                self.config.lang,
                &quotes,
                interner,
            );
            cx.forbid = &self.config.forbid;
            cx.max_problems = budget;
            if let Some((counts, bytes)) = whole {
                cx.whole = Some(counts);
                cx.part = bytes;
            }
            self.run_rules(&cx)
        });
        if let Some(ranges) = editable {
            keep_markup(ranges, &mut out);
        }
        crate::suppress::apply(text, &tokens, &quotes, &mut out);
        out
    }

    /// Every enabled rule's check over one document, at its configured
    /// severity (`directive` has no check: [`directives::apply`] reports it).
    fn run_rules(&self, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for info in RULES {
            let Some(check) = info.check else {
                continue;
            };
            let level = self.config.rules.get(info.meta.code).copied();
            if level == Some(RuleLevel::Off) {
                continue;
            }
            let start = out.len();
            check.check(cx, &mut out);
            if let Some(RuleLevel::On(sev)) = level {
                for d in out.iter_mut().skip(start) {
                    d.severity = sev;
                }
            }
        }
        out
    }
}

/// A large document's parts ([`Document::parts`]), each ending where no
/// rule carries anything to the next block.
fn parts<'d, 'a>(doc: &'d Document<'a>) -> impl Iterator<Item = crate::document::Part<'a>> + 'd {
    doc.parts(part_bytes(), cut_bytes(), move |b| {
        crate::rules::may_part_after(doc, b)
    })
}

/// The words of a document, counted part by part when it is large (see
/// [`PART_BYTES`]).
fn census_of(doc: &Document<'_>) -> Census {
    if doc.text.len() <= part_bytes() {
        return Census::of(doc, &tokenize(doc));
    }
    let mut c = Census::default();
    for part in parts(doc) {
        c.add_prose(doc.text, &tokenize(&part.doc), &part.report);
    }
    c.add_outside_prose(doc);
    c
}

/// Drop every fix with an edit outside the document's editable ranges
/// (markup, code, entities): a fix may only edit prose. The diagnostic
/// stays. Runs before the directives, whose own fixes edit their comment.
fn keep_markup(ranges: &[std::ops::Range<usize>], out: &mut [Diagnostic]) {
    for d in out.iter_mut() {
        d.fixes.retain(|f| {
            f.edits
                .iter()
                .all(|e| crate::document::edit_inside(ranges, &e.span))
        });
    }
}

/// Texts longer than this are checked in parts of about this size
/// ([`Document::parts`]; a part ends only where no quotation is left open,
/// or at four times this): a part's tokens and word table take about
/// fifteen times its bytes, so memory stays within a few tens of megabytes
/// of the text whatever its size. Below it, a text is one part.
pub const PART_BYTES: usize = 1 << 19;

thread_local! {
    static PART_OVERRIDE: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

fn part_bytes() -> usize {
    match PART_OVERRIDE.with(std::cell::Cell::get).0 {
        0 => PART_BYTES,
        n => n,
    }
}

/// Blocks longer than this are cut (see [`Document::parts`]).
fn cut_bytes() -> usize {
    match PART_OVERRIDE.with(std::cell::Cell::get).1 {
        0 => PART_BYTES,
        n => n,
    }
}

/// Override [`PART_BYTES`] on this thread (0: the default) for the size of
/// a part (`part`) and the length above which a block is cut (`cut`), for
/// tests that check a text read part by part reads as a whole one. Not
/// part of the API.
#[doc(hidden)]
pub fn set_part_bytes(part: usize, cut: usize) {
    PART_OVERRIDE.with(|c| c.set((part, cut)));
}

/// Rules whose problems are about the project, not the language of the
/// text: kept in every paragraph.
fn language_neutral(rule: &str) -> bool {
    scope_of(rule) == Some(Scope::Project)
}

/// Drop problems on words in a script other than Latin (never English
/// misspellings) and, with `by_block`, every problem in a block that reads
/// as another language (as the language of `locale`, when the path names
/// one, for a shorter block). Only blocks with a problem in them are looked at.
fn drop_other_languages(
    text: &str,
    doc: &Document<'_>,
    by_block: bool,
    locale: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    out.retain(|d| {
        language_neutral(d.rule)
            || !text
                .get(d.span.clone())
                .is_some_and(language::has_non_latin_letter)
    });
    if !by_block || out.is_empty() {
        return;
    }
    // Blocks by start, to find the block of a problem by binary search.
    let mut spans: Vec<(usize, usize, usize)> = doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let s = b.span();
            (s.start, s.end, i)
        })
        .collect();
    spans.sort_unstable();
    let mut verdicts: HashMap<usize, bool> = HashMap::new();
    out.retain(|d| {
        if language_neutral(d.rule) {
            return true;
        }
        let at = spans.partition_point(|&(start, _, _)| start <= d.span.start);
        let Some(&(_, end, i)) = at.checked_sub(1).and_then(|k| spans.get(k)) else {
            return true;
        };
        if d.span.start >= end {
            return true;
        }
        let foreign = *verdicts.entry(i).or_insert_with(|| {
            doc.blocks
                .get(i)
                .is_some_and(|b| language::foreign_block_in(text, b, locale))
        });
        !foreign
    });
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new(Config::default())
    }
}

/// A walked (not named) plain-text file that reads as something other
/// than prose (program output, word lists) is skipped, and why.
fn not_prose(text: &str, format: Format, path: &str, named: bool) -> Option<Skip> {
    (!named && format == Format::Plain && language::sniffed_for_prose(path))
        .then(|| language::not_prose(text))
        .flatten()
}
