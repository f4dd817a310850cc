//! Compiles the plain-text dictionaries in `dictionaries/` into the FST
//! maps and tables that `src/lib.rs` embeds (no file I/O for bundled data
//! at run time).
//!
//! This file reads the sources and decides what goes in (the lexicon, its
//! counts, the suggestion keys, the real-word confusables); each binary
//! format's layout, writer and reader are one module of `src/formats/`
//! (the table of files is in `src/formats/mod.rs`), included here by path.
//! Outputs in `OUT_DIR`: `lexicon.fst`, `bigrams.fst`, `forms.txt`,
//! `forms.bin`, `suggest.fst`, `suggest_reversed.fst`, `common.fst`,
//! `phonetic.fst`, `phonetic_forms.bin`, `far.bin`, `sound_deletes.fst`,
//! `sound_delete_keys.bin`, `sound_keys.bin`, `sound_keys.txt`,
//! `confusables.fst`, `confusables.txt`, `misspellings.fst`,
//! `corrections.txt`, `large.fst`, `lm.bin`; and the environment variable
//! `COPYEDIT_UNIGRAM_TOTAL`.

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

// The formats (`src/formats/`): their readers are unused here.
#[path = "src/formats/far.rs"]
#[allow(dead_code)]
mod far;
#[path = "src/formats/forms.rs"]
#[allow(dead_code)]
mod forms;
#[path = "src/formats/lexicon.rs"]
#[allow(dead_code)]
mod lexicon;
#[path = "src/formats/lists.rs"]
#[allow(dead_code)]
mod lists;
#[path = "src/formats/lm.rs"]
#[allow(dead_code)]
mod lm;
#[path = "src/formats/sound_deletes.rs"]
#[allow(dead_code)]
mod sound_deletes;

use lexicon::flags::{ANY_VARIANT, COMMON, EN_AU, EN_CA, EN_GB, EN_US, NAME, RARE, TECH};

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
    println!("cargo:rerun-if-changed=src/formats");
    println!("cargo:rerun-if-changed=src/fold.rs");
    println!("cargo:rerun-if-changed=src/phonetic.rs");
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
/// (`src/formats/lm.rs`).
fn write_lm_table(dir: &Path, out: &Path) {
    let compact = fs::read(dir.join("trigrams.bin")).expect("dictionaries/trigrams.bin");
    let table = lm::from_compact(&compact).expect("dictionaries/trigrams.bin is corrupt");
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
        .filter(|(w, v)| !w.is_ascii() && lexicon::flags_of(**v) & !NAME != 0)
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

/// Lexicon: word → flags, then counts (`lexicon.fst`, `src/formats/lexicon.rs`).
fn write_lexicon(out: &Path, lexicon: &mut BTreeMap<String, u64>, freq: &BTreeMap<&str, u64>) {
    let mut lower = String::new();
    for (word, value) in lexicon.iter_mut() {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let mut count = freq.get(lower.as_str()).copied().unwrap_or(0);
        // The counts come mostly from British-spelled books: an American
        // spelling (`neighbor`) without a count of its own takes its
        // counterpart's (`neighbour`), so that it can be suggested.
        if count == 0 && lexicon::flags_of(*value) & ANY_VARIANT != 0 {
            count = variant_spellings(&lower)
                .iter()
                .filter_map(|v| freq.get(v.as_str()))
                .copied()
                .max()
                .unwrap_or(0);
        }
        *value = lexicon::value(lexicon::flags_of(*value), count);
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
        if lexicon::flags_of(*value) & !NAME != 0 {
            forms.entry(word.to_lowercase()).or_default().push(word);
        }
    }
    forms
}

/// Suggestion index: lowercase form → the spellings it stands for (`forms`),
/// each a record of `forms.bin` with its lexicon value, so that candidates
/// need no second look-up (`src/formats/forms.rs`); a key's value in
/// `suggest.fst` (also in `suggest_reversed.fst`, `common.fst`) finds its
/// records. Returns those values.
fn write_suggest<'a>(
    out: &Path,
    lexicon: &BTreeMap<String, u64>,
    forms: &'a BTreeMap<String, Vec<&str>>,
) -> BTreeMap<&'a str, u64> {
    let mut writer = forms::Writer::default();
    let mut values: BTreeMap<&str, u64> = BTreeMap::new();
    for (lower, spellings) in forms {
        let records = spellings
            .iter()
            .map(|s| (*s, lexicon.get(*s).copied().unwrap_or(0)));
        values.insert(lower.as_str(), writer.push_key(records));
    }
    fs::write(out.join("forms.txt"), writer.text).expect("write forms text");
    fs::write(out.join("forms.bin"), writer.records).expect("write forms records");
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
/// with that key (`phonetic_forms.bin`: their record indexes, see
/// `src/formats/forms.rs`). Rare uncounted
/// words are left out: they would never be ranked above a common word two
/// edits away. Also the tables built from those: `far.bin` and the sound
/// deletes.
fn write_common_and_phonetic(
    out: &Path,
    lexicon: &BTreeMap<String, u64>,
    forms: &BTreeMap<String, Vec<&str>>,
    values: &BTreeMap<&str, u64>,
) {
    let mut by_key: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut entries = Vec::new();
    for (lower, spellings) in forms {
        let counted = spellings
            .iter()
            .any(|s| lexicon.get(*s).is_some_and(|v| lexicon::count_of(*v) > 0));
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
            let first = u32::try_from(forms::span(value).0).expect("under 2^32 records");
            by_key
                .entry(key)
                .or_default()
                .extend((0..spellings.len() as u32).map(|i| first + i));
        }
    }
    fs::write(out.join("far.bin"), far::write(&entries)).expect("write far.bin");
    write_map(&out.join("common.fst"), entries.into_iter());
    let (index, entries) = forms::index(by_key.iter().map(|(k, r)| (k.as_str(), r.as_slice())));
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
            .is_some_and(|v| lexicon::flags_of(*v) & (COMMON | ANY_VARIANT) != 0)
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
        entries.push((w, lists::push(&mut blob, &all.join(","))));
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
        entries.push((w, lists::push(&mut blob, c)));
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

/// The symmetric-delete index of the phonetic keys
/// (`src/formats/sound_deletes.rs`).
fn write_sound_deletes(out: &Path, keys: &[(&str, u64)]) {
    let index = sound_deletes::write(keys);
    fs::write(out.join("sound_delete_keys.bin"), index.postings).expect("write sound deletes");
    fs::write(out.join("sound_keys.bin"), index.keys).expect("write sound keys");
    fs::write(out.join("sound_keys.txt"), index.text).expect("write sound key text");
    write_map(
        &out.join("sound_deletes.fst"),
        index.deletes.iter().map(|(k, v)| (k.as_str(), *v)),
    );
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
