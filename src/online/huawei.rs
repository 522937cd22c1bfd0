//! Huawei Cloud, signed with AK/SK (`SDK-HMAC-SHA256`): the ECS of an image from an ECS
//! (`GET /v1/{project_id}/cloudservers/{server_id}`: exists, ACTIVE or SHUTOFF, no task), the
//! EVS disk of an image from a disk (`GET /v2/{project_id}/cloudvolumes/{volume_id}`: exists, not
//! busy or failed), the CBR backup of a full-ECS image (`GET /v3/{project_id}/backups/{backup_id}`:
//! exists, available) and the image quota (`GET /v1/cloudimages/quota`).

use super::{Answer, Answered, At, Finding, Request, Session, creds, finding, short};
use serde_json::Value;

struct Cloud<'s> {
    session: &'s Session,
    creds: &'s creds::Huawei,
    /// The project: the credentials', else IAM's project named as the region.
    project: Option<String>,
    who: Answered,
}

impl Cloud<'_> {
    /// A signed `GET`; `None` when a note was made instead.
    fn get(&self, base: &str, path: &str) -> Option<(u16, Value)> {
        self.get_query(base, path, &[], None)
    }

    /// A signed `GET` with a query, for `project` (`X-Project-Id`, when known).
    fn get_query(
        &self,
        base: &str,
        path: &str,
        query: &[(String, String)],
        project: Option<&str>,
    ) -> Option<(u16, Value)> {
        if self.session.noted("huawei") {
            return None;
        }
        let mut url = format!("{base}{path}");
        if !query.is_empty() {
            let q: Vec<String> = query
                .iter()
                .map(|(k, v)| format!("{}={}", super::sign::encode(k), super::sign::encode(v)))
                .collect();
            url = format!("{url}?{}", q.join("&"));
        }
        let parsed = url::Url::parse(&url).ok()?;
        let host = match parsed.port() {
            Some(port) => format!("{}:{port}", parsed.host_str()?),
            None => parsed.host_str()?.to_string(),
        };
        let date = jiff::Timestamp::now()
            .strftime("%Y%m%dT%H%M%SZ")
            .to_string();
        let mut headers = vec![
            ("Host".to_string(), host),
            ("X-Sdk-Date".to_string(), date.clone()),
        ];
        if let Some(project) = project.or(self.project.as_deref()) {
            headers.push(("X-Project-Id".into(), project.to_string()));
        }
        if let Some(token) = &self.creds.token {
            headers.push(("X-Security-Token".into(), token.expose().to_string()));
        }
        let authorization = super::sign::huawei_authorization(
            &self.creds.ak,
            self.creds.sk.expose(),
            &date,
            &super::sign::HuaweiRequest {
                method: "GET",
                path: parsed.path(),
                query,
                headers: &headers,
                body: b"",
            },
        );
        let answer = self.session.call(
            format!("GET {url}"),
            format!("GET {}", parsed.path()),
            |c| {
                let mut sent: Vec<(&str, &str)> = headers
                    .iter()
                    .filter(|(k, _)| k != "Host")
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                sent.push(("Authorization", &authorization));
                c.get(&url, &sent)
            },
        );
        match answer {
            Answer::Got(status @ (401 | 403), body) => {
                let code = body
                    .pointer("/error/code")
                    .or_else(|| body.pointer("/error_code"))
                    .and_then(Value::as_str)
                    .map(short)
                    .unwrap_or_default();
                self.note(format!(
                    "the credentials were refused (HTTP {status} {code}); check them"
                ));
                None
            }
            Answer::Got(status, _) if status >= 500 => {
                self.note(format!("HTTP {status}"));
                None
            }
            Answer::Got(status, body) => Some((status, body)),
            Answer::Failed(why) => {
                self.note(why);
                None
            }
        }
    }

    fn note(&self, why: String) {
        self.session
            .note("huawei", format!("huawei: not checked online: {why}"));
    }
}

