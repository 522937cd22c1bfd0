//! Credentials from each cloud's usual places, read on the first online check only: the
//! environment first, then the cloud's own CLI configuration. A secret is a [`Secret`], which
//! prints as `***`, so that no message, log or error can hold it.

use serde_json::Value;
use std::path::PathBuf;

/// A secret value: `Debug` and `Display` print `***`.
#[derive(Clone)]
pub struct Secret(String);

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// An environment variable, when set and not empty.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn home() -> Option<PathBuf> {
    var("HOME")
        .or_else(|| var("USERPROFILE"))
        .map(PathBuf::from)
}

/// A JSON file under the home folder, when it is there and is JSON.
fn home_json(relative: &str) -> Option<(PathBuf, Value)> {
    let path = home()?.join(relative);
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, serde_json::from_str(&text).ok()?))
}

fn text_of<'v>(o: &'v Value, names: &[&str]) -> Option<&'v str> {
    names
        .iter()
        .find_map(|n| o.get(*n).and_then(Value::as_str))
        .filter(|s| !s.trim().is_empty())
}

/// A profile of a CLI configuration (`{"current": ..., "profiles": [{"name": ...}]}`): the one
/// named by `wanted`, else the current one.
fn profile<'v>(config: &'v Value, wanted: Option<&str>) -> Option<&'v Value> {
    let name = wanted.or_else(|| config.get("current").and_then(Value::as_str))?;
    config
        .get("profiles")?
        .as_array()?
        .iter()
        .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
}

/// Alibaba Cloud credentials.
#[derive(Debug)]
pub struct Alibaba {
    pub id: String,
    pub secret: Secret,
    pub token: Option<Secret>,
    pub region: Option<String>,
    /// Where they came from, as the findings say it (`environment`, `aliyun profile default`).
    pub account: String,
}

pub fn alibaba() -> Result<Alibaba, String> {
    let region = var("ALIBABA_CLOUD_REGION_ID").or_else(|| var("ALICLOUD_REGION"));
    for (id, secret, token, account) in [
        (
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            "ALIBABA_CLOUD_SECURITY_TOKEN",
            "credentials from ALIBABA_CLOUD_ACCESS_KEY_ID",
        ),
        (
            "ALICLOUD_ACCESS_KEY",
            "ALICLOUD_SECRET_KEY",
            "ALICLOUD_SECURITY_TOKEN",
            "credentials from ALICLOUD_ACCESS_KEY",
        ),
    ] {
        if let (Some(id), Some(secret)) = (var(id), var(secret)) {
            return Ok(Alibaba {
                id,
                secret: Secret(secret),
                token: var(token).map(Secret),
                region,
                account: account.into(),
            });
        }
    }
    let wanted = var("ALIBABA_CLOUD_PROFILE");
    let Some((_, config)) = home_json(".aliyun/config.json") else {
        return Err("no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure the aliyun CLI".into());
    };
    let Some(p) = profile(&config, wanted.as_deref()) else {
        return Err(
            "no Alibaba Cloud credentials: ~/.aliyun/config.json has no such profile".into(),
        );
    };
    let name = text_of(p, &["name"]).unwrap_or("default").to_string();
    match (
        text_of(p, &["access_key_id"]),
        text_of(p, &["access_key_secret"]),
    ) {
        (Some(id), Some(secret)) => Ok(Alibaba {
            id: id.to_string(),
            secret: Secret(secret.to_string()),
            token: text_of(p, &["sts_token"]).map(|t| Secret(t.to_string())),
            region: region.or_else(|| text_of(p, &["region_id"]).map(str::to_string)),
            account: format!("aliyun profile {name}"),
        }),
        _ => Err(format!(
            "no Alibaba Cloud credentials: the aliyun profile `{name}` holds no AccessKey pair (only AK profiles are read)"
        )),
    }
}

/// Huawei Cloud credentials.
#[derive(Debug)]
pub struct Huawei {
    pub ak: String,
    pub sk: Secret,
    pub token: Option<Secret>,
    pub project_id: Option<String>,
    pub region: Option<String>,
    pub account: String,
}

