//! `reqlint lsp`: a Language Server over standard input and output, on the same engine and
//! configuration as the CLI.
//!
//! One loop answers every message at once and never lints: a change only marks its document.
//! A document is linted on a thread of its own once it has stayed unchanged for [`QUIET`], so a
//! burst of changes (typing, a formatter's edits, a paste) costs one lint of the latest text,
//! and `shutdown` and `exit` are answered at once even while a lint runs. One lint runs at a
//! time; its findings are published only if the document has not changed since it started
//! (a newer lint follows). A document larger than [`MAX_DOCUMENT_BYTES`] is not linted: it
//! gets one diagnostic that says so.

mod text;
mod transport;

use crate::config::Config;
use crate::engine::{FileReport, LintOptions};
use crate::input::InputKind;
use crate::parse::SpanTree;
use crate::source::SourceFile;
use crate::{Severity, rules, schema};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use transport::{Outgoing, Transport};

/// Documents larger than this are not linted as they are edited (a lint's time and memory grow
/// with the document, and an editor re-lints on every pause): they get one diagnostic that
/// says so, and `reqlint check` lints them. No create-image request comes near this size.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// How long a document stays unchanged before it is linted.
pub const QUIET: Duration = Duration::from_millis(150);

/// An open document.
struct Document {
    text: String,
    version: i32,
    kind: InputKind,
    path: Option<PathBuf>,
    /// Which state of the server's documents this one is in: a new number on every change
    /// (and when the configuration may have changed), so that a lint knows if it is current.
    generation: u64,
    /// When it was last changed, while it waits to be linted.
    changed: Option<Instant>,
    /// The last lint, for hover and code actions.
    report: Option<FileReport>,
    /// Saved since its last lint while online checks are on: the next lint asks the clouds.
    saved: bool,
}

impl Document {
    /// The last lint, if it is of the text as it is now (a lint of an older text would put
    /// hovers and fixes in the wrong place).
    fn report(&self) -> Option<&FileReport> {
        self.report
            .as_ref()
            .filter(|r| r.source.text() == self.text)
    }
}

/// A finished lint, sent back to the loop by the thread that ran it: the report and its
/// diagnostics, or `None` if the thread panicked (the engine turns its own panics into
/// findings; this is for anything else, so that the next lint is not waited for forever).
/// Findings a document's lint places in other files (a module's argument in its caller, an
/// input in the file a `terragrunt.hcl` includes), by the other file's URI.
type Elsewhere = Vec<(String, Vec<lsp::Diagnostic>)>;

struct Linted {
    uri: String,
    generation: u64,
    version: i32,
    outcome: Option<(FileReport, Vec<lsp::Diagnostic>, Elsewhere)>,
    /// The notes of the clouds an online lint could not ask.
    notes: Vec<String>,
}

/// Runs the server until `exit`; the process exit code (0 after `shutdown`, else 1).
pub fn run() -> i32 {
    let transport = Transport::stdio();
    let (linted_tx, linted) = crossbeam_channel::unbounded();
    let mut server = Server {
        out: transport.sender.clone(),
        documents: HashMap::new(),
        configs: HashMap::new(),
        initialized: false,
        shutdown: false,
        generations: 0,
        linting: false,
        linted: linted_tx,
        online: false,
        own: HashMap::new(),
        placed: HashMap::new(),
    };
    let mut code = 1;
    loop {
        let due = server.next_lint();
        let timer = due.map_or_else(crossbeam_channel::never, crossbeam_channel::at);
        crossbeam_channel::select! {
            recv(transport.receiver) -> message => match message {
                Ok(Message::Request(req)) => server.request(req),
                Ok(Message::Notification(n)) if n.method == "exit" => {
                    code = if server.shutdown { 0 } else { 1 };
                    break;
                }
                Ok(Message::Notification(n)) => server.notification(n),
                Ok(Message::Response(_)) => {}
                // Standard input is closed.
                Err(_) => break,
            },
            recv(linted) -> done => {
                if let Ok(done) = done {
                    server.finished(done);
                }
            }
            recv(timer) -> _ => server.start_lint(),
        }
    }
    // A lint still running ends with the process.
    drop(server);
    transport.join();
    code
}

