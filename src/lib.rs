//! copyedit: a fast prose linter.
//!
//! The pipeline: bytes → [`decode`] → [`document::Document`] (prose ranges) →
//! [`tokenize`] → [`rules`] → [`Diagnostic`]s. Every stage speaks in byte
//! spans of the original text, so fixes are exact edits.

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

pub mod baseline;
pub mod config;
pub mod decode;
pub mod diagnostic;
pub mod dictionary;
pub mod directives;
pub mod document;
pub mod fix;
pub mod git;
pub mod language;
pub mod linter;
pub mod lm;
pub mod lsp;
pub mod quotes;
pub mod report;
pub mod rules;
pub mod safe_read;
pub mod suggest;
pub mod suppress;
pub mod tokenize;
pub mod vocabulary;
pub mod walk;
pub mod word_file;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Suppression};
pub use dictionary::{Dictionary, Lang};
pub use document::{Document, Format};
pub use linter::{Config, Linter};
