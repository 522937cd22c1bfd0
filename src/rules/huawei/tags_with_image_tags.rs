use super::image_objects;
use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        if object.contains_key("tags") && object.contains_key("image_tags") {
            r.report(
                Target::key(object.member("image_tags")),
                "`tags` and `image_tags` cannot be used together",
            )
            .label(Target::key(object.member("tags")), "`tags` is set here");
        }
    }
}
