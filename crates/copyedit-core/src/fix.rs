//! Applying fixes: choose non-conflicting edits, apply them to exact byte
//! spans, repeat to a fixpoint. (Writing the result back atomically is the
//! CLI's: `copyedit::atomic`.)
//!
//! Guarantees (each tested in `tests/fix_props.rs`):
//! - Bytes outside the applied edits are never changed: code blocks, front
//!   matter, line endings, a missing final newline all stay as they were.
//!   [`FixOutcome::changes`] maps every changed region back to the original.
//! - Of two edits that overlap or touch, the first (by position, then rule
//!   order) wins; the other is re-checked in the next pass.
//! - Passes repeat until nothing applicable is left, at most
//!   [`MAX_PASSES`]; running the fixer again on its output changes nothing.
//! - A replacement containing a line break gets the line ending used where
//!   it lands (CRLF stays CRLF); an edit that would split a CRLF pair, fall
//!   outside the text or inside a UTF-8 sequence is refused, not applied.

// This module handles raw input: no unchecked indexing or string slicing
// (see docs/robustness.md).
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;

use thiserror::Error;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Format;
use crate::linter::Linter;
use crate::rules::RULES;

/// The most passes [`fix_text`] makes before giving up on a fixpoint.
pub const MAX_PASSES: usize = 10;

/// Which fixes the fixer may apply unasked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply Unsafe fixes (`--unsafe`). DisplayOnly fixes never are.
    pub unsafe_fixes: bool,
    /// Passes before giving up (default [`MAX_PASSES`]).
    pub max_passes: usize,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            unsafe_fixes: false,
            max_passes: MAX_PASSES,
        }
    }
}

/// Whether the fixer may apply a fix of this applicability unasked.
pub fn allowed(applicability: Applicability, unsafe_fixes: bool) -> bool {
    match applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// The fix the fixer would apply for a diagnostic: its first (best) fix,
/// if that one's applicability allows it. Later fixes are alternatives for
/// a person to choose, never applied unasked. Suppressed diagnostics have
/// none.
pub fn chosen_fix(d: &Diagnostic, unsafe_fixes: bool) -> Option<&Fix> {
    if d.suppressed.is_some() {
        return None;
    }
    d.fixes
        .first()
        .filter(|f| !f.edits.is_empty() && allowed(f.applicability, unsafe_fixes))
}

/// Why a fix could not be applied to a text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// The span is reversed or past the end of the text.
    #[error("edit {start}..{end} is outside the text ({len} bytes)")]
    OutOfBounds {
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
        /// Text length.
        len: usize,
    },
    /// A span boundary falls inside a UTF-8 sequence.
    #[error("edit boundary {0} is inside a character")]
    NotCharBoundary(usize),
    /// A span boundary falls between the `\r` and `\n` of a CRLF.
    #[error("edit boundary {0} splits a CRLF line ending")]
    SplitsCrlf(usize),
    /// Two edits of one fix overlap.
    #[error("edits {0:?} and {1:?} of one fix overlap")]
    Overlap(Range<usize>, Range<usize>),
    /// The fix changes nothing.
    #[error("the fix changes nothing")]
    NoOp,
    /// The fix overlaps or touches an edit already chosen.
    #[error("the fix overlaps or touches another fix")]
    Conflict,
}

/// A set of non-overlapping edits on one text, built fix by fix: a fix is
/// accepted whole or not at all.
///
/// The fixer's sets are strict: an edit may not even touch another (two
/// insertions at one point, or a deletion ending where a replacement
/// starts, wait for the next pass, when the text has been checked again).
/// Interactive use may allow touching edits, since a person chose each one.
#[derive(Debug, Clone)]
pub struct EditSet<'t> {
    text: &'t str,
    strict: bool,
    /// Accepted edit spans as (start, end); they never overlap, so sorted by
    /// start their ends never decrease.
    taken: BTreeSet<(usize, usize)>,
    edits: Vec<Edit>,
}

impl<'t> EditSet<'t> {
    /// An empty strict set of edits on `text` (touching edits conflict).
    pub fn new(text: &'t str) -> Self {
        EditSet {
            text,
            strict: true,
            taken: BTreeSet::new(),
            edits: Vec::new(),
        }
    }

    /// An empty set where edits may touch (but not overlap, and two
    /// insertions may not share a point).
    pub fn touching_allowed(text: &'t str) -> Self {
        EditSet {
            strict: false,
            ..EditSet::new(text)
        }
    }

