//! Requests from blocks by mapping tables: which block (a Terraform resource, a Packer source)
//! sends which API, and which attribute becomes which member, is data kept beside each API
//! (`rules/<api>/terraform.json`, `rules/<api>/packer.json`), read from the tools' own
//! request-building code. This module reads those tables, builds the request of an HCL block
//! (values by [`super::hcl`], shared by every HCL front-end) and names members as the file
//! writes them.

use super::UNKNOWN;
use super::hcl::{Bound, Budget, Evaluated, Scope, span_of};
use crate::api::Api;
use crate::diagnostic::Span;
use crate::parse::{Duplicate, Locator, Part};
use crate::pointer;
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Attribute, Block, Body};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// How one resource type becomes a request (`rules/<api>/terraform.json`).
#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct Mapping {
    /// Attributes that must be set for the resource to send this request.
    #[serde(default)]
    pub(crate) when: Vec<String>,
    /// Attributes that must not be set for the resource to send this request.
    #[serde(default)]
    pub(crate) unless: Vec<String>,
    /// Attribute -> pointer of the member it becomes.
    #[serde(default)]
    pub(crate) attributes: BTreeMap<String, String>,
    /// Boolean attributes sent only when true.
    #[serde(default)]
    pub(crate) only_when_true: BTreeMap<String, String>,
    /// A `tags` map, sent as a list of key/value objects.
    pub(crate) tags: Option<Tags>,
    /// Nested blocks, each sent as a list of objects.
    #[serde(default)]
    pub(crate) blocks: BTreeMap<String, BlockMapping>,
    /// Members sent with this value when the attribute that sets them is absent.
    #[serde(default)]
    pub(crate) defaults: BTreeMap<String, Value>,
    /// Members the provider always sends with this value.
    #[serde(default)]
    pub(crate) fixed: BTreeMap<String, Value>,
    /// Members taken from an attribute of the provider block (unknown when it has none), when
    /// the resource's attributes do not send them.
    #[serde(default)]
    pub(crate) provider: BTreeMap<String, String>,
    /// Members always sent with a value no file holds (a generated token; the build instance
    /// a Packer builder creates). An attribute that sets one wins.
    #[serde(default)]
    pub(crate) generated: Vec<String>,
    /// The request is sent when one of these holds (a Packer builder's `image_type`, and what
    /// it derives when that is not set); each names attributes or nested blocks: `true` set,
    /// `false` not set, or the list of values it may have. Empty: always.
    #[serde(default, rename = "if")]
    pub(crate) conditions: Vec<BTreeMap<String, Value>>,
    /// Why a default is added to a map the file writes (`image_type` in `metadata`), said on
    /// findings about that map.
    #[serde(default)]
    pub(crate) added: BTreeMap<String, String>,
    /// Attributes sent with a suffix the tool adds (`image_name` + `-vdb`).
    #[serde(default)]
    pub(crate) suffixed: BTreeMap<String, Suffixed>,
    /// Members the tool copies into this request from another one it sends (a Huawei
    /// `system-data` build's `image_tags`, sent with the system image and again beside the
    /// data disk images): only an error is reported on them here, since what would silence a
    /// warning (removing the attribute) would take it from the other request too.
    #[serde(default)]
    pub(crate) copies: Vec<String>,
    /// Attributes the provider sends only when they are set and not zero (`d.GetOk`,
    /// `utils.ValueIgnoreEmpty`): `""`, `0`, `false` and empty collections are not sent.
    /// (A plan cannot tell zero from unset, so plans omit every zero value.)
    #[serde(default)]
    pub(crate) omit_zero: Vec<String>,
    /// Attribute -> the attribute it stands in for: the provider reads it only when that one
    /// is not set or zero (`alicloud_image` takes `image_name`, else the deprecated `name`).
    #[serde(default)]
    pub(crate) fallback: BTreeMap<String, String>,
}

/// Whether a value is what `d.GetOk` takes for not set: `""`, `0`, `false`, an empty list or
/// map.
impl Mapping {
    /// Whether the member `to` is left out when zero (an `omit_zero` attribute sends it).
    pub(crate) fn omits_zero_at(&self, to: &str) -> bool {
        self.attributes
            .iter()
            .any(|(attribute, at)| at == to && self.omit_zero.contains(attribute))
    }

