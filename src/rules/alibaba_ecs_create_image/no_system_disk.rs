use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI017",
    name: "no-system-disk",
    apis: API,
    severity: Severity::Error,
    summary: "every `DiskDeviceMapping` entry is a `data` disk: the image has no system disk",
    why: "An image from disk snapshots needs a system disk snapshot: \"The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot\" (`OperationDenied`). Entries without `DiskType` take the snapshot's type, which only the cloud knows.",
    fix: "mark the system disk's entry with `\"DiskType\": \"system\"`",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "data"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "system"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (OperationDenied); docs/spec/constraints.md AL-6",
    cloud_error: Some("OperationDenied"),
    constraints: &["AL-6"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    // Only when the mapping is what the image is built from.
    if sources(ctx).first() != Some(&"DiskDeviceMapping") {
        return;
    }
    let all_data =
        disks(ctx).all(|(_, d)| d.get("DiskType").and_then(Value::as_str) == Some("data"));
    if all_data {
        r.report(
            Target::value("/DiskDeviceMapping"),
            "every `DiskDeviceMapping` entry is a data disk; the image needs a system disk",
        );
    }
}
