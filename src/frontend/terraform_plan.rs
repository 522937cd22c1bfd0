//! Terraform plans, as `terraform show -json PLANFILE` writes them (JSON output format 1.x,
//! Terraform 1.0 and later): every image resource the plan creates, with the values Terraform
//! has planned. Variables, locals, functions, `count`/`for_each`, `dynamic` blocks and the
//! provider's own changes (Huawei's `default_tags` merged into `tags`) are already applied
//! there; what is not known before apply is marked in `after_unknown`. The same
//! resource-to-request mappings as for `.tf` files turn `change.after` into the request, and a
//! finding is underlined on the planned value in the plan.

use super::folder::Folder;
use super::mapping::tag_key;
use super::terraform::{Mapping, insert_at, mapping_for};
use super::{Request, UNKNOWN};
use crate::diagnostic::Span;
use crate::parse::{Duplicate, Locator, Part, SharedTree};
use crate::pointer;
use crate::source::SourceFile;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Whether a JSON document is a Terraform plan (`terraform show -json`).
pub fn is_plan(document: &Map<String, Value>) -> bool {
    document.contains_key("format_version")
        && (document.contains_key("resource_changes") || document.contains_key("planned_values"))
}

/// A plan reqlint cannot read: its format's major version is not one it knows.
pub fn unsupported(document: &Map<String, Value>) -> Option<String> {
    let version = document.get("format_version").and_then(Value::as_str)?;
    let major = version.split('.').next().unwrap_or_default();
    (major != "1").then(|| {
        format!(
            "the plan's `format_version` is \"{version}\"; reqlint reads the JSON plan format 1.x (Terraform 1.0 and later)"
        )
    })
}

/// Canonical pointers mapped to the plan's, over the plan's span tree (one for the whole
/// plan, shared by its requests).
struct PlanLocator<'a> {
    tree: SharedTree<'a>,
    members: HashMap<String, String>,
    /// Members that are a map entry's key (a tag's `Key`): underlined on the key.
    keys: HashSet<String>,
    /// Where members the document does not hold go (the resource change's `address`, the
    /// resource's name in a `.tf.json` file).
    header: (String, Part),
}

impl Locator for PlanLocator<'_> {
    fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        match self.members.get(pointer) {
            Some(at) if self.keys.contains(pointer) => self.tree.span(at, Part::Key),
            Some(at) => self.tree.span(at, part),
            None => {
                // Inside a member sent as written (an entry of a `metadata` object): the same
                // path below the document's member, else that member.
                let mut up = pointer;
                while let Some(i) = up.rfind('/') {
                    up = &up[..i];
                    if let Some(at) = self.members.get(up) {
                        let below = format!("{at}{}", &pointer[up.len()..]);
                        return self
                            .tree
                            .span(&below, part)
                            .or(self.tree.span(at, Part::Value));
                    }
                }
                self.tree.span(&self.header.0, self.header.1)
            }
        }
    }

    fn duplicates(&self) -> Vec<Duplicate> {
        self.tree.duplicates()
    }

    fn editable(&self) -> bool {
        false // a plan is Terraform's output, not something to edit
    }
}

