//! `repeated-punctuation`: `,,`, `;;`, `::`, `..`, `!!`, `??`, `.,`, `,.`.
//!
//! Two mark bytes in a row are found with `memchr` in each block's text;
//! only the tokens of such runs are examined, so the rule does not walk
//! every token.

use std::ops::Range;

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "repeated-punctuation",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Punctuation,
    summary: "punctuation typed twice (`,,` `..` `!!`)",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "`,,` `..` (not `...`; `!!` is info, and ignored inside quotations)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            Keeping one mark (`,,` → `,`); for `.,` and `,.` the second is kept. Doubled `!!` and \
            `??` are only reported (info), never fixed.",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags punctuation typed twice: `,,`, `;;`, `::`, `..` (exactly two full
stops), and a comma and full stop together (`.,` or `,.`). These are
almost always slips of the finger or leftovers from editing.

Doubled or tripled exclamation and question marks (`!!`, `???`) are
emphasis, a matter of style rather than an error, so they are reported
at `info` severity, and not at all inside a quotation: there they are
someone's own words (`“...if I were President!!!,” he wrote`). Other
doubled marks inside a quotation are still reported, but the fix is then
Unsafe.

Not flagged:
  - an ellipsis, three or more full stops (`wait...`, `wait....`);
  - mixed exclamation and question marks (`really?!`, `what!?`);
  - `..` after a space, an opening quote or bracket, or beside a `/`
    (`cd ..`, `(..)`, `a/../b`)
    and `::` between words (`std::io`);
  - code-shaped text, which is one token (`a ?? b`, `for..of`, `std::io`);
  - an abbreviation before a comma (`etc.,`, `e.g.,`, `Inc.,`, `a.m.,`).

Examples:
  the report,, which      flagged (warning)
  It ended..              flagged (warning)
  the end., and           flagged (warning)
  Amazing!!               flagged (info)
  Well...                 not flagged

The fix (Safe, or Unsafe inside a quotation or right before another mark,
as in `well..:`) keeps one mark: the extra copies are deleted; for `.,`
and `,.` the second mark is kept.";

/// The repeated-punctuation rule.
pub struct RepeatedPunctuation;

/// Lowercase abbreviations longer than four letters that take a full stop.
const LONG_ABBREVIATIONS: &[&str] = &[
    "approx", "assoc", "admin", "intro", "trans", "illus", "contd", "cont'd", "introd",
];

fn adjacent(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

impl Rule for RepeatedPunctuation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.text;
        // One of `, . ; : ! ?` (a punctuation token is one character).
        let is_mark = |t: &Token| {
            t.kind == TokenKind::Punct
                && t.span.len() == 1
                && matches!(
                    text.as_bytes().get(t.span.start),
                    Some(b',' | b'.' | b';' | b':' | b'!' | b'?')
                )
        };
        let bytes = text.as_bytes();
        let mark_byte = |b: Option<&u8>| matches!(b, Some(b',' | b'.' | b';' | b':' | b'!' | b'?'));
        let mut pairs = Vec::new();
        for range in &cx.tokens.blocks {
            let Some(toks) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            // Candidates: a mark byte followed by another. A cluster of mark
            // tokens lies inside a run of such bytes: walk the tokens of
            // each run only.
            let pair = |p: usize| mark_byte(bytes.get(p + 1)).then_some(p);
            super::find_bytes(text, super::extent(toks), b",.;:!?", pair, &mut pairs);
            let mut done = 0;
            for &p in &pairs {
                if p < done {
                    continue;
                }
                let mut end = p + 2;
                while mark_byte(bytes.get(end)) {
                    end += 1;
                }
                done = end;
                let mut i = toks.partition_point(|t| t.span.end <= p);
                while let Some(tok) = toks.get(i).filter(|t| t.span.start < end) {
                    if !is_mark(tok) {
                        i += 1;
                        continue;
                    }
                    // A cluster of adjacent marks: toks[i..j].
                    let mut j = i + 1;
                    while let (Some(a), Some(b)) = (toks.get(j - 1), toks.get(j)) {
                        if !(is_mark(b) && adjacent(a, b)) {
                            break;
                        }
                        j += 1;
                    }
                    // A lone mark is nothing to report.
                    if j == i + 1 {
                        i = j;
                        continue;
                    }
                    let prev = i.checked_sub(1).and_then(|k| toks.get(k));
                    let next = toks.get(j);
                    let cluster = toks.get(i..j).unwrap_or_default();
                    check_cluster(cx, cluster, prev, next, out);
                    i = j;
                }
            }
        }
    }
}

