use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS102",
    name: "missing-vault-id",
    apis: &[Api::HuaweiImsCreateWholeImage],
    severity: Severity::Warning,
    summary: "a full-ECS image from an ECS without `vault_id`",
    why: "`vault_id` is mandatory when the image is made through a CBR backup, and current regions make full-ECS images only from CBR backups (`IMG.0190`); it may be left out only for CSBS.",
    fix: "add `vault_id` with the ID of the CBR vault the ECS is, or will be, added to",
    invalid: r#"{"name": "instance_whole_image", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    valid: r#"{"name": "instance_whole_image", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "vault_id": "de9fcf45-11b2-432c-8562-5c5428574600"}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image (vault_id); docs/spec/constraints.md FE-6, C-HW-12; docs/spec/decisions.md",
    cloud_error: Some("IMG.0190"),
    constraints: &["FE-6", "C-HW-12"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if ctx.has("instance_id") && !ctx.has("backup_id") && !ctx.has("vault_id") {
        r.report(
            Target::missing_in(""),
            "missing `vault_id`, needed when the image is made through a CBR backup",
        )
        .label(
            Target::key("/instance_id"),
            "the image is made from this ECS",
        );
    }
}
