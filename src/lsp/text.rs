//! LSP positions (0-based lines, UTF-16 code units) and byte offsets.

use crate::source::SourceFile;
use lsp_types::{Position, Range};

/// The LSP position of a byte offset.
pub fn position(source: &SourceFile, offset: usize) -> Position {
    let text = source.text();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = source.line_of(offset);
    let start = source.line_start(line);
    let character = text[start..offset].encode_utf16().count();
    Position::new(line as u32, character as u32)
}

pub fn range(source: &SourceFile, offset: usize, length: usize) -> Range {
    Range::new(position(source, offset), position(source, offset + length))
}

/// The byte offset of an LSP position (clamped to the line and the text).
pub fn offset(source: &SourceFile, position: Position) -> usize {
    let text = source.text();
    let start = source.line_start(position.line as usize);
    let end = source
        .line_start(position.line as usize + 1)
        .min(text.len());
    let mut units = 0u32;
    for (i, c) in text[start..end].char_indices() {
        if units >= position.character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    end
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
}
