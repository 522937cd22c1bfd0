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
