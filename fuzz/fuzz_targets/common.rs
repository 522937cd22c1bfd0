//! What every fuzz target asserts of a lint: no panic (libFuzzer reports it), every span and
//! label inside the input, and every output format rendered, the JSON and SARIF ones parsable.

use reqlint::render::{self, HumanOptions};
use reqlint::{Api, FileReport, InputKind, LintOptions};

/// Lints `bytes` as a file named `name` of `kind` (for `api`, else detection) and checks the
/// report.
pub fn lint(name: &str, bytes: &[u8], kind: InputKind, api: Option<Api>) -> FileReport {
    let report = reqlint::lint_bytes(name, bytes, kind, LintOptions::default().api(api));
    check(&report, bytes.len());
    report
}

/// Asserts the report's spans lie inside the input and renders it in every format.
pub fn check(report: &FileReport, len: usize) {
    for d in &report.diagnostics {
        assert!(d.span.end() <= len, "span past the end: {d:?}");
        for l in &d.labels {
            assert!(l.span.end() <= len, "label past the end: {l:?}");
        }
    }
    let reports = std::slice::from_ref(report);
    let _ = render::human(report, HumanOptions { color: false, width: 80 });
    let _ = render::concise(report);
    let _ = render::github(report);
    let json: serde_json::Value =
        serde_json::from_str(&render::json(reports)).expect("valid JSON output");
    assert!(json["files"].is_array());
    let _: serde_json::Value =
        serde_json::from_str(&render::sarif(reports)).expect("valid SARIF output");
}
