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
        let help = self.d.help.as_deref()?;
        Some(match self.d.cloud_error {
            Some(code) => Box::new(format!("{help}\ncloud error: {code}")),
            None => Box::new(help),
        })
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.d.url))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary =
            LabeledSpan::new_primary_with_span(None, (self.d.span.offset, self.d.span.length));
        let related = self.d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(l.message.clone()), (l.span.offset, l.span.length))
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// Options of the human format.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// miette's graphical report of every finding of a file.
pub fn human(report: &FileReport, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    for d in &report.diagnostics {
        let rendered = Rendered {
            d,
            source: &report.source,
        };
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&concise_line(report, d));
        }
        out.push('\n');
    }
    out
}

fn concise_line(report: &FileReport, d: &Diagnostic) -> String {
    let (line, column) = report.source.line_col(d.span.offset);
    format!(
        "{}:{line}:{column}: {}[{}] {}\n",
        report.source.name(),
        d.severity,
        d.code,
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
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub advice: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
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
    labels: Vec<JsonLabel<'a>>,
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

/// The `--format json` document of INTERFACE.md.
pub fn json(reports: &[FileReport]) -> String {
    let files = reports
        .iter()
        .map(|r| JsonFile {
            path: r.source.name(),
            api: r.api.map(|a| a.as_str()),
            diagnostics: r
                .diagnostics
                .iter()
                .map(|d| {
                    let (line, column) = r.source.line_col(d.span.offset);
                    let (end_line, end_column) = r.source.line_col(d.span.end());
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
                        labels: d
                            .labels
                            .iter()
                            .map(|l| {
                                let (line, column) = r.source.line_col(l.span.offset);
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
                    }
                })
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
