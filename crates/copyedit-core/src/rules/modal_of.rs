//! `modal-of`: `of` written for `have` after a modal verb (`should of
//! known` → `should have known`).

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::dictionary::match_case;
use crate::dictionary::{case_of, Case};
use crate::tokenize::neighbours::word_one_space_away;

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "modal-of",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Usage,
    summary: "`of` for `have` after a modal (`should of known`)",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "\
            `should of known` → `should have known` (not `the might of`, `would of course`)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            `of` → `have` after a modal and before a participle (`should of known` → `should have \
            known`).",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags `of` written for `have` after a modal verb, the way the contracted
`'ve` sounds:

  They should of known.       -> should have known
  I could of told you so.     -> could have told
  It would of been worse.     -> would have been
  She must of seen it.        -> must have seen

The modals are should, could, would, must and might (and their negatives,
`shouldn't of`); the word after `of` must be a past participle (`been`,
`known`, a word ending in -ed, ...), so the noun and the idioms are left
alone:

  Not flagged:
    the might of the army        (`might` is a noun)
    You would of course agree.   (`of course`)
    It must of necessity fail.   (`of necessity`)

The fix (replace `of` with `have`) is Safe outside direct quotations and
only offered (Unsafe) inside one: dialogue may spell speech as it sounds.";

/// The modal-of rule.
pub struct ModalOf;

/// Modal verbs after which `of` stands for `have` (lowercase, straight
/// apostrophes).
const MODALS: &[&str] = &[
    "should",
    "could",
    "would",
    "must",
    "might",
    "shouldn't",
    "couldn't",
    "wouldn't",
    "mustn't",
    "mightn't",
];

/// Irregular past participles (and `been`, `had`): the words that can
/// follow `should have`.
const PARTICIPLES: &[&str] = &[
    "been",
    "had",
    "done",
    "gone",
    "known",
    "seen",
    "got",
    "gotten",
    "made",
    "said",
    "told",
    "thought",
    "taken",
    "given",
    "come",
    "become",
    "run",
    "put",
    "let",
    "set",
    "left",
    "lost",
    "won",
    "heard",
    "found",
    "felt",
    "kept",
    "bought",
    "brought",
    "caught",
    "taught",
    "paid",
    "sent",
    "spent",
    "built",
    "meant",
    "met",
    "read",
    "sold",
    "stood",
    "understood",
    "written",
    "begun",
    "drunk",
    "eaten",
    "fallen",
    "driven",
    "ridden",
    "broken",
    "chosen",
    "forgotten",
    "hidden",
    "spoken",
    "stolen",
    "worn",
    "thrown",
    "grown",
    "blown",
    "flown",
    "drawn",
    "shown",
    "fought",
    "sought",
    "held",
    "hit",
    "hurt",
    "cut",
    "quit",
    "shut",
    "gave",
    "went",
    "saw",
    "knew",
    "did",
    "took",
    "ate",
    "wrote",
];

/// Whether `w` (lowercase) can follow `should have`: a listed participle
/// or a word of five letters or more ending in -ed (`wanted`, `tried`).
fn participle(w: &str) -> bool {
    PARTICIPLES.contains(&w) || (w.len() >= 5 && w.ends_with("ed"))
}

impl Rule for ModalOf {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Only the `of` after a modal's last letter (`should`, `must`,
        // `might`, `couldn't`), found by a byte search.
        let mut cursor = 0;
        for p in super::words_at(cx, &["d of ", "t of "], 2) {
            let Some(tok) = cx.tokens.tokens.get(p) else {
                continue;
            };
            if tok.text(cx.text) != "of" {
                continue;
            }
            let Some((tokens, _, i)) = super::block_tokens(cx, &mut cursor, p) else {
                continue;
            };
            let (Some(m), Some(n)) = (
                word_one_space_away(cx.text, tokens, i, false),
                word_one_space_away(cx.text, tokens, i, true),
            ) else {
                continue;
            };
            let (Some(modal), Some(next)) = (tokens.get(m), tokens.get(n)) else {
                continue;
            };
            let modal_text = modal.text(cx.text);
            let modal_lower = modal_text.to_lowercase().replace('’', "'");
            let next_lower = next.text(cx.text).to_lowercase();
            if !MODALS.contains(&modal_lower.as_str())
                || !participle(&next_lower)
                || next.is_hyphenated()
                || case_of(modal_text) == Case::Mixed
            {
                continue;
            }
            // `the might of`, `a must of`: a noun after a determiner.
            let noun = word_one_space_away(cx.text, tokens, m, false)
                .and_then(|d| tokens.get(d))
                .is_some_and(|d| {
                    matches!(
                        d.text(cx.text).to_lowercase().as_str(),
                        "a" | "an"
                            | "the"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                            | "our"
                            | "your"
                            | "my"
                            | "this"
                            | "that"
                            | "full"
                    )
                });
            if noun {
                continue;
            }
            let span = tok.span.clone();
            let replacement = match_case("have", case_of(tok.text(cx.text)));
            if cx.full(out) {
                return;
            }
            out.push(
                Diagnostic::new(
                    CODE,
                    Severity::Warning,
                    span.clone(),
                    format!("`{modal_text} of` should be `{modal_text} have`"),
                )
                .with_fix(Fix::new(
                    "replace `of` with `have`",
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

    #[test]
    fn flags_of_for_have_after_a_modal() {
        let text = "They should of known. I could of told you. It would of been \
                    worse. She must of seen it. We might of wanted more. You \
                    shouldn't of gone.";
        let d = run(&ModalOf, text);
        let flagged: Vec<&str> = d.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(flagged, ["of"; 6]);
        assert_eq!(d[0].message, "`should of` should be `should have`");
        assert_eq!(d[0].fixes[0].edits[0].replacement, "have");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn inside_a_quotation_the_fix_is_unsafe() {
        let d = run(&ModalOf, "He said: “I could of told you.”");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }

    #[test]
    fn leaves_nouns_idioms_and_other_words_alone() {
        for text in [
            "the might of the army",
            "You would of course agree.",
            "It must of necessity fail.",
            "a must of the season",
            "Its full might of arms.",
            "the will of the people",
            "should have known",
            "They should of\n\nknown.",
            "could of-known",
        ] {
            assert!(
                run(&ModalOf, text).is_empty(),
                "{text}: {:?}",
                run(&ModalOf, text)
            );
        }
    }
}
