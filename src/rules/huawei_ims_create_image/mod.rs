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

/// Constraints of this API that depend on cloud state and cannot be seen in a payload.
pub const NOT_STATICALLY_CHECKABLE: &[(&str, &str)] = &[
    (
        "CI-15",
        "each data disk image's OS type must equal the system disk image's (Huawei IMS API reference, Creating an Image)",
    ),
    (
        "§4.8",
        "System disk image from a data disk: the data disk must already hold an optimised OS (Huawei IMS API reference, Creating an Image)",
    ),
    (
        "§4.8",
        "Image from an image file in OBS: the OBS bucket must be Standard class and in the user's region (IMG.0058)",
    ),
    (
        "§4.8",
        "Image from an image file in OBS: the image file is at most 128 GB, 1 TB for quick import (IMG.0059)",
    ),
    (
        "§4.8",
        "System disk image from an ECS: the ECS system disk must be usable and the ECS free of running tasks (IMG.0006, IMG.0010, IMG.0110, IMG.0119)",
    ),
    (
        "§4.2",
        "Data disk images from ECS data disks: all data disks must belong to the same ECS (IMG.0140)",
    ),
    ("§1.1", "the image name must not exist yet (IMG.0009)"),
    (
        "§1.6",
        "the ECS, volume and enterprise project must exist (IMG.0005, IMG.0120, IMG.0154, IMG.0156)",
    ),
];
