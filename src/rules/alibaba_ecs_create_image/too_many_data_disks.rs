use super::*;
use crate::rule::{Reporter, Target};

/// A data disk: said so, or with neither a snapshot nor a type (an empty data disk).
fn is_data(disk: &serde_json::Map<String, Value>) -> bool {
    match disk.get("DiskType").and_then(Value::as_str) {
        Some(t) => t == "data",
        None => !disk.contains_key("SnapshotId"),
    }
}

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
