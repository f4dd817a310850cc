//! `spelling`: words that are in no dictionary.

use std::collections::HashMap;
use std::ops::Range;

mod derived;
mod hyphens;
mod links;
mod names;
pub(crate) mod shape;
#[cfg(test)]
mod tests;

use super::common::{dropped_g, name_particle};
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::Dictionary;
use crate::dictionary::{case_of, normalize_apostrophes, Case, Known};
use crate::suggest::{context_word, rerank, safe_margin, suggest, Suggestions};
use derived::{closed_compound, compound, content_compound, derived, inflects_known};
use hyphens::{cut_off, drawn_out, prefix_before_hyphen, suffix_after_hyphen, PREFIXES};
use links::{named_by_link, verb_of_a_name};
use names::{
    before_capital, beside_name, hyphen_name, in_title_case, is_transposition, list_item,
    long_slip, may_be_slip_of_name, name_list, short_label, term_label, title_slip,
};
use shape::{
    aphetic, code_shaped, glued_to_code, numeral_marker, strip_possessive, unit_after_number,
};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "spelling",
    default_severity: crate::diagnostic::Severity::Error,
    fixable: true,
    scope: super::Scope::Word,
    summary: "words that are in no dictionary",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "words in no dictionary, with up to 5 ranked suggestions",
        severity_note: "",
        fix_note: "",
        safe_fixes: "\
            A lowercase word (or a capitalised one starting a sentence) of three letters or more \
            whose correction is a common word one edit away (`shuold` → `should`, `hte` → `the`) or \
            the single listed correction of a known misspelling at most two edits away (`recieve` → \
            `receive`), and is far more likely than every alternative: a margin of e^6.5 (≈ 665 \
            times) by frequency, the kind of slip, and how well each candidate fits between its \
            neighbours (`minimum pwage` is not fixed to `page`; `oyur` is not fixed to `your`, as \
            `our` is as close). Never a fix that only drops an ending or splits the word in two.",
        unsafe_fixes: "\
            Every other correction: the first suggestion (capitalised words mid-sentence may be \
            names; ambiguous candidates: `wnt` is `want` or `went`).",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags words that are in none of the bundled dictionaries (SCOWL English word
lists for the selected variant, rare words, names and places) nor in the
project's own word lists, and suggests up to five corrections, best first.

Suggestions come from dictionary words one or two edits away (swapped,
doubled, dropped, extra or wrong letters), words that sound alike
(`annonsment` -> `announcement`, `fone` -> `phone`) and two words run
together (`infact` -> `in fact`), ranked by how common the word is and how
likely the error is: a doubled or dropped letter, swapped letters, `ph` for
`f` or `c` for `s` cost less than other edits, and a word that sounds the
same costs less than its spelling alone would say. When the first few are
close, the words before and after decide (`They ard coming` -> `are`,
`bread ard butter` -> `and`). Known misspellings (`recieve`) put their
listed correction first. Case is kept: `Recieve` ->
`Receive`, `RECIEVE` -> `RECEIVE`.