/// The requests of the image resources a plan creates. `text` is the plan's text, for spans;
/// `folder`, the plan's directory: when it holds the configuration (the root module's `.tf`
/// files, child modules through `.terraform/modules/modules.json`), each request is located
/// on the resource's attributes there, else on the planned values in the plan.
pub fn requests<'a>(
    text: &'a str,
    document: &Map<String, Value>,
    folder: Option<&Folder>,
) -> Vec<Request<'a>> {
    let Some(Value::Array(changes)) = document.get("resource_changes") else {
        return Vec::new();
    };
    let tree = SharedTree::new(text);
    let expressions = Expressions::new(document);
    // Read once per plan, however many of its changes a module's files configure.
    let mut configuration = folder.map(Configuration::new);
    let mut out = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        let Some(kind) = change.get("type").and_then(Value::as_str) else {
            continue;
        };
        let after_value = change.pointer("/change/after");
        let set = |attribute: &str| {
            after_value
                .and_then(|a| a.get(attribute))
                .is_some_and(|v| !v.is_null() && !zero(v))
                || change
                    .pointer("/change/after_unknown")
                    .and_then(|u| u.get(attribute))
                    == Some(&Value::Bool(true))
        };
        let creates = change
            .pointer("/change/actions")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|x| x == "create"));
        let Some((api, mapping)) = mapping_for(kind, set) else {
            let managed = change.get("mode").and_then(Value::as_str) != Some("data");
            if let Some(api) = super::terraform::uncovered(kind).filter(|_| creates && managed)
                && let Some(header) =
                    tree.span(&format!("/resource_changes/{i}/address"), Part::Value)
            {
                let address = change.get("address").and_then(Value::as_str);
                out.push(Request::uncovered(
                    address.unwrap_or(kind).to_string(),
                    api,
                    header,
                ));
            }
            continue;
        };
        let Some(Value::Object(after)) = change.pointer("/change/after") else {
            continue;
        };
        if !creates || change.get("mode").and_then(Value::as_str) == Some("data") {
            continue;
        }
        let empty = Value::Object(Map::new());
        let after_unknown = change.pointer("/change/after_unknown").unwrap_or(&empty);
        let written = expressions.of(change);
        let base = format!("/resource_changes/{i}/change/after");
        let mut builder = Builder::new();
        builder.resource(mapping, after, after_unknown, written, &base);
        builder.settle(mapping, written);
        let resource = change.get("address").and_then(Value::as_str);
        let header = (format!("/resource_changes/{i}/address"), Part::Value);
        let mut request =
            builder.into_request(api, mapping, &tree, header, resource.map(str::to_string));
        request.cloud = crate::cloud::of_terraform_type(kind);
        if let Some((file, configured)) = configuration.as_mut().and_then(|c| c.of(change)) {
            request.locator = Box::new(InConfiguration {
                tags: mapping.tags.as_ref().map(|t| (t.to.clone(), t.key.clone())),
                plan_body: request.body.clone(),
                configured,
            });
            request.file = Some(file);
        }
        out.push(request);
    }
    out
}

pub(super) struct Builder {
    pub(super) body: Value,
    /// Canonical pointer -> the plan's pointer.
    pub(super) members: HashMap<String, String>,
    pub(super) keys: HashSet<String>,
    pub(super) unknown: Vec<String>,
    pub(super) implied: Vec<String>,
    pub(super) uncertain: Vec<String>,
}

impl Builder {
    /// The request built, located in the file of `tree` (the JSON the pointers are into);
    /// `header` is where members the text does not hold are reported.
    pub(super) fn into_request<'t>(
        self,
        api: crate::api::Api,
        mapping: &'static Mapping,
        tree: &SharedTree<'t>,
        header: (String, Part),
        resource: Option<String>,
    ) -> Request<'t> {
        Request {
            api,
            names: Some(Box::new(move |body: &Value| {
                super::terraform::written_names(mapping, body)
            })),
            body: self.body,
            locator: Box::new(PlanLocator {
                tree: tree.clone(),
                members: self.members,
                keys: self.keys,
                header,
            }),
            unknown: self.unknown,
            resource,
            implied: self.implied,
            uncertain: self.uncertain,
            file: None,
            through: None,
            open: false,
            index: None,
            duplicates: false,
            supplied: None,
            excluded: Vec::new(),
            partial: Vec::new(),
            cloud: None,
            uncovered: None,
            faults: Vec::new(),
        }
    }

    pub(super) fn new() -> Builder {
        Builder {
            body: Value::Object(Map::new()),
            members: HashMap::new(),
            keys: HashSet::new(),
            unknown: Vec::new(),
            implied: Vec::new(),
            uncertain: Vec::new(),
        }
    }
}

/// A planned request located in the `.tf` file that configures its resource: the same
/// canonical pointers, except that a tag is found by its key (the plan orders a map's keys,
/// and adds the provider's default tags, which the resource does not write).
struct InConfiguration {
    /// The request as the `.tf` file writes it (shared by every change it configures: the
    /// instances of a `count`, a module called twice).
    configured: Arc<Configured>,
    /// The request as planned.
    plan_body: Value,
    /// The list of tags and the member holding a tag's key (empty: `"key.value"` strings).
    tags: Option<(String, String)>,
}

/// A resource's request as its `.tf` file writes it.
struct Configured {
    body: Value,
    locator: Mutex<Box<dyn Locator + Send>>,
    /// Where each tag key is in the list of tags the file writes (the first of a repeated
    /// key), found on first use: every finding on a planned tag looks its key up.
    tags: OnceLock<HashMap<String, usize>>,
}

