use super::{image_objects, is_han, show_char};
use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ' ') || is_han(c)
}

/// What is wrong with a name, as (message after the field name, specific help).
fn problem(name: &str) -> Option<(String, Option<&'static str>)> {
    let length = name.chars().count();
    if name.is_empty() {
        Some(("is empty".into(), None))
    } else if length > 128 {
        Some((
            format!(
                "is {} long, more than 128",
                crate::rules::text::count(length, "character")
            ),
            Some("shorten the name to at most 128 characters"),
        ))
    } else if name.starts_with(' ') || name.ends_with(' ') {
        let end = if name.starts_with(' ') {
            "starts"
        } else {
            "ends"
        };
        Some((
            format!("\"{name}\" {end} with a space"),
            Some("remove the space at the start and end of the name"),
        ))
    } else {
        name.chars().find(|c| !allowed(*c)).map(|bad| {
            let message = format!(
                "\"{name}\" contains {}, which image names cannot hold",
                show_char(bad)
            );
            (message, None)
        })
    }
}

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        let Some(Value::String(name)) = object.get("name") else {
            continue;
        };
        if let Some((message, help)) = problem(name) {
            let at = object.member("name");
            let field = crate::pointer::display_path(&at);
            let report = r.report(Target::value(at), format!("`{field}` {message}"));
            if let Some(help) = help {
                report.help(help);
            }
        }
    }
}
