//! Terragrunt: a `terragrunt.hcl` names a module (`terraform { source = "../modules//image" }`)
//! and gives its variables in `inputs = { ... }`, merged over the inputs of the file it
//! `include`s (a path, or `find_in_parent_folders()`), shallowly, as Terragrunt merges them by
//! default. The module is linted as the root module it becomes: its variables take the inputs
//! (its own `.tfvars` files still win, since Terragrunt passes inputs as `TF_VAR_` variables),
//! and a finding that rests on an input is underlined on it, in the file that writes it.
//! Terragrunt's `locals` are evaluated where they can be; `dependency.*.outputs.*` and its
//! functions are unknown. A remote source, whose code is not on disk, gives no request.

use super::folder::{Folder, Tool};
use super::hcl::{Bindings, Bound, Evaluated, Scope, Written, span_of};
use super::modules::{ModuleFile, lexical, read_module, shown};
use super::terraform::{Call, resources};
use super::{Request, SyntaxError};
use crate::diagnostic::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::Body;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The largest included file read.
const LARGEST: u64 = 4 * 1024 * 1024;

/// The file `include` and `find_in_parent_folders()` look for by default.
const DEFAULT_PARENT: &str = "terragrunt.hcl";

/// The requests of the module a `terragrunt.hcl` names, located where their inputs are
/// written; `folder` is the file's directory (nothing is found without it).
pub fn requests(text: &str, folder: Option<&Folder>) -> Result<Vec<Request<'static>>, SyntaxError> {
    let body = super::hcl::parse(text)?;
    let Some(folder) = folder else {
        return Ok(Vec::new());
    };
    let dir = folder.dir();
    let scope = Scope::new(&body, None, Tool::Terraform, text.len());
    let parent = include(&body, &scope, dir);
    let parent_scope = parent
        .as_ref()
        .map(|p| Scope::new(&p.body, None, Tool::Terraform, p.text.len()));
    // The child's `terraform` block wins over the parent's.
    let source = source(&body, &scope, dir).or_else(|| {
        let (p, s) = (parent.as_ref()?, parent_scope.as_ref()?);
        source(&p.body, s, p.path.parent()?)
    });
    let Some(module_dir) = source else {
        return Ok(Vec::new());
    };
    let files = read_module(&module_dir);
    let module = Folder::new(&module_dir);
    let mut out = Vec::new();
    let own = inputs(&body, &scope);
    let inherited = match (&parent, &parent_scope) {
        (Some(p), Some(s)) => inputs(&p.body, s),
        _ => Inputs::default(),
    };
    // Located here: what this file writes, over what it inherits.
    if let Some(header) = own.header {
        let bindings = merged(&inherited, false, &own, true);
        emit(&files, &module, &module_dir, &bindings, header, &mut out);
    }
    // Located in the included file: what it writes and this file does not override.
    if let (Some(p), Some(header)) = (&parent, inherited.header) {
        let bindings = merged(&inherited, true, &own, false);
        let mut there = Vec::new();
        emit(&files, &module, &module_dir, &bindings, header, &mut there);
        let name = p.path.display().to_string();
        let file = crate::source::SourceFile::new(name, p.text.clone());
        for mut r in there {
            r.file = Some(file.clone());
            r.through = Some(format!(
                "the inputs of `{}` include it",
                dir.join("terragrunt.hcl").display()
            ));
            out.push(r);
        }
    }
    Ok(out)
}

/// The requests of a module's image resources (and of the modules it calls), with `bindings`,
/// located at `header` in a file of `dir`.
fn emit(
    files: &[ModuleFile],
    module: &Folder,
    module_dir: &Path,
    bindings: &Bindings,
    header: Span,
    out: &mut Vec<Request<'static>>,
) {
    for file in files {
        let scope = Scope::new(&file.body, Some(module), Tool::Terraform, file.text.len())
            .with_bindings(bindings);
        let shown = shown(&module_dir.join(&file.name));
        let call = Call {
            header,
            address: "",
            file: &shown,
            text: &file.text,
        };
        resources(&file.body, &scope, Some(&call), out);
        super::modules::within(&file.body, &scope, module_dir, Some(header), out);
    }
}

/// The `inputs` of a file: each worked out in its scope, with where it is written.
#[derive(Default)]
struct Inputs {
    /// The `inputs` attribute's name, where findings the file leads to without writing the
    /// value are placed; `None` when the file has no `inputs`.
    header: Option<Span>,
    values: Vec<(String, Bound)>,
}

