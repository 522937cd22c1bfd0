//! Tools for the whole-process comparison (`bash benches/compare.sh`), not a criterion bench:
//!
//! - `corpus DIR N`: N request files of all four APIs, one in four invalid;
//! - `floor DIR`: read and parse every file under DIR with serde_json alone, on one thread:
//!   the floor reqlint (on all cores) is measured against;
//! - `http FILE MB`: an `.http` file of about MB megabytes of requests;
//! - `tf-corpus DIR N`: N Terraform files with image resources (the Terraform fixtures that lint
//!   clean, and one in four of the invalid ones);
//! - `hcl-floor DIR`: read and parse every file under DIR with hcl-edit alone, on one thread.
//!
//! The floors are one-thread on purpose: a floor on all cores would credit reqlint with the
//! machine's cores (and, on a shared machine, with whatever else is running), so the ratio
//! would say less about what reqlint itself costs.

use std::path::{Path, PathBuf};

const TEMPLATES: [(&str, &str); 4] = [
    (
        "json",
        include_str!("../fixtures/huawei-ims-create-image/valid/seed-s002-3.json"),
    ),
    (
        "json",
        include_str!("../fixtures/huawei-ims-create-whole-image/valid/seed-s000-1.json"),
    ),
    (
        "json",
        include_str!("../fixtures/openstack-nova-create-image/valid/seed-s001-1.json"),
    ),
    (
        "json",
        include_str!("../fixtures/alibaba-ecs-create-image/valid/derived-d-ali-2.json"),
    ),
];

/// One edit per template that makes it invalid.
const BREAK: [(&str, &str); 4] = [
    ("\"min_disk\": 40", "\"min_disk\": 300"),
    (
        "\"name\": \"instance_whole_image\"",
        "\"name\": \" instance_whole_image\"",
    ),
    ("\"name\": \"new-image-name\"", "\"name\": \"\""),
    ("\"/dev/xvdb\"", "\"/dev/xvda\""),
];

fn corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let (ext, template) = TEMPLATES[i % 4];
        let text = if (i / 4) % 4 == 0 {
            let (from, to) = BREAK[i % 4];
            assert!(template.contains(from));
            template.replace(from, to)
        } else {
            template.to_string()
        };
        // Keep the file's API decidable without configuration: the Huawei system-disk shape
        // is the OBS one (image_url), the full-ECS one carries vault_id.
        std::fs::write(dir.join(format!("r{i:06}.{ext}")), text).unwrap();
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn floor(dir: &Path) {
    let parsed: usize = files(dir)
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            usize::from(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok())
        })
        .sum();
    println!("{parsed} files parsed");
}

fn http(path: &Path, megabytes: usize) {
    let request = format!(
        "###\nPOST https://ims.example.com/v2/cloudimages/action\nContent-Type: application/json\n\n{}\n",
        TEMPLATES[0].1
    );
    let mut text = String::new();
    while text.len() < megabytes * 1024 * 1024 {
        text.push_str(&request);
    }
    std::fs::write(path, text).unwrap();
}

const TF_TEMPLATES: [&str; 4] = [
    include_str!("../fixtures/terraform/valid/literal-values.tf"),
    include_str!("../fixtures/terraform/valid/alicloud-image-docs.tf"),
    include_str!("../fixtures/terraform/valid/huaweicloud-ims-ecs-whole-image-docs.tf"),
    include_str!("../fixtures/terraform/invalid/IMS006-min-disk-300.tf"),
];

fn tf_corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        std::fs::write(dir.join(format!("m{i:06}.tf")), TF_TEMPLATES[i % 4]).unwrap();
    }
}

fn hcl_floor(dir: &Path) {
    let parsed: usize = files(dir)
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            usize::from(hcl_edit::parser::parse_body(&text).is_ok())
        })
        .sum();
    println!("{parsed} files parsed");
}

fn main() {
    // `cargo bench` adds `--bench`; the script passes a command.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["corpus", dir, n] => corpus(Path::new(dir), n.parse().unwrap()),
        ["floor", dir] => floor(Path::new(dir)),
        ["http", file, mb] => http(Path::new(file), mb.parse().unwrap()),
        ["tf-corpus", dir, n] => tf_corpus(Path::new(dir), n.parse().unwrap()),
        ["hcl-floor", dir] => hcl_floor(Path::new(dir)),
        _ => eprintln!(
            "usage: process corpus DIR N | floor DIR | http FILE MB | tf-corpus DIR N | hcl-floor DIR (see benches/compare.sh)"
        ),
    }
}