Names are not flagged, by these rules, because a false alarm costs more
than a missed typo:
  - A capitalised unknown word that is not the first word of a sentence is
    presumed a name, unless it is a well-known name with two letters
    swapped (`Kremiln` -> `Kremlin`) or a known misspelling. Names vary by
    a letter (`Dmitry`/`Dmitri`), so other near misses are let through.
  - A capitalised unknown word used two or more times in the document is a
    name wherever it appears (`Witkoff`, `Witkoff's`).
  - A sentence-initial capitalised word is flagged only when a likely
    correction exists.
  - Words in ALL CAPS of five letters or fewer are presumed acronyms
    (`NATO`, `OPEC`); longer ones are checked (`DYING` is fine).
  - Words with inner capitals (`iPhone`, `GitHub`) are presumed product
    names or identifiers.
  - Closed compounds are words: a free prefix and a common word of five
    letters or more (`counterterrorism`, `unobligated`; `un` only before
    adjectives and participles), or two common words that are a frequent
    pair, but not so frequent that writing it as one word is the usual
    slip (`redtape` passes; `everytime`, `alot` do not), and never a known
    misspelling (`untill`).
  - A free prefix before a hyphen and a word is not a word of its own
    (`un-American`, `intra-departmental`).
  - A word cut off by a dash that begins a real word (`I'm all out of
    prac—`, `experi-—what`) and a word drawn out across dashes whose
    pieces make a word (`Beau—ootiful Soo—oop`) are speech, not typos.
  - Dialect marked with an apostrophe: a dropped final g (`goin’`), and
    old words shortened at the front right after one (`’tis`, `’twas`,
    `’neath`); without the apostrophe they are flagged (`tis`).
  - A capitalised word starting a sentence before another capitalised
    word begins a name (`Novo Nordisk said`) unless it is a known
    misspelling; one whose all-caps form is listed is an acronym written
    as a name (`Unesco`, `Nvidia`); one whose near words are only names
    (`Nikhita`, beside `Nikita`) is a name too.
  - Lowercase name particles before a capitalised word (`von der Leyen`,
    `bin Salman`, `da Vinci`).
  - Numbers, dates, money and units (`2025-04-11`, `3rd`, `€21bn`, `5km`,
    and after a number `0.36 ns`, `20 mins`), URLs and bare domains
    (`example.com`, `Crates.io`), e-mail addresses, @handles, #tags, file
    paths and code are never spell-checked.
  - Lowercase Roman numerals that number clauses (`(ii)`, `or iv) the`,
    `vii.` at the start of a line), and the words of listed foreign phrases
    inside the phrase (`mea culpa`, `coup d'état`, `per se`; `se` alone is
    still flagged).

`fo`, `si`, `os` and `od` are not accepted though the big lists have
them: in prose they are `of`, `is`, `so` and `do` with letters swapped.

Unknown words that stand as items of a list of names (a paragraph with
four commas or more whose words are two in five capitalised: contributors
in release notes), or in a list item or table cell of at most three words
none of them a common lowercase word (`- Aki`, `- nscyclone`), are handles
and names: reported as `info`. So are parts of a hyphenated name whose
other part is not a common word (`io-uring’s`), and words written against
a slash, a dot or a bracket (`compress/flate`, `web.dev’s`, `Uitob(x)`,
`(L)abel`), unless they are known misspellings, and words of link text
that the link's target spells too (`[Moby](https://mobyproject.org/)`;
not a `#heading` anchor, which copies a heading's typo). Letters written against
inline code (touching it or by a hyphen: `` `import`-ing ``) or an escaped
underscore (`` `.await`ing ``, `cmd\\_regen`),
a coining suffix or an ending after a hyphen (`Jekyll-ize`, `cc-ing`), a
prefix before one (`mis-imported`, `meta-`) and a
capitalised term that opens a list item before a colon (`- Bitrig: ...`)
are not words at all. A capitalised word of seven letters or more one edit
from a common word with the same first letter is a slip, not a name
(`Applicaion`, `Wrnings`). A capitalised word is a name's part, not
checked, beside another name (`Ivan Tse`), after a first name and a
middle initial (`Brandon W Maister`), beside name particles (`Fons van
der Plas`) or joined to a name by `and` (`Mert and Ankur`, at the start
of a sentence too). Words with a combining accent (`e` + U+0301) are not
checked: the dictionaries spell accented letters composed.

