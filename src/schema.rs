//! The structural part of each API: a JSON Schema under `rules/<api>/`, compiled once, lazily,
//! for the APIs actually used. A failing keyword's rule is named by the nearest `x-rule`
//! annotation above it in the schema; `type` failures are always `RQL010`.

use crate::api::Api;
use crate::pointer;
use crate::rule::{FixAction, Reporter, Target};
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::sync::{LazyLock, OnceLock};

/// A compiled schema and the document it came from (for its annotations).
pub struct ApiSchema {
    pub document: Value,
    validator: jsonschema::Validator,
    /// Schema path -> the rule its `x-rule` names, resolved once when the schema is compiled.
    rules: std::collections::HashMap<String, &'static str>,
}

/// The schema of an API (its pack's `schema.json`), compiled on first use; `None` for an API
/// without one.
pub fn for_api(api: Api) -> Option<&'static ApiSchema> {
    static SCHEMAS: LazyLock<Vec<OnceLock<Option<ApiSchema>>>> =
        LazyLock::new(|| Api::all().iter().map(|_| OnceLock::new()).collect());
    let slot = SCHEMAS.get(usize::from(api.0))?;
    slot.get_or_init(|| {
        let pack = api.pack();
        let text = pack.file("schema.json")?;
        let shared: Vec<&str> = pack.shared_files("common.schema.json").collect();
        Some(ApiSchema::compile(text, &shared))
    })
    .as_ref()
}

impl ApiSchema {
    /// Compiles a bundled schema, merging shared `$defs` into it first. The bundled schemas are
    /// tested, so a failure here is a bug in reqlint, not in the user's input.
    fn compile(text: &str, shared: &[&str]) -> ApiSchema {
        // Bundled packs are tested; a pack from a folder was compiled when it was added.
        let (document, validator) =
            Self::build(text, shared).unwrap_or_else(|e| panic!("a pack's schema: {e}"));
        let mut rules = std::collections::HashMap::new();
        annotations(&document, String::new(), &mut rules);
        ApiSchema {
            document,
            validator,
            rules,
        }
    }

    /// Whether a pack's schema compiles, with the `$defs` of the shared folders it includes; an
    /// error says why the schema is not one.
    pub fn validate(text: &str, shared: &[&str]) -> Result<(), String> {
        Self::build(text, shared).map(|_| ())
    }

