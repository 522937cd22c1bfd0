//! Alibaba Cloud ECS (RPC API, version 2014-05-26): `DescribeInstances` (exists, status,
//! `OperationLocks`), `DescribeDisks` (local disks, which the image leaves out), `DescribeImages` by `ImageName` (the name is free), `DescribeSnapshots`
//! (exists, age, size), and last `CreateImage` with `DryRun=true`, whose `DryRunOperation`
//! answer means the cloud itself accepts the request.

use super::{Answer, Answered, At, Finding, Request, Session, creds, finding, short};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

const VERSION: &str = "2014-05-26";

/// Error codes that mean the credentials, not the request, are wrong.
const CREDENTIAL_ERRORS: [&str; 7] = [
    "InvalidAccessKeyId.NotFound",
    "InvalidAccessKeyId.Inactive",
    "SignatureDoesNotMatch",
    "InvalidSecurityToken.Expired",
    "InvalidSecurityToken.Malformed",
    "IncompleteSignature",
    "Forbidden.RAM",
];

struct Cloud<'s> {
    session: &'s Session,
    creds: &'s creds::Alibaba,
    endpoint: String,
    region: String,
    who: Answered,
}

/// What a call gives: the answer's JSON, or nothing (a note was made).
enum Got {
    Ok(Value),
    /// The cloud's error code and message (HTTP 4xx with a `Code`).
    Refused(String, String),
    Noted,
}

impl Cloud<'_> {
    fn call(&self, action: &str, params: &[(&str, String)]) -> Got {
        if self.session.noted("alibaba") {
            return Got::Noted;
        }
        let mut all: BTreeMap<String, String> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        all.insert("Action".into(), action.into());
        let key = format!(
            "alibaba {} {}",
            self.endpoint,
            super::sign::alibaba_canonical_query(&all)
        );
        let shown = format!("GET Action={action}");
        for (k, v) in [
            ("Format", "JSON".to_string()),
            ("Version", VERSION.to_string()),
            ("AccessKeyId", self.creds.id.clone()),
            ("SignatureMethod", "HMAC-SHA1".to_string()),
            ("SignatureVersion", "1.0".to_string()),
            ("SignatureNonce", nonce()),
            (
                "Timestamp",
                jiff::Timestamp::now()
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
                    .to_string(),
            ),
        ] {
            all.insert(k.into(), v);
        }
        if let Some(token) = &self.creds.token {
            all.insert("SecurityToken".into(), token.expose().to_string());
        }
        let signature = super::sign::alibaba_signature(self.creds.secret.expose(), "GET", &all);
        all.insert("Signature".into(), signature);
        let url = format!(
            "{}/?{}",
            self.endpoint,
            super::sign::alibaba_canonical_query(&all)
        );
        match self.session.call(key, shown, |c| c.get(&url, &[])) {
            Answer::Got(200, body) if body.is_object() => Got::Ok(body),
            Answer::Got(200, _) => self.note("the answer is not the documented JSON".into()),
            Answer::Got(status, body) => {
                let code = body.get("Code").and_then(Value::as_str).map(short);
                let message = body
                    .get("Message")
                    .and_then(Value::as_str)
                    .map(short)
                    .unwrap_or_default();
                match code {
                    Some(code) if CREDENTIAL_ERRORS.contains(&code.as_str()) => {
                        self.note(format!("the credentials were refused ({code}); check them"))
                    }
                    Some(code) if status < 500 => Got::Refused(code, message),
                    Some(code) => self.note(format!("{action} answered HTTP {status} ({code})")),
                    None => self.note(format!("{action} answered HTTP {status}")),
                }
            }
            Answer::Failed(why) => self.note(why),
        }
    }

    fn note(&self, why: String) -> Got {
        self.session
            .note("alibaba", format!("alibaba: not checked online: {why}"));
        Got::Noted
    }
}

