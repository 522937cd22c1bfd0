use super::HUAWEI;
use super::variants::{Selection, select};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "IMS001",
    name: "missing-image-source",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "the request names no image source",
    why: "An image is made from something: for `/v2/cloudimages/action` an ECS (`instance_id`), an image file in OBS (`image_url`), a data disk (`volume_id`) or the data disks of an ECS (`data_images`); for a full-ECS image an ECS (`instance_id`) or a backup (`backup_id`). Without one the cloud answers `IMG.0012` (ECS ID not specified) or `IMG.0019` (backup ID not specified).",
    fix: "add the member that names the image's source",
    invalid: r#"{"name": "ims_test", "description": "a system disk image"}"#,
    valid: r#"{"name": "ims_test", "description": "a system disk image", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "Huawei IMS API reference, Creating an Image (the four request tables), Huawei IMS API reference, Creating a Full-ECS Image (the two request tables); docs/spec/constraints.md CI-1, FE-1",
    cloud_error: Some("IMG.0012; IMG.0019 for a backup"),
    constraints: &["CI-1", "FE-1", "N-3"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Selection::None(model) = &*ctx.memo(select) {
        let mut names: Vec<String> = model
            .variants
            .iter()
            .map(|v| format!("`{}`", v.selected_by))
            .collect();
        let last = names.pop().unwrap_or_default();
        let list = if names.is_empty() {
            last
        } else {
            format!("{} or {last}", names.join(", "))
        };
        r.report(
            Target::missing_in(""),
            format!("the request has none of {list}"),
        );
    }
}
