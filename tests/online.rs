//! Online checks against loopback clouds started here: each speaks its cloud's documented
//! request and response shapes (the responses are built from the API references' examples),
//! verifies every request's signature or token, and records every call.
//!
//! Every run of `reqlint` here has a cleared environment and a home folder of its own, so that
//! nothing of the machine's own credentials is read.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqlint::online::sign;
use serde_json::{Value, json};

/// The secret placed in every credential source.
const SECRET: &str = "Sekr3t-9f2c41d7e0";

#[derive(Debug, Clone)]
struct Call {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Call {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    fn query(&self) -> BTreeMap<String, String> {
        let query = self.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    delay: Duration,
}

fn reply(status: u16, body: Value) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: body.to_string(),
        delay: Duration::ZERO,
    }
}

type Handler = dyn Fn(&Call, &str) -> Reply + Send + Sync;

/// A loopback HTTP server: every connection counted, every call recorded.
struct Cloud {
    base: String,
    connections: Arc<AtomicUsize>,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Cloud {
    fn start(handler: impl Fn(&Call, &str) -> Reply + Send + Sync + 'static) -> Cloud {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let calls = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (c, k, b) = (connections.clone(), calls.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                c.fetch_add(1, Ordering::SeqCst);
                let (k, h, b) = (k.clone(), handler.clone(), b.clone());
                std::thread::spawn(move || serve(stream, &k, &*h, &b));
            }
        });
        Cloud {
            base,
            connections,
            calls,
        }
    }

    fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, calls: &Mutex<Vec<Call>>, handler: &Handler, base: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or("").to_string();
    let target = words.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let call = Call {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    calls.lock().unwrap().push(call.clone());
    let r = handler(&call, base);
    std::thread::sleep(r.delay);
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        r.status,
        r.body.len()
    );
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&r.body);
    let mut stream = stream;
    let _ = stream.write_all(out.as_bytes());
}

/// Runs `reqlint` with only these environment variables and a fresh home folder.
fn run(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_reqlint"));
    command
        .current_dir(dir)
        .env_clear()
        .env("HOME", &home)
        .args(args);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn findings(output: &Output) -> Vec<Value> {
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("JSON output: {}", String::from_utf8_lossy(&output.stdout)));
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .collect()
}

fn online_findings(output: &Output) -> Vec<(String, String, String)> {
    findings(output)
        .into_iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("ONL"))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

// ---------------------------------------------------------------------------------------------
// OpenStack: Keystone v3 and nova.

/// Keystone and nova on one loopback server. Servers by id: `busy` is uploading an image,
/// `error` is in ERROR, `volume` boots from a volume, `locked` is locked, `fine` is fine,
/// anything else is 404.
fn openstack_cloud() -> Cloud {
    Cloud::start(|call, base| {
        if call.method == "POST" && call.path() == "/identity/v3/auth/tokens" {
            let body: Value = serde_json::from_str(&call.body).unwrap_or(Value::Null);
            let password = body.pointer("/auth/identity/password/user/password");
            let credential = body.pointer("/auth/identity/application_credential/secret");
            if password.or(credential) != Some(&json!(SECRET)) {
                return reply(
                    401,
                    json!({"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}),
                );
            }
            // Keystone API reference, "Password authentication with scoped authorization",
            // response example (shortened).
            let mut r = reply(
                201,
                json!({"token": {
                    "methods": ["password"],
                    "expires_at": "2099-02-27T18:30:59.999999Z",
                    "project": {"domain": {"id": "default", "name": "Default"}, "id": "8538a3f13f9541b28c2620eb19065e45", "name": "demo"},
                    "catalog": [
                        {"type": "identity", "name": "keystone", "endpoints": [
                            {"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": format!("{base}/identity/v3")}]},
                        {"type": "compute", "name": "nova", "endpoints": [
                            {"interface": "internal", "region": "RegionOne", "region_id": "RegionOne", "url": "http://10.0.0.1/compute/v2.1"},
                            {"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": format!("{base}/compute/v2.1")}]}
                    ],
                    "user": {"domain": {"id": "default", "name": "Default"}, "id": "ee4dfb6e5540447cb3741905149d9b6e", "name": "admin"},
                    "issued_at": "2099-02-27T16:30:59.999999Z"}}),
            );
            r.headers
                .push(("X-Subject-Token".into(), "gAAAAABtoken".into()));
            return r;
        }
        if call.header("X-Auth-Token") != Some("gAAAAABtoken") {
            return reply(
                401,
                json!({"error": {"code": 401, "message": "Unauthorized"}}),
            );
        }
        let Some(id) = call.path().strip_prefix("/compute/v2.1/servers/") else {
            return reply(
                404,
                json!({"itemNotFound": {"code": 404, "message": "Not found"}}),
            );
        };
        // nova API reference, "Show Server Details", response example (the members read).
        let server = |status: &str, task: Value, image: Value, locked: bool| {
            reply(
                200,
                json!({"server": {
                    "id": id, "name": "new-server-test", "status": status,
                    "OS-EXT-STS:task_state": task, "OS-EXT-STS:vm_state": status.to_lowercase(),
                    "OS-EXT-STS:power_state": 1, "locked": locked,
                    "image": image, "flavor": {"vcpus": 1, "ram": 512, "disk": 1},
                    "tenant_id": "6f70656e737461636b20342065766572"}}),
            )
        };
        let image = json!({"id": "70a599e0-31e7-49b7-b260-868f441e862b", "links": []});
        match id {
            "9168b536-busy" => server("ACTIVE", json!("image_uploading"), image, false),
            "9168b536-error" => server("ERROR", Value::Null, image, false),
            "9168b536-volume" => server("ACTIVE", Value::Null, json!(""), false),
            "9168b536-locked" => server("SHUTOFF", Value::Null, image, true),
            "9168b536-fine" => server("ACTIVE", Value::Null, image, false),
            "9168b536-500" => reply(
                500,
                json!({"computeFault": {"code": 500, "message": "boom"}}),
            ),
            _ => reply(
                404,
                json!({"itemNotFound": {"code": 404, "message": "Instance could not be found."}}),
            ),
        }
    })
}

fn nova_http(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            format!(
                "### {id}\nPOST https://compute.example.com/v2.1/servers/{id}/action\nContent-Type: application/json\n\n{{\"createImage\": {{\"name\": \"web-2026\"}}}}\n\n"
            )
        })
        .collect()
}

