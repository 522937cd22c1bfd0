use super::invalid_image_name::UNASSIGNED_IN_15_1;
use super::{API, create_image};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "NOVA010",
    name: "recent-unicode-in-image-name",
    apis: API,
    severity: Severity::Warning,
    summary: "`createImage.name` holds a character first assigned in Unicode 15.0 or 15.1",
    why: "Nova decides which characters are printable with the Unicode database of the Python it runs on. A character first assigned in Unicode 15.0 or 15.1 (`⿼` U+2FFC, `㇯` U+31EF, ...) is printable to Python 3.13 but unassigned, so rejected, on clouds whose nova still runs Python 3.11 (Unicode 14.0) or 3.12.",
    fix: "use characters that Unicode 14.0 already had, or check that the cloud's nova runs Python 3.13",
    invalid: "{\"createImage\": {\"name\": \"image-\u{2FFC}\"}}",
    valid: r#"{"createImage": {"name": "image-a"}}"#,
    source: "Nova parameter_types.name (the printable characters of the server's Python unicodedata); docs/spec/decisions.md (nova name printable characters by Unicode version)",
    cloud_error: None,
    constraints: &["NV-2", "C-NOVA-1"],
    check: Check::Rust(check),
};

/// Characters assigned in Unicode 15.0 or 15.1, and not before.
static NEW_IN_15: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Age=15.1}--\p{Age=14.0}]").expect("valid"));

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(name)) = create_image(ctx.body).and_then(|c| c.get("name")) else {
        return;
    };
    // A character Unicode 15.1 does not assign is NOVA005's error, and says all there is.
    if UNASSIGNED_IN_15_1.is_match(name) {
        return;
    }
    if let Some(m) = NEW_IN_15.find(name) {
        let c = m.as_str().chars().next().unwrap_or_default();
        r.report(
            Target::value("/createImage/name"),
            format!(
                "`createImage.name` contains U+{:04X} `{c}`, first assigned in Unicode 15.0 or 15.1",
                c as u32
            ),
        );
    }
}
