//! Terraform: the image resources of a `.tf` file as the provider will send them.
//!
//! Which resource sends which API, and which attribute becomes which member, is data kept beside
//! each API (`rules/<api>/terraform.json`), read from the providers' request-building code. The
//! HCL is parsed with `hcl-edit`, which keeps the byte span of every key and value, so a finding
//! is underlined on the attribute the user wrote. Values are evaluated as far as the file fixes
//! them: literals, templates without interpolation, maps and lists of those, and variables whose
//! default the file declares. Anything else (references to other resources, functions,
//! conditionals, `dynamic` blocks, provider-side defaults the file does not fix) is unknown: the
//! member is present, and the engine lets no finding rest on it.

use super::folder::{Folder, Tool};
use super::hcl::{Evaluated, Scope, span_of};
use super::mapping::{Builder, Caller, Tables, is_set, is_zero, load};
pub(super) use super::mapping::{Mapping, insert_at, written_names};
use super::{Request, SyntaxError};
use crate::api::Api;
use crate::diagnostic::Span;
use hcl_edit::Span as _;
use hcl_edit::structure::{Block, Body};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Every resource type reqlint knows, with the requests it may send.
fn mappings() -> &'static Tables {
    static ALL: LazyLock<Tables> =
        LazyLock::new(|| load(&crate::pack::files_named("terraform.json")));
    &ALL
}

/// The request a resource of type `kind` sends, given which attributes are set (`set`).
pub(super) fn mapping_for(
    kind: &str,
    set: impl Fn(&str) -> bool,
) -> Option<(Api, &'static Mapping)> {
    mappings()
        .get(kind)?
        .iter()
        .find(|(_, m)| m.when.iter().all(|a| set(a)) && !m.unless.iter().any(|a| set(a)))
        .map(|(api, m)| (*api, m))
}

/// The API a resource of type `kind` creates an image through, when reqlint does not cover it
/// (`rules/uncovered/terraform.json`): the resource is seen, not checked, and an advice says so.
pub(super) fn uncovered(kind: &str) -> Option<&'static str> {
    static ALL: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
        #[derive(serde::Deserialize)]
        struct File {
            terraform: HashMap<String, String>,
        }
        let file: File =
            serde_json::from_str(crate::pack::file("uncovered/terraform.json").expect("bundled"))
                .expect("bundled uncovered.json is valid");
        file.terraform
    });
    ALL.get(kind).map(String::as_str)
}

/// The resource types reqlint lints, sorted.
pub fn resource_types() -> Vec<&'static str> {
    let mut types: Vec<&str> = mappings().keys().map(String::as_str).collect();
    types.sort_unstable();
    types
}

