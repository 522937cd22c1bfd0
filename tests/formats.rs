//! Machine formats as their consumers check them: SARIF against the official 2.1.0 schema,
//! GitHub workflow commands as the runner parses them.

mod common;
use std::process::Command;

fn reqlint(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The OASIS SARIF 2.1.0 schema (vendored from serde-sarif 0.8.0, which ships the official
/// copy). Two of its `language` patterns carry a stray `]`; they are mended as the SARIF
/// errata do before the schema is compiled.
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    ))
    .unwrap()
    .replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let (code, out) = reqlint(&[
        "check",
        "--format",
        "sarif",
        "examples/requests",
        "fixtures/alibaba-ecs-create-image/invalid",
    ]);
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "reqlint");
    assert_eq!(
        run["tool"]["driver"]["semanticVersion"],
        env!("CARGO_PKG_VERSION")
    );
    let results = run["results"].as_array().unwrap();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        // Every result has a location (GitHub rejects the upload otherwise) and its rule.
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.starts_with('/') && !uri.starts_with("./"), "{uri}");
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(r["partialFingerprints"]["reqlintPointer/v1"].is_string());
    }
    // A fix travels as SARIF `fixes`: the replaced region and the new text.
    let fixed = results
        .iter()
        .find(|r| r["ruleId"] == "ALI029" && r["fixes"].is_array())
        .expect("a fixable ALI029 in the fixtures");
    let change = &fixed["fixes"][0]["artifactChanges"][0];
    assert!(change["replacements"][0]["deletedRegion"]["startLine"].is_u64());
    assert!(change["replacements"][0]["insertedContent"]["text"].is_string());
    let ims006 = results.iter().find(|r| r["ruleId"] == "IMS006").unwrap();
    let region = &ims006["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(14), Some(15))
    );

    // The validator can fail: a level SARIF does not have is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let body =
        r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 300}"#;
    let fingerprint = |text: &str| {
        let path = dir.path().join("r.json");
        std::fs::write(&path, text).unwrap();
        let (_, out) = reqlint(&["check", "--format", "sarif", path.to_str().unwrap()]);
        let log: serde_json::Value = serde_json::from_str(&out).unwrap();
        log["runs"][0]["results"][0]["partialFingerprints"].clone()
    };
    assert_eq!(fingerprint(body), fingerprint(&format!("\n\n\n{body}")));
}

#[test]
fn github_workflow_commands() {
    let (code, out) = reqlint(&["check", "--format", "github", "examples/requests"]);
    assert_eq!(code, 1);
    let line = out.lines().find(|l| l.contains("IMS006")).unwrap();
    assert_eq!(
        line,
        "::error file=examples/requests/import-from-obs.http,line=14,col=15,endLine=14,endColumn=18,title=IMS006 min-disk-out-of-range::`min_disk` is 300, above the maximum of 255"
    );
    assert!(out.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
}

/// A library caller's finding serialises to exactly the JSON output's diagnostic object.
#[test]
fn a_finding_serialises_as_the_json_output_says() {
    let mut compared = 0;
    for path in common::fixtures("invalid") {
        let report = common::lint_fixture(&path);
        let output: serde_json::Value =
            serde_json::from_str(&reqlint::render::json(std::slice::from_ref(&report))).unwrap();
        for (finding, expected) in report
            .findings()
            .zip(output["files"][0]["diagnostics"].as_array().unwrap())
        {
            assert_eq!(&serde_json::to_value(finding).unwrap(), expected);
            assert!(finding.to_string().starts_with(finding.diagnostic.code));
            compared += 1;
        }
    }
    assert!(compared >= 100, "only {compared} findings compared");
}
