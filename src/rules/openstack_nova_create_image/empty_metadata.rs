use super::{API, metadata};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, FixAction, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "NOVA008",
    name: "empty-metadata",
    apis: API,
    severity: Severity::Advice,
    summary: "`createImage.metadata` is an empty object",
    why: "Nova accepts `\"metadata\": {}`, and python-novaclient and openstacksdk send it on every request; only Huawei ECS's reference describes metadata as \"greater than 0 bytes\". Leaving the member out is accepted everywhere, so this is advice, not a warning.",
    fix: "remove the empty `metadata`, or give it at least one item",
    invalid: r#"{"createImage": {"name": "new-image-name", "metadata": {}}}"#,
    valid: r#"{"createImage": {"name": "new-image-name"}}"#,
    source: "Huawei ECS API reference, Creating an Image Using an ECS (metadata); docs/spec/constraints.md NV-7, C-NOVA-4",
    cloud_error: None,
    constraints: &["NV-7", "C-NOVA-4"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if metadata(ctx.body).is_some_and(|m| m.is_empty()) {
        r.report(
            Target::value("/createImage/metadata"),
            "`createImage.metadata` is empty",
        )
        .fix(
            "remove the empty `metadata`",
            FixAction::RemoveMember {
                pointer: "/createImage/metadata".into(),
            },
        );
    }
}
