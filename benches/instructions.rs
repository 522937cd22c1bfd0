//! A fixed loop for counting instructions, which, unlike time, do not vary with the load of a
//! shared machine: `bash benches/instructions.sh` runs it under callgrind for each mode and
//! prints instructions per request.
//!
//! Modes: `none` (the loop alone), `floor` (serde_json parse), `lint` (reqlint, valid request).

use reqlint::{Api, LintOptions};
use std::hint::black_box;

const VALID: &str =
    include_str!("../fixtures/huawei-ims-create-image/valid/quick-import-arm-uefi.json");
pub const ITERATIONS: usize = 10_000;

fn main() {
    // `cargo bench` passes `--bench`; the script passes a mode.
    let mode = std::env::args().nth(1).unwrap_or_default();
    let options = LintOptions::default().api(Api::HuaweiImsCreateImage);
    black_box(reqlint::lint_str(VALID, options.clone())); // compile the schema outside the count
    for _ in 0..ITERATIONS {
        match mode.as_str() {
            "floor" => {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(VALID)).unwrap());
            }
            "lint" => {
                black_box(reqlint::lint_str(black_box(VALID), options.clone()));
            }
            _ => {}
        }
    }
}