    /// The members an attribute or nested block `name` of the resource sends.
    pub(crate) fn pointers_of(&self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        out.extend(self.attributes.get(name).cloned());
        out.extend(self.only_when_true.get(name).cloned());
        out.extend(self.suffixed.get(name).map(|s| s.to.clone()));
        out.extend(self.blocks.get(name).map(|b| b.to.clone()));
        if let Some(tags) = self.tags.as_ref().filter(|t| t.attribute == name) {
            out.push(tags.to.clone());
        }
        out
    }
}

pub(crate) fn is_zero(value: &Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Bool(b) => !b,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Null => true,
    }
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct Suffixed {
    pub(crate) to: String,
    pub(crate) suffix: String,
    /// Said in the label on the attribute.
    pub(crate) why: String,
}

impl Mapping {
    /// Whether the conditions (`if`) hold, given which attributes and blocks are set and the
    /// value of an attribute (`None` when unknown or not set).
    pub(crate) fn holds(
        &self,
        set: impl Fn(&str) -> bool,
        value: impl Fn(&str) -> Option<Value>,
    ) -> bool {
        self.conditions.is_empty()
            || self.conditions.iter().any(|clause| {
                clause.iter().all(|(name, wanted)| match wanted {
                    Value::Bool(b) => set(name) == *b,
                    Value::Array(values) => value(name).is_some_and(|v| values.contains(&v)),
                    _ => false,
                })
            })
    }
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tags {
    pub(crate) attribute: String,
    pub(crate) to: String,
    /// Objects with these members; or, with `dotted`, the legacy `"key.value"` strings.
    #[serde(default)]
    pub(crate) key: String,
    #[serde(default)]
    pub(crate) value: String,
    #[serde(default)]
    pub(crate) dotted: bool,
    /// The value member is left out when the value is `""` (an SDK struct's `omitempty`).
    #[serde(default)]
    pub(crate) omit_empty_value: bool,
}

impl Tags {
    /// Whether a tag's value is sent: not when it is `""` and the provider leaves it out.
    pub(crate) fn sends_value(&self, value: &Value) -> bool {
        !(value.is_null() || self.omit_empty_value && value.as_str() == Some(""))
    }
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct BlockMapping {
    pub(crate) to: String,
    pub(crate) attributes: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMore {
    One(Box<Mapping>),
    /// A resource that sends one of several requests, chosen by which attributes are set
    /// (`when`, `unless`).
    More(Vec<Mapping>),
}

#[derive(Deserialize)]
struct Table {
    /// Terraform resource types, or Packer builders (`builders`).
    #[serde(alias = "builders")]
    resources: BTreeMap<String, OneOrMore>,
    /// Resource types of other providers built on the same code, at the same version.
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

/// Every block type of a set of tables (`resources` of Terraform's, `builders` of Packer's),
/// with the requests it may send, in table order.
pub(crate) type Tables = HashMap<String, Vec<(Api, Mapping)>>;

/// Whether a block sets `name`: an attribute that is not `null`, or nested blocks of that
/// type. Mappings choose their request by it (`when`, `unless`, `if`).
pub(crate) fn is_set(block: &Block, name: &str) -> bool {
    block
        .body
        .get_attribute(name)
        .is_some_and(|a| !a.value.is_null())
        || block.body.get_blocks(name).next().is_some()
}

/// Whether `text` is a mapping table (`terraform.json`, `packer.json`) reqlint can read.
pub(crate) fn validate(text: &str) -> Result<(), String> {
    let Err(e) = serde_json::from_str::<Table>(text) else {
        return Ok(());
    };
    // An untagged list-or-one says only that neither fits: say why the one does not.
    let document: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for key in ["resources", "builders"] {
        let Some(serde_json::Value::Object(entries)) = document.get(key) else {
            continue;
        };
        for (kind, value) in entries {
            let one = match value {
                serde_json::Value::Array(list) => list
                    .iter()
                    .find_map(|m| serde_json::from_value::<Mapping>(m.clone()).err()),
                other => serde_json::from_value::<Mapping>(other.clone()).err(),
            };
            if let Some(why) = one {
                return Err(format!("{key}.{kind}: {why}"));
            }
        }
    }
    Err(e.to_string())
}

/// Reads the bundled tables of one tool.
pub(crate) fn load(tables: &[(Api, &str)]) -> Tables {
    let mut all: Tables = HashMap::new();
    let mut aliases = Vec::new();
    for (api, text) in tables {
        let table: Table = serde_json::from_str(text).expect("bundled mapping table is valid");
        for (kind, mappings) in table.resources {
            let list = all.entry(kind).or_default();
            match mappings {
                OneOrMore::One(m) => list.push((*api, *m)),
                OneOrMore::More(ms) => list.extend(ms.into_iter().map(|m| (*api, m))),
            }
        }
        aliases.extend(table.aliases);
    }
    for (alias, of) in aliases {
        let list: Vec<(Api, Mapping)> = all
            .get(&of)
            .map(|l| l.iter().map(|(a, m)| (*a, m.clone())).collect())
            .unwrap_or_default();
        all.entry(alias).or_default().extend(list);
    }
    all
}

/// Where each member of one request was written.
#[derive(Default)]
pub(crate) struct Places {
    /// Pointer -> (span of its name, span of its value).
    pub(crate) members: HashMap<String, (Span, Span)>,
    /// The resource's labels: where members the file does not write are reported.
    pub(crate) header: Span,
    /// Pointer -> where its value was supplied (a variable's default) and a label.
    pub(crate) origins: HashMap<String, (Span, String)>,
}

impl Locator for Places {
    fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        // A member the file does not write is reported on the nearest one it does (an entry
        // of a map from a variable: on the attribute), else on the block's labels.
        let mut at = pointer;
        let (key, value) = loop {
            if let Some(found) = self.members.get(at) {
                break *found;
            }
            match at.rfind('/') {
                Some(i) => at = &at[..i],
                None => return Some(self.header),
            }
        };
        if at != pointer {
            return Some(value);
        }
        Some(match part {
            Part::Key | Part::Open => key,
            Part::Value => value,
        })
    }

    fn duplicates(&self) -> Vec<Duplicate> {
        Vec::new()
    }

    fn origin(&self, pointer: &str) -> Option<(Span, String)> {
        // A member inside a value supplied elsewhere (a tag of a map from a variable) comes
        // from there too.
        let mut at = pointer;
        loop {
            if let Some(found) = self.origins.get(at) {
                return Some(found.clone());
            }
            at = &at[..at.rfind('/')?];
        }
    }

    fn editable(&self) -> bool {
        // An attribute is the provider's name, not the API's: a rename or a removal written
        // for the request would not be Terraform.
        false
    }
}

pub(crate) struct Builder<'a> {
    body: Value,
    places: Places,
    unknown: Vec<String>,
    /// Members set from an input (a variable no file gives a value, or a zero default the
    /// provider does not send): the caller may pass `null`, so even their presence is unknown.
    uncertain: Vec<String>,
    implied: Vec<String>,
    scope: &'a Scope<'a>,
    /// What working out this request's values may take, all of them together.
    budget: Budget,
    /// The request is located in the file that calls the resource's module (see
    /// [`Builder::called`]).
    caller: Option<Caller>,
    /// In the caller's file: the members whose value it writes.
    supplied: Vec<String>,
    /// Unknown strings whose literal parts are known.
    partial: Vec<super::Partial>,
}

/// A request written in a module, located in the file that calls the module: the values that
/// file passes in are placed where it writes them, everything else at the call.
pub(crate) struct Caller {
    /// The resource's address in its module (`huaweicloud_ims_ecs_system_image.this`) and
    /// the module's file as the label on a value the caller writes names them.
    pub(crate) resource: String,
    pub(crate) file: String,
    /// The text of the module's file, for the line of an attribute.
    pub(crate) text: std::sync::Arc<str>,
}

impl<'a> Builder<'a> {
    /// A builder of one request; `header` is where members the block does not write are
    /// reported (the block's labels).
    pub(crate) fn new(scope: &'a Scope<'a>, header: Span) -> Self {
        Builder {
            body: Value::Object(Map::new()),
            places: Places {
                header,
                ..Places::default()
            },
            unknown: Vec::new(),
            uncertain: Vec::new(),
            implied: Vec::new(),
            scope,
            budget: Budget::new(),
            caller: None,
            supplied: Vec::new(),
            partial: Vec::new(),
        }
    }

