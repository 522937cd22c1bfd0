//! Which API a request targets (docs/spec/interface.md "Which API a file targets"): from the `.http`
//! request line, else from the shape of the body. Forced choices (`--api`, configuration) are
//! the caller's and never reach here.

use crate::api::Api;
use serde_json::{Map, Value};

/// What detection concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    Found(Api),
    /// The shape fits several APIs; nothing is guessed.
    Ambiguous(Vec<Api>),
    /// Nothing in the request says which API it is for.
    Unknown,
}

/// The API named by an `.http` request target (host and `{placeholders}` ignored): a query
/// parameter a pack lists (`Action=CreateImage`), else a path it lists.
pub fn from_request_target(target: &str) -> Option<Api> {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let packs = crate::pack::all();
    for pack in packs {
        if query.split('&').any(|kv| {
            pack.detect
                .query
                .iter()
                .any(|wanted| kv.eq_ignore_ascii_case(wanted))
        }) {
            return Some(pack.api());
        }
    }
    // Drop the scheme and the host; keep the path.
    let path = match path.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => path,
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    packs
        .iter()
        .find(|pack| {
            pack.detect.paths.iter().any(|pattern| {
                let wanted: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
                wanted.len() == segments.len()
                    && wanted
                        .iter()
                        .zip(&segments)
                        .all(|(w, s)| *w == "*" || w == s)
            })
        })
        .map(|pack| pack.api())
}

/// The API a body's shape points to: the one pack that lists one of its top-level members as
/// its own (or a prefix of a flattened one). When none does, a member that several packs
/// share (Huawei's `instance_id`) makes the body ambiguous among them; with no such member, the
/// body is no create-image request at all (`package.json`).
pub fn from_body(body: &Map<String, Value>) -> Detection {
    let packs = crate::pack::all();
    let index = index();
    // One look-up per member of the body, not one per name every pack lists.
    let (mut own, mut shared) = (0u64, 0u64);
    for key in body.keys() {
        if let Some(&(o, s)) = index.names.get(key.as_str()) {
            own |= o;
            shared |= s;
        }
    }
    for &(i, prefixes) in &index.prefixes {
        if own & (1 << i) == 0
            && body
                .keys()
                .any(|k| prefixes.iter().any(|p| k.starts_with(p.as_str())))
        {
            own |= 1 << i;
        }
    }
    let of = |mask: u64| -> Vec<Api> {
        packs
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, pack)| pack.api())
            .collect()
    };
    let hits = of(own);
    match hits.len() {
        1 => Detection::Found(hits[0]),
        0 => {
            let sharing = of(shared);
            match sharing.len() {
                0 => Detection::Unknown,
                1 => Detection::Found(sharing[0]),
                _ => Detection::Ambiguous(sharing),
            }
        }
        _ => Detection::Ambiguous(hits),
    }
}

/// The packs' detection names, by name: the packs (bits, by position) that list it as their
/// own member and as a shared one; and the packs with prefixes.
struct Index {
    names: std::collections::HashMap<&'static str, (u64, u64), foldhash::fast::FixedState>,
    prefixes: Vec<(usize, &'static [String])>,
}

fn index() -> &'static Index {
    static INDEX: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| {
        let packs = crate::pack::all();
        assert!(packs.len() <= 64, "detection keeps packs in a 64-bit set");
        let mut names = std::collections::HashMap::<&str, (u64, u64), _>::default();
        let mut prefixes = Vec::new();
        for (i, pack) in packs.iter().enumerate() {
            for name in &pack.detect.members {
                names.entry(name.as_str()).or_default().0 |= 1 << i;
            }
            for name in &pack.detect.shared {
                names.entry(name.as_str()).or_default().1 |= 1 << i;
            }
            if !pack.detect.prefixes.is_empty() {
                prefixes.push((i, pack.detect.prefixes.as_slice()));
            }
        }
        Index { names, prefixes }
    });
    &INDEX
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn detect(v: Value) -> Detection {
        from_body(v.as_object().unwrap())
    }

    #[test]
    fn request_lines() {
        let t = from_request_target;
        assert_eq!(
            t("https://{Endpoint}/v1/cloudimages/wholeimages/action"),
            Some(Api::HuaweiImsCreateWholeImage)
        );
        assert_eq!(
            t("https://ims.example.com/v2/cloudimages/action"),
            Some(Api::HuaweiImsCreateImage)
        );
        assert_eq!(
            t("/v2.1/{project_id}/servers/{server_id}/action"),
            Some(Api::OpenstackNovaCreateImage)
        );
        assert_eq!(
            t("https://ecs.aliyuncs.com/?Action=CreateImage&RegionId=cn-hangzhou"),
            Some(Api::AlibabaEcsCreateImage)
        );
        assert_eq!(t("https://example.com/v3/other"), None);
    }

    #[test]
    fn shapes() {
        assert_eq!(
            detect(json!({"createImage": {}})),
            Detection::Found(Api::OpenstackNovaCreateImage)
        );
        assert_eq!(
            detect(json!({"name": "a", "backup_id": "b"})),
            Detection::Found(Api::HuaweiImsCreateWholeImage)
        );
        assert_eq!(
            detect(json!({"name": "a", "image_url": "b:c"})),
            Detection::Found(Api::HuaweiImsCreateImage)
        );
        assert_eq!(
            detect(json!({"RegionId": "cn-hangzhou"})),
            Detection::Found(Api::AlibabaEcsCreateImage)
        );
        assert!(matches!(
            detect(json!({"name": "a", "instance_id": "b"})),
            Detection::Ambiguous(v) if v.len() == 2
        ));
        assert_eq!(detect(json!({"x": 1})), Detection::Unknown);
        // Other JSON files: `package.json`, `tsconfig.json`, a `.eslintrc.json`.
        for other in [
            json!({"name": "app", "version": "1.0.0", "type": "module", "description": "x"}),
            json!({"compilerOptions": {"target": "es2020"}, "include": ["src"]}),
            json!({"root": true, "extends": ["eslint:recommended"]}),
        ] {
            assert_eq!(detect(other), Detection::Unknown);
        }
    }
}
