//! The variants of the Huawei IMS APIs as data (`rules/<api>/variants.json`): which member
//! selects each way of creating an image, and which members it requires, allows and ignores.
//! The variant rules in this module read it for whichever Huawei API is linted.

use crate::api::Api;
use crate::rule::Ctx;
use crate::rule::NameSet;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Model {
    /// In priority order; a `fallback` variant is chosen only when no other source is present.
    pub variants: Vec<Variant>,
    #[serde(default)]
    pub elements: HashMap<&'static str, Element>,
    #[serde(skip)]
    members: Members,
}

/// One way of creating an image, chosen by the member that names its source.
#[derive(Deserialize)]
pub struct Variant {
    pub id: &'static str,
    pub title: &'static str,
    pub selected_by: &'static str,
    /// Chosen only when no other variant's source is present (`data_images` alone).
    #[serde(default)]
    pub fallback: bool,
    pub required: Vec<&'static str>,
    pub allowed: NameSet,
    #[serde(default)]
    pub ignored: Vec<&'static str>,
    #[serde(default)]
    pub element: Option<&'static str>,
}

/// What a `data_images` element of a variant holds.
#[derive(Deserialize)]
pub struct Element {
    pub title: &'static str,
    pub required: Vec<&'static str>,
    pub allowed: NameSet,
}

/// Every member any variant knows, at the top level and in elements.
#[derive(Default)]
pub struct Members {
    pub top: NameSet,
    pub element: NameSet,
    /// The same names, sorted, for suggestions.
    pub top_sorted: Vec<&'static str>,
    pub element_sorted: Vec<&'static str>,
}

/// Whether `text` is a `variants.json` reqlint can read.
pub(crate) fn validate(text: &'static str) -> Result<(), String> {
    serde_json::from_str::<Model>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn load(text: &'static str) -> Model {
    let mut model: Model = serde_json::from_str(text).expect("bundled variants.json is valid");
    let top: BTreeSet<&'static str> = model
        .variants
        .iter()
        .flat_map(|v| v.allowed.iter().copied())
        .collect();
    let element: BTreeSet<&'static str> = model
        .elements
        .values()
        .flat_map(|e| e.allowed.iter().copied())
        .collect();
    model.members = Members {
        top: top.iter().copied().collect(),
        element: element.iter().copied().collect(),
        top_sorted: top.into_iter().collect(),
        element_sorted: element.into_iter().collect(),
    };
    model
}

/// The variant model of an API whose pack has one (`variants.json`): Huawei IMS's.
pub fn model(api: Api) -> Option<&'static Model> {
    static MODELS: LazyLock<Vec<Option<Model>>> = LazyLock::new(|| {
        Api::all()
            .iter()
            .map(|api| api.pack().file("variants.json").map(load))
            .collect()
    });
    MODELS.get(usize::from(api.0))?.as_ref()
}

impl Model {
    /// The members that name a source, in the order they win.
    pub fn sources(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.variants
            .iter()
            .filter(|v| !v.fallback)
            .map(|v| v.selected_by)
    }

    /// The element kind a variant's `data_images` hold.
    pub fn element(&self, variant: &Variant) -> Option<&Element> {
        variant.element.and_then(|e| self.elements.get(e))
    }

    pub fn members(&self) -> &Members {
        &self.members
    }
}

/// Which variant a body is (rules ask through `ctx.memo(select)`: it is computed once).
pub enum Selection {
    /// The API has no variant model.
    NotApplicable,
    /// No source member at all.
    None(&'static Model),
    One(&'static Model, &'static Variant),
    /// Several source members: the names present, in priority order.
    Many(&'static Model, Vec<&'static str>),
}

/// `""` or `[]`: a member that says nothing (`null` members are already absent).
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

pub fn select(ctx: &Ctx<'_>) -> Selection {
    let Some(model) = model(ctx.api) else {
        return Selection::NotApplicable;
    };
    // An empty source (`"volume_id": ""`, which Go SDKs send on every request) names nothing.
    let present: Vec<&'static str> = model
        .sources()
        .filter(|s| ctx.get(s).is_some_and(|v| !is_empty(v)))
        .collect();
    let chosen = match present.as_slice() {
        [] => model
            .variants
            .iter()
            .find(|v| v.fallback && ctx.has(v.selected_by)),
        [one] => model.variants.iter().find(|v| v.selected_by == *one),
        _ => return Selection::Many(model, present),
    };
    match chosen {
        Some(variant) => Selection::One(model, variant),
        None => Selection::None(model),
    }
}
