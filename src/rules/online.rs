//! Rules the online checks report (`reqlint check --online`, see `crate::online`): what only
//! the cloud knows, asked by read-only calls. No text can show them, so their examples are
//! none: each page says which call shows the state.

use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};

pub static RULES: &[&Rule] = &[
    &SOURCE_NOT_FOUND,
    &SOURCE_STATE_FORBIDS_IMAGE,
    &INSTANCE_LOCKED_FOR_SECURITY,
    &VOLUME_BACKED_SERVER,
    &IMAGE_NAME_TAKEN,
    &SNAPSHOT_TOO_OLD,
    &SIZE_BELOW_SNAPSHOT,
    &DRY_RUN_REFUSED,
    &IMAGE_QUOTA_USED_UP,
];

const ALL: &[Api] = &[
    Api::OpenstackNovaCreateImage,
    Api::AlibabaEcsCreateImage,
    Api::HuaweiImsCreateImage,
    Api::HuaweiImsCreateWholeImage,
];

pub static SOURCE_NOT_FOUND: Rule = Rule {
    code: "ONL001",
    name: "source-not-found",
    apis: ALL,
    severity: Severity::Error,
    summary: "the server, instance or snapshot the image is made from does not exist",
    why: "The cloud refuses an image of something it does not have: nova answers 404, Alibaba `InvalidInstanceId.NotFound` or `InvalidSnapshotId.NotFound`, Huawei `IMG.0005`. Only the cloud knows which IDs exist, so `reqlint check --online` asks it (nova `GET /servers/{id}`, Alibaba `DescribeInstances` and `DescribeSnapshots`, Huawei ECS `GET /v1/{project_id}/cloudservers/{id}`).",
    fix: "use the ID of an existing source in this region and project",
    invalid: "",
    valid: "",
    source: "docs/spec/constraints.md §1.6, §5.1 (runtime); nova API reference, Show Server Details; Alibaba ECS API reference, DescribeInstances, DescribeSnapshots",
    cloud_error: None,
    constraints: &["§1.6", "§2.1", "§5.1"],
    check: Check::Online,
};

pub static SOURCE_STATE_FORBIDS_IMAGE: Rule = Rule {
    code: "ONL002",
    name: "source-state-forbids-image",
    apis: ALL,
    severity: Severity::Error,
    summary: "the server or instance is in a state in which the cloud makes no image",
    why: "nova makes an image only of a server that is ACTIVE, SHUTOFF, PAUSED or SUSPENDED with no task running, and answers 409 otherwise (\"Cannot 'createImage' instance ... while it is in task_state image_uploading\"); Alibaba needs the instance Running or Stopped (`IncorrectInstanceStatus`); Huawei needs the ECS running or stopped and free of tasks (`IMG.0126`, `IMG.0010`).",
    fix: "wait until the server is running or stopped and its task has ended",
    invalid: "",
    valid: "",
    source: "docs/spec/constraints.md §2.4, §3.3, §4.8, §5.0 (runtime); nova API reference, Create Image (createImage Action), 409",
    cloud_error: None,
    constraints: &["§2.4", "§3.3", "§4.8", "§5.0"],
    check: Check::Online,
};

pub static INSTANCE_LOCKED_FOR_SECURITY: Rule = Rule {
    code: "ONL003",
    name: "instance-locked-for-security",
    apis: &[Api::AlibabaEcsCreateImage],
    severity: Severity::Error,
    summary: "the instance is locked for security reasons",
    why: "Alibaba refuses an image of an instance whose `OperationLocks` hold `security` (`InstanceLockedForSecurity`); `DescribeInstances` shows the lock.",
    fix: "resolve the security lock on the instance first",
    invalid: "",
    valid: "",
    source: "docs/spec/constraints.md §5.0 (runtime); Alibaba ECS API reference, CreateImage error codes",
    cloud_error: Some("InstanceLockedForSecurity"),
    constraints: &["§5.0"],
    check: Check::Online,
};

pub static VOLUME_BACKED_SERVER: Rule = Rule {
    code: "ONL004",
    name: "volume-backed-server",
    apis: &[Api::OpenstackNovaCreateImage],
    severity: Severity::Warning,
    summary: "the server boots from a volume, so the image only refers to volume snapshots",
    why: "For a server booted from a volume, nova's `createImage` snapshots the volumes and makes an image with no data of its own that refers to those snapshots: it cannot be downloaded or copied to another region as a disk image.",
    fix: "make sure a volume-snapshot image is what you want, or image a server booted from an image",
    invalid: "",
    valid: "",
    source: "nova API reference, Create Image (createImage Action): \"If the server is volume-backed ...\"; docs/spec/constraints.md §3.3",
    cloud_error: None,
    constraints: &["§3.3"],
    check: Check::Online,
};

