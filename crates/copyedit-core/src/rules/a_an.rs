//! `a-an`: an indefinite article that does not match the sound of the next
//! word (`a apple`, `an university`).

use super::{Context, Rule, WordInfo};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{case_of, Case, Known, Lang};
use crate::tokenize::neighbours::{spaced_word_after, spaced_word_before, token_after_space};
use crate::tokenize::{Token, TokenKind};

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "a-an",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Word,
    summary: "`a` before a vowel sound or `an` before a consonant sound",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "`a apple`, `an university`, `a hour`, `an FBI agent` by sound",
        severity_note: "",
        fix_note: "",
        safe_fixes: "`a` → `an` before a vowel sound (`a apple` → `an apple`).",
        unsafe_fixes: "\
            `an` → `a` (`an` before a consonant is as often a slip for `and`, `any` or `can`).",
    },
};

const CODE: &str = META.code;

const EXPLANATION: &str = "\
Flags `a` before a word that starts with a vowel sound and `an` before one
that starts with a consonant sound. What counts is the sound, not the
letter:

  a apple -> an apple        an university -> a university
  a hour -> an hour          an one-off -> a one-off
  a honest -> an honest      an European -> a European
  an user -> a user          a 8-year-old -> an 8-year-old
  a FBI agent -> an FBI agent   an NATO summit -> a NATO summit

The fix replaces the article and keeps its case (`An` -> `A`, `A` ->
`An`). It is applied unasked (Safe) outside direct quotations, and only
with `fix --unsafe` inside one.

How the sound is decided:
  - Words: by their first letter, with curated exceptions. Silent h takes
    `an`: hour, honest, honor/honour, heir and words built on them
    (hourly, honorable, heirloom), and in en-US `herb`. Vowel letters with
    a consonant sound take `a`: words starting eu- (euro, European,
    eulogy), ewe, one/once (but not onerous), ouija, and u- words said
    `you`: uni- (unit, uniform, union, university; but uninformed,
    unimportant are `un-`), unanimous, unary, use/usage/user, usual,
    usurp, utility, utensil, uterus, utopia, uranium, urine, urology,
    ubiquitous, ufo, ukulele, Ukraine, Uganda, Ulysses, Uruguay, Utah,
    uvula. Other u- words take `an` (unusual, umbrella, uncle, urban).
    `nth` takes `an`.
  - Numbers: by how they are read. 8, 11, 18, 80-89, 800-899, 8,000,
    11,000, 18,000, 80,000, ... (eight, eleven, eighteen, eighty, eight
    hundred, ...) take `an`; so do four-digit numbers read as years or
    hundreds, 1100-1199 and 1800-1899 (`an 1840s house`). A number
    written with a leading zero is left alone.
  - All-caps words of two to five letters are read letter by letter
    (`an FBI agent`, `an MP`, `an SUV`, `an HR manager`, `a UN vote`,
    `a US official`): the letter names A E F H I L M N O R S X start with
    a vowel sound. Acronyms read as words are curated and take `a`
    (NATO, NASA, FIFA, UEFA, UNESCO, SWAT, LASER, SIM, PIN, RAM, ...).
    A letter followed by digits goes by the letter (`an MP3`, `an F16`).
  - `mRNA`, `iPhone`: a lowercase letter before capitals is a letter name
    (`an mRNA vaccine`).

Precision comes first; when the sound is uncertain nothing is flagged:
  - `an historic`, `an hotel`, `an heroic`, `an hypothesis`, `an homage`
    and similar h- words with an unstressed first syllable, where `an` is
    an accepted (if old-fashioned) choice; `herb` outside en-US.
  - Acronyms whose reading varies (URL, SQL, FAQ, LED, LALR, NaN), unlisted
    all-caps words that could be read as words (`SARS`-like shapes), and
    all-caps words that are also common words (`a HUGE mistake` is
    emphasis, not `aitch-you-gee-ee`).
  - Words that are in no dictionary (names, typos: the spelling rule's
    business), proper names starting with u- (`Uzbek`, `Ulster`), words
    starting with x or y and a consonant, or a non-ASCII letter.
  - A pair that the bigram corpus attests almost as often as the
    correction.
  - When `a` is not the article: a capital `A` or `An` mid-sentence
    (`Plan A`, `grade A eggs`, Irish `An Post`), a single letter after it
    (`an A`, `a U.S. program`), `a` before and/or/is/of/in... (`a and b`),
    `a.m.`, `(a)`, list labels, a word joined by a hyphen (`a-hunting`),
    or an article followed by punctuation, quotation marks or code
    (`a \"apple\"`).";

