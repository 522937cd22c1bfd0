use super::{HUAWEI, image_objects, is_han, show_char};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "HW001",
    name: "invalid-image-name",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "an image `name` breaks Huawei's naming rule",
    why: "Huawei IMS accepts 1-128 characters from `A-Z a-z 0-9 - . _`, space and Han characters, with no leading or trailing space; anything else fails with `IMG.0003` (format), `IMG.0002` (too long) or `IMG.0013` (empty) after the job is queued.",
    fix: "use 1-128 characters from A-Z a-z 0-9 - . _ space and Han characters, with no space at either end",
    invalid: r#"{"name": "ims test!", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    valid: r#"{"name": "ims test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS API reference, Creating an Image (\"see Image Attributes\"); docs/spec/constraints.md §1.1; docs/spec/decisions.md",
    cloud_error: Some("IMG.0003; IMG.0002 too long, IMG.0013 empty"),
    constraints: &["§1.1", "C-HW-3", "FE-7", "N-5", "N-6"],
    check: Check::Rust(check),
};

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

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
