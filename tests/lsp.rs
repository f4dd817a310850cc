//! `copyedit lsp` driven over standard input and output with JSON-RPC, as
//! an editor drives it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages read while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copyedit"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages: rx,
            pending: VecDeque::new(),
            next_id: 0,
        }
    }

    fn raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.raw(&v.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that satisfies `pred` (others are kept).
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.pending.push_back(m),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
                Err(RecvTimeoutError::Disconnected) => panic!("server gone waiting for {what}"),
            }
        }
    }

    /// Send a request and wait for its response (the whole message).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("the response to {method}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, language: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The diagnostics published for `uri` at `version` (any version when
    /// `None`).
    fn diagnostics(&mut self, uri: &str, version: Option<i32>) -> Vec<Value> {
        let m = self.wait(&format!("diagnostics of {uri} v{version:?}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn shutdown_and_exit(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        wait_exit(&mut self.child)
    }
}

fn wait_exit(child: &mut Child) -> i32 {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A directory that is a repository root (configuration discovery stops
/// there).
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    tmp
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Apply LSP text edits (positions in `enc` units) to a text.
fn apply(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, ch) = (
            pos["line"].as_u64().unwrap() as usize,
            pos["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start..];
        if utf8 {
            return start + ch;
        }
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            if units >= ch {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, t) in edits {
        out.replace_range(a..b, &t);
    }
    out
}

/// The text edits of a code action's workspace edit for `uri`.
fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit["documentChanges"].as_array() {
        return changes
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().unwrap().clone())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

const TEXT: &str = "# Notes\n\n“Quoted” 😀 漢字 teh draft is here.\n\nWe recieve mail.\n";

#[test]
fn diagnostics_positions_hover_and_quick_fixes_in_utf16() {
    let tmp = repo();
    let path = tmp.path().join("notes.md");
    std::fs::write(&path, TEXT).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start(tmp.path());
    let init = c.initialize(json!({}), Value::Null);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    c.open(&uri, "markdown", 1, TEXT);
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(diags.len(), 2, "{diags:?}");
    let teh = &diags[0];
    // “ Quoted ” space 😀(2 units) space 漢 字 space: `teh` at 15.
    assert_eq!(teh["range"]["start"], json!({"line": 2, "character": 15}));
    assert_eq!(teh["range"]["end"], json!({"line": 2, "character": 18}));
    assert_eq!(teh["code"], "spelling");
    assert_eq!(teh["source"], "copyedit");
    assert_eq!(teh["severity"], 1);
    assert_eq!(teh["message"], "unknown word `teh`");

    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 16}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("unknown word `teh`"), "{value}");
    let explanation = copyedit_core::rules::find("spelling")
        .unwrap()
        .meta
        .explanation;
    assert!(
        value.contains(explanation.lines().next().unwrap()),
        "{value}"
    );

    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": teh["range"],
               "context": {"diagnostics": [teh]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "replace with `the`", "{titles:?}");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["kind"], "quickfix");
    assert!(actions[1].get("isPreferred").is_none());
    assert!(titles.contains(&"Ignore `teh` in this file"), "{titles:?}");
    // No configuration: no word file to add to.
    assert!(!titles.iter().any(|t| t.starts_with("Add ")), "{titles:?}");
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.copyedit")
        .expect("fix all");
    assert_eq!(fix_all["title"], "Fix all Safe problems in this file");
    assert_eq!(
        apply(TEXT, &edits_of(fix_all, &uri), false),
        TEXT.replace("teh", "the").replace("recieve", "receive")
    );

    // Apply the preferred fix as the editor would, as an incremental change.
    let edits = edits_of(&actions[0], &uri);
    let fixed = apply(TEXT, &edits, false);
    assert_eq!(fixed, TEXT.replace("teh", "the"));
    c.change(
        &uri,
        2,
        json!([{"range": edits[0]["range"], "text": edits[0]["newText"]}]),
    );
    let diags = c.diagnostics(&uri, Some(2));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["message"], "unknown word `recieve`");

    // Closing clears them.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(c.diagnostics(&uri, None).is_empty());
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn utf8_positions_when_negotiated() {
    let tmp = repo();
    let uri = uri_of(&tmp.path().join("notes.txt"));
    let mut c = Client::start(tmp.path());
    let init = c.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]},
               "workspace": {"workspaceEdit": {"documentChanges": true}}}),
        Value::Null,
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let text = "“Quoted” 😀 漢字 teh draft.\n";
    c.open(&uri, "plaintext", 7, text);
    let diags = c.diagnostics(&uri, Some(7));
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 0, "character": 25})
    );
    // Edits in UTF-8 too: insert after the emoji (bytes 13..17).
    c.change(
        &uri,
        8,
        json!([{"range": {"start": {"line": 0, "character": 17}, "end": {"line": 0, "character": 17}},
                "text": "x"}]),
    );
    let diags = c.diagnostics(&uri, Some(8));
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 0, "character": 26})
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diags[0]["range"],
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let first = &actions["result"][0];
    // Versioned edits, for the version they were made for.
    assert_eq!(
        first["edit"]["documentChanges"][0]["textDocument"]["version"],
        8
    );
    let after = "“Quoted” 😀x 漢字 teh draft.\n";
    assert_eq!(
        apply(after, &edits_of(first, &uri), true),
        after.replace("teh", "the")
    );
    assert!(actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] == "quickfix"));
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn protocol_errors_never_crash() {
    let tmp = repo();
    let mut c = Client::start(tmp.path());
    // Before initialize.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(json!({}), Value::Null);
    // Not JSON: a parse error with a null id; the server reads on.
    c.raw("{this is not json");
    let e = c.wait("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(e["id"], Value::Null);
    let r = c.request("copyedit/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("textDocument/codeAction", json!({"nonsense": 1}));
    assert_eq!(r["error"]["code"], -32602);
    // Requests about unknown documents, changes to them, bad ranges.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null);
    let uri = uri_of(&tmp.path().join("a.md"));
    c.open(&uri, "markdown", 1, "Hello teh world.\n");
    c.diagnostics(&uri, Some(1));
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 0, "character": 999}},
                "text": " Again teh."}]),
    );
    let d = c.diagnostics(&uri, Some(2));
    assert_eq!(d.len(), 2, "{d:?}");
    // Documents in other languages are left alone.
    c.open("file:///x/main.rs", "rust", 1, "fn teh() {}");
    // A document over the size limit is not checked, and says so.
    let big = "word ".repeat((10 << 20) / 5 + 1);
    let big_uri = uri_of(&tmp.path().join("big.txt"));
    c.open(&big_uri, "plaintext", 1, &big);
    let d = c.diagnostics(&big_uri, Some(1));
    assert_eq!(d.len(), 1);
    assert!(d[0]["message"].as_str().unwrap().contains("not checked"));
    // After shutdown, requests are refused; exit ends with 0.
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(wait_exit(&mut c.child), 0);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let tmp = repo();
    let mut c = Client::start(tmp.path());
    c.initialize(json!({}), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(wait_exit(&mut c.child), 1);
}

