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

/// A set of names fixed once per process (an API's members, a list of OS versions) that names
/// from requests are looked up in: foldhash with a fixed seed hashes a short name for a
/// fraction of what SipHash or ahash's portable fallback cost, and a crafted name can at worst
/// probe the set's own few entries.
pub type NameSet = std::collections::HashSet<&'static str, foldhash::fast::FixedState>;

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
    /// By asking the cloud (`reqlint check --online`, `crate::online`).
    Online,
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
}

/// How messages name members (canonically, `Tag[0].Key`) and how the document writes them
/// (`Tag.1.Key`, `--Tag.1.Key`), for rewriting every finding's text: a name in backquotes,
/// and a container at the start of a member path in backquotes (`Tag[0]` of `Tag[0].Key`).
///
/// The names are a trie over their `.`-separated parts, so that rewriting a text costs one walk
/// over each name it quotes, however many names the request has.
pub struct WrittenNames {
    /// (canonical, written), the longest canonical name first, so that `Tag[0].Key` is
    /// rewritten before `Tag[0]`; a written name is rewritten again by a later entry.
    names: Vec<(String, String)>,
    /// `nodes[0]` is the root; a node's children by the next part of a name.
    nodes: Vec<NameNode>,
}

#[derive(Default)]
struct NameNode {
    children: AHashMap<String, usize>,
    /// The entries whose canonical name ends here, in order.
    ends: Vec<usize>,
}

impl WrittenNames {
    /// The pairs (canonical, as written), in any order.
    pub fn new(mut names: Vec<(String, String)>) -> Self {
        names.sort_by_key(|(canonical, _)| std::cmp::Reverse(canonical.len()));
        let mut nodes = vec![NameNode::default()];
        for (i, (canonical, _)) in names.iter().enumerate() {
            let mut node = 0;
            for part in canonical.split('.') {
                node = match nodes[node].children.get(part) {
                    Some(&child) => child,
                    None => {
                        nodes.push(NameNode::default());
                        let child = nodes.len() - 1;
                        nodes[node].children.insert(part.to_string(), child);
                        child
                    }
                };
            }
            nodes[node].ends.push(i);
        }
        WrittenNames { names, nodes }
    }

    /// Whether there is no name to rewrite.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// `text` with every member it names in backquotes named as the document writes it.
    pub fn apply(&self, text: &str) -> String {
        if self.names.is_empty() || !text.contains('`') {
            return text.to_string();
        }
        // Each backquote starts a name that runs to the next one (or to the end of the text,
        // where only a container at the start of a path can match).
        let mut pieces = text.split('`');
        let mut out = String::with_capacity(text.len());
        out.push_str(pieces.next().unwrap_or_default());
        let mut pieces = pieces.peekable();
        while let Some(piece) = pieces.next() {
            out.push('`');
            let closed = pieces.peek().is_some();
            out.push_str(&self.rewrite(piece, closed));
        }
        out
    }

    /// One quoted name (`closed`: a backquote follows it), rewritten as replacing each entry
    /// in turn over the text would: entry by entry, first where the name is the entry's
    /// whole, then where the entry is a container at its start (which may match what the
    /// first step wrote).
    fn rewrite(&self, name: &str, closed: bool) -> String {
        let mut name = std::borrow::Cow::Borrowed(name);
        // Steps: `2 * entry` replaces a whole name, `2 * entry + 1` a container.
        let mut from = 0;
        while let Some((step, length)) = self.first_match(&name, closed, from) {
            let written = &self.names[step / 2].1;
            name = std::borrow::Cow::Owned(format!("{written}{}", &name[length..]));
            from = step + 1;
        }
        name.into_owned()
    }

