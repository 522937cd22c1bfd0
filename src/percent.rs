//! Percent-encoding of query-string parameters (`.http` RPC requests), on the
//! `percent-encoding` crate: only `%` followed by two hex digits is an escape (`%+1` stays as
//! it is), and a `+` is a space, as HTML forms and RPC signers encode it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// What a query parameter may hold as it is (RFC 3986 unreserved); everything else is escaped.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Decodes a query-string name or value: `%XX` escapes, and `+` as a space. Malformed escapes
/// are kept as they are; bytes that are not UTF-8 become U+FFFD.
pub fn decode_query(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// Encodes a query-string name or value.
pub fn encode_query(text: &str) -> String {
    utf8_percent_encode(text, QUERY).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_plus() {
        assert_eq!(decode_query("My%20Image+1"), "My Image 1");
        assert_eq!(decode_query("100%"), "100%");
        assert_eq!(decode_query("%e9%95%9c"), "镜");
    }

    #[test]
    fn a_sign_is_not_a_hex_digit() {
        // `u8::from_str_radix("+1", 16)` is 1: a hand-written decoder took `%+1` for U+0001.
        assert_eq!(decode_query("a%+1b"), "a% 1b");
        assert_eq!(decode_query("a%-1b"), "a%-1b");
    }

    #[test]
    fn encoding_round_trips() {
        for s in ["Tag.1.Key", "My Image", "镜像", "a&b=c+d%"] {
            assert_eq!(decode_query(&encode_query(s)), s);
        }
        assert_eq!(encode_query("Tag.1.Key"), "Tag.1.Key");
    }
}
