//! `contraction`: a possessive where a contraction belongs, or the other way
//! round (`its a shame` → `it's`, `it's own` → `its`, `their are` →
//! `there`), in the few contexts where only one can be right.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{case_of, match_case};
use crate::tokenize::neighbours::word_one_space_away;

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "contraction",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Usage,
    summary: "`its`/`it's`, `your`/`you're`, `their`/`there` mixed up (`its a shame`)",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "\
            `its a shame` → `it's`, `it's own` → `its`, `your welcome` → `you're`, `their are` → \
            `there` (only where the next word allows one reading)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            The one word the next allows (`its a` → `it's a`, `it's own` → `its own`, `your \
            welcome.` → `you're welcome.`, `their are` → `there are`), with the document's \
            apostrophe.",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags `its`, `your`, `their` and `there` written for one another or for
`it's`, `you're` and `there`, where the next word leaves only one reading:

  Its a shame.                 -> It's a shame
  The firm had it's own plan.  -> its own
  Your welcome.                -> You're welcome
  Your the best.               -> You're the best
  Their are three.             -> There are three
  They did it there own way.   -> their own way

The next word must be one after which the word written cannot stand:
`its` before `a`, `an`, `the`, `been`; `your` before `a`, `an`, `the`, or
`welcome` at the end of a clause; `their` before `is`, `are`, `was`,
`were`; `it's` and `there` before `own`. So these are left alone:

  Not flagged:
    its only child, its very existence   (possessive before an adjective)
    your welcome speech                  (welcome is an adjective here)
    to impose their will                 (will is a noun)

The fix is Safe outside direct quotations (dialogue may be written as it
was said) and uses the apostrophe the document uses (’ or ').";

/// The contraction rule.
pub struct Contraction;

/// Whether the word `w` (lowercase, straight apostrophe) before `next`
/// (lowercase) and what follows it (`then`: the text after `next`) is a
/// slip, with the word meant.
fn meant(w: &str, next: &str, then: &str) -> Option<&'static str> {
    let clause_ends = || {
        then.trim_start_matches(['"', '”', '’', '\''])
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '\n' | '\r'))
    };
    match (w, next) {
        ("its", "a" | "an" | "the" | "been") => Some("it's"),
        ("it's", "own") => Some("its"),
        ("your", "a" | "an" | "the") => Some("you're"),
        ("your", "welcome") if clause_ends() => Some("you're"),
        ("their", "is" | "are" | "was" | "were") => Some("there"),
        ("there", "own") => Some("their"),
        _ => None,
    }
}

impl Rule for Contraction {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // The words looked for, found by a byte search (each before a
        // space), with the form `meant` takes.
        const WORDS: [(&str, &str); 6] = [
            ("its", "its"),
            ("it's", "it's"),
            ("it’s", "it's"),
            ("your", "your"),
            ("their", "their"),
            ("there", "there"),
        ];
        const NEEDLES: [&str; 12] = [
            "its ",
            "Its ",
            "it's ",
            "It's ",
            "it’s ",
            "It’s ",
            "your ",
            "Your ",
            "their ",
            "Their ",
            "there own",
            "There own",
        ];
        let curly = cx.text.contains('’');
        let mut cursor = 0;
        for p in super::words_at(cx, &NEEDLES, 0) {
            let Some(tok) = cx.tokens.tokens.get(p) else {
                continue;
            };
            let word = tok.text(cx.text);
            let Some(&(_, lower)) = WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)) else {
                continue;
            };
            let Some((tokens, _, i)) = super::block_tokens(cx, &mut cursor, p) else {
                continue;
            };
            let Some(next) = word_one_space_away(cx.text, tokens, i, true)
                .and_then(|n| tokens.get(n))
            else {
                continue;
            };
            if next.is_hyphenated() || tok.is_hyphenated() {
                continue;
            }
            let next_text = next.text(cx.text);
            // `your A grade`, `its The Times review`: a capital is no
            // article.
            if next_text.chars().any(char::is_uppercase) {
                continue;
            }
            let then = cx.text.get(next.span.end..).unwrap_or_default();
            let Some(right) = meant(lower, &next_text.to_lowercase(), then) else {
                continue;
            };
            let right = if curly {
                right.replace('\'', "’")
            } else {
                right.to_string()
            };
            let replacement = match_case(&right, case_of(word));
            let span = tok.span.clone();
            if cx.full(out) {
                return;
            }
            out.push(
                Diagnostic::new(
                    CODE,
                    Severity::Warning,
                    span.clone(),
                    format!("`{word} {next_text}` should be `{replacement} {next_text}`"),
                )
                .with_fix(Fix::new(
                    format!("replace with `{replacement}`"),
                    Edit::replace(span.clone(), replacement),
                    crate::diagnostic::Applicability::Safe,
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::run;

    fn fixed(text: &str) -> Vec<String> {
        run(&Contraction, text)
            .iter()
            .map(|d| d.fixes[0].edits[0].replacement.clone())
            .collect()
    }

    #[test]
    fn flags_each_pair_where_only_one_reading_is_right() {
        assert_eq!(fixed("Its a shame."), ["It's"]);
        assert_eq!(fixed("I think its been a year."), ["it's"]);
        assert_eq!(fixed("The firm had it's own plan."), ["its"]);
        assert_eq!(fixed("The firm had it’s own plan."), ["its"]);
        assert_eq!(fixed("Your welcome."), ["You're"]);
        assert_eq!(fixed("“Thanks, it’s kind.” “Your welcome!”"), ["You’re"]);
        assert_eq!(fixed("I know your the best."), ["you're"]);
        assert_eq!(fixed("Their are three."), ["There"]);
        assert_eq!(fixed("They did it there own way."), ["their"]);
        let d = run(&Contraction, "Its a shame.");
        assert_eq!(d[0].message, "`Its a` should be `It's a`");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn inside_a_quotation_the_fix_is_unsafe() {
        let d = run(&Contraction, "He said, “Its a shame.”");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }

    #[test]
    fn leaves_the_right_words_alone() {
        for text in [
            "It's a shame.",
            "The cat licked its paw.",
            "its only child and its very existence",
            "They gave your welcome speech.",
            "to impose their will on others",
            "their own way",
            "It's its own reward.",
            "You're welcome.",
            "There are three.",
            "Over there, a man stood.",
            "its\n\na",
            "its-a",
            "They raised your A grade.",
        ] {
            assert!(
                run(&Contraction, text).is_empty(),
                "{text}: {:?}",
                run(&Contraction, text)
            );
        }
    }
}