fn check_cluster(
    cx: &Context<'_>,
    cluster: &[Token],
    prev: Option<&Token>,
    next: Option<&Token>,
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.text;
    let marks: Vec<&str> = cluster.iter().map(|t| t.text(text)).collect();
    let (Some(first), Some(last)) = (cluster.first(), cluster.last()) else {
        return;
    };
    let glued_before = prev.filter(|p| adjacent(p, first) && !p.is_space());
    let glued_after = next.filter(|n| adjacent(last, n) && !n.is_space());
    // `?!`, `!?`, `?!?`: interrobang style.
    if marks.iter().all(|m| matches!(*m, "!" | "?")) && marks.contains(&"!") && marks.contains(&"?")
    {
        return;
    }
    // `.,` and `,.` on their own.
    if let ([m0, m1], [c0, c1]) = (marks.as_slice(), cluster) {
        if matches!((*m0, *m1), (".", ",") | (",", ".")) {
            if *m0 == "." && abbreviation_before(text, glued_before) {
                return;
            }
            let span = c0.span.start..c1.span.end;
            let message = format!("`{m0}` and `{m1}` together");
            let title = format!("keep only `{m1}`");
            push(
                cx,
                span,
                Severity::Warning,
                message,
                title,
                c0.span.clone(),
                out,
            );
            return;
        }
    }
    // Runs of one mark.
    let mut a = 0;
    while let Some(&m) = marks.get(a) {
        let n = marks
            .get(a..)
            .unwrap_or_default()
            .iter()
            .take_while(|x| **x == m)
            .count();
        let b = a + n;
        let (Some(run_first), Some(run_last)) = (cluster.get(a), cluster.get(b - 1)) else {
            break;
        };
        let span = run_first.span.start..run_last.span.end;
        let severity = match m {
            _ if n < 2 => None,
            // `...` is an ellipsis; `cd ..` is a path.
            // `".."`, `(..)`: the parent directory, quoted.
            // `a/../b`, `..c:/`: a path's parent directory.
            "." if n > 2
                || (a == 0
                    && glued_before.is_none_or(|p| {
                        matches!(p.text(text), "\"" | "'" | "“" | "‘" | "(" | "[" | "`" | "/")
                    }))
                || (b == cluster.len() && glued_after.is_some_and(|n| n.text(text) == "/")) =>
            {
                None
            }
            // `std::io`, and `::` at the start of a line.
            ":" if a == 0
                && (glued_before.is_none() || (b == cluster.len() && glued_after.is_some())) =>
            {
                None
            }
            "!" | "?" if cx.quotes.overlaps(&span) => None,
            "!" | "?" => Some(Severity::Info),
            _ => Some(Severity::Warning),
        };
        if let Some(severity) = severity {
            let extra = cluster.get(a + 1).map_or(span.end, |t| t.span.start)..span.end;
            push(
                cx,
                span,
                severity,
                format!("`{m}` repeated"),
                format!("keep one `{m}`"),
                extra,
                out,
            );
        }
        a = b;
    }
}

/// Whether the full stop before a comma ends an abbreviation (`etc.,`,
/// `e.g.,`, `Inc.,`).
fn abbreviation_before(text: &str, glued: Option<&Token>) -> bool {
    let Some(word) = glued else {
        return false;
    };
    match word.kind {
        TokenKind::Word => {}
        // `D.C.,` and `Washington, D.C.,` read as a file name or domain.
        TokenKind::Path | TokenKind::Url => return true,
        // After a number, a closing bracket or quote: not an abbreviation.
        _ => return false,
    }
    let w = word.text(text);
    w.chars().count() <= 4
        || w.chars().any(char::is_uppercase)
        || LONG_ABBREVIATIONS.contains(&w.to_lowercase().as_str())
}

