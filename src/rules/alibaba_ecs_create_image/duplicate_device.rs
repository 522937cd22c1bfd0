use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    code: "ALI019",
    name: "duplicate-device",
    apis: API,
    severity: Severity::Error,
    summary: "two `DiskDeviceMapping` entries use the same `Device`",
    why: "Each disk needs its own device name; a repeated one fails with `InvalidDevice.InUse` (\"has been occupied\").",
    fix: "give each disk its own device, `/dev/xvda` for the system disk and `/dev/xvdb` onwards for data disks",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "system", "Device": "/dev/xvda"}, {"Size": 40, "Device": "/dev/xvda"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "system", "Device": "/dev/xvda"}, {"Size": 40, "Device": "/dev/xvdb"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Device); docs/spec/constraints.md AL-8",
    cloud_error: Some("InvalidDevice.InUse"),
    constraints: &["AL-8", "N-43"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, disk) in disks(ctx) {
        let Some(device) = disk.get("Device").and_then(Value::as_str) else {
            continue;
        };
        if let Some(&j) = first.get(device) {
            r.report(
                Target::value(format!("/DiskDeviceMapping/{i}/Device")),
                format!("`DiskDeviceMapping[{i}]` uses the device \"{device}\" of `DiskDeviceMapping[{j}]`"),
            )
            .label(Target::value(format!("/DiskDeviceMapping/{j}/Device")), "first used here");
        } else {
            first.insert(device, i);
        }
    }
}
