use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI015",
    name: "too-many-data-disks",
    apis: API,
    severity: Severity::Error,
    summary: "`DiskDeviceMapping` has more than 16 data disks",
    why: "An image holds at most 16 data disks: entries with `DiskType` `data`, and entries without `SnapshotId` or `DiskType`, which become empty data disks.",
    fix: "keep at most 16 data disks, and make the others a separate image",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "system"}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}, {"Size": 40}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "DiskType": "system"}, {"Size": 40}]}"#,
    source: "Alibaba ECS API reference, CreateImage (usage notes: at most 16 data disk snapshots); docs/spec/constraints.md AL-5",
    cloud_error: Some("InvalidParameter"),
    constraints: &["AL-5", "N-42"],
    check: Check::Rust(check),
};

/// A data disk: said so, or with neither a snapshot nor a type (an empty data disk).
fn is_data(disk: &serde_json::Map<String, Value>) -> bool {
    match disk.get("DiskType").and_then(Value::as_str) {
        Some(t) => t == "data",
        None => !disk.contains_key("SnapshotId"),
    }
}

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let data: Vec<usize> = disks(ctx)
        .filter(|(_, d)| is_data(d))
        .map(|(i, _)| i)
        .collect();
    if let Some(&seventeenth) = data.get(16) {
        r.report(
            Target::key("/DiskDeviceMapping"),
            format!(
                "`DiskDeviceMapping` has {} data disks, more than 16",
                data.len()
            ),
        )
        .label(
            Target::value(crate::pointer::push_index(
                "/DiskDeviceMapping",
                seventeenth,
            )),
            "data disk 17 is past the limit of 16",
        );
    }
}
