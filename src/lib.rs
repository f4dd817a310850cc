//! copyedit: the command line's library: what reads and writes files, walks
//! directories, uses threads or talks to a terminal or an editor, around the
//! analysis in `copyedit-core` (configuration discovery, the walk, reports,
//! atomic writes, baselines, git, the language server).

// Input must never panic the library: no unwrap or expect outside tests;
// each exception is allowed where it stands, with the reason.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

pub mod atomic;
pub mod baseline;
pub mod config;
pub mod git;
pub mod lsp;
pub mod report;
pub mod safe_read;
pub mod walk;
pub mod word_file;
