use super::create_image;
use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(name)) = create_image(ctx.body).and_then(|c| c.get("name")) else {
        return;
    };
    if name.len() > 242 {
        r.report(
            Target::value("/createImage/name"),
            format!(
                "`createImage.name` is {} UTF-8 bytes long ({}), more than Huawei ECS's 242",
                name.len(),
                crate::rules::text::count(name.chars().count(), "character")
            ),
        );
    }
}
