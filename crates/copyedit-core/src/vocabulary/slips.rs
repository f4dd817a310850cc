//! Slips of the project's own words: evidence that only the whole run has.
//!
//! The `spelling` rule alone cannot tell `toolchani` (no dictionary word is
//! close) or `Jekll` (capitalised, so perhaps a name) from a term or a name
//! it does not know. The files being checked can: when they write a word
//! one edit away many times ([`SLIP_MIN_COUNT`], and [`TYPO_RATIO`] times as
//! often) and this one once, it is a slip of that word.

use super::{key, Entry, Vocabulary, TYPO_RATIO};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::dictionary::{Dictionary, Known};
use crate::rules::spelling::WEAK_NOTES;

/// The project's word must be written at least this many times in the run.
pub const SLIP_MIN_COUNT: u32 = 20;

/// A lowercase word must be this long to be taken for a slip of the
/// project's word (short words are one edit from dozens of others).
pub const SLIP_MIN_LEN: usize = 5;

/// Whether the word at `span` has a capitalised word beside it, one space
/// away: the next word, or the previous one unless that starts a sentence
/// (`Colin Ihrig`, `Y. Q. Shen`; not `The Tokio runtime`). A name of two
/// words or more is a person's or a firm's, whose spellings vary
/// (`Colin`, `Colina`); a project's name mostly stands alone.
pub(crate) fn capital_neighbour(text: &str, span: std::ops::Range<usize>) -> bool {
    let upper = |s: &str| s.starts_with(char::is_uppercase);
    if let Some(rest) = text.get(span.end..).and_then(|a| a.strip_prefix(' ')) {
        if upper(rest) {
            return true;
        }
    }
    let Some(before) = text.get(..span.start).and_then(|b| b.strip_suffix(' ')) else {
        return false;
    };
    let start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '*' | '_' | '"' | '“'))
        .map_or(0, |i| {
            i + before
                .get(i..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8)
        });
    let prev = before.get(start..).unwrap_or("");
    if !upper(prev) {
        return false;
    }
    // An initial (`Q.`) is part of a name.
    if prev.chars().count() == 2 && prev.ends_with('.') {
        return true;
    }
    if prev.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    // The previous word starts a sentence, a heading or an item.
    let lead = before.get(..start).unwrap_or("").trim_end();
    !(lead.is_empty() || lead.ends_with(['.', '!', '?', ':', '#', '-', '*', '>', '|']))
}

/// Whether the run of text around `span` between spaces has a slash, a
/// backslash, an underscore or an equals sign: a branch name, a path or
/// an option (`dj/typofix-merge-strat`), whose parts are names.
fn in_code_chunk(text: &str, span: std::ops::Range<usize>) -> bool {
    let code = |c: char| matches!(c, '/' | '\\' | '_' | '=');
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    before
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .any(code)
        || after.chars().take_while(|c| !c.is_whitespace()).any(code)
}

/// Calls `f` with every spelling one edit (Damerau) from `word`: a letter
/// too many, two neighbours swapped, a wrong letter, a letter missing. With
/// `slips_only`, not the edits a slip of the fingers seldom makes: at the
/// first letter (a swap aside) and a letter too many at the end.
pub(super) fn one_edit(word: &str, slips_only: bool, mut f: impl FnMut(&str)) {
    let chars: Vec<char> = word.chars().collect();
    let mut alphabet: Vec<char> = ('a'..='z').collect();
    alphabet.extend(chars.iter().filter(|c| !c.is_ascii_lowercase()));
    alphabet.sort_unstable();
    alphabet.dedup();
    let mut buf = String::with_capacity(word.len() + 4);
    let mut spell = |parts: &[&[char]]| {
        buf.clear();
        for part in parts {
            buf.extend(part.iter());
        }
        f(&buf);
    };
    // Slips at the first letter are rare, a letter too many at the end
    // is often a word of its own (`execl`, `popen`, `ferror`, `Colina`):
    // with `slips_only`, neither is taken for a slip.
    for i in 0..chars.len() {
        let (Some(head), Some(&here), Some(rest)) =
            (chars.get(..i), chars.get(i), chars.get(i + 1..))
        else {
            continue;
        };
        // A letter too many.
        if !slips_only || (i > 0 && !rest.is_empty()) {
            spell(&[head, rest]);
        }
        // Two letters swapped.
        if let Some((&next, after)) = rest.split_first() {
            if next != here {
                spell(&[head, &[next, here], after]);
            }
        }
        // A wrong letter.
        if !slips_only || i > 0 {
            for &c in alphabet.iter().filter(|&&c| c != here) {
                spell(&[head, &[c], rest]);
            }
        }
    }
    // A letter missing.
    for i in usize::from(slips_only)..=chars.len() {
        let (Some(head), Some(rest)) = (chars.get(..i), chars.get(i..)) else {
            continue;
        };
        for &c in &alphabet {
            spell(&[head, &[c], rest]);
        }
    }
}

