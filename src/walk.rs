//! Finding the files to check and checking them in parallel.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use rayon::prelude::*;

use copyedit_core::decode::{decode, Decoded};
use copyedit_core::diagnostic::Diagnostic;
use copyedit_core::document::Format;
use copyedit_core::language::Skip;
use copyedit_core::linter::Linter;
use copyedit_core::vocabulary::{Census, Vocabulary};

/// File extensions checked by default when walking directories.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt", "text"];

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, with the name to report it under.
    Stdin(String),
}

impl Source {
    /// The name used in messages.
    pub fn display_name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin(name) => name.clone(),
        }
    }

    /// Whether the user named this input (standard input, or a file given
    /// on the command line, see [`named_files`]) rather than a directory
    /// walk finding it.
    pub fn is_named(&self, named: &HashSet<PathBuf>) -> bool {
        match self {
            Source::File(p) => named.contains(&lexical(p)),
            Source::Stdin(_) => true,
        }
    }

    /// The format, from the file name (standard input: `--stdin-format`
    /// first, see [`set_stdin_format`]).
    pub fn format(&self) -> Format {
        match self {
            Source::File(p) => Format::from_path(p),
            Source::Stdin(name) => STDIN_FORMAT
                .get()
                .copied()
                .unwrap_or_else(|| Format::from_path(Path::new(name))),
        }
    }

    /// The format of this source's `text`: [`Source::format`], except that
    /// standard input with no name ([`STDIN_NAME`]) and no
    /// `--stdin-format` is Markdown when the text clearly is
    /// ([`looks_like_markdown`]).
    pub fn format_of(&self, text: &str) -> Format {
        match self {
            Source::Stdin(name) if name == STDIN_NAME && STDIN_FORMAT.get().is_none() => {
                if looks_like_markdown(text) {
                    Format::Markdown
                } else {
                    Format::Plain
                }
            }
            _ => self.format(),
        }
    }
}

/// The name standard input is reported under without `--stdin-filename`.
pub const STDIN_NAME: &str = "<stdin>";

static STDIN_FORMAT: OnceLock<Format> = OnceLock::new();

/// Read standard input in this format whatever its name or content
/// (`--stdin-format`). Set once, by the command line, before checking.
pub fn set_stdin_format(format: Format) {
    let _ = STDIN_FORMAT.set(format);
}

/// Whether a text is clearly Markdown: a code fence (a line starting with
/// three backticks or tildes), an ATX heading (`# Title`, `## Usage`) or an
/// inline link (`[text](target)`) in its first 64 KB.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut end = text.len().min(64 << 10);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = text.get(..end).unwrap_or("");
    sample.lines().any(|line| {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if indent > 3 {
            return false;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            return true;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && t.get(hashes..).is_some_and(|rest| {
                rest.starts_with(' ') && rest.trim_start().starts_with(char::is_alphanumeric)
            })
        {
            return true;
        }
        has_inline_link(t)
    })
}

/// `[text](target)` with a target and no space in it, in one line.
fn has_inline_link(line: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        let (before, after) = rest.split_at(i);
        let target = after.get(2..).unwrap_or("");
        let closed = target
            .find(')')
            .and_then(|j| target.get(..j))
            .is_some_and(|t| !t.is_empty() && !t.contains(char::is_whitespace));
        let opened = before
            .rfind('[')
            .and_then(|k| before.get(k + 1..))
            .is_some_and(|t| !t.is_empty() && !t.contains(']'));
        if closed && opened {
            return true;
        }
        rest = after.get(2..).unwrap_or("");
    }
    false
}

/// A path without its leading `./` components: `a.md`, `./a.md` and a
/// walk of `.` that finds it are one file.
pub fn lexical(p: &Path) -> PathBuf {
    p.components()
        .skip_while(|c| matches!(c, std::path::Component::CurDir))
        .collect()
}

/// The files among command-line `paths` (not directories), for
/// [`Source::is_named`].
pub fn named_files(paths: &[PathBuf]) -> HashSet<PathBuf> {
    paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && !p.is_dir())
        .map(|p| lexical(p))
        .collect()
}

