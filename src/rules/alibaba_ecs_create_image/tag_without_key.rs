use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for tag in tags(ctx) {
        if tag.key.is_none() {
            r.report(
                Target::missing_in(tag.pointer()),
                format!("`Tag[{}]` has no `Key`", tag.index),
            );
        }
    }
}
