//! Compiles the plain-text dictionaries in `dictionaries/` into FST maps that
//! are embedded in the binary (no file I/O for bundled data at run time).
//!
//! Outputs in `OUT_DIR`:
//! - `lm.bin`: the trigram model in fixed-width records (`src/lm_fixed.rs`)
//! - `lexicon.fst`: word (as spelled, case kept) → `count << 8 | flags`
//! - `bigrams.fst`: `"w1 w2"` → count
//! - `forms.txt`, `forms.bin`: the spellings of the suggestion keys, each a
//!   record with its lexicon value (layout in copyedit-core's
//!   `src/dictionary/forms.rs`)
//! - `suggest.fst`: lowercase word → `first record << 16 | count` in `forms.bin`
//! - `suggest_reversed.fst`: the keys of `suggest.fst` spelt backwards, with
//!   the same values
//! - `confusables.fst`: word → `offset << 16 | len` into `confusables.txt`
//! - `misspellings.fst`: misspelling → `offset << 16 | len` into `corrections.txt`
//! - `large.fst`: the words of `words-large.txt` (value 0)
//! - `common.fst`: lowercase word with a corpus count → its value in
//!   `suggest.fst`
//! - `phonetic.fst`: phonetic key (`src/phonetic.rs`) → `first << 16 |
//!   count` in `phonetic_forms.bin` (`u32` record indexes in `forms.bin`): the
//!   common words with that key
//! - `far.bin`: the common words by first letter and letter trigram (layout
//!   in `src/trigram.rs`)
//! - `sound_deletes.fst`, `sound_delete_keys.bin`, `sound_keys.bin`,
//!   `sound_keys.txt`: the phonetic keys under every string made by deleting
//!   up to two of their bytes (see `write_sound_deletes`)

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[path = "src/fold.rs"]
mod fold;

#[path = "src/phonetic.rs"]
#[allow(dead_code)]
mod phonetic;

#[path = "src/trigram.rs"]
#[allow(dead_code)]
mod trigram;

#[path = "src/lm_fixed.rs"]
mod lm_fixed;

/// Flag bits, shared with the readers (`src/flags.rs`).
#[path = "src/flags.rs"]
#[allow(dead_code)]
mod flags;

use flags::{COMMON, EN_AU, EN_CA, EN_GB, EN_US, NAME, RARE, TECH};

fn read(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read bundled dictionary {}: {e}", path.display()))
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim_end).filter(|l| !l.is_empty())
}

/// Rare two-letter words (SCOWL 70) that in prose are nearly always the
/// letters of one of the commonest words swapped: `fo` for `of`, `si` for
/// `is`, `os` for `so`, `od` for `do`. Not accepted, so spelling flags them.
const SWAPPED_COMMON: [&str; 4] = ["fo", "si", "os", "od"];

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let dir = root.join("dictionaries");
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/flags.rs");
    println!("cargo:rerun-if-changed=src/fold.rs");
    println!("cargo:rerun-if-changed={}", dir.display());

    write_lm_table(&dir, &out);
    let mut lexicon = word_lists(&dir);
    let freq_text = read(&dir, "frequencies.tsv");
    let freq = tab_counts(&freq_text, str::split_once);
    write_lexicon(&out, &mut lexicon, &freq);
    let forms = forms(&lexicon);
    let values = write_suggest(&out, &lexicon, &forms);
    write_common_and_phonetic(&out, &lexicon, &forms, &values);
    write_bigrams(&dir, &out);
    write_confusables(&dir, &out, &lexicon, &freq);
    write_misspellings(&dir, &out);
    write_large(&dir, &out);
}

/// The trigram model in fixed-width records, read in place
/// (`src/lm_fixed.rs`).
fn write_lm_table(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed=src/lm_fixed.rs");
    let compact = fs::read(dir.join("trigrams.bin")).expect("dictionaries/trigrams.bin");
    let table = lm_fixed::from_compact(&compact).expect("dictionaries/trigrams.bin is corrupt");
    fs::write(out.join("lm.bin"), table).expect("write lm.bin");
}

