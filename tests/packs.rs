//! An API is a folder of data: a pack added at run time (`--pack DIR`, a team's own API) is
//! detected, linted in every front-end and explained like a bundled one, with no Rust.

mod common;

use common::root;
use std::path::{Path, PathBuf};

const PACK: &str = "fixtures/packs/acme-image-service";

fn reqlint(args: &[&str]) -> (i32, String, String) {
    common::run_reqlint(&root(), args)
}

#[test]
fn a_pack_from_a_folder_lints_its_requests_in_every_front_end() {
    for (file, want) in [
        ("bad-name.json", Some("2:11")),
        ("main.tf", Some("2:19")),
        ("good.http", None),
    ] {
        let path = format!("fixtures/packs/requests/{file}");
        let (code, out, err) = reqlint(&["check", "--pack", PACK, "--format", "concise", &path]);
        match want {
            Some(at) => {
                assert_eq!(code, 1, "{file}: {out}{err}");
                assert!(out.contains(&format!("{path}:{at}")), "{file}: {out}");
                assert!(out.contains("ACME001"), "{file}: {out}");
                assert!(out.contains("\"Web"), "the value as written: {out}");
            }
            None => assert_eq!(code, 0, "{file}: {out}{err}"),
        }
    }
    // Without the pack, the same body is no request reqlint knows.
    let (code, out, _) = reqlint(&["check", "fixtures/packs/requests/bad-name.json"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_pack_rule_is_listed_and_explained() {
    let (code, out, _) = reqlint(&["--pack", PACK, "rule", "acme-invalid-image-name"]);
    assert_eq!(code, 0);
    assert!(out.contains("# ACME001 `acme-invalid-image-name`"), "{out}");
    assert!(out.contains("- APIs: acme-image-service"), "{out}");
    let (code, out, _) = reqlint(&["rules", "--format", "json", "--pack", PACK]);
    assert_eq!(code, 0);
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    let acme = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "ACME002")
        .expect("the pack's rules are in the catalogue");
    assert_eq!(acme["apis"], serde_json::json!(["acme-image-service"]));
    assert_eq!(
        acme["url"], "https://docs.acme.example/image-service/create-image",
        "a team's rule points at the team's documentation"
    );
    // Engine rules apply to the added API too.
    let engine = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "RQL001")
        .unwrap();
    assert!(
        engine["apis"]
            .as_array()
            .unwrap()
            .contains(&"acme-image-service".into())
    );
}

/// A copy of the fixture pack with `edit` applied to one of its files.
fn broken(file: &str, edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("acme-image-service");
    std::fs::create_dir(&pack).unwrap();
    for entry in std::fs::read_dir(root().join(PACK)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), pack.join(entry.file_name())).unwrap();
    }
    let text = std::fs::read_to_string(pack.join(file)).unwrap_or_default();
    std::fs::write(pack.join(file), edit(text)).unwrap();
    (dir, pack)
}

fn refused(pack: &Path) -> String {
    let (code, out, err) = reqlint(&[
        "check",
        "--pack",
        pack.to_str().unwrap(),
        "fixtures/packs/requests/bad-name.json",
    ]);
    assert_eq!(code, 2, "a bad pack stops the run: {out}{err}");
    assert!(out.is_empty(), "{out}");
    err
}

#[test]
fn a_bad_pack_is_refused_with_the_reason() {
    type Edit = fn(String) -> String;
    let cases: [(&str, Edit, &str); 7] = [
        (
            "terraform.json",
            |t| t.replace("\"attributes\"", "\"atributes\""),
            "terraform.json: resources.acme_image: unknown field `atributes`",
        ),
        (
            "pack.toml",
            |t| t.replace("title", "titel"),
            "unknown field `titel`",
        ),
        ("schema.json", |_| "{\"type\": 3}".into(), "schema.json"),
        (
            "constraints.toml",
            |t| t.replacen("ACME001", "IMS006", 1),
            "takes the code or name of rule IMS006",
        ),
        (
            "constraints.toml",
            |t| t.replacen("kind = \"schema\"", "kind = \"rust\"", 1),
            "brings no Rust",
        ),
        (
            "constraints.toml",
            |t| t.replacen("ACME001", "acme-1", 1),
            "is no rule code",
        ),
        (
            "pack.toml",
            |t| t.replacen("title =", "include = [\"hauwei\"]\ntitle =", 1),
            "no shared folder; did you mean `huawei`?",
        ),
    ];
    for (file, edit, want) in cases {
        let (_dir, pack) = broken(file, edit);
        let err = refused(&pack);
        assert!(err.contains(want), "{file}: {err}");
        assert!(err.starts_with("reqlint: pack "), "{err}");
    }
    let err = refused(Path::new("fixtures/packs/requests"));
    assert!(err.contains("has no pack.toml"), "{err}");
    // A bundled API cannot be added twice.
    let err = refused(&root().join("rules/huawei-ims-create-image"));
    assert!(
        err.contains("already known") || err.contains("takes the code"),
        "{err}"
    );
}
