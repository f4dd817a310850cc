//! What the repository itself says: the words a project uses consistently.
//!
//! A careful editor reading a documentation repository learns its
//! vocabulary (`goroutine`, `permalink`, `tokio`) before marking anything
//! as a misspelling. copyedit does the same. While it checks the files of
//! one run, each file contributes a [`Census`]: how often each word form
//! occurs in its prose, and which words occur outside prose (code blocks,
//! inline code, link targets, HTML, front matter). Merged over the run they
//! make a [`Vocabulary`], which then judges the `spelling` problems of every
//! file ([`Vocabulary::apply`]):
//!
//! - **Project vocabulary** (suppressed, reason `vocabulary`, shown with
//!   `--show-suppressed`; never fixed): an unknown word that the project
//!   also uses outside prose (in code, a link target or a file name: the
//!   word itself, or its form without a plural `s`), or that it writes at
//!   least [`MIN_REPEATS`] times (in one file or several).
//! - **Never vocabulary**: a known misspelling (the bundled typos list), and
//!   a consistent typo (only when the word is not also used outside prose):
//!   a word one edit from its first suggestion when that
//!   word is a dictionary word the project uses at least [`TYPO_RATIO`]
//!   times as often (words of [`MIN_TYPO_LEN`] letters or more: `gc` is
//!   one edit from `go`, `os` from `so`).
//! - **Safe only once**: a Safe fix needs a known misspelling or a word
//!   seen once in the run; any other word written the same way twice or
//!   more may be meant, so its fix becomes Unsafe.
//!
//! - **Slips of the project's words** ([`slips`]): a word written once that
//!   is one edit from a word the files write far more often is reported
//!   even where the `spelling` rule alone found no evidence: an unknown
//!   word with no dictionary word close (`toolchani` beside `toolchain` ×40)
//!   and a capitalised word it took for a name (`Jekll` beside `Jekyll`
//!   ×300, a name the files write capitalised).
//!
//! - **No close word used** ([`MIN_RUN_WORDS`]): in a run of 50,000 words
//!   or more, a `spelling` error none of whose close suggestions (one edit
//!   away, or two with the same first letter; a stem the word adds an
//!   ending to aside) the files use, in any regular form, and with no word
//!   the files use one edit away either, becomes a note: a slip is made
//!   while typing a word the writers use, so such a word is more likely a
//!   term the dictionaries lack (`bursty`, `shoppable`, `Lucida`). Known
//!   misspellings are kept.
//!
//! - **Identifiers** (`missing-space`): `p.Name` in prose, where the code
//!   of any file glues `p` to a name too (`file.Close` beside
//!   `file.Read()`), is an identifier, not two sentences: suppressed
//!   (reason `vocabulary`).
//!
//! Counting is by lowercase form with `’` read as `'`, so `Tokio` and
//! `tokio` are one word.

mod slips;

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::{Applicability, Diagnostic, Suppression};
use crate::dictionary::{Dictionary, Known};
use crate::document::{Document, PieceKind};
use crate::tokenize::{TokenKind, Tokens};

/// An unknown word written at least this many times in the run (in one
/// file or several) is the project's: a slip is rarely typed the same way
/// twice, and the slips that are, known misspellings and consistent typos
/// of a frequent word, are kept out.
pub const MIN_REPEATS: u32 = 2;
/// A word one edit from a dictionary word used this many times as often is a
/// consistent typo, not vocabulary.
pub const TYPO_RATIO: u32 = 10;

/// Words shorter than this are never taken for a consistent typo.
pub const MIN_TYPO_LEN: usize = 4;

/// A run of at least this many words of prose is large enough to say
/// which words its writers use: a slip is made while typing a word the
/// writers use, so an unknown word none of whose close words (the
/// `spelling` rule's suggestions) occurs anywhere in such a run is more
/// likely a term the dictionaries lack (`bursty`, `shoppable`, `Lucida`)
/// than a typo. It becomes a note (`info`). Known misspellings are kept.
pub const MIN_RUN_WORDS: u64 = 50_000;

