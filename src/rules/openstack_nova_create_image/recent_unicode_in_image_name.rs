use super::create_image;
use super::invalid_image_name::UNASSIGNED_IN_15_1;
use crate::rule::{Ctx, Reporter, Target};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// Characters assigned in Unicode 15.0 or 15.1, and not before.
static NEW_IN_15: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Age=15.1}--\p{Age=14.0}]").expect("valid"));

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(name)) = create_image(ctx.body).and_then(|c| c.get("name")) else {
        return;
    };
    // No ASCII character is new in Unicode 15: no regex to compile or run.
    if name.is_ascii() {
        return;
    }
    // A character Unicode 15.1 does not assign is NOVA005's error, and says all there is.
    if UNASSIGNED_IN_15_1.is_match(name) {
        return;
    }
    if let Some(m) = NEW_IN_15.find(name) {
        let c = m.as_str().chars().next().unwrap_or_default();
        r.report(
            Target::value("/createImage/name"),
            format!(
                "`createImage.name` contains U+{:04X} `{c}`, first assigned in Unicode 15.0 or 15.1",
                c as u32
            ),
        );
    }
}