    /// A builder of a request written in a module and located in the file that calls it:
    /// `header` is the call there (`module "image"`).
    pub(crate) fn called(scope: &'a Scope<'a>, header: Span, caller: Caller) -> Self {
        Builder {
            caller: Some(caller),
            ..Builder::new(scope, header)
        }
    }

    /// Where the member `to`, sent from `attr`, is placed: the attribute, or (a called
    /// module) the caller's argument that sets its value, else the call.
    fn places_of(&mut self, attr: &'a Attribute, to: &str) -> (Span, Span) {
        if self.caller.is_none() {
            return (span_of(attr.key.span()), span_of(attr.value.span()));
        }
        self.placed(&attr.value, to, Some(attr))
    }

    /// Where a value `expr` of a called module is placed, as the member `to`: on the caller's
    /// argument when the caller writes it (labelled with the attribute `attr` that sends
    /// it), else at the call.
    fn placed(
        &mut self,
        expr: &'a Expression,
        to: &str,
        attr: Option<&'a Attribute>,
    ) -> (Span, Span) {
        let header = self.places.header;
        let Some(written) = self.written(expr) else {
            return (header, header);
        };
        let at = (written.key, written.value);
        let from = written
            .origin
            .as_ref()
            .map_or(String::new(), |o| format!("; the value comes from {o}"));
        if let Some(caller) = &self.caller {
            let offset = attr.and_then(|a| a.key.span()).map_or(0, |r| r.start);
            let text = &caller.text[..offset.min(caller.text.len())];
            let line = 1 + text.bytes().filter(|b| *b == b'\n').count();
            let name = attr.map_or(String::new(), |a| format!(" as `{}`", a.key.as_str()));
            self.places.origins.insert(
                to.to_string(),
                (
                    at.1,
                    format!(
                        "`{}` sends it{name} (`{}` line {line}){from}",
                        caller.resource, caller.file
                    ),
                ),
            );
        }
        self.supplied.push(to.to_string());
        at
    }

