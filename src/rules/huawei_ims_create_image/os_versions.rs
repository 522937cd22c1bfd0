//! The published `os_version` values of each cloud that runs this API
//! (`rules/huawei-ims-create-image/os_versions*.json`: Huawei Cloud's, Open Telekom Cloud's and
//! Open Telekom Cloud Switzerland's), and what a value that is not on the list most likely means. Shared by
//! IMS012 (an unknown value) and IMS021 (a misspelt one), which split every unlisted value
//! between them.

use crate::rule::Ctx;
use serde::Deserialize;
use std::sync::LazyLock;

/// The values one cloud publishes.
pub(super) struct List {
    /// The cloud's name as a person says it.
    pub(super) cloud: &'static str,
    values: Vec<&'static str>,
    set: crate::rule::NameSet,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct File {
    values: Vec<&'static str>,
}

fn list(cloud: &'static str, json: &'static str) -> List {
    let file: File = serde_json::from_str(json).expect("bundled os_versions list is valid");
    List {
        cloud,
        set: file.values.iter().copied().collect(),
        values: file.values,
    }
}

static HUAWEI: LazyLock<List> = LazyLock::new(|| {
    list(
        "Huawei Cloud",
        include_str!("../../../rules/huawei-ims-create-image/os_versions.json"),
    )
});
static OPEN_TELEKOM_CLOUD: LazyLock<List> = LazyLock::new(|| {
    list(
        "Open Telekom Cloud",
        include_str!("../../../rules/huawei-ims-create-image/os_versions.open-telekom-cloud.json"),
    )
});
static OPEN_TELEKOM_CLOUD_SWISS: LazyLock<List> = LazyLock::new(|| {
    list(
        "Open Telekom Cloud Switzerland",
        include_str!(
            "../../../rules/huawei-ims-create-image/os_versions.open-telekom-cloud-swiss.json"
        ),
    )
});

/// What an `os_version` value is, against the list of the cloud the request targets.
pub(super) enum Verdict {
    Listed,
    /// Not listed, but a near miss of this listed value: the same version numbers, and the
    /// words within the "did you mean" distance (`Red Hat Linux Enterprise 8.0 64bit` for
    /// `Redhat Linux Enterprise 8.0 64bit`, `centos 7.0 64bit`).
    Misspelt(&'static str),
    /// Not listed, but listed by the other region of the same provider, which the file does
    /// not rule out (Open Telekom Cloud Switzerland, for an `opentelekomcloud` resource).
    ListedBy(&'static str),
    /// Not listed, and near no listed value: lists differ by region and grow.
    Unknown,
}

/// The verdict on `value` and the list it was judged by; `None` when the request targets a
/// cloud whose list reqlint does not have (FlexibleEngine): nothing is said of the value then.
/// A request that does not show its cloud is for Huawei Cloud.
pub(super) fn verdict(ctx: &Ctx<'_>, value: &str) -> Option<(&'static List, Verdict)> {
    let (list, others): (&'static List, &[&'static List]) = match ctx.cloud {
        None => (&HUAWEI, &[]),
        Some("open-telekom-cloud") => (&OPEN_TELEKOM_CLOUD, &[&OPEN_TELEKOM_CLOUD_SWISS]),
        Some("open-telekom-cloud-swiss") => (&OPEN_TELEKOM_CLOUD_SWISS, &[]),
        Some(_) => return None,
    };
    if list.set.contains(value) {
        return Some((list, Verdict::Listed));
    }
    if let Some(other) = others.iter().find(|o| o.set.contains(value)) {
        return Some((list, Verdict::ListedBy(other.cloud)));
    }
    Some((list, list.near_miss(value)))
}

impl List {
    fn near_miss(&self, value: &str) -> Verdict {
        // A different version number is another release, not a typo: `CentOS 7.1 64bit`
        // may be on a region's list even though it is not on this one.
        let digits = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
        let wanted = digits(value);
        let same_numbers = self.values.iter().copied().filter(|k| digits(k) == wanted);
        match crate::rules::unknown::closest(value, same_numbers) {
            Some(near) => Verdict::Misspelt(near),
            None => Verdict::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;

    fn judge(cloud: Option<&'static str>, value: &str) -> Option<Verdict> {
        let body = Map::new();
        let mut ctx = Ctx::new(crate::Api::HuaweiImsCreateImage, &body);
        ctx.cloud = cloud;
        verdict(&ctx, value).map(|(_, v)| v)
    }

    #[test]
    fn near_misses_keep_their_version_numbers() {
        assert!(matches!(
            judge(None, "CentOS 7.0 64bit"),
            Some(Verdict::Listed)
        ));
        assert!(matches!(
            judge(None, "centos 7.0 64 bit"),
            Some(Verdict::Misspelt("CentOS 7.0 64bit"))
        ));
        assert!(matches!(
            judge(None, "Debain GNU/Linux 10.0.0 64bit"),
            Some(Verdict::Misspelt("Debian GNU/Linux 10.0.0 64bit"))
        ));
        assert!(matches!(
            judge(None, "Red Hat Linux Enterprise 8.0 64bit"),
            Some(Verdict::Misspelt("Redhat Linux Enterprise 8.0 64bit"))
        ));
        // Another release is not a typo, and neither is a value far from every listed one.
        assert!(matches!(
            judge(None, "CentOS 7.1.1 64bit"),
            Some(Verdict::Unknown)
        ));
        assert!(matches!(judge(None, "CentOS 7"), Some(Verdict::Unknown)));
    }

    #[test]
    fn each_cloud_by_its_own_list() {
        // Open Telekom Cloud spells Red Hat as Huawei Cloud does; its Swiss region does not,
        // and an `opentelekomcloud` resource may be for either.
        assert!(matches!(
            judge(
                Some("open-telekom-cloud"),
                "Red Hat Linux Enterprise 8.0 64bit"
            ),
            Some(Verdict::ListedBy("Open Telekom Cloud Switzerland"))
        ));
        assert!(matches!(
            judge(
                Some("open-telekom-cloud-swiss"),
                "Red Hat Linux Enterprise 8.0 64bit"
            ),
            Some(Verdict::Listed)
        ));
        assert!(matches!(
            judge(
                Some("open-telekom-cloud-swiss"),
                "Redhat Linux Enterprise 8.0 64bit"
            ),
            Some(Verdict::Misspelt("Red Hat Linux Enterprise 8.0 64bit"))
        ));
        // Huawei Cloud lists it, Open Telekom Cloud does not.
        assert!(matches!(
            judge(Some("open-telekom-cloud"), "Ubuntu 22.04 server 64bit"),
            Some(Verdict::Unknown)
        ));
        assert!(matches!(
            judge(
                Some("open-telekom-cloud"),
                "redhat linux enterprise 7.5 64bit"
            ),
            Some(Verdict::Misspelt("Redhat Linux Enterprise 7.5 64bit"))
        ));
        // FlexibleEngine publishes a list reqlint does not have: nothing is said.
        assert!(judge(Some("flexibleengine"), "anything").is_none());
    }
}
