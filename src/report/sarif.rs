//! SARIF 2.1.0: one log with one run. Rules (with their explanations) are
//! in `tool.driver.rules`; each result has a region (1-based lines, columns
//! in Unicode code points, end column exclusive, byte offsets in the file as
//! stored, BOM included) and its fixes as `artifactChanges`. Inputs that
//! could not be read are tool execution notifications.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{shown, LineIndex, ReportOptions};
use crate::walk::{Checked, InputError, Source};
use copyedit_core::diagnostic::{Diagnostic, Severity};
use copyedit_core::rules::RULES;

/// The `$schema` of the log.
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (with `/`),
/// absolute ones become `file://` URIs; other characters are percent-encoded.
pub fn path_uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut slashed = slashed.as_str();
    while let Some(rest) = slashed.strip_prefix("./") {
        slashed = rest;
    }
    let mut out = String::with_capacity(slashed.len());
    let absolute = slashed.starts_with('/');
    if absolute {
        out.push_str("file://");
    }
    for b in slashed.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn first_paragraph(s: &str) -> String {
    s.split("\n\n")
        .next()
        .unwrap_or(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| &r.meta)
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": first_paragraph(r.explanation) },
                "help": { "text": r.explanation },
                "defaultConfiguration": { "level": level(r.default_severity) },
                "properties": { "fixable": r.fixable },
            })
        })
        .collect()
}

struct Regions<'a> {
    text: &'a str,
    index: LineIndex,
    bom: usize,
}

impl Regions<'_> {
    fn region(&self, span: &std::ops::Range<usize>) -> Value {
        let (start_line, start_column) = self.index.position(self.text, span.start);
        let (end_line, end_column) = self.index.position(self.text, span.end);
        json!({
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
            "byteOffset": span.start + self.bom,
            "byteLength": span.end.saturating_sub(span.start),
        })
    }
}

fn result(d: &Diagnostic, uri: &str, regions: &Regions<'_>) -> Value {
    let location = json!({ "artifactLocation": { "uri": uri } });
    let mut region = regions.region(&d.span);
    if let (Some(obj), Some(snippet)) = (region.as_object_mut(), regions.text.get(d.span.clone())) {
        obj.insert("snippet".into(), json!({ "text": snippet }));
    }
    let mut physical = location;
    if let Some(obj) = physical.as_object_mut() {
        obj.insert("region".into(), region);
    }
    let mut r = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{ "physicalLocation": physical }],
    });
    let Some(obj) = r.as_object_mut() else {
        return r;
    };
    if let Some(i) = RULES.iter().position(|info| info.meta.code == d.rule) {
        obj.insert("ruleIndex".into(), json!(i));
    }
    if !d.fixes.is_empty() {
        let fixes: Vec<Value> = d
            .fixes
            .iter()
            .map(|f| {
                json!({
                    "description": { "text": f.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": f.edits.iter().map(|e| json!({
                            "deletedRegion": regions.region(&e.span),
                            "insertedContent": { "text": e.replacement },
                        })).collect::<Vec<_>>(),
                    }],
                    "properties": { "applicability": f.applicability.as_str() },
                })
            })
            .collect();
        obj.insert("fixes".into(), Value::Array(fixes));
    }
    if let Some(s) = d.suppressed {
        obj.insert(
            "suppressions".into(),
            json!([{ "kind": "inSource", "justification": s.as_str() }]),
        );
    }
    if !d.notes.is_empty() {
        obj.insert("properties".into(), json!({ "notes": d.notes }));
    }
    r
}

/// A SARIF log being made: its results are kept (as JSON values, without
/// the text they come from) until the end, where the log is written.
#[derive(Debug, Default)]
pub(super) struct Stream {
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl Stream {
    /// Add one result.
    pub(super) fn file(&mut self, r: &Result<Checked, InputError>, opts: &ReportOptions) {
        let (sarif_results, notifications) = (&mut self.results, &mut self.notifications);
        match r {
            Ok(c) => {
                let uri = match &c.source {
                    Source::File(p) => path_uri(&p.display().to_string()),
                    Source::Stdin(name) => path_uri(name),
                };
                let regions = Regions {
                    text: &c.text,
                    index: LineIndex::new(&c.text),
                    bom: if c.bom { 3 } else { 0 },
                };
                for d in c.diagnostics.iter().filter(|d| shown(d, opts)) {
                    sarif_results.push(result(d, &uri, &regions));
                }
            }
            Err(e) => notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.path, e.message) },
            })),
        }
    }

    /// Write the log.
    pub(super) fn finish<W: Write>(self, out: &mut W) -> io::Result<()> {
        let Stream {
            results: sarif_results,
            notifications,
        } = self;
        let mut driver = json!({
            "name": "copyedit",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules(),
        });
        let info = option_env!("CARGO_PKG_REPOSITORY")
            .filter(|s| !s.is_empty())
            .or(option_env!("CARGO_PKG_HOMEPAGE").filter(|s| !s.is_empty()));
        if let (Some(obj), Some(uri)) = (driver.as_object_mut(), info) {
            obj.insert("informationUri".into(), json!(uri));
        }
        let log = json!({
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver },
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": notifications.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "results": sarif_results,
            }],
        });
        // `From` keeps the kind of a write error (a closed pipe is not a failure).
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(path_uri("./docs/a b.md"), "docs/a%20b.md");
        assert_eq!(path_uri("/tmp/x#1.md"), "file:///tmp/x%231.md");
        assert_eq!(path_uri("docs\\ü.md"), "docs/%C3%BC.md");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
    }

    #[test]
    fn descriptions() {
        assert_eq!(first_paragraph("One\nline.\n\nTwo."), "One line.");
        assert_eq!(rules().len(), RULES.len());
    }
}
