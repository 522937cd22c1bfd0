//! One parse per request body, and span lookup on demand.
//!
//! The fast path is `serde_json` into a `Value`, through a visitor that also notices duplicate
//! member names (for free: `Map::insert` already says when a name was there). The jsonc-parser
//! syntax tree, which knows the byte range of every key and value, is built only when there is
//! something to report (`SpanTree`), and for `.jsonc` bodies.

use crate::diagnostic::Span;
use crate::pointer;
use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::Cell;
use std::fmt;

/// Which dialect a body is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 8259 JSON: no comments, no trailing commas.
    Json,
    /// JSON with comments and trailing commas.
    Jsonc,
}

/// A body that parsed.
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    /// Some object repeats a member name (found in detail by `SpanTree::duplicates`).
    pub has_duplicates: bool,
    /// Some object has a member whose value is `null` (noticed while parsing, so that a body
    /// without one is not walked again to find out).
    pub has_null_members: bool,
}

/// Why a body did not parse: a message and where, relative to the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

/// Parses a body. Never panics; nesting deeper than 128 levels is a syntax error.
pub fn parse(text: &str, dialect: Dialect) -> Result<Parsed, SyntaxError> {
    match dialect {
        Dialect::Json => parse_json(text),
        Dialect::Jsonc => parse_jsonc(text),
    }
}

fn parse_json(text: &str) -> Result<Parsed, SyntaxError> {
    let duplicates = Cell::new(false);
    let nulls = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = ValueSeed {
        duplicates: &duplicates,
        nulls: &nulls,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    match result {
        Ok(value) => Ok(Parsed {
            value,
            has_duplicates: duplicates.get(),
            has_null_members: nulls.get(),
        }),
        Err(err) => Err(json_syntax_error(text, &err)),
    }
}

/// serde_json is the judge of RFC conformance; jsonc-parser, when it agrees that the text is
/// broken, points better (the end of the value before a missing comma, the whole bad string).
fn json_syntax_error(text: &str, err: &serde_json::Error) -> SyntaxError {
    if let Err(e) = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &STRICT) {
        let range = e.range();
        let start = range.start.min(text.len());
        return SyntaxError {
            message: syntax_message(&e.kind().to_string()),
            span: Span::new(start, range.end.clamp(start, text.len()) - start),
        };
    }
    let source = crate::source::SourceFile::new("", text);
    let offset = source.offset_of_line_byte_col(err.line(), err.column());
    let full = err.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    let length = text[offset..].chars().next().map_or(0, char::len_utf8);
    SyntaxError {
        message: syntax_message(message),
        span: Span::new(offset, length),
    }
}

fn syntax_message(message: &str) -> String {
    if message == "recursion limit exceeded" {
        return "the JSON nests more than 128 levels deep".into();
    }
    if message == "Maximum nesting depth exceeded" || message == "maximum nesting depth exceeded" {
        return "the JSON nests too deeply (reqlint reads 128 levels, 512 in .jsonc)".into();
    }
    let mut chars = message.chars();
    let lowered: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    lowered.trim_end_matches('.').to_string()
}

fn parse_jsonc(text: &str) -> Result<Parsed, SyntaxError> {
    let result =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &JSONC).map_err(|e| {
            let range = e.range();
            let start = range.start.min(text.len());
            SyntaxError {
                message: syntax_message(&e.kind().to_string()),
                span: Span::new(start, range.end.clamp(start, text.len()) - start),
            }
        })?;
    let Some(root) = result.value else {
        return Err(SyntaxError {
            message: "the body is empty".into(),
            span: Span::new(0, 0),
        });
    };
    let (mut has_duplicates, mut has_null_members) = (false, false);
    let value = to_value(&root, &mut has_duplicates, &mut has_null_members);
    Ok(Parsed {
        value,
        has_duplicates,
        has_null_members,
    })
}

fn to_value(node: &ast::Value<'_>, duplicates: &mut bool, nulls: &mut bool) -> Value {
    match node {
        ast::Value::StringLit(s) => Value::String(s.value.to_string()),
        ast::Value::NumberLit(n) => serde_json::from_str::<Number>(n.value)
            .map(Value::Number)
            .unwrap_or_else(|_| Value::String(n.value.to_string())),
        ast::Value::BooleanLit(b) => Value::Bool(b.value),
        ast::Value::NullKeyword(_) => Value::Null,
        ast::Value::Array(a) => Value::Array(
            a.elements
                .iter()
                .map(|e| to_value(e, duplicates, nulls))
                .collect(),
        ),
        ast::Value::Object(o) => {
            let mut map = Map::new();
            for prop in &o.properties {
                let value = to_value(&prop.value, duplicates, nulls);
                *nulls |= value.is_null();
                if map.insert(prop.name.as_str().to_string(), value).is_some() {
                    *duplicates = true;
                }
            }
            Value::Object(map)
        }
    }
}

