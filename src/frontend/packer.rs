//! Packer: the image request a `source` block of a `.pkr.hcl` template makes the builder send
//! at the end of the build, and the same for the `builders` of a legacy JSON template.
//!
//! Which builder sends which API, and which option becomes which member, is data kept beside
//! each API (`rules/<api>/packer.json`), read from the plugins' request-building code. Values
//! are evaluated by the same code as Terraform's (`frontend::hcl`): literals, `var.NAME` (from
//! `*.pkrvars.hcl`, else the default), `local.NAME`, templates with known parts. Packer's
//! functions and `{{ ... }}` segments are unknown. What the builder fills in at build time
//! (the build instance, a data disk's volume) is present and unknown; what it adds (the
//! `image_type` metadata item, the `-vdb` suffix of a data disk image's name) is part of the
//! request.

use super::folder::{Folder, Tool};
use super::hcl::{Evaluated, Scope, span_of};
use super::mapping::{Builder, Mapping, Tables, is_set, load};
use super::{Request, SyntaxError};
use super::{terraform_json, terraform_plan};
use crate::api::Api;
use crate::parse::{Part, SharedTree};
use crate::pointer;
use hcl_edit::Span as _;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// Every builder reqlint knows, with the requests it may send.
fn mappings() -> &'static Tables {
    static ALL: LazyLock<Tables> = LazyLock::new(|| load(&crate::pack::files_named("packer.json")));
    &ALL
}

/// The builders reqlint lints, sorted.
pub fn builder_types() -> Vec<&'static str> {
    let mut types: Vec<&str> = mappings().keys().map(String::as_str).collect();
    types.sort_unstable();
    types
}

/// Every request a builder of type `kind` sends (a Huawei `system-data` build sends two).
fn chosen<'m>(
    kind: &str,
    set: impl Fn(&str) -> bool,
    value: impl Fn(&str) -> Option<Value>,
) -> Vec<(Api, &'m Mapping)> {
    mappings().get(kind).map_or_else(Vec::new, |list| {
        list.iter()
            .filter(|(_, m)| {
                m.when.iter().all(|a| set(a))
                    && !m.unless.iter().any(|a| set(a))
                    && m.holds(&set, &value)
            })
            .map(|(api, m)| (*api, m))
            .collect()
    })
}

/// The requests of a `.pkr.hcl` file's sources; `folder` supplies `*.pkrvars.hcl` values and
/// the variables and locals the template's other files declare.
pub fn requests(text: &str, folder: Option<&Folder>) -> Result<Vec<Request<'static>>, SyntaxError> {
    let body = super::hcl::parse(text)?;
    let scope = Scope::new(&body, folder, Tool::Packer, text.len());
    let mut out = Vec::new();
    for block in body.get_blocks("source") {
        let [kind, name] = block.labels.as_slice() else {
            continue;
        };
        let set = |name: &str| is_set(block, name);
        let value =
            |attribute: &str| match scope.evaluate(&block.body.get_attribute(attribute)?.value) {
                Evaluated::Known(v) => Some(v),
                _ => None,
            };
        for (api, mapping) in chosen(kind.as_str(), set, value) {
            let header = span_of(kind.span()).merge(span_of(name.span()));
            let mut request = Builder::new(&scope, header);
            request.resource(block, mapping, None);
            let resource = format!("source.{}.{}", kind.as_str(), name.as_str());
            out.push(copied(
                request.into_request(api, mapping, resource),
                mapping,
            ));
        }
    }
    Ok(out)
}

/// Whether a JSON document is a legacy Packer template: it has a `builders` array of objects
/// with a `type`.
pub fn is_template(document: &Map<String, Value>) -> bool {
    matches!(document.get("builders"), Some(Value::Array(b))
        if !b.is_empty() && b.iter().all(|x| x.get("type").is_some_and(Value::is_string)))
}

/// Whether a JSON document is an HCL2 template in JSON syntax (`.pkr.json`): it has `source`
/// and nothing that is not a Packer block type.
pub fn is_hcl_json(document: &Map<String, Value>) -> bool {
    const BLOCKS: [&str; 7] = [
        "source", "build", "variable", "locals", "local", "packer", "data",
    ];
    document.contains_key("source") && document.keys().all(|k| BLOCKS.contains(&k.as_str()))
}

/// The requests of an HCL2 template in JSON syntax: `{"source": {"BUILDER": {"NAME": {...}}}}`;
/// a string with `${ ... }` or `{{ ... }}` is unknown.
pub fn hcl_json_requests<'a>(text: &'a str, document: &Map<String, Value>) -> Vec<Request<'a>> {
    let tree = SharedTree::new(text);
    terraform_json::labelled(document, "source")
        .into_iter()
        .flat_map(|(kind, name, at, options)| {
            json_requests(&tree, kind, options, &at, format!("source.{kind}.{name}"))
        })
        .collect()
}

