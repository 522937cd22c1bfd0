//! OpenStack nova (and Huawei ECS's native OpenStack API): a Keystone v3 token (password or
//! application credential), the compute endpoint from its catalog, then `GET /servers/{id}`.
//!
//! nova's `createImage` takes a server whose `vm_state` is active, stopped, paused or
//! suspended and whose task state is none (`nova/compute/api.py`, `snapshot` and
//! `snapshot_volume_backed`, `check_instance_state`); anything else answers 409. Neither is
//! decorated with `check_instance_lock` (a lock guards against change and deletion, and an
//! image changes neither), so `locked` gives no finding.

use super::creds::{self, OpenstackAuth, Secret};
use super::{Answer, Answered, At, Finding, Request, Session, finding};
use serde_json::{Value, json};

/// A token and where to use it.
#[derive(Debug)]
pub struct Token {
    token: Secret,
    compute: String,
    answered: Answered,
}

/// The statuses (as the API shows `vm_state`) in which nova takes `createImage`.
const IMAGEABLE: [&str; 4] = ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"];

pub fn check(session: &Session, request: &Request<'_>) -> Vec<Finding> {
    let Some(server) = request.path_param("server_id") else {
        return Vec::new();
    };
    let token = match session.openstack.get_or_init(|| token(session, request)) {
        Ok(token) => token,
        Err(e) => {
            session.note("openstack", format!("openstack: not checked online: {e}"));
            return Vec::new();
        }
    };
    if session.noted("openstack") {
        return Vec::new();
    }
    let url = format!("{}/servers/{}", token.compute, super::sign::encode(server));
    let path = url::Url::parse(&url)
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let answer = session.call(format!("GET {url}"), format!("GET {path}"), |c| {
        c.get(
            &url,
            &[
                ("X-Auth-Token", token.token.expose()),
                ("Accept", "application/json"),
            ],
        )
    });
    let who = &token.answered;
    let at = At::Path("server_id");
    let body = match answer {
        Answer::Got(404, body) if body.get("itemNotFound").is_some() => {
            return vec![finding(
                "ONL001",
                at,
                format!("there is no server `{server}`; nova answers 404"),
                who,
            )];
        }
        Answer::Got(200, body) => body,
        Answer::Got(401 | 403, _) => {
            session.note(
                "openstack",
                "openstack: not checked online: the token was refused (401/403); check the credentials".into(),
            );
            return Vec::new();
        }
        Answer::Got(status, _) => {
            session.note(
                "openstack",
                format!("openstack: not checked online: GET /servers answered HTTP {status}"),
            );
            return Vec::new();
        }
        Answer::Failed(why) => {
            session.note("openstack", format!("openstack: not checked online: {why}"));
            return Vec::new();
        }
    };
    let Some(server_json) = body.get("server").filter(|s| s.is_object()) else {
        session.note(
            "openstack",
            "openstack: not checked online: the server answer is not the documented JSON".into(),
        );
        return Vec::new();
    };
    let mut found = Vec::new();
    // Booted from a volume: `image` is the empty string (nova API reference, "Show Server
    // Details", `image`).
    let volume_backed = server_json.get("image") == Some(&Value::String(String::new()));
    let status = server_json
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("");
    let task = server_json
        .get("OS-EXT-STS:task_state")
        .and_then(Value::as_str);
    if let Some(task) = task {
        found.push(finding(
            "ONL002",
            at.clone(),
            format!("the server is in task state {task}; nova answers 409"),
            who,
        ));
    } else if !status.is_empty() && !IMAGEABLE.contains(&status) {
        found.push(finding(
            "ONL002",
            at.clone(),
            format!(
                "the server's status is {status}, not ACTIVE, SHUTOFF, PAUSED or SUSPENDED; nova answers 409"
            ),
            who,
        ));
    } else if status == "PAUSED" && volume_backed {
        // nova API reference, "Create Image (createImage Action)": PAUSED only for
        // image-backed servers.
        found.push(finding(
            "ONL002",
            at.clone(),
            "the server boots from a volume and is PAUSED, which nova images only for servers booted from an image; nova answers 409".into(),
            who,
        ));
    }
    if volume_backed {
        found.push(finding(
            "ONL004",
            at,
            "the server boots from a volume: `createImage` makes volume snapshots and an image that only refers to them".into(),
            who,
        ));
    }
    found
}

