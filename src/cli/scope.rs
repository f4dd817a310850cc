//! Which problems a run reports when adopting copyedit on an existing
//! repository: `--changed-since REF` (only lines added or changed since the
//! merge base with REF, and new files) and baselines (`--baseline FILE` or
//! `baseline` in copyedit.toml: only problems the file does not record).
//! `--write-baseline FILE` records a run's problems.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copyedit::baseline::{Baseline, Fingerprint};
use copyedit::git::{Changed, ChangedLines};
use copyedit::report::LineIndex;
use copyedit::walk::{io_message, lexical, Checked, InputError, Source};
use copyedit_core::diagnostic::Diagnostic;
use copyedit_core::fix::{original_offset, Change};

use super::{CheckArgs, CliError};

/// Problems a scope left out, by reason.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Hidden {
    /// On lines not changed since `--changed-since`.
    pub unchanged: usize,
    /// Recorded in the baseline.
    pub baseline: usize,
}

impl Hidden {
    pub fn add(&mut self, other: Hidden) {
        self.unchanged += other.unchanged;
        self.baseline += other.baseline;
    }

    /// Lines for standard error after a report for people, e.g.
    /// `copyedit: 1,204 problems recorded in the baseline not shown`.
    pub fn notes(&self) -> Vec<String> {
        let plural = |n: usize| if n == 1 { "problem" } else { "problems" };
        let mut out = Vec::new();
        if self.unchanged > 0 {
            out.push(format!(
                "copyedit: {} {} on unchanged lines not shown (--changed-since)",
                self.unchanged,
                plural(self.unchanged)
            ));
        }
        if self.baseline > 0 {
            out.push(format!(
                "copyedit: {} {} recorded in the baseline not shown",
                self.baseline,
                plural(self.baseline)
            ));
        }
        out
    }
}

/// What one input reports.
#[derive(Debug, Default, Clone)]
pub(super) struct FileScope {
    /// With `--changed-since`: the lines that changed (none, for a file
    /// that did not).
    lines: Option<Changed>,
    /// The baseline that governs the file, and the file's path in it.
    baseline: Option<(Arc<Baseline>, String)>,
}

impl FileScope {
    /// Drop the diagnostics of `current` (the original text after the
    /// `changes` made by fixes so far; in a check, the original itself)
    /// this scope does not report.
    pub fn retain(
        &self,
        original: &str,
        current: &str,
        changes: &[Change],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Hidden {
        let mut hidden = Hidden::default();
        if diagnostics.is_empty() {
            return hidden;
        }
        match &self.lines {
            None | Some(Changed::All) => {}
            Some(lines) => {
                let index = LineIndex::new(original);
                let before = diagnostics.len();
                diagnostics.retain(|d| {
                    let start = original_offset(changes, d.span.start);
                    let end = original_offset(changes, d.span.end).max(start);
                    let (first, _) = index.position(original, start);
                    let (last, _) = index.position(original, end.saturating_sub(1).max(start));
                    lines.touches(first, last)
                });
                hidden.unchanged = before - diagnostics.len();
            }
        }
        if let Some((baseline, path)) = &self.baseline {
            hidden.baseline = baseline.retain_new(path, current, diagnostics);
        }
        hidden
    }
}

/// `path` with `/` between components.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The directory a baseline's paths are relative to: the file's own.
fn baseline_dir(file: &Path) -> PathBuf {
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf())
}

/// The path of a source in a baseline kept in `dir`.
fn key_of(source: &Source, dir: &Path) -> String {
    match source {
        Source::File(p) => fs::canonicalize(p)
            .ok()
            .and_then(|abs| abs.strip_prefix(dir).ok().map(slashed))
            .unwrap_or_else(|| slashed(&lexical(p))),
        Source::Stdin(name) => name.clone(),
    }
}

/// Whether `source` is the file at `file` (a baseline is not checked).
pub(super) fn is_file(source: &Source, file: &Path) -> bool {
    let Source::File(p) = source else {
        return false;
    };
    p.file_name() == file.file_name()
        && match (fs::canonicalize(p), fs::canonicalize(file)) {
            (Ok(a), Ok(b)) => a == b,
            _ => lexical(p) == lexical(file),
        }
}

