//! Property tests of the fixer over generated documents: prose with injected
//! typos and spacing slips, fenced and inline code, front matter, quotations,
//! unicode, LF/CRLF/mixed line endings, a BOM, with or without a final
//! newline.
//!
//! - the fixed text differs from the input only inside applied edits;
//! - code blocks and front matter are untouched, no line ending is mixed in;
//! - fixing is idempotent, and `check` afterwards reports nothing with a
//!   Safe fix;
//! - a BOM survives the decode → fix → encode round trip.

use std::sync::OnceLock;

use copyedit_core::decode::{decode, BOM};
use copyedit_core::fix::{apply_edits, chosen_fix, compose, fix_text, Change, FixOptions};
use copyedit_core::Edit;
use copyedit_core::{Format, Linter};
use proptest::prelude::*;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::default)
}

const WORDS: &[&str] = &[
    "the",
    "meeting",
    "was",
    "held",
    "on",
    "report",
    "we",
    "receive",
    "should",
    "have",
    "never",
    "happened",
    "and",
    "a",
    "an",
    "apple",
    "hour",
    "because",
    "people",
    "were",
    "in",
    "of",
    "talks",
    "between",
    "government",
    "officials",
    "said",
    "there",
    "which",
    "would",
    "could",
    "after",
    "before",
    "during",
    "market",
    "steel",
    "conference",
    "morning",
    "is",
    "it",
    "that",
    "The",
    "We",
    "It",
    "Officials",
    "Monday",
];

/// Non-words, known misspellings, fragments and real-word slips.
const TYPOS: &[&str] = &[
    "recieve",
    "teh",
    "shuold",
    "goverment",
    "becuase",
    "peple",
    "wich",
    "meetting",
    "confrence",
    "mornign",
    "alot",
    "ld",
    "th",
    "ere",
    "form",
    "Teh",
    "Recieve",
    "RECIEVE",
    "definately",
    "occured",
    "untill",
    "seperate",
    "wrok",
    "adn",
];

const UNICODE: &[&str] = &[
    "café",
    "naïve",
    "Zürich",
    "über",
    "東京",
    "🙂",
    "résumé",
    "coöperate",
    "Kyiv’s",
    "don’t",
    "€21bn",
    "£18.2bn",
    "11th",
    "2025-04-11",
    "49-year-old",
    "—",
    "…",
    "ß",
    "İstanbul",
];

const PUNCT: &[&str] = &[
    ".", ",", ",,", "..", "!", "?", "!!", ";", ":", " ,", " .", ".,", "...", "“", "”", "\"", "(",
    ")", "[sic]", "’",
];

