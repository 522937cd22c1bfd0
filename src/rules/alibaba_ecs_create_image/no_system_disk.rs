use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    // Only when the mapping is what the image is built from.
    if sources(ctx).first() != Some(&"DiskDeviceMapping") {
        return;
    }
    let all_data =
        disks(ctx).all(|(_, d)| d.get("DiskType").and_then(Value::as_str) == Some("data"));
    if all_data {
        r.report(
            Target::value("/DiskDeviceMapping"),
            "every `DiskDeviceMapping` entry is a data disk; the image needs a system disk",
        );
    }
}