/// The a/an rule.
pub struct AAn;

/// The sound a word starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sound {
    Vowel,
    Consonant,
}

/// Silent-h stems: words starting with these take `an`.
const SILENT_H: &[&str] = &["hour", "honest", "honor", "honour", "heir"];

/// h- words (prefixes) after which `an` is an accepted, older choice
/// (unstressed first syllable): never flagged after `an`.
const ARCHAIC_AN_H: &[&str] = &[
    "histor",
    "hotel",
    "heroic",
    "heredit",
    "habitual",
    "hypothe",
    "hysteric",
    "hilarious",
    "horrific",
    "horrend",
    "humongous",
    "hallucinat",
    "harass",
    "hercul",
    "homage",
    "humble",
    "hospita",
    "herbal",
    "heraldic",
    "horizon",
    "heterogene",
    "homogene",
];

/// Vowel-letter prefixes read with a consonant sound (`you`, `w`).
const CONSONANT_PREFIXES: &[&str] = &[
    "eu", "ewe", "ouija", "oaxac", "uni", "unanim", "unary", "use", "usa", "usu", "uti", "ute",
    "uto", "ura", "ure", "uri", "uro", "ubiq", "ufo", "uk", "ulysses", "urug", "uvul", "utah",
    "ugand",
];

/// Exceptions to `CONSONANT_PREFIXES` read with a vowel: `un-` + `in…`,
/// `im…`, `ill…`, and `Euler` (`oiler`).
const VOWEL_PREFIXES: &[&str] = &["unin", "unim", "unill", "euler"];

/// Prefixes whose reading varies (`unidentified` / `unidirectional`).
const UNSURE_PREFIXES: &[&str] = &["unid"];

/// Letters whose names start with a vowel sound.
const VOWEL_LETTERS: &str = "AEFHILMNORSX";

/// All-caps acronyms read as words that start with a consonant sound
/// although their first letter's name does not (or is `U`).
const WORD_ACRONYMS: &[&str] = &[
    "NATO", "NASA", "NAFTA", "NASDAQ", "NORAD", "NIMBY", "NOAA", "FIFA", "FEMA", "FAFSA", "FOMO",
    "FICO", "FOIA", "HUD", "HAMAS", "HIPAA", "HAZMAT", "HEPA", "LASER", "LIDAR", "LAN", "LIBOR",
    "MADD", "MENSA", "MERS", "MIDI", "MOOC", "MARTA", "RADAR", "RAID", "RAM", "ROM", "RICO",
    "SARS", "SALT", "SAM", "SCUBA", "SCOTUS", "SEAL", "SIM", "SNAFU", "SONAR", "START", "SWAT",
    "SCSI", "SATA", "SEPTA", "SHA", "SIMD", "SUNY", "NERF", "PIN", "UNESCO", "UNICEF", "UEFA",
    "UNIX", "USAID", "REPL", "MIME", "LINQ", "NUMA", "SAML", "SASL", "SOAP", "LAMP",
];

/// All-caps words read letter by letter although they look like words.
const INITIALISMS: &[&str] = &[
    "US", "MA", "LA", "FA", "SEC", "SUV", "HIV", "MIT", "NIH", "SOS", "RAF", "NEA", "NIMH", "HMO",
    "MLA", "NEC", "SOE", "MOU", "FAO", "RNA", "MBA", "HR", "ER", "MS", "MP",
];

