//! Terraform configuration in HCL (`.tf`): the HCL parse, value evaluation (variables, locals,
//! templates, functions, `dynamic` blocks) and the resource-to-request mappings, on arbitrary
//! text. Seed it with `../fixtures/terraform/**/*.tf`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use reqlint::InputKind;

fuzz_target!(|data: &[u8]| {
    common::lint("main.tf", data, InputKind::Terraform, None);
});
