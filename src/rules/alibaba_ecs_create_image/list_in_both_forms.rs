use super::flatten::indexed;
use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI033",
    name: "list-in-both-forms",
    apis: API,
    severity: Severity::Error,
    summary: "one list is written both as an array and as flattened `Name.N.*` parameters",
    why: "`Tag` beside `Tag.1.Key` (or `DiskDeviceMapping` beside `DiskDeviceMapping.1.Size`) describes one list twice; which of the two the gateway takes is undefined, so the image may get other tags or disks than either one says.",
    fix: "write the list once: either as an array or as flattened parameters",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "env"}], "Tag.1.Key": "team"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "env"}, {"Key": "team"}]}"#,
    source: "Alibaba Cloud ECS API reference, CreateImage: `Tag.N.*` and `DiskDeviceMapping.N.*` are the RPC form of the lists",
    cloud_error: None,
    constraints: &["§6"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for key in ctx.body.keys() {
        let Some(i) = indexed(key).filter(|i| i.valid()) else {
            continue;
        };
        if ctx.has(i.array) {
            r.report(
                Target::key(crate::pointer::push("", key)),
                format!("`{key}` writes the list `{}` a second time", i.array),
            )
            .label(
                Target::key(crate::pointer::push("", i.array)),
                "the list is also written here",
            );
        }
    }
}
