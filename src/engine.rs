//! The pipeline for one file: decode, split (`.http`), parse each body once, decide its API, run
//! the schema and the rules, and only then, if anything was reported, resolve spans.

use crate::api::Api;
use crate::checks::OrgCheck;
use crate::detect::{self, Detection};
use crate::diagnostic::{Diagnostic, Edit, Fix, Label, Severity, Span};
use crate::frontend::Found;
use crate::input::InputKind;
use crate::parse::{self, Dialect, Locator, Part, SpanTree};
use crate::rule::{Ctx, FixAction, Reporter, Target, Violation, WrittenNames};
use crate::rules;
use crate::schema;
use crate::source::SourceFile;
use serde_json::Value;
use std::sync::Arc;

/// Files larger than this are not parsed; they get one `RQL007` finding.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// What to lint and how: `LintOptions::default()` (detection, no configuration), then the
/// builder methods.
///
/// ```
/// use reqlint::{Api, LintOptions};
///
/// let options = LintOptions::default().api(Api::HuaweiImsCreateImage);
/// let findings = reqlint::lint_str(r#"{"name": "web", "image_url": "b:f.qcow2", "min_disk": 300}"#, options);
/// assert_eq!(findings[0].code, "IMS006");
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct LintOptions {
    /// The API every request targets; `None` lets the configuration's `[api]` or detection
    /// decide.
    pub api: Option<Api>,
    /// Files larger than this get one `RQL007` finding instead of being parsed.
    pub max_file_bytes: usize,
    /// The folder of the file (a Terraform module), which supplies values the file uses but
    /// does not hold (`.tfvars`, variables declared in other files). `None`: the file alone.
    pub folder: Option<std::sync::Arc<crate::frontend::folder::Folder>>,
    /// A loaded `reqlint.toml`: its selection, ignores, severities and suppressions apply to
    /// the findings, its `[api]` to the file's path, as `reqlint check` applies them.
    pub config: Option<std::sync::Arc<crate::config::Config>>,
    /// The file's path, for the configuration's globs (`[api]`, suppressions); default: the
    /// name the file is reported under.
    pub path: Option<std::path::PathBuf>,
    /// The run's online checks (`--online`): the requests whose values are known are also
    /// checked against the cloud when this session, or the file's configuration, turns them
    /// on. `None`: never a connection.
    pub online: Option<std::sync::Arc<crate::online::Session>>,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            api: None,
            max_file_bytes: MAX_FILE_BYTES,
            folder: None,
            config: None,
            path: None,
            online: None,
        }
    }
}

impl LintOptions {
    /// The API every request targets (`None`: detection).
    pub fn api(mut self, api: impl Into<Option<Api>>) -> Self {
        self.api = api.into();
        self
    }

    /// Files larger than this get one `RQL007` finding.
    pub fn max_file_bytes(mut self, bytes: usize) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    /// The folder whose other files supply values (a Terraform module, a Packer template's).
    pub fn folder(mut self, folder: std::sync::Arc<crate::frontend::folder::Folder>) -> Self {
        self.folder = Some(folder);
        self
    }

    /// A loaded configuration, applied as `reqlint check` applies it; its
    /// `max_file_bytes` applies too.
    pub fn config(mut self, config: std::sync::Arc<crate::config::Config>) -> Self {
        self.max_file_bytes = config.max_file_bytes;
        self.config = Some(config);
        self
    }

    /// The run's online checks (see [`crate::online::Session`]).
    pub fn online(mut self, session: std::sync::Arc<crate::online::Session>) -> Self {
        self.online = Some(session);
        self
    }

    /// The file's path, for the configuration's globs.
    pub fn path(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }
}

/// The findings of one file.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FileReport {
    /// The file: its name and text.
    pub source: SourceFile,
    /// The API of the file's requests when they all agree, else `None`.
    pub api: Option<Api>,
    /// The findings, by position in the file.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings of this file's requests placed in the files they were written in (a plan's
    /// resource on its attribute in the `.tf` file), one report per file.
    pub elsewhere: Vec<FileReport>,
}

impl FileReport {
    /// The file's text with every safe fix applied, as `reqlint check --fix` writes it (a fix
    /// whose edits overlap one already applied waits for the next run), and the findings it
    /// fixed, in file order; `None` when no finding has a fix.
    pub fn fixed(&self) -> Option<(String, Vec<&Diagnostic>)> {
        let mut fixes: Vec<_> = self
            .diagnostics
            .iter()
            .filter_map(|d| Some((d, d.fix.as_ref()?)))
            .filter(|(_, f)| !f.edits.is_empty())
            .collect();
        if fixes.is_empty() {
            return None;
        }
        // From the end of the file, so earlier offsets stay valid.
        fixes.sort_by_key(|(_, f)| std::cmp::Reverse(f.edits.iter().map(|e| e.span.offset).max()));
        let mut text = self.source.text().to_string();
        let mut limit = usize::MAX;
        let mut applied = Vec::new();
        for (d, fix) in fixes {
            if fix.edits.iter().any(|e| e.span.end() > limit) {
                continue;
            }
            text = fix.apply(&text);
            limit = fix
                .edits
                .iter()
                .map(|e| e.span.offset)
                .min()
                .unwrap_or(limit);
            applied.push(d);
        }
        applied.reverse();
        Some((text, applied))
    }

    /// The report's findings, each with the file it is in (see [`crate::diagnostic::Finding`]).
    pub fn findings(&self) -> impl Iterator<Item = crate::diagnostic::Finding<'_>> {
        self.diagnostics
            .iter()
            .map(|diagnostic| crate::diagnostic::Finding {
                diagnostic,
                source: &self.source,
            })
    }
}

/// Lints a request held as a `serde_json::Value` (as `lint_str` lints its text); spans and
/// lines refer to the value written as pretty JSON.
///
/// ```
/// let request = serde_json::json!({"name": "ims_test_file", "image_url": "ims-image:a.qcow2", "min_disk": 300});
/// let report = reqlint::lint_value(&request, reqlint::LintOptions::default());
/// assert_eq!(report.diagnostics[0].code, "IMS006");
/// ```
pub fn lint_value(value: &Value, options: LintOptions) -> FileReport {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    lint_input("<value>", Input::Text(&text), InputKind::Json, options)
}

/// Runs one rule (or the schema); a panic becomes an `RQL009` finding instead of taking the
/// other rules, the file and the run with it.
fn guarded(reporter: &mut Reporter, what: &str, check: impl FnOnce(&mut Reporter)) {
    let before = reporter.violations.len();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(reporter)));
    if outcome.is_err() {
        reporter.violations.truncate(before);
        reporter.for_rule("RQL009").report(
            Target::missing_in(""),
            format!("internal error in {what}: this request was not fully checked"),
        );
    }
}

/// Lints a file's bytes; `name` is what the output calls the file. Never panics: an internal
/// failure becomes an `RQL009` finding for this file.
pub fn lint_bytes(name: &str, bytes: &[u8], kind: InputKind, options: LintOptions) -> FileReport {
    lint_input(name, Input::Bytes(bytes), kind, options)
}