Reported as `info` rather than as an error: a word with no evidence of a
typo, that is, not a known misspelling, with no dictionary word one edit
away and no common word two edits away that starts with the same letter
(`kubectl`, `rehype`, `TOCTOU`, `gomobile`: far more often a term the dictionaries lack than a slip; `--list-unknown`
lists them). Also as `info` (no common word is near, so the writer
probably meant it): two common content words written as one
(`risktakers`, `warfighters`: a compound the lists lack, or a lost hyphen;
the hyphenated form is the first suggestion), and a regular form of a
known word the lists lack, when no common word is one edit away: an ending
that leaves the stem as it is (`-s`, `-ed`, `-ing`, `-er`, `-ness`,
`-able`, `-ize`, ...: `benchmarked`, `renderable`, `findability`; `-ly`
only after an adjective's ending, `-ity` after `-al` or `-ic`), the plural
of a listed agent noun (`accessors`, `prefetchers`), or a free prefix
before a common word (`unbuilt`; `un` only before adjectives).
Also `info`: a word that only the larger word list has (`cruft`,
`honoraria`, `fillable`: cspell's en_US list, less known misspellings; a
word exists, but may not be meant here), and a verb made of a command or
an abbreviation with an apostrophe (`exec'ing`, `DM'd`), and a word of six
capitals or more that is no known misspelling (`JSESSION`, `RAMBUS`: a
constant, an acronym or a name; shorter ones are not looked at).
The files being checked together can supply the evidence a word lacks:
a word written once that is one edit from a word the files write at
least 20 times (and ten times as often) is a slip of it, reported as an
error with that word first. So for an unknown word no dictionary word
is close to (`toolchani` beside `toolchain`), and for a capitalised word
taken for a name when the files write the name one edit away mostly
capitalised and alone (`Jekll` beside `Jekyll`; not `Colina` beside
`Colin Ihrig`). Not for an edit at the first letter, an extra letter at
the end (`popen`, `execl`), a plural, or a part of a path or a branch
name (`dj/merge-strat`).
A text with more than 2,000 distinct unknown words is no prose (random
strings, a word list): the words past that are noted (`info`) without
suggestions, so that such a file is checked in linear time.
Run-togethers with a function word (`toknow`, `stayat`) and endings that
change the stem (`achieveable`, `occured`) stay errors. A note (`info`)
never has a Safe fix.

A correction is applied by `copyedit fix` without asking (Safe) only when
the word is lowercase (or starts a sentence), has three letters or more,
is not in a quotation or marked [sic], is not a regular form of a known
word that the lists may lack (`elations`, `kidnaped`), the fix does not
merely drop an ending (`suppressions`) or split the word in two, the
correction is a common word one edit away with the same first letter
(`shuold`; not `pthreads` -> `threads`) or the single listed correction of
a known misspelling at most two edits away (`teh`, `recieve`), and it is far more likely than every alternative: about 665
times (e^6.5) by frequency, how likely the slip is, and how well each
candidate fits between the words before and after. So `minimum pwage` is
not fixed to `page`, nor `oyur` to `your` (`our` is as close). Otherwise
the first suggestion is Unsafe (applied with `fix --unsafe`).

Examples:
  Recieve teh report on Wendsday.
  ^^^^^^^ Receive
          ^^^ the
                        ^^^^^^^^ Wednesday

The files checked together teach copyedit their vocabulary: an unknown
word that they also use outside prose (in code, a link target, a file
name), or write twice or more (a slip is rarely typed the same way
twice), is the project's
word and is not reported (`--show-suppressed` shows it, as `vocabulary`),
unless it is a known misspelling or one edit from a dictionary word the
files use ten times as often (a consistent typo). A Safe fix also needs
the word to be a known misspelling or to occur once in the files checked.
When the files checked hold 50,000 words or more, a word none of whose
close suggestions they use (nor any word one edit away) is a note, not an
error: a slip is made while typing a word the writers use, so it is more
likely a term the dictionaries lack (`bursty`, `shoppable`).

Accept a word for a project with `words = [\"...\"]` in copyedit.toml.";

/// The spelling rule.
pub struct Spelling;

/// A capitalised word that is a proper name at least this common with two
/// letters swapped is flagged even mid-sentence (`Kremiln`). Other one-letter
/// differences are how names vary (`Dmitry`/`Dmitri`, `Kirill`/`krill`).
pub(super) const NAME_NEAR_COUNT: u64 = 200_000;

/// A sentence-initial capitalised unknown word is flagged only when its best
/// suggestion is at least this common (or a known misspelling).
const SENTENCE_START_COUNT: u64 = 20_000;

/// Past this many distinct unknown words ([`super::common::UNKNOWN_BUDGET`]),
/// words are noted without suggestions: ranking them is most of the cost of
/// a check (about 150 µs a word).
const RANK_BUDGET: usize = super::common::UNKNOWN_BUDGET;

/// Capitalised unknown words this long or longer that the rule takes for
/// names are passed on (suppressed) to the run's vocabulary, which knows
/// the project's own names (`Tokio`, `Jekyll`) and so their slips.
const NAME_SLIP_MIN_LEN: usize = 4;

/// The reasons of notes that only say no evidence was found: the run's
/// vocabulary may supply it (a word the files write far more often, one
/// edit away: `toolchani` beside `toolchain`). Notes for other reasons
/// (a larger list has the word, a regular form, two words as one, a list
/// of names, whose handles are often one edit from a word: `ddocs`; part
/// of a path or code, often a name: `merge-strat`, `popen`) say the word
/// may well be meant.
pub(crate) const WEAK_NOTES: [&str; 3] = [
    "(no dictionary word is close)",
    "(in a hyphenated name?)",
    "(no close word is used in these files)",
];

/// For a Safe fix, the first candidate must be this much more likely (log
/// units: e^6.5 ≈ 665 times) than any other, context included
/// ([`safe_margin`]). On injected typos (fix_eval, five seeds) 6.0 gave
/// 0.10% wrong Safe edits, 6.5 0.05%, 7.0 0.04%.
const SAFE_MARGIN: f64 = 6.5;

/// Two-letter words have too many neighbours for an unasked fix.
const SAFE_MIN_LEN: usize = 3;

/// A Safe correction must be at least this common.
const SAFE_MIN_COUNT: u64 = 1_000_000;

/// A correction two edits away is evidence of a typo only when it is at
/// least this common, the word has at least [`FAR_EVIDENCE_LEN`] letters
/// and both start with the same letter ([`same_first_letter`]).
const FAR_EVIDENCE_COUNT: u64 = 1_000_000;

const FAR_EVIDENCE_LEN: usize = 5;

/// Whether a flagged word has the evidence of a typo that an error needs: it
/// is a known misspelling, or a dictionary word (not a rare one) is one edit
/// away, or a common one two edits away in a longer word (not both at its
/// start: `gomobile`, `nosplit` are prefixed words). Without it the
/// word is more likely a term the dictionaries lack (`kubectl`, `rehype`,
/// `TOCTOU`): reported as `info`.
fn has_evidence(u: &Unknown<'_>, s: &Suggestions) -> bool {
    let Some(first) = s.list.first() else {
        return false;
    };
    if s.list.iter().any(|c| c.known) {
        return true;
    }
    s.list.iter().take(3).any(|c| {
        !c.rare
            && !c.word.contains(' ')
            && (c.distance <= 1
                || (c.distance == 2
                    && c.count >= FAR_EVIDENCE_COUNT
                    && u.word.chars().count() >= FAR_EVIDENCE_LEN
                    && same_first_letter(u.word, &c.word)))
    }) || (first.word.contains(' ') && first.distance <= 1)
}

/// Whether two words start with the same letter (case aside). Two edits at
/// the start of a word are a prefix more often than a slip (`gomobile`,
/// `nosplit`, `mailroom` for `ballroom`).
fn same_first_letter(a: &str, b: &str) -> bool {
    let first = |w: &str| w.chars().next().map(|c| c.to_lowercase().next());
    first(a) == first(b)
}

struct Unknown<'t> {
    span: Range<usize>,
    word: &'t str,
    case: Case,
    sentence_start: bool,
    /// The words just before and after (lowercase), for context.
    left: Option<String>,
    right: Option<String>,
    /// The next word, after one space, is capitalised (not `I`): a name
    /// of two words or more (`Novo Nordisk`) when this one is too.
    before_capital: bool,
    /// A neighbour (across short function words) is a capitalised common
    /// word: Title Case (`Project Managment Team`, a heading, link text),
    /// where a capital is style, not a name's.
    title_case: bool,
    /// Part of a full name (`names::beside_name`): the word just before or
    /// after is capitalised and no common word (`Ivan Tse`), or a middle
    /// initial, name particles or `and` stand between (`Brandon W Maister`,
    /// `Fons van der Plas`, `Mert and Ankur`).
    beside_name: bool,
    /// A part of a hyphenated compound (`nisbet-hubbard`, `io-uring`): a
    /// handle or a package name as often as a word, so never fixed unasked.
    hyphenated: bool,
    /// Written against a slash or a bracket with no space: a package path
    /// (`compress/flate`, `image/bmp`), a call (`Uitob(x, b)`), a letter
    /// marked in a menu (`(L)abel`).
    code_shaped: bool,
    /// The word is link text and the link's target spells it too
    /// (`[Moby](https://mobyproject.org/)`, `[flate](/pkg/compress/flate/)`):
    /// the name of what is linked.
    named_by_link: bool,
    /// The word opens its block and a colon follows it (`- Bitrig: the
    /// OS ...`, `**Gleam:** a language`): a term being described.
    term_label: bool,
    /// Another part of the hyphenated compound is not a common word either
    /// (`io-uring’s`, `tokio-uring`: unknown, or known only as a rare or
    /// technical term): a name.
    hyphen_name: bool,
    /// The paragraph is a list of names (`Thanks to Ben Balter, parkr,
    /// Pat Hawks, ...`): its unknown words are handles and names.
    in_name_list: bool,
}

