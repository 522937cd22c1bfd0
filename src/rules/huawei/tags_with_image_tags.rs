use super::{HUAWEI, image_objects};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "HW007",
    name: "tags-with-image-tags",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "`tags` and `image_tags` are used together in one object",
    why: "The documentation says \"use either tags or image_tags\", at the top level and in each `data_images` element; Huawei rejects both together as a malformed request.",
    fix: "keep either `tags` or `image_tags`, not both",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["aaa.111"], "image_tags": [{"key": "bbb", "value": "222"}]}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "image_tags": [{"key": "aaa", "value": "111"}, {"key": "bbb", "value": "222"}]}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS API reference, Creating an Image (\"Use either tags or image_tags\"); docs/spec/constraints.md §1.5",
    cloud_error: Some("IMG.0001"),
    constraints: &["§1.5", "FE-2", "CI-2", "N-1"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
