//! Rules of this API checked by its schema (`rules/alibaba-ecs-create-image/schema.json`).

use super::API;
use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};

pub static MISSING_REGION_ID: Rule = Rule {
    code: "ALI001",
    name: "missing-region-id",
    apis: API,
    severity: Severity::Error,
    summary: "the request has no `RegionId`",
    why: "`RegionId` is the one parameter every `CreateImage` request needs; without it the call fails with `MissingParameter`.",
    fix: "add `RegionId`, for example \"cn-hangzhou\"",
    invalid: r#"{"InstanceId": "i-bp1g6zv0ce8oghu7****"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****"}"#,
    source: "Alibaba ECS API reference, CreateImage (RegionId); docs/spec/constraints.md AL-1",
    cloud_error: Some("MissingParameter"),
    constraints: &["AL-1", "N-26"],
    check: Check::Schema,
};

pub static INVALID_CLIENT_TOKEN: Rule = Rule {
    code: "ALI006",
    name: "invalid-client-token",
    apis: API,
    severity: Severity::Error,
    summary: "`ClientToken` is longer than 64 characters or not ASCII",
    why: "The idempotency token is ASCII only, at most 64 characters; anything else is rejected.",
    fix: "use at most 64 ASCII characters, for example a UUID",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ClientToken": "café-123"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "ClientToken": "123e4567-e89b-12d3-a456-426655440000"}"#,
    source: "Alibaba ECS API reference, CreateImage (ClientToken); docs/spec/constraints.md §5.1",
    cloud_error: None,
    constraints: &["§5.1", "N-40"],
    check: Check::Schema,
};

pub static INVALID_PLATFORM: Rule = Rule {
    code: "ALI007",
    name: "invalid-platform",
    apis: API,
    severity: Severity::Error,
    summary: "`Platform` is not a documented distribution",
    why: "`Platform` is one of 26 distributions (`CentOS`, `Ubuntu`, `Windows Server 2022`, ...), spelled as documented; other values fail with `InvalidPlatform.Malformed`.",
    fix: "use one of the documented `Platform` values, spelled exactly",
    invalid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Platform": "Windows 11"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Platform": "Windows Server 2022"}"#,
    source: "Alibaba ECS API reference, CreateImage (Platform); Alibaba SDK; docs/spec/constraints.md C-ALI-5",
    cloud_error: Some("InvalidPlatform.Malformed"),
    constraints: &["C-ALI-5", "N-33"],
    check: Check::Schema,
};

pub static LEGACY_PLATFORM: Rule = Rule {
    code: "ALI008",
    name: "legacy-platform",
    apis: API,
    severity: Severity::Warning,
    summary: "`Platform` is `Aliyun Linux` or `Windows 7`, from older documentation",
    why: "Older documentation listed `Aliyun Linux` and `Windows 7`; the current list does not, so the value may be refused in newer regions.",
    fix: "use a current value, such as `Aliyun` or a `Windows Server` version",
    invalid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Platform": "Aliyun Linux"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Platform": "Aliyun"}"#,
    source: "docs/spec/constraints.md C-ALI-5; docs/spec/decisions.md",
    cloud_error: None,
    constraints: &["C-ALI-5"],
    check: Check::Schema,
};

pub static INVALID_ARCHITECTURE: Rule = Rule {
    code: "ALI009",
    name: "ali-invalid-architecture",
    apis: API,
    severity: Severity::Error,
    summary: "`Architecture` is not `i386`, `x86_64` or `arm64`",
    why: "`Architecture` is an enumeration, case-sensitive; `aarch64` or `amd64` fail with `InvalidArchitecture.Malformed`.",
    fix: "use `i386`, `x86_64` or `arm64`",
    invalid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Architecture": "aarch64"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "SnapshotId": "s-bp17441ohwkdca0****", "Architecture": "arm64"}"#,
    source: "Alibaba ECS API reference, CreateImage (Architecture); docs/spec/constraints.md C-ALI-6",
    cloud_error: Some("InvalidArchitecture.Malformed"),
    constraints: &["C-ALI-6", "N-31"],
    check: Check::Schema,
};