impl Rule for Spelling {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // The distinct words ranked so far (ranking is most of the cost):
        // in a part of a large text, those of the parts before too.
        let mut ranked = cx.whole.map(|w| w.take_ranked()).unwrap_or_default();
        check(cx, out, &mut ranked);
        if let Some(w) = cx.whole {
            w.put_ranked(ranked);
        }
    }
}

/// [`Spelling`]'s check, with the words ranked so far.
fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>, ranked: &mut rustc_hash::FxHashSet<String>) {
    {
        let unknown = collect_unknown(cx);
        if unknown.is_empty() {
            return;
        }
        // Capitalised unknown words seen twice or more are names.
        let mut capitalised: HashMap<String, usize> = HashMap::new();
        for u in &unknown {
            if u.case == Case::Title {
                let stem = normalize_apostrophes(strip_possessive(u.word)).into_owned();
                *capitalised.entry(stem).or_default() += 1;
            }
        }
        for u in unknown {
            let lower = u.word.to_lowercase();
            if !ranked.contains(&lower) {
                if ranked.len() >= RANK_BUDGET && cx.dict.known_misspelling(&lower).is_empty() {
                    // Not prose: noted, unranked, in linear time.
                    if u.case == Case::Lower {
                        if cx.full(out) {
                            return;
                        }
                        out.push(Diagnostic::new(
                            CODE,
                            Severity::Info,
                            u.span.clone(),
                            format!(
                                "unknown word `{}` (not ranked: over {RANK_BUDGET} distinct unknown words in this text)",
                                u.word
                            ),
                        ));
                    }
                    continue;
                }
                ranked.insert(lower);
            }
            let is_name = || {
                let stem = normalize_apostrophes(strip_possessive(u.word)).into_owned();
                let here = capitalised.get(&stem).copied().unwrap_or(0);
                // In a part of a large text: its uses in the whole text.
                here.max(cx.whole.map_or(0, |w| w.titles(&stem))) >= 2
            };
            let Some(suggestions) = suggestions_for(cx, &u, is_name) else {
                // Taken for a name: the run's vocabulary may still know it
                // for a slip of the project's own name (`Jekll`).
                // Not beside another name (`Erick Sasse`), in a list of
                // names, or quoted as a word (`write "Gava"`).
                let mention = cx
                    .text
                    .get(..u.span.start)
                    .is_some_and(|b| b.ends_with(['"', '“', '\'', '‘']));
                if u.case == Case::Title
                    && u.word.chars().count() >= NAME_SLIP_MIN_LEN
                    && !u.beside_name
                    && !u.in_name_list
                    && !mention
                {
                    let mut d = Diagnostic::new(
                        CODE,
                        Severity::Info,
                        u.span.clone(),
                        format!("unknown word `{}` (taken for a name)", u.word),
                    );
                    d.suppressed = Some(crate::diagnostic::Suppression::Name);
                    if cx.full(out) {
                        return;
                    }
                    out.push(d);
                }
                continue;
            };
            let mut d = diagnostic(cx.dict, &u, &suggestions);
            grade(cx, &u, &suggestions, &mut d);
            // A note is weak evidence: its fixes are never applied unasked.
            if d.severity == Severity::Info {
                for f in &mut d.fixes {
                    f.applicability = Applicability::Unsafe;
                }
            }
            if cx.full(out) {
                return;
            }
            out.push(d);
        }
    }
}

