use super::os_versions::{self, Verdict};
use crate::rule::{Ctx, Reporter, Target};
use serde_json::Value;

pub(super) fn check(ctx: &Ctx<'_>, r: &mut Reporter) {
    let Some(Value::String(version)) = ctx.get("os_version") else {
        return;
    };
    let message = match os_versions::verdict(ctx, version) {
        Some((list, Verdict::Unknown)) => format!(
            "`os_version` \"{version}\" is not on {}'s list of OS versions",
            list.cloud
        ),
        Some((list, Verdict::ListedBy(other))) => format!(
            "`os_version` \"{version}\" is not on {}'s list of OS versions, only on {other}'s",
            list.cloud
        ),
        _ => return,
    };
    r.report(Target::value("/os_version"), message);
}