struct Server {
    out: crossbeam_channel::Sender<Outgoing>,
    documents: HashMap<String, Document>,
    /// Configuration by file, with its modification time, reloaded when it changes.
    configs: HashMap<PathBuf, (Option<std::time::SystemTime>, Arc<Config>)>,
    initialized: bool,
    shutdown: bool,
    /// The last generation given to a document.
    generations: u64,
    /// Whether a lint is running.
    linting: bool,
    /// Where a lint's thread sends its result.
    linted: crossbeam_channel::Sender<Linted>,
    /// The findings of each document's own last lint, by URI.
    own: HashMap<String, Vec<lsp::Diagnostic>>,
    /// Findings documents' lints place in other files: target URI -> linted URI -> findings.
    /// A file's published findings are its own and all those others place in it.
    placed: HashMap<String, HashMap<String, Vec<lsp::Diagnostic>>>,
    /// Whether the workspace configuration turns online checks on (`initializationOptions`
    /// or `workspace/didChangeConfiguration` settings `{"reqlint": {"online": true}}`): then a
    /// saved document is also checked against the clouds.
    online: bool,
}

/// The `online` switch of an editor's settings for reqlint, where it is given.
fn online_setting(settings: &Value) -> Option<bool> {
    settings
        .pointer("/reqlint/online")
        .or_else(|| settings.get("online"))
        .and_then(Value::as_bool)
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

impl Server {
    fn send(&self, message: Message) {
        let _ = self.out.send(Outgoing::Message(message));
    }

    fn respond(&self, id: RequestId, result: impl serde::Serialize) {
        self.send(Message::Response(Response::new_ok(id, result)));
    }

    fn fail(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    fn request(&mut self, req: Request) {
        let Request { id, method, params } = req;
        if method == "initialize" {
            self.initialized = true;
            if let Some(on) = online_setting(&params["initializationOptions"]) {
                self.online = on;
            }
            let result = lsp::InitializeResult {
                capabilities: capabilities(),
                server_info: Some(lsp::ServerInfo {
                    name: "reqlint".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
            };
            return self.respond(id, result);
        }
        if !self.initialized {
            return self.fail(
                id,
                ErrorCode::ServerNotInitialized,
                "initialize first".into(),
            );
        }
        if method == "shutdown" {
            self.shutdown = true;
            return self.respond(id, Value::Null);
        }
        let result = match method.as_str() {
            "textDocument/hover" => serde_json::from_value(params)
                .map(|p| serde_json::to_value(self.hover(p)).unwrap_or(Value::Null)),
            "textDocument/codeAction" => serde_json::from_value(params)
                .map(|p| serde_json::to_value(self.code_actions(p)).unwrap_or(Value::Null)),
            _ => {
                return self.fail(
                    id,
                    ErrorCode::MethodNotFound,
                    format!("unknown method {method}"),
                );
            }
        };
        match result {
            Ok(value) => self.respond(id, value),
            Err(e) => self.fail(id, ErrorCode::InvalidParams, e.to_string()),
        }
    }

    fn notification(&mut self, n: Notification) {
        let uri_of = |p: &Value| p["textDocument"]["uri"].as_str().map(str::to_string);
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let doc = p.text_document;
                let uri = doc.uri.as_str().to_string();
                let path = file_path(&uri);
                let kind = kind_of(path.as_deref(), &doc.language_id);
                self.documents.insert(
                    uri.clone(),
                    Document {
                        text: doc.text,
                        version: doc.version,
                        kind,
                        path,
                        generation: 0,
                        changed: None,
                        report: None,
                        saved: false,
                    },
                );
                self.touch(&uri);
            }
            "textDocument/didChange" => {
                let Some(uri) = uri_of(&n.params) else { return };
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(doc) = self.documents.get_mut(&uri) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        // Found in the text as it is: no copy of it, no index of its lines.
                        Some(range) => {
                            let start = text::offset_in(&doc.text, range.start);
                            let end = text::offset_in(&doc.text, range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                self.touch(&uri);
            }
            "textDocument/didClose" => {
                let Some(uri) = uri_of(&n.params) else { return };
                if self.documents.remove(&uri).is_some() {
                    self.own.remove(&uri);
                    // What it placed in other files goes with it.
                    let mut touched = Vec::new();
                    for (target, from) in &mut self.placed {
                        if from.remove(&uri).is_some() {
                            touched.push(target.clone());
                        }
                    }
                    self.publish_merged(&uri, None);
                    for target in touched {
                        let version = self.documents.get(&target).map(|d| d.version);
                        self.publish_merged(&target, version);
                    }
                }
            }
            "workspace/didChangeConfiguration" => {
                if let Some(on) = online_setting(&n.params["settings"]) {
                    self.online = on;
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                // Online checks run on save only, and only when the workspace turns them on.
                if n.method == "textDocument/didSave"
                    && self.online
                    && let Some(doc) = uri_of(&n.params).and_then(|u| self.documents.get_mut(&u))
                {
                    doc.saved = true;
                }
                // A saved reqlint.toml changes what every document gets.
                let uris: Vec<String> = self.documents.keys().cloned().collect();
                for uri in uris {
                    self.touch(&uri);
                }
            }
            _ => {}
        }
    }

    fn config_for(&mut self, path: Option<&Path>) -> Arc<Config> {
        let Some(found) = path.and_then(Config::find_for) else {
            return Arc::new(Config::default());
        };
        let modified = std::fs::metadata(&found).and_then(|m| m.modified()).ok();
        if let Some((when, config)) = self.configs.get(&found)
            && *when == modified
        {
            return config.clone();
        }
        // A broken configuration is the CLI's exit 2; here, lint with the defaults.
        let config = Arc::new(Config::load(&found).unwrap_or_default());
        self.configs.insert(found, (modified, config.clone()));
        config
    }

    /// Marks a document as changed: it is linted once it has stayed so for [`QUIET`].
    fn touch(&mut self, uri: &str) {
        self.generations += 1;
        if let Some(doc) = self.documents.get_mut(uri) {
            doc.generation = self.generations;
            doc.changed = Some(Instant::now());
        }
    }

    /// When the next lint is due: none while one runs (its end is the next event).
    fn next_lint(&self) -> Option<Instant> {
        if self.linting {
            return None;
        }
        self.documents
            .values()
            .filter_map(|d| d.changed)
            .min()
            .map(|changed| changed + QUIET)
    }

    /// Starts linting the document that has waited longest, if it has been quiet long enough,
    /// on a thread of its own; a document above the size limit gets its one diagnostic here.
    fn start_lint(&mut self) {
        let now = Instant::now();
        let Some(uri) = self
            .documents
            .iter()
            .filter_map(|(uri, d)| Some((d.changed?, uri)))
            .filter(|(changed, _)| *changed + QUIET <= now)
            .min()
            .map(|(_, uri)| uri.clone())
        else {
            return;
        };
        let path = self.documents.get(&uri).and_then(|d| d.path.clone());
        let config = self.config_for(path.as_deref());
        let Some(doc) = self.documents.get_mut(&uri) else {
            return;
        };
        doc.changed = None;
        if doc.text.len() > MAX_DOCUMENT_BYTES {
            doc.report = None;
            let diagnostic = too_large(doc.text.len());
            let version = doc.version;
            return self.publish(&uri, vec![diagnostic], Some(version));
        }
        let online = std::mem::take(&mut doc.saved).then(|| {
            Arc::new(crate::online::Session::new(
                crate::online::Mode::On,
                config.online.clone(),
            ))
        });
        let job = Job {
            online,
            name: doc
                .path
                .as_ref()
                .map_or("<document>".into(), |p| p.display().to_string()),
            text: doc.text.clone(),
            kind: doc.kind,
            path: doc.path.clone(),
            config,
        };
        let (generation, version) = (doc.generation, doc.version);
        let linted = self.linted.clone();
        // The main thread's stack size: the engine's parsers recurse on nested input.
        let spawned = std::thread::Builder::new()
            .name("reqlint-lint".into())
            .stack_size(8 * 1024 * 1024)
            .spawn(move || {
                let session = job.online.clone();
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let report = job.lint();
                    let diagnostics = report
                        .diagnostics
                        .iter()
                        .map(|d| to_lsp(&report.source, &uri, d))
                        .collect();
                    let elsewhere: Elsewhere = report
                        .elsewhere
                        .iter()
                        .filter_map(|other| {
                            let path = std::path::absolute(other.source.name()).ok()?;
                            let target = url::Url::from_file_path(&path).ok()?.to_string();
                            let found = other
                                .diagnostics
                                .iter()
                                .map(|d| to_lsp(&other.source, &target, d))
                                .collect();
                            Some((target, found))
                        })
                        .collect();
                    (report, diagnostics, elsewhere)
                }));
                let _ = linted.send(Linted {
                    uri,
                    generation,
                    version,
                    outcome: outcome.ok(),
                    notes: session.map(|s| s.notes()).unwrap_or_default(),
                });
            });
        // No thread to be had: the document waits for its next change.
        self.linting = spawned.is_ok();
    }

    /// A lint has finished: its findings are published if the document is still as it was
    /// linted (else a newer lint is due).
    fn finished(&mut self, done: Linted) {
        self.linting = false;
        for note in &done.notes {
            self.send(Message::Notification(Notification::new(
                "window/logMessage".into(),
                lsp::LogMessageParams {
                    typ: lsp::MessageType::WARNING,
                    message: format!("reqlint: {note}"),
                },
            )));
        }
        let Some(doc) = self.documents.get_mut(&done.uri) else {
            return;
        };
        let Some((report, diagnostics, elsewhere)) = done.outcome else {
            return;
        };
        if doc.generation != done.generation {
            return;
        }
        doc.report = Some(report);
        self.own.insert(done.uri.clone(), diagnostics);
        // What this lint places in other files replaces what its last lint placed there.
        let mut touched: Vec<String> = Vec::new();
        for (target, from) in &mut self.placed {
            if from.remove(&done.uri).is_some() {
                touched.push(target.clone());
            }
        }
        for (target, found) in elsewhere {
            if target == done.uri {
                continue;
            }
            touched.push(target.clone());
            self.placed
                .entry(target)
                .or_default()
                .insert(done.uri.clone(), found);
        }
        touched.sort();
        touched.dedup();
        let version = Some(done.version);
        self.publish_merged(&done.uri, version);
        for target in touched.iter().filter(|t| **t != done.uri) {
            let version = self.documents.get(target).map(|d| d.version);
            self.publish_merged(target, version);
        }
    }

    /// Publishes a file's findings: its own last lint's, and those other documents' lints
    /// place in it.
    fn publish_merged(&self, uri: &str, version: Option<i32>) {
        let mut all: Vec<lsp::Diagnostic> = self.own.get(uri).cloned().unwrap_or_default();
        if let Some(from) = self.placed.get(uri) {
            let mut sources: Vec<&String> = from.keys().collect();
            sources.sort();
            for source in sources {
                for d in &from[source] {
                    if !all.contains(d) {
                        all.push(d.clone());
                    }
                }
            }
        }
        self.publish(uri, all, version);
    }

    fn publish(&self, uri: &str, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let Ok(uri) = uri.parse::<lsp::Uri>() else {
            return;
        };
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        )));
    }

    fn hover(&self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        let doc = self.documents.get(uri.as_str())?;
        let report = doc.report()?;
        let source = &report.source;
        let offset = text::offset(source, p.text_document_position_params.position);
        let mut sections = Vec::new();
        // What the specification says about the member under the cursor.
        if let Some((body, base)) = body_at(doc, offset)
            && let Some(tree) = SpanTree::new(body)
            && let Some(pointer) = tree.member_at(offset - base)
            && let Some(api) = report.api
            && let Some(text) = schema::for_api(api).and_then(|s| s.describe(&pointer))
        {
            let name = crate::pointer::display_path(&pointer);
            sections.push(format!("**`{name}`** ({api})\n\n{text}"));
        }
        // The docs of every finding under the cursor.
        for d in &report.diagnostics {
            // An organisation check: what its finding says is all there is to show.
            if d.span.offset <= offset && offset <= d.span.end() && rules::by_code(d.code).is_none()
            {
                sections.push(format!(
                    "**{}** `{}` ({}), an organisation check of the configuration\n\n{}{}",
                    d.code,
                    d.name,
                    d.severity,
                    d.message,
                    d.help
                        .as_deref()
                        .map(|h| format!("\n\nFix: {h}"))
                        .unwrap_or_default()
                ));
            }
            if d.span.offset <= offset
                && offset <= d.span.end()
                && let Some(rule) = rules::by_code(d.code)
            {
                sections.push(format!(
                    "**{}** `{}` ({})\n\n{}\n\n{}\n\nFix: {}.\n\n[Documentation]({})",
                    rule.code,
                    rule.name,
                    rule.severity,
                    rule.summary,
                    rule.why,
                    rule.fix,
                    rule.url()
                ));
            }
        }
        (!sections.is_empty()).then(|| lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    // `WorkspaceEdit::changes` is lsp-types' `HashMap<Uri, _>`; `Uri` is never mutated here.
    #[allow(clippy::mutable_key_type)]
    fn code_actions(&self, p: lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let Some(doc) = self.documents.get(p.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let Some(report) = doc.report() else {
            return Vec::new();
        };
        let source = &report.source;
        let start = text::offset(source, p.range.start);
        let end = text::offset(source, p.range.end);
        report
            .diagnostics
            .iter()
            .filter(|d| d.span.offset <= end && start <= d.span.end())
            .filter_map(|d| {
                let fix = d.fix.as_ref()?;
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| lsp::TextEdit {
                        range: text::range(source, e.span.offset, e.span.length),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                let mut changes = HashMap::new();
                changes.insert(p.text_document.uri.clone(), edits);
                Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!("{} ({})", fix.title, d.code),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(source, p.text_document.uri.as_str(), d)]),
                    edit: Some(lsp::WorkspaceEdit {
                        changes: Some(changes),
                        ..Default::default()
                    }),
                    is_preferred: Some(true),
                    ..Default::default()
                }))
            })
            .collect()
    }
}