impl Configured {
    fn locator(&self) -> std::sync::MutexGuard<'_, Box<dyn Locator + Send>> {
        self.locator.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl InConfiguration {
    /// The configuration's pointer for a planned member.
    fn translate(&self, pointer: &str) -> String {
        let Some((to, key)) = &self.tags else {
            return pointer.to_string();
        };
        let Some(rest) = pointer
            .strip_prefix(to.as_str())
            .and_then(|r| r.strip_prefix('/'))
        else {
            return pointer.to_string();
        };
        let (index, tail) = rest.split_once('/').map_or((rest, ""), |(i, t)| (i, t));
        let planned = index
            .parse::<usize>()
            .ok()
            .and_then(|i| self.plan_body.pointer(&pointer::push_index(to, i)))
            .and_then(|item| tag_key(item, key));
        let positions = self.configured.tags.get_or_init(|| {
            let mut positions = HashMap::new();
            let items = self.configured.body.pointer(to).and_then(Value::as_array);
            for (j, item) in items.into_iter().flatten().enumerate() {
                if let Some(k) = tag_key(item, key) {
                    positions.entry(k.to_string()).or_insert(j);
                }
            }
            positions
        });
        let written = planned.and_then(|p| positions.get(p).copied());
        match written {
            Some(j) if tail.is_empty() => pointer::push_index(to, j),
            Some(j) => format!("{}/{tail}", pointer::push_index(to, j)),
            // A default tag: the resource's `tags` attribute is where it joins.
            None => to.clone(),
        }
    }
}

impl Locator for InConfiguration {
    fn span(&self, pointer: &str, part: Part) -> Option<Span> {
        self.configured
            .locator()
            .span(&self.translate(pointer), part)
    }

    fn duplicates(&self) -> Vec<Duplicate> {
        Vec::new()
    }

    fn origin(&self, pointer: &str) -> Option<(Span, String)> {
        self.configured.locator().origin(&self.translate(pointer))
    }

    fn editable(&self) -> bool {
        false
    }
}

/// The configuration beside a plan: each module's `.tf` files are read, parsed and their image
/// resources built once per plan, on first use, however many resource changes they configure.
struct Configuration<'f> {
    /// The plan's folder: the root module.
    root: &'f Folder,
    /// `.terraform/modules/modules.json`, read on first use: module key -> directory.
    manifest: Option<HashMap<String, PathBuf>>,
    /// Module directory -> resource address -> its file and its request there.
    modules: HashMap<PathBuf, HashMap<String, (SourceFile, Arc<Configured>)>>,
}

impl<'f> Configuration<'f> {
    fn new(root: &'f Folder) -> Self {
        Configuration {
            root,
            manifest: None,
            modules: HashMap::new(),
        }
    }

    /// The `.tf` file that configures a planned resource, and the request it writes there.
    fn of(&mut self, change: &Value) -> Option<(SourceFile, Arc<Configured>)> {
        let kind = change.get("type")?.as_str()?;
        let name = change.get("name")?.as_str()?;
        let dir = self.module_dir(change.get("module_address").and_then(Value::as_str))?;
        let root = self.root;
        let module = self
            .modules
            .entry(dir)
            .or_insert_with_key(|dir| read_module(root, dir));
        let (file, configured) = module.get(&format!("{kind}.{name}"))?;
        Some((file.clone(), configured.clone()))
    }

    /// The directory of a module: the root's is the plan's; a child module's is in
    /// `.terraform/modules/modules.json` (`terraform init` writes it), by the module's key
    /// (`module.a.module.b["x"]` is `a.b`).
    fn module_dir(&mut self, address: Option<&str>) -> Option<PathBuf> {
        let root = self.root.dir();
        let Some(address) = address else {
            return Some(root.to_path_buf());
        };
        let key: Vec<&str> = address
            .split('.')
            .collect::<Vec<_>>()
            .chunks(2)
            .map(|c| c.get(1).map_or("", |n| n.split('[').next().unwrap_or(n)))
            .collect();
        let manifest = self.manifest.get_or_insert_with(|| manifest(root));
        Some(root.join(manifest.get(&key.join("."))?))
    }
}

