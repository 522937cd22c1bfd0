use super::HUAWEI;
use super::variants;
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "HW014",
    name: "unknown-member",
    apis: HUAWEI,
    severity: Severity::Warning,
    summary: "a member that no Huawei source lists for this API",
    why: "Huawei IMS documents no policy for unknown members: they are ignored or rejected depending on the region. It is most often a misspelling (`instance-id`, `minDisk`) of a member that is then missing.",
    fix: "remove the member, or correct its spelling",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "instance_name": "web-01"}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "docs/spec/constraints.md §6; docs/spec/decisions.md (\"A field no Huawei source lists: warning\")",
    cloud_error: None,
    constraints: &["§6", "C-HW-6", "C-HW-7"],
    check: Check::Rust(check),
};

/// How the message names what the member is not.
const WHAT: &str = "a member of this request";

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
