//! OpenStack / Huawei ECS `createImage` server action (API reference 001, docs/spec/constraints.md §3). The shape
//! of the body is the schema (`rules/openstack-nova-create-image/schema.json`); the rules here
//! are the limits a schema cannot say: UTF-8 byte lengths, printable names, metadata keys.

use crate::api::Api;
use crate::rule::Rule;
use serde_json::{Map, Value};

mod empty_metadata;
mod image_name_too_long;
mod invalid_image_name;
mod invalid_metadata_key;
mod metadata_too_long;
mod recent_unicode_in_image_name;
pub mod schema_rules;
mod too_many_metadata_items;

const API: &[Api] = &[Api::OpenstackNovaCreateImage];

pub static RULES: &[&Rule] = &[
    &schema_rules::MISSING_CREATE_IMAGE,
    &schema_rules::UNKNOWN_MEMBER,
    &schema_rules::MISSING_IMAGE_NAME,
    &image_name_too_long::RULE,
    &invalid_image_name::RULE,
    &invalid_metadata_key::RULE,
    &metadata_too_long::RULE,
    &empty_metadata::RULE,
    &too_many_metadata_items::RULE,
    &recent_unicode_in_image_name::RULE,
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