    /// What the caller's file writes for `expr`, when it is a bound input it writes.
    fn written(&self, expr: &'a Expression) -> Option<&'a super::hcl::Written> {
        self.caller.as_ref()?;
        self.scope.resolve(expr).bound?.at.as_ref()
    }

    /// `span` in the module's file, or the call when the request is located at the caller.
    fn here(&self, span: Span) -> Span {
        if self.caller.is_some() {
            self.places.header
        } else {
            span
        }
    }

    /// The request built, named `resource`.
    pub(crate) fn into_request(
        self,
        api: Api,
        mapping: &'static Mapping,
        resource: String,
    ) -> super::Request<'static> {
        let supplied = self.caller.is_some().then_some(self.supplied);
        super::Request {
            supplied,
            excluded: Vec::new(),
            partial: self.partial,
            api,
            body: self.body,
            locator: Box::new(self.places),
            unknown: self.unknown,
            resource: Some(resource),
            names: Some(Box::new(|body: &Value| written_names(mapping, body))),
            implied: self.implied,
            uncertain: self.uncertain,
            file: None,
            through: None,
            open: false,
            index: None,
            duplicates: false,
            cloud: None,
            uncovered: None,
            faults: Vec::new(),
        }
    }

    pub(crate) fn resource(
        &mut self,
        block: &'a Block,
        mapping: &'a Mapping,
        provider: Option<&'a Body>,
    ) {
        for (attribute, to) in &mapping.attributes {
            let Some(attr) = block.body.get_attribute(attribute) else {
                continue;
            };
            // Read only when the attribute it stands in for is not set (or set to zero).
            if let Some(primary) = mapping.fallback.get(attribute)
                && let Some(p) = block.body.get_attribute(primary)
                && !matches!(self.evaluate(&p.value), Evaluated::Absent)
                && !matches!(self.evaluate(&p.value), Evaluated::Known(ref v) if is_zero(v))
            {
                continue;
            }
            let places = self.places_of(attr, to);
            let value = match self.evaluate(&attr.value) {
                Evaluated::Known(v) if is_zero(&v) && mapping.omit_zero.contains(attribute) => {
                    // A variable's zero default (`default = ""`) is a module author's "not
                    // given": the caller decides. Written in place, the provider does not
                    // send it: the member is absent.
                    match self.scope.resolve(&attr.value).origin {
                        Some(origin) if origin.default => {
                            self.uncertain.push(to.clone());
                            Evaluated::Unknown
                        }
                        _ => continue,
                    }
                }
                // An input: its value, and whether it is sent at all, are the caller's.
                Evaluated::Unknown if self.scope.is_input(&attr.value) => {
                    self.uncertain.push(to.clone());
                    Evaluated::Unknown
                }
                value => value,
            };
            self.note_origin(to, &attr.value, places.1);
            if matches!(value, Evaluated::Unknown) {
                self.note_partial(to, &attr.value);
            }
            let is_map = matches!(value, Evaluated::Known(Value::Object(_)));
            self.set(to, value, places);
            if is_map {
                self.map_entries(to, &attr.value);
            }
        }
        for (attribute, suffixed) in &mapping.suffixed {
            let Some(attr) = block.body.get_attribute(attribute) else {
                continue;
            };
            let places = self.places_of(attr, &suffixed.to);
            let value = match self.evaluate(&attr.value) {
                Evaluated::Known(Value::String(s)) => {
                    Evaluated::Known(Value::String(s + &suffixed.suffix))
                }
                Evaluated::Known(_) => Evaluated::Unknown,
                other => other,
            };
            self.places
                .origins
                .insert(suffixed.to.clone(), (places.1, suffixed.why.clone()));
            self.set(&suffixed.to, value, places);
        }
        for (attribute, to) in &mapping.only_when_true {
            let Some(attr) = block.body.get_attribute(attribute) else {
                continue;
            };
            let places = self.places_of(attr, to);
            match self.evaluate(&attr.value) {
                Evaluated::Known(Value::Bool(false)) | Evaluated::Absent => {}
                value => self.set(to, value, places),
            }
        }
        if let Some(tags) = &mapping.tags
            && let Some(attr) = block.body.get_attribute(&tags.attribute)
        {
            self.tags(tags, attr);
        }
        for (name, nested) in &mapping.blocks {
            self.blocks(block, name, nested);
        }
        for (to, value) in &mapping.defaults {
            if self.lookup(to).is_none() {
                let written = self.lookup(pointer::parent(to)).is_some();
                self.insert(to, value.clone());
                self.implied.push(to.clone());
                // An item added to a map the file writes: findings on the map say so.
                if let Some(why) = mapping.added.get(to)
                    && written
                    && let Some((key_span, _)) = self.places.members.get(pointer::parent(to))
                {
                    // On the map's name, where a finding about the map is underlined.
                    let at = *key_span;
                    self.places
                        .origins
                        .insert(pointer::parent(to).to_string(), (at, why.clone()));
                }
            }
        }
        for (to, value) in &mapping.fixed {
            self.insert(to, value.clone());
        }
        for (to, attribute) in &mapping.provider {
            // The resource's own attribute wins (`cfg.GetEnterpriseProjectID`: `d.GetOk`,
            // else the provider's).
            if self.lookup(to).is_some() {
                continue;
            }
            let attr = provider.and_then(|p| p.get_attribute(attribute));
            let value = attr.map_or(Evaluated::Unknown, |a| self.evaluate(&a.value));
            match value {
                Evaluated::Known(v) if is_zero(&v) && mapping.omits_zero_at(to) => {}
                Evaluated::Known(v) => {
                    // Underlined on the provider block's attribute, in this file.
                    if let (Some(a), None) = (attr, &self.caller) {
                        let at = (span_of(a.key.span()), span_of(a.value.span()));
                        self.places.members.insert(to.clone(), at);
                    }
                    self.insert(to, v);
                }
                _ => self.mark_unknown(to),
            }
        }
        for to in &mapping.generated {
            if self.lookup(to).is_none() {
                self.mark_unknown(to);
            }
        }
    }