/// The module keys and directories of `.terraform/modules/modules.json` under `root`.
pub(super) fn manifest(root: &Path) -> HashMap<String, PathBuf> {
    let path = root.join(".terraform/modules/modules.json");
    let Some(text) = super::read_regular(&path, crate::MAX_FILE_BYTES as u64) else {
        return HashMap::new();
    };
    let Ok(manifest) = serde_json::from_str::<Value>(&text) else {
        return HashMap::new();
    };
    let mut out = HashMap::new();
    for module in manifest
        .get("Modules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = module.get("Key").and_then(Value::as_str);
        let dir = module.get("Dir").and_then(Value::as_str);
        if let (Some(key), Some(dir)) = (key, dir) {
            // The first of a key repeated, as a search from the start finds it.
            out.entry(key.to_string())
                .or_insert_with(|| PathBuf::from(dir));
        }
    }
    out
}

/// The image resources the `.tf` files of a module's directory write, by address: each file
/// read and parsed once (the first file, by name, that writes an address is where it is).
fn read_module(root: &Folder, dir: &Path) -> HashMap<String, (SourceFile, Arc<Configured>)> {
    let mut out = HashMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf" || e == "tofu"))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            !super::folder::shadowed(dir, name)
        })
        .collect();
    files.sort();
    // The root module's folder is the plan's (its values already read, if they were).
    let child;
    let module = if dir == root.dir() {
        root
    } else {
        child = Folder::new(dir);
        &child
    };
    let types = super::terraform::resource_types();
    for path in files {
        let Some(text) = super::read_regular(&path, crate::MAX_FILE_BYTES as u64) else {
            continue;
        };
        // Most files of a module hold no image resource: they are not parsed.
        if !types.iter().any(|t| text.contains(&format!("\"{t}\""))) {
            continue;
        }
        let Ok(requests) = super::terraform::own_requests(&text, Some(module)) else {
            continue;
        };
        let shown = path
            .strip_prefix(".")
            .unwrap_or(&path)
            .display()
            .to_string();
        let file = SourceFile::new(shown, text);
        for request in requests {
            let Some(address) = request.resource else {
                continue;
            };
            out.entry(address).or_insert_with(|| {
                let configured = Configured {
                    body: request.body,
                    locator: Mutex::new(request.locator),
                    tags: OnceLock::new(),
                };
                (file.clone(), Arc::new(configured))
            });
        }
    }
    out
}

/// The attributes the configuration writes for each resource change (its `expressions`), when
/// the plan carries the configuration: an unknown value of an attribute the configuration does
/// not write is a computed one the provider may not send at all. Each module's resources are
/// indexed by address on first use.
struct Expressions<'d> {
    document: &'d Map<String, Value>,
    /// Module key (`a.b`) -> resource address -> expressions.
    modules: std::cell::RefCell<HashMap<String, Resources<'d>>>,
}

impl<'d> Expressions<'d> {
    fn new(document: &'d Map<String, Value>) -> Self {
        Expressions {
            document,
            modules: Default::default(),
        }
    }

    fn of(&self, change: &Value) -> Option<&'d Map<String, Value>> {
        let address = change.get("module_address").and_then(Value::as_str);
        let key = address.unwrap_or_default().to_string();
        let wanted = format!(
            "{}.{}",
            change.get("type")?.as_str()?,
            change.get("name")?.as_str()?
        );
        let mut modules = self.modules.borrow_mut();
        let resources = modules
            .entry(key)
            .or_insert_with(|| resources(self.document, address));
        resources.get(wanted.as_str()).copied().flatten()
    }
}

/// A module's resources by address, each with its expressions (when it has them).
type Resources<'d> = HashMap<&'d str, Option<&'d Map<String, Value>>>;

/// The resources of the module at `address` (the root when `None`) of a plan's
/// configuration, by address (the first of a repeated address).
fn resources<'d>(document: &'d Map<String, Value>, address: Option<&str>) -> Resources<'d> {
    let mut out = HashMap::new();
    let module = || -> Option<&'d Value> {
        let mut module = document.get("configuration")?.get("root_module")?;
        if let Some(address) = address {
            for call in address.split('.').collect::<Vec<_>>().chunks(2) {
                let [_, name] = call else { return None };
                // `module.images["a"]` calls `images`.
                let name = name.split('[').next().unwrap_or(name);
                module = module.get("module_calls")?.get(name)?.get("module")?;
            }
        }
        Some(module)
    };
    let listed = module()
        .and_then(|m| m.get("resources"))
        .and_then(Value::as_array);
    for resource in listed.into_iter().flatten() {
        if let Some(address) = resource.get("address").and_then(Value::as_str) {
            let expressions = resource.get("expressions").and_then(Value::as_object);
            out.entry(address).or_insert(expressions);
        }
    }
    out
}

