//! `forbidden`: words and phrases a project never wants (`forbid` in
//! copyedit.toml), with an optional replacement.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{case_of, match_case, normalize_apostrophes, Case};
use crate::tokenize::{tokenize_str, Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "forbidden",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Project,
    summary: "words and phrases the project forbids (`forbid` in copyedit.toml)",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "words the project's `copyedit.toml` forbids (`\"utilise\" = \"use\"`)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            The configured replacement, in the case of the word it replaces (`\"utilise\" = \
            \"use\"`: `Utilise` → `Use`). An entry without a replacement is only reported.",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
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
}

/// Whether a match of tokens `i..j` stands as whole words: it is not the
/// start or end of a longer word.
fn whole_words(tokens: &[Token], i: usize, j: usize) -> bool {
    let glued = |t: Option<&Token>, edge: usize| {
        t.is_some_and(|t| {
            matches!(t.kind, TokenKind::Word | TokenKind::Number)
                && (t.span.end == edge || t.span.start == edge)
        })
    };
    let (Some(first), Some(last)) = (tokens.get(i), j.checked_sub(1).and_then(|l| tokens.get(l)))
    else {
        return false;
    };
    let before = i.checked_sub(1).and_then(|p| tokens.get(p));
    !(glued(before, first.span.start) || glued(tokens.get(j), last.span.end))
}

/// The forbidden words as a trie over their tokens, so that a text is
/// matched in one pass whatever the length of the list: at each token only
/// the entries that begin with it are followed, one token at a time.
#[derive(Debug, Default)]
struct Index {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    /// Next tokens, by [`edge`] (white space before it, any case) then text
    /// (lowercase for any case).
    children: [FxHashMap<Box<str>, u32>; 4],
    /// Entries (indices into the list) that end here.
    ends: Vec<u32>,
}

/// The slot of [`Node::children`] for a token.
fn edge(space_before: bool, any_case: bool) -> usize {
    usize::from(space_before) * 2 + usize::from(any_case)
}

impl Index {
    fn new(forbid: &[ForbiddenWord]) -> Index {
        let mut nodes = vec![Node::default()];
        for (e, f) in forbid.iter().enumerate() {
            if f.pattern.is_empty() {
                continue;
            }
            let mut at = 0usize;
            for (k, (text, space_before, any_case)) in f.pattern.iter().enumerate() {
                // The first token has nothing before it.
                let slot = edge(k > 0 && *space_before, *any_case);
                let next = nodes.len() as u32;
                let Some(node) = nodes.get_mut(at) else {
                    break;
                };
                let Some(children) = node.children.get_mut(slot) else {
                    break;
                };
                let child = *children.entry(text.as_str().into()).or_insert(next);
                if child == next {
                    nodes.push(Node::default());
                }
                at = child as usize;
            }
            if let Some(node) = nodes.get_mut(at) {
                node.ends.push(e as u32);
            }
        }
        Index { nodes }
    }

    /// The first entry (in the list's order) that matches at token `i` of
    /// `tokens` as whole words, and the end (exclusive) of its match: what
    /// trying every entry in order at `i` would find.
    fn match_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<(u32, usize)> {
        let mut best: Option<(u32, usize)> = None;
        // (node, next token index, tokens matched so far)
        let mut stack = vec![(0usize, i, 0usize)];
        while let Some((at, j, depth)) = stack.pop() {
            let node = self.nodes.get(at)?;
            if depth > 0 {
                if let Some(&e) = node.ends.iter().min() {
                    if best.is_none_or(|(b, _)| e < b) && whole_words(tokens, i, j) {
                        best = Some((e, j));
                    }
                }
            }
            let mut k = j;
            let mut spaced = false;
            if depth > 0 {
                while tokens.get(k).is_some_and(Token::is_space) {
                    spaced = true;
                    k += 1;
                }
            }
            let Some(tok) = tokens.get(k) else {
                continue;
            };
            let (Some(exact), Some(any)) = (
                node.children.get(edge(spaced, false)),
                node.children.get(edge(spaced, true)),
            ) else {
                continue;
            };
            if exact.is_empty() && any.is_empty() {
                continue;
            }
            let got = normalize_apostrophes(tok.text(text));
            if let Some(&c) = exact.get(&*got) {
                stack.push((c as usize, k + 1, depth + 1));
            }
            if !any.is_empty() {
                if let Some(&c) = any.get(got.to_lowercase().as_str()) {
                    stack.push((c as usize, k + 1, depth + 1));
                }
            }
        }
        best
    }
}

