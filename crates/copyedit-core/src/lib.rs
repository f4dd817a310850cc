//! copyedit-core: the analysis of copyedit, a fast prose linter, with no
//! file system, terminal or threads of its own.
//!
//! The pipeline: text → [`document::Document`] (blocks of prose pieces) →
//! [`tokenize`] → [`rules`] → [`suppress`] and [`directives`] →
//! [`Diagnostic`]s. Every stage speaks in byte spans of the original text,
//! so fixes are exact edits; [`fix`] applies them to a string. [`decode`]
//! turns bytes into text, [`config`] parses `copyedit.toml` text. The
//! bundled dictionaries come from the `copyedit-dict` crate.
//!
//! Given a text and its [`Format`], get its problems; given problems, get
//! the fixed text:
//!
//! ```
//! use copyedit_core::fix::{fix_text, select, FixOptions};
//! use copyedit_core::{Config, Format, Linter};
//!
//! let linter = Linter::new(Config::default());
//! let text = "The meeting was was held on Monday.\n";
//! let diagnostics = linter.check(text, Format::Markdown);
//! assert_eq!(diagnostics[0].rule, "repeated-word");
//!
//! // One pass over these diagnostics (Safe fixes only)...
//! let fixed = select(text, &diagnostics, false).set.apply();
//! assert_eq!(fixed, "The meeting was held on Monday.\n");
//!
//! // ...or check and fix again until nothing is left to fix.
//! let outcome = fix_text(&linter, text, Format::Markdown, &FixOptions::default());
//! assert_eq!(outcome.text, fixed);
//! ```

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

pub mod config;
pub mod decode;
pub mod diagnostic;
pub mod dictionary;
pub mod directives;
pub mod document;
pub mod fix;
pub mod language;
pub mod linter;
pub mod lm;
pub mod quotes;
pub mod rules;
pub mod suggest;
pub mod suppress;
pub mod tokenize;
pub mod vocabulary;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Suppression};
pub use dictionary::{Dictionary, Lang};
pub use document::{Document, Format};
pub use linter::{Config, Linter};
