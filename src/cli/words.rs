//! `copyedit words add WORD...`: add to the project word file
//! (`copyedit::word_file`, shared with the language server).

use std::path::{Path, PathBuf};

use copyedit::config::{display_path, Project};
use copyedit::report::escape_control;
use copyedit::word_file::{is_word, Added};

use super::{CliError, Exit, Outcome};

pub(super) fn add(words: &[String], config: Option<&Path>) -> Outcome {
    if let Some(w) = words.iter().find(|w| !is_word(w)) {
        return Err(CliError::plain(format_args!(
            "`{w}` is not a word (no spaces or control characters, not starting with `#`)"
        )));
    }
    let config: PathBuf = match config {
        Some(c) => c.to_path_buf(),
        None => match Project::discover().config_file_for(Path::new("-")) {
            Some(c) => c,
            None => {
                return Err(CliError::plain(
                    "no copyedit.toml or .copyedit.toml in this directory or above \
                     (create one with `copyedit init`, or pass --config)",
                ));
            }
        },
    };
    let Added {
        file,
        added,
        present,
    } = copyedit::word_file::add(&config, words).map_err(CliError::plain)?;
    let plural = if added == 1 { "" } else { "s" };
    println!(
        "added {added} word{plural} to {}",
        escape_control(&display_path(&file).display().to_string())
    );
    if !present.is_empty() {
        println!("already listed: {}", present.join(", "));
    }
    Ok(Exit::Success.into())
}
