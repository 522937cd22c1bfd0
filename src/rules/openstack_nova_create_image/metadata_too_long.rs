use super::metadata;
use crate::pointer;
use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(metadata) = metadata(ctx.body) else {
        return;
    };
    for (key, value) in metadata {
        let at = || pointer::push("/createImage/metadata", key);
        if key.len() >= 255 {
            r.report(
                Target::key(at()),
                format!(
                    "metadata key is {} UTF-8 bytes long, 255 or more",
                    key.len()
                ),
            );
        }
        if let Value::String(v) = value
            && v.len() >= 255
        {
            r.report(
                Target::value(at()),
                format!(
                    "metadata value of \"{key}\" is {} UTF-8 bytes long ({} characters), 255 or more",
                    v.len(),
                    v.chars().count()
                ),
            );
        }
    }
}
