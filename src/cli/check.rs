//! `copyedit check`.

use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use copyedit::config::Project;
use copyedit::report::{report, OutputFormat, ReportOptions, Reporter};
use copyedit::walk::{
    apply_vocabulary, check_streaming, check_with, discover, lexical, named_files, read_source,
    Checked, InputError, Selector, Source, WalkOptions,
};
use copyedit_core::config::FailOn;
use copyedit_core::diagnostic::Suppression;
use copyedit_core::linter::Linter;
use copyedit_core::vocabulary::Vocabulary;
use copyedit_core::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::outcome::{written, Output, Verdict};
use super::plan::{plan, ConfigSelect, Plan};
use super::statistics::{Statistics, Tally, MANY_FILES};
use super::{plain_error, CheckArgs, CliError, ColorWhen, Exit, FormatArg, Outcome, StdinFormat};

/// Show a progress bar when checking more files than this (on a terminal,
/// outside CI).
const PROGRESS_MIN_FILES: usize = 200;

/// Whether to colour standard output.
pub(super) fn color_choice(when: ColorWhen) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if io::stdout().is_terminal() && !no_color {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    }
}

/// What every subcommand that reads inputs needs: the linter and the
/// inputs found (and those that could not be found).
pub(super) struct Setup {
    /// The linter of each source (same order), one per configuration file.
    pub linters: Vec<Arc<Linter>>,
    pub sources: Vec<Source>,
    /// What each source reports (`--changed-since`, baselines).
    pub scopes: Vec<super::scope::FileScope>,
    pub walk_errors: Vec<InputError>,
    /// The `fail-on` of each source's configuration (same order).
    pub fail_on: Vec<FailOn>,
}

/// Inputs found: the plan, inputs that could not be found, and warnings
/// (a directory with no file to check).
struct Prepared {
    plan: Plan,
    walk_errors: Vec<InputError>,
    warnings: Vec<InputError>,
    /// Every path given was a directory with no file to check.
    all_empty: bool,
}

/// Parse the shared options, find the configuration of every input and
/// discover the inputs (sorted by path, each once), or the usage error.
/// Inputs under a broken configuration are left out and the configuration
/// is reported among `walk_errors`. With `same_file`, paths that lead to
/// the same file (a symbolic link and its target) are one input too.
fn prepare(args: &CheckArgs, same_file: bool) -> Result<Prepared, CliError> {
    let format = report_options(args).format;
    let lang: Option<Lang> = args
        .lang
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| CliError::new(format, e))?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| CliError::new(format, format_args!("cannot start {n} threads: {e}")))?;
    }
    if let Some(f) = args.stdin_format {
        copyedit::walk::set_stdin_format(match f {
            StdinFormat::Text => copyedit_core::Format::Plain,
            StdinFormat::Markdown => copyedit_core::Format::Markdown,
            StdinFormat::Mdx => copyedit_core::Format::Mdx,
        });
    }
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err(CliError::new(
            format,
            "`-` (standard input) may be given only once",
        ));
    }
    // Without `-` the name would be silently ignored and the current
    // directory checked instead.
    if stdin_count == 0 {
        if let Some(name) = &args.stdin_filename {
            return Err(CliError::new(
                format,
                format_args!(
                    "`--stdin-filename` names standard input, which is read only \
                     when `-` is given: `copyedit check --stdin-filename {name} -`"
                ),
            ));
        }
    }
    let project = if args.no_config {
        Project::disabled()
    } else if let Some(path) = &args.config {
        Project::fixed(path).map_err(|e| CliError::new(format, e))?
    } else {
        Project::discover()
    };
    let project = Arc::new(project);
    let opts = WalkOptions {
        globs: args.globs.clone(),
        hidden: args.hidden,
        no_ignore: args.no_ignore,
        stdin_name: args.stdin_filename.clone(),
        select: Some(Selector(Arc::new(ConfigSelect(Arc::clone(&project))))),
    };
    let default_paths = [PathBuf::from(".")];
    let paths = match args.paths.as_slice() {
        [] => &default_paths[..],
        paths => paths,
    };
    let mut sources = Vec::new();
    let mut walk_errors = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        let (found, errors) = discover(std::slice::from_ref(path), &opts);
        if found.is_empty() && errors.is_empty() && path.is_dir() {
            warnings.push(InputError {
                path: path.display().to_string(),
                message: "no Markdown or text files found".to_string(),
            });
        }
        sources.extend(found);
        walk_errors.extend(errors);
    }
    for w in &warnings {
        eprintln!(
            "{}",
            copyedit::report::warning_line(
                copyedit::report::OutputFormat::Human,
                &format!("no Markdown or text files found under {}", w.path)
            )
        );
    }
    let all_empty = warnings.len() == paths.len();
    // A baseline is a list, not prose, whatever its name.
    for file in [&args.baseline, &args.write_baseline].into_iter().flatten() {
        sources.retain(|s| !super::scope::is_file(s, file));
    }
    // Output is sorted by path whatever the order of the arguments.
    sources.sort();
    dedup(&mut sources, same_file);
    let max_problems = (args.max_problems > 0).then_some(args.max_problems);
    let mut plan = plan(&project, sources, lang, args.all_languages, max_problems);
    walk_errors.splice(0..0, std::mem::take(&mut plan.errors));
    Ok(Prepared {
        plan,
        walk_errors,
        warnings,
        all_empty,
    })
}