fn openstack_env(cloud: &Cloud) -> Vec<(&'static str, String)> {
    vec![
        ("OS_AUTH_URL", format!("{}/identity", cloud.base)),
        ("OS_USERNAME", "admin".into()),
        ("OS_PASSWORD", SECRET.into()),
        ("OS_PROJECT_NAME", "demo".into()),
        ("OS_USER_DOMAIN_NAME", "Default".into()),
        ("OS_PROJECT_DOMAIN_ID", "default".into()),
        ("OS_REGION_NAME", "RegionOne".into()),
    ]
}

#[test]
fn nova_server_states_are_findings_on_the_server_id() {
    let cloud = openstack_cloud();
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        "9168b536-busy",
        "9168b536-error",
        "9168b536-volume",
        "9168b536-locked",
        "9168b536-fine",
        "9168b536-gone",
    ];
    std::fs::write(dir.path().join("nova.http"), nova_http(&ids)).unwrap();
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "nova.http"],
        &openstack_env(&cloud),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found = findings(&out);
    let online: Vec<_> = found
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("ONL"))
        .collect();
    let text = std::fs::read_to_string(dir.path().join("nova.http")).unwrap();
    let by = |code: &str, id: &str| {
        online.iter().find(|d| {
            d["code"] == code && {
                let offset = d["offset"].as_u64().unwrap() as usize;
                let length = d["length"].as_u64().unwrap() as usize;
                &text[offset..offset + length] == id
            }
        })
    };
    let busy = by("ONL002", "9168b536-busy").expect("busy server");
    assert!(
        busy["message"]
            .as_str()
            .unwrap()
            .starts_with("the server is in task state image_uploading; nova answers 409"),
        "{busy}"
    );
    assert!(
        busy["message"]
            .as_str()
            .unwrap()
            .contains("region RegionOne, project demo")
    );
    assert!(by("ONL002", "9168b536-error").is_some());
    assert!(by("ONL004", "9168b536-volume").is_some());
    assert!(by("ONL001", "9168b536-gone").is_some());
    // Locked servers are imaged by nova (the lock guards change and deletion); fine is fine.
    assert_eq!(online.len(), 4, "{online:#?}");
    // One token, then one GET per server: nothing but reads.
    let calls = cloud.calls();
    assert_eq!(
        calls
            .iter()
            .filter(|c| c.method == "POST")
            .map(|c| c.path())
            .collect::<Vec<_>>(),
        ["/identity/v3/auth/tokens"]
    );
    assert!(
        calls
            .iter()
            .filter(|c| c.method != "POST")
            .all(|c| c.method == "GET" && c.path().starts_with("/compute/v2.1/servers/"))
    );
    assert_eq!(calls.len(), 1 + ids.len());
}

#[test]
fn without_online_no_connection_is_made() {
    let cloud = openstack_cloud();
    let alibaba = alibaba_cloud();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nova.http"), nova_http(&["9168b536-busy"])).unwrap();
    std::fs::write(
        dir.path().join("ali.json"),
        r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-stopping", "ImageName": "web-2026"}"#,
    )
    .unwrap();
    let mut env = openstack_env(&cloud);
    env.extend(alibaba_env(&alibaba));
    env.push((
        "REQLINT_ENDPOINT_OPENSTACK_IDENTITY",
        format!("{}/identity", cloud.base),
    ));
    let out = run(dir.path(), &["check", "--format", "json", "."], &env);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(online_findings(&out).is_empty());
    // The control: the same run with --online connects to both.
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(cloud.connections.load(Ordering::SeqCst), 0);
    assert_eq!(alibaba.connections.load(Ordering::SeqCst), 0);
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &env,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(cloud.connections.load(Ordering::SeqCst) > 0);
    assert!(alibaba.connections.load(Ordering::SeqCst) > 0);
}