/// A Keystone v3 token scoped to the project, and the compute endpoint of its catalog.
fn token(session: &Session, request: &Request<'_>) -> Result<Token, String> {
    let credentials = creds::openstack()?;
    let identity = session.endpoint("openstack-identity", || credentials.auth_url.clone())?;
    let identity = super::http::endpoint(&identity)?;
    let base = if identity.ends_with("/v3") {
        identity
    } else {
        format!("{identity}/v3")
    };
    let body = token_request(&credentials.auth);
    let url = format!("{base}/auth/tokens");
    let path = url::Url::parse(&url)
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let answer = session.call(format!("POST {url}"), format!("POST {path}"), |c| {
        c.post_json(&url, &[], &body.to_string())
    });
    let answer = match answer {
        Answer::Got(201 | 200, answer) => answer,
        Answer::Got(401, _) => {
            return Err(format!(
                "Keystone refused the credentials of {} (401)",
                credentials.cloud
            ));
        }
        Answer::Got(status, _) => return Err(format!("Keystone answered HTTP {status}")),
        Answer::Failed(why) => return Err(format!("Keystone: {why}")),
    };
    let token = answer
        .get("x-subject-token")
        .and_then(Value::as_str)
        .ok_or("Keystone's answer has no X-Subject-Token")?;
    let region = credentials
        .region
        .clone()
        .or_else(|| request.host.and_then(region_of_host));
    let (compute, region) = compute_endpoint(&answer, region.as_deref())
        .ok_or("the token's catalog has no public compute endpoint")?;
    let compute = super::http::endpoint(&compute)
        .map_err(|e| format!("the catalog's compute endpoint: {e}"))?;
    let project = answer
        .pointer("/token/project/name")
        .or_else(|| answer.pointer("/token/project/id"))
        .and_then(Value::as_str)
        .unwrap_or("?");
    Ok(Token {
        token: Secret::from(token.to_string()),
        compute,
        answered: Answered {
            cloud: "openstack",
            region,
            account: format!("project {project} ({})", credentials.cloud),
        },
    })
}

/// The region in a Huawei ECS host (`ecs.cn-north-4.myhuaweicloud.com`).
fn region_of_host(host: &str) -> Option<String> {
    let mut parts = host.split('.');
    let _service = parts.next()?;
    let region = parts.next()?;
    (host.contains("myhuaweicloud") && region.contains('-')).then(|| region.to_string())
}

/// The body of `POST /v3/auth/tokens` (Keystone API reference, "Password authentication with
/// scoped authorization", "Authenticating with an Application Credential").
pub fn token_request(auth: &OpenstackAuth) -> Value {
    match auth {
        OpenstackAuth::Password {
            user_id,
            username,
            password,
            user_domain,
            project_id,
            project_name,
            project_domain,
        } => {
            let user = match user_id {
                Some(id) => json!({ "id": id, "password": password.expose() }),
                None => json!({
                    "name": username.clone().unwrap_or_default(),
                    "domain": user_domain.json(),
                    "password": password.expose(),
                }),
            };
            let mut body = json!({
                "auth": {
                    "identity": { "methods": ["password"], "password": { "user": user } }
                }
            });
            let scope = match (project_id, project_name) {
                (Some(id), _) => Some(json!({ "project": { "id": id } })),
                (None, Some(name)) => Some(json!({
                    "project": { "name": name, "domain": project_domain.json() }
                })),
                _ => None,
            };
            if let (Some(scope), Some(auth)) = (scope, body.get_mut("auth")) {
                auth["scope"] = scope;
            }
            body
        }
        OpenstackAuth::ApplicationCredential {
            id,
            name,
            secret,
            user_id,
            username,
            user_domain,
        } => {
            let credential = match id {
                Some(id) => json!({ "id": id, "secret": secret.expose() }),
                None => {
                    let user = match user_id {
                        Some(uid) => json!({ "id": uid }),
                        None => json!({
                            "name": username.clone().unwrap_or_default(),
                            "domain": user_domain.json(),
                        }),
                    };
                    json!({
                        "name": name.clone().unwrap_or_default(),
                        "user": user,
                        "secret": secret.expose(),
                    })
                }
            };
            json!({
                "auth": {
                    "identity": {
                        "methods": ["application_credential"],
                        "application_credential": credential,
                    }
                }
            })
        }
    }
}

