//! `.http` / `.rest` files (REST Client, JetBrains HTTP Client): requests separated by `###`
//! lines, each a request line, headers, a blank line and a body. Each JSON body is linted as a
//! body (its API decided by the request line, else detection); an Alibaba RPC request written
//! as a query string with no body is a request built here, located in the query string.

use super::{Found, Request};
use crate::api::Api;
use crate::parse::Dialect;

/// What `aliyun ... --dryrun` prints before the request it would send (aliyun/aliyun-cli,
/// `openapi/commando.go`; Alibaba Cloud CLI documentation, "Simulate a call"): "Skip invoke in
/// dry-run mode, request is:", a line of dashes, then the SDK's `CommonRequest.String()`: the
/// request line with the parameters in its query string, `Host` and the other headers, a blank
/// line and the form parameters, if any.
const ALIYUN_DRY_RUN: &str = "Skip invoke in dry-run mode, request is:";

/// Where the request of a dry run's output starts, after its preamble: `aliyun ... --dryrun`
/// (above), or `hcloud ... --dryrun` (KooCLI user guide, "Checking Command": a line
/// "-------- The execution is eliminated in dry-run mode. Current request: --------", or its
/// Chinese "dry-run模式跳过实际运行", then the request line, the headers and the JSON body).
pub(crate) fn dry_run(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    // A JSON body (most texts asked) is neither: no need to find the end of its first line.
    if text[lead..].starts_with(['{', '[']) {
        return None;
    }
    let first = text[lead..].split_inclusive('\n').next()?;
    let koocli = {
        let t = first.trim();
        t.starts_with("--------") && t.ends_with("--------") && t.contains("dry-run")
    };
    if !koocli && !first.starts_with(ALIYUN_DRY_RUN) {
        return None;
    }
    let mut at = lead + first.len();
    for line in text[at..].split_inclusive('\n') {
        let t = line.trim();
        if !(t.is_empty() || t.bytes().all(|b| b == b'-')) {
            break;
        }
        at += line.len();
    }
    Some(at)
}

/// What an `.http` file holds: a body or a query-string request per request. The output of a
/// dry run is read from its request on, its body starting at the first line that starts with
/// `{` even without the blank line before it.
pub(crate) fn found(text: &str, api: Option<Api>) -> Vec<Found<'_>> {
    let requests = match dry_run(text) {
        Some(start) => split_from(text, start, true),
        None => split(text),
    };
    requests
        .into_iter()
        .enumerate()
        .map(|(i, request)| {
            let by_line = request
                .line
                .as_ref()
                .and_then(|l| crate::detect::from_request_target(l.target));
            let api = api.or(by_line);
            let cloud = request
                .line
                .as_ref()
                .and_then(|l| url::Url::parse(l.target).ok())
                .and_then(|u| u.host_str().and_then(crate::cloud::of_host));
            // An RPC request with its parameters in the query string and no body.
            if request.body.trim().is_empty()
                && let Some(line) = &request.line
                && let Some(rpc) = api.filter(|a| a.pack().wire.form == crate::pack::Form::Rpc)
            {
                let at = line.target.as_ptr() as usize - text.as_ptr() as usize;
                if let Some((params, body, duplicates)) =
                    super::query::QueryParams::parse(line.target, at)
                {
                    return Found::Request(Box::new(Request {
                        api: rpc,
                        body,
                        locator: Box::new(params),
                        duplicates,
                        index: Some(i + 1),
                        cloud,
                        ..Request::empty()
                    }));
                }
            }
            let target = request.line.as_ref().map(|l| {
                (
                    l.target,
                    l.target.as_ptr() as usize - text.as_ptr() as usize,
                )
            });
            Found::Body {
                text: request.body,
                offset: request.body_offset,
                dialect: Dialect::Json,
                api,
                index: Some(i + 1),
                cloud,
                target,
            }
        })
        .collect()
}

/// The path parameters a request line's target shows, each with its offset in the target:
/// `server_id` of a server action (`/servers/{server_id}/action`).
pub fn path_params(target: &str) -> Vec<(&'static str, String, usize)> {
    let path_end = target.find(['?', '#']).unwrap_or(target.len());
    let path = &target[..path_end];
    let mut out = Vec::new();
    if let Some(at) = path.find("/servers/") {
        let start = at + "/servers/".len();
        let rest = &path[start..];
        let end = rest.find('/').unwrap_or(rest.len());
        let id = &rest[..end];
        if !id.is_empty() && !id.contains(['{', '}', '$']) && rest[end..].starts_with("/action") {
            out.push(("server_id", id.to_string(), start));
        }
    }
    out
}

