use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if sources(ctx).is_empty() {
        r.report(
            Target::missing_in(""),
            "the request has none of `InstanceId`, `DiskDeviceMapping` or `SnapshotId`",
        );
    }
}