/// What a lint needs of a document: a copy of its text, taken when the lint starts.
struct Job {
    name: String,
    text: String,
    kind: InputKind,
    path: Option<PathBuf>,
    config: Arc<Config>,
    /// The online checks of a saved document, when the workspace turns them on.
    online: Option<Arc<crate::online::Session>>,
}

impl Job {
    /// Lints the document as the CLI lints the same file.
    fn lint(self) -> FileReport {
        let mut options = LintOptions::default();
        if let Some(path) = &self.path {
            // Read afresh for each lint: the module's other files may have changed.
            options = options
                .config(self.config.clone())
                .path(path.clone())
                .folder(Arc::new(crate::frontend::folder::Folder::of(path)));
        }
        if let Some(session) = self.online {
            options = options.online(session);
        }
        crate::lint_bytes(&self.name, self.text.as_bytes(), self.kind, options)
    }
}

/// The one diagnostic of a document above [`MAX_DOCUMENT_BYTES`], at its start.
fn too_large(bytes: usize) -> lsp::Diagnostic {
    let rule = rules::by_code("RQL007").expect("engine codes are registered");
    let megabytes = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(lsp::DiagnosticSeverity::WARNING),
        code: Some(lsp::NumberOrString::String(rule.code.into())),
        code_description: rule
            .url()
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("reqlint".into()),
        message: format!(
            "the document is {:.1} MB, above the language server's {:.0} MB limit: it is not linted\nhelp: run `reqlint check` on it",
            megabytes(bytes),
            megabytes(MAX_DOCUMENT_BYTES)
        ),
        ..Default::default()
    }
}