/// The requests of a `.tf` file's image resources, and of the modules it calls (placed where
/// this file writes their values); `folder` (the module's directory) supplies `.tfvars` values,
/// the variables and locals other files declare, and the modules it calls.
///
/// `name` is the file's name: OpenTofu reads `NAME.tofu` in place of `NAME.tf`, and an override
/// file (`override.tf`, `*_override.tf`) is merged into the blocks it overrides, attribute by
/// attribute, as Terraform merges it: a finding on a value it overrides is placed there.
pub fn requests(
    text: &str,
    name: &str,
    folder: Option<&Folder>,
) -> Result<Vec<Request<'static>>, SyntaxError> {
    let body = super::hcl::parse(text)?;
    if folder.is_some_and(|f| f.on_disk() && f.shadows(name)) {
        return Ok(Vec::new());
    }
    let overrides: Vec<&Block> = folder
        .map(|f| f.overrides())
        .unwrap_or_default()
        .iter()
        .filter(|p| p.name != name)
        .flat_map(|p| p.body.get_blocks("resource"))
        .collect();
    let this_overrides = super::folder::is_override(name);
    // The blocks as Terraform merges them, each with what this file writes of it.
    let mut merged: Vec<(Block, Span, Written)> = Vec::new();
    for block in body.get_blocks("resource") {
        let header = labels_span(block);
        let same = |b: &&Block| {
            b.labels
                .iter()
                .map(|l| l.as_str())
                .eq(block.labels.iter().map(|l| l.as_str()))
        };
        if this_overrides {
            // Merged into the block of another file it overrides; alone it is no resource.
            let bases = folder.map(|f| f.bases()).unwrap_or_default();
            let Some(base) = bases
                .iter()
                .flat_map(|p| p.body.get_blocks("resource"))
                .find(same)
            else {
                continue;
            };
            let mut whole = base.clone();
            // Every override file, in name order, this one among them.
            let mut all: Vec<(&str, &Block)> = folder
                .map(|f| f.overrides())
                .unwrap_or_default()
                .iter()
                .filter(|p| p.name != name)
                .flat_map(|p| {
                    p.body
                        .get_blocks("resource")
                        .filter(same)
                        .map(|b| (p.name.as_str(), b))
                })
                .collect();
            all.push((name, block));
            all.sort_by_key(|(n, _)| *n);
            for (_, over) in all {
                whole = merge_block(&whole, over);
            }
            merged.push((whole, header, Written::Only(overridden_names(block))));
        } else {
            let mine: Vec<&Block> = overrides.iter().copied().filter(same).collect();
            if mine.is_empty() {
                continue;
            }
            let mut whole = block.clone();
            let mut theirs = Vec::new();
            for over in mine {
                theirs.extend(overridden_names(over));
                whole = merge_block(&whole, over);
            }
            merged.push((whole, header, Written::Except(theirs)));
        }
    }
    let scope = Scope::new(&body, folder, Tool::Terraform, text.len());
    let mut out = Vec::new();
    let units: Vec<Unit<'_>> = if this_overrides {
        merged
            .iter()
            .map(|(block, header, written)| Unit {
                block,
                header: *header,
                written: written.clone(),
            })
            .collect()
    } else {
        body.get_blocks("resource")
            .map(|block| {
                let header = labels_span(block);
                match merged.iter().find(|(_, h, _)| *h == header) {
                    Some((whole, _, written)) => Unit {
                        block: whole,
                        header,
                        written: written.clone(),
                    },
                    None => Unit {
                        block,
                        header,
                        written: Written::Except(Vec::new()),
                    },
                }
            })
            .collect()
    };
    resources_of(units, &scope, None, &mut out);
    if let Some(folder) = folder.filter(|f| f.on_disk()) {
        super::modules::calls(&body, &scope, folder.dir(), &mut out);
    }
    Ok(out)
}

/// Which attributes and nested blocks of a merged block the linted file writes.
#[derive(Clone)]
pub(super) enum Written {
    /// Only these (an override file's block): the rest are the overridden file's.
    Only(Vec<String>),
    /// All but these (a block that override files change).
    Except(Vec<String>),
}

/// A resource block to build a request from, and where it is.
pub(super) struct Unit<'a> {
    pub(super) block: &'a Block,
    /// The block's labels in the linted file.
    pub(super) header: Span,
    pub(super) written: Written,
}

fn labels_span(block: &Block) -> Span {
    block
        .labels
        .iter()
        .map(|l| span_of(l.span()))
        .reduce(Span::merge)
        .unwrap_or_else(|| span_of(block.ident.span()))
}

/// The attribute names and nested block types an override block writes.
fn overridden_names(block: &Block) -> Vec<String> {
    block
        .body
        .iter()
        .map(|s| match s {
            hcl_edit::structure::Structure::Attribute(a) => a.key.to_string(),
            hcl_edit::structure::Structure::Block(b) => block_type(b).to_string(),
        })
        .collect()
}

/// A nested block's type: its identifier, or for `dynamic "NAME"`, NAME.
fn block_type(block: &Block) -> &str {
    match block.ident.as_str() {
        "dynamic" => block.labels.first().map_or("dynamic", |l| l.as_str()),
        ident => ident,
    }
}

/// `base` as an override block `over` changes it: each attribute of `over` replaces the one of
/// the same name, and its nested blocks replace every nested block of their type.
pub(super) fn merge_block(base: &Block, over: &Block) -> Block {
    let mut merged = base.clone();
    for attr in over.body.attributes() {
        merged.body.remove_attribute(attr.key.as_str());
        merged.body.push(attr.clone());
    }
    let types: Vec<&str> = over.body.blocks().map(block_type).collect();
    if !types.is_empty() {
        let kept: Vec<hcl_edit::structure::Structure> = merged
            .body
            .iter()
            .filter(|s| !matches!(s, hcl_edit::structure::Structure::Block(b) if types.contains(&block_type(b))))
            .cloned()
            .collect();
        merged.body.clear();
        for s in kept {
            merged.body.push(s);
        }
        for b in over.body.blocks() {
            merged.body.push(b.clone());
        }
    }
    merged
}

