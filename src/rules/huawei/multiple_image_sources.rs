use super::variants::{Selection, select};
use crate::pointer;
use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Selection::Many(_, present) = &*ctx.memo(select) {
        let (first, rest) = present.split_first().expect("Many holds two or more");
        for other in rest {
            r.report(
                Target::key(pointer::push("", other)),
                format!("`{other}` names a second image source beside `{first}`"),
            )
            .label(Target::key(pointer::push("", first)), "the first source");
        }
    }
}
