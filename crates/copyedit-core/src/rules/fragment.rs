//! `fragment`: stray fragments (`should ld have`), words split in two
//! (`recom mend`) and words run together (`alot`).
//!
//! Every case involves a word the dictionary does not know: the rule finds
//! those from the word table alone and examines each with the word before
//! it, rather than every word.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{case_of, match_case, Case, Known};
use crate::tokenize::neighbours::{word_after_in_prose, word_before_in_prose, word_one_space_away};
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "fragment",
    default_severity: crate::diagnostic::Severity::Error,
    fixable: true,
    scope: super::Scope::Word,
    summary: "stray fragments, split words and words run together",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "\
            stray fragments (`should ld have`), split words (`recom mend`), words run together \
            (`alot`)",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            Deleting a stray fragment that echoes its neighbour (`should ld have` → `should have`), \
            with one adjoining space; splitting words run together when that is the single listed \
            correction of a known misspelling (`alot` → `a lot`).",
        unsafe_fixes: "\
            Joining a split word (`recom mend` → `recommend`); other splits of run-together words.",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Finds typing slips that leave pieces of words behind, which a spell
checker reports badly or not at all:

  - A stray fragment: a short non-word (one to three letters) right after
    a word that ends with it, or right before a word that starts with it.
    `A war that should ld have never happened` -> delete `ld`.
    `th the report` -> delete `th`.
    The fix deletes the fragment and one adjoining space; it is Safe
    outside quotations. A technical acronym written in lowercase is no
    fragment (`the AWS cli client`).
  - A split word: two pieces separated by one space, at least one of which
    is not a word, that together make a word (a common one when the first
    piece is a word of its own: `a tty` is no `atty`); not when the second piece
    is no word and stands alone elsewhere in the document (`structs` in `store it in
    structs`, used again in `Go structs`: the text's own vocabulary).
    `We recom mend it` -> `recommend` (Unsafe).
  - Words run together: an unknown word that is two common words whose
    pairing is very frequent. `alot` -> `a lot`, `infront` -> `in front`
    (Safe when it is the single listed correction of a known misspelling).
    Two content words of three letters or more written solid
    (`decisionmaking`, `alltime`) are a closed compound in some style
    books, and a verb written solid with its particle is the verb's noun
    (`signup`, `standup`, `followup`, `wakeup`): both reported as `info`,
    not as an error.

The spelling rule does not report a word this rule has already reported.

Not flagged: real words next to each other (`the he`, `some times`),
fragments that do not repeat a neighbour (`teh re`), capitalised or
all-caps pieces (names and acronyms), dialect with a dropped g marked by
an apostrophe (`goin’`, not `go in`), and anything inside code, code-shaped
text (`snake_case`, `net.Socket`; see ARCHITECTURE.md) or URLs.";

/// The fragment rule.
pub struct Fragment;

/// Whether `piece` (the unknown second half of a would-be split word at
/// `at`) stands as a word of its own elsewhere in the text (code
/// included): the document's vocabulary (`structs` in `store it in structs`,
/// used again in `Go structs`), not half of `instructs`.
fn used_alone(text: &str, piece: &str, at: usize) -> bool {
    if piece.len() < 4 {
        return false;
    }
    let bytes = text.as_bytes();
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    memchr::memmem::find_iter(bytes, piece.as_bytes()).any(|p| {
        p != at
            && !word(p.checked_sub(1).and_then(|i| bytes.get(i)))
            && !word(bytes.get(p + piece.len()))
    })
}

/// Adverb particles of phrasal verbs: a verb written solid with one of
/// them is the verb's noun (`signup`, `standup`, `checkout`).
const PARTICLES: &[&str] = &[
    "up", "in", "out", "on", "off", "down", "over", "back", "away", "through",
];

/// Two words run together are split only when the pair is at least this
/// frequent in the bigram list (`a lot`, `in front`, `at least`).
const RUN_TOGETHER_COUNT: u64 = 100_000_000;

fn is_known(cx: &Context<'_>, w: &str) -> bool {
    cx.check(w) == Known::Yes
}

impl Rule for Fragment {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Only a word that is not known, or a known word whose next word
        // (after one space) is not, can be reported: find the unknown words
        // from the word table alone and visit each with the word before it.
        let words = cx.words.word_tokens();
        let mut cursor = 0;
        // Token indices below this are visited already, or are the second
        // half of a split word.
        let mut next_free = 0;
        // The distinct unknown spellings met, by the word table's dense ids:
        // past the budget the text is no prose, and its splits are not
        // tried (linear time on random strings).
        // In a part of a large text, the spellings of the parts before
        // count too.
        let mut met = vec![false; cx.words.len()];
        let mut before = cx.whole.map(|w| w.take_unknown());
        let mut distinct = before.as_ref().map_or(0, |b| b.len());
        let budget = super::common::UNKNOWN_BUDGET;
        let give_back = |before: Option<rustc_hash::FxHashSet<String>>| {
            if let (Some(w), Some(b)) = (cx.whole, before) {
                w.put_unknown(b);
            }
        };
        if distinct > budget {
            give_back(before);
            return;
        }
        for (k, &u) in words.iter().enumerate() {
            let u = u as usize;
            if cx.known_at(u) == Known::Yes {
                continue;
            }
            if let Some(seen) = cx.words.id(u).and_then(|id| met.get_mut(id)) {
                if !*seen {
                    *seen = true;
                    let new = match before.as_mut() {
                        Some(b) => cx
                            .tokens
                            .tokens
                            .get(u)
                            .is_some_and(|t| b.insert(t.text(cx.text).to_owned())),
                        None => true,
                    };
                    if new {
                        distinct += 1;
                        if distinct > budget {
                            give_back(before);
                            return;
                        }
                    }
                }
            }
            let before = k
                .checked_sub(1)
                .and_then(|k| words.get(k))
                .map(|&w| w as usize)
                .filter(|&w| w + 2 == u);
            for w in before.into_iter().chain([u]) {
                if w < next_free {
                    continue;
                }
                next_free = w + 1;
                let Some((tokens, base, i)) = super::block_tokens(cx, &mut cursor, w) else {
                    continue;
                };
                if let Some(skip) = check_word(cx, tokens, base, i, out) {
                    next_free = base + skip;
                }
            }
        }
        give_back(before);
    }
}

