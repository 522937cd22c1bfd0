//! Alibaba Cloud ROS templates (Resource Orchestration Service), YAML or JSON, told by their
//! `ROSTemplateFormatVersion`:
//!
//! - each resource of type `ALIYUN::ECS::CustomImage` is one `CreateImage` request, its
//!   `Properties` named as the API names them (ROS resource reference,
//!   <https://www.alibabacloud.com/help/ros/developer-reference/aliyun-ecs-customimage>):
//!   `ImageName`, `InstanceId`, `SnapshotId`, `DiskDeviceMapping` (a list of `Device`,
//!   `SnapshotId`, `Size`, `DiskType`), `Tag` (a list of `Key`, `Value`), ... The request is
//!   sent in `SourceRegionId`, else in the stack's region (present, unknown). With
//!   `InstanceId`, ROS ignores `SnapshotId` ("If both this parameter and the InstanceId
//!   parameter are specified, ROS ignores this parameter"), so it is not part of the request.
//! - `Ref` to a template parameter takes the parameter's `Default` (a label points there);
//!   any other `Ref`, every `Fn::*` function and every other tag (`!GetAtt`) is unknown.
//! - a template with `Transform: Aliyun::Terraform-v1.x` carries Terraform files as strings
//!   under `Workspace`: each `.tf` file is linted by the Terraform front-end, its findings
//!   placed in the template (literal block scalars line by line, quoted strings escape by
//!   escape).
//!
//! Values are coerced as ROS coerces them before it calls the API: a number or boolean given to
//! a String property is sent as its text, a digit string given to `Size` as a number.

use super::yaml::{self, Decoded, Node, Style, Value as Y};
use super::{Request, SyntaxError, UNKNOWN};
use crate::api::Api;
use crate::diagnostic::Span;
use crate::parse::{Duplicate, Locator, Part};
use crate::pointer;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The resource type that creates an image.
const CUSTOM_IMAGE: &str = "ALIYUN::ECS::CustomImage";

/// Whether a text may be a ROS template: the cheap test before any parse, so that the YAML
/// files of a repository that are no template cost a substring search.
pub fn may_be_template(text: &str) -> bool {
    text.contains("ROSTemplateFormatVersion")
}

/// Whether a JSON document is a ROS template.
pub fn is_template(document: &Map<String, Value>) -> bool {
    document.contains_key("ROSTemplateFormatVersion")
}

