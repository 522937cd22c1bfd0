use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, FixAction, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI029",
    name: "unknown-parameter",
    apis: API,
    severity: Severity::Warning,
    summary: "a parameter that `CreateImage` does not have",
    why: "The RPC gateway ignores or rejects unknown parameters inconsistently; most often the parameter is misspelt (`regionId`, `Tags`, `Disk.1.Size`) and the intended one is missing.",
    fix: "remove the parameter, or correct its spelling",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageNmae": "TestCentOS"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageName": "TestCentOS"}"#,
    source: "S004 (request parameters); Alibaba SDK models; constraints.md §6; DECISIONS.md",
    cloud_error: None,
    constraints: &["§6"],
    check: Check::Rust(check),
};

const TOP: [&str; 21] = [
    "RegionId",
    "SnapshotId",
    "InstanceId",
    "ImageName",
    "ImageFamily",
    "ImageVersion",
    "Description",
    "Platform",
    "BootMode",
    "Architecture",
    "ClientToken",
    "ResourceGroupId",
    "DiskDeviceMapping",
    "Tag",
    "DetectionStrategy",
    "Features",
    "DryRun",
    "OwnerId",
    "OwnerAccount",
    "ResourceOwnerAccount",
    "ResourceOwnerId",
];
const DISK: [&str; 4] = ["SnapshotId", "Size", "Device", "DiskType"];
const TAG: [&str; 4] = ["Key", "Value", "key", "value"];
const FEATURES: [&str; 1] = ["ImdsSupport"];

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for key in ctx.body.keys() {
        if !TOP.contains(&key.as_str()) {
            report(r, crate::pointer::push("", key), key, &TOP, ctx.body);
        }
    }
    for (i, disk) in disks(ctx) {
        for key in disk.keys().filter(|k| !DISK.contains(&k.as_str())) {
            let at = crate::pointer::push(&format!("/DiskDeviceMapping/{i}"), key);
            report(r, at, key, &DISK, disk);
        }
    }
    for tag in tags(ctx) {
        for key in tag.object.keys().filter(|k| !TAG.contains(&k.as_str())) {
            report(r, tag.member(key), key, &TAG, tag.object);
        }
    }
    if let Some(Value::Object(features)) = ctx.get("Features") {
        for key in features.keys().filter(|k| !FEATURES.contains(&k.as_str())) {
            report(
                r,
                crate::pointer::push("/Features", key),
                key,
                &FEATURES,
                features,
            );
        }
    }
}

/// Reports an unknown member; the rename to a near name is offered only when that name is
/// free in the object (a rename onto a present member would duplicate it).
fn report(
    r: &mut Reporter,
    at: String,
    key: &str,
    known: &[&str],
    object: &serde_json::Map<String, Value>,
) {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .flat_map(|c| c.to_lowercase())
            .collect()
    };
    let wanted = squash(key);
    let near = known.iter().find(|k| squash(k) == wanted);
    let free = near.is_some_and(|n| !object.contains_key(*n));
    let report = r.report(
        Target::key(at.clone()),
        format!("`{key}` is not a parameter of `CreateImage`"),
    );
    if let Some(near) = near.filter(|_| !free) {
        report.help(format!(
            "`{near}` is already set: remove this misspelt copy"
        ));
    } else if let Some(near) = near {
        report.help(format!("did you mean `{near}`?")).fix(
            format!("rename `{key}` to `{near}`"),
            FixAction::RenameMember {
                pointer: at,
                to: (*near).into(),
            },
        );
    }
}
