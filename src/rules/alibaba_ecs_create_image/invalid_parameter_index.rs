use super::flatten::{indexed, last_index};
use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for key in ctx.body.keys() {
        let Some(i) = indexed(key).filter(|i| !i.valid()) else {
            continue;
        };
        let limit = last_index(i.array);
        let problem = if i.n.starts_with('0') && i.n != "0" {
            format!("has a leading zero in `N` ({})", i.n)
        } else {
            format!("has `N` {}, outside 1-{limit}", i.n)
        };
        r.report(
            Target::key(crate::pointer::push("", key)),
            format!("`{key}` {problem}"),
        )
        .help(format!(
            "number `{}.N` from 1 to {limit}, without leading zeros",
            i.array
        ));
    }
}