/// A file's contents: bytes to check for UTF-8, or text that already is (`lint_str`).
#[derive(Clone, Copy)]
enum Input<'a> {
    Bytes(&'a [u8]),
    Text(&'a str),
}

impl<'a> Input<'a> {
    fn bytes(self) -> &'a [u8] {
        match self {
            Input::Bytes(bytes) => bytes,
            Input::Text(text) => text.as_bytes(),
        }
    }
}

fn lint_input(name: &str, input: Input<'_>, kind: InputKind, options: LintOptions) -> FileReport {
    let Some(config) = options.config.clone() else {
        return lint_guarded(name, input, kind, options, &[]);
    };
    let path = options
        .path
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from(name));
    let options = LintOptions {
        api: options.api.or_else(|| config.api_for(&path)),
        ..options
    };
    let checks = config.checks_for(&path);
    let mut report = lint_guarded(name, input, kind, options, &checks);
    config.apply(&path, &mut report);
    report
}

fn lint_guarded(
    name: &str,
    input: Input<'_>,
    kind: InputKind,
    options: LintOptions,
    checks: &[Arc<OrgCheck>],
) -> FileReport {
    let run =
        std::panic::AssertUnwindSafe(|| lint_bytes_unguarded(name, input, kind, options, checks));
    std::panic::catch_unwind(run).unwrap_or_else(|_| FileReport {
        source: SourceFile::new(name, String::from_utf8_lossy(input.bytes()).into_owned()),
        api: None,
        diagnostics: vec![engine_finding(
            "RQL009",
            "internal error: this file was not checked".into(),
            Span::new(0, 0),
            None,
        )],
        elsewhere: Vec::new(),
    })
}

fn lint_bytes_unguarded(
    name: &str,
    input: Input<'_>,
    kind: InputKind,
    options: LintOptions,
    checks: &[Arc<OrgCheck>],
) -> FileReport {
    let bytes = input.bytes();
    let mut out = Vec::new();
    if bytes.len() > options.max_file_bytes {
        out.push(engine_finding(
            "RQL007",
            format!(
                "the file is {} bytes, more than the {} reqlint reads",
                bytes.len(),
                options.max_file_bytes
            ),
            Span::new(0, 0),
            None,
        ));
        return FileReport {
            source: SourceFile::new(name, ""),
            api: None,
            diagnostics: out,
            elsewhere: Vec::new(),
        };
    }
    let checked = match input {
        Input::Text(text) => Ok(text),
        Input::Bytes(bytes) => std::str::from_utf8(bytes),
    };
    let text = match checked {
        Ok(text) => text,
        Err(e) => {
            let at = e.valid_up_to();
            out.push(engine_finding(
                "RQL002",
                format!(
                    "the file is not valid UTF-8: byte 0x{:02x} at offset {at}",
                    bytes[at]
                ),
                Span::new(at, e.error_len().unwrap_or(1)),
                None,
            ));
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            return FileReport {
                source: SourceFile::new(name, lossy),
                api: None,
                diagnostics: out,
                elsewhere: Vec::new(),
            };
        }
    };
    let source = SourceFile::new(name, text);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // A file named without a known extension is a shell script by its first line.
    let kind = match kind {
        InputKind::Json if crate::frontend::shell::has_shell_shebang(text) => InputKind::Shell,
        // `aliyun ... --dryrun` or `hcloud ... --dryrun` output, saved or piped: the request it
        // prints.
        InputKind::Json if crate::frontend::http::dry_run(text).is_some() => InputKind::Http,
        // A ROS template piped without a name.
        InputKind::Json
            if !text.trim_start().starts_with(['{', '['])
                && crate::frontend::ros::may_be_template(text) =>
        {
            InputKind::Yaml
        }
        kind => kind,
    };
    // Where values are unknown, for suppression comments (see `crate::suppress`).
    let comments = crate::suppress::has_comments(text);
    let online = options
        .online
        .as_deref()
        .filter(|session| session.enabled_for(options.config.as_deref().map(|c| &c.online)));
    let mut elsewhere = Elsewhere {
        folder: options.folder.as_deref(),
        through: name,
        found: Vec::new(),
        unknown: comments.then(Vec::new),
        online,
        checks,
    };
    let mut apis = Vec::new();
    if bom > 0 && matches!(kind, InputKind::Json | InputKind::Jsonc) {
        let mut d = engine_finding(
            "RQL011",
            "the file starts with a UTF-8 byte-order mark".into(),
            Span::new(0, bom),
            None,
        );
        d.fix = Some(Fix {
            title: "remove the byte-order mark".into(),
            edits: vec![Edit {
                span: Span::new(0, bom),
                replacement: String::new(),
            }],
        });
        out.push(d);
    }
    let file_name = std::path::Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(name);
    match crate::frontend::read(
        kind,
        file_name,
        &text[bom..],
        options.api,
        options.folder.as_deref(),
    ) {
        Ok(found) => {
            let lint = |found: Found<'_>| {
                let mut here = Vec::new();
                let mut elsewhere = Elsewhere {
                    folder: options.folder.as_deref(),
                    through: name,
                    found: Vec::new(),
                    unknown: comments.then(Vec::new),
                    online,
                    checks,
                };
                let api = match found {
                    Found::Body {
                        text,
                        offset,
                        dialect,
                        api,
                        index,
                        cloud,
                        target,
                    } => lint_body(
                        text,
                        bom + offset,
                        dialect,
                        api,
                        &Place {
                            request: index,
                            cloud,
                            online: elsewhere.online,
                            target: target.map(|(t, at)| (t, bom + at)),
                            checks,
                            ..Place::default()
                        },
                        &mut here,
                        &mut elsewhere,
                    ),
                    Found::Request(r) => {
                        check_requests(vec![*r], bom, &mut here, &mut elsewhere)[0]
                    }
                };
                (api, here, elsewhere.found, elsewhere.unknown)
            };
            // A file of many requests is linted on all cores; order is restored below.
            let results: Vec<_> = if found.len() >= 64 {
                use rayon::prelude::*;
                found.into_par_iter().map(lint).collect()
            } else {
                found.into_iter().map(lint).collect()
            };
            for (api, here, placed, unknown) in results {
                apis.push(api);
                out.extend(here);
                elsewhere.found.extend(placed);
                if let (Some(all), Some(these)) = (&mut elsewhere.unknown, unknown) {
                    all.extend(these);
                }
            }
        }
        Err(e) => out.push(engine_finding(
            e.code,
            e.message,
            Span::new(bom + e.span.offset, e.span.length),
            None,
        )),
    }
    let api = common_api(&apis);
    // A cloud that validates strict JSON rejects the body outright (nova answers 400).
    if let Some(api) = api.filter(|a| a.strict_json()) {
        for d in out.iter_mut().filter(|d| d.code == "RQL011") {
            d.severity = Severity::Error;
            d.message = format!("{}, which `{api}` rejects with HTTP 400", d.message);
            d.api = Some(api);
        }
    }
    let unknown = elsewhere.unknown.take();
    let mut elsewhere = elsewhere.into_reports();
    if comments {
        crate::suppress::apply(&source, &mut out, unknown.as_deref(), checks);
    }
    // In the files findings are placed in (a plan's `.tf` files), where values are not known
    // here: comments suppress, and none is reported as unused.
    for other in &mut elsewhere {
        if crate::suppress::has_comments(other.source.text()) {
            crate::suppress::apply(&other.source, &mut other.diagnostics, None, checks);
        }
    }
    sort_findings(&mut out);
    FileReport {
        source,
        api,
        diagnostics: out,
        elsewhere,
    }
}

