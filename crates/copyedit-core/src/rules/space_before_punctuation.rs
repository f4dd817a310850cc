//! `space-before-punctuation`: a space between a word and `, . ; : ! ?`.
//!
//! The marks are found with `memchr` in each block's text; only those right
//! after white space are looked up among the tokens (a binary search), so
//! the rule does not walk every token.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "space-before-punctuation",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Spacing,
    summary: "a space before `, . ; : ! ?`",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "`word ,`",
        severity_note: "",
        fix_note: "",
        safe_fixes: "Deleting the space before `, . ; : ! ?` (or moving it after the mark).",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags a space between a word (or number) and the comma, full stop,
semicolon, colon, exclamation mark or question mark that follows it. In
English these marks sit against the word before them; a space there is
usually a leftover from editing, or a habit from French typography.

Not flagged:
  - an ellipsis after a space (`wait ...`, `wait . . .`, `wait …`);
  - a mark at the start of a line;
  - a mark that begins a word or number (`.NET`, `.5`, `:smile:`), a
    symbol (`:+1:`, `X :≡ Y`) or a path (`./...`);
  - ratios and scores (`3 : 1`);
  - emoticons (`nice :)`, `ok ;-)`, `fun :D`);
  - code-shaped text, which is one token (`if err != nil`, `x := 1`,
    `a ?? b`), and a lone `.` before an option (`prettier . --write`).

Examples:
  the report , which      flagged
  Are you sure ?          flagged
  see below :             flagged
  and then ...            not flagged

The fix (Safe, or Unsafe inside a quotation) deletes the space. When the
mark is glued to the next word instead (`the report ,which`), the fix moves
the space after the mark.";

/// The space-before-punctuation rule.
pub struct SpaceBeforePunctuation;

const MARKS: &[&str] = &[",", ".", ";", ":", "!", "?"];

fn adjacent(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

/// Whether a mark glued before `next` (one character) makes a symbol with
/// it: `:+1:`, `:≡`, `;=`.
fn symbol(next: &str) -> bool {
    next.chars()
        .next()
        .is_some_and(|c| "+=<>~^|#&%$@".contains(c) || ('\u{2190}'..='\u{22ff}').contains(&c))
}

/// An emoticon starting at `rest` (the text after a `:` or `;`).
fn emoticon(rest: &str) -> bool {
    let rest = rest.strip_prefix(['-', '\'', '^']).unwrap_or(rest);
    let mut chars = rest.chars();
    match chars.next() {
        Some(')' | '(' | ']' | '[' | '/' | '\\' | '|' | '*' | '}' | '{' | '>' | '<') => true,
        Some('D' | 'P' | 'p' | 'O' | 'o' | '3' | 'S' | 'X' | 'x') => {
            !chars.next().is_some_and(char::is_alphanumeric)
        }
        _ => false,
    }
}

impl Rule for SpaceBeforePunctuation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let bytes = cx.text.as_bytes();
        let mut marks = Vec::new();
        for range in &cx.tokens.blocks {
            let Some(toks) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            // Candidates: a mark right after a byte that can end white
            // space (ASCII white space, or the last byte of a multi-byte
            // character such as U+00A0).
            let after_space = |p: usize| {
                p.checked_sub(1)
                    .and_then(|b| bytes.get(b))
                    .is_some_and(|&b| b <= b' ' || b >= 0x80)
                    .then_some(p)
            };
            super::find_bytes(
                cx.text,
                super::extent(toks),
                b",.;:!?",
                after_space,
                &mut marks,
            );
            for &p in &marks {
                // The mark, the space before it and the token before that.
                let Some(i) = super::token_at(toks, p).and_then(|k| k.checked_sub(1)) else {
                    continue;
                };
                let (Some(prev), Some(space), Some(mark)) = (
                    i.checked_sub(1).and_then(|j| toks.get(j)),
                    toks.get(i),
                    toks.get(i + 1),
                ) else {
                    continue;
                };
                if space.kind != TokenKind::Space
                    || !matches!(prev.kind, TokenKind::Word | TokenKind::Number)
                    || mark.kind != TokenKind::Punct
                    || !adjacent(space, mark)
                {
                    continue;
                }
                let m = mark.text(cx.text);
                if !MARKS.contains(&m) {
                    continue;
                }
                let after = toks.get(i + 2);
                let glued = after.filter(|a| adjacent(mark, a) && !a.is_space());
                let mut swap = false;
                match glued.map(|g| g.kind) {
                    // `wait ..`, `wait ...`, `wait .”`, `word ?!`
                    Some(TokenKind::Punct)
                        if m == "." && glued.is_some_and(|g| g.text(cx.text) == ".") =>
                    {
                        continue
                    }
                    // `:+1:`, `X :≡ Y`, `./...`, `./`: a symbol or a path, not
                    // a sentence mark.
                    Some(TokenKind::Punct)
                        if glued.is_some_and(|g| symbol(g.text(cx.text))) || {
                            m == "." && glued.is_some_and(|g| g.text(cx.text) == "/")
                        } =>
                    {
                        continue
                    }
                    Some(TokenKind::Punct) => {}
                    Some(TokenKind::Word) if matches!(m, "," | ";" | "!" | "?") => swap = true,
                    // `.NET`, `:smile:`, `,5`
                    Some(_) => continue,
                    None => {}
                }
                if ternary(cx.text, mark.span.clone(), m) {
                    continue;
                }
                match m {
                    "." => {
                        // A spaced ellipsis: `wait . . .`
                        let spaced = after.is_some_and(|a| a.kind == TokenKind::Space)
                            && toks.get(i + 3).is_some_and(|t| t.text(cx.text) == ".");
                        // `.` as an argument: `prettier . --write`.
                        let argument = after.is_some_and(|a| a.kind == TokenKind::Space)
                            && toks.get(i + 3).is_some_and(|t| {
                                t.kind == TokenKind::Code || t.text(cx.text) == "-"
                            });
                        if spaced || argument {
                            continue;
                        }
                    }
                    ":" | ";" => {
                        if emoticon(cx.text.get(mark.span.end..).unwrap_or_default()) {
                            continue;
                        }
                        // A ratio or score: `3 : 1`.
                        let ratio = m == ":"
                            && prev.kind == TokenKind::Number
                            && after.is_some_and(|a| a.kind == TokenKind::Space)
                            && toks.get(i + 3).is_some_and(|t| t.kind == TokenKind::Number);
                        if ratio {
                            continue;
                        }
                    }
                    _ => {}
                }
                let span = space.span.start..mark.span.end;
                let applicability = crate::diagnostic::Applicability::Safe;
                let fix = if swap {
                    Fix::new(
                        format!("move the space after `{m}`"),
                        Edit::replace(span.clone(), format!("{m} ")),
                        applicability,
                    )
                } else {
                    Fix::new(
                        "remove the space",
                        Edit::delete(space.span.clone()),
                        applicability,
                    )
                };
                if cx.full(out) {
                    return;
                }
                out.push(
                    Diagnostic::new(CODE, Severity::Warning, span, format!("space before `{m}`"))
                        .with_fix(fix),
                );
            }
        }
    }
}

