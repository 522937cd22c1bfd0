//! Terraform configuration in JSON syntax (`.tf.json`): `{"resource": {"alicloud_image":
//! {"web": {...}}}}`. The attribute values are JSON; a string with a `${ ... }` interpolation is
//! unknown. The same mappings as for HCL and plans turn each image resource into its request;
//! findings are underlined on the JSON value.

use super::Request;
use super::terraform::mapping_for;
use super::terraform_plan::Builder;
use crate::parse::{Part, SharedTree};
use crate::pointer;
use serde_json::{Map, Value};

/// The top-level members of a Terraform JSON configuration file.
const BLOCKS: [&str; 9] = [
    "resource",
    "data",
    "variable",
    "provider",
    "terraform",
    "locals",
    "module",
    "output",
    "moved",
];

/// Whether a JSON document is Terraform configuration: it has `resource` and nothing that is
/// not a Terraform block type (a request body never does).
pub fn is_configuration(document: &Map<String, Value>) -> bool {
    document.contains_key("resource") && document.keys().all(|k| BLOCKS.contains(&k.as_str()))
}

/// `true` wherever a value holds a string with one of `marks` (`${` of an interpolation,
/// Packer's `{{`), shaped like the value (as a plan's `after_unknown`): the values a JSON
/// configuration leaves unknown.
pub(super) fn marked(value: &Value, marks: &[&str]) -> Value {
    match value {
        Value::String(s) if marks.iter().any(|m| s.contains(m)) => Value::Bool(true),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), marked(v, marks)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|v| marked(v, marks)).collect()),
        _ => Value::Bool(false),
    }
}

/// The labelled blocks of HCL's JSON syntax, `{"TOP": {"KIND": {"NAME": {...}}}}` (a
/// `.tf.json` file's resources, a `.pkr.json` file's sources): kind, name, pointer, body.
pub(super) fn labelled<'d>(
    document: &'d Map<String, Value>,
    top: &str,
) -> Vec<(&'d str, &'d str, String, &'d Map<String, Value>)> {
    let Some(Value::Object(kinds)) = document.get(top) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (kind, blocks) in kinds {
        let Value::Object(blocks) = blocks else {
            continue;
        };
        for (name, body) in blocks {
            if let Value::Object(body) = body {
                let at = pointer::push(&pointer::push(&pointer::push("", top), kind), name);
                out.push((kind.as_str(), name.as_str(), at, body));
            }
        }
    }
    out
}

/// The requests of a `.tf.json` file's image resources.
pub fn requests<'a>(text: &'a str, document: &Map<String, Value>) -> Vec<Request<'a>> {
    let tree = SharedTree::new(text);
    let mut out = Vec::new();
    for (kind, name, at, attributes) in labelled(document, "resource") {
        let set = |a: &str| attributes.get(a).is_some_and(|v| !v.is_null());
        let Some((api, mapping)) = mapping_for(kind, set) else {
            if let Some(api) = super::terraform::uncovered(kind)
                && let Some(header) = tree.span(&at, Part::Key)
            {
                out.push(Request::uncovered(format!("{kind}.{name}"), api, header));
            }
            continue;
        };
        // A single nested block may be written as an object instead of a list of one.
        let mut after = attributes.clone();
        for block in mapping.blocks.keys() {
            if let Some(object @ Value::Object(_)) = after.get(block).cloned() {
                after.insert(block.clone(), Value::Array(vec![object]));
            }
        }
        let unknown = marked(&Value::Object(after.clone()), &["${"]);
        let mut builder = Builder::new();
        builder.resource(mapping, &after, &unknown, Some(attributes), &at);
        builder.settle(mapping, Some(attributes));
        let resource = Some(format!("{kind}.{name}"));
        let mut request = Request {
            cloud: crate::cloud::of_terraform_type(kind),
            ..builder.into_request(api, mapping, &tree, (at, Part::Key), resource)
        };
        request.partial = super::json_partials(mapping, &after, &["${"], &request.unknown);
        out.push(request);
    }
    out
}
