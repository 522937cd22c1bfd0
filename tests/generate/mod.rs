//! Inputs of a chosen size for every front-end, shared by the hostile-input tests
//! (`tests/hostile.rs`) and the scaling benchmark (`benches/scaling.rs`). Each shape is one a
//! user's file may take, grown: many resources, many tags, many nested blocks, long scripts.
#![allow(dead_code)]

use std::fmt::Write as _;

/// A Terraform plan (`terraform show -json`) creating `n` `alicloud_image` resources, each
/// named `aliyun-web-I` (a name Alibaba refuses: every resource has a finding to locate), with
/// its configuration.
pub fn plan(n: usize) -> String {
    let mut changes = Vec::new();
    let mut resources = Vec::new();
    for i in 0..n {
        changes.push(serde_json::json!({
            "address": format!("alicloud_image.web{i}"),
            "mode": "managed",
            "type": "alicloud_image",
            "name": format!("web{i}"),
            "provider_name": "registry.terraform.io/aliyun/alicloud",
            "change": {
                "actions": ["create"],
                "before": null,
                "after": {
                    "image_name": format!("aliyun-web-{i}"),
                    "architecture": "x86_64",
                    "description": "a golden image",
                    "tags": {"env": "prod", "team": "web"}
                },
                "after_unknown": {"id": true, "instance_id": true, "disk_device_mapping": true}
            }
        }));
        resources.push(serde_json::json!({
            "address": format!("alicloud_image.web{i}"),
            "mode": "managed",
            "type": "alicloud_image",
            "name": format!("web{i}"),
            "provider_config_key": "alicloud",
            "expressions": {
                "image_name": {"constant_value": format!("aliyun-web-{i}")},
                "instance_id": {"references": ["alicloud_instance.web.id"]}
            }
        }));
    }
    let plan = serde_json::json!({
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "resource_changes": changes,
        "configuration": {"root_module": {"resources": resources}}
    });
    serde_json::to_string_pretty(&plan).unwrap()
}

/// The `.tf` file that configures [`plan`]`(n)`: `n` `alicloud_image` resources.
pub fn plan_configuration(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        writeln!(
            text,
            "resource \"alicloud_image\" \"web{i}\" {{\n  instance_id = alicloud_instance.web.id\n  image_name  = \"aliyun-web-{i}\"\n  description = \"a golden image\"\n  tags = {{\n    env  = \"prod\"\n    team = \"web\"\n  }}\n}}\n"
        )
        .unwrap();
    }
    text
}

/// A `.tf` file of `n` image resources (Alibaba and Huawei in turn), each with a finding.
pub fn terraform(n: usize) -> String {
    let mut text = String::from("variable \"prefix\" {\n  default = \"web\"\n}\n\n");
    for i in 0..n {
        if i % 2 == 0 {
            writeln!(
                text,
                "resource \"alicloud_image\" \"a{i}\" {{\n  instance_id = \"i-{i}\"\n  image_name  = \"aliyun-${{var.prefix}}-{i}\"\n  tags = {{\n    env = \"prod\"\n  }}\n  disk_device_mapping {{\n    size = 40\n  }}\n}}\n"
            )
            .unwrap();
        } else {
            writeln!(
                text,
                "resource \"huaweicloud_ims_ecs_system_image\" \"h{i}\" {{\n  name        = \"${{var.prefix}}-{i}\"\n  instance_id = \"877a2cda-ba63-4e1e-b95f-e67e48b6129a\"\n  min_ram     = 1024\n  tags = {{\n    \"bad key\" = \"x\"\n  }}\n}}\n"
            )
            .unwrap();
        }
    }
    text
}

/// One `alicloud_image` resource with `n` tags.
pub fn terraform_tags(n: usize) -> String {
    let mut text = String::from(
        "resource \"alicloud_image\" \"web\" {\n  instance_id = \"i-1\"\n  image_name  = \"web\"\n  tags = {\n",
    );
    for i in 0..n {
        writeln!(text, "    key{i} = \"value{i}\"").unwrap();
    }
    text.push_str("  }\n}\n");
    text
}

/// One `alicloud_image` resource with `n` `disk_device_mapping` blocks.
pub fn terraform_blocks(n: usize) -> String {
    let mut text = String::from(
        "resource \"alicloud_image\" \"web\" {\n  image_name = \"web\"\n  snapshot_id = \"s-1\"\n",
    );
    for i in 0..n {
        writeln!(
            text,
            "  disk_device_mapping {{\n    size        = {}\n    snapshot_id = \"s-{i}\"\n    disk_type   = \"data\"\n  }}",
            20 + i % 100
        )
        .unwrap();
    }
    text.push_str("}\n");
    text
}

