//! Output formats. Every format reads the same `FileReport`s; none knows about rules.

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileReport;
use crate::source::SourceFile;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use serde::Serialize;
use std::fmt;

/// A finding as miette sees it: the diagnostic and the file it points into.
struct Rendered<'a> {
    d: &'a Diagnostic,
    source: &'a SourceFile,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("{}({})", self.d.code, self.d.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let mut help = self.d.help.clone()?;
        if let Some(fix) = &self.d.fix {
            help.push_str(&format!("\nfix (--fix): {}", fix.title));
        }
        if let Some(code) = self.d.cloud_error {
            help.push_str(&format!("\ncloud error: {code}"));
        }
        Some(Box::new(help))
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        // An organisation check has no documentation page.
        (!self.d.url.is_empty()).then(|| Box::new(&self.d.url) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // A request that is not the whole file says which one it is (`alicloud_image.web`);
        // a label on the very same bytes (a value from another file) joins its text.
        let mut text: Vec<String> = self.d.resource.iter().map(|r| format!("in {r}")).collect();
        text.extend(
            self.d
                .labels
                .iter()
                .filter(|l| l.span == self.d.span)
                .map(|l| l.message.clone()),
        );
        let primary = LabeledSpan::new_primary_with_span(
            (!text.is_empty()).then(|| text.join("; ")),
            (self.d.span.offset, self.d.span.length),
        );
        let related = self
            .d
            .labels
            .iter()
            .filter(|l| l.span != self.d.span)
            .map(|l| {
                LabeledSpan::new_with_span(Some(l.message.clone()), (l.span.offset, l.span.length))
            });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// Options of the human format.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// ANSI colours.
    pub color: bool,
    /// The terminal's width, for wrapping.
    pub width: usize,
}

/// Lines longer than this are not quoted in a snippet: the finding is shown on one line.
const LONGEST_QUOTED_LINE: usize = 2000;

/// miette's graphical report of every finding of a file.
pub fn human(report: &FileReport, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Lines break between words only: never inside `huawei-ims-create-whole-image` or a URL.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for d in &report.diagnostics {
        let rendered = Rendered {
            d,
            source: &report.source,
        };
        let too_long = std::iter::once(d.span.offset)
            .chain(d.labels.iter().map(|l| l.span.offset))
            .any(|at| report.source.line_len_at(at) > LONGEST_QUOTED_LINE);
        if too_long || handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&concise_line(report, d));
            if let Some(help) = &d.help {
                out.push_str(&format!("  help: {help}\n"));
            }
            if too_long {
                out.push_str("  (the line is too long to quote)\n");
            }
        }
        out.push('\n');
    }
    out
}

fn concise_line(report: &FileReport, d: &Diagnostic) -> String {
    let (line, column) = report.source.line_col(d.span.offset);
    let resource = d
        .resource
        .as_ref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    format!(
        "{}:{line}:{column}: {}[{}] {}{}{resource}\n",
        report.source.name(),
        d.severity,
        d.code,
        if d.fix.is_some() { "[*] " } else { "" },
        d.message
    )
}

/// One line per finding: `path:line:column: severity[CODE] message`.
pub fn concise(report: &FileReport) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| concise_line(report, d))
        .collect()
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Findings by severity.
    pub warnings: usize,
    /// Findings by severity.
    pub advice: usize,
    /// Findings with a safe fix (`--fix` applies them). Not part of the JSON output's summary.
    #[serde(skip)]
    pub fixable: usize,
}

impl Summary {
    /// The counts of a run's reports.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            s.fixable += usize::from(d.fix.is_some());
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Advice => s.advice += 1,
            }
        }
        s
    }
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    api: Option<&'static str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    pointer: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cloud_error: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<usize>,
    api: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

/// A finding's safe fix: what it does, and its edits in bytes of the reported file.
#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    offset: usize,
    length: usize,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    pointer: &'a str,
    line: usize,
    column: usize,
    offset: usize,
    length: usize,
    message: &'a str,
}

/// The JSON output's diagnostic object of `d`, a finding in `source`.
fn json_diagnostic<'a>(d: &'a crate::Diagnostic, source: &SourceFile) -> JsonDiagnostic<'a> {
    let (line, column) = source.line_col(d.span.offset);
    let (end_line, end_column) = source.line_col(d.span.end());
    JsonDiagnostic {
        code: d.code,
        name: d.name,
        severity: d.severity,
        message: &d.message,
        pointer: &d.pointer,
        line,
        column,
        end_line,
        end_column,
        offset: d.span.offset,
        length: d.span.length,
        help: d.help.as_deref(),
        url: &d.url,
        cloud_error: d.cloud_error,
        request: d.request,
        api: d.api.map(|a| a.as_str()),
        resource: d.resource.as_deref(),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let (line, column) = source.line_col(l.span.offset);
                JsonLabel {
                    pointer: &l.pointer,
                    line,
                    column,
                    offset: l.span.offset,
                    length: l.span.length,
                    message: &l.message,
                }
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            message: &f.title,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    offset: e.span.offset,
                    length: e.span.length,
                    content: &e.replacement,
                })
                .collect(),
        }),
    }
}

