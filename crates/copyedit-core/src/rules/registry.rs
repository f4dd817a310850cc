//! The rule registry: every rule's metadata, declared in its own file as a
//! [`RuleMeta`] named `META`, and gathered here in one list, [`RULES`], in
//! the order the rules run and are listed.

use super::{
    a_an, contraction, directive, double_space, forbidden, fragment, missing_space, modal_of,
    real_word, repeated_punctuation, repeated_word, space_before_punctuation, spelling,
    trailing_whitespace, unbalanced, Rule,
};
use crate::diagnostic::Severity;

/// What a rule looks at. Later stages of the pipeline treat rules by their
/// scope rather than by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A word as written: misspelt, split or run together, the wrong word,
    /// doubled, or with the wrong article. A `[sic]` marker vouches for
    /// these, and inside a quotation they are offered a ` [sic]` fix.
    Word,
    /// How words go together (`should of`, `its a`).
    Usage,
    /// White space between words and marks.
    Spacing,
    /// Punctuation marks: doubled, or without a partner.
    Punctuation,
    /// The project's own rules (its forbidden words, its directives): about
    /// the project, not the language, so kept in paragraphs in another
    /// language.
    Project,
}

/// What the registry knows about a rule. Each rule file declares its own
/// as `pub const META: RuleMeta`.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable code, e.g. `spelling`.
    pub code: &'static str,
    /// Severity when configuration says nothing.
    pub default_severity: Severity,
    /// Whether the rule offers fixes.
    pub fixable: bool,
    /// What the rule looks at.
    pub scope: Scope,
    /// One line: what it checks (`copyedit rules`).
    pub summary: &'static str,
    /// What `copyedit explain CODE` prints (Markdown-ish plain text).
    pub explanation: &'static str,
}

/// A registered rule: its metadata and the check that finds its problems.
pub struct RuleInfo {
    /// The rule's metadata.
    pub meta: RuleMeta,
    /// The check the linter runs; `None` for a rule whose problems a later
    /// stage of the pipeline reports (`directive`: [`crate::directives`]).
    pub check: Option<&'static dyn Rule>,
}

impl RuleInfo {
    /// A rule found by a check over the document.
    const fn new(meta: RuleMeta, check: &'static dyn Rule) -> Self {
        RuleInfo {
            meta,
            check: Some(check),
        }
    }

    /// A rule reported by a later stage of the pipeline.
    const fn stage(meta: RuleMeta) -> Self {
        RuleInfo { meta, check: None }
    }
}

/// `rule!(module::Check)`: the rule whose file is `module`, its metadata
/// (`module::META`) and its check.
macro_rules! rule {
    ($module:ident :: $check:ident) => {
        RuleInfo::new($module::META, &$module::$check)
    };
}

/// Every rule, in the order they run and are listed: one line per rule.
pub static RULES: &[RuleInfo] = &[
    rule!(spelling::Spelling),
    rule!(fragment::Fragment),
    rule!(real_word::RealWord),
    rule!(repeated_word::RepeatedWord),
    rule!(modal_of::ModalOf),
    rule!(contraction::Contraction),
    rule!(a_an::AAn),
    rule!(double_space::DoubleSpace),
    rule!(space_before_punctuation::SpaceBeforePunctuation),
    rule!(missing_space::MissingSpace),
    rule!(repeated_punctuation::RepeatedPunctuation),
    rule!(trailing_whitespace::TrailingWhitespace),
    rule!(unbalanced::Unbalanced),
    rule!(forbidden::Forbidden),
    RuleInfo::stage(directive::META),
];

/// Look a rule up by code.
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.meta.code == code)
}

/// The scope of the rule with this code (`None`: no such rule).
pub fn scope_of(code: &str) -> Option<Scope> {
    find(code).map(|r| r.meta.scope)
}
