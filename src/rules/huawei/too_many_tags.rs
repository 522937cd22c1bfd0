use super::{image_objects, tag_array_pointer, tag_count};
use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        let count = tag_count(&object);
        if count > 20 {
            let array = tag_array_pointer(object);
            r.report(
                Target::key(array.clone()),
                format!("the image has {count} tags, more than 20"),
            )
            .past_limit(&array, 20);
        }
    }
}