    /// Whether `span` conflicts with an accepted edit.
    pub fn conflicts(&self, span: &Range<usize>) -> bool {
        let (s, e) = (span.start, span.end);
        // Of the accepted spans starting before (strict: at or before) `e`,
        // the last reaches furthest.
        let last = if self.strict {
            self.taken.range(..=(e, usize::MAX)).next_back()
        } else {
            self.taken.range(..(e, 0)).next_back()
        };
        let reaches = last.is_some_and(|&(_, b)| if self.strict { b >= s } else { b > s });
        reaches || (s == e && self.taken.contains(&(s, s)))
    }

    /// Check a fix against the text and the accepted edits, and accept it.
    /// Returns the fix's edits as they will be applied (sorted, with line
    /// breaks in replacements matched to the text's line endings).
    pub fn try_add(&mut self, fix: &Fix) -> Result<Vec<Edit>, EditError> {
        let edits = validate(self.text, fix)?;
        if edits.iter().any(|e| self.conflicts(&e.span)) {
            return Err(EditError::Conflict);
        }
        for e in &edits {
            self.taken.insert((e.span.start, e.span.end));
        }
        self.edits.extend(edits.iter().cloned());
        Ok(edits)
    }

    /// Whether no edit has been accepted.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// The accepted edits, sorted by position.
    pub fn edits(&self) -> Vec<Edit> {
        let mut edits = self.edits.clone();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits
    }

    /// The text with every accepted edit applied.
    pub fn apply(&self) -> String {
        splice(self.text, &self.edits())
    }
}

/// Check a fix's edits against `text` and return them sorted, with line
/// breaks in replacements converted to the local line ending.
pub fn validate(text: &str, fix: &Fix) -> Result<Vec<Edit>, EditError> {
    let mut edits: Vec<Edit> = Vec::with_capacity(fix.edits.len());
    for e in &fix.edits {
        let Range { start, end } = e.span;
        if start > end || end > text.len() {
            return Err(EditError::OutOfBounds {
                start,
                end,
                len: text.len(),
            });
        }
        for at in [start, end] {
            if !text.is_char_boundary(at) {
                return Err(EditError::NotCharBoundary(at));
            }
            if splits_crlf(text, at) {
                return Err(EditError::SplitsCrlf(at));
            }
        }
        let replacement = match_line_endings(text, &e.span, &e.replacement);
        edits.push(Edit::replace(e.span.clone(), replacement));
    }
    // Stable: two insertions at one point keep the fix's order.
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    for pair in edits.windows(2) {
        if let [a, b] = pair {
            if a.span.end > b.span.start {
                return Err(EditError::Overlap(a.span.clone(), b.span.clone()));
            }
        }
    }
    let changes = |e: &Edit| text.get(e.span.clone()) != Some(e.replacement.as_str());
    if !edits.iter().any(changes) {
        return Err(EditError::NoOp);
    }
    Ok(edits)
}

fn splits_crlf(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    at > 0 && b.get(at - 1) == Some(&b'\r') && b.get(at) == Some(&b'\n')
}

/// The line ending in use where `span` is: that of the line it ends on, else
/// that of the line before, else LF.
fn line_ending_at(text: &str, span: &Range<usize>) -> &'static str {
    let b = text.as_bytes();
    let after = b
        .get(span.end..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map(|i| span.end + i);
    let before = b
        .get(..span.start)
        .and_then(|head| memchr::memrchr(b'\n', head));
    match after.or(before) {
        Some(nl) if nl > 0 && b.get(nl - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// A replacement with its line breaks (`\n`, `\r\n`, lone `\r`) turned into
/// the line ending used around `span`, so a fix never mixes CRLF into an LF
/// file or the reverse.
fn match_line_endings(text: &str, span: &Range<usize>, replacement: &str) -> String {
    if !replacement.contains(['\n', '\r']) {
        return replacement.to_string();
    }
    let eol = line_ending_at(text, span);
    let mut out = String::with_capacity(replacement.len() + 4);
    let mut chars = replacement.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(eol);
            }
            '\n' => out.push_str(eol),
            c => out.push(c),
        }
    }
    out
}

