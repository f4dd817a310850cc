//! `copyedit lsp`: a language server over standard input and output.
//!
//! Built on the library core (the linter, fixes, configuration discovery),
//! with `lsp-server`'s message types and `lsp-types`' protocol types; no
//! async runtime. Threads: a reader and a writer ([`transport`]), the main
//! loop (documents, requests, debounce), and one checking thread
//! ([`check::spawn_worker`]). A check's result is published only if the
//! document is still at the version checked, so a stale result never
//! replaces a newer one. See ARCHITECTURE.md ("Language server").

// Input comes from the client: no unchecked indexing or slicing.
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

mod actions;
pub mod check;
pub mod text;
pub mod transport;

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{select, unbounded, Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use serde_json::{json, Value};

use check::{Defaults, Done, Governed, Job, Projects, MAX_DOCUMENT};
use copyedit_core::diagnostic::{Diagnostic, Severity};
use copyedit_core::document::Format;
use copyedit_core::linter::RuleLevel;
use text::{path_to_uri, uri_to_path, Encoding, LineIndex, Positions};
use transport::{Out, Transport};

/// The command behind "Add `word` to the project's words": arguments
/// `[uri, word]`.
pub const ADD_WORD: &str = "copyedit.addWord";

/// The code action kind of "Fix all Safe problems in this file".
pub const FIX_ALL_KIND: &str = "source.fixAll.copyedit";

/// The default wait after an edit before checking.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(15);

/// Serve over standard input and output until `exit`; returns the exit
/// code (0 after `shutdown`, 1 otherwise).
pub fn run_stdio() -> u8 {
    match Transport::stdio() {
        Ok(t) => serve(t),
        Err(_) => 1,
    }
}

/// Serve over a transport until `exit` or the end of input.
pub fn serve(transport: Transport) -> u8 {
    let (job_tx, job_rx) = unbounded();
    let (done_tx, done_rx) = unbounded();
    if check::spawn_worker(job_rx, done_tx).is_err() {
        return 1;
    }
    let mut server = Server::new(transport.outgoing.clone(), job_tx);
    let code = server.run(&transport.incoming, &done_rx);
    drop(server);
    transport.finish();
    code
}

/// One open document.
struct Doc {
    uri: lt::Uri,
    text: String,
    version: i32,
    format: Format,
    path: Option<PathBuf>,
    index: LineIndex,
    /// When to check it next (after the debounce), if an edit is pending.
    due: Option<Instant>,
    /// The last check, with the version it was made for.
    last: Option<(i32, Arc<Vec<Diagnostic>>)>,
}

impl Doc {
    /// The name checks see (a path's locale folders matter).
    fn name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => self.uri.as_str().to_string(),
        }
    }

    /// The current check, if it is for the current version.
    fn fresh(&self) -> Option<Arc<Vec<Diagnostic>>> {
        self.last
            .as_ref()
            .filter(|(v, _)| *v == self.version)
            .map(|(_, d)| Arc::clone(d))
    }
}

/// What the client can do.
#[derive(Debug, Clone, Copy, Default)]
struct Client {
    /// Versioned `documentChanges` in workspace edits.
    document_changes: bool,
    /// `client/registerCapability` for file watchers.
    watch_registration: bool,
}

enum State {
    Uninitialized,
    Running,
    ShutDown,
}

struct Server {
    out: Sender<Out>,
    jobs: Sender<Job>,
    state: State,
    enc: Encoding,
    client: Client,
    debounce: Duration,
    rule_docs: Option<String>,
    projects: Projects,
    docs: HashMap<String, Doc>,
    /// Configuration files with an error published on them.
    broken: HashSet<PathBuf>,
    /// Files the client watches for us (besides configurations).
    watched: HashSet<PathBuf>,
    /// Configuration files are watched (registered once).
    watching_configs: bool,
    /// Incremented when configurations are read again: a check made
    /// before is not published.
    generation: u64,
    next_id: i32,
}

/// Whether the main loop goes on.
enum Flow {
    Continue,
    Exit(u8),
}

