use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI013",
    name: "ignored-image-source",
    apis: API,
    severity: Severity::Warning,
    summary: "a lower-priority image source is present and will be ignored",
    why: "When a request names several sources, the image is built from the highest-priority one, `InstanceId` > `DiskDeviceMapping` > `SnapshotId`; the others are silently ignored, which is rarely what the author meant.",
    fix: "remove the source that is ignored, or the one that wins",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "SnapshotId": "s-bp17441ohwkdca0****"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****"}"#,
    source: "Alibaba ECS API reference, CreateImage (usage notes: parameter priority); docs/spec/constraints.md AL-3; docs/spec/decisions.md",
    cloud_error: None,
    constraints: &["AL-3"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let present = sources(ctx);
    let Some((winner, ignored)) = present.split_first() else {
        return;
    };
    for source in ignored {
        r.report(
            Target::key(format!("/{source}")),
            format!("`{source}` is ignored: `{winner}` takes priority"),
        )
        .label(
            Target::key(format!("/{winner}")),
            "the image is built from this",
        );
    }
}
