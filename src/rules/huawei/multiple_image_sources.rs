use super::HUAWEI;
use super::variants::{Selection, select};
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS002",
    name: "multiple-image-sources",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "the request names more than one image source",
    why: "Each source member (`instance_id`, `image_url`, `volume_id`; for a full-ECS image `instance_id`, `backup_id`) selects a different way of creating the image, with different required members; the cloud accepts exactly one.",
    fix: "keep one source member, and send one request per image",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "volume_id": "c5dfbd0c-bf0a-4798-a453-61dc6b54aa30"}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "Huawei IMS API reference, Creating an Image, Huawei IMS API reference, Creating a Full-ECS Image (disjoint request tables); docs/spec/constraints.md CI-1, FE-1",
    cloud_error: Some("IMG.0001"),
    constraints: &["CI-1", "FE-1", "N-4"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Selection::Many(_, present) = &*ctx.memo(select) {
        let (first, rest) = present.split_first().expect("Many holds two or more");
        for other in rest {
            r.report(
                Target::key(pointer::push("", other)),
                format!("`{other}` names a second image source beside `{first}`"),
            )
            .label(Target::key(pointer::push("", first)), "the first source");
        }
    }
}
