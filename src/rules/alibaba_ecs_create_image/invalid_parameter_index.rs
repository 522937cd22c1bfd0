use super::flatten::{indexed, last_index};
use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI032",
    name: "invalid-parameter-index",
    apis: API,
    severity: Severity::Error,
    summary: "the `N` of a `Tag.N.*` or `DiskDeviceMapping.N.*` parameter is out of range",
    why: "The RPC form numbers list entries from 1: `Tag.N` takes 1-20 and `DiskDeviceMapping.N` 1-17, written without leading zeros. The gateway rejects another `N` (`Tag.0.Key`, `Tag.21.Key`) or silently takes `Tag.01.Key` as another entry than `Tag.1.Key`.",
    fix: "number the entries from 1, without leading zeros, up to 20 tags or 17 disk mappings",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag.0.Key": "env"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag.1.Key": "env"}"#,
    source: "Alibaba Cloud ECS API reference, CreateImage: request parameters `Tag.N.Key` (N 1-20) and `DiskDeviceMapping.N.*` (N 1-17)",
    cloud_error: None,
    constraints: &["AL-9", "AL-13"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for key in ctx.body.keys() {
        let Some(i) = indexed(key).filter(|i| !i.valid()) else {
            continue;
        };
        let limit = last_index(i.array);
        let problem = if i.n.starts_with('0') && i.n != "0" {
            format!("has a leading zero in `N` ({})", i.n)
        } else {
            format!("has `N` {}, outside 1-{limit}", i.n)
        };
        r.report(
            Target::key(crate::pointer::push("", key)),
            format!("`{key}` {problem}"),
        )
        .help(format!(
            "number `{}.N` from 1 to {limit}, without leading zeros",
            i.array
        ));
    }
}
