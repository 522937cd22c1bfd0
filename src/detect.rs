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

/// The API named by an `.http` request target (host and `{placeholders}` ignored).
pub fn from_request_target(target: &str) -> Option<Api> {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if query
        .split('&')
        .any(|kv| kv.eq_ignore_ascii_case("Action=CreateImage"))
    {
        return Some(Api::AlibabaEcsCreateImage);
    }
    // Drop the scheme and the host; keep the path.
    let path = match path.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => path,
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["v1", "cloudimages", "wholeimages", "action"] => Some(Api::HuaweiImsCreateWholeImage),
        ["v2", "cloudimages", "action"] => Some(Api::HuaweiImsCreateImage),
        ["v2" | "v2.1", _, "servers", _, "action"] => Some(Api::OpenstackNovaCreateImage),
        _ => None,
    }
}

/// Members that only one API has, at the top level of its body.
const WHOLE_IMAGE_ONLY: [&str; 3] = ["backup_id", "whole_image_type", "vault_id"];
/// `type`, `architecture` and `os_type` are members too, but words as common as `name`
/// (`package.json` has `"type": "module"`): they decide nothing.
const CREATE_IMAGE_ONLY: [&str; 9] = [
    "image_url",
    "volume_id",
    "data_images",
    "min_disk",
    "os_version",
    "is_quick_import",
    "is_config",
    "cmk_id",
    "hw_firmware_type",
];
const ALIBABA_ONLY: [&str; 8] = [
    "RegionId",
    "InstanceId",
    "SnapshotId",
    "ImageName",
    "ImageFamily",
    "DiskDeviceMapping",
    "Tag",
    "ClientToken",
];
/// Members every Huawei IMS body may have, whichever of the two APIs it is for, and that no
/// other JSON file is likely to have (`name`, `description` and `tags` are in every
/// `package.json`): a body with one of them and nothing that decides is ambiguous; a body
/// with none of them is no create-image request at all.
const HUAWEI_SHARED: [&str; 5] = [
    "instance_id",
    "image_tags",
    "enterprise_project_id",
    "max_ram",
    "min_ram",
];

/// The API a body's shape points to.
pub fn from_body(body: &Map<String, Value>) -> Detection {
    let mut hits = Vec::new();
    let has = |names: &[&str]| names.iter().any(|n| body.contains_key(*n));
    if body.contains_key("createImage") {
        hits.push(Api::OpenstackNovaCreateImage);
    }
    if has(&WHOLE_IMAGE_ONLY) {
        hits.push(Api::HuaweiImsCreateWholeImage);
    }
    if has(&CREATE_IMAGE_ONLY) {
        hits.push(Api::HuaweiImsCreateImage);
    }
    if has(&ALIBABA_ONLY)
        || body.keys().any(|k| {
            k.starts_with("DiskDeviceMapping.")
                || k.starts_with("Tag.")
                || k.starts_with("Features.")
        })
    {
        hits.push(Api::AlibabaEcsCreateImage);
    }
    match hits.len() {
        1 => Detection::Found(hits[0]),
        0 if has(&HUAWEI_SHARED) => Detection::Ambiguous(vec![
            Api::HuaweiImsCreateImage,
            Api::HuaweiImsCreateWholeImage,
        ]),
        0 => Detection::Unknown,
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
