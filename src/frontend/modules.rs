//! Module calls: `module "NAME" { source = ...; ARG = EXPR }` gives the called module's
//! `var.ARG` the caller's value, worked out in the caller's scope (its variables, `.tfvars`
//! files and, for a module a module calls, its own caller in turn). The image resources of the
//! called module are requests located in the linted file: a value it passes in is underlined on
//! the argument that writes it, and only findings that rest on such values are the linted
//! file's (the module's own, with its defaults and inputs, are found when it is linted on its
//! own, as a root module).
//!
//! Local sources (`./`, `../`) are followed, and modules `terraform init` installed under
//! `.terraform/modules` (found through `modules.json`). `count` and `for_each` over values the
//! files fix give one instance each (`count.index`, `each.key`, `each.value` known); otherwise
//! those are unknown.

use super::Request;
use super::folder::{Folder, Tool};
use super::hcl::{Bindings, Bound, Evaluated, Scope, Written, span_of};
use super::terraform::{Call, resources};
use crate::diagnostic::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How deep module calls are followed (a module calling a module calling ...).
const DEPTH: usize = 8;

/// The most instances a `count` or `for_each` call is followed as; past it, one instance
/// whose `count.index` and `each` are unknown.
const INSTANCES: usize = 64;

/// The largest module file read.
const LARGEST: u64 = 4 * 1024 * 1024;

/// The arguments of a `module` block that are Terraform's, not the module's inputs.
const META: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// What every call followed from one linted file shares.
struct Walk<'w> {
    /// The linted file's module directory: `.terraform/modules` is under it.
    root: &'w Path,
    /// `.terraform/modules/modules.json`, read when a call needs it.
    manifest: Option<HashMap<String, PathBuf>>,
}

/// Where a call sits: the outermost call in the linted file, the module address and the
/// `modules.json` key so far, and the modules on the way (a module that calls itself is
/// followed no further).
struct At {
    header: Option<Span>,
    address: String,
    key: String,
    dirs: Vec<PathBuf>,
}

/// The requests of the modules `body` (a file of the module in `dir`) calls, located in the
/// linted file.
pub(super) fn calls<'a>(
    body: &'a Body,
    scope: &'a Scope<'a>,
    dir: &Path,
    out: &mut Vec<Request<'static>>,
) {
    within(body, scope, dir, None, out);
}

/// The same, for a module the linted file calls in another way (Terragrunt's `terraform {
/// source }`), located at `header` there: the values it passes on are those its caller wrote.
pub(super) fn within<'a>(
    body: &'a Body,
    scope: &'a Scope<'a>,
    dir: &Path,
    header: Option<Span>,
    out: &mut Vec<Request<'static>>,
) {
    if body.get_blocks("module").next().is_none() {
        return;
    }
    let mut walk = Walk {
        root: dir,
        manifest: None,
    };
    let at = At {
        header,
        address: String::new(),
        key: String::new(),
        dirs: vec![dir.to_path_buf()],
    };
    follow(body, scope, dir, &at, &mut walk, out);
}