/// The word lists: word → flags.
fn word_lists(dir: &Path) -> BTreeMap<String, u64> {
    let mut lexicon: BTreeMap<String, u64> = BTreeMap::new();
    for (file, flag) in [
        ("words-en.txt", COMMON),
        ("words-extra.txt", COMMON),
        ("words-en_US.txt", EN_US),
        ("words-en_GB.txt", EN_GB),
        ("words-en_CA.txt", EN_CA),
        ("words-en_AU.txt", EN_AU),
        ("words-rare.txt", RARE),
        ("names.txt", NAME),
        ("words-tech.txt", TECH),
    ] {
        let text = read(dir, file);
        for word in lines(&text) {
            if file == "words-rare.txt" && SWAPPED_COMMON.contains(&word) {
                continue;
            }
            let word = word.replace('’', "'");
            *lexicon.entry(word).or_insert(0) |= u64::from(flag);
        }
    }
    // The unaccented spelling of an accented word (`cafe`, `detente`,
    // `protege`) is accepted too, as a rare word: never suggested first.
    let folded: Vec<String> = lexicon
        .iter()
        .filter(|(w, v)| !w.is_ascii() && (**v as u8) & !NAME != 0)
        .map(|(w, _)| fold::fold_diacritics(w))
        .filter(|f| f.is_ascii() && !lexicon.contains_key(f))
        .collect();
    for f in folded {
        lexicon.insert(f, u64::from(RARE));
    }
    lexicon
}

/// Lines `key<TAB>count` (split by `split`) as a map; an unreadable count
/// is 0.
fn tab_counts<'a>(
    text: &'a str,
    split: fn(&'a str, char) -> Option<(&'a str, &'a str)>,
) -> BTreeMap<&'a str, u64> {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for line in lines(text) {
        if let Some((w, c)) = split(line, '\t') {
            counts.insert(w, c.trim().parse().unwrap_or(0));
        }
    }
    counts
}

/// Lexicon: word → flags, then counts (`lexicon.fst`).
fn write_lexicon(out: &Path, lexicon: &mut BTreeMap<String, u64>, freq: &BTreeMap<&str, u64>) {
    let mut lower = String::new();
    for (word, value) in lexicon.iter_mut() {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let mut count = freq.get(lower.as_str()).copied().unwrap_or(0);
        // The counts come mostly from British-spelled books: an American
        // spelling (`neighbor`) without a count of its own takes its
        // counterpart's (`neighbour`), so that it can be suggested.
        if count == 0 && (*value as u8) & (EN_US | EN_GB | EN_CA | EN_AU) != 0 {
            count = variant_spellings(&lower)
                .iter()
                .filter_map(|v| freq.get(v.as_str()))
                .copied()
                .max()
                .unwrap_or(0);
        }
        *value |= count.min(1 << 48) << 8;
    }
    write_map(
        &out.join("lexicon.fst"),
        lexicon.iter().map(|(k, v)| (k.as_str(), *v)),
    );
}

/// Lowercase form → the spellings it stands for, for every word except
/// those known only from the name lists.
fn forms(lexicon: &BTreeMap<String, u64>) -> BTreeMap<String, Vec<&str>> {
    let mut forms: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (word, value) in lexicon {
        if (*value as u8) & !NAME != 0 {
            forms.entry(word.to_lowercase()).or_default().push(word);
        }
    }
    forms
}

