use super::{image_objects, is_han, show_char, tags_of};
use crate::rule::{Ctx, Reporter, Target};

fn key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-') || is_han(c)
}

fn value_char(c: char) -> bool {
    key_char(c) || c == '.'
}

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
