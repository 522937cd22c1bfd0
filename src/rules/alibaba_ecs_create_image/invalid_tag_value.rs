use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
