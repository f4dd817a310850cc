//! `copyedit fix` and `copyedit check --fix`: apply fixes in place (or show
//! them as a diff), then report what remains.

use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use clap::Args;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use copyedit::atomic::write_atomic;
use copyedit::report::{error_line, escape_control, report, warning_line, OutputFormat};
use copyedit::walk::{named_files, read_source, Checked, InputError, Source};
use copyedit_core::config::FailOn;
use copyedit_core::decode::{Decoded, BOM};
use copyedit_core::diagnostic::Diagnostic;
use copyedit_core::fix::{chosen_fix, fix_text_scoped, FixOptions, FixOutcome};
use copyedit_core::language::Skip;
use copyedit_core::linter::Linter;
use copyedit_core::vocabulary::Vocabulary;
use rayon::prelude::*;

use super::check::{color_choice, report_options, setup, Setup};
use super::outcome::{written, Output, Verdict};
use super::scope::FileScope;
use super::{CheckArgs, CliError, ColorWhen, Exit, Outcome};

/// Shown after `copyedit fix --help`.
pub(super) const FIX_HELP: &str = "\
Only Safe fixes are applied unless --unsafe is given; display-only fixes
never are. What is Safe, rule by rule, is listed in docs/fixes.md.

Files are written atomically (a temporary file in the same directory, then a
rename) and keep their permissions, line endings and byte-order mark. A file
that changed on disk while it was being fixed, or that is read-only, is left
alone with an error; the other files are still fixed.

With `-`, standard input is fixed and written to standard output; the report
of what remains goes to standard error.

--interactive reads one answer per line from standard input (a terminal or
a pipe): a number picks that suggestion, `s` skips, `i` ignores the word in
this file, `a` adds it to ./copyedit-words.txt, `q` quits keeping what was
done. End of input is the same as `q`.

Exit codes:
  0  nothing remains at the `fail-on` severity (default: warning) or above
     (with --diff: nothing to change)
  1  problems remain (with --diff: something would change)
  2  usage error, or an input could not be read, decoded or written
     (the other inputs are still fixed and reported)";

/// The options that turn `check` into `fix`.
#[derive(Debug, Clone, Default, Args)]
pub struct FixFlags {
    /// Apply fixes in place, then report what remains (same as `copyedit fix`).
    #[arg(long, help_heading = "Fixing")]
    pub fix: bool,
    /// Also apply Unsafe fixes (each problem's first suggestion). Display-only
    /// fixes are never applied.
    #[arg(long = "unsafe", help_heading = "Fixing")]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what the fixes would change and write
    /// nothing. Exits 1 if anything would change.
    #[arg(long, help_heading = "Fixing", conflicts_with = "interactive")]
    pub diff: bool,
    /// Ask, problem by problem, which fix to apply (answers are read line by
    /// line from standard input; see `copyedit fix --help`).
    #[arg(long, help_heading = "Fixing")]
    pub interactive: bool,
}

impl FixFlags {
    /// Whether `check` was asked to fix (or preview fixes).
    pub fn wanted(&self) -> bool {
        self.fix || self.unsafe_fixes || self.diff || self.interactive
    }
}

/// Whether to colour standard error.
pub(super) fn stderr_color(when: ColorWhen) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if io::stderr().is_terminal() && !no_color {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    }
}

/// One input after fixing.
struct Fixed {
    source: Source,
    /// The linter of the file's configuration.
    linter: Arc<Linter>,
    /// What the file reports.
    scope: FileScope,
    /// The file's bytes as read (BOM included).
    original: Vec<u8>,
    original_text: String,
    bom: bool,
    outcome: FixOutcome,
    /// Not English or not prose: left alone.
    skipped: Option<Skip>,
}

impl Fixed {
    fn fixed_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.outcome.text.len() + 3);
        if self.bom {
            out.extend_from_slice(BOM.as_bytes());
        }
        out.extend_from_slice(self.outcome.text.as_bytes());
        out
    }
}

/// Counts for the closing line.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Fixes applied (or that would be).
    pub fixed: usize,
    /// Files changed.
    pub files: usize,
    /// Problems left.
    pub remain: usize,
    /// Of those, how many `--unsafe` would fix.
    pub unsafe_fixable: usize,
}

