use super::HUAWEI;
use super::variants;
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, FixAction, Reporter, Rule, Target};
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
    source: "constraints.md §6; DECISIONS.md (\"A field no Huawei source lists: warning\")",
    cloud_error: None,
    constraints: &["§6", "C-HW-6", "C-HW-7"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(model) = variants::model(ctx.api) else {
        return;
    };
    let table = model.members();
    for key in ctx.body.keys() {
        if !table.top.contains(key.as_str()) {
            report(r, pointer::push("", key), key, &table.top_sorted, ctx.body);
        }
    }
    if let Some(Value::Array(elements)) = ctx.get("data_images") {
        for (i, e) in elements.iter().enumerate() {
            let Value::Object(e) = e else { continue };
            for key in e.keys() {
                if !table.element.contains(key.as_str()) {
                    let at = pointer::push(&pointer::push_index("/data_images", i), key);
                    report(r, at, key, &table.element_sorted, e);
                }
            }
        }
    }
}

/// Reports an unknown member; the rename to a near name is offered only when that name is
/// free in the object (a rename onto a present member would duplicate it).
fn report(
    r: &mut Reporter,
    at: String,
    key: &str,
    known: &[&'static str],
    object: &serde_json::Map<String, Value>,
) {
    let report = r.report(
        Target::key(at.clone()),
        format!("`{key}` is not a member of this request"),
    );
    let near = closest(key, known);
    if let Some(near) = near.filter(|n| object.contains_key(*n)) {
        report.help(format!(
            "`{near}` is already set: remove this misspelt copy"
        ));
    } else if let Some(near) = near {
        report.help(format!("did you mean `{near}`?")).fix(
            format!("rename `{key}` to `{near}`"),
            FixAction::RenameMember {
                pointer: at,
                to: near.into(),
            },
        );
    }
}

/// The known name most like `key` (same letters ignoring case, `-` and `_`), if any is close.
fn closest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let k = norm(key);
    known.iter().copied().find(|n| norm(n) == k)
}
