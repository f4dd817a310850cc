//! `copyedit init`: write a commented starter copyedit.toml.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use copyedit::config::{FILE_NAMES, STARTER};
use copyedit::walk::io_message;

use super::{FAILURE, SUCCESS};

pub(super) fn run(dir: &Path) -> u8 {
    if let Some(existing) = FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.exists()) {
        super::plain_error(format_args!(
            "{} already exists; not overwriting it",
            existing.display()
        ));
        return FAILURE;
    }
    let path = dir.join("copyedit.toml");
    // create_new: never replace a file that appeared in the meantime.
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(STARTER.as_bytes()));
    match written {
        Ok(()) => {
            println!(
                "wrote {}",
                copyedit::report::escape_control(&path.display().to_string())
            );
            SUCCESS
        }
        Err(e) => {
            super::plain_error(format_args!(
                "cannot write {}: {}",
                path.display(),
                io_message(&e)
            ));
            FAILURE
        }
    }
}
