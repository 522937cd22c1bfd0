//! `reqlint.toml` as a user meets it: through the binary, in a project folder.

mod common;

use std::path::Path;

const AMBIGUOUS: &str =
    r#"{"name": "instance_whole_image", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#;
const MIN_DISK_300: &str =
    r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 300}"#;

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::run_reqlint(dir, args)
}

#[test]
fn api_mapping_decides_what_detection_cannot() {
    let dir = project(&[
        ("requests/whole/a.json", AMBIGUOUS),
        ("requests/b.json", AMBIGUOUS),
    ]);
    let (_, out, _) = run(dir.path(), &["check", "--format", "concise", "requests"]);
    assert_eq!(out.matches("RQL006").count(), 2, "{out}");
    std::fs::write(
        dir.path().join("reqlint.toml"),
        "[api]\n\"requests/whole/*.json\" = \"huawei-ims-create-whole-image\"\n\"requests/*.json\" = \"huawei-ims-create-image\"\n",
    )
    .unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "requests"]);
    // Only the full-ECS request has a finding: IMS102, a warning, so the run passes.
    assert_eq!(
        out,
        "requests/whole/a.json:1:1: warning[IMS102] missing `vault_id`, needed when the image is made through a CBR backup\n\
         2 files checked: 0 errors, 1 warning, 0 advice\n"
    );
    assert_eq!(code, 0);
}

#[test]
fn ignore_severity_and_fail_on() {
    let dir = project(&[("r.json", MIN_DISK_300)]);
    let (code, _, _) = run(dir.path(), &["check", "r.json"]);
    assert_eq!(code, 1);
    std::fs::write(
        dir.path().join("reqlint.toml"),
        "[rules]\nseverity = { \"min-disk-out-of-range\" = \"warning\" }\n",
    )
    .unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "r.json"]);
    assert_eq!((code, out.contains("warning[IMS006]")), (0, true), "{out}");
    std::fs::write(
        dir.path().join("reqlint.toml"),
        "fail-on = \"warning\"\n[rules]\nseverity = { IMS006 = \"warning\" }\n",
    )
    .unwrap();
    assert_eq!(run(dir.path(), &["check", "r.json"]).0, 1);
    std::fs::write(
        dir.path().join("reqlint.toml"),
        "[rules]\nignore = [\"IMS006\"]\n",
    )
    .unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "r.json"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "1 file checked: no problems found\n")
    );
}

#[test]
fn select_keeps_only_the_chosen_rules_but_never_hides_broken_files() {
    let dir = project(&[
        (
            "r.json",
            r#"{"name": "bad name!", "image_url": "ims-image:centos70.qcow2", "min_disk": 300}"#,
        ),
        ("broken.json", "{\"name\": "),
        (
            "reqlint.toml",
            "[rules]\nselect = [\"min-disk-out-of-range\"]\n",
        ),
    ]);
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[IMS006]") && !out.contains("HW001"),
        "{out}"
    );
    assert!(out.contains("broken.json:1:10: error[RQL001]"), "{out}");
}

#[test]
fn suppressions_and_the_ones_that_rot() {
    let config = "[[suppress]]\nfiles = \"legacy/*.json\"\nrule = \"IMS006\"\npointer = \"/min_disk\"\nreason = \"this region takes 1024 GB\"\n\n[[suppress]]\nfiles = \"legacy/*.json\"\nrule = \"HW001\"\nreason = \"renamed since\"\n";
    let dir = project(&[
        ("legacy/r.json", MIN_DISK_300),
        ("new/r.json", MIN_DISK_300),
        ("reqlint.toml", config),
    ]);
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(code, 1, "new/r.json still fails");
    assert!(!out.contains("legacy/r.json"), "{out}");
    assert!(out.contains("new/r.json:1:80: error[IMS006]"), "{out}");
    assert!(
        out.contains(
            "reqlint.toml:8:9: warning[RQL008] this `HW001` suppression matches no finding"
        ),
        "{out}"
    );
}

#[test]
fn mistakes_point_into_the_configuration() {
    let cases = [
        ("colour = \"red\"\n", "1:1", "unknown field `colour`"),
        (
            "[rules]\nignore = [\"IMS999\"]\n",
            "2:11",
            "unknown rule `IMS999`",
        ),
        (
            "[rules]\nignore = [\"unknown-membr\"]\n",
            "2:11",
            "unknown rule `unknown-membr`; did you mean `unknown-member`?",
        ),
        (
            "[rules]\nseverity = { HW001 = \"fatal\" }\n",
            "2:22",
            "a severity is",
        ),
        (
            "[api]\n\"a/[*.json\" = \"huawei-ims-create-image\"\n",
            "2:1",
            "invalid glob",
        ),
        (
            "[api]\n\"*.json\" = \"aws\"\n",
            "2:12",
            "unknown API id `aws`",
        ),
        (
            "[[suppress]]\nfiles = \"*.json\"\nrule = \"HW001\"\npointer = \"min_disk\"\nreason = \"x\"\n",
            "4:11",
            "JSON Pointer",
        ),
        (
            "[[suppress]]\nfiles = \"*.json\"\nrule = \"HW001\"\n",
            "1:1",
            "missing field `reason`",
        ),
    ];
    for (config, at, message) in cases {
        let dir = project(&[("r.json", MIN_DISK_300), ("reqlint.toml", config)]);
        let (code, _, err) = run(dir.path(), &["check", "r.json"]);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(
            err.contains(&format!("reqlint.toml:{at}")),
            "{config}: expected {at} in\n{err}"
        );
        assert!(
            err.contains(message),
            "{config}: expected {message:?} in\n{err}"
        );
    }
}

