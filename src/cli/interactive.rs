//! `copyedit fix --interactive`: ask, problem by problem, which fix to apply.
//!
//! # The line protocol
//!
//! The same on a terminal and through a pipe, so it can be scripted and
//! tested without a pseudo-terminal. For each problem that has a fix a
//! person may apply (Safe or Unsafe; display-only fixes are shown as `help:`
//! lines but never offered), copyedit writes to standard error the
//! rustc-style snippet, a menu and a prompt:
//!
//! ```text
//!   1) replace with `The` [safe]
//!   2) replace with `Ten` [unsafe]
//!   s) skip   i) ignore `Teh` in this file   a) add `Teh` to copyedit-words.txt   q) quit
//! choice [1-2/s/i/a/q]:
//! ```
//!
//! then reads one line from standard input. Answers (surrounding white space
//! and case ignored):
//!
//! - `1`..`N`: apply that fix;
//! - `s`: skip this problem;
//! - `i`: skip it and every later problem on the same word in this file
//!   (only offered when the problem is about a word; lasts for this run);
//! - `a`: append the word to `copyedit-words.txt` in the current directory
//!   (one word a line; created if missing, not duplicated) and skip it in
//!   every file for the rest of the run (offered for spelling problems);
//! - `q`: stop asking; the fixes chosen so far, in this file too, are
//!   written;
//! - end of input is the same as `q`; anything else is answered with a
//!   short reminder and the question is asked again.
//!
//! When standard input is not a terminal the answer is echoed after the
//! prompt, so a transcript reads like the session did.
//!
//! Fixes chosen in a file are applied together when the file is done (a
//! problem whose fixes would overlap one already chosen is skipped with a
//! note) and the file is written atomically. Then everything is checked
//! again and what remains is reported as `check` would.

use std::collections::HashSet;
use std::fs::OpenOptions;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{
    self,
    termcolor::{BufferedStandardStream, StandardStream, WriteColor},
};
use copyedit::atomic::write_atomic;
use copyedit::report::{error_line, escape_control, report, OutputFormat, Shown};
use copyedit::safe_read::{read_regular_to_string, ReadError, MAX_CONFIG_SIZE};
use copyedit::walk::{check_with, io_message, named_files, read_source, InputError, Source};
use copyedit_core::decode::BOM;
use copyedit_core::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use copyedit_core::fix::{EditError, EditSet};
use copyedit_core::linter::{Config, Linter};
use copyedit_core::rules::{fragment, spelling};

use super::check::{color_choice, report_options};
use super::fix::{stderr_color, Tally};
use super::outcome::{written, Verdict};
use super::{CheckArgs, CliError, Exit};

/// The project word list `a` appends to, in the current directory.
pub(super) const WORDS_FILE: &str = "copyedit-words.txt";

/// Rules whose problems are about one word that a word list can accept.
const WORD_LIST_RULES: &[&str] = &[spelling::META.code, fragment::META.code];

/// An answer to the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Pick(usize),
    Skip,
    Ignore,
    Add,
    Quit,
}

/// Parse one line of input against a menu of `n` fixes.
fn parse_answer(line: &str, n: usize, can_ignore: bool, can_add: bool) -> Option<Answer> {
    let a = line.trim().to_ascii_lowercase();
    match a.as_str() {
        "s" | "skip" => Some(Answer::Skip),
        "q" | "quit" => Some(Answer::Quit),
        "i" | "ignore" if can_ignore => Some(Answer::Ignore),
        "a" | "add" if can_add => Some(Answer::Add),
        _ => a
            .parse::<usize>()
            .ok()
            .filter(|k| (1..=n).contains(k))
            .map(Answer::Pick),
    }
}

/// Whether flagged text is a single word (letters, inner apostrophes and
/// hyphens), so that ignoring or accepting "the word" makes sense.
fn as_word(text: &str) -> Option<&str> {
    let ok = !text.is_empty()
        && text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'));
    ok.then_some(text)
}