/// The requests of a ROS template (YAML or JSON); a text that is no ROS template holds none.
pub fn requests(text: &str) -> Result<Vec<Request<'static>>, SyntaxError> {
    if !may_be_template(text) {
        return Ok(Vec::new());
    }
    let root = match yaml::parse(text) {
        Ok(Some(root)) => root,
        Ok(None) => return Ok(Vec::new()),
        Err(e) => {
            return Err(SyntaxError {
                code: if e.too_large { "RQL007" } else { "RQL001" },
                message: e.message,
                span: e.span,
            });
        }
    };
    if root.get("ROSTemplateFormatVersion").is_none() {
        return Ok(Vec::new());
    }
    let mut parameters = HashMap::new();
    if let Some(p) = root.get("Parameters") {
        for (name, declared) in p.entries() {
            if let (Some(name), Some(default)) = (name.as_str(), declared.get("Default")) {
                parameters.insert(name.to_string(), default);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(resources) = root.get("Resources") {
        for (id, resource) in resources.entries() {
            let Some(id_text) = id.as_str() else {
                continue;
            };
            if resource.get("Type").and_then(Node::as_str) != Some(CUSTOM_IMAGE) {
                continue;
            }
            if let Some(r) = custom_image(id_text, id.span, resource, &parameters) {
                out.push(r);
            }
        }
    }
    let terraform = root
        .get("Transform")
        .and_then(Node::as_str)
        .is_some_and(|t| t.starts_with("Aliyun::Terraform-"));
    if let (true, Some(workspace)) = (terraform, root.get("Workspace")) {
        let folder = workspace_folder(text, &root, workspace);
        for (name, file) in workspace.entries() {
            let (Some(name), Some(tf)) = (name.as_str(), file.as_str()) else {
                continue;
            };
            if !name.ends_with(".tf") {
                continue;
            }
            let map = Decoded::of(text, file);
            match super::terraform::requests(tf, name, Some(&folder)) {
                Ok(requests) => out.extend(requests.into_iter().map(|r| placed(r, &map))),
                Err(e) => {
                    return Err(SyntaxError {
                        code: e.code,
                        message: format!(
                            "{} (in `{name}` of the template's `Workspace`)",
                            e.message
                        ),
                        span: map.span(e.span),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The Terraform module a `Workspace` holds: its `.tf` files declare variables for one
/// another, and the template's `Parameters` set them (ROS passes each parameter to the
/// variable of its name): a parameter's scalar `Default` is the value, any other parameter's
/// value is unknown. The parameters are written as a variable file whose lines are the
/// template's, so that a label's line is where the parameter is.
fn workspace_folder(text: &str, root: &Node<'_>, workspace: &Node<'_>) -> super::folder::Folder {
    let declaring = workspace
        .entries()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str()?, v.as_str()?)))
        .filter(|(k, _)| k.ends_with(".tf"))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut values = String::new();
    let mut line = 1;
    for (name, declared) in root.get("Parameters").map_or(&[][..], Node::entries) {
        let Some(name) = name.as_str().filter(|n| is_identifier(n)) else {
            continue;
        };
        let default = declared.get("Default");
        let at = default.map_or(declared.span, |d| d.span).offset;
        let here = 1 + text.get(..at).map_or(0, |t| t.matches('\n').count());
        while line < here {
            values.push('\n');
            line += 1;
        }
        let literal = match default {
            Some(Node {
                value: Y::Scalar(v, style),
                tag: None,
                ..
            }) if !(*style == Style::Plain && ambiguous(v)) => match scalar(v, *style) {
                Value::String(s) => Some(hcl_string(&s)),
                Value::Null => None,
                other => Some(other.to_string()),
            },
            _ => None,
        };
        // `parameter.NAME` is a reference to nothing the module declares: unknown.
        let value = literal.unwrap_or_else(|| format!("parameter.{name}"));
        values.push_str(&format!("{name} = {value}\n"));
        line += 1;
    }
    super::folder::Folder::of_texts(vec![("Parameters".into(), values)], declaring)
}

/// Whether `name` is an HCL identifier.
fn is_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `text` as an HCL string literal: JSON's escapes, and `${` / `%{` written so that they are
/// not templates.
fn hcl_string(text: &str) -> String {
    Value::String(text.to_string())
        .to_string()
        .replace("${", "$${")
        .replace("%{", "%%{")
}

/// A Terraform request of a `Workspace` file, its spans placed in the template.
fn placed(mut request: Request<'static>, map: &Decoded) -> Request<'static> {
    for fault in &mut request.faults {
        fault.span = map.span(fault.span);
    }
    let inner = std::mem::replace(&mut request.locator, Box::new(super::Nowhere));
    request.locator = Box::new(Placed {
        inner,
        map: map.clone(),
    });
    request
}

/// A locator of a text held in a scalar, its spans mapped into the file.
struct Placed {
    inner: Box<dyn Locator + Send>,
    map: Decoded,
}

impl Locator for Placed {
    fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        self.inner.span(pointer, part).map(|s| self.map.span(s))
    }

    fn duplicates(&self) -> Vec<Duplicate> {
        self.inner
            .duplicates()
            .into_iter()
            .map(|d| Duplicate {
                first: self.map.span(d.first),
                repeat: self.map.span(d.repeat),
                ..d
            })
            .collect()
    }

    fn origin(&self, pointer: &str) -> Option<(Span, String)> {
        self.inner
            .origin(pointer)
            .map(|(s, why)| (self.map.span(s), why))
    }

    fn editable(&self) -> bool {
        false
    }
}

/// Properties of `ALIYUN::ECS::CustomImage` that ROS declares as String, by pointer pattern
/// (`*` any list index): a number or boolean written there is sent as text.
const STRINGS: [&str; 18] = [
    "/Architecture",
    "/BootMode",
    "/Description",
    "/DetectionStrategy",
    "/ImageFamily",
    "/ImageName",
    "/ImageVersion",
    "/InstanceId",
    "/Platform",
    "/ResourceGroupId",
    "/SnapshotId",
    "/RegionId",
    "/Tag/*/Key",
    "/Tag/*/Value",
    "/DiskDeviceMapping/*/Device",
    "/DiskDeviceMapping/*/SnapshotId",
    "/DiskDeviceMapping/*/DiskType",
    "/Features/ImdsSupport",
];
/// Properties ROS declares as Integer.
const INTEGERS: [&str; 1] = ["/DiskDeviceMapping/*/Size"];

fn matches(pattern: &str, pointer: &str) -> bool {
    let mut p = pattern.split('/');
    let mut q = pointer.split('/');
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some("*"), Some(i)) if i.bytes().all(|b| b.is_ascii_digit()) && !i.is_empty() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// Where a member of the request is written.
#[derive(Clone, Copy)]
struct Spans {
    key: Option<Span>,
    value: Span,
    /// Where a member missing from it belongs (an object's first byte; the request: the
    /// resource's logical id).
    open: Span,
}

/// The request's members, built from the `Properties` nodes.
struct Builder<'p, 'a> {
    parameters: &'p HashMap<String, &'p Node<'a>>,
    spans: HashMap<String, Spans>,
    unknown: Vec<String>,
    origins: HashMap<String, (Span, String)>,
    duplicates: Vec<Duplicate>,
}

impl<'a> Builder<'_, 'a> {
    /// The value of `node` as the member at `at` (whose name is written at `key`).
    fn value(&mut self, node: &Node<'a>, at: &str, key: Option<Span>) -> Value {
        self.spans.insert(
            at.to_string(),
            Spans {
                key,
                value: node.span,
                open: Span::new(node.span.offset, node.span.length.min(1)),
            },
        );
        // Short forms of functions (`!Ref Name`, `!GetAtt ...`) and other tags.
        if let Some(tag) = node.tag.as_deref() {
            return match (tag, node.as_str()) {
                ("!Ref", Some(name)) => self.reference(name, at),
                ("!!str", Some(s)) => Value::String(s.to_string()),
                _ => self.unknown(at),
            };
        }
        match &node.value {
            Y::Scalar(text, style) => self.coerce(scalar(text, *style), at),
            Y::Seq(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.value(item, &pointer::push_index(at, i), None))
                    .collect(),
            ),
            Y::Map(entries) => {
                if let [(k, v)] = entries.as_slice() {
                    match k.as_str() {
                        Some("Ref") => {
                            return match v.as_str() {
                                Some(name) if v.tag.is_none() => self.reference(name, at),
                                _ => self.unknown(at),
                            };
                        }
                        Some(f) if f.starts_with("Fn::") => return self.unknown(at),
                        _ => {}
                    }
                }
                let mut object = Map::new();
                let mut first: HashMap<&str, Span> = HashMap::new();
                // YAML merge keys (`<<: *base`, `<<: [*a, *b]`), which ROS's YAML reader
                // applies: the members of the merged mappings that the mapping does not write.
                let merged = entries
                    .iter()
                    .filter(|(k, _)| k.as_str() == Some("<<") && k.tag.is_none())
                    .flat_map(|(_, v)| match &v.value {
                        Y::Seq(items) => items.iter().collect::<Vec<_>>(),
                        _ => vec![v],
                    })
                    .flat_map(Node::entries);
                let written = entries.iter().filter(|(k, _)| k.as_str() != Some("<<"));
                let mut seen_merged = std::collections::HashSet::new();
                let merged: Vec<_> = merged
                    .filter(|(k, _)| {
                        k.as_str().is_some_and(|n| {
                            !entries.iter().any(|(w, _)| w.as_str() == Some(n))
                                && seen_merged.insert(n)
                        })
                    })
                    .collect();
                for (k, v) in written.chain(merged) {
                    let Some(name) = k.as_str() else {
                        continue;
                    };
                    if let Some(earlier) = first.insert(name, k.span) {
                        self.duplicates.push(Duplicate {
                            pointer: at.to_string(),
                            name: name.to_string(),
                            first: earlier,
                            repeat: k.span,
                        });
                    }
                    let value = self.value(v, &pointer::push(at, name), Some(k.span));
                    object.insert(name.to_string(), value);
                }
                Value::Object(object)
            }
        }
    }

    fn unknown(&mut self, at: &str) -> Value {
        self.unknown.push(at.to_string());
        Value::String(UNKNOWN.into())
    }

    /// `Ref: name` at `at`: a parameter's default, else unknown.
    fn reference(&mut self, name: &str, at: &str) -> Value {
        let Some(default) = self.parameters.get(name).copied() else {
            return self.unknown(at);
        };
        let value = match (&default.value, default.tag.as_deref()) {
            (Y::Scalar(text, Style::Plain), None) if ambiguous(text) => return self.unknown(at),
            (Y::Scalar(text, style), None) => scalar(text, *style),
            _ => return self.unknown(at),
        };
        self.origins.insert(
            at.to_string(),
            (default.span, format!("the `Default` of parameter `{name}`")),
        );
        self.coerce(value, at)
    }

    /// A scalar coerced to the type ROS declares for the property at `at`.
    fn coerce(&mut self, value: Value, at: &str) -> Value {
        if STRINGS.iter().any(|p| matches(p, at)) {
            return match value {
                Value::Number(n) => Value::String(n.to_string()),
                // Python's `str(True)`.
                Value::Bool(b) => Value::String(if b { "True" } else { "False" }.into()),
                other => other,
            };
        }
        if INTEGERS.iter().any(|p| matches(p, at))
            && let Value::String(s) = &value
        {
            return match s.trim().parse::<i64>() {
                Ok(n) => Value::from(n),
                // ROS refuses the template; what it would send is not known.
                Err(_) => self.unknown(at),
            };
        }
        value
    }
}

/// A scalar's value: quoted and block scalars are strings; plain ones are resolved as YAML's
/// core schema resolves them, and one that YAML 1.1 (which ROS's parser may follow) reads
/// otherwise (`yes`, `0x1f`, `1_000`) is kept as written only when both agree.
fn scalar(text: &str, style: Style) -> Value {
    if style != Style::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = text.parse::<i64>()
    {
        return Value::from(n);
    }
    if text.bytes().any(|b| b.is_ascii_digit())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && let Ok(f) = text.parse::<f64>()
        && let Some(n) = serde_json::Number::from_f64(f)
    {
        return Value::Number(n);
    }
    Value::String(text.to_string())
}

/// Plain scalars YAML 1.1 reads as something other than a string (`yes`, `on`, `0x1f`,
/// `1_000`, `1:20`): what ROS makes of them is not certain.
fn ambiguous(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    matches!(lower.as_str(), "y" | "n" | "yes" | "no" | "on" | "off")
        || (text
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
            && (text.contains('_')
                || text.contains(':')
                || lower.starts_with("0x")
                || lower.starts_with("0o")))
}

/// The request of one `ALIYUN::ECS::CustomImage` resource; `None` when its `Properties` is
/// not written as a mapping (a function builds it).
fn custom_image<'a>(
    id: &str,
    header: Span,
    resource: &Node<'a>,
    parameters: &HashMap<String, &Node<'a>>,
) -> Option<Request<'static>> {
    let mut builder = Builder {
        parameters,
        spans: HashMap::new(),
        unknown: Vec::new(),
        origins: HashMap::new(),
        duplicates: Vec::new(),
    };
    let mut body = match resource.get("Properties") {
        None => Value::Object(Map::new()),
        Some(p) if matches!(p.value, Y::Map(_)) && p.tag.is_none() => {
            match builder.value(p, "", None) {
                Value::Object(o) => Value::Object(o),
                _ => return None,
            }
        }
        Some(_) => return None,
    };
    // Plain scalars that YAML 1.1 reads otherwise are unknown.
    mark_ambiguous(resource.get("Properties"), "", &mut builder.unknown);
    let object = body.as_object_mut()?;
    // With `InstanceId`, ROS ignores `SnapshotId`.
    if object.contains_key("InstanceId") && object.remove("SnapshotId").is_some() {
        builder.unknown.retain(|p| p != "/SnapshotId");
    }
    // ROS's `Features` may hold more than `CreateImage`'s `Features.ImdsSupport` (which ROS
    // sends elsewhere, or not at all, is not documented): only that member is kept.
    if let Some(Value::Object(features)) = object.get_mut("Features") {
        features.retain(|k, _| k == "ImdsSupport");
    }
    let mut implied = Vec::new();
    match object.remove("SourceRegionId") {
        Some(region) => {
            object.insert("RegionId".into(), region);
            for (from, to) in [("/SourceRegionId", "/RegionId")] {
                if let Some(s) = builder.spans.get(from).copied() {
                    builder.spans.insert(to.into(), s);
                }
                if let Some(o) = builder.origins.get(from).cloned() {
                    builder.origins.insert(to.into(), o);
                }
                for p in &mut builder.unknown {
                    if p == from {
                        *p = to.into();
                    }
                }
            }
        }
        None => {
            // Sent in the stack's region.
            object.insert("RegionId".into(), Value::String(UNKNOWN.into()));
            builder.unknown.push("/RegionId".into());
            implied.push("/RegionId".into());
        }
    }
    let properties_span = resource.get("Properties").map_or(header, |p| p.span);
    builder.spans.insert(
        String::new(),
        Spans {
            key: None,
            value: properties_span,
            open: header,
        },
    );
    let duplicates = !builder.duplicates.is_empty();
    Some(Request {
        api: Api::AlibabaEcsCreateImage,
        body,
        locator: Box::new(Written {
            spans: builder.spans,
            origins: builder.origins,
            duplicates: builder.duplicates,
            header,
        }),
        unknown: builder.unknown,
        resource: Some(id.to_string()),
        implied,
        duplicates,
        ..Request::empty()
    })
}

/// Adds the pointers of plain scalars that YAML 1.1 reads otherwise to `unknown`.
fn mark_ambiguous(node: Option<&Node<'_>>, at: &str, unknown: &mut Vec<String>) {
    let Some(node) = node else { return };
    match &node.value {
        Y::Scalar(text, Style::Plain) if node.tag.is_none() && ambiguous(text) => {
            unknown.push(at.to_string());
        }
        Y::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                mark_ambiguous(Some(item), &pointer::push_index(at, i), unknown);
            }
        }
        Y::Map(entries) => {
            for (k, v) in entries {
                if let Some(name) = k.as_str() {
                    mark_ambiguous(Some(v), &pointer::push(at, name), unknown);
                }
            }
        }
        _ => {}
    }
}

