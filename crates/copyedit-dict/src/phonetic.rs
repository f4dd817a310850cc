//! A phonetic key ("sounds-like" code) for English spellings, after
//! Lawrence Philips' Metaphone, without its length limit: consonant sounds
//! only (`ph` and `f` alike, `c` as `k` or `s`, `tion` and `sion` alike,
//! doubled letters once), and an initial vowel as `A`. Misspellings made by
//! ear keep the key of the word meant (`annonsment` and `announcement` are
//! both `ANNSMNT`), or come within an edit of it (`accosinly` is `AKSNL`,
//! `occasionally` `AKXNL`).
//!
//! `build.rs` includes this file to index the lexicon by key, so it must
//! stay free of crate dependencies.

/// Code letters: `0` is "th", `X` is "sh"/"ch", `J` is a soft g, `A` an
/// initial vowel; the rest are consonants as written (`K`, `S`, `T`, ...).
pub fn key(word: &str) -> String {
    let w: Vec<u8> = word
        .chars()
        .filter_map(|c| {
            let c = fold(c.to_ascii_lowercase());
            c.is_ascii_lowercase().then_some(c as u8)
        })
        .collect();
    let at = |i: usize| w.get(i).copied().unwrap_or(0);
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let front = |c: u8| matches!(c, b'e' | b'i' | b'y');
    let mut out = String::with_capacity(w.len());
    let mut i = 0;
    // Index just past the letters of the last sound written.
    let mut last_end = usize::MAX;
    // Silent first letters: knee, gnome, pneumonia, write, psychology.
    match (at(0), at(1)) {
        (b'k' | b'g' | b'p', b'n') | (b'w', b'r') | (b'p', b's') => i = 1,
        (b'x', _) => {
            out.push('S');
            i = 1;
        }
        (b'w', b'h') => {
            out.push('W');
            i = 2;
        }
        (c, _) if vowel(c) || (c == b'y' && !vowel(at(1))) => {
            out.push('A');
            i = 1;
        }
        _ => {}
    }
    while i < w.len() {
        let c = at(i);
        let (prev, next, after) = (if i > 0 { at(i - 1) } else { 0 }, at(i + 1), at(i + 2));
        // A doubled letter sounds once (`cc` is handled below).
        if c == prev && c != b'c' {
            i += 1;
            continue;
        }
        let mut skip = 1;
        let code: &str = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' => "",
            b'b' => {
                if prev == b'm' && next == 0 {
                    ""
                } else {
                    "B"
                }
            }
            b'c' => {
                if prev == b'c' {
                    // accident: k + s; occasion: one k.
                    if front(next) {
                        "S"
                    } else {
                        ""
                    }
                } else if next == b'i' && after == b'a' {
                    "X"
                } else if next == b'h' {
                    skip = 2;
                    // Greek ch (chorus, chrome, psychology, school) is k.
                    if matches!(prev, b's' | b'y')
                        || matches!(after, b'r' | b'l')
                        || (i == 0 && !vowel(after))
                    {
                        "K"
                    } else {
                        "X"
                    }
                } else if front(next) {
                    if prev == b's' {
                        ""
                    } else {
                        "S"
                    }
                } else if next == b'k' {
                    skip = 2;
                    "K"
                } else if next == b'q' {
                    ""
                } else {
                    "K"
                }
            }
            b'd' => {
                if next == b'g' && front(after) {
                    skip = 2;
                    "J"
                } else {
                    "T"
                }
            }
            b'g' => {
                if next == b'h' {
                    skip = 2;
                    if vowel(after) {
                        "K"
                    } else if (prev == b'u' && i >= 2 && matches!(at(i - 2), b'o' | b'a'))
                        && after == 0
                    {
                        // tough, laugh
                        "F"
                    } else {
                        ""
                    }
                } else if next == b'n' && (after == 0 || (after == b'e' && at(i + 3) == b'd')) {
                    ""
                } else if front(next) && next != b'g' {
                    "J"
                } else {
                    "K"
                }
            }
            b'h' => {
                if (vowel(next) || next == b'y')
                    && !matches!(prev, b'c' | b's' | b'p' | b't' | b'g')
                {
                    "H"
                } else {
                    ""
                }
            }
            b'k' => "K",
            b'p' => {
                if next == b'h' {
                    skip = 2;
                    "F"
                } else {
                    "P"
                }
            }
            b'q' => "K",
            b's' => {
                if next == b'h' {
                    skip = 2;
                    "X"
                } else if next == b'i' && matches!(after, b'o' | b'a') {
                    "X"
                } else {
                    "S"
                }
            }
            b't' => {
                if next == b'i' && matches!(after, b'o' | b'a') {
                    "X"
                } else if next == b'h' {
                    skip = 2;
                    "0"
                } else if next == b'c' && after == b'h' {
                    ""
                } else {
                    "T"
                }
            }
            b'v' => "F",
            b'w' | b'y' => {
                if vowel(next) {
                    if c == b'w' {
                        "W"
                    } else {
                        "Y"
                    }
                } else {
                    ""
                }
            }
            b'x' => "KS",
            b'z' => "S",
            // f j l m n r
            other => match other {
                b'f' => "F",
                b'j' => "J",
                b'l' => "L",
                b'm' => "M",
                b'n' => "N",
                b'r' => "R",
                _ => "",
            },
        };
        // The same sound from adjacent letters is one sound (`xc`, `dt`).
        for ch in code.chars() {
            if !(last_end == i && out.ends_with(ch)) {
                out.push(ch);
            }
        }
        if !code.is_empty() {
            last_end = i + skip;
        }
        i += skip;
    }
    out
}

/// Latin letters with diacritics as plain letters (`é` → `e`).
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn misspellings_by_ear_share_a_key() {
        for (a, b) in [
            ("fone", "phone"),
            ("hifin", "hyphen"),
            ("buder", "butter"),
            ("annonsment", "announcement"),
            ("sicolagest", "psychologist"),
            ("taff", "tough"),
            ("nozled", "nuzzled"),
            ("sence", "sense"),
            ("skool", "school"),
        ] {
            assert_eq!(key(a), key(b), "{a} {b}");
        }
        // One sound apart: found by searching an edit out.
        assert_eq!(key("accosinly"), "AKSNL");
        assert_eq!(key("occasionally"), "AKXNL");
    }

    #[test]
    fn keys() {
        assert_eq!(key("asterisk"), "ASTRSK");
        assert_eq!(key("back"), "BK");
        assert_eq!(key("Knight"), "NT");
        assert_eq!(key("school"), "SKL");
        assert_eq!(key("church"), "XRX");
        assert_eq!(key("nation"), "NXN");
        assert_eq!(key("thumb"), "0M");
        assert_eq!(key("accident"), "AKSTNT");
        assert_eq!(key("édition"), "ATXN");
        assert_eq!(key(""), "");
        assert_eq!(key("'"), "");
    }
}
