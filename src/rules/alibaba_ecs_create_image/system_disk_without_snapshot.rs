use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
