//! The flattened RPC form of `CreateImage` (`"DiskDeviceMapping.1.Size": "40"`, `"Tag.2.Key"`,
//! `"Features.ImdsSupport"`), as API explorers and query strings show it, rewritten into the
//! canonical nested request; RPC values are strings, so numeric and boolean strings become
//! numbers and booleans in either form. Every member that moved is recorded, so that findings
//! name the canonical member and underline the flattened one.

use crate::pointer;
use crate::rule::Normalised;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// The arrays of objects that the RPC form flattens as `Name.N.Field`.
const ARRAYS: [&str; 2] = ["DiskDeviceMapping", "Tag"];
/// Parameters documented as integers, and as booleans.
const INTEGERS: [&str; 3] = ["Size", "OwnerId", "ResourceOwnerId"];
const BOOLEANS: [&str; 1] = ["DryRun"];

/// One flattened parameter: (field, flattened key, value).
type Flat<'a> = (&'a str, &'a str, &'a Value);

/// The largest `N` of `Tag.N` and of `DiskDeviceMapping.N`: the most elements the schema lets
/// the list hold (`maxItems`: 20 tags; 1 system and 16 data disks).
pub fn last_index(array: &str) -> u32 {
    crate::schema::for_api(crate::api::Api::AlibabaEcsCreateImage)
        .and_then(|s| s.max_items(&pointer::push("", array)))
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0)
}

/// A parameter written `Array.N.Field`, with `N` as written.
pub struct Indexed<'k> {
    pub array: &'static str,
    pub n: &'k str,
    pub field: &'k str,
}

impl Indexed<'_> {
    /// Whether `N` is one the gateway takes: a plain decimal from 1 to the array's limit.
    pub fn valid(&self) -> bool {
        let limit = last_index(self.array);
        !self.n.starts_with('0')
            && self
                .n
                .parse::<u32>()
                .is_ok_and(|n| (1..=limit).contains(&n))
    }
}

/// `Tag.2.Key` as (`Tag`, `2`, `Key`), whatever `N` is; `None` for anything else.
pub fn indexed(key: &str) -> Option<Indexed<'_>> {
    let (array, rest) = key.split_once('.')?;
    let array = ARRAYS.into_iter().find(|a| *a == array)?;
    let (n, field) = rest.split_once('.')?;
    let plain = !field.is_empty() && field.chars().all(|c| c.is_ascii_alphanumeric());
    let digits = !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit());
    (plain && digits).then_some(Indexed { array, n, field })
}

/// `Tag.2.Key` as (`Tag`, 2, `Key`) when `N` is valid; `None` for anything else (a key with
/// an invalid `N` stays as it is, and `ALI032` reports it).
fn split(key: &str) -> Option<(&'static str, u32, &str)> {
    let i = indexed(key).filter(Indexed::valid)?;
    Some((i.array, i.n.parse().ok()?, i.field))
}

fn feature(key: &str) -> Option<&str> {
    key.strip_prefix("Features.")
        .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The value a parameter means: `"40"` for an integer parameter is 40.
fn coerce(name: &str, value: &Value) -> Value {
    match value {
        Value::String(s) if INTEGERS.contains(&name) => s
            .parse::<i64>()
            .map(|n| Value::Number(Number::from(n)))
            .unwrap_or_else(|_| value.clone()),
        Value::String(s) if BOOLEANS.contains(&name) => match s.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => value.clone(),
        },
        _ => value.clone(),
    }
}

fn needs_coercion(name: &str, value: &Value) -> bool {
    matches!(value, Value::String(_)) && (INTEGERS.contains(&name) || BOOLEANS.contains(&name))
}

/// Whether a nested body already is canonical (nothing flattened, nothing to coerce).
fn canonical(body: &Map<String, Value>) -> bool {
    body.iter().all(|(k, v)| {
        if split(k).is_some() || feature(k).is_some() || needs_coercion(k, v) {
            return false;
        }
        match (k.as_str(), v) {
            ("DiskDeviceMapping", Value::Array(items)) => items.iter().all(|item| {
                item.as_object()
                    .is_none_or(|o| o.iter().all(|(f, v)| !needs_coercion(f, v)))
            }),
            _ => true,
        }
    })
}