/// Apply sorted, disjoint, validated edits.
fn splice(text: &str, edits: &[Edit]) -> String {
    let added: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(text.len() + added);
    let mut pos = 0;
    for e in edits {
        if let Some(kept) = text.get(pos..e.span.start) {
            out.push_str(kept);
        }
        out.push_str(&e.replacement);
        pos = pos.max(e.span.end);
    }
    if let Some(rest) = text.get(pos..) {
        out.push_str(rest);
    }
    out
}

/// Apply edits to a text: they are sorted, checked for overlap, bounds and
/// character boundaries first, and nothing is applied if one is bad.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let fix = Fix {
        title: String::new(),
        edits: edits.to_vec(),
        applicability: Applicability::Safe,
    };
    match validate(text, &fix) {
        Ok(edits) => Ok(splice(text, &edits)),
        Err(EditError::NoOp) => Ok(text.to_string()),
        Err(e) => Err(e),
    }
}

/// A fix the fixer applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    /// The rule that offered it.
    pub rule: &'static str,
    /// The fix's title, e.g. "replace with `receive`".
    pub title: String,
    /// The diagnostic's message.
    pub message: String,
    /// Its applicability.
    pub applicability: Applicability,
    /// The pass (1-based) it was applied in.
    pub pass: usize,
    /// Its edits, in the coordinates of that pass's input text.
    pub edits: Vec<Edit>,
}

/// A fix the fixer had to refuse (its edits were invalid for the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFix {
    /// The rule that offered it.
    pub rule: &'static str,
    /// The diagnostic's span.
    pub span: Range<usize>,
    /// Why.
    pub reason: EditError,
}

/// A region that differs between the original and the fixed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Bytes of the original text.
    pub original: Range<usize>,
    /// The bytes of the fixed text that replace them.
    pub fixed: Range<usize>,
}

/// The result of fixing one text.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// Every fix applied, in order.
    pub applied: Vec<AppliedFix>,
    /// Fixes refused because their edits were invalid.
    pub refused: Vec<RefusedFix>,
    /// Changed regions, sorted and disjoint; outside them the fixed text is
    /// byte-for-byte the original.
    pub changes: Vec<Change>,
    /// Diagnostics of the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// Passes that applied something.
    pub passes: usize,
    /// False when the pass limit was hit or the fixes went round in a
    /// circle, so applicable fixes may remain.
    pub converged: bool,
}

impl FixOutcome {
    /// Whether the text changed.
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

/// Rank of a rule in the registry (unknown rules last).
fn rule_rank(code: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.meta.code == code)
        .unwrap_or(RULES.len())
}

/// The fixes chosen for one pass.
#[derive(Debug)]
pub struct Selection<'t, 'd> {
    /// The accepted edits.
    pub set: EditSet<'t>,
    /// Each chosen fix with its diagnostic and its edits as applied.
    pub chosen: Vec<(&'d Diagnostic, &'d Fix, Vec<Edit>)>,
    /// Fixes refused because their edits were invalid for the text.
    pub refused: Vec<RefusedFix>,
}

/// One pass: choose the fixes to apply to `text` from its diagnostics.
/// First wins, by position of the first edit, then rule order; a fix that
/// overlaps or touches one already chosen waits for the next pass.
pub fn select<'t, 'd>(
    text: &'t str,
    diagnostics: &'d [Diagnostic],
    unsafe_fixes: bool,
) -> Selection<'t, 'd> {
    let mut candidates: Vec<(&Diagnostic, &Fix)> = diagnostics
        .iter()
        .filter_map(|d| chosen_fix(d, unsafe_fixes).map(|f| (d, f)))
        .collect();
    let key = |(d, f): &(&Diagnostic, &Fix)| {
        let start = f.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        let end = f.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
        (start, rule_rank(d.rule), end, d.rule)
    };
    candidates.sort_by_key(key);
    let mut set = EditSet::new(text);
    let mut chosen = Vec::new();
    let mut refused = Vec::new();
    for (d, f) in candidates {
        match set.try_add(f) {
            Ok(edits) => chosen.push((d, f, edits)),
            Err(EditError::Conflict) => {}
            Err(reason) => refused.push(RefusedFix {
                rule: d.rule,
                span: d.span.clone(),
                reason,
            }),
        }
    }
    Selection {
        set,
        chosen,
        refused,
    }
}

/// Fix a text: check, apply the chosen fixes, check again, until nothing
/// applicable is left or `opts.max_passes` passes have been made.
pub fn fix_text(linter: &Linter, text: &str, format: Format, opts: &FixOptions) -> FixOutcome {
    fix_text_scoped(linter, text, format, opts, &|_, _, _| {})
}