/// A problem with one input that stops it being checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path as given or found.
    pub path: String,
    /// Why: "No such file or directory", "invalid UTF-8 at byte 7 (line 2)".
    pub message: String,
}

/// A project's say on which walked paths are checked (from configuration).
pub trait Select: Send + Sync {
    /// Whether to skip a directory below a walked root entirely.
    fn skip_dir(&self, dir: &Path) -> bool;
    /// Whether to check a walked file; `default` is the decision from the
    /// default extensions and `--glob`.
    fn select_file(&self, file: &Path, default: bool) -> bool;
}

/// A shared [`Select`].
#[derive(Clone)]
pub struct Selector(pub Arc<dyn Select>);

impl std::fmt::Debug for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Selector")
    }
}

/// Options for discovery.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Extra globs to include when walking directories (e.g. `*.rst`).
    pub globs: Vec<String>,
    /// Check hidden files and directories too.
    pub hidden: bool,
    /// Ignore `.gitignore` and similar files.
    pub no_ignore: bool,
    /// Name to report standard input under.
    pub stdin_name: Option<String>,
    /// Configuration's include/exclude decisions for walked paths.
    pub select: Option<Selector>,
}

/// Expand the given paths into sources, sorted by path within each
/// directory; explicit files are always included whatever their extension.
pub fn discover(paths: &[PathBuf], opts: &WalkOptions) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let default_paths = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default_paths[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            let name = opts
                .stdin_name
                .clone()
                .unwrap_or_else(|| STDIN_NAME.to_string());
            sources.push(Source::Stdin(name));
            continue;
        }
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => walk_dir(path, opts, &mut sources, &mut errors),
            Ok(_) => sources.push(Source::File(path.clone())),
            Err(e) => errors.push(InputError {
                path: path.display().to_string(),
                message: io_message(&e),
            }),
        }
    }
    (sources, errors)
}

fn walk_dir(
    dir: &Path,
    opts: &WalkOptions,
    sources: &mut Vec<Source>,
    errors: &mut Vec<InputError>,
) {
    let mut overrides = OverrideBuilder::new(dir);
    let mut ok = true;
    for ext in DEFAULT_EXTENSIONS {
        ok &= overrides.add(&format!("*.{ext}")).is_ok();
    }
    for glob in &opts.globs {
        if let Err(e) = overrides.add(glob) {
            errors.push(InputError {
                path: glob.clone(),
                message: format!("invalid glob: {e}"),
            });
        }
    }
    // `!glob`s alone, to tell a file the user excluded from one that merely
    // matches no glob (both are `Ignore` in `overrides`).
    let mut negations = OverrideBuilder::new(dir);
    for glob in opts.globs.iter().filter(|g| g.starts_with('!')) {
        let _ = negations.add(glob);
    }
    let negations = negations
        .build()
        .unwrap_or_else(|_| ignore::overrides::Override::empty());
    let overrides = match overrides.build() {
        Ok(o) if ok => o,
        Ok(_) | Err(_) => {
            errors.push(InputError {
                path: dir.display().to_string(),
                message: "could not build file filters".to_string(),
            });
            return;
        }
    };
    let mut builder = WalkBuilder::new(dir);
    if let Some(Selector(select)) = &opts.select {
        let select = Arc::clone(select);
        builder.filter_entry(move |e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && select.skip_dir(e.path()))
        });
    }
    let walker = builder
        .hidden(!opts.hidden)
        .git_ignore(!opts.no_ignore)
        .git_global(!opts.no_ignore)
        .git_exclude(!opts.no_ignore)
        .ignore(!opts.no_ignore)
        .parents(!opts.no_ignore)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                // The globs only select among files the ignore rules let
                // through (as overrides they would take precedence).
                if !e.file_type().is_some_and(|t| t.is_file())
                    || crate::atomic::is_temp_file(e.file_name())
                {
                    continue;
                }
                let matched = overrides.matched(e.path(), false);
                let selected = match &opts.select {
                    _ if negations.matched(e.path(), false).is_ignore() => false,
                    Some(Selector(select)) => select.select_file(e.path(), matched.is_whitelist()),
                    None => matched.is_whitelist(),
                };
                if selected {
                    sources.push(Source::File(e.into_path()));
                }
            }
            Err(e) => errors.push(walk_error(dir, &e)),
        }
    }
}

