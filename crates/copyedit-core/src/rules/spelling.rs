//! `spelling`: words that are in no dictionary.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::common::{dropped_g, is_function_word, name_particle, NAME_PARTICLES};
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::Dictionary;
use crate::dictionary::{case_of, normalize_apostrophes, Case, Known};
use crate::suggest::{context_word, rerank, safe_margin, suggest, Suggestions};
use crate::tokenize::{Token, TokenKind};

pub(super) const CODE: &str = "spelling";

pub(super) const EXPLANATION: &str = "\
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
    as a name (`Unesco`, `Nvidia`).
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
inline code or an escaped underscore (`` `.await`ing ``, `cmd\\_regen`),
a coining suffix or an ending after a hyphen (`Jekyll-ize`, `cc-ing`), a
prefix before one (`mis-imported`, `meta-`) and a
capitalised term that opens a list item before a colon (`- Bitrig: ...`)
are not words at all. A capitalised word of seven letters or more one edit
from a common word with the same first letter is a slip, not a name
(`Applicaion`, `Wrnings`).

Reported as `info` rather than as an error: a word with no evidence of a
typo, that is, not a known misspelling, with no dictionary word one edit
away and no common word two edits away (`kubectl`, `rehype`, `TOCTOU`:
far more often a term the dictionaries lack than a slip; `--list-unknown`
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
an abbreviation with an apostrophe (`exec'ing`, `DM'd`).
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

Accept a word for a project with `words = [\"...\"]` in copyedit.toml.";

/// The spelling rule.
pub struct Spelling;

/// A capitalised word that is a proper name at least this common with two
/// letters swapped is flagged even mid-sentence (`Kremiln`). Other one-letter
/// differences are how names vary (`Dmitry`/`Dmitri`, `Kirill`/`krill`).
const NAME_NEAR_COUNT: u64 = 200_000;
/// A sentence-initial capitalised unknown word is flagged only when its best
/// suggestion is at least this common (or a known misspelling).
const SENTENCE_START_COUNT: u64 = 20_000;
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
/// least this common and the word has at least [`FAR_EVIDENCE_LEN`] letters.
const FAR_EVIDENCE_COUNT: u64 = 1_000_000;
const FAR_EVIDENCE_LEN: usize = 5;

/// Whether a flagged word has the evidence of a typo that an error needs: it
/// is a known misspelling, or a dictionary word (not a rare one) is one edit
/// away, or a common one two edits away in a longer word. Without it the
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
                    && u.word.chars().count() >= FAR_EVIDENCE_LEN))
    }) || (first.word.contains(' ') && first.distance <= 1)
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
    /// The word just before or after (one space between) is capitalised and
    /// not a common word in lowercase: part of a full name (`Ivan Tse`,
    /// `Kirstin Heidler`).
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

fn strip_possessive(w: &str) -> &str {
    for s in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = w.strip_suffix(s) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    w
}

/// The longest hyphenated compound looked up, in bytes (the longest word
/// the spelling rule checks).
const MAX_COMPOUND: usize = 64;

/// The hyphenated compound a token belongs to (`x-ray` for `ray`).
fn compound<'t>(text: &'t str, tokens: &[Token], i: usize) -> Option<&'t str> {
    let touching = |a: &Token, b: &Token| a.span.end == b.span.start;
    let part = |t: &Token| {
        matches!(t.kind, TokenKind::Word | TokenKind::Number)
            || text.get(t.span.clone()) == Some("-")
    };
    // Adjacent token pairs that join into the compound.
    let joins = |a: usize, b: usize| match (tokens.get(a), tokens.get(b)) {
        (Some(x), Some(y)) => part(x) && touching(x, y),
        _ => false,
    };
    // No dictionary word is longer than `MAX_COMPOUND` bytes: a longer
    // chain (`teh-teh-…`) is no compound, and is not walked to its ends
    // from each of its parts (quadratic in the chain).
    let here = tokens.get(i)?.span.clone();
    let near = |t: usize| {
        tokens.get(t).is_some_and(|t| {
            t.span.end <= here.start + MAX_COMPOUND && t.span.start + MAX_COMPOUND >= here.end
        })
    };
    let mut start = i;
    while start > 0 && joins(start - 1, start) {
        start -= 1;
        if !near(start) {
            return None;
        }
    }
    let mut end = i;
    while tokens.get(end + 1).is_some_and(part) && joins(end, end + 1) {
        end += 1;
        if !near(end) {
            return None;
        }
    }
    let (first, last) = (tokens.get(start)?, tokens.get(end)?);
    (end > start)
        .then(|| text.get(first.span.start..last.span.end))
        .flatten()
}

/// Whether the word at `span` touches a slash (with a letter beyond it), a
/// dot after a letter (`web.dev’s`), an opening bracket after it, or a
/// closing bracket before it.
fn code_shaped(text: &str, span: Range<usize>) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let after_mark = |mark: char| {
        before
            .strip_suffix(mark)
            .is_some_and(|b| letter(b.chars().next_back()))
    };
    after_mark('.')
        || after_mark('/')
        || after
            .strip_prefix('/')
            .is_some_and(|a| letter(a.chars().next()))
        || after.starts_with('(')
        || before.ends_with(')')
}

/// Whether word `i` is the first token of its block (after white space and
/// emphasis) and a colon follows it, perhaps after closing emphasis:
/// `Bitrig: development stopped`, `**Gleam:** a language`.
fn term_label(text: &str, tokens: &[Token], i: usize) -> bool {
    let first = tokens
        .iter()
        .position(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Newline));
    if first != Some(i) {
        return false;
    }
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let after = text.get(tok.span.end..).unwrap_or("");
    let after = after.trim_start_matches(['*', '_']);
    after.starts_with(':') && !after.starts_with("::")
}

/// Whether another part of the hyphenated compound around word `i` is not
/// a common word (`io` in `io-uring`, `tokio` in `tokio-uring`): the
/// compound is a name or an identifier, not two slips.
fn hyphen_name(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let Some(c) = compound(cx.text, tokens, i) else {
        return false;
    };
    let word = tokens.get(i).map_or("", |t| t.text(cx.text));
    let mut parts = c.split('-').filter(|p| !p.is_empty());
    parts.any(|p| {
        let p = strip_possessive(p);
        p != word
            && (p.bytes().any(|b| b.is_ascii_digit())
                || cx.check(p) != Known::Yes
                || cx
                    .dict
                    .entry(&p.to_lowercase())
                    .is_some_and(|e| e.is_rare()))
    })
}

