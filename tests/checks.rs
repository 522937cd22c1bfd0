//! Organisation checks (`[[check]]`) as a user meets them: through the binary, in a project
//! folder. The fixtures under `fixtures/checks/` show each view and constraint in each
//! front-end; these tests show the rest: malformed checks, `pyproject.toml`, `extend`,
//! `files`, selection, suppression, baselines, output formats and the rule listing.

mod common;

use std::path::Path;

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

/// The two checks of the contract's example.
const CHECKS: &str = r#"
[[check]]
id = "ACME001"
name = "image-owner-tag"
on = "tags"
required-keys = ["owner", "cost-center"]
message = "every image carries `owner` and `cost-center` tags"
help = "add them to the image's tags"

[[check]]
id = "ACME002"
on = "name"
pattern = "^prod-[a-z0-9-]+$"
message = "production image names start with `prod-`"
"#;

/// A Huawei OBS image request, named `web`, tagged with `owner` only.
const REQUEST: &str = r#"{
  "name": "web",
  "image_url": "ims-image:centos70.qcow2",
  "min_disk": 40,
  "image_tags": [{"key": "owner", "value": "team-web"}]
}
"#;

/// The same, as the organisation wants it.
const GOOD: &str = r#"{
  "name": "prod-web",
  "image_url": "ims-image:centos70.qcow2",
  "min_disk": 40,
  "image_tags": [{"key": "owner", "value": "team-web"}, {"key": "cost-center", "value": "cc-1"}]
}
"#;

fn codes(concise: &str) -> Vec<String> {
    concise
        .lines()
        .filter_map(|l| {
            l.split_once('[')?
                .1
                .split_once(']')
                .map(|(c, _)| c.to_string())
        })
        .collect()
}