// ---------------------------------------------------------------------------------------------
// Alibaba Cloud ECS (RPC, signature version 1.0).

fn alibaba_error(status: u16, code: &str, message: &str) -> Reply {
    reply(
        status,
        json!({"RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E", "HostId": "ecs.aliyuncs.com", "Code": code, "Message": message}),
    )
}

/// An ECS endpoint. Instances: `i-fine` Running, `i-stopping` Stopping, `i-locked` Running
/// with a security lock, anything else none. Images: the name `taken` is taken. Snapshots:
/// `s-old` from 2013-07-01, `s-big` of a 100 GiB disk, `s-fine`. `CreateImage` with
/// `DryRun=true` answers `DryRunOperation`, or `QuotaExceed.Image` for the name `no-quota`.
fn alibaba_cloud() -> Cloud {
    Cloud::start(|call, _| {
        let mut q = call.query();
        let Some(signature) = q.remove("Signature") else {
            return alibaba_error(400, "MissingParameter", "Signature");
        };
        if q.get("AccessKeyId").map(String::as_str) != Some("LTAI5tTestId")
            || sign::alibaba_signature(SECRET, "GET", &q) != signature
        {
            return alibaba_error(
                400,
                "SignatureDoesNotMatch",
                "The signature does not match.",
            );
        }
        let instance = |id: &str, status: &str, locks: Value| {
            json!({"InstanceId": id, "InstanceName": "web", "RegionId": "cn-hangzhou", "Status": status,
                   "OperationLocks": {"LockReason": locks}, "InstanceType": "ecs.g5.large"})
        };
        match q.get("Action").map(String::as_str) {
            // DescribeInstances API reference, response example (the members read).
            Some("DescribeInstances") => {
                let ids: Vec<String> =
                    serde_json::from_str(q.get("InstanceIds").map_or("[]", |s| s))
                        .unwrap_or_default();
                let list: Vec<Value> = ids
                    .iter()
                    .filter_map(|id| match id.as_str() {
                        "i-fine" => Some(instance(id, "Running", json!([]))),
                        "i-stopping" => Some(instance(id, "Stopping", json!([]))),
                        "i-locked" => {
                            Some(instance(id, "Running", json!([{"LockReason": "security"}])))
                        }
                        "i-local" => Some(instance(id, "Stopped", json!([]))),
                        _ => None,
                    })
                    .collect();
                reply(
                    200,
                    json!({"RequestId": "4", "TotalCount": list.len(), "PageNumber": 1, "PageSize": 10,
                                  "Instances": {"Instance": list}}),
                )
            }
            // DescribeDisks API reference, response example (the members read).
            Some("DescribeDisks") => {
                let disk = |id: &str, category: &str, kind: &str| {
                    json!({"DiskId": id, "Category": category, "Type": kind, "Size": 40,
                           "Status": "In_use", "Portable": category.starts_with("cloud")})
                };
                let list = match q.get("InstanceId").map(String::as_str) {
                    Some("i-local") => vec![
                        disk("d-bp1system", "cloud_essd", "system"),
                        disk("d-bp1local", "local_ssd_pro", "data"),
                    ],
                    Some(_) => vec![disk("d-bp1system", "cloud_essd", "system")],
                    None => vec![],
                };
                reply(
                    200,
                    json!({"RequestId": "7", "TotalCount": list.len(), "PageNumber": 1, "PageSize": 100,
                           "Disks": {"Disk": list}}),
                )
            }
            Some("DescribeImages") => {
                let list: Vec<Value> = match q.get("ImageName").map(String::as_str) {
                    Some("taken") => vec![
                        json!({"ImageId": "m-bp1g7004ksh0oeuc****", "ImageName": "taken", "Status": "Available"}),
                    ],
                    _ => vec![],
                };
                reply(
                    200,
                    json!({"RequestId": "5", "TotalCount": list.len(), "Images": {"Image": list}}),
                )
            }
            Some("DescribeSnapshots") => {
                let ids: Vec<String> =
                    serde_json::from_str(q.get("SnapshotIds").map_or("[]", |s| s))
                        .unwrap_or_default();
                let list: Vec<Value> = ids
                    .iter()
                    .filter_map(|id| {
                        let (created, size) = match id.as_str() {
                            "s-old" => ("2013-07-01T08:00Z", "40"),
                            "s-big" => ("2024-05-01T08:00Z", "100"),
                            "s-fine" => ("2024-05-01T08:00Z", "40"),
                            _ => return None,
                        };
                        Some(json!({"SnapshotId": id, "CreationTime": created, "SourceDiskSize": size, "Status": "accomplished"}))
                    })
                    .collect();
                reply(
                    200,
                    json!({"RequestId": "6", "TotalCount": list.len(), "Snapshots": {"Snapshot": list}}),
                )
            }
            Some("CreateImage") if q.get("DryRun").map(String::as_str) == Some("true") => {
                if q.get("ImageName").map(String::as_str) == Some("no-quota") {
                    alibaba_error(403, "QuotaExceed.Image", "The image quota is exceeded.")
                } else {
                    alibaba_error(
                        400,
                        "DryRunOperation",
                        "Request validation has been passed with DryRun flag set.",
                    )
                }
            }
            _ => alibaba_error(400, "Forbidden.Action", "not a read"),
        }
    })
}

