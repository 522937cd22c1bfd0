use super::member_of_other_variant::strays;
use crate::rule::{Ctx, Reporter};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for s in strays(ctx).iter().filter(|s| s.empty) {
        let message = format!(
            "`{}` is empty and ignored: it belongs to {}, not to {}",
            s.shown, s.owner, s.here
        );
        s.report(r, message, format!("remove the empty `{}`", s.name));
    }
}
