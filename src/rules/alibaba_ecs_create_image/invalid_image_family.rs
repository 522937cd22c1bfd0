use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI004",
    name: "invalid-image-family",
    apis: API,
    severity: Severity::Error,
    summary: "`ImageFamily` breaks Alibaba's naming rule",
    why: "`ImageFamily` is 2-128 characters, starts with a letter or a Chinese character, and holds only letters, Chinese characters, digits and `. : _ -`; it must not start with `aliyun` or `acs:` or contain `http://` or `https://`. Anything else fails with `InvalidImageFamily.Malformed`.",
    fix: "use 2-128 letters, Chinese characters, digits and `. : _ -`, starting with a letter",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageFamily": "acs:family"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageFamily": "hangzhou-daily-update"}"#,
    source: "Alibaba ECS API reference, CreateImage (ImageFamily); docs/spec/constraints.md C-ALI-2; docs/spec/decisions.md",
    cloud_error: Some("InvalidImageFamily.Malformed"),
    constraints: &["N-30", "C-ALI-2"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Some(Value::String(name)) = ctx.get("ImageFamily")
        && let Some(problem) = name_problem(name)
    {
        r.report(
            Target::value("/ImageFamily"),
            format!("`ImageFamily` {problem}"),
        );
    }
}