/// A zero value (`""`, `0`, `false`): the providers read attributes with `GetOk` (or drop
/// empty values), so a zero value in the plan is not sent.
fn zero(value: &Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Bool(b) => !b,
        _ => false,
    }
}

/// Whether `after_unknown` marks the value at `path` (relative to `after`) unknown.
fn marked(after_unknown: &Value, path: &str) -> bool {
    after_unknown.pointer(path) == Some(&Value::Bool(true))
}

impl Builder {
    /// The request of one resource from its attribute values (`after`), the values not known
    /// yet (`unknown`, shaped like `after` with `true` where unknown) and the attributes the
    /// configuration writes.
    pub(super) fn resource(
        &mut self,
        mapping: &Mapping,
        after: &Map<String, Value>,
        unknown: &Value,
        written: Option<&Map<String, Value>>,
        base: &str,
    ) {
        let known =
            |attribute: &str| -> Option<&Value> { after.get(attribute).filter(|v| !v.is_null()) };
        let is_written = |attribute: &str| written.is_some_and(|w| w.contains_key(attribute));
        let marked = |path: &str| marked(unknown, path);
        for (attribute, to) in &mapping.attributes {
            let path = pointer::push("", attribute);
            // Read only when the attribute it stands in for is not set: a computed alias does
            // not hide a known primary (`name` beside `image_name`).
            if let Some(primary) = mapping.fallback.get(attribute)
                && (known(primary).is_some_and(|v| !zero(v)) || marked(&pointer::push("", primary)))
            {
                continue;
            }
            // Only an attribute that sends something is where its member is (`name` and
            // `image_name` both become `ImageName`).
            if marked(&path) {
                self.members.insert(to.clone(), format!("{base}{path}"));
                self.mark_unknown(to);
            } else if let Some(v) = known(attribute).filter(|v| !zero(v)) {
                self.members.insert(to.clone(), format!("{base}{path}"));
                insert_at(&mut self.body, to, v.clone());
                // A provider default the configuration does not write (`architecture`).
                if !is_written(attribute) && mapping.defaults.get(to) == Some(v) {
                    self.implied.push(to.clone());
                }
            }
        }
        for (attribute, suffixed) in &mapping.suffixed {
            let path = pointer::push("", attribute);
            let to = &suffixed.to;
            if marked(&path) {
                self.members.insert(to.clone(), format!("{base}{path}"));
                self.mark_unknown(to);
            } else if let Some(Value::String(v)) = known(attribute).filter(|v| !zero(v)) {
                self.members.insert(to.clone(), format!("{base}{path}"));
                insert_at(
                    &mut self.body,
                    to,
                    Value::String(format!("{v}{}", suffixed.suffix)),
                );
            }
        }
        for (attribute, to) in &mapping.only_when_true {
            let path = pointer::push("", attribute);
            self.members.insert(to.clone(), format!("{base}{path}"));
            if marked(&path) {
                self.mark_unknown(to);
            } else if known(attribute) == Some(&Value::Bool(true)) {
                insert_at(&mut self.body, to, Value::Bool(true));
            }
        }
        if let Some(tags) = &mapping.tags {
            let path = pointer::push("", &tags.attribute);
            self.members
                .insert(tags.to.clone(), format!("{base}{path}"));
            if marked(&path) {
                self.mark_unknown(&tags.to);
            } else if let Some(Value::Object(map)) = known(&tags.attribute) {
                let mut items = Vec::new();
                for (i, (key, value)) in map.iter().enumerate() {
                    let at = pointer::push_index(&tags.to, i);
                    let entry = pointer::push(&format!("{base}{path}"), key);
                    self.members.insert(at.clone(), entry.clone());
                    if tags.dotted {
                        match value {
                            Value::String(v) if !marked(&pointer::push(&path, key)) => {
                                items.push(Value::String(format!("{key}.{v}")));
                            }
                            _ => {
                                items.push(Value::String(UNKNOWN.into()));
                                self.unknown.push(at);
                            }
                        }
                        continue;
                    }
                    self.members
                        .insert(pointer::push(&at, &tags.key), entry.clone());
                    self.keys.insert(pointer::push(&at, &tags.key));
                    self.members
                        .insert(pointer::push(&at, &tags.value), entry.clone());
                    let mut item = Map::new();
                    item.insert(tags.key.clone(), Value::String(key.clone()));
                    if marked(&pointer::push(&path, key)) {
                        item.insert(tags.value.clone(), Value::String(UNKNOWN.into()));
                        self.unknown.push(pointer::push(&at, &tags.value));
                    } else if tags.sends_value(value) {
                        item.insert(tags.value.clone(), value.clone());
                    }
                    items.push(Value::Object(item));
                }
                insert_at(&mut self.body, &tags.to, Value::Array(items));
            }
        }
        for (name, nested) in &mapping.blocks {
            let path = pointer::push("", name);
            self.members
                .insert(nested.to.clone(), format!("{base}{path}"));
            if marked(&path) {
                self.mark_unknown(&nested.to);
                continue;
            }
            let Some(Value::Array(blocks)) = known(name) else {
                continue;
            };
            let mut items = Vec::new();
            for (i, block) in blocks.iter().enumerate() {
                let at = pointer::push_index(&nested.to, i);
                let block_path = pointer::push_index(&path, i);
                self.members
                    .insert(at.clone(), format!("{base}{block_path}"));
                let mut item = Map::new();
                for (attribute, member) in &nested.attributes {
                    let attribute_path = pointer::push(&block_path, attribute);
                    let member_at = pointer::push(&at, member);
                    self.members
                        .insert(member_at.clone(), format!("{base}{attribute_path}"));
                    if marked(&attribute_path) {
                        item.insert(member.clone(), Value::String(UNKNOWN.into()));
                        self.unknown.push(member_at);
                    } else if let Some(v) =
                        block.get(attribute).filter(|v| !v.is_null() && !zero(v))
                    {
                        item.insert(member.clone(), v.clone());
                    }
                }
                items.push(Value::Object(item));
            }
            insert_at(&mut self.body, &nested.to, Value::Array(items));
        }
        for (to, value) in &mapping.defaults {
            if self.body.pointer(to).is_none() {
                insert_at(&mut self.body, to, value.clone());
                self.implied.push(to.clone());
            }
        }
        for (to, value) in &mapping.fixed {
            insert_at(&mut self.body, to, value.clone());
        }
        // The provider's region and the generated client token are not in `after`; an
        // attribute that sets the member wins (`enterprise_project_id` of the resource, else
        // the provider's).
        for to in mapping.provider.keys() {
            if self.body.pointer(to).is_none() {
                self.mark_unknown(to);
            }
        }
        for to in &mapping.generated {
            if self.body.pointer(to).is_none() {
                self.mark_unknown(to);
            }
        }
    }