/// Where a `CustomImage` resource writes each member.
struct Written {
    spans: HashMap<String, Spans>,
    origins: HashMap<String, (Span, String)>,
    duplicates: Vec<Duplicate>,
    header: Span,
}

impl Locator for Written {
    fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        if let Some(s) = self.spans.get(pointer) {
            return Some(match part {
                Part::Value => s.value,
                Part::Key => s.key.unwrap_or(s.value),
                Part::Open => s.open,
            });
        }
        // A member inside a value that is not written member by member (a parameter's
        // default): where that value is.
        let mut at = pointer;
        while !at.is_empty() {
            at = pointer::parent(at);
            if let Some(s) = self.spans.get(at) {
                return Some(if at.is_empty() { self.header } else { s.value });
            }
        }
        Some(self.header)
    }

    fn duplicates(&self) -> Vec<Duplicate> {
        self.duplicates
            .iter()
            .map(|d| Duplicate {
                pointer: d.pointer.clone(),
                name: d.name.clone(),
                first: d.first,
                repeat: d.repeat,
            })
            .collect()
    }

    fn origin(&self, pointer: &str) -> Option<(Span, String)> {
        self.origins.get(pointer).cloned()
    }

    fn editable(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str) -> Vec<Request<'static>> {
        requests(text).unwrap_or_else(|e| panic!("{}", e.message))
    }

    #[test]
    fn a_custom_image_is_a_create_image_request() {
        let text = "ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Name:
    Type: String
    Default: golden
  Source:
    Type: String
Resources:
  Image:
    Type: ALIYUN::ECS::CustomImage
    Properties:
      ImageName:
        Ref: Name
      InstanceId: !Ref Source
      SnapshotId: s-1
      Description:
        Fn::Join: ['-', [a, b]]
      Tag:
        - Key: team
          Value: 42
      DiskDeviceMapping:
        - Size: '40'
";
        let r = lint(text);
        assert_eq!(r.len(), 1);
        let b = &r[0].body;
        assert_eq!(b["ImageName"], "golden");
        assert_eq!(b["InstanceId"], UNKNOWN);
        assert!(b.get("SnapshotId").is_none());
        assert_eq!(b["Tag"][0]["Value"], "42");
        assert_eq!(b["DiskDeviceMapping"][0]["Size"], 40);
        assert_eq!(b["RegionId"], UNKNOWN);
        let mut unknown = r[0].unknown.clone();
        unknown.sort();
        assert_eq!(unknown, ["/Description", "/InstanceId", "/RegionId"]);
        assert_eq!(r[0].resource.as_deref(), Some("Image"));
        let at = |p: &str| {
            let s = r[0].locator.span(p, Part::Value).unwrap();
            &text[s.offset..s.offset + s.length]
        };
        assert_eq!(at("/Tag/0/Value"), "42");
        let (origin, _) = r[0].locator.origin("/ImageName").unwrap();
        assert_eq!(
            &text[origin.offset..origin.offset + origin.length],
            "golden"
        );
    }

    #[test]
    fn what_yaml_1_1_reads_otherwise_is_unknown() {
        let text = "ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Version: {Type: String, Default: on}
Resources:
  Image:
    Type: ALIYUN::ECS::CustomImage
    Properties:
      ImageVersion: {Ref: Version}
      ImageFamily: yes
      Description: 'yes'
";
        let r = lint(text);
        let mut unknown = r[0].unknown.clone();
        unknown.sort();
        assert_eq!(unknown, ["/ImageFamily", "/ImageVersion", "/RegionId"]);
        assert_eq!(r[0].body["Description"], "yes");
    }

    #[test]
    fn workspace_files_share_variables_and_parameters_set_them() {
        let text = "ROSTemplateFormatVersion: '2015-09-01'
Transform: Aliyun::Terraform-v1.5
Parameters:
  name:
    Type: String
    Default: from-ros
  source:
    Type: String
Workspace:
  main.tf: |-
    resource \"alicloud_image\" \"web\" {
      instance_id = var.source
      image_name  = var.name
      description = var.description
    }
  variables.tf: |-
    variable \"name\" {
      default = \"from-tf\"
    }
    variable \"source\" {
      default = \"i-1\"
    }
    variable \"description\" {
      default = \"from ${path.module}\"
    }
