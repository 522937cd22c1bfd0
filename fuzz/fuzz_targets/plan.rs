//! Terraform plans (`terraform show -json`): the input is wrapped as the `resource_changes` of
//! a plan, so that every mutation reaches the plan front-end rather than stopping at the shape
//! test. Seed it with the `resource_changes` arrays of `../fixtures/terraform/**/*.json`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use reqlint::InputKind;

const HEAD: &[u8] = br#"{"format_version": "1.2", "resource_changes": "#;

fuzz_target!(|data: &[u8]| {
    let mut plan = Vec::with_capacity(HEAD.len() + data.len() + 1);
    plan.extend_from_slice(HEAD);
    plan.extend_from_slice(data);
    plan.push(b'}');
    common::lint("plan.json", &plan, InputKind::Json, None);
});