    fn build(text: &str, shared: &[&str]) -> Result<(Value, jsonschema::Validator), String> {
        let mut document: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !document.is_object() {
            return Err("the schema is not a JSON object".into());
        }
        for shared in shared {
            let shared: Value = serde_json::from_str(shared).map_err(|e| e.to_string())?;
            let defs = document
                .as_object_mut()
                .expect("schema is an object")
                .entry("$defs")
                .or_insert_with(|| Value::Object(Default::default()));
            if let (Some(defs), Some(shared)) = (defs.as_object_mut(), shared["$defs"].as_object())
            {
                for (k, v) in shared {
                    defs.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&document)
            .map_err(|e| e.to_string())?;
        Ok((document, validator))
    }

    /// Reports every schema failure of `body` to `reporter`.
    pub fn check(&self, body: &Value, reporter: &mut Reporter) {
        if self.validator.is_valid(body) {
            return;
        }
        for error in self.validator.iter_errors(body) {
            let instance = error.instance_path().as_str().to_string();
            let schema_path = error.schema_path().as_str();
            let keyword = error.kind().keyword();
            let (code, annotations) = if keyword == "type" {
                ("RQL010", None)
            } else {
                match self.annotated(schema_path) {
                    Some((code, node)) => (code, Some(node)),
                    None => ("RQL010", None),
                }
            };
            let field = pointer::display_path(&instance);
            let value = crate::rules::text::short(error.instance());
            let expected = annotations
                .and_then(|n| n.get("x-expected"))
                .and_then(Value::as_str);
            let (target, message) = match error.kind() {
                ValidationErrorKind::Required { property } => {
                    let name = property.as_str().unwrap_or_default();
                    let message = if instance.is_empty() {
                        format!("missing member `{name}`")
                    } else {
                        format!("`{field}` has no `{name}`")
                    };
                    (Target::missing_in(instance), message)
                }
                ValidationErrorKind::AdditionalProperties { unexpected } => {
                    let reporter = reporter.for_rule(code);
                    let whose = if instance.is_empty() {
                        "the request".to_string()
                    } else {
                        format!("`{field}`")
                    };
                    let known = self.known_members(schema_path);
                    let empty = serde_json::Map::new();
                    let object = error.instance().as_object().unwrap_or(&empty);
                    for name in unexpected {
                        crate::rules::unknown::report(
                            reporter,
                            pointer::push(&instance, name),
                            name,
                            &format!("a member of {whose}"),
                            &known,
                            object,
                        );
                    }
                    continue;
                }
                ValidationErrorKind::Type { kind } => {
                    let expected = match kind {
                        jsonschema::error::TypeKind::Single(t) => article(&t.to_string()),
                        jsonschema::error::TypeKind::Multiple(ts) => ts
                            .into_iter()
                            .map(|t| article(&t.to_string()))
                            .collect::<Vec<_>>()
                            .join(" or "),
                    };
                    let message = format!(
                        "`{field}` is {}, expected {expected}",
                        describe(error.instance())
                    );
                    (Target::value(instance), message)
                }
                ValidationErrorKind::Minimum { limit } => (
                    Target::value(instance),
                    format!("`{field}` is {value}, below the minimum of {limit}"),
                ),
                ValidationErrorKind::Maximum { limit } => (
                    Target::value(instance),
                    format!("`{field}` is {value}, above the maximum of {limit}"),
                ),
                ValidationErrorKind::Enum { options } => {
                    let allowed = options.as_array().map(Vec::as_slice).unwrap_or_default();
                    let listed: Vec<String> =
                        allowed.iter().map(|o| format!("`{}`", plain(o))).collect();
                    let message = format!("`{field}` is {value}, not one of {}", listed.join(", "));
                    // Wrong only in letter case: say which value was meant, and fix it.
                    let meant = error.instance().as_str().and_then(|v| {
                        allowed
                            .iter()
                            .filter_map(Value::as_str)
                            .find(|o| o.eq_ignore_ascii_case(v))
                    });
                    if let Some(meant) = meant {
                        reporter
                            .for_rule(code)
                            .report(Target::value(instance.clone()), message)
                            .help(format!("did you mean `{meant}`? values are case-sensitive"))
                            .fix(
                                format!("replace {value} with `{meant}`"),
                                FixAction::ReplaceValue {
                                    pointer: instance,
                                    json: Value::from(meant).to_string(),
                                },
                            );
                        continue;
                    }
                    (Target::value(instance), message)
                }
                // A count: the array's name, not the whole array (17 disks are 100 lines).
                ValidationErrorKind::MaxItems { limit } => (
                    Target::key(instance.clone()),
                    format!(
                        "`{field}` has {} elements, more than the {limit} allowed",
                        error.instance().as_array().map_or(0, Vec::len)
                    ),
                ),
                ValidationErrorKind::MinItems { .. } => {
                    (Target::value(instance), format!("`{field}` is empty"))
                }
                _ => {
                    let message = match expected {
                        Some(expected) => format!("`{field}` is {value}, expected {expected}"),
                        None => format!("`{field}` is {value}: {error}"),
                    };
                    (Target::value(instance), message)
                }
            };
            let at = target.pointer.clone();
            let conditions = self.conditions(schema_path, error.instance_path().as_str(), body);
            let mut report = reporter.for_rule(code).report(target, message);
            // A keyword under `then` or `else` holds because of the values its `if` tests: each
            // is a label (and a finding whose condition rests on an unknown value is dropped
            // with it, as any finding with an unknown label is).
            for (pointer, value) in conditions {
                let field = pointer::display_path(&pointer);
                let shown = crate::rules::text::short(value);
                report = report.label(Target::value(pointer), format!("`{field}` is {shown}"));
            }
            match error.kind() {
                ValidationErrorKind::Required { property } => {
                    report.missing(property.as_str().unwrap_or_default());
                }
                ValidationErrorKind::MaxItems { limit } => {
                    report.past_limit(&at, *limit as usize);
                }
                _ => {}
            }
        }
    }

    /// The members whose values the `if` above a failing keyword tests, with their values, where
    /// the body has them: `schema_path` runs through the `then` or `else` of that `if`, and
    /// `instance` is where the keyword failed. Only tests of values count (`properties`); a test
    /// of presence alone (`required`) rests on nothing unknown.
    fn conditions<'b>(
        &self,
        schema_path: &str,
        instance: &str,
        body: &'b Value,
    ) -> Vec<(String, &'b Value)> {
        let mut out = Vec::new();
        let segments: Vec<&str> = schema_path.split('/').collect();
        for (i, segment) in segments.iter().enumerate() {
            if !matches!(*segment, "then" | "else") || i == 0 {
                continue;
            }
            let parent = segments[..i].join("/");
            let Some(test) = self.document.pointer(&format!("{parent}/if")) else {
                continue;
            };
            // The object the `if` applies to: `instance` less the members the path descends
            // into after `then`/`else`.
            let depth = segments[i + 1..]
                .windows(2)
                .filter(|w| w[0] == "properties")
                .count();
            let mut object = instance.to_string();
            for _ in 0..depth {
                match object.rsplit_once('/') {
                    Some((up, _)) => object = up.to_string(),
                    None => break,
                }
            }
            let mut names = Vec::new();
            tested_members(test, &mut names);
            for name in names {
                let member = pointer::push(&object, &name);
                if let Some(value) = body.pointer(&member)
                    && !out.iter().any(|(p, _)| *p == member)
                {
                    out.push((member, value));
                }
            }
        }
        out
    }

    /// The most elements the list at `pointer` may hold, as the API documents it: `maxItems`,
    /// or `x-max-items` where a rule counts the elements rather than the schema (Huawei's tags,
    /// counted over `tags` and `image_tags` together). `None` when the schema gives the list no
    /// limit, or has no list there. A flattened or dotted form's largest position is this.
    pub fn max_items(&self, pointer_text: &str) -> Option<usize> {
        let mut node = &self.document;
        for token in pointer::tokens(pointer_text)? {
            node = self.step(node, &token)?;
        }
        let target = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| self.document.pointer(r.strip_prefix('#')?));
        ["maxItems", "x-max-items"]
            .iter()
            .find_map(|k| node.get(*k).or_else(|| target?.get(*k)))
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    }