impl Tally {
    pub fn count_remaining(&mut self, diagnostics: &[Diagnostic], unsafe_fixes: bool) {
        for d in diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            self.remain += 1;
            if !unsafe_fixes && chosen_fix(d, true).is_some() && chosen_fix(d, false).is_none() {
                self.unsafe_fixable += 1;
            }
        }
    }

    /// `fixed 12 problems in 3 files; 4 remain (3 fixable with --unsafe)`.
    pub fn line(&self, dry_run: bool) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let head = match (self.fixed, dry_run) {
            (0, _) => "nothing to fix".to_string(),
            (n, false) => format!(
                "fixed {} in {}",
                plural(n, "problem"),
                plural(self.files, "file")
            ),
            (n, true) => format!(
                "would fix {} in {}",
                plural(n, "problem"),
                plural(self.files, "file")
            ),
        };
        let verb = match (dry_run, self.remain) {
            (true, _) => "would remain",
            (false, 1) => "remains",
            (false, _) => "remain",
        };
        let tail = match (self.fixed, self.remain) {
            (_, 0) if self.fixed == 0 => String::new(),
            (_, 0) => "; none remain".to_string(),
            (0, n) => format!("; {} {verb}", plural(n, "problem")),
            (_, n) => format!("; {n} {verb}"),
        };
        let hint = if self.unsafe_fixable > 0 {
            format!(" ({} fixable with --unsafe)", self.unsafe_fixable)
        } else {
            String::new()
        };
        format!("{head}{tail}{hint}")
    }
}

pub(super) fn run(args: &CheckArgs, subcommand: bool) -> Outcome {
    let flags = &args.fix;
    let format = report_options(args).format;
    if !subcommand && !flags.fix && !flags.diff && !flags.interactive {
        return Err(CliError::new(
            format,
            "--unsafe applies only with --fix, --diff or --interactive",
        ));
    }
    if args.write_baseline.is_some() {
        return Err(CliError::new(
            format,
            "--write-baseline records problems; it does not fix them",
        ));
    }
    if flags.interactive && (args.changed_since.is_some() || args.baseline.is_some()) {
        return Err(CliError::new(
            format,
            "--interactive asks about every problem; it does not take --changed-since or --baseline",
        ));
    }
    let Setup {
        mut linters,
        mut sources,
        scopes,
        mut walk_errors,
        mut fail_on,
    } = setup(args)?;
    if !flags.diff {
        // A signal must not leave a temporary file behind.
        copyedit::atomic::remove_temp_files_on_signals()
            .map_err(|e| CliError::new(format, format_args!("cannot handle signals: {e}")))?;
    }
    if flags.interactive {
        if sources.iter().any(|s| matches!(s, Source::Stdin(_))) {
            return Err(CliError::new(
                format,
                "--interactive reads answers from standard input, so it cannot fix `-`",
            ));
        }
        // A FIFO would be opened (and waited on) to learn its words and to
        // report on it: refused here, once.
        let mut kept = Vec::with_capacity(sources.len());
        for ((source, linter), f) in sources.into_iter().zip(linters).zip(fail_on) {
            match refuse_special(&source) {
                Ok(()) => kept.push((source, (linter, f))),
                Err(e) => walk_errors.push(e),
            }
        }
        let rest: Vec<(Arc<Linter>, FailOn)>;
        (sources, rest) = kept.into_iter().unzip();
        (linters, fail_on) = rest.into_iter().unzip();
        super::check::learn_vocabulary(&linters, &sources, args.max_file_size);
        let exit = super::interactive::run(args, &linters, &sources, walk_errors, &fail_on)?;
        return Ok(exit.into());
    }
    let opts = FixOptions {
        unsafe_fixes: flags.unsafe_fixes,
        ..FixOptions::default()
    };
    let named = named_files(&args.paths);
    let fixed = fix_all(
        &linters,
        &sources,
        &scopes,
        args.max_file_size,
        &named,
        &opts,
        !flags.diff,
    );
    let exit = if flags.diff {
        show_diffs(args, fixed, walk_errors)?
    } else {
        write_and_report(args, fixed, walk_errors, &fail_on)?
    };
    Ok(exit.into())
}