    /// A `tags` map as a list of `{key, value}` objects, each underlined at its entry.
    fn tags(&mut self, tags: &Tags, attr: &'a Attribute) {
        let expr = &attr.value;
        let (key_span, value_span) = self.places_of(attr, &tags.to);
        self.places
            .members
            .insert(tags.to.clone(), (key_span, value_span));
        self.note_origin(&tags.to, expr, value_span);
        let scope = self.scope;
        let resolved = scope.resolve(expr);
        if let Some(bound) = resolved.bound {
            self.bound_tags(tags, bound, value_span);
            return;
        }
        let Expression::Object(object) = resolved.expr else {
            self.mark_unknown(&tags.to);
            return;
        };
        // A map written in another file is underlined where the resource uses it.
        let in_caller = self.caller.is_some();
        let header = self.places.header;
        let here = |span: Span| match (in_caller, resolved.here) {
            (true, _) => header,
            (false, true) => span,
            (false, false) => value_span,
        };
        let mut items = Vec::new();
        for (i, (key, value)) in object.iter().enumerate() {
            let at = pointer::push_index(&tags.to, i);
            let key_text = match key {
                ObjectKey::Ident(ident) => Some(ident.as_str().to_string()),
                ObjectKey::Expression(e) => match self.evaluate(e) {
                    Evaluated::Known(Value::String(s)) => Some(s),
                    _ => None,
                },
            };
            let entry_key = here(span_of(key.span()));
            let mut entry_value = here(span_of(value.expr().span()));
            if in_caller && let Some(w) = self.written(value.expr()) {
                entry_value = w.value;
                self.supplied.push(at.clone());
            }
            self.places
                .members
                .insert(at.clone(), (entry_key, entry_key.merge(entry_value)));
            if tags.dotted {
                // The legacy form: one `"key.value"` string per tag.
                match (key_text, self.evaluate(value.expr())) {
                    (Some(k), Evaluated::Known(Value::String(v))) => {
                        items.push(Value::String(format!("{k}.{v}")));
                    }
                    _ => {
                        items.push(Value::String(UNKNOWN.into()));
                        self.unknown.push(at);
                    }
                }
                continue;
            }
            let mut item = Map::new();
            let key_at = pointer::push(&at, &tags.key);
            let value_at = pointer::push(&at, &tags.value);
            self.places
                .members
                .insert(key_at.clone(), (entry_key, entry_key));
            self.places
                .members
                .insert(value_at.clone(), (entry_value, entry_value));
            match key_text {
                Some(k) => {
                    item.insert(tags.key.clone(), Value::String(k));
                }
                None => {
                    item.insert(tags.key.clone(), Value::String(UNKNOWN.into()));
                    self.unknown.push(key_at);
                }
            }
            match self.evaluate(value.expr()) {
                Evaluated::Known(v) if !tags.sends_value(&v) => {}
                Evaluated::Known(v) => {
                    item.insert(tags.value.clone(), v);
                }
                Evaluated::Absent => {}
                Evaluated::Unknown => {
                    item.insert(tags.value.clone(), Value::String(UNKNOWN.into()));
                    self.note_partial(&value_at, value.expr());
                    self.unknown.push(value_at);
                }
            }
            items.push(Value::Object(item));
        }
        self.insert(&tags.to, Value::Array(items));
    }

