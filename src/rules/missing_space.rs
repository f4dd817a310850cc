//! `missing-space`: no space after a sentence or clause mark (`end.Next`,
//! `word,word`).

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::tokenize::{Token, TokenKind};

pub(super) const CODE: &str = "missing-space";

pub(super) const EXPLANATION: &str = "\
Flags a full stop, comma, semicolon, exclamation mark or question mark
that is glued to the word after it: `the end.Next one`, `red,green`,
`stop;go`, `wait!Now`, `why?Because`. The space was usually lost in
editing or when joining lines.

A full stop is flagged only when the word before it has at least two
lowercase letters and the word after it is capitalised, because many
legitimate forms glue a full stop to a word:
  - abbreviations and initials: `e.g.`, `i.e.`, `U.S.`, `a.m.`, `Ph.D`,
    `Dr.Who`, `No.5`;
  - product and technology names: `Node.js`, `ASP.NET`;
  - dotted identifiers and calls: `java.util.List`, `Foo.Bar()`.

Also not flagged: numbers (`1,000`, `3.14`, `10:30`), URLs, domains, e-mail
addresses and file names (`example.com`, `README.md`), ellipses (`wait...`),
mixed marks (`really?!`), single letters around a comma (`x,y`), brace
lists (`{Set,Map}`), `TL;DR` and HTML entities (`&amp;x`).

Examples:
  the end.Next one        flagged: missing space after `.`
  apples,pears            flagged: missing space after `,`
  Node.js and e.g. this   not flagged

The fix (Safe, or Unsafe inside a quotation) inserts one space after the
mark.";

/// The missing-space rule.
pub struct MissingSpace;

fn adjacent(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

impl Rule for MissingSpace {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.text;
        let punct = |t: Option<&Token>, s: &str| {
            t.is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == s)
        };
        for range in &cx.tokens.blocks {
            let Some(toks) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            for (i, w) in toks.windows(3).enumerate() {
                let i = i + 1;
                let [prev, mark, next] = w else { continue };
                if mark.kind != TokenKind::Punct
                    || prev.kind != TokenKind::Word
                    || next.kind != TokenKind::Word
                    || !adjacent(prev, mark)
                    || !adjacent(mark, next)
                {
                    continue;
                }
                let (p, m, n) = (prev.text(text), mark.text(text), next.text(text));
                let before = i
                    .checked_sub(2)
                    .and_then(|j| toks.get(j))
                    .filter(|b| adjacent(b, prev));
                let ok = match m {
                    "." => {
                        let lower = p.chars().filter(|c| c.is_lowercase()).count();
                        let capital = n.chars().next().is_some_and(char::is_uppercase);
                        // `java.util.List`, `Foo.Bar()`, `Foo.Bar.baz`
                        let chained = punct(before, ".")
                            || toks.get(i + 2).is_some_and(|t| {
                                adjacent(next, t)
                                    && (t.text(text) == "("
                                        || (t.text(text) == "."
                                            && toks
                                                .get(i + 3)
                                                .is_some_and(|w| adjacent(t, w) && !w.is_space())))
                            });
                        lower >= 2 && capital && !chained
                    }
                    // `x,y`, and brace lists `{Set,Map}`
                    "," => {
                        (p.chars().count() > 1 || n.chars().count() > 1)
                            && !punct(before, "{")
                            && !punct(toks.get(i + 2).filter(|t| adjacent(next, t)), "}")
                    }
                    // `&amp;x`, `TL;DR`
                    ";" => {
                        let caps = |w: &str| w.chars().all(char::is_uppercase);
                        !(punct(before, "&") || (caps(p) && caps(n)))
                    }
                    "!" | "?" => true,
                    _ => false,
                };
                if !ok {
                    continue;
                }
                let span = prev.span.start..next.span.end;
                let applicability = cx.quotes.applicability(&span);
                out.push(
                    Diagnostic::new(
                        CODE,
                        Severity::Warning,
                        span,
                        format!("missing space after `{m}`"),
                    )
                    .with_fix(Fix::new(
                        format!("add a space after `{m}`"),
                        Edit::insert(mark.span.end, " "),
                        applicability,
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn flags_glued_marks() {
        let text = "It was the end.Next came apples,pears; stop;go now!Then why?Because.";
        let d = run(&MissingSpace, text);
        assert_eq!(
            flagged(text, &d),
            [
                "end.Next",
                "apples,pears",
                "stop;go",
                "now!Then",
                "why?Because"
            ]
        );
        assert_eq!(d[0].span, 11..19);
        assert_eq!(d[0].message, "missing space after `.`");
        assert_eq!(d[0].fixes.len(), 1);
        assert_eq!(d[0].fixes[0].title, "add a space after `.`");
        assert_eq!(d[0].fixes[0].edits, [Edit::insert(15, " ")]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        assert_eq!(d[1].fixes[0].edits, [Edit::insert(32, " ")]);
    }

    #[test]
    fn leaves_abbreviations_names_numbers_and_addresses_alone() {
        for text in [
            "e.g. this, i.e. that, the U.S. and 9 a.m. today",
            "a Ph.D in physics, No.5 on the list, Dr.Who",
            "written in Node.js and ASP.NET",
            "the word end.next is lowercase",
            "it costs 1,000 or 3.14 at 10:30",
            "see example.com or www.bbc.co.uk/news or README.md",
            "mail bob@example.org now",
            "wait...Then nothing",
            "really?!",
            "the point x,y on the plane",
            "use java.util.List or Foo.Bar() here",
            "Tom &amp;Jerry and TL;DR and PhfOrdered{Set,Map} or {a,b}",
            "one, two. Three; four! Five? six",
        ] {
            assert!(run(&MissingSpace, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn inside_a_quotation_the_fix_is_unsafe() {
        let text = "He wrote “the end.Next time” then.";
        let d = run(&MissingSpace, text);
        assert_eq!(flagged(text, &d), ["end.Next"]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }
}
