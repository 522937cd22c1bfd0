//! The whole lint of arbitrary bytes, under each API (or detection) and each input kind, and
//! every output format of what it found. The first byte picks the API and the kind.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use reqlint::{Api, InputKind};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let api = match selector % 5 {
        0 => None,
        n => Some(Api::ALL[usize::from(n) - 1]),
    };
    let kind = [InputKind::Json, InputKind::Jsonc, InputKind::Http][usize::from(selector / 5 % 3)];
    common::lint("f", bytes, kind, api);
});
