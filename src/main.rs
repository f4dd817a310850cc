//! The `copyedit` command: parse arguments, run, map the outcome to an exit code.

#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
