//! Huawei Cloud IMS "Creating a Full-ECS Image", `POST /v1/cloudimages/wholeimages/action`
//! (docs/spec/constraints.md §2). The two variants are data
//! (`rules/huawei-ims-create-whole-image/variants.json`, read by the shared Huawei variant
//! rules), the members' values are the schema; the rules here are the ones only this API has.

use crate::rules::RustCheck;

mod missing_vault_id;
mod missing_whole_image_type;

/// The Rust checks of this folder's rules, by code: each is bound to its declaration in
/// `rules/huawei-ims-create-whole-image/constraints.toml`.
pub static CHECKS: &[RustCheck] = &[
    ("IMS102", missing_vault_id::check),
    ("IMS103", missing_whole_image_type::check),
];