impl Rule for Spelling {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut unknown: Vec<Unknown<'_>> = Vec::new();
        let mut cursor = 0;
        let mut name_lists: HashMap<usize, bool> = HashMap::new();
        // The word tokens only, known words skipped before their block is
        // looked up.
        for &p in cx.words.word_tokens() {
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
            let is_name = || {
                let stem = normalize_apostrophes(strip_possessive(u.word)).into_owned();
                capitalised.get(&stem).copied().unwrap_or(0) >= 2
            };
            let suggestions = match u.case {
                Case::Mixed => continue,
                Case::Upper if u.word.chars().count() <= 5 => continue,
                Case::Title if is_name() => continue,
                // In Title Case a capitalised word one edit from a common
                // word (same first letter) is a slip of it: `Project
                // Managment Team`.
                Case::Title if !u.sentence_start && u.beside_name => continue,
                Case::Title if !u.sentence_start && u.title_case => {
                    let s = suggest(cx.dict, cx.lang, u.word);
                    if !title_slip(u.word, &s) && !may_be_slip_of_name(cx.dict, u.word) {
                        continue;
                    }
                    s
                }
                // A long capitalised word one edit from a common word (same
                // first letter) is a slip of it: `Applicaion`, `Wrnings`.
                Case::Title if !u.sentence_start && long_slip(cx.dict, u.word) => {
                    suggest(cx.dict, cx.lang, u.word)
                }
                Case::Title if !u.sentence_start && !may_be_slip_of_name(cx.dict, u.word) => {
                    continue
                }
                // A capitalised term a list item or a paragraph describes.
                Case::Title
                    if u.term_label
                        && cx.dict.known_misspelling(&u.word.to_lowercase()).is_empty() =>
                {
                    continue
                }
                // An acronym the lists have, written as a name in British
                // news style (`Unesco`, `Nasa`) or a brand's (`Nvidia`).
                Case::Title if cx.check(&u.word.to_uppercase()) == Known::Yes => continue,
                // A capitalised word at the start of a sentence before
                // another capitalised word begins a name (`Novo Nordisk
                // said`), unless it is a known misspelling.
                Case::Title
                    if u.sentence_start
                        && u.before_capital
                        && cx.dict.known_misspelling(&u.word.to_lowercase()).is_empty() =>
                {
                    continue
                }
                Case::Title => {
                    let s = suggest(cx.dict, cx.lang, u.word);
                    let likely = s.list.iter().any(|c| {
                        c.known
                            || if u.sentence_start {
                                c.distance <= 2 && c.count >= SENTENCE_START_COUNT
                            } else {
                                c.proper
                                    && c.count >= NAME_NEAR_COUNT
                                    && is_transposition(u.word, &c.word)
                            }
                    });
                    if !likely {
                        continue;
                    }
                    s
                }
                _ => {
                    let mut s = suggest(cx.dict, cx.lang, u.word);
                    rerank(cx.dict, u.left.as_deref(), u.right.as_deref(), &mut s);
                    s
                }
            };
            let lower_word = u.word.to_lowercase();
            let mut d = diagnostic(cx.dict, &u, &suggestions);
            if let Some((l, r)) = content_compound(cx, u.word, &suggestions) {
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
            } else if let Some((stem, ending)) = derived(cx, u.word, &suggestions) {
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
                d.message = format!("unknown word `{}` (in a hyphenated name?)", u.word);
            } else if u.in_name_list && cx.dict.known_misspelling(&lower_word).is_empty() {
                d.severity = Severity::Info;
                d.message = format!("unknown word `{}` (in a list of names)", u.word);
            } else if let Some((stem, ending)) = verb_of_a_name(u.word) {
                d.severity = Severity::Info;
                d.message = format!("unknown word `{}` (`{stem}` + `{ending}`?)", u.word);
            } else if crate::dictionary::in_larger_list(u.word) {
                d.severity = Severity::Info;
                d.message = format!(
                    "unknown word `{}` (only the larger word list has it)",
                    u.word
                );
            } else if !has_evidence(&u, &suggestions) {
                d.severity = Severity::Info;
                d.message = format!("unknown word `{}` (no dictionary word is close)", u.word);
            }
            // A note is weak evidence: its fixes are never applied unasked.
            if d.severity == Severity::Info {
                for f in &mut d.fixes {
                    f.applicability = Applicability::Unsafe;
                }
            }
            out.push(d);
        }
    }
}

/// Regular endings that make a word from a known one without changing its
/// spelling, with what the known word must not end with: the plural or
/// third person (`inodes`, `nonces`), `-ed` and `-ing` (`benchmarked`,
/// `firewalled`), `-d`/`-r`/`-rs` after a final `e` (`expensed`,
/// `prototypers`), agent nouns, `-ly`, `-less`, `-ness`, `-ish`, `-ism`,
/// `-ist`, `-able`/`-ability` (`renderable`, `findability`), `-ment`,
/// `-ee`, `-ize`, and `-ity` after `-al`/`-ic` (`genericity`). Endings
/// that change the stem (dropping an `e`, doubling a consonant, `y` to `i`)
/// are left out: that is where misspellings are made (`achieveable`,
/// `occured`, `writting`).
const ENDINGS: [(&str, &[&str]); 31] = [
    ("s", &["s", "x", "z", "ch", "sh", "y"]),
    ("es", &["e"]),
    ("ed", &["e", "y"]),
    ("ing", &["e"]),
    ("d", &[]),
    ("r", &[]),
    ("rs", &[]),
    ("er", &["e"]),
    ("ers", &["e"]),
    ("or", &["e"]),
    ("ors", &["e"]),
    ("ly", &["y", "le", "ic", "que"]),
    ("less", &[]),
    ("ness", &[]),
    ("ish", &["e"]),
    ("ism", &["e"]),
    ("isms", &["e"]),
    ("ist", &["e"]),
    ("ists", &["e"]),
    ("able", &["e"]),
    ("ability", &["e"]),
    ("ment", &[]),
    ("ments", &[]),
    ("ee", &["e"]),
    ("ees", &["e"]),
    ("ize", &["e"]),
    ("izes", &["e"]),
    ("ized", &["e"]),
    ("izing", &["e"]),
    ("ity", &[]),
    ("ities", &[]),
];

/// Endings of nouns (and adjectives used as nouns) whose plural in `-s`
/// the word lists often lack: `accessor`, `formatter`, `executable`.
const AGENT_ENDINGS: [&str; 8] = ["or", "er", "able", "ible", "ant", "ent", "ist", "ive"];

/// Endings of adjectives that make adverbs in `-ly`.
const ADJECTIVE_ENDINGS: [&str; 18] = [
    "al", "ful", "ive", "ous", "ent", "ant", "ed", "ing", "ish", "less", "ar", "ary", "ile", "ine",
    "ate", "ern", "id", "ic",
];

/// A known word plus a regular ending ([`ENDINGS`]), the stem at least
/// four letters long; for `-d`, `-r`, `-rs` the stem must end in `e`, for
/// `-ity` in `-al` or `-ic`. The stem and the ending, if so.
fn suffixed<'a>(cx: &Context<'_>, lower: &'a str) -> Option<(&'a str, &'static str)> {
    ENDINGS.iter().find_map(|&(ending, not_after)| {
        let stem = lower.strip_suffix(ending)?;
        let fits = stem.len() >= 4
            && !not_after.iter().any(|e| stem.ends_with(e))
            && match ending {
                "d" | "r" | "rs" => stem.ends_with('e'),
                "ity" | "ities" => stem.ends_with("al") || stem.ends_with("ic"),
                // Adverbs are made of adjectives (`natively`, `granularly`),
                // not of nouns (`techniquely`).
                "ly" => ADJECTIVE_ENDINGS.iter().any(|e| stem.ends_with(e)),
                // `-able` of a verb, not of a plural (`reposable`).
                "able" | "ability" => !stem.ends_with('s'),
                _ => true,
            };
        (fits && cx.check(stem) == Known::Yes).then_some((stem, ending))
    })
}

/// An unknown lowercase word that is a regular form of a known word
/// ([`ENDINGS`], [`PREFIXES`]), with no common word one edit from it: the
/// word lists lack many such forms, so it is reported as `info`, never
/// fixed unasked. The stem and the ending (or prefix), if so.
fn derived(cx: &Context<'_>, word: &str, s: &Suggestions) -> Option<(String, &'static str)> {
    // A capitalised form of a capitalised term: `Enumerables`.
    if case_of(word) == Case::Title {
        let base = word.strip_suffix('s')?;
        return (base.len() >= 6
            && !base.ends_with('s')
            && cx.check(base) == Known::Yes
            && cx.dict.known_misspelling(&word.to_lowercase()).is_empty())
        .then(|| (base.to_string(), "s"));
    }
    let lower = word.to_lowercase();
    if lower.len() < 6 || !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if !cx.dict.known_misspelling(&lower).is_empty() {
        return None;
    }
    // The plural of an agent noun or a noun-like adjective the lists have,
    // however rare, is that even when a word is one edit away (`accessors`,
    // not `accessory`; `licensors`, `prefetchers`).
    if let Some(base) = lower.strip_suffix('s') {
        if base.len() >= 6
            && AGENT_ENDINGS.iter().any(|e| base.ends_with(e))
            && cx.check(base) == Known::Yes
        {
            return Some((base.to_string(), "s"));
        }
    }
    // A common word one edit away makes a slip likelier, unless it is the
    // stem itself (`suppression` for `suppressions`).
    if s.list.iter().any(|c| {
        c.distance <= 1
            && !c.rare
            && !c.word.contains(' ')
            && !lower.starts_with(&c.word.to_lowercase())
    }) {
        return None;
    }
    if let Some((stem, ending)) = suffixed(cx, &lower) {
        return Some((stem.to_string(), ending));
    }
    // The rest a common word (not `cion` in `precion`); `un` makes
    // adjectives of adjectives and participles, not of nouns
    // (`unconscience`).
    PREFIXES.iter().find_map(|&prefix| {
        let rest = lower.strip_prefix(prefix)?;
        let common =
            cx.check(rest) == Known::Yes && cx.dict.entry(rest).is_some_and(|e| !e.is_rare());
        (rest.len() >= 4
            && (common || suffixed(cx, rest).is_some())
            && (prefix != "un" || ADJECTIVE_ENDINGS.iter().any(|e| rest.ends_with(e))))
        .then(|| (rest.to_string(), prefix))
    })
}

