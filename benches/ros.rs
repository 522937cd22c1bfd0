//! ROS templates: the cost of reqlint's lint of 2,000 generated templates against the YAML
//! parser's own parse of the same texts (saphyr-parser's events, nothing kept), on one
//! thread. One template in four has a finding, one in eight wraps Terraform files in its
//! `Workspace`. Prints the median of seven runs of each stage and the ratios.
//!
//! `cargo bench --bench ros` (about ten seconds once built).

use reqlint::{InputKind, LintOptions};
use std::time::{Duration, Instant};

/// Template `i`: parameters, a VPC, a custom image with tags and disks, outputs.
fn template(i: usize) -> String {
    let name = if i % 4 == 3 { "1golden" } else { "golden" };
    let mut t = format!(
        "ROSTemplateFormatVersion: '2015-09-01'
Description: generated template {i}
Parameters:
  InstanceId:
    Type: String
    Default: i-bp1g6zv0ce8oghu7{i:04}
  Name:
    Type: String
    Default: {name}-{i}
Resources:
  Vpc:
    Type: ALIYUN::ECS::VPC
    Properties:
      CidrBlock: 192.168.0.0/16
      VpcName: vpc-{i}
  Image:
    Type: ALIYUN::ECS::CustomImage
    Properties:
      ImageName:
        Ref: Name
      Description: \"built by pipeline {i}\"
      Architecture: x86_64
      Platform: CentOS
      Tag:
        - Key: team
          Value: platform
        - Key: build
          Value: '{i}'
      DiskDeviceMapping:
        - SnapshotId: s-bp17441ohwkdca0{i:04}
          Size: 40
          DiskType: system
        - Size: 100
          DiskType: data
Outputs:
  ImageId:
    Value:
      Fn::GetAtt: [Image, ImageId]
"
    );
    if i.is_multiple_of(8) {
        t.push_str(&format!(
            "Transform: Aliyun::Terraform-v1.5
Workspace:
  main.tf: |-
    resource \"alicloud_image\" \"web\" {{
      instance_id = \"i-bp1g6zv0ce8oghu7{i:04}\"
      image_name  = \"web-{i}\"
      tags = {{
        team = \"platform\"
      }}
    }}
"
        ));
    }
    t
}

fn median(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut out = 0;
    for _ in 0..7 {
        let start = Instant::now();
        out = std::hint::black_box(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[3], out)
}

fn main() {
    let texts: Vec<String> = (0..2_000).map(template).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (floor, events) = median(|| {
        texts
            .iter()
            .map(|t| saphyr_parser::Parser::new_from_str(t).count())
            .sum()
    });
    let (tree, nodes) = median(|| {
        texts
            .iter()
            .filter_map(|t| reqlint::frontend::yaml::parse(t).ok().flatten())
            .map(|n| n.entries().len())
            .sum()
    });
    let (lint, findings) = median(|| {
        texts
            .iter()
            .map(|t| {
                reqlint::lint_bytes(
                    "t.yaml",
                    t.as_bytes(),
                    InputKind::Yaml,
                    LintOptions::default(),
                )
                .diagnostics
                .len()
            })
            .sum()
    });
    let per = |d: Duration| d.as_secs_f64() * 1e6 / texts.len() as f64;
    println!("2,000 ROS templates, {bytes} bytes, {events} events, {findings} findings ({nodes})");
    println!("| stage | total | per template | vs the parser's own parse |");
    println!("|---|---|---|---|");
    for (what, d) in [
        ("floor: saphyr-parser events", floor),
        ("reqlint's tree with spans (`frontend::yaml::parse`)", tree),
        ("whole lint (`lint_bytes`, rules and findings)", lint),
    ] {
        println!(
            "| {what} | {:.1} ms | {:.1} µs | {:.2}x |",
            d.as_secs_f64() * 1e3,
            per(d),
            d.as_secs_f64() / floor.as_secs_f64()
        );
    }
}