#[derive(Debug, Clone)]
enum Piece {
    Word(&'static str),
    Typo(&'static str),
    Unicode(&'static str),
    Punct(&'static str),
    Space,
    Spaces(usize),
    Tab,
    Newline(bool),
    BlankLine(bool),
    TrailingSpaces(bool),
    Repeat(&'static str),
    Url,
    InlineCode,
    CodeBlock(bool),
    MissingSpace(&'static str, &'static str),
    /// Markdown or HTML markup wrapped round a word that echoes its
    /// neighbours (`![the](the.png)`, `<kbd>ld</kbd>`): it must survive.
    Markup(usize, &'static str),
}

/// Markup around a word (`{}`): images, links, tags, comments, emphasis,
/// entities. In plain text these are plain characters.
const MARKUP: &[&str] = &[
    "![{}](assets/{}.png)",
    "[{}](https://example.com/{})",
    "<kbd>{}</kbd>",
    "<em>{}</em>",
    "<!-- TODO: {} -->",
    "**{}**",
    "_{}_",
    "{}&nbsp;{}",
    "[{}][ref]",
];

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        12 => prop::sample::select(WORDS).prop_map(Piece::Word),
        3 => prop::sample::select(TYPOS).prop_map(Piece::Typo),
        2 => prop::sample::select(UNICODE).prop_map(Piece::Unicode),
        3 => prop::sample::select(PUNCT).prop_map(Piece::Punct),
        14 => Just(Piece::Space),
        2 => (2usize..5).prop_map(Piece::Spaces),
        1 => Just(Piece::Tab),
        2 => any::<bool>().prop_map(Piece::Newline),
        1 => any::<bool>().prop_map(Piece::BlankLine),
        1 => any::<bool>().prop_map(Piece::TrailingSpaces),
        2 => prop::sample::select(WORDS).prop_map(Piece::Repeat),
        1 => Just(Piece::Url),
        1 => Just(Piece::InlineCode),
        1 => any::<bool>().prop_map(Piece::CodeBlock),
        1 => (prop::sample::select(WORDS), prop::sample::select(WORDS))
            .prop_map(|(a, b)| Piece::MissingSpace(a, b)),
        3 => (0..MARKUP.len(), prop::sample::select([WORDS, TYPOS].concat()))
            .prop_map(|(m, w)| Piece::Markup(m, w)),
    ]
}

/// Line-ending style: LF, CRLF, or mixed (each break picks by its flag).
#[derive(Debug, Clone, Copy)]
enum Eol {
    Lf,
    Crlf,
    Mixed,
}

/// The text of a fenced code block (with its fences); unique per index.
fn code_block(i: usize, eol: &str) -> String {
    format!("```{eol}teh  recieve the the ,, x{i}{eol}  trailing  {eol}```")
}

// `title` and `description` are prose by default; other keys are not.
const FRONT_MATTER: &str = "---\nslug: teh  recieve the the\n---\n";

#[derive(Debug, Clone)]
struct Doc {
    text: String,
    format: Format,
    /// Verbatim regions that must survive: code blocks, front matter.
    protected: Vec<String>,
    had_crlf: bool,
    had_lone_lf: bool,
}

fn render(pieces: &[Piece], eol: Eol, markdown: bool, front: bool, final_nl: bool) -> Doc {
    let nl = |flag: bool| match eol {
        Eol::Lf => "\n",
        Eol::Crlf => "\r\n",
        Eol::Mixed if flag => "\r\n",
        Eol::Mixed => "\n",
    };
    let mut text = String::new();
    let mut protected = Vec::new();
    if markdown && front {
        let fm = FRONT_MATTER.replace('\n', nl(true));
        text.push_str(&fm);
        text.push_str(nl(true));
        protected.push(fm);
    }
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Word(w) | Piece::Typo(w) | Piece::Unicode(w) | Piece::Punct(w) => {
                text.push_str(w)
            }
            Piece::Space => text.push(' '),
            Piece::Spaces(n) => text.push_str(&" ".repeat(*n)),
            Piece::Tab => text.push('\t'),
            Piece::Newline(f) => text.push_str(nl(*f)),
            Piece::BlankLine(f) => {
                text.push_str(nl(*f));
                text.push_str(nl(*f));
            }
            Piece::TrailingSpaces(f) => {
                text.push_str("  ");
                text.push_str(nl(*f));
            }
            Piece::Repeat(w) => {
                text.push_str(w);
                text.push(' ');
                text.push_str(w);
            }
            Piece::Url => text.push_str("https://exmaple.com/teh?q=recieve"),
            Piece::InlineCode if markdown => text.push_str("`teh  recieve`"),
            Piece::InlineCode => text.push_str("teh"),
            Piece::CodeBlock(f) if markdown => {
                let e = nl(*f);
                let block = code_block(i, e);
                text.push_str(e);
                text.push_str(&block);
                text.push_str(e);
                protected.push(block);
            }
            Piece::CodeBlock(f) => text.push_str(nl(*f)),
            Piece::Markup(m, w) => text.push_str(&MARKUP[*m].replace("{}", w)),
            Piece::MissingSpace(a, b) => {
                text.push_str(a);
                text.push('.');
                let mut b = b.to_string();
                if let Some(c) = b.get_mut(0..1) {
                    c.make_ascii_uppercase();
                }
                text.push_str(&b);
            }
        }
    }
    if final_nl {
        text.push_str(nl(false));
    }
    let had_crlf = text.contains("\r\n");
    let had_lone_lf = has_lone_lf(&text);
    Doc {
        text,
        format: if markdown {
            Format::Markdown
        } else {
            Format::Plain
        },
        protected,
        had_crlf,
        had_lone_lf,
    }
}

fn has_lone_lf(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\n' && (i == 0 || b[i - 1] != b'\r'))
}

fn has_lone_cr(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        prop::collection::vec(piece(), 0..80),
        prop_oneof![Just(Eol::Lf), Just(Eol::Crlf), Just(Eol::Mixed)],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(pieces, eol, md, front, final_nl)| render(&pieces, eol, md, front, final_nl))
}

/// Every change lies inside the prose the original document's fixes may
/// edit: markup (tags, comments, link targets, emphasis markers, entities)
/// and code survive `fix` byte for byte.
fn assert_markup_survives(original: &str, format: Format, changes: &[Change]) {
    let doc = copyedit_core::document::Document::parse(original, format);
    let ranges = doc.editable_ranges();
    for c in changes {
        assert!(
            copyedit_core::document::edit_inside(&ranges, &c.original),
            "change {c:?} ({:?}) reaches outside the prose of {original:?}",
            &original[c.original.clone()]
        );
    }
}

/// Everything outside the changes is the original, byte for byte.
fn assert_only_changes_differ(original: &str, fixed: &str, changes: &[Change]) {
    let (o, f) = (original.as_bytes(), fixed.as_bytes());
    let (mut op, mut fp) = (0, 0);
    for c in changes {
        assert!(
            c.original.start >= op && c.fixed.start >= fp,
            "sorted: {changes:?}"
        );
        assert_eq!(
            c.original.start - op,
            c.fixed.start - fp,
            "gap sizes differ before {c:?}"
        );
        assert_eq!(
            o[op..c.original.start],
            f[fp..c.fixed.start],
            "before {c:?}"
        );
        op = c.original.end;
        fp = c.fixed.end;
    }
    assert_eq!(o[op..], f[fp..], "after the last change");
    for c in changes {
        assert!(
            original.is_char_boundary(c.original.start)
                && original.is_char_boundary(c.original.end)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn safe_fix_touches_only_its_edits_and_is_idempotent(d in doc()) {
        let opts = FixOptions::default();
        let out = fix_text(linter(), &d.text, d.format, &opts);
        assert_only_changes_differ(&d.text, &out.text, &out.changes);
        assert_markup_survives(&d.text, d.format, &out.changes);
        prop_assert_eq!(out.changed(), !out.changes.is_empty());
        prop_assert!(out.converged, "no fixpoint after {} passes", out.passes);
        prop_assert!(out.refused.is_empty(), "{:?}", out.refused);
        for block in &d.protected {
            prop_assert!(out.text.contains(block.as_str()), "{block:?} changed");
        }
        if !d.had_crlf {
            prop_assert!(!out.text.contains("\r\n"));
        }
        if !d.had_lone_lf {
            prop_assert!(!has_lone_lf(&out.text), "LF mixed into a CRLF text");
        }
        prop_assert!(!has_lone_cr(&out.text) || has_lone_cr(&d.text));
        // The final line break (or its absence) is kept; only trailing
        // white space before it may go.
        let end = |s: &str| s.trim_end_matches([' ', '\t']).ends_with('\n');
        prop_assert_eq!(end(&d.text), end(&out.text));
        if d.text.ends_with('\n') {
            prop_assert!(out.text.ends_with('\n'));
        }
        // `check` after `fix`: nothing Safe-fixable remains.
        let left: Vec<_> = out
            .remaining
            .iter()
            .filter(|x| chosen_fix(x, false).is_some())
            .collect();
        prop_assert!(left.is_empty(), "still Safe-fixable: {left:?}");
        // A second run changes nothing.
        let again = fix_text(linter(), &out.text, d.format, &opts);
        prop_assert!(!again.changed(), "second run applied {:?}", again.applied);
        prop_assert_eq!(again.text, out.text);
    }

    #[test]
    fn unsafe_fix_touches_only_its_edits(d in doc()) {
        let opts = FixOptions { unsafe_fixes: true, ..FixOptions::default() };
        let out = fix_text(linter(), &d.text, d.format, &opts);
        assert_only_changes_differ(&d.text, &out.text, &out.changes);
        assert_markup_survives(&d.text, d.format, &out.changes);
        prop_assert!(out.passes <= opts.max_passes);
        for block in &d.protected {
            prop_assert!(out.text.contains(block.as_str()), "{block:?} changed");
        }
        if !d.had_crlf {
            prop_assert!(!out.text.contains("\r\n"));
        }
        if !d.had_lone_lf {
            prop_assert!(!has_lone_lf(&out.text), "LF mixed into a CRLF text");
        }
    }

    #[test]
    fn bom_survives_the_round_trip(d in doc()) {
        let mut bytes = BOM.as_bytes().to_vec();
        bytes.extend_from_slice(d.text.as_bytes());
        let decoded = decode(bytes).expect("generated text is valid UTF-8");
        prop_assert!(decoded.bom);
        let out = fix_text(linter(), &decoded.text, d.format, &FixOptions::default());
        let written = format!("{BOM}{}", out.text);
        prop_assert!(written.starts_with(BOM));
        prop_assert!(!out.text.starts_with(BOM));
        assert_only_changes_differ(&d.text, &out.text, &out.changes);
    }
}

/// Random rounds of edits: (position, length, replacement) per edit, as
/// fractions of the text so they fit whatever the text has become.
type Rounds = Vec<Vec<(f64, usize, String)>>;

fn rounds() -> impl Strategy<Value = Rounds> {
    prop::collection::vec(
        prop::collection::vec((0.0..=1.0f64, 0usize..4, "[a-z]{0,4}"), 0..6),
        1..5,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn composed_changes_map_back_to_the_original(text in "[a-z ]{0,40}", rounds in rounds()) {
        let mut current = text.clone();
        let mut changes: Vec<Change> = Vec::new();
        let mut edited = 0;
        for round in rounds {
            // Non-overlapping edits in this round's text.
            let mut edits: Vec<Edit> = Vec::new();
            let mut taken_until = 0usize;
            let mut spans: Vec<(usize, usize, String)> = round
                .into_iter()
                .map(|(f, len, r)| {
                    let start = (f * current.len() as f64) as usize;
                    (start.min(current.len()), len, r)
                })
                .collect();
            spans.sort_by_key(|s| s.0);
            for (start, len, r) in spans {
                if start < taken_until || (start == taken_until && !edits.is_empty()) {
                    continue;
                }
                let end = (start + len).min(current.len());
                edits.push(Edit::replace(start..end, r));
                taken_until = end;
            }
            let next = apply_edits(&current, &edits).expect("valid edits");
            changes = compose(&changes, &edits);
            current = next;
            assert_only_changes_differ(&text, &current, &changes);
            // Changes are no wider than the edits that made them.
            edited += edits.iter().map(|e| e.span.len()).sum::<usize>();
            let claimed: usize = changes.iter().map(|c| c.original.len()).sum();
            prop_assert!(claimed <= edited, "{changes:?} claims {claimed} > {edited}");
        }
    }
}

#[test]
fn generated_documents_exercise_the_fixer() {
    // A fixed sample so a regression in the generator (producing nothing to
    // fix) is noticed.
    let pieces = [
        Piece::Word("We"),
        Piece::Space,
        Piece::Typo("recieve"),
        Piece::Spaces(2),
        Piece::Repeat("the"),
        Piece::Space,
        Piece::Word("report"),
        Piece::Punct(",,"),
        Piece::CodeBlock(true),
        Piece::Word("It"),
        Piece::TrailingSpaces(true),
    ];
    let d = render(&pieces, Eol::Crlf, true, true, false);
    let out = fix_text(linter(), &d.text, d.format, &FixOptions::default());
    assert!(out.applied.len() >= 4, "{:?}", out.applied);
    assert_only_changes_differ(&d.text, &out.text, &out.changes);
    assert!(out.text.contains(&d.protected[0]));
}
