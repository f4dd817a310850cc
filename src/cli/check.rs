//! `copyedit check`.

use std::io::{self, IsTerminal, Write};

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use copyedit::diagnostic::Severity;
use copyedit::linter::{Config, Linter};
use copyedit::report::{report, OutputFormat, ReportOptions};
use copyedit::walk::{check_all, discover, Checked, InputError, Source, WalkOptions};
use copyedit::Lang;

use super::{CheckArgs, ColorWhen, FormatArg, FAILURE, PROBLEMS, SUCCESS};

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
    pub linter: Linter,
    pub sources: Vec<Source>,
    pub walk_errors: Vec<InputError>,
}

/// Parse the shared options, build the linter and discover the inputs; on a
/// usage error, print it and return the exit code.
pub(super) fn setup(args: &CheckArgs) -> Result<Setup, u8> {
    let lang: Lang = match args.lang.parse() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("copyedit: error: {e}");
            return Err(FAILURE);
        }
    };
    if let Some(n) = args.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
        {
            eprintln!("copyedit: error: cannot start {n} threads: {e}");
            return Err(FAILURE);
        }
    }
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        eprintln!("copyedit: error: `-` (standard input) may be given only once");
        return Err(FAILURE);
    }
    let linter = Linter::new(Config {
        lang,
        ..Config::default()
    });
    let opts = WalkOptions {
        globs: args.globs.clone(),
        hidden: args.hidden,
        no_ignore: args.no_ignore,
        stdin_name: args.stdin_filename.clone(),
    };
    let (sources, walk_errors) = discover(&args.paths, &opts);
    Ok(Setup {
        linter,
        sources,
        walk_errors,
    })
}

/// The report options the arguments ask for.
pub(super) fn report_options(args: &CheckArgs) -> ReportOptions {
    let format = match args.format {
        FormatArg::Human => OutputFormat::Human,
        FormatArg::Concise => OutputFormat::Concise,
        FormatArg::Json => OutputFormat::Json,
    };
    ReportOptions {
        format,
        show_suppressed: args.show_suppressed,
    }
}

/// Exit code for a set of results: 2 if an input failed, 1 if a problem at
/// warning level or above was reported, else 0.
pub(super) fn exit_code(results: &[Result<Checked, InputError>]) -> u8 {
    let unreadable = results.iter().any(Result::is_err);
    let failing = results.iter().flatten().any(|c| {
        c.diagnostics
            .iter()
            .any(|d| d.suppressed.is_none() && d.severity >= Severity::Warning)
    });
    if unreadable {
        FAILURE
    } else if failing {
        PROBLEMS
    } else {
        SUCCESS
    }
}

pub(super) fn run(args: &CheckArgs) -> u8 {
    let Setup {
        linter,
        sources,
        mut walk_errors,
    } = match setup(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut results = check_all(&linter, &sources, args.max_file_size);
    results.extend(walk_errors.drain(..).map(Err));

    let report_opts = report_options(args);
    let mut out = StandardStream::stdout(color_choice(args.color));
    let mut err = io::stderr().lock();
    if let Err(e) = report(&mut out, &mut err, &results, &report_opts) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "copyedit: error: cannot write output: {e}");
            return FAILURE;
        }
    }
    let _ = out.flush();
    exit_code(&results)
}
