//! Field rules shared by both Huawei IMS APIs (constraints.md §1): one piece of code, applied to
//! every object of a body that describes an image (the body itself and each `data_images`
//! element).

use crate::api::Api;
use crate::pointer;
use crate::rule::Rule;
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

mod description;
mod duplicate_tag_key;
mod image_name;
mod many_tags;
mod min_ram_above_max_ram;
pub mod schema_rules;
mod tag_format;
mod tags_with_image_tags;
mod too_many_tags;
mod unknown_member;

/// Both Huawei IMS APIs.
pub const HUAWEI: &[Api] = &[Api::HuaweiImsCreateImage, Api::HuaweiImsCreateWholeImage];

pub static RULES: &[&Rule] = &[
    &image_name::RULE,
    &description::RULE,
    &tag_format::RULE,
    &duplicate_tag_key::RULE,
    &too_many_tags::RULE,
    &many_tags::RULE,
    &tags_with_image_tags::RULE,
    &schema_rules::IMAGE_TAG_MISSING_KEY,
    &schema_rules::IMAGE_TAG_MISSING_VALUE,
    &schema_rules::INVALID_ENTERPRISE_PROJECT_ID,
    &schema_rules::NEGATIVE_RAM,
    &min_ram_above_max_ram::RULE,
    &unknown_member::RULE,
    &schema_rules::ID_NOT_UUID,
];

/// The objects of a body that describe an image: the body (pointer `""`) and each object in
/// `data_images`.
pub fn image_objects(body: &Map<String, Value>) -> Vec<(String, &Map<String, Value>)> {
    let mut out = vec![(String::new(), body)];
    if let Some(Value::Array(elements)) = body.get("data_images") {
        for (i, e) in elements.iter().enumerate() {
            if let Value::Object(o) = e {
                out.push((pointer::push_index("/data_images", i), o));
            }
        }
    }
    out
}

/// Whether `c` is a Han (CJK ideograph) character.
pub fn is_han(c: char) -> bool {
    static HAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Han}$").expect("valid"));
    !c.is_ascii() && HAN.is_match(c.encode_utf8(&mut [0; 4]))
}

/// A character as a message shows it: printable ones in backticks, others escaped.
pub fn show_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\r' => "a carriage return".into(),
        '\n' => "a line feed".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        '`' => "a backtick".into(),
        c => format!("`{c}`"),
    }
}

/// One tag found in `tags` (as `key.value`) or `image_tags` (as `{key, value}`). Pointers
/// and labels are built only when a rule reports the tag.
pub struct Tag<'a> {
    object_pointer: &'a str,
    /// `tags` or `image_tags`.
    array: &'static str,
    index: usize,
    pub key: &'a str,
    pub value: &'a str,
}

impl Tag<'_> {
    fn element(&self) -> String {
        pointer::push_index(&pointer::push(self.object_pointer, self.array), self.index)
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
        crate::schema::display_path(&self.element())
    }
}

/// The tags of one object, in both formats, in document order of each array.
pub fn tags_of<'a>(object_pointer: &'a str, object: &'a Map<String, Value>) -> Vec<Tag<'a>> {
    let mut out = Vec::new();
    if let Some(Value::Array(tags)) = object.get("tags") {
        for (index, t) in tags.iter().enumerate() {
            if let Value::String(s) = t {
                let (key, value) = s.split_once('.').unwrap_or((s.as_str(), ""));
                out.push(Tag {
                    object_pointer,
                    array: "tags",
                    index,
                    key,
                    value,
                });
            }
        }
    }
    if let Some(Value::Array(tags)) = object.get("image_tags") {
        for (index, t) in tags.iter().enumerate() {
            if let Value::Object(o) = t
                && let Some(Value::String(key)) = o.get("key")
            {
                let value = o.get("value").and_then(Value::as_str).unwrap_or("");
                out.push(Tag {
                    object_pointer,
                    array: "image_tags",
                    index,
                    key,
                    value,
                });
            }
        }
    }
    out
}

/// The number of tags an object carries (both formats).
pub fn tag_count(object: &Map<String, Value>) -> usize {
    ["tags", "image_tags"]
        .iter()
        .filter_map(|k| object.get(*k).and_then(Value::as_array))
        .map(Vec::len)
        .sum()
}

/// The array that holds an object's tags: `tags` or else `image_tags`.
pub fn tag_array_pointer(object_pointer: &str, object: &Map<String, Value>) -> String {
    let name = if object.contains_key("tags") {
        "tags"
    } else {
        "image_tags"
    };
    pointer::push(object_pointer, name)
}