impl Vocabulary {
    /// The most frequent word of the run one edit (Damerau) from `word`,
    /// written at least [`SLIP_MIN_COUNT`] times and [`TYPO_RATIO`] times as
    /// often as `word`, that `accept` accepts.
    fn frequent_neighbour(
        &self,
        word: &str,
        accept: impl Fn(&str, &Entry) -> bool,
    ) -> Option<(String, Entry)> {
        let count = self.get(word).count.max(1);
        let least = SLIP_MIN_COUNT.max(count.saturating_mul(TYPO_RATIO));
        let mut best: Option<(String, Entry)> = None;
        // A plural or a singular is no slip (`Doozers` beside `Doozer`).
        let plural = |cand: &str| {
            cand.strip_suffix('s') == Some(word) || word.strip_suffix('s') == Some(cand)
        };
        let mut consider = |cand: &str| {
            if plural(cand) {
                return;
            }
            if let Some(e) = self.words.get(cand) {
                if e.count >= least
                    && best.as_ref().is_none_or(|(_, b)| e.count > b.count)
                    && accept(cand, e)
                {
                    best = Some((cand.to_owned(), *e));
                }
            }
        };
        one_edit(word, true, |cand| consider(cand));
        best
    }

    /// A capitalised word the rule took for a name (suppressed with
    /// [`crate::Suppression::Name`]): reported when written once in the run and
    /// one edit from a name the files write far more often, and capitalise
    /// within sentences with no other capitalised word beside it at least
    /// half the time (`Jekll` → `Jekyll`; not `Colina` → `Colin`, a first
    /// name written before a surname), itself alone too. Left
    /// suppressed otherwise, for [`Vocabulary::apply`] to remove.
    pub(super) fn name_slip(&self, text: &str, d: &mut Diagnostic) {
        let Some(word) = text.get(d.span.clone()) else {
            return;
        };
        let k = key(word);
        if self.get(&k).count > 1 || self.get(&k).outside || capital_neighbour(text, d.span.clone())
        {
            return;
        }
        let Some((name, e)) =
            self.frequent_neighbour(&k, |_, e| e.capital.saturating_mul(2) >= e.count)
        else {
            return;
        };
        let Some(form) = self.forms.get(&name) else {
            return;
        };
        d.suppressed = None;
        if d.severity == Severity::Info {
            d.severity = Severity::Error;
        }
        d.message = format!(
            "unknown word `{word}` (the files write `{form}` {} times)",
            e.count
        );
        d.fixes = vec![Fix::new(
            format!("replace with `{form}`"),
            Edit::replace(d.span.clone(), form.clone()),
            Applicability::Unsafe,
        )];
    }

