//! Which texts are English prose.
//!
//! copyedit checks English. Before a document is checked it is asked three
//! questions, all on its text and its path *string* (no file-system access):
//!
//! 1. **Is it prose?** ([`not_prose`]) Only for `.txt` and `.text` files
//!    found by a directory walk: program output, logs and word lists saved
//!    so are not prose. A file named on the command line, or added to the
//!    walk by `include`/`--glob`, is always checked.
//! 2. **Is it English?** ([`document_language`]) From, in order: a `lang`,
//!    `language` or `locale` key in the front matter, when it is a language
//!    tag (`language: go` is not);
//!    the letters of a sample of its prose (a majority of letters in a
//!    script other than Latin: not English); English function words in
//!    that sample, with `whatlang` naming the language; and a locale folder
//!    in the path (`/fr/`, `/pt-br/`, `/zh-cn/`), which counts when the
//!    text agrees: it does not read as English by its function words, or
//!    `whatlang` finds another language in it, or a fifth of its letters
//!    are in another script, or one of its paragraphs is in another
//!    language (with too few words to judge by function words, `whatlang`
//!    must find the folder's own language). So a folder `es/` of ECMAScript notes
//!    written in English, or a two-line English page in `it/`, is
//!    checked.
//! 3. **Which paragraphs are not English?** ([`foreign_block`]) In an
//!    English document, a block with enough words that reads as another
//!    language is not checked. Only blocks with a problem in them are
//!    asked, so clean text costs nothing.
//!
//! Independently of all this, a word with a letter of a script other than
//! Latin is never an English misspelling ([`has_non_latin_letter`]).

use std::fmt;

use crate::document::{Block, Document, PieceKind};

/// Why a text was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// The text is in another language.
    NotEnglish,
    /// A walked plain-text file that is not prose (program output, a log, a
    /// word list).
    NotProse,
}

impl SkipReason {
    /// Stable code used in JSON output: `not-english`, `not-prose`.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::NotEnglish => "not-english",
            SkipReason::NotProse => "not-prose",
        }
    }

    /// Words for people: `not English`, `not prose`.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotEnglish => "not English",
            SkipReason::NotProse => "not prose",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that was not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The reason.
    pub reason: SkipReason,
    /// Details: `French (front matter lang: fr)`, `most lines are not sentences`.
    pub detail: String,
}

/// Prose bytes sampled from a document for detection.
const SAMPLE_BYTES: usize = 2048;
/// Blocks of a document in a locale folder asked whether they are in
/// another language, when the document as a whole reads as English
/// (translated pages keep English titles, error messages and names).
const MAX_BLOCKS_ASKED: usize = 100;
/// Fewer letters than this in a sample: too little text to tell.
const MIN_LETTERS: usize = 40;
/// Fewer Latin words than this: too few to judge by function words.
const MIN_WORDS: usize = 12;
/// At least this share of English function words: the text reads as
/// English. English prose runs at 30–45% with the list below; technical
/// English full of names and commands still at 15–30%; French, German,
/// Spanish, Portuguese and Italian prose under 3%.
const ENGLISH_RATIO: f64 = 0.10;
/// Under this share, with `whatlang` sure of another language (its
/// `is_reliable`), Latin-script text is another language even without any
/// other hint.
const FOREIGN_RATIO: f64 = 0.04;
/// A block is judged only with at least this many words (Latin) or letters
/// (other scripts).
const BLOCK_MIN_WORDS: usize = 8;
const BLOCK_MIN_LETTERS: usize = 8;

/// Letter and word counts of a sample of text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    latin_letters: usize,
    other_letters: usize,
    /// Runs of Latin letters.
    words: usize,
    /// Of those, English function words.
    english: usize,
}

impl Counts {
    /// Count the letters and words of `text` (ASCII read a byte at a time:
    /// this runs on a sample of every file).
    fn add(&mut self, text: &str) {
        // The word so far, lowercased, when ASCII and short enough to be a
        // function word; `len` counts past the buffer.
        let mut buf = [0u8; 8];
        let mut len = 0usize;
        let mut ascii = true;
        let mut in_word = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let (c, width) = if b < 0x80 {
                (char::from(b), 1)
            } else {
                match text.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            i += width;
            if c.is_ascii_alphabetic() {
                self.latin_letters += 1;
                if let Some(slot) = buf.get_mut(len) {
                    *slot = b.to_ascii_lowercase();
                }
                len += 1;
                in_word = true;
                continue;
            }
            if !c.is_ascii() && c.is_alphabetic() {
                if is_latin(c) {
                    self.latin_letters += 1;
                    ascii = false;
                    len += 1;
                    in_word = true;
                    continue;
                }
                self.other_letters += 1;
            } else if in_word && matches!(c, '\'' | '’' | '-') {
                // `don't`, `all-in-one`: still one word.
                if let Some(slot) = buf.get_mut(len) {
                    *slot = if c == '-' { b'-' } else { b'\'' };
                }
                len += 1;
                continue;
            }
            if in_word {
                self.end_word(&buf, len, ascii);
                len = 0;
                ascii = true;
                in_word = false;
            }
        }
        if in_word {
            self.end_word(&buf, len, ascii);
        }
    }

