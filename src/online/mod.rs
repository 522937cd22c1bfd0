//! Online checks (docs/spec/interface.md "Online checks"): what only the cloud knows, asked by
//! read-only calls before the request is sent. The server or instance exists and is in a state
//! that allows an image, the image name is free, the snapshot is young and large enough, and,
//! last, Alibaba's own `CreateImage` with `DryRun=true` accepts the request.
//!
//! This module knows nothing of files or front-ends: it is given a request (its API, its body
//! in canonical form, which members hold known values, the path parameters of its URL) and
//! answers findings, each on a member (a JSON Pointer into that body) or a path parameter.
//! Nothing here runs, connects, reads a credential file or sets up TLS unless a [`Session`]
//! is asked to check a request.
//!
//! Safety: only `GET`, `Describe*` and `DryRun=true` calls (and Keystone's token request);
//! certificates always verified; secrets in no message; a timeout per call; every answer
//! cached for the run; a cloud that cannot be asked gives one note, once.

mod alibaba;
mod creds;
mod http;
mod huawei;
mod openstack;
pub mod sign;

use crate::api::Api;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

pub use http::endpoint as check_endpoint;

/// The endpoint keys of `[online.endpoints]` and their environment variables.
pub const ENDPOINTS: [(&str, &str); 7] = [
    ("alibaba-ecs", "REQLINT_ENDPOINT_ALIBABA_ECS"),
    ("huawei-ims", "REQLINT_ENDPOINT_HUAWEI_IMS"),
    ("huawei-ecs", "REQLINT_ENDPOINT_HUAWEI_ECS"),
    ("huawei-evs", "REQLINT_ENDPOINT_HUAWEI_EVS"),
    ("huawei-cbr", "REQLINT_ENDPOINT_HUAWEI_CBR"),
    ("huawei-iam", "REQLINT_ENDPOINT_HUAWEI_IAM"),
    ("openstack-identity", "REQLINT_ENDPOINT_OPENSTACK_IDENTITY"),
];

/// The timeout of each call unless `[online] timeout` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// `[online]` of a `reqlint.toml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// `enabled = true`: check online without `--online`.
    pub enabled: Option<bool>,
    /// Seconds each call may take.
    pub timeout: Option<Duration>,
    /// Endpoint key -> URL (already checked by [`check_endpoint`]).
    pub endpoints: BTreeMap<String, String>,
}

impl Settings {
    /// `child` on top of `self`: its values win.
    pub fn extended_by(mut self, child: Settings) -> Settings {
        if child.enabled.is_some() {
            self.enabled = child.enabled;
        }
        if child.timeout.is_some() {
            self.timeout = child.timeout;
        }
        self.endpoints.extend(child.endpoints);
        self
    }
}

/// How online checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only where a configuration turns them on.
    Configured,
    /// On for every file (`--online`, `REQLINT_ONLINE=1`).
    On,
    /// On, and a cloud that cannot be asked fails the run (`--online=strict`).
    Strict,
}

/// A request to check online.
pub struct Request<'a> {
    pub api: Api,
    /// The body in canonical form (Alibaba's flattened parameters as nested JSON).
    pub body: &'a Map<String, Value>,
    /// Whether the value at this pointer is known before the request is sent.
    pub known: &'a dyn Fn(&str) -> bool,
    /// The URL's path parameters, when the file shows them (`server_id` of nova's action URL).
    pub path: &'a [(&'static str, String)],
    /// The host the request is sent to, when the file shows it.
    pub host: Option<&'a str>,
    /// The request shows every member it holds and the static checks found no error in it:
    /// the cloud's own dry run may judge it whole.
    pub complete: bool,
}

impl Request<'_> {
    /// A known, non-empty string at `pointer`.
    fn text(&self, pointer: &str) -> Option<&str> {
        if !(self.known)(pointer) {
            return None;
        }
        match self.body_at(pointer)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.as_str()),
            _ => None,
        }
    }

    /// A known number (or a string holding one) at `pointer`.
    fn number(&self, pointer: &str) -> Option<f64> {
        if !(self.known)(pointer) {
            return None;
        }
        match self.body_at(pointer)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn body_at(&self, pointer: &str) -> Option<&Value> {
        let (first, rest) = pointer
            .strip_prefix('/')?
            .split_once('/')
            .unwrap_or((pointer.strip_prefix('/')?, ""));
        let first = first.replace("~1", "/").replace("~0", "~");
        let value = self.body.get(&first)?;
        if rest.is_empty() {
            Some(value)
        } else {
            value.pointer(&format!("/{rest}"))
        }
    }

    fn path_param(&self, name: &str) -> Option<&str> {
        self.path
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty() && !v.starts_with('{'))
    }
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The value of a member of the body (a JSON Pointer).
    Member(String),
    /// A path parameter of the URL (`server_id`).
    Path(&'static str),
}

/// One thing the cloud says about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub at: At,
    pub message: String,
}

/// Which cloud, region and project or account answered, and when: every finding says it.
#[derive(Debug, Clone)]
struct Answered {
    cloud: &'static str,
    region: String,
    account: String,
}

