use super::create_image;
use crate::rule::{Ctx, Reporter, Target};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// Unicode categories Nova's name format rejects: every `C*`, and the line and paragraph
/// separators.
static NOT_PRINTABLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{C}\p{Zl}\p{Zp}]").expect("valid"));

/// Characters Unicode 15.1 does not assign. Nova builds its set of printable characters
/// from the server's Python, and the newest Python a nova release runs on (3.13) knows
/// Unicode 15.1: a character assigned later is unassigned (`Cn`) there, so rejected.
pub static UNASSIGNED_IN_15_1: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{Age=15.1}]").expect("valid"));

/// Whether `text` is only printable ASCII (space to `~`): every such character is assigned
/// since Unicode 1.1, and none is in `C*`, `Zl` or `Zp`.
pub(super) fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
    } else if printable_ascii(name) {
        // Neither set below holds a printable ASCII character: most names need no regex,
        // and a run whose names are all ASCII never compiles one (5M instructions).
        None
    } else if let Some(m) = UNASSIGNED_IN_15_1.find(name) {
        let c = m.as_str().chars().next().unwrap_or_default();
        Some(format!(
            "contains U+{:04X}, which Unicode 15.1 does not assign: nova's Python takes it for a non-printable character",
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
