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

/// Constraints of this API that depend on cloud state and cannot be seen in a payload.
pub const NOT_STATICALLY_CHECKABLE: &[(&str, &str)] = &[
    (
        "FE-5",
        "a CBR backup needs `whole_image_type` \"CBR\": whether a backup is CBR or CSBS is cloud state (IMG.0198)",
    ),
    (
        "§2.4",
        "the ECS must be Running or Stopped, and stay so while the image is made (Huawei IMS user guide, Creating a Full-ECS Image from an ECS; IMG.0126)",
    ),
    (
        "§2.4",
        "no disk group or logical disk spanning several disks (Linux), no spanned volume (Windows), no DSS disk (Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS user guide, Creating a Full-ECS Image from an ECS; IMG.0153)",
    ),
    (
        "§2.4",
        "a Windows ECS should have the SAN policy OnlineAll (Huawei IMS API reference, Creating a Full-ECS Image, Huawei IMS user guide, Creating a Full-ECS Image from an ECS)",
    ),
    (
        "§2.4",
        "the backup must be available, without shared disks, and not used for another full-ECS image (Huawei IMS API reference, Creating a Full-ECS Image; IMG.0029, IMG.0132, IMG.0134)",
    ),
    (
        "§2.1",
        "the ECS, backup and vault must exist and the vault have room (IMG.0005, IMG.0020, IMG.0182-IMG.0193)",
    ),
];
