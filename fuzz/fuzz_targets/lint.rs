//! The whole lint of arbitrary bytes, under each API (or detection) and each input kind, and
//! every output format of what it found. The first byte picks the API and the kind.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reqlint::render::{self, HumanOptions};
use reqlint::{Api, InputKind, LintOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let api = match selector % 5 {
        0 => None,
        n => Some(Api::ALL[usize::from(n) - 1]),
    };
    let kind = [InputKind::Json, InputKind::Jsonc, InputKind::Http][usize::from(selector / 5 % 3)];
    let report = reqlint::lint_bytes("f", bytes, kind, LintOptions { api, ..LintOptions::default() });
    for d in &report.diagnostics {
        assert!(d.span.end() <= bytes.len(), "span past the end: {d:?}");
        for l in &d.labels {
            assert!(l.span.end() <= bytes.len(), "label past the end: {l:?}");
        }
    }
    let reports = [report];
    let _ = render::human(&reports[0], HumanOptions { color: false, width: 80 });
    let _ = render::concise(&reports[0]);
    let _ = render::github(&reports[0]);
    let json: serde_json::Value = serde_json::from_str(&render::json(&reports)).expect("valid JSON");
    assert!(json["files"].is_array());
    let _: serde_json::Value = serde_json::from_str(&render::sarif(&reports)).expect("valid SARIF JSON");
});