/// Each word of a solid compound must be this common.
const SOLID_PART_COUNT: u64 = 100_000;

/// An unknown lowercase word that is two common content words written as
/// one (`risktakers`, `warfighters`, `ashheaps`), and no common word is
/// within two edits of it (`carefull` is a slip for `careful`, not `care` +
/// `full`; `evething` for `everything`, not `eve` + `thing`):
/// a compound the word lists lack or a lost hyphen, reported as `info`
/// rather than as an error. The two words, if so.
fn content_compound<'w>(
    cx: &Context<'_>,
    word: &'w str,
    s: &Suggestions,
) -> Option<(&'w str, &'w str)> {
    if word.len() < 7 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if !cx.dict.known_misspelling(word).is_empty()
        || s.list
            .iter()
            .any(|c| c.distance <= 2 && !c.rare && !c.word.contains(' '))
    {
        return None;
    }
    (3..=word.len() - 3).find_map(|i| {
        let (l, r) = word.split_at_checked(i)?;
        let content = |w: &str| {
            !is_function_word(w)
                && cx.check(w) == Known::Yes
                && cx.dict.count(w) >= SOLID_PART_COUNT
        };
        (content(l) && content(r)).then_some((l, r))
    })
}

/// Old words that lost their first letters to an apostrophe (`’tis`,
/// `’twas`, `’neath`): accepted after one.
const APHETIC: &[&str] = &[
    "tis", "twas", "twere", "twill", "twould", "neath", "gainst", "twixt", "tween",
];

/// Whether the word is one of [`APHETIC`] right after an apostrophe that
/// begins a word (`Oh, ’tis love`).
fn aphetic(text: &str, tokens: &[Token], i: usize, word: &str) -> bool {
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    let apostrophe = i
        .checked_sub(1)
        .and_then(|j| tokens.get(j))
        .filter(|t| t.span.end == tok.span.start && matches!(t.text(text), "'" | "’"));
    let Some(apostrophe) = apostrophe else {
        return false;
    };
    // The apostrophe starts the word: white space, an opening mark or
    // nothing before it (not `don’tis`).
    let word_start = text
        .get(..apostrophe.span.start)
        .and_then(|b| b.chars().next_back())
        .is_none_or(|c| c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '[' | '—' | '–'));
    word_start && APHETIC.contains(&word.to_lowercase().as_str())
}

/// Prefixes that make new words freely (`bio`terrorism, `un`obligated,
/// `de`randomized).
const PREFIXES: [&str; 35] = [
    "anti", "bio", "co", "counter", "cyber", "de", "dis", "eco", "geo", "hyper", "inter", "intra",
    "macro", "mega", "meta", "micro", "mid", "mini", "mis", "multi", "neo", "non", "out", "over",
    "post", "pre", "pro", "proto", "re", "semi", "sub", "super", "trans", "tri", "un",
];

/// A free prefix written before a hyphen and a word (`un-American`,
/// `intra-departmental`, `inter- and intra-departmental`) is not a word of
/// its own.
fn prefix_before_hyphen(text: &str, end: usize, word: &str) -> bool {
    let hyphen_then_word = text
        .get(end..)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphabetic);
    hyphen_then_word && PREFIXES.contains(&word.to_lowercase().as_str())
}
/// A capitalised unknown word in Title Case is flagged when its first
/// suggestion is a known misspelling's correction, or a common word (not a
/// name, not rare) one edit away with the same first letter.
const TITLE_SLIP_COUNT: u64 = 1_000_000;

fn title_slip(word: &str, s: &Suggestions) -> bool {
    s.list.first().is_some_and(|c| {
        c.known
            || (c.distance <= 1
                && !c.rare
                && !c.proper
                && c.count >= TITLE_SLIP_COUNT
                && !c.word.contains(' ')
                && c.word.chars().next() == word.chars().next())
    })
}

/// Whether the word next to token `i` on either side, one space between,
/// is capitalised and not a common word in lowercase: a name's other part.
fn beside_name(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let name = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j)).is_some_and(|t| {
            let w = t.text(cx.text);
            t.kind == TokenKind::Word
                && case_of(w) == Case::Title
                && cx.check(&w.to_lowercase()) != Known::Yes
        })
    };
    let spaced = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .is_some_and(|t| t.kind == TokenKind::Space && t.text(cx.text) == " ")
    };
    (spaced(i.checked_sub(1)) && name(i.checked_sub(2)))
        || (spaced(Some(i + 1)) && name(Some(i + 2)))
}

/// Whether a block is a list of names: at least [`NAME_LIST_COMMAS`] commas,
/// and capitalised words make up at least two in five of its words
/// (contributors in release notes, `Thanks to Ben Balter, parkr, ...`).
const NAME_LIST_COMMAS: usize = 4;

fn name_list(text: &str, tokens: &[Token]) -> bool {
    let (mut words, mut capitals, mut commas) = (0usize, 0usize, 0usize);
    for t in tokens {
        match t.kind {
            TokenKind::Word => {
                words += 1;
                if t.text(text).chars().next().is_some_and(char::is_uppercase) {
                    capitals += 1;
                }
            }
            TokenKind::Punct if t.text(text) == "," => commas += 1,
            _ => {}
        }
    }
    commas >= NAME_LIST_COMMAS && capitals * 5 >= words * 2
}

/// A list item or table cell of at most this many words, none of them a
/// common lowercase word, names something (`- Aki`, `- nscyclone`,
/// `| Caley Woods |`): a list of contributors, a column of names.
const LABEL_WORDS: usize = 3;

/// Whether block `b` (its `tokens`) is such a short label.
fn short_label(cx: &Context<'_>, b: usize, tokens: &[Token]) -> bool {
    use crate::document::BlockKind;
    if !cx
        .doc
        .blocks
        .get(b)
        .is_some_and(|b| matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell))
    {
        return false;
    }
    let mut words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    let mut n = 0;
    words.all(|t| {
        n += 1;
        let w = t.text(cx.text);
        n <= LABEL_WORDS
            && (w.chars().next().is_some_and(char::is_uppercase) || cx.check(w) != Known::Yes)
    })
}

/// Whether word `i` stands as an item of a list of names: each neighbour
/// (across spaces) is a separator (`,`, `and`, `&`, the block's edge, a
/// full stop after), a capitalised word (`Pat Hawks`), a particle (`Martijn
/// den Hoedt`) or another unknown word (`akira yamada`). Not `Alfred Xing
/// ofr their commits`.
fn list_item(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let text = cx.text;
    let fits = |t: Option<&Token>| match t {
        None => true,
        Some(t) => {
            let w = t.text(text);
            matches!(w, "," | "and" | "&" | "." | "!" | ")" | "(" | ";")
                || (t.kind == TokenKind::Word
                    && (w.chars().next().is_some_and(char::is_uppercase)
                        || NAME_PARTICLES.contains(&w)
                        || cx.check(w) != Known::Yes))
        }
    };
    let solid = |t: &&Token| !matches!(t.kind, TokenKind::Space | TokenKind::Newline);
    let before = tokens.get(..i).and_then(|b| b.iter().rev().find(solid));
    let after = tokens.get(i + 1..).and_then(|a| a.iter().find(solid));
    fits(before) && fits(after)
}

