//! OpenStack / Huawei ECS `createImage` server action (API reference 001, docs/spec/constraints.md §3). The shape
//! of the body is the schema (`rules/openstack-nova-create-image/schema.json`); the rules here
//! are the limits a schema cannot say: UTF-8 byte lengths, printable names, metadata keys.

use crate::rules::RustCheck;
use serde_json::{Map, Value};

mod empty_metadata;
mod image_name_too_long;
mod invalid_image_name;
mod invalid_metadata_key;
mod metadata_too_long;
mod recent_unicode_in_image_name;
mod too_many_metadata_items;

/// The Rust checks of this folder's rules, by code: each is bound to its declaration in
/// `rules/openstack-nova-create-image/constraints.toml`.
pub static CHECKS: &[RustCheck] = &[
    ("NOVA004", image_name_too_long::check),
    ("NOVA005", invalid_image_name::check),
    ("NOVA006", invalid_metadata_key::check),
    ("NOVA007", metadata_too_long::check),
    ("NOVA008", empty_metadata::check),
    ("NOVA009", too_many_metadata_items::check),
    ("NOVA010", recent_unicode_in_image_name::check),
];

/// The `createImage` object of a body, when it is one.
pub fn create_image(body: &Map<String, Value>) -> Option<&Map<String, Value>> {
    body.get("createImage").and_then(Value::as_object)
}

/// The `metadata` object of a body, when it is one.
pub fn metadata(body: &Map<String, Value>) -> Option<&Map<String, Value>> {
    create_image(body)?
        .get("metadata")
        .and_then(Value::as_object)
}
