use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let arch = ctx.get("Architecture").and_then(Value::as_str);
    let boot = ctx.get("BootMode").and_then(Value::as_str);
    if arch == Some("arm64") && boot == Some("BIOS") {
        r.report(
            Target::value("/BootMode"),
            "`BootMode` is \"BIOS\", but `arm64` images boot with UEFI",
        )
        .label(Target::value("/Architecture"), "the image is for arm64");
    }
}