/// Lints one JSON request body of `api` whose members at `supplied` (top-level pointers) are
/// sent with values the text does not hold, as an SDK's client fills in `RegionId`: present,
/// and no finding rests on their value. For library callers reading a request from an SDK.
pub fn lint_supplied(
    name: &str,
    text: &str,
    api: Api,
    supplied: &[String],
    options: LintOptions,
) -> FileReport {
    let options = LintOptions {
        api: Some(api),
        ..options
    };
    if let Some(config) = options.config.clone() {
        let path = options
            .path
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from(name));
        let options = LintOptions {
            config: None,
            ..options
        };
        let checks = config.checks_for(&path);
        let mut report = supplied_with(name, text, api, supplied, options, &checks);
        config.apply(&path, &mut report);
        return report;
    }
    supplied_with(name, text, api, supplied, options, &[])
}

/// `lint_supplied` with the organisation checks that apply to the file.
fn supplied_with(
    name: &str,
    text: &str,
    api: Api,
    supplied: &[String],
    options: LintOptions,
    checks: &[Arc<OrgCheck>],
) -> FileReport {
    let mut body = match serde_json::from_str::<Value>(text) {
        Ok(body @ Value::Object(_)) => body,
        _ => return lint_guarded(name, Input::Text(text), InputKind::Json, options, checks),
    };
    let mut unknown = Vec::new();
    for pointer in supplied {
        if body.pointer(pointer).is_none() {
            crate::frontend::mapping::insert_at(
                &mut body,
                pointer,
                Value::String(crate::frontend::UNKNOWN.into()),
            );
            unknown.push(pointer.clone());
        }
    }
    let tree = match SpanTree::new(text) {
        Some(tree) if !unknown.is_empty() => tree,
        _ => return lint_guarded(name, Input::Text(text), InputKind::Json, options, checks),
    };
    let request = crate::frontend::Request {
        api,
        body,
        locator: Box::new(tree),
        unknown,
        ..crate::frontend::Request::empty()
    };
    let mut out = Vec::new();
    let online = options
        .online
        .as_deref()
        .filter(|session| session.enabled_for(options.config.as_deref().map(|c| &c.online)));
    let mut elsewhere = Elsewhere {
        folder: None,
        through: name,
        found: Vec::new(),
        unknown: None,
        online,
        checks,
    };
    let apis = check_requests(vec![request], 0, &mut out, &mut elsewhere);
    sort_findings(&mut out);
    FileReport {
        source: SourceFile::new(name, text),
        api: apis.first().copied().flatten(),
        diagnostics: out,
        elsewhere: Vec::new(),
    }
}

/// Lints one request body held in a string (a `.json` file's text), for library callers.
pub fn lint_str(body: &str, options: LintOptions) -> Vec<Diagnostic> {
    lint_input("<string>", Input::Text(body), InputKind::Json, options).diagnostics
}