/// An error met while walking `root`, named by the path it concerns
/// (`docs/private: Permission denied`) rather than by the root, and
/// without the walker's own wording around the system's reason.
fn walk_error(root: &Path, e: &ignore::Error) -> InputError {
    let mut path = root;
    let mut inner = e;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = p;
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } => inner = err,
            _ => break,
        }
    }
    let message = match inner {
        ignore::Error::Io(io) => {
            // The directory walker wraps the system's error in its own,
            // which names the path again: report the system's.
            let system = io
                .get_ref()
                .and_then(|w| w.source())
                .and_then(|s| s.downcast_ref::<std::io::Error>());
            io_message(system.unwrap_or(io))
        }
        other => other.to_string(),
    };
    InputError {
        path: path.display().to_string(),
        message,
    }
}

/// The text of an io::Error without Rust's "(os error N)" suffix.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    if let Some((message, _)) = s.split_once(" (os error") {
        return message.to_string();
    }
    s
}

/// The outcome of checking one source.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Where it came from.
    pub source: Source,
    /// The decoded text (what spans index into).
    pub text: String,
    /// Whether it had a BOM.
    pub bom: bool,
    /// Problems found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Not checked, and why (not English, not prose): then there are no
    /// diagnostics.
    pub skipped: Option<Skip>,
    /// The check stopped at the linter's limit of problems
    /// (`--max-problems`): the file has more than those reported.
    pub capped: bool,
}

/// Whether a check's problems reached the linter's limit.
pub fn reached_limit(linter: &Linter, diagnostics: &[Diagnostic]) -> bool {
    linter
        .config()
        .max_problems
        .is_some_and(|m| diagnostics.len() >= m)
}

/// Read and decode one source (files larger than `max_size` bytes are refused).
pub fn read_source(source: &Source, max_size: u64) -> Result<Decoded, InputError> {
    let name = source.display_name();
    let err = |message: String| InputError {
        path: name.clone(),
        message,
    };
    let bytes = match source {
        Source::File(p) => {
            let meta = fs::metadata(p).map_err(|e| err(io_message(&e)))?;
            if meta.is_dir() {
                return Err(err("is a directory".to_string()));
            }
            if meta.len() > max_size {
                return Err(err(format!(
                    "file is {} bytes, larger than the limit of {max_size} (see --max-file-size)",
                    meta.len()
                )));
            }
            // The size may change after the check, and pipes and devices
            // (`<(cmd)`, `/dev/zero`) report none: never read past the limit.
            let mut buf =
                Vec::with_capacity(usize::try_from(meta.len().min(max_size)).unwrap_or(0));
            fs::File::open(p)
                .and_then(|f| f.take(max_size.saturating_add(1)).read_to_end(&mut buf))
                .map_err(|e| err(io_message(&e)))?;
            if buf.len() as u64 > max_size {
                return Err(err(format!(
                    "file is larger than the limit of {max_size} bytes (see --max-file-size)"
                )));
            }
            buf
        }
        Source::Stdin(_) => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(max_size.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| err(io_message(&e)))?;
            if buf.len() as u64 > max_size {
                return Err(err(format!(
                    "input larger than the limit of {max_size} bytes (see --max-file-size)"
                )));
            }
            buf
        }
    };
    decode(bytes).map_err(|e| err(e.to_string()))
}

