//! Rules of this API checked by its schema (`rules/huawei-ims-create-image/schema.json`):
//! their declarations; the schema's `x-rule` annotations point here.

use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};

const API: &[Api] = &[Api::HuaweiImsCreateImage];

pub static MIN_DISK_OUT_OF_RANGE: Rule = Rule {
    code: "IMS006",
    name: "min-disk-out-of-range",
    apis: API,
    severity: Severity::Error,
    summary: "`min_disk` of an image file in OBS is outside 40-255 GB",
    why: "The system disk of an image imported from OBS must be 40-255 GB (the API reference's range; SDKs and other clouds document up to 1024, see docs/spec/constraints.md C-HW-5). The job fails with `IMG.0055` after upload.",
    fix: "set `min_disk` to a size from 40 to 255 GB (the range of Huawei's \"Creating an Image\" reference; its SDKs document up to 1024)",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 300}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "Huawei IMS API reference, Creating an Image (min_disk); docs/spec/constraints.md CI-5, C-HW-5",
    cloud_error: Some("IMG.0055"),
    constraints: &["CI-5", "C-HW-5", "N-10"],
    check: Check::Schema,
};

pub static DATA_DISK_MIN_DISK_OUT_OF_RANGE: Rule = Rule {
    code: "IMS007",
    name: "data-disk-min-disk-out-of-range",
    apis: API,
    severity: Severity::Error,
    summary: "`min_disk` of a data disk image file is outside 1-2048 GB",
    why: "A data disk imported from OBS is 1-2048 GB; other sizes fail with `IMG.0055`.",
    fix: "set the data disk's `min_disk` to a size from 1 to 2048 GB",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "data_images": [{"image_url": "ims-image:data.qcow2", "min_disk": 4096}]}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "data_images": [{"image_url": "ims-image:data.qcow2", "min_disk": 2048}]}"#,
    source: "Huawei IMS API reference, Creating an Image (Table 2, min_disk); docs/spec/constraints.md CI-6",
    cloud_error: Some("IMG.0055"),
    constraints: &["CI-6", "N-13"],
    check: Check::Schema,
};

pub static TOO_MANY_OBS_DATA_IMAGES: Rule = Rule {
    code: "IMS008",
    name: "too-many-obs-data-images",
    apis: API,
    severity: Severity::Error,
    summary: "an image file in OBS comes with more than 3 data disk images",
    why: "\"An external image file can contain a maximum of three data disks\": one system disk and at most three data disks per request.",
    fix: "keep at most 3 `data_images`, and import the others in another request",
    invalid: r#"{"name": "f", "image_url": "b:s.qcow2", "min_disk": 40, "data_images": [{"image_url": "b:1.qcow2", "min_disk": 10}, {"image_url": "b:2.qcow2", "min_disk": 10}, {"image_url": "b:3.qcow2", "min_disk": 10}, {"image_url": "b:4.qcow2", "min_disk": 10}]}"#,
    valid: r#"{"name": "f", "image_url": "b:s.qcow2", "min_disk": 40, "data_images": [{"image_url": "b:1.qcow2", "min_disk": 10}, {"image_url": "b:2.qcow2", "min_disk": 10}, {"image_url": "b:3.qcow2", "min_disk": 10}]}"#,
    source: "Huawei IMS API reference, Creating an Image (data_images of an external file); docs/spec/constraints.md CI-7",
    cloud_error: Some("IMG.0001"),
    constraints: &["CI-7", "N-12"],
    check: Check::Schema,
};

pub static INVALID_OS_TYPE: Rule = Rule {
    code: "IMS010",
    name: "invalid-os-type",
    apis: API,
    severity: Severity::Error,
    summary: "`os_type` is not `Linux`, `Windows` or `Other`",
    why: "`os_type` is an enumeration, case-sensitive as documented; anything else fails with `IMG.0122`.",
    fix: "use `Linux`, `Windows` or `Other`, spelled exactly so",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "os_type": "linux"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "os_type": "Linux"}"#,
    source: "Huawei IMS API reference, Creating an Image (os_type); docs/spec/constraints.md CI-11",
    cloud_error: Some("IMG.0122"),
    constraints: &["CI-11"],
    check: Check::Schema,
};

