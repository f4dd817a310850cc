//! The properties the fuzz targets check, one function per target.
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and by the
//! regression test `tests/fuzz_regressions.rs`, which replays the committed
//! seeds and crash inputs through the same functions. Each function takes
//! raw bytes and panics (with a message saying which property broke) when
//! copyedit misbehaves; copyedit itself must never panic on any input.

#![allow(dead_code)] // each fuzz target uses one function

use std::ops::Range;
use std::sync::LazyLock;

use codespan_reporting::term::termcolor::NoColor;
use copyedit::report::{report, OutputFormat, ReportOptions};
use copyedit::walk::{Checked, InputError, Source};
use copyedit_core::decode::{decode, DecodeError, BOM};
use copyedit_core::document::{Document, Format, PieceKind};
use copyedit_core::fix::{apply_edits, fix_text, validate, EditError, EditSet, FixOptions};
use copyedit_core::tokenize::{tokenize, tokenize_str, Token, TokenKind};
use copyedit_core::{Applicability, Edit, Fix, Lang, Linter};

/// Linters are costly to build (the dictionaries); build each once.
static LINTER_US: LazyLock<Linter> = LazyLock::new(Linter::default);
static LINTER_GB: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(copyedit_core::linter::Config {
        lang: Lang::EnGb,
        ..Default::default()
    })
});

/// The longest text the costly targets (check, fix) look at; longer inputs
/// are cut at a character boundary. Keeps executions fast; size limits are
/// covered by `tests/hostile.rs`.
const MAX_TEXT: usize = 16 * 1024;

/// Text for the targets that want a string whatever the bytes: valid UTF-8
/// as is, anything else lossily converted.
fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn truncate(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Assert that `span` is a non-reversed range inside `text` whose ends are
/// character boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
}

fn formats() -> [Format; 3] {
    [Format::Plain, Format::Markdown, Format::Mdx]
}

// ---------------------------------------------------------------- tokenize

/// Tokenizer: `tokenize_str` covers the text exactly with non-empty tokens
/// in order; `tokenize` over a parsed document gives in-bounds, ordered,
/// non-overlapping tokens inside their blocks, each prose piece covered
/// exactly.
pub fn tokenize_target(data: &[u8]) {
    let text = text_of(data);
    let tokens = tokenize_str(&text);
    let mut pos = 0;
    for t in &tokens {
        assert_span(&text, &t.span, "tokenize_str token");
        assert_eq!(t.span.start, pos, "tokenize_str: gap or overlap at {pos}");
        assert!(!t.span.is_empty(), "tokenize_str: empty token at {pos}");
        check_flags(t);
        pos = t.span.end;
    }
    assert_eq!(
        pos,
        text.len(),
        "tokenize_str: tokens stop short of the end"
    );

    for format in formats() {
        let doc = Document::parse(&text, format);
        check_pieces(&doc);
        let toks = tokenize(&doc);
        assert_eq!(
            toks.blocks.len(),
            doc.blocks.len(),
            "{format:?}: one token range per block"
        );
        let mut next_token = 0;
        let mut last_end = 0;
        for (block, range) in doc.blocks.iter().zip(&toks.blocks) {
            assert_eq!(range.start, next_token, "{format:?}: block token ranges");
            assert!(range.end <= toks.tokens.len(), "{format:?}: block range");
            next_token = range.end;
            let block_tokens = toks.tokens.get(range.clone()).unwrap_or(&[]);
            let mut i = 0;
            for piece in &block.pieces {
                match piece.kind {
                    PieceKind::Opaque => {
                        let t = block_tokens.get(i).expect("a token per opaque piece");
                        assert_eq!(t.kind, TokenKind::Opaque);
                        assert_eq!(t.span, piece.span, "{format:?}: opaque token");
                        i += 1;
                    }
                    PieceKind::Prose => {
                        let mut at = piece.span.start;
                        while at < piece.span.end {
                            let t = block_tokens.get(i).unwrap_or_else(|| {
                                panic!("{format:?}: prose piece {:?} not covered", piece.span)
                            });
                            assert_eq!(t.span.start, at, "{format:?}: prose token gap");
                            assert!(
                                t.span.end > at && t.span.end <= piece.span.end,
                                "{format:?}: token {:?} leaves its piece {:?}",
                                t.span,
                                piece.span
                            );
                            at = t.span.end;
                            i += 1;
                        }
                    }
                }
            }
            assert_eq!(
                i,
                block_tokens.len(),
                "{format:?}: tokens outside the pieces"
            );
            for t in block_tokens {
                assert_span(&text, &t.span, "token");
                assert!(t.span.start >= last_end, "{format:?}: tokens out of order");
                last_end = t.span.end;
                check_flags(t);
            }
        }
        assert_eq!(
            next_token,
            toks.tokens.len(),
            "{format:?}: tokens outside blocks"
        );
    }
}

