use super::{API, metadata};
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "NOVA007",
    name: "metadata-too-long",
    apis: API,
    severity: Severity::Error,
    summary: "a `metadata` key or value is 255 or more UTF-8 bytes long",
    why: "Huawei ECS takes metadata \"less than 255 bytes\", and Nova documents 255 bytes per key and value: a value of 85 Han characters (255 bytes) is already too long.",
    fix: "shorten the key or value to at most 254 UTF-8 bytes",
    invalid: r#"{"createImage": {"name": "new-image-name", "metadata": {"notes": "这是一个很长的说明这是一个很长的说明这是一个很长的说明这是一个很长的说明这是一个很长的说明这是一个很长的说明这是一个很长的说明这是一个很长的说明这是一个很长的说明这是一个很"}}}"#,
    valid: r#"{"createImage": {"name": "new-image-name", "metadata": {"notes": "这是一个很长的说明"}}}"#,
    source: "Huawei ECS API reference, Creating an Image Using an ECS (metadata); Nova api-ref image_metadata; docs/spec/constraints.md NV-6, C-NOVA-2; docs/spec/decisions.md",
    cloud_error: None,
    constraints: &["NV-6", "C-NOVA-2"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
