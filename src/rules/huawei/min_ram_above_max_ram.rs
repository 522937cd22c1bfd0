use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let min = ctx.get("min_ram").and_then(Value::as_u64);
    let max = ctx.get("max_ram").and_then(Value::as_u64);
    if let (Some(min), Some(max)) = (min, max)
        && max > 0
        && min > max
    {
        r.report(
            Target::value("/min_ram"),
            format!("`min_ram` is {min} MB, above `max_ram` of {max} MB"),
        )
        .label(Target::value("/max_ram"), "the maximum is set here");
    }
}
