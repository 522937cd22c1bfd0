use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if ctx.has("instance_id") && !ctx.has("backup_id") && !ctx.has("vault_id") {
        r.report(
            Target::missing_in(""),
            "missing `vault_id`, needed when the image is made through a CBR backup",
        )
        .label(
            Target::key("/instance_id"),
            "the image is made from this ECS",
        );
    }
}
