use super::os_versions::{self, Verdict};
use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, FixAction, Reporter, Rule, Target};
use serde_json::Value;

pub static RULE: Rule = Rule {
    code: "IMS021",
    name: "misspelt-os-version",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Error,
    summary: "`os_version` is a near miss of a published value",
    why: "`os_version` must be spelled exactly as \"Values of Related Parameters\" lists it. A value with the same version numbers as a listed one and only a few letters, spaces or capitals apart (`Red Hat Linux Enterprise 8.0 64bit` for `Redhat Linux Enterprise 8.0 64bit`) is a typo, not another OS: the import is accepted and then fails, or the image does not boot (Open Telekom Cloud provider issue #2544: an ISO import lost to exactly this). A request known to target Open Telekom Cloud or FlexibleEngine is checked against that cloud's own list.",
    fix: "write the value as the list spells it",
    invalid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "os_version": "Red Hat Linux Enterprise 8.0 64bit"}"#,
    valid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "os_version": "Redhat Linux Enterprise 8.0 64bit"}"#,
    source: "Huawei IMS API reference, Creating an Image (os_version), and Values of Related Parameters (https://support.huaweicloud.com/intl/en-us/api-ims/ims_03_0910.html); Open Telekom Cloud's and FlexibleEngine's lists (rules/huawei-ims-create-image/os_versions.*.json, each with its source and date); https://github.com/opentelekomcloud/terraform-provider-opentelekomcloud/issues/2544; docs/spec/decisions.md (\"A near miss of a known value is a typo\")",
    cloud_error: Some("IMG.0056"),
    constraints: &["CI-12", "§4.7"],
    check: Check::Rust(check),
};

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(version)) = ctx.get("os_version") else {
        return;
    };
    let Some((list, Verdict::Misspelt(near))) = os_versions::verdict(ctx, version) else {
        return;
    };
    r.report(
        Target::value("/os_version"),
        format!(
            "`os_version` \"{version}\" is not on {}'s list; did you mean \"{near}\"?",
            list.cloud
        ),
    )
    .help(format!("write \"{near}\", as the list spells it"))
    .fix(
        format!("replace \"{version}\" with \"{near}\""),
        FixAction::ReplaceValue {
            pointer: "/os_version".into(),
            json: Value::String(near.to_string()).to_string(),
        },
    );
}
