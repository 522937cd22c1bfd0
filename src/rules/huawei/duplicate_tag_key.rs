use super::{HUAWEI, image_objects, tags_of};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    code: "HW004",
    name: "duplicate-tag-key",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "two tags of one image have the same key",
    why: "Tag keys must be unique per image; Huawei rejects a repeated key with `IMG.0115`.",
    fix: "remove one of the two tags, or give it another key",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["aaa.111", "aaa.222"]}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["aaa.111", "bbb.222"]}"#,
    source: "constraints.md §1.3, §1.4 (keys unique)",
    cloud_error: Some("IMG.0115"),
    constraints: &["§1.3", "§1.4", "N-18"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for (ptr, object) in image_objects(ctx.body) {
        let tags = tags_of(&ptr, object);
        let mut first: HashMap<&str, &super::Tag<'_>> = HashMap::with_capacity(tags.len());
        for tag in &tags {
            match first.get(tag.key) {
                Some(earlier) => {
                    r.report(
                        Target::value(tag.key_pointer()),
                        format!(
                            "`{}` repeats the tag key \"{}\" of `{}`",
                            tag.label(),
                            tag.key,
                            earlier.label()
                        ),
                    )
                    .label(Target::value(earlier.key_pointer()), "first used here");
                }
                None => {
                    first.insert(tag.key, tag);
                }
            }
        }
    }
}
