//! `missing-space`: no space after a sentence or clause mark (`end.Next`,
//! `word,word`).

use super::common::is_function_word;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::Known;
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "missing-space",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Spacing,
    summary: "no space after a full stop, comma or other mark (`end.Next`)",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "`end.Next`, `word,word` (not `e.g.`, `U.S.`, decimals, URLs)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "Inserting a space after the mark (`end.Next` → `end. Next`).",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
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

In a Markdown document that holds code (inline code, a fenced block, code-shaped
text), `word.Word` is most often an identifier (`file.Close`,
`Reader.Open`): there a full stop is flagged only before a function word
(`important.The most`, `done.It was`), which names no field or type.

A lowercase word glued to a capitalised one is also left alone when it
reads as an identifier rather than two sentences (`time.Second`,
`bytes.Compare`): when it is the whole text of a link or `[reference]`,
when either side is no dictionary word (`cmp.Ordered`), when the word
after is a single letter other than `I` and `A` (`testing.T`), or when the same `word.` is glued
to another name elsewhere in the document (`image.Gray` and
`image.RGBA`) inside code: a code block, inline code, a link target or
code-shaped text (`image.RGBA64ColorModel`), or, when files are checked
together, in the code of any of them (`file.Close` in prose, `file.Read()`
in another page's code block: suppressed as the project's `vocabulary`).
Glued again in prose is no evidence: a text that lost its spaces loses
them often. Code-shaped text (`strings.TrimSuffix`, `snake_case`,
`foo()`, `--flag`; see ARCHITECTURE.md) is one token and never looked
inside.

Also not flagged: numbers (`1,000`, `3.14`, `10:30`), URLs, domains, e-mail
addresses and file names (`example.com`, `README.md`), ellipses (`wait...`),
mixed marks (`really?!`), single letters around a comma (`x,y`), capitals or paths around a
comma (`EMPMO,SOP`, `net/http/cgi,net/http/fcgi`), brace
lists (`{Set,Map}`), `TL;DR`, `tl;dr` and HTML entities (`&amp;x`), and
around a comma, a side that is not an ordinary English word (`crypto,tls`,
`foo,bar`: components and names, not prose) or a pair the text writes
twice.

Examples:
  the end.Next one        flagged: missing space after `.`
  apples,pears            flagged: missing space after `,`
  Node.js and e.g. this   not flagged

The fix inserts one space after the mark. It is Safe, except inside a
quotation and, after a full stop, before a word that does not open
sentences: `important.The` is fixed unasked, `file.Close` (perhaps a
method named in prose) only with `fix --unsafe`.";

/// The missing-space rule.
pub struct MissingSpace;

/// Whether `p.N` (a lowercase word glued by a full stop to a capitalised
/// one, at `start..end`) reads as an identifier (`time.Second`,
/// `bytes.Compare`) rather than two sentences: it is the whole text of a
/// link or a `[reference]`; a side is no dictionary word (`cmp.Ordered`,
/// `os.Error`); or `p.` is glued to a name elsewhere in the document, in
/// code (a package or an object used again: `image.Gray` in prose,
/// `image.RGBA` in a code block).
fn identifier(cx: &Context<'_>, start: usize, end: usize, p: &str, n: &str) -> bool {
    let bytes = cx.text.as_bytes();
    if start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(|&b| b == b'[')
        && bytes.get(end) == Some(&b']')
    {
        return true;
    }
    if cx.check(p) != Known::Yes || cx.check(n) != Known::Yes {
        return true;
    }
    // A side that is no common English word (known from the technical
    // vocabulary or the rare list only: `cmp.Ordered`, `os.Getenv`) is a
    // package or object name.
    if uncommon(cx, p) || uncommon(cx, n) {
        return true;
    }
    let name = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    // A part of a large text: the whole text's names glued in code (for
    // other names, the part's own text only).
    let mut bytes = bytes;
    if let Some(whole) = cx.whole {
        if p.bytes().all(|b| name(Some(&b))) {
            return whole.glued_in_code(p);
        }
        bytes = bytes.get(..super::extent(&cx.tokens.tokens).end).unwrap_or_default();
    }
    let needle = format!("{p}.");
    // Elsewhere in code: in no prose token (a code block, inline code, a
    // link target) or in a code-shaped one. Glued again in prose is no
    // evidence: a text that lost its spaces loses them often.
    let toks = &cx.tokens.tokens;
    let in_code = |at: usize| {
        let k = toks.partition_point(|t| t.span.end <= at);
        toks.get(k)
            .filter(|t| t.span.start <= at)
            .is_none_or(|t| matches!(t.kind, TokenKind::Opaque | TokenKind::Code))
    };
    memchr::memmem::find_iter(bytes, needle.as_bytes()).any(|at| {
        at != start
            && !name(at.checked_sub(1).and_then(|i| bytes.get(i)))
            && name(bytes.get(at + needle.len()))
            && in_code(at)
    })
}

