use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "IMS009",
    name: "missing-os-version",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Error,
    summary: "an ISO file or a quick import from OBS without `os_version`",
    why: "IMS cannot detect the OS of an ISO file or of a quickly imported file: `os_version` is mandatory when `is_quick_import` is true or the file is an ISO image.",
    fix: "add `os_version` with the file's OS, for example \"CentOS 7.0 64bit\"",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.zvhd2", "min_disk": 40, "is_quick_import": true}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.zvhd2", "min_disk": 40, "is_quick_import": true, "os_version": "CentOS 7.0 64bit"}"#,
    source: "Huawei IMS API reference, Creating an Image (os_version, is_quick_import); docs/spec/constraints.md CI-8, CI-9",
    cloud_error: Some("IMG.0056"),
    constraints: &["CI-8", "CI-9", "N-14", "N-15"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if !ctx.has("image_url") || ctx.has("os_version") {
        return;
    }
    let quick = ctx.get("is_quick_import") == Some(&Value::Bool(true));
    let iso_url = ctx
        .get("image_url")
        .and_then(Value::as_str)
        .is_some_and(|u| u.to_ascii_lowercase().ends_with(".iso"));
    let iso_type = ctx.get("type").and_then(Value::as_str) == Some("IsoImage");
    let (reason, label, why) = if quick {
        (
            "a quick import",
            "/is_quick_import",
            "quick import is requested here",
        )
    } else if iso_url {
        ("an ISO file", "/image_url", "the file is an ISO image")
    } else if iso_type {
        ("an ISO image", "/type", "the image type is IsoImage")
    } else {
        return;
    };
    r.report(
        Target::missing_in(""),
        format!("missing `os_version`, required for {reason}"),
    )
    .missing("os_version")
    .label(Target::value(label), why);
}
