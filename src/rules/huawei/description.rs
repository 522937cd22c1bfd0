use super::{image_objects, show_char};
use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for object in image_objects(ctx) {
        let Some(Value::String(text)) = object.get("description") else {
            continue;
        };
        let bad = || text.chars().find(|c| matches!(c, '<' | '>' | '\r' | '\n'));
        // Checked in bytes first: a text of at most 1024 bytes has at most 1024 characters.
        let length = if text.len() > 1024 {
            text.chars().count()
        } else {
            0
        };
        if length > 1024 {
            let at = object.member("description");
            let field = crate::pointer::display_path(&at);
            r.report(
                Target::value(at),
                format!(
                    "`{field}` is {} long, more than 1024",
                    crate::rules::text::count(length, "character")
                ),
            )
            .help("shorten the description to at most 1024 characters");
        } else if let Some(bad) = bad() {
            let at = object.member("description");
            let field = crate::pointer::display_path(&at);
            r.report(
                Target::value(at),
                format!(
                    "`{field}` contains {}, which descriptions cannot hold",
                    show_char(bad)
                ),
            );
        }
    }
}
