//! Adding words to a project word file: what `copyedit words add` and the
//! language server's "Add `word` to the project's words" both do.
//!
//! The file is the one [`crate::config::word_file_of`] names (never outside
//! the configuration's directory); an existing file is replaced atomically
//! ([`crate::atomic::write_atomic`]), a new one created with `create_new`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::word_file_of;
use crate::report::is_hostile_char;
use crate::safe_read::{read_regular_to_string, MAX_CONFIG_SIZE};
use crate::walk::io_message;

/// One entry of a word file: a word line with the comment lines above it.
struct Entry {
    word: String,
    lines: Vec<String>,
}

/// What [`add`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The word file written (or left alone when nothing was new).
    pub file: PathBuf,
    /// How many words were new.
    pub added: usize,
    /// The words that were listed already.
    pub present: Vec<String>,
}

/// Whether `w` may be written to a word file as one entry: no white space
/// or control characters, not a comment.
pub fn is_word(w: &str) -> bool {
    !w.trim().is_empty()
        && !w.chars().any(|c| c.is_whitespace() || is_hostile_char(c))
        && !w.starts_with('#')
}

/// Merge `words` into the text of a word file: the leading comment block
/// stays on top; entries (with the comments just above them) are sorted
/// case-insensitively and deduplicated. Returns the new text, how many
/// words were added and the words that were already there.
pub fn merge(existing: &str, words: &[String]) -> (String, usize, Vec<String>) {
    let mut header = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in existing.lines() {
        match copyedit_core::config::word_of_line(line) {
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

/// Add `words` to the word file of the configuration at `config`. Errors
/// are messages for people (the word, the configuration or the file).
pub fn add(config: &Path, words: &[String]) -> Result<Added, String> {
    if let Some(w) = words.iter().find(|w| !is_word(w)) {
        return Err(format!(
            "`{w}` is not a word (no spaces or control characters, not starting with `#`)"
        ));
    }
    let file = word_file_of(config).map_err(|e| e.to_string())?;
    let (existing, exists) = match read_regular_to_string(&file, MAX_CONFIG_SIZE) {
        Ok(t) => (t, true),
        Err(e) if e.is_not_found() && file.symlink_metadata().is_err() => (String::new(), false),
        Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
    };
    let (text, added, present) = merge(&existing, words);
    if added > 0 {
        // Once per process (a server adds words many times).
        static SIGNALS: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
        SIGNALS
            .get_or_init(|| {
                crate::atomic::remove_temp_files_on_signals()
                    .map_err(|e| format!("cannot handle signals: {e}"))
            })
            .clone()?;
        // An existing word file is replaced atomically (permissions kept,
        // never half written); a new one is simply created.
        let written = if exists {
            crate::atomic::write_atomic(&file, existing.as_bytes(), text.as_bytes())
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
        written.map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(Added {
        file,
        added,
        present,
    })
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

    #[test]
    fn add_creates_then_merges() {
        let tmp = tempfile::tempdir().unwrap();
        let config = tmp.path().join("copyedit.toml");
        fs::write(&config, "").unwrap();
        let a = add(&config, &["Zorblax".into()]).unwrap();
        assert_eq!(a.added, 1);
        assert_eq!(fs::read_to_string(&a.file).unwrap(), "Zorblax\n");
        let b = add(&config, &["Ardvik".into(), "Zorblax".into()]).unwrap();
        assert_eq!((b.added, b.present), (1, vec!["Zorblax".to_string()]));
        assert_eq!(fs::read_to_string(&b.file).unwrap(), "Ardvik\nZorblax\n");
        assert!(add(&config, &["two words".into()]).is_err());
    }
}
