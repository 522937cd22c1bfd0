//! ROS templates, KooCLI `--cli-jsonInput` files and `aliyun` dry runs from the command line:
//! picked in a folder walk by content, read from standard input, their findings placed in the
//! file with the ROS logical id (or Terraform address) as `resource`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn run(dir: &Path, args: &[&str], stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const TEMPLATE: &str = "ROSTemplateFormatVersion: '2015-09-01'
Resources:
  GoldenImage:
    Type: ALIYUN::ECS::CustomImage
    Properties:
      InstanceId: i-bp1g6zv0ce8oghu7****
      ImageName: 1golden
";

#[test]
fn a_folder_walk_lints_ros_templates_and_no_other_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("ros")).unwrap();
    std::fs::write(root.join("ros/image.yml"), TEMPLATE).unwrap();
    // YAML that is no template, and YAML that is not even valid: no finding.
    std::fs::write(root.join("ci.yaml"), "ImageName: 1bad\nInstanceId: i-1\n").unwrap();
    std::fs::write(root.join("broken.yaml"), "a: [1, 2\n").unwrap();
    let (code, out) = run(root, &["check", "--format", "json", "."], b"");
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = json["files"].as_array().unwrap();
    let with_findings: Vec<_> = files
        .iter()
        .filter(|f| !f["diagnostics"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(with_findings.len(), 1, "{out}");
    let d = &with_findings[0]["diagnostics"][0];
    assert_eq!(with_findings[0]["path"], "ros/image.yml");
    assert_eq!(d["code"], "ALI003");
    assert_eq!(d["resource"], "GoldenImage");
    assert_eq!(d["pointer"], "/ImageName");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(7), Some(18))
    );
    // SARIF names the same place.
    let (_, sarif) = run(root, &["check", "--format", "sarif", "ros/image.yml"], b"");
    assert!(sarif.contains("\"startLine\": 7"), "{sarif}");
}

#[test]
fn a_template_on_standard_input_is_read_with_or_without_a_name() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check", "--format", "concise", "-"][..],
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "t.yaml",
            "-",
        ][..],
    ] {
        let (code, out) = run(dir.path(), args, TEMPLATE.as_bytes());
        assert_eq!(code, 1, "{out}");
        assert!(out.contains(":7:18: error[ALI003]"), "{out}");
    }
    // YAML that is no template, named as YAML: no finding.
    let (code, out) = run(
        dir.path(),
        &["check", "--stdin-filename", "x.yaml", "-"],
        b"a: 1\n",
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_skeleton_file_name_tells_the_huawei_api() {
    let dir = tempfile::tempdir().unwrap();
    let body = "{\n  \"header\": {\"X-Language\": \"en-us\"},\n  \"body\": {\"name\": \"img\", \"instance_id\": \"877a2cda-ba63-4e1e-b95f-e67e48b6129a\"}\n}\n";
    std::fs::write(dir.path().join("IMS_CreateWholeImage.json"), body).unwrap();
    std::fs::write(dir.path().join("request.json"), body).unwrap();
    let (_, out) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "IMS_CreateWholeImage.json",
            "request.json",
        ],
        b"",
    );
    // Told by the name: a full-ECS image without `vault_id`.
    assert!(
        out.contains("IMS_CreateWholeImage.json:3:11: warning[IMS102]"),
        "{out}"
    );
    // Not told: both Huawei APIs fit.
    assert!(out.contains("request.json:3:11: error[RQL006]"), "{out}");
}

#[test]
fn aliyun_dry_run_output_is_linted_from_a_file_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let output = "Skip invoke in dry-run mode, request is:\n------------------------------------\n\nPOST /?AccessKeyId=LTAI****&Action=CreateImage&Format=JSON&ImageName=1golden&InstanceId=i-bp1g6zv0ce8oghu7%2A%2A%2A%2A&RegionId=cn-hangzhou&Signature=x%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=1&SignatureType=&SignatureVersion=1.0&Timestamp=2026-12-02T12%3A00%3A00Z&Version=2014-05-26 HTTPS/1.1\nHost: ecs.cn-hangzhou.aliyuncs.com\nx-acs-action: CreateImage\n\n";
    std::fs::write(dir.path().join("dryrun.txt"), output).unwrap();
    let (code, from_file) = run(
        dir.path(),
        &["check", "--format", "concise", "dryrun.txt"],
        b"",
    );
    assert_eq!(code, 1, "{from_file}");
    let (_, from_stdin) = run(
        dir.path(),
        &["check", "--format", "concise", "-"],
        output.as_bytes(),
    );
    for out in [&from_file, &from_stdin] {
        assert!(out.contains(":4:70: error[ALI003]"), "{out}");
        // The protocol's own parameters are not CreateImage's.
        assert!(!out.contains("ALI029"), "{out}");
    }
}

#[test]
fn hcloud_dry_run_output_is_linted_from_a_file_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    // As the KooCLI user guide's "Checking Command" shows it (no blank line before the body).
    let output = "-------- The execution is eliminated in dry-run mode. Current request: --------\nPOST https://ims.cn-north-4.myhuaweicloud.com/v2/cloudimages/action\nContent-Type: application/json\nX-Sdk-Date: 20261202T103331Z\nAuthorization: ****\n{\n  \"name\": \"ims_test_file\",\n  \"image_url\": \"ims-image:centos70.qcow2\",\n  \"os_version\": \"CentOS 7.0 64bit\",\n  \"min_disk\": 300\n}\n";
    std::fs::write(dir.path().join("dryrun.log"), output).unwrap();
    let (code, from_file) = run(
        dir.path(),
        &["check", "--format", "concise", "dryrun.log"],
        b"",
    );
    assert_eq!(code, 1, "{from_file}");
    let (_, from_stdin) = run(
        dir.path(),
        &["check", "--format", "concise", "-"],
        output.as_bytes(),
    );
    for out in [&from_file, &from_stdin] {
        assert!(out.contains(":10:15: error[IMS006]"), "{out}");
    }
}