fn alibaba_env(cloud: &Cloud) -> Vec<(&'static str, String)> {
    vec![
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tTestId".into()),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET.into()),
        ("REQLINT_ENDPOINT_ALIBABA_ECS", cloud.base.clone()),
    ]
}

fn write_requests(dir: &Path, requests: &[(&str, Value)]) {
    for (name, body) in requests {
        std::fs::write(dir.join(name), serde_json::to_string_pretty(body).unwrap()).unwrap();
    }
}

#[test]
fn alibaba_constraints_are_found_and_a_fine_request_passes() {
    let cloud = alibaba_cloud();
    let dir = tempfile::tempdir().unwrap();
    let r = |extra: Value| {
        let mut body = json!({"RegionId": "cn-hangzhou", "ImageName": "web-2026"});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    write_requests(
        dir.path(),
        &[
            ("fine.json", r(json!({"InstanceId": "i-fine"}))),
            ("stopping.json", r(json!({"InstanceId": "i-stopping"}))),
            ("locked.json", r(json!({"InstanceId": "i-locked"}))),
            ("gone.json", r(json!({"InstanceId": "i-gone"}))),
            ("local.json", r(json!({"InstanceId": "i-local"}))),
            (
                "taken.json",
                r(json!({"InstanceId": "i-fine", "ImageName": "taken"})),
            ),
            ("old.json", r(json!({"SnapshotId": "s-old"}))),
            (
                "small.json",
                r(
                    json!({"DiskDeviceMapping.1.SnapshotId": "s-big", "DiskDeviceMapping.1.Size": "50"}),
                ),
            ),
            (
                "quota.json",
                r(json!({"SnapshotId": "s-fine", "ImageName": "no-quota"})),
            ),
        ],
    );
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &alibaba_env(&cloud),
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, String, String)> = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            got.push((
                file["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
            ));
        }
    }
    got.sort();
    let expected = [
        ("gone.json", "ONL001", "/InstanceId"),
        ("local.json", "ONL010", "/InstanceId"),
        ("locked.json", "ONL003", "/InstanceId"),
        ("old.json", "ONL006", "/SnapshotId"),
        ("quota.json", "ONL008", ""),
        ("small.json", "ONL007", "/DiskDeviceMapping/0/Size"),
        ("stopping.json", "ONL002", "/InstanceId"),
        ("taken.json", "ONL005", "/ImageName"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(got, expected);
    let messages = online_findings(&out);
    assert!(messages.iter().any(|(_, _, m)| m.contains(
        "Alibaba's CreateImage dry run answers QuotaExceed.Image: The image quota is exceeded."
    )));
    assert!(messages.iter().any(|(_, _, m)| m.contains(
        "the instance has local disks, whose data the image will not hold: `d-bp1local` (local_ssd_pro)"
    )));
    assert!(messages.iter().all(|(_, _, m)| m.contains(
        "answered by alibaba, region cn-hangzhou, credentials from ALIBABA_CLOUD_ACCESS_KEY_ID, at "
    )));
    // Only reads and dry runs, each signed (a bad signature answers SignatureDoesNotMatch,
    // which would be a note on standard error).
    for call in cloud.calls() {
        let q = call.query();
        let action = q["Action"].as_str();
        assert_eq!(call.method, "GET");
        assert!(
            action.starts_with("Describe") || (action == "CreateImage" && q["DryRun"] == "true"),
            "{call:?}"
        );
    }
    // Each distinct call once per run (the image name `web-2026` is looked up once).
    let lookups = cloud
        .calls()
        .iter()
        .filter(|c| c.query().get("ImageName").map(String::as_str) == Some("web-2026"))
        .filter(|c| c.query()["Action"] == "DescribeImages")
        .count();
    assert_eq!(lookups, 1);
}

#[test]
fn unknown_values_are_never_asked_about() {
    let cloud = alibaba_cloud();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"variable "instance" {}
resource "alicloud_image" "web" {
  instance_id = var.instance
  image_name  = "web-2026"
}
"#,
    )
    .unwrap();
    let mut env = alibaba_env(&cloud);
    env.push(("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou".into()));
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &env,
    );
    assert!(
        online_findings(&out).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    for call in cloud.calls() {
        assert_ne!(call.query()["Action"], "DescribeInstances", "{call:?}");
        assert_ne!(call.query()["Action"], "CreateImage", "{call:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Huawei Cloud (AK/SK, SDK-HMAC-SHA256).

/// ECS and IMS on one loopback server, checking each request's signature. ECS: `busy-ecs`
/// is being rebooted, `fine-ecs` is ACTIVE, anything else 404. The quota has room unless the
/// project is `full`.
fn huawei_cloud() -> Cloud {
    Cloud::start(|call, _| {
        let auth = call.header("Authorization").unwrap_or("");
        let signed: Vec<(String, String)> = auth
            .split("SignedHeaders=")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .unwrap_or("")
            .split(';')
            .filter_map(|name| call.header(name).map(|v| (name.to_string(), v.to_string())))
            .collect();
        let date = call.header("X-Sdk-Date").unwrap_or("");
        let query: Vec<(String, String)> = call.query().into_iter().collect();
        let expected = sign::huawei_authorization(
            "HPUATESTAK",
            SECRET,
            date,
            &sign::HuaweiRequest {
                method: &call.method,
                path: call.path(),
                query: &query,
                headers: &signed,
                body: call.body.as_bytes(),
            },
        );
        if auth != expected || !signed.iter().any(|(k, _)| k == "host") {
            return reply(
                401,
                json!({"error_msg": "Incorrect IAM authentication information", "error_code": "APIGW.0301"}),
            );
        }
        if call.path() == "/v3/projects" {
            // IAM API reference, "Querying Project Information Based on the Specified
            // Criteria", response example (shortened).
            let name = call.query().get("name").cloned().unwrap_or_default();
            return reply(
                200,
                json!({"projects": [{"id": "0a3b5c7d", "name": name, "domain_id": "d78cbac186b744899480f25bd022f468", "enabled": true}], "links": {"self": "https://iam.myhuaweicloud.com/v3/projects"}}),
            );
        }
        let project = call.header("X-Project-Id").unwrap_or("");
        if call.path() == "/v1/cloudimages/quota" {
            let used = if project == "full" { 100 } else { 20 };
            // IMS API reference, "Querying the Image Quota", response example.
            return reply(
                200,
                json!({"quotas": {"resources": [
                {"type": "image", "used": used, "quota": 100, "min": 1, "max": 100}]}}),
            );
        }
        let id = call.path().rsplit('/').next().unwrap_or("");
        // EVS API reference, "Querying Details About an EVS Disk", response example (shortened).
        if call.path().contains("/cloudvolumes/") {
            return match id {
                "fine-disk" | "busy-disk" => {
                    let status = if id == "fine-disk" {
                        "in-use"
                    } else {
                        "extending"
                    };
                    reply(
                        200,
                        json!({"volume": {"id": id, "status": status, "size": 40, "volume_type": "SSD", "bootable": "false"}}),
                    )
                }
                _ => reply(
                    404,
                    json!({"error": {"message": "Volume could not be found.", "code": "EVS.0001"}}),
                ),
            };
        }
        // CBR API reference, "Querying a Specified Backup", response example (shortened).
        if call.path().contains("/backups/") {
            return match id {
                "fine-backup" | "busy-backup" => {
                    let status = if id == "fine-backup" {
                        "available"
                    } else {
                        "protecting"
                    };
                    reply(
                        200,
                        json!({"backup": {"id": id, "status": status, "resource_type": "OS::Nova::Server", "image_type": "backup"}}),
                    )
                }
                _ => reply(
                    404,
                    json!({"error_code": "BackupService.6302", "error_msg": "The backup does not exist."}),
                ),
            };
        }
        // ECS API reference, "Querying Details About an ECS", response example (shortened).
        match id {
            "busy-ecs" => reply(
                200,
                json!({"server": {"id": id, "status": "REBOOT", "OS-EXT-STS:task_state": "rebooting", "OS-EXT-STS:vm_state": "active"}}),
            ),
            "fine-ecs" => reply(
                200,
                json!({"server": {"id": id, "status": "ACTIVE", "OS-EXT-STS:task_state": "", "OS-EXT-STS:vm_state": "active"}}),
            ),
            _ => reply(
                404,
                json!({"error": {"message": "Instance[x] could not be found.", "code": "Ecs.0114"}}),
            ),
        }
    })
}

fn huawei_env(cloud: &Cloud, project: &str) -> Vec<(&'static str, String)> {
    vec![
        ("HUAWEICLOUD_SDK_AK", "HPUATESTAK".into()),
        ("HUAWEICLOUD_SDK_SK", SECRET.into()),
        ("HUAWEICLOUD_SDK_PROJECT_ID", project.into()),
        ("HUAWEICLOUD_SDK_REGION", "cn-north-4".into()),
        ("REQLINT_ENDPOINT_HUAWEI_ECS", cloud.base.clone()),
        ("REQLINT_ENDPOINT_HUAWEI_IMS", cloud.base.clone()),
        ("REQLINT_ENDPOINT_HUAWEI_EVS", cloud.base.clone()),
        ("REQLINT_ENDPOINT_HUAWEI_CBR", cloud.base.clone()),
    ]
}

#[test]
fn huawei_ecs_state_and_image_quota() {
    let cloud = huawei_cloud();
    let dir = tempfile::tempdir().unwrap();
    let r = |id: &str| json!({"name": "web-2026", "instance_id": id, "description": "web"});
    write_requests(
        dir.path(),
        &[
            ("busy.json", r("busy-ecs")),
            ("fine.json", r("fine-ecs")),
            ("gone.json", r("gone-ecs")),
        ],
    );
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &huawei_env(&cloud, "0a3b5c7d"),
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let mut got: Vec<(String, String)> = online_findings(&out)
        .into_iter()
        .map(|(c, p, _)| (c, p))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [("ONL001", "/instance_id"), ("ONL002", "/instance_id")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // EVS disks and CBR backups: missing or busy ones are findings on their IDs.
    let sources = tempfile::tempdir().unwrap();
    let disk =
        |id: &str| json!({"name": "disk-image", "volume_id": id, "os_version": "CentOS 7.0 64bit"});
    let backup = |id: &str| json!({"name": "whole", "backup_id": id, "whole_image_type": "CBR"});
    write_requests(
        sources.path(),
        &[
            ("disk-fine.json", disk("fine-disk")),
            ("disk-busy.json", disk("busy-disk")),
            ("disk-gone.json", disk("gone-disk")),
            ("backup-fine.json", backup("fine-backup")),
            ("backup-busy.json", backup("busy-backup")),
            ("backup-gone.json", backup("gone-backup")),
            (
                "csbs.json",
                json!({"name": "whole", "backup_id": "gone-backup", "whole_image_type": "CSBS"}),
            ),
        ],
    );
    let out = run(
        sources.path(),
        &["check", "--online", "--format", "json", "."],
        &huawei_env(&cloud, "0a3b5c7d"),
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, String, String)> = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            if d["code"].as_str().unwrap().starts_with("ONL") {
                got.push((
                    file["path"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("./")
                        .into(),
                    d["code"].as_str().unwrap().into(),
                    d["message"].as_str().unwrap().into(),
                ));
            }
        }
    }
    got.sort();
    let codes: Vec<(&str, &str)> = got
        .iter()
        .map(|(f, c, _)| (f.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("backup-busy.json", "ONL002"),
            ("backup-gone.json", "ONL001"),
            ("disk-busy.json", "ONL002"),
            ("disk-gone.json", "ONL001"),
        ]
    );
    assert!(
        got[0]
            .2
            .contains("the CBR backup is protecting, not available"),
        "{got:?}"
    );
    assert!(
        got[2]
            .2
            .contains("the EVS disk is extending, not in-use or available"),
        "{got:?}"
    );
    assert!(cloud.calls().iter().all(|c| c.method == "GET"));
    // Without a project id, IAM's project named as the region is used.
    let iam = huawei_cloud();
    let mut env = huawei_env(&iam, "unused");
    env.retain(|(k, _)| *k != "HUAWEICLOUD_SDK_PROJECT_ID");
    env.push(("REQLINT_ENDPOINT_HUAWEI_IAM", iam.base.clone()));
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &env,
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert_eq!(online_findings(&out).len(), 2);
    assert!(online_findings(&out)[0].2.contains("project 0a3b5c7d"));
    assert_eq!(
        iam.calls()
            .iter()
            .filter(|c| c.path() == "/v3/projects")
            .count(),
        1
    );
    // A full quota: one finding per request on the whole request.
    let full = huawei_cloud();
    std::fs::remove_file(dir.path().join("busy.json")).unwrap();
    std::fs::remove_file(dir.path().join("gone.json")).unwrap();
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &huawei_env(&full, "full"),
    );
    let got = online_findings(&out);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "ONL009");
    assert!(got[0].2.contains("100 of 100 images"), "{}", got[0].2);
}

// ---------------------------------------------------------------------------------------------
// Failures: one note per cloud, no crash, the exit status unchanged unless strict.

#[test]
fn failures_give_one_note_per_cloud_and_keep_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    write_requests(
        dir.path(),
        &[
            (
                "a.json",
                json!({"RegionId": "cn-hangzhou", "InstanceId": "i-fine", "ImageName": "web-2026"}),
            ),
            (
                "b.json",
                json!({"RegionId": "cn-hangzhou", "InstanceId": "i-stopping", "ImageName": "web-2027"}),
            ),
        ],
    );
    let cases: Vec<(&str, Cloud)> = vec![
        (
            "HTTP 500",
            Cloud::start(|_, _| alibaba_error(500, "InternalError", "boom")),
        ),
        (
            "not the documented JSON",
            Cloud::start(|_, _| Reply {
                status: 200,
                headers: vec![],
                body: "<html>".into(),
                delay: Duration::ZERO,
            }),
        ),
        // JSON, but without the documented list: it says nothing of what exists.
        (
            "not the documented JSON",
            Cloud::start(|_, _| reply(200, json!({"RequestId": "1"}))),
        ),
        (
            "no answer within the timeout",
            Cloud::start(|_, _| Reply {
                status: 200,
                headers: vec![],
                body: "{}".into(),
                delay: Duration::from_secs(3),
            }),
        ),
        (
            "the credentials were refused (InvalidAccessKeyId.NotFound)",
            Cloud::start(|_, _| {
                alibaba_error(
                    404,
                    "InvalidAccessKeyId.NotFound",
                    "Specified access key is not found.",
                )
            }),
        ),
    ];
    std::fs::write(dir.path().join("reqlint.toml"), "[online]\ntimeout = 1\n").unwrap();
    for (why, cloud) in cases {
        let env = alibaba_env(&cloud);
        for (args, status) in [
            (vec!["check", "--online", "--format", "json", "."], 0),
            (vec!["check", "--online=strict", "--format", "json", "."], 2),
        ] {
            let out = run(dir.path(), &args, &env);
            assert_eq!(out.status.code(), Some(status), "{why}: {}", stderr(&out));
            let err = stderr(&out);
            let notes: Vec<&str> = err
                .lines()
                .filter(|l| l.starts_with("reqlint: note:"))
                .collect();
            assert_eq!(notes.len(), 1, "{why}: {err}");
            assert!(notes[0].contains("alibaba: not checked online"), "{err}");
            assert!(notes[0].contains(why), "{why}: {err}");
            assert!(online_findings(&out).is_empty());
            // The JSON output carries the note too, for the scripts that read only it.
            let document: Value = serde_json::from_slice(&out.stdout).unwrap();
            let in_json = document["notes"]
                .as_array()
                .expect("notes in the JSON output");
            assert_eq!(in_json.len(), 1, "{document}");
            assert!(in_json[0].as_str().unwrap().contains(why));
        }
    }
    // No credentials at all: a note, not an error.
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("no Alibaba Cloud credentials"));
    // A wrong OpenStack password: Keystone's 401 is one note.
    let cloud = openstack_cloud();
    std::fs::write(
        dir.path().join("nova.http"),
        nova_http(&["9168b536-busy", "9168b536-fine"]),
    )
    .unwrap();
    let mut env = openstack_env(&cloud);
    env.retain(|(k, _)| *k != "OS_PASSWORD");
    env.push(("OS_PASSWORD", "wrong".into()));
    let out = run(dir.path(), &["check", "--online", "nova.http"], &env);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("reqlint: note: openstack").count(), 1, "{err}");
    assert!(err.contains("Keystone refused"), "{err}");
    // SARIF: a tool execution notification of the run.
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "sarif", "nova.http"],
        &env,
    );
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes.as_array().map(Vec::len), Some(1), "{sarif}");
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("Keystone refused")
    );
    // No note: no `notes` member, as before.
    let out = run(dir.path(), &["check", "--format", "json", "nova.http"], &[]);
    let document: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(document.get("notes").is_none(), "{document}");
}

