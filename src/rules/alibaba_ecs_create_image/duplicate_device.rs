use super::*;
use crate::rule::{Reporter, Target};
use std::collections::HashMap;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