/// The requests of one builder written as JSON (legacy `builders[i]`, or a `.pkr.json`
/// source) at `at` in the document (whose span tree is `tree`).
fn json_requests<'a>(
    tree: &SharedTree<'a>,
    kind: &str,
    options: &Map<String, Value>,
    at: &str,
    resource: String,
) -> Vec<Request<'a>> {
    // `{{ ... }}` segments and `${ ... }` interpolations are filled in at build time.
    let unknown = terraform_json::marked(&Value::Object(options.clone()), &["{{", "${"]);
    let set = |a: &str| options.get(a).is_some_and(|v| !v.is_null());
    let value = |a: &str| {
        options
            .get(a)
            .filter(|v| !v.is_null() && unknown.get(a) != Some(&Value::Bool(true)))
            .cloned()
    };
    let mut out = Vec::new();
    for (api, mapping) in chosen(kind, set, value) {
        let mut request = terraform_plan::Builder::new();
        request.resource(mapping, options, &unknown, Some(options), at);
        request.settle(mapping, Some(options));
        let header = (at.to_string(), Part::Key);
        let mut request = request.into_request(api, mapping, tree, header, Some(resource.clone()));
        request.partial = super::json_partials(mapping, options, &["{{", "${"], &request.unknown);
        out.push(copied(request, mapping));
    }
    out
}

/// The request with the members its builder copies from another request marked as such.
fn copied<'a>(mut request: Request<'a>, mapping: &Mapping) -> Request<'a> {
    for to in &mapping.copies {
        if request.body.pointer(to).is_some() {
            request.implied.push(to.clone());
        }
    }
    request
}

/// The requests of a legacy JSON template's builders.
pub fn template_requests<'a>(text: &'a str, document: &Map<String, Value>) -> Vec<Request<'a>> {
    let Some(Value::Array(builders)) = document.get("builders") else {
        return Vec::new();
    };
    let tree = SharedTree::new(text);
    let mut out = Vec::new();
    for (i, builder) in builders.iter().enumerate() {
        let Value::Object(options) = builder else {
            continue;
        };
        let Some(kind) = options.get("type").and_then(Value::as_str) else {
            continue;
        };
        let name = options
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(|| format!("builders[{i}]"), str::to_string);
        let at = pointer::push_index("/builders", i);
        out.extend(json_requests(&tree, kind, options, &at, name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requests_of(text: &str) -> Vec<Request<'static>> {
        requests(text, None).unwrap_or_else(|e| panic!("{}", e.message))
    }

    #[test]
    fn huawei_image_type_chooses_the_requests() {
        let sources = |image_type: &str, extra: &str| {
            format!(
                "source \"huaweicloud-ecs\" \"x\" {{\n  image_name = \"img\"\n  {image_type}\n  {extra}\n}}\n"
            )
        };
        let apis = |text: String| -> Vec<(Api, bool)> {
            requests_of(&text)
                .iter()
                .map(|r| (r.api, r.body.get("data_images").is_some()))
                .collect()
        };
        let system = (Api::HuaweiImsCreateImage, false);
        let data = (Api::HuaweiImsCreateImage, true);
        let whole = (Api::HuaweiImsCreateWholeImage, false);
        assert_eq!(apis(sources("", "")), vec![system]);
        assert_eq!(
            apis(sources("", "data_volumes {\n size = 10\n}")),
            vec![data]
        );
        assert_eq!(
            apis(sources("vault_id = \"v\"", "data_volumes {\n size = 10\n}")),
            vec![whole]
        );
        assert_eq!(
            apis(sources("image_type = \"system-data\"", "")),
            vec![system, data]
        );
        assert_eq!(apis(sources("image_type = \"full-ecs\"", "")), vec![whole]);
        // Not known before the build: no request is guessed.
        assert_eq!(apis(sources("image_type = var.kind", "")), vec![]);
    }

    #[test]
    fn what_the_builders_add_is_part_of_the_request() {
        let text = r#"
source "huaweicloud-ecs" "d" {
  image_name = "img"
  image_type = "data-disk"
}
source "openstack" "o" {
  image_name = "web-{{timestamp}}"
  metadata = {
    os_distro = "ubuntu"
  }
}
source "alicloud-ecs" "a" {
  image_name = "web"
  region     = "cn-hangzhou"
}
"#;
        let r = requests_of(text);
        assert_eq!(r[0].body["data_images"][0]["name"], "img-vdb");
        assert_eq!(r[0].body["data_images"][0]["description"], "");
        assert!(
            r[0].unknown
                .contains(&"/data_images/0/volume_id".to_string())
        );
        assert_eq!(r[1].body["createImage"]["metadata"]["image_type"], "image");
        assert_eq!(r[1].body["createImage"]["metadata"]["os_distro"], "ubuntu");
        assert!(r[1].unknown.contains(&"/createImage/name".to_string()));
        assert_eq!(r[2].body["RegionId"], "cn-hangzhou");
        assert!(r[2].unknown.contains(&"/InstanceId".to_string()));
        assert!(!r[2].unknown.contains(&"/RegionId".to_string()));
    }
}
