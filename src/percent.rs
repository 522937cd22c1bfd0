//! Percent-decoding, for `file:` URIs (the language server) and query strings (`.http` RPC
//! requests).

/// Decodes `%XX` escapes; `+` is a space when `plus_is_space` (query strings, as forms encode
/// them), itself otherwise (URIs). Malformed escapes are kept as they are.
pub fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', None) if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn escapes_and_plus() {
        assert_eq!(decode("My%20Image+1", true), "My Image 1");
        assert_eq!(decode("/tmp/a+b%2Fc", false), "/tmp/a+b/c");
        assert_eq!(decode("100%", false), "100%");
        assert_eq!(decode("%e9%95%9c", true), "镜");
    }
}
