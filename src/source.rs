//! The text of one linted file: line index, 1-based line/column conversion, and a miette
//! `SourceCode` that reads spans in O(log n) instead of rescanning the file for every diagnostic.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::sync::{Arc, OnceLock};

/// Bytes per block of the column index: a column costs at most this many bytes counted.
const BLOCK: usize = 1024;

/// A file's text with the byte offset of every line start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: Arc<str>,
    text: Arc<str>,
    /// Built on first use: a valid file never needs it.
    line_starts: OnceLock<Arc<[usize]>>,
    /// For each block of `BLOCK` bytes, the characters and UTF-16 code units before it: a
    /// column is counted from the block, not from the start of its line, so that it costs the
    /// same in any order, even on a line of megabytes. Built on first use.
    blocks: OnceLock<Arc<[(usize, usize)]>>,
}

impl SourceFile {
    /// A file called `name` (as output names it) holding `text`.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            blocks: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| Self::index(&self.text))
    }

    fn index(text: &str) -> Arc<[usize]> {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        // Only line breaks are looked at, found a word at a time.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                _ if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
        }
        line_starts.into()
    }

    /// The characters and UTF-16 code units of a slice of the text, by its bytes (a slice
    /// that starts or ends inside a character counts that character if it holds its first
    /// byte).
    fn count(bytes: &[u8]) -> (usize, usize) {
        let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
        // A four-byte character is two UTF-16 code units.
        let astral = bytes.iter().filter(|&&b| b >= 0xf0).count();
        (chars, chars + astral)
    }

    /// The characters and UTF-16 code units before a byte offset (a character boundary).
    fn before(&self, offset: usize) -> (usize, usize) {
        let blocks = self.blocks.get_or_init(|| {
            let mut at = (0, 0);
            let mut blocks = vec![at];
            for block in self.text.as_bytes().chunks(BLOCK) {
                let (chars, units) = Self::count(block);
                at = (at.0 + chars, at.1 + units);
                blocks.push(at);
            }
            blocks.into()
        });
        let block = offset / BLOCK;
        let (chars, units) = Self::count(&self.text.as_bytes()[block * BLOCK..offset]);
        (blocks[block].0 + chars, blocks[block].1 + units)
    }

    /// The characters and UTF-16 code units between two byte offsets (character boundaries,
    /// `start <= end`): counted directly when they are close (most columns: no index of the
    /// whole text is built), else from the block index (a long line stays linear).
    fn between(&self, start: usize, end: usize) -> (usize, usize) {
        if end - start <= BLOCK {
            return Self::count(&self.text.as_bytes()[start..end]);
        }
        let (after, before) = (self.before(end), self.before(start));
        (after.0 - before.0, after.1 - before.1)
    }

    /// What output calls the file.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte offset where a 0-based line starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// 1-based line and 1-based column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts()[line];
        let column = self.between(start, offset).0;
        (line + 1, column + 1)
    }

    /// 0-based line and 0-based column in UTF-16 code units (the language server's
    /// positions) of a byte offset, clamped to the text and to a character boundary.
    pub fn utf16_position(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts()[line];
        (line, self.between(start, offset).1)
    }

    /// The byte offset of a 0-based line and a 0-based column in UTF-16 code units: the first
    /// character boundary at or past that column, clamped to the end of the line (before its
    /// line break) and to the text.
    pub fn offset_of_utf16(&self, line: usize, column: usize) -> usize {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        let end = start + self.text[start..end].trim_end_matches(['\r', '\n']).len();
        let wanted = self.before(start).1 + column;
        // Start counting in the block where the column is (every block before it holds fewer
        // units), not at the start of the line.
        let blocks = self.blocks.get().map_or(&[][..], |b| &b[..]);
        let block = blocks.partition_point(|&(_, units)| units < wanted);
        let from = self
            .floor_char_boundary((block.saturating_sub(1) * BLOCK).min(self.text.len()))
            .clamp(start, end);
        let mut units = self.before(from).1;
        for (i, c) in self.text[from..end].char_indices() {
            if units >= wanted {
                return from + i;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The length in bytes of the 0-based line holding `offset`.
    pub fn line_len_at(&self, offset: usize) -> usize {
        let line = self.line_of(offset.min(self.text.len()));
        self.line_start(line + 1) - self.line_start(line)
    }

    /// Byte offset of a 1-based line and 1-based *byte* column (what serde_json reports).
    pub fn offset_of_line_byte_col(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.floor_char_boundary((start + column.saturating_sub(1)).min(self.text.len()))
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Hand miette's own reader only the lines it needs, then shift its answer back. The
        // window starts on a line boundary, so its lines and columns are miette's, offset.
        let text = self.text.as_bytes();
        if span.offset() > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = self.line_of(span.offset());
        // One line more than asked, so that a span never starts the window: miette's reader
        // treats an empty span at offset 0 differently from one further in.
        let window_line = first_line.saturating_sub(context_lines_before + 1);
        let window_start = self.line_starts()[window_line];
        let last = (span.offset() + span.len()).min(text.len());
        let end_line = self.line_of(last) + context_lines_after + 2;
        let window_end = self
            .line_starts()
            .get(end_line)
            .copied()
            .unwrap_or(text.len());
        let window = &text[window_start..window_end];
        let local = SourceSpan::new((span.offset() - window_start).into(), span.len());
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let data = contents.data();
        let data_start = window_start + contents.span().offset();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            data,
            SourceSpan::new(data_start.into(), contents.span().len()),
            contents.line() + window_line,
            contents.column(),
            contents.line_count() + window_line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalar_values() {
        let f = SourceFile::new("t", "{\n  \"名前\": 1\r\n}");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (2, 1));
        // `1` after `  "名前": ` is the 9th scalar value of line 2.
        let one = f.text().find('1').unwrap();
        assert_eq!(f.line_col(one), (2, 9));
        assert_eq!(f.line_col(f.text().len() - 1), (3, 1));
    }

    /// Columns and UTF-16 positions come from the block index as they would from counting
    /// the line, on long lines of characters of every width that straddle the blocks.
    #[test]
    fn columns_from_blocks_are_counted_columns() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&"a名🙂é".repeat(i * 7));
            text.push_str(["\n", "\r\n", "\r"][i % 3]);
        }
        let f = SourceFile::new("t", text.as_str());
        assert!(text.len() > 4 * BLOCK);
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            let line = f.line_of(offset);
            let start = f.line_start(line);
            let chars = text[start..offset].chars().count();
            let units = text[start..offset].encode_utf16().count();
            assert_eq!(f.line_col(offset), (line + 1, chars + 1), "{offset}");
            assert_eq!(f.utf16_position(offset), (line, units), "{offset}");
            let end = f.line_start(line + 1);
            let content_end = start + text[start..end].trim_end_matches(['\r', '\n']).len();
            let back = f.offset_of_utf16(line, units);
            assert_eq!(back, offset.min(content_end), "{offset}");
        }
        // Past the end of a line, past the last line, inside a surrogate pair.
        assert_eq!(f.offset_of_utf16(1, 1 << 30), text.find("\r\n").unwrap());
        assert_eq!(f.offset_of_utf16(1 << 20, 0), text.len());
        let emoji = text.find('🙂').unwrap();
        let line = f.line_of(emoji);
        let (_, units) = f.utf16_position(emoji);
        assert_eq!(f.offset_of_utf16(line, units + 1), emoji + '🙂'.len_utf8());
    }

    /// Columns asked in any order on one line of 20 MB (a finding, then its label at the
    /// start of the line, as JSON output asks them) cost a block each, not the line.
    #[test]
    fn columns_on_a_long_line_in_any_order() {
        let text = format!("{{\"a\": \"{}\"}}", "名".repeat(7 * 1024 * 1024));
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let f = SourceFile::new("t", text.as_str());
            let end = text.len() - 2;
            let mut found = (0, 0);
            for i in 0..100_000 {
                found = f.line_col(end - 3 * (i % 1000));
                assert_eq!(f.line_col(7), (1, 8));
                assert_eq!(f.utf16_position(7), (0, 7));
            }
            let _ = tx.send(found);
        });
        let found = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("columns within 60 s");
        assert_eq!(found, (1, 8 + 7 * 1024 * 1024 - 999));
    }

    #[test]
    fn reads_the_same_spans_as_miette() {
        let text = "{\n  \"a\": 1,\n  \"b\": [\n    2,\n    3\n  ]\n}\n";
        let f = SourceFile::new("t", text);
        for offset in 0..text.len() {
            for len in 0..4.min(text.len() - offset) {
                for ctx in 0..3 {
                    let span = SourceSpan::new(offset.into(), len);
                    let ours = f.read_span(&span, ctx, ctx).unwrap();
                    let theirs = text.read_span(&span, ctx, ctx).unwrap();
                    assert_eq!(ours.data(), theirs.data(), "{offset}+{len} ctx {ctx}");
                    assert_eq!(ours.span(), theirs.span());
                    assert_eq!(ours.line(), theirs.line());
                    assert_eq!(ours.column(), theirs.column());
                }
            }
        }
    }
}
