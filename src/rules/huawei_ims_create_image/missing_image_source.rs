use super::{SOURCES, Selection, select};
use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS001",
    name: "missing-image-source",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Error,
    summary: "the request names no image source",
    why: "An image is made from an ECS (`instance_id`), an image file in OBS (`image_url`), a data disk (`volume_id`) or the data disks of an ECS (`data_images`); without one the cloud answers `IMG.0012` (ECS ID not specified).",
    fix: "add `instance_id`, `image_url`, `volume_id` or `data_images`",
    invalid: r#"{"name": "ims_test", "description": "a system disk image"}"#,
    valid: r#"{"name": "ims_test", "description": "a system disk image", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "S002 (the four request tables); constraints.md CI-1",
    cloud_error: Some("IMG.0012"),
    constraints: &["CI-1"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Selection::None = *ctx.memo(select) {
        let names: Vec<String> = SOURCES.iter().map(|s| format!("`{s}`")).collect();
        r.report(
            Target::missing_in(""),
            format!(
                "the request has none of {} or `data_images`",
                names.join(", ")
            ),
        );
    }
}