fn nonce() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = jiff::Timestamp::now().as_nanosecond();
    format!(
        "{now}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn check(session: &Session, request: &Request<'_>) -> Vec<Finding> {
    let creds = match session.alibaba.get_or_init(creds::alibaba) {
        Ok(c) => c,
        Err(e) => {
            session.note("alibaba", format!("alibaba: not checked online: {e}"));
            return Vec::new();
        }
    };
    // The region the request names, else (absent, or not known before it is sent: a plan's
    // provider region) the credentials' one.
    let region = match request.text("/RegionId") {
        Some(r) => r.to_string(),
        None => match &creds.region {
            Some(r) => r.clone(),
            None => {
                session.note(
                    "alibaba",
                    "alibaba: not checked online: no region (the request gives no RegionId and ALIBABA_CLOUD_REGION_ID is not set)".into(),
                );
                return Vec::new();
            }
        },
    };
    let endpoint = match session.endpoint("alibaba-ecs", || {
        Some(format!("https://ecs.{region}.aliyuncs.com"))
    }) {
        Ok(e) => e,
        Err(e) => {
            session.note("alibaba", format!("alibaba: not checked online: {e}"));
            return Vec::new();
        }
    };
    let cloud = Cloud {
        session,
        creds,
        endpoint,
        region: region.clone(),
        who: Answered {
            cloud: "alibaba",
            region,
            account: creds.account.clone(),
        },
    };
    let mut found = Vec::new();
    let mut complete = true;
    // The image's source, by the documented priority: InstanceId, DiskDeviceMapping, SnapshotId.
    if request.body.contains_key("InstanceId") {
        match request.text("/InstanceId") {
            Some(id) => complete &= instance(&cloud, id, &mut found),
            None => complete = false,
        }
    } else {
        let mut snapshots: Vec<(String, String, Option<f64>)> = Vec::new();
        if let Some(Value::Array(mappings)) = request.body.get("DiskDeviceMapping") {
            for (i, _) in mappings.iter().enumerate() {
                let pointer = format!("/DiskDeviceMapping/{i}/SnapshotId");
                if let Some(id) = request.text(&pointer) {
                    let size = request.number(&format!("/DiskDeviceMapping/{i}/Size"));
                    snapshots.push((pointer, id.to_string(), size));
                }
            }
        } else if let Some(id) = request.text("/SnapshotId") {
            snapshots.push(("/SnapshotId".into(), id.to_string(), None));
        }
        if !snapshots.is_empty() {
            complete &= snapshot_checks(&cloud, &snapshots, &mut found);
        }
    }
    if let Some(name) = request.text("/ImageName") {
        match cloud.call(
            "DescribeImages",
            &[
                ("RegionId", cloud.region.clone()),
                ("ImageName", name.to_string()),
                ("ImageOwnerAlias", "self".into()),
                (
                    "Status",
                    "Creating,Waiting,Available,UnAvailable,CreateFailed".into(),
                ),
                ("PageSize", "100".into()),
            ],
        ) {
            Got::Ok(body) => {
                let taken = list(&body, "/Images/Image")
                    .iter()
                    .find(|i| i.get("ImageName").and_then(Value::as_str) == Some(name))
                    .and_then(|i| i.get("ImageId").and_then(Value::as_str))
                    .map(str::to_string);
                if let Some(id) = taken {
                    found.push(finding(
                        "ONL005",
                        At::Member("/ImageName".into()),
                        format!("the image name `{name}` is taken by `{id}`; Alibaba answers InvalidImageName.Duplicated"),
                        &cloud.who,
                    ));
                }
            }
            Got::Refused(..) | Got::Noted => complete = false,
        }
    }
    // Last, the cloud's own word on the whole request, when every value is known and nothing
    // above already says why it would fail.
    if complete && request.complete && found.is_empty() && all_known(request) {
        let mut params = Vec::new();
        let mut body = request.body.clone();
        // Sent by reqlint: the region asked, no idempotency token (a dry run creates nothing).
        for name in ["DryRun", "Action", "ClientToken", "RegionId"] {
            body.remove(name);
        }
        flatten("", &Value::Object(body), &mut params);
        params.push(("RegionId".into(), cloud.region.clone()));
        params.push(("DryRun".into(), "true".into()));
        let params: Vec<(&str, String)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        match cloud.call("CreateImage", &params) {
            Got::Refused(code, _) if code == "DryRunOperation" => {}
            Got::Refused(code, message) => found.push(finding(
                "ONL008",
                At::Member(String::new()),
                format!("Alibaba's CreateImage dry run answers {code}: {message}"),
                &cloud.who,
            )),
            Got::Ok(_) => found.push(finding(
                "ONL008",
                At::Member(String::new()),
                "Alibaba's CreateImage dry run did not answer DryRunOperation".into(),
                &cloud.who,
            )),
            Got::Noted => {}
        }
    }
    found
}

