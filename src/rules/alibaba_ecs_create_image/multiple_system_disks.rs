use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
