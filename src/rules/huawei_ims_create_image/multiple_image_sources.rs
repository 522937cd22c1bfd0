use super::{Selection, select};
use crate::api::Api;
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS002",
    name: "multiple-image-sources",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Error,
    summary: "the request names more than one image source",
    why: "`instance_id`, `image_url` and `volume_id` each select a different way of creating the image, with different required members; the cloud accepts exactly one.",
    fix: "keep one of `instance_id`, `image_url` and `volume_id`, and send one request per image",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "volume_id": "c5dfbd0c-bf0a-4798-a453-61dc6b54aa30"}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "S002 (four disjoint request tables); constraints.md CI-1",
    cloud_error: Some("IMG.0001"),
    constraints: &["CI-1"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Selection::Many(present) = &*ctx.memo(select) {
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