// ---------------------------------------------------------------------------------------------
// Secrets: in every credential source, never in any output.

#[test]
fn secrets_appear_in_no_output() {
    let openstack = openstack_cloud();
    let alibaba = alibaba_cloud();
    let huawei = huawei_cloud();
    let dir = tempfile::tempdir().unwrap();
    write_requests(
        dir.path(),
        &[
            (
                "ali.json",
                json!({"RegionId": "cn-hangzhou", "InstanceId": "i-stopping", "ImageName": "taken"}),
            ),
            (
                "hw.json",
                json!({"name": "web-2026", "instance_id": "busy-ecs"}),
            ),
        ],
    );
    std::fs::write(dir.path().join("nova.http"), nova_http(&["9168b536-busy"])).unwrap();
    // Every file source: the aliyun CLI, KooCLI and clouds.yaml.
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join(".aliyun")).unwrap();
    std::fs::create_dir_all(home.join(".hcloud")).unwrap();
    std::fs::create_dir_all(home.join(".config/openstack")).unwrap();
    std::fs::write(
        home.join(".aliyun/config.json"),
        json!({"current": "default", "profiles": [{"name": "default", "mode": "AK",
            "access_key_id": "LTAI5tTestId", "access_key_secret": SECRET, "sts_token": SECRET,
            "region_id": "cn-hangzhou"}]})
        .to_string(),
    )
    .unwrap();
    std::fs::write(
        home.join(".hcloud/config.json"),
        json!({"current": "default", "profiles": [{"name": "default", "mode": "AKSK",
            "accessKeyId": "HPUATESTAK", "secretAccessKey": SECRET, "region": "cn-north-4",
            "projectId": "0a3b5c7d"}]})
        .to_string(),
    )
    .unwrap();
    std::fs::write(
        home.join(".config/openstack/clouds.yaml"),
        format!(
            "clouds:\n  devstack:\n    auth:\n      auth_url: {}/identity\n      username: admin\n      password: {SECRET}\n      project_name: demo\n      user_domain_name: Default\n      project_domain_id: default\n    region_name: RegionOne\n",
            openstack.base
        ),
    )
    .unwrap();
    let endpoints = vec![
        ("REQLINT_ENDPOINT_ALIBABA_ECS", alibaba.base.clone()),
        ("REQLINT_ENDPOINT_HUAWEI_ECS", huawei.base.clone()),
        ("REQLINT_ENDPOINT_HUAWEI_IMS", huawei.base.clone()),
    ];
    // From the files, then from the environment (the files' secrets then are not read).
    let mut from_files = endpoints.clone();
    from_files.push(("OS_CLOUD", "devstack".into()));
    let mut from_env = endpoints.clone();
    from_env.extend(openstack_env(&openstack));
    from_env.extend(alibaba_env(&alibaba));
    from_env.extend(huawei_env(&huawei, "0a3b5c7d"));
    from_env.push(("ALIBABA_CLOUD_SECURITY_TOKEN", SECRET.into()));
    // And with every cloud refusing: the errors hold no secret either.
    let refusing = Cloud::start(|_, _| {
        reply(
            401,
            json!({"Code": "InvalidAccessKeyId.NotFound", "error": {"code": "APIGW.0301"}}),
        )
    });
    let mut refused = from_env.clone();
    for (k, v) in refused.iter_mut() {
        if k.starts_with("REQLINT_ENDPOINT") || *k == "OS_AUTH_URL" {
            *v = refusing.base.clone();
        }
    }
    let mut online_found = 0;
    for env in [&from_files, &from_env, &refused] {
        for format in ["human", "concise", "json", "sarif", "github"] {
            let out = run(
                dir.path(),
                &[
                    "check", "--online", "--color", "never", "--format", format, ".",
                ],
                env,
            );
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!all.contains(SECRET), "{format}: {all}");
            assert!(out.status.code().is_some_and(|c| c < 2), "{all}");
            online_found += all.matches("ONL00").count();
        }
    }
    assert!(
        online_found > 0,
        "the secrets were used: the clouds answered"
    );
    assert!(!alibaba.calls().is_empty() && !huawei.calls().is_empty());
}