/// The scope of each source, from `--changed-since`, `--baseline` and the
/// configurations' `baseline` (`config_baselines`, one per source), or
/// the error that ends the run (not a git repository, an unreadable
/// baseline).
pub(super) fn scopes(
    args: &CheckArgs,
    sources: &[Source],
    config_baselines: &[Option<PathBuf>],
) -> Result<Vec<FileScope>, CliError> {
    let mut scopes = vec![FileScope::default(); sources.len()];
    if args.write_baseline.is_some() {
        // Recording: everything, whatever the configuration's baseline.
        return Ok(scopes);
    }
    if let Some(reference) = &args.changed_since {
        // The repository of the first path given (or of the current
        // directory).
        let dir = args
            .paths
            .iter()
            .find(|p| p.as_os_str() != "-")
            .map(|p| match p.is_dir() {
                true => p.clone(),
                false => p.parent().map(Path::to_path_buf).unwrap_or_default(),
            })
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        let changed = ChangedLines::since(reference, &dir).map_err(CliError::plain)?;
        for (scope, source) in scopes.iter_mut().zip(sources) {
            scope.lines = Some(match source {
                // Standard input is not in the repository: all of it is new.
                Source::Stdin(_) => Changed::All,
                Source::File(p) => changed
                    .for_path(p)
                    .cloned()
                    .unwrap_or(Changed::Lines(Vec::new())),
            });
        }
    }
    let mut loaded: HashMap<PathBuf, Arc<Baseline>> = HashMap::new();
    for (i, (scope, source)) in scopes.iter_mut().zip(sources).enumerate() {
        let file = match &args.baseline {
            Some(f) => f.clone(),
            None => match config_baselines.get(i).cloned().flatten() {
                Some(f) => f,
                None => continue,
            },
        };
        let baseline = match loaded.get(&file) {
            Some(b) => Arc::clone(b),
            None => {
                let b = Arc::new(read_baseline(&file)?);
                loaded.insert(file.clone(), Arc::clone(&b));
                b
            }
        };
        scope.baseline = Some((baseline, key_of(source, &baseline_dir(&file))));
    }
    Ok(scopes)
}

/// The largest baseline read: about a million recorded problems.
const MAX_BASELINE_SIZE: u64 = 200 << 20;

fn read_baseline(file: &Path) -> Result<Baseline, CliError> {
    // A regular file of bounded size, like every file copyedit reads
    // besides the texts (a baseline is a line per recorded problem).
    let text =
        copyedit::safe_read::read_regular_to_string(file, MAX_BASELINE_SIZE).map_err(|e| {
            CliError::plain(format_args!(
                "cannot read baseline {}: {e} (record one with \
             `copyedit check --write-baseline {}`)",
                file.display(),
                file.display()
            ))
        })?;
    Baseline::parse(&text).map_err(|(line, message)| {
        CliError::plain(format_args!(
            "{}:{line}: not a copyedit baseline: {message}",
            file.display()
        ))
    })
}

/// Drop from each checked result what its scope does not report.
pub(super) fn apply(scopes: &[FileScope], results: &mut [Result<Checked, InputError>]) -> Hidden {
    let mut hidden = Hidden::default();
    for (scope, r) in scopes.iter().zip(results.iter_mut()) {
        if let Ok(c) = r {
            hidden.add(scope.retain(&c.text, &c.text, &[], &mut c.diagnostics));
        }
    }
    hidden
}

/// `--write-baseline FILE`: record every reported problem of the run.
pub(super) fn write_baseline(
    file: &Path,
    results: &[Result<Checked, InputError>],
) -> Result<usize, String> {
    let dir = baseline_dir(file);
    let mut baseline = Baseline::new();
    for c in results.iter().flatten() {
        if c.skipped.is_some() {
            continue;
        }
        let key = key_of(&c.source, &dir);
        for d in c.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            baseline.add(Fingerprint::new(&key, d.rule, &c.text, &d.span));
        }
    }
    fs::write(file, baseline.render())
        .map_err(|e| format!("cannot write {}: {}", file.display(), io_message(&e)))?;
    Ok(baseline.len())
}
