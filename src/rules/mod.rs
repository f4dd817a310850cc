//! The rule registry: every rule, its stable code, default severity and the
//! explanation `copyedit explain CODE` prints.

use std::borrow::Cow;
use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dictionary::{case_of, Case, Dictionary, Known, Lang};
use crate::document::Document;
use crate::linter::Config;
use crate::quotes::Quotations;
use crate::tokenize::Tokens;

mod a_an;
mod double_space;
mod forbidden;
mod fragment;
mod missing_space;
mod real_word;
mod repeated_punctuation;
mod repeated_word;
mod space_before_punctuation;
mod spelling;
mod trailing_whitespace;
mod unbalanced;

pub use forbidden::ForbiddenWord;

/// Everything a rule may read.
pub struct Context<'a> {
    /// The full text (spans index into it).
    pub text: &'a str,
    /// The document structure.
    pub doc: &'a Document<'a>,
    /// Tokens, grouped by block.
    pub tokens: &'a Tokens,
    /// Dictionaries for the selected language.
    pub dict: &'a Dictionary,
    /// The selected language.
    pub lang: Lang,
    /// Direct quotations (no fix inside one is Safe).
    pub quotes: &'a Quotations,
    /// Dictionary answers already looked up in this document.
    pub memo: WordMemo,
    /// The distinct spellings of the text's word tokens, each looked up and
    /// classified once (see [`WordTable`]).
    pub words: WordTable<'a>,
}

/// What the rules ask about a word token, computed once per distinct
/// spelling in the text rather than by every rule at every occurrence.
#[derive(Debug, Clone)]
pub struct WordInfo<'a> {
    /// The dictionary's answer (`Dictionary::check`).
    pub known: Known,
    /// Its capitalisation (`case_of`).
    pub case: Case,
    /// `str::to_lowercase` of the spelling (borrowed when already lowercase).
    pub lower: Cow<'a, str>,
    /// `lower` with typographic apostrophes made ASCII, when that differs.
    normalized: Option<String>,
    /// `Dictionary::confusables_raw(self.key())` when it was looked up with
    /// the dictionary answer (spellings that are their own key).
    pub(crate) confusables: Option<Option<&'static str>>,
}

impl WordInfo<'_> {
    /// The lowercase spelling with ASCII apostrophes (the form bigram and
    /// confusable look-ups use): `normalize_apostrophes(w).to_lowercase()`.
    pub fn key(&self) -> &str {
        self.normalized.as_deref().unwrap_or(&self.lower)
    }
}

/// The word tokens of a text, interned: `ids[t]` is the index in `words` of
/// token `t`'s spelling (`NOT_A_WORD` for other tokens).
#[derive(Debug, Default)]
pub struct WordTable<'a> {
    ids: Vec<u32>,
    words: Vec<WordInfo<'a>>,
}

/// The id of a token that is not a word.
const NOT_A_WORD: u32 = u32::MAX;

impl<'a> WordTable<'a> {
    /// Intern every word token and look each distinct spelling up once.
    pub fn new(text: &'a str, tokens: &Tokens, dict: &Dictionary) -> Self {
        // Prose has roughly one distinct spelling per 30 bytes in a 100 KB text.
        let guess = text.len() / 32;
        let mut seen: FxHashMap<&'a str, u32> =
            FxHashMap::with_capacity_and_hasher(guess, Default::default());
        let mut words: Vec<WordInfo<'a>> = Vec::with_capacity(guess);
        let ids = tokens
            .tokens
            .iter()
            .map(|t| {
                if t.kind != crate::tokenize::TokenKind::Word {
                    return NOT_A_WORD;
                }
                let w = t.text(text);
                *seen.entry(w).or_insert_with(|| {
                    words.push(WordInfo::new(w, dict));
                    u32::try_from(words.len() - 1).unwrap_or(NOT_A_WORD)
                })
            })
            .collect();
        WordTable { ids, words }
    }

