//! `copyedit check`.

use std::io::{self, IsTerminal, Write};

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use copyedit::diagnostic::Severity;
use copyedit::linter::{Config, Linter};
use copyedit::report::{report, OutputFormat, ReportOptions};
use copyedit::walk::{check_all, discover, WalkOptions};
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

pub(super) fn run(args: &CheckArgs) -> u8 {
    let lang: Lang = match args.lang.parse() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("copyedit: error: {e}");
            return FAILURE;
        }
    };
    if let Some(n) = args.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
        {
            eprintln!("copyedit: error: cannot start {n} threads: {e}");
            return FAILURE;
        }
    }
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        eprintln!("copyedit: error: `-` (standard input) may be given only once");
        return FAILURE;
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
    let (sources, mut walk_errors) = discover(&args.paths, &opts);
    let mut results = check_all(&linter, &sources, args.max_file_size);
    results.extend(walk_errors.drain(..).map(Err));

    let format = match args.format {
        FormatArg::Human => OutputFormat::Human,
        FormatArg::Concise => OutputFormat::Concise,
        FormatArg::Json => OutputFormat::Json,
    };
    let report_opts = ReportOptions {
        format,
        show_suppressed: args.show_suppressed,
    };
    let mut out = StandardStream::stdout(color_choice(args.color));
    let mut err = io::stderr().lock();
    if let Err(e) = report(&mut out, &mut err, &results, &report_opts) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "copyedit: error: cannot write output: {e}");
            return FAILURE;
        }
    }
    let _ = out.flush();

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
