use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for (name, expected) in [("Action", "CreateImage"), ("Version", "2014-05-26")] {
        let Some(value) = ctx.get(name) else { continue };
        if value.as_str() == Some(expected) {
            continue;
        }
        let shown = crate::rules::text::short(value);
        r.report(
            Target::value(crate::pointer::push("", name)),
            format!("`{name}` is {shown}, not \"{expected}\""),
        )
        .help(format!("set `{name}` to \"{expected}\""));
    }
}