/// Acronyms read either way (`a URL` / `an URL`): never flagged.
const AMBIGUOUS_ACRONYMS: &[&str] = &[
    "URL", "SQL", "FAQ", "LED", "LOL", "NAS", "SAT", "NIST", "NAN", "LALR",
];

/// Words after which `a` is not an article (`a and b`, `a is 2`), or
/// after which `an` is not English (`an die`, Shakespeare's `an it please`).
const NOT_AFTER_ARTICLE: &[&str] = &[
    "a", "an", "and", "or", "nor", "but", "is", "are", "am", "was", "were", "be", "in", "on", "at",
    "of", "to", "as", "if", "into", "onto", "upon", "it", "its", "us", "we", "he", "she", "they",
    "thou", "you", "the", "our", "other", "others", "either", "each", "all", "any", "up", "out",
    "off", "else", "der", "die", "den", "dem", "das",
];

/// A word with a corpus count at least this high, written in capitals, may
/// be emphasis rather than an acronym (`a HUGE mistake`).
const COMMON_WORD_COUNT: u64 = 50_000;

/// The article is not flagged when the bigram corpus has it before the word
/// at least 1/`ATTESTED_RATIO` as often as the correction.
const ATTESTED_RATIO: u64 = 4;

impl Rule for AAn {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut cursor = 0;
        for &p in cx.words.word_tokens() {
            let p = p as usize;
            // Only `a` and `an` (any case) can be an article: test the
            // length and first byte before anything else.
            let Some(tok) = cx.tokens.tokens.get(p) else {
                continue;
            };
            if tok.span.len() > 2
                || !matches!(cx.text.as_bytes().get(tok.span.start), Some(b'a' | b'A'))
            {
                continue;
            }
            let Some((tokens, base, i)) = super::block_tokens(cx, &mut cursor, p) else {
                continue;
            };
            if let Some(d) = check_article(cx, tokens, base, i) {
                if cx.full(out) {
                    return;
                }
                out.push(d);
            }
        }
    }
}

