//! LSP positions (0-based lines, UTF-16 code units) and byte offsets.

use crate::source::SourceFile;
use lsp_types::{Position, Range};

/// The LSP position of a byte offset.
pub fn position(source: &SourceFile, offset: usize) -> Position {
    let (line, character) = source.utf16_position(offset);
    Position::new(line as u32, character as u32)
}

pub fn range(source: &SourceFile, offset: usize, length: usize) -> Range {
    Range::new(position(source, offset), position(source, offset + length))
}

/// The byte offset of an LSP position (clamped to the line and the text).
pub fn offset(source: &SourceFile, position: Position) -> usize {
    source.offset_of_utf16(position.line as usize, position.character as usize)
}

/// The byte offset of an LSP position in a text that has no index (a document being edited:
/// an index would be rebuilt on every change), as [`offset`] finds it: the text is read up to
/// the position, once.
pub fn offset_in(text: &str, position: Position) -> usize {
    let bytes = text.as_bytes();
    // Lines end at `\n`, `\r\n` or a lone `\r`, as `SourceFile` counts them.
    let mut start = 0;
    for _ in 0..position.line {
        let Some(at) = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        else {
            return text.len();
        };
        let at = start + at;
        start = at
            + if bytes[at..].starts_with(b"\r\n") {
                2
            } else {
                1
            };
    }
    let mut units = 0u32;
    for (i, c) in text[start..].char_indices() {
        if units >= position.character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_round_trip() {
        let text = "{\n  \"名\": \"🙂x\"\n}";
        let source = SourceFile::new("t", text);
        let x = text.find('x').unwrap();
        // `  "名": "🙂` is 2 + 3 + 2 + 1 + 2 (the emoji is two UTF-16 units) = 10 units.
        assert_eq!(position(&source, x), Position::new(1, 10));
        assert_eq!(offset(&source, Position::new(1, 10)), x);
        assert_eq!(
            offset(&source, Position::new(1, 99)),
            text.find("\n}").unwrap()
        );
    }

    /// Without an index, the same offsets as with one, for every line ending.
    #[test]
    fn offsets_in_a_text_without_an_index() {
        let text = "a名\r\n🙂b\rc\n\nd\r\n";
        let source = SourceFile::new("t", text);
        for line in 0..7 {
            for character in 0..5 {
                let at = Position::new(line, character);
                assert_eq!(offset_in(text, at), offset(&source, at), "{at:?}");
            }
        }
    }
}