/// Lints one body that starts at byte `base` of its file. Returns the API it was linted as.
fn lint_body(
    body: &str,
    base: usize,
    dialect: Dialect,
    api: Option<Api>,
    place: &Place<'_>,
    out: &mut Vec<Diagnostic>,
    elsewhere: &mut Elsewhere<'_>,
) -> Option<Api> {
    let request = place.request;
    let trimmed_start = body.len() - body.trim_start().len();
    if body.trim().is_empty() {
        out.push(engine_finding(
            "RQL003",
            "the request body is empty".into(),
            Span::new(base + body.len(), 0),
            request,
        ));
        return api;
    }
    let parsed = match parse::parse(body, dialect) {
        Ok(parsed) => parsed,
        Err(e) => {
            let mut d = engine_finding(
                "RQL001",
                e.message,
                Span::new(base + e.span.offset, e.span.length),
                request,
            );
            if dialect == Dialect::Json && body.contains("//") {
                d.help = Some(
                    "remove the comment, or name the file `.jsonc` if it is meant to hold comments"
                        .into(),
                );
            }
            out.push(d);
            return api;
        }
    };
    if !parsed.value.is_object() {
        let span = Span::new(base + trimmed_start, body.trim().len());
        let kind = match parsed.value {
            Value::Array(_) => "an array",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            _ => "null",
        };
        out.push(engine_finding(
            "RQL004",
            format!("the request body is {kind}, not a JSON object"),
            span,
            request,
        ));
        return api;
    };

    // A KooCLI `--cli-jsonInput` file or an `aliyun --cli-dry-run-json` output holds a request
    // body inside a wrapper: that body is linted, where it is in the file.
    if let Value::Object(document) = &parsed.value
        && let Some((inner, by_wrapper)) =
            crate::frontend::wrapped::inner(document, elsewhere.through)
        && let Some(span) = SpanTree::new(body).and_then(|t| t.span(inner, Part::Value))
        && let Some(text) = body.get(span.offset..span.offset + span.length)
    {
        let api = api.or(by_wrapper);
        return lint_body(
            text,
            base + span.offset,
            dialect,
            api,
            place,
            out,
            elsewhere,
        );
    }

    // A Terraform plan (`terraform show -json`) or a `.tf.json` file holds requests; it is
    // not one.
    if let Value::Object(document) = &parsed.value
        && api.is_none()
    {
        if crate::frontend::terraform_plan::is_plan(document) {
            return lint_plan(body, base, document, out, elsewhere);
        }
        if crate::frontend::packer::is_template(document) {
            let requests = crate::frontend::packer::template_requests(body, document);
            return common_api(&check_requests(requests, base, out, elsewhere));
        }
        if crate::frontend::packer::is_hcl_json(document) {
            let requests = crate::frontend::packer::hcl_json_requests(body, document);
            return common_api(&check_requests(requests, base, out, elsewhere));
        }
        if crate::frontend::terraform_json::is_configuration(document) {
            let requests = crate::frontend::terraform_json::requests(body, document);
            return common_api(&check_requests(requests, base, out, elsewhere));
        }
        if crate::frontend::ros::is_template(document) {
            return match crate::frontend::ros::requests(body) {
                Ok(requests) => common_api(&check_requests(requests, base, out, elsewhere)),
                Err(e) => {
                    let span = Span::new(base + e.span.offset, e.span.length);
                    out.push(engine_finding(e.code, e.message, span, request));
                    None
                }
            };
        }
    }
    check_object(
        &parsed.value,
        parsed.has_duplicates,
        parsed.has_null_members,
        || SpanTree::of_parsed(body, &parsed).map(|t| Box::new(t) as Box<dyn Locator + '_>),
        base,
        api,
        place,
        out,
    )
}

/// The API of a file's requests when they all agree, else `None`.
fn common_api(apis: &[Option<Api>]) -> Option<Api> {
    match apis.split_first() {
        Some((first, rest)) if rest.iter().all(|a| a == first) => *first,
        _ => None,
    }
}

/// Checks the requests a front-end found in a file whose text starts at byte `base`. Returns
/// the API of each.
fn check_requests(
    requests: Vec<crate::frontend::Request<'_>>,
    base: usize,
    out: &mut Vec<Diagnostic>,
    elsewhere: &mut Elsewhere<'_>,
) -> Vec<Option<Api>> {
    requests
        .into_iter()
        .map(|mut r| {
            if let Some(file) = r.file.take() {
                // Located in another file: offsets are that file's, and the finding says
                // which file it was found through.
                let mut found = Vec::new();
                let message = r
                    .through
                    .take()
                    .unwrap_or_else(|| format!("as planned in `{}`", elsewhere.through));
                let api = check_requests(vec![r], 0, &mut found, elsewhere)[0];
                for d in &mut found {
                    d.labels.push(Label {
                        pointer: d.pointer.clone(),
                        span: d.span,
                        message: message.clone(),
                    });
                }
                elsewhere.found.push((file, found));
                return api;
            }
            if let Some(api) = r.uncovered {
                let span = r.locator.span("", Part::Open).unwrap_or_default();
                let mut d = engine_finding(
                    "RQL015",
                    format!(
                        "this resource creates an image through {api}, which reqlint does not check"
                    ),
                    Span::new(base + span.offset, span.length),
                    r.index,
                );
                d.resource = r.resource;
                out.push(d);
                return None;
            }
            if let Some(unknown) = &mut elsewhere.unknown {
                let mut spans: Vec<Span> = r
                    .unknown
                    .iter()
                    .chain(&r.uncertain)
                    .filter_map(|p| r.locator.span(p, Part::Value))
                    .collect();
                // Flags whose names are unknown: any member may be there.
                if r.open {
                    spans.extend(r.locator.span("", Part::Open));
                }
                unknown.extend(
                    spans
                        .into_iter()
                        .map(|s| Span::new(base + s.offset, s.length)),
                );
            }
            for fault in &r.faults {
                let span = Span::new(base + fault.span.offset, fault.span.length);
                let mut d = engine_finding(fault.code, fault.message.clone(), span, r.index);
                d.help = Some(fault.help.clone());
                d.pointer = fault.pointer.clone();
                d.api = Some(r.api);
                d.resource = r.resource.clone();
                out.push(d);
            }
            let start = out.len();
            let api = check_object(
                &r.body,
                r.duplicates,
                true,
                || Some(r.locator),
                base,
                Some(r.api),
                &Place {
                    request: r.index,
                    resource: r.resource.as_deref(),
                    unknown: &r.unknown,
                    implied: &r.implied,
                    uncertain: &r.uncertain,
                    names: r.names.as_ref(),
                    open: r.open,
                    cloud: r.cloud,
                    partial: &r.partial,
                    online: elsewhere.online,
                    target: None,
                    checks: elsewhere.checks,
                },
                out,
            );
            // A request written in a module this file calls: only what this file supplies
            // is its to report (the rest when the module is linted).
            if let Some(supplied) = &r.supplied {
                let mine = crate::frontend::Unknown::new(supplied);
                let mut i = 0;
                out.retain(|d| {
                    i += 1;
                    i <= start || mine.covers(&d.pointer)
                });
            }
            // Members another file writes: their findings are that file's.
            if !r.excluded.is_empty() {
                let theirs = crate::frontend::Unknown::new(&r.excluded);
                let mut i = 0;
                out.retain(|d| {
                    i += 1;
                    i <= start || !theirs.covers(&d.pointer)
                });
            }
            api
        })
        .collect()
}

/// Lints the image resources a Terraform plan creates. Returns their API when they share one.
fn lint_plan(
    text: &str,
    base: usize,
    document: &serde_json::Map<String, Value>,
    out: &mut Vec<Diagnostic>,
    elsewhere: &mut Elsewhere<'_>,
) -> Option<Api> {
    use crate::frontend::terraform_plan;
    if let Some(message) = terraform_plan::unsupported(document) {
        let span = SpanTree::new(text)
            .and_then(|t| t.span("/format_version", Part::Value))
            .unwrap_or_default();
        out.push(engine_finding(
            "RQL013",
            message,
            Span::new(base + span.offset, span.length),
            None,
        ));
        return None;
    }
    common_api(&check_requests(
        terraform_plan::requests(text, document, elsewhere.folder),
        base,
        out,
        elsewhere,
    ))
}

/// Findings of the linted file's requests that are placed in other files (a plan's resource in
/// the `.tf` file that configures it), and what locates them.
struct Elsewhere<'f> {
    /// The linted file's folder.
    folder: Option<&'f crate::frontend::folder::Folder>,
    /// The linted file's name, which each such finding names.
    through: &'f str,
    found: Vec<(SourceFile, Vec<Diagnostic>)>,
    /// Where the linted file holds values that are not known before the request is sent,
    /// collected only when the file has suppression comments (`crate::suppress`).
    unknown: Option<Vec<Span>>,
    /// The online checks, when they are on for this file.
    online: Option<&'f crate::online::Session>,
    /// The organisation checks that apply to the linted file.
    checks: &'f [Arc<OrgCheck>],
}

impl Elsewhere<'_> {
    /// One report per file, in name order, each sorted as a file's findings are.
    fn into_reports(self) -> Vec<FileReport> {
        let mut by_file: Vec<FileReport> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (source, found) in self.found {
            match index.get(source.name()) {
                Some(&i) => by_file[i].diagnostics.extend(found),
                None => {
                    index.insert(source.name().to_string(), by_file.len());
                    by_file.push(FileReport {
                        source,
                        api: None,
                        diagnostics: found,
                        elsewhere: Vec::new(),
                    });
                }
            }
        }
        for r in &mut by_file {
            sort_findings(&mut r.diagnostics);
            let apis: Vec<_> = r.diagnostics.iter().map(|d| d.api).collect();
            r.api = common_api(&apis);
        }
        by_file.sort_by(|a, b| a.source.name().cmp(b.source.name()));
        by_file
    }
}

/// Sorts a file's findings by position, and reports a finding once however many ways lead to
/// it (the instances of a module called with `count`).
fn sort_findings(found: &mut Vec<Diagnostic>) {
    found.sort_by(|a, b| {
        (a.span.offset, a.code, &a.message).cmp(&(b.span.offset, b.code, &b.message))
    });
    found.dedup_by(|a, b| a.span == b.span && a.code == b.code && a.message == b.message);
}

