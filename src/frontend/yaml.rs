//! YAML (and JSON, which YAML 1.2 contains) read into a tree that knows the byte span of every
//! node, its scalar style and its tag, by `saphyr-parser`'s events (chosen by measuring: see
//! the README's "Performance"). Nothing is expanded without a budget: aliases copy the anchored
//! node only while the copies stay under [`MAX_NODES`], nesting stops at [`MAX_DEPTH`], so a
//! document of anchors that expand exponentially, or of ten thousand `[`, is one clear error
//! instead of a hang or a crash.
//!
//! [`Decoded`] maps byte offsets of a scalar's value back into the file: a literal block
//! scalar (`|`, `|-`) line by line, a quoted scalar escape by escape. A front-end that lints
//! the text a scalar holds (Terraform files in a ROS template) places findings with it.

use crate::diagnostic::Span;
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::borrow::Cow;

/// At most this many nodes, aliases' copies included.
pub const MAX_NODES: usize = 250_000;
/// At most this many collections inside one another.
pub const MAX_DEPTH: usize = 128;

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// One node of a document.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// Where it is written, in bytes of the text (an alias: where the anchored node is).
    pub span: Span,
    /// Its tag as written (`!Ref`, `!!str`), when it has one.
    pub tag: Option<Box<str>>,
    pub value: Value<'a>,
}

#[derive(Debug, Clone)]
pub enum Value<'a> {
    Scalar(Cow<'a, str>, Style),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The value of member `key` of a mapping (the first, if the key is repeated).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key and value nodes of member `key` of a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node<'a>, &Node<'a>)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// The members of a mapping.
    pub fn entries(&self) -> &[(Node<'a>, Node<'a>)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }
}

/// Why a text is not read.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub span: Span,
    /// The document is larger or deeper than reqlint expands (not a syntax error).
    pub too_large: bool,
}

/// Byte offsets of character indices, for a text walked mostly forwards (saphyr-parser counts
/// characters).
struct Offsets<'t> {
    text: &'t str,
    ascii: bool,
    char: usize,
    byte: usize,
}

impl Offsets<'_> {
    fn byte(&mut self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        // Back, then forth: never from the start again, so the cost is the distance moved.
        for c in self.text[..self.byte].chars().rev() {
            if self.char <= index {
                break;
            }
            self.char -= 1;
            self.byte -= c.len_utf8();
        }
        for c in self.text[self.byte..].chars() {
            if self.char == index {
                break;
            }
            self.char += 1;
            self.byte += c.len_utf8();
        }
        self.byte
    }

    fn span(&mut self, span: saphyr_parser::Span) -> Span {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        Span::new(start, end - start)
    }
}

enum Frame<'a> {
    Seq {
        start: Span,
        anchor: usize,
        tag: Option<Box<str>>,
        items: Vec<Node<'a>>,
    },
    Map {
        start: Span,
        anchor: usize,
        tag: Option<Box<str>>,
        entries: Vec<(Node<'a>, Node<'a>)>,
        key: Option<Node<'a>>,
    },
}

fn tag_text(tag: Option<Cow<'_, saphyr_parser::Tag>>) -> Option<Box<str>> {
    tag.map(|t| format!("{}{}", t.handle, t.suffix).into_boxed_str())
}

fn size(node: &Node<'_>) -> usize {
    match &node.value {
        Value::Scalar(..) => 1,
        Value::Seq(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| size(k) + size(v))
                .sum::<usize>()
        }
    }
}