/// Suggestion index: lowercase form → the spellings it stands for (`forms`).
/// Each spelling is a record of `forms.bin` (core's `dictionary/forms.rs`)
/// with its lexicon value, so that candidates need no second look-up; a
/// key's spellings are consecutive records, and its value in `suggest.fst`
/// (also in `suggest_reversed.fst`, `common.fst`) is the first record << 16 |
/// their number: values ascend with the keys. Returns those values.
fn write_suggest<'a>(
    out: &Path,
    lexicon: &BTreeMap<String, u64>,
    forms: &'a BTreeMap<String, Vec<&str>>,
) -> BTreeMap<&'a str, u64> {
    let mut text = String::new();
    let mut records: Vec<u8> = Vec::new();
    let mut record_count = 0u64;
    let mut values: BTreeMap<&str, u64> = BTreeMap::new();
    for (lower, spellings) in forms {
        let first = record_count;
        for s in spellings {
            let value = lexicon.get(*s).copied().unwrap_or(0);
            let offset = u32::try_from(text.len()).expect("forms text under 4 GiB");
            let len = u8::try_from(s.len()).expect("spellings under 256 bytes");
            records.extend(value.to_le_bytes());
            records.extend(offset.to_le_bytes());
            records.push(len);
            text.push_str(s);
            record_count += 1;
        }
        assert!(spellings.len() <= 0xffff && record_count < 1 << 40);
        values.insert(lower.as_str(), first << 16 | spellings.len() as u64);
    }
    fs::write(out.join("forms.txt"), text).expect("write forms text");
    fs::write(out.join("forms.bin"), records).expect("write forms records");
    write_map(
        &out.join("suggest.fst"),
        values.iter().map(|(k, v)| (*k, *v)),
    );
    // The same keys spelt backwards (by char), with the same values, for
    // searching one edit out from the end of a word
    // (core's `dictionary/near.rs`).
    let mut reversed: Vec<(String, u64)> = values
        .iter()
        .map(|(k, v)| (k.chars().rev().collect(), *v))
        .collect();
    reversed.sort_unstable();
    write_map(
        &out.join("suggest_reversed.fst"),
        reversed.iter().map(|(k, v)| (k.as_str(), *v)),
    );
    values
}

/// Common words (those with a corpus count), for suggestions two edits
/// away and by sound: lowercase form → its spellings (the value it has in
/// `suggest.fst`), and phonetic key (`src/phonetic.rs`) → the spellings
/// with that key (`phonetic_forms.bin`: their record indexes, `u32` each;
/// the value is the first index << 16 | their number). Rare uncounted
/// words are left out: they would never be ranked above a common word two
/// edits away. Also the tables built from those: `far.bin` and the sound
/// deletes.
fn write_common_and_phonetic(
    out: &Path,
    lexicon: &BTreeMap<String, u64>,
    forms: &BTreeMap<String, Vec<&str>>,
    values: &BTreeMap<&str, u64>,
) {
    println!("cargo:rerun-if-changed=src/phonetic.rs");
    let mut by_key: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut entries = Vec::new();
    for (lower, spellings) in forms {
        let counted = spellings
            .iter()
            .any(|s| lexicon.get(*s).is_some_and(|v| v >> 8 > 0));
        if !counted {
            continue;
        }
        let value = values
            .get(lower.as_str())
            .copied()
            .expect("a suggestion key");
        entries.push((lower.as_str(), value));
        let key = phonetic::key(lower);
        if !key.is_empty() {
            let first = u32::try_from(value >> 16).expect("under 2^32 records");
            by_key
                .entry(key)
                .or_default()
                .extend((0..spellings.len() as u32).map(|i| first + i));
        }
    }
    println!("cargo:rerun-if-changed=src/trigram.rs");
    write_far(&out.join("far.bin"), &entries);
    write_map(&out.join("common.fst"), entries.into_iter());
    let mut index: Vec<u8> = Vec::new();
    let mut entries = Vec::with_capacity(by_key.len());
    for (key, records) in &by_key {
        let first = (index.len() / 4) as u64;
        assert!(records.len() <= 0xffff, "phonetic bucket {key} too large");
        for r in records {
            index.extend(r.to_le_bytes());
        }
        entries.push((key.as_str(), first << 16 | records.len() as u64));
    }
    fs::write(out.join("phonetic_forms.bin"), index).expect("write phonetic forms");
    write_sound_deletes(out, &entries);
    write_map(&out.join("phonetic.fst"), entries.into_iter());
}