/// Short words Title Case leaves in lowercase (`Office of the Director`).
const TITLE_SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Whether the nearest word before or after token `i` (across spaces and
/// Title Case's small words, within three words) is a capitalised word
/// whose lowercase form is a common word: `Project` in `Project Managment`.
fn in_title_case(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let styled = |t: &Token| {
        let w = t.text(cx.text);
        // Its lowercase spelling itself is listed: a common word, not a
        // name (`Ivan` is stored capitalised, so `Ivan Tse` is no heading).
        case_of(w) == Case::Title
            && w.chars().count() >= 3
            && cx
                .dict
                .entry(&w.to_lowercase())
                .is_some_and(|e| cx.dict.accepts(e) && !e.is_rare())
    };
    let look = |forward: bool| {
        let mut j = i;
        let mut words = 0;
        loop {
            j = if forward { j + 1 } else { j.checked_sub(1)? };
            let t = tokens.get(j)?;
            match t.kind {
                TokenKind::Space => continue,
                TokenKind::Word => {
                    words += 1;
                    if styled(t) {
                        return Some(true);
                    }
                    let lower = t.text(cx.text);
                    if words >= 3 || !TITLE_SMALL.contains(&lower) {
                        return Some(false);
                    }
                }
                _ => return Some(false),
            }
        }
    };
    look(false) == Some(true) || look(true) == Some(true)
}

/// Whether the word after token `i`, after one space, is capitalised and
/// not the pronoun `I`.
fn before_capital(cx: &Context<'_>, tokens: &[Token], i: usize) -> bool {
    let text = cx.text;
    let (Some(space), Some(next)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
        return false;
    };
    let word = next.text(text);
    // Before a capitalised common word (`Advanecd Configuration`, `Add
    // Supranode` in a Title Case heading or a changelog) the capital is the
    // heading's style, not a name's.
    space.text(text) == " "
        && next.kind == TokenKind::Word
        && word != "I"
        && matches!(case_of(word), Case::Title | Case::Mixed)
        && cx.check(&word.to_lowercase()) != Known::Yes
}

/// Abbreviated units the word lists lack, accepted only after a number:
/// `0.36 ns`, `12 µs`, `20 mins`, `5 mcg`, `400 nm`, `30 kts`.
const UNITS: &[&str] = &[
    "ns", "µs", "μs", "mins", "secs", "hrs", "wks", "yrs", "mos", "kmh", "kph", "mcg", "µg", "μg",
    "dl", "nm", "µm", "μm", "kbps", "Kbps", "px", "ppb", "kts", "nmi", "GiB", "MiB", "KiB", "TiB",
];

/// An abbreviated unit after a number, with at most one space between
/// (`0.36 ns`, `20 mins`).
fn unit_after_number(text: &str, tokens: &[Token], i: usize, word: &str) -> bool {
    if !UNITS.contains(&word) {
        return false;
    }
    let before = |k: usize| i.checked_sub(k).and_then(|j| tokens.get(j));
    match before(1) {
        Some(t) if t.kind == TokenKind::Number => true,
        Some(t) if t.kind == TokenKind::Space && t.text(text) == " " => {
            before(2).is_some_and(|n| n.kind == TokenKind::Number)
        }
        _ => false,
    }
}

/// Whether `w` is a lowercase Roman numeral (`ii`, `iv`, `xiv`).
fn is_roman_numeral(w: &str) -> bool {
    let mut rest = w;
    // Thousands, then each decimal place with its own three letters.
    rest = rest.trim_start_matches('m');
    if rest.len() + 3 < w.len() {
        return false;
    }
    for (one, five, ten) in [('c', 'd', 'm'), ('x', 'l', 'c'), ('i', 'v', 'x')] {
        let nine: String = [one, ten].iter().collect();
        let four: String = [one, five].iter().collect();
        if let Some(r) = rest.strip_prefix(nine.as_str()) {
            rest = r;
        } else if let Some(r) = rest.strip_prefix(four.as_str()) {
            rest = r;
        } else {
            rest = rest.strip_prefix(five).unwrap_or(rest);
            let before = rest.len();
            rest = rest.trim_start_matches(one);
            if before - rest.len() > 3 {
                return false;
            }
        }
    }
    !w.is_empty() && rest.is_empty()
}

/// A lowercase Roman numeral that numbers a clause or a list item:
/// `(ii)`, `[iv]`, `clause (iii)`, `or ii) the`, or `vi.` at the start of a
/// line.
/// Legal and official prose numbers its parts so; elsewhere `ii` is a slip.
fn numeral_marker(text: &str, span: Range<usize>, word: &str) -> bool {
    if !is_roman_numeral(word) {
        return false;
    }
    let before = text.get(..span.start).unwrap_or_default();
    let after = text.get(span.end..).unwrap_or_default();
    let bracketed = (before.ends_with('(') && after.starts_with(')'))
        || (before.ends_with('[') && after.starts_with(']'));
    let line_start = before
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.trim().is_empty());
    // `i) the code or ii) the version`: a closing bracket alone numbers
    // items inside a sentence too.
    let inline = before.is_empty() || before.ends_with(char::is_whitespace);
    bracketed || (inline && after.starts_with(')')) || (line_start && after.starts_with(". "))
}

/// The word after a prefix must be this common (and five letters or more:
/// `dis`+`tart` is no word).
const PREFIX_BASE_COUNT: u64 = 100_000;
/// Each word of a closed compound must be this common (and three letters or
/// more).
const COMPOUND_PART_COUNT: u64 = 1_000_000;
/// Two words make a closed compound only when they are a pair at least this
/// frequent (`red tape`, `power plants`; not `style guide`).
const COMPOUND_MIN_PAIR: u64 = 10_000_000;
/// A pair this frequent written as one word is a slip (`alot`, `infront`:
/// the fragment rule's), not a compound.
const COMPOUND_MAX_PAIR: u64 = 100_000_000;

/// A closed compound that edited prose uses but word lists lack: a free
/// prefix and a common word (`counterterrorism`, `unobligated`), or two
/// common words that are a frequent pair but not so frequent a pair that
/// writing it as one word is a slip (`redtape`, `powerplants`). Known
/// misspellings (`untill`) are never compounds.
fn closed_compound(cx: &Context<'_>, word: &str, sentence_start: bool) -> bool {
    let case = case_of(word);
    if !(case == Case::Lower || (case == Case::Title && sentence_start)) || word.len() < 7 {
        return false;
    }
    let lower = word.to_lowercase();
    if !lower.bytes().all(|b| b.is_ascii_lowercase())
        || !cx.dict.known_misspelling(&lower).is_empty()
    {
        return false;
    }
    let common = |w: &str, min: u64| cx.check(w) == Known::Yes && cx.dict.count(w) >= min;
    // `un` makes adjectives of adjectives and participles (`unobligated`),
    // not of nouns (`unconscience`).
    let adjectival = |w: &str| {
        [
            "ed", "ing", "able", "ible", "al", "ful", "ive", "ent", "ant", "ous", "ic", "ary",
        ]
        .iter()
        .any(|s| w.ends_with(s))
    };
    let prefixed = PREFIXES.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            rest.len() >= 5 && (*p != "un" || adjectival(rest)) && common(rest, PREFIX_BASE_COUNT)
        })
    });
    if prefixed {
        return true;
    }
    (3..=lower.len() - 3).any(|i| {
        let (l, r) = lower.split_at(i);
        if !common(l, COMPOUND_PART_COUNT) || !common(r, COMPOUND_PART_COUNT) {
            return false;
        }
        let pair = cx.dict.bigram(l, r);
        (COMPOUND_MIN_PAIR..COMPOUND_MAX_PAIR).contains(&pair)
    })
}

