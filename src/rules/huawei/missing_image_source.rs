use super::variants::{Selection, select};
use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Selection::None(model) = &*ctx.memo(select) {
        let mut names: Vec<String> = model
            .variants
            .iter()
            .map(|v| format!("`{}`", v.selected_by))
            .collect();
        let last = names.pop().unwrap_or_default();
        let list = if names.is_empty() {
            last
        } else {
            format!("{} or {last}", names.join(", "))
        };
        r.report(
            Target::missing_in(""),
            format!("the request has none of {list}"),
        );
    }
}
