use super::{HUAWEI, image_objects, tags_of};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

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
    source: "docs/spec/constraints.md §1.3, §1.4 (keys unique)",
    cloud_error: Some("IMG.0115"),
    constraints: &["§1.3", "§1.4", "N-18"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        let tags = tags_of(object);
        if tags.len() < 2 {
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
