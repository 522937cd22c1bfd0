use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
