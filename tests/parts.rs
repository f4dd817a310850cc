//! A large text is checked part by part (`copyedit_core::linter::PART_BYTES`),
//! so that its tokens need not all be held at once: what is reported must not
//! depend on where the parts fall. Each text here is checked whole, then in
//! parts of a few kilobytes, and the two results must be equal.
//!
//! `COPYEDIT_PARTS_CUT=N` slices every block longer than N bytes as well
//! (with context on either side: nearly, not always, the same result).
//! `COPYEDIT_PARTS_DIRS` (colon-separated folders) adds every `.md`, `.mdx`
//! and `.txt` file below them: `COPYEDIT_PARTS_DIRS=../shared/data/content
//! cargo test --release --test parts` runs the check over the content
//! repositories.

use std::path::{Path, PathBuf};

use copyedit_core::linter::set_part_bytes;
use copyedit_core::{Config, Format, Linter};

fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_below(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "mdx" | "txt")
        ) {
            out.push(p);
        }
    }
}

/// The texts to check: the fixtures, the smaller development texts, and
/// any folders `COPYEDIT_PARTS_DIRS` names.
fn texts() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    files_below(&root.join("tests/fixtures"), &mut out);
    for f in ["us_constitution.txt", "literature_alice.txt"] {
        out.push(root.join("tests/data/prose").join(f));
    }
    if let Ok(dirs) = std::env::var("COPYEDIT_PARTS_DIRS") {
        for d in dirs.split(':').filter(|d| !d.is_empty()) {
            files_below(Path::new(d), &mut out);
        }
    }
    out
}

fn check(linter: &Linter, text: &str, path: &Path, part: usize) -> String {
    // `COPYEDIT_PARTS_CUT`: slice blocks longer than this too (by default
    // only blocks over the default part size are sliced).
    let cut = std::env::var("COPYEDIT_PARTS_CUT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    set_part_bytes(part, cut);
    let format = Format::from_path(path);
    let out = linter.check_source(text, format, &path.to_string_lossy(), true, None);
    set_part_bytes(0, 0);
    format!("{out:#?}")
}

#[test]
fn a_text_read_in_parts_reads_as_a_whole_one() {
    let linter = Linter::new(Config::default());
    let mut differ = Vec::new();
    let mut checked = 0;
    for path in texts() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        // Parts of 4 KB: most texts are cut many times (a paragraph is cut
        // only past a megabyte, as by default).
        let whole = check(&linter, &text, &path, usize::MAX);
        let parts = check(&linter, &text, &path, 4096);
        checked += 1;
        if whole != parts {
            // The first lines that differ, to say where.
            let first = whole
                .lines()
                .zip(parts.lines())
                .enumerate()
                .find(|(_, (a, b))| a != b)
                .map(|(i, (a, b))| format!("line {i}: {a} / {b}"));
            differ.push(format!("{}: {first:?}", path.display()));
        }
    }
    assert!(checked >= 10, "only {checked} texts found");
    assert!(
        differ.is_empty(),
        "read in parts, these differ: {differ:#?}"
    );
}

#[test]
fn a_long_paragraph_is_cut_after_whitespace() {
    // One paragraph of 40 KB, read in parts of 1 KB: every misspelling is
    // found once, whole, wherever the cuts fall.
    let sentence = "The quick brown fox jumps over the lazy dog and teh cat. ";
    let text = sentence.repeat(700);
    let linter = Linter::new(Config::default());
    set_part_bytes(1024, 1024);
    let parts = linter.check(&text, Format::Plain);
    set_part_bytes(0, 0);
    let whole = linter.check(&text, Format::Plain);
    let teh = |d: &Vec<copyedit_core::Diagnostic>| {
        d.iter()
            .filter(|d| text.get(d.span.clone()) == Some("teh"))
            .count()
    };
    assert_eq!(teh(&whole), 700);
    assert_eq!(teh(&parts), 700);
    // No word is reported cut in two.
    for d in &parts {
        let s = text.get(d.span.clone()).unwrap_or_default();
        assert!(sentence.contains(s), "cut word reported: {s:?}");
    }
}

#[test]
fn lines_between_parts_are_reported_once() {
    // Plain text with trailing white space on every line, blank lines
    // between paragraphs included, CRLF and LF: each line's trailing white
    // space is reported once, whichever part its line falls in.
    let mut text = String::new();
    for i in 0..400 {
        text.push_str("A line of plain prose with a trailing space. \r\n");
        text.push_str("And another  line after it.\t\n");
        text.push_str(if i % 2 == 0 { "  \n" } else { "\r\n" });
    }
    text.push_str("The end, with no break. ");
    let path = Path::new("notes.txt");
    let linter = Linter::new(Config::default());
    let whole = check(&linter, &text, path, usize::MAX);
    for size in [777, 1000, 1024, 1500] {
        let parts = check(&linter, &text, path, size);
        compare(&whole, &parts);
    }
    let trailing = whole.matches("trailing-whitespace").count();
    assert_eq!(trailing, 400 * 2 + 200 + 1, "{trailing}");
}

/// Assert two results equal, saying which spans only one has.
fn compare(whole: &str, parts: &str) {
    let spans = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains("span:"))
            .map(|l| l.trim().to_string())
            .collect()
    };
    let (a, b) = (spans(whole), spans(parts));
    let only_a: Vec<&String> = a.iter().filter(|x| !b.contains(x)).take(5).collect();
    let only_b: Vec<&String> = b.iter().filter(|x| !a.contains(x)).take(5).collect();
    assert!(
        whole == parts,
        "whole only {only_a:?}, parts only {only_b:?} ({} / {} spans)",
        a.len(),
        b.len()
    );
}

#[test]
fn budgets_of_unknown_words_span_the_parts() {
    // Past 2,000 distinct unknown words a text is no prose: `spelling`
    // ranks no more and `fragment` tries no splits. The budget is the
    // whole text's, not a part's: the 2,001st word is noted unranked
    // wherever the parts fall.
    let mut state = 7u64;
    let mut word = || {
        let mut w = String::new();
        for _ in 0..7 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            w.push(char::from(b'a' + ((state >> 33) % 26) as u8));
        }
        w
    };
    let mut text = String::new();
    for i in 0..2100 {
        text.push_str(&word());
        text.push_str(if i % 10 == 9 { ".\n\n" } else { " " });
    }
    let path = Path::new("words.txt");
    let linter = Linter::new(Config::default());
    let whole = check(&linter, &text, path, usize::MAX);
    let parts = check(&linter, &text, path, 2048);
    compare(&whole, &parts);
    assert!(whole.contains("not ranked"), "the budget is reached");
}
