//! The linter's limits, through its public API.

use copyedit_core::{Config, Format, Linter};

#[test]
fn a_text_holds_at_most_max_problems() {
    // Every word a problem: misspellings, repeated words, double spaces.
    let text = "teh teh  teh. ".repeat(400);
    let unlimited = Linter::default().check(&text, Format::Plain);
    assert!(unlimited.len() > 1_000, "{}", unlimited.len());
    let linter = Linter::new(Config {
        max_problems: Some(100),
        ..Config::default()
    });
    let capped = linter.check(&text, Format::Plain);
    assert!(capped.len() <= 100, "{}", capped.len());
    assert!(capped.len() >= 90, "{}", capped.len());
    // The problems kept are the first ones found, in the text's order.
    assert!(capped
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start));
    assert_eq!(capped[0].span, unlimited[0].span);
    // A text with fewer problems than the limit is checked as without one.
    let short = "We recieve teh mail.";
    assert_eq!(
        linter.check(short, Format::Plain),
        Linter::default().check(short, Format::Plain)
    );
}
