use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI025",
    name: "invalid-tag-value",
    apis: API,
    severity: Severity::Error,
    summary: "a `Tag` value is longer than 128 characters, starts with `acs:` or holds a URL",
    why: "A tag value may be empty, but is at most 128 characters, must not start with `acs:` and must not contain `http://` or `https://`; otherwise the call fails with `InvalidTagValue.Malformed`.",
    fix: "use a value of at most 128 characters that does not start with `acs:` and holds no URL",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "docs", "Value": "https://wiki.example.com"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "docs", "Value": "wiki-page-42"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Tag.N.Value); Alibaba API reference; docs/spec/constraints.md §5.3, C-ALI-9",
    cloud_error: Some("InvalidTagValue.Malformed"),
    constraints: &["C-ALI-9", "N-39"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for tag in tags(ctx) {
        let Some((name, Value::String(value))) = tag.value else {
            continue;
        };
        let length = value.chars().count();
        let problem = if length > 128 {
            format!(
                "is {} long, more than 128",
                crate::rules::text::count(length, "character")
            )
        } else if value.starts_with("acs:") {
            format!("\"{value}\" starts with the reserved prefix `acs:`")
        } else if has_url(value) {
            format!("\"{value}\" contains a URL")
        } else {
            continue;
        };
        r.report(
            Target::value(tag.member(name)),
            format!("`Tag[{}].{name}` {problem}", tag.index),
        );
    }
}