/// What the engine knows of a request besides its body: which request of the file it is, what
/// the file calls it, and which members hold a value not known before it is sent.
#[derive(Default)]
struct Place<'a> {
    request: Option<usize>,
    resource: Option<&'a str>,
    unknown: &'a [String],
    /// Members the tool sends that the file does not write: only errors are reported there.
    implied: &'a [String],
    /// Members that may not be sent at all: nothing is reported on them.
    uncertain: &'a [String],
    /// How the file names members (pointer -> name as written), asked for only when there is
    /// something to report.
    names: Option<&'a crate::frontend::Names>,
    /// The request may hold members the file does not show: nothing is reported as missing.
    open: bool,
    /// The cloud the request targets, when the file shows it (`crate::cloud`).
    cloud: Option<&'a str>,
    /// Strings whose literal parts are known and other parts not: checked for what the known
    /// parts decide.
    partial: &'a [crate::frontend::Partial],
    /// The online checks, when they are on for this file.
    online: Option<&'a crate::online::Session>,
    /// The request line's target (URL) and its offset in the file, when the file shows it.
    target: Option<(&'a str, usize)>,
    /// The organisation checks that apply to the file (`crate::checks`).
    checks: &'a [Arc<OrgCheck>],
}

/// Checks one parsed request (from a JSON body or a query string) and reports its findings;
/// `locator` is built only when there is something to report. Returns the API it was checked
/// as.
#[allow(clippy::too_many_arguments)]
fn check_object<'t>(
    body_value: &Value,
    has_duplicates: bool,
    may_have_nulls: bool,
    locator: impl FnOnce() -> Option<Box<dyn Locator + 't>>,
    base: usize,
    api: Option<Api>,
    place: &Place<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Api> {
    let request = place.request;
    // `null` members are absent (DECISIONS): SDKs and Terraform send `"image_tags": null`.
    // Not to a cloud that validates strict JSON (nova): there `null` is checked as a value.
    // A parsed body says whether it has a `null` member; others are looked through.
    let without_nulls = if may_have_nulls {
        strip_nulls(body_value)
    } else {
        None
    };
    let (stripped, nulls) = match &without_nulls {
        Some((value, nulls)) => (value, nulls.as_slice()),
        None => (body_value, &[][..]),
    };
    let Value::Object(object) = stripped else {
        return api;
    };
    let mut reporter = Reporter::default();
    // Which API: given, or detected. A body that names no API is not a create-image request
    // (`package.json`, `tsconfig.json`): no finding. One that fits several gets RQL006, and
    // what is true under every candidate is still reported.
    let candidates: Vec<Api> = match api {
        Some(api) => vec![api],
        None => match detect::from_body(object) {
            Detection::Found(api) => vec![api],
            Detection::Ambiguous(apis) => {
                let ids: Vec<String> = apis.iter().map(|a| format!("`{a}`")).collect();
                reporter.for_rule("RQL006").report(
                    Target::missing_in(""),
                    format!(
                        "cannot tell which API this request is for: it fits {}",
                        ids.join(" and ")
                    ),
                );
                apis
            }
            Detection::Unknown => Vec::new(),
        },
    };
    let api = match candidates.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let (body_value, object, nulls) = match (api, body_value) {
        (Some(api), Value::Object(whole)) if api.strict_json() => (body_value, whole, &[][..]),
        _ => (stripped, object, nulls),
    };
    // Some APIs have a canonical form the rules read (Alibaba's flattened parameters).
    let normalised = api
        .and_then(rules::normaliser)
        .and_then(|normalise| normalise(object));
    let written_object = object;
    let (value, object) = match &normalised {
        Some(n) => (&n.value, n.value.as_object().unwrap_or(object)),
        None => (body_value, object),
    };
    let run = |value: &Value, object: &serde_json::Map<String, Value>| -> Vec<Violation> {
        let mut agreed: Option<Vec<Violation>> = None;
        for &candidate in &candidates {
            let mut found = Reporter::default();
            if let Some(schema) = schema::for_api(candidate) {
                guarded(&mut found, "schema", |r| schema.check(value, r));
            }
            let mut ctx = Ctx::new(candidate, object);
            ctx.cloud = place.cloud;
            for &(code, check) in rules::checks_for(candidate) {
                guarded(&mut found, code, |r| check(&ctx, r.for_rule(code)));
            }
            if !place.checks.is_empty() {
                let (unknown, uncertain) = (
                    crate::frontend::Unknown::new(place.unknown),
                    crate::frontend::Unknown::new(place.uncertain),
                );
                let not_known = |p: &str| unknown.covers(p) || uncertain.covers(p);
                let images = crate::checks::Images::of(candidate, value);
                for check in place.checks {
                    guarded(&mut found, check.id, |r| {
                        check.run(candidate, value, &images, &not_known, place.open, r)
                    });
                }
            }
            agreed = Some(match agreed {
                None => found.violations,
                Some(before) => {
                    let now: std::collections::BTreeSet<&Violation> =
                        found.violations.iter().collect();
                    before.into_iter().filter(|v| now.contains(v)).collect()
                }
            });
        }
        agreed.unwrap_or_default()
    };
    // Partly known text is checked in the request with its unknown parts filled short: one run
    // of the rules finds what the known parts may decide (`partly_known` tries the other
    // fillings only when it finds something), and findings on those members are dropped below
    // as on any unknown member.
    let text_members = match api {
        Some(api) if !place.partial.is_empty() => text_partials(api, place),
        _ => Vec::new(),
    };
    let main = match (api, text_members.is_empty()) {
        (Some(api), false) => run_filled(api, written_object, &text_members, FILLINGS[0], &run),
        _ => run(value, object),
    };
    reporter.violations.extend(main.iter().cloned());
    let partial = match api {
        Some(api) if !text_members.is_empty() => {
            partly_known(api, place, written_object, &run, &text_members, main)
        }
        _ => Vec::new(),
    };
    let mut online_found = Vec::new();
    // APIs whose packs name the same online checker ask the cloud the same things (both Huawei
    // IMS APIs): an ambiguous request between them is still checked online.
    let online_api = api.or_else(|| {
        let checker = |a: &Api| a.pack().online.as_deref();
        let first = candidates.first().and_then(checker)?;
        candidates
            .iter()
            .all(|a| checker(a) == Some(first))
            .then(|| candidates[0])
    });
    if let (Some(session), Some(api)) = (place.online, online_api) {
        online_found = check_online(session, api, object, place, &mut reporter);
    }
    out.extend(online_found.iter().cloned());
    if reporter.violations.is_empty() && partial.is_empty() && !has_duplicates {
        return api;
    }

    // Something to report: now, and only now, build what knows where things are.
    let Some(tree) = locator() else {
        return api;
    };
    let locate = |target: &Target| -> Span {
        let moved = normalised.as_ref().and_then(|n| n.locate(target));
        let target = moved.as_ref().unwrap_or(target);
        let span = tree
            .span(&target.pointer, target.part)
            .or_else(|| tree.span("", Part::Open))
            .unwrap_or(Span::new(0, 0));
        Span::new(base + span.offset, span.length)
    };
    for dup in tree.duplicates() {
        let pointer = crate::pointer::push(&dup.pointer, &dup.name);
        let mut d = engine_finding(
            "RQL005",
            format!("member `{}` appears twice in the same object", dup.name),
            Span::new(base + dup.repeat.offset, dup.repeat.length),
            request,
        );
        d.pointer = pointer.clone();
        d.labels.push(Label {
            pointer,
            span: Span::new(base + dup.first.offset, dup.first.length),
            message: "first defined here".into(),
        });
        out.push(d);
    }
    let mut violations = reporter.violations;
    violations.sort();
    violations.dedup();
    let mut violations = one_finding_per_mistake(violations);
    if !place.implied.is_empty() {
        let implied: ahash::AHashSet<&str> = place.implied.iter().map(String::as_str).collect();
        violations.retain(|v| {
            !implied.contains(v.target.pointer.as_str())
                || severity_of(v.code, place.checks) == Some(crate::Severity::Error)
        });
    }
    // No finding rests on a value that is not known before the request is sent. A finding on
    // a member's name rests on its presence, which is known.
    if !place.unknown.is_empty() || !place.uncertain.is_empty() {
        let (unknown, uncertain) = (
            crate::frontend::Unknown::new(place.unknown),
            crate::frontend::Unknown::new(place.uncertain),
        );
        let unknown = |t: &Target| {
            (t.part != Part::Key && unknown.covers(&t.pointer)) || uncertain.covers(&t.pointer)
        };
        violations.retain(|v| !unknown(&v.target) && !v.labels.iter().any(|(t, _)| unknown(t)));
    }
    if place.open {
        violations.retain(|v| v.target.part != Part::Open);
    }
    violations.extend(partial);
    // A required member written as `null` is missing: say so, where the `null` is.
    let nulls: ahash::AHashSet<&str> = nulls.iter().map(String::as_str).collect();
    for v in &mut violations {
        let Some(name) = &v.missing else { continue };
        let at = crate::pointer::push(&v.target.pointer, name);
        if nulls.contains(at.as_str()) {
            v.message = format!("{} (it is `null`, which counts as absent)", v.message);
            v.target = Target::value(at);
        }
    }
    // Findings name members as the user wrote them (`Tag.3.Key`, not `Tag[2].Key`; a
    // Terraform attribute, not the API member it becomes).
    let mut written = normalised
        .as_ref()
        .map(|n| n.written_names())
        .unwrap_or_default();
    if let Some(names) = place.names {
        written.extend(
            names(body_value)
                .into_iter()
                .map(|(pointer, name)| (crate::pointer::display_path(&pointer), name)),
        );
    }
    let names = WrittenNames::new(written);
    if !names.is_empty() {
        for v in &mut violations {
            v.message = names.apply(&v.message);
            v.help = v.help.as_deref().map(|h| names.apply(h));
            for (_, label) in &mut v.labels {
                *label = names.apply(label);
            }
        }
    }
    for v in violations {
        // A fix names canonical members; in the document a member may be written flattened
        // (`/Tag/0/key` is the parameter `Tag.1.key`).
        let written = |pointer: &str| -> String {
            normalised
                .as_ref()
                .and_then(|n| n.moved.get(pointer))
                .cloned()
                .unwrap_or_else(|| pointer.to_string())
        };
        let fix = v
            .fix
            .as_ref()
            .filter(|_| tree.editable())
            .and_then(|(title, action)| {
                let mut title = title.clone();
                let edit = match action {
                    FixAction::RenameMember { pointer, to } => {
                        let at = written(pointer);
                        // `Tag.1.key` renamed to `Key` is `Tag.1.Key`, and the title says so.
                        let old = crate::pointer::last_token(pointer)?;
                        let name = crate::pointer::last_token(&at)?;
                        let new_name = match name.strip_suffix(old.as_str()) {
                            Some(prefix) if at != *pointer => {
                                title = format!("rename `{name}` to `{prefix}{to}`");
                                format!("{prefix}{to}")
                            }
                            _ => to.clone(),
                        };
                        Edit {
                            span: tree.span(&at, Part::Key)?,
                            replacement: tree.write_name(&new_name),
                        }
                    }
                    FixAction::RemoveMember { pointer } => Edit {
                        span: tree.member_removal(&written(pointer))?,
                        replacement: String::new(),
                    },
                    FixAction::ReplaceValue { pointer, json } => Edit {
                        span: tree.span(&written(pointer), Part::Value)?,
                        replacement: tree.write_value(json),
                    },
                };
                Some(Fix {
                    title,
                    edits: vec![Edit {
                        span: Span::new(base + edit.span.offset, edit.span.length),
                        ..edit
                    }],
                })
            });
        // A member the document does not hold where the rule saw it (a flattened parameter)
        // has no span in the tree, so it gets no fix.
        let origin = tree.origin(&v.target.pointer);
        let mut d = to_diagnostic(v, &locate, request, place.checks);
        if let Some((span, message)) = origin {
            d.labels.push(Label {
                pointer: d.pointer.clone(),
                span: Span::new(base + span.offset, span.length),
                message,
            });
        }
        d.fix = fix;
        d.api = api;
        d.resource = place.resource.map(str::to_string);
        out.push(d);
    }
    api
}

