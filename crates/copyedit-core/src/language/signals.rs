//! The signals a text's language is judged by: the letters and English
//! function words of a sample of its prose, `whatlang`'s guess, a language
//! tag in its front matter, a locale folder in its path.

use super::SAMPLE_BYTES;
use crate::document::{Block, Document, PieceKind};

/// Letter and word counts of a sample of text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Counts {
    pub(super) latin_letters: usize,
    pub(super) other_letters: usize,
    /// Runs of Latin letters.
    pub(super) words: usize,
    /// Of those, English function words.
    pub(super) english: usize,
}

impl Counts {
    /// Count the letters and words of `text` (ASCII read a byte at a time:
    /// this runs on a sample of every file).
    pub(super) fn add(&mut self, text: &str) {
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

    pub(super) fn letters(&self) -> usize {
        self.latin_letters + self.other_letters
    }

    /// Most letters are in scripts other than Latin.
    pub(super) fn mostly_other_script(&self) -> bool {
        self.other_letters > self.latin_letters
    }

    pub(super) fn english_ratio(&self) -> f64 {
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
pub(super) fn detected_name(text: &str) -> Option<(&'static str, bool)> {
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
pub(super) fn detected_as(text: &str, tag: &str) -> bool {
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
pub(super) fn sample(doc: &Document<'_>) -> String {
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
pub(super) fn push_prose(out: &mut String, text: &str, block: &Block) {
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
pub(super) fn is_english_tag(tag: &str) -> bool {
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
pub(super) fn locale_tag(s: &str) -> Option<&str> {
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