/// A word known only as technical or rare vocabulary, with no corpus
/// count: a package, option or component name more often than prose.
fn uncommon(cx: &Context<'_>, w: &str) -> bool {
    let lower = w.to_lowercase();
    cx.dict.count(&lower) == 0 && cx.dict.entry(&lower).is_some_and(|e| e.is_rare())
}

/// Whether both words around a comma are ordinary English words: a list of
/// names, options or components (`crypto,tls`, `foo,bar`) is not prose.
fn prose_pair(cx: &Context<'_>, p: &str, n: &str) -> bool {
    [p, n]
        .iter()
        .all(|w| cx.check(w) == Known::Yes && !uncommon(cx, w))
}

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
                        lower >= 2
                            && capital
                            && (is_function_word(&n.to_lowercase()) || !super::holds_code(cx))
                            && !chained
                            && (n.chars().count() >= 2 || n == "I" || n == "A")
                            && !identifier(cx, prev.span.start, next.span.end, p, n)
                    }
                    // `x,y`, and brace lists `{Set,Map}`
                    "," => {
                        let caps = |w: &str| w.chars().all(char::is_uppercase);
                        (p.chars().count() > 1 || n.chars().count() > 1)
                            // `EMPMO,SOP`, `net/http/cgi,net/http/fcgi`
                            && (!caps(p) || !caps(n))
                            && !punct(before, "/")
                            && !punct(before, "{")
                            && !punct(toks.get(i + 2).filter(|t| adjacent(next, t)), "}")
                            // `crypto,tls` in a changelog; the same pair
                            // written twice is meant.
                            && prose_pair(cx, p, n)
                            && text.matches(&format!("{p},{n}")).nth(1).is_none()
                    }
                    // `&amp;x`, `TL;DR`
                    ";" => {
                        let caps = |w: &str| w.chars().all(char::is_uppercase);
                        !(punct(before, "&")
                            || (caps(p) && caps(n))
                            || (p.eq_ignore_ascii_case("tl") && n.eq_ignore_ascii_case("dr")))
                    }
                    "!" | "?" => true,
                    _ => false,
                };
                if !ok {
                    continue;
                }
                let span = prev.span.start..next.span.end;
                // `important.The` is a slip; `file.Close` may be a method
                // named in prose: fixed unasked only before a word that
                // opens sentences (`The`, `It`, `We`).
                let applicability = if m == "." && !is_function_word(&n.to_lowercase()) {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                if cx.full(out) {
                    return;
                }
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
        // `end.Next` may name a method: fixed only when asked; before a
        // word that opens sentences the fix is Safe.
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
        assert_eq!(d[1].fixes[0].edits, [Edit::insert(32, " ")]);
        let the = run(&MissingSpace, "It was important.The rest followed.");
        assert_eq!(the[0].fixes[0].applicability, Applicability::Safe);
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
            "the http.ResponseWriter and strings.TrimSuffix, cmp.Ordered and testing.T",
            "see [bytes.Compare](/pkg/bytes) or [json.Decoder] now",
            "use image.Gray here and image.RGBAColorModel there",
            "so tl;dr and TL;DR and snake_case,other",
            "ignore EMPMO,SOP and net/http/cgi,net/http/fcgi",
        ] {
            assert!(run(&MissingSpace, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn in_a_document_with_code_only_a_function_word_ends_a_sentence() {
        use crate::dictionary::Lang;
        use crate::document::Format;
        use crate::rules::testing::run_with;
        let text = "Call file.Close or Reader.Open with `x`. It was important.The end.\n";
        let d = run_with(&MissingSpace, text, Format::Markdown, Lang::EnUs);
        assert_eq!(flagged(text, &d), ["important.The"]);
        // Without code, both are flagged.
        let text = "Call file.Close now. It was important.The end.\n";
        let d = run_with(&MissingSpace, text, Format::Markdown, Lang::EnUs);
        assert_eq!(flagged(text, &d), ["file.Close", "important.The"]);
    }

    #[test]
    fn a_word_glued_again_in_code_is_an_identifier() {
        use crate::dictionary::Lang;
        use crate::document::Format;
        use crate::rules::testing::run_with;
        let text = "Use image.Gray here and `image.Color` there.\n\n```\nx := image.Black\n```\n";
        assert!(run_with(&MissingSpace, text, Format::Markdown, Lang::EnUs).is_empty());
        let text = "Use image.Gray here.\n";
        assert_eq!(
            run_with(&MissingSpace, text, Format::Markdown, Lang::EnUs).len(),
            1
        );
    }

    #[test]
    fn flags_a_lone_glued_sentence_between_dictionary_words() {
        let text = "The image was blurred.Then it was sharp, time.Second.";
        let d = run(&MissingSpace, text);
        assert_eq!(flagged(text, &d), ["blurred.Then", "time.Second"]);
        // The same word glued again in prose is no evidence of code.
        let text = "He said.Then he said.Then he left.";
        assert_eq!(run(&MissingSpace, text).len(), 2);
    }

    #[test]
    fn inside_a_quotation_the_fix_is_unsafe() {
        let text = "He wrote “the end.Next time” then.";
        let d = run(&MissingSpace, text);
        assert_eq!(flagged(text, &d), ["end.Next"]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }
}
