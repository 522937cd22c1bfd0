use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let arch = ctx.get("architecture").and_then(Value::as_str);
    let firmware = ctx.get("hw_firmware_type").and_then(Value::as_str);
    if arch == Some("arm") && firmware == Some("bios") {
        r.report(
            Target::value("/hw_firmware_type"),
            "`hw_firmware_type` is \"bios\", but Arm images boot only with UEFI",
        )
        .label(Target::value("/architecture"), "the image is for Arm");
    }
}