/// A Terraform plan carries the real IDs: checked online, its instance's state is a finding.
#[test]
fn a_plan_is_checked_with_its_real_ids() {
    let cloud = alibaba_cloud();
    let dir = tempfile::tempdir().unwrap();
    let after = json!({"image_name": "web-golden", "instance_id": "i-stopping", "description": null, "tags": null});
    let plan = json!({
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": [{
            "address": "alicloud_image.web", "mode": "managed", "type": "alicloud_image", "name": "web",
            "provider_name": "registry.terraform.io/aliyun/alicloud", "schema_version": 0,
            "values": after, "sensitive_values": {}}]}},
        "resource_changes": [{
            "address": "alicloud_image.web", "mode": "managed", "type": "alicloud_image", "name": "web",
            "provider_name": "registry.terraform.io/aliyun/alicloud",
            "change": {"actions": ["create"], "before": null, "after": after,
                       "after_unknown": {"id": true, "status": true}, "before_sensitive": false,
                       "after_sensitive": {}}}]
    });
    std::fs::write(dir.path().join("plan.json"), plan.to_string()).unwrap();
    let mut env = alibaba_env(&cloud);
    env.push(("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou".into()));
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "plan.json"],
        &env,
    );
    let got = online_findings(&out);
    assert_eq!(got.len(), 1, "{got:?} {}", stderr(&out));
    assert_eq!(got[0].0, "ONL002");
    assert!(
        got[0].2.contains("the instance is Stopping"),
        "{}",
        got[0].2
    );
}