pub fn huawei() -> Result<Huawei, String> {
    let region = var("HUAWEICLOUD_SDK_REGION").or_else(|| var("HW_REGION_NAME"));
    let project = var("HUAWEICLOUD_SDK_PROJECT_ID").or_else(|| var("HW_PROJECT_ID"));
    for (ak, sk, token, account) in [
        (
            "HUAWEICLOUD_SDK_AK",
            "HUAWEICLOUD_SDK_SK",
            "HUAWEICLOUD_SDK_SECURITY_TOKEN",
            "credentials from HUAWEICLOUD_SDK_AK",
        ),
        (
            "HW_ACCESS_KEY",
            "HW_SECRET_KEY",
            "HW_SECURITY_TOKEN",
            "credentials from HW_ACCESS_KEY",
        ),
    ] {
        if let (Some(ak), Some(sk)) = (var(ak), var(sk)) {
            return Ok(Huawei {
                ak,
                sk: Secret(sk),
                token: var(token).map(Secret),
                project_id: project,
                region,
                account: account.into(),
            });
        }
    }
    let Some((_, config)) = home_json(".hcloud/config.json") else {
        return Err("no Huawei Cloud credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or configure KooCLI".into());
    };
    let Some(p) = profile(&config, var("HCLOUD_PROFILE").as_deref()) else {
        return Err(
            "no Huawei Cloud credentials: ~/.hcloud/config.json has no current profile".into(),
        );
    };
    let name = text_of(p, &["name"]).unwrap_or("default").to_string();
    match (
        text_of(p, &["accessKeyId", "access_key_id", "ak"]),
        text_of(p, &["secretAccessKey", "secret_access_key", "sk"]),
    ) {
        (Some(ak), Some(sk)) => Ok(Huawei {
            ak: ak.to_string(),
            sk: Secret(sk.to_string()),
            token: text_of(p, &["securityToken", "security_token"]).map(|t| Secret(t.to_string())),
            project_id: project
                .or_else(|| text_of(p, &["projectId", "project_id"]).map(str::to_string)),
            region: region.or_else(|| text_of(p, &["region"]).map(str::to_string)),
            account: format!("KooCLI profile {name}"),
        }),
        _ => Err(format!(
            "no Huawei Cloud credentials: the KooCLI profile `{name}` holds no plain AK/SK"
        )),
    }
}

/// OpenStack credentials for Keystone v3.
#[derive(Debug)]
pub struct Openstack {
    pub auth_url: Option<String>,
    pub auth: OpenstackAuth,
    pub region: Option<String>,
    /// The cloud's name in `clouds.yaml`, or `OS_* variables`.
    pub cloud: String,
}

#[derive(Debug)]
pub enum OpenstackAuth {
    Password {
        user_id: Option<String>,
        username: Option<String>,
        password: Secret,
        user_domain: Domain,
        project_id: Option<String>,
        project_name: Option<String>,
        project_domain: Domain,
    },
    ApplicationCredential {
        id: Option<String>,
        name: Option<String>,
        secret: Secret,
        user_id: Option<String>,
        username: Option<String>,
        user_domain: Domain,
    },
}

/// A domain by id or name (`Default` when neither is given).
#[derive(Debug, Clone)]
pub struct Domain {
    pub id: Option<String>,
    pub name: Option<String>,
}

impl Domain {
    pub fn json(&self) -> Value {
        match (&self.id, &self.name) {
            (Some(id), _) => serde_json::json!({ "id": id }),
            (None, Some(name)) => serde_json::json!({ "name": name }),
            (None, None) => serde_json::json!({ "id": "default" }),
        }
    }
}

/// OpenStack credentials from `clouds.yaml` (`OS_CLOUD`), else the `OS_*` variables.
pub fn openstack() -> Result<Openstack, String> {
    if let Some(cloud) = var("OS_CLOUD") {
        return clouds_yaml(&cloud);
    }
    let get = |name: &str| var(name);
    from_values(&get, "OS_* variables".into(), var("OS_AUTH_URL"))
}

