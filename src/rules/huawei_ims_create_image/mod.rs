//! Huawei Cloud IMS "Creating an Image", `POST /v2/cloudimages/action` (seed 002,
//! constraints.md §4). The four variants and their members are data
//! (`rules/huawei-ims-create-image/variants.json`); what each member may hold is the schema
//! (`rules/huawei-ims-create-image/schema.json`); the rules here are the logic between members.

use crate::rule::{Ctx, Rule};
use ahash::AHashSet;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

mod arm_with_bios;
mod ignored_member;
mod instance_id_with_data_images;
mod member_of_other_variant;
mod missing_image_source;
mod missing_os_version;
mod missing_required_member;
mod multiple_image_sources;
pub mod schema_rules;
mod unknown_os_version;

pub static RULES: &[&Rule] = &[
    &missing_image_source::RULE,
    &multiple_image_sources::RULE,
    &instance_id_with_data_images::RULE,
    &missing_required_member::RULE,
    &member_of_other_variant::RULE,
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
    &ignored_member::RULE,
    &schema_rules::EMPTY_DATA_IMAGES,
];

/// Constraints of this API that depend on cloud state and cannot be seen in a payload.
pub const NOT_STATICALLY_CHECKABLE: &[(&str, &str)] = &[
    (
        "CI-15",
        "each data disk image's OS type must equal the system disk image's (S002)",
    ),
    (
        "§4.8",
        "B4: the data disk must already hold an optimised OS (S002)",
    ),
    (
        "§4.8",
        "B3: the OBS bucket must be Standard class and in the user's region (IMG.0058)",
    ),
    (
        "§4.8",
        "B3: the image file is at most 128 GB, 1 TB for quick import (IMG.0059)",
    ),
    (
        "§4.8",
        "B1: the ECS system disk must be usable and the ECS free of running tasks (IMG.0006, IMG.0010, IMG.0110, IMG.0119)",
    ),
    (
        "§4.2",
        "B2: all data disks must belong to the same ECS (IMG.0140)",
    ),
    ("§1.1", "the image name must not exist yet (IMG.0009)"),
    (
        "§1.6",
        "the ECS, volume and enterprise project must exist (IMG.0005, IMG.0120, IMG.0154, IMG.0156)",
    ),
];

const VARIANTS: &str = include_str!("../../../rules/huawei-ims-create-image/variants.json");

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct Model {
    variants: Vec<Variant>,
    elements: HashMap<&'static str, Element>,
}

/// One way of creating an image, chosen by the member that names its source.
#[derive(Deserialize)]
pub struct Variant {
    pub id: &'static str,
    pub title: &'static str,
    pub selected_by: &'static str,
    pub required: Vec<&'static str>,
    pub allowed: AHashSet<&'static str>,
    pub ignored: Vec<&'static str>,
    pub element: Option<&'static str>,
}

/// What a `data_images` element of a variant holds.
#[derive(Deserialize)]
pub struct Element {
    pub title: &'static str,
    pub required: Vec<&'static str>,
    pub allowed: AHashSet<&'static str>,
}

static MODEL: LazyLock<Model> =
    LazyLock::new(|| serde_json::from_str(VARIANTS).expect("bundled variants.json is valid"));

/// The members that name an image source at the top level, in the order they win.
pub const SOURCES: [&str; 3] = ["instance_id", "image_url", "volume_id"];

/// Which variant a body is (rules ask through `ctx.memo(select)`: it is computed once).
#[derive(Clone)]
pub enum Selection {
    /// No source member at all.
    None,
    One(&'static Variant),
    /// Several source members: the names present.
    Many(Vec<&'static str>),
}

pub fn select(ctx: &Ctx<'_>) -> Selection {
    let present = |s: &&'static str| ctx.has(s);
    let by = match SOURCES.iter().filter(|s| present(s)).count() {
        0 if ctx.has("data_images") => "data_images",
        0 => return Selection::None,
        1 => *SOURCES.iter().find(|s| present(s)).expect("counted one"),
        _ => return Selection::Many(SOURCES.into_iter().filter(|s| present(s)).collect()),
    };
    let variant = MODEL
        .variants
        .iter()
        .find(|v| v.selected_by == by)
        .expect("every source selects a variant");
    Selection::One(variant)
}

/// Every variant.
pub fn variants() -> &'static [Variant] {
    &MODEL.variants
}

/// The element kind a variant's `data_images` hold.
pub fn element(variant: &Variant) -> Option<&'static Element> {
    variant.element.and_then(|e| MODEL.elements.get(e))
}

/// Every element kind.
pub fn elements() -> impl Iterator<Item = &'static Element> {
    MODEL.elements.values()
}

/// Every member any variant knows, at the top level and in elements.
pub struct Members {
    pub top: AHashSet<&'static str>,
    pub element: AHashSet<&'static str>,
    /// The same names, sorted, for suggestions.
    pub top_sorted: Vec<&'static str>,
    pub element_sorted: Vec<&'static str>,
}

pub fn members() -> &'static Members {
    static MEMBERS: LazyLock<Members> = LazyLock::new(|| {
        let top: BTreeSet<&'static str> = MODEL
            .variants
            .iter()
            .flat_map(|v| v.allowed.iter().copied())
            .collect();
        let element: BTreeSet<&'static str> = MODEL
            .elements
            .values()
            .flat_map(|e| e.allowed.iter().copied())
            .collect();
        Members {
            top: top.iter().copied().collect(),
            element: element.iter().copied().collect(),
            top_sorted: top.into_iter().collect(),
            element_sorted: element.into_iter().collect(),
        }
    });
    &MEMBERS
}
