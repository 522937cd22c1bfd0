use super::*;
use crate::rule::{Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let present = sources(ctx);
    let Some((winner, ignored)) = present.split_first() else {
        return;
    };
    for source in ignored {
        r.report(
            Target::key(format!("/{source}")),
            format!("`{source}` is ignored: `{winner}` takes priority"),
        )
        .label(
            Target::key(format!("/{winner}")),
            "the image is built from this",
        );
    }
}
