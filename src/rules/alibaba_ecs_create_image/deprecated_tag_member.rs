use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, FixAction, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI027",
    name: "deprecated-tag-member",
    apis: API,
    severity: Severity::Warning,
    summary: "a tag uses the deprecated lower-case `key` or `value`",
    why: "`Tag.N.key` and `Tag.N.value` are kept for compatibility only; the documentation says to use `Tag.N.Key` and `Tag.N.Value`. A tag with both spellings is ambiguous.",
    fix: "rename `key` to `Key` and `value` to `Value`",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"key": "KeyTest", "Value": "ValueTest"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "KeyTest", "Value": "ValueTest"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Tag.N.key, Tag.N.value); docs/spec/constraints.md AL-13; docs/spec/decisions.md",
    cloud_error: None,
    constraints: &["AL-13"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for tag in tags(ctx) {
        for (old, new) in [("key", "Key"), ("value", "Value")] {
            if !tag.object.contains_key(old) {
                continue;
            }
            let at = tag.member(old);
            if tag.object.contains_key(new) {
                let message = format!(
                    "`Tag[{}]` has both `{old}` and `{new}`; `{old}` is deprecated",
                    tag.index
                );
                r.report(Target::key(at.clone()), message)
                    .help(format!("remove `{old}`"))
                    .fix(
                        format!("remove the deprecated `{old}`"),
                        FixAction::RemoveMember { pointer: at },
                    );
            } else {
                let message = format!("`Tag[{}].{old}` is deprecated", tag.index);
                r.report(Target::key(at.clone()), message)
                    .help(format!("rename `{old}` to `{new}`"))
                    .fix(
                        format!("rename `{old}` to `{new}`"),
                        FixAction::RenameMember {
                            pointer: at,
                            to: new.into(),
                        },
                    );
            }
        }
    }
}
