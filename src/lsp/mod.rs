//! `reqlint lsp`: a Language Server over standard input and output, on the same engine and
//! configuration as the CLI. Linting a buffer takes microseconds, so requests are answered in
//! a plain loop: no runtime, no debounce.

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
use transport::{Outgoing, Transport};

/// An open document.
struct Document {
    text: String,
    version: i32,
    kind: InputKind,
    path: Option<PathBuf>,
    /// The last lint, for hover and code actions.
    report: Option<FileReport>,
}

/// Runs the server until `exit`; the process exit code (0 after `shutdown`, else 1).
pub fn run() -> i32 {
    let transport = Transport::stdio();
    let mut server = Server {
        out: transport.sender.clone(),
        documents: HashMap::new(),
        configs: HashMap::new(),
        initialized: false,
        shutdown: false,
    };
    let mut code = 1;
    for message in &transport.receiver {
        match message {
            Message::Request(req) => server.request(req),
            Message::Notification(n) if n.method == "exit" => {
                code = if server.shutdown { 0 } else { 1 };
                break;
            }
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
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
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
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
                        report: None,
                    },
                );
                self.lint(&uri);
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
                        Some(range) => {
                            let source = SourceFile::new("", doc.text.as_str());
                            let start = text::offset(&source, range.start);
                            let end = text::offset(&source, range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                self.lint(&uri);
            }
            "textDocument/didClose" => {
                let Some(uri) = uri_of(&n.params) else { return };
                if self.documents.remove(&uri).is_some() {
                    self.publish(&uri, Vec::new(), None);
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                // A saved reqlint.toml changes what every document gets.
                let uris: Vec<String> = self.documents.keys().cloned().collect();
                for uri in uris {
                    self.lint(&uri);
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

    fn lint(&mut self, uri: &str) {
        let path = self.documents.get(uri).and_then(|d| d.path.clone());
        let config = self.config_for(path.as_deref());
        let Some(doc) = self.documents.get_mut(uri) else {
            return;
        };
        let report = lint_document(doc, &config);
        let diagnostics = report
            .diagnostics
            .iter()
            .map(|d| to_lsp(&report.source, uri, d))
            .collect();
        let version = doc.version;
        doc.report = Some(report);
        self.publish(uri, diagnostics, Some(version));
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
        let report = doc.report.as_ref()?;
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
        let Some(report) = &doc.report else {
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

/// Lints a document as the CLI lints the same file.
fn lint_document(doc: &Document, config: &std::sync::Arc<Config>) -> FileReport {
    let name = doc
        .path
        .as_ref()
        .map_or("<document>".into(), |p| p.display().to_string());
    let mut options = LintOptions::default();
    if let Some(path) = &doc.path {
        // Read afresh for each lint: the module's other files may have changed.
        options = options
            .config(config.clone())
            .path(path.clone())
            .folder(std::sync::Arc::new(crate::frontend::folder::Folder::of(
                path,
            )));
    }
    crate::lint_bytes(&name, doc.text.as_bytes(), doc.kind, options)
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
            "terraform" | "terraform-vars" | "hcl" => InputKind::Terraform,
            "packer" => InputKind::Packer,
            "sh" | "shellscript" | "bash" => InputKind::Shell,
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
