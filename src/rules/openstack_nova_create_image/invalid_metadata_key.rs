use super::{API, metadata};
use crate::diagnostic::Severity;
use crate::pointer;
use crate::rule::{Check, Ctx, Reporter, Rule, Target};

pub static RULE: Rule = Rule {
    code: "NOVA006",
    name: "invalid-metadata-key",
    apis: API,
    severity: Severity::Error,
    summary: "a `metadata` key holds a character other than letters, digits, `-`, `_`, `:`, `.` and space",
    why: "Nova's metadata schema allows keys matching `^[a-zA-Z0-9-_:. ]{1,255}$` only; a key with `/`, `=`, a non-ASCII letter, or an empty key is rejected with HTTP 400.",
    fix: "use only letters, digits, `-`, `_`, `:`, `.` and spaces in metadata keys",
    invalid: r#"{"createImage": {"name": "new-image-name", "metadata": {"Image/Type": "Gold"}}}"#,
    valid: r#"{"createImage": {"name": "new-image-name", "metadata": {"ImageType": "Gold"}}}"#,
    source: "Nova parameter_types.metadata; docs/spec/constraints.md NV-5",
    cloud_error: None,
    constraints: &["NV-5", "N-23"],
    check: Check::Rust(check),
};

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | ' ')
}

fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(metadata) = metadata(ctx.body) else {
        return;
    };
    for key in metadata.keys() {
        let problem = if key.is_empty() {
            Some("is empty".to_string())
        } else {
            key.chars()
                .find(|c| !allowed(*c))
                .map(|c| format!("\"{key}\" contains `{}`", c.escape_debug()))
        };
        if let Some(problem) = problem {
            r.report(
                Target::key(pointer::push("/createImage/metadata", key)),
                format!("metadata key {problem}"),
            );
        }
    }
}