/// Drop later sources that name the same file as an earlier one: `a.md`,
/// `./a.md` and a walk of `.` that finds it are one input. With
/// `same_file`, also paths that resolve to the same file.
fn dedup(sources: &mut Vec<Source>, same_file: bool) {
    let mut seen = HashSet::new();
    sources.retain(|s| {
        let key = match s {
            Source::File(p) => {
                let lexical = lexical(p);
                Some(if same_file {
                    std::fs::canonicalize(p).unwrap_or(lexical)
                } else {
                    lexical
                })
            }
            // Given at most once.
            Source::Stdin(_) => None,
        };
        seen.insert(key)
    });
}

/// [`prepare`] for subcommands that fix (`fix`, `--fix`, `--diff`,
/// `--interactive`): each input with the linter of its own configuration.
pub(super) fn setup(args: &CheckArgs) -> Result<Setup, CliError> {
    // A file fixed twice would be refused the second time as changed on
    // disk: one input per file, however it is reached.
    let Prepared {
        plan,
        walk_errors,
        all_empty,
        ..
    } = prepare(args, true)?;
    if all_empty {
        // Each path has had its warning.
        return Err(CliError::reported());
    }
    let scopes = super::scope::scopes(args, &plan.sources, &plan.baselines)?;
    Ok(Setup {
        linters: plan.linters,
        fail_on: plan.fail_on,
        sources: plan.sources,
        scopes,
        walk_errors,
    })
}

/// The report options the arguments ask for.
pub(super) fn report_options(args: &CheckArgs) -> ReportOptions {
    let format = match args.format {
        FormatArg::Human => OutputFormat::Human,
        FormatArg::Concise => OutputFormat::Concise,
        FormatArg::Json => OutputFormat::Json,
        FormatArg::Sarif => OutputFormat::Sarif,
        FormatArg::Github => OutputFormat::Github,
    };
    ReportOptions {
        format,
        show_suppressed: args.show_suppressed,
        warnings: Vec::new(),
    }
}