/// The first document of `text`; `None` when it has none (an empty file, only comments).
pub fn parse(text: &str) -> Result<Option<Node<'_>>, Error> {
    let mut offsets = Offsets {
        text,
        ascii: text.is_ascii(),
        char: 0,
        byte: 0,
    };
    let mut stack: Vec<Frame<'_>> = Vec::new();
    // Anchored nodes with their sizes, by anchor id.
    let mut anchors: Vec<Option<(Node<'_>, usize)>> = Vec::new();
    let mut nodes = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                let at = offsets.byte(e.marker().index());
                // saphyr-parser's own limit on nesting.
                let too_large = e.info().contains("recursion limit");
                return Err(Error {
                    message: format!("the file is not valid YAML: {}", e.info()),
                    span: Span::new(at, 0),
                    too_large,
                });
            }
        };
        let span = offsets.span(span);
        let (done, anchor) = match event {
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                let node = Node {
                    span,
                    tag: tag_text(tag),
                    value: Value::Scalar(value, style),
                };
                (node, anchor)
            }
            Event::Alias(id) => {
                let Some(Some((node, n))) = anchors.get(id) else {
                    return Err(Error {
                        message: "the file is not valid YAML: an alias to no anchor".into(),
                        span,
                        too_large: false,
                    });
                };
                nodes += n;
                if nodes > MAX_NODES {
                    return Err(Error {
                        message: format!(
                            "the YAML document expands to more than {MAX_NODES} nodes through its aliases"
                        ),
                        span,
                        too_large: true,
                    });
                }
                (node.clone(), 0)
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error {
                        message: format!(
                            "the YAML document nests collections more than {MAX_DEPTH} deep"
                        ),
                        span,
                        too_large: true,
                    });
                }
                let is_seq = matches!(event, Event::SequenceStart(..));
                let tag = tag_text(tag.clone());
                stack.push(match is_seq {
                    true => Frame::Seq {
                        start: span,
                        anchor,
                        tag,
                        items: Vec::new(),
                    },
                    false => Frame::Map {
                        start: span,
                        anchor,
                        tag,
                        entries: Vec::new(),
                        key: None,
                    },
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (start, anchor, tag, value) = match stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        tag,
                        items,
                    }) => (start, anchor, tag, Value::Seq(items)),
                    Some(Frame::Map {
                        start,
                        anchor,
                        tag,
                        entries,
                        ..
                    }) => (start, anchor, tag, Value::Map(entries)),
                    None => continue,
                };
                // A block collection ends with its last node; a flow one with its bracket.
                let last = match &value {
                    Value::Seq(items) => items.last().map(|n| n.span),
                    Value::Map(entries) => entries.last().map(|(_, v)| v.span),
                    Value::Scalar(..) => None,
                };
                let end = match last {
                    Some(last) if span.length == 0 => last.offset + last.length,
                    _ => span.offset + span.length,
                }
                .max(start.offset + start.length);
                let node = Node {
                    span: Span::new(start.offset, end - start.offset),
                    tag,
                    value,
                };
                (node, anchor)
            }
            Event::DocumentEnd | Event::StreamEnd => break,
            _ => continue,
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(Error {
                message: format!("the YAML document has more than {MAX_NODES} nodes"),
                span: done.span,
                too_large: true,
            });
        }
        if anchor > 0 {
            if anchors.len() <= anchor {
                anchors.resize_with(anchor + 1, || None);
            }
            anchors[anchor] = Some((done.clone(), size(&done)));
        }
        match stack.last_mut() {
            None => return Ok(Some(done)),
            Some(Frame::Seq { items, .. }) => items.push(done),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(done),
                Some(k) => entries.push((k, done)),
            },
        }
    }
    Ok(None)
}

/// Where the bytes of a scalar's value are in the file: `(value offset, file offset)` at the
/// start of each run of bytes that are written as they are.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// `None` when the style is not mapped.
    runs: Option<Vec<(usize, usize)>>,
    /// Where the whole scalar is: what an offset that cannot be mapped falls back to.
    whole: Span,
}

impl Decoded {
    /// The map of `node`'s value in `text`; an offset of a scalar whose style is not mapped
    /// (folded, or a quoted scalar over several lines) goes to its first byte.
    pub fn of(text: &str, node: &Node<'_>) -> Self {
        let whole = node.span;
        let runs = match &node.value {
            Value::Scalar(value, style) => {
                let source = text
                    .get(whole.offset..whole.offset + whole.length)
                    .unwrap_or("");
                match style {
                    Style::Literal => literal(text, whole, value),
                    Style::DoubleQuoted => double_quoted(source, value),
                    Style::SingleQuoted => {
                        (!source.contains('\n') && !value.contains('\'')).then(|| vec![(0, 1)])
                    }
                    Style::Plain => (source == value.as_ref()).then(|| vec![(0, 0)]),
                    Style::Folded => None,
                }
            }
            _ => None,
        };
        let runs = runs.map(|r| r.into_iter().map(|(d, s)| (d, whole.offset + s)).collect());
        Decoded { runs, whole }
    }

    fn offset(runs: &[(usize, usize)], at: usize) -> usize {
        let i = runs.partition_point(|(d, _)| *d <= at).max(1) - 1;
        let (d, s) = runs[i];
        s + at.saturating_sub(d)
    }

