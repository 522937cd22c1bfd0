use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
