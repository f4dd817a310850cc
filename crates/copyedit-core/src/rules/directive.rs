//! `directive`: inline directives copyedit cannot follow. Only the rule's
//! metadata lives here: its problems are reported by the
//! [`crate::directives`] stage, after every rule has run.

/// The rule's entry in the registry.
pub const META: super::RuleMeta = super::RuleMeta {
    code: "directive",
    default_severity: crate::diagnostic::Severity::Warning,
    fixable: true,
    scope: super::Scope::Project,
    summary: "inline directives with an unknown rule code or name",
    explanation: EXPLANATION,
    docs: super::RuleDocs {
        finds: "an inline `<!-- copyedit-… -->` directive that names an unknown rule",
        severity_note: "",
        fix_note: "",
        safe_fixes: "—",
        unsafe_fixes: "\
            The rule code one or two edits from an unknown one (`copyedit-disable speling` → \
            `spelling`).",
    },
};

const EXPLANATION: &str = "\
Reports inline directives that copyedit cannot follow: an unknown rule code
(`<!-- copyedit-disable speling -->`), an unknown directive
(`<!-- copyedit-disabel -->`) or a `copyedit-ignore` without words. A
directive with a mistake in it would otherwise silently do nothing.

The directives, in Markdown or HTML comments (in plain text, alone on a
line, with or without the comment markers):

  <!-- copyedit-disable -->            every rule off from here ...
  <!-- copyedit-enable -->             ... to here (or the end of the file)
  <!-- copyedit-disable spelling -->   only the rules named (also `enable`)
  <!-- copyedit-disable-next-line -->  the next line only (rules optional)
  <!-- copyedit-ignore Kubernetes -->  accept these words in this file

Rule codes and words are separated by spaces or commas; text after `--`
is a note for readers. Problems a directive silences are shown with
`--show-suppressed`.

This rule is produced by the linter itself after the other rules run; it
cannot be silenced by a directive, only switched off in copyedit.toml
(`[rules] directive = \"off\"`).";
