//! Every file under `fixtures/*/valid/` lints clean: no error and no warning (DECISIONS.md),
//! and any advice it gets is pinned in an `.expected` file beside it. Every file under `fixtures/*/invalid/`
//! triggers the code its name starts with, and its findings and rendering match the
//! `.expected` file beside it (`REQLINT_BLESS=1 cargo test` rewrites them).

mod common;

use common::*;
use reqlint::Severity;

#[test]
fn valid_fixtures_lint_clean() {
    let files = fixtures("valid");
    assert!(files.len() >= 20, "only {} valid fixtures", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let report = lint_fixture(path);
        let name = path.file_name().unwrap().to_string_lossy();
        let expected = path.with_file_name(format!("{name}.expected"));
        if all_findings(&report)
            .iter()
            .any(|d| d.severity != Severity::Advice)
        {
            failures.push(snapshot(&report));
        } else if (!report.diagnostics.is_empty() || expected.exists())
            && let Err(e) = expect_file(&expected, &snapshot(&report))
        {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_fixtures_trigger_their_code_and_match_expected() {
    let files = fixtures("invalid");
    assert!(files.len() >= 40, "only {} invalid fixtures", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let code = fixture_code(path);
        let report = lint_fixture(path);
        if !all_findings(&report).iter().any(|d| d.code == code) {
            failures.push(format!("{name}: no {code} finding\n{}", snapshot(&report)));
            continue;
        }
        let expected = path.with_file_name(format!("{name}.expected"));
        if let Err(e) = expect_file(&expected, &snapshot(&report)) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Invalid fixtures whose point is a combination of findings, and why.
const COMBINATIONS: [(&str, &str); 2] = [
    (
        "ALI021-query-string-size.http",
        "two findings on one request line: their spans in a query string must not collide",
    ),
    (
        "NOVA001-missing-create-image.json",
        "the members written beside a misspelt `createImage` belong inside it",
    ),
];

/// One mistake, one finding: an invalid fixture shows the finding it is about and no other,
/// unless it is listed in `COMBINATIONS`.
#[test]
fn invalid_fixtures_show_only_their_finding() {
    let mut failures = Vec::new();
    for path in fixtures("invalid") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let code = fixture_code(&path);
        let report = lint_fixture(&path);
        let others: Vec<_> = all_findings(&report)
            .into_iter()
            .filter(|d| d.code != code)
            .map(|d| d.code)
            .collect();
        let combination = COMBINATIONS.iter().any(|(n, _)| *n == name);
        if !others.is_empty() && !combination {
            failures.push(format!("{name}: also {others:?}"));
        }
        if others.is_empty() && combination {
            failures.push(format!(
                "{name} is listed as a combination but shows one code"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_expected_file_without_its_fixture() {
    for kind in ["valid", "invalid"] {
        for dir in std::fs::read_dir(root().join("fixtures")).unwrap() {
            let Ok(entries) = std::fs::read_dir(dir.unwrap().path().join(kind)) else {
                continue;
            };
            for e in entries {
                let p = e.unwrap().path();
                if let Some(fixture) = p.to_str().and_then(|s| s.strip_suffix(".expected")) {
                    assert!(
                        std::path::Path::new(fixture).exists(),
                        "{} has no fixture",
                        p.display()
                    );
                }
            }
        }
    }
}

/// docs/spec/constraints.md §8: every documented example request lints clean under its API
/// (copies of them are in fixtures/ too).
#[test]
fn documented_examples_in_the_specification_lint_clean() {
    let text = std::fs::read_to_string(root().join("docs/spec/constraints.md"))
        .expect("docs/spec/constraints.md is part of the repository");
    let sections = [
        (
            "### 8.1",
            "### 8.2",
            reqlint::Api::HuaweiImsCreateWholeImage,
            4,
        ),
        (
            "### 8.2",
            "### 8.3",
            reqlint::Api::OpenstackNovaCreateImage,
            1,
        ),
        ("### 8.3", "### 8.4", reqlint::Api::HuaweiImsCreateImage, 8),
        // §8.4: the derived composite requests (its first block is a response sample).
        ("### 8.4", "## 10.", reqlint::Api::AlibabaEcsCreateImage, 2),
    ];
    for (from, to, api, expected) in sections {
        let start = text.find(from).expect("section");
        let end = text.find(to).expect("next section");
        let mut count = 0;
        for block in text[start..end].split("```json\n").skip(1) {
            let body = block.split("```").next().unwrap();
            if body.contains("\"RequestId\"") {
                continue;
            }
            let report = reqlint::lint_bytes(
                "seed",
                body.as_bytes(),
                reqlint::InputKind::Json,
                reqlint::LintOptions::default().api(api),
            );
            let unclean = report
                .diagnostics
                .iter()
                .any(|d| d.severity != Severity::Advice);
            assert!(!unclean, "{api}: {}", snapshot(&report));
            count += 1;
        }
        assert_eq!(count, expected, "{from} has {expected} examples");
    }
}

/// Every fix offered in the invalid fixtures leaves valid JSON and removes its finding.
#[test]
fn fixes_remove_their_finding_and_keep_the_json_valid() {
    let mut applied = 0;
    for path in fixtures("invalid") {
        let report = lint_fixture(&path);
        let text = report.source.text().to_string();
        for d in report.diagnostics.iter().filter(|d| d.fix.is_some()) {
            let fix = d.fix.as_ref().unwrap();
            let fixed = fix.apply(&text);
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join(path.file_name().unwrap());
            std::fs::write(&copy, &fixed).unwrap();
            let api = report.api;
            let after = reqlint::lint_bytes(
                "fixed",
                fixed.as_bytes(),
                reqlint::InputKind::from_path(&path).unwrap(),
                reqlint::LintOptions::default().api(api),
            );
            let name = path.display();
            assert!(
                !after.diagnostics.iter().any(|a| a.code == "RQL001"),
                "{name}: `{}` broke the JSON:\n{fixed}",
                fix.title
            );
            assert!(
                !after
                    .diagnostics
                    .iter()
                    .any(|a| a.code == d.code && a.pointer == d.pointer),
                "{name}: `{}` left {} at {}:\n{fixed}",
                fix.title,
                d.code,
                d.pointer
            );
            applied += 1;
        }
    }
    assert!(applied >= 5, "only {applied} fixes in the fixtures");
}

/// Every Terraform resource type, Packer builder and command line reqlint reads has a
/// fixture that uses it.
#[test]
fn every_front_end_mapping_has_a_fixture() {
    let mut texts = String::new();
    for kind in ["valid", "invalid"] {
        for path in fixtures(kind) {
            let dir = path.parent().unwrap();
            for entry in std::fs::read_dir(dir).unwrap() {
                let p = entry.unwrap().path();
                if p.is_file() && !p.to_string_lossy().ends_with(".expected") {
                    texts.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
                }
            }
        }
    }
    let mut missing = Vec::new();
    for kind in reqlint::frontend::terraform::resource_types() {
        if !texts.contains(&format!("resource \"{kind}\""))
            && !texts.contains(&format!("\"{kind}\": {{"))
        {
            missing.push(kind.to_string());
        }
    }
    for builder in reqlint::frontend::packer::builder_types() {
        if !texts.contains(&format!("source \"{builder}\"")) {
            missing.push(builder.to_string());
        }
    }
    for command in reqlint::frontend::shell::command_lines() {
        if !texts.contains(&command) {
            missing.push(command);
        }
    }
    assert!(missing.is_empty(), "no fixture uses {missing:?}");
}