/// Bigrams: `first second` → count.
fn write_bigrams(dir: &Path, out: &Path) {
    let bigram_text = read(dir, "bigrams.tsv");
    let bigrams = tab_counts(&bigram_text, str::rsplit_once);
    write_map(&out.join("bigrams.fst"), bigrams.into_iter());
}

/// The curated confusion sets: each word → the other members of its sets.
fn confusion_sets(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let conf_text = read(dir, "confusion-sets.txt");
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in lines(&conf_text) {
        if line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        for w in &words {
            let others = sets.entry((*w).to_string()).or_default();
            others.extend(words.iter().filter(|o| *o != w).map(|o| (*o).to_string()));
        }
    }
    sets
}

/// Real-word confusables: for each word with a corpus count, the words one
/// edit away (or in a curated confusion set) that are at least
/// `DOMINANCE` times as common, e.g. `ere` → `were,here,are`.
fn write_confusables(
    dir: &Path,
    out: &Path,
    lexicon: &BTreeMap<String, u64>,
    freq: &BTreeMap<&str, u64>,
) {
    let sets = confusion_sets(dir);
    let accepted = |w: &str| {
        lexicon
            .get(w)
            .is_some_and(|v| (*v as u8) & (COMMON | EN_US | EN_GB | EN_CA | EN_AU) != 0)
    };
    let total: u64 = freq.values().sum();
    println!("cargo:rustc-env=COPYEDIT_UNIGRAM_TOTAL={total}");
    let mut blob = String::new();
    let mut entries: Vec<(&str, u64)> = Vec::new();
    let freq_h: std::collections::HashMap<&str, u64> = freq.iter().map(|(k, v)| (*k, *v)).collect();
    let mut keys: Vec<&str> = freq.keys().copied().collect();
    for w in sets.keys() {
        if !freq.contains_key(w.as_str()) {
            keys.push(w);
        }
    }
    keys.sort_unstable();
    keys.dedup();
    for w in keys {
        let count = freq.get(w).copied().unwrap_or(0);
        let mut cands: Vec<&str> = Vec::new();
        // Edit neighbours: words of three letters or more, not among the
        // commonest (their neighbours are rarely what was meant), and not
        // differing only by a final letter (`council`/`councils`: grammar).
        if w.chars().count() >= 3 && count <= MAX_SUSPECT_COUNT && accepted(w) && !w.contains('\'')
        {
            for v in edits1(w) {
                if let Some((k, c)) = freq_h.get_key_value(v.as_str()) {
                    if *c >= count.saturating_mul(DOMINANCE)
                        && k.chars().count() >= 2
                        && !k.contains('\'')
                        && accepted(k)
                    {
                        cands.push(k);
                    }
                }
            }
        }
        // Curated confusion-set members are marked with a leading `=`.
        let curated: Vec<String> = sets
            .get(w)
            .map(|o| o.iter().map(|c| format!("={c}")).collect())
            .unwrap_or_default();
        cands.retain(|c| !curated.iter().any(|k| &k[1..] == *c));
        cands.sort_unstable();
        cands.dedup();
        let mut all: Vec<&str> = curated.iter().map(String::as_str).collect();
        all.extend(cands);
        if all.is_empty() {
            continue;
        }
        let offset = blob.len() as u64;
        let joined = all.join(",");
        blob.push_str(&joined);
        entries.push((w, offset << 16 | joined.len() as u64));
    }
    fs::write(out.join("confusables.txt"), blob).expect("write confusables");
    write_map(&out.join("confusables.fst"), entries.into_iter());
}

