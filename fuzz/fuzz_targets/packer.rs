//! Packer templates: HCL2 (`.pkr.hcl`) when the first byte is even, JSON (legacy `builders`
//! templates and `.pkr.json`) when it is odd. Seed it with `../fixtures/packer/**`, each file
//! prefixed with a byte of the right parity.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use reqlint::InputKind;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    if selector % 2 == 0 {
        common::lint("build.pkr.hcl", bytes, InputKind::Packer, None);
    } else {
        common::lint("template.json", bytes, InputKind::Json, None);
    }
});
