//! Which texts are English prose.
//!
//! copyedit checks English. Before a document is checked it is asked three
//! questions, all on its text and its path *string* (no file-system access):
//!
//! 1. **Is it prose?** ([`not_prose`]) Only for `.txt` and `.text` files
//!    found by a directory walk: program output, logs and word lists saved
//!    so are not prose. A file named on the command line, or added to the
//!    walk by `include`/`--glob`, is always checked.
//! 2. **Is it English?** ([`document_language`]) From, in order: a `lang`,
//!    `language` or `locale` key in the front matter, when it is a language
//!    tag (`language: go` is not);
//!    the letters of a sample of its prose (a majority of letters in a
//!    script other than Latin: not English); English function words in
//!    that sample, with `whatlang` naming the language; and a locale folder
//!    in the path (`/fr/`, `/pt-br/`, `/zh-cn/`), which counts when the
//!    text agrees: it does not read as English by its function words, or
//!    `whatlang` finds another language in it, or a fifth of its letters
//!    are in another script, or one of its paragraphs is in another
//!    language (with too few words to judge by function words, `whatlang`
//!    must find the folder's own language). So a folder `es/` of ECMAScript notes
//!    written in English, or a two-line English page in `it/`, is
//!    checked.
//! 3. **Which paragraphs are not English?** ([`foreign_block`]) In an
//!    English document, a block with enough words that reads as another
//!    language is not checked. Only blocks with a problem in them are
//!    asked, so clean text costs nothing.
//!
//! Independently of all this, a word with a letter of a script other than
//! Latin is never an English misspelling ([`has_non_latin_letter`]).

use std::fmt;

use crate::document::{Block, Document};

mod prose;
mod signals;
#[cfg(test)]
mod tests;

pub use prose::{not_prose, sniffed_for_prose};
use signals::{detected_as, detected_name, is_english_tag, locale_tag, push_prose, sample, Counts};
pub use signals::{front_matter_lang, has_non_latin_letter, path_locale};

/// Why a text was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// The text is in another language.
    NotEnglish,
    /// A walked plain-text file that is not prose (program output, a log, a
    /// word list).
    NotProse,
}

impl SkipReason {
    /// Stable code used in JSON output: `not-english`, `not-prose`.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::NotEnglish => "not-english",
            SkipReason::NotProse => "not-prose",
        }
    }

    /// Words for people: `not English`, `not prose`.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotEnglish => "not English",
            SkipReason::NotProse => "not prose",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that was not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The reason.
    pub reason: SkipReason,
    /// Details: `French (front matter lang: fr)`, `most lines are not sentences`.
    pub detail: String,
}

/// Prose bytes sampled from a document for detection.
const SAMPLE_BYTES: usize = 2048;
/// Blocks of a document in a locale folder asked whether they are in
/// another language, when the document as a whole reads as English
/// (translated pages keep English titles, error messages and names).
const MAX_BLOCKS_ASKED: usize = 100;
/// Fewer letters than this in a sample: too little text to tell.
const MIN_LETTERS: usize = 40;
/// Fewer Latin words than this: too few to judge by function words.
const MIN_WORDS: usize = 12;
/// At least this share of English function words: the text reads as
/// English. English prose runs at 30–45% with the list below; technical
/// English full of names and commands still at 15–30%; French, German,
/// Spanish, Portuguese and Italian prose under 3%.
const ENGLISH_RATIO: f64 = 0.10;
/// Under this share, with `whatlang` sure of another language (its
/// `is_reliable`), Latin-script text is another language even without any
/// other hint.
const FOREIGN_RATIO: f64 = 0.04;
/// A block is judged only with at least this many words (Latin) or letters
/// (other scripts).
const BLOCK_MIN_WORDS: usize = 8;
const BLOCK_MIN_LETTERS: usize = 8;

