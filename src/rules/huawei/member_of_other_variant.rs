use super::HUAWEI;
use super::variants::{Selection, select};
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, FixAction, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "IMS005",
    name: "member-of-other-variant",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "a member belongs to another way of creating the image",
    why: "Each variant has its own table of members: `min_disk` and `os_type` belong to image files in OBS, not to an image from an ECS; `volume_id` in a `data_images` element belongs to ECS data disks, not to OBS files; `vault_id` belongs to a full-ECS image from an ECS, `whole_image_type` to one from a backup. The cloud rejects such mixes (Terraform's provider declares them conflicting).",
    fix: "remove the member, or use the variant it belongs to",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "min_disk": 40}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "Huawei IMS API reference, Creating an Image, Huawei IMS API reference, Creating a Full-ECS Image (request tables); docs/spec/constraints.md §6, CI-10, FE-4; docs/spec/decisions.md",
    cloud_error: Some("IMG.0001"),
    constraints: &["CI-10", "FE-4", "§6"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Selection::One(model, variant) = *ctx.memo(select) else {
        return;
    };
    let selector = Target::key(pointer::push("", variant.selected_by));
    for key in ctx.body.keys() {
        let k = key.as_str();
        if variant.allowed.contains(k) {
            continue;
        }
        if let Some(owner) = model.variants.iter().find(|v| v.allowed.contains(k)) {
            let at = pointer::push("", k);
            r.report(
                Target::key(at.clone()),
                format!(
                    "`{k}` is not used to create {}; it belongs to {}",
                    variant.title, owner.title
                ),
            )
            .label(
                selector.clone(),
                format!("`{}` selects {}", variant.selected_by, variant.title),
            )
            .fix(
                format!("remove `{k}`"),
                FixAction::RemoveMember { pointer: at },
            );
        }
    }
    let (Some(kind), Some(Value::Array(items))) = (model.element(variant), ctx.get("data_images"))
    else {
        return;
    };
    for (i, e) in items.iter().enumerate() {
        let Value::Object(e) = e else { continue };
        for key in e.keys() {
            let k = key.as_str();
            if kind.allowed.contains(k) {
                continue;
            }
            if let Some(owner) = model.elements.values().find(|o| o.allowed.contains(k)) {
                let at = pointer::push(&pointer::push_index("/data_images", i), k);
                r.report(
                    Target::key(at.clone()),
                    format!(
                        "`data_images[{i}].{k}` is not used for {}; it belongs to {}",
                        kind.title, owner.title
                    ),
                )
                .label(
                    selector.clone(),
                    format!("`{}` selects {}", variant.selected_by, variant.title),
                )
                .fix(
                    format!("remove `{k}`"),
                    FixAction::RemoveMember { pointer: at },
                );
            }
        }
    }
}