    /// Tags from a map a module's caller passes in: worked out there, each entry placed
    /// where the caller writes it when it does.
    fn bound_tags(&mut self, tags: &Tags, bound: &'a Bound, value_span: Span) {
        let map = match &bound.value {
            Evaluated::Known(Value::Object(map)) => map,
            Evaluated::Absent => return,
            _ => {
                if bound.input {
                    self.uncertain.push(tags.to.clone());
                }
                self.mark_unknown(&tags.to);
                return;
            }
        };
        let entries = bound.at.as_ref().map_or(&[][..], |w| &w.entries[..]);
        let mut items = Vec::new();
        for (i, (key, value)) in map.iter().enumerate() {
            let at = pointer::push_index(&tags.to, i);
            let (entry_key, entry_value) = entries
                .iter()
                .find(|(name, _, _)| name == key)
                .map_or((value_span, value_span), |(_, k, v)| (*k, *v));
            self.places
                .members
                .insert(at.clone(), (entry_key, entry_key.merge(entry_value)));
            if tags.dotted {
                match value {
                    Value::String(v) => items.push(Value::String(format!("{key}.{v}"))),
                    _ => {
                        items.push(Value::String(UNKNOWN.into()));
                        self.unknown.push(at);
                    }
                }
                continue;
            }
            let key_at = pointer::push(&at, &tags.key);
            let value_at = pointer::push(&at, &tags.value);
            self.places.members.insert(key_at, (entry_key, entry_key));
            self.places
                .members
                .insert(value_at, (entry_value, entry_value));
            let mut item = Map::new();
            item.insert(tags.key.clone(), Value::String(key.clone()));
            if tags.sends_value(value) {
                item.insert(tags.value.clone(), value.clone());
            }
            items.push(Value::Object(item));
        }
        self.insert(&tags.to, Value::Array(items));
    }