/// Decide whether a document is English. `None`: check it; `Some`: skip it
/// (the reason is [`SkipReason::NotEnglish`]). `path` is the name the file
/// was found under (only its text is looked at).
pub fn document_language(doc: &Document<'_>, path: &str) -> Option<Skip> {
    let skip = |detail: String| {
        Some(Skip {
            reason: SkipReason::NotEnglish,
            detail,
        })
    };
    if doc.format.is_markdown() {
        // Only a language tag counts: `language: go` on a page about Go
        // says nothing about the language it is written in.
        if let Some(tag) = front_matter_lang(doc.text) {
            if is_english_tag(tag) {
                return None;
            }
            if locale_tag(tag).is_some() {
                return skip(format!("front matter says `{tag}`"));
            }
        }
    }
    let sample = sample(doc);
    let mut counts = Counts::default();
    counts.add(&sample);
    let locale = path_locale(path);
    if counts.letters() >= MIN_LETTERS && counts.mostly_other_script() {
        let name = detected_name(&sample).map_or("another language", |(n, _)| n);
        return skip(format!("{name}, not in Latin script"));
    }
    let english = counts.words >= MIN_WORDS && counts.english_ratio() >= ENGLISH_RATIO;
    if let Some(tag) = locale {
        // The path names a locale: the text must read as English, by its
        // function words and by `whatlang` (translated pages keep English
        // error messages, code comments and names), to be checked.
        let detected = detected_name(&sample);
        // Too little text to judge by function words: `whatlang` must find
        // the locale's own language (a short English page in `it/` is
        // checked).
        let enough = counts.words >= MIN_WORDS;
        let agrees = (enough && !english)
            || (english && detected.is_some())
            || (!enough && detected_as(&sample, tag))
            || (counts.other_letters > 0 && counts.other_letters * 5 >= counts.letters())
            || doc
                .blocks
                .iter()
                .take(MAX_BLOCKS_ASKED)
                .any(|b| block_is_foreign(doc.text, b, Some(tag), false));
        if !agrees {
            return None;
        }
        return skip(match detected {
            Some((name, _)) => format!("{name}, in a `{tag}` folder"),
            None => format!("in a `{tag}` folder"),
        });
    }
    if english {
        return None;
    }
    if counts.words >= MIN_WORDS && counts.english_ratio() < FOREIGN_RATIO {
        if let Some((name, true)) = detected_name(&sample) {
            return skip(name.to_string());
        }
    }
    None
}

/// Whether a block of an English document reads as another language (then
/// it is not checked): enough letters mostly of another script, or enough
/// Latin words with almost no English function word that `whatlang` places
/// in another language.
pub fn foreign_block(text: &str, block: &Block) -> bool {
    block_is_foreign(text, block, None, false)
}

/// [`foreign_block`] for a block of a file in a folder that names another
/// language's locale (`fr/`): a shorter block is enough, and it is foreign
/// when `whatlang` finds that language (an English page under `fr/` whose
/// title was translated: `Impossible d'optimiser le fichier SVG.`).
pub fn foreign_block_in(text: &str, block: &Block, locale: Option<&str>) -> bool {
    block_is_foreign(text, block, locale, true)
}

/// [`foreign_block`]; with the `locale` the path names, 5 words are
/// enough, and `whatlang` need not be sure but must find that locale's
/// language, or (`any_language`: to drop a block's problems, not to skip a
/// document) any other when no word is an English function word.
fn block_is_foreign(text: &str, block: &Block, locale: Option<&str>, any_language: bool) -> bool {
    let mut prose = String::new();
    push_prose(&mut prose, text, block);
    let mut counts = Counts::default();
    counts.add(&prose);
    if counts.mostly_other_script() {
        return counts.other_letters >= BLOCK_MIN_LETTERS;
    }
    let min_words = if locale.is_some() { 5 } else { BLOCK_MIN_WORDS };
    if counts.words < min_words || counts.english_ratio() >= FOREIGN_RATIO {
        return false;
    }
    match locale {
        // Short text fools `whatlang` about which language (a French title
        // is "Italian"), rarely about whether it is English: with no
        // English function word, any other language will do.
        Some(tag) => {
            detected_as(&prose, tag)
                || (any_language && counts.english == 0 && detected_name(&prose).is_some())
        }
        None => detected_name(&prose).is_some_and(|(_, reliable)| reliable),
    }
}
