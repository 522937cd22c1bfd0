//! The command line as users and scripts see it: exit codes, formats, standard input.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

fn reqlint(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn valid_requests_exit_zero() {
    let (code, out, _) = reqlint(
        &["check", "examples/requests/create-image-seeds.http"],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no problems found"), "{out}");
}

#[test]
fn errors_exit_one_with_json_as_promised() {
    let (code, out, _) = reqlint(&["check", "--format", "json", "examples/requests"], None);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["version"], 1);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["api"], "huawei-ims-create-image");
    let d = files[1]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "IMS006")
        .expect("IMS006 in import-from-obs.http");
    assert_eq!(d["pointer"], "/min_disk");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(14), Some(15))
    );
    assert_eq!(d["length"], 3);
    assert_eq!(d["request"], 1);
    assert!(json["summary"]["errors"].as_u64().unwrap() >= 6);
}

#[test]
fn missing_path_exits_two_and_still_lints_the_rest() {
    let (code, out, err) = reqlint(
        &[
            "check",
            "--format",
            "concise",
            "no/such/file.json",
            "examples/requests",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.json"), "{err}");
    assert!(
        out.contains("examples/requests/import-from-obs.http:14:15: error[IMS006]"),
        "{out}"
    );
    // Alone, a missing path is never "no problems found".
    let (code, out, err) = reqlint(&["check", "no/such/file.json"], None);
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
    assert!(!out.contains("no problems"), "{out}");
    assert!(out.contains("could not be read"), "{out}");
}

#[test]
fn bad_arguments_exit_two() {
    let (code, _, err) = reqlint(&["check", "--api", "aws-ec2"], None);
    assert_eq!(code, 2);
    assert!(err.contains("huawei-ims-create-image"), "{err}");
}

#[test]
fn standard_input_with_a_name() {
    let body = br#"{"name": "x", "image_url": "b:f.qcow2", "min_disk": 20}"#;
    let (code, out, _) = reqlint(
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "req.json",
            "-",
        ],
        Some(body),
    );
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "req.json:1:53: error[IMS006] `min_disk` is 20, below the minimum of 40\n\
         1 file checked: 1 error, 0 warnings, 0 advice\n"
    );
}

#[test]
fn garbage_is_a_finding_not_a_crash() {
    let (code, out, _) = reqlint(&["check", "--format", "json", "-"], Some(b"\xff\xfe{\0\0"));
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "RQL002");
}

#[test]
fn rules_catalogue_and_rule_page() {
    let (code, out, _) = reqlint(&["rules", "--format", "json"], None);
    assert_eq!(code, 0);
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ims006 = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "IMS006")
        .unwrap();
    assert_eq!(ims006["constraints"][0], "CI-5");
    let (code, out, _) = reqlint(&["rule", "min-disk-out-of-range"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("# IMS006") && out.contains("IMG.0055"),
        "{out}"
    );
    let (code, _, err) = reqlint(&["rule", "XYZ999"], None);
    assert_eq!(code, 2);
    assert!(err.contains("XYZ999"));
}

#[test]
fn schema_for_editors_validates_the_seeds_and_rejects_a_probe() {
    let (code, out, _) = reqlint(&["schema", "huawei-ims-create-image"], None);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    // reqlint's own annotations (`x-rule`, `x-expected`) are left out.
    let mut stack = vec![&schema];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(o) => {
                assert!(o.keys().all(|k| !k.starts_with("x-")), "{o:?}");
                stack.extend(o.values());
            }
            serde_json::Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
    assert!(
        schema["properties"]["min_disk"]["description"]
            .as_str()
            .unwrap()
            .contains("40-255")
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/huawei-ims-create-image/valid/seed-s002-3.json"
    ))
    .unwrap();
    let mut seed: serde_json::Value = serde_json::from_str(&seed).unwrap();
    assert!(validator.is_valid(&seed));
    seed["min_disk"] = 300.into();
    assert!(!validator.is_valid(&seed));
    for api in [
        "huawei-ims-create-whole-image",
        "openstack-nova-create-image",
        "alibaba-ecs-create-image",
    ] {
        let (code, out, _) = reqlint(&["schema", api], None);
        assert_eq!(code, 0);
        jsonschema::validator_for(&serde_json::from_str(&out).unwrap()).unwrap();
    }
}