#[test]
fn a_large_document_does_not_block_requests() {
    let tmp = repo();
    let mut c = Client::start(tmp.path());
    c.initialize(json!({}), Value::Null);
    // About 10 MB, checked in the background.
    let para = "The quick brown fox jumps over the lazy dog, and teh cat watches.\n\n";
    let big = para.repeat(10_000_000 / para.len());
    let uri = uri_of(&tmp.path().join("big.md"));
    c.open(&uri, "markdown", 1, &big);
    let start = Instant::now();
    let r = c.request("copyedit/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn stale_results_are_never_published_over_newer_ones() {
    let tmp = repo();
    let mut c = Client::start(tmp.path());
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let uri = uri_of(&tmp.path().join("a.md"));
    let para = "Some text with teh typo in it.\n\n".repeat(300);
    c.open(&uri, "markdown", 1, &para);
    // Append a paragraph each time (past the last line: clamped to the end).
    for v in 2..=30 {
        let text = if v == 30 {
            "Final teh.\n\n"
        } else {
            "More words here.\n\n"
        };
        c.change(
            &uri,
            v,
            json!([{"range": {"start": {"line": 99999, "character": 0}, "end": {"line": 99999, "character": 0}},
                    "text": text}]),
        );
    }
    let mut last = 0;
    loop {
        let m = c.wait("diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
        });
        let v = m["params"]["version"].as_i64().unwrap();
        assert!(v > last, "version {v} published after {last}");
        last = v;
        if v == 30 {
            let d = m["params"]["diagnostics"].as_array().unwrap();
            assert_eq!(d.len(), 301);
            assert_eq!(
                d[300]["range"]["start"],
                json!({"line": 600 + 2 * 28, "character": 6})
            );
            break;
        }
    }
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn configuration_word_file_and_reload() {
    let tmp = repo();
    let root = tmp.path();
    std::fs::write(root.join("copyedit.toml"), "[rules]\nspelling = \"info\"\n").unwrap();
    let path = root.join("doc.md");
    let text = "We ship zorblax today, and teh rest.\n";
    std::fs::write(&path, text).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start(root);
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
    );
    c.open(&uri, "markdown", 1, text);
    // The client is asked to watch configurations and word files.
    let reg = c.wait("a registration", |m| {
        m["method"] == "client/registerCapability"
    });
    let globs = reg["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(
        globs.contains("**/copyedit.toml") && globs.contains("**/copyedit-words.txt"),
        "{globs}"
    );
    let diags = c.diagnostics(&uri, Some(1));
    let words: Vec<&str> = diags
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(words[0].starts_with("unknown word `zorblax`"), "{words:?}");
    assert_eq!(words[1], "unknown word `teh`");
    assert_eq!(words.len(), 2);
    // The configuration's severity.
    assert_eq!(diags[0]["severity"], 3);

    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": []}}),
    );
    let add = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add `zorblax` to the project's words")
        .expect("add word action")
        .clone();
    let cmd = &add["command"];
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert_eq!(
        std::fs::read_to_string(root.join("copyedit-words.txt")).unwrap(),
        "zorblax\n"
    );
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["message"], "unknown word `teh`");

    // A broken configuration: one diagnostic on it, none from the document.
    std::fs::write(root.join("copyedit.toml"), "[rules]\nspeling = \"off\"\n").unwrap();
    let config_uri = uri_of(&root.join("copyedit.toml"));
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let on_config = c.diagnostics(&config_uri, None);
    assert_eq!(on_config.len(), 1);
    assert_eq!(
        on_config[0]["range"]["start"],
        json!({"line": 1, "character": 0})
    );
    assert!(on_config[0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `spelling`"));
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("not checked"),
        "{diags:?}"
    );

    // Repaired: the configuration's diagnostic is cleared, the document
    // checked again at the new severity.
    std::fs::write(
        root.join("copyedit.toml"),
        "[rules]\nspelling = \"warning\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    assert!(c.diagnostics(&config_uri, None).is_empty());
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["severity"], 2);

    // "Ignore in this file" inserts the directive; applied, the problem goes.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": []}}),
    );
    let ignore = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Ignore `teh` in this file")
        .unwrap()
        .clone();
    let edited = apply(text, &edits_of(&ignore, &uri), false);
    assert_eq!(edited, format!("<!-- copyedit-ignore teh -->\n\n{text}"));
    c.change(&uri, 2, json!([{"text": edited}]));
    assert!(c.diagnostics(&uri, Some(2)).is_empty());
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn initialization_options_govern_files_outside_projects() {
    let tmp = repo();
    let mut c = Client::start(tmp.path());
    c.initialize(
        json!({}),
        json!({"lang": "en-GB", "rules": {"spelling": "warning", "nonsense": "off"}}),
    );
    // The bad entry is reported, the rest applies.
    let m = c.wait("a warning", |m| m["method"] == "window/showMessage");
    assert!(m["params"]["message"]
        .as_str()
        .unwrap()
        .contains("unknown rule `nonsense`"));
    let uri = uri_of(&tmp.path().join("a.txt"));
    c.open(&uri, "plaintext", 1, "The colour of teh sky.\n");
    let d = c.diagnostics(&uri, Some(1));
    assert_eq!(d.len(), 1, "en-GB accepts colour: {d:?}");
    assert_eq!(d[0]["severity"], 2);
    assert_eq!(c.shutdown_and_exit(), 0);
}