fn push(
    cx: &Context<'_>,
    span: Range<usize>,
    severity: Severity,
    message: String,
    title: String,
    delete: Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    // Doubled `!` or `?` is emphasis as often as a slip: never unasked.
    let emphatic = cx
        .text
        .get(span.clone())
        .is_some_and(|s| s.contains(['!', '?']));
    // Another mark right after (`well..:`): which one was meant is unclear.
    let mark_after = cx
        .text
        .get(span.end..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| matches!(c, ':' | ';' | ',' | '.' | '!' | '?'));
    let applicability = if emphatic || mark_after {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    if cx.full(out) {
        return;
    }
    out.push(
        Diagnostic::new(CODE, severity, span, message).with_fix(Fix::new(
            title,
            Edit::delete(delete),
            applicability,
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn a_run_before_another_mark_is_fixed_only_when_asked() {
        // `well..:` — keeping one `.` leaves `well.:`.
        let text = "there are new features as well..: see below";
        let d = run(&RepeatedPunctuation, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
        let text = "the report,, which said";
        let d = run(&RepeatedPunctuation, text);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn flags_doubled_marks_and_keeps_one() {
        let text = "the report,, which; ; said;; so:: It ended.. Then the ending., and so,. Yes";
        let d = run(&RepeatedPunctuation, text);
        assert_eq!(flagged(text, &d), [",,", ";;", "::", "..", ".,", ",."]);
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
        assert_eq!(d[0].span, 10..12);
        assert_eq!(d[0].message, "`,` repeated");
        assert_eq!(d[0].fixes.len(), 1);
        assert_eq!(d[0].fixes[0].title, "keep one `,`");
        assert_eq!(d[0].fixes[0].edits, [Edit::delete(11..12)]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        let dots = text.find("..").unwrap();
        assert_eq!(d[3].fixes[0].edits, [Edit::delete(dots + 1..dots + 2)]);
        // `.,` keeps the comma, `,.` keeps the full stop.
        let dc = text.find(".,").unwrap();
        assert_eq!(d[4].fixes[0].edits, [Edit::delete(dc..dc + 1)]);
        assert_eq!(d[4].fixes[0].title, "keep only `,`");
        let cd = text.find(",.").unwrap();
        assert_eq!(d[5].fixes[0].edits, [Edit::delete(cd..cd + 1)]);
        assert_eq!(d[5].message, "`,` and `.` together");
    }

    #[test]
    fn exclamations_and_questions_are_info() {
        let text = "Amazing!! Really??? Wow!!!";
        let d = run(&RepeatedPunctuation, text);
        assert_eq!(flagged(text, &d), ["!!", "???", "!!!"]);
        assert!(d.iter().all(|d| d.severity == Severity::Info));
        assert_eq!(d[1].fixes[0].edits, [Edit::delete(17..19)]);
    }

    #[test]
    fn leaves_ellipses_interrobangs_paths_and_abbreviations_alone() {
        for text in [
            "Well... and then.... nothing",
            "really?! what!? no?!?",
            "run cd .. twice",
            "use std::io here",
            "apples, pears, etc., and e.g., this, Inc., or 9 a.m., approx., then",
            "Washington, D.C., is home to U.S., and Ph.D., holders",
            "one, two. three; four: five! six?",
            "remove \"..\" components (..) and a ?? b or for..of",
            "a/../b and \"..c:/..c:/etc\"",
        ] {
            assert!(run(&RepeatedPunctuation, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn emphasis_inside_a_quotation_is_someones_words() {
        let text = "“A war that should never have happened, if I were President!!!,” he wrote.";
        assert!(run(&RepeatedPunctuation, text).is_empty());
        let text = "He asked: “Why??” and left.";
        assert!(run(&RepeatedPunctuation, text).is_empty());
    }

    /// An excerpt of the news article from the project brief: nothing in it
    /// is a cleanup problem at `warning` or above, for any cleanup rule.
    #[test]
    fn news_article_is_clean_for_every_cleanup_rule() {
        let text = "\
Trump has previously expressed frustration with Putin over the state of talks. On Friday, he wrote on social media: “Russia has to get moving. Too many people ere [sic] DYING, thousands a week, in a terrible and senseless war.”

Before the talks, Kremlin spokesman Dmitry Peskov said there was “no need to expect breakthroughs” as the “process of normalising relations is ongoing”.

Dmitriev, the 49-year-old head of Russia’s sovereign wealth fund, visited Washington DC last week, where 50 nations agreed €21bn (£18.2bn) in military aid for Kyiv.

Trump has previously claimed he could end the Ukraine-Russia conflict “in 24 hours”.

“A war that should ld have never happened, and wouldn’t have happened, if I were President!!!,” he wrote.";
        // Every spacing and punctuation rule.
        let rules = crate::rules::RULES.iter().filter(|r| {
            matches!(
                r.meta.scope,
                crate::rules::Scope::Spacing | crate::rules::Scope::Punctuation
            )
        });
        for rule in rules {
            let d = run(rule.check.unwrap(), text);
            assert!(d.is_empty(), "{}: {d:?}", rule.meta.code);
        }
    }

    #[test]
    fn other_doubles_inside_a_quotation_are_unsafe() {
        let text = "He said “yes,, now” and left.";
        let d = run(&RepeatedPunctuation, text);
        assert_eq!(flagged(text, &d), [",,"]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }
}
