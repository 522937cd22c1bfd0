//! Quick import takes RAW and ZVHD2 files only. A file whose name ends in another image
//! format's extension is certainly neither (IMS019, an error); one whose name says nothing
//! (no extension, `.img`, `.bin`) may still be RAW (IMS022, a warning).

use crate::pointer;
use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

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

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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

pub(super) fn check_unclear(ctx: &Ctx<'_>, r: &mut Reporter) {
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
fn each_quick_import<'a>(ctx: &Ctx<'a>, mut f: impl FnMut(&str, &str)) {
    let mut visit = |get: &dyn Fn(&str) -> Option<&'a Value>, at: &str| {
        if get("is_quick_import") != Some(&Value::Bool(true)) {
            return;
        }
        if let Some(url) = get("image_url").and_then(Value::as_str) {
            f(url, at);
        }
    };
    // The body's members through the context's index.
    visit(&|name| ctx.get(name), "");
    if let Some(Value::Array(elements)) = ctx.get("data_images") {
        for (i, e) in elements.iter().enumerate() {
            if let Value::Object(e) = e {
                visit(&|name| e.get(name), &pointer::push_index("/data_images", i));
            }
        }
    }
}