/// Check sources in parallel; results come back in the order given. Every
/// source counts as named (plain-text files are taken for prose).
pub fn check_all(
    linter: &Linter,
    sources: &[Source],
    max_size: u64,
) -> Vec<Result<Checked, InputError>> {
    let named: HashSet<PathBuf> = sources
        .iter()
        .filter_map(|s| match s {
            Source::File(p) => Some(lexical(p)),
            Source::Stdin(_) => None,
        })
        .collect();
    let vocabulary = Mutex::new(Vocabulary::new());
    let mut results = check_with(
        sources,
        max_size,
        &named,
        |_| linter,
        &|| {},
        Some(&vocabulary),
    );
    let vocabulary = vocabulary.into_inner().unwrap_or_default();
    apply_vocabulary(&mut results, &vocabulary, |_| linter);
    results
}

/// Files checked ahead of the one being reported, per thread: results wait
/// in order for the reporter, so at most this many (and those being
/// checked) are held at once, whatever the number of files.
const AHEAD_PER_THREAD: usize = 2;

/// Check sources and hand each result to `each`, in the order given, as
/// soon as it and every result before it are ready; `each` returns `false`
/// to stop. Nothing outlives its report: memory stays bounded by a few
/// files (those being checked on `threads` threads, and
/// [`AHEAD_PER_THREAD`] per thread waiting for their turn), whatever the
/// number of files. The run's vocabulary ([`Vocabulary`]) must be known
/// before the first file is judged: with more than one source, a census
/// pass first reads, parses and tokenizes every file (in parallel, no
/// rules); a single source is counted as it is checked. Standard input,
/// readable once, is kept from the census pass for the check; a file the
/// census pass found to be skipped is not read again (its result has no
/// text). Results are otherwise those of [`check_with`] followed by
/// [`apply_vocabulary`].
#[allow(clippy::too_many_arguments)]
pub fn check_streaming<'l, F>(
    sources: &[Source],
    max_size: u64,
    named: &HashSet<PathBuf>,
    linter_for: F,
    threads: usize,
    done: &(dyn Fn() + Sync),
    each: &mut dyn FnMut(usize, Result<Checked, InputError>) -> bool,
) where
    F: Fn(usize) -> &'l Linter + Sync,
{
    let stdin: Mutex<Option<Result<Decoded, InputError>>> = Mutex::new(None);
    // The census pass also learns which files the check skips (not English,
    // not prose): those are not read again.
    let (vocabulary, skips) = if sources.len() > 1 {
        let vocabulary = Mutex::new(Vocabulary::new());
        let skips: Vec<Option<Skip>> = sources
            .par_iter()
            .enumerate()
            .map(|(i, source)| {
                let decoded = read_source(source, max_size);
                let census = decoded.as_ref().ok().map(|d| {
                    linter_for(i).census_source(
                        &d.text,
                        source.format_of(&d.text),
                        &source.display_name(),
                        source.is_named(named),
                    )
                });
                if let Source::Stdin(_) = source {
                    if let Ok(mut slot) = stdin.lock() {
                        *slot = Some(decoded);
                    }
                }
                match census {
                    Some(Ok(c)) => {
                        if let Ok(mut v) = vocabulary.lock() {
                            v.add(c);
                        }
                        None
                    }
                    Some(Err(skip)) => Some(skip),
                    None => None,
                }
            })
            .collect();
        (Some(vocabulary.into_inner().unwrap_or_default()), skips)
    } else {
        (None, Vec::new())
    };
    let check_one = |i: usize| -> Result<Checked, InputError> {
        let source = sources.get(i).ok_or_else(|| InputError {
            path: String::new(),
            message: "no such input".to_string(),
        })?;
        if let Some(Some(skip)) = skips.get(i) {
            return Ok(Checked {
                source: source.clone(),
                text: String::new(),
                bom: false,
                diagnostics: Vec::new(),
                skipped: Some(skip.clone()),
                capped: false,
            });
        }
        let kept = match source {
            Source::Stdin(_) => stdin.lock().ok().and_then(|mut s| s.take()),
            Source::File(_) => None,
        };
        let decoded = kept.unwrap_or_else(|| read_source(source, max_size))?;
        let linter = linter_for(i);
        let mut census = vocabulary.is_none().then(Census::default);
        let (mut diagnostics, skipped) = match linter.check_source(
            &decoded.text,
            source.format_of(&decoded.text),
            &source.display_name(),
            source.is_named(named),
            census.as_mut(),
        ) {
            Ok(d) => (d, None),
            Err(skip) => (Vec::new(), Some(skip)),
        };
        let capped = reached_limit(linter, &diagnostics);
        match (&vocabulary, census) {
            (Some(v), _) => v.apply(linter.dictionary(), &decoded.text, &mut diagnostics),
            (None, census) => {
                let mut v = Vocabulary::new();
                v.add(census.unwrap_or_default());
                v.apply(linter.dictionary(), &decoded.text, &mut diagnostics);
            }
        }
        Ok(Checked {
            source: source.clone(),
            text: decoded.text,
            bom: decoded.bom,
            diagnostics,
            skipped,
            capped,
        })
    };
    let n = sources.len();
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        for i in 0..n {
            let r = check_one(i);
            done();
            if !each(i, r) {
                return;
            }
        }
        return;
    }
    ordered(n, threads, &check_one, done, each);
}

