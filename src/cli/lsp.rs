//! `copyedit lsp`: the language server (`copyedit::lsp`) over standard
//! input and output.

pub(super) fn run() -> u8 {
    copyedit::lsp::run_stdio()
}