pub static INVALID_BOOT_MODE: Rule = Rule {
    code: "ALI010",
    name: "invalid-boot-mode",
    apis: API,
    severity: Severity::Error,
    summary: "`BootMode` is not `BIOS`, `UEFI` or `UEFI-Preferred`",
    why: "The API reference's error text: \"Valid options are BIOS, UEFI, and UEFI-Preferred.\" Anything else fails with `InvalidBootMode.Malformed`.",
    fix: "use `BIOS`, `UEFI` or `UEFI-Preferred`",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "BootMode": "Legacy"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "BootMode": "BIOS"}"#,
    source: "Alibaba ECS API reference, CreateImage (BootMode); docs/spec/constraints.md §5.1",
    cloud_error: Some("InvalidBootMode.Malformed"),
    constraints: &["§5.1", "N-32"],
    check: Check::Schema,
};

pub static INVALID_DETECTION_STRATEGY: Rule = Rule {
    code: "ALI011",
    name: "invalid-detection-strategy",
    apis: API,
    severity: Severity::Error,
    summary: "`DetectionStrategy` is not `Standard`",
    why: "Only `Standard` detection is supported; other values fail with `InvalidDetectionStrategy.Malformed`.",
    fix: "use `Standard`, or leave `DetectionStrategy` out",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "DetectionStrategy": "Deep"}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "DetectionStrategy": "Standard"}"#,
    source: "Alibaba ECS API reference, CreateImage (DetectionStrategy); docs/spec/constraints.md §5.1",
    cloud_error: Some("InvalidDetectionStrategy.Malformed"),
    constraints: &["§5.1", "N-34"],
    check: Check::Schema,
};

pub static INVALID_IMDS_SUPPORT: Rule = Rule {
    code: "ALI012",
    name: "invalid-imds-support",
    apis: API,
    severity: Severity::Error,
    summary: "`Features.ImdsSupport` is not `v1` or `v2`",
    why: "The metadata access mode is `v1` or `v2`; other values fail with `InvalidParameter.FeaturesImdsSupport`.",
    fix: "use `v1` or `v2`",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Features": {"ImdsSupport": "v3"}}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Features": {"ImdsSupport": "v2"}}"#,
    source: "Alibaba ECS API reference, CreateImage (Features.ImdsSupport); Alibaba SDK; docs/spec/constraints.md §5.1",
    cloud_error: Some("InvalidParameter.FeaturesImdsSupport"),
    constraints: &["§5.1", "N-35"],
    check: Check::Schema,
};

pub static TOO_MANY_DISK_MAPPINGS: Rule = Rule {
    code: "ALI016",
    name: "too-many-disk-mappings",
    apis: API,
    severity: Severity::Error,
    summary: "`DiskDeviceMapping` has more than 17 entries",
    why: "An image has at most one system disk and 16 data disks: 17 entries in all. Where the entries say which are data disks, `too-many-data-disks` (ALI015) or `multiple-system-disks` (ALI014) reports the problem; this rule catches the rest (entries whose disk type the cloud takes from the snapshot).",
    fix: "keep at most one system disk and 16 data disks",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "system"}, {"SnapshotId": "s-1", "DiskType": "data"}, {"SnapshotId": "s-2", "DiskType": "data"}, {"SnapshotId": "s-3", "DiskType": "data"}, {"SnapshotId": "s-4", "DiskType": "data"}, {"SnapshotId": "s-5", "DiskType": "data"}, {"SnapshotId": "s-6", "DiskType": "data"}, {"SnapshotId": "s-7", "DiskType": "data"}, {"SnapshotId": "s-8", "DiskType": "data"}, {"SnapshotId": "s-9", "DiskType": "data"}, {"SnapshotId": "s-10", "DiskType": "data"}, {"SnapshotId": "s-11", "DiskType": "data"}, {"SnapshotId": "s-12", "DiskType": "data"}, {"SnapshotId": "s-13", "DiskType": "data"}, {"SnapshotId": "s-14", "DiskType": "data"}, {"SnapshotId": "s-15", "DiskType": "data"}, {"SnapshotId": "s-16", "DiskType": "data"}, {"SnapshotId": "s-17"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "system", "Device": "/dev/xvda"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (DiskDeviceMapping); docs/spec/constraints.md AL-4, AL-5; docs/spec/decisions.md",
    cloud_error: Some("InvalidParameter"),
    constraints: &["AL-5"],
    check: Check::Schema,
};