    /// The word at token `index` of `tokens.tokens`, if it is a word.
    pub fn at(&self, index: usize) -> Option<&WordInfo<'a>> {
        let id = *self.ids.get(index)?;
        self.words.get(id as usize)
    }

    /// The id of the word at token `index` (equal ids: equal spellings).
    pub fn id(&self, index: usize) -> Option<usize> {
        self.ids
            .get(index)
            .filter(|&&id| id != NOT_A_WORD)
            .map(|&id| id as usize)
    }

    /// Number of distinct spellings.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the text has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl<'a> WordInfo<'a> {
    fn new(w: &'a str, dict: &Dictionary) -> Self {
        let lower = if w.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
            Cow::Borrowed(w)
        } else {
            let l = w.to_lowercase();
            if l == w {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(l)
            }
        };
        let normalized = lower.contains('’').then(|| lower.replace('’', "'"));
        // A spelling that is its own confusable key: one cache probe answers
        // both questions.
        let (known, confusables) = if normalized.is_none() && lower.as_ref() == w {
            let (known, confusables) = dict.check_and_confusables(w);
            (known, Some(confusables))
        } else {
            (dict.check(w), None)
        };
        WordInfo {
            known,
            case: case_of(w),
            lower,
            normalized,
            confusables,
        }
    }
}

/// Per-document memo of dictionary look-ups: every rule asks about the same
/// words, and a hash probe is cheaper than an FST walk.
#[derive(Debug, Default)]
pub struct WordMemo {
    known: RefCell<FxHashMap<String, Known>>,
}

impl<'a> Context<'a> {
    /// A context for one document.
    pub fn new(
        text: &'a str,
        doc: &'a Document<'a>,
        tokens: &'a Tokens,
        dict: &'a Dictionary,
        lang: Lang,
        quotes: &'a Quotations,
    ) -> Self {
        Context {
            text,
            doc,
            tokens,
            dict,
            lang,
            quotes,
            memo: WordMemo::default(),
            words: WordTable::new(text, tokens, dict),
        }
    }

    /// The dictionary's answer for token `index` of `tokens.tokens`
    /// (`Known::Yes` for a token that is not a word).
    pub fn known_at(&self, index: usize) -> Known {
        self.words.at(index).map_or(Known::Yes, |w| w.known)
    }

    /// The word at token `index` of `tokens.tokens`, if it is a word.
    pub fn word_at(&self, index: usize) -> Option<&WordInfo<'a>> {
        self.words.at(index)
    }

    /// `Dictionary::check`, memoised for the document.
    pub fn check(&self, word: &str) -> Known {
        if let Some(k) = self.memo.known.borrow().get(word) {
            return *k;
        }
        let k = self.dict.check(word);
        self.memo.known.borrow_mut().insert(word.to_string(), k);
        k
    }
}

/// A check over a document.
pub trait Rule: Send + Sync {
    /// Push a diagnostic for every problem found.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// What the linter calls: rules that read project configuration
    /// (`forbid`) override this; the others just [`Rule::check`].
    fn check_with(&self, cx: &Context<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
        let _ = config;
        self.check(cx, out);
    }
}

/// A registered rule.
pub struct RuleInfo {
    /// Stable code, e.g. `spelling`.
    pub code: &'static str,
    /// Severity when configuration says nothing.
    pub default_severity: Severity,
    /// Whether the rule offers fixes.
    pub fixable: bool,
    /// One line: what it checks.
    pub summary: &'static str,
    /// What `copyedit explain CODE` prints (Markdown-ish plain text).
    pub explanation: &'static str,
    /// The implementation.
    pub rule: &'static dyn Rule,
}