/// The unknown words of the text worth a second look, with the evidence
/// about each: the words the checks below explain away are left out.
fn collect_unknown<'t>(cx: &Context<'t>) -> Vec<Unknown<'t>> {
    let mut unknown: Vec<Unknown<'_>> = Vec::new();
    let mut cursor = 0;
    let mut name_lists: HashMap<usize, bool> = HashMap::new();
    // The word tokens only, known words skipped before their block is
    // looked up.
    for &p in cx.words.word_tokens() {
        // No more than the document may report.
        if unknown.len() >= cx.max_problems {
            break;
        }
        let p = p as usize;
        if cx.known_at(p) != Known::No {
            continue;
        }
        let Some(range) = super::block_of(&cx.tokens.blocks, &mut cursor, p) else {
            continue;
        };
        let (Some(tokens), Some(tok)) =
            (cx.tokens.tokens.get(range.clone()), cx.tokens.tokens.get(p))
        else {
            continue;
        };
        let i = p - range.start;
        let word = tok.text(cx.text);
        if word.chars().count() < 2 || word.len() > 64 {
            continue;
        }
        // A known hyphenated compound, or a word split into
        // syllables (`pre-cious`, `bles-sed`).
        if tok.is_hyphenated()
            && compound(cx.text, tokens, i).is_some_and(|c| {
                cx.check(c) == Known::Yes || cx.check(&c.replace('-', "")) == Known::Yes
            })
        {
            continue;
        }
        // A combining accent (U+0300–U+036F) on a letter: the dictionaries
        // spell accented letters composed, so this is a sample of Unicode
        // (`cafeś` in a text about normalization) or another language.
        if word.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
            continue;
        }
        // `fo`, `si`, `os`, `od` are left out of the lexicon as slips
        // for `of`, `is`, `so`, `do` (build.rs, `SWAPPED_COMMON`); a
        // part of a compound is no such slip (`Ga-od`, drawn out).
        if tok.is_hyphenated() && matches!(word, "fo" | "si" | "os" | "od") {
            continue;
        }
        if dropped_g(cx, tokens, i, word)
            || aphetic(cx.text, tokens, i, word)
            || closed_compound(cx, word, tok.is_sentence_start())
            || cut_off(cx, tok.span.clone(), word)
            || prefix_before_hyphen(cx.text, tok.span.end, word)
            || drawn_out(cx, tok.span.clone())
            || numeral_marker(cx.text, tok.span.clone(), word)
            || unit_after_number(cx.text, tokens, i, word)
            || name_particle(cx.text, tokens, i, word)
            || super::phrases::in_phrase(cx.text, tokens, i, word)
            || glued_to_code(cx.text, tokens, i)
            || suffix_after_hyphen(cx.text, tok.span.start, word)
        {
            continue;
        }
        unknown.push(Unknown {
            span: tok.span.clone(),
            word,
            case: case_of(word),
            sentence_start: tok.is_sentence_start(),
            left: context_word(cx.text, tokens, i, false),
            right: context_word(cx.text, tokens, i, true),
            before_capital: before_capital(cx, tokens, i),
            title_case: in_title_case(cx, tokens, i),
            beside_name: beside_name(cx, tokens, i),
            hyphenated: tok.is_hyphenated(),
            hyphen_name: tok.is_hyphenated() && hyphen_name(cx, tokens, i),
            term_label: term_label(cx.text, tokens, i),
            code_shaped: code_shaped(cx.text, tok.span.clone()),
            named_by_link: named_by_link(cx.text, tok.span.clone(), word),
            in_name_list: (list_item(cx, tokens, i)
                && *name_lists
                    .entry(range.start)
                    .or_insert_with(|| name_list(cx.text, tokens)))
                || short_label(cx, cursor, tokens),
        });
    }
    unknown
}

