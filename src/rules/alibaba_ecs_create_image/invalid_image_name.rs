use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI003",
    name: "ali-invalid-image-name",
    apis: API,
    severity: Severity::Error,
    summary: "`ImageName` breaks Alibaba's naming rule",
    why: "`ImageName` is 2-128 characters, starts with a letter or a Chinese character, and holds only letters, Chinese characters, digits and `. : _ -`; it must not start with `aliyun` or `acs:` or contain `http://` or `https://`. Anything else fails with `InvalidImageName.Malformed`.",
    fix: "use 2-128 letters, Chinese characters, digits and `. : _ -`, starting with a letter",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageName": "1TestCentOS"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageName": "TestCentOS"}"#,
    source: "Alibaba ECS API reference, CreateImage (ImageName, InvalidImageName.Malformed); docs/spec/constraints.md C-ALI-1; docs/spec/decisions.md",
    cloud_error: Some("InvalidImageName.Malformed"),
    constraints: &["N-28", "C-ALI-1"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Some(Value::String(name)) = ctx.get("ImageName")
        && let Some(problem) = name_problem(name)
    {
        r.report(
            Target::value("/ImageName"),
            format!("`ImageName` {problem}"),
        );
    }
}
