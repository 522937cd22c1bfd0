use super::HUAWEI;
use super::member_of_other_variant::strays;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule};

pub static RULE: Rule = Rule {
    code: "IMS020",
    name: "empty-member-of-other-variant",
    apis: HUAWEI,
    severity: Severity::Warning,
    summary: "an empty member (`\"\"` or `[]`) belongs to another way of creating the image",
    why: "Go SDKs and tools built on them send every member of their request struct, empty ones included (`\"volume_id\": \"\"` beside `instance_id`). The cloud ignores an empty member, so the request is accepted; but the member says nothing and hides which way the image is made.",
    fix: "remove the empty member",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "image_url": ""}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "docs/spec/decisions.md (members that belong to another variant, when empty); the Huawei Cloud Go SDK's request structs",
    cloud_error: None,
    constraints: &["CI-10", "FE-4"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for s in strays(ctx).iter().filter(|s| s.empty) {
        let message = format!(
            "`{}` is empty and ignored: it belongs to {}, not to {}",
            s.shown, s.owner, s.here
        );
        s.report(r, message, format!("remove the empty `{}`", s.name));
    }
}