/// Drops the diagnostics a scoped fix must leave alone: called with the
/// current text, the changes from the original to it, and its diagnostics.
pub type Scope<'a> = dyn Fn(&str, &[Change], &mut Vec<Diagnostic>) + Sync + 'a;

/// [`fix_text`] on the problems `scope` keeps (each pass, and what
/// remains): `fix --changed-since` fixes only changed lines, `--baseline`
/// only problems the baseline does not record. [`original_offset`] maps a
/// position of the current text back to the original.
pub fn fix_text_scoped(
    linter: &Linter,
    text: &str,
    format: Format,
    opts: &FixOptions,
    scope: &Scope<'_>,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut diagnostics = linter.check(&current, format);
    scope(&current, &[], &mut diagnostics);
    let mut applied = Vec::new();
    let mut refused: Vec<RefusedFix> = Vec::new();
    let mut changes = Vec::new();
    let mut seen = HashSet::new();
    seen.insert(hash_of(&current));
    let mut passes = 0;
    let mut converged = false;
    loop {
        let Selection {
            set,
            chosen,
            refused: mut bad,
        } = select(&current, &diagnostics, opts.unsafe_fixes);
        if set.is_empty() {
            converged = true;
            refused.append(&mut bad);
            break;
        }
        if passes >= opts.max_passes {
            break;
        }
        passes += 1;
        let edits = set.edits();
        let next = set.apply();
        for (d, f, edits) in chosen {
            applied.push(AppliedFix {
                rule: d.rule,
                title: f.title.clone(),
                message: d.message.clone(),
                applicability: f.applicability,
                pass: passes,
                edits,
            });
        }
        changes = compose(&changes, &edits);
        let repeated = !seen.insert(hash_of(&next));
        current = next;
        diagnostics = linter.check(&current, format);
        scope(&current, &changes, &mut diagnostics);
        if repeated {
            // The fixes went round in a circle; stop where we are.
            break;
        }
    }
    FixOutcome {
        text: current,
        applied,
        refused,
        changes,
        remaining: diagnostics,
        passes,
        converged,
    }
}

/// The position in the original text of byte `p` of the fixed text, given
/// the [`FixOutcome::changes`] between them: exact outside the changes; in a
/// change, the same distance into the original region (at most its end).
pub fn original_offset(changes: &[Change], p: usize) -> usize {
    let n = changes.partition_point(|c| c.fixed.end <= p);
    if let Some(c) = changes.get(n) {
        if c.fixed.start <= p {
            return c.original.start + (p - c.fixed.start).min(c.original.len());
        }
    }
    match n.checked_sub(1).and_then(|i| changes.get(i)) {
        Some(prev) => p - prev.fixed.end + prev.original.end,
        None => p,
    }
}

