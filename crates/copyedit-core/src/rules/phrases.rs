//! Foreign and Latin phrases written in English prose (`mea culpa`,
//! `coup d'état`, `sui generis`): their words are accepted inside the
//! phrase only, so `se` alone is still a slip while `per se` is fine.
//!
//! The list is `dictionaries/phrases.txt` (this project's own, one phrase
//! per line). A hyphen in the text counts as a space (`laissez-faire`),
//! apostrophes and case do not matter, and accents may be left off
//! (`deja vu`, `raison d'etre`).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::dictionary::{fold_diacritics, normalize_apostrophes};
use crate::tokenize::neighbours::word_across_space_or_hyphen;
use crate::tokenize::Token;

use copyedit_dict::PHRASES;

/// Each word of a phrase (folded) with the phrases it belongs to, each
/// phrase as its folded words and the position of the word in it.
type Index = HashMap<String, Vec<(Vec<String>, usize)>>;

/// Lowercase, straight apostrophes, no accents.
fn fold(word: &str) -> String {
    fold_diacritics(&normalize_apostrophes(word).to_lowercase())
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Index = HashMap::new();
        for line in PHRASES.lines().filter(|l| !l.trim().is_empty()) {
            let words: Vec<String> = line
                .split([' ', '-'])
                .filter(|w| !w.is_empty())
                .map(fold)
                .collect();
            for (k, w) in words.iter().enumerate() {
                index.entry(w.clone()).or_default().push((words.clone(), k));
            }
        }
        index
    })
}

/// Whether the word token `i` (text `word`) stands inside one of the
/// phrases, with every other word of the phrase around it in order.
pub(super) fn in_phrase(text: &str, tokens: &[Token], i: usize, word: &str) -> bool {
    let Some(phrases) = index().get(&fold(word)) else {
        return false;
    };
    phrases.iter().any(|(words, k)| {
        let matches = |j: Option<usize>, w: &str| {
            j.and_then(|j| tokens.get(j))
                .is_some_and(|t| fold(t.text(text)) == w)
        };
        let mut j = Some(i);
        let before = words.get(..*k).unwrap_or_default().iter().rev().all(|w| {
            j = j.and_then(|j| word_across_space_or_hyphen(text, tokens, j, false));
            matches(j, w)
        });
        let mut j = Some(i);
        let after = words.get(k + 1..).unwrap_or_default().iter().all(|w| {
            j = j.and_then(|j| word_across_space_or_hyphen(text, tokens, j, true));
            matches(j, w)
        });
        before && after
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{tokenize_str, TokenKind};

    /// Whether the `n`th word of `text` is inside a phrase.
    fn nth_in_phrase(text: &str, n: usize) -> bool {
        let tokens = tokenize_str(text);
        let (i, t) = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word)
            .nth(n)
            .unwrap();
        in_phrase(text, &tokens, i, t.text(text))
    }

    #[test]
    fn words_count_only_inside_their_phrase() {
        assert!(nth_in_phrase("It was a mea culpa.", 3));
        assert!(nth_in_phrase("not illegal per se, he said", 3));
        assert!(nth_in_phrase("a coup d’état in all but name", 2));
        assert!(nth_in_phrase("a coup d'etat", 2));
        assert!(nth_in_phrase("Laissez-faire capitalism", 0));
        assert!(nth_in_phrase("Laissez-faire capitalism", 1));
        assert!(nth_in_phrase("a sense of deja\nvu", 4));
        assert!(nth_in_phrase("persona non grata", 0));
        // Out of order, apart, or alone.
        assert!(!nth_in_phrase("culpa mea", 0));
        assert!(!nth_in_phrase("mea, culpa", 0));
        assert!(!nth_in_phrase("the se of it", 1));
        assert!(!nth_in_phrase("vu", 0));
        assert!(!nth_in_phrase("persona grata", 0));
    }

    #[test]
    fn the_list_is_sorted_lowercase_and_without_duplicates() {
        let lines: Vec<&str> = PHRASES.lines().collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(lines, sorted);
        assert!(lines
            .iter()
            .all(|l| *l == l.to_lowercase() && l.contains([' ', '-'])));
    }
}
