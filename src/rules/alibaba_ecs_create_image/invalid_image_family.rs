use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Some(Value::String(name)) = ctx.get("ImageFamily")
        && let Some(problem) = name_problem(name)
    {
        r.report(
            Target::value("/ImageFamily"),
            format!("`ImageFamily` {problem}"),
        );
    }
}