    fn mark_unknown(&mut self, to: &str) {
        insert_at(&mut self.body, to, Value::String(UNKNOWN.into()));
        self.unknown.push(to.to_string());
    }

    /// Unknown values of attributes the configuration does not write (or of every attribute,
    /// when the plan has no configuration) are computed ones the provider may not send at all.
    pub(super) fn settle(&mut self, mapping: &Mapping, written: Option<&Map<String, Value>>) {
        // A member may be sent from several attributes (`image_name`, and its alias `name`):
        // it is written when any of them is.
        let mut by_member: HashMap<&str, Vec<&str>> = HashMap::new();
        for (attribute, to) in mapping.attributes.iter().chain(&mapping.only_when_true) {
            by_member.entry(to).or_default().push(attribute);
        }
        if let Some(tags) = &mapping.tags {
            by_member.entry(&tags.to).or_default().push(&tags.attribute);
        }
        for (name, nested) in &mapping.blocks {
            by_member.entry(&nested.to).or_default().push(name);
        }
        let (sure, unsure): (Vec<String>, Vec<String>) = std::mem::take(&mut self.unknown)
            .into_iter()
            .partition(|u| {
                by_member
                    .iter()
                    .find(|(member, _)| {
                        u.strip_prefix(**member)
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                    })
                    .is_none_or(|(_, attributes)| {
                        written.is_some_and(|w| attributes.iter().any(|a| w.contains_key(*a)))
                    })
            });
        self.unknown = sure;
        self.uncertain = unsure;
    }
}
