//! Command-line definitions (clap derive) and subcommands.

mod check;
mod explain;
mod fix;
mod init;
mod interactive;
mod lsp;
mod outcome;
mod plan;
mod scope;
mod statistics;
mod words;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  no problem at the `fail-on` severity (default: warning) or above
  1  problems found
  2  usage or configuration error, an input could not be read or decoded
     (the other inputs are still checked and reported), or every path given
     was a directory with no file to check";

/// A fast prose linter: spelling, typos a spell checker misses, and text
/// cleanup, with fixes it can apply itself.
#[derive(Debug, Parser)]
#[command(name = "copyedit", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check files, directories or standard input (`-`) and report problems.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Apply fixes in place (Safe ones; Unsafe too with --unsafe), then
    /// report what remains. Same as `check --fix`.
    #[command(after_help = fix::FIX_HELP, mut_arg("fix", |a| a.hide(true)))]
    Fix(CheckArgs),
    /// Explain what a rule checks, why, and show examples.
    Explain {
        /// The rule code, e.g. `spelling`.
        rule: String,
    },
    /// List every rule with its code, default severity and whether it can fix.
    Rules,
    /// Write a commented starter copyedit.toml (never overwrites one), with
    /// the English variant the directory's texts use.
    Init {
        /// Directory to inspect and write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write copyedit-words.txt with the unknown words used in 3 or
        /// more files, for you to review (also when copyedit.toml exists).
        #[arg(long)]
        words: bool,
    },
    /// Manage the project word list.
    #[command(subcommand)]
    Words(WordsCommand),
    /// Run the language server over standard input and output: problems
    /// and fixes in any editor (Markdown, MDX and text documents).
    Lsp,
}

/// `copyedit words ...`.
#[derive(Debug, Subcommand)]
enum WordsCommand {
    /// Add words to the project word file (the first of `dictionaries` in
    /// copyedit.toml, else copyedit-words.txt beside it), kept sorted and
    /// without duplicates.
    Add {
        /// The words to accept.
        #[arg(required = true)]
        words: Vec<String>,
        /// The configuration file to use instead of the nearest one.
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Only when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// rustc-style snippets with suggestions and a summary line.
    Human,
    /// One line per problem: `path:line:col: severity[rule]: message`.
    Concise,
    /// One JSON document (schema in README).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning and other tools).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`), shown as
    /// annotations on pull requests.
    Github,
}

/// Formats of standard input (`--stdin-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// MDX.
    Mdx,
}

/// Arguments of `copyedit check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check (`-` for standard input). Directories
    /// are searched recursively for .md, .markdown, .mdx, .txt and .text
    /// files, respecting .gitignore; a .txt or .text file found so whose
    /// lines are mostly not sentences (program output, a log, a word list)
    /// is skipped as not prose. A file named here is always checked.
    /// Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// English variant: en-US, en-GB, en-CA or en-AU (default: `lang` in
    /// copyedit.toml, else en-US).
    #[arg(long)]
    pub lang: Option<String>,
    /// Check every text as English. By default a text in another language
    /// (by its `lang`/`language`/`locale` front matter, its words, or a
    /// locale folder such as `fr/` or `pt-br/` when the text agrees) is
    /// skipped and counted in the summary, and so is a paragraph in another
    /// language inside an English text. Configuration:
    /// `language-detection = false`.
    #[arg(long)]
    pub all_languages: bool,
    /// Use this configuration file for every input instead of the nearest
    /// copyedit.toml or .copyedit.toml above each file.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// Instead of a report, print each unknown word (spelling) once with its
    /// count, most frequent first: a start for a project word list.
    #[arg(long)]
    pub list_unknown: bool,
    /// Instead of a report, print one line per rule with its count of
    /// problems (and how many have a Safe fix), then the most frequent
    /// unknown words. A human-format run over more than 20 files ends with
    /// this table too.
    #[arg(long, conflicts_with = "list_unknown")]
    pub statistics: bool,
    /// Also check files matching this glob when walking directories
    /// (repeatable), e.g. `--glob '*.rst'`. A glob starting with `!` excludes.
    #[arg(long = "glob", alias = "include", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Name to use for standard input in messages (also picks the format:
    /// `notes.md` is read as Markdown).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Read standard input as this format. Default: from
    /// `--stdin-filename`; without one, Markdown when the text clearly is
    /// (a code fence, a `#` heading or a `[link](target)`), else text.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub stdin_format: Option<StdinFormat>,
    /// Search hidden files and directories too.
    #[arg(long)]
    pub hidden: bool,
    /// Don't respect .gitignore, .ignore and similar files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Print suppressed problems (marked `[sic]`, or silenced by a directive)
    /// as notes with the reason.
    #[arg(long)]
    pub show_suppressed: bool,
    /// Skip files larger than this (bytes; K, M and G suffixes allowed).
    #[arg(long, default_value = "10M", value_parser = parse_size, value_name = "SIZE")]
    pub max_file_size: u64,
    /// Stop looking for problems in a file once it has this many (0: no
    /// limit). A file in which nearly every word is a problem is not prose;
    /// the limit keeps its check's memory bounded. The summary (with
    /// `concise` and `github`, a note on standard error) says how many files
    /// stopped.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub max_problems: usize,
    /// Number of threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Report only problems on lines added or changed since the git
    /// revision REF (since its merge base with HEAD, as a pull request
    /// sees it; uncommitted changes included), and in files git does not
    /// track yet.
    #[arg(long, value_name = "REF", help_heading = "Adopting")]
    pub changed_since: Option<String>,
    /// Report only problems this baseline file does not record (default:
    /// `baseline` in copyedit.toml).
    #[arg(long, value_name = "FILE", help_heading = "Adopting")]
    pub baseline: Option<PathBuf>,
    /// Record every problem found in this baseline file (sorted text,
    /// replaced whole) instead of reporting them.
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Adopting",
        conflicts_with_all = ["baseline", "changed_since", "list_unknown"]
    )]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub fix: fix::FixFlags,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = if let Some(n) = s.strip_suffix(['k', 'K']) {
        (n, 1u64 << 10)
    } else if let Some(n) = s.strip_suffix(['m', 'M']) {
        (n, 1 << 20)
    } else if let Some(n) = s.strip_suffix(['g', 'G']) {
        (n, 1 << 30)
    } else {
        (s, 1)
    };
    num.trim()
        .parse::<u64>()
        .map(|n| n.saturating_mul(mult))
        .map_err(|_| format!("`{s}` is not a size (e.g. 500K, 10M)"))
}

pub(crate) use outcome::{error, plain_error, CliError, Exit, Outcome};

/// Parse arguments and run: the one place where an error that ends a
/// subcommand is printed and becomes the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check(args) if args.fix.wanted() => fix::run(&args, false),
        Command::Check(args) => check::run(&args),
        Command::Fix(args) => fix::run(&args, true),
        Command::Explain { rule } => explain::explain(&rule),
        Command::Rules => explain::list(),
        Command::Init { dir, words } => init::run(&dir, words),
        Command::Words(WordsCommand::Add { words, config }) => {
            words::add(&words, config.as_deref())
        }
        Command::Lsp => lsp::run(),
    };
    outcome.unwrap_or_else(|e| {
        e.print();
        e.exit().into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert!(parse_size("ten").is_err());
    }
}
