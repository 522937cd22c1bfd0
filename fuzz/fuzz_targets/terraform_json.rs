//! JSON that Terraform reads or writes: `.tf.json` configuration and `terraform show -json`
//! plans, both recognised by their shape. Seed it with `../fixtures/terraform/**/*.json`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use reqlint::InputKind;

fuzz_target!(|data: &[u8]| {
    common::lint("main.tf.json", data, InputKind::Json, None);
});
