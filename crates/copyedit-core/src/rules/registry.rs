//! The rule registry: every rule's metadata, declared in its own file as a
//! [`RuleMeta`] named `META`, and gathered here in one list (the
//! `registry!` macro below), in the order the rules run and are listed.
//! That list declares the rule modules (`rules/mod.rs` expands it into
//! `pub mod NAME;` lines) and makes [`RULES`]: adding a rule is one line
//! here.

use super::Rule;

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
    /// The rule's rows in the documentation's tables.
    pub docs: RuleDocs,
}

/// What the documentation's tables say of a rule. README.md's table of
/// rules and docs/fixes.md's table of fixes are generated from these, in
/// the registry's order (`UPDATE_TABLES=1 cargo test --test rule_tables`
/// rewrites them; `cargo test` fails while they are out of date).
#[derive(Debug, Clone, Copy)]
pub struct RuleDocs {
    /// README.md, "what it finds": the problems it reports, with examples.
    pub finds: &'static str,
    /// README.md, in brackets after the default severity: where the
    /// severity differs (`info in Markdown`), or empty.
    pub severity_note: &'static str,
    /// README.md, in brackets after whether it fixes (`never Safe`), or
    /// empty.
    pub fix_note: &'static str,
    /// docs/fixes.md: the fixes `copyedit fix` applies (Safe); `—` for
    /// none.
    pub safe_fixes: &'static str,
    /// docs/fixes.md: the fixes only `copyedit fix --unsafe` applies;
    /// `—` for none.
    pub unsafe_fixes: &'static str,
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

/// Every rule, in the order they run and are listed: one line per rule,
/// `NAME::Check` (the rule's file `rules/NAME.rs` or `rules/NAME/mod.rs`
/// and the unit struct in it that implements [`Rule`]), or `NAME` alone for
/// a rule that a later stage of the pipeline reports (`directive`).
///
/// `registry!(then)` calls the macro `then` with the list:
/// `registry!(declare_modules)` in `rules/mod.rs` declares the modules and
/// `registry!(list)` below makes [`RULES`].
macro_rules! registry {
    ($then:ident) => {
        $then! {
            spelling::Spelling,
            fragment::Fragment,
            real_word::RealWord,
            repeated_word::RepeatedWord,
            modal_of::ModalOf,
            contraction::Contraction,
            a_an::AAn,
            double_space::DoubleSpace,
            space_before_punctuation::SpaceBeforePunctuation,
            missing_space::MissingSpace,
            repeated_punctuation::RepeatedPunctuation,
            trailing_whitespace::TrailingWhitespace,
            unbalanced::Unbalanced,
            forbidden::Forbidden,
            directive,
        }
    };
}

/// `pub mod NAME;` for every rule of the list (expanded in `rules/mod.rs`,
/// so that the files are found beside it).
macro_rules! declare_modules {
    ($($module:ident $(:: $check:ident)?),* $(,)?) => {
        $(pub mod $module;)*
    };
}

/// The [`RuleInfo`] of every rule of the list.
macro_rules! list {
    ($($module:ident $(:: $check:ident)?),* $(,)?) => {
        &[$(rule_info!($module $(:: $check)?)),*]
    };
}

/// One rule's [`RuleInfo`]: its metadata (`NAME::META`) and its check.
macro_rules! rule_info {
    ($module:ident :: $check:ident) => {
        RuleInfo::new(
            $crate::rules::$module::META,
            &$crate::rules::$module::$check,
        )
    };
    ($module:ident) => {
        RuleInfo::stage($crate::rules::$module::META)
    };
}

/// Every rule, in the order they run and are listed (`registry!`).
pub static RULES: &[RuleInfo] = registry!(list);

/// Look a rule up by code.
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.meta.code == code)
}

/// The scope of the rule with this code (`None`: no such rule).
pub fn scope_of(code: &str) -> Option<Scope> {
    find(code).map(|r| r.meta.scope)
}
