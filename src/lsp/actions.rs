//! Code actions: each fix of a problem as a quick fix (the first one
//! preferred), "Add `word` to the project's words", "Ignore `word` in this
//! file", and "Fix all Safe problems in this file".

// Input comes from the client: no unchecked indexing or slicing.
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::collections::{HashMap, HashSet};

use lsp_types as lt;
use serde_json::json;

use super::check::{fix_all, Governed};
use super::{Doc, Server, ADD_WORD, FIX_ALL_KIND};
use copyedit_core::diagnostic::{Applicability, Edit};
use copyedit_core::directives::IGNORE_APPLIES_TO;
use copyedit_core::document::Format;
use copyedit_core::fix::{chosen_fix, validate};
use copyedit_core::rules::spelling;

impl Server {
    pub(super) fn code_actions(&mut self, p: lt::CodeActionParams) -> Vec<lt::CodeActionOrCommand> {
        let key = p.text_document.uri.as_str().to_string();
        let Some(diags) = self.current(&key) else {
            return Vec::new();
        };
        let path = self.docs.get(&key).and_then(|d| d.path.clone());
        let has_config = path.is_some()
            && matches!(
                self.projects.governed(path.as_deref()),
                Governed::Lint {
                    config: Some(_),
                    ..
                }
            );
        let Some(doc) = self.docs.get(&key) else {
            return Vec::new();
        };
        let linter = match self.projects.governed(path.as_deref()) {
            Governed::Lint { linter, .. } => Some(linter),
            _ => None,
        };
        let enc = self.enc;
        let a = doc.index.offset(&doc.text, p.range.start, enc);
        let b = doc.index.offset(&doc.text, p.range.end, enc);
        let wants = |kind: &str| match &p.context.only {
            None => true,
            Some(only) => only.iter().any(|o| {
                let o = o.as_str();
                kind == o || kind.strip_prefix(o).is_some_and(|r| r.starts_with('.'))
            }),
        };
        let mut out = Vec::new();
        let mut words = HashSet::new();
        if wants(lt::CodeActionKind::QUICKFIX.as_str()) {
            for d in diags
                .iter()
                .filter(|d| d.suppressed.is_none() && d.span.start <= b && d.span.end >= a)
            {
                let range = doc.index.range(&doc.text, d.span.clone(), enc);
                let ld = self.lsp_diagnostic(d, range);
                for (i, f) in d.fixes.iter().enumerate() {
                    let Ok(edits) = validate(&doc.text, f) else {
                        continue;
                    };
                    out.push(self.action(
                        doc,
                        f.title.clone(),
                        lt::CodeActionKind::QUICKFIX,
                        Some(&ld),
                        edits,
                        i == 0,
                    ));
                }
                if !IGNORE_APPLIES_TO.contains(&d.rule) {
                    continue;
                }
                let Some(word) = doc.text.get(d.span.clone()) else {
                    continue;
                };
                if !crate::word_file::is_word(word) || !words.insert(word.to_string()) {
                    continue;
                }
                if has_config && d.rule == spelling::META.code {
                    out.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                        title: format!("Add `{word}` to the project's words"),
                        kind: Some(lt::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![ld.clone()]),
                        command: Some(lt::Command {
                            title: format!("Add `{word}` to the project's words"),
                            command: ADD_WORD.into(),
                            arguments: Some(vec![json!(doc.uri.as_str()), json!(word)]),
                        }),
                        ..Default::default()
                    }));
                }
                out.push(self.action(
                    doc,
                    format!("Ignore `{word}` in this file"),
                    lt::CodeActionKind::QUICKFIX,
                    Some(&ld),
                    vec![ignore_edit(&doc.text, doc.format, word)],
                    false,
                ));
            }
        }
        let any_safe = diags
            .iter()
            .any(|d| chosen_fix(d, false).is_some_and(|f| f.applicability == Applicability::Safe));
        if wants(FIX_ALL_KIND) && any_safe {
            if let Some(outcome) = linter
                .as_ref()
                .and_then(|l| fix_all(l, &doc.text, doc.format, &doc.name()))
            {
                let edits = outcome
                    .changes
                    .iter()
                    .map(|c| Edit {
                        span: c.original.clone(),
                        replacement: outcome.text.get(c.fixed.clone()).unwrap_or("").to_string(),
                    })
                    .collect();
                out.push(self.action(
                    doc,
                    "Fix all Safe problems in this file".into(),
                    lt::CodeActionKind::from(FIX_ALL_KIND),
                    None,
                    edits,
                    false,
                ));
            }
        }
        out
    }

    fn action(
        &self,
        doc: &Doc,
        title: String,
        kind: lt::CodeActionKind,
        diagnostic: Option<&lt::Diagnostic>,
        edits: Vec<Edit>,
        preferred: bool,
    ) -> lt::CodeActionOrCommand {
        let edits: Vec<lt::TextEdit> = edits
            .into_iter()
            .map(|e| lt::TextEdit {
                range: doc.index.range(&doc.text, e.span, self.enc),
                new_text: e.replacement,
            })
            .collect();
        let edit = if self.client.document_changes {
            lt::WorkspaceEdit {
                document_changes: Some(lt::DocumentChanges::Edits(vec![lt::TextDocumentEdit {
                    text_document: lt::OptionalVersionedTextDocumentIdentifier {
                        uri: doc.uri.clone(),
                        version: Some(doc.version),
                    },
                    edits: edits.into_iter().map(lt::OneOf::Left).collect(),
                }])),
                ..Default::default()
            }
        } else {
            lt::WorkspaceEdit {
                changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
                ..Default::default()
            }
        };
        lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
            title,
            kind: Some(kind),
            diagnostics: diagnostic.map(|d| vec![d.clone()]),
            edit: Some(edit),
            is_preferred: preferred.then_some(true),
            ..Default::default()
        })
    }
}