pub static IMAGE_NAME_TAKEN: Rule = Rule {
    code: "ONL005",
    name: "image-name-taken",
    apis: &[Api::AlibabaEcsCreateImage],
    severity: Severity::Error,
    summary: "an image of the account already has this name",
    why: "Alibaba refuses a second custom image with the same name in a region (`InvalidImageName.Duplicated`); `DescribeImages` by `ImageName` shows it.",
    fix: "choose a name no image of the account has",
    invalid: "",
    valid: "",
    source: "docs/spec/constraints.md §5.1 (runtime); Alibaba ECS API reference, CreateImage error codes",
    cloud_error: Some("InvalidImageName.Duplicated"),
    constraints: &["§5.1"],
    check: Check::Online,
};

pub static SNAPSHOT_TOO_OLD: Rule = Rule {
    code: "ONL006",
    name: "snapshot-too-old",
    apis: &[Api::AlibabaEcsCreateImage],
    severity: Severity::Error,
    summary: "the snapshot was created on or before 2013-07-15",
    why: "Alibaba refuses images from snapshots created on or before 2013-07-15 (`InvalidSnapshot.TooOld`); `DescribeSnapshots` shows each snapshot's `CreationTime`.",
    fix: "take a new snapshot of the disk and use it",
    invalid: "",
    valid: "",
    source: "docs/spec/constraints.md AL-17 (runtime); Alibaba ECS API reference, CreateImage, SnapshotId",
    cloud_error: Some("InvalidSnapshot.TooOld"),
    constraints: &["AL-17"],
    check: Check::Online,
};

pub static SIZE_BELOW_SNAPSHOT: Rule = Rule {
    code: "ONL007",
    name: "size-below-snapshot",
    apis: &[Api::AlibabaEcsCreateImage],
    severity: Severity::Error,
    summary: "a disk's `Size` is smaller than its snapshot's disk",
    why: "With a `SnapshotId`, `DiskDeviceMapping.N.Size` must be at least the size of the snapshot's disk; Alibaba refuses a smaller one (`InvalidSize.ValueNotSupported`). `DescribeSnapshots` shows `SourceDiskSize`.",
    fix: "give `Size` at least the snapshot's disk size, or leave it out",
    invalid: "",
    valid: "",
    source: "docs/spec/constraints.md AL-10 (runtime); Alibaba ECS API reference, CreateImage, DiskDeviceMapping.N.Size",
    cloud_error: Some("InvalidSize.ValueNotSupported"),
    constraints: &["AL-10"],
    check: Check::Online,
};

pub static DRY_RUN_REFUSED: Rule = Rule {
    code: "ONL008",
    name: "dry-run-refused",
    apis: &[Api::AlibabaEcsCreateImage],
    severity: Severity::Error,
    summary: "the cloud's own `CreateImage` dry run refuses the request",
    why: "`CreateImage` with `DryRun=true` checks the request, the permissions and the account without creating anything: `DryRunOperation` means the cloud would accept it, and any other code is the error the real call would get (quota, permission, disk category, ...). reqlint makes this call last, when every value is known and nothing else was found.",
    fix: "fix what the cloud's error code says",
    invalid: "",
    valid: "",
    source: "docs/spec/constraints.md §5.1, §5.4 (runtime); Alibaba ECS API reference, CreateImage, DryRun",
    cloud_error: None,
    constraints: &["§5.1", "§5.4"],
    check: Check::Online,
};

pub static IMAGE_QUOTA_USED_UP: Rule = Rule {
    code: "ONL009",
    name: "image-quota-used-up",
    apis: &[Api::HuaweiImsCreateImage, Api::HuaweiImsCreateWholeImage],
    severity: Severity::Error,
    summary: "the project has no image quota left",
    why: "Huawei IMS makes no image past the project's image quota; `GET /v1/cloudimages/quota` shows how many images are used of how many.",
    fix: "delete an unused image or ask for a larger quota",
    invalid: "",
    valid: "",
    source: "Huawei IMS API reference, Querying the Image Quota; docs/spec/constraints.md §2.1 (runtime)",
    cloud_error: None,
    constraints: &["§2.1"],
    check: Check::Online,
};
