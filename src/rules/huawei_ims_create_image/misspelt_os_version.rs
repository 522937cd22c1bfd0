use super::os_versions::{self, Verdict};
use crate::rule::{Ctx, FixAction, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(version)) = ctx.get("os_version") else {
        return;
    };
    let Some((list, Verdict::Misspelt(near))) = os_versions::verdict(ctx, version) else {
        return;
    };
    r.report(
        Target::value("/os_version"),
        format!(
            "`os_version` \"{version}\" is not on {}'s list; did you mean \"{near}\"?",
            list.cloud
        ),
    )
    .help(format!("write \"{near}\", as the list spells it"))
    .fix(
        format!("replace \"{version}\" with \"{near}\""),
        FixAction::ReplaceValue {
            pointer: "/os_version".into(),
            json: Value::String(near.to_string()).to_string(),
        },
    );
}
