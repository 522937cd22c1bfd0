//! Field rules shared by both Huawei IMS APIs (docs/spec/constraints.md §1): one piece of code, applied to
//! every object of a body that describes an image (the body itself and each `data_images`
//! element).

use crate::pointer;
use crate::rule::Ctx;
use crate::rules::RustCheck;
pub use crate::rules::text::{is_han, show_char};
use serde_json::{Map, Value};

mod description;
mod duplicate_tag_key;
mod empty_member_of_other_variant;
mod ignored_member;
mod image_name;
mod many_tags;
mod member_of_other_variant;
mod min_ram_above_max_ram;
mod missing_image_source;
mod missing_required_member;
mod multiple_image_sources;
mod tag_format;
mod tags_with_image_tags;
mod too_many_tags;
mod unknown_member;
pub mod variants;

/// The Rust checks of this folder's rules, by code: each is bound to its declaration in
/// `rules/huawei/constraints.toml`.
pub static CHECKS: &[RustCheck] = &[
    ("HW001", image_name::check),
    ("HW002", description::check),
    ("HW003", tag_format::check),
    ("HW004", duplicate_tag_key::check),
    ("HW005", too_many_tags::check),
    ("HW006", many_tags::check),
    ("HW007", tags_with_image_tags::check),
    ("HW013", min_ram_above_max_ram::check),
    ("HW014", unknown_member::check),
    ("IMS001", missing_image_source::check),
    ("IMS002", multiple_image_sources::check),
    ("IMS004", missing_required_member::check),
    ("IMS005", member_of_other_variant::check),
    ("IMS017", ignored_member::check),
    ("IMS020", empty_member_of_other_variant::check),
];

/// An object of a body that describes an image: the body itself, or one `data_images` element.
/// Its pointer is built only when a rule reports something in it.
#[derive(Clone, Copy)]
pub struct ImageObject<'a> {
    /// `None` for the body, `Some(i)` for `data_images[i]`.
    pub index: Option<usize>,
    pub map: &'a Map<String, Value>,
    /// The body's hashed members, for the body.
    ctx: Option<&'a Ctx<'a>>,
}

impl<'a> ImageObject<'a> {
    /// The member `name`.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        match self.ctx {
            Some(ctx) => ctx.get(name),
            None => self.map.get(name),
        }
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The pointer of this object.
    pub fn pointer(&self) -> String {
        self.index
            .map_or_else(String::new, |i| pointer::push_index("/data_images", i))
    }

    /// The pointer of one of its members.
    pub fn member(&self, name: &str) -> String {
        pointer::push(&self.pointer(), name)
    }
}

/// The objects of a body that describe an image: the body and each object in `data_images`.
pub fn image_objects<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = ImageObject<'a>> {
    let elements = match ctx.get("data_images") {
        Some(Value::Array(elements)) => elements.as_slice(),
        _ => &[],
    };
    // Where the top-level members are ignored (data disk images from ECS data disks: the
    // `data_images` elements name the images), the body describes no image of its own.
    let ignored = matches!(
        *ctx.memo(variants::select),
        variants::Selection::One(_, variant) if !variant.ignored.is_empty()
    );
    let root = (!ignored).then_some(ImageObject {
        index: None,
        map: ctx.body,
        ctx: Some(ctx),
    });
    root.into_iter()
        .chain(elements.iter().enumerate().filter_map(|(i, e)| {
            e.as_object().map(|map| ImageObject {
                index: Some(i),
                map,
                ctx: None,
            })
        }))
}

/// One tag found in `tags` (as `key.value`) or `image_tags` (as `{key, value}`). Pointers
/// and labels are built only when a rule reports the tag.
pub struct Tag<'a> {
    object: ImageObject<'a>,
    /// `tags` or `image_tags`.
    array: &'static str,
    index: usize,
    pub key: &'a str,
    pub value: &'a str,
}

impl Tag<'_> {
    fn element(&self) -> String {
        pointer::push_index(&self.object.member(self.array), self.index)
    }

    /// Pointer of the tag's key: the string in `tags`, or `image_tags/N/key`.
    pub fn key_pointer(&self) -> String {
        match self.array {
            "tags" => self.element(),
            _ => pointer::push(&self.element(), "key"),
        }
    }

    /// Pointer of the tag's value: the string in `tags`, or `image_tags/N/value`.
    pub fn value_pointer(&self) -> String {
        match self.array {
            "tags" => self.element(),
            _ => pointer::push(&self.element(), "value"),
        }
    }

    /// How a message names the tag (`tags[0]`, `data_images[1].image_tags[0]`).
    pub fn label(&self) -> String {
        crate::pointer::display_path(&self.element())
    }
}

/// The tags of one object, in both formats, in document order of each array: an iterator, so
/// that a rule that looks at each tag once allocates nothing.
pub fn tags_of<'a>(object: ImageObject<'a>) -> impl Iterator<Item = Tag<'a>> {
    let array = |name| match object.get(name) {
        Some(Value::Array(tags)) => tags.as_slice(),
        _ => &[],
    };
    let tags = array("tags")
        .iter()
        .enumerate()
        .filter_map(move |(index, t)| {
            let Value::String(s) = t else { return None };
            let (key, value) = s.split_once('.').unwrap_or((s.as_str(), ""));
            Some(Tag {
                object,
                array: "tags",
                index,
                key,
                value,
            })
        });
    let image_tags = array("image_tags")
        .iter()
        .enumerate()
        .filter_map(move |(index, t)| {
            let Value::Object(o) = t else { return None };
            let Some(Value::String(key)) = o.get("key") else {
                return None;
            };
            let value = o.get("value").and_then(Value::as_str).unwrap_or("");
            Some(Tag {
                object,
                array: "image_tags",
                index,
                key,
                value,
            })
        });
    tags.chain(image_tags)
}

/// The number of tags an object carries (both formats).
pub fn tag_count(object: &ImageObject<'_>) -> usize {
    ["tags", "image_tags"]
        .iter()
        .filter_map(|k| object.get(k).and_then(Value::as_array))
        .map(Vec::len)
        .sum()
}

/// The array that holds an object's tags: `tags` or else `image_tags`.
pub fn tag_array_pointer(object: ImageObject<'_>) -> String {
    let name = if object.contains_key("tags") {
        "tags"
    } else {
        "image_tags"
    };
    object.member(name)
}
