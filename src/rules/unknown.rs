//! Reporting a member an API does not have, shared by every vendor's unknown-member rule and by
//! the schema's closed objects: the message, and the known name it most likely misspells (a
//! rename fix when that name is free, advice to remove the copy when it is already set).

use crate::rule::{FixAction, Reporter, Target};
use serde_json::{Map, Value};

/// Reports the member `key` at `at` (a pointer to it) as unknown; `what` ends the message
/// ("a member of this request"); `known` are the names the object may have.
pub fn report(
    r: &mut Reporter,
    at: String,
    key: &str,
    what: &str,
    known: &[&str],
    object: &Map<String, Value>,
) {
    let report = r.report(Target::key(at.clone()), format!("`{key}` is not {what}"));
    match closest(key, known.iter().copied()) {
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

/// The known name `word` most likely misspells: the same letters and digits ignoring case and
/// separators (`instance-id`, `InstanceID`, `regionid`), else the nearest within an edit
/// distance of 2, counting a swap of two neighbours as one edit (`os_verison`, `ImageNmae`,
/// `metdata`). Short words need a closer match (one edit below six letters), so that `id`
/// does not become `os`. On a tie the first candidate wins.
pub fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(word);
    let allowed = if wanted.chars().count() < 6 { 1 } else { 2 };
    let mut best: Option<(usize, &'k str)> = None;
    for name in known {
        let distance = strsim::damerau_levenshtein(&wanted, &squash(name));
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, name));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_names() {
        let known = [
            "instance_id",
            "RegionId",
            "os_version",
            "metadata",
            "ImageName",
        ];
        assert_eq!(closest("instance-id", known), Some("instance_id"));
        assert_eq!(closest("regionid", known), Some("RegionId"));
        assert_eq!(closest("os_verison", known), Some("os_version"));
        assert_eq!(closest("metdata", known), Some("metadata"));
        assert_eq!(closest("ImageNmae", known), Some("ImageName"));
        assert_eq!(closest("region", known), Some("RegionId"));
        assert_eq!(closest("zone_id", known), None);
        assert_eq!(closest("instance_name", known), None);
    }

    #[test]
    fn short_words_need_a_closer_match() {
        assert_eq!(closest("Tags", ["Tag", "Key"]), Some("Tag"));
        assert_eq!(closest("id", ["os"]), None);
        assert_eq!(closest("Kye", ["Key", "Value"]), Some("Key"));
    }

    #[test]
    fn the_nearest_wins() {
        assert_eq!(
            closest("min_dsik", ["max_ram", "min_disk", "min_ram"]),
            Some("min_disk")
        );
    }
}
