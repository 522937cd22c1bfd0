//! Rules of this API checked by its schema (`rules/openstack-nova-create-image/schema.json`).

use super::API;
use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};

pub static MISSING_CREATE_IMAGE: Rule = Rule {
    code: "NOVA001",
    name: "missing-create-image",
    apis: API,
    severity: Severity::Error,
    summary: "the server action body has no `createImage` object",
    why: "The server action endpoint takes one action per body; the image is described inside `createImage`. Without it Nova answers HTTP 400.",
    fix: "wrap the image's members in `{\"createImage\": {...}}`",
    invalid: r#"{"createimage": {"name": "new-image-name"}}"#,
    valid: r#"{"createImage": {"name": "new-image-name"}}"#,
    source: "Huawei ECS API reference, Creating an Image Using an ECS (request body); Nova schemas/servers.py create_image; docs/spec/constraints.md NV-1",
    cloud_error: None,
    constraints: &["NV-1"],
    check: Check::Schema,
};

pub static UNKNOWN_MEMBER: Rule = Rule {
    code: "NOVA002",
    name: "nova-unknown-member",
    apis: API,
    severity: Severity::Error,
    summary: "a member that the `createImage` action does not have",
    why: "Nova's schema sets `additionalProperties: false` on the body and on `createImage`: anything but `createImage`, `name` and `metadata` (a `description`, a second action) is rejected with HTTP 400.",
    fix: "remove the member; put extra image properties in `metadata`",
    invalid: r#"{"createImage": {"name": "new-image-name", "description": "gold"}}"#,
    valid: r#"{"createImage": {"name": "new-image-name", "metadata": {"description": "gold"}}}"#,
    source: "Nova schemas/servers.py create_image; docs/spec/constraints.md NV-1, NV-9, §6",
    cloud_error: None,
    constraints: &["NV-1", "NV-9", "N-25"],
    check: Check::Schema,
};

pub static MISSING_IMAGE_NAME: Rule = Rule {
    code: "NOVA003",
    name: "missing-image-name",
    apis: API,
    severity: Severity::Error,
    summary: "`createImage` has no `name`",
    why: "`name` is the one required member of `createImage`; Nova answers HTTP 400 without it.",
    fix: "add a `name` to `createImage`",
    invalid: r#"{"createImage": {"metadata": {"ImageType": "Gold"}}}"#,
    valid: r#"{"createImage": {"name": "new-image-name", "metadata": {"ImageType": "Gold"}}}"#,
    source: "Huawei ECS API reference, Creating an Image Using an ECS (name: mandatory); docs/spec/constraints.md NV-2",
    cloud_error: None,
    constraints: &["NV-2"],
    check: Check::Schema,
};
