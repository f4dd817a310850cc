//! `repeated-word`: the same word twice in a row (`the the`).

use super::common::in_identifier;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{case_of, Case};
use crate::tokenize::neighbours::token_after_space;
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "repeated-word",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Word,
    summary: "the same word twice in a row (`the the`)",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "`the the`, `was was` (not `had had`, `that that`)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            Deleting the second word and the white space before it (`the the` → `the`).",
        unsafe_fixes: "—",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags a word written twice in a row with only white space between the two
(spaces, or a single line break), compared without regard to case:

  We met on the the 11th.
               ^^^^ repeated word `the`
  The the report was late.
     ^^^^ repeated word `the`

The fix deletes the second occurrence and the white space before it
(`the the 11th` -> `the 11th`). For a function word (`the`, `a`, `to`,
`was`, ...) it is applied unasked (Safe) outside direct quotations, and
only with `fix --unsafe` inside one, since quoted words are someone
else's. A doubled content word is as often a word typed in place of
another (`the work work` for `the work week`): its fix is only applied
with `fix --unsafe`.

Not flagged:
  - Repeats that are grammatical: `had had` (`she had had enough`),
    `that that` (`he said that that was all`), `is is` (`what it is is
    clear`), `do do` (`what they do do`), `her her` (`gave her her
    coat`), `you you` (`I told you you would`).
  - `in in` and `on on` after a verb whose particle the first one is
    (`took in in taxes`, `logged on on Monday`): after a word ending in
    -ed or -ing, or a listed verb form (take, took, come, came, put, go,
    went, keep, kept, ...).
  - Deliberate reduplication: `very very`, `so so`, `no no`, `yes yes`,
    `there there`, `bye bye`, `knock knock`, `tut tut`, `tsk tsk`, `ha ha`,
    `ho ho`, `hee hee`, `la la`, `blah blah`, `yada yada`, and the
    intensifiers `many many`, `much much`, `really really`, `far far
    (away)`, `long long (ago)` (also C's `long long`).
  - Words that are part of an identifier or a path: joined to `_`, `/`,
    `\\`, `@`, `=`, `(` or to `.` and a word (`Value::to_str to
    to_cow_str`, `GUI test test_file()`).
  - Words separated by punctuation (`the, the`, `Well... well`), words in
    different paragraphs or blocks, or across more than one line break.
  - Words separated by markup other than emphasis: a link or image
    (`the logo ![logo](logo.png)`), an HTML tag or comment. Between
    emphasis markers (`The **the** end`) the repeat is flagged, with no
    fix: deleting the word would break the markers.
  - Numbers (`11 11`), and words that are part of a hyphenated compound
    (`the the-end`).
  - Two capitalised words mid-text (`Sirhan Sirhan`, `Humbert Humbert`,
    `Excess Excess` in a table), and pairs whose case differs other than
    a sentence-initial capital (`TRANSPORTATION Transportation`, where a
    heading ran into its paragraph).

`was was` is flagged: though `what it was was football` is grammatical,
the repeat is far more often a slip.";

/// The repeated-word rule.
pub struct RepeatedWord;

/// Words whose doubling is grammatical (lowercase).
const GRAMMATICAL: &[&str] = &["had", "that", "is", "do", "her", "you"];

/// Words doubled on purpose: reduplication and intensifiers (lowercase).
const DELIBERATE: &[&str] = &[
    "very", "so", "no", "yes", "there", "bye", "knock", "tut", "tsk", "ha", "ho", "hee", "la",
    "blah", "yada", "many", "much", "really", "far", "long",
];

/// Particles that can end a phrasal verb and also start the next phrase
/// (`took in in taxes`, `voted on on Monday`).
const PARTICLES: &[&str] = &["in", "on"];

/// Verb forms (besides those ending in -ed or -ing) after which a doubled
/// particle is grammatical.
const PARTICLE_VERBS: &[&str] = &[
    "take", "takes", "took", "taken", "come", "comes", "came", "bring", "brings", "brought", "put",
    "puts", "get", "gets", "got", "gotten", "go", "goes", "went", "gone", "keep", "keeps", "kept",
    "hold", "holds", "held", "give", "gives", "gave", "given", "swear", "swore", "sworn", "build",
    "builds", "built", "catch", "catches", "caught", "hang", "hangs", "hung", "let", "lets", "set",
    "sets", "sit", "sits", "sat", "stand", "stands", "stood", "pay", "pays", "paid", "write",
    "writes", "wrote", "written", "log", "logs", "sign", "signs", "check", "checks", "fill",
    "fills", "move", "moves", "turn", "turns", "hand", "hands", "call", "calls", "pass", "passes",
    "carry", "carries", "vote", "votes", "agree", "agrees", "decide", "decides", "rely", "relies",
    "depend", "depends", "phase", "phases", "count", "counts", "stay", "stays",
];

impl Rule for RepeatedWord {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Only a word followed by a word with the same lowercase form can be
        // flagged (the word table tells that without reading the text): the
        // full test runs on those few.
        let words = cx.words.word_tokens();
        let blocks = &cx.tokens.blocks;
        // Each word's fold is read once, and kept for the next pair.
        let mut folds = words.iter().map(|&p| cx.words.fold(p as usize));
        let mut b = folds.next().flatten();
        for (pair, fold) in words.windows(2).zip(folds) {
            let a = std::mem::replace(&mut b, fold);
            let &[p, _] = pair else {
                continue;
            };
            let p = p as usize;
            if let (Some(a), Some(b)) = (a, b) {
                if a != b {
                    continue;
                }
            }
            let block = blocks.partition_point(|r| r.end <= p);
            let Some(range) = blocks.get(block) else {
                continue;
            };
            let Some(tokens) = cx.tokens.tokens.get(range.clone()) else {
                continue;
            };
            check_at(cx, tokens, p - range.start, out);
        }
    }
}

