//! Terraform files through the whole engine: unknown values never carry a finding, resources
//! keep their addresses, and the JSON output says which request a finding is about.

mod common;

use common::*;
use hcl_edit::Span as _;
use hcl_edit::structure::Body;
use reqlint::{InputKind, LintOptions};
use std::collections::BTreeSet;

fn lint(text: &str) -> reqlint::FileReport {
    reqlint::lint_bytes(
        "main.tf",
        text.as_bytes(),
        InputKind::Terraform,
        LintOptions::default(),
    )
}

/// Every attribute value of every resource block (and of blocks nested in it), as byte ranges.
fn attribute_values(body: &Body, out: &mut Vec<std::ops::Range<usize>>) {
    for attr in body.attributes() {
        if let Some(span) = attr.value.span() {
            out.push(span);
        }
    }
    for block in body.blocks() {
        attribute_values(&block.body, out);
    }
}

fn terraform_fixtures() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fixtures("valid")
        .into_iter()
        .chain(fixtures("invalid"))
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.retain(|p| !p.to_string_lossy().contains("RQL012"));
    files
}

/// The property of the front-end seam: replacing any literal attribute with a variable that
/// has no default makes that value unknown, which removes the findings on it and adds none.
#[test]
fn an_unknown_value_removes_its_findings_and_adds_none() {
    let files = terraform_fixtures();
    assert!(files.len() >= 15, "only {} Terraform fixtures", files.len());
    let (replaced, removed) = unknown_values_property(files, "resource", InputKind::Terraform);
    assert!(replaced >= 60, "only {replaced} attributes replaced");
    assert!(
        removed >= 5,
        "only {removed} findings removed: the property saw nothing"
    );
}

/// The same property for Packer sources: any attribute replaced by an undefined variable.
#[test]
fn an_unknown_packer_value_removes_its_findings_and_adds_none() {
    let files: Vec<_> = fixtures("valid")
        .into_iter()
        .chain(fixtures("invalid"))
        .filter(|p| p.to_string_lossy().ends_with(".pkr.hcl"))
        .collect();
    assert!(files.len() >= 8, "only {} Packer fixtures", files.len());
    let (replaced, removed) = unknown_values_property(files, "source", InputKind::Packer);
    assert!(replaced >= 40, "only {replaced} attributes replaced");
    assert!(
        removed >= 4,
        "only {removed} findings removed: the property saw nothing"
    );
}

/// Replaces each attribute value of every `block` of `files` in turn by an undefined
/// variable; returns how many were replaced and how many findings that removed.
fn unknown_values_property(
    files: Vec<std::path::PathBuf>,
    block: &str,
    kind: InputKind,
) -> (usize, usize) {
    let mut replaced = 0;
    let mut removed = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let body = hcl_edit::parser::parse_body(&text).unwrap();
        let folder = module_dir(&path).map(|d| std::sync::Arc::new(reqlint::Folder::new(d)));
        // The organisation checks of a fixture folder's configuration are held to it too.
        let config = fixture_config(path.strip_prefix(root()).unwrap_or(&path));
        let lint = |text: &str| {
            let mut options = match folder.clone() {
                Some(f) => LintOptions::default().folder(f),
                None => LintOptions::default(),
            };
            if let Some(config) = config.clone() {
                options = options.config(config).path(path.clone());
            }
            reqlint::lint_bytes("fixture", text.as_bytes(), kind, options)
        };
        let before = lint(&text);
        let keys = |r: &reqlint::FileReport| -> BTreeSet<(String, String)> {
            r.diagnostics
                .iter()
                .map(|d| (d.code.to_string(), d.pointer.clone()))
                .collect()
        };
        let places = |r: &reqlint::FileReport| -> BTreeSet<String> {
            r.diagnostics.iter().map(|d| d.pointer.clone()).collect()
        };
        let before_places = places(&before);
        let mut values = Vec::new();
        for block in body.get_blocks(block) {
            attribute_values(&block.body, &mut values);
        }
        for range in values {
            let edited = format!(
                "{}var.reqlint_undefined{}",
                &text[..range.start],
                &text[range.end..]
            );
            let after = lint(&edited);
            let after_keys = keys(&after);
            let name = path.display();
            // No finding at a new place. (At the same place another rule may speak: 17 data
            // disks of which one has an unknown type are still 18 mappings, ALI016, where
            // ALI015 spoke for both.)
            let after_places = places(&after);
            assert!(
                after_places.is_subset(&before_places),
                "{name}: making `{}` unknown added findings at {:?}",
                &text[range.clone()],
                after_places.difference(&before_places).collect::<Vec<_>>()
            );
            for d in before
                .diagnostics
                .iter()
                .filter(|d| d.span.offset >= range.start && d.span.end() <= range.end)
            {
                assert!(
                    !after_keys.contains(&(d.code.to_string(), d.pointer.clone())),
                    "{name}: {} stayed on the unknown `{}`",
                    d.code,
                    &text[range.clone()]
                );
                removed += 1;
            }
            replaced += 1;
        }
    }
    (replaced, removed)
}

