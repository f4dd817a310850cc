//! Language server latency: `cargo bench --bench lsp_latency`.
//!
//! Starts the release `copyedit lsp`, opens a 5,000-word Markdown document
//! (paragraphs of `tests/data/prose/`, with a few typos), then makes
//! `EDITS` single edits in the middle of it (typing a word, some of them
//! misspelt), each after the previous one's diagnostics arrived, and times
//! from sending `didChange` to receiving `publishDiagnostics` for that
//! version: what a writer waits for. Runs with the default debounce
//! (15 ms) and with `debounceMs: 0` (the check alone, plus the protocol).
//! Target: fresh diagnostics within 50 ms after an edit.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const EDITS: usize = 60;
const WORDS: usize = 5_000;

fn document() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/prose/");
    let mut words = Vec::new();
    for name in [
        "literature_alice.txt",
        "sotu_modern.txt",
        "literature_great_gatsby.txt",
    ] {
        let text = std::fs::read_to_string(format!("{dir}{name}")).expect("prose");
        words.extend(text.split_whitespace().map(str::to_string));
    }
    let mut out = String::from("# A long draft\n\n");
    for (i, w) in words.iter().take(WORDS).enumerate() {
        out.push_str(if i % 997 == 500 { "teh" } else { w });
        out.push(if i % 80 == 79 { '\n' } else { ' ' });
        if i % 160 == 159 {
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

fn run(debounce: Option<u64>) -> (Duration, Vec<Duration>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copyedit"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start copyedit lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = channel::<Value>();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = 0;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line.trim().is_empty() {
                    break;
                }
                if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                    len = v.parse().expect("length");
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).expect("body");
            if tx
                .send(serde_json::from_slice(&body).expect("json"))
                .is_err()
            {
                return;
            }
        }
    });
    let mut send = |v: Value| {
        let s = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{s}", s.len()).expect("write");
        stdin.flush().expect("flush");
    };
    let wait_version = |v: i64| loop {
        let m = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("diagnostics");
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == v {
            return m;
        }
    };
    let options = debounce.map_or(Value::Null, |ms| json!({"debounceMs": ms}));
    send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": null, "rootUri": null, "capabilities": {},
                           "initializationOptions": options}}));
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let text = document();
    let lines = text.lines().count();
    let uri = "file:///nonexistent/bench/draft.md";
    let start = Instant::now();
    send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}));
    wait_version(1);
    let cold = start.elapsed();
    let mut times = Vec::new();
    for i in 0..EDITS {
        let version = i as i64 + 2;
        let word = if i % 3 == 0 { "recieve " } else { "word " };
        let at = json!({"line": lines / 2, "character": 0});
        let start = Instant::now();
        send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version},
                               "contentChanges": [{"range": {"start": at, "end": at}, "text": word}]}}));
        wait_version(version);
        times.push(start.elapsed());
    }
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();
    times.sort();
    (cold, times)
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let words = document().split_whitespace().count();
    println!("lsp latency: {words}-word Markdown document, {EDITS} edits, time from didChange to its diagnostics (ms)");
    println!(
        "{:<22} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "debounce", "open", "min", "median", "p95", "max"
    );
    for (label, debounce) in [("default (15 ms)", None), ("0 ms", Some(0))] {
        let (cold, t) = run(debounce);
        let p95 = t[(t.len() * 95 / 100).min(t.len() - 1)];
        println!(
            "{label:<22} {:>8} {:>8} {:>8} {:>8} {:>8}",
            ms(cold),
            ms(t[0]),
            ms(t[t.len() / 2]),
            ms(p95),
            ms(t[t.len() - 1])
        );
    }
}
