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
    let has = |names: &[String]| names.iter().any(|n| body.contains_key(n.as_str()));
    let hits: Vec<Api> = packs
        .iter()
        .filter(|pack| {
            has(&pack.detect.members)
                || (!pack.detect.prefixes.is_empty()
                    && body.keys().any(|k| {
                        pack.detect
                            .prefixes
                            .iter()
                            .any(|p| k.starts_with(p.as_str()))
                    }))
        })
        .map(|pack| pack.api())
        .collect();
    match hits.len() {
        1 => Detection::Found(hits[0]),
        0 => {
            let sharing: Vec<Api> = packs
                .iter()
                .filter(|pack| has(&pack.detect.shared))
                .map(|pack| pack.api())
                .collect();
            match sharing.len() {
                0 => Detection::Unknown,
                1 => Detection::Found(sharing[0]),
                _ => Detection::Ambiguous(sharing),
            }
        }
        _ => Detection::Ambiguous(hits),
    }
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
