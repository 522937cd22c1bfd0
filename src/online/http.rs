//! The one HTTP client of the online checks: blocking, rustls with the Mozilla roots
//! (certificate verification always on, no OpenSSL), a timeout per call. It is built on the
//! first call, so a run without online checks sets up no TLS at all.
//!
//! Errors never carry a URL, a header or a body: signed URLs and tokens stay out of every
//! message.

use std::sync::OnceLock;
use std::time::Duration;

/// A response: the status and the body text.
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// Why a call did not get a response; the text is safe to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

/// Bodies larger than this are not read (a describe answer is a few kilobytes).
const MAX_BODY: u64 = 4 * 1024 * 1024;

pub struct Client {
    timeout: Duration,
    /// For the clouds (the environment's proxy applies) and for loopback endpoints (no proxy).
    remote: OnceLock<ureq::Agent>,
    local: OnceLock<ureq::Agent>,
}

/// An endpoint as the configuration or the environment gives it: `https://` anywhere,
/// `http://` only on a loopback address. Returns the URL without a trailing `/`.
pub fn endpoint(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text.trim())
        .map_err(|e| format!("the endpoint `{}` is not a URL: {e}", text.trim()))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "the endpoint `{url}` is plain http on a host that is not loopback; use https"
            ));
        }
        other => {
            return Err(format!(
                "the endpoint `{url}` has the scheme `{other}`, not https"
            ));
        }
    }
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
        return Err("an endpoint holds no credentials and no query".into());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        Client {
            timeout,
            remote: OnceLock::new(),
            local: OnceLock::new(),
        }
    }

    fn agent(&self, url: &str) -> &ureq::Agent {
        let local = url::Url::parse(url).is_ok_and(|u| is_loopback(&u));
        let build = |proxy: bool| {
            let builder = ureq::Agent::config_builder()
                .timeout_global(Some(self.timeout))
                .http_status_as_error(false)
                .max_redirects(0)
                .user_agent(concat!("reqlint/", env!("CARGO_PKG_VERSION")));
            let builder = if proxy { builder } else { builder.proxy(None) };
            ureq::Agent::new_with_config(builder.build())
        };
        if local {
            self.local.get_or_init(|| build(false))
        } else {
            self.remote.get_or_init(|| build(true))
        }
    }

    /// `GET url` with these headers.
    pub fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Response, Failure> {
        let mut request = self.agent(url).get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.call())
    }

    /// `POST url` with a JSON body (only the Keystone token request posts: it reads nothing
    /// and changes nothing but issues a token).
    pub fn post_json(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<Response, Failure> {
        let mut request = self
            .agent(url)
            .post(url)
            .header("Content-Type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.send(body))
    }
}

fn read(
    outcome: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<Response, Failure> {
    let mut response = outcome.map_err(|e| Failure(describe(&e)))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_string()
        .map_err(|e| Failure(describe(&e)))?;
    // Keystone returns the token in a header: keep it with the body, as JSON the caller reads.
    let body = match headers.get("X-Subject-Token").and_then(|v| v.to_str().ok()) {
        Some(token) => {
            let mut value: serde_json::Value =
                serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
            if let serde_json::Value::Object(o) = &mut value {
                o.insert("x-subject-token".into(), token.into());
            }
            value.to_string()
        }
        None => body,
    };
    Ok(Response { status, body })
}

/// A transport error, in words that hold nothing of the request.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "no answer within the timeout".into(),
        ureq::Error::HostNotFound => "the host name does not resolve".into(),
        ureq::Error::ConnectionFailed => "the connection failed".into(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "the connection was refused".into(),
            std::io::ErrorKind::TimedOut => "no answer within the timeout".into(),
            kind => format!("the connection failed ({kind})"),
        },
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
            "the TLS handshake failed (the certificate is verified)".into()
        }
        ureq::Error::BodyExceedsLimit(_) => "the answer is too large".into(),
        _ => "the call failed".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::endpoint;

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(endpoint("https://ecs.aliyuncs.com").is_ok());
        assert_eq!(
            endpoint("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(endpoint("http://[::1]:9/").is_ok());
        assert!(endpoint("http://localhost:9").is_ok());
        assert!(endpoint("http://ecs.aliyuncs.com").is_err());
        assert!(endpoint("http://10.0.0.1").is_err());
        assert!(endpoint("ftp://127.0.0.1").is_err());
        assert!(endpoint("https://user:pw@example.com").is_err());
    }
}
