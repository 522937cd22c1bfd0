use super::{API, create_image};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "NOVA004",
    name: "image-name-too-long",
    apis: API,
    severity: Severity::Error,
    summary: "`createImage.name` is 243 or more UTF-8 bytes long",
    why: "Huawei ECS takes a name of \"greater than 0 bytes and less than 243 bytes\", counted in UTF-8: a Han character is 3 bytes, so 81 of them are already too many. Nova itself allows 255 characters; the Huawei limit is the stricter one.",
    fix: "shorten the name to at most 242 UTF-8 bytes (Huawei ECS's limit; nova alone allows 255 characters)",
    invalid: r#"{"createImage": {"name": "镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜"}}"#,
    valid: r#"{"createImage": {"name": "镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像镜像"}}"#,
    source: "Huawei ECS API reference, Creating an Image Using an ECS (name); docs/spec/constraints.md NV-3, C-NOVA-1",
    cloud_error: None,
    constraints: &["NV-3", "C-NOVA-1", "N-22"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