    fn end_word(&mut self, buf: &[u8; 8], len: usize, ascii: bool) {
        self.words += 1;
        let word = buf.get(..len).filter(|_| ascii).unwrap_or(&[]);
        let word = std::str::from_utf8(word).unwrap_or("");
        self.english += usize::from(is_english_function_word(word));
    }

    fn letters(&self) -> usize {
        self.latin_letters + self.other_letters
    }

    /// Most letters are in scripts other than Latin.
    fn mostly_other_script(&self) -> bool {
        self.other_letters > self.latin_letters
    }

    fn english_ratio(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.english as f64 / self.words as f64
        }
    }
}

/// English words that are frequent in any English prose, technical or not,
/// and are not (common) words of the other languages written in Latin
/// script that docs are translated into. Left out on purpose: `a`, `in`,
/// `on`, `to`, `an`, `was`, `will`, `or`, `die`, `is` (Dutch, German,
/// French, Italian, Polish, Spanish words too).
fn is_english_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "and"
            | "of"
            | "that"
            | "it"
            | "for"
            | "you"
            | "with"
            | "this"
            | "are"
            | "be"
            | "can"
            | "not"
            | "your"
            | "from"
            | "by"
            | "have"
            | "has"
            | "which"
            | "when"
            | "we"
            | "if"
            | "how"
            | "what"
            | "there"
            | "their"
            | "they"
            | "these"
            | "those"
            | "should"
            | "would"
            | "could"
            | "about"
            | "into"
            | "only"
            | "also"
            | "then"
            | "than"
            | "but"
            | "its"
            | "our"
            | "been"
            | "were"
            | "each"
            | "other"
            | "all"
            | "any"
            | "more"
            | "use"
            | "using"
            | "used"
            | "does"
            | "do"
            | "it's"
            | "don't"
            | "you'll"
            | "you're"
            | "here"
            | "where"
            | "some"
            | "make"
            | "see"
            | "new"
            | "need"
            | "such"
            | "at"
            | "as"
            | "one"
            | "after"
            | "before"
            | "just"
            | "way"
            | "like"
            | "so"
            | "get"
    )
}

/// A letter of the Latin script (ASCII, Latin-1, Latin Extended, IPA,
/// Latin Extended Additional, fullwidth Latin).
fn is_latin(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z'
        | '\u{00AA}' | '\u{00BA}'
        | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FB00}'..='\u{FB06}'
        | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// Whether `word` has a letter in a script other than Latin (Cyrillic,
/// Greek, CJK, Arabic, Hebrew, Devanagari, Thai, ...): such a word is never
/// an English misspelling.
pub fn has_non_latin_letter(word: &str) -> bool {
    word.chars()
        .any(|c| !c.is_ascii() && c.is_alphabetic() && !is_latin(c))
}

/// The English name of the language `whatlang` finds in `text`, when it
/// is not English.
fn detected_name(text: &str) -> Option<(&'static str, bool)> {
    let info = whatlang::detect(text)?;
    if info.lang() == whatlang::Lang::Eng {
        return None;
    }
    Some((info.lang().eng_name(), info.is_reliable()))
}