/// The suggestions for unknown word `u`, or `None` when it is not reported:
/// mixed case, a short acronym, a name (`is_name`: capitalised twice or more
/// in the text) or a capitalised word no likely slip explains.
fn suggestions_for(
    cx: &Context<'_>,
    u: &Unknown<'_>,
    is_name: impl Fn() -> bool,
) -> Option<Suggestions> {
    let suggestions = match u.case {
        Case::Mixed => return None,
        Case::Upper if u.word.chars().count() <= 5 => return None,
        Case::Title if is_name() => return None,
        // In Title Case a capitalised word one edit from a common
        // word (same first letter) is a slip of it: `Project
        // Managment Team`.
        Case::Title if !u.sentence_start && u.beside_name => return None,
        Case::Title if !u.sentence_start && u.title_case => {
            let s = suggest(cx.dict, cx.lang, u.word);
            if !title_slip(u.word, &s) && !may_be_slip_of_name(cx.dict, u.word) {
                return None;
            }
            s
        }
        // A long capitalised word one edit from a common word (same
        // first letter) is a slip of it: `Applicaion`, `Wrnings`.
        Case::Title if !u.sentence_start && long_slip(cx.dict, u.word) => {
            suggest(cx.dict, cx.lang, u.word)
        }
        Case::Title if !u.sentence_start && !may_be_slip_of_name(cx.dict, u.word) => return None,
        // A capitalised term a list item or a paragraph describes.
        Case::Title
            if u.term_label && cx.dict.known_misspelling(&u.word.to_lowercase()).is_empty() =>
        {
            return None
        }
        // An acronym the lists have, written as a name in British
        // news style (`Unesco`, `Nasa`) or a brand's (`Nvidia`).
        Case::Title if cx.check(&u.word.to_uppercase()) == Known::Yes => return None,
        // A capitalised word at the start of a sentence before
        // another capitalised word begins a name (`Novo Nordisk
        // said`), as one beside a name does (`Mert and Ankur`, `Fons
        // van der Plas`), unless it is a known misspelling.
        Case::Title
            if u.sentence_start
                && (u.before_capital || u.beside_name)
                && cx.dict.known_misspelling(&u.word.to_lowercase()).is_empty() =>
        {
            return None
        }
        Case::Title => {
            let s = suggest(cx.dict, cx.lang, u.word);
            let likely = s.list.iter().any(|c| {
                c.known
                    || if u.sentence_start {
                        c.distance <= 2 && c.count >= SENTENCE_START_COUNT && !c.proper
                    } else {
                        c.proper && c.count >= NAME_NEAR_COUNT && is_transposition(u.word, &c.word)
                    }
            });
            if !likely {
                return None;
            }
            s
        }
        _ => {
            let mut s = suggest(cx.dict, cx.lang, u.word);
            rerank(cx.dict, u.left.as_deref(), u.right.as_deref(), &mut s);
            s
        }
    };
    Some(suggestions)
}