fn follow<'a>(
    body: &'a Body,
    scope: &'a Scope<'a>,
    dir: &Path,
    at: &At,
    walk: &mut Walk<'_>,
    out: &mut Vec<Request<'static>>,
) {
    if at.dirs.len() > DEPTH {
        return;
    }
    for block in body.get_blocks("module") {
        let Some(name) = block.labels.first() else {
            continue;
        };
        let name = name.as_str();
        let key = match at.key.as_str() {
            "" => name.to_string(),
            outer => format!("{outer}.{name}"),
        };
        let Some(module_dir) = source_dir(block, scope, dir, &key, walk) else {
            continue;
        };
        if at.dirs.iter().any(|d| same_dir(d, &module_dir)) {
            continue;
        }
        let files = read_module(&module_dir);
        if files.is_empty() {
            continue;
        }
        let header = at.header.unwrap_or_else(|| {
            let labels = block.labels.iter().map(|l| span_of(l.span()));
            labels.fold(span_of(block.ident.span()), |a, b| a.merge(b))
        });
        let folder = Folder::called(&module_dir);
        for (instance, suffix) in instances(block, scope) {
            let caller = scope.for_instance(instance);
            let bindings = Bindings {
                inputs: inputs(block, &caller, name, at.header.is_none()),
                root: false,
            };
            let address = format!("{}module.{name}{suffix}.", at.address);
            let inner = At {
                header: Some(header),
                address: address.clone(),
                key: key.clone(),
                dirs: at
                    .dirs
                    .iter()
                    .cloned()
                    .chain([module_dir.clone()])
                    .collect(),
            };
            for file in &files {
                let scope = Scope::new(&file.body, Some(&folder), Tool::Terraform, file.text.len())
                    .with_bindings(&bindings);
                let shown = shown(&module_dir.join(&file.name));
                let call = Call {
                    header,
                    address: &address,
                    file: &shown,
                    text: &file.text,
                };
                resources(&file.body, &scope, Some(&call), out);
                follow(&file.body, &scope, &module_dir, &inner, walk, out);
            }
        }
    }
}

/// The directory of a called module: a local path beside the calling module's, or where
/// `terraform init` installed it; `None` when its code is not on disk.
fn source_dir(
    block: &Block,
    scope: &Scope<'_>,
    dir: &Path,
    key: &str,
    walk: &mut Walk<'_>,
) -> Option<PathBuf> {
    let source = block.body.get_attribute("source")?;
    let Evaluated::Known(Value::String(source)) = scope.evaluate(&source.value) else {
        return None;
    };
    if source.starts_with("./") || source.starts_with("../") {
        let path = lexical(&dir.join(&source));
        return path.is_dir().then_some(path);
    }
    let root = walk.root;
    let manifest = walk
        .manifest
        .get_or_insert_with(|| super::terraform_plan::manifest(root));
    let path = root.join(manifest.get(key)?);
    path.is_dir().then_some(path)
}

/// `path` with its `.` and `name/..` steps taken out, as labels show it.
pub(super) fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A file of a called module, parsed.
pub(super) struct ModuleFile {
    pub(super) name: String,
    pub(super) text: Arc<str>,
    pub(super) body: Body,
}

/// The `.tf` files of a module that write an image resource or call a module, parsed.
pub(super) fn read_module(dir: &Path) -> Vec<ModuleFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tf") || n.ends_with(".tofu"))
        .filter(|n| !super::folder::shadowed(dir, n))
        .collect();
    names.sort();
    let types = super::terraform::resource_types();
    let files: Vec<ModuleFile> = names
        .into_iter()
        .filter_map(|name| {
            let text = super::read_regular(&dir.join(&name), LARGEST)?;
            let wanted =
                text.contains("module") || types.iter().any(|t| text.contains(&format!("\"{t}\"")));
            if !wanted {
                return None;
            }
            let body = super::hcl::parse(&text).ok()?;
            Some(ModuleFile {
                name,
                text: Arc::from(text),
                body,
            })
        })
        .collect();
    // Override files merge into the blocks they override (their values are the caller's
    // concern only through what they send), and are no resources of their own.
    let (overrides, mut bases): (Vec<ModuleFile>, Vec<ModuleFile>) = files
        .into_iter()
        .partition(|f| super::folder::is_override(&f.name));
    for over in overrides.iter().flat_map(|f| f.body.get_blocks("resource")) {
        let same = |b: &Block| {
            b.ident.as_str() == "resource"
                && b.labels
                    .iter()
                    .map(|l| l.as_str())
                    .eq(over.labels.iter().map(|l| l.as_str()))
        };
        for file in &mut bases {
            let found = file
                .body
                .iter()
                .position(|s| s.as_block().is_some_and(same));
            if let Some(i) = found {
                let merged = match file.body.get(i).and_then(|s| s.as_block()) {
                    Some(base) => super::terraform::merge_block(base, over),
                    None => continue,
                };
                file.body.remove(i);
                file.body.insert(i, merged);
                break;
            }
        }
    }
    bases
}

