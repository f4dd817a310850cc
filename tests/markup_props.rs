//! Property tests of the Markdown reader over random nests of template tags,
//! HTML, entities, emphasis, asides and shortcodes:
//!
//! - parsing never panics; every piece lies inside the text, on character
//!   boundaries, non-empty, in order through the document; every block holds
//!   prose;
//! - checking never panics, and a Safe fix never changes an entity, a
//!   template tag or an emoji shortcode.

use std::sync::OnceLock;

use copyedit_core::document::PieceKind;
use copyedit_core::fix::{fix_text, FixOptions};
use copyedit_core::{Document, Format, Linter};
use proptest::prelude::*;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::default)
}

/// Fragments that open, close or sit inside the constructs read here.
const FRAGMENTS: &[&str] = &[
    "the",
    "recieve",
    "teh",
    "word",
    "globally",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{% raw %}",
    "{% endraw %}",
    "{% highlight %}",
    "{% endhighlight %}",
    "{{ site.title }}",
    "`",
    "```",
    "<",
    ">",
    "</",
    "<img alt=\"",
    "\" title=\"",
    "\">",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "&nbsp;",
    "&amp;",
    "&#8217;",
    "&eacute;",
    "&",
    ";",
    "**",
    "*",
    "_",
    "~~",
    "\\_",
    ":::",
    ":::note[",
    "]",
    "[",
    "[!NOTE]",
    "> ",
    ":tada:",
    ":",
    "{#id}",
    "{: .x}",
    "{/*",
    "*/}",
    "{",
    "}",
    "![",
    "](a.png \"",
    "\")",
    "| a  | b |\n|---|---|\n",
    "é",
    "’",
    "日本",
    "\r\n",
    "#",
    "## ",
    "- ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

fn check_pieces(text: &str, format: Format) -> Result<(), TestCaseError> {
    let doc = Document::parse(text, format);
    // Pieces increase across the whole document (the fuzz invariant).
    let mut end = 0;
    for block in &doc.blocks {
        prop_assert!(block.pieces.iter().any(|p| p.kind == PieceKind::Prose));
        for p in &block.pieces {
            prop_assert!(p.span.start < p.span.end, "empty piece {:?}", p);
            prop_assert!(p.span.start >= end, "pieces out of order in {:?}", block);
            prop_assert!(text.get(p.span.clone()).is_some(), "bad span {:?}", p);
            end = p.span.end;
        }
    }
    Ok(())
}

/// The entities, template tags and shortcodes of `text` that stand alone.
fn protected(text: &str) -> Vec<&'static str> {
    [
        "&nbsp;",
        "&amp;",
        "&#8217;",
        "&eacute;",
        "{{ site.title }}",
        ":tada:",
    ]
    .into_iter()
    .filter(|s| text.contains(s))
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn pieces_are_exact_and_ordered(t in text()) {
        check_pieces(&t, Format::Markdown)?;
        check_pieces(&t, Format::Mdx)?;
    }

    #[test]
    fn fixes_leave_entities_and_tags_alone(t in text()) {
        for format in [Format::Markdown, Format::Mdx] {
            let out = fix_text(linter(), &t, format, &FixOptions::default());
            for s in protected(&t) {
                prop_assert_eq!(
                    out.text.matches(s).count(),
                    t.matches(s).count(),
                    "{} changed in {:?} -> {:?}", s, t, out.text
                );
            }
        }
    }
}

#[test]
fn nbsp_is_never_spelled() {
    let text = "Some&nbsp;text with&nbsp;non-breaking spaces.\n\n<p>And&nbsp;here&nbsp;too.</p>\n";
    let out = fix_text(linter(), text, Format::Markdown, &FixOptions::default());
    assert_eq!(out.text, text);
    let found = linter().check(text, Format::Markdown);
    assert!(found.is_empty(), "{found:?}");
}