/// The rule at word token `i` of a block: whether the next word repeats it.
fn check_at(cx: &Context<'_>, tokens: &[Token], i: usize, out: &mut Vec<Diagnostic>) {
    let Some(first) = tokens.get(i) else {
        return;
    };
    if first.kind != TokenKind::Word {
        return;
    }
    let Some((j, second)) =
        token_after_space(tokens, i).and_then(|j| tokens.get(j).map(|t| (j, t)))
    else {
        return;
    };
    if second.kind != TokenKind::Word {
        return;
    }
    // Cheap test first: almost no pair of neighbours is equal.
    let (a, b) = (first.text(cx.text), second.text(cx.text));
    let equal = a.eq_ignore_ascii_case(b)
        || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase());
    if !equal
        || first.is_hyphenated()
        || second.is_hyphenated()
        || in_identifier(cx.text, tokens, i)
        || in_identifier(cx.text, tokens, j)
    {
        return;
    }
    if !same_case(first, a, b) {
        return;
    }
    // Markup between the two (`logo ![logo](…)`, `note <!-- … --> note`, a
    // link) makes them different things; only emphasis markers may stand
    // between (`The **the** end` reads `The the end`). The guard in the
    // linter then drops the fix, which would delete the markers.
    let gap = cx
        .text
        .get(first.span.end..second.span.start)
        .unwrap_or("x");
    if !gap
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~'))
    {
        return;
    }
    let lower = b.to_lowercase();
    if GRAMMATICAL.contains(&lower.as_str()) || DELIBERATE.contains(&lower.as_str()) {
        return;
    }
    if PARTICLES.contains(&lower.as_str()) && after_verb(cx.text, tokens, i) {
        return;
    }
    // The last letter of an abbreviation (`a.k.a a`) is no word of its own.
    if i.checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|t| t.span.end == first.span.start && t.text(cx.text) == ".")
    {
        return;
    }
    let span = first.span.end..second.span.end;
    // A doubled function word (`the the`) is a slip whose fix is deleting
    // one; a doubled content word is as often a word typed in place of
    // another (`work work` for `work week`): fixed only when asked.
    let applicability = if super::common::is_function_word(&lower) {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    if cx.full(out) {
        return;
    }
    out.push(
        Diagnostic::new(
            CODE,
            Severity::Warning,
            span.clone(),
            format!("repeated word `{b}`"),
        )
        .with_fix(Fix::new(
            format!("delete the second `{b}`"),
            Edit::delete(span),
            applicability,
        )),
    );
}

/// Whether two spellings of one word are cased alike: identical (but not
/// two capitalised words, which are names: `Sirhan Sirhan`), or a
/// sentence-initial capital followed by lowercase (`The the`).
fn same_case(first: &Token, a: &str, b: &str) -> bool {
    let (ca, cb) = (case_of(a), case_of(b));
    if a == b {
        return ca != Case::Title;
    }
    ca == Case::Title && cb == Case::Lower && first.is_sentence_start()
}

