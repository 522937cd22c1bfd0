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

/// 20,000 commands in a script of 10 MB: each command's line is found by a binary search over
/// one index of the script's lines, not by counting the newlines before it (which read 100 GB).
#[test]
fn a_script_of_twenty_thousand_commands() {
    const COMMANDS: usize = 20_000;
    let comment = format!("# {}\n", "-".repeat(500));
    let mut text = String::new();
    for n in 1..COMMANDS {
        text.push_str(&format!(
            "aliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-{n}\n{comment}"
        ));
    }
    // The last command alone has a fault: its finding says which line it is on.
    text.push_str(
        "aliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-0 --Tag.21.Key k\n",
    );
    let report = within_a_minute("20,000 commands", move || {
        lint("many.sh", text, InputKind::Shell)
    });
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.resource.as_deref()))
        .collect();
    let line = 2 * COMMANDS - 1;
    assert_eq!(found, [("ALI032", Some(format!("line {line}").as_str()))]);
    let (at, _) = report.source.line_col(report.diagnostics[0].span.offset);
    assert_eq!(at, line);
}

/// A member name of 10 MB is reported as unknown, without a "did you mean": no known name is
/// within two edits of it, which its length alone says.
#[test]
fn a_ten_megabyte_member_name() {
    let name = "RegionIdentifier".repeat(10 * 1024 * 1024 / 16);
    let text = format!(
        r#"{{"RegionId": "cn-hangzhou", "InstanceId": "i-1", "{name}": "x", "ImageNmae": "web"}}"#
    );
    let report = within_a_minute("a 10 MB member name", move || {
        let options = LintOptions::default().api(reqlint::Api::AlibabaEcsCreateImage);
        reqlint::lint_bytes("big.json", text.as_bytes(), InputKind::Json, options)
    });
    let unknown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("is not"))
        .collect();
    assert_eq!(unknown.len(), 2, "{:?}", report.diagnostics);
    // The long name: no suggestion. The short one still gets its own.
    let long = unknown
        .iter()
        .find(|d| d.message.len() > name.len())
        .unwrap();
    assert!(long.fix.is_none());
    assert!(!long.help.as_deref().unwrap_or("").contains("did you mean"));
    let short = unknown
        .iter()
        .find(|d| d.message.contains("ImageNmae"))
        .unwrap();
    assert_eq!(
        short.fix.as_ref().unwrap().title,
        "rename `ImageNmae` to `ImageName`"
    );
}