/// An `https://` endpoint is spoken to with TLS, never in plain text: a plain HTTP server
/// behind it is a note, and it never sees a request line.
#[test]
fn https_endpoints_are_tls_only() {
    let cloud = alibaba_cloud();
    let dir = tempfile::tempdir().unwrap();
    write_requests(
        dir.path(),
        &[(
            "a.json",
            json!({"RegionId": "cn-hangzhou", "InstanceId": "i-stopping", "ImageName": "web-2026"}),
        )],
    );
    let mut env = alibaba_env(&cloud);
    env.retain(|(k, _)| *k != "REQLINT_ENDPOINT_ALIBABA_ECS");
    env.push((
        "REQLINT_ENDPOINT_ALIBABA_ECS",
        cloud.base.replace("http://", "https://"),
    ));
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &env,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(online_findings(&out).is_empty());
    assert_eq!(
        stderr(&out).matches("reqlint: note: alibaba").count(),
        1,
        "{}",
        stderr(&out)
    );
    assert!(cloud.calls().iter().all(|c| !c.target.contains("Action=")));
    // And plain http to a host that is not loopback is refused before any connection.
    env.retain(|(k, _)| *k != "REQLINT_ENDPOINT_ALIBABA_ECS");
    env.push((
        "REQLINT_ENDPOINT_ALIBABA_ECS",
        "http://ecs.example.com".into(),
    ));
    let out = run(
        dir.path(),
        &["check", "--online", "--format", "json", "."],
        &env,
    );
    assert!(stderr(&out).contains("not loopback"), "{}", stderr(&out));
}