#[test]
fn fix_rewrites_only_when_asked_and_reports_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    let original = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"InstanceId\": \"i-1\",\n  \"Tag\": [{\"key\": \"env\", \"value\": \"acs:x\"}],\n  \"regionid\": \"x\"\n}\n";
    std::fs::write(&path, original).unwrap();
    let p = path.to_str().unwrap();
    let (code, _, _) = reqlint(&["check", "--format", "concise", p], None);
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "no --fix, no write"
    );
    let (code, out, _) = reqlint(&["check", "--fix", "--format", "concise", p], None);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed.contains("\"Key\": \"env\", \"Value\": \"acs:x\""),
        "{fixed}"
    );
    assert!(
        fixed.contains("\"RegionId\": \"x\"") || fixed.contains("\"regionid\""),
        "{fixed}"
    );
    serde_json::from_str::<serde_json::Value>(&fixed).expect("still JSON");
    // What no fix can mend is still reported: the `acs:` value.
    assert_eq!(code, 1);
    assert!(out.contains("ALI025") && !out.contains("ALI027"), "{out}");
    assert!(!dir.path().join(".r.json.reqlint-fix").exists());
}

/// A folder with one misspelt Huawei request, for the fix tests.
fn misspelt() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("req.json");
    std::fs::write(
        &path,
        "{\n  \"name\": \"ims_test\",\n  \"image_url\": \"b:f.qcow2\",\n  \"min_disk\": 40,\n  \"os_verison\": \"CentOS 7.0 64bit\",\n  \"architecture\": \"X86\"\n}\n",
    )
    .unwrap();
    (dir, path)
}

