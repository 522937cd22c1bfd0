//! Huawei Cloud IMS "Creating an Image", `POST /v2/cloudimages/action` (API reference 002,
//! docs/spec/constraints.md §4). The four variants and their members are data
//! (`rules/huawei-ims-create-image/variants.json`, read by the shared Huawei variant rules);
//! what each member may hold is the schema (`rules/huawei-ims-create-image/schema.json`); the
//! rules here are the logic between members that only this API has.

use crate::rule::Rule;

mod arm_with_bios;
mod instance_id_with_data_images;
mod missing_os_version;
mod misspelt_os_version;
mod os_versions;
mod quick_import_format;
pub mod schema_rules;
mod unknown_os_version;

pub static RULES: &[&Rule] = &[
    &instance_id_with_data_images::RULE,
    &schema_rules::MIN_DISK_OUT_OF_RANGE,
    &schema_rules::DATA_DISK_MIN_DISK_OUT_OF_RANGE,
    &schema_rules::TOO_MANY_OBS_DATA_IMAGES,
    &missing_os_version::RULE,
    &schema_rules::INVALID_OS_TYPE,
    &schema_rules::INVALID_IMAGE_TYPE,
    &unknown_os_version::RULE,
    &schema_rules::INVALID_IMAGE_URL,
    &schema_rules::INVALID_ARCHITECTURE,
    &schema_rules::INVALID_FIRMWARE_TYPE,
    &arm_with_bios::RULE,
    &schema_rules::EMPTY_DATA_IMAGES,
    &quick_import_format::RULE,
    &misspelt_os_version::RULE,
    &quick_import_format::UNCLEAR,
];
