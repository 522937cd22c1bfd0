use super::*;
use crate::rule::{FixAction, Reporter, Target};

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    for tag in tags(ctx) {
        for (old, new) in [("key", "Key"), ("value", "Value")] {
            if !tag.object.contains_key(old) {
                continue;
            }
            let at = tag.member(old);
            if tag.object.contains_key(new) {
                let message = format!(
                    "`Tag[{}]` has both `{old}` and `{new}`; `{old}` is deprecated",
                    tag.index
                );
                r.report(Target::key(at.clone()), message)
                    .help(format!("remove `{old}`"))
                    .fix(
                        format!("remove the deprecated `{old}`"),
                        FixAction::RemoveMember { pointer: at },
                    );
            } else {
                let message = format!("`Tag[{}].{old}` is deprecated", tag.index);
                r.report(Target::key(at.clone()), message)
                    .help(format!("rename `{old}` to `{new}`"))
                    .fix(
                        format!("rename `{old}` to `{new}`"),
                        FixAction::RenameMember {
                            pointer: at,
                            to: new.into(),
                        },
                    );
            }
        }
    }
}
