//! The whole CLI on anything: any bytes in, an exit status in {0, 1, 2} and output that parses
//! as the promised format; and the file system's awkward cases.

use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn check_stdin(bytes: &[u8], name: &str, format: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(["check", "--format", format, "--stdin-filename", name, "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("output is UTF-8"),
    )
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        // Near-JSON: request-like text with some bytes flipped.
        (prop::sample::select(vec![
            r#"{"name": "ims_test_file", "image_url": "ims-image:a.qcow2", "min_disk": 300}"#,
            r#"{"RegionId": "cn-hangzhou", "Tag.1.Key": "acs:x", "DiskDeviceMapping.1.Size": "9"}"#,
            "POST https://x/v2/cloudimages/action\n\n{\"name\": \"a b\", \"volume_id\": \"v\"}\n###\n{}",
            r#"{"createImage": {"name": " x", "metadata": {"a/b": 1}}}"#,
        ]), prop::collection::vec((0usize..120, any::<u8>()), 0..4))
            .prop_map(|(base, flips)| {
                let mut b = base.as_bytes().to_vec();
                for (at, byte) in flips {
                    if at < b.len() {
                        b[at] = byte;
                    }
                }
                b
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_bytes_give_a_status_and_parsable_output(
        bytes in input(),
        name in prop::sample::select(vec!["r.json", "r.jsonc", "r.http"]),
        format in prop::sample::select(vec!["json", "sarif", "concise", "github", "human"]),
    ) {
        let (code, out) = check_stdin(&bytes, name, format);
        prop_assert!(code == 0 || code == 1, "exit {code}");
        match format {
            "json" | "sarif" => {
                let v: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
                prop_assert!(v.is_object());
            }
            "concise" => {
                let mut lines: Vec<&str> = out.lines().collect();
                let summary = lines.pop().unwrap_or_default();
                prop_assert!(summary.contains(" checked"), "{summary}");
                for line in lines {
                    prop_assert!(line.starts_with(name) && (line.contains(": error[") || line.contains(": warning[") || line.contains(": advice[")), "{line}");
                }
            }
            "github" => {
                for line in out.lines() {
                    prop_assert!(line.starts_with("::error ") || line.starts_with("::warning ") || line.starts_with("::notice "), "{line}");
                }
            }
            _ => prop_assert!(out.ends_with('\n')),
        }
    }
}

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("a/up")).unwrap();
    std::fs::write(
        dir.path().join("a/r.json"),
        r#"{"name": "x", "image_url": "b:f", "min_disk": 300}"#,
    )
    .unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "one finding and the summary: {out}");
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_exit_2_and_the_others_are_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.json");
    std::fs::write(&secret, "{}").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        return; // Root reads anything: nothing to test here.
    }
    std::fs::write(
        dir.path().join("r.json"),
        r#"{"name": "x", "image_url": "b:f", "min_disk": 300}"#,
    )
    .unwrap();
    let (code, out, err) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("secret.json"), "{err}");
    assert!(out.contains("r.json:1:"), "{out}");
}

#[test]
fn a_directory_of_thousands_of_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        let body = if i % 4 == 0 { 300 } else { 40 };
        std::fs::write(
            dir.path().join(format!("r{i:04}.json")),
            format!(r#"{{"name": "x", "image_url": "b:f{i}", "min_disk": {body}}}"#),
        )
        .unwrap();
    }
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(code, 1);
    let mut lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.pop(),
        Some("3000 files checked: 750 errors, 0 warnings, 0 advice")
    );
    assert_eq!(lines.len(), 750);
    // In path order, whatever order the threads finished in.
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}
