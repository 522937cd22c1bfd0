use super::{HUAWEI, image_objects, show_char};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "HW002",
    name: "invalid-description",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "an image `description` is too long or holds `<`, `>` or a line break",
    why: "Huawei IMS rejects descriptions over 1024 characters (`IMG.0004`) and descriptions with angle brackets or carriage returns (`IMG.0054`). The documented \"letters and digits only\" clause is not enforced: every example description in the documentation has spaces (docs/spec/constraints.md C-HW-1).",
    fix: "keep the description to 1024 characters on one line, without `<` or `>`",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "description": "<b>gold</b> image"}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "description": "gold image"}"#,
    source: "Huawei IMS API reference, Creating an Image (description rows); docs/spec/constraints.md §1.2; docs/spec/decisions.md",
    cloud_error: Some("IMG.0054; IMG.0004 too long"),
    constraints: &["§1.2", "C-HW-1", "N-7", "N-8"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