    /// Nested blocks (`disk_device_mapping { ... }`) as a list of objects; a `dynamic` block
    /// makes the whole list unknown.
    fn blocks(&mut self, block: &'a Block, name: &'a str, nested: &BlockMapping) {
        let dynamic = block
            .body
            .get_blocks("dynamic")
            .find(|b| b.labels.first().is_some_and(|l| l.as_str() == name));
        if let Some(d) = dynamic {
            let ident = self.here(span_of(d.ident.span()));
            let whole = self.here(span_of(d.span()));
            self.places
                .members
                .insert(nested.to.clone(), (ident, whole));
            self.mark_unknown(&nested.to);
            return;
        }
        for (i, b) in block.body.get_blocks(name).enumerate() {
            let at = pointer::push_index(&nested.to, i);
            let ident = self.here(span_of(b.ident.span()));
            if i == 0 {
                self.places
                    .members
                    .insert(nested.to.clone(), (ident, ident));
            }
            let whole = self.here(span_of(b.span()));
            self.places.members.insert(at.clone(), (ident, whole));
            // Each block's object is added to the list in place: the list is never copied.
            self.insert(&at, Value::Object(Map::new()));
            for (attribute, member) in &nested.attributes {
                let Some(attr) = b.body.get_attribute(attribute) else {
                    continue;
                };
                let to = pointer::push(&at, member);
                let places = self.places_of(attr, &to);
                let value = self.evaluate(&attr.value);
                self.note_origin(&to, &attr.value, places.1);
                if matches!(value, Evaluated::Unknown) {
                    self.note_partial(&to, &attr.value);
                }
                self.set(&to, value, places);
            }
        }
    }

    fn evaluate(&self, expr: &'a Expression) -> Evaluated {
        self.scope.evaluate_within(expr, &self.budget)
    }

    /// Where each entry of a map written in this file is (`metadata = { k = "v" }`).
    fn map_entries(&mut self, to: &str, expr: &'a Expression) {
        let resolved = self.scope.resolve(expr);
        if let Some(written) = self.written(expr) {
            for (name, key_span, value_span) in &written.entries {
                self.places
                    .members
                    .insert(pointer::push(to, name), (*key_span, *value_span));
            }
            return;
        }
        let Expression::Object(object) = resolved.expr else {
            return;
        };
        if !resolved.here || self.caller.is_some() {
            return;
        }
        for (key, value) in object.iter() {
            let name = match key {
                ObjectKey::Ident(ident) => ident.as_str().to_string(),
                ObjectKey::Expression(e) => match self.evaluate(e) {
                    Evaluated::Known(Value::String(s)) => s,
                    _ => continue,
                },
            };
            let key_span = span_of(key.span());
            let value_span = span_of(value.expr().span());
            self.places
                .members
                .insert(pointer::push(to, &name), (key_span, value_span));
        }
    }

    /// Labels where the value of `to` was supplied, when not in the attribute itself (a
    /// variable's default, a `.tfvars` line, a local); a value from another file is labelled
    /// on the attribute, naming the file and line.
    fn note_origin(&mut self, to: &str, expr: &'a Expression, value_span: Span) {
        if self.caller.is_some() {
            return;
        }
        if let Some(origin) = self.scope.resolve(expr).origin {
            self.places.origins.insert(
                to.to_string(),
                (
                    origin.span.unwrap_or(value_span),
                    format!("the value comes from {}", origin.what),
                ),
            );
        }
    }

    /// Keeps what is known of an unknown string written in place (`"web ${var.env}"`).
    fn note_partial(&mut self, to: &str, expr: &'a Expression) {
        if let Some(pieces) = self.scope.pieces(expr, &self.budget) {
            let display = expr.to_string();
            let display = display.trim();
            let display = display
                .strip_prefix('"')
                .and_then(|d| d.strip_suffix('"'))
                .unwrap_or(display);
            self.partial
                .extend(super::Partial::new(to, pieces, display.to_string()));
        }
    }

