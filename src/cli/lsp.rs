//! `copyedit lsp`: the language server (`copyedit::lsp`) over standard
//! input and output.

/// The server's own exit code: 0 after `shutdown` and `exit`, 1 when the
/// client left without `shutdown` (as the protocol asks).
pub(super) fn run() -> super::Outcome {
    Ok(copyedit::lsp::run_stdio().into())
}
