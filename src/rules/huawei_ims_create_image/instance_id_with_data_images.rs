use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let set = |name| {
        ctx.get(name)
            .is_some_and(|v| !crate::rules::huawei::variants::is_empty(v))
    };
    if set("instance_id") && set("data_images") {
        r.report(
            Target::key("/data_images"),
            "`data_images` cannot be created from ECS data disks in a request with `instance_id`",
        )
        .label(Target::key("/instance_id"), "`instance_id` is set here");
    }
}
