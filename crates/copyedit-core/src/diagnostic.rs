//! The types every rule produces and every reporter consumes.
//!
//! Spans are byte ranges into the decoded text of the checked file (after a
//! UTF-8 byte-order mark, if the file had one). Fixes are edits on those
//! spans, so applying them is exact.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// How serious a problem is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Probably a problem.
    Warning,
    /// Almost certainly a problem.
    Error,
}

impl Severity {
    /// The lowercase name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without asking (ruff's model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `copyedit fix`.
    Safe,
    /// Applied only with `--unsafe`: probably right, but a person should look.
    Unsafe,
    /// Shown to the user, never applied automatically.
    DisplayOnly,
}

impl Applicability {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace the bytes in `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// Byte range in the checked text.
    pub span: Range<usize>,
    /// The new text (empty to delete).
    pub replacement: String,
}

impl Edit {
    /// Replace `span` with `replacement`.
    pub fn replace(span: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    /// Delete `span`.
    pub fn delete(span: Range<usize>) -> Self {
        Edit {
            span,
            replacement: String::new(),
        }
    }

    /// Insert `text` at byte `at`.
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit {
            span: at..at,
            replacement: text.into(),
        }
    }
}

/// One way of resolving a diagnostic: a set of edits applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Short human description, e.g. "replace with `receive`".
    pub title: String,
    /// Non-overlapping edits, in order.
    pub edits: Vec<Edit>,
    /// Whether `fix` may apply it unasked.
    pub applicability: Applicability,
}

impl Fix {
    /// A fix made of a single edit.
    pub fn new(title: impl Into<String>, edit: Edit, applicability: Applicability) -> Self {
        Fix {
            title: title.into(),
            edits: vec![edit],
            applicability,
        }
    }
}

/// Why a diagnostic was suppressed (shown with `--show-suppressed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Suppression {
    /// An editorial `[sic]` marker.
    Sic,
    /// An inline `copyedit-disable…` or `copyedit-ignore` directive.
    Directive,
    /// A word the files being checked use as their own vocabulary
    /// (`crate::vocabulary`).
    Vocabulary,
    /// An unknown capitalised word the `spelling` rule takes for a name. It
    /// is never reported: the run's vocabulary either removes it or, when
    /// the files write a name one letter away far more often (`Jekll`
    /// beside a hundred `Jekyll`), reports it as a slip of that name.
    Name,
}

impl Suppression {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Suppression::Sic => "sic",
            Suppression::Directive => "directive",
            Suppression::Vocabulary => "vocabulary",
            Suppression::Name => "name",
        }
    }
}

/// A problem found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `spelling`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// Bytes of the checked text the problem covers.
    pub span: Range<usize>,
    /// One-line description.
    pub message: String,
    /// Ways to resolve it, best first.
    pub fixes: Vec<Fix>,
    /// Extra lines shown after the snippet (rustc's `note:`).
    pub notes: Vec<String>,
    /// Set when a marker or directive silenced the problem.
    pub suppressed: Option<Suppression>,
}

impl Diagnostic {
    /// A diagnostic with no fixes yet.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            span,
            message: message.into(),
            fixes: Vec::new(),
            notes: Vec::new(),
            suppressed: None,
        }
    }

    /// Add a fix (builder style).
    pub fn with_fix(mut self, fix: Fix) -> Self {
        // Most diagnostics have one fix: room for exactly one (a first push
        // reserves four, and a file may hold a million diagnostics).
        self.fixes.reserve_exact(1);
        self.fixes.push(fix);
        self
    }

    /// Add a note (builder style).
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.reserve_exact(1);
        self.notes.push(note.into());
        self
    }
}