impl Server {
    fn new(out: Sender<Out>, jobs: Sender<Job>) -> Self {
        Server {
            out,
            jobs,
            state: State::Uninitialized,
            enc: Encoding::Utf16,
            client: Client::default(),
            debounce: DEFAULT_DEBOUNCE,
            rule_docs: None,
            projects: Projects::new(Defaults::default()),
            docs: HashMap::new(),
            broken: HashSet::new(),
            watched: HashSet::new(),
            watching_configs: false,
            generation: 0,
            next_id: 0,
        }
    }

    fn run(&mut self, incoming: &Receiver<Message>, done: &Receiver<Done>) -> u8 {
        loop {
            let wait = self
                .docs
                .values()
                .filter_map(|d| d.due)
                .min()
                .map(|due| due.saturating_duration_since(Instant::now()))
                .unwrap_or(Duration::from_secs(3600));
            select! {
                recv(incoming) -> msg => match msg {
                    Ok(msg) => {
                        if let Flow::Exit(code) = self.handle(msg) {
                            return code;
                        }
                    }
                    // End of input without `exit`.
                    Err(_) => return if matches!(self.state, State::ShutDown) { 0 } else { 1 },
                },
                recv(done) -> d => {
                    if let Ok(d) = d {
                        self.finished(d);
                    }
                }
                default(wait) => {}
            }
            self.dispatch();
        }
    }

    fn send(&self, msg: impl Into<Message>) {
        let _ = self.out.send(Out::Msg(msg.into()));
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }

    fn request(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_id += 1;
        let id = RequestId::from(format!("copyedit-{}", self.next_id));
        self.send(Request::new(id, method.to_string(), params));
    }

    fn show(&self, typ: lt::MessageType, message: String) {
        self.notify("window/showMessage", lt::ShowMessageParams { typ, message });
    }

