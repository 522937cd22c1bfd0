//! What the engine reports: findings with byte spans, ready for any output format.

use serde::Serialize;
use std::fmt;

/// How bad a finding is (docs/spec/decisions.md "Severities").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint the user may want.
    Advice,
    /// Accepted by the cloud, but part of it is ignored, deprecated or very likely wrong.
    Warning,
    /// The cloud rejects the request.
    Error,
}

impl Severity {
    /// `error`, `warning` or `advice`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A byte range in the linted file (not the request body: `.http` bodies are offset).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// The first byte.
    pub offset: usize,
    /// How many bytes.
    pub length: usize,
}

impl Span {
    /// `length` bytes from `offset`.
    pub fn new(offset: usize, length: usize) -> Self {
        Span { offset, length }
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.offset + self.length
    }

    /// The span from the start of the first to the end of the last.
    pub fn merge(self, other: Span) -> Span {
        let start = self.offset.min(other.offset);
        Span::new(start, self.end().max(other.end()) - start)
    }
}

/// A secondary location that explains a finding (the member that wins, the first duplicate).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Label {
    /// The member it is about.
    pub pointer: String,
    /// Where it is in the file.
    pub span: Span,
    /// What it says there.
    pub message: String,
}

/// One text replacement in the linted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

/// A safe, mechanical fix of a finding: what it does and its edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Imperative, e.g. "rename `key` to `Key`".
    pub title: String,
    /// The replacements, in bytes of the reported file.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// `text` (the reported file's) with this fix's edits applied.
    pub fn apply(&self, text: &str) -> String {
        let mut edits = self.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.offset));
        let mut out = text.to_string();
        for e in edits {
            if e.span.end() <= out.len() {
                out.replace_range(e.span.offset..e.span.end(), &e.replacement);
            }
        }
        out
    }
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable rule code, e.g. `IMS006`.
    pub code: &'static str,
    /// Kebab-case rule name, e.g. `min-disk-out-of-range`.
    pub name: &'static str,
    /// How bad it is (after the configuration's severities).
    pub severity: Severity,
    /// What is wrong, lower-case, with the offending value.
    pub message: String,
    /// RFC 6901 pointer into the request body naming the value at fault.
    pub pointer: String,
    /// Where it is in the file: the value, member name or object the pointer names.
    pub span: Span,
    /// Related places (the member that wins, the value's origin).
    pub labels: Vec<Label>,
    /// What to do about it, imperative.
    pub help: Option<String>,
    /// The rule's documentation.
    pub url: String,
    /// The cloud's own error code for this problem, where one is documented.
    pub cloud_error: Option<&'static str>,
    /// For `.http` files: which request (1-based) the finding belongs to.
    pub request: Option<usize>,
    /// The API of the request the finding is about (`None` for file-level findings).
    pub api: Option<crate::Api>,
    /// What the file calls the request: a Terraform resource address (`alicloud_image.web`).
    pub resource: Option<String>,
    /// A fix an editor may apply (`reqlint lsp` code actions).
    pub fix: Option<Fix>,
}

impl fmt::Display for Diagnostic {
    /// One line: `CODE message at POINTER` (`/` for the whole request).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{} {} at {at}", self.code, self.message)
    }
}

/// A finding in the file it was found in: serialises with serde to exactly the JSON output's
/// diagnostic object (lines, columns and all), and displays as one line.
///
/// ```
/// let report = reqlint::lint_bytes(
///     "request.json",
///     br#"{"name": "ims_test_file", "image_url": "ims-image:a.qcow2", "min_disk": 300}"#,
///     reqlint::InputKind::Json,
///     reqlint::LintOptions::default(),
/// );
/// let finding = report.findings().next().unwrap();
/// assert_eq!(finding.to_string(), "IMS006 `min_disk` is 300, above the maximum of 255 at /min_disk");
/// let json = serde_json::to_value(finding).unwrap();
/// assert_eq!((json["line"].as_u64(), json["column"].as_u64()), (Some(1), Some(73)));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Finding<'a> {
    /// The finding.
    pub diagnostic: &'a Diagnostic,
    /// The file it is in.
    pub source: &'a crate::SourceFile,
}

impl fmt::Display for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.diagnostic, f)
    }
}