/// The public compute endpoint of a token's catalog, in `region` when given (else the first),
/// and its region.
pub fn compute_endpoint(answer: &Value, region: Option<&str>) -> Option<(String, String)> {
    let catalog = answer.pointer("/token/catalog")?.as_array()?;
    let service = catalog
        .iter()
        .find(|s| s.get("type").and_then(Value::as_str) == Some("compute"))?;
    let endpoints = service.get("endpoints")?.as_array()?;
    let region_of = |e: &Value| {
        e.get("region_id")
            .or_else(|| e.get("region"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let endpoint = endpoints
        .iter()
        .filter(|e| e.get("interface").and_then(Value::as_str) == Some("public"))
        .find(|e| region.is_none_or(|r| region_of(e) == r))?;
    Some((
        endpoint.get("url")?.as_str()?.to_string(),
        region_of(endpoint),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::online::creds::Domain;

    /// Keystone API reference (docs.openstack.org/api-ref/identity/v3), "Password
    /// authentication with scoped authorization": the request example's shape.
    #[test]
    fn password_token_request() {
        let auth = OpenstackAuth::Password {
            user_id: None,
            username: Some("admin".into()),
            password: Secret::from("devstacker".to_string()),
            user_domain: Domain {
                id: None,
                name: Some("Default".into()),
            },
            project_id: None,
            project_name: Some("demo".into()),
            project_domain: Domain {
                id: Some("default".into()),
                name: None,
            },
        };
        assert_eq!(
            token_request(&auth),
            json!({"auth": {
                "identity": {"methods": ["password"], "password": {"user": {
                    "name": "admin", "domain": {"name": "Default"}, "password": "devstacker"}}},
                "scope": {"project": {"name": "demo", "domain": {"id": "default"}}}}})
        );
    }

    /// Keystone API reference, "Authenticating with an Application Credential": by id.
    #[test]
    fn application_credential_token_request() {
        let auth = OpenstackAuth::ApplicationCredential {
            id: Some("423f19a4ac1e4f48bbb4180756e6eb6c".into()),
            name: None,
            secret: Secret::from("rEaqvJka48mpv".to_string()),
            user_id: None,
            username: None,
            user_domain: Domain {
                id: None,
                name: None,
            },
        };
        assert_eq!(
            token_request(&auth),
            json!({"auth": {"identity": {
                "methods": ["application_credential"],
                "application_credential": {"id": "423f19a4ac1e4f48bbb4180756e6eb6c", "secret": "rEaqvJka48mpv"}}}})
        );
    }

    #[test]
    fn catalog_compute_endpoint() {
        let answer = json!({"token": {"catalog": [
            {"type": "identity", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "https://k"}]},
            {"type": "compute", "endpoints": [
                {"interface": "internal", "region_id": "RegionOne", "url": "https://internal/v2.1"},
                {"interface": "public", "region_id": "RegionTwo", "url": "https://two/v2.1"},
                {"interface": "public", "region_id": "RegionOne", "url": "https://one/v2.1"}]}]}});
        assert_eq!(
            compute_endpoint(&answer, Some("RegionOne")),
            Some(("https://one/v2.1".into(), "RegionOne".into()))
        );
        assert_eq!(
            compute_endpoint(&answer, None),
            Some(("https://two/v2.1".into(), "RegionTwo".into()))
        );
        assert_eq!(compute_endpoint(&json!({}), None), None);
    }
}