/// Every rule, in the order they run and are listed.
pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        code: spelling::CODE,
        default_severity: Severity::Error,
        fixable: true,
        summary: "words that are in no dictionary",
        explanation: spelling::EXPLANATION,
        rule: &spelling::Spelling,
    },
    RuleInfo {
        code: fragment::CODE,
        default_severity: Severity::Error,
        fixable: true,
        summary: "stray fragments, split words and words run together",
        explanation: fragment::EXPLANATION,
        rule: &fragment::Fragment,
    },
    RuleInfo {
        code: real_word::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "a real word where a near neighbour fits far better",
        explanation: real_word::EXPLANATION,
        rule: &real_word::RealWord,
    },
    RuleInfo {
        code: repeated_word::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "the same word twice in a row (`the the`)",
        explanation: repeated_word::EXPLANATION,
        rule: &repeated_word::RepeatedWord,
    },
    RuleInfo {
        code: a_an::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "`a` before a vowel sound or `an` before a consonant sound",
        explanation: a_an::EXPLANATION,
        rule: &a_an::AAn,
    },
    RuleInfo {
        code: double_space::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "two or more spaces between words",
        explanation: double_space::EXPLANATION,
        rule: &double_space::DoubleSpace,
    },
    RuleInfo {
        code: space_before_punctuation::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "a space before `, . ; : ! ?`",
        explanation: space_before_punctuation::EXPLANATION,
        rule: &space_before_punctuation::SpaceBeforePunctuation,
    },
    RuleInfo {
        code: missing_space::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "no space after a full stop, comma or other mark (`end.Next`)",
        explanation: missing_space::EXPLANATION,
        rule: &missing_space::MissingSpace,
    },
    RuleInfo {
        code: repeated_punctuation::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "punctuation typed twice (`,,` `..` `!!`)",
        explanation: repeated_punctuation::EXPLANATION,
        rule: &repeated_punctuation::RepeatedPunctuation,
    },
    RuleInfo {
        code: trailing_whitespace::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "spaces or tabs at the end of a line (plain text)",
        explanation: trailing_whitespace::EXPLANATION,
        rule: &trailing_whitespace::TrailingWhitespace,
    },
    RuleInfo {
        code: unbalanced::CODE,
        default_severity: Severity::Warning,
        fixable: false,
        summary: "brackets and double quotes without a partner",
        explanation: unbalanced::EXPLANATION,
        rule: &unbalanced::Unbalanced,
    },
    RuleInfo {
        code: forbidden::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "words and phrases the project forbids (`forbid` in copyedit.toml)",
        explanation: forbidden::EXPLANATION,
        rule: &forbidden::Forbidden,
    },
    RuleInfo {
        code: crate::directives::CODE,
        default_severity: Severity::Warning,
        fixable: true,
        summary: "inline directives with an unknown rule code or name",
        explanation: crate::directives::EXPLANATION,
        rule: &crate::directives::DirectiveRule,
    },
];

/// Look a rule up by code.
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::document::Format;
    use crate::tokenize::tokenize;

    /// Run one rule over plain text.
    pub fn run(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
        run_with(rule, text, Format::Plain, Lang::EnUs)
    }

    /// Run one rule over text in a format and language.
    pub fn run_with(rule: &dyn Rule, text: &str, format: Format, lang: Lang) -> Vec<Diagnostic> {
        let dict = Dictionary::new(lang);
        let doc = Document::parse(text, format);
        let tokens = tokenize(&doc);
        let quotes = Quotations::find(&doc, &tokens);
        let cx = Context::new(text, &doc, &tokens, &dict, lang, &quotes);
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        out
    }

    /// The flagged text of each diagnostic.
    pub fn flagged<'t>(text: &'t str, diags: &[Diagnostic]) -> Vec<&'t str> {
        diags.iter().map(|d| &text[d.span.clone()]).collect()
    }

    #[test]
    fn codes_are_unique_and_explained() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len());
        for r in RULES {
            assert!(r.explanation.len() > 80, "{} needs an explanation", r.code);
            assert!(find(r.code).is_some());
        }
    }
}
