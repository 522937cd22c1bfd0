use super::{HUAWEI, image_objects, tag_array_pointer, tag_count};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "HW006",
    name: "many-tags",
    apis: HUAWEI,
    severity: Severity::Warning,
    summary: "an image has 11-20 tags, more than some Huawei regions allow",
    why: "The image tag documentation allows 20 tags per image, but the batch tag API says an image can have at most 10; a request with more than 10 may fail in regions that apply the lower limit.",
    fix: "keep at most 10 tags if the image must work in every region",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["a.1", "b.1", "c.1", "d.1", "e.1", "f.1", "g.1", "h.1", "i.1", "j.1", "k.1"]}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["a.1", "b.1", "c.1", "d.1", "e.1", "f.1", "g.1", "h.1", "i.1", "j.1"]}"#,
    source: "docs/spec/constraints.md §1.4, C-HW-10; docs/spec/decisions.md",
    cloud_error: Some("IMG.0116"),
    constraints: &["§1.4", "C-HW-10"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        let count = tag_count(&object);
        if (11..=20).contains(&count) {
            let array = tag_array_pointer(object);
            r.report(
                Target::key(array.clone()),
                format!("the image has {count} tags; some regions allow only 10"),
            )
            .past_limit(&array, 10);
        }
    }
}
