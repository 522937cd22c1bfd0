use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI005",
    name: "ali-invalid-description",
    apis: API,
    severity: Severity::Error,
    summary: "`Description` is not 2-256 characters or starts with `http://` or `https://`",
    why: "The description is 2-256 characters and must not start with `http://` or `https://`; otherwise the call fails with `InvalidDescription.Malformed`.",
    fix: "write 2-256 characters that do not start with a URL",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Description": "https://wiki.example.com/images/42"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Description": "Nightly image, see wiki page 42"}"#,
    source: "Alibaba ECS API reference, CreateImage (Description); docs/spec/constraints.md C-ALI-10",
    cloud_error: Some("InvalidDescription.Malformed"),
    constraints: &["C-ALI-10", "N-29"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(text)) = ctx.get("Description") else {
        return;
    };
    let length = text.chars().count();
    let problem = if !(2..=256).contains(&length) {
        format!(
            "is {} long, outside 2-256",
            crate::rules::text::count(length, "character")
        )
    } else if text.starts_with("http://") || text.starts_with("https://") {
        "starts with a URL".to_string()
    } else {
        return;
    };
    r.report(
        Target::value("/Description"),
        format!("`Description` {problem}"),
    );
}
