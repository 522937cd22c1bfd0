use super::HUAWEI;
use super::variants::{self, Selection, select};
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS017",
    name: "ignored-member",
    apis: HUAWEI,
    severity: Severity::Warning,
    summary: "a top-level member that data disk images from an ECS ignore",
    why: "When only `data_images` is given, \"if other parameters (such as name, description, and tags) have values, the system uses the value of data_images\": the top-level member has no effect.",
    fix: "move the member into each `data_images` element, or remove it",
    invalid: r#"{"name": "ignored", "data_images": [{"name": "ims_data_image_test", "volume_id": "c5dfbd0c-bf0a-4798-a453-61dc6b54aa30"}]}"#,
    valid: r#"{"data_images": [{"name": "ims_data_image_test", "volume_id": "c5dfbd0c-bf0a-4798-a453-61dc6b54aa30"}]}"#,
    source: "Huawei IMS API reference, Creating an Image (data_images); docs/spec/constraints.md §4.2, CI-14",
    cloud_error: None,
    constraints: &["CI-14", "C-HW-2"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Selection::One(_, variant) = *ctx.memo(select) else {
        return;
    };
    for member in &variant.ignored {
        // Said once, and only of a member that carries a value: Go SDKs send `"name": ""`.
        if ctx.get(member).is_some_and(|v| !variants::is_empty(v)) {
            r.report(
                Target::key(pointer::push("", member)),
                format!(
                    "`{member}` is ignored when creating {}; the `data_images` values are used",
                    variant.title
                ),
            );
        }
    }
}
