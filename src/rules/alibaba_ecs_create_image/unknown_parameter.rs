use super::*;
use crate::rule::Reporter;

const TOP: [&str; 32] = [
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
    // Sent by Alibaba's Go SDK.
    "StorageLocationArn",
    // The RPC common parameters, which travel with every signed request.
    "Action",
    "Version",
    "Format",
    "Timestamp",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Signature",
    "AccessKeyId",
    "SecurityToken",
];

/// `SystemTag.N.Key`, `SystemTag.N.Value`, `SystemTag.N.Scope`: sent by Alibaba's Go SDK.
fn system_tag(key: &str) -> bool {
    key.strip_prefix("SystemTag.")
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(n, field)| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && ["Key", "Value", "Scope"].contains(&field)
        })
}
const DISK: [&str; 4] = ["SnapshotId", "Size", "Device", "DiskType"];
const TAG: [&str; 4] = ["Key", "Value", "key", "value"];
const FEATURES: [&str; 1] = ["ImdsSupport"];

/// How the message names what the member is not.
const WHAT: &str = "a parameter of `CreateImage`";

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for key in ctx.body.keys() {
        // `Tag.0.Key` and `Tag.1.Key` beside `Tag` are ALI032's and ALI033's.
        let listed = super::flatten::indexed(key).is_some();
        if !TOP.contains(&key.as_str()) && !listed && !system_tag(key) {
            crate::rules::unknown::report(
                r,
                crate::pointer::push("", key),
                key,
                WHAT,
                &TOP,
                ctx.body,
            );
        }
    }
    for (i, disk) in disks(ctx) {
        for key in disk.keys().filter(|k| !DISK.contains(&k.as_str())) {
            let at = crate::pointer::push(&format!("/DiskDeviceMapping/{i}"), key);
            crate::rules::unknown::report(r, at, key, WHAT, &DISK, disk);
        }
    }
    for tag in tags(ctx) {
        for key in tag.object.keys().filter(|k| !TAG.contains(&k.as_str())) {
            crate::rules::unknown::report(r, tag.member(key), key, WHAT, &TAG, tag.object);
        }
    }
    if let Some(Value::Object(features)) = ctx.get("Features") {
        for key in features.keys().filter(|k| !FEATURES.contains(&k.as_str())) {
            crate::rules::unknown::report(
                r,
                crate::pointer::push("/Features", key),
                key,
                WHAT,
                &FEATURES,
                features,
            );
        }
    }
}
