use crate::api::Api;
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::{Map, Value};

pub static RULE: Rule = Rule {
    code: "IMS019",
    name: "quick-import-format",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Warning,
    summary: "quick import of an image file that is not RAW or ZVHD2",
    why: "Quick import copies the file as it is and takes only RAW and ZVHD2 files; another format (QCOW2, VHD, VMDK, ISO, ...) must be converted first (for example with `qemu-img convert -O raw`) or imported without `is_quick_import`, or the import fails after the upload.",
    fix: "convert the file to RAW or ZVHD2, or remove `is_quick_import`",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "is_quick_import": true, "os_version": "CentOS 7.0 64bit"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.raw", "min_disk": 40, "is_quick_import": true, "os_version": "CentOS 7.0 64bit"}"#,
    source: "Huawei Cloud IMS user guide, \"Importing an Image File Quickly\" (only RAW and ZVHD2 files); the Huawei Cloud Packer plugin's import post-processor",
    cloud_error: None,
    constraints: &["CI-8"],
    check: Check::Rust(check),
};

/// The file formats quick import takes, by file name ending (any letter case).
const QUICK_FORMATS: [&str; 2] = [".raw", ".zvhd2"];

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    check_object(ctx.body, "", r);
    if let Some(Value::Array(elements)) = ctx.get("data_images") {
        for (i, e) in elements.iter().enumerate() {
            if let Value::Object(e) = e {
                check_object(e, &pointer::push_index("/data_images", i), r);
            }
        }
    }
}

fn check_object(object: &Map<String, Value>, at: &str, r: &mut Reporter) {
    if object.get("is_quick_import") != Some(&Value::Bool(true)) {
        return;
    }
    let Some(url) = object.get("image_url").and_then(Value::as_str) else {
        return;
    };
    let ends_with = |suffix: &str| {
        url.len() >= suffix.len()
            && url.as_bytes()[url.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    if QUICK_FORMATS.iter().any(|f| ends_with(f)) {
        return;
    }
    let file = url.rsplit([':', '/']).next().unwrap_or(url);
    r.report(
        Target::value(pointer::push(at, "image_url")),
        format!("quick import takes RAW and ZVHD2 files, and \"{file}\" is neither"),
    )
    .label(
        Target::value(pointer::push(at, "is_quick_import")),
        "quick import is requested here",
    );
}
