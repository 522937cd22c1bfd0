//! What a rule is, and how it reports.
//!
//! A rule is one static declaration of metadata plus, for cross-field logic, a check function.
//! A rule never sets its own code, severity or docs URL, and never computes byte offsets: it
//! reports a JSON Pointer (and which part of the member it means) to a `Reporter`, which stamps
//! the rule's identity on it; the engine turns pointers into spans.

use crate::api::Api;
use crate::diagnostic::Severity;
use crate::parse::Part;
use ahash::AHashMap;
use serde_json::{Map, Value};
use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Where the documentation of every rule lives; a rule's URL is this plus its code.
pub const DOCS_BASE: &str = "https://github.com/reqlint/reqlint/blob/main/docs/rules/";

/// How a rule is checked.
#[derive(Clone, Copy)]
pub enum Check {
    /// By the engine itself (syntax, encoding, duplicate names, detection).
    Engine,
    /// By the API's JSON Schema: the schema's `x-rule` annotations name this rule.
    Schema,
    /// By a Rust function over the parsed request body.
    Rust(fn(&Ctx<'_>, &mut Reporter)),
}

/// A request rewritten into the canonical form its API's rules read (the Alibaba flattened RPC
/// parameters into nested JSON, say), with where each canonical member really is.
pub struct Normalised {
    pub value: Value,
    /// Canonical pointer -> pointer in the document, for every member that moved. Ordered,
    /// so that a container's first member is found by range, in O(log n) per finding.
    pub moved: BTreeMap<String, String>,
}

impl Normalised {
    /// Where a canonical target is in the document: the member it moved to, or, for a
    /// container that has no node of its own in the document (`/Tag/0` of `Tag.1.Key`), the
    /// name of its first member there.
    pub fn locate(&self, target: &Target) -> Option<Target> {
        if let Some(actual) = self.moved.get(&target.pointer) {
            return Some(Target {
                pointer: actual.clone(),
                part: target.part,
            });
        }
        // The first member below the container, in document order of the canonical form
        // (`/Tag/0/Key` before `/Tag/0/Value`; indexes compare as text, which is fine here: any
        // member of the container will do, the first one found is as good a place as any).
        let prefix = format!("{}/", target.pointer);
        self.moved
            .range(prefix.clone()..)
            .next()
            .filter(|(c, _)| c.starts_with(&prefix))
            .map(|(_, actual)| Target::key(actual.clone()))
    }
}

impl Normalised {
    /// How a message names each moved member and its container, canonically and as the
    /// document writes it: (`Tag[0].key`, `Tag.1.key`), (`Tag[0]`, `Tag.1`).
    pub fn written_names(&self) -> Vec<(String, String)> {
        let mut names = Vec::new();
        for (canonical, actual) in &self.moved {
            let (Some(field), Some(written)) = (
                crate::pointer::last_token(canonical),
                crate::pointer::last_token(actual),
            ) else {
                continue;
            };
            if written == crate::pointer::display_path(canonical) {
                continue;
            }
            if let Some(container) = written.strip_suffix(&format!(".{field}"))
                && let Some((parent, _)) = canonical.rsplit_once('/')
            {
                names.push((crate::pointer::display_path(parent), container.to_string()));
            }
            names.push((crate::pointer::display_path(canonical), written));
        }
        names.sort();
        names.dedup();
        names
    }

    /// `text` with every member it names in backquotes named as the document writes it.
    pub fn as_written(names: &[(String, String)], text: &str) -> String {
        if !text.contains('`') {
            return text.to_string();
        }
        let mut out = text.to_string();
        for (canonical, written) in names {
            if !out.contains(canonical.as_str()) {
                continue; // most names are not in a given message
            }
            out = out.replace(&format!("`{canonical}`"), &format!("`{written}`"));
            // `Tag[0].Key` inside a longer path (`Tag[0].Key.Value`) is left alone; only the
            // whole name in backquotes, and a container at the start of a member path.
            out = out.replace(&format!("`{canonical}."), &format!("`{written}."));
        }
        out
    }
}

/// Rewrites a body into its API's canonical form; `None` when it already is.
pub type Normaliser = fn(&Map<String, Value>) -> Option<Normalised>;

/// What a Rust rule sees: the API the request is for and its body.
pub struct Ctx<'a> {
    pub api: Api,
    /// The body, for walking its members in order; look members up with `get` and `has`.
    pub body: &'a Map<String, Value>,
    /// The top-level members, hashed once: every rule looks them up, and a `Map` lookup
    /// compares strings along a B-tree node.
    members: AHashMap<&'a str, &'a Value>,
    memo: RefCell<Vec<(TypeId, Rc<dyn Any>)>>,
    /// The cloud the request targets when the file shows it and it is not the API's own
    /// (`open-telekom-cloud`, `flexibleengine`; see `rules/huawei/clouds.json`).
    pub cloud: Option<&'a str>,
}

impl<'a> Ctx<'a> {
    pub fn new(api: Api, body: &'a Map<String, Value>) -> Self {
        Ctx {
            api,
            body,
            members: body.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            memo: RefCell::new(Vec::new()),
            cloud: None,
        }
    }

    /// The top-level member `name`.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.members.get(name).copied()
    }

    /// Whether the body has the top-level member `name`.
    pub fn has(&self, name: &str) -> bool {
        self.members.contains_key(name)
    }