fn fix_all(
    linters: &[Arc<Linter>],
    sources: &[Source],
    scopes: &[FileScope],
    max_size: u64,
    named: &std::collections::HashSet<std::path::PathBuf>,
    opts: &FixOptions,
    writes: bool,
) -> Vec<Result<Fixed, InputError>> {
    // Every source is read once: its words are counted for the run's
    // vocabulary, which every linter then applies while it fixes.
    let decoded: Vec<Result<Decoded, InputError>> = sources
        .par_iter()
        .map(|source| {
            if writes {
                refuse_special(source)?;
            }
            read_source(source, max_size)
        })
        .collect();
    let vocabulary = Mutex::new(Vocabulary::new());
    decoded
        .par_iter()
        .zip(sources.par_iter().zip(linters.par_iter()))
        .for_each(|(d, (source, linter))| {
            if let Ok(d) = d {
                let census = linter.census(&d.text, source.format_of(&d.text));
                if let Ok(mut v) = vocabulary.lock() {
                    v.add(census);
                }
            }
        });
    let vocabulary = Arc::new(vocabulary.into_inner().unwrap_or_default());
    for l in linters {
        l.set_vocabulary(Arc::clone(&vocabulary));
    }
    decoded
        .into_par_iter()
        .zip(sources.par_iter().zip(linters.par_iter()))
        .zip(scopes.par_iter())
        .map(|((decoded, (source, linter)), scope)| {
            let decoded = decoded?;
            let format = source.format_of(&decoded.text);
            let skipped = linter.skip_reason(
                &decoded.text,
                format,
                &source.display_name(),
                source.is_named(named),
            );
            let outcome = match skipped {
                Some(_) => FixOutcome {
                    text: decoded.text.clone(),
                    applied: Vec::new(),
                    refused: Vec::new(),
                    changes: Vec::new(),
                    remaining: Vec::new(),
                    passes: 0,
                    converged: true,
                },
                None => {
                    let original = decoded.text.as_str();
                    fix_text_scoped(
                        linter,
                        original,
                        format,
                        opts,
                        &|current, changes, diagnostics| {
                            scope.retain(original, current, changes, diagnostics);
                        },
                    )
                }
            };
            let mut original = Vec::with_capacity(decoded.text.len() + 3);
            if decoded.bom {
                original.extend_from_slice(BOM.as_bytes());
            }
            original.extend_from_slice(decoded.text.as_bytes());
            Ok(Fixed {
                source: source.clone(),
                linter: Arc::clone(linter),
                scope: scope.clone(),
                original,
                original_text: decoded.text,
                bom: decoded.bom,
                outcome,
                skipped,
            })
        })
        .collect()
}

/// Only a regular file can be fixed in place: a FIFO or a device is
/// refused before it is opened (opening a FIFO waits for a writer).
pub(super) fn refuse_special(source: &Source) -> Result<(), InputError> {
    let Source::File(path) = source else {
        return Ok(());
    };
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => Err(InputError {
            path: source.display_name(),
            message: format!(
                "not a regular file ({}); `fix` rewrites only regular files",
                copyedit::safe_read::kind_of(&meta)
            ),
        }),
        // Directories and missing files get read_source's own message.
        _ => Ok(()),
    }
}

/// Warnings about fixes that did not settle or were refused.
fn warn_unsettled(err: &mut impl Write, format: OutputFormat, f: &Fixed) {
    let name = f.source.display_name();
    if !f.outcome.converged {
        let message = format!(
            "{name}: fixes had not settled after {} passes; run `copyedit fix` again",
            f.outcome.passes
        );
        let _ = writeln!(err, "{}", warning_line(format, &message));
    }
    for r in &f.outcome.refused {
        let message = format!(
            "{name}: a `{}` fix at bytes {}..{} was not applied: {}",
            r.rule, r.span.start, r.span.end, r.reason
        );
        let _ = writeln!(err, "{}", warning_line(format, &message));
    }
}

/// An input error as one escaped line (see [`error_line`]).
fn input_error(format: OutputFormat, e: &InputError) -> String {
    error_line(format, &format!("{}: {}", e.path, e.message))
}

/// `--diff`: the exit code is 1 when something would change.
fn show_diffs(
    args: &CheckArgs,
    fixed: Vec<Result<Fixed, InputError>>,
    walk_errors: Vec<InputError>,
) -> Result<Exit, CliError> {
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let mut tally = Tally::default();
    let mut failed = !walk_errors.is_empty();
    let format = report_options(args).format;
    for e in &walk_errors {
        let _ = writeln!(err, "{}", input_error(format, e));
    }
    for r in &fixed {
        let f = match r {
            Ok(f) => f,
            Err(e) => {
                failed = true;
                let _ = writeln!(err, "{}", input_error(format, e));
                continue;
            }
        };
        warn_unsettled(&mut err, format, f);
        tally.count_remaining(&f.outcome.remaining, args.fix.unsafe_fixes);
        if !f.outcome.changed() {
            continue;
        }
        tally.fixed += f.outcome.applied.len();
        tally.files += 1;
        let name = f.source.display_name();
        let name = escape_control(&name);
        let diff = similar::TextDiff::from_lines(&f.original_text, &f.outcome.text);
        let text = diff
            .unified_diff()
            .context_radius(3)
            .header(&name, &name)
            .to_string();
        if written(format, out.write_all(text.as_bytes()))? == Output::Closed {
            break;
        }
    }
    let _ = out.flush();
    if args.format != super::FormatArg::Json {
        let _ = writeln!(err, "{}", tally.line(true));
    }
    Ok(if failed {
        Exit::Failure
    } else if tally.fixed > 0 {
        Exit::Problems
    } else {
        Exit::Success
    })
}

