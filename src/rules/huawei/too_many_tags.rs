use super::{HUAWEI, image_objects, tag_array_pointer, tag_count};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "HW005",
    name: "too-many-tags",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "an image has more than 20 tags",
    why: "An image holds at most 20 tags; Huawei rejects more with `IMG.0116` (tag quota exceeded).",
    fix: "keep at most 20 tags (10 where the tag batch API's limit applies)",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["a.1", "b.1", "c.1", "d.1", "e.1", "f.1", "g.1", "h.1", "i.1", "j.1", "k.1", "l.1", "m.1", "n.1", "o.1", "p.1", "q.1", "r.1", "s.1", "t.1", "u.1"]}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["a.1", "b.1"]}"#,
    source: "docs/spec/constraints.md §1.3, §1.4, C-HW-10; docs/spec/decisions.md",
    cloud_error: Some("IMG.0116"),
    constraints: &["§1.4", "C-HW-10"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
