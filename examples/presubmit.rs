//! What a service does before it submits a create-image request: lint the body, refuse to send
//! it when there is an error, and log warnings.
//!
//! `cargo run --example presubmit`

use reqlint::{Api, LintOptions, Severity};

fn main() {
    let body = r#"{
  "name": "ims_test_file",
  "image_url": "ims-image:centos70.qcow2",
  "os_version": "CentOS 7.0 64bit",
  "min_disk": 300
}"#;
    let options = LintOptions::default().api(Api::HuaweiImsCreateImage);
    let findings = reqlint::lint_str(body, options);
    for f in &findings {
        println!(
            "{} {} at {} (bytes {}..{}): {}",
            f.severity,
            f.code,
            f.pointer,
            f.span.offset,
            f.span.end(),
            f.message
        );
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        println!("not submitting: fix the errors first");
    } else {
        println!("submitting");
    }
}