/// Every JSON5 relaxation off; only what `.jsonc` allows is switched on below. Spelled out so
/// that a new option in a later jsonc-parser release fails the build instead of relaxing us.
const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

const JSONC: ParseOptions = ParseOptions {
    allow_comments: true,
    allow_trailing_commas: true,
    ..STRICT
};

/// Builds a `Value` like serde_json's own, and records whether any object repeated a name.
struct ValueSeed<'a> {
    duplicates: &'a Cell<bool>,
    nulls: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(v) = seq.next_element_seed(ValueSeed {
            duplicates: self.duplicates,
            nulls: self.nulls,
        })? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(ValueSeed {
                duplicates: self.duplicates,
                nulls: self.nulls,
            })?;
            if value.is_null() {
                self.nulls.set(true);
            }
            if out.insert(key, value).is_some() {
                self.duplicates.set(true);
            }
        }
        Ok(Value::Object(out))
    }
}

/// Which part of a member a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The whole value token (a string with its quotes, a whole object or array).
    Value,
    /// The member name token, with its quotes.
    Key,
    /// The opening brace of the object named by the pointer: where a missing member belongs.
    Open,
}

/// Where the members of a request are in its text: JSON Pointers to byte spans (relative to
/// the request), for a JSON body (`SpanTree`) or a query string (`crate::frontend::query::QueryParams`).
pub trait Locator {
    /// The span of `part` of the value `pointer` names.
    fn span(&self, pointer: &str, part: Part) -> Option<Span>;
    /// Every repeated member name.
    fn duplicates(&self) -> Vec<Duplicate>;
    /// Where the value of the member at `pointer` was supplied, when that is not where the
    /// member is written (a variable's default), with a label saying so.
    fn origin(&self, _pointer: &str) -> Option<(Span, String)> {
        None
    }
    /// Whether fixes may edit this text (a Terraform attribute is not the API's member). A
    /// locator that is not editable need not implement the three methods below.
    fn editable(&self) -> bool {
        true
    }
    /// What to delete to remove the member at `pointer`, separators included.
    fn member_removal(&self, _pointer: &str) -> Option<Span> {
        None
    }
    /// A member name as this text writes it (JSON: a quoted string).
    fn write_name(&self, name: &str) -> String {
        name.to_string()
    }
    /// A value, given as JSON text, as this text writes it (JSON: as it is).
    fn write_value(&self, json: &str) -> String {
        json.to_string()
    }
}

impl Locator for SpanTree<'_> {
    fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        SpanTree::span(self, pointer, part)
    }

    fn duplicates(&self) -> Vec<Duplicate> {
        SpanTree::duplicates(self)
    }

    fn member_removal(&self, pointer: &str) -> Option<Span> {
        SpanTree::member_removal(self, pointer)
    }

    fn write_name(&self, name: &str) -> String {
        serde_json::to_string(name).unwrap_or_default()
    }

    fn write_value(&self, json: &str) -> String {
        json.to_string()
    }
}

/// The syntax tree of a body that parsed, for turning pointers into byte spans.
pub struct SpanTree<'a> {
    root: ast::Value<'a>,
    text: &'a str,
    /// Lookups so far; past a few, an index of every pointer answers in O(1) instead of
    /// walking objects member by member (a body with thousands of findings stays linear).
    /// Atomic and `OnceLock`, so that the requests of one file can share the tree
    /// ([`SharedTree`]).
    lookups: std::sync::atomic::AtomicUsize,
    index: std::sync::OnceLock<std::collections::HashMap<String, Located>>,
    /// The parse that built the `Value` found no repeated name: `duplicates` need not walk.
    no_duplicates: bool,
}

/// The span tree of a file that holds many requests (a plan, a `.tf.json` file, a Packer JSON
/// template), shared by all of them: built once, when the first of them has something to
/// report, however many requests locate their members in it.
#[derive(Clone)]
pub struct SharedTree<'a>(std::sync::Arc<Shared<'a>>);

struct Shared<'a> {
    text: &'a str,
    tree: std::sync::OnceLock<Option<SpanTree<'a>>>,
    duplicates: std::sync::OnceLock<Vec<Duplicate>>,
}

impl<'a> SharedTree<'a> {
    /// The tree of `text`, not built yet.
    pub fn new(text: &'a str) -> Self {
        SharedTree(std::sync::Arc::new(Shared {
            text,
            tree: std::sync::OnceLock::new(),
            duplicates: std::sync::OnceLock::new(),
        }))
    }