/// A split word whose first piece is a word of its own must join into a
/// word at least this common.
const SPLIT_AFTER_WORD_COUNT: u64 = 5_000_000;

/// The rule at word token `i` of a block whose first token is token `base`
/// of the text: a word that is not known, or is followed by one that is
/// not. Returns the index (in the block) up to which the next words are
/// skipped when it joins a split word.
fn check_word(
    cx: &Context<'_>,
    tokens: &[Token],
    base: usize,
    i: usize,
    out: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let tok = tokens.get(i)?;
    if tok.kind != TokenKind::Word || tok.is_hyphenated() {
        return None;
    }
    let known = cx.known_at(base + i) == Known::Yes;
    let word = tok.text(cx.text);
    let case = cx.words.case(base + i).unwrap_or_else(|| case_of(word));
    if !(case == Case::Lower || (case == Case::Title && tok.is_sentence_start())) {
        return None;
    }
    let next = word_one_space_away(cx.text, tokens, i, true);
    let next_known = next.is_none_or(|j| cx.known_at(base + j) == Known::Yes);
    // Two known words in a row (nearly every pair): nothing to do.
    if known && next_known {
        return None;
    }
    let lower = word.to_lowercase();

    // A word split in two: `recom mend`.
    if let Some((j, next_tok)) = next.and_then(|j| tokens.get(j).map(|t| (j, t))) {
        let next = next_tok.text(cx.text);
        let joined = format!("{lower}{next}");
        // A whole word before an unknown one is more often a word before
        // a term (`a tty`, not `atty`) unless the two make a common word
        // (`a nother`: `another`).
        let least = if known { SPLIT_AFTER_WORD_COUNT } else { 1 };
        if case_of(next) == Case::Lower
            && !next_tok.is_hyphenated()
            && is_known(cx, &joined)
            && cx.dict.count(&joined) >= least
            && (cx.check(next) == Known::Yes || !used_alone(cx.text, next, next_tok.span.start))
        {
            let span = tok.span.start..next_tok.span.end;
            let replacement = match_case(&joined, case);
            if cx.full(out) {
                return None;
            }
            out.push(
                Diagnostic::new(
                    CODE,
                    Severity::Error,
                    span.clone(),
                    format!("split word `{word} {next}`"),
                )
                .with_fix(Fix::new(
                    format!("join as `{replacement}`"),
                    Edit::replace(span, replacement),
                    Applicability::Unsafe,
                )),
            );
            return Some(j + 1);
        }
    }
    if known {
        return None;
    }

    // A stray fragment: `should ld have` (not a name's particle: `le Pen`).
    let chars = lower.chars().count();
    if (1..=3).contains(&chars)
        && case == Case::Lower
        && !super::common::name_particle(cx.text, tokens, i, word)
        // A technical acronym written in lowercase (`the AWS cli client`).
        && cx
            .dict
            .entry(&word.to_uppercase())
            .is_none_or(|e| e.flags & crate::dictionary::flags::TECH == 0)
    {
        let lower_at = |j: usize| tokens.get(j).map(|t| t.text(cx.text).to_lowercase());
        let prev = word_before_in_prose(tokens, i).and_then(lower_at);
        let next = word_after_in_prose(tokens, i).and_then(lower_at);
        let echoes_prev = prev
            .as_deref()
            .is_some_and(|p| p.len() > lower.len() && p.ends_with(&lower));
        let echoes_next = next
            .as_deref()
            .is_some_and(|n| n.len() > lower.len() && n.starts_with(&lower));
        if echoes_prev || echoes_next {
            if cx.full(out) {
                return None;
            }
            out.push(
                Diagnostic::new(
                    CODE,
                    Severity::Error,
                    tok.span.clone(),
                    format!("stray fragment `{word}`"),
                )
                .with_fix(Fix::new(
                    format!("delete `{word}`"),
                    Edit::delete(deletion_span(tokens, cx.text, i, tok)),
                    Applicability::Safe,
                )),
            );
            return None;
        }
    }

    // Words run together: `alot` (but not `goin’`).
    if chars >= 4 && !super::common::dropped_g(cx, tokens, i, &lower) {
        if let Some((left, right)) = best_split(cx, &lower) {
            let split = format!("{left} {right}");
            let replacement = match_case(&split, case);
            let listed = cx.dict.known_misspelling(&lower);
            let safe = listed.len() == 1 && listed.first() == Some(&split.as_str());
            // Two content words written solid are a closed
            // compound in some style books (`decisionmaking`,
            // `alltime`): a note, not an error. With a function
            // word it is a slip (`alot`, `infront`).
            let solid = listed.is_empty()
                && ((left.len() >= 3
                    && right.len() >= 3
                    && !super::common::is_function_word(&left)
                    && !super::common::is_function_word(&right))
                    // A verb and its particle written solid is the noun
                    // (`signup`, `standup`, `wakeup`, `followup`): common
                    // in technical writing, a note like other compounds.
                    || (left.len() >= 3
                        && !super::common::is_function_word(&left)
                        && PARTICLES.contains(&right.as_str())));
            let (severity, message) = if solid {
                (
                    Severity::Info,
                    format!("`{word}` is usually written as two words"),
                )
            } else {
                (Severity::Error, format!("missing space in `{word}`"))
            };
            if cx.full(out) {
                return None;
            }
            out.push(
                Diagnostic::new(CODE, severity, tok.span.clone(), message).with_fix(Fix::new(
                    format!("split as `{replacement}`"),
                    Edit::replace(tok.span.clone(), replacement),
                    if safe {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                )),
            );
        }
    }
    None
}

/// The fragment plus one adjoining plain space (the one before it when it
/// has one, so `should ld have` becomes `should have`). A fragment that ends
/// its block takes the white space before it (a line break too), so the text
/// does not gain a trailing line break or space.
fn deletion_span(tokens: &[Token], text: &str, i: usize, tok: &Token) -> std::ops::Range<usize> {
    let single = |t: &Token| t.kind == TokenKind::Space && t.text(text) == " ";
    // Only white space that touches the fragment: never markup beyond it.
    let before = i
        .checked_sub(1)
        .and_then(|b| tokens.get(b))
        .filter(|t| t.span.end == tok.span.start);
    if let Some(before) = before.filter(|t| single(t)) {
        return before.span.start..tok.span.end;
    }
    let ends_block = tokens
        .get(i + 1..)
        .is_none_or(|rest| rest.iter().all(Token::is_space));
    if let Some(before) = before.filter(|t| ends_block && t.is_space()) {
        return before.span.start..tok.span.end;
    }
    if let Some(after) = tokens
        .get(i + 1)
        .filter(|t| single(t) && t.span.start == tok.span.end)
    {
        return tok.span.start..after.span.end;
    }
    tok.span.clone()
}

/// The most frequent split of `w` into two known words, if frequent enough.
fn best_split(cx: &Context<'_>, w: &str) -> Option<(String, String)> {
    // Two words run together are never this long, and trying every split of
    // a long token costs time and look-up cache memory with its square.
    if w.len() > 64 {
        return None;
    }
    let mut best: Option<(u64, usize)> = None;
    for (i, _) in w.char_indices().skip(1) {
        let (l, r) = w.split_at(i);
        let short_ok = |s: &str| s.chars().count() >= 2 || s == "a" || s == "i";
        if !short_ok(l) || !short_ok(r) || !is_known(cx, l) || !is_known(cx, r) {
            continue;
        }
        let n = cx.dict.bigram(l, r);
        if n >= RUN_TOGETHER_COUNT && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, i));
        }
    }
    best.map(|(_, i)| {
        let (l, r) = w.split_at(i);
        (l.to_string(), r.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn fixed(text: &str) -> String {
        let d = run(&Fragment, text);
        let mut out = text.to_string();
        for diag in d.iter().rev() {
            let e = &diag.fixes[0].edits[0];
            out.replace_range(e.span.clone(), &e.replacement);
        }
        out
    }

    #[test]
    fn a_technical_acronym_in_lowercase_is_no_fragment() {
        let text = "You can do so by using the AWS cli client and pushing it.";
        assert!(run(&Fragment, text).is_empty());
    }

    #[test]
    fn stray_fragments() {
        let text = "A war that should ld have never happened.";
        let d = run(&Fragment, text);
        assert_eq!(flagged(text, &d), ["ld"]);
        assert_eq!(d[0].message, "stray fragment `ld`");
        assert_eq!(d[0].fixes[0].title, "delete `ld`");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        assert_eq!(fixed(text), "A war that should have never happened.");
        assert_eq!(fixed("Read th the report."), "Read the report.");
        // At the end of a block the line break before it goes too: no
        // trailing line break appears (found by tests/fix_props.rs).
        assert_eq!(fixed("theteh\nteh"), "theteh");
        assert_eq!(fixed("theteh\nteh "), "theteh ");
    }

    #[test]
    fn a_word_before_a_term_is_no_split_word() {
        // `atty` is a word (a crate, an abbreviation), but rare: `a` before
        // a term the lists lack is an article.
        let text = "It does not detect whether a tty is present.";
        assert!(run(&Fragment, text).is_empty());
        // Pieces that make a common word are still joined.
        let text = "Take a nother look.";
        assert_eq!(flagged(text, &run(&Fragment, text)), ["a nother"]);
    }

    #[test]
    fn split_words() {
        let text = "We recom mend it.";
        assert_eq!(flagged(text, &run(&Fragment, text)), ["recom mend"]);
        assert_eq!(fixed(text), "We recommend it.");
        // A piece the text uses alone elsewhere is its vocabulary.
        // (`structs` itself is bundled technical vocabulary now.)
        let text = "Do not keep it in dexes. Go dexes hold fields.";
        assert!(run(&Fragment, text).is_empty());
        let text = "Do not keep it in dexes.";
        assert_eq!(flagged(text, &run(&Fragment, text)), ["in dexes"]);
        // A known second piece is no vocabulary evidence.
        let text = "We recom mend it, and mend it again.";
        assert_eq!(flagged(text, &run(&Fragment, text)), ["recom mend"]);
    }

    #[test]
    fn run_together_words() {
        assert_eq!(fixed("I like it alot."), "I like it a lot.");
        assert_eq!(fixed("It stood infront of us."), "It stood in front of us.");
        assert_eq!(fixed("Alot happened."), "A lot happened.");
        // Dialect with the g dropped and marked is not two words.
        for text in ["I’m goin’ home.", "He was doin' fine."] {
            assert!(run(&Fragment, text).is_empty(), "{text}");
        }
        // Two content words written solid may be a house style's closed
        // compound: a note, not an error; with a function word, an error.
        let d = run(&Fragment, "More decisionmaking power, at an alltime high.");
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.severity == Severity::Info), "{d:?}");
        assert_eq!(d[0].fixes[0].title, "split as `decision making`");
        let d = run(&Fragment, "I like it alot.");
        assert_eq!(d[0].severity, Severity::Error);
        // A verb and its particle written solid is a noun: a note too.
        let d = run(&Fragment, "Late to standup, a followup and a wakeup.");
        assert!(d.iter().all(|d| d.severity == Severity::Info), "{d:?}");
    }

    #[test]
    fn leaves_real_words_and_non_echoes_alone() {
        for text in [
            "teh re",
            "the he went",
            "some times we go",
            "Steve Witkoff met Kirill Dmitriev.",
            "It was a good day in St Petersburg.",
            "The UK and US met.",
            "red tape",
            "ok go",
            // A name's particle that begins the name after it.
            "Marine le Pen spoke.",
            "Ursula von der Leyen spoke.",
        ] {
            assert!(
                run(&Fragment, text).is_empty(),
                "{text}: {:?}",
                run(&Fragment, text)
            );
        }
    }
}