    /// Sets the member at `to` (creating the objects and list elements on the way).
    fn set(&mut self, to: &str, value: Evaluated, places: (Span, Span)) {
        self.places.members.insert(to.to_string(), places);
        match value {
            Evaluated::Known(v) => self.insert(to, v),
            Evaluated::Unknown => self.mark_unknown(to),
            Evaluated::Absent => {}
        }
    }

    fn mark_unknown(&mut self, to: &str) {
        self.insert(to, Value::String(UNKNOWN.into()));
        self.unknown.push(to.to_string());
    }

    fn lookup(&self, to: &str) -> Option<&Value> {
        self.body.pointer(to)
    }

    fn insert(&mut self, to: &str, value: Value) {
        insert_at(&mut self.body, to, value);
    }
}

/// How a Terraform file names the members of a request built by `mapping`: the attribute for
/// each member, `tags.KEY` for a tag, `BLOCK[i].attribute` for a nested block's.
pub(crate) fn written_names(mapping: &Mapping, body: &Value) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = mapping
        .attributes
        .iter()
        .chain(&mapping.only_when_true)
        .filter(|(_, to)| body.pointer(to).is_some())
        .map(|(attribute, to)| (to.clone(), attribute.clone()))
        .collect();
    for (attribute, suffixed) in &mapping.suffixed {
        if body.pointer(&suffixed.to).is_some() {
            let name = format!("{attribute} + \"{}\"", suffixed.suffix);
            names.push((suffixed.to.clone(), name));
        }
    }
    if let Some(tags) = &mapping.tags
        && let Some(Value::Array(items)) = body.pointer(&tags.to)
    {
        names.push((tags.to.clone(), tags.attribute.clone()));
        for (i, item) in items.iter().enumerate() {
            let Some(key) = tag_key(item, &tags.key).filter(|k| *k != super::UNKNOWN) else {
                continue;
            };
            // A tag's key is named by the map, its value by `tags.KEY`.
            let at = pointer::push_index(&tags.to, i);
            if !tags.key.is_empty() {
                names.push((pointer::push(&at, &tags.key), tags.attribute.clone()));
                names.push((
                    pointer::push(&at, &tags.value),
                    format!("{}.{key}", tags.attribute),
                ));
            }
            names.push((at, tags.attribute.clone()));
        }
    }
    for (name, nested) in &mapping.blocks {
        let Some(Value::Array(items)) = body.pointer(&nested.to) else {
            continue;
        };
        names.push((nested.to.clone(), name.clone()));
        for i in 0..items.len() {
            let at = pointer::push_index(&nested.to, i);
            for (attribute, member) in &nested.attributes {
                names.push((
                    pointer::push(&at, member),
                    format!("{name}[{i}].{attribute}"),
                ));
            }
            names.push((at, format!("{name}[{i}]")));
        }
    }
    names
}

/// The key of a tag of a request: the member `key` of an object, the part before the dot of a
/// legacy `"key.value"` string.
pub(crate) fn tag_key<'v>(item: &'v Value, key: &str) -> Option<&'v str> {
    match item {
        Value::Object(o) => o.get(key).and_then(Value::as_str),
        Value::String(s) => s.split('.').next(),
        _ => None,
    }
}

/// Writes `value` at `to` in `body`, making the containers on the way (objects, and arrays for
/// numeric tokens).
pub fn insert_at(body: &mut Value, to: &str, value: Value) {
    use std::borrow::Cow;
    // Tokens are borrowed unless they hold an escape (the mappings' pointers never do).
    let tokens: Vec<Cow<'_, str>> = match to.strip_prefix('/') {
        Some(rest) => rest
            .split('/')
            .map(|t| match t.contains('~') {
                true => Cow::Owned(t.replace("~1", "/").replace("~0", "~")),
                false => Cow::Borrowed(t),
            })
            .collect(),
        None => return,
    };
    let mut node = body;
    for (i, token) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        let next_is_index = tokens
            .get(i + 1)
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
        let fresh = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        node = match node {
            Value::Object(map) => {
                if last {
                    map.insert(token.to_string(), value);
                    return;
                }
                map.entry(token.to_string()).or_insert_with(fresh)
            }
            Value::Array(items) => {
                let index: usize = token.parse().unwrap_or(0);
                while items.len() <= index {
                    items.push(if last { Value::Null } else { fresh() });
                }
                if last {
                    items[index] = value;
                    return;
                }
                &mut items[index]
            }
            _ => return,
        };
    }
}
