use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    code: "ALI026",
    name: "ali-duplicate-tag-key",
    apis: API,
    severity: Severity::Error,
    summary: "two tags have the same key",
    why: "Tag keys are unique per request (case-sensitive, `key` counting as `Key`); a repeated key fails with `Duplicate.TagKey`.",
    fix: "remove one of the two tags, or give it another key",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "KeyTest", "Value": "a"}, {"Key": "KeyTest", "Value": "b"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "KeyTest", "Value": "a"}, {"Key": "KeyTest2", "Value": "b"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Duplicate.TagKey); docs/spec/constraints.md AL-12",
    cloud_error: Some("Duplicate.TagKey"),
    constraints: &["AL-12", "N-37"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let tags = tags(ctx);
    let mut first: HashMap<&str, &Tag<'_>> = HashMap::new();
    for tag in &tags {
        let (Some(key), Some((name, _))) = (tag.key_str(), tag.key) else {
            continue;
        };
        match first.get(key) {
            Some(earlier) => {
                let earlier_name = earlier.key.map_or("Key", |(n, _)| n);
                r.report(
                    Target::value(tag.member(name)),
                    format!(
                        "`Tag[{}]` repeats the key \"{key}\" of `Tag[{}]`",
                        tag.index, earlier.index
                    ),
                )
                .label(
                    Target::value(earlier.member(earlier_name)),
                    "first used here",
                );
            }
            None => {
                first.insert(key, tag);
            }
        }
    }
}
