//! Huawei rules checked by the shared schema definitions (`rules/huawei/common.schema.json`):
//! their declarations; the schema's `x-rule` annotations point here.

use super::HUAWEI;
use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};

pub static IMAGE_TAG_MISSING_KEY: Rule = Rule {
    code: "HW008",
    name: "image-tag-missing-key",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "an `image_tags` element has no `key`",
    why: "`key` is mandatory in every `image_tags` object; Huawei rejects the tag with `IMG.0115`.",
    fix: "add a `key` to the tag, or remove the tag",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "image_tags": [{"value": "v"}]}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "image_tags": [{"key": "k", "value": "v"}]}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS API reference, Creating an Image (image_tags data structure); docs/spec/constraints.md §1.4",
    cloud_error: Some("IMG.0115"),
    constraints: &["§1.4", "N-20"],
    check: Check::Schema,
};

pub static IMAGE_TAG_MISSING_VALUE: Rule = Rule {
    code: "HW009",
    name: "image-tag-missing-value",
    apis: HUAWEI,
    severity: Severity::Warning,
    summary: "an `image_tags` element has no `value`",
    why: "The API reference and the SDKs mark `value` mandatory, one SDK omits it when empty, and the tag documentation allows an empty value: write `\"value\": \"\"` to be accepted everywhere (docs/spec/constraints.md C-HW-11).",
    fix: "add `\"value\": \"\"` (or the intended value) to the tag",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "image_tags": [{"key": "k"}]}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "image_tags": [{"key": "k", "value": ""}]}"#,
    source: "docs/spec/constraints.md §1.4, C-HW-11; docs/spec/decisions.md",
    cloud_error: None,
    constraints: &["§1.4", "C-HW-11"],
    check: Check::Schema,
};

pub static INVALID_ENTERPRISE_PROJECT_ID: Rule = Rule {
    code: "HW010",
    name: "invalid-enterprise-project-id",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "`enterprise_project_id` is neither \"0\", empty, nor a UUID",
    why: "\"0\" or an empty value selects the default enterprise project; anything else must be an enterprise project's UUID, or the EPS check fails with `IMG.0155`.",
    fix: "use \"0\" for the default enterprise project, or the project's UUID",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "enterprise_project_id": "default"}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "enterprise_project_id": "0"}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image (enterprise_project_id); docs/spec/constraints.md §1.6",
    cloud_error: Some("IMG.0155"),
    constraints: &["§1.6"],
    check: Check::Schema,
};

pub static NEGATIVE_RAM: Rule = Rule {
    code: "HW012",
    name: "negative-ram",
    apis: HUAWEI,
    severity: Severity::Error,
    summary: "`min_ram` or `max_ram` is negative",
    why: "Memory limits are sizes in MB, 0 meaning no limit; a negative size is rejected with `IMG.0055` (memory or disk size invalid).",
    fix: "use 0 (no limit) or a positive size in MB",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "min_ram": -1}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "min_ram": 0}"#,
    source: "Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS API reference, Creating an Image (min_ram, max_ram); docs/spec/constraints.md §1.6",
    cloud_error: Some("IMG.0055"),
    constraints: &["§1.6"],
    check: Check::Schema,
};

pub static ID_NOT_UUID: Rule = Rule {
    code: "HW015",
    name: "id-not-uuid",
    apis: HUAWEI,
    severity: Severity::Warning,
    summary: "a resource ID (`instance_id`, `volume_id`, ...) is not a UUID",
    why: "Huawei resource IDs are UUIDs in every documented example; no format is documented, so another shape is a warning: it is most likely a name or a typo, which fails later with `IMG.0012` or `IMG.0005`.",
    fix: "use the resource's ID (a UUID), not its name",
    invalid: r#"{"name": "ims_test", "instance_id": "my-ecs-01"}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "docs/spec/constraints.md §1.6 (IDs)",
    cloud_error: None,
    constraints: &["§1.6"],
    check: Check::Schema,
};