/// The article at token `i` of a block whose first token is token `base` of
/// the text.
fn check_article(cx: &Context<'_>, tokens: &[Token], base: usize, i: usize) -> Option<Diagnostic> {
    let tok = tokens.get(i)?;
    let article = tok.text(cx.text);
    let an = match article {
        "a" | "A" => false,
        "an" | "An" | "AN" => true,
        _ => return None,
    };
    if tok.is_hyphenated() {
        return None;
    }
    // The commonest case, decided from the word table: `a` before a
    // lowercase word starting with a consonant letter other than `h` and
    // `n` (whose sound is always a consonant, or unsure: never flagged).
    if !an {
        let next = token_after_space(tokens, i).map(|j| (j, tokens.get(j)));
        if let Some((j, Some(next))) = next {
            let consonant = matches!(
                cx.text.as_bytes().get(next.span.start),
                Some(b'b'..=b'd' | b'f' | b'g' | b'j'..=b'm' | b'p'..=b't' | b'v'..=b'z')
            );
            if consonant
                && next.kind == TokenKind::Word
                && cx.words.case(base + j) == Some(Case::Lower)
            {
                return None;
            }
        }
    }
    let prev = i.checked_sub(1).and_then(|k| tokens.get(k));
    let touching_prev = prev.filter(|p| !p.is_space() && p.span.end == tok.span.start);
    if let Some(p) = touching_prev {
        if p.kind != TokenKind::Punct
            || !matches!(p.text(cx.text), "“" | "\"" | "‘" | "(" | "[" | "—" | "–")
        {
            return None;
        }
    }
    // A capital mid-sentence is a letter, a grade or a name (`Plan A`).
    if article.bytes().any(|b| b.is_ascii_uppercase())
        && !tok.is_sentence_start()
        && touching_prev.is_none()
    {
        return None;
    }
    let j = token_after_space(tokens, i)?;
    let next = tokens.get(j)?;
    let word = next.text(cx.text);
    match next.kind {
        TokenKind::Word => {
            let lower = |w: &str| match cx.word_at(base + j) {
                Some(info) => std::borrow::Cow::Borrowed(&*info.lower),
                None => w.to_lowercase().into(),
            };
            if word.chars().count() < 2
                || (!is_upper_word(word) && NOT_AFTER_ARTICLE.contains(&&*lower(word)))
            {
                return None;
            }
        }
        TokenKind::Number => {}
        _ => return None,
    }
    if super::common::in_identifier(cx.text, tokens, j) {
        return None;
    }
    let shouting = article == "AN"
        || (article == "A"
            && is_upper_word(word)
            && (spaced_word_before(cx.text, tokens, i).is_some_and(is_upper_word)
                || spaced_word_after(cx.text, tokens, j).is_some_and(is_upper_word)));
    let sound = match next.kind {
        TokenKind::Number => number_sound(word, cx.lang)?,
        _ => word_token_sound(cx, word, cx.word_at(base + j), shouting)?,
    };
    let wants_an = sound == Sound::Vowel;
    if wants_an == an {
        return None;
    }
    // How a term the dictionary lacks, or knows only from the technical
    // vocabulary, is said is anyone's guess (`an npm`, `a url`, `an htop`).
    if next.kind == TokenKind::Word
        && case_of(word) == Case::Lower
        && cx.dict.count(word) == 0
        && cx.dict.entry(word).is_none_or(|e| e.is_rare())
    {
        return None;
    }
    let (used, suggested) = if an { ("an", "a") } else { ("a", "an") };
    // The bigram corpus is lowercase: it says nothing about acronyms.
    if next.kind == TokenKind::Word && !matches!(case_of(word), Case::Upper | Case::Mixed) {
        let attested = cx.dict.bigram(used, word);
        if attested > 0
            && attested.saturating_mul(ATTESTED_RATIO) >= cx.dict.bigram(suggested, word)
        {
            return None;
        }
    }
    let replacement = match (article, wants_an) {
        ("AN", _) => "A",
        ("A", true) if shouting => "AN",
        ("A", true) => "An",
        ("An", _) => "A",
        (_, true) => "an",
        (_, false) => "a",
    };
    // `an` before a consonant is as often a slip for `and`, `any` or `can`
    // as a wrong article: only `a` → `an` is applied unasked.
    // An acronym may be said as a word (`a REPL`, `a SWF`): never unasked.
    let acronym =
        next.kind == TokenKind::Word && matches!(case_of(word), Case::Upper | Case::Mixed);
    let applicability = if !wants_an || acronym {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    Some(
        Diagnostic::new(
            CODE,
            Severity::Warning,
            tok.span.clone(),
            format!("use `{suggested}` before `{word}`"),
        )
        .with_fix(Fix::new(
            format!("replace with `{replacement}`"),
            Edit::replace(tok.span.clone(), replacement),
            applicability,
        )),
    )
}

/// Two or more letters, all capitals.
fn is_upper_word(w: &str) -> bool {
    case_of(w) == Case::Upper
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

/// The sound of a letter's name.
fn letter_sound(c: char, lang: Lang) -> Option<Sound> {
    let c = c.to_ascii_uppercase();
    if !c.is_ascii_alphabetic() {
        return None;
    }
    if c == 'H' && lang == Lang::EnAu {
        // `haitch` is common in Australia.
        return None;
    }
    Some(if VOWEL_LETTERS.contains(c) {
        Sound::Vowel
    } else {
        Sound::Consonant
    })
}

/// The sound a Word token starts with, or `None` when unsure.
/// `info`: the word table's entry for the token (its dictionary answer is
/// used when the word has no possessive ending to strip).
fn word_token_sound(
    cx: &Context<'_>,
    word: &str,
    info: Option<&WordInfo>,
    shouting: bool,
) -> Option<Sound> {
    let whole = word;
    let word = strip_possessive(word);
    let known = |w: &str| match info {
        Some(info) if w.len() == whole.len() => info.known,
        _ => cx.check(w),
    };
    // `SUVs`, `MPs`: an acronym's plural.
    let acronym = word
        .strip_suffix('s')
        .filter(|stem| is_upper_word(stem))
        .unwrap_or(word);
    let lower: std::borrow::Cow<'_, str> = match info {
        Some(info) if word.len() == whole.len() => (&*info.lower).into(),
        _ => word.to_lowercase().into(),
    };
    match case_of(acronym) {
        Case::Upper => acronym_sound(cx, acronym, shouting),
        Case::Mixed => {
            if AMBIGUOUS_ACRONYMS.contains(&word.to_uppercase().as_str()) {
                return None;
            }
            let mut chars = word.chars();
            match (chars.next(), chars.next()) {
                // `mRNA`, `iPhone`, `eBay`: a letter name.
                (Some(a), Some(b)) if a.is_lowercase() && b.is_uppercase() => {
                    letter_sound(a, cx.lang)
                }
                _ => word_sound(&lower, cx.lang),
            }
        }
        case => {
            if known(word) == Known::No {
                return None;
            }
            let sound = word_sound(&lower, cx.lang)?;
            // A proper name starting with u-: `Uzbek`, `Ulster`, `Uriah`…
            let name_only = case == Case::Title && cx.check(&lower) == Known::No;
            if name_only && lower.starts_with('u') && sound == Sound::Vowel {
                return None;
            }
            Some(sound)
        }
    }
}

/// The sound of an all-caps word.
fn acronym_sound(cx: &Context<'_>, w: &str, shouting: bool) -> Option<Sound> {
    let first = w.chars().next()?;
    if AMBIGUOUS_ACRONYMS.contains(&w) {
        return None;
    }
    if WORD_ACRONYMS.contains(&w) {
        return Some(Sound::Consonant);
    }
    if INITIALISMS.contains(&w) {
        return letter_sound(first, cx.lang);
    }
    let lower = w.to_lowercase();
    let common = cx.dict.count(&lower) >= COMMON_WORD_COUNT;
    if shouting {
        // An all-caps heading: words are words.
        return if common || cx.check(&lower) == Known::Yes {
            word_sound(&lower, cx.lang)
        } else {
            None
        };
    }
    let n = w.chars().count();
    if !(2..=5).contains(&n) {
        return None;
    }
    let letters = letter_sound(first, cx.lang)?;
    if word_sound(&lower, cx.lang) == Some(letters) {
        return Some(letters);
    }
    // Emphasis (`a HUGE mistake`) or an unlisted acronym read as a word.
    if common || (n >= 3 && pronounceable(w)) {
        return None;
    }
    Some(letters)
}

/// Whether an all-caps word could be read as a word: a vowel, no three
/// consonants in a row, a plausible first and last consonant pair.
fn pronounceable(w: &str) -> bool {
    const ONSETS: &[&str] = &[
        "BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GR", "KL", "KN", "PH", "PL", "PR",
        "SC", "SH", "SK", "SL", "SM", "SN", "SP", "ST", "SW", "TH", "TR", "TW", "WH", "WR",
    ];
    const CODAS: &[&str] = &[
        "CH", "CK", "CT", "FF", "FT", "LD", "LF", "LK", "LL", "LM", "LP", "LT", "MB", "MP", "ND",
        "NG", "NK", "NT", "PT", "RB", "RD", "RK", "RM", "RN", "RP", "RT", "SC", "SH", "SK", "SP",
        "SS", "ST", "TH", "XT",
    ];
    let b = w.as_bytes();
    let vowel = |i: usize| match b.get(i) {
        Some(b'A' | b'E' | b'I' | b'O' | b'U') => true,
        Some(b'Y') => i > 0,
        _ => false,
    };
    let n = b.len();
    if !w.is_ascii() || n < 2 || !(0..n).any(vowel) {
        return false;
    }
    let mut run = 0;
    for i in 0..n {
        run = if vowel(i) { 0 } else { run + 1 };
        if run >= 3 {
            return false;
        }
    }
    let pair = |i: usize| w.get(i..i + 2).unwrap_or_default();
    if !vowel(0) && !vowel(1) && !ONSETS.contains(&pair(0)) {
        return false;
    }
    if !vowel(n - 1) && !vowel(n - 2) && b.last() != Some(&b'S') && !CODAS.contains(&pair(n - 2)) {
        return false;
    }
    true
}

/// The sound a lowercase word starts with, or `None` when unsure.
fn word_sound(w: &str, lang: Lang) -> Option<Sound> {
    let first = w.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let starts = |list: &[&str]| list.iter().any(|p| w.starts_with(p));
    match first {
        'h' => {
            if starts(SILENT_H) {
                Some(Sound::Vowel)
            } else if w == "herb" || w == "herbs" {
                (lang == Lang::EnUs).then_some(Sound::Vowel)
            } else if starts(ARCHAIC_AN_H) {
                None
            } else {
                Some(Sound::Consonant)
            }
        }
        'a' | 'e' | 'i' | 'o' | 'u' => {
            if starts(VOWEL_PREFIXES) {
                Some(Sound::Vowel)
            } else if starts(UNSURE_PREFIXES) {
                None
            } else if starts(CONSONANT_PREFIXES)
                || w == "once"
                || (w.starts_with("one") && !w.starts_with("oner") && !w.starts_with("onei"))
            {
                Some(Sound::Consonant)
            } else {
                Some(Sound::Vowel)
            }
        }
        'n' if w == "nth" => Some(Sound::Vowel),
        'x' => None,
        'y' => match w.chars().nth(1) {
            Some(c) if !"aeiou".contains(c) => None,
            _ => Some(Sound::Consonant),
        },
        _ => Some(Sound::Consonant),
    }
}

/// The sound of a number as read aloud, or `None` when unsure.
fn number_sound(s: &str, lang: Lang) -> Option<Sound> {
    let first = s.chars().next()?;
    if first.is_ascii_alphabetic() {
        // `MP3`, `F16`, `H1N1`, `x86`: by the letters (or a listed word).
        let prefix: String = s
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_uppercase();
        if AMBIGUOUS_ACRONYMS.contains(&prefix.as_str()) {
            return None;
        }
        if WORD_ACRONYMS.contains(&prefix.as_str()) {
            return Some(Sound::Consonant);
        }
        if prefix.len() >= 3 && pronounceable(&prefix) {
            return None;
        }
        return letter_sound(first, lang);
    }
    if !first.is_ascii_digit() {
        return None;
    }
    // The integer part, with its thousands separators.
    let mut int = String::new();
    let mut commas = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            int.push(c);
        } else if c == ',' && chars.peek().is_some_and(char::is_ascii_digit) {
            commas = true;
            int.push(c);
        } else {
            break;
        }
    }
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    if digits.len() > 1 && digits.starts_with('0') {
        return None; // `007`, `08`: read as "oh" or "zero".
    }
    let lead = if commas {
        int.split(',').next().unwrap_or("").to_string()
    } else if digits.len() == 4 {
        // Years and hundreds: `1850` is "eighteen fifty".
        digits.get(..2).unwrap_or_default().to_string()
    } else {
        let k = match digits.len() % 3 {
            0 => 3,
            k => k,
        };
        digits
            .get(..k.min(digits.len()))
            .unwrap_or_default()
            .to_string()
    };
    let vowel = match lead.len() {
        1 | 3 => lead.starts_with('8'),
        2 => lead.starts_with('8') || lead == "11" || lead == "18",
        _ => return None,
    };
    Some(if vowel {
        Sound::Vowel
    } else {
        Sound::Consonant
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run, run_with};
    use crate::Format;

    fn fixes(text: &str) -> Vec<String> {
        run(&AAn, text)
            .iter()
            .map(|d| d.fixes[0].edits[0].replacement.clone())
            .collect()
    }

    fn assert_clean(texts: &[&str]) {
        for text in texts {
            let d = run(&AAn, text);
            assert!(d.is_empty(), "{text}: {:?}", d);
        }
    }

    #[test]
    fn flags_article_with_span_message_and_fix() {
        let text = "I ate a apple.";
        let d = run(&AAn, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, 6..7);
        assert_eq!(d[0].message, "use `an` before `apple`");
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].rule, "a-an");
        assert_eq!(d[0].fixes[0].edits, [Edit::replace(6..7, "an")]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn words_by_sound() {
        for (text, art, fix) in [
            ("It was an university.", "an", "a"),
            ("Wait a hour.", "a", "an"),
            ("It was an one-off.", "an", "a"),
            ("He is an European.", "an", "a"),
            ("She is a honest woman.", "a", "an"),
            ("Log in as an user.", "an", "a"),
            ("It was an unique case.", "an", "a"),
            ("It is an uniform.", "an", "a"),
            ("It was an unit.", "an", "a"),
            ("a unusual day", "a", "an"),
            ("a uninformed guess", "a", "an"),
            ("a umbrella", "a", "an"),
            ("a heir", "a", "an"),
            ("a hourly rate", "a", "an"),
            ("a honorable man", "a", "an"),
            ("an usual thing", "an", "a"),
            ("an utopia", "an", "a"),
            ("an house", "an", "a"),
            ("a elephant", "a", "an"),
            ("a orange", "a", "an"),
            ("a idea", "a", "an"),
            ("an ewe", "an", "a"),
            ("an once-proud city", "an", "a"),
            ("an Ukrainian", "an", "a"),
            ("a nth-degree", "a", "an"),
            ("a herb garden", "a", "an"),
        ] {
            let d = run(&AAn, text);
            assert_eq!(flagged(text, &d), [art], "{text}");
            assert_eq!(fixes(text), [fix], "{text}");
        }
    }

    #[test]
    fn keeps_the_article_case() {
        assert_eq!(fixes("An university opened."), ["A"]);
        assert_eq!(fixes("A apple fell."), ["An"]);
        let text = "He said: “An university.”";
        let d = run(&AAn, text);
        assert_eq!(fixes(text), ["A"]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
        assert_eq!(fixes("A HOUR AGO"), ["AN"]);
        assert_eq!(fixes("AN UNIVERSITY"), ["A"]);
    }

    #[test]
    fn unsafe_inside_quotations() {
        let text = "He wrote “a apple” today.";
        let d = run(&AAn, text);
        assert_eq!(flagged(text, &d), ["a"]);
        assert_eq!(d[0].fixes[0].applicability, Applicability::Unsafe);
    }

    #[test]
    fn numbers_by_sound() {
        for (text, fix) in [
            ("a 8-year-old", "an"),
            ("a 11-year-old", "an"),
            ("a 18-hole course", "an"),
            ("a 80-page report", "an"),
            ("a 86% rise", "an"),
            ("a 800-page book", "an"),
            ("a 8,000-strong army", "an"),
            ("a 18,000 seat arena", "an"),
            ("a 11th-hour deal", "an"),
            ("a 8th grader", "an"),
            ("a 1840s house", "an"),
            ("a 8.5 rating", "an"),
            ("an 1-0 win", "a"),
            ("an 100-page report", "a"),
            ("an 180,000 increase", "a"),
            ("an 1,800 rise", "a"),
            ("an 2025 report", "a"),
            ("an 110-page report", "a"),
        ] {
            assert_eq!(fixes(text), [fix], "{text}");
        }
        assert_clean(&[
            "an 8-year-old",
            "an 11-year-old",
            "an 18th-century house",
            "a 1-0 win",
            "a 100-page report",
            "a 180,000 increase",
            "a 110-page report",
            "an 1850 law",
            "a 1950s car",
            "a 007 film",
            "an 08 plate",
        ]);
    }

    #[test]
    fn acronyms_by_letter_or_word() {
        for (text, fix) in [
            ("a FBI agent", "an"),
            ("an NATO summit", "a"),
            ("a MP said", "an"),
            ("an UN vote", "a"),
            ("a SUV", "an"),
            ("a HR manager", "an"),
            ("a MRI scan", "an"),
            ("a NHS trust", "an"),
            ("an US official", "a"),
            ("a MP3 player", "an"),
            ("a F16 jet", "an"),
            ("a MBA", "an"),
            ("a FBI's agent", "an"),
            ("a SUVs dealer", "an"),
            ("a mRNA vaccine", "an"),
            ("an UNESCO site", "a"),
            ("an SWAT team", "a"),
            ("a HTTP request", "an"),
            ("a MSRV of 1.32", "an"),
        ] {
            assert_eq!(fixes(text), [fix], "{text}");
        }
        assert_clean(&[
            "an FBI agent",
            "a NATO summit",
            "a NASA probe",
            "a FIFA rule",
            "a UEFA match",
            "a SWAT team",
            "a LASER pointer",
            "a SIM card",
            "a PIN code",
            "a REPL session",
            "a MIME type",
            "an MP",
            "a UN vote",
            "an SUV",
            "an HR manager",
            "a URL",
            "an URL",
            "an LED",
            "a LED",
            "an SQL query",
            "a SQL query",
            "an FAQ",
            "a FAQ",
            "an OPEC deal",
            "an AIDS clinic",
            "a US official",
            "a HUGE mistake",
            "a LOT of work",
            "a REAL problem",
            "a NEW idea",
            "a SARS outbreak",
            "a MERS case",
            "a FOMO thing",
            "an mRNA vaccine",
            "an iPhone",
            "an eBay seller",
            "a tRNA",
            "a pH of 7",
            "a McDonald's",
            "an MP3 player",
            "a SHA256 hash",
            "A HISTORY OF ROME",
            "AN HOUR AGO",
            "A FBI AGENT SAID",
            "a SIMD vector",
            "a RISC processor",
            "a NaN value",
            "an NaN value",
            "a LALR grammar",
            "an HTTP request",
        ]);
    }

    #[test]
    fn not_an_article_or_unsure() {
        assert_clean(&[
            // Capital A mid-sentence: a letter or a name.
            "Plan A is fine.",
            "They sell grade A eggs.",
            "He got an A in maths.",
            "She took a A minus.",
            "Go to An Post.",
            "It was Type A or B.",
            // Single letters and abbreviations.
            "a U.S. program",
            "an e-mail",
            "a x-ray",
            "at 9 a.m. every day",
            "(a) apple, (b) banana",
            "a. apple",
            // Function words: `a` is a variable or not English.
            "if a and b are equal",
            "where a is 2",
            "the sum of a or b",
            "an die Freude",
            "an it please you",
            // Hyphens and punctuation.
            "went a-hunting",
            "a \"apple\"",
            "a “apple”",
            "a, apple",
            "returns a error_code value",
            "a apple.rs file",
            "a\n\napple",
            // Accepted older usage and uncertain sounds.
            "an historic day",
            "An historic occasion",
            "an hotel",
            "an heroic effort",
            "an hypothesis",
            "an homage",
            "a homage",
            "a historic day",
            "a uni-directional line",
            "an unidentified man",
            "a unidirectional line",
            // Unknown words and names.
            "a ajdkfjs",
            "an Uzbek",
            "a Uzbek",
            "an Ulster man",
            "a xylophone",
            "an Xmas tree",
            "a ytterbium",
            "an élan",
            "an über-fan",
            // Correct already.
            "an hour",
            "an honest man",
            "a university",
            "a one-off",
            "a European",
            "a user",
            "an unusual day",
            "an uninformed guess",
            "a uniform",
            "a unit",
            "an umbrella",
            "an uncle",
            "an urban area",
            "an onerous task",
            "a eulogy",
            "an heir",
            "a hotel",
            "a house",
            "an Euler path",
        ]);
    }

    #[test]
    fn herb_depends_on_the_variant() {
        assert_eq!(fixes("a herb"), ["an"]);
        assert!(run(&AAn, "an herb").is_empty());
        let gb = run_with(&AAn, "a herb and an herb", Format::Plain, Lang::EnGb);
        assert!(gb.is_empty(), "{gb:?}");
    }

    #[test]
    fn across_one_line_break() {
        let text = "It took a\nhour.";
        assert_eq!(flagged(text, &run(&AAn, text)), ["a"]);
    }
}