/// Known misspellings → corrections.
fn write_misspellings(dir: &Path, out: &Path) {
    let miss_text = read(dir, "misspellings.tsv");
    let mut miss: BTreeMap<&str, &str> = BTreeMap::new();
    for line in lines(&miss_text) {
        if let Some((w, c)) = line.split_once('\t') {
            miss.insert(w, c);
        }
    }
    let mut blob = String::new();
    let mut entries = Vec::with_capacity(miss.len());
    for (w, c) in miss {
        let offset = blob.len() as u64;
        blob.push_str(c);
        entries.push((w, offset << 16 | c.len() as u64));
    }
    fs::write(out.join("corrections.txt"), blob).expect("write corrections");
    write_map(&out.join("misspellings.fst"), entries.into_iter());
}

/// The larger list: words only it has (spelling reports them as notes).
fn write_large(dir: &Path, out: &Path) {
    let large_text = read(dir, "words-large.txt");
    let large: std::collections::BTreeSet<String> =
        lines(&large_text).map(|w| w.replace('’', "'")).collect();
    write_map(
        &out.join("large.fst"),
        large.iter().map(|w| (w.as_str(), 0)),
    );
}

/// A candidate must be this many times as common as the word to be a
/// real-word suspect (curated confusion sets are exempt).
const DOMINANCE: u64 = 1;
/// Words more common than this are not real-word suspects by edit distance
/// (curated confusion sets still apply).
const MAX_SUSPECT_COUNT: u64 = 1_000_000_000;

/// The other regional spellings a word may have: `color` → `colour`,
/// `organize` → `organise`, `center` → `centre`, `defense` → `defence`,
/// `traveled` → `travelled`, `catalog` → `catalogue`, `anemia` → `anaemia`,
/// `judgment` → `judgement` (and back).
fn variant_spellings(w: &str) -> Vec<String> {
    const RULES: [(&str, &str); 11] = [
        ("or", "our"),
        ("iz", "is"),
        ("yz", "ys"),
        ("er", "re"),
        ("ense", "ence"),
        ("l", "ll"),
        ("og", "ogue"),
        ("e", "ae"),
        ("e", "oe"),
        ("gment", "gement"),
        ("eled", "elled"),
    ];
    let mut out = Vec::new();
    for (a, b) in RULES {
        for (from, to) in [(a, b), (b, a)] {
            for (i, _) in w.match_indices(from) {
                out.push(format!("{}{to}{}", &w[..i], &w[i + from.len()..]));
            }
        }
    }
    out
}

/// Every string one deletion, transposition, substitution or insertion
/// (lowercase letters and the apostrophe) away from `w`.
fn edits1(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let alphabet = "abcdefghijklmnopqrstuvwxyz'";
    let mut out = Vec::new();
    let s = |v: &[char]| v.iter().collect::<String>();
    for i in 0..chars.len() {
        let mut d = chars.clone();
        d.remove(i);
        out.push(s(&d));
        if i + 1 < chars.len() {
            let mut t = chars.clone();
            t.swap(i, i + 1);
            out.push(s(&t));
        }
        for c in alphabet.chars() {
            if c != chars[i] {
                let mut r = chars.clone();
                r[i] = c;
                out.push(s(&r));
            }
        }
    }
    for i in 0..=chars.len() {
        for c in alphabet.chars() {
            let mut ins = chars.clone();
            ins.insert(i, c);
            out.push(s(&ins));
        }
    }
    out
}