    /// The tree (`None` if the text does not parse).
    pub fn get(&self) -> Option<&SpanTree<'a>> {
        self.0
            .tree
            .get_or_init(|| SpanTree::new(self.0.text))
            .as_ref()
    }

    /// The byte span of `part` of the value `pointer` names.
    pub fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        self.get()?.span(pointer, part)
    }

    /// Every repeated member name of the file, found once.
    pub fn duplicates(&self) -> Vec<Duplicate> {
        self.0
            .duplicates
            .get_or_init(|| self.get().map(SpanTree::duplicates).unwrap_or_default())
            .clone()
    }
}

/// A member's name span (none for array elements and the root) and its value span.
#[derive(Clone, Copy)]
struct Located {
    key: Option<jsonc_parser::common::Range>,
    value: jsonc_parser::common::Range,
}

/// Walking is cheaper than indexing for the few findings of most bodies.
const WALKS_BEFORE_INDEX: usize = 16;

/// One repeated member name: the pointer of its object, the name, and both name spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub pointer: String,
    pub name: String,
    pub first: Span,
    pub repeat: Span,
}

impl<'a> SpanTree<'a> {
    /// Builds the tree of a body that `parse` accepted (`None` if it does not parse).
    pub fn new(text: &'a str) -> Option<Self> {
        let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &JSONC).ok()?;
        parsed.value.map(|root| SpanTree {
            root,
            text,
            lookups: std::sync::atomic::AtomicUsize::new(0),
            index: std::sync::OnceLock::new(),
            no_duplicates: false,
        })
    }

    /// The tree of a body whose parse ([`parse`]) said whether any object repeats a name:
    /// when none does, `duplicates` answers without walking every member (a walk that builds
    /// a pointer and a hash set per object, for a body that has other findings).
    pub fn of_parsed(text: &'a str, parsed: &Parsed) -> Option<Self> {
        let mut tree = Self::new(text)?;
        tree.no_duplicates = !parsed.has_duplicates;
        Some(tree)
    }

    fn build_index(&self) -> std::collections::HashMap<String, Located> {
        let mut index = std::collections::HashMap::new();
        let mut stack = vec![(String::new(), None, &self.root)];
        while let Some((ptr, key, node)) = stack.pop() {
            match node {
                ast::Value::Object(o) => {
                    // Forwards, so that the last of repeated names wins, as in serde_json.
                    for prop in o.properties.iter().rev() {
                        stack.push((
                            pointer::push(&ptr, prop.name.as_str()),
                            Some(prop.name.range()),
                            &prop.value,
                        ));
                    }
                }
                ast::Value::Array(a) => {
                    for (i, e) in a.elements.iter().enumerate() {
                        stack.push((pointer::push_index(&ptr, i), None, e));
                    }
                }
                _ => {}
            }
            index.insert(
                ptr,
                Located {
                    key,
                    value: node.range(),
                },
            );
        }
        index
    }

    fn locate(&self, pointer: &str) -> Option<Located> {
        let n = 1 + self
            .lookups
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if n > WALKS_BEFORE_INDEX {
            return self
                .index
                .get_or_init(|| self.build_index())
                .get(pointer)
                .copied();
        }
        let tokens = pointer::tokens(pointer)?;
        let mut node = &self.root;
        let mut key = None;
        for token in &tokens {
            match node {
                ast::Value::Object(o) => {
                    // serde keeps the last of repeated names; so does the lookup.
                    let prop = o
                        .properties
                        .iter()
                        .rev()
                        .find(|p| p.name.as_str() == token)?;
                    key = Some(prop.name.range());
                    node = &prop.value;
                }
                ast::Value::Array(a) => {
                    let index: usize = token.parse().ok()?;
                    node = a.elements.get(index)?;
                    key = None;
                }
                _ => return None,
            }
        }
        Some(Located {
            key,
            value: node.range(),
        })
    }

    /// The byte span (relative to the body) of `part` of the value `pointer` names.
    pub fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        let found = self.locate(pointer)?;
        let range = match part {
            Part::Value => found.value,
            Part::Key => found.key.unwrap_or(found.value),
            Part::Open => jsonc_parser::common::Range {
                start: found.value.start,
                end: found.value.start + 1,
            },
        };
        Some(Span::new(range.start, range.end - range.start))
    }

    /// The span to delete to remove the member at `pointer` with its separating comma (and the
    /// white space before the next member), so that the object stays valid JSON.
    pub fn member_removal(&self, pointer: &str) -> Option<Span> {
        let text = self.text;
        let mut tokens = pointer::tokens(pointer)?;
        let name = tokens.pop()?;
        let mut node = &self.root;
        for token in &tokens {
            node = match node {
                ast::Value::Object(o) => {
                    &o.properties
                        .iter()
                        .rev()
                        .find(|p| p.name.as_str() == token)?
                        .value
                }
                ast::Value::Array(a) => a.elements.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        let ast::Value::Object(object) = node else {
            return None;
        };
        let index = object
            .properties
            .iter()
            .rposition(|p| p.name.as_str() == name)?;
        let range = object.properties[index].range;
        let (start, end) = if let Some(next) = object.properties.get(index + 1) {
            // `"a": 1, "b": 2` -> remove `"a": 1, ` up to the next member.
            (range.start, next.range.start)
        } else if index > 0 {
            // The last member: remove from the end of the previous one, taking its comma.
            (object.properties[index - 1].range.end, range.end)
        } else {
            (range.start, range.end)
        };
        (end <= text.len()).then(|| Span::new(start, end - start))
    }

    /// The innermost member whose name or value holds the byte `offset`: its pointer.
    pub fn member_at(&self, offset: usize) -> Option<String> {
        let mut node = &self.root;
        let mut pointer = String::new();
        let mut found = None;
        loop {
            let next = match node {
                ast::Value::Object(o) => o.properties.iter().find_map(|p| {
                    let r = p.range;
                    (r.start <= offset && offset < r.end)
                        .then(|| (pointer::push(&pointer, p.name.as_str()), &p.value))
                }),
                ast::Value::Array(a) => a.elements.iter().enumerate().find_map(|(i, e)| {
                    let r = e.range();
                    (r.start <= offset && offset < r.end)
                        .then(|| (pointer::push_index(&pointer, i), e))
                }),
                _ => None,
            };
            match next {
                Some((p, value)) => {
                    if matches!(node, ast::Value::Object(_)) {
                        found = Some(p.clone());
                    }
                    pointer = p;
                    node = value;
                }
                None => return found,
            }
        }
    }

    /// Every repeated member name, in document order.
    pub fn duplicates(&self) -> Vec<Duplicate> {
        if self.no_duplicates {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut stack = vec![(String::new(), &self.root)];
        while let Some((ptr, node)) = stack.pop() {
            match node {
                ast::Value::Object(o) => {
                    let mut seen: std::collections::HashMap<&str, jsonc_parser::common::Range> =
                        std::collections::HashMap::with_capacity(o.properties.len());
                    for prop in &o.properties {
                        let name = prop.name.as_str();
                        let range = prop.name.range();
                        if let Some(first) = seen.get(name) {
                            out.push(Duplicate {
                                pointer: ptr.clone(),
                                name: name.to_string(),
                                first: Span::new(first.start, first.end - first.start),
                                repeat: Span::new(range.start, range.end - range.start),
                            });
                        } else {
                            seen.insert(name, range);
                        }
                        stack.push((pointer::push(&ptr, name), &prop.value));
                    }
                }
                ast::Value::Array(a) => {
                    for (i, e) in a.elements.iter().enumerate() {
                        stack.push((pointer::push_index(&ptr, i), e));
                    }
                }
                _ => {}
            }
        }
        out.sort_by_key(|d| d.repeat.offset);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_tokens() {
        let text = r#"{"a": {"b~/": [10, "x"]}, "a": 1}"#;
        let parsed = parse(text, Dialect::Json).unwrap();
        assert!(parsed.has_duplicates);
        let tree = SpanTree::new(text).unwrap();
        let s = tree.span("/a", Part::Key).unwrap();
        assert_eq!(&text[s.offset..s.end()], r#""a""#);
        // The last `a` wins, as in serde_json.
        let s = tree.span("/a", Part::Value).unwrap();
        assert_eq!(&text[s.offset..s.end()], "1");
        assert_eq!(tree.duplicates().len(), 1);
        assert!(tree.span("/a/b~0~1/1", Part::Value).is_none());
    }

    #[test]
    fn syntax_errors_point_at_the_fault() {
        let err = parse("{\"a\": [1,]}", Dialect::Json).unwrap_err();
        assert_eq!(err.span.offset, 8, "the trailing comma itself");
        assert!(err.message.contains("trailing comma"), "{}", err.message);
        assert!(parse("{\"a\": [1,]} // c", Dialect::Jsonc).is_ok());
        let deep = "[".repeat(100_000);
        assert!(parse(&deep, Dialect::Json).is_err());
        // A raw control character in a string: jsonc-parser accepts it, serde_json does not.
        let err = parse("{\"a\": \"x\ty\"}", Dialect::Json).unwrap_err();
        assert_eq!(err.span.offset, 8, "the tab itself");
    }
}