/// Append `word` to the word list unless it is already there.
fn add_to_word_list(path: &Path, word: &str) -> io::Result<()> {
    let existing = match read_regular_to_string(path, MAX_CONFIG_SIZE) {
        Ok(s) => s,
        Err(e) if e.is_not_found() && path.symlink_metadata().is_err() => String::new(),
        Err(ReadError::Io(e)) => return Err(e),
        Err(e) => return Err(io::Error::other(e.to_string())),
    };
    if existing.lines().any(|l| l.trim() == word) {
        return Ok(());
    }
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    let sep = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    writeln!(f, "{sep}{word}")?;
    f.sync_all()
}

struct Session<R, W> {
    input: R,
    ui: W,
    echo: bool,
    /// Words added to the word list this run (skipped everywhere).
    added: HashSet<String>,
    quit: bool,
    /// Fixes applied and files changed.
    fixed: usize,
    files: usize,
    failed: bool,
}

impl<R: BufRead, W: WriteColor> Session<R, W> {
    /// Ask until a valid answer or end of input.
    fn ask(&mut self, n: usize, can_ignore: bool, can_add: bool) -> io::Result<Answer> {
        let mut choices = match n {
            0 => String::new(),
            1 => "1/".to_string(),
            n => format!("1-{n}/"),
        };
        choices.push('s');
        if can_ignore {
            choices.push_str("/i");
        }
        if can_add {
            choices.push_str("/a");
        }
        choices.push_str("/q");
        loop {
            write!(self.ui, "choice [{choices}]: ")?;
            self.ui.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                writeln!(self.ui, "\n(end of input: quitting)")?;
                return Ok(Answer::Quit);
            }
            if self.echo {
                writeln!(self.ui, "{}", line.trim_end())?;
            }
            if let Some(a) = parse_answer(&line, n, can_ignore, can_add) {
                return Ok(a);
            }
            writeln!(self.ui, "please answer one of {choices}")?;
        }
    }

    /// Go through one file's problems; write the file if fixes were chosen.
    fn file(&mut self, linter: &Linter, source: &Source, max_size: u64) -> io::Result<()> {
        let Source::File(path) = source else {
            return Ok(());
        };
        let name = source.display_name();
        let decoded = match read_source(source, max_size) {
            Ok(d) => d,
            Err(e) => {
                self.failed = true;
                let message = format!("{}: {}", e.path, e.message);
                writeln!(self.ui, "{}", error_line(OutputFormat::Human, &message))?;
                return Ok(());
            }
        };
        let text = decoded.text.as_str();
        // Files named or walked alike: only the language decides here.
        if linter
            .skip_reason(text, source.format(), &name, true)
            .is_some()
        {
            return Ok(());
        }
        let diagnostics = linter.check(text, source.format());
        let shown_name = escape_control(&name);
        let shown = Shown::new(text);
        let file = SimpleFile::new(&*shown_name, shown.text());
        let mut set = EditSet::touching_allowed(text);
        let mut ignored: HashSet<&str> = HashSet::new();
        let mut chosen = 0;
        for d in diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            let offered: Vec<&Fix> = d
                .fixes
                .iter()
                .filter(|f| !f.edits.is_empty() && f.applicability != Applicability::DisplayOnly)
                .collect();
            if offered.is_empty() {
                continue;
            }
            let word = text.get(d.span.clone()).and_then(as_word);
            if word.is_some_and(|w| ignored.contains(w) || self.added.contains(w)) {
                continue;
            }
            let free: Vec<&Fix> = offered
                .into_iter()
                .filter(|f| !f.edits.iter().any(|e| set.conflicts(&e.span)))
                .collect();
            let diag = snippet(d, shown.span(&d.span));
            term::emit(&mut self.ui, &term::Config::default(), &file, &diag)
                .map_err(io::Error::other)?;
            if free.is_empty() {
                writeln!(self.ui, "(skipped: it overlaps a change already chosen)\n")?;
                continue;
            }
            for (i, f) in free.iter().enumerate() {
                writeln!(
                    self.ui,
                    "  {}) {} [{}]",
                    i + 1,
                    escape_control(&f.title),
                    f.applicability.as_str()
                )?;
            }
            let can_add = word.is_some() && WORD_LIST_RULES.contains(&d.rule);
            let mut menu = "  s) skip".to_string();
            if let Some(w) = word {
                menu.push_str(&format!("   i) ignore `{w}` in this file"));
                if can_add {
                    menu.push_str(&format!("   a) add `{w}` to {WORDS_FILE}"));
                }
            }
            menu.push_str("   q) quit");
            writeln!(self.ui, "{menu}")?;
            match self.ask(free.len(), word.is_some(), can_add)? {
                Answer::Pick(k) => {
                    let Some(f) = free.get(k - 1) else { continue };
                    match set.try_add(f) {
                        Ok(_) => chosen += 1,
                        Err(EditError::Conflict) => {
                            writeln!(
                                self.ui,
                                "(not applied: it overlaps a change already chosen)"
                            )?;
                        }
                        Err(e) => writeln!(self.ui, "(not applied: {e})")?,
                    }
                }
                Answer::Skip => {}
                Answer::Ignore => {
                    if let Some(w) = word {
                        ignored.insert(w);
                    }
                }
                Answer::Add => {
                    if let Some(w) = word {
                        match add_to_word_list(Path::new(WORDS_FILE), w) {
                            Ok(()) => {
                                writeln!(self.ui, "added `{w}` to {WORDS_FILE}")?;
                                self.added.insert(w.to_string());
                            }
                            Err(e) => {
                                self.failed = true;
                                let message =
                                    format!("{WORDS_FILE}: cannot add `{w}`: {}", io_message(&e));
                                writeln!(self.ui, "{}", error_line(OutputFormat::Human, &message))?;
                            }
                        }
                    }
                }
                Answer::Quit => {
                    self.quit = true;
                    break;
                }
            }
            writeln!(self.ui)?;
        }
        if set.is_empty() {
            return Ok(());
        }
        let prefix = if decoded.bom { BOM } else { "" };
        let original = format!("{prefix}{text}");
        let fixed = format!("{prefix}{}", set.apply());
        match write_atomic(path, original.as_bytes(), fixed.as_bytes()) {
            Ok(()) => {
                self.fixed += chosen;
                self.files += 1;
                let s = if chosen == 1 { "" } else { "es" };
                writeln!(self.ui, "wrote {} ({chosen} fix{s})", escape_control(&name))?;
            }
            Err(e) => {
                self.failed = true;
                let message = format!("{name}: {e}");
                writeln!(self.ui, "{}", error_line(OutputFormat::Human, &message))?;
            }
        }
        Ok(())
    }
}

