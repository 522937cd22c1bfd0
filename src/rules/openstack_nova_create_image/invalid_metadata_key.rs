use super::metadata;
use crate::pointer;
use crate::rule::{Ctx, Reporter, Target};

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | ' ')
}

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
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
