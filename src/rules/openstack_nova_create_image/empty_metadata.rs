use super::metadata;
use crate::rule::{Ctx, FixAction, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if metadata(ctx.body).is_some_and(|m| m.is_empty()) {
        r.report(
            Target::value("/createImage/metadata"),
            "`createImage.metadata` is empty",
        )
        .fix(
            "remove the empty `metadata`",
            FixAction::RemoveMember {
                pointer: "/createImage/metadata".into(),
            },
        );
    }
}
