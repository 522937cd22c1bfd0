use super::flatten::indexed;
use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for key in ctx.body.keys() {
        let Some(i) = indexed(key).filter(|i| i.valid()) else {
            continue;
        };
        if ctx.has(i.array) {
            r.report(
                Target::key(crate::pointer::push("", key)),
                format!("`{key}` writes the list `{}` a second time", i.array),
            )
            .label(
                Target::key(crate::pointer::push("", i.array)),
                "the list is also written here",
            );
        }
    }
}
