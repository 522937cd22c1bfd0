//! ROS templates: saphyr-parser's events, the tree with spans (aliases, nesting and tags under a
//! budget), the `ALIYUN::ECS::CustomImage` mapping and Terraform `Workspace` files placed in the
//! template, on arbitrary text. Seed it with `../fixtures/ros/**`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use reqlint::InputKind;

fuzz_target!(|data: &[u8]| {
    common::lint("template.yaml", data, InputKind::Yaml, None);
});