/// The requests of a `.tf` file's own image resources (not of the modules it calls).
pub(super) fn own_requests(
    text: &str,
    folder: Option<&Folder>,
) -> Result<Vec<Request<'static>>, SyntaxError> {
    let body = super::hcl::parse(text)?;
    let scope = Scope::new(&body, folder, Tool::Terraform, text.len());
    let mut out = Vec::new();
    resources(&body, &scope, None, &mut out);
    Ok(out)
}

/// A module called by the linted file, whose requests are located at the call.
pub(super) struct Call<'c> {
    /// `module "NAME"` in the linted file (the outermost call, for a module a module calls).
    pub(super) header: Span,
    /// The module's address, with a dot: `module.image["a"].`.
    pub(super) address: &'c str,
    /// The module's file as labels name it, and its text.
    pub(super) file: &'c str,
    pub(super) text: &'c std::sync::Arc<str>,
}

/// The requests of the image resources of `body`, a file of a module; `call`: the module is
/// called by the linted file, where they are located.
pub(super) fn resources<'a>(
    body: &'a Body,
    scope: &'a Scope<'a>,
    call: Option<&Call>,
    out: &mut Vec<Request<'static>>,
) {
    let units = body
        .get_blocks("resource")
        .map(|block| Unit {
            block,
            header: labels_span(block),
            written: Written::Except(Vec::new()),
        })
        .collect();
    resources_of(units, scope, call, out);
}

/// The requests of `units`, resource blocks of a file of a module whose scope is `scope`.
fn resources_of<'a>(
    units: Vec<Unit<'a>>,
    scope: &'a Scope<'a>,
    call: Option<&Call>,
    out: &mut Vec<Request<'static>>,
) {
    // A called module's providers are its caller's: their attributes are unknown here.
    let region = match call {
        None => provider_attributes(scope.body()),
        Some(_) => HashMap::new(),
    };
    for unit in units {
        let block = unit.block;
        let [kind, name] = block.labels.as_slice() else {
            continue;
        };
        // `count = 0`, or `for_each` over nothing: the resource is not created.
        let none = |meta: &str| {
            block.body.get_attribute(meta).is_some_and(
                |a| matches!(scope.evaluate(&a.value), Evaluated::Known(v) if is_zero(&v)),
            )
        };
        if none("count") || none("for_each") {
            continue;
        }
        let set = |name: &str| is_set(block, name);
        let address = format!("{}.{}", kind.as_str(), name.as_str());
        let Some((api, mapping)) = mapping_for(kind.as_str(), set) else {
            // Said once, where the module writes it.
            let own = !matches!(unit.written, Written::Only(_));
            if let (Some(api), None, true) = (uncovered(kind.as_str()), call, own) {
                out.push(Request::uncovered(address, api, unit.header));
            }
            continue;
        };
        let provider = kind.as_str().split('_').next().unwrap_or_default();
        let mut request = match call {
            None => Builder::new(scope, unit.header),
            Some(call) => Builder::called(
                scope,
                call.header,
                Caller {
                    resource: address.clone(),
                    file: call.file.to_string(),
                    text: call.text.clone(),
                },
            ),
        };
        request.resource(block, mapping, region.get(provider).copied());
        let resource = match call {
            None => address,
            Some(call) => format!("{}{address}", call.address),
        };
        let mut request = Request {
            cloud: crate::cloud::of_terraform_type(kind.as_str()),
            ..request.into_request(api, mapping, resource)
        };
        let pointers = |names: &[String]| -> Vec<String> {
            names.iter().flat_map(|n| mapping.pointers_of(n)).collect()
        };
        match &unit.written {
            Written::Only(names) => request.supplied = Some(pointers(names)),
            Written::Except(names) => request.excluded = pointers(names),
        }
        out.push(request);
    }
}

