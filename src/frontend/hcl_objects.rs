//! How many items the object literals of an HCL file hold, counted before the file is parsed.
//!
//! hcl-edit 0.10 parses an object literal in time quadratic in its items: its parser
//! (`parser::expr::object_items`) checks each key with `Object::contains_key` and adds it with
//! `Object::insert`, and `Object` keeps its items in a `vecmap::VecMap`, whose lookups walk
//! every key before. A `tags` map of 40,000 keys takes seconds. Until that is fixed upstream, a
//! file with an object literal larger than reqlint reads gets one finding instead of a parse.
//!
//! The count is a scan of the text that knows what can hide braces, commas and line ends:
//! strings and their interpolations, heredocs and comments. An item is a stretch of an object
//! literal between its line ends and commas that holds something: a `for` expression or a
//! value over several lines counts at most a few times over, which the limit leaves room for.

/// The byte offset of the first object literal of `text` that holds more than `limit` items.
pub(crate) fn larger_than(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // No object has more items than the file has line ends and commas.
    if bytes.iter().filter(|b| matches!(b, b'\n' | b',')).count() < limit {
        return None;
    }
    let mut stack: Vec<Frame> = Vec::new();
    // The last byte outside white space and comments, in the current expression.
    let mut previous = b'\n';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(Frame::String) = stack.last() {
            match b {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                    previous = b'"';
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b'{') => {
                    i += 2; // `$${` and `%%{` are literal
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(Frame::Interpolation);
                    previous = b'{';
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'#' => {
                i = line_end(bytes, i);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = line_end(bytes, i);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                continue;
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                if let Some(end) = heredoc_end(text, i) {
                    i = end;
                    previous = b'"';
                    if let Some(Frame::Object { content, .. }) = stack.last_mut() {
                        *content = true;
                    }
                    continue;
                }
            }
            b'"' => stack.push(Frame::String),
            b'{' => {
                // A block's body follows its type and labels; an object follows an operator,
                // an opening bracket or a separator.
                let block =
                    previous.is_ascii_alphanumeric() || matches!(previous, b'_' | b'-' | b'"');
                stack.push(match block {
                    true => Frame::Block,
                    false => Frame::Object {
                        start: i,
                        items: 0,
                        content: false,
                    },
                });
            }
            b'[' | b'(' => stack.push(Frame::Group),
            b'}' | b']' | b')' => {
                if let Some(Frame::Object {
                    start,
                    items,
                    content,
                }) = stack.pop()
                {
                    let items = items + usize::from(content);
                    if items > limit {
                        return Some(start);
                    }
                }
            }
            b'\n' | b',' => {
                if let Some(Frame::Object {
                    start,
                    items,
                    content,
                }) = stack.last_mut()
                    && *content
                {
                    *items += 1;
                    *content = false;
                    if *items > limit {
                        return Some(*start);
                    }
                }
            }
            _ => {}
        }
        if b == b'\n' || !b.is_ascii_whitespace() {
            if !matches!(b, b'\n' | b',' | b'{' | b'}')
                && let Some(Frame::Object { content, .. }) = stack.last_mut()
            {
                *content = true;
            }
            previous = b;
        }
        i += 1;
    }
    None
}

enum Frame {
    Object {
        start: usize,
        items: usize,
        /// The current item holds something.
        content: bool,
    },
    Block,
    /// `[ ... ]` or `( ... )`.
    Group,
    /// A quoted string (a template).
    String,
    /// `${ ... }` or `%{ ... }` in a string.
    Interpolation,
}

/// Where the line of byte `i` ends (its line end is not consumed).
fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |p| i + p)
}

/// The end of a heredoc that starts at byte `i` (`<<EOT` or `<<-EOT`, then a line end; it ends
/// at a line that holds only `EOT`, indented or not): the byte after its closing word.
fn heredoc_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let word_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let word = &rest[..word_len];
    let after = &rest[word_len..];
    let after = after.strip_prefix('\r').unwrap_or(after);
    if word.is_empty() || !after.starts_with('\n') {
        return None;
    }
    let mut at = text.len() - after.len() + 1;
    for line in text[at..].split_inclusive('\n') {
        let next = at + line.len();
        if line.trim() == word {
            return Some(at + line.trim_end().len());
        }
        at = next;
    }
    Some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the first object of more than two items starts.
    fn large_at(text: &str) -> Option<usize> {
        larger_than(text, 2)
    }

    #[test]
    fn counts_the_items_of_object_literals_only() {
        assert_eq!(large_at("x = {\n  a = 1\n  b = 2\n}\n"), None);
        assert_eq!(large_at("x = {\n  a = 1\n\n  b = 2\n  c = 3\n}\n"), Some(4));
        assert_eq!(large_at("x = { a = 1, b = 2, c = 3 }\n"), Some(4));
        // A block's body is not an object literal: its attributes are parsed in linear time.
        assert_eq!(large_at("locals {\n  a = 1\n  b = 2\n  c = 3\n}\n"), None);
        assert_eq!(
            large_at("resource \"a\" \"b\" {\n  a = 1\n  b = 2\n  c = 3\n}\n"),
            None
        );
        // Nested objects count their own items.
        assert_eq!(
            large_at("x = {\n  a = { p = 1, q = 2, r = 3 }\n}\n"),
            Some(12)
        );
        assert_eq!(large_at("x = [{ a = 1 }, { b = 2 }, { c = 3 }]\n"), None);
    }

    #[test]
    fn strings_heredocs_and_comments_hide_separators() {
        assert_eq!(large_at("x = {\n  a = \"1,2,3,4\"\n  b = \"}\"\n}\n"), None);
        assert_eq!(large_at("x = {\n  a = \"${f(1, 2, 3)}\"\n}\n"), None);
        assert_eq!(large_at("x = {\n  a = \"$${\"\n  b = 2\n}\n"), None);
        assert_eq!(
            large_at("x = {\n  a = <<-EOT\n    1,\n    2,\n    }\n  EOT\n  b = 2\n}\n"),
            None
        );
        assert_eq!(
            large_at("x = {\n  # a, b, c\n  a = 1 // d, e\n  /* f,\n g, */ b = 2\n}\n"),
            None
        );
        assert_eq!(
            large_at("x = {\n  a = <<EOT\nx\nEOT\n  b = 2\n  c = 3\n}\n"),
            Some(4)
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_scanned_without_a_panic(text in "[a-z\"{}()\\[\\],=#/*<<\n $%\\\\-]{0,80}") {
            let _ = larger_than(&text, 1);
        }
    }

    #[test]
    fn broken_text_ends_the_scan() {
        for text in [
            "x = {",
            "x = \"",
            "x = <<EOT\n",
            "}}}",
            "x = { a = 1, b = 2, c = /*",
        ] {
            let _ = larger_than(text, 0);
        }
    }
}
