use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI018",
    name: "system-disk-without-snapshot",
    apis: API,
    severity: Severity::Error,
    summary: "a `system` disk entry has no `SnapshotId`",
    why: "An entry without `SnapshotId` creates an empty data disk, so a `system` entry without one contradicts itself: the system disk must come from a snapshot.",
    fix: "add the system disk's `SnapshotId`",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"DiskType": "system", "Size": 40}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"DiskType": "system", "Size": 40, "SnapshotId": "s-1"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (DiskDeviceMapping.N.SnapshotId); docs/spec/constraints.md AL-7; docs/spec/decisions.md",
    cloud_error: None,
    constraints: &["AL-7"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for (i, disk) in disks(ctx) {
        if disk.get("DiskType").and_then(Value::as_str) == Some("system")
            && !disk.contains_key("SnapshotId")
        {
            r.report(
                Target::missing_in(format!("/DiskDeviceMapping/{i}")),
                format!("`DiskDeviceMapping[{i}]` is the system disk but has no `SnapshotId`"),
            );
        }
    }
}