/// How far either side of a mark a conditional expression is looked for,
/// in bytes.
const TERNARY_WINDOW: usize = 200;

/// Whether the `?` or `:` at `span`, spaced on both sides, is half of a
/// conditional expression written in prose (`STACK ? STACK : ''`): a `?`
/// with ` : ` after it on its line, or a `:` with ` ? ` before it (within
/// [`TERNARY_WINDOW`] bytes).
fn ternary(text: &str, span: std::ops::Range<usize>, m: &str) -> bool {
    let spaced_after = text.get(span.end..).is_some_and(|a| a.starts_with(' '));
    if !spaced_after {
        return false;
    }
    let line = |window: &str, forward: bool| -> bool {
        let part = if forward {
            window.split('\n').next().unwrap_or("")
        } else {
            window.rsplit('\n').next().unwrap_or("")
        };
        part.contains(if forward { " : " } else { " ? " })
    };
    match m {
        "?" => {
            let mut hi = (span.end + TERNARY_WINDOW).min(text.len());
            while !text.is_char_boundary(hi) {
                hi -= 1;
            }
            text.get(span.end..hi).is_some_and(|a| line(a, true))
        }
        ":" => {
            let mut lo = span.start.saturating_sub(TERNARY_WINDOW);
            while !text.is_char_boundary(lo) {
                lo += 1;
            }
            text.get(lo..span.start).is_some_and(|b| line(b, false))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn a_conditional_expression_is_no_punctuation() {
        let text = "It emitted an error. STACK ? STACK : ''.";
        assert_eq!(flagged(text, &run(&SpaceBeforePunctuation, text)), Vec::<&str>::new());
        // A question with a colon on another line is still flagged.
        let text = "Is it late ? No.\nNote : yes";
        assert_eq!(flagged(text, &run(&SpaceBeforePunctuation, text)), [" ?", " :"]);
    }

    #[test]
    fn flags_a_space_before_each_mark() {
        let text = "The report , which was late . It said ; no : why ! Really ? Yes in 2025 .";
        let d = run(&SpaceBeforePunctuation, text);
        assert_eq!(
            flagged(text, &d),
            [" ,", " .", " ;", " :", " !", " ?", " ."]
        );
        assert_eq!(d[0].span, 10..12);
        assert_eq!(d[0].message, "space before `,`");
        assert_eq!(d[0].fixes.len(), 1);
        assert_eq!(d[0].fixes[0].title, "remove the space");
        assert_eq!(d[0].fixes[0].edits, [Edit::delete(10..11)]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn a_mark_glued_to_the_next_word_is_moved() {
        let text = "the report ,which was late";
        let d = run(&SpaceBeforePunctuation, text);
        assert_eq!(flagged(text, &d), [" ,"]);
        assert_eq!(d[0].fixes[0].edits, [Edit::replace(10..12, ", ")]);
        assert_eq!(d[0].fixes[0].title, "move the space after `,`");
    }

    #[test]
    fn leaves_ellipses_emoticons_and_prefixes_alone() {
        for text in [
            "and then ...",
            "and then … later",
            "and then . . . later",
            "and then .. later",
            "nice :) and ok ;-) and fun :D",
            "built on .NET and .5 of it",
            "react with :smile: now",
            "it was 3 : 1 at half time",
            "The end\n, said the note",
            "one, two. Three; four: five! six? seven",
            "if err != nil and x := 1 or a ?? b or a !== b",
            "run npx prettier . --write now",
            "emojis :+1: and X :≡ Y and with ./... or a ./ symbol",
        ] {
            assert!(run(&SpaceBeforePunctuation, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_lone_full_stop_before_prose_is_flagged() {
        let text = "what you learned . Then more";
        assert_eq!(flagged(text, &run(&SpaceBeforePunctuation, text)), [" ."]);
    }

    #[test]
    fn question_marks_are_flagged_even_french_style() {
        let text = "Vraiment ?";
        assert_eq!(flagged(text, &run(&SpaceBeforePunctuation, text)), [" ?"]);
    }

    #[test]
    fn inside_a_quotation_the_fix_is_unsafe() {
        let text = "He said “stop it !” and left.";
        let d = run(&SpaceBeforePunctuation, text);
        assert_eq!(flagged(text, &d), [" !"]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }
}