/// Credentials from a lookup of `OS_*` names (the environment, or a `clouds.yaml` entry
/// whose keys are mapped to them).
fn from_values(
    get: &dyn Fn(&str) -> Option<String>,
    cloud: String,
    auth_url: Option<String>,
) -> Result<Openstack, String> {
    let user_domain = Domain {
        id: get("OS_USER_DOMAIN_ID").or_else(|| get("OS_DOMAIN_ID")),
        name: get("OS_USER_DOMAIN_NAME").or_else(|| get("OS_DOMAIN_NAME")),
    };
    let project_domain = Domain {
        id: get("OS_PROJECT_DOMAIN_ID").or_else(|| get("OS_DOMAIN_ID")),
        name: get("OS_PROJECT_DOMAIN_NAME").or_else(|| get("OS_DOMAIN_NAME")),
    };
    let auth_type = get("OS_AUTH_TYPE").unwrap_or_default();
    let auth = if let Some(secret) = get("OS_APPLICATION_CREDENTIAL_SECRET")
        && (auth_type.is_empty() || auth_type.contains("applicationcredential"))
    {
        OpenstackAuth::ApplicationCredential {
            id: get("OS_APPLICATION_CREDENTIAL_ID"),
            name: get("OS_APPLICATION_CREDENTIAL_NAME"),
            secret: Secret(secret),
            user_id: get("OS_USER_ID"),
            username: get("OS_USERNAME"),
            user_domain,
        }
    } else if let Some(password) = get("OS_PASSWORD") {
        OpenstackAuth::Password {
            user_id: get("OS_USER_ID"),
            username: get("OS_USERNAME"),
            password: Secret(password),
            user_domain,
            project_id: get("OS_PROJECT_ID").or_else(|| get("OS_TENANT_ID")),
            project_name: get("OS_PROJECT_NAME").or_else(|| get("OS_TENANT_NAME")),
            project_domain,
        }
    } else {
        return Err(format!(
            "no OpenStack credentials in {cloud}: neither a password nor an application credential"
        ));
    };
    Ok(Openstack {
        auth_url,
        auth,
        region: get("OS_REGION_NAME"),
        cloud,
    })
}

/// The entry `cloud` of the first `clouds.yaml` found where the OpenStack clients look: the
/// current folder, `~/.config/openstack`, `/etc/openstack` (or `OS_CLIENT_CONFIG_FILE`).
fn clouds_yaml(cloud: &str) -> Result<Openstack, String> {
    let mut places: Vec<PathBuf> = Vec::new();
    if let Some(file) = var("OS_CLIENT_CONFIG_FILE") {
        places.push(file.into());
    }
    places.push("clouds.yaml".into());
    if let Some(home) = home() {
        places.push(home.join(".config/openstack/clouds.yaml"));
    }
    places.push("/etc/openstack/clouds.yaml".into());
    let Some(text) = places.iter().find_map(|p| std::fs::read_to_string(p).ok()) else {
        return Err(format!(
            "OS_CLOUD is `{cloud}` but no clouds.yaml was found"
        ));
    };
    let doc: Value =
        serde_norway::from_str(&text).map_err(|_| "clouds.yaml is not valid YAML".to_string())?;
    let Some(entry) = doc.get("clouds").and_then(|c| c.get(cloud)) else {
        return Err(format!("clouds.yaml has no cloud `{cloud}`"));
    };
    let auth = entry.get("auth").cloned().unwrap_or(Value::Null);
    let s = |v: Option<&Value>| match v {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let get = |name: &str| -> Option<String> {
        let key = name.strip_prefix("OS_")?.to_ascii_lowercase();
        match key.as_str() {
            "region_name" => s(entry.get("region_name")),
            "auth_type" => s(entry.get("auth_type")),
            _ => s(auth.get(&key)),
        }
    };
    from_values(
        &get,
        format!("clouds.yaml cloud `{cloud}`"),
        get("OS_AUTH_URL"),
    )
}
