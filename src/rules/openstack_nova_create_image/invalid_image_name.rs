use super::{API, create_image};
use crate::diagnostic::Severity;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "NOVA005",
    name: "nova-invalid-image-name",
    apis: API,
    severity: Severity::Error,
    summary: "`createImage.name` is empty, has white space at an end, or holds a non-printable character",
    why: "Nova's name format accepts printable characters of the Basic Multilingual Plane only (no control, format or private-use characters, no line or paragraph separators, no emoji beyond U+FFFF), and no white space at either end: \"printable characters. Can not start or end with whitespace.\" An empty name is rejected too.",
    fix: "use a non-empty name of printable characters, without white space at either end",
    invalid: r#"{"createImage": {"name": " new-image-name"}}"#,
    valid: r#"{"createImage": {"name": "new-image-name"}}"#,
    source: "Huawei ECS API reference, Creating an Image Using an ECS (name); Nova parameter_types.name, validators._validate_name; docs/spec/constraints.md NV-2, NV-4",
    cloud_error: None,
    constraints: &["NV-2", "NV-4", "C-NOVA-1", "N-21"],
    check: Check::Rust(check),
};

/// Unicode categories Nova's name format rejects: every `C*`, and the line and paragraph
/// separators.
static NOT_PRINTABLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{C}\p{Zl}\p{Zp}]").expect("valid"));

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(name)) = create_image(ctx.body).and_then(|c| c.get("name")) else {
        return;
    };
    let problem = if name.is_empty() {
        Some("is empty".to_string())
    } else if name.starts_with(char::is_whitespace) {
        Some("starts with white space".to_string())
    } else if name.ends_with(char::is_whitespace) {
        Some("ends with white space".to_string())
    } else if let Some(c) = name.chars().find(|c| *c as u32 > 0xFFFF) {
        Some(format!(
            "contains U+{:X} `{c}`, outside the Basic Multilingual Plane that Nova accepts",
            c as u32
        ))
    } else {
        NOT_PRINTABLE.find(name).map(|m| {
            let c = m.as_str().chars().next().unwrap_or_default();
            format!("contains the non-printable character U+{:04X}", c as u32)
        })
    };
    if let Some(problem) = problem {
        r.report(
            Target::value("/createImage/name"),
            format!("`createImage.name` {problem}"),
        );
    }
}
