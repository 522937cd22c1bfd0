//! Alibaba Cloud ECS `CreateImage`, API version 2014-05-26 (API reference 004, docs/spec/constraints.md §5). Both
//! forms of the request, nested JSON and flattened RPC parameters, are linted as one canonical
//! request (`flatten.rs`); what each parameter may hold is the schema
//! (`rules/alibaba-ecs-create-image/schema.json`); the rules here are names, tags, disks and the
//! relations between parameters.

use crate::rule::Ctx;
use crate::rules::RustCheck;
use serde_json::Value;

mod arm64_with_bios;
mod deprecated_tag_member;
mod duplicate_device;
mod duplicate_tag_key;
mod flatten;
mod ignored_image_source;
mod invalid_description;
mod invalid_image_family;
mod invalid_image_name;
mod invalid_parameter_index;
mod invalid_tag_key;
mod invalid_tag_value;
mod list_in_both_forms;
mod long_image_version;
mod missing_image_source;
mod multiple_system_disks;
mod no_system_disk;
mod system_disk_without_snapshot;
mod tag_without_key;
mod too_many_data_disks;
mod unknown_parameter;
mod wrong_action;

pub use flatten::normalise;

/// The Rust checks of this folder's rules, by code: each is bound to its declaration in
/// `rules/alibaba-ecs-create-image/constraints.toml`.
pub static CHECKS: &[RustCheck] = &[
    ("ALI002", missing_image_source::check),
    ("ALI003", invalid_image_name::check),
    ("ALI004", invalid_image_family::check),
    ("ALI005", invalid_description::check),
    ("ALI013", ignored_image_source::check),
    ("ALI014", multiple_system_disks::check),
    ("ALI015", too_many_data_disks::check),
    ("ALI017", no_system_disk::check),
    ("ALI018", system_disk_without_snapshot::check),
    ("ALI019", duplicate_device::check),
    ("ALI024", invalid_tag_key::check),
    ("ALI025", invalid_tag_value::check),
    ("ALI026", duplicate_tag_key::check),
    ("ALI027", deprecated_tag_member::check),
    ("ALI028", tag_without_key::check),
    ("ALI029", unknown_parameter::check),
    ("ALI031", arm64_with_bios::check),
    ("ALI032", invalid_parameter_index::check),
    ("ALI033", list_in_both_forms::check),
    ("ALI034", wrong_action::check),
    ("ALI035", long_image_version::check),
];

/// The members that name an image source, in the order they win.
pub const SOURCES: [&str; 3] = ["InstanceId", "DiskDeviceMapping", "SnapshotId"];

/// The source members present, in priority order (an empty `DiskDeviceMapping` names nothing).
pub fn sources(ctx: &Ctx<'_>) -> Vec<&'static str> {
    SOURCES
        .into_iter()
        .filter(|s| match ctx.get(s) {
            Some(Value::Array(items)) => !items.is_empty(),
            Some(_) => true,
            None => false,
        })
        .collect()
}

/// The objects of `DiskDeviceMapping`, with their indexes.
pub fn disks<'a>(
    ctx: &Ctx<'a>,
) -> impl Iterator<Item = (usize, &'a serde_json::Map<String, Value>)> {
    let items = match ctx.get("DiskDeviceMapping") {
        Some(Value::Array(items)) => items.as_slice(),
        _ => &[],
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.as_object().map(|o| (i, o)))
}

/// One `Tag` element: its key and value under their current or deprecated names.
pub struct Tag<'a> {
    pub index: usize,
    /// (`Key` or the deprecated `key`, its value)
    pub key: Option<(&'static str, &'a Value)>,
    pub value: Option<(&'static str, &'a Value)>,
    pub object: &'a serde_json::Map<String, Value>,
}

impl Tag<'_> {
    pub fn pointer(&self) -> String {
        crate::pointer::push_index("/Tag", self.index)
    }

    pub fn member(&self, name: &str) -> String {
        crate::pointer::push(&self.pointer(), name)
    }

    /// The key's text, when it is a string.
    pub fn key_str(&self) -> Option<&str> {
        self.key.and_then(|(_, v)| v.as_str())
    }
}

pub fn tags<'a>(ctx: &Ctx<'a>) -> Vec<Tag<'a>> {
    let items = match ctx.get("Tag") {
        Some(Value::Array(items)) => items.as_slice(),
        _ => &[],
    };
    let pick = |o: &'a serde_json::Map<String, Value>, current: &'static str, old: &'static str| {
        o.get(current)
            .map(|v| (current, v))
            .or_else(|| o.get(old).map(|v| (old, v)))
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(index, t)| {
            let object = t.as_object()?;
            Some(Tag {
                index,
                key: pick(object, "Key", "key"),
                value: pick(object, "Value", "value"),
                object,
            })
        })
        .collect()
}

/// Whether text holds a URL scheme Alibaba forbids in names and tags.
pub fn has_url(text: &str) -> bool {
    text.contains("http://") || text.contains("https://")
}

/// What is wrong with an `ImageName` or `ImageFamily` (docs/spec/decisions.md: 2-128 characters; first a
/// letter or Han character; then letters, Han, digits and `. : _ -`; not starting with
/// `aliyun` or `acs:`; no `http://` or `https://`).
pub fn name_problem(name: &str) -> Option<String> {
    let length = name.chars().count();
    let first = name.chars().next();
    if !(2..=128).contains(&length) {
        Some(format!(
            "is {} long, outside 2-128",
            crate::rules::text::count(length, "character")
        ))
    } else if name.starts_with("aliyun") || name.starts_with("acs:") {
        let prefix = if name.starts_with("acs:") {
            "acs:"
        } else {
            "aliyun"
        };
        Some(format!(
            "\"{name}\" starts with `{prefix}`, which is reserved"
        ))
    } else if has_url(name) {
        Some(format!("\"{name}\" contains a URL"))
    } else if !first.is_some_and(|c| c.is_ascii_alphabetic() || crate::rules::text::is_han(c)) {
        Some(format!(
            "\"{name}\" does not start with a letter or a Chinese character"
        ))
    } else {
        name.chars()
            .find(|c| {
                !(c.is_ascii_alphanumeric()
                    || matches!(c, '.' | ':' | '_' | '-')
                    || crate::rules::text::is_han(*c))
            })
            .map(|c| {
                format!(
                    "\"{name}\" contains {}, which is not allowed",
                    crate::rules::text::show_char(c)
                )
            })
    }
}
