use super::HUAWEI;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "HW013",
    name: "min-ram-above-max-ram",
    apis: HUAWEI,
    severity: Severity::Warning,
    summary: "`min_ram` is larger than `max_ram`",
    why: "No flavour can satisfy a minimum memory above the maximum, so no ECS could be created from the image. Not documented as a rejection, hence a warning.",
    fix: "make `min_ram` at most `max_ram`, or set `max_ram` to 0 (no limit)",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "min_ram": 4096, "max_ram": 1024}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "min_ram": 1024, "max_ram": 4096}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS API reference, Creating an Image (min_ram, max_ram); docs/spec/constraints.md §1.6",
    cloud_error: None,
    constraints: &["§1.6"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let min = ctx.get("min_ram").and_then(Value::as_u64);
    let max = ctx.get("max_ram").and_then(Value::as_u64);
    if let (Some(min), Some(max)) = (min, max)
        && max > 0
        && min > max
    {
        r.report(
            Target::value("/min_ram"),
            format!("`min_ram` is {min} MB, above `max_ram` of {max} MB"),
        )
        .label(Target::value("/max_ram"), "the maximum is set here");
    }
}
