use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI028",
    name: "tag-without-key",
    apis: API,
    severity: Severity::Error,
    summary: "a `Tag` entry has no `Key`",
    why: "A tag is a key with an optional value; an entry with only a value, or nothing, fails with `InvalidTagKey.Malformed`.",
    fix: "add the tag's `Key`, or remove the entry",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Value": "ValueTest"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "KeyTest", "Value": "ValueTest"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Tag.N.Key); docs/spec/constraints.md AL-13",
    cloud_error: Some("InvalidTagKey.Malformed"),
    constraints: &["AL-13"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for tag in tags(ctx) {
        if tag.key.is_none() {
            r.report(
                Target::missing_in(tag.pointer()),
                format!("`Tag[{}]` has no `Key`", tag.index),
            );
        }
    }
}
