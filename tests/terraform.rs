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
/// Not `count` and `for_each`: they decide whether a block is sent, not what it sends, and a
/// known value in a block that may be created is still checked (`count = 0` made unknown may
/// bring findings back).
fn attribute_values(body: &Body, out: &mut Vec<std::ops::Range<usize>>) {
    for attr in body
        .attributes()
        .filter(|a| !matches!(a.key.as_str(), "count" | "for_each"))
    {
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

/// The property across a module boundary: an argument of a `module` call made unknown
/// removes the findings on it and adds none (in the caller or in the modules it reaches).
#[test]
fn an_unknown_module_argument_removes_its_findings_and_adds_none() {
    let files: Vec<_> = terraform_fixtures()
        .into_iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("module \"")))
        .collect();
    assert!(
        files.len() >= 4,
        "only {} module-call fixtures",
        files.len()
    );
    let (replaced, removed) = unknown_values_property(files, "module", InputKind::Terraform);
    assert!(replaced >= 20, "only {replaced} arguments replaced");
    assert!(
        removed >= 4,
        "only {removed} findings removed: the property saw nothing"
    );
}

/// A module's value comes from its caller: walking the whole configuration reports the
/// finding once, on the caller's argument (the module linted on its own has only an input),
/// with the instance in the address.
#[test]
fn a_module_argument_is_reported_once_where_it_is_written() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args([
            "check",
            "--format",
            "json",
            "fixtures/terraform/invalid/ALI024-module-tags-for-each",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, String)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap().to_string();
            f["diagnostics"].as_array().unwrap().iter().map(move |d| {
                (
                    path.clone(),
                    d["code"].as_str().unwrap().to_string(),
                    d["resource"].as_str().unwrap_or_default().to_string(),
                )
            })
        })
        .collect();
    assert_eq!(
        found,
        vec![(
            "fixtures/terraform/invalid/ALI024-module-tags-for-each/main.tf".to_string(),
            "ALI024".to_string(),
            "module.image[\"db\"].alicloud_image.this".to_string()
        )],
        "{found:?}"
    );
}

/// Terragrunt's usual layout: `live/<env>/terragrunt.hcl` includes the repository's root
/// `terragrunt.hcl` through `find_in_parent_folders()` and names a module by a local source with
/// `//`. A finding on a child's input is underlined in that child; one on an input of the root
/// file is underlined there, once however many children include it.
#[test]
fn terragrunt_inputs_and_find_in_parent_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "modules/image/main.tf",
        "variable \"image_name\" {}\nvariable \"instance_id\" {}\nvariable \"description\" {\n  default = \"\"\n}\n\nresource \"alicloud_image\" \"this\" {\n  image_name  = var.image_name\n  instance_id = var.instance_id\n  description = var.description\n}\n",
    );
    write(
        "terragrunt.hcl",
        "inputs = {\n  description = \"http://wiki/golden\"\n}\n",
    );
    for env in ["dev", "prod"] {
        write(
            &format!("live/{env}/terragrunt.hcl"),
            &format!(
                "include \"root\" {{\n  path = find_in_parent_folders()\n}}\n\nterraform {{\n  source = \"../../modules//image\"\n}}\n\ninputs = {{\n  image_name  = \"golden {env}\"\n  instance_id = \"i-bp1{env}\"\n}}\n"
            ),
        );
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(["check", "--format", "concise", "."])
        .current_dir(root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("error[")).collect();
    assert_eq!(
        lines,
        [
            "live/dev/terragrunt.hcl:10:17: error[ALI003] `image_name` \"golden dev\" contains a space, which is not allowed (alicloud_image.this)",
            "live/prod/terragrunt.hcl:10:17: error[ALI003] `image_name` \"golden prod\" contains a space, which is not allowed (alicloud_image.this)",
            "terragrunt.hcl:2:17: error[ALI005] `description` starts with a URL (alicloud_image.this)",
        ],
        "{text}"
    );
}