/// The trigram index of the common words (`src/trigram.rs`).
fn write_far(path: &Path, entries: &[(&str, u64)]) {
    let mut header = Vec::new();
    let (mut words, mut rows, mut postings) = (Vec::new(), Vec::new(), Vec::new());
    let (mut word_count, mut row_count) = (0u32, 0u32);
    let mut codes = Vec::new();
    for first in b'a'..=b'z' {
        header.extend(word_count.to_le_bytes());
        header.extend(row_count.to_le_bytes());
        // Trigram → indexes (within the letter) of the words with it.
        let mut by_code: BTreeMap<u16, Vec<u16>> = BTreeMap::new();
        let mut local = 0u16;
        for (lower, value) in entries {
            let key = lower.as_bytes();
            if key.first() != Some(&first) || key.len() > 255 || !trigram::trigrams(key, &mut codes)
            {
                continue;
            }
            for &c in &codes {
                by_code.entry(c).or_default().push(local);
            }
            words.extend(value.to_le_bytes());
            words.push(key.len() as u8);
            local = local.checked_add(1).expect("under 65,536 words a letter");
            word_count += 1;
        }
        for (code, list) in by_code {
            rows.extend(code.to_le_bytes());
            rows.extend((postings.len() as u32 / 2).to_le_bytes());
            for w in list {
                postings.extend(w.to_le_bytes());
            }
            row_count += 1;
        }
        header.extend(row_count.to_le_bytes());
        rows.extend(u16::MAX.to_le_bytes());
        rows.extend((postings.len() as u32 / 2).to_le_bytes());
        row_count += 1;
    }
    header.extend(word_count.to_le_bytes());
    header.extend(row_count.to_le_bytes());
    assert_eq!(header.len(), trigram::HEADER_BYTES);
    let mut blob = header;
    blob.extend(words);
    blob.extend(rows);
    blob.extend(postings);
    fs::write(path, blob).expect("write far.bin");
}

/// A symmetric-delete index of the phonetic keys (core's `suggest/sounds.rs`):
/// every string made by deleting at most two bytes of a key →
/// `offset << 32 | count` in `sound_delete_keys.bin` (key numbers in key
/// order, as LEB128 varints of the gaps between them), and `sound_keys.bin`: per key number, its `phonetic.fst`
/// value (`u64`) and the offset (`u32`) and length (`u32`) of the key in
/// `sound_keys.txt`.
fn write_sound_deletes(out: &Path, keys: &[(&str, u64)]) {
    let mut deletes: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut text = String::new();
    let mut table: Vec<u8> = Vec::with_capacity(keys.len() * 16);
    for (n, (key, value)) in keys.iter().enumerate() {
        assert!(key.is_ascii(), "phonetic keys are ASCII");
        let n = u32::try_from(n).expect("under 2^32 keys");
        table.extend(value.to_le_bytes());
        table.extend(u32::try_from(text.len()).expect("small text").to_le_bytes());
        table.extend(u32::try_from(key.len()).expect("short key").to_le_bytes());
        text.push_str(key);
        let mut variants: Vec<String> = vec![key.to_string()];
        for i in 0..key.len() {
            let one = format!("{}{}", &key[..i], &key[i + 1..]);
            for j in i..one.len() {
                variants.push(format!("{}{}", &one[..j], &one[j + 1..]));
            }
            variants.push(one);
        }
        variants.sort_unstable();
        variants.dedup();
        for v in variants {
            deletes.entry(v).or_default().push(n);
        }
    }
    // Each list ascends: written as LEB128 varints of the gaps.
    let mut postings: Vec<u8> = Vec::new();
    let mut entries = Vec::with_capacity(deletes.len());
    for (d, list) in &deletes {
        let first = postings.len() as u64;
        let mut last = 0u32;
        for &k in list {
            let mut gap = k - last;
            last = k;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    postings.push(byte);
                    break;
                }
                postings.push(byte | 0x80);
            }
        }
        entries.push((d.as_str(), first << 32 | list.len() as u64));
    }
    fs::write(out.join("sound_delete_keys.bin"), postings).expect("write sound deletes");
    fs::write(out.join("sound_keys.bin"), table).expect("write sound keys");
    fs::write(out.join("sound_keys.txt"), text).expect("write sound key text");
    write_map(&out.join("sound_deletes.fst"), entries.into_iter());
}

fn write_map<'a>(path: &Path, entries: impl Iterator<Item = (&'a str, u64)>) {
    let file = fs::File::create(path).expect("create fst");
    let mut builder = fst::MapBuilder::new(BufWriter::new(file)).expect("fst builder");
    for (k, v) in entries {
        builder.insert(k, v).expect("sorted fst keys");
    }
    let mut w = builder.into_inner().expect("finish fst");
    w.flush().expect("flush fst");
}