pub(super) fn run(args: &CheckArgs) -> Outcome {
    let Prepared {
        plan,
        walk_errors,
        warnings,
        all_empty,
    } = prepare(args, false)?;
    let scopes = super::scope::scopes(args, &plan.sources, &plan.baselines)?;
    let progress = progress_bar(plan.sources.len());
    let fallback = Linter::default();
    let tick = || progress.inc(1);
    // A report is written file by file as the files are checked; only a
    // baseline and the list of unknown words need every result at once.
    if args.write_baseline.is_none() && !args.list_unknown {
        let linter_for = |i: usize| plan.linters.get(i).map_or(&fallback, |l| &**l);
        let done: &(dyn Fn() + Sync) = if progress.is_hidden() { &|| {} } else { &tick };
        let run = Streamed {
            args,
            scopes: &scopes,
            fail_on: &plan.fail_on,
        };
        let exit = run.stream(
            &plan.sources,
            linter_for,
            done,
            &progress,
            walk_errors,
            warnings,
        )?;
        // A mistyped path in CI must not pass as "no problems".
        return Ok(if all_empty && exit == Exit::Success {
            Exit::Failure
        } else {
            exit
        }
        .into());
    }
    let vocabulary = Mutex::new(Vocabulary::new());
    let mut results = check_with(
        &plan.sources,
        args.max_file_size,
        &named_files(&args.paths),
        |i| plan.linters.get(i).map_or(&fallback, |l| l),
        if progress.is_hidden() { &|| {} } else { &tick },
        Some(&vocabulary),
    );
    progress.finish_and_clear();
    let vocabulary = vocabulary.into_inner().unwrap_or_default();
    apply_vocabulary(&mut results, &vocabulary, |i| {
        plan.linters.get(i).map_or(&fallback, |l| l)
    });
    if let Some(file) = &args.write_baseline {
        let unreadable = !walk_errors.is_empty() || results.iter().any(Result::is_err);
        for e in results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .chain(&walk_errors)
        {
            super::plain_error(format_args!("{}: {}", e.path, e.message));
        }
        let n = super::scope::write_baseline(file, &results).map_err(CliError::plain)?;
        eprintln!(
            "copyedit: recorded {n} problem{} in {}",
            if n == 1 { "" } else { "s" },
            copyedit::report::escape_control(&file.display().to_string())
        );
        return Ok(if unreadable {
            Exit::Failure
        } else {
            Exit::Success
        }
        .into());
    }
    let hidden = super::scope::apply(&scopes, &mut results);
    results.extend(walk_errors.into_iter().map(Err));
    // Each file fails the run at its own configuration's `fail-on`.
    let verdict = Verdict::of(&results, &plan.fail_on);

    if args.list_unknown {
        let format = report_options(args).format;
        // A list, not a report: problems do not fail it. (A closed pipe
        // ends it with 0, even after an unreadable input.)
        let failed = written(format, list_unknown(&results))? == Output::Open && verdict.unreadable;
        return Ok(if failed { Exit::Failure } else { Exit::Success }.into());
    }

    let mut report_opts = report_options(args);
    report_opts.warnings = warnings;
    let mut out = BufferedStandardStream::stdout(color_choice(args.color));
    let mut err = io::stderr().lock();
    let written = if args.statistics {
        for e in results.iter().filter_map(|r| r.as_ref().err()) {
            super::plain_error(format_args!("{}: {}", e.path, e.message));
        }
        let stats = Statistics::of(&results);
        match report_opts.format {
            OutputFormat::Json => stats.write_json(&mut out),
            _ => stats.write_text(&mut out, false),
        }
    } else {
        report(&mut out, &mut err, &results, &report_opts).and_then(|()| {
            let checked = results.iter().flatten().count();
            write_statistics(
                &mut out,
                report_opts.format,
                checked,
                &Statistics::of(&results),
            )
        })
    };
    let capped = results.iter().flatten().filter(|c| c.capped).count();
    end_report(
        written,
        &mut out,
        &mut err,
        report_opts.format,
        &hidden,
        capped,
    )?;
    // A mistyped path in CI must not pass as "no problems".
    Ok(if all_empty {
        Exit::Failure
    } else {
        verdict.exit()
    }
    .into())
}

/// A long human-format run ends with the counts per rule.
fn write_statistics(
    out: &mut impl Write,
    format: OutputFormat,
    checked: usize,
    stats: &Statistics,
) -> io::Result<()> {
    if format == OutputFormat::Human && checked > MANY_FILES && !stats.is_empty() {
        writeln!(out)?;
        stats.write_text(out, true)?;
    }
    Ok(())
}

/// After a report: a write error (not a closed pipe) ends the run; output
/// is flushed, and a report for people is followed by the notes on what a
/// baseline or `--changed-since` hid.
fn end_report(
    report_written: io::Result<()>,
    out: &mut impl Write,
    err: &mut impl Write,
    format: OutputFormat,
    hidden: &super::scope::Hidden,
    capped: usize,
) -> Result<(), CliError> {
    written(format, report_written)?;
    let _ = out.flush();
    if matches!(format, OutputFormat::Human | OutputFormat::Concise) {
        for note in hidden.notes() {
            let _ = writeln!(err, "{note}");
        }
    }
    // The human and JSON summaries say it; the line formats have none.
    if capped > 0 && matches!(format, OutputFormat::Concise | OutputFormat::Github) {
        let files = if capped == 1 { "file" } else { "files" };
        let _ = writeln!(
            err,
            "note: {capped} {files} stopped at the limit of problems (see --max-problems)"
        );
    }
    Ok(())
}

/// What a streamed check needs besides the sources.
struct Streamed<'a> {
    args: &'a CheckArgs,
    scopes: &'a [super::scope::FileScope],
    fail_on: &'a [FailOn],
}