/// How the unknown parts of partly known text are filled, hole by hole (each hole its own
/// text, so that two never agree by chance): short, empty, long.
const FILLINGS: [fn(usize) -> String; 3] = [
    |i| format!("a{i}"),
    |_| String::new(),
    |i| format!("b{i:07}"),
];

/// The partly known members of a request that are free text (`x-text` in its API's schema).
fn text_partials<'p>(api: Api, place: &Place<'p>) -> Vec<&'p crate::frontend::Partial> {
    let Some(schema) = schema::for_api(api) else {
        return Vec::new();
    };
    place
        .partial
        .iter()
        .filter(|p| schema.is_text(&p.pointer))
        .collect()
}

/// Each member's text with its unknown parts filled by `fill` (holes numbered across them).
fn filled_texts(members: &[&crate::frontend::Partial], fill: fn(usize) -> String) -> Vec<String> {
    let mut hole = 0;
    members
        .iter()
        .map(|member| {
            member
                .pieces
                .iter()
                .map(|piece| match piece {
                    Some(text) => text.clone(),
                    None => {
                        hole += 1;
                        fill(hole)
                    }
                })
                .collect()
        })
        .collect()
}

/// The rules run over the request with its partly known members filled by `fill`.
fn run_filled(
    api: Api,
    object: &serde_json::Map<String, Value>,
    members: &[&crate::frontend::Partial],
    fill: fn(usize) -> String,
    run: &Run<'_>,
) -> Vec<Violation> {
    let mut body = Value::Object(object.clone());
    for (member, text) in members.iter().zip(filled_texts(members, fill)) {
        crate::frontend::mapping::insert_at(&mut body, &member.pointer, Value::String(text));
    }
    let Value::Object(filled) = &body else {
        return Vec::new();
    };
    let normalised = rules::normaliser(api).and_then(|normalise| normalise(filled));
    match &normalised {
        Some(n) => run(&n.value, n.value.as_object().unwrap_or(filled)),
        None => run(&body, filled),
    }
}

