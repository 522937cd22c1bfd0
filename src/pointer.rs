//! RFC 6901 JSON Pointers: building them while walking a `Value`, and splitting them back into
//! reference tokens to walk the syntax tree.

/// Appends one reference token to `pointer`, escaping `~` and `/`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Appends an array index to `pointer`.
pub fn push_index(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}

/// Splits a pointer into unescaped reference tokens. `""` is the whole document.
/// Returns `None` for a pointer that does not start with `/`.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// The last reference token of a pointer (the member name or index it ends in).
pub fn last_token(pointer: &str) -> Option<String> {
    tokens(pointer)?.pop()
}

/// The pointer of the object or array holding the value `pointer` names (`""` for the root).
pub fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// `/data_images/0/min_disk` as a person writes it: `data_images[0].min_disk`.
pub fn display_path(pointer_text: &str) -> String {
    let mut out = String::new();
    for token in tokens(pointer_text).unwrap_or_default() {
        if token.bytes().all(|b| b.is_ascii_digit()) && !token.is_empty() {
            out.push('[');
            out.push_str(&token);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    if out.is_empty() {
        out.push_str("(body)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let p = push(&push("", "a/b"), "m~n");
        assert_eq!(p, "/a~1b/m~0n");
        assert_eq!(tokens(&p).unwrap(), vec!["a/b", "m~n"]);
        assert_eq!(tokens("").unwrap(), Vec::<String>::new());
        assert_eq!(tokens("x"), None);
        // "~01" is "~1" unescaped, not "/".
        assert_eq!(tokens("/~01").unwrap(), vec!["~1"]);
    }
}