pub static INVALID_DEVICE: Rule = Rule {
    code: "ALI020",
    name: "invalid-device",
    apis: API,
    severity: Severity::Error,
    summary: "a `DiskDeviceMapping` `Device` is not a `/dev/xvd?` or `/dev/vd?` name",
    why: "Devices are named `/dev/xvda` (system disk) to `/dev/xvdz`, or `/dev/vda` to `/dev/vdz` on non-basic disks; `/dev/sda` fails with `InvalidDevice.Malformed`.",
    fix: "use `/dev/xvda` for the system disk and `/dev/xvdb` to `/dev/xvdz` for data disks",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "system", "Device": "/dev/sda"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "system", "Device": "/dev/xvda"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Device); Alibaba SDK; docs/spec/constraints.md AL-9, C-ALI-3",
    cloud_error: Some("InvalidDevice.Malformed"),
    constraints: &["AL-9", "C-ALI-3", "N-44"],
    check: Check::Schema,
};

pub static DISK_SIZE_OUT_OF_RANGE: Rule = Rule {
    code: "ALI021",
    name: "disk-size-out-of-range",
    apis: API,
    severity: Severity::Error,
    summary: "a `DiskDeviceMapping` `Size` is outside 5-32768 GiB",
    why: "Disk sizes are 5-32768 GiB (basic disks 5-2000, other categories 20-32768); other sizes fail with `InvalidSize.ValueNotSupported`.",
    fix: "use a size from 5 to 32768 GiB (at most 2000 for basic disks)",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "system", "Size": 40000}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "system", "Size": 40}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Size); Alibaba SDK; docs/spec/constraints.md AL-10, C-ALI-7; docs/spec/decisions.md",
    cloud_error: Some("InvalidSize.ValueNotSupported"),
    constraints: &["AL-10", "C-ALI-7", "N-46"],
    check: Check::Schema,
};

pub static INVALID_DISK_TYPE: Rule = Rule {
    code: "ALI022",
    name: "invalid-disk-type",
    apis: API,
    severity: Severity::Error,
    summary: "a `DiskDeviceMapping` `DiskType` is not `system` or `data`",
    why: "`DiskType` is `system` or `data`, lower-case; other values fail with `InvalidDiskType.ValueNotSupported`.",
    fix: "use `system` or `data`",
    invalid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "root"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-bp17441ohwkdca0****", "DiskType": "system"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (DiskType); docs/spec/constraints.md §5.1",
    cloud_error: Some("InvalidDiskType.ValueNotSupported"),
    constraints: &["§5.1", "N-45"],
    check: Check::Schema,
};

pub static TOO_MANY_TAGS: Rule = Rule {
    code: "ALI023",
    name: "ali-too-many-tags",
    apis: API,
    severity: Severity::Error,
    summary: "`Tag` has more than 20 entries",
    why: "`Tag.N` takes N from 1 to 20; more tags fail with `QuotaExceed.Tags`.",
    fix: "keep at most 20 tags",
    invalid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "k1"}, {"Key": "k2"}, {"Key": "k3"}, {"Key": "k4"}, {"Key": "k5"}, {"Key": "k6"}, {"Key": "k7"}, {"Key": "k8"}, {"Key": "k9"}, {"Key": "k10"}, {"Key": "k11"}, {"Key": "k12"}, {"Key": "k13"}, {"Key": "k14"}, {"Key": "k15"}, {"Key": "k16"}, {"Key": "k17"}, {"Key": "k18"}, {"Key": "k19"}, {"Key": "k20"}, {"Key": "k21"}]}"#,
    valid: r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1g6zv0ce8oghu7****", "Tag": [{"Key": "KeyTest", "Value": "ValueTest"}]}"#,
    source: "Alibaba ECS API reference, CreateImage (Tag.N); docs/spec/constraints.md AL-11",
    cloud_error: Some("QuotaExceed.Tags"),
    constraints: &["AL-11", "N-36"],
    check: Check::Schema,
};