impl serde::Serialize for crate::diagnostic::Finding<'_> {
    /// Exactly the JSON output's diagnostic object.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        json_diagnostic(self.diagnostic, self.source).serialize(serializer)
    }
}

/// The `--format json` document of docs/spec/interface.md.
pub fn json(reports: &[FileReport]) -> String {
    let files = reports
        .iter()
        .map(|r| JsonFile {
            path: r.source.name(),
            api: r.api.map(|a| a.as_str()),
            diagnostics: r
                .diagnostics
                .iter()
                .map(|d| json_diagnostic(d, &r.source))
                .collect(),
        })
        .collect();
    let out = JsonOutput {
        version: 1,
        files,
        summary: Summary::of(reports),
    };
    serde_json::to_string_pretty(&out).expect("plain data serialises") + "\n"
}

/// The notes of a run (clouds that online checks could not ask) added to its JSON or SARIF
/// output (`out`): the JSON output's `notes` (a list of texts), a SARIF run's tool execution
/// notifications (level `note`). Nothing changes when there are none.
pub fn with_notes(out: String, notes: &[String], sarif: bool) -> String {
    if notes.is_empty() {
        return out;
    }
    let Ok(mut document) = serde_json::from_str::<serde_json::Value>(&out) else {
        return out;
    };
    if sarif {
        let notifications: Vec<serde_json::Value> = notes
            .iter()
            .map(|n| serde_json::json!({ "level": "note", "message": { "text": n } }))
            .collect();
        if let Some(run) = document["runs"].get_mut(0) {
            run["invocations"] = serde_json::json!([{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }]);
        }
    } else if let Some(object) = document.as_object_mut() {
        object.insert("notes".into(), notes.into());
    }
    serde_json::to_string_pretty(&document).expect("plain data serialises") + "\n"
}

/// `--format github`: GitHub Actions workflow commands, one per finding.
pub fn github(report: &FileReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let (line, col) = report.source.line_col(d.span.offset);
        let (end_line, end_col) = report.source.line_col(d.span.end());
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "notice",
        };
        out.push_str(&format!(
            "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
            escape_property(report.source.name()),
            escape_property(&format!("{} {}", d.code, d.name)),
            escape_data(&d.message),
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `--format sarif`: one SARIF 2.1.0 log for the whole run, as GitHub code scanning takes it.
pub fn sarif(reports: &[FileReport]) -> String {
    use serde_json::json;
    let mut fired: Vec<&'static str> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.code))
        .collect();
    fired.sort_unstable();
    fired.dedup();
    let rules: Vec<_> = fired
        .iter()
        .filter_map(|code| match crate::rules::by_code(code) {
            Some(r) => Some(json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.why },
                "help": { "text": r.fix },
                "helpUri": r.url(),
                "defaultConfiguration": { "level": sarif_level(r.severity) },
            })),
            // An organisation check: described by its first finding.
            None => {
                let d = reports
                    .iter()
                    .flat_map(|r| &r.diagnostics)
                    .find(|d| d.code == *code)?;
                let mut rule = json!({
                    "id": d.code,
                    "name": d.name,
                    "shortDescription": { "text": d.message },
                    "defaultConfiguration": { "level": sarif_level(d.severity) },
                });
                if let Some(help) = &d.help {
                    rule["help"] = json!({ "text": help });
                }
                Some(rule)
            }
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let uri = artifact_uri(report.source.name());
        for d in &report.diagnostics {
            let region = |offset: usize, length: usize| {
                let (start_line, start_column) = report.source.line_col(offset);
                let (end_line, end_column) = report.source.line_col(offset + length);
                json!({
                    "startLine": start_line, "startColumn": start_column,
                    "endLine": end_line, "endColumn": end_column,
                })
            };
            let location = |region| {
                json!({ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region,
                }})
            };
            let related: Vec<_> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = location(region(l.span.offset, l.span.length));
                    loc["id"] = json!(i);
                    loc["message"] = json!({ "text": l.message });
                    loc
                })
                .collect();
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!(". Help: {help}"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": fired.binary_search(&d.code).unwrap_or(0),
                "level": sarif_level(d.severity),
                "message": { "text": message },
                "locations": [location(region(d.span.offset, d.span.length))],
                // Rule, file and JSON Pointer: stable when lines move, unlike a line hash.
                "partialFingerprints": {
                    "reqlintPointer/v1": fingerprint(&[d.code, &uri, &d.pointer, &d.request.unwrap_or(0).to_string()]),
                },
            });
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<_> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(e.span.offset, e.span.length),
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": replacements,
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "reqlint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/reqlint/reqlint",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("plain data serialises") + "\n"
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

/// A relative URI reference for a path as reqlint names it (relative to the working directory).
fn artifact_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// FNV-1a over the parts: stable across Rust releases and platforms, unlike `DefaultHasher`.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