/// One `alicloud_image` resource with `n` tags, every value the local `l0` that doubles
/// twelve times (`l0 = "${local.l1}${local.l1}"`, ..., `l12 = "x"`): 8,191 expressions to work
/// out each value, among `fillers` other locals.
pub fn terraform_doubling_locals(n: usize, fillers: usize) -> String {
    let mut text = String::from("locals {\n");
    for i in 0..fillers {
        writeln!(text, "  f{i} = {i}").unwrap();
    }
    for i in 0..12 {
        writeln!(text, "  l{i} = \"${{local.l{0}}}${{local.l{0}}}\"", i + 1).unwrap();
    }
    text.push_str("  l12 = \"x\"\n}\n");
    text.push_str(
        "resource \"alicloud_image\" \"web\" {\n  instance_id = \"i-1\"\n  image_name  = \"web\"\n  tags = {\n",
    );
    for i in 0..n {
        writeln!(text, "    key{i} = local.l0").unwrap();
    }
    text.push_str("  }\n}\n");
    text
}

/// A `.tf.json` file of `n` `alicloud_image` resources, each with a finding.
pub fn terraform_json(n: usize) -> String {
    let mut resources = serde_json::Map::new();
    for i in 0..n {
        resources.insert(
            format!("web{i}"),
            serde_json::json!({
                "instance_id": "${alicloud_instance.web.id}",
                "image_name": format!("aliyun-web-{i}"),
                "tags": {"env": "prod"},
                "disk_device_mapping": [{"size": 40}]
            }),
        );
    }
    let document = serde_json::json!({"resource": {"alicloud_image": resources}});
    serde_json::to_string_pretty(&document).unwrap()
}

/// A `.pkr.hcl` template of `n` sources (Alibaba and OpenStack in turn), each with a finding.
pub fn packer_hcl(n: usize) -> String {
    let mut text = String::from("variable \"region\" {\n  default = \"cn-hangzhou\"\n}\n\n");
    for i in 0..n {
        if i % 2 == 0 {
            writeln!(
                text,
                "source \"alicloud-ecs\" \"a{i}\" {{\n  image_name = \"aliyun-{i}\"\n  region     = var.region\n  tags = {{\n    env = \"prod\"\n  }}\n}}\n"
            )
            .unwrap();
        } else {
            writeln!(
                text,
                "source \"openstack\" \"o{i}\" {{\n  image_name = \"web-{i}\"\n  metadata = {{\n    \"bad/key\" = \"x\"\n  }}\n}}\n"
            )
            .unwrap();
        }
    }
    text
}

/// A legacy Packer JSON template of `n` `alicloud-ecs` builders, each with a finding.
pub fn packer_json(n: usize) -> String {
    let builders: Vec<_> = (0..n)
        .map(|i| {
            serde_json::json!({
                "type": "alicloud-ecs",
                "name": format!("b{i}"),
                "region": "cn-hangzhou",
                "image_name": format!("aliyun-{i}"),
                "tags": {"env": "prod"}
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "builders": builders })).unwrap()
}

/// A shell script of `n` image commands (the three CLIs in turn), each with a finding, between
/// ordinary commands.
pub fn shell(n: usize) -> String {
    let mut text = String::from("#!/bin/sh\nset -eu\n");
    for i in 0..n {
        match i % 3 {
            0 => writeln!(text, "aliyun ecs CreateImage --RegionId cn-hangzhou --InstanceId i-{i} --ImageName aliyun-{i} --Tag.1.Key env"),
            1 => writeln!(text, "hcloud IMS CreateImage --name=web-{i} --instance_id=877a2cda-ba63-4e1e-b95f-e67e48b6129a --min_disk=300"),
            _ => writeln!(text, "openstack server image create --name web-{i} --property 'bad/key=x' server-{i}"),
        }
        .unwrap();
        writeln!(text, "echo \"made image {i}\" | tee -a log.txt").unwrap();
    }
    text
}

/// One `hcloud` command line with `n` tag flags (`--image_tags.I.key=...`), past the limit of
/// 20 from the 21st.
pub fn shell_flags(n: usize) -> String {
    let mut text = String::from(
        "#!/bin/sh\nhcloud IMS CreateImage --name=web --instance_id=877a2cda-ba63-4e1e-b95f-e67e48b6129a",
    );
    for i in 1..=n {
        write!(
            text,
            " \\\n  --image_tags.{i}.key=k{i} --image_tags.{i}.value=v{i}"
        )
        .unwrap();
    }
    text.push('\n');
    text
}

/// A JSON request body (Alibaba `CreateImage`) with `n` tags.
pub fn json_body(n: usize) -> String {
    let tags: Vec<_> = (0..n)
        .map(|i| serde_json::json!({"Key": format!("key{i}"), "Value": "v"}))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "RegionId": "cn-hangzhou",
        "InstanceId": "i-1",
        "ImageName": "web",
        "Tag": tags
    }))
    .unwrap()
}

/// An `.http` file of `n` Huawei `CreateImage` requests, each with a finding.
pub fn http(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        writeln!(
            text,
            "### image {i}\nPOST https://ims.cn-north-4.myhuaweicloud.com/v2/cloudimages/action\nContent-Type: application/json\n\n{{\"name\": \"web-{i}\", \"image_url\": \"bucket:web.qcow2\", \"min_disk\": 300}}\n"
        )
        .unwrap();
    }
    text
}
