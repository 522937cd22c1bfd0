//! What a file holds: one JSON body, one JSONC body, the requests of an `.http` file, the image
//! resources of a Terraform file or the sources of a Packer template.

use crate::parse::Dialect;
use std::path::Path;

/// How a file is read, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Json,
    Jsonc,
    /// REST Client / JetBrains HTTP Client requests (`.http`, `.rest`).
    Http,
    /// Terraform configuration (`.tf`): its image resources (`crate::frontend::terraform`).
    Terraform,
    /// Packer templates (`.pkr.hcl`): their sources (`crate::frontend::packer`).
    Packer,
    /// Shell scripts (`.sh`, `.bash`): their image commands (`crate::frontend::shell`).
    Shell,
}

impl InputKind {
    /// The kind of a path, by extension; `None` for files reqlint does not lint.
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".pkr.hcl") {
            return Some(InputKind::Packer);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(InputKind::Json),
            "jsonc" => Some(InputKind::Jsonc),
            "http" | "rest" => Some(InputKind::Http),
            "tf" => Some(InputKind::Terraform),
            "sh" | "bash" => Some(InputKind::Shell),
            _ => None,
        }
    }

    pub fn dialect(self) -> Dialect {
        match self {
            InputKind::Jsonc => Dialect::Jsonc,
            InputKind::Json
            | InputKind::Http
            | InputKind::Terraform
            | InputKind::Packer
            | InputKind::Shell => Dialect::Json,
        }
    }
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
pub fn split_http(text: &str) -> Vec<HttpRequest<'_>> {
    let mut requests = Vec::new();
    let mut block_start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("###") {
            if let Some(r) = parse_block(text, block_start, offset) {
                requests.push(r);
            }
            block_start = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(r) = parse_block(text, block_start, text.len()) {
        requests.push(r);
    }
    requests
}

fn parse_block(text: &str, start: usize, end: usize) -> Option<HttpRequest<'_>> {
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
        let reqs = split_http(text);
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
        let reqs = split_http("GET https://example.com/\n");
        assert_eq!(reqs.len(), 1);
        assert_eq!(reqs[0].body, "");
    }
}