pub static INVALID_IMAGE_TYPE: Rule = Rule {
    code: "IMS011",
    name: "invalid-image-type",
    apis: API,
    severity: Severity::Error,
    summary: "`type` is not an image type this request accepts",
    why: "`type` is `ECS`, `BMS`, `FusionCompute` or `Ironic`; `IsoImage` exists only for image files in OBS. Other values fail with `IMG.0024`.",
    fix: "use `ECS`, `BMS`, `FusionCompute` or `Ironic` (or `IsoImage` for an ISO file in OBS)",
    invalid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "type": "VM", "os_version": "CentOS 7.0 64bit"}"#,
    valid: r#"{"name": "ims_test", "volume_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "type": "ECS", "os_version": "CentOS 7.0 64bit"}"#,
    source: "Huawei IMS API reference, Creating an Image (type); OTC API reference (IsoImage); docs/spec/constraints.md CI-11, C-HW-8",
    cloud_error: Some("IMG.0024"),
    constraints: &["CI-11", "C-HW-8", "N-16"],
    check: Check::Schema,
};

pub static INVALID_IMAGE_URL: Rule = Rule {
    code: "IMS013",
    name: "invalid-image-url",
    apis: API,
    severity: Severity::Error,
    summary: "`image_url` is not `<bucket>:<file>`",
    why: "An image file in OBS is named as `<OBS bucket name>:<image file name>`, for example `ims-image:centos70.qcow2`, with no white space; a URL or a path fails with `IMG.0017` (or `IMG.0175` for spaces).",
    fix: "write the file as `bucket:file`, for example `ims-image:centos70.qcow2`",
    invalid: r#"{"name": "ims_test_file", "image_url": "https://ims-image.obs.example.com/centos70.qcow2", "min_disk": 40}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40}"#,
    source: "Huawei IMS API reference, Creating an Image (image_url); docs/spec/constraints.md §4.3, §11",
    cloud_error: Some("IMG.0017"),
    constraints: &["§4.3"],
    check: Check::Schema,
};

pub static INVALID_ARCHITECTURE: Rule = Rule {
    code: "IMS014",
    name: "invalid-architecture",
    apis: API,
    severity: Severity::Error,
    summary: "`architecture` is not `x86` or `arm`",
    why: "The SDK documents `architecture` as `x86` (default) or `arm`; other spellings (`x86_64`, `aarch64`) are rejected.",
    fix: "use `x86` or `arm`",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "architecture": "aarch64"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "architecture": "arm"}"#,
    source: "Huawei SDK (architecture); docs/spec/constraints.md CI-13",
    cloud_error: Some("IMG.0001"),
    constraints: &["CI-13"],
    check: Check::Schema,
};

pub static INVALID_FIRMWARE_TYPE: Rule = Rule {
    code: "IMS015",
    name: "invalid-firmware-type",
    apis: API,
    severity: Severity::Error,
    summary: "`hw_firmware_type` is not `bios` or `uefi`",
    why: "`hw_firmware_type` is `bios` or `uefi`, lower-case; anything else fails with `IMG.0141`.",
    fix: "use `bios` or `uefi`",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "hw_firmware_type": "UEFI"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "hw_firmware_type": "uefi"}"#,
    source: "OTC API reference (hw_firmware_type); docs/spec/constraints.md CI-13",
    cloud_error: Some("IMG.0141"),
    constraints: &["CI-13"],
    check: Check::Schema,
};

pub static EMPTY_DATA_IMAGES: Rule = Rule {
    code: "IMS018",
    name: "empty-data-images",
    apis: API,
    severity: Severity::Error,
    summary: "`data_images` is an empty array",
    why: "`data_images` lists at least one data disk; an empty list creates nothing and, without another source, leaves the request without any.",
    fix: "list the data disks in `data_images`, or remove the member",
    invalid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a", "data_images": []}"#,
    valid: r#"{"name": "ims_test", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#,
    source: "Huawei IMS API reference, Creating an Image (data_images); docs/spec/constraints.md §4.2",
    cloud_error: Some("IMG.0001"),
    constraints: &["§4.2"],
    check: Check::Schema,
};
