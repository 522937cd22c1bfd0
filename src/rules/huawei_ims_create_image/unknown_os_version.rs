use super::os_versions::{self, Verdict};
use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "IMS012",
    name: "unknown-os-version",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Warning,
    summary: "`os_version` is not one of the published values, nor near one",
    why: "`os_version` must be one of the values in \"Values of Related Parameters\"; the list differs by region and grows, so a value near no listed one is a warning (a value near a listed one is IMS021, an error). A wrong value fails with `IMG.0056` or yields an image that does not boot. Open Telekom Cloud and FlexibleEngine publish lists of their own: a request known to target them (an `opentelekomcloud_` or `flexibleengine_` Terraform resource, an `.http` request to their endpoint) is checked against its cloud's list.",
    fix: "use a value from the region's `GET /v1/cloudimages/os_version` list, spelled exactly",
    invalid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "os_version": "CentOS 7"}"#,
    valid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "os_version": "CentOS 7.0 64bit"}"#,
    source: "Huawei IMS API reference, Creating an Image (os_version), and Values of Related Parameters (https://support.huaweicloud.com/intl/en-us/api-ims/ims_03_0910.html); the Huawei Cloud SDK and Terraform provider documentation; list as of 2026-11-23 (rules/huawei-ims-create-image/os_versions.json); Open Telekom Cloud's and FlexibleEngine's lists (rules/huawei-ims-create-image/os_versions.*.json, each with its source and date); docs/spec/constraints.md §4.7, CI-12",
    cloud_error: Some("IMG.0056"),
    constraints: &["CI-12", "§4.7"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(version)) = ctx.get("os_version") else {
        return;
    };
    let message = match os_versions::verdict(ctx, version) {
        Some((list, Verdict::Unknown)) => format!(
            "`os_version` \"{version}\" is not on {}'s list of OS versions",
            list.cloud
        ),
        Some((list, Verdict::ListedBy(other))) => format!(
            "`os_version` \"{version}\" is not on {}'s list of OS versions, only on {other}'s",
            list.cloud
        ),
        _ => return,
    };
    r.report(Target::value("/os_version"), message);
}
