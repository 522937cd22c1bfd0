use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI034",
    name: "wrong-action",
    apis: API,
    severity: Severity::Error,
    summary: "the RPC parameter `Action` is not `CreateImage`, or `Version` not `2014-05-26`",
    why: "Every signed RPC request names its action and API version. Another action is another API, whose parameters are not these; another version of ECS answers `InvalidVersion` or reads the parameters by other rules.",
    fix: "set `Action` to `CreateImage` and `Version` to `2014-05-26`",
    invalid: r#"{"Action": "CreateImages", "Version": "2014-05-26", "RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****"}"#,
    valid: r#"{"Action": "CreateImage", "Version": "2014-05-26", "RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****"}"#,
    source: "Alibaba Cloud API reference, RPC-style requests: common request parameters `Action` and `Version`",
    cloud_error: None,
    constraints: &["§6"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for (name, expected) in [("Action", "CreateImage"), ("Version", "2014-05-26")] {
        let Some(value) = ctx.get(name) else { continue };
        if value.as_str() == Some(expected) {
            continue;
        }
        let shown = crate::rules::text::short(value);
        r.report(
            Target::value(crate::pointer::push("", name)),
            format!("`{name}` is {shown}, not \"{expected}\""),
        )
        .help(format!("set `{name}` to \"{expected}\""));
    }
}