fn inputs(body: &Body, scope: &Scope<'_>) -> Inputs {
    let Some(attr) = body.get_attribute("inputs") else {
        return Inputs::default();
    };
    let mut out = Inputs {
        header: Some(span_of(attr.key.span())),
        values: Vec::new(),
    };
    let resolved = scope.resolve(&attr.value);
    let Expression::Object(object) = resolved.expr else {
        // `inputs = merge(...)`, `inputs = local.x` not worked out: every variable unknown.
        return out;
    };
    for (key, value) in object.iter() {
        let name = match key {
            ObjectKey::Ident(ident) => ident.as_str().to_string(),
            ObjectKey::Expression(e) => match scope.evaluate(e) {
                Evaluated::Known(Value::String(s)) => s,
                _ => continue,
            },
        };
        let expr = value.expr();
        let inner = scope.resolve(expr);
        let entries = match inner.expr {
            Expression::Object(o) if inner.here => o
                .iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(e) => match scope.evaluate(e) {
                            Evaluated::Known(Value::String(s)) => s,
                            _ => return None,
                        },
                    };
                    Some((key, span_of(k.span()), span_of(v.expr().span())))
                })
                .collect(),
            _ => Vec::new(),
        };
        let bound = Bound {
            value: scope.evaluate(expr),
            input: false,
            default: false,
            at: resolved.here.then(|| Written {
                key: span_of(key.span()),
                value: span_of(expr.span()),
                entries,
                origin: inner.origin.as_ref().map(|o| o.what.clone()),
            }),
            what: format!("`inputs.{name}`"),
        };
        out.values.push((name, bound));
    }
    out
}

/// The inputs of the included file under this file's (Terragrunt's shallow merge), each
/// placed only when it is written in the file the request is located in.
fn merged(inherited: &Inputs, parent_here: bool, own: &Inputs, own_here: bool) -> Bindings {
    let mut inputs: HashMap<String, Bound> = HashMap::new();
    for (values, here) in [(&inherited.values, parent_here), (&own.values, own_here)] {
        for (name, bound) in values {
            let mut bound = bound.clone();
            if !here {
                bound.at = None;
            }
            inputs.insert(name.clone(), bound);
        }
    }
    Bindings { inputs, root: true }
}

/// A file `include`d by a `terragrunt.hcl`, parsed.
struct Included {
    path: PathBuf,
    text: String,
    body: Body,
}

/// The file the first `include` block names: `path = "..."` (relative to `dir`), or
/// `find_in_parent_folders()` / `find_in_parent_folders("NAME")`, searched from the parent of
/// `dir` upwards.
fn include(body: &Body, scope: &Scope<'_>, dir: &Path) -> Option<Included> {
    let block = body.get_blocks("include").next()?;
    let path = &block.body.get_attribute("path")?.value;
    let path = match path {
        Expression::FuncCall(call) if call.name.name.as_str() == "find_in_parent_folders" => {
            let name = match call.args.iter().next() {
                None => DEFAULT_PARENT.to_string(),
                Some(arg) => match scope.evaluate(arg) {
                    Evaluated::Known(Value::String(s)) => s,
                    _ => return None,
                },
            };
            find_in_parent_folders(dir, &name)?
        }
        e => match scope.evaluate(e) {
            Evaluated::Known(Value::String(s)) => lexical(&dir.join(s)),
            _ => return None,
        },
    };
    let text = super::read_regular(&path, LARGEST)?;
    let body = super::hcl::parse(&text).ok()?;
    Some(Included { path, text, body })
}

/// The nearest `name` above `dir` (not in it), as Terragrunt's function finds it.
fn find_in_parent_folders(dir: &Path, name: &str) -> Option<PathBuf> {
    let start = std::path::absolute(dir).ok()?;
    for up in start.ancestors().skip(1) {
        let candidate = up.join(name);
        if candidate.is_file() {
            // Shown relative to the linted file's directory, as its other labels are.
            let mut back = PathBuf::from(dir);
            for _ in up.components().count()..start.components().count() {
                back.push("..");
            }
            return Some(lexical(&back.join(name)));
        }
    }
    None
}

/// The module directory `terraform { source = ... }` names, when it is a local path on disk
/// (`//` separates the root from the module's subdirectory, as in Terraform's sources).
fn source(body: &Body, scope: &Scope<'_>, dir: &Path) -> Option<PathBuf> {
    let block = body.get_blocks("terraform").next()?;
    let source = &block.body.get_attribute("source")?.value;
    let Evaluated::Known(Value::String(source)) = scope.evaluate(source) else {
        return None;
    };
    let local = source.starts_with("./") || source.starts_with("../") || source.starts_with('/');
    if !local || source.contains("::") || source.contains("://") {
        return None;
    }
    let path = lexical(&dir.join(source.replace("//", "/")));
    path.is_dir().then_some(path)
}