    fn handle(&mut self, msg: Message) -> Flow {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                match self.state {
                    State::Uninitialized if req.method != "initialize" => {
                        self.send(Response::new_err(
                            id,
                            ErrorCode::ServerNotInitialized as i32,
                            "the server is not initialized".into(),
                        ));
                    }
                    State::ShutDown => {
                        self.send(Response::new_err(
                            id,
                            ErrorCode::InvalidRequest as i32,
                            "the server is shut down".into(),
                        ));
                    }
                    _ => {
                        let response = catch_unwind(AssertUnwindSafe(|| self.on_request(req)))
                            .unwrap_or_else(|_| {
                                Err((ErrorCode::InternalError, "internal error".into()))
                            });
                        self.send(match response {
                            Ok(v) => Response::new_ok(id, v),
                            Err((code, message)) => Response::new_err(id, code as i32, message),
                        });
                    }
                }
                Flow::Continue
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Flow::Exit(if matches!(self.state, State::ShutDown) {
                        0
                    } else {
                        1
                    });
                }
                if matches!(self.state, State::Running) {
                    let _ = catch_unwind(AssertUnwindSafe(|| self.on_notification(n)));
                }
                Flow::Continue
            }
            // Answers to our registrations: nothing to do.
            Message::Response(_) => Flow::Continue,
        }
    }

    fn on_request(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
        }
        match req.method.as_str() {
            "initialize" => {
                if !matches!(self.state, State::Uninitialized) {
                    return Err((ErrorCode::InvalidRequest, "already initialized".into()));
                }
                let p: lt::InitializeParams = params(req)?;
                Ok(self.initialize(p))
            }
            "shutdown" => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            "textDocument/hover" => {
                let p: lt::HoverParams = params(req)?;
                Ok(self.hover(p).map_or(Value::Null, |h| json!(h)))
            }
            "textDocument/codeAction" => {
                let p: lt::CodeActionParams = params(req)?;
                Ok(json!(self.code_actions(p)))
            }
            "workspace/executeCommand" => {
                let p: lt::ExecuteCommandParams = params(req)?;
                self.execute(p)
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("unknown request `{other}`"),
            )),
        }
    }

    fn initialize(&mut self, p: lt::InitializeParams) -> Value {
        let caps = &p.capabilities;
        let encodings = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        let (enc, kind) = if encodings.contains(&lt::PositionEncodingKind::UTF8) {
            (Encoding::Utf8, lt::PositionEncodingKind::UTF8)
        } else {
            (Encoding::Utf16, lt::PositionEncodingKind::UTF16)
        };
        self.enc = enc;
        let workspace = caps.workspace.as_ref();
        self.client = Client {
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_registration: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        };
        let (defaults, problems) = self.options(p.initialization_options.as_ref());
        self.projects = Projects::new(defaults);
        self.state = State::Running;
        if !problems.is_empty() {
            self.show(
                lt::MessageType::WARNING,
                format!(
                    "copyedit: initialization options ignored: {}",
                    problems.join("; ")
                ),
            );
        }
        let result = lt::InitializeResult {
            capabilities: lt::ServerCapabilities {
                position_encoding: Some(kind),
                text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
                    lt::TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
                code_action_provider: Some(lt::CodeActionProviderCapability::Options(
                    lt::CodeActionOptions {
                        code_action_kinds: Some(vec![
                            lt::CodeActionKind::QUICKFIX,
                            lt::CodeActionKind::from(FIX_ALL_KIND),
                        ]),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(lt::ExecuteCommandOptions {
                    commands: vec![ADD_WORD.to_string()],
                    ..Default::default()
                }),
                ..Default::default()
            },
            server_info: Some(lt::ServerInfo {
                name: "copyedit".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        json!(result)
    }

    /// Read the initialization options: `lang`, `rules`, `debounceMs`,
    /// `ruleDocs`. Returns the defaults and what was wrong.
    fn options(&mut self, options: Option<&Value>) -> (Defaults, Vec<String>) {
        let mut defaults = Defaults::default();
        let mut problems = Vec::new();
        let Some(options) = options.filter(|o| !o.is_null()) else {
            return (defaults, problems);
        };
        let Some(map) = options.as_object() else {
            problems.push("not an object".into());
            return (defaults, problems);
        };
        for (key, value) in map {
            match (key.as_str(), value) {
                ("lang", Value::String(s)) => match s.parse() {
                    Ok(l) => defaults.lang = Some(l),
                    Err(e) => problems.push(e),
                },
                ("rules", Value::Object(rules)) => {
                    for (code, level) in rules {
                        let parsed = match level.as_str() {
                            Some("off") => Some(RuleLevel::Off),
                            Some("info") => Some(RuleLevel::On(Severity::Info)),
                            Some("warning") => Some(RuleLevel::On(Severity::Warning)),
                            Some("error") => Some(RuleLevel::On(Severity::Error)),
                            _ => None,
                        };
                        match (copyedit_core::rules::find(code), parsed) {
                            (None, _) => problems.push(format!("unknown rule `{code}`")),
                            (_, None) => problems.push(format!(
                                "invalid severity {level} for rule `{code}` (expected off, info, warning or error)"
                            )),
                            (Some(_), Some(l)) => {
                                defaults.rules.insert(code.clone(), l);
                            }
                        }
                    }
                }
                ("debounceMs", Value::Number(n)) if n.as_u64().is_some_and(|n| n <= 10_000) => {
                    self.debounce = Duration::from_millis(n.as_u64().unwrap_or(0));
                }
                ("ruleDocs", Value::String(s)) if s.contains("{rule}") => {
                    self.rule_docs = Some(s.clone());
                }
                (key, _) => problems.push(format!("bad or unknown option `{key}`")),
            }
        }
        (defaults, problems)
    }

    fn on_notification(&mut self, n: Notification) {
        fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
            serde_json::from_value(n.params).ok()
        }
        match n.method.as_str() {
            "initialized" => self.watch_files(),
            "textDocument/didOpen" => {
                if let Some(p) = params::<lt::DidOpenTextDocumentParams>(n) {
                    self.open(p.text_document);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = params::<lt::DidChangeTextDocumentParams>(n) {
                    self.change(p);
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = params::<lt::DidCloseTextDocumentParams>(n) {
                    if self.docs.remove(p.text_document.uri.as_str()).is_some() {
                        self.publish(&p.text_document.uri, None, Vec::new());
                    }
                }
            }
            "workspace/didChangeWatchedFiles" => self.reload(),
            _ => {}
        }
    }

    /// Ask the client to tell us when a configuration or word file
    /// changes: configurations by name, and each word file a configuration
    /// read so far names (registered as they become known).
    fn watch_files(&mut self) {
        if !self.client.watch_registration || !matches!(self.state, State::Running) {
            return;
        }
        let mut globs: Vec<String> = Vec::new();
        if !self.watching_configs {
            self.watching_configs = true;
            globs.extend(
                crate::config::FILE_NAMES
                    .iter()
                    .chain([&crate::config::DEFAULT_WORD_FILE])
                    .map(|n| format!("**/{n}")),
            );
        }
        for f in self.projects.word_files() {
            if self.watched.insert(f.clone()) {
                globs.push(f.display().to_string());
            }
        }
        if globs.is_empty() {
            return;
        }
        let watchers: Vec<lt::FileSystemWatcher> = globs
            .into_iter()
            .map(|g| lt::FileSystemWatcher {
                glob_pattern: lt::GlobPattern::String(g),
                kind: None,
            })
            .collect();
        let id = format!("copyedit-watch-{}", self.next_id + 1);
        self.request(
            "client/registerCapability",
            lt::RegistrationParams {
                registrations: vec![lt::Registration {
                    id,
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: Some(json!(lt::DidChangeWatchedFilesRegistrationOptions {
                        watchers
                    })),
                }],
            },
        );
    }

    fn open(&mut self, doc: lt::TextDocumentItem) {
        let path = uri_to_path(doc.uri.as_str());
        let Some(format) = format_of(&doc.language_id, path.as_deref()) else {
            return;
        };
        let index = LineIndex::new(&doc.text);
        self.docs.insert(
            doc.uri.as_str().to_string(),
            Doc {
                uri: doc.uri,
                text: doc.text,
                version: doc.version,
                format,
                path,
                index,
                due: Some(Instant::now()),
                last: None,
            },
        );
    }

    fn change(&mut self, p: lt::DidChangeTextDocumentParams) {
        let enc = self.enc;
        let debounce = self.debounce;
        let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str()) else {
            return;
        };
        for c in p.content_changes {
            text::apply_change(&mut doc.text, c.range, &c.text, enc);
        }
        doc.index = LineIndex::new(&doc.text);
        doc.version = p.text_document.version;
        doc.due = Some(Instant::now() + debounce);
    }

    /// Configuration or word files changed: read them again and check
    /// every open document again.
    fn reload(&mut self) {
        self.projects.reload();
        self.generation += 1;
        for file in std::mem::take(&mut self.broken) {
            if let Ok(uri) = path_to_uri(&file).parse::<lt::Uri>() {
                self.publish(&uri, None, Vec::new());
            }
        }
        let now = Instant::now();
        for doc in self.docs.values_mut() {
            doc.due = Some(now);
            doc.last = None;
        }
    }

    /// Start the checks that are due.
    fn dispatch(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        if due.is_empty() {
            return;
        }
        for key in due {
            self.start(&key, false);
        }
        // New configurations may name word files to watch.
        self.watch_files();
    }

    /// Check a document: in the background, or now (`now`: a request needs
    /// the result). Documents no linter checks get their result at once.
    fn start(&mut self, key: &str, now: bool) {
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        doc.due = None;
        let (version, path) = (doc.version, doc.path.clone());
        let too_large = doc.text.len() > MAX_DOCUMENT;
        let governed = self.projects.governed(path.as_deref());
        let immediate = |d: Vec<Diagnostic>| Some(d);
        let result = match governed {
            Governed::Excluded => immediate(Vec::new()),
            Governed::Broken(file, e) => {
                self.publish_config_error(&file, &e);
                immediate(vec![Diagnostic::new(
                    "configuration",
                    Severity::Warning,
                    0..0,
                    format!(
                        "not checked: its configuration {} has an error: {}",
                        file.display(),
                        e.message
                    ),
                )])
            }
            Governed::Lint { .. } if too_large => immediate(vec![Diagnostic::new(
                "size",
                Severity::Info,
                0..0,
                format!("not checked: larger than {} MiB", MAX_DOCUMENT >> 20),
            )]),
            Governed::Lint { linter, .. } => {
                let Some(doc) = self.docs.get(key) else {
                    return;
                };
                if now {
                    let r = catch_unwind(AssertUnwindSafe(|| {
                        check::check(&linter, &doc.text, doc.format, &doc.name())
                    }))
                    .ok();
                    match r {
                        Some(r) => Some(r.unwrap_or_default()),
                        None => immediate(Vec::new()),
                    }
                } else {
                    let _ = self.jobs.send(Job {
                        uri: key.to_string(),
                        version,
                        generation: self.generation,
                        text: Arc::from(doc.text.as_str()),
                        format: doc.format,
                        name: doc.name(),
                        linter,
                    });
                    None
                }
            }
        };
        if let Some(diags) = result {
            self.store(key, version, diags);
        }
    }

    /// A background check finished: publish it unless the document moved
    /// on (or closed), or configurations were read again, meanwhile.
    fn finished(&mut self, done: Done) {
        let Some(doc) = self.docs.get(&done.uri) else {
            return;
        };
        if done.generation != self.generation
            || doc.version != done.version
            || doc.fresh().is_some()
        {
            return;
        }
        let diags = match done.result {
            Some(Ok(d)) => d,
            Some(Err(_skip)) => Vec::new(),
            None => {
                self.show(
                    lt::MessageType::ERROR,
                    "copyedit: internal error while checking; please report it".into(),
                );
                Vec::new()
            }
        };
        self.store(&done.uri, done.version, diags);
    }

    /// Keep a check of `version` and publish it.
    fn store(&mut self, key: &str, version: i32, diags: Vec<Diagnostic>) {
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        let diags = Arc::new(diags);
        doc.last = Some((version, Arc::clone(&diags)));
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        let out = self.to_lsp(doc, &diags);
        self.publish(&doc.uri, Some(version), out);
    }

    /// The diagnostics of the document's current version, checked now if
    /// need be.
    fn current(&mut self, key: &str) -> Option<Arc<Vec<Diagnostic>>> {
        let doc = self.docs.get(key)?;
        if let Some(d) = doc.fresh() {
            return Some(d);
        }
        self.start(key, true);
        self.docs.get(key)?.fresh()
    }

    fn publish(&self, uri: &lt::Uri, version: Option<i32>, diagnostics: Vec<lt::Diagnostic>) {
        self.notify(
            "textDocument/publishDiagnostics",
            lt::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        );
    }

    fn publish_config_error(
        &mut self,
        file: &std::path::Path,
        e: &copyedit_core::config::ConfigError,
    ) {
        let Ok(uri) = path_to_uri(file).parse::<lt::Uri>() else {
            return;
        };
        if !self.broken.insert(file.to_path_buf()) {
            return;
        }
        // The error's column counts characters: find it in the file.
        let text =
            crate::safe_read::read_regular_to_string(file, crate::safe_read::MAX_CONFIG_SIZE)
                .unwrap_or_default();
        let index = LineIndex::new(&text);
        let (line, col) = e.position.unwrap_or((1, 1));
        let start_line = lt::Position::new(line.saturating_sub(1) as u32, 0);
        let line_start = index.offset(&text, start_line, Encoding::Utf8);
        let at = index.offset(
            &text,
            lt::Position::new(start_line.line, col.saturating_sub(1) as u32),
            Encoding::Utf32,
        );
        let end = index.offset(
            &text,
            lt::Position::new(start_line.line, u32::MAX),
            Encoding::Utf8,
        );
        let start = if e.position.is_some() { at } else { line_start };
        let range = index.range(&text, start..end.max(start), self.enc);
        self.publish(
            &uri,
            None,
            vec![lt::Diagnostic {
                range,
                severity: Some(lt::DiagnosticSeverity::ERROR),
                code: Some(lt::NumberOrString::String("configuration".into())),
                source: Some("copyedit".into()),
                message: e.message.clone(),
                ..Default::default()
            }],
        );
    }

    /// Protocol diagnostics of a check (suppressed problems left out).
    fn to_lsp(&self, doc: &Doc, diags: &[Diagnostic]) -> Vec<lt::Diagnostic> {
        let mut pos = Positions::new(&doc.text, &doc.index, self.enc);
        let mut out = Vec::with_capacity(diags.len());
        for d in diags.iter().filter(|d| d.suppressed.is_none()) {
            let start = pos.at(d.span.start);
            let end = doc.index.position(&doc.text, d.span.end, self.enc);
            out.push(self.lsp_diagnostic(d, lt::Range::new(start, end)));
        }
        out
    }

    fn lsp_diagnostic(&self, d: &Diagnostic, range: lt::Range) -> lt::Diagnostic {
        let mut message = d.message.clone();
        for note in &d.notes {
            message.push('\n');
            message.push_str(note);
        }
        let code_description = self.rule_docs.as_ref().and_then(|t| {
            t.replace("{rule}", d.rule)
                .parse::<lt::Uri>()
                .ok()
                .map(|href| lt::CodeDescription { href })
        });
        lt::Diagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => lt::DiagnosticSeverity::ERROR,
                Severity::Warning => lt::DiagnosticSeverity::WARNING,
                Severity::Info => lt::DiagnosticSeverity::INFORMATION,
            }),
            code: Some(lt::NumberOrString::String(d.rule.to_string())),
            code_description,
            source: Some("copyedit".into()),
            message,
            ..Default::default()
        }
    }

    fn hover(&mut self, p: lt::HoverParams) -> Option<lt::Hover> {
        let key = p
            .text_document_position_params
            .text_document
            .uri
            .as_str()
            .to_string();
        let diags = self.current(&key)?;
        let doc = self.docs.get(&key)?;
        let at = doc.index.offset(
            &doc.text,
            p.text_document_position_params.position,
            self.enc,
        );
        let mut parts = Vec::new();
        for d in diags
            .iter()
            .filter(|d| d.suppressed.is_none() && d.span.start <= at && at <= d.span.end)
        {
            let explanation = copyedit_core::rules::find(d.rule).map_or("", |r| r.meta.explanation);
            parts.push(format!(
                "**copyedit `{}`** ({}): {}\n\n{}",
                d.rule, d.severity, d.message, explanation
            ));
        }
        (!parts.is_empty()).then(|| lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    fn execute(&mut self, p: lt::ExecuteCommandParams) -> Result<Value, (ErrorCode, String)> {
        if p.command != ADD_WORD {
            return Err((
                ErrorCode::InvalidParams,
                format!("unknown command `{}`", p.command),
            ));
        }
        let (uri, word) = match p.arguments.as_slice() {
            [Value::String(u), Value::String(w)] => (u.clone(), w.clone()),
            _ => {
                return Err((
                    ErrorCode::InvalidParams,
                    format!("{ADD_WORD} takes a document URI and a word"),
                ))
            }
        };
        let config = uri_to_path(&uri)
            .and_then(|p| match self.projects.governed(Some(&p)) {
                Governed::Lint { config, .. } => config,
                _ => None,
            })
            .ok_or_else(|| {
                (
                    ErrorCode::RequestFailed,
                    "no copyedit.toml governs this document".to_string(),
                )
            })?;
        let added =
            crate::word_file::add(&config, &[word]).map_err(|e| (ErrorCode::RequestFailed, e))?;
        self.reload();
        Ok(json!({"file": added.file.display().to_string(), "added": added.added}))
    }
}

/// The format of a document by language id, else by file extension; `None`
/// for documents copyedit does not check.
fn format_of(language_id: &str, path: Option<&std::path::Path>) -> Option<Format> {
    match language_id.to_ascii_lowercase().as_str() {
        "markdown" | "md" | "gfm" => return Some(Format::Markdown),
        "mdx" | "markdown.mdx" => return Some(Format::Mdx),
        "plaintext" | "text" | "txt" => return Some(Format::Plain),
        _ => {}
    }
    let ext = path?.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" | "mkd" | "mdown" => Some(Format::Markdown),
        "mdx" => Some(Format::Mdx),
        "txt" | "text" => Some(Format::Plain),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn formats() {
        assert_eq!(format_of("markdown", None), Some(Format::Markdown));
        assert_eq!(format_of("mdx", None), Some(Format::Mdx));
        assert_eq!(format_of("plaintext", None), Some(Format::Plain));
        assert_eq!(
            format_of("", Some(Path::new("/a/b.MD"))),
            Some(Format::Markdown)
        );
        assert_eq!(format_of("rust", Some(Path::new("/a/b.rs"))), None);
        assert_eq!(format_of("rust", None), None);
    }
}