";
        let r = lint(text);
        assert_eq!(r[0].body["ImageName"], "from-ros");
        assert_eq!(r[0].body["InstanceId"], UNKNOWN);
        assert!(r[0].unknown.contains(&"/InstanceId".to_string()));
        assert!(r[0].unknown.contains(&"/Description".to_string()));
    }

    #[test]
    fn merge_keys_are_applied() {
        let text = "ROSTemplateFormatVersion: '2015-09-01'
Metadata:
  common: &common {Platform: CentOS, ImageName: base}
Resources:
  Image:
    Type: ALIYUN::ECS::CustomImage
    Properties:
      <<: *common
      InstanceId: i-1
      ImageName: web
";
        let r = lint(text);
        assert_eq!(r[0].body["Platform"], "CentOS");
        assert_eq!(r[0].body["ImageName"], "web");
        assert!(r[0].body.get("<<").is_none());
        assert!(!r[0].duplicates);
    }

    #[test]
    fn yaml_that_is_no_template_holds_no_request() {
        assert!(lint("a: [1, 2\n").is_empty());
        assert!(lint("name: x\nROSTemplateFormatVersion_: 1\n").is_empty());
    }

    #[test]
    fn terraform_in_a_workspace_is_placed_in_the_template() {
        let text = "ROSTemplateFormatVersion: '2015-09-01'
Transform: Aliyun::Terraform-v1.5
Workspace:
  main.tf: |-
    resource \"alicloud_image\" \"web\" {
      instance_id = \"i-1\"
      image_name  = \"web\"
    }
";
        let r = lint(text);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].resource.as_deref(), Some("alicloud_image.web"));
        let s = r[0].locator.span("/ImageName", Part::Value).unwrap();
        assert_eq!(&text[s.offset..s.offset + s.length], "\"web\"");
    }
}
