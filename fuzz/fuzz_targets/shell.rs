//! Shell scripts: the tree-sitter-bash parse, word expansion and the `aliyun`, `hcloud` and
//! `openstack` command-line mappings, on arbitrary text. Seed it with `../fixtures/shell/**`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use reqlint::InputKind;

fuzz_target!(|data: &[u8]| {
    common::lint("build.sh", data, InputKind::Shell, None);
});
