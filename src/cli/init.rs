//! `copyedit init`: look at the repository, then write a commented starter
//! copyedit.toml with the English variant its prose uses, and (`--words`)
//! a copyedit-words.txt seeded with the unknown words several files use.

use std::collections::{HashMap, HashSet};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use copyedit::config::{DEFAULT_WORD_FILE, FILE_NAMES, STARTER};
use copyedit::walk::{apply_vocabulary, check_with, discover, io_message, Source, WalkOptions};
use copyedit_core::diagnostic::Suppression;
use copyedit_core::dictionary::flags;
use copyedit_core::linter::{Config, Linter};
use copyedit_core::vocabulary::Vocabulary;
use copyedit_core::{Dictionary, Lang};

use super::{CliError, Exit, Outcome};

/// An unknown word goes into the seeded word file when this many files use it.
pub(super) const SEED_MIN_FILES: usize = 3;

/// Largest file read when inspecting the repository.
const MAX_SIZE: u64 = 10 << 20;

/// Spellings of one variant and not the other, counted over the texts.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Variants {
    /// American-only spellings (`color`, `organize` without en-GB).
    pub american: usize,
    /// British-only spellings (`colour`, `organise`).
    pub british: usize,
}

impl Variants {
    /// Count the variant spellings of the words of `text`.
    pub fn count(&mut self, dictionary: &Dictionary, text: &str) {
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() > 2)
        {
            let lower = word.to_lowercase();
            let Some(e) = dictionary.entry(&lower) else {
                continue;
            };
            if e.flags & flags::COMMON != 0 {
                continue;
            }
            let us = e.flags & flags::EN_US != 0;
            let gb = e.flags & flags::EN_GB != 0;
            match (us, gb) {
                (true, false) => self.american += 1,
                (false, true) => self.british += 1,
                _ => {}
            }
        }
    }

    /// British when its spellings clearly outnumber American ones.
    pub fn lang(&self) -> Lang {
        if self.british >= 5 && self.british >= 3 * self.american {
            Lang::EnGb
        } else {
            Lang::EnUs
        }
    }
}

fn create_new(path: &Path, text: &str) -> Result<(), String> {
    // create_new: never replace a file that appeared in the meantime.
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot write {}: {}", path.display(), io_message(&e)))
}

/// The starter configuration for `lang`, saying what was found.
pub(super) fn starter(lang: Lang, variants: &Variants) -> String {
    let detected = format!(
        "# English variant: en-US, en-GB, en-CA or en-AU. `copyedit init` found\n\
         # {} British and {} American spellings.\nlang = \"{}\"",
        variants.british,
        variants.american,
        lang.as_str()
    );
    STARTER.replacen(
        "# English variant: en-US, en-GB, en-CA or en-AU.\nlang = \"en-US\"",
        &detected,
        1,
    )
}