impl Streamed<'_> {
    /// Check the sources and report each as soon as it and those before it
    /// are checked (see [`check_streaming`]); the exit code by the results.
    fn stream<'l>(
        &self,
        sources: &[Source],
        linter_for: impl Fn(usize) -> &'l Linter + Sync,
        done: &(dyn Fn() + Sync),
        progress: &ProgressBar,
        walk_errors: Vec<InputError>,
        warnings: Vec<InputError>,
    ) -> Result<Exit, CliError> {
        let args = self.args;
        let mut report_opts = report_options(args);
        report_opts.warnings = warnings;
        let mut out = BufferedStandardStream::stdout(color_choice(args.color));
        // Not locked for the whole run: the progress bar draws on stderr
        // from the worker threads, and a lock held here while they wait to
        // draw would hang the run (as it did on a terminal, over 200 files).
        let mut err = io::stderr();
        let mut reporter = Reporter::new(&report_opts);
        // The statistics, for `--statistics` and the end of a long human report.
        let mut tally =
            (args.statistics || report_opts.format == OutputFormat::Human).then(Tally::default);
        let mut hidden = super::scope::Hidden::default();
        let (mut verdict, mut checked) = (Verdict::default(), 0usize);
        // The first write error; after a closed pipe the files are still
        // checked, for the exit code.
        let mut write_error: Option<io::Error> = None;
        let mut handle = |i: Option<usize>, mut r: Result<Checked, InputError>| {
            if let (Some(scope), Ok(c)) = (i.and_then(|i| self.scopes.get(i)), r.as_mut()) {
                hidden.add(scope.retain(&c.text, &c.text, &[], &mut c.diagnostics));
            }
            // Each file fails the run at its own configuration's `fail-on`.
            let fail_on = i
                .and_then(|i| self.fail_on.get(i))
                .copied()
                .unwrap_or_default();
            verdict.add(&r, fail_on);
            checked += usize::from(r.is_ok());
            if let Some(t) = &mut tally {
                t.add(&r);
            }
            if args.statistics {
                if let Err(e) = &r {
                    progress
                        .suspend(|| super::plain_error(format_args!("{}: {}", e.path, e.message)));
                }
            } else if write_error.is_none() {
                let written = progress.suspend(|| reporter.file(&mut out, &mut err, &r));
                if let Err(e) = written {
                    write_error = Some(e);
                }
            }
        };
        check_streaming(
            sources,
            args.max_file_size,
            &named_files(&args.paths),
            linter_for,
            rayon::current_num_threads(),
            done,
            &mut |i, r| {
                handle(Some(i), r);
                true
            },
        );
        for e in walk_errors {
            handle(None, Err(e));
        }
        progress.finish_and_clear();
        let reporter_capped = reporter.summary().capped;
        let written = match write_error {
            Some(e) => Err(e),
            None if args.statistics => {
                let stats = tally.take().unwrap_or_default().finish();
                match report_opts.format {
                    OutputFormat::Json => stats.write_json(&mut out),
                    _ => stats.write_text(&mut out, false),
                }
            }
            None => reporter.finish(&mut out).and_then(|()| {
                let stats = tally.take().unwrap_or_default().finish();
                write_statistics(&mut out, report_opts.format, checked, &stats)
            }),
        };
        end_report(
            written,
            &mut out,
            &mut err,
            report_opts.format,
            &hidden,
            reporter_capped,
        )?;
        Ok(verdict.exit())
    }
}

/// Learn the run's vocabulary from every source (words counted, not
/// checked) and give it to each linter, so that later checks
/// (`--interactive`) judge `spelling` by it. Standard input is left out (it
/// can be read only once); unreadable sources are skipped here, and the
/// caller reports them when it reads them again.
pub(super) fn learn_vocabulary(linters: &[Arc<Linter>], sources: &[Source], max_size: u64) {
    let vocabulary = Mutex::new(Vocabulary::new());
    sources
        .par_iter()
        .zip(linters.par_iter())
        .for_each(|(source, linter)| {
            if matches!(source, Source::Stdin(_)) {
                return;
            }
            if let Ok(decoded) = read_source(source, max_size) {
                let census = linter.census(&decoded.text, source.format());
                if let Ok(mut v) = vocabulary.lock() {
                    v.add(census);
                }
            }
        });
    let vocabulary = Arc::new(vocabulary.into_inner().unwrap_or_default());
    for l in linters {
        l.set_vocabulary(Arc::clone(&vocabulary));
    }
}

/// A progress bar on stderr for long runs on a terminal; hidden otherwise
/// (and always in CI).
fn progress_bar(files: usize) -> ProgressBar {
    // `CI=false` or `CI=0` (some runners set it so) is not CI.
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if files <= PROGRESS_MIN_FILES || ci || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files ({eta} left)") {
        bar.set_style(style);
    }
    bar
}

/// `--list-unknown`: each word the spelling rule flagged, once, with its
/// count, most frequent first (then alphabetically).
fn list_unknown(results: &[Result<Checked, InputError>]) -> io::Result<()> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in results.iter().flatten() {
        for d in &c.diagnostics {
            // The project's own vocabulary is listed too: these are the
            // words a user reviews for a word list.
            let listed = matches!(d.suppressed, None | Some(Suppression::Vocabulary));
            if d.rule == copyedit_core::rules::spelling::META.code && listed {
                if let Some(word) = c.text.get(d.span.clone()) {
                    *counts.entry(word).or_default() += 1;
                }
            }
        }
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out = io::stdout().lock();
    for r in results {
        if let Err(e) = r {
            plain_error(format_args!("{}: {}", e.path, e.message));
        }
    }
    for (word, n) in counts {
        writeln!(out, "{n:>7} {word}")?;
    }
    out.flush()
}