fn write_and_report(
    args: &CheckArgs,
    fixed: Vec<Result<Fixed, InputError>>,
    walk_errors: Vec<InputError>,
    fail_on: &[FailOn],
) -> Result<Exit, CliError> {
    let mut err = io::stderr().lock();
    let mut tally = Tally::default();
    let mut write_failed = false;
    let mut write_errors: Vec<InputError> = Vec::new();
    let mut results: Vec<Result<Checked, InputError>> = Vec::with_capacity(fixed.len());
    // Standard output belongs to the fixed text of `-`, also when that
    // input could not be read (a filter must not get the report instead).
    let to_stdout = args.paths.iter().any(|p| p.as_os_str() == "-");
    for r in fixed {
        let f = match r {
            Ok(f) => f,
            Err(e) => {
                results.push(Err(e));
                continue;
            }
        };
        warn_unsettled(&mut err, report_options(args).format, &f);
        let written = match &f.source {
            Source::Stdin(_) => {
                let mut out = io::stdout().lock();
                let r = out.write_all(&f.fixed_bytes()).and_then(|()| out.flush());
                match written(report_options(args).format, r) {
                    Ok(Output::Open) => true,
                    Ok(Output::Closed) => false,
                    // The other inputs are still fixed and reported.
                    Err(e) => {
                        e.print();
                        write_failed = true;
                        false
                    }
                }
            }
            Source::File(path) if f.outcome.changed() => {
                match write_atomic(path, &f.original, &f.fixed_bytes()) {
                    Ok(()) => true,
                    Err(e) => {
                        write_errors.push(InputError {
                            path: path.display().to_string(),
                            message: e.to_string(),
                        });
                        write_failed = true;
                        false
                    }
                }
            }
            Source::File(_) => true,
        };
        let (text, diagnostics) = if written {
            if f.outcome.changed() {
                tally.fixed += f.outcome.applied.len();
                tally.files += 1;
            }
            (f.outcome.text, f.outcome.remaining)
        } else {
            // Nothing was written: what remains is what was there.
            let d = match f.skipped {
                Some(_) => Vec::new(),
                None => {
                    let mut d = f
                        .linter
                        .check(&f.original_text, f.source.format_of(&f.original_text));
                    f.scope
                        .retain(&f.original_text, &f.original_text, &[], &mut d);
                    d
                }
            };
            (f.original_text, d)
        };
        tally.count_remaining(&diagnostics, args.fix.unsafe_fixes);
        let capped = copyedit::walk::reached_limit(&f.linter, &diagnostics);
        results.push(Ok(Checked {
            source: f.source,
            text,
            bom: f.bom,
            diagnostics,
            skipped: f.skipped,
            capped,
        }));
    }
    results.extend(walk_errors.into_iter().map(Err));

    let report_opts = report_options(args);
    // Files that could not be written: a line on standard error in the
    // formats for people; in the others, an error in the document (JSON
    // `errors`, a SARIF notification, a GitHub annotation), as for inputs
    // that could not be read.
    match report_opts.format {
        OutputFormat::Human | OutputFormat::Concise => {
            for e in &write_errors {
                let _ = writeln!(err, "{}", input_error(report_opts.format, e));
            }
        }
        OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Github => {
            results.extend(write_errors.into_iter().map(Err));
        }
    }
    // With `-` the fixed text owns standard output; the report goes to
    // standard error.
    let outcome = if to_stdout {
        let mut out = BufferedStandardStream::stderr(stderr_color(args.color));
        let r = report(&mut out, &mut err, &results, &report_opts);
        let _ = out.flush();
        r
    } else {
        let mut out = BufferedStandardStream::stdout(color_choice(args.color));
        let r = report(&mut out, &mut err, &results, &report_opts);
        let _ = out.flush();
        r
    };
    written(report_opts.format, outcome)?;
    if report_opts.format != OutputFormat::Json {
        let _ = writeln!(err, "{}", tally.line(false));
    }
    Ok(if write_failed {
        Exit::Failure
    } else {
        // Each file fails the run at its configuration's `fail-on`, as in
        // `check` (`results` begins with the inputs, in order).
        Verdict::of(&results, fail_on).exit()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_lines() {
        let t = Tally {
            fixed: 12,
            files: 3,
            remain: 4,
            unsafe_fixable: 3,
        };
        assert_eq!(
            t.line(false),
            "fixed 12 problems in 3 files; 4 remain (3 fixable with --unsafe)"
        );
        assert_eq!(
            t.line(true),
            "would fix 12 problems in 3 files; 4 would remain (3 fixable with --unsafe)"
        );
        let t = Tally {
            fixed: 1,
            files: 1,
            ..Tally::default()
        };
        assert_eq!(t.line(false), "fixed 1 problem in 1 file; none remain");
        let t = Tally {
            remain: 1,
            ..Tally::default()
        };
        assert_eq!(t.line(false), "nothing to fix; 1 problem remains");
        assert_eq!(Tally::default().line(false), "nothing to fix");
    }
}
