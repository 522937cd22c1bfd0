use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS103",
    name: "missing-whole-image-type",
    apis: &[Api::HuaweiImsCreateWholeImage],
    severity: Severity::Advice,
    summary: "a full-ECS image from a backup without `whole_image_type`, which defaults to CSBS",
    why: "Without `whole_image_type` the backup is taken to be a CSBS backup; a CBR backup then fails with `IMG.0198` (backup ID does not match the backup type). Saying `CBR` or `CSBS` makes the request explicit.",
    fix: "add `\"whole_image_type\": \"CBR\"` for a CBR backup, or `\"CSBS\"` for a CSBS backup",
    invalid: r#"{"name": "backup_whole_image", "backup_id": "9b27efab-4a17-4c06-bfa2-3e0cf021d3c3"}"#,
    valid: r#"{"name": "backup_whole_image", "backup_id": "9b27efab-4a17-4c06-bfa2-3e0cf021d3c3", "whole_image_type": "CSBS"}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image (whole_image_type); docs/spec/constraints.md FE-5, C-HW-12; docs/spec/decisions.md",
    cloud_error: Some("IMG.0198"),
    constraints: &["FE-5", "C-HW-12"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if ctx.has("backup_id") && !ctx.has("instance_id") && !ctx.has("whole_image_type") {
        r.report(
            Target::missing_in(""),
            "no `whole_image_type`: the backup is taken to be a CSBS backup",
        )
        .label(
            Target::key("/backup_id"),
            "the image is made from this backup",
        );
    }
}
