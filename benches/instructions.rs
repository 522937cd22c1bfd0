//! A fixed loop for counting instructions, which, unlike time, do not vary with the load of a
//! shared machine: `bash benches/instructions.sh` runs it under callgrind for each mode and
//! prints instructions per request.
//!
//! Modes: `none` (the loop alone), `floor` (serde_json parse), `lint` (reqlint, valid request),
//! `lint-config` (the same with a loaded configuration that has no organisation check),
//! `lint-checks` (with the two organisation checks of the README, which the request meets). A
//! second argument sets the number of requests (default 10,000; fewer for a debug build).

use reqlint::{Api, LintOptions};
use std::hint::black_box;

const VALID: &str =
    include_str!("../fixtures/huawei-ims-create-image/valid/quick-import-arm-uefi.json");
pub const ITERATIONS: usize = 10_000;

fn main() {
    // `cargo bench` passes `--bench`; the script passes a mode.
    let mode = std::env::args().nth(1).unwrap_or_default();
    let iterations = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(ITERATIONS);
    let mut options = LintOptions::default().api(Api::HuaweiImsCreateImage);
    let checks = "[[check]]\nid = \"ACME001\"\non = \"tags\"\nrequired-keys = [\"aaa\"]\n\n[[check]]\nid = \"ACME002\"\non = \"name\"\npattern = \".+\"\n";
    let config = match mode.as_str() {
        "lint-config" => Some(""),
        "lint-checks" => Some(checks),
        _ => None,
    };
    if let Some(text) = config {
        let config = reqlint::Config::parse("reqlint.toml", text, ".".into()).expect("valid");
        options = options.config(std::sync::Arc::new(config));
    }
    black_box(reqlint::lint_str(VALID, options.clone())); // compile the schema outside the count
    for _ in 0..iterations {
        match mode.as_str() {
            "floor" => {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(VALID)).unwrap());
            }
            "lint" | "lint-config" | "lint-checks" => {
                black_box(reqlint::lint_str(black_box(VALID), options.clone()));
            }
            _ => {}
        }
    }
}