    /// A fact derived from the body (which variant it is, say), computed by the first rule that
    /// asks and shared with the others: one value per type `T`, for this body only.
    pub fn memo<T: Any>(&self, compute: fn(&Ctx<'_>) -> T) -> Rc<T> {
        let id = TypeId::of::<T>();
        if let Some((_, v)) = self.memo.borrow().iter().find(|(t, _)| *t == id) {
            return Rc::clone(v).downcast().expect("keyed by its type");
        }
        let v = Rc::new(compute(self));
        self.memo.borrow_mut().push((id, v.clone()));
        v
    }
}

/// One rule: its whole declaration.
pub struct Rule {
    /// Stable code, never reused, e.g. `IMS006`.
    pub code: &'static str,
    /// Kebab-case name that reads as the bad pattern, e.g. `min-disk-out-of-range`.
    pub name: &'static str,
    /// The APIs it applies to; empty means every API (engine rules).
    pub apis: &'static [Api],
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters: what the cloud does with such a request.
    pub why: &'static str,
    /// The default help: an imperative fix.
    pub fix: &'static str,
    /// A request body that breaks the rule exactly once.
    pub invalid: &'static str,
    /// The same request, fixed: it lints clean.
    pub valid: &'static str,
    /// The specification it comes from: API reference and section, e.g. `Huawei IMS API reference, Creating an Image §4.3; docs/spec/constraints.md CI-5`.
    pub source: &'static str,
    /// The cloud's own error code for this problem, where one is documented.
    pub cloud_error: Option<&'static str>,
    /// The ids from `docs/spec/constraints.md` it implements (`CI-5`, `§1.1`, ...).
    pub constraints: &'static [&'static str],
    pub check: Check,
}

impl Rule {
    pub fn url(&self) -> String {
        format!("{DOCS_BASE}{}.md", self.code)
    }

    pub fn applies_to(&self, api: Api) -> bool {
        self.apis.is_empty() || self.apis.contains(&api)
    }
}

/// A place in the request body: a pointer and the part of the member it means.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub pointer: String,
    pub part: Part,
}

impl Target {
    /// The value at `pointer`.
    pub fn value(pointer: impl Into<String>) -> Self {
        Target {
            pointer: pointer.into(),
            part: Part::Value,
        }
    }

    /// The member name at `pointer`.
    pub fn key(pointer: impl Into<String>) -> Self {
        Target {
            pointer: pointer.into(),
            part: Part::Key,
        }
    }

    /// The object at `pointer`, as the place where a member is missing.
    pub fn missing_in(pointer: impl Into<String>) -> Self {
        Target {
            pointer: pointer.into(),
            part: Part::Open,
        }
    }
}

/// A fix as a rule states it, on the JSON; the engine turns it into text edits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FixAction {
    /// Give the member at the pointer another name.
    RenameMember { pointer: String, to: String },
    /// Remove the member at the pointer, with its comma.
    RemoveMember { pointer: String },
    /// Write another value at the pointer (`"x86_64"` for `"X86_64"`), given as JSON text.
    ReplaceValue { pointer: String, json: String },
}

/// A rule's report before the engine has found its span.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    pub code: &'static str,
    pub target: Target,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<(Target, String)>,
    pub fix: Option<(String, FixAction)>,
    /// For a missing member: its name (a misspelt copy of it may be the real mistake).
    pub missing: Option<String>,
}

/// Receives reports and stamps them with the rule that is running.
#[derive(Default)]
pub struct Reporter {
    current: &'static str,
    pub(crate) violations: Vec<Violation>,
}

impl Reporter {
    pub(crate) fn for_rule(&mut self, code: &'static str) -> &mut Self {
        self.current = code;
        self
    }

    /// Reports a problem at `target`. The message says what is wrong, with the value.
    pub fn report(&mut self, target: Target, message: impl Into<String>) -> ReportBuilder<'_> {
        self.violations.push(Violation {
            code: self.current,
            target,
            message: message.into(),
            help: None,
            labels: Vec::new(),
            fix: None,
            missing: None,
        });
        ReportBuilder {
            violation: self.violations.last_mut().expect("just pushed"),
        }
    }
}

/// Adds help and labels to the report just made.
pub struct ReportBuilder<'a> {
    violation: &'a mut Violation,
}

impl ReportBuilder<'_> {
    /// Replaces the rule's default help with one specific to this report.
    pub fn help(self, help: impl Into<String>) -> Self {
        self.violation.help = Some(help.into());
        self
    }

    /// Offers a safe fix: `title` says what it does, imperatively.
    pub fn fix(self, title: impl Into<String>, action: FixAction) -> Self {
        self.violation.fix = Some((title.into(), action));
        self
    }

    /// Says that the report is about the member `name` missing from the target object, so
    /// that it yields to a finding that offers to rename a misspelt copy to `name`.
    pub fn missing(self, name: impl Into<String>) -> Self {
        self.violation.missing = Some(name.into());
        self
    }

    /// Labels the first element of the array at `array` past `limit` elements: where a count
    /// rule's problem starts.
    pub fn past_limit(self, array: &str, limit: usize) -> Self {
        self.label(
            Target::value(crate::pointer::push_index(array, limit)),
            format!("element {} is past the limit of {limit}", limit + 1),
        )
    }

    /// Points at a related member (the one that wins, the first duplicate, ...).
    pub fn label(self, target: Target, message: impl Into<String>) -> Self {
        self.violation.labels.push((target, message.into()));
        self
    }
}