/// The rules of a request's API run over a body (and its object).
type Run<'r> = dyn Fn(&Value, &serde_json::Map<String, Value>) -> Vec<Violation> + 'r;

/// What the known parts of a request's partly known strings already decide: the violations on
/// such a member that the rules find whatever fills its unknown parts. The unknown parts are
/// filled three ways (empty; short; long, each hole its own text so that two holes never
/// agree by chance), and only what all three bring is kept, its message showing the string as
/// written. Only free-text members (`x-text` in the API's schema) are checked so: a list of
/// known values (`os_version`) or an ID's format could be met by a value no filling tries.
fn partly_known(
    api: Api,
    place: &Place<'_>,
    object: &serde_json::Map<String, Value>,
    run: &Run<'_>,
    members: &[&crate::frontend::Partial],
    short: Vec<Violation>,
) -> Vec<Violation> {
    let pointers: Vec<String> = members.iter().map(|p| p.pointer.clone()).collect();
    let mine = crate::frontend::Unknown::new(&pointers);
    // Every other unknown member stays unknown.
    let others: Vec<String> = place
        .unknown
        .iter()
        .chain(place.uncertain)
        .filter(|u| !pointers.contains(u))
        .cloned()
        .collect();
    let others = crate::frontend::Unknown::new(&others);
    let on_members = |found: Vec<Violation>| -> Vec<Violation> {
        found
            .into_iter()
            .filter(|v| v.target.part != Part::Key && mine.covers(&v.target.pointer))
            .filter(|v| !v.labels.iter().any(|(t, _)| others.covers(&t.pointer)))
            .collect()
    };
    // The short filling (the request's own run) first: most partly known strings break no
    // rule with it, and then no other filling is tried.
    let mut kept = on_members(short);
    if kept.is_empty() {
        return Vec::new();
    }
    let shown: Vec<(String, &str)> = members
        .iter()
        .zip(filled_texts(members, FILLINGS[0]))
        .map(|(m, text)| (text, m.display.as_str()))
        .collect();
    for fill in &FILLINGS[1..] {
        let found = on_members(run_filled(api, object, members, *fill, run));
        // Kept as the short filling found it, when this filling finds it too.
        kept.retain(|v| {
            found
                .iter()
                .any(|o| o.code == v.code && o.target == v.target)
        });
        if kept.is_empty() {
            return Vec::new();
        }
    }
    let mut out = kept;
    for v in &mut out {
        for (filled, display) in &shown {
            if !filled.is_empty() {
                v.message = v.message.replace(filled.as_str(), display);
            }
        }
        // A fix would write a value for a string that is partly the tool's to fill.
        v.fix = None;
    }
    out
}