pub fn check(session: &Session, request: &Request<'_>) -> Vec<Finding> {
    let creds = match session.huawei.get_or_init(creds::huawei) {
        Ok(c) => c,
        Err(e) => {
            session.note("huawei", format!("huawei: not checked online: {e}"));
            return Vec::new();
        }
    };
    let region = creds
        .region
        .clone()
        .or_else(|| request.host.and_then(region_of_host));
    let Some(region) = region else {
        session.note(
            "huawei",
            "huawei: not checked online: no region (set HUAWEICLOUD_SDK_REGION or write the request's host)".into(),
        );
        return Vec::new();
    };
    let mut cloud = Cloud {
        session,
        creds,
        project: creds.project_id.clone(),
        who: Answered {
            cloud: "huawei",
            region: region.clone(),
            account: String::new(),
        },
    };
    // No project given: IAM's project named as the region (`GET /v3/projects?name=`, as the
    // Huawei Cloud SDKs find it).
    if cloud.project.is_none() {
        let Ok(iam) = session.endpoint("huawei-iam", || {
            Some("https://iam.myhuaweicloud.com".to_string())
        }) else {
            cloud.note("no endpoint for huawei-iam".into());
            return Vec::new();
        };
        match cloud.get_query(
            &iam,
            "/v3/projects",
            &[("name".into(), region.clone())],
            None,
        ) {
            Some((200, body)) => {
                cloud.project = body
                    .get("projects")
                    .and_then(Value::as_array)
                    .and_then(|p| p.first())
                    .and_then(|p| p.get("id"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            Some((status, _)) => cloud.note(format!("IAM answered HTTP {status} for the project")),
            None => {}
        }
    }
    let Some(project) = cloud.project.clone() else {
        session.note(
            "huawei",
            format!("huawei: not checked online: no project for region {region} (set HUAWEICLOUD_SDK_PROJECT_ID)"),
        );
        return Vec::new();
    };
    cloud.who.account = format!("project {project}, {}", creds.account);
    let mut found = Vec::new();
    if let Some(server) = request.text("/instance_id") {
        let Ok(ecs) = session.endpoint("huawei-ecs", || {
            Some(format!("https://ecs.{region}.myhuaweicloud.com"))
        }) else {
            cloud.note("no endpoint for huawei-ecs".into());
            return found;
        };
        let path = format!(
            "/v1/{}/cloudservers/{}",
            super::sign::encode(&project),
            super::sign::encode(server)
        );
        let at = || At::Member("/instance_id".into());
        match cloud.get(&ecs, &path) {
            Some((404, body)) if body.pointer("/error/code").is_some() => found.push(finding(
                "ONL001",
                at(),
                format!("there is no ECS `{server}` in this project; Huawei answers IMG.0005"),
                &cloud.who,
            )),
            Some((200, body)) => match body.get("server").filter(|s| s.is_object()) {
                Some(s) => {
                    let status = s.get("status").and_then(Value::as_str).unwrap_or("");
                    let task = s
                        .get("OS-EXT-STS:task_state")
                        .and_then(Value::as_str)
                        .filter(|t| !t.is_empty());
                    if let Some(task) = task {
                        found.push(finding(
                            "ONL002",
                            at(),
                            format!("the ECS is in task state {task}; Huawei answers IMG.0010"),
                            &cloud.who,
                        ));
                    } else if !status.is_empty() && status != "ACTIVE" && status != "SHUTOFF" {
                        found.push(finding(
                            "ONL002",
                            at(),
                            format!("the ECS is {status}, not ACTIVE (running) or SHUTOFF (stopped); Huawei answers IMG.0126"),
                            &cloud.who,
                        ));
                    }
                }
                None => cloud.note("the ECS answer is not the documented JSON".into()),
            },
            Some((status, _)) => cloud.note(format!("the ECS query answered HTTP {status}")),
            None => {}
        }
    }
    // The disks and backups the image is made from.
    let mut disks: Vec<String> = Vec::new();
    if request.body.contains_key("volume_id") {
        disks.push("/volume_id".into());
    }
    if let Some(Value::Array(images)) = request.body.get("data_images") {
        for i in 0..images.len() {
            let pointer = format!("/data_images/{i}/volume_id");
            if request.text(&pointer).is_some() {
                disks.push(pointer);
            }
        }
    }
    for pointer in disks {
        let Some(id) = request.text(&pointer) else {
            continue;
        };
        let source = Source {
            endpoint: (
                "huawei-evs",
                format!("https://evs.{region}.myhuaweicloud.com"),
            ),
            path: format!(
                "/v2/{}/cloudvolumes/{}",
                super::sign::encode(&project),
                super::sign::encode(id)
            ),
            object: "/volume",
            // EVS disk states (EVS API reference, Querying Details About an EVS Disk): in use or
            // available; creating, attaching, detaching, extending, backing up, restoring,
            // deleting or in error, the disk is busy or broken.
            fine: &["in-use", "available"],
            what: "EVS disk",
        };
        source.check(&cloud, &pointer, id, &mut found);
    }
    // A full-ECS image from a CBR backup (a CSBS backup is not asked about).
    let cbr = request.text("/whole_image_type").is_none_or(|t| t == "CBR");
    if cbr && let Some(id) = request.text("/backup_id") {
        let source = Source {
            endpoint: (
                "huawei-cbr",
                format!("https://cbr.{region}.myhuaweicloud.com"),
            ),
            path: format!(
                "/v3/{}/backups/{}",
                super::sign::encode(&project),
                super::sign::encode(id)
            ),
            object: "/backup",
            // Only an available backup makes a full-ECS image (Huawei IMS API reference,
            // Creating a Full-ECS Image; docs/spec/constraints.md §2.4).
            fine: &["available"],
            what: "CBR backup",
        };
        source.check(&cloud, "/backup_id", id, &mut found);
    }
    if let Ok(ims) = session.endpoint("huawei-ims", || {
        Some(format!("https://ims.{region}.myhuaweicloud.com"))
    }) && let Some((200, body)) = cloud.get(&ims, "/v1/cloudimages/quota")
    {
        let image = body
            .pointer("/quotas/resources")
            .and_then(Value::as_array)
            .and_then(|r| {
                r.iter()
                    .find(|q| q.get("type").and_then(Value::as_str) == Some("image"))
            });
        let number = |q: &Value, k: &str| q.get(k).and_then(Value::as_i64);
        if let Some(q) = image
            && let (Some(used), Some(quota)) = (number(q, "used"), number(q, "quota"))
            && quota >= 0
            && used >= quota
        {
            found.push(finding(
                "ONL009",
                At::Member(String::new()),
                format!("the project's image quota is used up ({used} of {quota} images); Huawei refuses another image"),
                &cloud.who,
            ));
        }
    }
    found
}

/// A disk or backup an image is made from, and the states in which the cloud makes the image.
struct Source {
    /// The endpoint's key and its default address.
    endpoint: (&'static str, String),
    path: String,
    /// Where the answer holds the object (`/volume`).
    object: &'static str,
    fine: &'static [&'static str],
    what: &'static str,
}

impl Source {
    /// Asks about the source written at `pointer`: a finding when it does not exist or is in
    /// a state that makes no image.
    fn check(&self, cloud: &Cloud<'_>, pointer: &str, id: &str, found: &mut Vec<Finding>) {
        let (key, default) = &self.endpoint;
        let Ok(base) = cloud.session.endpoint(key, || Some(default.clone())) else {
            cloud.note(format!("no endpoint for {key}"));
            return;
        };
        let at = || At::Member(pointer.to_string());
        match cloud.get(&base, &self.path) {
            Some((404, _)) => found.push(finding(
                "ONL001",
                at(),
                format!(
                    "there is no {} `{id}` in this project; Huawei answers IMG.0005",
                    self.what
                ),
                &cloud.who,
            )),
            Some((200, body)) => {
                let status = body
                    .pointer(self.object)
                    .and_then(|o| o.get("status"))
                    .and_then(Value::as_str);
                match status {
                    Some(s) if !self.fine.contains(&s) => found.push(finding(
                        "ONL002",
                        at(),
                        format!(
                            "the {} is {s}, not {}; Huawei makes no image of it now",
                            self.what,
                            self.fine.join(" or ")
                        ),
                        &cloud.who,
                    )),
                    Some(_) => {}
                    None => cloud.note(format!(
                        "the {} answer is not the documented JSON",
                        self.what
                    )),
                }
            }
            Some((status, _)) => {
                cloud.note(format!("the {} query answered HTTP {status}", self.what))
            }
            None => {}
        }
    }
}

/// The region in a Huawei host (`ims.cn-north-4.myhuaweicloud.com`).
fn region_of_host(host: &str) -> Option<String> {
    let mut parts = host.split('.');
    let _service = parts.next()?;
    let region = parts.next()?;
    (host.contains("myhuaweicloud") && region.contains('-')).then(|| region.to_string())
}