/// The snippet for a problem: like `check`'s, with display-only fixes as
/// `help:` lines (the others are in the menu).
fn snippet(d: &Diagnostic, span: std::ops::Range<usize>) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut notes: Vec<String> = d
        .fixes
        .iter()
        .filter(|f| f.applicability == Applicability::DisplayOnly)
        .map(|f| format!("help: {}", escape_control(&f.title)))
        .collect();
    notes.extend(d.notes.iter().map(|n| escape_control(n).into_owned()));
    CsDiagnostic::new(severity)
        .with_code(d.rule)
        .with_message(escape_control(&d.message).into_owned())
        .with_labels(vec![Label::primary((), span)])
        .with_notes(notes)
}

pub(super) fn run(
    args: &CheckArgs,
    linters: &[Arc<Linter>],
    sources: &[Source],
    walk_errors: Vec<InputError>,
    fail_on: &[copyedit_core::config::FailOn],
) -> Result<Exit, CliError> {
    let stdin = io::stdin();
    let echo = !stdin.is_terminal();
    let mut session = Session {
        input: stdin.lock(),
        ui: StandardStream::stderr(stderr_color(args.color)),
        echo,
        added: HashSet::new(),
        quit: false,
        fixed: 0,
        files: 0,
        failed: false,
    };
    let format = report_options(args).format;
    for e in &walk_errors {
        super::error(format, format_args!("{}: {}", e.path, e.message));
    }
    for (source, linter) in sources.iter().zip(linters) {
        if let Err(e) = session.file(linter, source, args.max_file_size) {
            super::error(format, e);
            session.failed = true;
            break;
        }
        if session.quit {
            break;
        }
    }

    // Report what remains, with the words accepted this run (one new
    // linter per configuration).
    let mut rebuilt: Vec<(Arc<Linter>, Arc<Linter>)> = Vec::new();
    let mut new_linters = Vec::with_capacity(linters.len());
    for linter in linters {
        let found = rebuilt.iter().find(|(old, _)| Arc::ptr_eq(old, linter));
        let new = match found {
            Some((_, new)) => Arc::clone(new),
            None => {
                let mut config: Config = linter.config().clone();
                config.words.extend(session.added.iter().cloned());
                let new = Arc::new(Linter::new(config));
                if let Some(v) = linter.vocabulary() {
                    new.set_vocabulary(Arc::clone(v));
                }
                rebuilt.push((Arc::clone(linter), Arc::clone(&new)));
                new
            }
        };
        new_linters.push(new);
    }
    let fallback = Linter::default();
    let mut results = check_with(
        sources,
        args.max_file_size,
        &named_files(&args.paths),
        |i| new_linters.get(i).map_or(&fallback, |l| &**l),
        &|| {},
        None,
    );
    results.extend(walk_errors.into_iter().map(Err));
    let report_opts = report_options(args);
    let mut out = BufferedStandardStream::stdout(color_choice(args.color));
    let mut err = io::stderr().lock();
    written(
        report_opts.format,
        report(&mut out, &mut err, &results, &report_opts),
    )?;
    let _ = out.flush();
    if report_opts.format != OutputFormat::Json {
        let mut tally = Tally {
            fixed: session.fixed,
            files: session.files,
            ..Tally::default()
        };
        for c in results.iter().flatten() {
            tally.count_remaining(&c.diagnostics, args.fix.unsafe_fixes);
        }
        let _ = writeln!(err, "{}", tally.line(false));
    }
    Ok(if session.failed {
        Exit::Failure
    } else {
        Verdict::of(&results, fail_on).exit()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        assert_eq!(parse_answer(" 2\n", 3, true, true), Some(Answer::Pick(2)));
        assert_eq!(parse_answer("4", 3, true, true), None);
        assert_eq!(parse_answer("0", 3, true, true), None);
        assert_eq!(parse_answer("S", 3, false, false), Some(Answer::Skip));
        assert_eq!(parse_answer("i", 3, false, false), None);
        assert_eq!(parse_answer("a", 3, true, false), None);
        assert_eq!(parse_answer("a", 3, true, true), Some(Answer::Add));
        assert_eq!(parse_answer("quit", 1, false, false), Some(Answer::Quit));
        assert_eq!(parse_answer("", 1, false, false), None);
    }

    #[test]
    fn words() {
        assert_eq!(as_word("Teh"), Some("Teh"));
        assert_eq!(as_word("don’t"), Some("don’t"));
        assert_eq!(as_word(" the"), None);
        assert_eq!(as_word("  "), None);
        assert_eq!(as_word("'tis"), None);
    }

    #[test]
    fn word_list_appends_once() {
        use std::fs;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(WORDS_FILE);
        fs::write(&p, "# project words\nWitkoff").unwrap();
        add_to_word_list(&p, "Peskov").unwrap();
        add_to_word_list(&p, "Peskov").unwrap();
        add_to_word_list(&p, "Witkoff").unwrap();
        assert_eq!(
            fs::read_to_string(&p).unwrap(),
            "# project words\nWitkoff\nPeskov\n"
        );
    }
}
