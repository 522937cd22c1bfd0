use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if !ctx.has("image_url") || ctx.has("os_version") {
        return;
    }
    let quick = ctx.get("is_quick_import") == Some(&Value::Bool(true));
    let iso_url = ctx
        .get("image_url")
        .and_then(Value::as_str)
        .is_some_and(|u| u.to_ascii_lowercase().ends_with(".iso"));
    let iso_type = ctx.get("type").and_then(Value::as_str) == Some("IsoImage");
    let (reason, label, why) = if quick {
        (
            "a quick import",
            "/is_quick_import",
            "quick import is requested here",
        )
    } else if iso_url {
        ("an ISO file", "/image_url", "the file is an ISO image")
    } else if iso_type {
        ("an ISO image", "/type", "the image type is IsoImage")
    } else {
        return;
    };
    r.report(
        Target::missing_in(""),
        format!("missing `os_version`, required for {reason}"),
    )
    .missing("os_version")
    .label(Target::value(label), why);
}