/// Asks the cloud about one request (`crate::online`): findings on members become violations
/// (located as any other), findings on the URL's path parameters are returned as diagnostics
/// located in the request line.
fn check_online(
    session: &crate::online::Session,
    api: Api,
    object: &serde_json::Map<String, Value>,
    place: &Place<'_>,
    reporter: &mut Reporter,
) -> Vec<Diagnostic> {
    use crate::online::At;
    let (unknown, uncertain) = (
        crate::frontend::Unknown::new(place.unknown),
        crate::frontend::Unknown::new(place.uncertain),
    );
    let whole = Value::Object(object.clone());
    let known = |pointer: &str| {
        !unknown.covers(pointer)
            && !uncertain.covers(pointer)
            && whole.pointer(pointer) != Some(&Value::String(crate::frontend::UNKNOWN.into()))
    };
    let params = place
        .target
        .map(|(target, _)| crate::frontend::http::path_params(target))
        .unwrap_or_default();
    let path: Vec<(&'static str, String)> = params
        .iter()
        .map(|(name, value, _)| (*name, value.clone()))
        .collect();
    let host = place
        .target
        .and_then(|(target, _)| url::Url::parse(target).ok())
        .and_then(|u| u.host_str().map(str::to_string));
    let has_error = reporter
        .violations
        .iter()
        .any(|v| rules::by_code(v.code).is_some_and(|r| r.severity == crate::Severity::Error));
    let request = crate::online::Request {
        api,
        body: object,
        known: &known,
        path: &path,
        host: host.as_deref(),
        complete: !place.open && !has_error,
    };
    let mut out = Vec::new();
    for f in session.check(&request) {
        match f.at {
            At::Member(pointer) if pointer.is_empty() => {
                reporter
                    .for_rule(f.code)
                    .report(Target::missing_in(""), f.message);
            }
            At::Member(pointer) => {
                reporter
                    .for_rule(f.code)
                    .report(Target::value(pointer), f.message);
            }
            At::Path(name) => {
                let Some((_, at)) = place.target else {
                    continue;
                };
                let Some((_, value, offset)) = params.iter().find(|(n, _, _)| *n == name) else {
                    continue;
                };
                let length = value.len();
                let mut d = engine_finding(
                    f.code,
                    f.message,
                    Span::new(at + offset, length),
                    place.request,
                );
                d.api = Some(api);
                d.resource = place.resource.map(str::to_string);
                out.push(d);
            }
        }
    }
    out
}

/// The body without its `null` members (at any depth), and their pointers; `None` when it
/// has none, which costs one walk and no copy.
fn strip_nulls(value: &Value) -> Option<(Value, Vec<String>)> {
    fn has_null_member(v: &Value) -> bool {
        match v {
            Value::Object(o) => o.values().any(|v| v.is_null() || has_null_member(v)),
            Value::Array(a) => a.iter().any(has_null_member),
            _ => false,
        }
    }
    fn strip(v: &Value, at: &str, nulls: &mut Vec<String>) -> Value {
        match v {
            Value::Object(o) => Value::Object(
                o.iter()
                    .filter_map(|(k, v)| {
                        let here = crate::pointer::push(at, k);
                        if v.is_null() {
                            nulls.push(here);
                            None
                        } else {
                            Some((k.clone(), strip(v, &here, nulls)))
                        }
                    })
                    .collect(),
            ),
            Value::Array(a) => Value::Array(
                a.iter()
                    .enumerate()
                    .map(|(i, v)| strip(v, &crate::pointer::push_index(at, i), nulls))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    if !has_null_member(value) {
        return None;
    }
    let mut nulls = Vec::new();
    let stripped = strip(value, "", &mut nulls);
    Some((stripped, nulls))
}

/// One mistake, one finding (DECISIONS): a rule that yields to a more specific one on the
/// same member stays quiet (`rules::yields`); and a missing member whose misspelt copy is in
/// the object (`regionId` for `RegionId`) is one finding: the missing member's, which keeps
/// its severity (the cloud rejects the request) and takes over the misspelling's label, help
/// and rename fix.
///
/// n log n in the findings: the findings others may yield to, and the rename fixes, are
/// indexed once; each finding asks the index about its own member, the members around it and
/// the range of those inside it, instead of comparing itself with every other finding.
fn one_finding_per_mistake(mut violations: Vec<Violation>) -> Vec<Violation> {
    use std::collections::{BTreeSet, HashMap};
    use std::ops::Bound;
    // The pointers of the findings of each code that some rule yields to.
    let mut at: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for w in &violations {
        if rules::yields().iter().any(|(_, to)| to.contains(&w.code)) {
            at.entry(w.code).or_default().insert(&w.target.pointer);
        }
    }
    // Whether a finding of `code` is on `pointer` itself, or (unless `exact`) inside it or
    // around it, the whole request aside.
    let reported = |code: &str, pointer: &str, exact: bool| -> bool {
        let Some(pointers) = at.get(code) else {
            return false;
        };
        if exact || pointers.contains(pointer) {
            return pointers.contains(pointer);
        }
        // Inside: the pointers that start with `pointer/`, a range of the ordered set (`0`
        // follows `/`).
        let inside = || {
            let (from, to) = (format!("{pointer}/"), format!("{pointer}0"));
            !pointer.is_empty()
                && pointers
                    .range::<str, _>((Bound::Included(from.as_str()), Bound::Excluded(to.as_str())))
                    .next()
                    .is_some()
        };
        let around = || {
            pointer
                .match_indices('/')
                .map(|(i, _)| &pointer[..i])
                .any(|outer| !outer.is_empty() && pointers.contains(outer))
        };
        inside() || around()
    };
    let mut drop: Vec<bool> = violations
        .iter()
        .map(|v| {
            rules::yields().iter().any(|(code, to)| {
                let any = *code == "*";
                (any || *code == v.code)
                    && to
                        .iter()
                        .any(|w| *w != v.code && reported(w, &v.target.pointer, any))
            })
        })
        .collect();
    // The findings that offer to rename a member of an object to a name, by (object, name),
    // in order: the first is the misspelling a missing member takes over.
    fn rename_key(v: &Violation) -> Option<(String, String)> {
        match &v.fix {
            Some((_, FixAction::RenameMember { pointer, to })) => Some((
                pointer.rsplit_once('/').map_or("", |(p, _)| p).to_string(),
                to.clone(),
            )),
            _ => None,
        }
    }
    let mut renames: HashMap<(String, String), BTreeSet<usize>> = HashMap::new();
    for (j, w) in violations.iter().enumerate() {
        if let Some(key) = rename_key(w) {
            renames.entry(key).or_default().insert(j);
        }
    }
    for i in 0..violations.len() {
        let Some(name) = violations[i].missing.clone() else {
            continue;
        };
        let key = (violations[i].target.pointer.clone(), name.clone());
        let misspelt = renames.get(&key).and_then(|js| js.first().copied());
        if let Some(j) = misspelt.filter(|j| !drop[*j]) {
            let spelt = violations[j].target.clone();
            let fix = violations[j].fix.clone();
            // The finding takes the rename over: it offers it from now on.
            if let Some(old) = rename_key(&violations[i])
                && let Some(js) = renames.get_mut(&old)
            {
                js.remove(&i);
            }
            let v = &mut violations[i];
            let written = crate::pointer::last_token(&spelt.pointer).unwrap_or_default();
            v.help = Some(format!(
                "the request has `{written}` instead: rename it to `{name}`"
            ));
            v.labels
                .push((spelt, format!("did you mean `{name}` here?")));
            v.fix = fix;
            if let Some(new) = rename_key(&violations[i]) {
                renames.entry(new).or_default().insert(i);
            }
            drop[j] = true;
        }
    }
    violations
        .into_iter()
        .zip(drop)
        .filter_map(|(v, drop)| (!drop).then_some(v))
        .collect()
}

/// The default severity of a rule or an organisation check.
fn severity_of(code: &str, checks: &[Arc<OrgCheck>]) -> Option<Severity> {
    rules::by_code(code)
        .map(|r| r.severity)
        .or_else(|| checks.iter().find(|c| c.id == code).map(|c| c.severity))
}

fn to_diagnostic(
    v: Violation,
    locate: &dyn Fn(&Target) -> Span,
    request: Option<usize>,
    checks: &[Arc<OrgCheck>],
) -> Diagnostic {
    // A built-in rule, or an organisation check (whose message and help are in the violation).
    let (code, name, severity, help, url, cloud_error) = match rules::by_code(v.code) {
        Some(rule) => (
            rule.code,
            rule.name,
            rule.severity,
            v.help.or_else(|| Some(rule.fix.to_string())),
            rule.url(),
            rule.cloud_error,
        ),
        None => {
            let check = checks
                .iter()
                .find(|c| c.id == v.code)
                .expect("reporters only stamp registered codes and checks");
            (
                check.id,
                check.name,
                check.severity,
                v.help,
                String::new(),
                None,
            )
        }
    };
    Diagnostic {
        code,
        name,
        severity,
        message: v.message,
        span: locate(&v.target),
        pointer: v.target.pointer,
        labels: v
            .labels
            .into_iter()
            .map(|(target, message)| Label {
                span: locate(&target),
                pointer: target.pointer,
                message,
            })
            .collect(),
        help,
        url,
        cloud_error,
        request,
        fix: None,
        api: None,
        resource: None,
    }
}

/// A finding of an engine rule (no pointer, no labels): the rule's severity, help and URL.
pub(crate) fn engine_finding(
    code: &'static str,
    message: String,
    span: Span,
    request: Option<usize>,
) -> Diagnostic {
    let rule = rules::by_code(code).expect("engine codes are registered");
    Diagnostic {
        code: rule.code,
        name: rule.name,
        severity: rule.severity,
        message,
        pointer: String::new(),
        span,
        labels: Vec::new(),
        help: Some(rule.fix.to_string()),
        url: rule.url(),
        cloud_error: rule.cloud_error,
        request,
        fix: None,
        api: None,
        resource: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_rule_becomes_an_internal_error_finding() {
        let mut reporter = Reporter::default();
        reporter
            .for_rule("HW001")
            .report(Target::value("/name"), "kept");
        guarded(&mut reporter, "IMS006", |r| {
            r.for_rule("IMS006").report(Target::value("/x"), "dropped");
            panic!("a bug");
        });
        let codes: Vec<_> = reporter.violations.iter().map(|v| v.code).collect();
        assert_eq!(codes, ["HW001", "RQL009"]);
        assert!(reporter.violations[1].message.contains("IMS006"));
    }
}