#[test]
fn json_output_names_the_resource_and_its_api() {
    let text = "resource \"alicloud_image\" \"web\" {\n  instance_id = alicloud_instance.web.id\n  image_name  = \"2024-web\"\n}\n";
    let report = lint(text);
    let json: serde_json::Value = serde_json::from_str(&reqlint::render::json(&[report])).unwrap();
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "ALI003");
    assert_eq!(d["resource"], "alicloud_image.web");
    assert_eq!(d["api"], "alibaba-ecs-create-image");
    assert_eq!(d["pointer"], "/ImageName");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(17))
    );
    assert_eq!(json["files"][0]["api"], "alibaba-ecs-create-image");
}

#[test]
fn a_file_without_image_resources_or_with_a_syntax_error() {
    assert!(lint("variable \"x\" {}\n").diagnostics.is_empty());
    let broken = lint("resource \"alicloud_image\" \"x\" {\n");
    assert_eq!(broken.diagnostics.len(), 1);
    assert_eq!(broken.diagnostics[0].code, "RQL012");
}

#[test]
fn a_folder_walk_picks_tf_files() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(["check", "--format", "concise", "fixtures/terraform/invalid"])
        .current_dir(root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.contains(
            "ALI003-name-starts-with-a-digit.tf:3:17: error[ALI003] `image_name` \"2024-web-golden\" does not start with a letter or a Chinese character (alicloud_image.web)"
        ),
        "{text}"
    );
}

/// In a plan, a value unknown until apply is present only when the configuration writes its
/// attribute: a computed one (`disk_device_mapping` of an image made from an instance) may not
/// be sent at all, so nothing rests on it, not even its presence.
#[test]
fn plans_take_unknown_values_from_the_configuration() {
    let path = root().join("fixtures/terraform/valid/plan-alicloud-unknown-instance.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let lint_json = |t: &str| {
        reqlint::lint_bytes(
            "plan.json",
            t.as_bytes(),
            InputKind::Json,
            LintOptions::default(),
        )
    };
    assert!(lint_json(&text).diagnostics.is_empty());
    // Without the configuration, `instance_id` too might not be sent: still no finding.
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    plan.as_object_mut().unwrap().remove("configuration");
    let report = lint_json(&serde_json::to_string_pretty(&plan).unwrap());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    // A planned value the configuration does not write is still checked.
    plan["resource_changes"][0]["change"]["after"]["image_name"] = "aliyun-web".into();
    let report = lint_json(&serde_json::to_string_pretty(&plan).unwrap());
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["ALI003"], "{:?}", report.diagnostics);
    assert_eq!(
        report.diagnostics[0].resource.as_deref(),
        Some("alicloud_image.web")
    );
}

/// Locals that each use the next several times grow exponentially: past a budget the value is
/// unknown (no finding), instead of a lint that does not end. Four uses over eight levels
/// would be 65,536 evaluations; fully worked out, the name would be refused.
#[test]
fn exponential_locals_are_unknown_not_slow() {
    let mut text = String::from("locals {\n");
    for i in 0..8 {
        let next = format!("${{local.l{}}}", i + 1);
        text.push_str(&format!("  l{i} = \"{}\"\n", next.repeat(4)));
    }
    text.push_str("  l8 = \"1\"\n}\n");
    text.push_str("resource \"alicloud_image\" \"x\" {\n  image_name = local.l0\n  instance_id = \"i-1\"\n}\n");
    assert!(
        lint(&text).diagnostics.is_empty(),
        "{}",
        snapshot(&lint(&text))
    );
    // Two levels are worked out, and the name (\"1111...\") is refused.
    let small = "locals {\n  l0 = \"${local.l1}${local.l1}\"\n  l1 = \"11\"\n}\nresource \"alicloud_image\" \"x\" {\n  image_name = local.l0\n  instance_id = \"i-1\"\n}\n";
    assert_eq!(lint(small).diagnostics[0].code, "ALI003");
}