/// Grades diagnostic `d` of unknown word `u`: a note, with the reason in its
/// message, when the word is a compound of two words, a regular form of a
/// known one, part of a path or a name, a word the link or a larger list
/// spells, or one no dictionary word is close to.
fn grade(cx: &Context<'_>, u: &Unknown<'_>, suggestions: &Suggestions, d: &mut Diagnostic) {
    let lower_word = u.word.to_lowercase();
    if let Some((l, r)) = content_compound(cx, u.word, suggestions) {
        d.severity = Severity::Info;
        d.message = format!(
            "unknown word `{}` (`{l}` and `{r}` written as one?)",
            u.word
        );
        let hyphenated = format!("{l}-{r}");
        d.fixes.insert(
            0,
            Fix::new(
                format!("replace with `{hyphenated}`"),
                Edit::replace(u.span.clone(), hyphenated),
                Applicability::Unsafe,
            ),
        );
        d.fixes.truncate(5);
    } else if let Some((stem, ending)) = derived(cx, u.word, suggestions) {
        d.severity = Severity::Info;
        d.message = if PREFIXES.contains(&ending) {
            format!("unknown word `{}` (`{ending}-` + `{stem}`?)", u.word)
        } else {
            format!("unknown word `{}` (`{stem}` + `-{ending}`?)", u.word)
        };
        for f in &mut d.fixes {
            f.applicability = Applicability::Unsafe;
        }
    } else if u.code_shaped && cx.dict.known_misspelling(&lower_word).is_empty() {
        d.severity = Severity::Info;
        d.message = format!("unknown word `{}` (part of a path or code?)", u.word);
    } else if u.named_by_link {
        d.severity = Severity::Info;
        d.message = format!("unknown word `{}` (the link's target spells it so)", u.word);
    } else if u.hyphen_name {
        d.severity = Severity::Info;
        d.message = format!("unknown word `{}` {}", u.word, WEAK_NOTES[1]);
    } else if u.in_name_list && cx.dict.known_misspelling(&lower_word).is_empty() {
        d.severity = Severity::Info;
        d.message = format!("unknown word `{}` (in a list of names)", u.word);
    } else if let Some((stem, ending)) = verb_of_a_name(u.word) {
        d.severity = Severity::Info;
        d.message = format!("unknown word `{}` (`{stem}` + `{ending}`?)", u.word);
    } else if u.case == Case::Upper && cx.dict.known_misspelling(&lower_word).is_empty() {
        // Six capitals or more (shorter ones are not looked at): a
        // constant, an acronym or a name set in capitals far more often
        // than a slip (`JSESSION`, `DCHECK`, `RAMBUS`, `AFAICT`).
        d.severity = Severity::Info;
        d.message = format!("unknown word `{}` (in capitals: a constant or a name?)", u.word);
    } else if crate::dictionary::in_larger_list(u.word) {
        d.severity = Severity::Info;
        d.message = format!(
            "unknown word `{}` (only the larger word list has it)",
            u.word
        );
    } else if !has_evidence(u, suggestions) {
        d.severity = Severity::Info;
        d.message = format!("unknown word `{}` {}", u.word, WEAK_NOTES[0]);
    }
}