/// How labels name a module's file: as the output names files (from where reqlint runs).
pub(super) fn shown(path: &Path) -> String {
    lexical(path).display().to_string()
}

/// The instances of a call: each with what `count.index` or `each` hold (`None`: unknown)
/// and the key its address takes (`[0]`, `["a"]`).
fn instances(block: &Block, scope: &Scope<'_>) -> Vec<(Option<Value>, String)> {
    let unknown = || vec![(None, String::new())];
    if let Some(count) = block.body.get_attribute("count") {
        return match scope.evaluate(&count.value) {
            Evaluated::Known(Value::Number(n)) => match n.as_u64() {
                Some(n) if n as usize <= INSTANCES => (0..n)
                    .map(|i| {
                        let value = serde_json::json!({ "count": { "index": i } });
                        (Some(value), format!("[{i}]"))
                    })
                    .collect(),
                _ => unknown(),
            },
            _ => unknown(),
        };
    }
    if let Some(for_each) = block.body.get_attribute("for_each") {
        let each = |key: &str, value: &Value| {
            let instance = serde_json::json!({ "each": { "key": key, "value": value } });
            (
                Some(instance),
                format!("[{}]", Value::String(key.to_string())),
            )
        };
        return match scope.evaluate(&for_each.value) {
            Evaluated::Known(Value::Object(map)) if map.len() <= INSTANCES => {
                map.iter().map(|(k, v)| each(k, v)).collect()
            }
            // A set of strings (a list literal stands for `toset([...])`).
            Evaluated::Known(Value::Array(items)) if items.len() <= INSTANCES => {
                let keys: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                match keys {
                    Some(mut keys) => {
                        keys.sort_unstable();
                        keys.dedup();
                        keys.into_iter()
                            .map(|k| each(k, &Value::String(k.to_string())))
                            .collect()
                    }
                    None => unknown(),
                }
            }
            _ => unknown(),
        };
    }
    vec![(None, String::new())]
}

/// The inputs a call sets, worked out in the caller's scope. `here`: the call is in the
/// linted file, so where each argument is written is the linted file's; a call in a called
/// module passes on only what the linted file wrote.
fn inputs<'a>(
    block: &'a Block,
    scope: &Scope<'a>,
    module: &str,
    here: bool,
) -> HashMap<String, Bound> {
    let mut out = HashMap::new();
    for attr in block.body.attributes() {
        let name = attr.key.as_str();
        if META.contains(&name) {
            continue;
        }
        let resolved = scope.resolve(&attr.value);
        let origin = resolved.origin.as_ref().map(|o| o.what.clone());
        let at = if here {
            Some(Written {
                key: span_of(attr.key.span()),
                value: span_of(attr.value.span()),
                entries: match resolved.expr {
                    Expression::Object(object) if resolved.here && resolved.bound.is_none() => {
                        entries(object, scope)
                    }
                    _ => Vec::new(),
                },
                origin,
            })
        } else {
            resolved.bound.and_then(|b| b.at.clone())
        };
        let default = resolved.origin.as_ref().is_some_and(|o| o.default);
        out.insert(
            name.to_string(),
            Bound {
                value: scope.evaluate(&attr.value),
                input: scope.is_input(&attr.value),
                default,
                at,
                what: format!("`{name}` of `module.{module}`"),
            },
        );
    }
    out
}

/// Where each entry of a map literal is written.
fn entries(object: &hcl_edit::expr::Object, scope: &Scope<'_>) -> Vec<(String, Span, Span)> {
    object
        .iter()
        .filter_map(|(key, value)| {
            let name = match key {
                ObjectKey::Ident(ident) => ident.as_str().to_string(),
                ObjectKey::Expression(e) => match scope.evaluate(e) {
                    Evaluated::Known(Value::String(s)) => s,
                    _ => return None,
                },
            };
            Some((name, span_of(key.span()), span_of(value.expr().span())))
        })
        .collect()
}
