use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if ctx.has("backup_id") && !ctx.has("instance_id") && !ctx.has("whole_image_type") {
        r.report(
            Target::missing_in(""),
            "no `whole_image_type`: the backup is taken to be a CSBS backup",
        )
        .label(
            Target::key("/backup_id"),
            "the image is made from this backup",
        );
    }
}
