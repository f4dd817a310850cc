//! Compiles the plain-text dictionaries in `dictionaries/` into FST maps that
//! are embedded in the binary (no file I/O for bundled data at run time).
//!
//! Outputs in `OUT_DIR`:
//! - `lexicon.fst`: word (as spelled, case kept) → `count << 8 | flags`
//! - `bigrams.fst`: `"w1 w2"` → count
//! - `suggest.fst`: lowercase word → `offset << 16 | len` into `suggest_forms.txt`
//! - `misspellings.fst`: misspelling → `offset << 16 | len` into `corrections.txt`

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Flag bits; keep in sync with `src/dictionary/mod.rs`.
const COMMON: u8 = 1;
const EN_US: u8 = 2;
const EN_GB: u8 = 4;
const EN_CA: u8 = 8;
const EN_AU: u8 = 16;
const RARE: u8 = 32;
const NAME: u8 = 64;

fn read(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read bundled dictionary {}: {e}", path.display()))
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim_end).filter(|l| !l.is_empty())
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let dir = root.join("dictionaries");
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", dir.display());

    // Lexicon: word → flags, then counts.
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
    ] {
        let text = read(&dir, file);
        for word in lines(&text) {
            let word = word.replace('’', "'");
            *lexicon.entry(word).or_insert(0) |= u64::from(flag);
        }
    }
    let freq_text = read(&dir, "frequencies.tsv");
    let mut freq: BTreeMap<&str, u64> = BTreeMap::new();
    for line in lines(&freq_text) {
        if let Some((w, c)) = line.split_once('\t') {
            freq.insert(w, c.trim().parse().unwrap_or(0));
        }
    }
    let mut lower = String::new();
    for (word, value) in lexicon.iter_mut() {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let count = freq.get(lower.as_str()).copied().unwrap_or(0);
        *value |= count.min(1 << 48) << 8;
    }
    write_map(
        &out.join("lexicon.fst"),
        lexicon.iter().map(|(k, v)| (k.as_str(), *v)),
    );

    // Suggestion index: lowercase form → the spellings it stands for, for
    // every word except those known only from the name lists.
    let mut forms: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (word, value) in &lexicon {
        if (*value as u8) & !NAME != 0 {
            forms.entry(word.to_lowercase()).or_default().push(word);
        }
    }
    let mut blob = String::new();
    let mut entries = Vec::with_capacity(forms.len());
    for (lower, spellings) in &forms {
        let offset = blob.len() as u64;
        let joined = spellings.join(",");
        blob.push_str(&joined);
        entries.push((lower.as_str(), offset << 16 | joined.len() as u64));
    }
    fs::write(out.join("suggest_forms.txt"), blob).expect("write suggestion forms");
    write_map(&out.join("suggest.fst"), entries.into_iter());

    // Bigrams.
    let bigram_text = read(&dir, "bigrams.tsv");
    let mut bigrams: BTreeMap<&str, u64> = BTreeMap::new();
    for line in lines(&bigram_text) {
        if let Some((pair, c)) = line.rsplit_once('\t') {
            bigrams.insert(pair, c.trim().parse().unwrap_or(0));
        }
    }
    write_map(&out.join("bigrams.fst"), bigrams.into_iter());

    // Known misspellings → corrections.
    let miss_text = read(&dir, "misspellings.tsv");
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

fn write_map<'a>(path: &Path, entries: impl Iterator<Item = (&'a str, u64)>) {
    let file = fs::File::create(path).expect("create fst");
    let mut builder = fst::MapBuilder::new(BufWriter::new(file)).expect("fst builder");
    for (k, v) in entries {
        builder.insert(k, v).expect("sorted fst keys");
    }
    let mut w = builder.into_inner().expect("finish fst");
    w.flush().expect("flush fst");
}