fn check_flags(t: &Token) {
    if t.is_sentence_start() || t.is_hyphenated() {
        assert_eq!(t.kind, TokenKind::Word, "only words carry word flags");
    }
}

// ---------------------------------------------------------------- markdown

/// Markdown (and plain) prose extraction: pieces in bounds, on character
/// boundaries, non-empty, non-overlapping and increasing across the whole
/// document; blocks have at least one prose piece.
pub fn markdown_target(data: &[u8]) {
    let text = text_of(data);
    for format in formats() {
        check_pieces(&Document::parse(&text, format));
    }
}

fn check_pieces(doc: &Document<'_>) {
    let mut last_end = 0;
    for block in &doc.blocks {
        assert!(
            block.pieces.iter().any(|p| p.kind == PieceKind::Prose),
            "{:?}: a block without prose",
            doc.format
        );
        for p in &block.pieces {
            assert_span(doc.text, &p.span, "piece");
            assert!(!p.span.is_empty(), "{:?}: empty piece", doc.format);
            assert!(
                p.span.start >= last_end,
                "{:?}: piece {:?} overlaps or precedes the one ending at {last_end}",
                doc.format,
                p.span
            );
            last_end = p.span.end;
        }
        assert_span(doc.text, &block.span(), "block");
    }
}

// ---------------------------------------------------------------- check