/// Insert a `copyedit-ignore` directive for `word` at the top of the text
/// (after front matter), in a paragraph of its own.
fn ignore_edit(text: &str, format: Format, word: &str) -> Edit {
    let at = if format.is_markdown() {
        front_matter_end(text)
    } else {
        0
    };
    let directive = match format {
        Format::Mdx => format!("{{/* copyedit-ignore {word} */}}"),
        _ => format!("<!-- copyedit-ignore {word} -->"),
    };
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Edit::insert(at, format!("{directive}{eol}{eol}"))
}

/// The byte after the front matter (`---` … `---`/`...`, or `+++` …
/// `+++`), or 0.
fn front_matter_end(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n');
    let close: &[&str] = match lines.next().map(|l| l.trim_end()) {
        Some("---") => &["---", "..."],
        Some("+++") => &["+++"],
        _ => return 0,
    };
    let mut at = text.split_inclusive('\n').next().map_or(0, str::len);
    for line in lines {
        at += line.len();
        if close.contains(&line.trim_end()) {
            return at;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_goes_after_front_matter() {
        let text = "---\ntitle: x\n---\nHello teh.\n";
        let e = ignore_edit(text, Format::Markdown, "teh");
        assert_eq!(e.span, 17..17);
        assert_eq!(e.replacement, "<!-- copyedit-ignore teh -->\n\n");
        assert_eq!(
            ignore_edit("Hi\r\n", Format::Plain, "x").replacement,
            "<!-- copyedit-ignore x -->\r\n\r\n"
        );
        assert_eq!(
            ignore_edit("Hi", Format::Mdx, "x").replacement,
            "{/* copyedit-ignore x */}\n\n"
        );
        assert_eq!(front_matter_end("---\nno end\n"), 0);
        assert_eq!(front_matter_end("+++\na = 1\n+++\nx"), 14);
    }
}
