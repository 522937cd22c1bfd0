use super::*;
use crate::rule::{Reporter, Target};
use std::collections::HashMap;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let tags = tags(ctx);
    let mut first: HashMap<&str, &Tag<'_>> = HashMap::new();
    for tag in &tags {
        let (Some(key), Some((name, _))) = (tag.key_str(), tag.key) else {
            continue;
        };
        match first.get(key) {
            Some(earlier) => {
                let earlier_name = earlier.key.map_or("Key", |(n, _)| n);
                r.report(
                    Target::value(tag.member(name)),
                    format!(
                        "`Tag[{}]` repeats the key \"{key}\" of `Tag[{}]`",
                        tag.index, earlier.index
                    ),
                )
                .label(
                    Target::value(earlier.member(earlier_name)),
                    "first used here",
                );
            }
            None => {
                first.insert(key, tag);
            }
        }
    }
}