#[test]
fn the_contract_examples_fire_and_stay_quiet() {
    let dir = project(&[
        ("reqlint.toml", CHECKS),
        ("bad.json", REQUEST),
        ("good.json", GOOD),
    ]);
    let (code, out, _) = run(dir.path(), &["check", "bad.json", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(codes(&out), ["ACME002", "ACME001"], "{out}");
    assert!(
        out.contains("bad.json:2:11: error[ACME002] production image names start with `prod-`"),
        "{out}"
    );
    let (code, out, _) = run(dir.path(), &["check", "good.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no problems found"), "{out}");
}

#[test]
fn a_check_in_pyproject_applies() {
    let pyproject = format!(
        "[project]\nname = \"x\"\n\n{}",
        CHECKS.replace("[[check]]", "[[tool.reqlint.check]]")
    );
    let dir = project(&[("pyproject.toml", &pyproject), ("bad.json", REQUEST)]);
    let (code, out, err) = run(dir.path(), &["check", "bad.json", "--format", "concise"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(codes(&out), ["ACME002", "ACME001"], "{out}");
}

#[test]
fn checks_come_through_extend_with_files_relative_to_their_file() {
    let base = "[[check]]\nid = \"ACME010\"\non = \"name\"\npattern = \"prod-.*\"\nfiles = \"team/prod/*.json\"\n";
    let dir = project(&[
        ("reqlint.toml", base),
        // The team's file extends the repository's and turns one check to a warning.
        (
            "team/reqlint.toml",
            "extend = \"../reqlint.toml\"\n[rules]\nseverity = { ACME010 = \"warning\" }\n",
        ),
        ("team/prod/a.json", REQUEST),
        ("team/dev/a.json", REQUEST),
    ]);
    let (code, out, err) = run(dir.path(), &["check", "team", "--format", "concise"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("team/prod/a.json:2:11: warning[ACME010]"),
        "{out}"
    );
    assert!(!out.contains("team/dev/a.json"), "{out}");
}

#[test]
fn malformed_checks_are_errors_in_the_configuration_with_did_you_mean() {
    let cases: &[(&str, &str)] = &[
        (
            "[[check]]\nid = \"ACME001\"\non = \"tags\"\nrequired-key = [\"owner\"]\n",
            "did you mean `required-keys`?",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"tag\"\nrequired-keys = [\"owner\"]\n",
            "unknown view `tag`; did you mean `tags`?",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"name\"\npattern = \"prod-(\"\n",
            "invalid regular expression",
        ),
        (
            "[[check]]\nid = \"IMS901\"\non = \"name\"\nrequired = true\n",
            "`IMS901` starts with `IMS`, which reqlint's own rules use",
        ),
        (
            "[[check]]\nid = \"acme001\"\non = \"name\"\nrequired = true\n",
            "did you mean `ACME001`?",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"name\"\nrequired = true\n[[check]]\nid = \"ACME001\"\non = \"description\"\nrequired = true\n",
            "`ACME001` is already the id of a check in reqlint.toml:2",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"name\"\nrequired = true\nseverity = \"eror\"\n",
            "did you mean `error`?",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"/os_version\"\nrequired = true\n",
            "add `apis = [...]`",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"/os_version\"\nrequired = true\napis = [\"huawei-ims-create-imag\"]\n",
            "did you mean `huawei-ims-create-image`?",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"name\"\nrequired-keys = [\"owner\"]\n",
            "`required-keys` is for tags",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"tags\"\npattern = \"x\"\n",
            "did you mean `key-pattern` or `value-pattern`?",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"name\"\n",
            "has no constraint",
        ),
        (
            "[[check]]\nid = \"ACME001\"\nname = \"many-tags\"\non = \"name\"\nrequired = true\n",
            "is the name of reqlint's rule",
        ),
        (
            "[[check]]\nid = \"ACME001\"\non = \"source\"\none-of = [\"snapshots\"]\n",
            "did you mean `snapshot`?",
        ),
        (
            "[rules]\nignore = [\"ACME01\"]\n[[check]]\nid = \"ACME001\"\non = \"name\"\nrequired = true\n",
            "did you mean `ACME001`?",
        ),
    ];
    for (config, expected) in cases {
        let dir = project(&[("reqlint.toml", config), ("a.json", REQUEST)]);
        let (code, _, err) = run(dir.path(), &["check", "a.json"]);
        assert_eq!(code, 2, "{config}\n{err}");
        assert!(
            err.contains(expected),
            "{config}\nexpected {expected:?} in\n{err}"
        );
        // The error points into the configuration file.
        assert!(err.contains("reqlint.toml:"), "{err}");
    }
}

#[test]
fn an_id_taken_in_an_extended_configuration_collides() {
    let dir = project(&[
        (
            "base.toml",
            "[[check]]\nid = \"ACME001\"\non = \"name\"\nrequired = true\n",
        ),
        (
            "reqlint.toml",
            "extend = \"base.toml\"\n[[check]]\nid = \"ACME001\"\non = \"description\"\nrequired = true\n",
        ),
        ("a.json", REQUEST),
    ]);
    let (code, _, err) = run(dir.path(), &["check", "a.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("already the id of a check in base.toml:2"),
        "{err}"
    );
}

#[test]
fn select_ignore_and_suppress_take_ids_and_names() {
    let dir = project(&[("reqlint.toml", CHECKS), ("a.json", REQUEST)]);
    let concise = ["check", "a.json", "--format", "concise"];
    let with = |extra: &[&str]| {
        let mut args = concise.to_vec();
        args.extend_from_slice(extra);
        run(dir.path(), &args)
    };
    assert_eq!(codes(&with(&["--select", "ACME001"]).1), ["ACME001"]);
    assert_eq!(
        codes(&with(&["--select", "image-owner-tag"]).1),
        ["ACME001"]
    );
    assert_eq!(codes(&with(&["--ignore", "acme002"]).1), ["ACME001"]);
    let (code, _, err) = with(&["--select", "ACME003"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("unknown rule `ACME003`; did you mean `ACME001`?"),
        "{err}"
    );

    // A suppression in the configuration, and one in a comment.
    let suppressed = format!(
        "{CHECKS}\n[[suppress]]\nfiles = \"*.json\"\nrule = \"image-owner-tag\"\nreason = \"tagged later\"\n"
    );
    let dir = project(&[("reqlint.toml", &suppressed), ("a.json", REQUEST)]);
    let (_, out, _) = run(dir.path(), &concise);
    assert_eq!(codes(&out), ["ACME002"], "{out}");

    let tf = "# reqlint-ignore ACME002: the legacy name stays\nresource \"alicloud_image\" \"web\" {\n  instance_id = \"i-bp67acfmxazb4ph****\"\n  image_name  = \"web\"\n  tags = {\n    owner         = \"a\"\n    \"cost-center\" = \"b\"\n  }\n}\n";
    let dir = project(&[("reqlint.toml", CHECKS), ("main.tf", tf)]);
    let (code, out, _) = run(dir.path(), &["check", "main.tf", "--format", "concise"]);
    assert_eq!(code, 0, "{out}");
    // Without the comment it fires.
    let dir = project(&[
        ("reqlint.toml", CHECKS),
        ("main.tf", &tf[tf.find('\n').unwrap() + 1..]),
    ]);
    let (_, out, _) = run(dir.path(), &["check", "main.tf", "--format", "concise"]);
    assert_eq!(codes(&out), ["ACME002"], "{out}");
}

#[test]
fn findings_of_checks_in_every_output_format_and_the_baseline() {
    let dir = project(&[("reqlint.toml", CHECKS), ("a.json", REQUEST)]);
    let (_, json, _) = run(dir.path(), &["check", "a.json", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let found = &json["files"][0]["diagnostics"];
    assert_eq!(found[1]["code"], "ACME001", "{json}");
    assert_eq!(found[1]["name"], "image-owner-tag");
    assert_eq!(found[1]["pointer"], "/image_tags");
    assert_eq!(
        found[1]["labels"][0]["message"],
        "missing tag `cost-center`"
    );
    assert_eq!(found[1]["help"], "add them to the image's tags");

    let (_, sarif, _) = run(dir.path(), &["check", "a.json", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let rules = &sarif["runs"][0]["tool"]["driver"]["rules"];
    assert!(
        rules
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "ACME001"),
        "{rules}"
    );
    let (_, github, _) = run(dir.path(), &["check", "a.json", "--format", "github"]);
    assert!(
        github.contains("title=ACME001 image-owner-tag::every image carries"),
        "{github}"
    );
    let (_, human, _) = run(dir.path(), &["check", "a.json"]);
    assert!(human.contains("ACME001(image-owner-tag)"), "{human}");

    let (code, _, err) = run(
        dir.path(),
        &[
            "check",
            "a.json",
            "--baseline",
            "b.json",
            "--update-baseline",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(dir.path(), &["check", "a.json", "--baseline", "b.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(2 in the baseline)"), "{out}");
}

#[test]
fn rules_lists_the_checks_in_effect() {
    let dir = project(&[("reqlint.toml", CHECKS)]);
    let (code, out, _) = run(dir.path(), &["rules"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("IMS006 ")), "{out}");
    assert!(
        out.contains("ACME001 error    image-owner-tag                  every image carries `owner` and `cost-center` tags (reqlint.toml:3)"),
        "{out}"
    );
    let (_, json, _) = run(dir.path(), &["rules", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let acme = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "ACME002")
        .expect("listed");
    assert_eq!(acme["check"]["on"], "name");
    assert_eq!(
        acme["constraints"][0],
        "matches `^prod-[a-z0-9-]+$` (the whole value)"
    );
    let (code, page, _) = run(dir.path(), &["rule", "image-owner-tag"]);
    assert_eq!(code, 0);
    assert!(page.starts_with("# ACME001 image-owner-tag"), "{page}");
    assert!(
        page.contains("tags `owner`, `cost-center` present"),
        "{page}"
    );
    // Elsewhere, no check is in effect.
    let empty = project(&[]);
    let (code, _, _) = run(empty.path(), &["rule", "ACME001"]);
    assert_eq!(code, 2);
}

#[test]
fn no_finding_rests_on_an_unknown_value() {
    // Terraform: a variable without a default is unknown; the tags come from a function.
    let tf = "variable \"name\" {}\nvariable \"tags\" {}\nresource \"alicloud_image\" \"web\" {\n  instance_id = \"i-bp67acfmxazb4ph****\"\n  image_name  = var.name\n  tags        = merge(var.tags, { env = \"x\" })\n}\n";
    // A command line: the name is a variable, and `$MORE` may hold any tag.
    let sh = "#!/bin/sh\naliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-bp67acfmxazb4ph**** --ImageName \"$NAME\" --Tag.1.Key owner $MORE\n";
    let dir = project(&[("reqlint.toml", CHECKS), ("main.tf", tf), ("build.sh", sh)]);
    let (code, out, _) = run(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "{out}");
    // The same with the values known fires both checks in both files.
    let tf = tf
        .replace("var.name", "\"web\"")
        .replace("merge(var.tags, { env = \"x\" })", "{ env = \"x\" }");
    let sh = sh.replace("\"$NAME\"", "web").replace(" $MORE", "");
    let dir = project(&[
        ("reqlint.toml", CHECKS),
        ("main.tf", &tf),
        ("build.sh", &sh),
    ]);
    let (code, out, _) = run(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        codes(&out),
        ["ACME002", "ACME001", "ACME002", "ACME001"],
        "{out}"
    );
}

/// Every kind of constraint, each once where it fires and once where it stays quiet, on the
/// same image written in every front-end: a request with a name, a description, the tags
/// `owner = team-web` and `env = dev`, made from an instance ("full"), and the same without
/// description and tags ("bare").
const MATRIX: &str = r#"
[[check]]
id = "FIRE1"
on = "description"
required = true
[[check]]
id = "QUIET1"
on = "name"
required = true
[[check]]
id = "FIRE2"
on = "description"
forbidden = true
[[check]]
id = "FIRE3"
on = "name"
pattern = "prod-.*"
[[check]]
id = "QUIET3"
on = "name"
pattern = "we.*"
[[check]]
id = "FIRE4"
on = "name"
not-pattern = "w.*"
[[check]]
id = "QUIET4"
on = "name"
not-pattern = "prod.*"
[[check]]
id = "FIRE5"
on = "name"
one-of = ["prod"]
[[check]]
id = "QUIET5"
on = "name"
one-of = ["web"]
[[check]]
id = "FIRE6"
on = "name"
min-length = 4
[[check]]
id = "QUIET6"
on = "name"
min-length = 3
[[check]]
id = "FIRE7"
on = "name"
max-length = 2
[[check]]
id = "QUIET7"
on = "name"
max-length = 3
[[check]]
id = "FIRE8"
on = "tags"
required-keys = ["cost-center"]
[[check]]
id = "FIRE9"
on = "tags"
allowed-keys = ["owner"]
[[check]]
id = "QUIET9"
on = "tags"
allowed-keys = ["owner", "env"]
[[check]]
id = "FIRE10"
on = "tags"
key-pattern = "[A-Z]+"
[[check]]
id = "QUIET10"
on = "tags"
key-pattern = "[a-z]+"
[[check]]
id = "FIRE11"
on = "tags"
value-pattern = "[0-9]+"
[[check]]
id = "QUIET11"
on = "tags"
value-pattern = "[a-z-]+"
[[check]]
id = "FIRE12"
on = "tags"
values = { env = ["prod"] }
[[check]]
id = "QUIET12"
on = "tags"
values = { env = ["dev"], owner = ["team-web"] }
[[check]]
id = "FIRE13"
on = "source"
one-of = ["snapshot"]
[[check]]
id = "QUIET13"
on = "source"
one-of = ["instance"]
[[check]]
id = "FIRE14"
on = "tags"
forbidden = true
[[check]]
id = "FIRE15"
on = "tags"
required = true
[[check]]
id = "FIRE16"
on = "description"
max-length = 5
"#;

/// The image of `MATRIX` in each front-end: (file name, full, bare).
fn matrix_files() -> Vec<(&'static str, String, String)> {
    let json_full = r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp67acfmxazb4ph****", "ImageName": "web", "Description": "web server", "Tag": [{"Key": "owner", "Value": "team-web"}, {"Key": "env", "Value": "dev"}]}"#;
    let json_bare =
        r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp67acfmxazb4ph****", "ImageName": "web"}"#;
    let http = |body: &str| {
        format!(
            "POST https://ims.cn-north-4.myhuaweicloud.com/v2/cloudimages/action\nContent-Type: application/json\n\n{body}\n"
        )
    };
    let http_full = http(
        r#"{"name": "web", "description": "web server", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "image_tags": [{"key": "owner", "value": "team-web"}, {"key": "env", "value": "dev"}]}"#,
    );
    let http_bare =
        http(r#"{"name": "web", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#);
    let tf_full = "resource \"huaweicloud_ims_ecs_system_image\" \"web\" {\n  name        = \"web\"\n  instance_id = \"877a2cda-ba63-4e1e-b95f-e67e48b6129a\"\n  description = \"web server\"\n  tags = {\n    owner = \"team-web\"\n    env   = \"dev\"\n  }\n}\n";
    let tf_bare = "resource \"huaweicloud_ims_ecs_system_image\" \"web\" {\n  name        = \"web\"\n  instance_id = \"877a2cda-ba63-4e1e-b95f-e67e48b6129a\"\n}\n";
    let packer = |extra: &str| {
        format!(
            "source \"alicloud-ecs\" \"web\" {{\n  region        = \"cn-beijing\"\n  image_name    = \"web\"\n  source_image  = \"centos_7_04_64_20G_alibase_201701015.vhd\"\n  ssh_username  = \"root\"\n  instance_type = \"ecs.n1.tiny\"\n{extra}}}\n\nbuild {{\n  sources = [\"source.alicloud-ecs.web\"]\n}}\n"
        )
    };
    let packer_full = packer(
        "  image_description = \"web server\"\n  tags = {\n    owner = \"team-web\"\n    env   = \"dev\"\n  }\n",
    );
    let packer_bare = packer("");
    let sh_full = "#!/bin/sh\naliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-bp67acfmxazb4ph**** --ImageName web --Description \"web server\" --Tag.1.Key owner --Tag.1.Value team-web --Tag.2.Key env --Tag.2.Value dev\n";
    let sh_bare = "#!/bin/sh\naliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-bp67acfmxazb4ph**** --ImageName web\n";
    vec![
        ("request.json", json_full.into(), json_bare.into()),
        ("request.http", http_full, http_bare),
        ("main.tf", tf_full.into(), tf_bare.into()),
        ("image.pkr.hcl", packer_full, packer_bare),
        ("build.sh", sh_full.into(), sh_bare.into()),
    ]
}

#[test]
fn every_constraint_fires_and_stays_quiet_in_every_front_end() {
    let full: &[&str] = &[
        "FIRE10", "FIRE11", "FIRE12", "FIRE13", "FIRE14", "FIRE16", "FIRE2", "FIRE3", "FIRE4",
        "FIRE5", "FIRE6", "FIRE7", "FIRE8", "FIRE9",
    ];
    let bare: &[&str] = &[
        "FIRE1", "FIRE13", "FIRE15", "FIRE3", "FIRE4", "FIRE5", "FIRE6", "FIRE7", "FIRE8",
    ];
    for (name, full_text, bare_text) in matrix_files() {
        for (text, expected) in [(&full_text, full), (&bare_text, bare)] {
            let dir = project(&[("reqlint.toml", MATRIX), (name, text)]);
            let (_, out, err) = run(dir.path(), &["check", name, "--format", "json"]);
            let json: serde_json::Value =
                serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
            let found = json["files"][0]["diagnostics"].as_array().unwrap().clone();
            let mut codes: Vec<&str> = found
                .iter()
                .map(|d| d["code"].as_str().unwrap())
                .filter(|c| c.starts_with("FIRE") || c.starts_with("QUIET"))
                .collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes, expected, "{name}:\n{text}\n{out}");
            // Each is underlined where the value is written.
            for d in &found {
                let (offset, length) = (
                    d["offset"].as_u64().unwrap() as usize,
                    d["length"].as_u64().unwrap() as usize,
                );
                let under = &text[offset..offset + length];
                let code = d["code"].as_str().unwrap();
                let want = match code {
                    "FIRE3" | "FIRE4" | "FIRE5" | "FIRE6" | "FIRE7" => "web",
                    "FIRE9" => "env",
                    "FIRE12" => "dev",
                    "FIRE16" => "web server",
                    "FIRE2" => "escription",
                    _ => "",
                };
                assert!(
                    under.contains(want),
                    "{name} {code}: `{under}` lacks `{want}`"
                );
                assert!(length > 0 || code == "FIRE1", "{name} {code}: empty span");
            }
        }
    }
}

/// The configuration's JSON Schema (for editors) takes the checks reqlint takes, and rejects
/// a misspelt key of a check, as reqlint does.
#[test]
fn shipped_schema_describes_checks() {
    let root = env!("CARGO_MANIFEST_DIR");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/docs/reqlint.toml.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let as_json = |text: &str| -> serde_json::Value {
        serde_json::to_value(toml::from_str::<toml::Table>(text).unwrap()).unwrap()
    };
    let fixtures = std::fs::read_to_string(format!("{root}/fixtures/checks/reqlint.toml")).unwrap();
    for text in [CHECKS, MATRIX, fixtures.as_str()] {
        reqlint::Config::parse("reqlint.toml", text, ".".into()).expect("reqlint accepts it");
        let errors: Vec<String> = validator
            .iter_errors(&as_json(text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let bad = "[[check]]\nid = \"ACME001\"\non = \"tags\"\nrequired-key = [\"owner\"]\n";
    assert!(!validator.is_valid(&as_json(bad)));
    assert!(reqlint::Config::parse("reqlint.toml", bad, ".".into()).is_err());
}
