//! Huawei Cloud IMS "Creating a Full-ECS Image", `POST /v1/cloudimages/wholeimages/action`
//! (docs/spec/constraints.md §2). The two variants are data
//! (`rules/huawei-ims-create-whole-image/variants.json`, read by the shared Huawei variant
//! rules), the members' values are the schema; the rules here are the ones only this API has.

use crate::rule::Rule;

mod missing_vault_id;
mod missing_whole_image_type;
pub mod schema_rules;

pub static RULES: &[&Rule] = &[
    &schema_rules::INVALID_WHOLE_IMAGE_TYPE,
    &missing_vault_id::RULE,
    &missing_whole_image_type::RULE,
];
