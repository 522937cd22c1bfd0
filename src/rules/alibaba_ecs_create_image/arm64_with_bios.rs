use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI031",
    name: "arm64-with-bios",
    apis: API,
    severity: Severity::Warning,
    summary: "an `arm64` image set to boot with `BIOS`",
    why: "Arm images boot with UEFI; `InvalidBootMode.NotSupport` says the boot mode \"is not supported for current image architecture\". Not documented as a rule for this pair, hence a warning.",
    fix: "use `UEFI` (or `UEFI-Preferred`) for `arm64` images",
    invalid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Architecture": "arm64", "BootMode": "BIOS"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Architecture": "arm64", "BootMode": "UEFI"}"#,
    source: "Alibaba ECS API reference, CreateImage (BootMode, InvalidBootMode.NotSupport); docs/spec/constraints.md AL-16",
    cloud_error: Some("InvalidBootMode.NotSupport"),
    constraints: &["AL-16"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let arch = ctx.get("Architecture").and_then(Value::as_str);
    let boot = ctx.get("BootMode").and_then(Value::as_str);
    if arch == Some("arm64") && boot == Some("BIOS") {
        r.report(
            Target::value("/BootMode"),
            "`BootMode` is \"BIOS\", but `arm64` images boot with UEFI",
        )
        .label(Target::value("/Architecture"), "the image is for arm64");
    }
}
