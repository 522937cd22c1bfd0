use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "IMS012",
    name: "unknown-os-version",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Warning,
    summary: "`os_version` is not one of the published values",
    why: "`os_version` must be one of the values in \"Values of Related Parameters\"; the list differs by region, so an unknown value is a warning. A wrong value fails with `IMG.0056` or yields an image that does not boot.",
    fix: "use a value from the region's `GET /v1/cloudimages/os_version` list, spelled exactly",
    invalid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "os_version": "CentOS 7"}"#,
    valid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "os_version": "CentOS 7.0 64bit"}"#,
    source: "Huawei IMS API reference, Creating an Image (os_version), and Values of Related Parameters (https://support.huaweicloud.com/intl/en-us/api-ims/ims_03_0910.html); the Huawei Cloud SDK and Terraform provider documentation; list as of 2026-11-23 (rules/huawei-ims-create-image/os_versions.json); docs/spec/constraints.md §4.7, CI-12",
    cloud_error: Some("IMG.0056"),
    constraints: &["CI-12", "§4.7"],
    check: Check::Rust(check),
};

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct Known {
    values: Vec<&'static str>,
}

static KNOWN: LazyLock<Known> = LazyLock::new(|| {
    serde_json::from_str(include_str!(
        "../../../rules/huawei-ims-create-image/os_versions.json"
    ))
    .expect("bundled os_versions.json is valid")
});
static SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| KNOWN.values.iter().copied().collect());

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(version)) = ctx.get("os_version") else {
        return;
    };
    if SET.contains(version.as_str()) {
        return;
    }
    let report = r.report(
        Target::value("/os_version"),
        format!("`os_version` \"{version}\" is not a known OS version"),
    );
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(version);
    if let Some(near) = KNOWN.values.iter().find(|k| squash(k) == wanted) {
        report.help(format!("did you mean \"{near}\"?"));
    }
}