thread_local! {
    /// The index of the last list this thread matched, with the list: a
    /// run checks every file with the same few lists.
    static INDEX: RefCell<Option<(Vec<ForbiddenWord>, Rc<Index>)>> =
        const { RefCell::new(None) };
}

/// The index of `forbid`, built once per thread for each list in use.
fn index_of(forbid: &[ForbiddenWord]) -> Rc<Index> {
    INDEX.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some((list, index)) = &*cell {
            if list.as_slice() == forbid {
                return Rc::clone(index);
            }
        }
        let index = Rc::new(Index::new(forbid));
        *cell = Some((forbid.to_vec(), Rc::clone(&index)));
        index
    })
}

/// The forbidden-words rule (reads [`Context::forbid`], the configured list).
pub struct Forbidden;

impl Rule for Forbidden {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Nothing is forbidden without configuration.
        if cx.forbid.iter().all(|f| f.pattern.is_empty()) {
            return;
        }
        let index = index_of(cx.forbid);
        for range in &cx.tokens.blocks {
            let Some(tokens) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            let mut i = 0;
            while i < tokens.len() {
                let found = index
                    .match_at(cx.text, tokens, i)
                    .and_then(|(e, end)| Some((cx.forbid.get(e as usize)?, end)));
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
                    let applicability = crate::diagnostic::Applicability::Safe;
                    d = d.with_fix(Fix::new(
                        format!("replace with `{replacement}`"),
                        Edit::replace(span, replacement),
                        applicability,
                    ));
                }
                if cx.full(out) {
                    return;
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
        let forbid: Vec<ForbiddenWord> = forbid
            .iter()
            .map(|(w, r)| ForbiddenWord::new(*w, r.map(str::to_string)))
            .collect();
        let dict = Dictionary::new(Lang::EnUs);
        let doc = Document::parse(text, Format::Plain);
        let tokens = tokenize(&doc);
        let quotes = Quotations::find(&doc, &tokens);
        let mut interner = crate::rules::Interner::default();
        let mut cx = Context::new(
            text,
            &doc,
            &tokens,
            &dict,
            Lang::EnUs,
            &quotes,
            &mut interner,
        );
        cx.forbid = &forbid;
        let mut out = Vec::new();
        Forbidden.check(&cx, &mut out);
        crate::suppress::apply(text, &tokens, &quotes, &mut out);
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

    #[test]
    fn the_first_entry_in_the_list_wins_where_several_match() {
        let text = "Do it in order to win. Github and github.";
        let d = run(text, &[("in order", None), ("in order to", Some("to"))]);
        assert_eq!(flagged(text, &d), ["in order"]);
        let d = run(text, &[("in order to", Some("to")), ("in order", None)]);
        assert_eq!(flagged(text, &d), ["in order to"]);
        // An exact entry and an any-case one for the same word.
        let d = run(text, &[("Github", Some("GitHub")), ("github", Some("gh"))]);
        assert_eq!(d[0].fixes[0].edits[0].replacement, "GitHub");
        assert_eq!(d[1].fixes[0].edits[0].replacement, "gh");
        let d = run(text, &[("github", Some("gh")), ("Github", Some("GitHub"))]);
        assert_eq!(d[0].fixes[0].edits[0].replacement, "Gh");
        // A longer entry that does not match as whole words gives way.
        let text = "the in-order tree";
        let d = run(text, &[("in-order tree", None), ("in", None)]);
        assert_eq!(flagged(text, &d), ["in-order tree"]);
        // `in-order` is glued to `orderly`; `in` before a hyphen is a word.
        let text = "the in-orderly tree";
        let d = run(text, &[("in-order", None), ("in", None)]);
        assert_eq!(flagged(text, &d), ["in"]);
    }

    #[test]
    fn a_long_list_finds_every_entry() {
        let words: Vec<String> = (0..2000).map(|i| format!("zq{i:04x}")).collect();
        let list: Vec<(&str, Option<&str>)> = words.iter().map(|w| (w.as_str(), None)).collect();
        let text = "A zq0000 and zq07cf, not zq07d0 nor zq00001.";
        let d = run(text, &list);
        assert_eq!(flagged(text, &d), ["zq0000", "zq07cf"]);
    }
}