/// ISO 639-1 → ISO 639-3 (whatlang's codes) for the locale codes whatlang
/// knows.
const ISO_639_3: &[(&str, &str)] = &[
    ("af", "afr"),
    ("am", "amh"),
    ("ar", "ara"),
    ("az", "aze"),
    ("be", "bel"),
    ("bg", "bul"),
    ("bn", "ben"),
    ("ca", "cat"),
    ("cs", "ces"),
    ("cy", "cym"),
    ("da", "dan"),
    ("de", "deu"),
    ("el", "ell"),
    ("eo", "epo"),
    ("es", "spa"),
    ("et", "est"),
    ("fa", "pes"),
    ("fi", "fin"),
    ("fr", "fra"),
    ("gu", "guj"),
    ("he", "heb"),
    ("hi", "hin"),
    ("hr", "hrv"),
    ("hu", "hun"),
    ("hy", "hye"),
    ("id", "ind"),
    ("it", "ita"),
    ("ja", "jpn"),
    ("ka", "kat"),
    ("km", "khm"),
    ("kn", "kan"),
    ("ko", "kor"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("mk", "mkd"),
    ("ml", "mal"),
    ("mr", "mar"),
    ("my", "mya"),
    ("nb", "nob"),
    ("ne", "nep"),
    ("nl", "nld"),
    ("no", "nob"),
    ("pa", "pan"),
    ("pl", "pol"),
    ("pt", "por"),
    ("ro", "ron"),
    ("ru", "rus"),
    ("si", "sin"),
    ("sk", "slk"),
    ("sl", "slv"),
    ("sr", "srp"),
    ("sv", "swe"),
    ("ta", "tam"),
    ("te", "tel"),
    ("th", "tha"),
    ("tl", "tgl"),
    ("tr", "tur"),
    ("uk", "ukr"),
    ("ur", "urd"),
    ("uz", "uzb"),
    ("vi", "vie"),
    ("zh", "cmn"),
];

/// Whether `whatlang` places `text` in the language of a locale `tag`
/// (`pt-br` → Portuguese), or in any language but English when it does
/// not know the tag's.
fn detected_as(text: &str, tag: &str) -> bool {
    let Some(info) = whatlang::detect(text) else {
        return false;
    };
    if info.lang() == whatlang::Lang::Eng {
        return false;
    }
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    match ISO_639_3.iter().find(|(two, _)| *two == primary) {
        Some((_, three)) => info.lang().code() == *three,
        None => true,
    }
}

/// The prose of a document, at most about [`SAMPLE_BYTES`] of it, taken
/// from blocks spread over the whole document.
fn sample(doc: &Document<'_>) -> String {
    let total: usize = doc.blocks.iter().map(prose_len).sum();
    let stride = (total / SAMPLE_BYTES).max(1);
    let mut out = String::with_capacity(SAMPLE_BYTES.min(total) + 64);
    for block in doc.blocks.iter().step_by(stride) {
        push_prose(&mut out, doc.text, block);
        if out.len() >= SAMPLE_BYTES {
            break;
        }
    }
    out
}

fn prose_len(block: &Block) -> usize {
    block
        .pieces
        .iter()
        .filter(|p| p.kind == PieceKind::Prose)
        .map(|p| p.span.len())
        .sum()
}

/// Append the prose of `block` to `out`, stopping after [`SAMPLE_BYTES`]
/// (a block may be a whole file of one paragraph).
fn push_prose(out: &mut String, text: &str, block: &Block) {
    let limit = out.len() + SAMPLE_BYTES;
    for piece in &block.pieces {
        if piece.kind != PieceKind::Prose {
            continue;
        }
        let start = piece.span.start;
        let mut end = piece.span.end.min(start + limit.saturating_sub(out.len()));
        while !text.is_char_boundary(end) && end > start {
            end -= 1;
        }
        if let Some(s) = text.get(start..end) {
            out.push_str(s);
            out.push(' ');
        }
        if out.len() >= limit {
            break;
        }
    }
    out.push('\n');
}

/// The language a document declares in its front matter (`lang`,
/// `language` or `locale`, YAML `---` or TOML `+++`), as written.
pub fn front_matter_lang(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let mut lines = text.lines();
    if lines.next()?.trim_end() != fence {
        return None;
    }
    // Front matter is short: never scan a whole large file for its end.
    for line in lines.take(200) {
        if line.trim_end() == fence {
            return None;
        }
        // Top-level keys only (no indentation).
        let Some((key, value)) = line.split_once([':', '=']) else {
            continue;
        };
        let key = key.trim_end();
        if !matches!(key, "lang" | "language" | "locale") {
            continue;
        }
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if !value.is_empty() {
            return Some(value);
        }
    }
    None
}

/// Whether a language tag (`en`, `en-US`, `en_GB`) is English.
fn is_english_tag(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    primary.eq_ignore_ascii_case("en") || primary.eq_ignore_ascii_case("eng")
}

/// ISO 639-1 codes of languages docs sites are commonly translated into
/// (not `en`). A path component must be one of these, alone or with a
/// region or script subtag, to count as a locale folder.
const LOCALE_CODES: &[&str] = &[
    "af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "eo", "es",
    "et", "eu", "fa", "fi", "fil", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "id",
    "is", "it", "ja", "ka", "kk", "km", "kn", "ko", "lo", "lt", "lv", "mk", "ml", "mn", "mr", "ms",
    "my", "nb", "ne", "nl", "nn", "no", "pa", "pl", "pt", "ro", "ru", "si", "sk", "sl", "sq", "sr",
    "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "uz", "vi", "zh",
];

/// Whether `s` is a locale tag other than English: a known language code,
/// optionally followed by `-`/`_` and a region (`BR`, `419`) or a script
/// (`Hans`): `fr`, `pt-br`, `zh_CN`, `zh-hant`, `es-419`.
fn locale_tag(s: &str) -> Option<&str> {
    let mut parts = s.splitn(2, ['-', '_']);
    let primary = parts.next()?;
    let lower = primary.to_ascii_lowercase();
    if !LOCALE_CODES.contains(&lower.as_str()) {
        return None;
    }
    if let Some(sub) = parts.next() {
        let region = sub.len() == 2 && sub.bytes().all(|b| b.is_ascii_alphabetic());
        let numeric = sub.len() == 3 && sub.bytes().all(|b| b.is_ascii_digit());
        let script = sub.len() == 4 && sub.bytes().all(|b| b.is_ascii_alphabetic());
        if !(region || numeric || script) {
            return None;
        }
    }
    Some(s)
}

/// A locale named by the path: a directory component that is a locale tag
/// (`docs/fr/intro.md`, `content/pt-br/`), or a last extension-like suffix
/// of the file name (`intro.fr.md`, Hugo's convention). English tags never
/// count.
pub fn path_locale(path: &str) -> Option<&str> {
    let mut components: Vec<&str> = path.split(['/', '\\']).filter(|c| !c.is_empty()).collect();
    let file = components.pop()?;
    for c in components.iter().rev() {
        if let Some(tag) = locale_tag(c) {
            return Some(tag);
        }
    }
    // `name.fr.md`: the part between the last two dots.
    let mut dots = file.rsplitn(3, '.');
    let (_ext, tag, stem) = (dots.next(), dots.next()?, dots.next()?);
    if stem.is_empty() {
        return None;
    }
    locale_tag(tag)
}

/// Decide whether a document is English. `None`: check it; `Some`: skip it
/// (the reason is [`SkipReason::NotEnglish`]). `path` is the name the file
/// was found under (only its text is looked at).
pub fn document_language(doc: &Document<'_>, path: &str) -> Option<Skip> {
    let skip = |detail: String| {
        Some(Skip {
            reason: SkipReason::NotEnglish,
            detail,
        })
    };
    if doc.format.is_markdown() {
        // Only a language tag counts: `language: go` on a page about Go
        // says nothing about the language it is written in.
        if let Some(tag) = front_matter_lang(doc.text) {
            if is_english_tag(tag) {
                return None;
            }
            if locale_tag(tag).is_some() {
                return skip(format!("front matter says `{tag}`"));
            }
        }
    }
    let sample = sample(doc);
    let mut counts = Counts::default();
    counts.add(&sample);
    let locale = path_locale(path);
    if counts.letters() >= MIN_LETTERS && counts.mostly_other_script() {
        let name = detected_name(&sample).map_or("another language", |(n, _)| n);
        return skip(format!("{name}, not in Latin script"));
    }
    let english = counts.words >= MIN_WORDS && counts.english_ratio() >= ENGLISH_RATIO;
    if let Some(tag) = locale {
        // The path names a locale: the text must read as English, by its
        // function words and by `whatlang` (translated pages keep English
        // error messages, code comments and names), to be checked.
        let detected = detected_name(&sample);
        // Too little text to judge by function words: `whatlang` must find
        // the locale's own language (a short English page in `it/` is
        // checked).
        let enough = counts.words >= MIN_WORDS;
        let agrees = (enough && !english)
            || (english && detected.is_some())
            || (!enough && detected_as(&sample, tag))
            || (counts.other_letters > 0 && counts.other_letters * 5 >= counts.letters())
            || doc
                .blocks
                .iter()
                .take(MAX_BLOCKS_ASKED)
                .any(|b| block_is_foreign(doc.text, b, Some(tag)));
        if !agrees {
            return None;
        }
        return skip(match detected {
            Some((name, _)) => format!("{name}, in a `{tag}` folder"),
            None => format!("in a `{tag}` folder"),
        });
    }
    if english {
        return None;
    }
    if counts.words >= MIN_WORDS && counts.english_ratio() < FOREIGN_RATIO {
        if let Some((name, true)) = detected_name(&sample) {
            return skip(name.to_string());
        }
    }
    None
}

/// Whether a block of an English document reads as another language (then
/// it is not checked): enough letters mostly of another script, or enough
/// Latin words with almost no English function word that `whatlang` places
/// in another language.
pub fn foreign_block(text: &str, block: &Block) -> bool {
    block_is_foreign(text, block, None)
}

/// [`foreign_block`]; with the `locale` the path names, 5 words are
/// enough, and `whatlang` need not be sure but must find that locale's
/// language.
fn block_is_foreign(text: &str, block: &Block, locale: Option<&str>) -> bool {
    let mut prose = String::new();
    push_prose(&mut prose, text, block);
    let mut counts = Counts::default();
    counts.add(&prose);
    if counts.mostly_other_script() {
        return counts.other_letters >= BLOCK_MIN_LETTERS;
    }
    let min_words = if locale.is_some() { 5 } else { BLOCK_MIN_WORDS };
    if counts.words < min_words || counts.english_ratio() >= FOREIGN_RATIO {
        return false;
    }
    match locale {
        Some(tag) => detected_as(&prose, tag),
        None => detected_name(&prose).is_some_and(|(_, reliable)| reliable),
    }
}

/// Whether a walked file is one [`not_prose`] is asked about: a plain-text
/// file by its default extension (`.txt`, `.text`). Files a project adds
/// to the walk (`include`, `--glob`) were asked for, and are checked.
pub fn sniffed_for_prose(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    !ext.contains(['/', '\\'])
        && (ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("text"))
}

/// Lines looked at to decide whether a plain-text file is prose.
const SNIFF_LINES: usize = 400;

/// Whether a line reads as a sentence (or part of one wrapped over lines):
/// at least four words of letters, and letters and spaces make most of it.
fn prose_line(line: &str) -> bool {
    let line = line.trim();
    let mut words = 0;
    let mut in_word = false;
    let mut letters = 0usize;
    let mut spaces = 0usize;
    let mut chars = 0usize;
    for c in line.chars() {
        chars += 1;
        if c.is_alphabetic() {
            letters += 1;
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            if c == ' ' {
                spaces += 1;
            }
            in_word = c == '\'' || c == '’' || c == '-';
        }
    }
    words >= 4 && (letters + spaces) * 100 >= chars * 80
}

/// Whether a line looks like program output: a compiler's diagnostic and
/// its source excerpt (`error[E0425]:`, ` --> src/main.rs:2:13`, `  |`,
/// `^^^`), a shell prompt, test runner lines (`=== RUN`, `--- FAIL`), a
/// stack trace, or a log line with a level (`INFO`, `WARN`, `ERROR`).
fn output_line(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "error[",
        "error:",
        "warning:",
        "warning[",
        "note:",
        "help:",
        "= note:",
        "= help:",
        "-->",
        "|",
        "^",
        "$ ",
        ">>> ",
        "Compiling ",
        "Finished ",
        "Running ",
        "=== RUN",
        "--- PASS",
        "--- FAIL",
        "--- SKIP",
        "ok  ",
        "FAIL",
        "PASS",
        "panic:",
        "goroutine ",
        "Traceback ",
        "File \"",
        "at ",
        "npm ERR!",
        "npm WARN",
    ];
    let t = line.trim_start();
    if STARTS.iter().any(|s| t.starts_with(s)) {
        // `at the end of ...` in wrapped prose: a stack frame has `(...:N)`.
        return !t.starts_with("at ") || (t.contains('(') && t.contains(':'));
    }
    // `2 |     let x = fooo;`: a numbered source line.
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && t.get(digits..)
            .is_some_and(|r| r.trim_start().starts_with('|'))
    {
        return true;
    }
    t.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        matches!(
            w,
            "INFO" | "WARN" | "WARNING" | "ERROR" | "DEBUG" | "TRACE" | "FATAL"
        )
    })
}

