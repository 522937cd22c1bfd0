use super::{HUAWEI, image_objects, is_han, show_char, tags_of};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "HW003",
    name: "invalid-tag",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "a tag key or value breaks Huawei's tag format",
    why: "A tag key is 1-36 characters from `A-Z a-z 0-9 _ -` and Han characters; a value is 0-43 characters from the same set plus `.`. In `tags` each string is `key.value`, split at the first `.`. Huawei rejects other tags with `IMG.0115`.",
    fix: "use a key of 1-36 characters from A-Z a-z 0-9 _ - and Han, and a value of at most 43 of those characters or `.`",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["cost center.finance"]}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "tags": ["cost-center.finance"]}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS API reference, Creating an Image (tags, image_tags); docs/spec/constraints.md §1.3, §1.4; docs/spec/decisions.md",
    cloud_error: Some("IMG.0115"),
    constraints: &["§1.3", "§1.4", "C-HW-4", "N-19"],
    check: Check::Rust(check),
};

fn key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-') || is_han(c)
}

fn value_char(c: char) -> bool {
    key_char(c) || c == '.'
}

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        for tag in tags_of(object) {
            let problem = |what: &str, text: &str, max: usize, ok: fn(char) -> bool| {
                let length = text.chars().count();
                if what == "key" && text.is_empty() {
                    Some("has an empty key".to_string())
                } else if length > max {
                    Some(format!(
                        "has a {what} of {}, more than {max}",
                        crate::rules::text::count(length, "character")
                    ))
                } else {
                    text.chars().find(|c| !ok(*c)).map(|bad| {
                        format!(
                            "has the {what} \"{text}\", which contains {}",
                            show_char(bad)
                        )
                    })
                }
            };
            if let Some(p) = problem("key", tag.key, 36, key_char) {
                r.report(
                    Target::value(tag.key_pointer()),
                    format!("`{}` {p}", tag.label()),
                );
            } else if let Some(p) = problem("value", tag.value, 43, value_char) {
                r.report(
                    Target::value(tag.value_pointer()),
                    format!("`{}` {p}", tag.label()),
                );
            }
        }
    }
}