/// Whether the word before token `i` (white space between) is a verb form
/// that takes token `i` as its particle.
fn after_verb(text: &str, tokens: &[Token], i: usize) -> bool {
    let before = tokens.get(..i).unwrap_or_default();
    for t in before.iter().rev() {
        if t.is_space() {
            continue;
        }
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.text(text).to_lowercase();
        return (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")))
            || PARTICLE_VERBS.contains(&w.as_str());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use crate::rules::testing::{flagged, run};

    /// Apply every diagnostic's first fix (edits must not overlap).
    fn apply(text: &str, diags: &[Diagnostic]) -> String {
        let mut edits: Vec<&Edit> = diags.iter().flat_map(|d| &d.fixes[0].edits).collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut s = text.to_string();
        for e in edits {
            s.replace_range(e.span.clone(), &e.replacement);
        }
        s
    }

    #[test]
    fn flags_and_fixes_the_example_sentence() {
        let text = "Teh meeting was was held on the the 11th.";
        let d = run(&RepeatedWord, text);
        assert_eq!(d.len(), 2);
        assert_eq!(flagged(text, &d), [" was", " the"]);
        assert_eq!(d[0].message, "repeated word `was`");
        assert_eq!(d[1].message, "repeated word `the`");
        assert!(d.iter().all(|d| d.rule == CODE
            && d.severity == Severity::Warning
            && d.fixes.len() == 1
            && d.fixes[0].applicability == Applicability::Safe));
        assert_eq!(d[1].fixes[0].edits, [Edit::delete(31..35)]);
        assert_eq!(apply(text, &d), "Teh meeting was held on the 11th.");
    }

    #[test]
    fn case_insensitive_at_sentence_start() {
        let text = "The the report was late.";
        let d = run(&RepeatedWord, text);
        assert_eq!(flagged(text, &d), [" the"]);
        assert_eq!(d[0].message, "repeated word `the`");
        assert_eq!(apply(text, &d), "The report was late.");
        let text = "IT IS THE THE END";
        assert_eq!(flagged(text, &run(&RepeatedWord, text)), [" THE"]);
    }

    #[test]
    fn across_one_line_break_but_not_two() {
        let text = "we met on the\nthe 11th";
        let d = run(&RepeatedWord, text);
        assert_eq!(flagged(text, &d), ["\nthe"]);
        assert_eq!(apply(text, &d), "we met on the 11th");
        let text = "we met on the\r\n   the 11th";
        assert_eq!(flagged(text, &run(&RepeatedWord, text)), ["\r\n   the"]);
        // A blank line separates paragraphs (blocks).
        assert!(run(&RepeatedWord, "it was the\n\nthe end").is_empty());
    }

    #[test]
    fn triple_word_gives_two_fixes_leaving_one() {
        let text = "in the the the end";
        let d = run(&RepeatedWord, text);
        assert_eq!(d.len(), 2);
        assert_eq!(apply(text, &d), "in the end");
    }

    #[test]
    fn fix_is_unsafe_inside_quotations() {
        let text = "He said “it was was late” and left to to go.";
        let d = run(&RepeatedWord, text);
        assert_eq!(flagged(text, &d), [" was", " to"]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
        assert_eq!(d[1].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn doubled_content_words_are_fixed_only_when_asked() {
        // `the work work` may be `the work week`.
        let text = "See the work work schedule and the the list.";
        let d = run(&RepeatedWord, text);
        assert_eq!(flagged(text, &d), [" work", " the"]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
        assert_eq!(d[1].fixes[0].applicability, Applicability::Safe);
        // The last letter of an abbreviation is not a word: `a.k.a a`.
        assert!(run(&RepeatedWord, "Bob, a.k.a a friend.").is_empty());
    }

    #[test]
    fn grammatical_and_deliberate_repeats_are_allowed() {
        for text in [
            "She had had enough.",
            "He said that that was all.",
            "What it is is a problem.",
            "What they do do matters.",
            "He gave her her coat.",
            "I told you you would win.",
            "It was very very cold.",
            "It was so so good.",
            "No no, not that one.",
            "Yes yes, I know.",
            "There there, don't cry.",
            "Bye bye, then.",
            "Knock knock.",
            "Tut tut, said the teacher.",
            "Tsk tsk.",
            "Ha ha, very funny.",
            "Ho ho ho.",
            "Hee hee.",
            "La la la.",
            "And blah blah blah.",
            "Yada yada.",
        ] {
            assert!(
                run(&RepeatedWord, text).is_empty(),
                "{text}: {:?}",
                run(&RepeatedWord, text)
            );
        }
    }

    #[test]
    fn doubled_particles_after_verbs_are_allowed() {
        for text in [
            "It spent more than it took in in taxes.",
            "The rule was phased in in 2020.",
            "We voted on on Monday.",
            "She was sworn in in January.",
            "Keep logging in in the morning.",
        ] {
            assert!(run(&RepeatedWord, text).is_empty(), "{text}");
        }
        let text = "We live in in Paris and sat on on the floor.";
        assert_eq!(flagged(text, &run(&RepeatedWord, text)), [" in"]);
        let text = "Put it in in the box.";
        assert_eq!(flagged(text, &run(&RepeatedWord, text)), [" in"]);
    }

    #[test]
    fn punctuation_numbers_compounds_and_names_are_left_alone() {
        for text in [
            "the, the end",
            "Well... well.",
            "the—the end",
            "It cost 11 11 times.",
            "He ate a well-fed fed cow.",
            "the the-end",
            "Sirhan Sirhan was tried.",
            "the novel by Humbert Humbert",
            "Excess Excess",
            "TRANSPORTATION Transportation is one field.",
            "the The band",
            "the book the book",
            "Rename Value::to_str to to_cow_str now.",
            "GUI test test_file_buttons() only",
            "see the the.rs file",
            "in many many ways",
            "a long long time ago",
        ] {
            assert!(
                run(&RepeatedWord, text).is_empty(),
                "{text}: {:?}",
                run(&RepeatedWord, text)
            );
        }
    }
}
