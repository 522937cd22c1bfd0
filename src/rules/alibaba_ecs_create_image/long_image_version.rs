use super::*;
use crate::rule::{Reporter, Target};

/// The only documented limit, the Packer plugin's.
const MAX: usize = 40;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(version)) = ctx.get("ImageVersion") else {
        return;
    };
    let length = version.chars().count();
    if length <= MAX {
        return;
    }
    r.report(
        Target::value("/ImageVersion"),
        format!(
            "`ImageVersion` is {} long, above the 40 that the Packer plugin documents",
            crate::rules::text::count(length, "character")
        ),
    );
}