/// What the threads of [`ordered`] share.
struct Queue<T> {
    /// The next index to take.
    next: usize,
    /// Indices below this have been handed on.
    handed: usize,
    /// Results waiting for their turn, by index.
    ready: std::collections::BTreeMap<usize, T>,
    /// Stop taking work (the consumer stopped, or a worker panicked).
    stop: bool,
    /// A worker's panic, raised again on the calling thread.
    panic: Option<Box<dyn std::any::Any + Send>>,
}

/// `work(i)` for `i` in `0..n` on `threads` threads, each result given to
/// `each` in index order on the calling thread; at most
/// [`AHEAD_PER_THREAD`] × `threads` results wait at a time.
fn ordered<T: Send>(
    n: usize,
    threads: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    done: &(dyn Fn() + Sync),
    each: &mut dyn FnMut(usize, T) -> bool,
) {
    let window = AHEAD_PER_THREAD * threads;
    let queue = Mutex::new(Queue {
        next: 0,
        handed: 0,
        ready: std::collections::BTreeMap::new(),
        stop: false,
        panic: None,
    });
    let changed = std::sync::Condvar::new();
    let lock = || queue.lock().unwrap_or_else(|e| e.into_inner());
    let panic = std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = {
                    let mut q = lock();
                    while !q.stop && q.next < n && q.next >= q.handed + window {
                        q = changed.wait(q).unwrap_or_else(|e| e.into_inner());
                    }
                    if q.stop || q.next >= n {
                        return;
                    }
                    q.next += 1;
                    q.next - 1
                };
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i)));
                done();
                let mut q = lock();
                match r {
                    Ok(r) => {
                        q.ready.insert(i, r);
                    }
                    Err(p) => {
                        q.stop = true;
                        q.panic.get_or_insert(p);
                    }
                }
                changed.notify_all();
            });
        }
        for k in 0..n {
            let r = {
                let mut q = lock();
                loop {
                    if let Some(r) = q.ready.remove(&k) {
                        q.handed = k + 1;
                        changed.notify_all();
                        break Some(r);
                    }
                    if q.panic.is_some() {
                        break None;
                    }
                    q = changed.wait(q).unwrap_or_else(|e| e.into_inner());
                }
            };
            if !r.is_some_and(|r| each(k, r)) {
                break;
            }
        }
        let mut q = lock();
        q.stop = true;
        changed.notify_all();
        q.panic.take()
    });
    if let Some(p) = panic {
        std::panic::resume_unwind(p);
    }
}

/// Judge every result's `spelling` problems by the run's vocabulary
/// ([`Vocabulary::apply`]), each with the dictionary of its own linter.
pub fn apply_vocabulary<'l, F>(
    results: &mut [Result<Checked, InputError>],
    vocabulary: &Vocabulary,
    linter_for: F,
) where
    F: Fn(usize) -> &'l Linter + Sync,
{
    results.par_iter_mut().enumerate().for_each(|(i, r)| {
        if let Ok(c) = r {
            vocabulary.apply(linter_for(i).dictionary(), &c.text, &mut c.diagnostics);
        }
    });
}

