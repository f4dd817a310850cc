//! `forbidden`: words and phrases a project never wants (`forbid` in
//! copyedit.toml), with an optional replacement.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{case_of, match_case, normalize_apostrophes, Case};
use crate::linter::Config;
use crate::tokenize::{tokenize_str, Token, TokenKind};

pub(super) const CODE: &str = "forbidden";

pub(super) const EXPLANATION: &str = "\
Flags words and phrases the project has forbidden in copyedit.toml, and
offers the configured replacement:

  forbid = [\"utilize\", \"in order to\"]     # flagged, no replacement
  [forbid]                                  # or, with replacements:
  \"utilise\" = \"use\"
  \"e-mail\" = \"email\"

An entry written in lowercase matches in any case (`Utilise` is flagged and
replaced with `Use`); an entry with capitals matches only as written. A
phrase matches across any white space, including line breaks. Only whole
words match: `utilised` is not flagged by `utilise`.

The replacement is a Safe fix, except inside a quotation (someone else's
words), where it is Unsafe. The rule does nothing until `forbid` is set.

Example (with \"utilise\" = \"use\"):
  We utilise the tools.
     ^^^^^^^ use";

/// One forbidden word or phrase, prepared for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForbiddenWord {
    /// As written in the configuration.
    pub word: String,
    /// What to write instead, if anything.
    pub replacement: Option<String>,
    /// Non-space tokens of `word`: (text, preceded by white space, match any case).
    pattern: Vec<(String, bool, bool)>,
}

impl ForbiddenWord {
    /// A forbidden word or phrase with an optional replacement.
    pub fn new(word: impl Into<String>, replacement: Option<String>) -> Self {
        let word: String = word.into();
        let word_trimmed = word.trim();
        let mut pattern = Vec::new();
        let mut space_before = false;
        for t in tokenize_str(word_trimmed) {
            if t.is_space() {
                space_before = true;
                continue;
            }
            let text = normalize_apostrophes(t.text(word_trimmed)).into_owned();
            let any_case = case_of(&text) == Case::Lower;
            let text = if any_case { text.to_lowercase() } else { text };
            pattern.push((text, space_before, any_case));
            space_before = false;
        }
        ForbiddenWord {
            word,
            replacement: replacement.filter(|r| !r.trim().is_empty()),
            pattern,
        }
    }

    /// The end index (exclusive) in `tokens` of a match starting at `i`.
    fn match_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize> {
        let mut j = i;
        for (k, (want, space_before, any_case)) in self.pattern.iter().enumerate() {
            if k > 0 {
                let mut spaced = false;
                while tokens.get(j).is_some_and(Token::is_space) {
                    spaced = true;
                    j += 1;
                }
                if spaced != *space_before {
                    return None;
                }
            }
            let tok = tokens.get(j)?;
            let got = normalize_apostrophes(tok.text(text));
            let same = if *any_case {
                got.to_lowercase() == *want
            } else {
                *got == **want
            };
            if !same {
                return None;
            }
            j += 1;
        }
        // Whole words only: not the start or end of a longer word.
        let glued = |t: Option<&Token>, edge: usize| {
            t.is_some_and(|t| {
                matches!(t.kind, TokenKind::Word | TokenKind::Number)
                    && (t.span.end == edge || t.span.start == edge)
            })
        };
        let first = tokens.get(i)?;
        let last = tokens.get(j.checked_sub(1)?)?;
        let before = i.checked_sub(1).and_then(|p| tokens.get(p));
        if glued(before, first.span.start) || glued(tokens.get(j), last.span.end) {
            return None;
        }
        Some(j)
    }
}

/// The forbidden-words rule (reads `Config::forbid`).
pub struct Forbidden;

impl Rule for Forbidden {
    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {
        // Nothing is forbidden without configuration.
    }

    fn check_with(&self, cx: &Context<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
        let forbid: Vec<&ForbiddenWord> = config
            .forbid
            .iter()
            .filter(|f| !f.pattern.is_empty())
            .collect();
        if forbid.is_empty() {
            return;
        }
        for range in &cx.tokens.blocks {
            let Some(tokens) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            let mut i = 0;
            while i < tokens.len() {
                let found = forbid
                    .iter()
                    .find_map(|f| f.match_at(cx.text, tokens, i).map(|end| (f, end)));
                let (Some((f, end)), Some(first)) = (found, tokens.get(i)) else {
                    i += 1;
                    continue;
                };
                let Some(last) = tokens.get(end - 1) else {
                    break;
                };
                let span = first.span.start..last.span.end;
                let written = cx.text.get(span.clone()).unwrap_or("");
                let mut d = Diagnostic::new(
                    CODE,
                    Severity::Warning,
                    span.clone(),
                    format!("`{written}` is forbidden by the project configuration"),
                );
                if let Some(r) = &f.replacement {
                    let case = case_of(first.text(cx.text));
                    let replacement = match case {
                        Case::Title | Case::Upper if case_of(r) == Case::Lower => {
                            match_case(r, case)
                        }
                        _ => r.clone(),
                    };
                    let applicability = cx.quotes.applicability(&span);
                    d = d.with_fix(Fix::new(
                        format!("replace with `{replacement}`"),
                        Edit::replace(span, replacement),
                        applicability,
                    ));
                }
                out.push(d);
                i = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::dictionary::{Dictionary, Lang};
    use crate::document::{Document, Format};
    use crate::quotes::Quotations;
    use crate::tokenize::tokenize;

    fn run(text: &str, forbid: &[(&str, Option<&str>)]) -> Vec<Diagnostic> {
        let config = Config {
            forbid: forbid
                .iter()
                .map(|(w, r)| ForbiddenWord::new(*w, r.map(str::to_string)))
                .collect(),
            ..Config::default()
        };
        let dict = Dictionary::new(Lang::EnUs);
        let doc = Document::parse(text, Format::Plain);
        let tokens = tokenize(&doc);
        let quotes = Quotations::find(&doc, &tokens);
        let mut interner = crate::rules::Interner::default();
        let cx = Context::new(
            text,
            &doc,
            &tokens,
            &dict,
            Lang::EnUs,
            &quotes,
            &mut interner,
        );
        let mut out = Vec::new();
        Forbidden.check_with(&cx, &config, &mut out);
        out
    }

    fn flagged<'t>(text: &'t str, d: &[Diagnostic]) -> Vec<&'t str> {
        d.iter().map(|d| &text[d.span.clone()]).collect()
    }

    #[test]
    fn words_in_any_case_with_case_kept_in_the_fix() {
        let text = "Utilise it. We utilise them, but utilised ones stay.";
        let d = run(text, &[("utilise", Some("use"))]);
        assert_eq!(flagged(text, &d), ["Utilise", "utilise"]);
        assert_eq!(d[0].fixes[0].edits[0].replacement, "Use");
        assert_eq!(d[1].fixes[0].edits[0].replacement, "use");
        assert_eq!(d[1].fixes[0].applicability, Applicability::Safe);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn phrases_across_line_breaks_and_hyphens() {
        let text = "Do it in order\nto win. Send an e-mail, not a mail.";
        let d = run(text, &[("in order to", None), ("e-mail", Some("email"))]);
        assert_eq!(flagged(text, &d), ["in order\nto", "e-mail"]);
        assert!(d[0].fixes.is_empty());
    }

    #[test]
    fn capitalised_entries_match_exactly_and_nothing_without_config() {
        let text = "Github and github.";
        assert_eq!(
            flagged(text, &run(text, &[("Github", Some("GitHub"))])),
            ["Github"]
        );
        assert!(run(text, &[]).is_empty());
    }

    #[test]
    fn parts_of_longer_words_and_quotes() {
        let text = "The co-utilise case and “we utilise” here.";
        let d = run(text, &[("utilise", Some("use"))]);
        assert_eq!(flagged(text, &d), ["utilise", "utilise"]);
        assert_eq!(d[1].fixes[0].applicability, Applicability::Unsafe);
    }
}
