//! Which configuration (and so which linter) checks each input.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copyedit::config::Project;
use copyedit::walk::{InputError, Select, Source};
use copyedit_core::config::FailOn;
use copyedit_core::linter::{Config, Linter};
use copyedit_core::Lang;

/// Directory walks ask the governing configuration about each path:
/// `include` adds files, `exclude` removes files and whole directories.
pub(super) struct ConfigSelect(pub Arc<Project>);

impl Select for ConfigSelect {
    fn skip_dir(&self, dir: &Path) -> bool {
        match self.0.config_for(dir) {
            Ok(Some(c)) => c.excludes(&self.0.locate(dir), true),
            _ => false,
        }
    }

    fn select_file(&self, file: &Path, default: bool) -> bool {
        match self.0.config_for(file) {
            Ok(Some(c)) => {
                let abs = self.0.locate(file);
                (default || c.includes(&abs)) && !c.excludes(&abs, false)
            }
            // A broken configuration is reported when the file is planned.
            _ => default,
        }
    }
}

/// The inputs to check, each with its linter and exit threshold.
pub(super) struct Plan {
    pub sources: Vec<Source>,
    pub linters: Vec<Arc<Linter>>,
    pub fail_on: Vec<FailOn>,
    /// The `baseline` of each source's configuration.
    pub baselines: Vec<Option<PathBuf>>,
    /// Configuration files that could not be used (their inputs are skipped).
    pub errors: Vec<InputError>,
}

/// Assign a configuration to each source. Files excluded by their
/// configuration are dropped even when named on the command line (so a
/// pre-commit hook, which names files, honours `exclude`). Linters are built
/// once per configuration file.
/// With `all_languages` (`--all-languages`), every text is checked as
/// English whatever the configuration says; `max_problems`
/// (`--max-problems`) bounds the problems of each file.
pub(super) fn plan(
    project: &Project,
    sources: Vec<Source>,
    lang: Option<Lang>,
    all_languages: bool,
    max_problems: Option<usize>,
) -> Plan {
    let mut plan = Plan {
        sources: Vec::with_capacity(sources.len()),
        linters: Vec::with_capacity(sources.len()),
        fail_on: Vec::with_capacity(sources.len()),
        baselines: Vec::with_capacity(sources.len()),
        errors: Vec::new(),
    };
    let mut cache: HashMap<Option<PathBuf>, Arc<Linter>> = HashMap::new();
    for source in sources {
        let path = match &source {
            Source::File(p) => p.clone(),
            Source::Stdin(name) => PathBuf::from(name),
        };
        let config = match project.config_for(&path) {
            Ok(c) => c,
            Err(e) => {
                let error = InputError {
                    path: e.location(),
                    message: e.message.clone(),
                };
                if !plan.errors.contains(&error) {
                    plan.errors.push(error);
                }
                continue;
            }
        };
        if let (Some(c), Source::File(_)) = (&config, &source) {
            if c.excludes(&project.locate(&path), false) {
                continue;
            }
        }
        let key = config.as_ref().map(|c| c.path.clone());
        let linter = cache.entry(key).or_insert_with(|| {
            let mut linter_config = match &config {
                Some(c) => c.linter_config(lang),
                None => Config {
                    lang: lang.unwrap_or_default(),
                    ..Config::default()
                },
            };
            linter_config.all_languages |= all_languages;
            linter_config.max_problems = max_problems;
            Arc::new(Linter::new(linter_config))
        });
        plan.linters.push(Arc::clone(linter));
        plan.fail_on
            .push(config.as_ref().map(|c| c.fail_on).unwrap_or_default());
        plan.baselines
            .push(config.as_ref().and_then(|c| c.baseline.clone()));
        plan.sources.push(source);
    }
    plan
}
