//! The bundled technical vocabulary (`crates/copyedit-dict/dictionaries/words-tech.txt`): the words
//! of software prose are accepted, and the typos it must not hide are still
//! flagged and corrected to ordinary English.

use std::sync::OnceLock;

use copyedit_core::{Format, Linter};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::default)
}

/// The words `spelling` flags in `text` (plain text).
fn misspelt(text: &str) -> Vec<String> {
    linter()
        .check(text, Format::Plain)
        .into_iter()
        .filter(|d| d.rule == "spelling")
        .map(|d| text.get(d.span.clone()).unwrap_or_default().to_string())
        .collect()
}

#[test]
fn technical_words_are_not_flagged() {
    for w in [
        "struct",
        "structs",
        "async",
        "enum",
        "config",
        "repo",
        "repos",
        "npm",
        "memoize",
        "subtree",
        "bundler",
        "linting",
        "linter",
        "noop",
        "rustc",
        "shortcode",
        "nodejs",
        "middleware",
        "localhost",
        "webpack",
        "kubectl",
        "stdout",
        "JSON",
        "GitHub",
        "github",
        "JavaScript",
        "PostgreSQL",
        "Kubernetes",
    ] {
        let text = format!("We use the {w} here in the guide.");
        assert!(misspelt(&text).is_empty(), "{w}: {:?}", misspelt(&text));
    }
    // A lowercase entry accepts the capitalised and all-caps forms.
    assert!(misspelt("Kubectl is installed. KUBECTL IS INSTALLED.").is_empty());
}

#[test]
fn common_typos_are_still_flagged() {
    for w in [
        "teh",
        "recieve",
        "wierd",
        "seperate",
        "definately",
        "fucntion",
        "retrun",
        "conifg",
        "fiel",
        "strng",
        "pakage",
        "dependancy",
        "enviroment",
        "compatability",
        "paramter",
    ] {
        let text = format!("We saw the {w} here in the guide.");
        assert_eq!(misspelt(&text), vec![w.to_string()], "{w}");
    }
}

/// The first suggestion for the one flagged word of `text`.
fn first_suggestion(text: &str) -> String {
    let d = linter()
        .check(text, Format::Plain)
        .into_iter()
        .find(|d| d.rule == "spelling")
        .expect("flagged");
    d.fixes
        .first()
        .and_then(|f| f.edits.first())
        .map(|e| e.replacement.clone())
        .unwrap_or_default()
}

#[test]
fn tech_words_are_not_suggested_over_english() {
    // `stuct` is one edit from `struct` and from `stuck`: English first.
    assert_eq!(first_suggestion("We saw the stuct here."), "stuck");
    assert_eq!(first_suggestion("We saw the strng here."), "string");
    // With no English word that near, a technical word is suggested.
    assert_eq!(first_suggestion("We ran kubctl here."), "kubectl");
}
