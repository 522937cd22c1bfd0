//! The text of one linted file: line index, 1-based line/column conversion, and a miette
//! `SourceCode` that reads spans in O(log n) instead of rescanning the file for every diagnostic.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::sync::{Arc, Mutex, OnceLock};

/// A file's text with the byte offset of every line start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: Arc<str>,
    text: Arc<str>,
    /// Built on first use: a valid file never needs it.
    line_starts: OnceLock<Arc<[usize]>>,
    /// The last (offset, line, column) asked for: findings come in offset order, so the next
    /// column is counted from there, not from the line start (linear even on one long line).
    last: Arc<Mutex<(usize, usize, usize)>>,
}

impl SourceFile {
    /// A file called `name` (as output names it) holding `text`.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            last: Arc::new(Mutex::new((0, 0, 0))),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| Self::index(&self.text))
    }

    fn index(text: &str) -> Arc<[usize]> {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        line_starts.into()
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
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let (from, counted) = match *last {
            (at, l, column) if l == line && at <= offset && at >= start => (at, column),
            _ => (start, 0),
        };
        let column = counted + self.text[from..offset].chars().count();
        *last = (offset, line, column);
        (line + 1, column + 1)
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
