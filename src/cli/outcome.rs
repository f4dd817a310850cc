//! How a subcommand ends: its exit code ([`Exit`]), the error that stops it
//! ([`CliError`], printed once by [`super::main`]), the one policy for a
//! closed standard output ([`written`]), and the exit code of a set of
//! results ([`Verdict`]).

use std::io::{self, Write};
use std::process::ExitCode;

use copyedit::report::{error_line, OutputFormat};
use copyedit::walk::{Checked, InputError};
use copyedit_core::config::FailOn;

/// The exit codes (`copyedit --help` lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// 0: nothing at the `fail-on` severity or above.
    Success,
    /// 1: problems found (with `--diff`: something would change).
    Problems,
    /// 2: a usage or configuration error, or an input that could not be
    /// read, decoded or written.
    Failure,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Problems => 1,
            Exit::Failure => 2,
        })
    }
}

/// What a subcommand returns.
pub(crate) type Outcome = Result<ExitCode, CliError>;

/// An error that ends a subcommand with [`Exit::Failure`]. [`super::main`]
/// prints its message (if it was not printed already) on standard error as
/// [`error`] does.
#[derive(Debug)]
pub(crate) struct CliError {
    /// The format whose error line the message takes (a GitHub workflow
    /// command with `--format github`).
    format: OutputFormat,
    /// `None`: already told (e.g. each path given was an empty directory,
    /// each with its own warning).
    message: Option<String>,
}

impl CliError {
    /// An error in the error line of `format`.
    pub fn new(format: OutputFormat, message: impl std::fmt::Display) -> Self {
        Self {
            format,
            message: Some(message.to_string()),
        }
    }

    /// An error of a command without `--format` (or one reported the same
    /// way whatever the format): a `copyedit: error:` line.
    pub fn plain(message: impl std::fmt::Display) -> Self {
        Self::new(OutputFormat::Human, message)
    }

    /// A failure whose reasons were printed as they were found.
    pub fn reported() -> Self {
        Self {
            format: OutputFormat::Human,
            message: None,
        }
    }

    /// Writing standard output failed (not a closed pipe: see [`written`]).
    pub fn output(format: OutputFormat, e: &io::Error) -> Self {
        Self::new(format, format_args!("cannot write output: {e}"))
    }

    /// Print the message (once, on standard error).
    pub fn print(&self) {
        if let Some(message) = &self.message {
            error(self.format, message);
        }
    }

    /// The exit code of every error.
    pub fn exit(&self) -> Exit {
        Exit::Failure
    }
}

/// Print an error on standard error: escaped, so a file name or a
/// configuration string in it stays on its line; with `--format github`, an
/// `::error` workflow command. Errors that end the run are returned as a
/// [`CliError`] instead; this is for those that do not (an input that
/// could not be read, a file that could not be written).
pub(crate) fn error(format: OutputFormat, message: impl std::fmt::Display) {
    // Not `eprintln!`: a closed standard error must not panic.
    let _ = writeln!(
        io::stderr().lock(),
        "{}",
        error_line(format, &message.to_string())
    );
}

/// [`error`] for commands without `--format`.
pub(crate) fn plain_error(message: impl std::fmt::Display) {
    error(OutputFormat::Human, message);
}

/// Whether standard output still has a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    /// Written.
    Open,
    /// The reader went away (`copyedit check | head`): the rest of the
    /// output is dropped; the run goes on and exits by its results.
    Closed,
}

/// The one policy for a write to standard output: a closed pipe is not an
/// error (stop writing), any other error ends the run with
/// `cannot write output: …`.
pub(crate) fn written(format: OutputFormat, r: io::Result<()>) -> Result<Output, CliError> {
    match r {
        Ok(()) => Ok(Output::Open),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Output::Closed),
        Err(e) => Err(CliError::output(format, &e)),
    }
}

/// The exit code of a run's results, gathered file by file: 2 if an input
/// failed, 1 if a problem at its configuration's `fail-on` severity or
/// above was reported, else 0. `check`, `check --fix`, `fix` and
/// `fix --interactive` all end with it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Verdict {
    /// A problem at its file's `fail-on` or above.
    pub problems: bool,
    /// An input could not be read or decoded.
    pub unreadable: bool,
}

impl Verdict {
    /// Count one result, checked under `fail_on`.
    pub fn add(&mut self, r: &Result<Checked, InputError>, fail_on: FailOn) {
        self.unreadable |= r.is_err();
        self.problems |= r.as_ref().is_ok_and(|c| {
            c.diagnostics
                .iter()
                .any(|d| d.suppressed.is_none() && fail_on.fails(d.severity))
        });
    }

    /// The verdict on `results`, result `i` under `fail_on[i]` (the default,
    /// warning, past its end: errors about inputs that were never planned).
    pub fn of(results: &[Result<Checked, InputError>], fail_on: &[FailOn]) -> Self {
        let mut v = Self::default();
        for (i, r) in results.iter().enumerate() {
            v.add(r, fail_on.get(i).copied().unwrap_or_default());
        }
        v
    }

    /// The exit code.
    pub fn exit(self) -> Exit {
        if self.unreadable {
            Exit::Failure
        } else if self.problems {
            Exit::Problems
        } else {
            Exit::Success
        }
    }
}