#[test]
fn config_flag_overrides_discovery() {
    let dir = project(&[
        ("r.json", MIN_DISK_300),
        ("reqlint.toml", "[rules]\nignore = [\"IMS006\"]\n"),
        ("strict.toml", "fail-on = \"advice\"\n"),
    ]);
    assert_eq!(run(dir.path(), &["check", "r.json"]).0, 0);
    assert_eq!(
        run(dir.path(), &["check", "--config", "strict.toml", "r.json"]).0,
        1
    );
    let (code, _, err) = run(dir.path(), &["check", "--config", "missing.toml", "r.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");
}

/// The configuration's JSON Schema (for editors) accepts what reqlint accepts and rejects a
/// misspelt key, as reqlint does.
#[test]
fn shipped_schema_describes_the_configuration() {
    let root = env!("CARGO_MANIFEST_DIR");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/docs/reqlint.toml.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good = "extend = \"../reqlint.toml\"\nfail-on = \"warning\"\nmax-file-size = 1000000\n[api]\n\"requests/whole/*.json\" = \"huawei-ims-create-whole-image\"\n[rules]\nignore = [\"IMS012\", \"many-tags\"]\nseverity = { HW006 = \"off\" }\n[[suppress]]\nfiles = \"legacy/*.json\"\nrule = \"IMS006\"\npointer = \"/min_disk\"\nreason = \"1024 GB in this region\"\nuntil = \"2027-01-31\"\n[online]\nenabled = true\ntimeout = 5\n[online.endpoints]\nalibaba-ecs = \"https://ecs.cn-hangzhou.aliyuncs.com\"\nopenstack-identity = \"http://127.0.0.1:5000/v3\"\n";
    reqlint::Config::parse("reqlint.toml", good, ".".into()).expect("reqlint accepts it");
    let as_json: serde_json::Value =
        serde_json::to_value(toml::from_str::<toml::Table>(good).unwrap()).unwrap();
    assert!(validator.is_valid(&as_json));
    let bad: serde_json::Value =
        serde_json::to_value(toml::from_str::<toml::Table>("[rules]\nignores = []\n").unwrap())
            .unwrap();
    assert!(!validator.is_valid(&bad));
    assert!(reqlint::Config::parse("reqlint.toml", "[rules]\nignores = []\n", ".".into()).is_err());
}

/// `[online]`: an endpoint is https, or plain http on loopback only; keys and timeouts are
/// checked, each mistake pointing into the file.
#[test]
fn online_settings_are_checked() {
    let parse = |text: &str| reqlint::Config::parse("reqlint.toml", text, ".".into());
    let ok = parse("[online]\nenabled = true\ntimeout = 3\n[online.endpoints]\nhuawei-ecs = \"http://localhost:8080/\"\n").unwrap();
    assert_eq!(ok.online.enabled, Some(true));
    assert_eq!(ok.online.timeout, Some(std::time::Duration::from_secs(3)));
    assert_eq!(ok.online.endpoints["huawei-ecs"], "http://localhost:8080");
    for (bad, says) in [
        (
            "[online.endpoints]\nhuawei-ecs = \"http://ecs.example.com\"\n",
            "not loopback",
        ),
        (
            "[online.endpoints]\nnova = \"https://nova.example.com\"\n",
            "unknown endpoint `nova`",
        ),
        ("[online]\ntimeout = 0\n", "seconds"),
        ("[online]\nenable = true\n", "enable"),
    ] {
        let e = parse(bad)
            .err()
            .unwrap_or_else(|| panic!("{bad} is refused"));
        assert!(e.message.contains(says), "{bad}: {}", e.message);
        assert!(e.span.length > 0, "{bad}: points into the file");
    }
}

/// Every place of the configuration's JSON Schema that lists API ids lists exactly the API
/// packs reqlint has, in their order: a new pack is named there too.
#[test]
fn shipped_schema_lists_every_api() {
    let root = env!("CARGO_MANIFEST_DIR");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/docs/reqlint.toml.schema.json")).unwrap(),
    )
    .unwrap();
    let ids: Vec<serde_json::Value> = reqlint::Api::all()
        .iter()
        .map(|a| a.as_str().into())
        .collect();
    let mut lists = Vec::new();
    fn walk<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a Vec<serde_json::Value>>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(serde_json::Value::Array(e)) = o.get("enum")
                    && e.iter().any(|x| {
                        x.as_str()
                            .is_some_and(|s| s.parse::<reqlint::Api>().is_ok())
                    })
                {
                    out.push(e);
                }
                o.values().for_each(|v| walk(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(&schema, &mut lists);
    assert_eq!(lists.len(), 2, "the `[api]` values and a check's `apis`");
    for list in lists {
        assert_eq!(list, &ids);
    }
}
