use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI024",
    name: "invalid-tag-key",
    apis: API,
    severity: Severity::Error,
    summary: "a `Tag` key is empty, longer than 128 characters, reserved or holds a URL",
    why: "A tag key, once passed, is 1-128 characters, must not start with `aliyun` or `acs:` and must not contain `http://` or `https://`; otherwise the call fails with `InvalidTagKey.Malformed`.",
    fix: "use a key of 1-128 characters that does not start with `aliyun` or `acs:` and holds no URL",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "acs:owner", "Value": "ops"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "owner", "Value": "ops"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Tag.N.Key); Alibaba API reference; docs/spec/constraints.md §5.3, C-ALI-4",
    cloud_error: Some("InvalidTagKey.Malformed"),
    constraints: &["C-ALI-4", "N-38"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for tag in tags(ctx) {
        let Some((name, Value::String(key))) = tag.key else {
            continue;
        };
        let length = key.chars().count();
        let problem = if key.is_empty() {
            "is empty".to_string()
        } else if length > 128 {
            format!(
                "is {} long, more than 128",
                crate::rules::text::count(length, "character")
            )
        } else if key.starts_with("aliyun") || key.starts_with("acs:") {
            format!("\"{key}\" starts with a reserved prefix")
        } else if has_url(key) {
            format!("\"{key}\" contains a URL")
        } else {
            continue;
        };
        r.report(
            Target::value(tag.member(name)),
            format!("`Tag[{}].{name}` {problem}", tag.index),
        );
    }
}
