use super::{image_objects, tags_of};
use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        let tags: Vec<_> = tags_of(object).collect();
        if tags.len() < 2 {
            continue;
        }
        // Most objects have a few tags, all different: say so without sorting.
        if tags.len() <= 16
            && tags
                .iter()
                .enumerate()
                .all(|(i, t)| tags[..i].iter().all(|u| u.key != t.key))
        {
            continue;
        }
        // Sorted by key, then position: each run of equal keys starts with the first use.
        let mut order: Vec<usize> = (0..tags.len()).collect();
        order.sort_by_key(|&i| (tags[i].key, i));
        let mut first = &tags[order[0]];
        for &i in &order[1..] {
            let tag = &tags[i];
            if tag.key != first.key {
                first = tag;
                continue;
            }
            r.report(
                Target::value(tag.key_pointer()),
                format!(
                    "`{}` repeats the tag key \"{}\" of `{}`",
                    tag.label(),
                    tag.key,
                    first.label()
                ),
            )
            .label(Target::value(first.key_pointer()), "first used here");
        }
    }
}
