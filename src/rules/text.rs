//! Character classes and how messages show characters, shared by every vendor's rules.

use regex::Regex;
use std::sync::LazyLock;

/// Whether `c` is a Han (CJK ideograph) character.
pub fn is_han(c: char) -> bool {
    static HAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Han}$").expect("valid"));
    !c.is_ascii() && HAN.is_match(c.encode_utf8(&mut [0; 4]))
}

/// A character as a message shows it: printable ones in backticks, others escaped.
pub fn show_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\r' => "a carriage return".into(),
        '\n' => "a line feed".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        '`' => "a backtick".into(),
        c => format!("`{c}`"),
    }
}

/// A count with its noun in the right number: `1 character`, `2 characters`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A value as it appears in a message: JSON, cut at 60 characters.
pub fn short(value: &serde_json::Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        return text;
    }
    let cut: String = text.chars().take(57).collect();
    format!("{cut}...")
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_agree_in_number() {
        assert_eq!(super::count(1, "character"), "1 character");
        assert_eq!(super::count(0, "character"), "0 characters");
        assert_eq!(super::count(129, "character"), "129 characters");
    }
}