/// The request line of an `.http` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine<'a> {
    pub method: &'a str,
    pub target: &'a str,
    /// Byte offset of the request line in the file.
    pub offset: usize,
}

/// One request of an `.http` file: its request line and its body, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest<'a> {
    pub line: Option<RequestLine<'a>>,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

const METHODS: [&str; 9] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
];

/// Splits an `.http` file into its requests. Requests are separated by lines starting with
/// `###`; in each, comment lines (`#`, `//`) come first, then the request line, headers, a blank
/// line and the body. A block with neither request line nor body is skipped.
pub fn split(text: &str) -> Vec<HttpRequest<'_>> {
    split_from(text, 0, false)
}

/// The requests of `text` from byte `start` on (a character boundary); `lenient`: headers also
/// end at a line that starts with `{`.
fn split_from(text: &str, start: usize, lenient: bool) -> Vec<HttpRequest<'_>> {
    let mut requests = Vec::new();
    let mut block_start = start;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.starts_with("###") {
            if let Some(r) = parse_block(text, block_start, offset, lenient) {
                requests.push(r);
            }
            block_start = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(r) = parse_block(text, block_start, text.len(), lenient) {
        requests.push(r);
    }
    requests
}

fn parse_block(text: &str, start: usize, end: usize, lenient: bool) -> Option<HttpRequest<'_>> {
    let block = &text[start..end];
    let mut offset = start;
    let mut lines = block.split_inclusive('\n');
    // Comments and blank lines before the request line.
    let mut request_line = None;
    for line in lines.by_ref() {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("//") {
            continue;
        }
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            // A body with no request line.
            return Some(body_from(text, here, end));
        }
        let mut words = trimmed.split_whitespace();
        let first = words.next().unwrap_or("");
        let (method, target) = if METHODS.contains(&first) {
            (first, words.next().unwrap_or(""))
        } else {
            ("GET", first)
        };
        request_line = Some(RequestLine {
            method,
            target,
            offset: here + (line.len() - line.trim_start().len()),
        });
        break;
    }
    request_line.as_ref()?;
    // Headers until the first blank line; the rest is the body.
    for line in lines.by_ref() {
        if lenient && line.trim_start().starts_with('{') {
            break;
        }
        offset += line.len();
        if line.trim().is_empty() {
            break;
        }
    }
    let mut request = body_from(text, offset.min(end), end);
    request.line = request_line;
    Some(request)
}

fn body_from(text: &str, start: usize, end: usize) -> HttpRequest<'_> {
    let raw = &text[start..end];
    // Response handlers (`> {% ... %}`, `> file.js`) and output redirects (`>> file`) end the
    // body; so does trailing white space.
    let mut len = raw.len();
    let mut at = 0;
    for line in raw.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("> ") || t.starts_with(">> ") || t.starts_with(">>! ") {
            len = at;
            break;
        }
        at += line.len();
    }
    let body = raw[..len].trim_end();
    let lead = body.len() - body.trim_start().len();
    HttpRequest {
        line: None,
        body: &body[lead..],
        body_offset: start + lead,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_requests_and_locates_bodies() {
        let text = "### first\nPOST https://{Endpoint}/v2/cloudimages/action\nContent-Type: application/json\n\n{\"a\": 1}\n\n###\n# comment\nPOST /v1/cloudimages/wholeimages/action HTTP/1.1\n\n{\"b\": 2}\n> {% client.log(1) %}\n";
        let reqs = split(text);
        assert_eq!(reqs.len(), 2);
        assert_eq!(reqs[0].body, "{\"a\": 1}");
        assert_eq!(&text[reqs[0].body_offset..][..8], "{\"a\": 1}");
        assert_eq!(reqs[0].line.as_ref().unwrap().method, "POST");
        assert_eq!(
            reqs[1].line.as_ref().unwrap().target,
            "/v1/cloudimages/wholeimages/action"
        );
        assert_eq!(reqs[1].body, "{\"b\": 2}");
    }

    #[test]
    fn request_without_body() {
        let reqs = split("GET https://example.com/\n");
        assert_eq!(reqs.len(), 1);
        assert_eq!(reqs[0].body, "");
    }
}
