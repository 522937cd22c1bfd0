//! Command lines in shell scripts through the whole engine: expansions never carry a finding,
//! and scripts are found by extension or by their first line.

mod common;

use common::*;
use reqlint::{InputKind, LintOptions};
use std::collections::BTreeSet;

fn lint(text: &str) -> reqlint::FileReport {
    reqlint::lint_bytes(
        "script.sh",
        text.as_bytes(),
        InputKind::Shell,
        LintOptions::default(),
    )
}

/// The byte ranges of every argument word of every command of a script.
fn argument_words(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_bash::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(text, None).unwrap();
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == "command" {
            let mut cursor = node.walk();
            out.extend(
                node.children_by_field_name("argument", &mut cursor)
                    .map(|a| a.byte_range()),
            );
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    out
}

/// Any word of a fixture's commands replaced by `"$X"` removes the findings on it and adds
/// none elsewhere.
#[test]
fn an_expansion_removes_its_findings_and_adds_none() {
    let files: Vec<_> = fixtures("valid")
        .into_iter()
        .chain(fixtures("invalid"))
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    assert!(files.len() >= 8, "only {} shell fixtures", files.len());
    let mut replaced = 0;
    let mut removed = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let before = lint(&text);
        let places: BTreeSet<(String, String)> = before
            .diagnostics
            .iter()
            .map(|d| (d.code.to_string(), d.pointer.clone()))
            .collect();
        for range in argument_words(&text) {
            let edited = format!("{}\"$X\"{}", &text[..range.start], &text[range.end..]);
            let after = lint(&edited);
            let name = path.display();
            // A word that makes the command no image request at all (`aliyun "$X" CreateImage`)
            // leaves its `# reqlint-ignore` comment covering nothing: saying so (RQL008) is
            // about the comment, not about a request.
            for d in after.diagnostics.iter().filter(|d| d.code != "RQL008") {
                assert!(
                    places.contains(&(d.code.to_string(), d.pointer.clone())),
                    "{name}: replacing `{}` added {} at {}",
                    &text[range.clone()],
                    d.code,
                    d.pointer
                );
            }
            for d in before
                .diagnostics
                .iter()
                .filter(|d| d.span.offset >= range.start && d.span.end() <= range.end)
            {
                assert!(
                    !after
                        .diagnostics
                        .iter()
                        .any(|a| a.code == d.code && a.pointer == d.pointer),
                    "{name}: {} stayed on the expansion that replaced `{}`",
                    d.code,
                    &text[range.clone()]
                );
                removed += 1;
            }
            replaced += 1;
        }
    }
    assert!(replaced >= 60, "only {replaced} words replaced");
    assert!(removed >= 5, "only {removed} findings removed");
}

#[test]
fn commands_continue_over_lines_and_nest_in_substitutions() {
    let text = "x=$(aliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-1 \\\n  --ImageName '1 web')\n";
    let report = lint(text);
    assert_eq!(report.diagnostics.len(), 1, "{}", snapshot(&report));
    let d = &report.diagnostics[0];
    assert_eq!(d.resource.as_deref(), Some("line 1"));
    assert_eq!(&text[d.span.offset..d.span.end()], "'1 web'");
}

#[test]
fn a_script_is_found_by_its_first_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("make-image"),
        "#!/usr/bin/env bash\naliyun ecs CreateImage --RegionId cn-hangzhou --ImageName 1-web\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("README"),
        "aliyun ecs CreateImage --ImageName 1-web\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("make-image:2:"), "{stdout}");
    assert!(stdout.contains("error[ALI003]"), "{stdout}");
    assert!(!stdout.contains("README"), "{stdout}");
}