/// The words of one file.
#[derive(Debug, Default, Clone)]
pub struct Census {
    prose: FxHashMap<String, u32>,
    outside: FxHashSet<String>,
    /// Capitalised occurrences within a sentence with no capitalised word
    /// beside them (a project's name, `Tokio`; not a person's, `Colin
    /// Ihrig`), and the form first written so (`GitHub` for `github`).
    capital: FxHashMap<String, (u32, String)>,
    /// Words glued by a full stop to a name outside prose (`file` in
    /// `file.Close()` in a code block): a package or an object.
    glued: FxHashSet<String>,
}

fn key(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// Whether a run of letters and digits reads as an id or a hash rather
/// than a name: letters and digits alternate three times or more
/// (`a1b2c3`, `1zxQN5c4ZRMc`; not `HTTP2Server`, `utf8`, `9bd8705`).
fn random_id(chunk: &str) -> bool {
    let mut turns = 0;
    let mut last: Option<bool> = None;
    for c in chunk.chars() {
        let digit = c.is_ascii_digit();
        if last.is_some_and(|l| l != digit) {
            turns += 1;
            if turns >= 3 {
                return true;
            }
        }
        last = Some(digit);
    }
    false
}

/// A word without its possessive ending (`Tokio’s` → `Tokio`).
fn strip_possessive_form(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(w)
}

/// The word a possessive belongs to (`callee's` → `callee`), from a key.
fn possessive_stem(key: &str) -> Option<&str> {
    key.strip_suffix("'s").filter(|s| s.chars().count() >= 2)
}

impl Census {
    /// Count the words of a parsed and tokenized document.
    pub fn of(doc: &Document<'_>, tokens: &Tokens) -> Census {
        let mut c = Census::default();
        c.add_prose(doc.text, tokens, &(0..usize::MAX));
        c.add_outside_prose(doc);
        c
    }

    /// Count the words among `tokens` (of a document or a part of one, in
    /// `text`) that start in `report` (a part's own bytes: see
    /// [`crate::document::Part`]).
    pub fn add_prose(&mut self, text: &str, tokens: &Tokens, report: &Range<usize>) {
        let c = self;
        for t in &tokens.tokens {
            if t.kind == TokenKind::Word && report.contains(&t.span.start) {
                let w = t.text(text);
                // Most words are lowercase ASCII: counted without a copy
                // once seen.
                if w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
                    if let Some(n) = c.prose.get_mut(w) {
                        *n += 1;
                        continue;
                    }
                }
                let k = key(w);
                if !t.is_sentence_start()
                    && w.starts_with(char::is_uppercase)
                    && !slips::capital_neighbour(text, t.span.clone())
                {
                    let form = strip_possessive_form(w);
                    let e = c
                        .capital
                        .entry(key(form))
                        .or_insert_with(|| (0, form.to_owned()));
                    e.0 += 1;
                }
                // A possessive counts for its word too (`the callee's`).
                if let Some(stem) = possessive_stem(&k) {
                    *c.prose.entry(stem.to_owned()).or_default() += 1;
                }
                *c.prose.entry(k).or_default() += 1;
            }
        }
    }

    /// Count the names outside a Markdown document's prose (code, link
    /// targets), once for the whole document.
    pub fn add_outside_prose(&mut self, doc: &Document<'_>) {
        let c = self;
        if doc.format.is_markdown() {
            let mut prose: Vec<Range<usize>> = doc
                .blocks
                .iter()
                .flat_map(|b| &b.pieces)
                .filter(|p| p.kind == PieceKind::Prose)
                .map(|p| p.span.clone())
                .collect();
            prose.sort_by_key(|r| r.start);
            let mut pos = 0;
            for r in prose
                .iter()
                .chain(std::iter::once(&(doc.text.len()..doc.text.len())))
            {
                if r.start > pos {
                    if let Some(gap) = doc.text.get(pos..r.start) {
                        c.add_outside(gap);
                    }
                }
                pos = pos.max(r.end);
            }
        }
    }

    /// Runs of letters outside prose (identifiers split at `_`, `.`, `/`,
    /// digits and the like).
    fn add_outside(&mut self, text: &str) {
        for chunk in text.split(|ch: char| !ch.is_alphanumeric()) {
            // An id or a hash (`1zxQN5c4ZRMcxN7u5hcM3`, a document's id in a
            // link target) holds random letter runs, not words: `Foh`,
            // `usrs`, which a typo may spell.
            if random_id(chunk) {
                continue;
            }
            for run in chunk.split(|ch: char| !ch.is_alphabetic()) {
                if run.len() >= 2 && run.len() <= 64 && !self.outside.contains(run) {
                    self.outside.insert(key(run));
                }
            }
        }
        // `name.Name`: the name before the full stop.
        let name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let bytes = text.as_bytes();
        for at in memchr::memchr_iter(b'.', bytes) {
            if !at
                .checked_add(1)
                .and_then(|i| bytes.get(i))
                .is_some_and(|b| b.is_ascii_alphabetic())
            {
                continue;
            }
            let head = bytes.get(..at).unwrap_or_default();
            let len = head.iter().rev().take_while(|&&b| name(b)).count();
            if (2..=64).contains(&len) {
                if let Some(w) = text.get(at - len..at) {
                    if w.bytes().all(|b| b.is_ascii_alphabetic()) {
                        self.glued.insert(key(w));
                    }
                }
            }
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Entry {
    files: u32,
    count: u32,
    outside: bool,
    /// Occurrences capitalised within a sentence, alone (see
    /// [`Census`]).
    capital: u32,
}

/// The words of every file of a run.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: FxHashMap<String, Entry>,
    /// Words of prose in the run.
    total: u64,
    /// The capitalised form of each word the files capitalise.
    forms: FxHashMap<String, String>,
    /// Words glued by a full stop to a name in code (see [`Census`]).
    glued: FxHashSet<String>,
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one file's words.
    pub fn add(&mut self, census: Census) {
        for (w, n) in census.prose {
            // A possessive is counted for its word too: once in the total.
            if possessive_stem(&w).is_none() {
                self.total += u64::from(n);
            }
            let e = self.words.entry(w).or_default();
            e.files += 1;
            e.count = e.count.saturating_add(n);
        }
        for w in census.outside {
            self.words.entry(w).or_default().outside = true;
        }
        self.glued.extend(census.glued);
        for (w, (n, form)) in census.capital {
            let e = self.words.entry(w.clone()).or_default();
            e.capital = e.capital.saturating_add(n);
            self.forms.entry(w).or_insert(form);
        }
    }

    fn get(&self, w: &str) -> Entry {
        self.words.get(w).copied().unwrap_or_default()
    }

    /// Whether the run uses `word` (any case) as its own vocabulary; `first`
    /// is the spelling rule's first suggestion, if any.
    pub fn is_vocabulary(&self, dict: &Dictionary, word: &str, first: Option<&str>) -> bool {
        let w = key(word);
        if !dict.known_misspelling(&w).is_empty() {
            return false;
        }
        // A possessive is the project's when its word is.
        if let Some(stem) = possessive_stem(&w) {
            if self.is_vocabulary(dict, stem, None) {
                return true;
            }
        }
        let e = self.get(&w);
        // The form without a plural `s` in code (`struct` for `structs`),
        // unless that form ends in `s` itself: `limitations` in a link
        // target says nothing of `limitationss`.
        let outside = e.outside
            || w.strip_suffix('s')
                .filter(|s| s.len() >= 2 && !s.ends_with('s'))
                .is_some_and(|s| self.get(s).outside);
        let consistent = e.count >= MIN_REPEATS;
        if !(outside || consistent) {
            return false;
        }
        // Used in code or a link target too: the project's name for
        // something (`flate`, `uring`), however close to a common word.
        if outside {
            return true;
        }
        // Repeated in prose only: a consistent typo when one edit from a
        // word used far more often. Not for words under four letters, one
        // edit from dozens of words (`gc` and `go`, `os` and `so`), whose
        // slips the known list has (`teh`).
        if let Some(first) = first.filter(|_| w.chars().count() >= MIN_TYPO_LEN) {
            let f = key(first);
            if !f.contains(' ')
                && dict.check(&f) == Known::Yes
                && strsim::damerau_levenshtein(&w, &f) == 1
                && self.get(&f).count >= e.count.max(1).saturating_mul(TYPO_RATIO)
            {
                return false;
            }
        }
        true
    }

    /// A `missing-space` problem on `p.Name` where the run's code glues
    /// `p` to a name too (`file.Close` in prose, `file.Read()` in a code
    /// block of another file) is an identifier: suppressed (reason
    /// `vocabulary`). The rule itself looks only in its own document.
    fn identifier(&self, text: &str, d: &mut Diagnostic) {
        if d.suppressed.is_some() {
            return;
        }
        let Some((p, _)) = text.get(d.span.clone()).and_then(|t| t.split_once('.')) else {
            return;
        };
        if !p.is_empty() && self.glued.contains(&key(p)) {
            d.suppressed = Some(Suppression::Vocabulary);
            d.fixes.clear();
        }
    }

    /// Whether the run writes `word` (a dictionary word, lowercase) or a
    /// regular form of it (`receive` for `received`, `nodes` for `node`).
    fn uses_form(&self, word: &str) -> bool {
        let used = |w: &str| {
            let e = self.get(w);
            e.count > 0 || e.outside
        };
        if used(word) || used(&format!("{word}s")) {
            return true;
        }
        ["s", "es", "d", "ed", "ing", "ly"]
            .iter()
            .filter_map(|suffix| word.strip_suffix(suffix))
            .filter(|stem| stem.chars().count() >= 3)
            .any(|stem| used(stem) || used(&format!("{stem}e")))
    }

    /// A `spelling` error none of whose suggestions the run uses (see
    /// [`MIN_RUN_WORDS`]) becomes a note, its fixes Unsafe.
    fn unused_neighbours(&self, dict: &Dictionary, word: &str, d: &mut Diagnostic) {
        if self.total < MIN_RUN_WORDS
            || d.severity == crate::diagnostic::Severity::Info
            || !dict.known_misspelling(&key(word)).is_empty()
        {
            return;
        }
        // The suggestions close enough to be the slip's word: one edit
        // away, or two with the same first letter (the `spelling` rule's
        // evidence of a typo), but not a stem the word adds an ending to
        // (`payroll` in `payrolled`): that is evidence of a regular form.
        let w = key(word);
        let mut suggestions = d
            .fixes
            .iter()
            .filter_map(|f| f.edits.first())
            .map(|e| key(&e.replacement))
            .filter(|s| match strsim::damerau_levenshtein(&w, s) {
                0 | 1 => true,
                2 => s.chars().next() == w.chars().next() && !w.starts_with(s.as_str()),
                _ => false,
            })
            .peekable();
        if suggestions.peek().is_none() {
            return;
        }
        let mut any_used = false;
        for s in suggestions {
            // Two words (`errors as`) are used when each is.
            if s.split([' ', '-']).all(|part| self.uses_form(part)) {
                any_used = true;
                break;
            }
        }
        if any_used {
            return;
        }
        // Nor any other word one edit away that the run writes: the slip's
        // word may be one the dictionaries lack (`async` for `absync`).
        let mut near_used = false;
        slips::one_edit(&w, false, |cand| {
            if !near_used {
                let e = self.get(cand);
                near_used = e.count > 0 || e.outside;
            }
        });
        if near_used {
            return;
        }
        d.severity = crate::diagnostic::Severity::Info;
        d.message = format!(
            "unknown word `{word}` {}",
            crate::rules::spelling::WEAK_NOTES[2]
        );
        for f in &mut d.fixes {
            f.applicability = Applicability::Unsafe;
        }
    }

    /// Judge the `spelling` problems of one file by the run's vocabulary:
    /// the project's words are suppressed (reason `vocabulary`) and lose
    /// their fixes; the Safe fix of a word used more than once becomes
    /// Unsafe.
    pub fn apply(&self, dict: &Dictionary, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        for d in diagnostics.iter_mut() {
            if d.rule == crate::rules::missing_space::META.code {
                self.identifier(text, d);
                continue;
            }
            if d.rule != crate::rules::spelling::META.code {
                continue;
            }
            if d.suppressed == Some(Suppression::Name) {
                self.name_slip(text, d);
                continue;
            }
            if d.suppressed.is_some() {
                continue;
            }
            let Some(word) = text.get(d.span.clone()) else {
                continue;
            };
            let first = d
                .fixes
                .first()
                .and_then(|f| f.edits.first())
                .map(|e| e.replacement.as_str());
            if self.is_vocabulary(dict, word, first) {
                d.suppressed = Some(Suppression::Vocabulary);
                d.fixes.clear();
                continue;
            }
            // A known misspelling is evidence enough however often it
            // occurs (`recieve`); any other word written the same way twice
            // may be meant.
            let w = key(word);
            if self.get(&w).count > 1 && dict.known_misspelling(&w).is_empty() {
                for f in &mut d.fixes {
                    if f.applicability == Applicability::Safe {
                        f.applicability = Applicability::Unsafe;
                    }
                }
            }
            self.unused_neighbours(dict, word, d);
            self.word_slip(dict, text, d);
        }
        // The names no slip explains are never reported.
        diagnostics.retain(|d| d.suppressed != Some(Suppression::Name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::tokenize::tokenize;
    use crate::Linter;

    fn census(text: &str, format: Format) -> Census {
        let doc = Document::parse(text, format);
        Census::of(&doc, &tokenize(&doc))
    }

    fn vocab(files: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::new();
        for f in files {
            v.add(census(f, Format::Markdown));
        }
        v
    }

    /// The problems of `text` judged by the vocabulary.
    fn applied(v: &Vocabulary, text: &str) -> Vec<Diagnostic> {
        let linter = Linter::default();
        let mut d = linter.check(text, Format::Markdown);
        v.apply(linter.dictionary(), text, &mut d);
        d
    }

    /// Spelling problems of `text` after the vocabulary: (word, suppressed,
    /// first fix Safe).
    fn judged(v: &Vocabulary, text: &str) -> Vec<(String, bool, bool)> {
        applied(v, text)
            .iter()
            .filter(|d| d.rule == "spelling")
            .map(|d| {
                (
                    text[d.span.clone()].to_string(),
                    d.suppressed.is_some(),
                    d.fixes
                        .first()
                        .is_some_and(|f| f.applicability == Applicability::Safe),
                )
            })
            .collect()
    }

    /// The spelling problems of `text` after the vocabulary: (word, at
    /// warning level or above).
    fn graded(v: &Vocabulary, text: &str) -> Vec<(String, bool)> {
        applied(v, text)
            .iter()
            .filter(|d| d.rule == "spelling" && d.suppressed.is_none())
            .map(|d| {
                let word = text.get(d.span.clone()).unwrap_or_default().to_string();
                (word, d.severity > crate::diagnostic::Severity::Info)
            })
            .collect()
    }

    #[test]
    fn a_large_run_that_uses_no_close_word_makes_a_note() {
        let text = "Traffic is bursty today. We are acceping the offer.\n";
        // 15 words a sentence: over `MIN_RUN_WORDS` words in all, that use
        // `accepting` but nothing close to `bursty` (`burst`, `busty`).
        let sentence =
            "The team keeps accepting the results of each review before the next release ships.\n";
        let large = sentence.repeat((MIN_RUN_WORDS / 14) as usize);
        let v = vocab(&[text, &large]);
        assert!(v.total >= MIN_RUN_WORDS);
        assert_eq!(
            graded(&v, text),
            [
                ("bursty".to_string(), false),
                ("acceping".to_string(), true)
            ]
        );
        assert!(applied(&v, text).iter().any(|d| d
            .message
            .ends_with("(no close word is used in these files)")
            && d.fixes
                .iter()
                .all(|f| f.applicability != Applicability::Safe)));
        // A small run says too little about the words its writers use.
        let v = vocab(&[text, sentence]);
        assert_eq!(
            graded(&v, text),
            [("bursty".to_string(), true), ("acceping".to_string(), true)]
        );
        // A known misspelling stays an error; so does a word one edit from
        // a word the run writes that is no suggestion (`async`, a term).
        let text = "It was recieved. Use absync calls.\n";
        let v = vocab(&[text, &large]);
        assert_eq!(
            graded(&v, text),
            [
                ("recieved".to_string(), true),
                ("absync".to_string(), false)
            ]
        );
        let with_async = format!("{large}Make async calls.\n");
        let v = vocab(&[text, &with_async]);
        assert_eq!(
            graded(&v, text),
            [("recieved".to_string(), true), ("absync".to_string(), true)]
        );
    }

    #[test]
    fn a_name_glued_in_the_runs_code_is_an_identifier() {
        let prose = "Beyond the file.Close example given earlier.\n";
        let reported = |v: &Vocabulary| {
            applied(v, prose)
                .iter()
                .filter(|d| d.rule == "missing-space" && d.suppressed.is_none())
                .count()
        };
        // Alone, it reads as two sentences run together.
        assert_eq!(reported(&vocab(&[prose])), 1);
        // Another file's code glues `file` to a name: an object.
        let code = "Read it:\n\n```go\nn, err := file.Read(buf)\n```\n";
        assert_eq!(reported(&vocab(&[prose, code])), 0);
        // Glued in prose elsewhere, or followed by no name, is no evidence.
        assert_eq!(reported(&vocab(&[prose, "The file.Then more.\n"])), 1);
        assert_eq!(reported(&vocab(&[prose, "```\nfile. 2\n```\n"])), 1);
    }

    #[test]
    fn ids_in_link_targets_and_doubled_plurals_are_no_vocabulary() {
        // A typo that a document id in a link target happens to spell.
        let text =
            "Ask the usrs first.\n\n[form](https://docs.example.com/d/1zxQN5usrs4ZRMc7u5h/edit)\n";
        assert_eq!(
            judged(&vocab(&[text]), text),
            [("usrs".into(), false, false)]
        );
        assert!(random_id("1zxQN5usrs4ZRMc7u5h") && random_id("a1b2c3"));
        assert!(!random_id("HTTP2Server") && !random_id("utf8") && !random_id("9bd8705"));
        // `struct` in code makes `structs` (here `sturcts`) the project's;
        // `limitations` in a link target does not make `limitationss` so.
        let text = "Read the limitationss.\n\n[Limits](/docs/#limitations)\n";
        assert!(!judged(&vocab(&[text]), text)[0].1);
        let text = "Use sturcts.\n\n```\nsturct A {}\n```\n";
        assert!(judged(&vocab(&[text]), text)[0].1);
    }

    #[test]
    fn words_in_code_are_the_projects() {
        let text = "Each gorutine has a stack.\n\n```go\nfunc gorutine() {}\n```\n";
        let v = vocab(&[text]);
        assert_eq!(judged(&v, text), [("gorutine".into(), true, false)]);
        // The plural in prose, the singular in inline code.
        let text = "Use `sturct` here; sturcts are values.\n";
        let v = vocab(&[text]);
        assert!(
            judged(&v, text).iter().all(|j| j.1),
            "{:?}",
            judged(&v, text)
        );
    }

    #[test]
    fn words_used_across_files_are_the_projects() {
        let a = "The zorbulator runs.\n";
        let v = vocab(&[a, "A zorbulator.\n", "Zorbulator docs.\n"]);
        assert_eq!(judged(&v, a), [("zorbulator".into(), true, false)]);
        // In two files, four times.
        let v = vocab(&[
            "The zorbulator, the zorbulator.\n",
            "A zorbulator and a zorbulator.\n",
        ]);
        assert!(judged(&v, a)[0].1);
        // Twice, in one file or two.
        let v = vocab(&[a, "A zorbulator.\n"]);
        assert!(judged(&v, a)[0].1);
        let v = vocab(&["The zorbulator and the zorbulator.\n"]);
        assert!(judged(&v, a)[0].1);
        // Once: not the project's.
        let v = vocab(&[a]);
        assert!(!judged(&v, a)[0].1);
        // A possessive counts for its word, and is the project's when the
        // word is: `zorbulator` once and `zorbulator’s` once.
        let b = "The zorbulator’s output.\n";
        let v = vocab(&[a, b]);
        assert!(judged(&v, a)[0].1);
        assert!(judged(&v, b)[0].1, "{:?}", judged(&v, b));
        // A possessive alone, once, is not.
        let v = vocab(&[b]);
        assert!(!judged(&v, b)[0].1);
    }

    #[test]
    fn known_misspellings_are_never_vocabulary() {
        let a = "We recieve mail.\n";
        let v = vocab(&[a, a, a, "`recieve()`\n"]);
        let j = judged(&v, a);
        assert_eq!(j.len(), 1);
        assert!(!j[0].1, "{j:?}");
    }

    #[test]
    fn a_consistent_typo_of_a_frequent_word_is_flagged() {
        // `documment` three times, `document` thirty.
        let typo = "The documment is here.\n";
        let mut files = vec![typo; 3];
        let common = "This document, that document, the document.\n";
        files.extend(std::iter::repeat_n(common, 10));
        let v = vocab(&files);
        let j = judged(&v, typo);
        assert_eq!(j.len(), 1);
        assert!(!j[0].1, "{j:?}");
    }

    #[test]
    fn safe_only_for_a_word_seen_once() {
        let once = "The stnadard way.\n";
        let v = vocab(&[once]);
        assert_eq!(judged(&v, once), [("stnadard".into(), false, true)]);
        // Twice, beside a far more frequent `standard`: a consistent typo,
        // flagged, but not fixed unasked.
        let twice = "The stnadard way. A stnadard day.\n";
        let common = "A standard, the standard, our standard, any standard.\n";
        let mut files = vec![twice];
        files.extend(std::iter::repeat_n(common, 5));
        let v = vocab(&files);
        let j = judged(&v, twice);
        assert_eq!(j.len(), 2);
        assert!(j.iter().all(|j| !j.1 && !j.2), "{j:?}");
        // Twice with no such neighbour: the project's word.
        let v = vocab(&[twice]);
        assert!(judged(&v, twice).iter().all(|j| j.1));
    }

    #[test]
    fn a_known_misspelling_stays_safe_however_often() {
        let text = "We recieve it. They recieve it.\n";
        let v = vocab(&[text]);
        assert!(judged(&v, text).iter().all(|j| !j.1 && j.2));
    }

    #[test]
    fn plain_text_has_nothing_outside_prose() {
        let c = census("see `gorutine` here", Format::Plain);
        assert!(c.outside.is_empty());
        assert_eq!(c.prose.get("gorutine"), Some(&1));
    }
}
