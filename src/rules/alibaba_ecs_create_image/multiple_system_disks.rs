use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI014",
    name: "multiple-system-disks",
    apis: API,
    severity: Severity::Error,
    summary: "`DiskDeviceMapping` has more than one `system` disk",
    why: "An image has one system disk: \"The specified parameter DiskDeviceMapping.n.SnapshotId contains two or more system disk snapshots\" (`OperationDenied`).",
    fix: "keep one entry with `DiskType` `system`; make the others `data`",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "system"}, {"SnapshotId": "s-2", "DiskType": "system"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "system"}, {"SnapshotId": "s-2", "DiskType": "data"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (DiskDeviceMapping, OperationDenied); docs/spec/constraints.md AL-4",
    cloud_error: Some("OperationDenied"),
    constraints: &["AL-4", "N-41"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let mut first = None;
    for (i, disk) in disks(ctx) {
        if disk.get("DiskType").and_then(Value::as_str) != Some("system") {
            continue;
        }
        let at = format!("/DiskDeviceMapping/{i}/DiskType");
        match &first {
            None => first = Some(at),
            Some(first) => {
                r.report(
                    Target::value(at),
                    format!("`DiskDeviceMapping[{i}]` is a second system disk"),
                )
                .label(Target::value(first.clone()), "the first system disk");
            }
        }
    }
}