/// Whether a dash run (`—`, `–`, `-—`, `———`) with an em or en dash in it
/// starts at byte `at`; its end.
fn dash_run(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let len: usize = rest
        .chars()
        .take_while(|c| matches!(c, '—' | '–' | '-'))
        .map(char::len_utf8)
        .sum();
    let run = rest.get(..len)?;
    run.contains(['—', '–']).then_some(at + len)
}

/// Whether a dash run with an em or en dash in it ends at byte `at`; its
/// start.
fn dash_run_before(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?;
    let len: usize = before
        .chars()
        .rev()
        .take_while(|c| matches!(c, '—' | '–' | '-'))
        .map(char::len_utf8)
        .sum();
    let run = before.get(at - len..)?;
    run.contains(['—', '–']).then_some(at - len)
}

/// Suffixes written after a hyphen to coin a word: `Management-ese`,
/// `Jekyll-ize`, `Kafka-esque`.
const HYPHEN_SUFFIXES: [&str; 11] = [
    "ed", "ese", "esque", "ing", "ize", "ise", "ify", "ish", "ism", "ist", "ness",
];

/// The longest link text and target looked at, in bytes.
const LINK_WINDOW: usize = 512;

/// Whether the word at `span` is in the text of an inline Markdown link
/// (`[... word ...](target)`, on one line) whose target, less its
/// `#fragment`, has the word in any case as a whole part or as the start of
/// its host's name: a page or a package named by it. A heading's anchor (`#recieve-data`) is no evidence: it copies
/// the heading, typo and all.
fn named_by_link(text: &str, span: Range<usize>, word: &str) -> bool {
    let line_start = text
        .get(..span.start)
        .map_or(0, |b| b.rfind('\n').map_or(0, |i| i + 1));
    let before = text
        .get(line_start.max(span.start.saturating_sub(LINK_WINDOW))..span.start)
        .unwrap_or("");
    // An opening `[` with no `]` after it.
    match (before.rfind('['), before.rfind(']')) {
        (Some(open), close) if close.is_none_or(|c| c < open) => {}
        _ => return false,
    }
    let after = text
        .get(span.end..text.len().min(span.end + LINK_WINDOW))
        .or_else(|| text.get(span.end..))
        .unwrap_or("");
    let after = after.split('\n').next().unwrap_or("");
    let Some(close) = after.find(']') else {
        return false;
    };
    if after.get(..close).is_some_and(|t| t.contains('[')) {
        return false;
    }
    let Some(target) = after.get(close + 1..).and_then(|t| t.strip_prefix('(')) else {
        return false;
    };
    let target = target
        .split([')', ' ', '#'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let stem = strip_possessive(word).to_lowercase();
    if stem.chars().count() < 3 {
        return false;
    }
    // A whole part of the target (`/pkg/compress/flate/`), or the start of
    // its host's name (`mobyproject.org`); not any substring: a letter
    // dropped at the end (`instal`) is inside the word it slipped from.
    let host = target
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .map(|h| h.trim_start_matches("www."))
        .and_then(|h| h.split('.').next());
    target
        .split(|c: char| !c.is_alphanumeric())
        .any(|part| part == stem)
        || host.is_some_and(|h| h.starts_with(&stem) && h.len() > stem.len() + 2)
}

/// A verb made of a name, a command or an abbreviation with an apostrophe
/// before its ending (`exec'ing`, `cd’ing`, `DM'd`, `OK'ed`): the stem and
/// the ending, when the stem has two letters or more.
fn verb_of_a_name(word: &str) -> Option<(&str, &str)> {
    let at = word.rfind(['\'', '’'])?;
    let (stem, ending) = (word.get(..at)?, word.get(at..)?);
    let bare = ending.get(ending.chars().next()?.len_utf8()..)?;
    (matches!(bare, "ing" | "ed" | "d") && stem.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .then_some((stem, ending))
}

/// Whether `word` is a coining suffix written after a word and a hyphen.
fn suffix_after_hyphen(text: &str, start: usize, word: &str) -> bool {
    let before = text.get(..start).unwrap_or("");
    before
        .strip_suffix('-')
        .is_some_and(|b| b.chars().next_back().is_some_and(char::is_alphabetic))
        && HYPHEN_SUFFIXES.contains(&word.to_lowercase().as_str())
}

/// Letters written against inline code with no space, an ending or a
/// prefix of the code's word (`` `.await`ing ``, `` `impl`ing ``,
/// `` un`pin` ``), or against an escaped underscore (`cmd\_regen`): part of
/// the identifier, not a word of its own.
fn glued_to_code(text: &str, tokens: &[Token], i: usize) -> bool {
    let code = |t: Option<&Token>| {
        t.is_some_and(|t| t.kind == TokenKind::Opaque && t.text(text).starts_with('`'))
    };
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    // An escaped underscore joining an identifier (`cmd\_regen\_makefile`).
    let escaped = |s: Option<&str>| s == Some("\\_");
    if escaped(
        tok.span
            .start
            .checked_sub(2)
            .and_then(|a| text.get(a..tok.span.start)),
    ) || escaped(text.get(tok.span.end..tok.span.end + 2))
    {
        return true;
    }
    let before = i
        .checked_sub(1)
        .and_then(|j| tokens.get(j))
        .filter(|t| t.span.end == tok.span.start);
    let after = tokens.get(i + 1).filter(|t| t.span.start == tok.span.end);
    code(before) || code(after)
}

/// A word cut off by a dash, the start of a real word: `I'm all out of
/// prac—`, `dinn—” she checked herself`, `experi-—what we're seeing`.
fn cut_off(cx: &Context<'_>, span: Range<usize>, word: &str) -> bool {
    dash_run(cx.text, span.end).is_some() && cx.dict.extends(&word.to_lowercase())
}

/// Letters of a word drawn out across dashes, as in a song or a cry:
/// `Beau—ootiful Soo—oop`. The pieces joined, with doubled letters made
/// single, are a known word or one edit from a common one (`beautiful`).
fn drawn_out(cx: &Context<'_>, span: Range<usize>) -> bool {
    let text = cx.text;
    let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let mut start = span.start;
    let mut end = span.end;
    let mut pieces = 1;
    // Pieces before: `Beau—` for `ootiful`.
    while let Some(run) = dash_run_before(text, start) {
        let before = text.get(..run).unwrap_or("");
        let len: usize = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if len == 0 || pieces >= 8 {
            break;
        }
        start = run - len;
        pieces += 1;
    }
    // Pieces after: `—oop` for `Soo`.
    while let Some(run) = dash_run(text, end) {
        let after = text.get(run..).unwrap_or("");
        let len: usize = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if len == 0 || pieces >= 8 {
            break;
        }
        end = run + len;
        pieces += 1;
    }
    if pieces < 2 {
        return false;
    }
    let Some(chain) = text.get(start..end) else {
        return false;
    };
    let mut joined = String::with_capacity(chain.len());
    for c in chain.chars().flat_map(char::to_lowercase) {
        if c.is_alphabetic() && !joined.ends_with(c) {
            joined.push(c);
        }
    }
    if !letters(&joined) || joined.chars().count() < 3 {
        return false;
    }
    cx.check(&joined) == Known::Yes
        || cx.dict.near(&joined, 1).iter().any(|(w, e)| {
            cx.dict.accepts(*e) && !e.is_rare() && e.count >= DRAWN_OUT_COUNT && w.len() > 3
        })
}

/// A drawn-out word must be one edit from a word at least this common.
const DRAWN_OUT_COUNT: u64 = 1_000_000;

/// Whether a capitalised unknown word mid-sentence could be flagged at all:
/// whether it is a listed misspelling, or a common proper name one
/// transposition away (the two ways the suggestion list can show it is a
/// slip, not a name). A necessary condition for the test on the list, found
/// without ranking suggestions: one word in two that reaches the rule is a
/// name used once, and most are far from every dictionary word, where a
/// full search is at its dearest. Memoised per thread.
fn may_be_slip_of_name(dict: &Dictionary, word: &str) -> bool {
    slip_memo(dict, word, 0, |lower| {
        !dict.known_misspelling(lower).is_empty()
            || dict.near(lower, 1).iter().any(|(form, e)| {
                dict.accepts(*e)
                    && e.count >= NAME_NEAR_COUNT
                    && case_of(form) != Case::Lower
                    && is_transposition(word, form)
            })
    })
}

/// A capitalised word this long that is one edit from a common lowercase
/// word is a slip of it rather than a name.
const LONG_SLIP_LEN: usize = 7;

/// Whether a capitalised word of [`LONG_SLIP_LEN`] letters or more is one
/// edit from a common word (not a name, at least [`TITLE_SLIP_COUNT`] uses)
/// with the same first letter: `Applicaion`, `Wrnings`, `Respegct`. Names
/// that long are seldom that close to a common word.
fn long_slip(dict: &Dictionary, word: &str) -> bool {
    if word.chars().count() < LONG_SLIP_LEN {
        return false;
    }
    slip_memo(dict, word, 1, |lower| {
        dict.near(lower, 1).iter().any(|(form, e)| {
            dict.accepts(*e)
                && !e.is_rare()
                && e.count >= TITLE_SLIP_COUNT
                && case_of(form) == Case::Lower
                && form.chars().next() == lower.chars().next()
                && !lower.starts_with(form)
        })
    })
}

/// Dictionary, question and word of a memoised [`slip_memo`] answer.
type SlipKey = (u64, u8, Box<str>);

/// Memoised per thread: the answer of `test` for the lowercase `word`, by
/// dictionary and question (`which`).
fn slip_memo(dict: &Dictionary, word: &str, which: u8, test: impl FnOnce(&str) -> bool) -> bool {
    thread_local! {
        static SEEN: RefCell<FxHashMap<SlipKey, bool>> = RefCell::default();
    }
    let key = (dict.cache_id(), which, Box::<str>::from(word));
    if let Some(hit) = SEEN.with(|m| m.borrow().get(&key).copied()) {
        return hit;
    }
    // The candidates `suggest` ranks come from the dictionary (names known
    // only from the name lists are never candidates) or the list of known
    // misspellings; a transposition is one edit away.
    let maybe = test(&normalize_apostrophes(word).to_lowercase());
    SEEN.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 100_000 {
            m.clear();
        }
        m.insert(key, maybe);
    });
    maybe
}

/// Whether `a` is `b` with two adjacent letters swapped (ignoring case).
fn is_transposition(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a.get(i) != b.get(i)).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && a.get(*i) == b.get(*j) && a.get(*j) == b.get(*i))
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