fn diagnostic(dict: &Dictionary, u: &Unknown<'_>, s: &Suggestions) -> Diagnostic {
    let mut d = Diagnostic::new(
        CODE,
        Severity::Error,
        u.span.clone(),
        format!("unknown word `{}`", u.word),
    );
    let safe = is_safe(dict, u, s);
    d.fixes.reserve_exact(s.list.len().min(5));
    for (i, cand) in s.list.iter().take(5).enumerate() {
        let applicability = if i == 0 && safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        d.fixes.push(Fix::new(
            format!("replace with `{}`", cand.word),
            Edit::replace(u.span.clone(), cand.word.clone()),
            applicability,
        ));
    }
    d
}

/// A correction may be applied unasked only when it is unambiguous: the
/// word is lowercase (or starts a sentence), the correction is a common
/// word one edit away (or a known misspelling's single listed correction,
/// at most two), does not merely drop an ending, and is far more likely than
/// every alternative, context included ([`safe_margin`]).
fn is_safe(dict: &Dictionary, u: &Unknown<'_>, s: &Suggestions) -> bool {
    let Some(first) = s.list.first() else {
        return false;
    };
    if (u.case == Case::Title && !u.sentence_start) || u.case == Case::Mixed || u.hyphenated {
        return false;
    }
    // Dropping an ending (`suppressions` → `suppression`) changes grammar.
    let lower = u.word.to_lowercase();
    let first_lower = first.word.to_lowercase();
    if lower.len() > first_lower.len() && lower.starts_with(&first_lower) {
        return false;
    }
    // A word run together may be a compound the lists lack (`drawdown`).
    if first_lower.contains(' ') || first.rare || first.count < SAFE_MIN_COUNT {
        return false;
    }
    // A regular form of a known word may be one the lists lack (`elations`,
    // `kidnaped`, `benefitted`, `leaguers`): never changed unasked.
    if inflects_known(dict, &lower) {
        return false;
    }
    if u.word.chars().count() < SAFE_MIN_LEN {
        return false;
    }
    // Writers rarely get the first letter wrong; a word that differs there
    // is more often a term with a prefix (`pthreads`, `bcrypt`) than a slip.
    if !first.known && lower.chars().next() != first_lower.chars().next() {
        return false;
    }
    let max_distance = if first.known {
        // Several listed corrections: the list itself is unsure.
        if s.list.iter().filter(|c| c.known).count() != 1 {
            return false;
        }
        2
    } else {
        1
    };
    first.distance <= max_distance
        && safe_margin(dict, u.word, u.left.as_deref(), u.right.as_deref(), s) >= SAFE_MARGIN
}
