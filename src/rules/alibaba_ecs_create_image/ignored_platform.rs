use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI030",
    name: "ignored-platform",
    apis: API,
    severity: Severity::Advice,
    summary: "`Platform` or `Architecture` beside `InstanceId`, where they have no effect",
    why: "`Platform` and `Architecture` describe the system disk when a data disk snapshot becomes it; an image made from an instance takes both from the instance.",
    fix: "remove `Platform` and `Architecture` when creating the image from an instance",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Platform": "CentOS"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****"}"#,
    source: "Alibaba ECS API reference, CreateImage (Platform, Architecture); docs/spec/constraints.md AL-14",
    cloud_error: None,
    constraints: &["AL-14"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if !ctx.has("InstanceId") {
        return;
    }
    for name in ["Platform", "Architecture"] {
        if ctx.has(name) {
            r.report(
                Target::key(format!("/{name}")),
                format!("`{name}` has no effect on an image made from an instance"),
            )
            .label(
                Target::key("/InstanceId"),
                "the image is made from this instance",
            );
        }
    }
}