#[test]
fn human_output_marks_fixes_and_counts_them() {
    let (_dir, path) = misspelt();
    let (code, out, _) = reqlint(&["check", path.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(out.contains("did you mean `os_version`?"), "{out}");
    assert!(
        out.contains("fix (--fix): rename `os_verison` to `os_version`"),
        "{out}"
    );
    assert!(out.contains("(2 fixable with `--fix`)"), "{out}");
    let (_, out, _) = reqlint(
        &["check", "--format", "concise", path.to_str().unwrap()],
        None,
    );
    assert!(out.contains("warning[HW014] [*] `os_verison`"), "{out}");
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let (_dir, path) = misspelt();
    let before = std::fs::read_to_string(&path).unwrap();
    let (code, out, _) = reqlint(&["check", "--diff", path.to_str().unwrap()], None);
    assert_eq!(code, 1, "a diff to apply exits 1");
    assert!(
        out.contains("-  \"os_verison\": \"CentOS 7.0 64bit\","),
        "{out}"
    );
    assert!(
        out.contains("+  \"os_version\": \"CentOS 7.0 64bit\","),
        "{out}"
    );
    assert!(out.contains("+  \"architecture\": \"x86\""), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn fix_says_what_it_changed() {
    let (_dir, path) = misspelt();
    let name = path.to_str().unwrap();
    let (code, out, err) = reqlint(&["check", "--fix", "--format", "concise", name], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(&format!(
            "{name}:5:3: fixed HW014: rename `os_verison` to `os_version`"
        )),
        "{err}"
    );
    assert!(
        err.contains("fixed IMS014: replace \"X86\" with `x86`"),
        "{err}"
    );
    assert!(err.contains("fixed 2 problems"), "{err}");
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("\"os_version\"") && after.contains("\"x86\""),
        "{after}"
    );
    // Nothing left to fix: the diff is empty and exits 0.
    let (code, out, _) = reqlint(&["check", "--diff", name], None);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn json_output_carries_the_fix() {
    let (_dir, path) = misspelt();
    let (_, out, _) = reqlint(&["check", "--format", "json", path.to_str().unwrap()], None);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let d = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "HW014")
        .unwrap();
    assert_eq!(d["fix"]["message"], "rename `os_verison` to `os_version`");
    let edit = &d["fix"]["edits"][0];
    let (offset, length) = (
        edit["offset"].as_u64().unwrap() as usize,
        edit["length"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[offset..offset + length], "\"os_verison\"");
    assert_eq!(edit["content"], "\"os_version\"");
    // A finding without a fix has no `fix` member.
    let (_, out, _) = reqlint(
        &[
            "check",
            "--format",
            "json",
            "examples/requests/import-from-obs.http",
        ],
        None,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    let without: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] != "IMS021")
        .collect();
    assert!(!without.is_empty());
    assert!(without.iter().all(|d| d.get("fix").is_none()), "{out}");
}

#[test]
fn select_ignore_exit_zero_and_statistics() {
    let (_dir, path) = misspelt();
    let name = path.to_str().unwrap();
    let (code, out, _) = reqlint(
        &["check", "--format", "concise", "--select", "hw014", name],
        None,
    );
    assert_eq!(code, 0, "the error was not selected: {out}");
    assert!(out.contains("HW014") && !out.contains("IMS014"), "{out}");
    let (code, out, _) = reqlint(
        &[
            "check",
            "--format",
            "concise",
            "--ignore",
            "invalid-architecture,HW014",
            name,
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("IMS014") && !out.contains("HW014"), "{out}");
    let (code, _, _) = reqlint(&["check", "--exit-zero", name], None);
    assert_eq!(code, 0);
    let (code, out, _) = reqlint(&["check", "--statistics", name], None);
    assert_eq!(code, 1);
    assert!(out.contains("    1  HW014   [*] unknown-member"), "{out}");
    assert!(
        out.contains("    1  IMS014  [*] invalid-architecture"),
        "{out}"
    );
}

#[test]
fn misspelt_rule_codes_get_did_you_mean() {
    let (code, _, err) = reqlint(&["check", "--select", "IMS06", "examples"], None);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `IMS006`?"), "{err}");
    let (code, _, err) = reqlint(&["rule", "min-disk-out-of-rang"], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `min-disk-out-of-range`?"),
        "{err}"
    );
    let (code, out, _) = reqlint(&["rule", "ims006"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("# IMS006"), "{out}");
}

#[test]
fn long_api_ids_are_not_broken_across_lines() {
    let body = br#"{"name": "bad name!", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#;
    for width in ["60", "80", "100"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_reqlint"))
            .args(["check", "--color", "never", "-"])
            .env("COLUMNS", width)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(body).unwrap();
        let out = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
        assert!(
            out.contains("`huawei-ims-create-whole-image`"),
            "width {width}:\n{out}"
        );
    }
}

/// A plan beside its configuration: the finding is on the `.tf` attribute, and when the `.tf`
/// file is linted in the same run the same mistake is reported once.
#[test]
fn a_plan_finding_lands_on_the_tf_file_once() {
    let dir = "fixtures/terraform/invalid/ALI024-plan-tag-on-the-tf";
    let (code, out, _) = reqlint(&["check", "--format", "json", dir], None);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v["files"].as_array().unwrap();
    let tf = files
        .iter()
        .find(|f| f["path"] == format!("{dir}/main.tf"))
        .expect("main.tf is reported");
    assert_eq!(tf["diagnostics"].as_array().unwrap().len(), 1, "{out}");
    assert_eq!(tf["diagnostics"][0]["code"], "ALI024");
    assert_eq!(tf["diagnostics"][0]["line"], 7);
    // The plan alone: the same finding, on the tf file, saying which plan found it.
    let (_, out, _) = reqlint(
        &["check", "--format", "concise", &format!("{dir}/plan.json")],
        None,
    );
    assert!(
        out.starts_with(&format!("{dir}/main.tf:7:5: error[ALI024]")),
        "{out}"
    );
}

/// `--terraform-dir` names the configuration of a plan kept elsewhere (a CI artefact).
#[test]
fn terraform_dir_places_a_plan_kept_elsewhere() {
    let dir = "fixtures/terraform/invalid/ALI024-plan-tag-on-the-tf";
    let tmp = tempfile::tempdir().unwrap();
    let plan = tmp.path().join("plan.json");
    std::fs::copy(format!("{dir}/plan.json"), &plan).unwrap();
    let plan = plan.to_string_lossy().to_string();
    let (_, alone, _) = reqlint(&["check", "--format", "concise", &plan], None);
    assert!(alone.starts_with(&format!("{plan}:")), "{alone}");
    let (code, out, _) = reqlint(
        &[
            "check",
            "--format",
            "concise",
            "--terraform-dir",
            dir,
            &plan,
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!("{dir}/main.tf:7:5: error[ALI024]")),
        "{out}"
    );
}

/// Pre-commit and editors pass the changed file: a variable file lints its module (never as a
/// JSON request), and a file that holds no request (YAML, TOML) gets no finding.
#[test]
fn named_files_that_are_not_requests() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("infra")).unwrap();
    std::fs::write(
        root.join("infra/main.tf"),
        "resource \"huaweicloud_ims_obs_system_image\" \"web\" {\n  name      = \"web\"\n  image_url = \"ims-image:web.qcow2\"\n  min_disk  = var.size\n}\n\nvariable \"size\" {}\n",
    )
    .unwrap();
    std::fs::write(root.join("infra/terraform.tfvars"), "size = 300\n").unwrap();
    std::fs::write(root.join("infra/prod.tfvars.json"), "{\"size\": 300}\n").unwrap();
    std::fs::write(root.join("ci.yaml"), "name: 3\nimage_url: x\n").unwrap();
    std::fs::write(root.join("notes.txt"), "min_disk is 300 here\n").unwrap();
    std::fs::write(
        root.join("request.txt"),
        "{\"name\": \"x\", \"image_url\": \"ims-image:a.qcow2\", \"min_disk\": 300}\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_reqlint"))
            .args(args)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    for vars in ["infra/terraform.tfvars", "infra/prod.tfvars.json"] {
        let (code, out) = run(&["check", "--format", "concise", vars]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("infra/main.tf:4:15: error[IMS006]"), "{out}");
        assert!(!out.contains("RQL001"), "{out}");
    }
    let (code, out) = run(&["check", "--format", "concise", "ci.yaml", "notes.txt"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no problems found"), "{out}");
    let (code, out) = run(&["check", "--format", "concise", "request.txt"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("IMS006"), "{out}");
}

/// A FIFO named `*.tf` beside a plan is not read: `reqlint check` ends (it waited for a writer
/// forever), whether it is given the plan or the folder.
#[cfg(unix)]
#[test]
fn a_fifo_beside_a_plan_does_not_hang_the_run() {
    let dir = "fixtures/terraform/invalid/ALI024-plan-tag-on-the-tf";
    let tmp = tempfile::tempdir().unwrap();
    for name in ["plan.json", "main.tf"] {
        std::fs::copy(format!("{dir}/{name}"), tmp.path().join(name)).unwrap();
    }
    let fifo = tmp.path().join("a.tf");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let plan = tmp.path().join("plan.json");
    for target in [plan.as_path(), tmp.path()] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_reqlint"))
            .args(["check", "--format", "concise"])
            .arg(target)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary runs");
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(60) {
                child.kill().unwrap();
                panic!(
                    "`reqlint check {}` did not end within 60 s",
                    target.display()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let mut out = String::new();
        std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
        assert_eq!(status.code(), Some(1), "{out}");
        assert!(out.contains("main.tf:7:5: error[ALI024]"), "{out}");
    }
}

/// `--var-file` and `--var` as `terraform plan` takes them: after the module's own `.tfvars`
/// files, `--var` last; a `--var` value is a literal string unless the variable's type says
/// otherwise; only for the root modules named, not for modules a walk finds below them; a
/// missing `--var-file` is an error.
#[test]
fn var_files_and_vars_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("infra/modules/other")).unwrap();
    let module = "variable \"size\" {\n  type = number\n}\n\nvariable \"name\" {}\n\nresource \"huaweicloud_ims_obs_system_image\" \"web\" {\n  name      = var.name\n  image_url = \"ims-image:web.qcow2\"\n  min_disk  = var.size\n}\n";
    std::fs::write(root.join("infra/main.tf"), module).unwrap();
    std::fs::write(root.join("infra/modules/other/main.tf"), module).unwrap();
    std::fs::write(root.join("infra/terraform.tfvars"), "size = 100\n").unwrap();
    std::fs::write(root.join("prod.tfvars"), "size = 300\nname = \"web\"\n").unwrap();
    let run = |args: &[&str]| common::run_reqlint(root, args);
    let (code, out, _) = run(&["check", "--format", "concise", "infra"]);
    assert_eq!(code, 0, "{out}");
    // The var file wins over `terraform.tfvars`, for `infra` only.
    let (code, out, _) = run(&[
        "check",
        "--format",
        "concise",
        "--var-file",
        "prod.tfvars",
        "infra",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("infra/main.tf:10:15: error[IMS006] `min_disk` is 300"),
        "{out}"
    );
    assert!(!out.contains("modules/other"), "{out}");
    // `--var` wins over both; a string variable takes the text as it is (`256` is no number
    // there, and `x!y` is checked as a name).
    let (code, out, _) = run(&[
        "check",
        "--format",
        "concise",
        "--var-file",
        "prod.tfvars",
        "--var",
        "size=256",
        "--var",
        "name=x!y",
        "infra/main.tf",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`min_disk` is 256"), "{out}");
    assert!(out.contains("error[HW001] `name` \"x!y\""), "{out}");
    // A value that is not of the variable's type is refused by Terraform: unknown here.
    let (code, out, _) = run(&["check", "--format", "concise", "--var", "size=big", "infra"]);
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = run(&["check", "--var-file", "missing.tfvars", "infra"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--var-file missing.tfvars: no such file"),
        "{err}"
    );
    let (code, _, err) = run(&["check", "--var", "novalue", "infra"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not NAME=VALUE"), "{err}");
}
