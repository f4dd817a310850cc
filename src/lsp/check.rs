//! Checking one open document: the linter its configuration gives, the
//! check itself (as `copyedit check FILE` does it), and the background
//! thread that runs checks.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};

use crate::config::Project;
use copyedit_core::config::ConfigError;
use copyedit_core::diagnostic::Diagnostic;
use copyedit_core::document::Format;
use copyedit_core::fix::{fix_text_scoped, FixOptions, FixOutcome};
use copyedit_core::language::Skip;
use copyedit_core::linter::{Config, Linter, RuleLevel};
use copyedit_core::vocabulary::Vocabulary;
use copyedit_core::Lang;

/// The largest document checked: the CLI's default `--max-file-size`.
pub const MAX_DOCUMENT: usize = 10 << 20;

/// The settings for files outside any project (initialization options).
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// `lang`.
    pub lang: Option<Lang>,
    /// `rules`: severities by rule code.
    pub rules: HashMap<String, RuleLevel>,
}

/// What governs a document.
#[derive(Debug, Clone)]
pub enum Governed {
    /// Check it with this linter; `config`: the configuration file, if any.
    Lint {
        linter: Arc<Linter>,
        config: Option<PathBuf>,
    },
    /// Its configuration's `exclude` leaves it out (or it is one of the
    /// project's word files or its baseline).
    Excluded,
    /// Its configuration cannot be used: the file and the error.
    Broken(PathBuf, ConfigError),
}

/// Configurations and their linters, as the CLI finds them: the nearest
/// `copyedit.toml` or `.copyedit.toml` up to the repository root.
pub struct Projects {
    project: Project,
    linters: HashMap<Option<PathBuf>, Arc<Linter>>,
    /// The word files of the configurations read.
    word_files: std::collections::BTreeSet<PathBuf>,
    defaults: Defaults,
}

impl Projects {
    /// Discover configurations; files outside any use `defaults`.
    pub fn new(defaults: Defaults) -> Self {
        Projects {
            project: Project::discover(),
            linters: HashMap::new(),
            word_files: Default::default(),
            defaults,
        }
    }

    /// Forget every configuration and word file read (they changed).
    pub fn reload(&mut self) {
        self.project = Project::discover();
        self.linters.clear();
        self.word_files.clear();
    }

    /// What governs the document at `path` (`None`: not a file, e.g. an
    /// unsaved buffer: the defaults).
    pub fn governed(&mut self, path: Option<&Path>) -> Governed {
        let config = match path {
            Some(p) => match self.project.config_for(p) {
                Ok(c) => c,
                Err(e) => {
                    let file = self
                        .project
                        .config_file_for(p)
                        .unwrap_or_else(|| e.path.clone());
                    return Governed::Broken(file, e);
                }
            },
            None => None,
        };
        if let (Some(c), Some(p)) = (&config, path) {
            if c.excludes(&self.project.locate(p), false) {
                return Governed::Excluded;
            }
        }
        let key = config.as_ref().map(|c| c.path.clone());
        let defaults = &self.defaults;
        let word_files = &mut self.word_files;
        let linter = self.linters.entry(key.clone()).or_insert_with(|| {
            Arc::new(Linter::new(match &config {
                Some(c) => {
                    word_files.extend(c.dictionaries.iter().cloned());
                    c.linter_config(None)
                }
                None => Config {
                    lang: defaults.lang.unwrap_or_default(),
                    rules: defaults.rules.clone(),
                    ..Config::default()
                },
            }))
        });
        Governed::Lint {
            linter: Arc::clone(linter),
            config: key,
        }
    }

    /// The word files of every configuration read so far.
    pub fn word_files(&self) -> impl Iterator<Item = &PathBuf> {
        self.word_files.iter()
    }
}

/// Check a document as `copyedit check FILE` checks a file named on the
/// command line: skipped when not English, and judged by its own
/// vocabulary (the CLI learns one from the files of a run; an open document
/// is a run of one file). Suppressed problems are kept (marked).
pub fn check(
    linter: &Linter,
    text: &str,
    format: Format,
    name: &str,
) -> Result<Vec<Diagnostic>, Skip> {
    let mut census = copyedit_core::vocabulary::Census::default();
    let mut out = linter.check_source(text, format, name, true, Some(&mut census))?;
    let mut vocabulary = Vocabulary::new();
    vocabulary.add(census);
    vocabulary.apply(linter.dictionary(), text, &mut out);
    Ok(out)
}

/// Apply every Safe fix to a fixpoint, as `copyedit fix FILE` does (the
/// document's vocabulary applied on every pass).
pub fn fix_all(linter: &Linter, text: &str, format: Format, name: &str) -> Option<FixOutcome> {
    if linter.skip_reason(text, format, name, true).is_some() {
        return None;
    }
    let vocabulary = {
        let mut v = Vocabulary::new();
        v.add(linter.census(text, format));
        v
    };
    let outcome = fix_text_scoped(
        linter,
        text,
        format,
        &FixOptions::default(),
        &|current, _, diagnostics| {
            vocabulary.apply(linter.dictionary(), current, diagnostics);
        },
    );
    outcome.changed().then_some(outcome)
}

/// A check to run in the background.
pub struct Job {
    pub uri: String,
    pub version: i32,
    /// The server's configuration generation when the job was made.
    pub generation: u64,
    pub text: Arc<str>,
    pub format: Format,
    pub name: String,
    pub linter: Arc<Linter>,
}

/// A finished check.
pub struct Done {
    pub uri: String,
    pub version: i32,
    pub generation: u64,
    /// `None`: the checker failed (a bug); nothing is published.
    pub result: Option<Result<Vec<Diagnostic>, Skip>>,
    /// How long the check took.
    pub elapsed: Duration,
}

/// The checking thread: takes jobs, and of several queued for one document
/// checks only the newest.
pub fn spawn_worker(jobs: Receiver<Job>, done: Sender<Done>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("copyedit-lsp-check".into())
        .spawn(move || {
            while let Ok(first) = jobs.recv() {
                let mut batch = vec![first];
                while let Ok(job) = jobs.try_recv() {
                    match batch.iter_mut().find(|j| j.uri == job.uri) {
                        Some(old) if old.version <= job.version => *old = job,
                        Some(_) => {}
                        None => batch.push(job),
                    }
                }
                for job in batch {
                    let start = Instant::now();
                    let result = catch_unwind(AssertUnwindSafe(|| {
                        check(&job.linter, &job.text, job.format, &job.name)
                    }))
                    .ok();
                    let sent = done.send(Done {
                        uri: job.uri,
                        version: job.version,
                        generation: job.generation,
                        result,
                        elapsed: start.elapsed(),
                    });
                    if sent.is_err() {
                        return;
                    }
                }
            }
        })?;
    Ok(())
}