    /// Whether the member at `pointer` is free text (`x-text`): a name, a description, a tag's
    /// key or value, whose rules a partly known string can break in its known parts alone.
    pub fn is_text(&self, pointer_text: &str) -> bool {
        let Some(tokens) = pointer::tokens(pointer_text) else {
            return false;
        };
        let mut node = &self.document;
        for token in tokens {
            match self.step(node, &token) {
                Some(next) => node = next,
                None => return false,
            }
        }
        let target = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| self.document.pointer(r.strip_prefix('#')?));
        node.get("x-text")
            .or_else(|| target?.get("x-text"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// What the schema says about the member at `pointer`: its description and limits, as
    /// Markdown; `None` for members the schema does not describe.
    pub fn describe(&self, pointer_text: &str) -> Option<String> {
        let mut node = &self.document;
        for token in pointer::tokens(pointer_text)? {
            node = self.step(node, &token)?;
        }
        let node = self.resolve(node);
        let mut lines = Vec::new();
        if let Some(d) = node.get("description").and_then(Value::as_str) {
            lines.push(d.to_string());
        }
        if let Some(t) = node.get("type") {
            lines.push(format!("Type: `{}`", plain(t)));
        }
        if let Some(options) = node.get("enum").and_then(Value::as_array) {
            let options: Vec<String> = options.iter().map(|o| format!("`{}`", plain(o))).collect();
            lines.push(format!("One of: {}", options.join(", ")));
        }
        for (key, label) in [
            ("minimum", "Minimum"),
            ("maximum", "Maximum"),
            ("maxItems", "At most"),
            ("x-max-items", "At most"),
            ("minItems", "At least"),
        ] {
            if let Some(v) = node.get(key) {
                lines.push(format!("{label}: {v}"));
            }
        }
        if let Some(e) = node.get("x-expected").and_then(Value::as_str) {
            lines.push(format!("Expected: {e}"));
        }
        (!lines.is_empty()).then(|| lines.join("\n\n"))
    }

    /// Follows a local `$ref` (`#/$defs/...`).
    fn resolve<'a>(&'a self, node: &'a Value) -> &'a Value {
        match node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(target) => {
                let resolved = self.document.pointer(target).unwrap_or(node);
                // A description beside the `$ref` is the more specific one.
                if node.get("description").is_some() {
                    node
                } else {
                    resolved
                }
            }
            None => node,
        }
    }

    /// The subschema for one member name or array index below `node`.
    fn step<'a>(&'a self, node: &'a Value, token: &str) -> Option<&'a Value> {
        let node = self.resolve(node);
        let node = match node.get("$ref") {
            Some(_) => self
                .document
                .pointer(node["$ref"].as_str()?.strip_prefix('#')?)?,
            None => node,
        };
        if let Some(p) = node.get("properties").and_then(|p| p.get(token)) {
            return Some(p);
        }
        if token.parse::<usize>().is_ok()
            && let Some(items) = node.get("items")
        {
            return Some(self.resolve(items));
        }
        node.get("allOf")?
            .as_array()?
            .iter()
            .find_map(|sub| self.step(sub, token))
    }

    /// The member names a closed object may have: the `properties` beside the failing
    /// `additionalProperties`.
    fn known_members(&self, schema_path: &str) -> Vec<&str> {
        schema_path
            .strip_suffix("/additionalProperties")
            .and_then(|parent| self.document.pointer(parent))
            .and_then(|node| node.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The nearest subschema at or above the failing keyword that carries `x-rule`.
    fn annotated(&self, schema_path: &str) -> Option<(&'static str, &Value)> {
        let mut path = schema_path;
        while let Some((parent, _)) = path.rsplit_once('/') {
            path = parent;
            if let Some(code) = self.rules.get(path) {
                return Some((*code, self.document.pointer(path)?));
            }
        }
        None
    }
}

/// The members whose values a condition tests (`properties`, through `anyOf`, `allOf`, `oneOf`
/// and `not`).
fn tested_members(test: &Value, out: &mut Vec<String>) {
    if let Some(properties) = test.get("properties").and_then(Value::as_object) {
        out.extend(properties.keys().cloned());
    }
    for key in ["anyOf", "allOf", "oneOf"] {
        for sub in test
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            tested_members(sub, out);
        }
    }
    if let Some(sub) = test.get("not") {
        tested_members(sub, out);
    }
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => format!("the string {}", crate::rules::text::short(value)),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn article(t: &str) -> String {
    match t {
        "integer" | "array" | "object" => format!("an {t}"),
        "null" => "null".into(),
        t => format!("a {t}"),
    }
}

/// The JSON Schema of an API's request for editors: the structural part, with descriptions,
/// without reqlint's own annotations. Alibaba's is of the nested form.
pub fn for_editors(api: Api) -> String {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(o) => {
                o.retain(|k, _| !k.starts_with("x-"));
                o.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut document = for_api(api)
        .expect("every API has a schema")
        .document
        .clone();
    strip(&mut document);
    serde_json::to_string_pretty(&document).expect("plain data serialises") + "\n"
}

/// Every `x-rule` of a schema document, by schema path, as the registered rule's code (a
/// bundled schema naming no registered rule is a bug the tests catch).
fn annotations(
    node: &Value,
    path: String,
    out: &mut std::collections::HashMap<String, &'static str>,
) {
    match node {
        Value::Object(map) => {
            if let Some(code) = map.get("x-rule").and_then(Value::as_str)
                && let Some(rule) = crate::rules::by_code(code)
            {
                out.insert(path.clone(), rule.code);
            }
            for (key, value) in map {
                annotations(value, pointer::push(&path, key), out);
            }
        }
        Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                annotations(value, pointer::push_index(&path, i), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list's limit is the API's, from its schema: the largest position of a flattened or
    /// dotted parameter.
    #[test]
    fn list_limits_come_from_the_schemas() {
        let limit = |api, pointer| for_api(api).and_then(|s| s.max_items(pointer));
        assert_eq!(limit(Api::AlibabaEcsCreateImage, "/Tag"), Some(20));
        assert_eq!(
            limit(Api::AlibabaEcsCreateImage, "/DiskDeviceMapping"),
            Some(17)
        );
        assert_eq!(limit(Api::HuaweiImsCreateImage, "/image_tags"), Some(20));
        assert_eq!(limit(Api::HuaweiImsCreateImage, "/tags"), Some(20));
        assert_eq!(limit(Api::HuaweiImsCreateImage, "/data_images"), Some(59));
        assert_eq!(
            limit(Api::HuaweiImsCreateImage, "/data_images/0/image_tags"),
            Some(20)
        );
        assert_eq!(
            limit(Api::HuaweiImsCreateWholeImage, "/image_tags"),
            Some(20)
        );
        assert_eq!(limit(Api::HuaweiImsCreateImage, "/name"), None);
        assert_eq!(limit(Api::HuaweiImsCreateImage, "/misspelt"), None);
    }
}