    /// The span in the file of a span of the value (where the style is not mapped: the
    /// scalar's first byte).
    pub fn span(&self, span: Span) -> Span {
        let end_of_scalar = self.whole.offset + self.whole.length;
        match &self.runs {
            Some(runs) if !runs.is_empty() => {
                let start = Self::offset(runs, span.offset).min(end_of_scalar);
                let end = Self::offset(runs, span.offset + span.length).clamp(start, end_of_scalar);
                Span::new(start, end - start)
            }
            _ => Span::new(self.whole.offset, self.whole.length.min(1)),
        }
    }
}

/// The runs of a literal block scalar whose content is `whole` of `text` (saphyr-parser's
/// span starts at the first content character): each content line from its indentation on.
/// `None` when the reconstruction is not `value`.
fn literal(text: &str, whole: Span, value: &str) -> Option<Vec<(usize, usize)>> {
    let start = whole.offset;
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    let block = text.get(line_start..start + whole.length)?;
    let mut runs = Vec::new();
    let mut rebuilt = String::new();
    let mut at = line_start;
    for line in block.split('\n') {
        let content = line.get(indent..).unwrap_or("");
        // Relative to the scalar's span, as the other styles' runs are.
        runs.push((
            rebuilt.len(),
            (at + indent.min(line.len())).saturating_sub(start),
        ));
        rebuilt.push_str(content.strip_suffix('\r').unwrap_or(content));
        rebuilt.push('\n');
        at += line.len() + 1;
    }
    (rebuilt.trim_end_matches('\n') == value.trim_end_matches('\n')).then_some(runs)
}

/// The runs of a double-quoted scalar on one line: a new run after every escape.
fn double_quoted(source: &str, value: &str) -> Option<Vec<(usize, usize)>> {
    if source.contains('\n') || !source.starts_with('"') {
        return None;
    }
    let mut runs = vec![(0, 1)];
    let mut rebuilt = String::new();
    let inner = source.get(1..source.len().saturating_sub(1))?;
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            rebuilt.push(c);
            continue;
        }
        let (_, e) = chars.next()?;
        let decoded = match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            '0' => '\0',
            'u' | 'x' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n)
                    .filter_map(|_| chars.next().map(|(_, c)| c))
                    .collect();
                let code = u32::from_str_radix(&hex, 16).ok()?;
                // A surrogate pair (JSON's `\ud83d\ude00`) is one character: not mapped.
                char::from_u32(code)?
            }
            _ => return None,
        };
        rebuilt.push(decoded);
        let next = chars.clone().next().map_or(inner.len(), |(j, _)| j);
        debug_assert!(next > i);
        runs.push((rebuilt.len(), 1 + next));
    }
    (rebuilt == value).then_some(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_scalars_and_collections() {
        let text = "a: 1\nb:\n  - x\n  - \"y z\"\nc: |-\n  line one\n  line two\n";
        let root = parse(text).unwrap().unwrap();
        let at = |s: Span| &text[s.offset..s.offset + s.length];
        assert_eq!(at(root.get("a").unwrap().span), "1");
        let Value::Seq(items) = &root.get("b").unwrap().value else {
            panic!()
        };
        assert_eq!(at(items[1].span), "\"y z\"");
        let c = root.get("c").unwrap();
        assert_eq!(c.as_str(), Some("line one\nline two"));
        let map = Decoded::of(text, c);
        // "two" in the value is on the block's second line.
        let two = c.as_str().unwrap().find("two").unwrap();
        assert_eq!(at(map.span(Span::new(two, 3))), "two");
        let line = c.as_str().unwrap().find("line one").unwrap();
        assert_eq!(at(map.span(Span::new(line, 8))), "line one");
    }

    #[test]
    fn escapes_of_double_quoted_scalars_are_mapped() {
        let text = "{\"k\": \"a\\nb\\u00e9 c\"}";
        let root = parse(text).unwrap().unwrap();
        let v = root.get("k").unwrap();
        assert_eq!(v.as_str(), Some("a\nbé c"));
        let map = Decoded::of(text, v);
        let c = v.as_str().unwrap().find('c').unwrap();
        let s = map.span(Span::new(c, 1));
        assert_eq!(&text[s.offset..s.offset + 1], "c");
    }

    #[test]
    fn non_ascii_text_has_byte_spans() {
        let text = "名前: 镜像\nb: x\n";
        let root = parse(text).unwrap().unwrap();
        let s = root.get("b").unwrap().span;
        assert_eq!(&text[s.offset..s.offset + s.length], "x");
    }

    #[test]
    fn aliases_that_expand_exponentially_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse(&text).unwrap_err();
        assert!(e.too_large, "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(10_000);
        let e = parse(&text).unwrap_err();
        assert!(e.too_large);
    }
}