    /// The first step from `from` on that matches `name`, and the length of `name` it
    /// replaces.
    fn first_match(&self, name: &str, closed: bool, from: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let mut node = 0;
        let mut end = 0;
        for (k, part) in name.split('.').enumerate() {
            end += part.len() + usize::from(k > 0);
            let Some(&child) = self.nodes[node].children.get(part) else {
                break;
            };
            node = child;
            // The whole name, before its closing backquote; or a container, before a `.`.
            let step = |entry: usize| match end == name.len() {
                true => 2 * entry,
                false => 2 * entry + 1,
            };
            if end == name.len() && !closed {
                break;
            }
            let ends = &self.nodes[node].ends;
            let first = ends.partition_point(|&entry| step(entry) < from);
            if let Some(&entry) = ends.get(first)
                && best.is_none_or(|(b, _)| step(entry) < b)
            {
                best = Some((step(entry), end));
            }
        }
        best
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
    /// Built per body for a few dozen look-ups: foldhash (hashbrown's own) hashes short names
    /// in a fraction of what ahash's portable fallback costs, and is seeded per process.
    members: std::collections::HashMap<&'a str, &'a Value, foldhash::fast::RandomState>,
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
    /// Where the rule is explained: reqlint's page of it, or for a rule of a pack read from a
    /// folder (a team's own API), that API's documentation.
    pub fn url(&self) -> String {
        if let [api] = self.apis
            && !api.pack().is_bundled()
        {
            return api.documentation().1.to_string();
        }
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

#[cfg(test)]
mod tests {
    use super::WrittenNames;

    /// What `WrittenNames` does, as it was first written: every name replaced in turn over
    /// the whole text (quadratic in the names of a request).
    fn replace_in_turn(names: &[(String, String)], text: &str) -> String {
        let mut names = names.to_vec();
        names.sort_by_key(|(canonical, _)| std::cmp::Reverse(canonical.len()));
        let mut out = text.to_string();
        for (canonical, written) in &names {
            out = out.replace(&format!("`{canonical}`"), &format!("`{written}`"));
            out = out.replace(&format!("`{canonical}."), &format!("`{written}."));
        }
        out
    }

    fn pairs(names: &[(&str, &str)]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|(c, w)| (c.to_string(), w.to_string()))
            .collect()
    }

    #[test]
    fn names_are_written_as_the_document_writes_them() {
        let names = pairs(&[
            ("Tag[0].Key", "Tag.1.Key"),
            ("Tag[0]", "Tag.1"),
            ("Tag.1.Key", "--Tag.1.Key"),
            ("Tag[1]", "Tag.2"),
        ]);
        let written = WrittenNames::new(names.clone());
        for text in [
            "`Tag[0].Key` is empty",
            "`Tag[0]` has no `Key`; `Tag[0].Value` is set",
            "`Tag[0].Key.Value` and `Tag[1].Key` and `Tag[0]`",
            "no names here",
            "`Tag[0].Key",
            "`Tag[0]",
            "``",
            "`Tag[1]`Tag[0]` x",
        ] {
            assert_eq!(written.apply(text), replace_in_turn(&names, text), "{text}");
        }
        assert_eq!(
            written.apply("`Tag[0].Key` and `Tag[0]`"),
            "`--Tag.1.Key` and `Tag.1`"
        );
    }

    /// The trie gives what replacing every name in turn gives, on messages built from the
    /// names' own parts.
    #[test]
    fn the_same_as_replacing_in_turn() {
        let parts = ["Tag", "[0]", "Key", "Tag.1", "a", "[1]", "--x"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2000 {
            let name = |next: &mut dyn FnMut(usize) -> usize| {
                let mut s = parts[next(parts.len())].to_string();
                for _ in 0..next(3) {
                    if next(2) == 0 {
                        s.push('.');
                    }
                    s.push_str(parts[next(parts.len())]);
                }
                s
            };
            let names: Vec<(String, String)> = (0..1 + next(6))
                .map(|_| (name(&mut next), name(&mut next)))
                .collect();
            // Messages as rules write them: prose between the names in backquotes (replacing
            // in turn also rewrites prose that happens to be a name, and a name right after
            // another's closing backquote: not worth copying).
            let mut text = String::new();
            for _ in 0..1 + next(4) {
                let [before, after] = [["`", "` is "], ["`", "`. "], ["x ", " y "]][next(3)];
                text.push_str(before);
                text.push_str(&name(&mut next));
                text.push_str(after);
            }
            if next(2) == 0 {
                text.push('`');
                text.push_str(&name(&mut next));
            }
            assert_eq!(
                WrittenNames::new(names.clone()).apply(&text),
                replace_in_turn(&names, &text),
                "{names:?} {text:?}"
            );
        }
    }
}