    /// An unknown word the rule only noted for want of evidence (one of
    /// [`WEAK_NOTES`]): reported when written once in the run and one edit
    /// from a word the files write far more often, that the dictionaries
    /// know or the project uses outside prose or in three files or more
    /// (`toolchani` → `toolchain`). Its first suggestion becomes that word.
    pub(super) fn word_slip(&self, dict: &Dictionary, text: &str, d: &mut Diagnostic) {
        let Some(word) = text.get(d.span.clone()) else {
            return;
        };
        if d.severity != Severity::Info
            || !WEAK_NOTES.iter().any(|n| d.message.ends_with(n))
            || word.chars().count() < SLIP_MIN_LEN
            || !word.chars().skip(1).all(char::is_lowercase)
        {
            return;
        }
        let k = key(word);
        if self.get(&k).count > 1 || in_code_chunk(text, d.span.clone()) {
            return;
        }
        let Some((near, e)) = self.frequent_neighbour(&k, |w, e| {
            e.outside || e.files >= 3 || dict.check(w) == Known::Yes
        }) else {
            return;
        };
        let replacement = if word.starts_with(char::is_uppercase) {
            let mut c = near.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else {
            near.clone()
        };
        d.severity = Severity::Error;
        d.message = format!(
            "unknown word `{word}` (the files write `{near}` {} times)",
            e.count
        );
        d.fixes
            .retain(|f| f.edits.first().map(|e| &e.replacement) != Some(&replacement));
        d.fixes.insert(
            0,
            Fix::new(
                format!("replace with `{replacement}`"),
                Edit::replace(d.span.clone(), replacement),
                Applicability::Unsafe,
            ),
        );
        d.fixes.truncate(5);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Census, Vocabulary};
    use crate::document::{Document, Format};
    use crate::tokenize::tokenize;
    use crate::{Linter, Severity};

    fn vocab(files: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::new();
        for f in files {
            let doc = Document::parse(f, Format::Markdown);
            v.add(Census::of(&doc, &tokenize(&doc)));
        }
        v
    }

    /// Reported spelling problems of `text` after the vocabulary: (word,
    /// severity, first fix).
    fn reported(v: &Vocabulary, text: &str) -> Vec<(String, Severity, String)> {
        let linter = Linter::default();
        let mut d = linter
            .check_source(text, Format::Markdown, "a.md", true, None)
            .unwrap();
        v.apply(linter.dictionary(), text, &mut d);
        d.iter()
            .filter(|d| d.rule == "spelling" && d.suppressed.is_none())
            .map(|d| {
                (
                    text[d.span.clone()].to_string(),
                    d.severity,
                    d.fixes
                        .first()
                        .map(|f| f.edits[0].replacement.clone())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    const NAMED: &str = "We build sites with Zorblex and deploy them. ";

    #[test]
    fn a_slip_of_the_projects_name_is_reported() {
        let text = "The docs say that Zorbelx builds it.\n";
        let many = NAMED.repeat(25);
        let v = vocab(&[text, &many]);
        assert_eq!(
            reported(&v, text),
            [("Zorbelx".into(), Severity::Error, "Zorblex".into())]
        );
        // Without the project's name, a name like any other.
        let v = vocab(&[text]);
        assert_eq!(reported(&v, text), []);
        // Nor when the files write it too rarely.
        let few = NAMED.repeat(5);
        let v = vocab(&[text, &few]);
        assert_eq!(reported(&v, text), []);
    }

    #[test]
    fn a_name_written_twice_is_left_alone() {
        let text = "The docs say that Zorbelx builds it. Zorbelx is a person.\n";
        let many = NAMED.repeat(25);
        let v = vocab(&[text, &many]);
        assert_eq!(reported(&v, text), []);
    }

    #[test]
    fn a_lowercase_neighbour_is_no_name() {
        // `zorblex` written lowercase within sentences: not a name, so a
        // capitalised word one edit away is not its slip.
        let text = "The docs say that Zorbelx builds it.\n";
        let many = "we build sites with zorblex and deploy them. ".repeat(25);
        let v = vocab(&[text, &many]);
        assert_eq!(reported(&v, text), []);
    }

    #[test]
    fn a_slip_of_a_frequent_term_is_reported() {
        let text = "Install the toolchian first.\n";
        let many = "The toolchain is here. ".repeat(25);
        let v = vocab(&[text, &many]);
        let r = reported(&v, text);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].1, Severity::Error);
        assert_eq!(r[0].2, "toolchain");
        // Alone, a note.
        let v = vocab(&[text]);
        let r = reported(&v, text);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].1, Severity::Info);
    }

    #[test]
    fn a_word_only_the_larger_list_has_stays_a_note() {
        // `cruft` is in the larger list: a word that exists, not a slip of
        // `craft` however often the files write that.
        let text = "Remove the cruft first.\n";
        let many = "The craft is here. ".repeat(25);
        let v = vocab(&[text, &many]);
        let r = reported(&v, text);
        assert!(r.iter().all(|r| r.1 == Severity::Info), "{r:?}");
    }
}