fn hash_of(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Compose the changes so far (original → current) with edits on the
/// current text, giving the changes original → next.
pub fn compose(changes: &[Change], edits: &[Edit]) -> Vec<Change> {
    // Intervals in current coordinates: old changes and new edits, merged
    // where they overlap or touch.
    #[derive(Clone)]
    struct Group {
        start: usize,
        end: usize,
        /// Bytes added by the new edits in this group.
        delta: isize,
    }
    let mut items: Vec<(usize, usize, isize)> = changes
        .iter()
        .map(|c| (c.fixed.start, c.fixed.end, 0))
        .chain(edits.iter().map(|e| {
            (
                e.span.start,
                e.span.end,
                e.replacement.len() as isize - e.span.len() as isize,
            )
        }))
        .collect();
    items.sort_by_key(|&(s, e, _)| (s, e));
    let mut groups: Vec<Group> = Vec::new();
    for (s, e, d) in items {
        match groups.last_mut() {
            Some(g) if s <= g.end => {
                g.end = g.end.max(e);
                g.delta += d;
            }
            _ => groups.push(Group {
                start: s,
                end: e,
                delta: d,
            }),
        }
    }
    // Current position → original position, for group edges (outside the
    // old changes or at their edges). `prefix[i]` is the growth of the first
    // i old changes. A group's start is after every old change before the
    // group (strictly: an empty change at the start belongs to the group);
    // its end is after every old change up to and including the group's.
    let mut prefix = Vec::with_capacity(changes.len() + 1);
    prefix.push(0isize);
    for c in changes {
        let last = prefix.last().copied().unwrap_or(0);
        prefix.push(last + c.fixed.len() as isize - c.original.len() as isize);
    }
    let shift_before = |n: usize| prefix.get(n).copied().unwrap_or(0);
    let start_to_original = |p: usize| {
        let n = changes.partition_point(|c| c.fixed.end < p);
        (p as isize - shift_before(n)).max(0) as usize
    };
    let end_to_original = |p: usize| {
        let n = changes.partition_point(|c| c.fixed.end <= p);
        (p as isize - shift_before(n)).max(0) as usize
    };
    let mut out = Vec::with_capacity(groups.len());
    let mut shift: isize = 0;
    for g in groups {
        let start = (g.start as isize + shift).max(0) as usize;
        let end = (g.end as isize + shift + g.delta).max(start as isize) as usize;
        shift += g.delta;
        out.push(Change {
            original: start_to_original(g.start)..end_to_original(g.end),
            fixed: start..end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix {
            title: "t".into(),
            edits,
            applicability: Applicability::Safe,
        }
    }

    fn diag(rule: &'static str, span: Range<usize>, f: Fix) -> Diagnostic {
        Diagnostic::new(rule, Severity::Warning, span, "m").with_fix(f)
    }

    #[test]
    fn positions_map_back_to_the_original() {
        // "ab cd ef" → "ab XYZ ef" (cd → XYZ) → "ab XYZ e" (f deleted).
        let changes = compose(&[], &[Edit::replace(3..5, "XYZ")]);
        let changes = compose(&changes, &[Edit::delete(8..9)]);
        assert_eq!(original_offset(&changes, 0), 0);
        assert_eq!(original_offset(&changes, 3), 3);
        assert_eq!(original_offset(&changes, 5), 5);
        assert_eq!(original_offset(&changes, 6), 5);
        assert_eq!(original_offset(&changes, 7), 6);
        assert_eq!(original_offset(&changes, 8), 8);
        assert_eq!(original_offset(&[], 4), 4);
    }

    #[test]
    fn applies_exact_spans() {
        let text = "ab cd ef";
        let out = apply_edits(text, &[Edit::replace(3..5, "XY"), Edit::delete(0..3)]);
        assert_eq!(out.unwrap(), "XY ef");
        assert_eq!(
            apply_edits(text, &[Edit::insert(8, "!"), Edit::insert(0, ">")]).unwrap(),
            ">ab cd ef!"
        );
    }

    #[test]
    fn refuses_bad_edits() {
        assert!(matches!(
            apply_edits("abc", &[Edit::delete(2..9)]),
            Err(EditError::OutOfBounds { .. })
        ));
        assert_eq!(
            apply_edits("é", &[Edit::delete(0..1)]),
            Err(EditError::NotCharBoundary(1))
        );
        assert_eq!(
            apply_edits("a\r\nb", &[Edit::delete(0..2)]),
            Err(EditError::SplitsCrlf(2))
        );
        assert!(matches!(
            apply_edits("abcd", &[Edit::delete(0..2), Edit::delete(1..3)]),
            Err(EditError::Overlap(..))
        ));
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = Edit::delete(3..1);
        assert!(apply_edits("abcd", &[reversed]).is_err());
    }

    #[test]
    fn line_breaks_in_replacements_follow_the_file() {
        let crlf = "one\r\ntwo three\r\n";
        let at = crlf.find(" three").unwrap();
        let out = apply_edits(crlf, &[Edit::replace(at..at + 1, "\n")]).unwrap();
        assert_eq!(out, "one\r\ntwo\r\nthree\r\n");
        let lf = "one\ntwo three\n";
        let at = lf.find(" three").unwrap();
        let out = apply_edits(lf, &[Edit::replace(at..at + 1, "\r\n")]).unwrap();
        assert_eq!(out, "one\ntwo\nthree\n");
    }

    #[test]
    fn first_wins_and_touching_edits_wait() {
        let text = "aaaa bbbb";
        let diags = vec![
            diag("spelling", 0..4, fix(vec![Edit::replace(0..4, "A")])),
            diag("double-space", 4..5, fix(vec![Edit::delete(4..5)])),
            diag("spelling", 5..9, fix(vec![Edit::replace(5..9, "B")])),
        ];
        let sel = select(text, &diags, false);
        assert!(sel.refused.is_empty());
        assert_eq!(sel.chosen.len(), 2);
        assert_eq!(sel.set.apply(), "A B");
        // Same start: rule order decides (spelling before double-space).
        let diags = vec![
            diag("double-space", 0..1, fix(vec![Edit::insert(0, "x")])),
            diag("spelling", 0..1, fix(vec![Edit::insert(0, "y")])),
        ];
        assert_eq!(select(text, &diags, false).set.apply(), "yaaaa bbbb");
    }

    #[test]
    fn touching_edits_may_be_allowed() {
        let text = "ab  cd";
        let mut set = EditSet::touching_allowed(text);
        set.try_add(&fix(vec![Edit::delete(2..3)])).unwrap();
        set.try_add(&fix(vec![Edit::replace(3..6, "CD")])).unwrap();
        set.try_add(&fix(vec![Edit::insert(0, ">")])).unwrap();
        assert_eq!(
            set.try_add(&fix(vec![Edit::insert(0, "<")])),
            Err(EditError::Conflict)
        );
        assert_eq!(
            set.try_add(&fix(vec![Edit::insert(4, "x")])),
            Err(EditError::Conflict)
        );
        assert_eq!(
            set.try_add(&fix(vec![Edit::replace(1..3, "x")])),
            Err(EditError::Conflict)
        );
        assert_eq!(set.apply(), ">abCD");
        let mut strict = EditSet::new(text);
        strict.try_add(&fix(vec![Edit::delete(2..3)])).unwrap();
        assert!(strict.conflicts(&(3..6)));
        assert!(strict.conflicts(&(0..2)));
        assert!(!strict.conflicts(&(4..6)));
    }

    #[test]
    fn applicability_decides() {
        let text = "abc";
        let mut unsafe_fix = fix(vec![Edit::delete(0..1)]);
        unsafe_fix.applicability = Applicability::Unsafe;
        let mut display = fix(vec![Edit::delete(1..2)]);
        display.applicability = Applicability::DisplayOnly;
        let diags = vec![diag("x", 0..1, unsafe_fix), diag("x", 1..2, display)];
        assert!(select(text, &diags, false).set.is_empty());
        assert_eq!(select(text, &diags, true).set.apply(), "bc");
        // Only the first fix of a diagnostic is ever applied unasked.
        let mut d = diag("x", 0..1, {
            let mut f = fix(vec![Edit::delete(0..1)]);
            f.applicability = Applicability::Unsafe;
            f
        });
        d.fixes.push(fix(vec![Edit::delete(1..2)]));
        assert!(chosen_fix(&d, false).is_none());
    }

    #[test]
    fn compose_tracks_changes_back_to_the_original() {
        let text = "0123456789";
        let e1 = [Edit::replace(2..4, "abcd"), Edit::delete(7..8)];
        let t1 = apply_edits(text, &e1).unwrap();
        assert_eq!(t1, "01abcd45689");
        let c1 = compose(&[], &e1);
        assert_eq!(
            c1,
            [
                Change {
                    original: 2..4,
                    fixed: 2..6
                },
                Change {
                    original: 7..8,
                    fixed: 9..9
                }
            ]
        );
        // Touching the first change merges; an insertion at the start moves
        // everything.
        let e2 = [Edit::insert(0, "++"), Edit::replace(6..7, "")];
        let t2 = apply_edits(&t1, &e2).unwrap();
        assert_eq!(t2, "++01abcd5689");
        let c2 = compose(&c1, &e2);
        assert_eq!(
            c2,
            [
                Change {
                    original: 0..0,
                    fixed: 0..2
                },
                Change {
                    original: 2..5,
                    fixed: 4..8
                },
                Change {
                    original: 7..8,
                    fixed: 10..10
                }
            ]
        );
    }

    #[test]
    fn fixes_the_example_to_a_fixpoint() {
        let linter = Linter::default();
        let text = "The meeting was was held on the the 11th.  Recieve it.";
        let out = fix_text(&linter, text, Format::Plain, &FixOptions::default());
        assert_eq!(out.text, "The meeting was held on the 11th. Receive it.");
        assert!(out.converged);
        assert_eq!(out.applied.len(), 4);
        assert!(out.passes >= 2, "the touching edit waits a pass");
        let again = fix_text(&linter, &out.text, Format::Plain, &FixOptions::default());
        assert!(!again.changed());
    }
}
