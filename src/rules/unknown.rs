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
///
/// Lengths come first: a name whose length differs from the word's by more than the distance
/// allowed cannot be within it, so the distance (quadratic in the lengths) is computed only
/// for names about as long as the word, and a word longer than every known name (a member
/// name of megabytes) is not even read past that length.
pub fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    fn squash(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    const MOST_ALLOWED: usize = 2;
    // Each known name squashed, with its length in characters (what the distance counts).
    let known: Vec<(&'k str, String, usize)> = known
        .into_iter()
        .map(|name| {
            let squashed: String = squash(name).collect();
            let length = squashed.chars().count();
            (name, squashed, length)
        })
        .collect();
    let longest = known.iter().map(|(_, _, length)| *length).max()?;
    let wanted: String = squash(word).take(longest + MOST_ALLOWED + 1).collect();
    let length = wanted.chars().count();
    if length > longest + MOST_ALLOWED {
        return None;
    }
    let allowed = if length < 6 { 1 } else { MOST_ALLOWED };
    let mut best: Option<(usize, &'k str)> = None;
    for (name, squashed, other) in &known {
        if length.abs_diff(*other) > allowed {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&wanted, squashed);
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
    fn lengths_decide_first() {
        // Three letters more than any known name: nothing is computed, nothing suggested.
        assert_eq!(closest("region_idxyz", ["RegionId"]), None);
        // Two more is still within reach.
        assert_eq!(closest("RegionIdxy", ["RegionId"]), Some("RegionId"));
        assert_eq!(closest(&"a".repeat(10 * 1024 * 1024), ["RegionId"]), None);
        // Separators do not count: a long word of them squashes to a short one.
        assert_eq!(
            closest(&format!("Region{}Id", "_".repeat(1 << 20)), ["RegionId"]),
            Some("RegionId")
        );
        assert_eq!(closest("anything", []), None);
    }

    #[test]
    fn the_nearest_wins() {
        assert_eq!(
            closest("min_dsik", ["max_ram", "min_disk", "min_ram"]),
            Some("min_disk")
        );
    }
}