/// Whether a plain-text file is something other than prose: program output
/// (compiler runs, test logs), a log, a word list or a table of data.
/// The first [`SNIFF_LINES`] non-blank lines are read; the file is prose
/// when lines that read as sentences hold at least half of their
/// characters and fewer than a quarter of the lines look like program
/// output ([`output_line`]). `None`: prose; `Some(detail)`: not prose.
pub fn not_prose(text: &str) -> Option<Skip> {
    let mut total = 0usize;
    let mut prose = 0usize;
    let mut lines = 0usize;
    let mut output = 0usize;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
    {
        lines += 1;
        if output_line(line) {
            output += 1;
            continue;
        }
        let len = line.trim().len();
        total += len;
        if prose_line(line) {
            prose += len;
        }
    }
    let mostly_output = output >= 2 && output * 4 >= lines;
    // One or two short lines are a note, not a word list.
    if lines < 3 || (prose * 2 >= total && !mostly_output) {
        return None;
    }
    Some(Skip {
        reason: SkipReason::NotProse,
        detail: "most lines are not sentences (program output, a log or a word list)".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn lang_of(text: &str, format: Format, path: &str) -> Option<Skip> {
        let doc = Document::parse(text, format);
        document_language(&doc, path)
    }

    fn skipped(text: &str, path: &str) -> bool {
        let format = crate::document::Format::from_path(std::path::Path::new(path));
        lang_of(text, format, path).is_some()
    }

    const ENGLISH_TECH: &str = "\
# Configuring the build

Run `npm install` and then `astro build`. The `outDir` option sets where \
files go; see `astro.config.mjs` for the defaults.

```js
export default defineConfig({ outDir: './dist' });
```

Use `getStaticPaths()` with `Astro.props` if you need dynamic routes.
";

    #[test]
    fn short_english_technical_pages_are_checked() {
        assert!(!skipped(ENGLISH_TECH, "docs/guide.md"));
        assert!(!skipped(ENGLISH_TECH, "src/content/docs/en/guide.mdx"));
        assert!(!skipped("Install it.\n", "README.md"));
        assert!(!skipped(
            "# API\n\n`fetch()`, `Response`, `Request`.\n",
            "api.md"
        ));
        // Names and commands, few sentences.
        let names = "# Changelog\n\n- Bump `vite` to 5.2 (@bluwy)\n- Fix `astro:assets` on Vercel (#1234)\n- Netlify adapter: Deno support\n";
        assert!(!skipped(names, "CHANGELOG.md"));
        // An `es/` or `it/` folder whose pages are English is checked.
        assert!(!skipped(ENGLISH_TECH, "notes/es/modules.md"));
        assert!(!skipped(ENGLISH_TECH, "docs/it/setup.md"));
        let lists = "# Release notes\n\n- Gem dependencies updated: bump rouge, kramdown, liquid\n\
                     - Environments, Markdown Options, Liquid Options, Sass Options\n\n\
                     This release fixes the build on Windows and adds the new options that \
                     were asked for in the last survey, with the docs for each of them.\n";
        assert!(!skipped(lists, "docs/es/notes.md"));
        assert!(!skipped(lists, "docs/nl/notes.md"));
        // A page about other languages, mostly English.
        let about = "The French word *bonjour* means hello, and the Japanese 日本語 means the \
                     Japanese language. You can use these examples in your own tests when you \
                     need them for the translations of the site.";
        assert!(!skipped(about, "i18n.md"));
    }

    #[test]
    fn english_prose_is_checked() {
        let text = "Officials will receive the proposal on Wednesday, and the summit could \
                    follow within weeks if both sides agree to the terms that were set out.";
        assert!(!skipped(text, "news.txt"));
        assert!(
            !skipped(text, "fr/news.txt"),
            "a locale folder needs the text to agree"
        );
    }

    #[test]
    fn french_german_spanish_portuguese_pages_are_skipped() {
        let fr = "Astro est un framework web tout-en-un conçu pour la vitesse. Récupérez votre \
                  contenu depuis n'importe où et déployez-le partout, le tout propulsé par vos \
                  composants et bibliothèques d'interface utilisateur préférés.";
        let de = "Astro ist ein All-in-One-Webframework, das auf Geschwindigkeit ausgelegt ist. \
                  Hole deine Inhalte von überall her und stelle sie überall bereit, alles \
                  angetrieben von deinen bevorzugten Komponenten und Bibliotheken.";
        let es = "Astro es un framework web todo en uno diseñado para la velocidad. Obtén tu \
                  contenido desde cualquier lugar y despliégalo en todas partes, todo impulsado \
                  por tus componentes y bibliotecas de interfaz de usuario favoritos.";
        let pt = "Astro é um framework web tudo-em-um feito para velocidade. Puxe seu conteúdo \
                  de qualquer lugar e faça deploy em qualquer lugar, tudo com seus componentes \
                  e bibliotecas de interface de usuário favoritos.";
        for (text, name) in [
            (fr, "French"),
            (de, "German"),
            (es, "Spanish"),
            (pt, "Portuguese"),
        ] {
            let skip = lang_of(text, Format::Markdown, "docs/page.md").expect(name);
            assert_eq!(skip.reason, SkipReason::NotEnglish);
            assert!(skip.detail.contains(name), "{name}: {}", skip.detail);
            // In a locale folder too.
            assert!(skipped(text, "src/content/docs/fr/page.mdx"), "{name}");
        }
    }

    #[test]
    fn japanese_chinese_russian_pages_are_skipped() {
        let ja = "Astroは、スピードを重視したオールインワンのWebフレームワークです。\
                  あらゆる場所からコンテンツを取得し、どこにでもデプロイできます。";
        let zh = "Astro 是一个为速度而设计的一体化 Web 框架。从任何地方获取内容，\
                  部署到任何地方，全部由你最喜欢的 UI 组件和库提供支持。";
        let ru = "Astro — это универсальный веб-фреймворк, созданный для скорости. \
                  Получайте контент откуда угодно и развёртывайте его где угодно.";
        for text in [ja, zh, ru] {
            assert!(skipped(text, "page.md"), "{text}");
        }
    }

    #[test]
    fn locale_folder_and_short_foreign_text() {
        // Too short to judge by words, but the folder says French and the
        // text does not read as English.
        assert!(skipped(
            "---\ntitle: Démarrage\n---\nBienvenue.\n",
            "docs/fr/start.md"
        ));
        assert!(skipped(
            "# Inicio\n\nBienvenido a la documentación.\n",
            "content/es-419/index.md"
        ));
        assert!(skipped(
            "# Início\n\nBem-vindo à documentação do projeto.\n",
            "docs/index.pt-br.md"
        ));
        // Without the folder, a short text is checked.
        assert!(!skipped("Bienvenue.\n", "docs/start.md"));
        // A short English page in a folder named like a locale is checked.
        assert!(!skipped(
            "# IT support\n\nContact the helpdesk.\n",
            "docs/it/index.md"
        ));
        assert!(!skipped(
            "# Identity\n\nSee the login page.\n",
            "docs/id/index.md"
        ));
        assert!(!skipped(
            "# Notes\n\nNothing here yet.\n",
            "notes/no/index.md"
        ));
        // A translated page that kept its English title and error message.
        let text = "---\ntitle: Route not found.\n---\n\n> **RouteNotFound**: Astro could not \
                    find a route that matches the one you requested.\n\n## 무엇이 잘못되었나요?\n\
                    Astro는 사용자가 제공한 경로와 일치하는 경로를 찾을 수 없습니다.\n";
        assert!(skipped(text, "docs/ko/errors/route-not-found.mdx"));
        let text = "---\ntitle: Forbidden rewrite.\n---\n\n> **ForbiddenRewrite**: You tried \
                    to rewrite the route, which is not allowed when the route is prerendered \
                    and you are using the static output, so you should change it.\n\n\
                    ## ¿Qué salió mal?\nIntentaste reescribir una ruta prerenderizada, lo cual \
                    no está permitido en el modo de salida estática del proyecto.\n";
        assert!(skipped(text, "docs/es/errors/forbidden-rewrite.mdx"));
        assert!(!skipped(text, "docs/errors/forbidden-rewrite.mdx"));
        let text = "---\ntitle: No se puede optimizar el SVG.\n---\n\n> An error occurred while \
                    optimizing the SVG file with the optimizer, and the build stopped because \
                    of it.\n";
        assert!(skipped(text, "docs/es/errors/cannot-optimize-svg.mdx"));
    }

    #[test]
    fn front_matter_is_honoured() {
        let text = "---\ntitle: Intro\nlang: fr\n---\nThis page is written in English anyway, and \
                    it is about the way that things are done.\n";
        let skip = lang_of(text, Format::Markdown, "intro.md").unwrap();
        assert!(skip.detail.contains("`fr`"), "{}", skip.detail);
        let text = "+++\nlocale = \"en-GB\"\n+++\nLa page est en français, mais elle dit en.\n";
        assert!(lang_of(text, Format::Markdown, "fr/intro.md").is_none());
        // Not a language tag: ignored.
        for key in [
            "language: go",
            "language: JavaScript",
            "lang: ruby",
            "language: es6",
        ] {
            let text = format!("---\n{key}\n---\n{ENGLISH_TECH}");
            assert!(lang_of(&text, Format::Markdown, "a.md").is_none(), "{key}");
        }
        let text = format!("---\nlang: pt-BR\n---\n{ENGLISH_TECH}");
        assert!(lang_of(&text, Format::Markdown, "a.md").is_some());
        assert_eq!(front_matter_lang("---\nlanguage: 'ja'\n---\n"), Some("ja"));
        assert_eq!(front_matter_lang("---\n  lang: ja\n---\n"), None);
        assert_eq!(front_matter_lang("---\ntitle: x\n---\nlang: ja\n"), None);
        assert_eq!(front_matter_lang("lang: ja\n"), None);
    }

    #[test]
    fn path_locales() {
        assert_eq!(
            path_locale("src/content/docs/pt-br/guide.mdx"),
            Some("pt-br")
        );
        assert_eq!(path_locale("docs/zh_CN/a.md"), Some("zh_CN"));
        assert_eq!(path_locale("docs/zh-hant/a.md"), Some("zh-hant"));
        assert_eq!(path_locale("content/about.fr.md"), Some("fr"));
        assert_eq!(path_locale("docs/en/a.md"), None);
        assert_eq!(path_locale("docs/en-us/a.md"), None);
        assert_eq!(path_locale("go/doc/a.md"), None);
        assert_eq!(path_locale("docs/fr.md"), None);
        assert_eq!(path_locale("docs/frontend/a.md"), None);
        assert_eq!(path_locale("docs/de-facto/a.md"), None);
        assert_eq!(path_locale(".fr.md"), None);
        assert_eq!(path_locale(""), None);
    }

    #[test]
    fn foreign_blocks() {
        let text = "The setup is simple and you can run it from the command line.\n\n\
                    Ceci est un paragraphe écrit en français pour les lecteurs qui préfèrent \
                    cette langue aux autres.\n\n这是一个用中文写的段落。\n\nHello.\n\n\
                    Run the command with `--force` if the files are already there.\n";
        let doc = Document::parse(text, Format::Markdown);
        let foreign: Vec<bool> = doc.blocks.iter().map(|b| foreign_block(text, b)).collect();
        assert_eq!(foreign, [false, true, true, false, false]);
        // Short technical English with few function words is English.
        let text = "- Fixing \"vertycal\" typo in site template's `_base.scss` (#2889)\n\
                    - Check symlink outside site_source without Pathutil (#9015)\n\
                    - Environments, Markdown Options, Liquid Options, Sass/SCSS Options, \
                    Webrick Options\n\
                    - Gem dependencies updated: bump rouge, kramdown, liquid versions\n";
        let doc = Document::parse(text, Format::Markdown);
        assert!(doc.blocks.iter().all(|b| !foreign_block(text, b)));
    }

    #[test]
    fn non_latin_letters() {
        for w in ["мир", "日本語", "λέξη", "שלום", "नमस्ते", "สวัสดี", "αβγ-test"]
        {
            assert!(has_non_latin_letter(w), "{w}");
        }
        for w in ["naïve", "café", "Ærø", "Łódź", "word", "don't", "ﬁne", "x²"] {
            assert!(!has_non_latin_letter(w), "{w}");
        }
    }

    #[test]
    fn not_prose_files() {
        let compiler = "\
$ cargo run
   Compiling hello v0.1.0 (/tmp/hello)
error[E0308]: mismatched types
 --> src/main.rs:2:18
  |
2 |     let x: u32 = \"a\";
  |            ---   ^^^ expected `u32`, found `&str`
  |            |
  |            expected due to this
";
        assert!(not_prose(compiler).is_some());
        let go_test = "=== RUN   TestHello\n--- PASS: TestHello (0.00s)\n=== RUN   TestBye\n\
                       --- FAIL: TestBye (0.01s)\n    bye_test.go:12: got \"bye\", want \"see you later, my friend\"\n\
                       FAIL\nexit status 1\nFAIL\texample.com/hello\t0.002s\n";
        assert!(not_prose(go_test).is_some());
        let messages = "error: could not compile `demo` due to 1 previous error and a warning\n\
                        warning: unused variable: `x` in the function that builds the tree\n\
                        For more information about this error, try running the explain command.\n";
        assert!(not_prose(messages).is_some());
        let words = "apple\nbanana\ncherry\ndate\nelderberry\nfig\n";
        assert!(not_prose(words).is_some());
        let log = "2024-01-02T10:00:01Z INFO server started port=8080\n\
                   2024-01-02T10:00:02Z WARN slow request path=/api/v1/users ms=1234\n\
                   2024-01-02T10:00:03Z INFO the request was served in the end after a retry\n";
        assert!(not_prose(log).is_some());
        let data = "id,name,price\n1,apple,0.5\n2,pear,0.75\n";
        assert!(not_prose(data).is_some());
    }

    #[test]
    fn prose_files_are_prose() {
        let wrapped = "This is a plain text note that is wrapped at a fixed width,\n\
                       the way many README files and licences are written, with\n\
                       sentences running over several lines.\n\n\
                       1. A numbered item with enough words in it.\n\
                       2. Another item.\n\nTITLE\n=====\n";
        assert!(not_prose(wrapped).is_none());
        assert!(not_prose("Remember to buy some milk today.\n").is_none());
        assert!(not_prose("").is_none());
        assert!(not_prose("Teh notes.\n").is_none());
        assert!(not_prose("apple\nbanana\n").is_none());
        assert!(not_prose("\n\n  \n").is_none());
        let poem = "The woods are lovely, dark and deep,\nBut I have promises to keep,\n\
                    And miles to go before I sleep,\nAnd miles to go before I sleep.\n";
        assert!(not_prose(poem).is_none());
        // Prose that mentions errors and has a shell example.
        let howto = "If the build fails with an error, read the message: it names the file\n\
                     and the line. Then run the command again, for example:\n\n    $ make all\n\n\
                     At the end of the run, the output is written to the build folder, and\n\
                     the log records every step so that you can find what went wrong.\n";
        assert!(not_prose(howto).is_none());
    }

    #[test]
    fn which_files_are_sniffed() {
        assert!(sniffed_for_prose("logs/output.txt"));
        assert!(sniffed_for_prose("NOTES.TEXT"));
        assert!(!sniffed_for_prose("docs/notes.rst"));
        assert!(!sniffed_for_prose("docs/a.md"));
        assert!(!sniffed_for_prose("v1.txt/README"));
        assert!(!sniffed_for_prose("README"));
    }

    #[test]
    fn counting_words() {
        let mut c = Counts::default();
        c.add("The don't all-in-one café, naïve: and — 日本 of THE\nit's");
        assert_eq!(c.words, 9, "{c:?}");
        // the, don't, and, of, THE, it's
        assert_eq!(c.english, 6, "{c:?}");
        assert_eq!(c.other_letters, 2);
        let mut c = Counts::default();
        c.add("understanding thereof");
        assert_eq!((c.words, c.english), (2, 0));
    }

    #[test]
    fn huge_blocks_are_sampled() {
        let text = "é".repeat(5 * SAMPLE_BYTES);
        let doc = Document::parse(&text, Format::Plain);
        let mut out = String::new();
        push_prose(&mut out, &text, &doc.blocks[0]);
        assert!(out.len() <= SAMPLE_BYTES + 2 && out.len() >= SAMPLE_BYTES - 2);
        assert!(!foreign_block(&text, &doc.blocks[0]));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "---",
            "---\n",
            "+++\nlang",
            "\u{feff}---\nlang: fr\n---\n",
            "日",
            "'’",
        ] {
            let _ = lang_of(text, Format::Markdown, text);
            let _ = lang_of(text, Format::Plain, "/");
            let _ = not_prose(text);
            let _ = path_locale(text);
        }
    }
}