impl Answered {
    fn says(&self) -> String {
        let when = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ");
        format!(
            "{}, region {}, {}, at {when}",
            self.cloud, self.region, self.account
        )
    }
}

fn finding(code: &'static str, at: At, what: String, who: &Answered) -> Finding {
    Finding {
        code,
        at,
        message: format!("{what} (answered by {})", who.says()),
    }
}

/// The answer to one call, kept for the run.
#[derive(Clone, Debug)]
enum Answer {
    /// The status and the body, parsed as JSON when it is JSON.
    Got(u16, Value),
    /// Not asked, or no answer: why, in words that hold no secret.
    Failed(String),
}

/// One run's online checks: the client, the credentials and every answer, shared by the files
/// of the run. Creating one costs nothing; the first check sets things up.
pub struct Session {
    mode: Mode,
    /// Settings of the command line's configuration (endpoints, timeout).
    settings: Settings,
    client: OnceLock<http::Client>,
    /// Every call's answer, by method and URL without its signature.
    cache: Mutex<HashMap<String, Arc<OnceLock<Answer>>>>,
    /// One note per cloud that could not be asked.
    notes: Mutex<BTreeMap<&'static str, String>>,
    /// The calls made (method and path, no query), in order: for tests and `--online` users.
    calls: Mutex<Vec<String>>,
    alibaba: OnceLock<Result<creds::Alibaba, String>>,
    huawei: OnceLock<Result<creds::Huawei, String>>,
    openstack: OnceLock<Result<openstack::Token, String>>,
}

impl Session {
    pub fn new(mode: Mode, settings: Settings) -> Session {
        Session {
            mode,
            settings,
            client: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
            notes: Mutex::new(BTreeMap::new()),
            calls: Mutex::new(Vec::new()),
            alibaba: OnceLock::new(),
            huawei: OnceLock::new(),
            openstack: OnceLock::new(),
        }
    }

    /// The mode the command line, the environment (`REQLINT_ONLINE=1`) or a caller asked for.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Whether a file with this configuration is checked online.
    pub fn enabled_for(&self, settings: Option<&Settings>) -> bool {
        self.mode != Mode::Configured
            || settings.and_then(|s| s.enabled).unwrap_or(false)
            || self.settings.enabled.unwrap_or(false)
    }

    /// The notes of the clouds that could not be asked, one per cloud.
    pub fn notes(&self) -> Vec<String> {
        lock(&self.notes).values().cloned().collect()
    }

    /// The calls made so far (`GET /v2.1/servers/abc`, `GET Action=DescribeInstances`).
    pub fn calls(&self) -> Vec<String> {
        lock(&self.calls).clone()
    }

    /// Whether a cloud already has its note: it is asked nothing more this run.
    fn noted(&self, cloud: &'static str) -> bool {
        lock(&self.notes).contains_key(cloud)
    }

    fn note(&self, cloud: &'static str, text: String) {
        lock(&self.notes).entry(cloud).or_insert(text);
    }

    fn client(&self) -> &http::Client {
        self.client
            .get_or_init(|| http::Client::new(self.settings.timeout.unwrap_or(DEFAULT_TIMEOUT)))
    }

    /// The endpoint for `key`: the environment, then the configuration, then `default`.
    fn endpoint(
        &self,
        key: &str,
        default: impl FnOnce() -> Option<String>,
    ) -> Result<String, String> {
        let var = ENDPOINTS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or_default();
        if let Some(url) = creds::var(var) {
            return http::endpoint(&url).map_err(|e| format!("{var}: {e}"));
        }
        if let Some(url) = self.settings.endpoints.get(key) {
            return Ok(url.clone());
        }
        default().ok_or_else(|| format!("no endpoint for `{key}`: set {var}"))
    }

    /// A call, once per run: `key` identifies it without anything secret.
    fn call(
        &self,
        key: String,
        shown: String,
        send: impl FnOnce(&http::Client) -> Result<http::Response, http::Failure>,
    ) -> Answer {
        let cell = lock(&self.cache).entry(key).or_default().clone();
        cell.get_or_init(|| {
            lock(&self.calls).push(shown);
            match send(self.client()) {
                Ok(r) => Answer::Got(
                    r.status,
                    serde_json::from_str(&r.body).unwrap_or(Value::Null),
                ),
                Err(e) => Answer::Failed(e.0),
            }
        })
        .clone()
    }

    /// What the cloud says about `request`; a cloud that cannot be asked gives a note instead
    /// (see [`Session::notes`]). Never panics on any answer.
    pub fn check(&self, request: &Request<'_>) -> Vec<Finding> {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            match request.api.pack().online.as_deref() {
                Some("openstack") => openstack::check(self, request),
                Some("alibaba") => alibaba::check(self, request),
                Some("huawei") => huawei::check(self, request),
                _ => Vec::new(),
            }
        }));
        outcome.unwrap_or_else(|_| {
            self.note(
                "reqlint",
                "online checks stopped on an internal error; the request was not checked online"
                    .into(),
            );
            Vec::new()
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The error code or message of a cloud's error answer, shortened and stripped of anything
/// but printable text.
fn short(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).take(160).collect();
    clean
}
