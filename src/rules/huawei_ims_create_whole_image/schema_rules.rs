//! Rules of this API checked by its schema (`rules/huawei-ims-create-whole-image/schema.json`).

use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};

pub static INVALID_WHOLE_IMAGE_TYPE: Rule = Rule {
    code: "IMS101",
    name: "invalid-whole-image-type",
    apis: &[Api::HuaweiImsCreateWholeImage],
    severity: Severity::Error,
    summary: "`whole_image_type` is not `CBR` or `CSBS`",
    why: "`whole_image_type` names the backup service, `CBR` or `CSBS`, upper-case as documented; any other value is rejected.",
    fix: "use `CBR` for a CBR backup or `CSBS` for a CSBS backup",
    invalid: r#"{"name": "backup_whole_image", "backup_id": "9b27efab-4a17-4c06-bfa2-3e0cf021d3c3", "whole_image_type": "cbr"}"#,
    valid: r#"{"name": "backup_whole_image", "backup_id": "9b27efab-4a17-4c06-bfa2-3e0cf021d3c3", "whole_image_type": "CBR"}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image (whole_image_type); docs/spec/constraints.md FE-3",
    cloud_error: Some("IMG.0198"),
    constraints: &["FE-3", "N-2"],
    check: Check::Schema,
};
