//! Request parameters written in a query string, as RPC-style APIs take them
//! (`GET https://ecs.aliyuncs.com/?Action=CreateImage&RegionId=cn-hangzhou&Tag.1.Key=env`):
//! the parameters as a request object, and where each one is on the request line.

use crate::diagnostic::Span;
use crate::parse::{Duplicate, Locator, Part};
use crate::pointer;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Parameters of the RPC protocol itself, not of the action: not part of the request object.
/// (`SignatureType` is sent, empty, by alibaba-cloud-sdk-go's signer, as `aliyun --dryrun`
/// prints.)
const PROTOCOL: [&str; 11] = [
    "SignatureType",
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
];

/// One `name=value` pair: the decoded name and value, and their spans (relative to `base`).
struct Param {
    name: String,
    key: Span,
    value: Span,
    /// The whole `name=value` with its `&` separator, for removal.
    pair: Span,
}

/// The action parameters of a query string.
pub struct QueryParams {
    params: Vec<Param>,
    /// Name -> index of its last occurrence (the one the object holds).
    last: HashMap<String, usize>,
    /// Where the query starts: a missing member is reported there.
    start: Span,
}

impl QueryParams {
    /// Reads the query of a request target whose text starts at byte `offset` of the request.
    /// `None` when the target has no query.
    pub fn parse(target: &str, offset: usize) -> Option<(QueryParams, Value, bool)> {
        let (_, query) = target.split_once('?')?;
        let mut at = offset + target.len() - query.len();
        let start = Span::new(at - 1, 1);
        let mut params = Vec::new();
        let mut object = Map::new();
        let mut last = HashMap::new();
        let mut duplicates = false;
        for pair in query.split('&') {
            let pair_span = Span::new(at, pair.len());
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = crate::percent::decode_query(raw_name);
            let key = Span::new(at, raw_name.len());
            let value_at = at + raw_name.len() + usize::from(pair.contains('='));
            let value = Span::new(value_at, raw_value.len());
            at += pair.len() + 1;
            if pair.is_empty() || PROTOCOL.contains(&name.as_str()) {
                continue;
            }
            if object
                .insert(
                    name.clone(),
                    Value::String(crate::percent::decode_query(raw_value)),
                )
                .is_some()
            {
                duplicates = true;
            }
            last.insert(name.clone(), params.len());
            params.push(Param {
                name,
                key,
                value,
                pair: pair_span,
            });
        }
        Some((
            QueryParams {
                params,
                last,
                start,
            },
            Value::Object(object),
            duplicates,
        ))
    }

    fn param(&self, pointer_text: &str) -> Option<&Param> {
        let mut tokens = pointer::tokens(pointer_text)?;
        let name = tokens.pop().filter(|_| tokens.is_empty())?;
        self.last.get(&name).map(|&i| &self.params[i])
    }
}

impl Locator for QueryParams {
    fn span(&self, pointer_text: &str, part: Part) -> Option<Span> {
        if pointer_text.is_empty() {
            return Some(self.start);
        }
        let p = self.param(pointer_text)?;
        Some(match part {
            Part::Key | Part::Open => p.key,
            Part::Value if p.value.length == 0 => p.key,
            Part::Value => p.value,
        })
    }

    fn duplicates(&self) -> Vec<Duplicate> {
        let mut first: HashMap<&str, Span> = HashMap::new();
        let mut out = Vec::new();
        for p in &self.params {
            match first.get(p.name.as_str()) {
                Some(&span) => out.push(Duplicate {
                    pointer: String::new(),
                    name: p.name.clone(),
                    first: span,
                    repeat: p.key,
                }),
                None => {
                    first.insert(&p.name, p.key);
                }
            }
        }
        out
    }

    fn member_removal(&self, pointer_text: &str) -> Option<Span> {
        let p = self.param(pointer_text)?;
        // `name=value&` with the separator that follows (the `&` after it is part of the gap).
        Some(Span::new(p.pair.offset, p.pair.length + 1))
    }

    fn write_name(&self, name: &str) -> String {
        crate::percent::encode_query(name)
    }

    fn write_value(&self, json: &str) -> String {
        // A parameter's value is the text itself: a JSON string without its quotes.
        match serde_json::from_str::<Value>(json) {
            Ok(Value::String(s)) => crate::percent::encode_query(&s),
            _ => crate::percent::encode_query(json),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_their_spans() {
        let target = "https://ecs.aliyuncs.com/?Action=CreateImage&RegionId=cn-hangzhou&ImageName=My%20Image&Tag.1.Key=env";
        let (q, value, dups) = QueryParams::parse(target, 100).unwrap();
        assert!(!dups);
        assert_eq!(value["ImageName"], "My Image");
        assert!(value.get("Action").is_none());
        let s = q.span("/ImageName", Part::Value).unwrap();
        assert_eq!(&target[s.offset - 100..s.end() - 100], "My%20Image");
        let s = q.span("/Tag.1.Key", Part::Key).unwrap();
        assert_eq!(&target[s.offset - 100..s.end() - 100], "Tag.1.Key");
    }
}