/// Check sources in parallel, each with the linter `linter_for(index)`
/// (files may be governed by different configurations); `done` is called
/// after each one (for progress). Results come back in the order given.
/// Texts that are not English, and walked plain-text files that are not
/// prose (not in `named`), are skipped ([`Checked::skipped`]). With
/// `vocabulary`, each checked file's words are counted into it
/// ([`Vocabulary`]): the caller applies it once every file is counted.
pub fn check_with<'l, F>(
    sources: &[Source],
    max_size: u64,
    named: &HashSet<PathBuf>,
    linter_for: F,
    done: &(dyn Fn() + Sync),
    vocabulary: Option<&Mutex<Vocabulary>>,
) -> Vec<Result<Checked, InputError>>
where
    F: Fn(usize) -> &'l Linter + Sync,
{
    sources
        .par_iter()
        .enumerate()
        .map(|(i, source)| {
            let result = read_source(source, max_size).map(|decoded| {
                let mut census = vocabulary.map(|_| Census::default());
                let (diagnostics, skipped) = match linter_for(i).check_source(
                    &decoded.text,
                    source.format_of(&decoded.text),
                    &source.display_name(),
                    source.is_named(named),
                    census.as_mut(),
                ) {
                    Ok(d) => (d, None),
                    Err(skip) => (Vec::new(), Some(skip)),
                };
                let capped = reached_limit(linter_for(i), &diagnostics);
                if let (Some(v), Some(c)) = (vocabulary, census) {
                    if let Ok(mut v) = v.lock() {
                        v.add(c);
                    }
                }
                Checked {
                    source: source.clone(),
                    text: decoded.text,
                    bom: decoded.bom,
                    diagnostics,
                    skipped,
                    capped,
                }
            });
            done();
            result
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_hands_results_on_in_order_with_a_bounded_window() {
        let in_flight = std::sync::atomic::AtomicUsize::new(0);
        let most = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        let work = |i: usize| {
            use std::sync::atomic::Ordering::SeqCst;
            let now = in_flight.fetch_add(1, SeqCst) + 1;
            most.fetch_max(now, SeqCst);
            // Later items finish first.
            std::thread::sleep(std::time::Duration::from_micros(
                ((200 - i) % 7) as u64 * 50,
            ));
            i * 2
        };
        ordered(200, 3, &work, &|| {}, &mut |k, r| {
            in_flight.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            seen.push((k, r));
            true
        });
        let want: Vec<(usize, usize)> = (0..200).map(|i| (i, i * 2)).collect();
        assert_eq!(seen, want);
        // Checked and waiting, never more than the window and the threads.
        assert!(most.into_inner() <= AHEAD_PER_THREAD * 3 + 3);
    }

    #[test]
    fn ordered_stops_when_asked_and_raises_a_workers_panic() {
        let mut seen = 0;
        ordered(1000, 2, &|i| i, &|| {}, &mut |k, _| {
            seen += 1;
            k < 4
        });
        assert_eq!(seen, 5);
        let caught = std::panic::catch_unwind(|| {
            ordered(
                50,
                2,
                &|i| {
                    assert!(i != 7, "boom");
                    i
                },
                &|| {},
                &mut |_, _| true,
            )
        });
        assert!(caught.is_err());
    }

    #[test]
    fn markdown_is_told_by_fences_headings_and_links() {
        assert!(looks_like_markdown("Intro.\n\n```sh\nls\n```\n"));
        assert!(looks_like_markdown("## Usage\n\nRun it.\n"));
        assert!(looks_like_markdown(
            "See [the guide](docs/guide.md) first.\n"
        ));
        assert!(!looks_like_markdown("Dear team,\n\nThe report is late.\n"));
        assert!(!looks_like_markdown(
            "#hashtag and #1 fans; a [note] (aside).\n"
        ));
        assert!(!looks_like_markdown("    # indented code, not a heading\n"));
        assert!(!looks_like_markdown("call f[x](y z) here\n"));
    }
}
