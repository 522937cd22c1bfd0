use super::*;
use crate::diagnostic::Severity;
use crate::rule::{Check, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "ALI035",
    name: "long-image-version",
    apis: API,
    severity: Severity::Warning,
    summary: "`ImageVersion` is longer than 40 characters",
    why: "The CreateImage API reference documents no length for `ImageVersion`; its only documented limit is the Alibaba Cloud Packer plugin's, 1 to 40 characters (`image_version`). A longer version may be refused, so it is a warning, not an error.",
    fix: "shorten `ImageVersion` to at most 40 characters",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageVersion": "2026.12.02-nightly-build-from-the-main-branch"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ImageVersion": "2017011017"}"#,
    source: "Alibaba Cloud Packer plugin, builder `alicloud-ecs` (`image_version`: \"a length limit of 1 to 40 English characters\", https://developer.hashicorp.com/packer/integrations/hashicorp/alicloud/latest/components/builder/alicloud-ecs); the Alibaba ECS API reference, CreateImage (`ImageVersion`), documents no length",
    cloud_error: None,
    constraints: &["§5.1"],
    check: Check::Rust(check),
};

/// The only documented limit, the Packer plugin's.
const MAX: usize = 40;

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(version)) = ctx.get("ImageVersion") else {
        return;
    };
    let length = version.chars().count();
    if length <= MAX {
        return;
    }
    r.report(
        Target::value("/ImageVersion"),
        format!(
            "`ImageVersion` is {} long, above the 40 that the Packer plugin documents",
            crate::rules::text::count(length, "character")
        ),
    );
}
