use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI002",
    name: "ali-missing-image-source",
    apis: API,
    severity: Severity::Error,
    summary: "none of `InstanceId`, `DiskDeviceMapping` or `SnapshotId`",
    why: "An image is made from an instance, from disk snapshots (`DiskDeviceMapping`) or from a system disk snapshot (`SnapshotId`); without one the call fails with `MissingParameter`.",
    fix: "add `InstanceId`, a non-empty `DiskDeviceMapping`, or `SnapshotId`",
    invalid: r#"{"RegionId": "cn-hangzhou", "ImageName": "TestCentOS"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "ImageName": "TestCentOS", "InstanceId": "i-bp1g6zv0ce8oghu7****"}"#,
    source: "Alibaba ECS API reference, CreateImage (usage notes); docs/spec/constraints.md AL-2",
    cloud_error: Some("MissingParameter"),
    constraints: &["AL-2", "N-27"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if sources(ctx).is_empty() {
        r.report(
            Target::missing_in(""),
            "the request has none of `InstanceId`, `DiskDeviceMapping` or `SnapshotId`",
        );
    }
}
