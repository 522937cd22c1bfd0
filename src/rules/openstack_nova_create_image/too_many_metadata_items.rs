use super::metadata;
use crate::rule::{Ctx, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    if let Some(m) = metadata(ctx.body)
        && m.len() > 128
    {
        r.report(
            Target::key("/createImage/metadata"),
            format!(
                "`createImage.metadata` has {} items, more than the default quota of 128",
                m.len()
            ),
        );
    }
}