pub(super) fn run(dir: &Path, words: bool) -> Outcome {
    let existing = FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.exists());
    if let (Some(existing), false) = (&existing, words) {
        return Err(CliError::plain(format_args!(
            "{} already exists; not overwriting it",
            existing.display()
        )));
    }
    let word_file = dir.join(DEFAULT_WORD_FILE);
    if words && word_file.exists() {
        return Err(CliError::plain(format_args!(
            "{} already exists; not overwriting it (`copyedit words add` adds to it)",
            word_file.display()
        )));
    }
    if !dir.is_dir() {
        return Err(CliError::plain(format_args!(
            "{} is not a directory",
            dir.display()
        )));
    }
    // The repository's texts, as `check` would walk them.
    let (sources, _) = discover(&[dir.to_path_buf()], &WalkOptions::default());
    let probe = Dictionary::new(Lang::EnUs);
    let mut variants = Variants::default();
    for s in &sources {
        if let Source::File(p) = s {
            if fs::metadata(p).is_ok_and(|m| m.len() <= MAX_SIZE) {
                if let Ok(text) = fs::read_to_string(p) {
                    variants.count(&probe, &text);
                }
            }
        }
    }
    let lang = variants.lang();
    match &existing {
        Some(existing) => println!(
            "kept {}",
            copyedit::report::escape_control(&existing.display().to_string())
        ),
        None => {
            let path = dir.join("copyedit.toml");
            match create_new(&path, &starter(lang, &variants)) {
                Ok(()) => println!(
                    "wrote {} (lang = \"{}\": {} British, {} American spellings in {} files)",
                    copyedit::report::escape_control(&path.display().to_string()),
                    lang.as_str(),
                    variants.british,
                    variants.american,
                    sources.len()
                ),
                Err(e) => return Err(CliError::plain(e)),
            }
        }
    }
    if words {
        let seeded = seed_words(&sources, lang);
        let mut text = format!(
            "# Words copyedit did not know, each used in {SEED_MIN_FILES} or more files\n\
             # (written by `copyedit init --words`). Review them: delete the\n\
             # misspellings, keep the project's names and terms. One word a line.\n"
        );
        for w in &seeded {
            text.push_str(w);
            text.push('\n');
        }
        match create_new(&word_file, &text) {
            Ok(()) => println!(
                "wrote {} ({} words to review)",
                copyedit::report::escape_control(&word_file.display().to_string()),
                seeded.len()
            ),
            Err(e) => return Err(CliError::plain(e)),
        }
    } else {
        println!(
            "next: `copyedit check --statistics`; `copyedit init --words` seeds a word list \
             with the unknown words several files use"
        );
    }
    Ok(Exit::Success.into())
}

/// The unknown words (`spelling`, reported or taken for the project's
/// vocabulary) that at least [`SEED_MIN_FILES`] files use, sorted.
fn seed_words(sources: &[Source], lang: Lang) -> Vec<String> {
    let linter = Linter::new(Config {
        lang,
        ..Config::default()
    });
    let vocabulary = Mutex::new(Vocabulary::new());
    let named: HashSet<PathBuf> = HashSet::new();
    let mut results = check_with(
        sources,
        MAX_SIZE,
        &named,
        |_| &linter,
        &|| {},
        Some(&vocabulary),
    );
    let vocabulary = vocabulary.into_inner().unwrap_or_default();
    apply_vocabulary(&mut results, &vocabulary, |_| &linter);
    let mut files: HashMap<String, usize> = HashMap::new();
    for c in results.iter().flatten() {
        let mut here: HashSet<&str> = HashSet::new();
        for d in &c.diagnostics {
            let listed = matches!(d.suppressed, None | Some(Suppression::Vocabulary));
            if d.rule == copyedit_core::rules::spelling::META.code && listed {
                if let Some(w) = c.text.get(d.span.clone()) {
                    here.insert(w);
                }
            }
        }
        for w in here {
            *files.entry(w.to_string()).or_default() += 1;
        }
    }
    let mut words: Vec<String> = files
        .into_iter()
        .filter(|(_, n)| *n >= SEED_MIN_FILES)
        .map(|(w, _)| w)
        .collect();
    words.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_spellings_make_en_gb() {
        let d = Dictionary::new(Lang::EnUs);
        let mut v = Variants::default();
        v.count(
            &d,
            "The colour of the organisation's behaviour; we analyse the centre and \
             favour the catalogue.",
        );
        assert!(v.british >= 5, "{v:?}");
        assert_eq!(v.american, 0);
        assert_eq!(v.lang(), Lang::EnGb);
        let mut v = Variants::default();
        v.count(
            &d,
            "The color of the organization's behavior; we analyze the center.",
        );
        assert_eq!(v.british, 0, "{v:?}");
        assert!(v.american >= 4, "{v:?}");
        assert_eq!(v.lang(), Lang::EnUs);
    }

    #[test]
    fn starter_names_the_detected_lang() {
        let v = Variants {
            british: 12,
            american: 1,
        };
        let text = starter(Lang::EnGb, &v);
        assert!(text.contains("lang = \"en-GB\""), "{text}");
        assert!(
            text.contains("found\n# 12 British and 1 American"),
            "{text}"
        );
        assert!(!text.contains("lang = \"en-US\""));
    }
}