/// `DescribeInstances` for the instance: exists, Running or Stopped, not locked for security.
/// Returns whether the call was answered.
fn instance(cloud: &Cloud<'_>, id: &str, found: &mut Vec<Finding>) -> bool {
    let body = match cloud.call(
        "DescribeInstances",
        &[
            ("RegionId", cloud.region.clone()),
            ("InstanceIds", Value::from(vec![id]).to_string()),
        ],
    ) {
        Got::Ok(body) => body,
        Got::Refused(..) | Got::Noted => return false,
    };
    let at = || At::Member("/InstanceId".into());
    let Some(instances) = documented_list(cloud, &body, "/Instances/Instance") else {
        return false;
    };
    let Some(instance) = instances
        .iter()
        .find(|i| i.get("InstanceId").and_then(Value::as_str) == Some(id))
    else {
        found.push(finding(
            "ONL001",
            at(),
            format!("there is no instance `{id}` in this region; Alibaba answers InvalidInstanceId.NotFound"),
            &cloud.who,
        ));
        return true;
    };
    let status = instance.get("Status").and_then(Value::as_str).unwrap_or("");
    if !status.is_empty() && status != "Running" && status != "Stopped" {
        found.push(finding(
            "ONL002",
            at(),
            format!("the instance is {status}, not Running or Stopped; Alibaba answers IncorrectInstanceStatus"),
            &cloud.who,
        ));
    }
    let locks = list(instance, "/OperationLocks/LockReason");
    if locks
        .iter()
        .any(|l| l.get("LockReason").and_then(Value::as_str) == Some("security"))
    {
        found.push(finding(
            "ONL003",
            at(),
            "the instance is locked for security (OperationLocks `security`); Alibaba answers InstanceLockedForSecurity".into(),
            &cloud.who,
        ));
    }
    local_disks(cloud, id, found)
}

/// `DescribeDisks` for the instance's disks: CreateImage snapshots each cloud disk, so a local
/// disk's data (`local_ssd_pro`, `ephemeral_ssd`, an elastic ephemeral disk) is not in the image.
/// Returns whether the call was answered.
fn local_disks(cloud: &Cloud<'_>, id: &str, found: &mut Vec<Finding>) -> bool {
    let body = match cloud.call(
        "DescribeDisks",
        &[
            ("RegionId", cloud.region.clone()),
            ("InstanceId", id.to_string()),
            ("PageSize", "100".into()),
        ],
    ) {
        Got::Ok(body) => body,
        Got::Refused(..) | Got::Noted => return false,
    };
    let Some(disks) = documented_list(cloud, &body, "/Disks/Disk") else {
        return false;
    };
    let local: Vec<String> = disks
        .iter()
        .filter_map(|disk| {
            let category = disk.get("Category").and_then(Value::as_str)?;
            let is_local = category.starts_with("local")
                || category.starts_with("ephemeral")
                || category.starts_with("elastic_ephemeral");
            let disk_id = disk.get("DiskId").and_then(Value::as_str).unwrap_or("?");
            is_local.then(|| format!("`{disk_id}` ({category})"))
        })
        .collect();
    if !local.is_empty() {
        found.push(finding(
            "ONL010",
            At::Member("/InstanceId".into()),
            format!(
                "the instance has local disks, whose data the image will not hold: {}; CreateImage snapshots only its cloud disks",
                local.join(", ")
            ),
            &cloud.who,
        ));
    }
    true
}