/// The canonical request, or `None` when the body already is one.
pub fn normalise(body: &Map<String, Value>) -> Option<Normalised> {
    if canonical(body) {
        return None;
    }
    let mut out = Map::new();
    let mut moved = BTreeMap::new();
    let mut groups: BTreeMap<&str, BTreeMap<u32, Vec<Flat<'_>>>> = BTreeMap::new();
    let mut features = Vec::new();
    for (key, value) in body {
        if let Some((array, n, field)) = split(key) {
            groups
                .entry(array)
                .or_default()
                .entry(n)
                .or_default()
                .push((field, key, value));
        } else if let Some(field) = feature(key) {
            features.push((field, key, value));
        } else if key == "DiskDeviceMapping"
            && let Value::Array(items) = value
        {
            let items = items.iter().map(|item| match item {
                Value::Object(o) => {
                    Value::Object(o.iter().map(|(f, v)| (f.clone(), coerce(f, v))).collect())
                }
                other => other.clone(),
            });
            out.insert(key.clone(), Value::Array(items.collect()));
        } else {
            out.insert(key.clone(), coerce(key, value));
        }
    }
    for (array, entries) in groups {
        if out.contains_key(array) {
            // Both forms at once: the nested one stands; the flattened keys stay as they are
            // and are reported as unknown parameters.
            for (_, key, value) in entries.into_values().flatten() {
                out.insert(key.to_string(), value.clone());
            }
            continue;
        }
        let mut items = Vec::new();
        for (position, fields) in entries.into_values().enumerate() {
            let mut item = Map::new();
            for (field, key, value) in fields {
                item.insert(field.to_string(), coerce(field, value));
                let canonical =
                    pointer::push(&pointer::push_index(&format!("/{array}"), position), field);
                moved.insert(canonical, pointer::push("", key));
            }
            items.push(Value::Object(item));
        }
        out.insert(array.to_string(), Value::Array(items));
    }
    if !features.is_empty() && !out.contains_key("Features") {
        let mut object = Map::new();
        for (field, key, value) in features {
            object.insert(field.to_string(), value.clone());
            moved.insert(pointer::push("/Features", field), pointer::push("", key));
        }
        out.insert("Features".into(), Value::Object(object));
    } else {
        for (_, key, value) in features {
            out.insert(key.to_string(), value.clone());
        }
    }
    Some(Normalised {
        value: Value::Object(out),
        moved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flattened_parameters_become_nested() {
        let body = json!({
            "RegionId": "cn-hangzhou",
            "DiskDeviceMapping.1.SnapshotId": "s-1",
            "DiskDeviceMapping.1.Size": "40",
            "DiskDeviceMapping.2.Size": "100",
            "Tag.1.Key": "env",
            "Features.ImdsSupport": "v2",
            "DryRun": "true"
        });
        let n = normalise(body.as_object().unwrap()).unwrap();
        assert_eq!(
            n.value,
            json!({
                "RegionId": "cn-hangzhou",
                "DiskDeviceMapping": [{"SnapshotId": "s-1", "Size": 40}, {"Size": 100}],
                "Tag": [{"Key": "env"}],
                "Features": {"ImdsSupport": "v2"},
                "DryRun": true
            })
        );
        assert_eq!(
            n.moved["/DiskDeviceMapping/1/Size"],
            "/DiskDeviceMapping.2.Size"
        );
    }

    #[test]
    fn canonical_bodies_are_left_alone() {
        let body = json!({"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"Size": 40}]});
        assert!(normalise(body.as_object().unwrap()).is_none());
        let body = json!({"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"Size": "40"}]});
        let n = normalise(body.as_object().unwrap()).unwrap();
        assert_eq!(n.value["DiskDeviceMapping"][0]["Size"], 40);
        assert!(n.moved.is_empty());
    }
}
