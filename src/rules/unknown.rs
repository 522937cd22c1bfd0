//! Reporting a member an API does not have, shared by every vendor's unknown-member rule: the
//! message, and the near name it most likely misspells (a rename fix when that name is free,
//! advice to remove the copy when it is already set).

use crate::rule::{FixAction, Reporter, Target};
use serde_json::{Map, Value};

/// Reports the member `key` at `at` (a pointer to it) as unknown; `what` ends the message
/// ("a member of this request"); `known` are the names the object may have.
pub fn report(
    r: &mut Reporter,
    at: String,
    key: &str,
    what: &str,
    known: &[&'static str],
    object: &Map<String, Value>,
) {
    let report = r.report(Target::key(at.clone()), format!("`{key}` is not {what}"));
    match closest(key, known) {
        Some(near) if object.contains_key(near) => {
            report.help(format!(
                "`{near}` is already set: remove this misspelt copy"
            ));
        }
        Some(near) => {
            report.help(format!("did you mean `{near}`?")).fix(
                format!("rename `{key}` to `{near}`"),
                FixAction::RenameMember {
                    pointer: at,
                    to: near.into(),
                },
            );
        }
        None => {}
    }
}

/// The known name `key` most likely misspells: the same letters and digits, ignoring case and
/// separators (`instance-id`, `InstanceID`, `regionid`).
fn closest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(key);
    known.iter().copied().find(|n| squash(n) == wanted)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_names() {
        let known = ["instance_id", "RegionId"];
        assert_eq!(closest("instance-id", &known), Some("instance_id"));
        assert_eq!(closest("regionid", &known), Some("RegionId"));
        assert_eq!(closest("region", &known), None);
    }
}
