//! Every file under `fixtures/*/valid/` lints clean; every file under `fixtures/*/invalid/`
//! triggers the code its name starts with, and its findings and rendering match the
//! `.expected` file beside it (`REQLINT_BLESS=1 cargo test` rewrites them).

mod common;

use common::*;

#[test]
fn valid_fixtures_lint_clean() {
    let files = fixtures("valid");
    assert!(files.len() >= 20, "only {} valid fixtures", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let report = lint_fixture(path);
        if !report.diagnostics.is_empty() {
            failures.push(snapshot(&report));
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
        let code = name.split('-').next().unwrap();
        let report = lint_fixture(path);
        if !report.diagnostics.iter().any(|d| d.code == code) {
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

/// constraints.md §8.3: every seed example of this API lints clean (read from the shared
/// specification when it is beside the repository, as in CI).
#[test]
fn seed_examples_in_the_specification_lint_clean() {
    let spec = root().join("../shared/spec/constraints.md");
    let Ok(text) = std::fs::read_to_string(&spec) else {
        eprintln!(
            "note: {} not found; seed copies in fixtures/ still run",
            spec.display()
        );
        return;
    };
    let start = text.find("### 8.3").expect("§8.3");
    let end = text.find("### 8.4").expect("§8.4");
    let mut count = 0;
    for block in text[start..end].split("```json\n").skip(1) {
        let body = block.split("```").next().unwrap();
        let report = reqlint::lint_bytes(
            "seed",
            body.as_bytes(),
            reqlint::InputKind::Json,
            reqlint::LintOptions {
                api: Some(reqlint::Api::HuaweiImsCreateImage),
                ..Default::default()
            },
        );
        assert!(report.diagnostics.is_empty(), "{}", snapshot(&report));
        count += 1;
    }
    assert_eq!(count, 8, "§8.3 has eight S002 examples");
}