/// The attributes of each provider block (by provider name) that fix request members.
fn provider_attributes(body: &Body) -> HashMap<&str, &Body> {
    body.get_blocks("provider")
        .filter_map(|b| Some((b.labels.first()?.as_str(), &b.body)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Part;

    #[test]
    fn attributes_tags_and_unknowns() {
        let text = r#"
variable "image_name" {
  default = "web-image"
}

resource "huaweicloud_ims_ecs_system_image" "web" {
  name        = var.image_name
  instance_id = huaweicloud_compute_instance.web.id
  description = "made by ${var.who}"
  min_ram     = 1024
  tags = {
    env  = "prod"
    team = var.team
  }
}

resource "huaweicloud_vpc" "other" {
  name = "not an image"
}
"#;
        let requests = requests(text, "main.tf", None).unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(requests.len(), 1);
        let r = &requests[0];
        assert_eq!(r.api, Api::HuaweiImsCreateImage);
        assert_eq!(
            r.resource.as_deref(),
            Some("huaweicloud_ims_ecs_system_image.web")
        );
        assert_eq!(r.body["name"], "web-image");
        assert_eq!(r.body["min_ram"], 1024);
        assert_eq!(
            r.body["image_tags"][0],
            serde_json::json!({"key": "env", "value": "prod"})
        );
        assert!(r.unknown.contains(&"/instance_id".to_string()));
        assert!(r.unknown.contains(&"/description".to_string()));
        assert!(r.unknown.contains(&"/image_tags/1/value".to_string()));
        // The value of `name` is underlined where the resource uses it.
        let span = r.locator.span("/name", Part::Value).unwrap();
        assert_eq!(&text[span.offset..span.end()], "var.image_name");
        let span = r.locator.span("/image_tags/0/key", Part::Key).unwrap();
        assert_eq!(&text[span.offset..span.end()], "env");
    }

    #[test]
    fn blocks_defaults_and_the_provider_region() {
        let text = r#"
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_image" "disks" {
  image_name = "from-disks"
  disk_device_mapping {
    snapshot_id = "s-1"
    disk_type   = "system"
  }
  disk_device_mapping {
    size      = 40
    disk_type = "data"
  }
}
"#;
        let r = &requests(text, "main.tf", None).unwrap_or_else(|e| panic!("{}", e.message))[0];
        assert_eq!(r.body["RegionId"], "cn-hangzhou");
        assert_eq!(r.body["Architecture"], "x86_64");
        assert_eq!(r.body["DiskDeviceMapping"][1]["Size"], 40);
        assert_eq!(r.unknown, vec!["/ClientToken".to_string()]);
        let span = r
            .locator
            .span("/DiskDeviceMapping/1/Size", Part::Value)
            .unwrap();
        assert_eq!(&text[span.offset..span.end()], "40");
    }

    #[test]
    fn the_provider_enterprise_project_stands_in_for_the_resources() {
        // `cfg.GetEnterpriseProjectID(d)`: the resource's own value, else the provider's.
        let with = |provider: &str, resource: &str| {
            let text = format!(
                "{provider}\nresource \"huaweicloud_images_image\" \"x\" {{\n  name = \"a\"\n  instance_id = \"i\"\n  {resource}\n}}\n"
            );
            let r = requests(&text, "main.tf", None).unwrap_or_else(|e| panic!("{}", e.message));
            (
                r[0].body.get("enterprise_project_id").cloned(),
                r[0].unknown.clone(),
            )
        };
        let eps = "provider \"huaweicloud\" {\n  enterprise_project_id = \"0\"\n}";
        let own = "enterprise_project_id = \"1\"";
        assert_eq!(with(eps, "").0, Some("0".into()));
        assert_eq!(with(eps, own).0, Some("1".into()));
        assert_eq!(
            with(eps, "enterprise_project_id = \"\"").0,
            Some("0".into())
        );
        assert_eq!(with("", own).0, Some("1".into()));
        // Not set in the file: HW_ENTERPRISE_PROJECT_ID may set it.
        let (value, unknown) = with("", "");
        assert!(value.is_some());
        assert_eq!(unknown, vec!["/enterprise_project_id".to_string()]);
        // Set to "": `omitempty`, not sent.
        let empty = "provider \"huaweicloud\" {\n  enterprise_project_id = \"\"\n}";
        assert_eq!(with(empty, "").0, None);
        // FlexibleEngine's provider block has no enterprise project.
        let text = "provider \"flexibleengine\" {\n  enterprise_project_id = \"0\"\n}\nresource \"flexibleengine_images_image\" \"x\" {\n  name = \"a\"\n  instance_id = \"i\"\n}\n";
        let r = requests(text, "main.tf", None).unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(r[0].body.get("enterprise_project_id"), None);
    }

    #[test]
    fn a_syntax_error_is_one_error_at_its_place() {
        let text = "resource \"alicloud_image\" \"x\" {\n  image_name = \n}\n";
        let e = requests(text, "main.tf", None)
            .err()
            .expect("a syntax error");
        assert!(
            e.message.starts_with("the file is not valid HCL"),
            "{}",
            e.message
        );
        assert!(e.span.offset > 30, "{}", e.span.offset);
    }
}
