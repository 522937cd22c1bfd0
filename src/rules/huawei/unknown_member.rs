use super::variants;
use crate::pointer;
use crate::rule::{Ctx, Reporter};
use serde_json::Value;

/// How the message names what the member is not.
const WHAT: &str = "a member of this request";

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(model) = variants::model(ctx.api) else {
        return;
    };
    let table = model.members();
    for key in ctx.body.keys() {
        if !table.top.contains(key.as_str()) {
            crate::rules::unknown::report(
                r,
                pointer::push("", key),
                key,
                WHAT,
                &table.top_sorted,
                ctx.body,
            );
        }
    }
    if let Some(Value::Array(elements)) = ctx.get("data_images") {
        for (i, e) in elements.iter().enumerate() {
            let Value::Object(e) = e else { continue };
            for key in e.keys() {
                if !table.element.contains(key.as_str()) {
                    let at = pointer::push(&pointer::push_index("/data_images", i), key);
                    crate::rules::unknown::report(r, at, key, WHAT, &table.element_sorted, e);
                }
            }
        }
    }
}