/// `DescribeSnapshots` for the snapshots: exist, made after 2013-07-15, no larger than the
/// disk size the request gives. Returns whether the call was answered.
fn snapshot_checks(
    cloud: &Cloud<'_>,
    snapshots: &[(String, String, Option<f64>)],
    found: &mut Vec<Finding>,
) -> bool {
    let ids: Vec<&str> = snapshots.iter().map(|(_, id, _)| id.as_str()).collect();
    let body = match cloud.call(
        "DescribeSnapshots",
        &[
            ("RegionId", cloud.region.clone()),
            ("SnapshotIds", Value::from(ids).to_string()),
            ("PageSize", "100".into()),
        ],
    ) {
        Got::Ok(body) => body,
        Got::Refused(..) | Got::Noted => return false,
    };
    let Some(known) = documented_list(cloud, &body, "/Snapshots/Snapshot") else {
        return false;
    };
    let oldest_refused: jiff::civil::Date = jiff::civil::date(2013, 7, 15);
    for (pointer, id, size) in snapshots {
        let at = At::Member(pointer.clone());
        let Some(snapshot) = known
            .iter()
            .find(|s| s.get("SnapshotId").and_then(Value::as_str) == Some(id))
        else {
            found.push(finding(
                "ONL001",
                at,
                format!("there is no snapshot `{id}` in this region; Alibaba answers InvalidSnapshotId.NotFound"),
                &cloud.who,
            ));
            continue;
        };
        let created = snapshot
            .get("CreationTime")
            .and_then(Value::as_str)
            .and_then(|t| t.get(..10))
            .and_then(|d| d.parse::<jiff::civil::Date>().ok());
        if let Some(created) = created
            && created <= oldest_refused
        {
            found.push(finding(
                "ONL006",
                at.clone(),
                format!("the snapshot was created on {created}, on or before 2013-07-15; Alibaba answers InvalidSnapshot.TooOld"),
                &cloud.who,
            ));
        }
        let source = snapshot.get("SourceDiskSize").and_then(|v| match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        });
        if let (Some(size), Some(source)) = (size, source)
            && *size < source
        {
            let size_pointer = pointer.replace("/SnapshotId", "/Size");
            found.push(finding(
                "ONL007",
                At::Member(size_pointer),
                format!("`Size` is {size} GiB, smaller than the snapshot's disk of {source} GiB; Alibaba answers InvalidSize.ValueNotSupported"),
                &cloud.who,
            ));
        }
    }
    true
}

/// The items of the list a describe answer must hold; a note when it holds none (an answer
/// without the list says nothing of what exists).
fn documented_list<'v>(
    cloud: &Cloud<'_>,
    body: &'v Value,
    pointer: &str,
) -> Option<Vec<&'v Value>> {
    match body.pointer(pointer).and_then(Value::as_array) {
        Some(items) => Some(items.iter().collect()),
        None => {
            cloud.note("the answer is not the documented JSON".into());
            None
        }
    }
}

/// The items of a list in a describe answer (`{"Instances": {"Instance": [...]}}`).
fn list<'v>(body: &'v Value, pointer: &str) -> Vec<&'v Value> {
    body.pointer(pointer)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// Whether every member of the request holds a known value.
fn all_known(request: &Request<'_>) -> bool {
    let mut pointers = Vec::new();
    leaves("", &Value::Object(request.body.clone()), &mut pointers);
    pointers
        .iter()
        .filter(|p| *p != "/ClientToken" && *p != "/RegionId")
        .all(|p| (request.known)(p))
}

fn leaves(prefix: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(o) => {
            for (k, v) in o {
                leaves(
                    &format!("{prefix}/{}", k.replace('~', "~0").replace('/', "~1")),
                    v,
                    out,
                )
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                leaves(&format!("{prefix}/{i}"), v, out)
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

/// The RPC parameters of a canonical request: `Tag.1.Key`, `DiskDeviceMapping.2.Size`,
/// `Features.NvmeSupport`.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match value {
        Value::Object(o) => {
            for (k, v) in o {
                flatten(&join(k), v, out)
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                flatten(&join(&(i + 1).to_string()), v, out)
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Number(n) => out.push((prefix.to_string(), n.to_string())),
        Value::Bool(b) => out.push((prefix.to_string(), b.to_string())),
        Value::Null => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn flattened_parameters() {
        let body = serde_json::json!({"RegionId": "cn-hangzhou", "Tag": [{"Key": "a", "Value": "b"}],
            "DiskDeviceMapping": [{"Size": 40}], "Features": {"NvmeSupport": "auto"}});
        let mut out = Vec::new();
        super::flatten("", &body, &mut out);
        out.sort();
        assert_eq!(
            out,
            [
                ("DiskDeviceMapping.1.Size", "40"),
                ("Features.NvmeSupport", "auto"),
                ("RegionId", "cn-hangzhou"),
                ("Tag.1.Key", "a"),
                ("Tag.1.Value", "b"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
    }
}
