//! Hostile input through the whole engine: sizes where work per finding, per command or per
//! name that scans everything made a debug build take minutes. Each test runs under a watchdog,
//! so that a regression fails instead of hanging the suite; the sizes leave the linear code far
//! below the limit (the benchmarks, not these tests, measure speed).

use reqlint::{InputKind, LintOptions};
use std::sync::mpsc::channel;
use std::time::Duration;

/// Runs `work` on its own thread and fails if it takes more than a minute.
fn within_a_minute<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out,
        Err(e) => panic!("{what}: no answer within 60 s ({e})"),
    }
}

fn lint(name: &str, text: String, kind: InputKind) -> reqlint::FileReport {
    reqlint::lint_bytes(name, text.as_bytes(), kind, LintOptions::default())
}

/// 30,000 `--Tag.N.Key` flags: a finding each past the 20th (`ALI032`), every one placed on
/// its flag and named as written, each yield and each name looked up once (not against every
/// other finding).
#[test]
fn a_command_with_thirty_thousand_tag_flags() {
    const TAGS: usize = 30_000;
    let mut text = String::from("aliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-1");
    for n in 1..=TAGS {
        text.push_str(&format!(" \\\n  --Tag.{n}.Key k{n}"));
    }
    text.push('\n');
    let report = within_a_minute("30,000 tag flags", move || {
        lint("tags.sh", text, InputKind::Shell)
    });
    let past_limit: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "ALI032")
        .collect();
    assert_eq!(past_limit.len(), TAGS - 20);
    let last = past_limit.last().unwrap();
    assert_eq!(
        last.message,
        format!("`--Tag.{TAGS}.Key` has `N` {TAGS}, outside 1-20")
    );
    let (line, _) = report.source.line_col(last.span.offset);
    assert_eq!(line, TAGS + 1);
}