/// OpenTofu's `.tofu` files are read like `.tf` files, and `NAME.tofu` hides `NAME.tf`; an
/// override file merges into the block it overrides, and a finding on a value it overrides is
/// placed in it (the overridden value is never sent, and an override block alone is no
/// resource).
#[test]
fn opentofu_files_and_override_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |name: &str, text: &str| std::fs::write(root.join(name), text).unwrap();
    write(
        "main.tf",
        "resource \"alicloud_image\" \"web\" {\n  image_name  = \"never sent\"\n  instance_id = \"i-1\"\n  description = \"http://wiki/web\"\n}\n",
    );
    write(
        "web_override.tf",
        "resource \"alicloud_image\" \"web\" {\n  image_name = \"sent instead\"\n}\n\nresource \"alicloud_image\" \"nowhere\" {\n  image_name = \"no base block\"\n}\n",
    );
    write(
        "old.tf",
        "resource \"alicloud_image\" \"old\" {\n  image_name  = \"terraform only\"\n  instance_id = \"i-1\"\n}\n",
    );
    write(
        "old.tofu",
        "resource \"alicloud_image\" \"old\" {\n  image_name  = \"opentofu reads this\"\n  instance_id = \"i-1\"\n}\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(["check", "--format", "concise", "."])
        .current_dir(root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("error[")).collect();
    assert_eq!(
        lines,
        [
            "main.tf:4:17: error[ALI005] `description` starts with a URL (alicloud_image.web)",
            "old.tofu:2:17: error[ALI003] `image_name` \"opentofu reads this\" contains a space, which is not allowed (alicloud_image.old)",
            "web_override.tf:2:16: error[ALI003] `image_name` \"sent instead\" contains a space, which is not allowed (alicloud_image.web)",
        ],
        "{text}"
    );
}

/// The property of partly known strings: a finding on a string with unknown parts rests on its
/// known parts only, so filling the unknown parts with any text never removes it (and no
/// finding rests on an unknown part, which some filling would remove).
mod partly_known {
    use super::lint;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// Text made of what the naming rules care about: letters, digits, separators, spaces,
    /// reserved prefixes, URLs, characters some clouds forbid.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("Z"),
                Just("7"),
                Just("-"),
                Just("_"),
                Just("."),
                Just(":"),
                Just(" "),
                Just("/"),
                Just("<"),
                Just("!"),
                Just("acs:"),
                Just("aliyun"),
                Just("http://"),
                Just("https://x"),
                Just("镜像"),
                Just("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    const RESOURCES: [(&str, &str, &str); 6] = [
        (
            "alicloud_image",
            "image_name",
            "instance_id = \"i-bp1aaaa\"",
        ),
        (
            "alicloud_image",
            "description",
            "instance_id = \"i-bp1aaaa\"\n  image_name = \"web\"",
        ),
        (
            "alicloud_image",
            "tags",
            "instance_id = \"i-bp1aaaa\"\n  image_name = \"web\"",
        ),
        (
            "huaweicloud_ims_ecs_system_image",
            "name",
            "instance_id = \"877a2cda-ba63-4e1e-b95f-e67e48b6129a\"",
        ),
        (
            "huaweicloud_ims_ecs_system_image",
            "description",
            "instance_id = \"877a2cda-ba63-4e1e-b95f-e67e48b6129a\"\n  name = \"web\"",
        ),
        (
            "huaweicloud_ims_ecs_system_image",
            "tags",
            "instance_id = \"877a2cda-ba63-4e1e-b95f-e67e48b6129a\"\n  name = \"web\"",
        ),
    ];

    fn escape(s: &str) -> String {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace("${", "$${")
            .replace("%{", "%%{")
    }

    fn findings(
        kind: &str,
        attribute: &str,
        rest: &str,
        value: &str,
    ) -> BTreeSet<(String, String)> {
        let assignment = match attribute {
            "tags" => format!("tags = {{\n    team = \"{value}\"\n  }}"),
            a => format!("{a} = \"{value}\""),
        };
        let text = format!(
            "variable \"u0\" {{}}\nvariable \"u1\" {{}}\nresource \"{kind}\" \"x\" {{\n  {rest}\n  {assignment}\n}}\n"
        );
        lint(&text)
            .diagnostics
            .iter()
            .map(|d| (d.code.to_string(), d.pointer.clone()))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn filling_the_unknown_parts_never_removes_a_finding(
            which in 0..RESOURCES.len(),
            head in text(),
            middle in text(),
            tail in text(),
            two_holes in any::<bool>(),
            fillings in proptest::collection::vec((text(), text()), 4),
        ) {
            let (kind, attribute, rest) = RESOURCES[which];
            let template = match two_holes {
                true => format!("{}${{var.u0}}{}${{var.u1}}{}", escape(&head), escape(&middle), escape(&tail)),
                false => format!("{}${{var.u0}}{}", escape(&head), escape(&tail)),
            };
            let partial = findings(kind, attribute, rest, &template);
            for (a, b) in &fillings {
                let whole = match two_holes {
                    true => format!("{head}{a}{middle}{b}{tail}"),
                    false => format!("{head}{a}{tail}"),
                };
                let filled = findings(kind, attribute, rest, &escape(&whole));
                prop_assert!(
                    partial.is_subset(&filled),
                    "{kind}.{attribute} = \"{template}\" gave {partial:?}; filled as {whole:?} it gives {filled:?}"
                );
            }
        }
    }
}
