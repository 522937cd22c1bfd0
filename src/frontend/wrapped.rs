//! JSON files that hold a request body inside a wrapper a command-line tool reads or writes:
//!
//! - Huawei Cloud KooCLI's `--cli-jsonInput` files, the shape `hcloud ... --skeleton` writes:
//!   `{"header": {...}, "path": {...}, "query": {...}, "formData": {...}, "cookie": {...},
//!   "body": {...}}`, KooCLI reading only those six keys (KooCLI user guide, "Passing API
//!   Parameters with JSON File" and "Generating API Input Parameter Skeleton in JSON Format";
//!   FAQ "How Do I Use cli-jsonInput?"). The request is `body`. Its API is told by the file's
//!   name as `--skeleton` names it (`IMS_CreateImage*.json`, `IMS_CreateWholeImage*.json`), by
//!   a request path written as `path`, else by the body's shape.
//! - The Alibaba Cloud CLI's `--cli-dry-run-json` output (`aliyun ecs CreateImage ...
//!   --cli-dry-run-json`, aliyun/aliyun-cli `openapi/cli_dry_run.go`, `CliDryRunOutput`):
//!   `{"style": "RPC", "endpoint", "method", "headers", "query": {...}, "action": "CreateImage",
//!   "version": "2014-05-26"}`. The request is `query`, the flattened RPC parameters.
//!
//! Findings point into the wrapped body (pointers) and into the file (positions).

use crate::api::Api;
use serde_json::{Map, Value};

/// The keys KooCLI reads from a `--cli-jsonInput` file.
const KOOCLI_KEYS: [&str; 6] = ["header", "path", "query", "formData", "cookie", "body"];

/// Whether a document has the shape of a KooCLI `--cli-jsonInput` file.
fn is_koocli(document: &Map<String, Value>) -> bool {
    // The names first: a request body's first member is seldom one of the six.
    document.keys().all(|k| KOOCLI_KEYS.contains(&k.as_str()))
        && matches!(document.get("body"), Some(Value::Object(_)))
}

/// The API of a document that is the `--cli-dry-run-json` output of `aliyun ecs CreateImage`
/// (or of another RPC action a pack names).
fn aliyun_dry_run(document: &Map<String, Value>) -> Option<Api> {
    if document.get("style").and_then(Value::as_str) != Some("RPC")
        || !matches!(document.get("query"), Some(Value::Object(_)))
    {
        return None;
    }
    let action = document.get("action").and_then(Value::as_str)?;
    crate::pack::all()
        .iter()
        .find(|p| p.wire.form == crate::pack::Form::Rpc && p.wire.action.as_deref() == Some(action))
        .map(|p| p.api())
}

/// The pointer of the request a wrapper holds, and its API when the wrapper tells it; `name`
/// is the linted file's name. `None` for a document that is no wrapper, or whose request is
/// itself wrapper-shaped (wrappers are not unwrapped twice).
pub fn inner(document: &Map<String, Value>, name: &str) -> Option<(&'static str, Option<Api>)> {
    if let Some(api) = aliyun_dry_run(document) {
        return Some(("/query", Some(api)));
    }
    if !is_koocli(document) {
        return None;
    }
    if let Some(Value::Object(body)) = document.get("body")
        && (is_koocli(body) || aliyun_dry_run(body).is_some())
    {
        return None;
    }
    let by_path = document
        .get("path")
        .and_then(Value::as_str)
        .and_then(crate::detect::from_request_target);
    Some(("/body", by_path.or_else(|| by_file_name(name))))
}

/// The API of a `--skeleton` file by its name: `IMS_CreateImage.json`,
/// `IMS_CreateWholeImage_cn-20231108093800.json`.
fn by_file_name(name: &str) -> Option<Api> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let operation = file.strip_prefix("IMS_")?;
    let stem = operation.split(['_', '.']).next()?;
    super::shell::api_of_command(&["hcloud", "IMS", stem])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn of(v: Value, name: &str) -> Option<(&'static str, Option<Api>)> {
        inner(v.as_object().unwrap(), name)
    }

    #[test]
    fn koocli_files_and_dry_runs_are_unwrapped() {
        let koo = json!({"header": {}, "body": {"name": "x", "instance_id": "i"}});
        assert_eq!(
            of(
                koo.clone(),
                "dir/IMS_CreateWholeImage_cn-20231108093800.json"
            ),
            Some(("/body", Some(Api::HuaweiImsCreateWholeImage)))
        );
        assert_eq!(
            of(koo.clone(), "IMS_CreateImage.json"),
            Some(("/body", Some(Api::HuaweiImsCreateImage)))
        );
        assert_eq!(of(koo, "request.json"), Some(("/body", None)));
        let dry = json!({"style": "RPC", "action": "CreateImage", "query": {"ImageName": "x"}});
        assert_eq!(
            of(dry, "out.json"),
            Some(("/query", Some(Api::AlibabaEcsCreateImage)))
        );
        // Not wrappers: a request with a member named `body`, a nested wrapper.
        assert_eq!(of(json!({"body": {}, "name": "x"}), "x.json"), None);
        assert_eq!(of(json!({"body": {"body": {}}}), "x.json"), None);
        assert_eq!(of(json!({"body": "text"}), "x.json"), None);
    }
}