/// The whole pipeline on arbitrary bytes: decoding reports the right error
/// (or the right text), and checking either the decoded text or a lossy
/// version of the bytes gives sorted diagnostics whose spans and fix edits
/// are in bounds and on character boundaries, and which every reporter can
/// print.
pub fn check_target(data: &[u8]) {
    let data = data.get(..MAX_TEXT).unwrap_or(data);
    let text = match decode(data.to_vec()) {
        Ok(d) => {
            let expected = if d.bom {
                data.get(BOM.len()..).unwrap_or(&[])
            } else {
                data
            };
            assert_eq!(d.text.as_bytes(), expected, "decode changed the text");
            assert_eq!(d.bom, data.starts_with(BOM.as_bytes()));
            d.text
        }
        Err(e) => {
            match e {
                DecodeError::Binary { offset } => {
                    assert_eq!(data.get(offset), Some(&0), "NUL offset");
                    assert!(!data.get(..offset).unwrap_or(&[]).contains(&0));
                }
                DecodeError::Utf16(_) => {
                    assert!(data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]))
                }
                DecodeError::Utf32(_) => assert!(
                    data.starts_with(&[0xFF, 0xFE, 0, 0]) || data.starts_with(&[0, 0, 0xFE, 0xFF])
                ),
                DecodeError::InvalidUtf8 { offset, line } => {
                    let valid = std::str::from_utf8(data).err().map(|e| e.valid_up_to());
                    assert_eq!(Some(offset), valid, "invalid UTF-8 offset");
                    let nl = data
                        .get(..offset)
                        .unwrap_or(&[])
                        .iter()
                        .filter(|&&b| b == b'\n');
                    assert_eq!(line, 1 + nl.count(), "invalid UTF-8 line");
                }
            }
            assert!(!e.to_string().is_empty());
            text_of(data).replace('\0', " ")
        }
    };
    let text = truncate(&text, MAX_TEXT);
    // Alternate the language by a byte of the input so both are exercised.
    let linter = if data.first().is_some_and(|b| b & 1 == 1) {
        &*LINTER_GB
    } else {
        &*LINTER_US
    };
    for (format, name) in [
        (Format::Plain, "in.txt"),
        (Format::Markdown, "in.md"),
        (Format::Mdx, "in.mdx"),
    ] {
        let diags = linter.check(text, format);
        let mut prev: Option<Range<usize>> = None;
        for d in &diags {
            assert_span(text, &d.span, d.rule);
            assert!(!d.message.is_empty(), "{}: empty message", d.rule);
            if let Some(p) = &prev {
                assert!(
                    (p.start, p.end) <= (d.span.start, d.span.end),
                    "diagnostics not sorted"
                );
            }
            prev = Some(d.span.clone());
            for f in &d.fixes {
                for e in &f.edits {
                    assert_span(text, &e.span, d.rule);
                }
                // A fix's own edits must not overlap each other.
                match validate(text, f) {
                    Ok(_) | Err(EditError::NoOp) | Err(EditError::SplitsCrlf(_)) => {}
                    Err(err) => panic!("{}: invalid fix {f:?}: {err}", d.rule),
                }
            }
        }
        let results = vec![
            Ok(Checked {
                source: Source::Stdin(name.to_string()),
                text: text.to_string(),
                bom: false,
                diagnostics: diags,
                skipped: None,
                capped: false,
            }),
            Err(InputError {
                path: "other".to_string(),
                message: "an error".to_string(),
            }),
        ];
        for format in [
            OutputFormat::Human,
            OutputFormat::Concise,
            OutputFormat::Json,
        ] {
            let opts = ReportOptions {
                format,
                show_suppressed: true,
                warnings: Vec::new(),
            };
            let mut out = NoColor::new(Vec::new());
            let mut err = Vec::new();
            report(&mut out, &mut err, &results, &opts).expect("writing to memory");
            if format == OutputFormat::Json {
                let s = String::from_utf8(out.into_inner()).expect("JSON is UTF-8");
                assert!(
                    s.starts_with('{') && s.trim_end().ends_with('}'),
                    "JSON: {s}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------- fix

/// Decode a fix-target input: byte 0 holds options, then the text up to a
/// NUL byte, then edits (start: u16, end: u16, replacement length: u8 % 8,
/// replacement bytes).
fn fix_input(data: &[u8]) -> (u8, String, Vec<Edit>) {
    let (&flags, rest) = data.split_first().unwrap_or((&0, &[]));
    let (text, mut specs) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (
            rest.get(..i).unwrap_or(&[]),
            rest.get(i + 1..).unwrap_or(&[]),
        ),
        None => (rest, &[][..]),
    };
    let text = text_of(text);
    let len = text.len() + 1;
    let mut edits = Vec::new();
    while let [a, b, c, d, n, tail @ ..] = specs {
        let start = usize::from(u16::from_le_bytes([*a, *b])) % len;
        let end = usize::from(u16::from_le_bytes([*c, *d])) % len;
        let n = usize::from(*n % 8).min(tail.len());
        let (repl, tail) = tail.split_at(n);
        edits.push(Edit::replace(start..end, text_of(repl)));
        specs = tail;
    }
    (flags, text, edits)
}

/// Fix application. On arbitrary edits, `apply_edits` either refuses with a
/// true reason or returns the text with exactly those edits spliced in;
/// `EditSet` keeps its edits apart. On the fixer, `fix_text`: outside its
/// reported changes the output equals the input, and once converged, fixing
/// the output again changes nothing.
pub fn fix_target(data: &[u8]) {
    let (flags, text, edits) = fix_input(data);
    check_apply_edits(&text, &edits);
    check_edit_set(&text, &edits);

    let text = truncate(&text, 2048);
    let format = match (flags & 1 != 0, flags & 4 != 0) {
        (false, _) => Format::Plain,
        (true, false) => Format::Markdown,
        (true, true) => Format::Mdx,
    };
    let opts = FixOptions {
        unsafe_fixes: flags & 2 != 0,
        ..FixOptions::default()
    };
    let linter = &*LINTER_US;
    let out = fix_text(linter, text, format, &opts);
    check_changes(text, &out.text, &out.changes);
    // Markup survives: every change lies inside prose the fixes may edit,
    // never in a tag, comment, link target, emphasis marker or code.
    let editable = Document::parse(text, format).editable_ranges();
    for c in &out.changes {
        assert!(
            copyedit_core::document::edit_inside(&editable, &c.original),
            "a fix changed {:?} outside the prose of the document",
            text.get(c.original.clone())
        );
    }
    assert_eq!(out.changed(), out.text != text, "changed() disagrees");
    for d in &out.remaining {
        assert_span(&out.text, &d.span, d.rule);
    }
    if out.converged {
        let again = fix_text(linter, &out.text, format, &opts);
        assert!(
            !again.changed(),
            "a second fix run changed the converged output {:?} into {:?} ({:?})",
            out.text,
            again.text,
            again.applied
        );
    }
}

fn check_apply_edits(text: &str, edits: &[Edit]) {
    let result = apply_edits(text, edits);
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    match result {
        Ok(out) => {
            let fix = Fix {
                title: String::new(),
                edits: edits.to_vec(),
                applicability: Applicability::Safe,
            };
            let applied = match validate(text, &fix) {
                Ok(applied) => applied,
                Err(EditError::NoOp) => {
                    assert_eq!(out, text, "a no-op changed the text");
                    return;
                }
                Err(e) => panic!("apply_edits accepted what validate refuses: {e}"),
            };
            // Outside the edits, the output is the input, piece by piece.
            let mut pos_in = 0;
            let mut pos_out = 0;
            for e in &applied {
                let kept = &text[pos_in..e.span.start];
                assert_eq!(
                    out.get(pos_out..pos_out + kept.len()),
                    Some(kept),
                    "kept text"
                );
                pos_out += kept.len();
                assert_eq!(
                    out.get(pos_out..pos_out + e.replacement.len()),
                    Some(e.replacement.as_str()),
                    "replacement"
                );
                pos_out += e.replacement.len();
                pos_in = e.span.end;
            }
            assert_eq!(out.get(pos_out..), text.get(pos_in..), "tail");
            // Replacements only gain the text's own line endings.
            for (e, a) in sorted.iter().zip(&applied) {
                let norm = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
                assert_eq!(norm(&e.replacement), norm(&a.replacement));
            }
        }
        Err(EditError::OutOfBounds { start, end, len }) => {
            assert!(start > end || end > len, "bogus out-of-bounds refusal");
            assert_eq!(len, text.len());
        }
        Err(EditError::NotCharBoundary(at)) => assert!(!text.is_char_boundary(at)),
        Err(EditError::SplitsCrlf(at)) => {
            assert_eq!(text.get(at - 1..at + 1), Some("\r\n"), "bogus CRLF refusal")
        }
        Err(EditError::Overlap(a, b)) => {
            assert!(
                a.end > b.start && a.start <= b.start,
                "bogus overlap refusal"
            )
        }
        Err(e @ (EditError::NoOp | EditError::Conflict)) => {
            panic!("apply_edits returned {e:?}")
        }
    }
}

fn check_edit_set(text: &str, edits: &[Edit]) {
    for strict in [true, false] {
        let mut set = if strict {
            EditSet::new(text)
        } else {
            EditSet::touching_allowed(text)
        };
        for e in edits {
            let fix = Fix::new("t", e.clone(), Applicability::Safe);
            let conflicts = set.conflicts(&e.span);
            match set.try_add(&fix) {
                Ok(_) => assert!(!conflicts, "accepted a conflicting edit"),
                Err(EditError::Conflict) => assert!(conflicts),
                Err(_) => {}
            }
        }
        let accepted = set.edits();
        for pair in accepted.windows(2) {
            let (a, b) = (&pair[0].span, &pair[1].span);
            if strict {
                assert!(a.end < b.start, "strict set: {a:?} touches {b:?}");
            } else {
                assert!(
                    a.end <= b.start && !(a.is_empty() && b.is_empty() && a.start == b.start),
                    "set: {a:?} overlaps {b:?}"
                );
            }
        }
        let out = set.apply();
        assert_eq!(Ok(out), apply_edits(text, &accepted), "EditSet::apply");
    }
}

/// Outside `changes` (sorted, disjoint), `fixed` is byte for byte `original`.
fn check_changes(original: &str, fixed: &str, changes: &[copyedit_core::fix::Change]) {
    let mut o = 0;
    let mut f = 0;
    for c in changes {
        assert!(
            c.original.start >= o && c.fixed.start >= f,
            "changes out of order"
        );
        assert!(c.original.start <= c.original.end && c.fixed.start <= c.fixed.end);
        let kept = original.get(o..c.original.start);
        assert!(
            kept.is_some(),
            "change {:?} outside the original",
            c.original
        );
        assert_eq!(
            kept,
            fixed.get(f..c.fixed.start),
            "text between changes differs"
        );
        assert_eq!(
            c.original.start - o,
            c.fixed.start - f,
            "unchanged stretch has a different length"
        );
        o = c.original.end;
        f = c.fixed.end;
    }
    assert!(
        original.get(o..).is_some() && fixed.get(f..).is_some(),
        "last change"
    );
    assert_eq!(
        original.get(o..),
        fixed.get(f..),
        "text after the last change differs"
    );
}
