//! `copyedit words add WORD...`: add to the project word file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use copyedit::config::{display_path, word_file_of, Project};
use copyedit::report::{escape_control, is_hostile_char};
use copyedit::safe_read::{read_regular_to_string, MAX_CONFIG_SIZE};
use copyedit::walk::io_message;

use super::{plain_error, FAILURE, SUCCESS};

/// One entry of a word file: a word line with the comment lines above it.
struct Entry {
    word: String,
    lines: Vec<String>,
}

/// Merge `words` into the text of a word file: the leading comment block
/// stays on top; entries (with the comments just above them) are sorted
/// case-insensitively and deduplicated. Returns the new text, how many
/// words were added and the words that were already there.
pub(super) fn merge(existing: &str, words: &[String]) -> (String, usize, Vec<String>) {
    let mut header = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in existing.lines() {
        match copyedit::config::word_of_line(line) {
            Some(w) => entries.push(Entry {
                word: w.to_string(),
                lines: std::mem::take(&mut pending)
                    .into_iter()
                    .chain(std::iter::once(line.to_string()))
                    .collect(),
            }),
            None if entries.is_empty() => header.push(line.to_string()),
            None if line.trim().is_empty() => {}
            None => pending.push(line.to_string()),
        }
    }
    let before = entries.len();
    let mut present = Vec::new();
    for w in words {
        match entries.iter().position(|e| &e.word == w) {
            Some(i) if i < before => {
                if !present.contains(w) {
                    present.push(w.clone());
                }
            }
            Some(_) => {} // given twice
            None => entries.push(Entry {
                word: w.clone(),
                lines: vec![w.clone()],
            }),
        }
    }
    let added = entries.len() - before;
    entries.sort_by(|a, b| (a.word.to_lowercase(), &a.word).cmp(&(b.word.to_lowercase(), &b.word)));
    entries.dedup_by(|a, b| a.word == b.word);
    while header.last().is_some_and(|l| l.trim().is_empty()) {
        header.pop();
    }
    let mut out = String::new();
    for line in header
        .iter()
        .chain(entries.iter().flat_map(|e| &e.lines))
        .chain(&pending)
    {
        out.push_str(line);
        out.push('\n');
    }
    (out, added, present)
}

pub(super) fn add(words: &[String], config: Option<&Path>) -> u8 {
    for w in words {
        if w.trim().is_empty()
            || w.chars().any(|c| c.is_whitespace() || is_hostile_char(c))
            || w.starts_with('#')
        {
            plain_error(format_args!(
                "`{w}` is not a word (no spaces or control characters, not starting with `#`)"
            ));
            return FAILURE;
        }
    }
    let config: PathBuf = match config {
        Some(c) => c.to_path_buf(),
        None => match Project::discover().config_file_for(Path::new("-")) {
            Some(c) => c,
            None => {
                plain_error(
                    "no copyedit.toml or .copyedit.toml in this directory or above \
                     (create one with `copyedit init`, or pass --config)",
                );
                return FAILURE;
            }
        },
    };
    let file = match word_file_of(&config) {
        Ok(f) => f,
        Err(e) => {
            plain_error(e);
            return FAILURE;
        }
    };
    let (existing, exists) = match read_regular_to_string(&file, MAX_CONFIG_SIZE) {
        Ok(t) => (t, true),
        Err(e) if e.is_not_found() && file.symlink_metadata().is_err() => (String::new(), false),
        Err(e) => {
            plain_error(format_args!("cannot read {}: {e}", file.display()));
            return FAILURE;
        }
    };
    let (text, added, present) = merge(&existing, words);
    if added > 0 {
        if let Err(e) = copyedit::fix::remove_temp_files_on_signals() {
            plain_error(format_args!("cannot handle signals: {e}"));
            return FAILURE;
        }
        // An existing word file is replaced atomically (permissions kept,
        // never half written); a new one is simply created.
        let written = if exists {
            copyedit::fix::write_atomic(&file, existing.as_bytes(), text.as_bytes())
                .map_err(|e| e.to_string())
        } else {
            // `create_new`: never through a link, never over a file that
            // appeared meanwhile.
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&file)
                .and_then(|mut f| f.write_all(text.as_bytes()))
                .map_err(|e| io_message(&e))
        };
        if let Err(e) = written {
            plain_error(format_args!("cannot write {}: {e}", file.display()));
            return FAILURE;
        }
    }
    let plural = if added == 1 { "" } else { "s" };
    println!(
        "added {added} word{plural} to {}",
        escape_control(&display_path(&file).display().to_string())
    );
    if !present.is_empty() {
        println!("already listed: {}", present.join(", "));
    }
    SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sorts_dedups_and_keeps_comments() {
        let existing = "# Project words\n\nzeta\n# a name\nAlpha\nbeta  # note\n";
        let (text, added, present) = merge(
            existing,
            &[
                "gamma".into(),
                "beta".into(),
                "Delta".into(),
                "gamma".into(),
            ],
        );
        assert_eq!(
            text,
            "# Project words\n# a name\nAlpha\nbeta  # note\nDelta\ngamma\nzeta\n"
        );
        assert_eq!(present, ["beta"]);
        assert_eq!(added, 2);
        assert_eq!(merge("", &["b".into(), "a".into()]).0, "a\nb\n");
    }
}