/// Whether `lower` is a known word (three letters or more) plus a regular
/// ending: `-s`, `-es`, `-d`, `-ed`, `-ing`, `-er(s)`, `-r(s)` after `e`,
/// with the final consonant doubled or not (`benefit` → `benefitted`).
fn inflects_known(dict: &Dictionary, lower: &str) -> bool {
    let known = |stem: &str| stem.chars().count() >= 3 && dict.check(stem) == Known::Yes;
    for suffix in ["s", "es", "d", "ed", "ing", "er", "ers", "r", "rs"] {
        let Some(stem) = lower.strip_suffix(suffix) else {
            continue;
        };
        if suffix.starts_with(['d', 'r']) && !stem.ends_with('e') {
            continue;
        }
        if known(stem) {
            return true;
        }
        // A doubled final consonant: `benefitt`+`ed`.
        let mut rev = stem.chars().rev();
        if let (Some(a), Some(b)) = (rev.next(), rev.next()) {
            if a == b && !"aeiou".contains(a) && suffix.starts_with(['e', 'i']) {
                let single = stem.strip_suffix(a).unwrap_or(stem);
                if known(single) {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    /// The flagged words at error level, and those at info level.
    fn by_level(text: &str) -> (Vec<&str>, Vec<&str>) {
        let diags = run(&Spelling, text);
        let pick = |info: bool| {
            diags
                .iter()
                .filter(|d| (d.severity == Severity::Info) == info)
                .filter_map(|d| text.get(d.span.clone()))
                .collect()
        };
        (pick(false), pick(true))
    }

    #[test]
    fn only_a_possible_slip_of_a_name_is_ranked() {
        let dict = Dictionary::new(crate::dictionary::Lang::EnUs);
        // A common name with two letters swapped, and a listed misspelling.
        assert!(may_be_slip_of_name(&dict, "Kremiln"));
        assert!(may_be_slip_of_name(&dict, "Recieve"));
        // Names one other edit from a word, and names far from any.
        for name in ["Witkoff", "Dmitriev", "Kirill", "Zelensky", "Dmitry"] {
            assert!(!may_be_slip_of_name(&dict, name), "{name}");
        }
        // The rule agrees: only the slip is flagged mid-sentence.
        let text = "Officials in the Kremiln met Witkoff and Dmitriev.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["Kremiln"]);
    }

    #[test]
    fn words_cut_off_by_a_dash_are_not_typos() {
        let text = "“I’m all out of prac—” she said. “At dinn—” and experi-—what we see.";
        assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
        // A misspelling before a dash is not the start of any word.
        let text = "We will recieve—and keep—the report, and teh— well.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["recieve", "teh"]);
    }

    #[test]
    fn prefixes_before_a_hyphen_are_not_words_of_their_own() {
        let text = "It is un-American; intra-departmental accounts.";
        assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
        // Without the hyphen and a word after it, `un` is no word.
        let text = "We went un the house.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["un"]);
    }

    #[test]
    fn words_drawn_out_across_dashes_are_not_typos() {
        let text = "Beau—ootiful Soo—oop! Soo—oop of the evening.";
        assert_eq!(flagged(text, &run(&Spelling, text)), Vec::<&str>::new());
        // Joined, the pieces must make a word.
        let text = "The idea—recieve it—came late.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["recieve"]);
    }

    #[test]
    fn two_content_words_written_solid_are_a_note() {
        let (errors, info) = by_level("Thank the warfighters; reward the risktakers.");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(info, ["warfighters", "risktakers"]);
        let diags = run(&Spelling, "We need risktakers.");
        let first = diags.first().and_then(|d| d.fixes.first());
        assert_eq!(
            first.map(|f| f.title.as_str()),
            Some("replace with `risk-takers`")
        );
        // Slips that split into words stay errors: a common word is near
        // (`careful`, `everything`), or a part is a function word.
        let (errors, info) = by_level("Be carefull with evething, and stayat home toknow it.");
        assert_eq!(errors, ["carefull", "evething", "stayat", "toknow"]);
        assert!(info.is_empty(), "{info:?}");
    }

    #[test]
    fn regular_forms_the_lists_lack_are_a_note() {
        let (errors, info) = by_level("Such devastations and timidities were pulpless.");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(info, ["devastations", "timidities", "pulpless"]);
        // Endings that change the stem are where misspellings are made.
        let (errors, _) = by_level("It was achieveable but it occured late.");
        assert_eq!(errors, ["achieveable", "occured"]);
        // Plurals of agent nouns, however rare the noun.
        let (errors, info) = by_level("The accessors call prefetchers, not formatters.");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(info, ["accessors", "prefetchers", "formatters"]);
    }

    #[test]
    fn regular_forms_of_known_words_are_flagged_but_never_safe() {
        let d = Dictionary::new(crate::dictionary::Lang::EnUs);
        for w in [
            "elations",
            "kidnaped",
            "benefitted",
            "benefitting",
            "leaguers",
        ] {
            assert!(inflects_known(&d, w), "{w}");
        }
        for w in ["recieved", "teh", "wendsday", "hte", "becuase"] {
            assert!(!inflects_known(&d, w), "{w}");
        }
        let text = "The elations of men.";
        let diags = run(&Spelling, text);
        assert!(diags.iter().all(|x| x
            .fixes
            .iter()
            .all(|f| f.applicability != Applicability::Safe)));
    }

    #[test]
    fn flags_misspellings_with_ranked_suggestions() {
        let text = "Recieve teh report on Wendsday.";
        let d = run(&Spelling, text);
        assert_eq!(flagged(text, &d), ["Recieve", "teh", "Wendsday"]);
        let firsts: Vec<_> = d
            .iter()
            .map(|d| d.fixes[0].edits[0].replacement.as_str())
            .collect();
        assert_eq!(firsts, ["Receive", "the", "Wednesday"]);
        assert_eq!(d[0].message, "unknown word `Recieve`");
    }

    #[test]
    fn context_picks_among_close_suggestions() {
        let first = |text: &str| {
            run(&Spelling, text)[0].fixes[0].edits[0]
                .replacement
                .clone()
        };
        assert_eq!(first("They ard coming."), "are");
        assert_eq!(first("Bread ard butter."), "and");
    }

    #[test]
    fn leaves_names_numbers_and_urls_alone() {
        let text = "Steve Witkoff met Kirill Dmitriev in Kyiv. Witkoff’s plan cost €21bn (£18.2bn) on 2025-04-11, see https://exmaple.com/teh or mail teh@exmaple.com and NATO.";
        assert!(
            run(&Spelling, text).is_empty(),
            "{:?}",
            run(&Spelling, text)
        );
    }

    #[test]
    fn rare_two_letter_words_that_swap_a_common_one_are_flagged() {
        let text = "It is a sense fo the world and it si fine.";
        let d = run(&Spelling, text);
        assert_eq!(flagged(text, &d), ["fo", "si"]);
        assert_eq!(d[0].fixes[0].edits[0].replacement, "of");
        assert_eq!(d[1].fixes[0].edits[0].replacement, "is");
        // Not as part of a compound: `Oh, my Ga-od!` draws out `God`.
        assert!(run(&Spelling, "Oh, my Ga-od!").is_empty());
    }

    #[test]
    fn a_sentence_may_begin_with_a_name_of_two_words() {
        let text = "Novo Nordisk said so. Nvidia rose. Unesco agreed. Kylian Mbappé scored.";
        assert!(
            run(&Spelling, text).is_empty(),
            "{:?}",
            run(&Spelling, text)
        );
        // A misspelt first word before a lowercase one is still flagged, and
        // a known misspelling before a capitalised one too.
        let text = "Becuase it rained. Teh President spoke.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["Becuase", "Teh"]);
    }

    #[test]
    fn particles_of_names_are_not_words() {
        let text = "Ursula von der Leyen met Mohammed bin Salman, a della Robbia, \
                    Ibn Battuta's heir ibn Rushd and Karl-Theodor zu Guttenberg.";
        assert!(
            run(&Spelling, text).is_empty(),
            "{:?}",
            run(&Spelling, text)
        );
        // Before a lowercase word they are checked as usual.
        let text = "We went von the road.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["von"]);
    }

    #[test]
    fn units_after_numbers_are_not_words() {
        let text = "It took 0.36 ns, then 12 µs, 20 mins, 5 mcg and 400 nm at 30 kts.";
        assert!(
            run(&Spelling, text).is_empty(),
            "{:?}",
            run(&Spelling, text)
        );
        // Without a number they are still unknown.
        let text = "The ns were many mins ago.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["ns", "mins"]);
    }

    #[test]
    fn roman_numerals_that_number_clauses_are_not_words() {
        for w in [
            "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xiv", "xl", "mcmxc",
        ] {
            assert!(is_roman_numeral(w), "{w}");
        }
        for w in ["iiii", "vv", "ic", "xm", "iix", "teh", "", "mmmm"] {
            assert!(!is_roman_numeral(w), "{w}");
        }
        // From the Apache and CC0 licences.
        let text = "(ii) ownership of fifty percent, or (iii) beneficial ownership; \
                    the rights in clause (iv) and [vi] apply.\nvii. Last item\nviii) Next \
                    by i) the code or ii) the version";
        assert!(
            run(&Spelling, text).is_empty(),
            "{:?}",
            run(&Spelling, text)
        );
        // A slip in running text is still one.
        let text = "The ii of them went home.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["ii"]);
    }

    #[test]
    fn flags_misspelt_names_near_common_ones() {
        let text = "Officials in the Kremiln said so.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["Kremiln"]);
        assert!(run(&Spelling, "spokesman Dmitry Peskov said").is_empty());
        assert!(is_transposition("Kremiln", "Kremlin"));
        assert!(!is_transposition("Dmitry", "Dmitri"));
    }

    #[test]
    fn dialect_and_accents() {
        assert!(run(&Spelling, "I was goin’ home in the coupé.").is_empty());
        let text = "I was goin home.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["goin"]);
    }

    #[test]
    fn old_words_after_an_apostrophe() {
        for text in [
            "‘Oh, ’tis love, ’tis love,’ said the Duchess.",
            "'Twas the night before Christmas.",
            "Under the stars (’neath the moon) we slept.",
        ] {
            assert!(run(&Spelling, text).is_empty(), "{text}");
        }
        // Without the apostrophe they are not words.
        let text = "Oh, tis love.";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["tis"]);
    }

    #[test]
    fn closed_compounds_are_words() {
        let text = "Counterterrorism cut the redtape at unobligated powerplants.";
        assert!(
            run(&Spelling, text).is_empty(),
            "{:?}",
            run(&Spelling, text)
        );
        // A known misspelling is no compound, nor is a pair so frequent
        // that writing it as one word is the usual slip.
        let text = "Wait untill everytime.";
        assert_eq!(
            flagged(text, &run(&Spelling, text)),
            ["untill", "everytime"]
        );
    }

    #[test]
    fn hyphenated_parts_are_checked() {
        let text = "a full-scale war and a ful-scale war";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["ful"]);
        // Split into syllables on purpose.
        assert!(run(&Spelling, "The bles-sed pre-cious!").is_empty());
    }

    #[test]
    fn all_caps_words_are_checked_case_insensitively() {
        assert!(run(&Spelling, "people are DYING").is_empty());
        let text = "people RECIEVE now";
        assert_eq!(flagged(text, &run(&Spelling, text)), ["RECIEVE"]);
        assert_eq!(
            run(&Spelling, text)[0].fixes[0].edits[0].replacement,
            "RECEIVE"
        );
    }

    #[test]
    fn title_case_slips_are_flagged_but_names_are_not() {
        // A capitalised word beside a capitalised common word is Title
        // Case: one edit from a common word, it is a slip.
        for text in [
            "Read the Project Managment Team guide.",
            "See the Office of Communiations today.",
            "## Advanecd Configuration",
        ] {
            let d = run(&Spelling, text);
            assert_eq!(d.len(), 1, "{text}: {d:?}");
            assert!(d[0].severity >= Severity::Warning, "{text}");
        }
        // Names beside names, and names far from any common word.
        for text in [
            "Thanks to Ivan Tse and Kirstin Heidler for this.",
            "We met Zorbak Nordisk there.",
        ] {
            let d = run(&Spelling, text);
            assert!(
                d.iter().all(|d| d.severity < Severity::Warning),
                "{text}: {d:?}"
            );
        }
    }

    #[test]
    fn unknown_words_in_a_list_of_names_are_notes() {
        let text = "Thanks to Ben Balter, parkr, Pat Hawks, dkalev, Alfred Xing and Zorba Quux.";
        let (errors, info) = by_level(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(info.contains(&"dkalev"), "{info:?}");
        // Ordinary prose with commas is no list of names.
        let (errors, _) = by_level("We came, we saw, we left, we ate, and we recieved it.");
        assert_eq!(errors, ["recieved"]);
        // A list item or a table cell that is only a name or two.
        let (errors, info) =
            by_level_md("- Aaron Sky\n- ajhit406\n- Aki\n- nscyclone\n- Recieve the mail\n");
        assert_eq!(errors, ["Recieve"]);
        assert_eq!(info, ["Aki", "nscyclone"]);
        // A slip inside the list, not an item of it, is still an error.
        let text =
            "Thanks to Ben Balter, parkr, Pat Hawks, dkalev, and Alfred Xing ofr their commits.";
        let (errors, info) = by_level(text);
        assert_eq!(errors, ["ofr"]);
        assert_eq!(info, ["parkr", "dkalev"]);
        // A note's fix is never applied unasked (`tasken` is a handle).
        let d = run(
            &Spelling,
            "Thanks to Ben Balter, sonnym, Pat Hawks, takuti, and tasken.",
        );
        assert!(d.iter().all(|x| x
            .fixes
            .iter()
            .all(|f| f.applicability != Applicability::Safe)));
    }

    /// Flagged words at error level and at info level, in Markdown.
    fn by_level_md(text: &str) -> (Vec<String>, Vec<String>) {
        use crate::document::Format;
        use crate::rules::testing::run_with;
        let d = run_with(
            &Spelling,
            text,
            Format::Markdown,
            crate::dictionary::Lang::EnUs,
        );
        let pick = |info: bool| {
            d.iter()
                .filter(|x| (x.severity == Severity::Info) == info)
                .map(|x| text[x.span.clone()].to_string())
                .collect::<Vec<_>>()
        };
        (pick(false), pick(true))
    }

    #[test]
    fn regular_forms_with_any_known_stem_are_notes() {
        let (errors, info) = by_level(
            "It was benchmarked, permissioned and firewalled; renderable, with findability, \
             and derandomized.",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            info,
            [
                "benchmarked",
                "permissioned",
                "firewalled",
                "renderable",
                "findability"
            ]
        );
        // A common word one edit away keeps the slip an error, and stems
        // changed by an ending are not regular forms.
        let (errors, _) = by_level("Open issues agains it, acceping sockets, achieveable.");
        assert_eq!(errors, ["agains", "acceping", "achieveable"]);
        // A regular form is never fixed unasked.
        let d = run(&Spelling, "It was permissioned.");
        assert!(d.iter().all(|x| x
            .fixes
            .iter()
            .all(|f| f.applicability != Applicability::Safe)));
    }

    #[test]
    fn letters_against_inline_code_are_part_of_it() {
        let (errors, info) = by_level_md("Spawn it, or `.await`ing it, or un`pin` it.\n");
        assert!(errors.is_empty() && info.is_empty(), "{errors:?} {info:?}");
        // Markdown escapes inside an identifier.
        let (errors, info) =
            by_level_md("Fix cmd\\_regen\\_makefile and uv\\_\\_idna\\_toascii now.\n");
        assert!(errors.is_empty() && info.is_empty(), "{errors:?} {info:?}");
        // A word after a space is a word.
        let (errors, _) = by_level_md("Use `x` recieving it.\n");
        assert_eq!(errors, ["recieving"]);
    }

    #[test]
    fn names_paths_and_labels_are_notes_or_left_alone() {
        // A hyphenated name whose other part is not a common word.
        let (errors, info) = by_level_md("All of io-uring’s features, and a well-knwn fact.\n");
        assert_eq!(errors, ["knwn"]);
        assert_eq!(info, ["io", "uring’s"]);
        // Package paths, calls and menu letters.
        let (errors, info) = by_level_md("The image/bmp package, Uitob(x) and (`L`)abel.\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(info, ["bmp", "abel"]);
        // A term a list item describes; coining suffixes after a hyphen.
        let (errors, info) =
            by_level_md("- Bitrig: no longer built.\n- Recieve: a slip.\n\nJekyll-ize it.\n");
        assert_eq!(errors, ["Recieve"]);
        assert!(info.is_empty(), "{info:?}");
        // Prefixes and endings written apart with a hyphen; a verb made of
        // a command with an apostrophe is a note, a slip in it is not.
        let (errors, info) = by_level_md(
            "The mis-imported package, cc-ing the team, exec'ing a tool, and a slpi.\n",
        );
        assert_eq!(errors, ["slpi"]);
        assert_eq!(info, ["exec'ing"]);
    }

    #[test]
    fn a_word_the_link_target_spells_is_a_note() {
        let (errors, info) = by_level_md(
            "- [Moby](https://mobyproject.org/) and [compress/flate](/pkg/compress/flate/).\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(info, ["Moby", "flate"]);
        // A heading's anchor copies the heading's typo: no evidence.
        let (errors, _) =
            by_level_md("See [recieve data](#recieve-data), [Zorbx](https://x.org/).\n");
        assert_eq!(errors, ["recieve"]);
    }

    #[test]
    fn words_only_the_larger_list_has_are_notes() {
        // `honoraria` and `cruft` are in cspell's en_US, not in the main lists.
        let (errors, info) =
            by_level_md("The honoraria were paid; the cruft remains; recieve it.\n");
        assert_eq!(errors, ["recieve"]);
        assert_eq!(info, ["honoraria", "cruft"]);
        // A known misspelling is never taken from the larger list.
        assert!(!crate::dictionary::in_larger_list("alway"));
        assert!(crate::dictionary::in_larger_list("Honoraria"));
        assert!(!crate::dictionary::in_larger_list("HONORARIA"));
        let d = run(&Spelling, "The cruft remains.");
        assert!(d[0]
            .fixes
            .iter()
            .all(|f| f.applicability == Applicability::Unsafe));
    }

    #[test]
    fn safe_only_when_unambiguous() {
        let d = run(&Spelling, "We recieve mail.");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        let d = run(&Spelling, "We shuold go.");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        // Short words have too many neighbours.
        let d = run(&Spelling, "We fnd it.");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
        let d = run(&Spelling, "Teh end.");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
        let d = run(&Spelling, "The witdh of it.");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);

        // A common word one edit away rivals the first suggestion even when
        // words that sound alike push it off the list (`pan't`: `pant`,
        // `can't`, `paint`, `point`, ...).
        let d = run(&Spelling, "We pan't go.");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);

        // Mid-sentence capitalised: could be a name.
        let d = run(&Spelling, "In the Kremiln today.");
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);

        // A different first letter: a prefixed term more often than a slip.
        for text in ["Link with pthreads here.", "Hash it with bcrypt now."] {
            let d = run(&Spelling, text);
            assert!(
                d.iter().all(|d| d
                    .fixes
                    .iter()
                    .all(|f| f.applicability != Applicability::Safe)),
                "{text}: {d:?}"
            );
        }

        // A word run together may be a compound the lists lack.
        let d = run(&Spelling, "The drawdown began.");
        assert!(d
            .iter()
            .all(|d| d.fixes[0].applicability == Applicability::Unsafe));
    }

    #[test]
    fn safe_fixes_weigh_every_rival_in_context() {
        let safe = |text: &str, word: &str| {
            let d = run(&Spelling, text);
            let d = d
                .iter()
                .find(|d| text.get(d.span.clone()) == Some(word))
                .expect("flagged");
            d.fixes[0].applicability == Applicability::Safe
        };
        // Short words are Safe when nothing else comes near.
        assert!(safe("Go hte way.", "hte"));
        assert!(safe("I foudn the key.", "foudn"));
        assert!(safe("It was the teh end.", "teh"));
        // `page` is far more common than `wage`, but not after `minimum`.
        assert!(!safe("We set a minimum pwage for workers.", "pwage"));
        // A known misspelling's correction (`your`) with a common rival
        // one edit away (`our`).
        assert!(!safe("Protecting oyur vital interests.", "oyur"));
        assert!(!safe("He wnt home.", "wnt"));
    }
}
