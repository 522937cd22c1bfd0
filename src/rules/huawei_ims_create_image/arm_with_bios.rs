use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "IMS016",
    name: "arm-with-bios",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Warning,
    summary: "an Arm image is set to boot with BIOS",
    why: "Arm supports only UEFI boot: an image with `architecture` \"arm\" and `hw_firmware_type` \"bios\" will not boot (`arm` forces UEFI).",
    fix: "set `hw_firmware_type` to \"uefi\" for Arm images",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "architecture": "arm", "hw_firmware_type": "bios"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "architecture": "arm", "hw_firmware_type": "uefi"}"#,
    source: "SDK and OTC API reference (architecture, hw_firmware_type); docs/spec/constraints.md CI-13",
    cloud_error: None,
    constraints: &["CI-13"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let arch = ctx.get("architecture").and_then(Value::as_str);
    let firmware = ctx.get("hw_firmware_type").and_then(Value::as_str);
    if arch == Some("arm") && firmware == Some("bios") {
        r.report(
            Target::value("/hw_firmware_type"),
            "`hw_firmware_type` is \"bios\", but Arm images boot only with UEFI",
        )
        .label(Target::value("/architecture"), "the image is for Arm");
    }
}
