use super::HUAWEI;
use super::variants::{Selection, select};
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "IMS004",
    name: "missing-required-member",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "a member the chosen way of creating the image requires is missing",
    why: "Each variant has its own required members. `/v2/cloudimages/action`: from an ECS `name` and `instance_id`; from OBS `name`, `image_url` and `min_disk`; from a data disk `name`, `volume_id` and `os_version`; each ECS data disk needs `name` and `volume_id`, each OBS data disk file `image_url` and `min_disk`. A full-ECS image needs `name` in both variants. The cloud rejects the request (`IMG.0013` for a missing name).",
    fix: "add the missing member",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "os_version": "CentOS 7.0 64bit"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "os_version": "CentOS 7.0 64bit", "min_disk": 40}"#,
    source: "Huawei IMS API reference, Creating an Image (request tables, Table 1, Table 2), Huawei IMS API reference, Creating a Full-ECS Image (request tables); docs/spec/constraints.md CI-4, CI-10, C-HW-2, FE-7",
    cloud_error: Some("IMG.0013 for a missing name; IMG.0012 for a missing ECS ID"),
    constraints: &["CI-4", "CI-10", "C-HW-2", "FE-7", "N-11", "N-17"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Selection::One(model, variant) = *ctx.memo(select) else {
        return;
    };
    for member in &variant.required {
        if !ctx.has(member) {
            r.report(
                Target::missing_in(""),
                format!("missing `{member}`, required to create {}", variant.title),
            )
            .missing(*member)
            .label(
                Target::key(pointer::push("", variant.selected_by)),
                format!("`{}` selects this way", variant.selected_by),
            );
        }
    }
    let (Some(kind), Some(Value::Array(elements))) =
        (model.element(variant), ctx.get("data_images"))
    else {
        return;
    };
    for (i, e) in elements.iter().enumerate() {
        let Value::Object(e) = e else { continue };
        let at = pointer::push_index("/data_images", i);
        for member in &kind.required {
            if !e.contains_key(*member) {
                r.report(
                    Target::missing_in(at.clone()),
                    format!(
                        "`data_images[{i}]` has no `{member}`, required for {}",
                        kind.title
                    ),
                )
                .missing(*member);
            }
        }
    }
}
