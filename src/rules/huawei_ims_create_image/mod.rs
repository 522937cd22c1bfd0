//! Huawei Cloud IMS "Creating an Image", `POST /v2/cloudimages/action` (API reference 002,
//! docs/spec/constraints.md §4). The four variants and their members are data
//! (`rules/huawei-ims-create-image/variants.json`, read by the shared Huawei variant rules);
//! what each member may hold is the schema (`rules/huawei-ims-create-image/schema.json`); the
//! rules here are the logic between members that only this API has.

use crate::rules::RustCheck;

mod arm_with_bios;
mod instance_id_with_data_images;
mod missing_os_version;
mod misspelt_os_version;
mod os_versions;
mod quick_import_format;
mod unknown_os_version;

/// The Rust checks of this folder's rules, by code: each is bound to its declaration in
/// `rules/huawei-ims-create-image/constraints.toml`.
pub static CHECKS: &[RustCheck] = &[
    ("IMS003", instance_id_with_data_images::check),
    ("IMS009", missing_os_version::check),
    ("IMS012", unknown_os_version::check),
    ("IMS016", arm_with_bios::check),
    ("IMS019", quick_import_format::check),
    ("IMS021", misspelt_os_version::check),
    ("IMS022", quick_import_format::check_unclear),
];
