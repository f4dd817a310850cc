//! Safe fixes never delete Markdown or HTML markup (issue: `repeated-word`
//! and `fragment` judged words across markup, and their deletion then
//! spanned it). Each case is a sentence from the audit; `fix`, Safe and
//! Unsafe, must leave every byte of markup in place.

use copyedit_core::document::{edit_inside, Document};
use copyedit_core::fix::{fix_text, FixOptions};
use copyedit_core::{Format, Linter};

const CASES: &[&str] = &[
    "See the logo ![logo](assets/logo.png) here.\n",
    "Download the [Download](https://example.com/download) page.\n",
    "Press the <kbd>the</kbd> key.\n",
    "Our note <!-- TODO: legal review --> note continues.\n",
    "He should <em>ld</em> have gone.\n",
    "The **the** end, and the *the* start.\n",
    "Visit [the](x) the page, then [teh](y) docs.\n",
    "<p>Press the <kbd>the</kbd> key&nbsp;now.</p>\n",
    "A word&nbsp;word and &amp;amp; here.\n",
    "He should <!-- ld --> ld have gone.\n",
];

#[test]
fn markup_survives_fix() {
    let linter = Linter::default();
    for format in [Format::Markdown, Format::Mdx] {
        for unsafe_fixes in [false, true] {
            for text in CASES {
                let opts = FixOptions {
                    unsafe_fixes,
                    ..FixOptions::default()
                };
                let out = fix_text(&linter, text, format, &opts);
                let ranges = Document::parse(text, format).editable_ranges();
                for c in &out.changes {
                    assert!(
                        edit_inside(&ranges, &c.original),
                        "{format:?} unsafe={unsafe_fixes}: {text:?} -> {:?} changed {:?}",
                        out.text,
                        &text[c.original.clone()]
                    );
                }
                // The tags, comments and link targets are all still there.
                for mark in [
                    "](", "<kbd>", "</kbd>", "<!--", "-->", "<em>", "**", "&nbsp;",
                ] {
                    assert_eq!(
                        text.matches(mark).count(),
                        out.text.matches(mark).count(),
                        "{text:?} -> {:?} lost {mark:?}",
                        out.text
                    );
                }
            }
        }
    }
}

#[test]
fn the_audit_examples_are_left_as_written() {
    let linter = Linter::default();
    for text in &CASES[..5] {
        let out = fix_text(&linter, text, Format::Markdown, &FixOptions::default());
        assert_eq!(&out.text, text);
    }
}

#[test]
fn a_plain_repeat_is_still_fixed_in_markdown() {
    let linter = Linter::default();
    let out = fix_text(
        &linter,
        "We met on the the 11th, and he should ld have come.\n",
        Format::Markdown,
        &FixOptions::default(),
    );
    assert_eq!(out.text, "We met on the 11th, and he should have come.\n");
}
