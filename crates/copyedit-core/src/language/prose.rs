//! Whether a walked plain-text file is prose at all: lines that read as
//! sentences, not as program output or a word list.

use super::{Skip, SkipReason};

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

/// The longest a word of a sentence is, in letters: a longer run is an
/// encoded blob (`MIIFgjCCA2qgAwIBAgIL...`, base64 in a certificate).
const MAX_WORD_LEN: usize = 25;

/// Whether a line reads as a sentence (or part of one wrapped over lines):
/// at least four words of letters between spaces, none of them a run of
/// letters too long for a word, and letters and spaces make most of it.
fn prose_line(line: &str) -> bool {
    let line = line.trim();
    let mut letters = 0usize;
    let mut spaces = 0usize;
    let mut chars = 0usize;
    let mut run = 0usize;
    for c in line.chars() {
        chars += 1;
        if c.is_alphabetic() {
            letters += 1;
            run += 1;
            if run > MAX_WORD_LEN {
                return false;
            }
        } else {
            run = 0;
            if c == ' ' {
                spaces += 1;
            }
        }
    }
    // Words are what spaces separate: most of each is letters.
    let words = line
        .split_whitespace()
        .filter(|w| {
            let n = w.chars().count();
            let alpha = w.chars().filter(|c| c.is_alphabetic()).count();
            alpha > 0 && alpha * 2 >= n
        })
        .count();
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
