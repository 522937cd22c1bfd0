//! Quick import takes RAW and ZVHD2 files only. A file whose name ends in another image
//! format's extension is certainly neither (IMS019, an error); one whose name says nothing
//! (no extension, `.img`, `.bin`) may still be RAW (IMS022, a warning).

use crate::api::Api;
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use serde_json::{Map, Value};

pub static RULE: Rule = Rule {
    code: "IMS019",
    name: "quick-import-format",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Error,
    summary: "quick import of an image file whose extension names another format than RAW or ZVHD2",
    why: "Quick import copies the file as it is and takes only RAW and ZVHD2 files. A file named `.qcow2`, `.vmdk`, `.vhd`, `.vhdx`, `.qed`, `.iso` or `.vdi` is in another format: the request is accepted, the file uploaded, and the import fails. Convert it first (for example with `qemu-img convert -O raw`) or import it without `is_quick_import`.",
    fix: "convert the file to RAW or ZVHD2, or remove `is_quick_import`",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 40, "is_quick_import": true, "os_version": "CentOS 7.0 64bit"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.raw", "min_disk": 40, "is_quick_import": true, "os_version": "CentOS 7.0 64bit"}"#,
    source: "Huawei Cloud IMS user guide, \"Importing an Image File Quickly\" (only RAW and ZVHD2 files); the Huawei Cloud Packer plugin's import post-processor; docs/spec/decisions.md (\"Quick import file kind\")",
    cloud_error: None,
    constraints: &["CI-8"],
    check: Check::Rust(check),
};

pub static UNCLEAR: Rule = Rule {
    code: "IMS022",
    name: "quick-import-unclear-format",
    apis: &[Api::HuaweiImsCreateImage],
    severity: Severity::Warning,
    summary: "quick import of an image file whose name does not say it is RAW or ZVHD2",
    why: "Quick import takes only RAW and ZVHD2 files. A name without one of their extensions (no extension, `.img`, `.bin`, ...) may still hold a RAW file, so this is a warning: if the file is in another format, the import fails after the upload.",
    fix: "make sure the file is RAW or ZVHD2 and name it `.raw` or `.zvhd2`, or remove `is_quick_import`",
    invalid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.img", "min_disk": 40, "is_quick_import": true, "os_version": "CentOS 7.0 64bit"}"#,
    valid: r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.raw", "min_disk": 40, "is_quick_import": true, "os_version": "CentOS 7.0 64bit"}"#,
    source: "Huawei Cloud IMS user guide, \"Importing an Image File Quickly\" (only RAW and ZVHD2 files); docs/spec/decisions.md (\"Quick import file kind\")",
    cloud_error: None,
    constraints: &["CI-8"],
    check: Check::Rust(check_unclear),
};

/// The file formats quick import takes, by file name ending (any letter case).
const QUICK_FORMATS: [&str; 2] = [".raw", ".zvhd2"];
/// Endings of the other image formats IMS imports, none of which quick import takes.
const OTHER_FORMATS: [&str; 7] = [".qcow2", ".vmdk", ".vhd", ".vhdx", ".qed", ".iso", ".vdi"];

/// What a quick-imported file's name says of its format.
#[derive(PartialEq)]
enum Kind {
    Quick,
    Other,
    Unclear,
}

fn kind(url: &str) -> Kind {
    let ends_with = |suffix: &&str| {
        url.len() >= suffix.len()
            && url.as_bytes()[url.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    if QUICK_FORMATS.iter().any(ends_with) {
        Kind::Quick
    } else if OTHER_FORMATS.iter().any(ends_with) {
        Kind::Other
    } else {
        Kind::Unclear
    }
}

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    each_quick_import(ctx, |url, at| {
        if kind(url) == Kind::Other {
            let file = url.rsplit([':', '/']).next().unwrap_or(url);
            report(
                r,
                at,
                format!("quick import takes RAW and ZVHD2 files, and \"{file}\" is neither"),
            );
        }
    });
}

fn check_unclear(ctx: &Ctx<'_>, r: &mut Reporter) {
    each_quick_import(ctx, |url, at| {
        if kind(url) == Kind::Unclear {
            let file = url.rsplit([':', '/']).next().unwrap_or(url);
            report(
                r,
                at,
                format!(
                    "quick import takes RAW and ZVHD2 files, and the name \"{file}\" does not say it is one"
                ),
            );
        }
    });
}

fn report(r: &mut Reporter, at: &str, message: String) {
    r.report(Target::value(pointer::push(at, "image_url")), message)
        .label(
            Target::value(pointer::push(at, "is_quick_import")),
            "quick import is requested here",
        );
}

/// Calls `f` with the `image_url` and the pointer of the request and of each data image that
/// asks for quick import.
fn each_quick_import(ctx: &Ctx<'_>, mut f: impl FnMut(&str, &str)) {
    let mut visit = |object: &Map<String, Value>, at: &str| {
        if object.get("is_quick_import") != Some(&Value::Bool(true)) {
            return;
        }
        if let Some(url) = object.get("image_url").and_then(Value::as_str) {
            f(url, at);
        }
    };
    visit(ctx.body, "");
    if let Some(Value::Array(elements)) = ctx.get("data_images") {
        for (i, e) in elements.iter().enumerate() {
            if let Value::Object(e) = e {
                visit(e, &pointer::push_index("/data_images", i));
            }
        }
    }
}
