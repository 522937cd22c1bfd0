use super::variants::{self, Selection, select};
use crate::pointer;
use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Selection::One(_, variant) = *ctx.memo(select) else {
        return;
    };
    for member in &variant.ignored {
        // Said once, and only of a member that carries a value: Go SDKs send `"name": ""`.
        if ctx.get(member).is_some_and(|v| !variants::is_empty(v)) {
            r.report(
                Target::key(pointer::push("", member)),
                format!(
                    "`{member}` is ignored when creating {}; the `data_images` values are used",
                    variant.title
                ),
            );
        }
    }
}