/// The request body holding a byte offset, and where it starts.
fn body_at(doc: &Document, offset: usize) -> Option<(&str, usize)> {
    match doc.kind {
        InputKind::Http => crate::frontend::http::split(&doc.text)
            .into_iter()
            .find(|r| r.body_offset <= offset && offset <= r.body_offset + r.body.len())
            .map(|r| (r.body, r.body_offset)),
        _ => Some((doc.text.as_str(), 0)),
    }
}

fn to_lsp(source: &SourceFile, uri: &str, d: &crate::Diagnostic) -> lsp::Diagnostic {
    let related: Vec<_> = d
        .labels
        .iter()
        .filter_map(|l| {
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(
                    uri.parse().ok()?,
                    text::range(source, l.span.offset, l.span.length),
                ),
                message: l.message.clone(),
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    lsp::Diagnostic {
        range: text::range(source, d.span.offset, d.span.length),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Advice => lsp::DiagnosticSeverity::HINT,
        }),
        code: Some(lsp::NumberOrString::String(d.code.into())),
        code_description: d.url.parse().ok().map(|href| lsp::CodeDescription { href }),
        source: Some("reqlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The path of a `file:` URI, by the `url` crate's conversion (percent-decoding, `localhost`,
/// Windows drive letters: `file:///C:/x` is `C:\\x` there, never `/C:/x`); `None` for other
/// schemes and for URIs that name no local path.
fn file_path(uri: &str) -> Option<PathBuf> {
    url::Url::parse(uri).ok()?.to_file_path().ok()
}

fn kind_of(path: Option<&Path>, language_id: &str) -> InputKind {
    path.and_then(InputKind::from_path)
        .unwrap_or(match language_id {
            "jsonc" => InputKind::Jsonc,
            "http" | "rest" => InputKind::Http,
            "terraform" | "terraform-vars" | "hcl" | "opentofu" | "tofu" => InputKind::Terraform,
            "packer" => InputKind::Packer,
            "sh" | "shellscript" | "bash" => InputKind::Shell,
            "yaml" => InputKind::Yaml,
            _ => InputKind::Json,
        })
}

#[cfg(test)]
mod tests {
    use super::file_path;
    use std::path::PathBuf;

    #[test]
    fn file_uris_become_local_paths() {
        assert_eq!(
            file_path("file:///tmp/a%20b/%E9%95%9C.json"),
            Some(PathBuf::from("/tmp/a b/镜.json"))
        );
        assert_eq!(
            file_path("file://localhost/tmp/x.json"),
            Some(PathBuf::from("/tmp/x.json"))
        );
        // Another host's file, or another scheme, is no local path.
        assert_eq!(file_path("file://server/share/x.json"), None);
        assert_eq!(file_path("untitled:Untitled-1"), None);
        #[cfg(windows)]
        assert_eq!(
            file_path("file:///C:/x/y.json"),
            Some(PathBuf::from(r"C:\x\y.json"))
        );
    }
}
