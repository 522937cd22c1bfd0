//! Command lines in shell scripts: `aliyun ecs CreateImage --ImageName web ...`, `hcloud IMS
//! CreateImage --name=web ...`, `openstack server image create --name web SERVER`, each the
//! request its CLI sends.
//!
//! Scripts are parsed with tree-sitter-bash, which keeps the byte range of every word and
//! understands quoting, `\` line ends, expansions and commands inside `$( ... )` (linted too).
//! It was chosen over brush-parser, whose positions count characters and whose words keep
//! their quoting unparsed: reqlint needs a quoted word's bytes and whether any part of it
//! expands. Which command sends which API, and how its flags become members, is data kept
//! beside each API (`rules/<api>/cli.json`). A word with an expansion (`$X`, `${X}`, `$(...)`,
//! backquotes) is unknown; a flag whose name is unknown leaves the request open: no finding
//! rests on a member being absent.

use super::mapping::{Places, insert_at};
use super::{Fault, Request};
use crate::api::Api;
use crate::diagnostic::Span;
use crate::pointer;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::LazyLock;
use tree_sitter::Node;

/// How one command's flags become a request (`rules/<api>/cli.json`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Command {
    /// How `--NAME` flags the other fields do not name become members: `flattened`, the
    /// member named as written (`--Tag.1.Key`); `dotted`, a path of members and 1-based list
    /// positions (`--image_tags.1.key`).
    #[serde(default)]
    parameters: Option<String>,
    /// Flags that set a member.
    #[serde(default)]
    options: BTreeMap<String, String>,
    /// Repeated `--flag KEY=VALUE`, each a member of this object.
    #[serde(default)]
    properties: BTreeMap<String, String>,
    /// The CLI's own flags that take a value, and prefixes of such flags.
    #[serde(default)]
    own: Vec<String>,
    #[serde(default)]
    own_prefixes: Vec<String>,
    /// The CLI's own flags that take none.
    #[serde(default)]
    switches: Vec<String>,
    /// Members the CLI sends as numbers and booleans (flags are text).
    #[serde(default)]
    numbers: Vec<String>,
    #[serde(default)]
    booleans: Vec<String>,
    /// Members the CLI always sends, from elsewhere when no flag sets them (unknown).
    #[serde(default)]
    generated: Vec<String>,
}

#[derive(Deserialize)]
struct Table {
    commands: BTreeMap<String, Command>,
}

/// Whether `text` is a command table (`cli.json`) reqlint can read.
pub(crate) fn validate(text: &str) -> Result<(), String> {
    serde_json::from_str::<Table>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The API of the command `words` (`hcloud IMS CreateWholeImage`), as the packs' `cli.json` name it.
pub(crate) fn api_of_command(words: &[&str]) -> Option<Api> {
    commands()
        .iter()
        .find(|(w, _, _)| w.iter().map(String::as_str).eq(words.iter().copied()))
        .map(|(_, api, _)| *api)
}

/// Every command reqlint knows: its words and how it becomes a request.
fn commands() -> &'static [(Vec<String>, Api, Command)] {
    static ALL: LazyLock<Vec<(Vec<String>, Api, Command)>> = LazyLock::new(|| {
        let tables = crate::pack::files_named("cli.json");
        let mut all = Vec::new();
        for (api, text) in tables {
            let table: Table = serde_json::from_str(text).expect("bundled cli.json is valid");
            for (words, command) in table.commands {
                let words = words.split(' ').map(str::to_string).collect();
                all.push((words, api, command));
            }
        }
        all
    });
    &ALL
}

/// The commands reqlint lints, sorted.
pub fn command_lines() -> Vec<String> {
    let mut out: Vec<String> = commands().iter().map(|(w, _, _)| w.join(" ")).collect();
    out.sort();
    out
}

/// Whether a file's text is a shell script by its first line (`#!/bin/sh`, `#!/usr/bin/env
/// bash`).
pub fn has_shell_shebang(text: &str) -> bool {
    let Some(line) = text.strip_prefix("#!") else {
        return false;
    };
    let line = line.lines().next().unwrap_or_default();
    line.split(|c: char| c == '/' || c.is_whitespace())
        .any(|w| matches!(w, "sh" | "bash" | "dash" | "ksh" | "zsh"))
}

/// One part of a word: its text when it is literal, and its bytes.
#[derive(Clone, Debug)]
struct Part {
    text: Option<String>,
    start: usize,
    end: usize,
}

/// A word of a command line, in parts.
#[derive(Clone, Debug)]
struct Word {
    parts: Vec<Part>,
    start: usize,
    end: usize,
}

impl Word {
    /// Its text, when no part of it expands.
    fn literal(&self) -> Option<String> {
        self.parts.iter().map(|p| p.text.clone()).collect()
    }

    /// A literal `--flag=` at its start: the flag, and the word's value after the `=`.
    fn split_flag(&self) -> Option<(String, Span, Word)> {
        let first = self.parts.first()?;
        let text = first.text.as_deref()?;
        let eq = text.find('=')?;
        let flag = text[..eq].to_string();
        let mut rest = self.parts.clone();
        rest[0] = Part {
            text: Some(text[eq + 1..].to_string()),
            start: (first.start + eq + 1).min(first.end),
            end: first.end,
        };
        if rest[0].text.as_deref() == Some("") && rest.len() > 1 {
            rest.remove(0);
        }
        let start = rest[0].start;
        let key = Span::new(self.start, (first.start + eq).saturating_sub(self.start));
        Some((
            flag,
            key,
            Word {
                parts: rest,
                start,
                end: self.end,
            },
        ))
    }

    fn span(&self) -> Span {
        Span::new(self.start, self.end - self.start)
    }
}

/// The parts of a word node.
fn parts(node: Node<'_>, text: &str, out: &mut Vec<Part>) {
    let raw = &text[node.start_byte()..node.end_byte()];
    let part = |t: Option<String>| Part {
        text: t,
        start: node.start_byte(),
        end: node.end_byte(),
    };
    match node.kind() {
        "word" | "number" => out.push(part(Some(unescape(raw)))),
        "raw_string" => out.push(part(Some(
            raw.strip_prefix('\'')
                .and_then(|r| r.strip_suffix('\''))
                .unwrap_or(raw)
                .to_string(),
        ))),
        "string" => {
            let mut cursor = node.walk();
            let expands = node
                .named_children(&mut cursor)
                .any(|c| !matches!(c.kind(), "string_content"));
            let inner = raw
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(raw);
            if !expands {
                out.push(part(Some(unescape_double(inner))));
                return;
            }
            // `"web-$ENV"`: its literal text and its expansions, each a part. Text between
            // the parts the parser names is taken as unknown: knowing less is never wrong.
            let mut at = node.start_byte();
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                let (start, end) = (child.start_byte(), child.end_byte());
                if start > at {
                    out.push(Part {
                        text: None,
                        start: at,
                        end: start,
                    });
                }
                let text_of = |raw: &str| match child.kind() {
                    "\"" => None,
                    "string_content" => Some(Some(unescape_double(raw))),
                    _ => Some(None),
                };
                if let Some(piece) = text_of(&text[start..end]) {
                    out.push(Part {
                        text: piece,
                        start,
                        end,
                    });
                }
                at = end;
            }
            if at < node.end_byte() {
                out.push(Part {
                    text: None,
                    start: at,
                    end: node.end_byte(),
                });
            }
        }
        "concatenation" | "command_name" => {
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                parts(child, text, out);
            }
        }
        _ => out.push(part(None)),
    }
}

/// An unquoted word's text: `\x` is `x`.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A double-quoted word's text: only `\"`, `\\`, `\$` and `` \` `` are escapes.
fn unescape_double(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) {
            out.push(chars.next().unwrap_or('\\'));
        } else {
            out.push(c);
        }
    }
    out
}

fn word(node: Node<'_>, text: &str) -> Word {
    let mut out = Vec::new();
    parts(node, text, &mut out);
    Word {
        parts: out,
        start: node.start_byte(),
        end: node.end_byte(),
    }
}

/// The requests of a shell script's image commands (those inside `$( ... )` included).
pub fn requests(text: &str) -> Vec<Request<'static>> {
    // Most scripts name no CLI reqlint knows: they are not parsed.
    if !commands()
        .iter()
        .any(|(words, _, _)| text.contains(words[0].as_str()))
    {
        return Vec::new();
    }
    let mut parser = tree_sitter::Parser::new();
    if parser
        .set_language(&tree_sitter_bash::LANGUAGE.into())
        .is_err()
    {
        return Vec::new();
    }
    let Some(tree) = parser.parse(text, None) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Every `command` node, depth first, without recursion (scripts nest deeply).
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == "command"
            && let Some(request) = command(node, text)
        {
            out.push(request);
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// The request of one command line, when it is an image command.
fn command(node: Node<'_>, text: &str) -> Option<Request<'static>> {
    let name = node.child_by_field_name("name")?;
    let mut cursor = node.walk();
    let arguments: Vec<Word> = node
        .children_by_field_name("argument", &mut cursor)
        .map(|n| word(n, text))
        .collect();
    let program = word(name, text).literal()?;
    let program = program.rsplit('/').next().unwrap_or(&program);
    let (words, api, mapping) = commands().iter().find(|(words, _, _)| {
        words[0].eq_ignore_ascii_case(program)
            && words.len() - 1 <= arguments.len()
            && words[1..]
                .iter()
                .zip(&arguments)
                .all(|(w, a)| a.literal().is_some_and(|a| a.eq_ignore_ascii_case(w)))
    })?;
    let header = Span::new(name.start_byte(), name.end_byte() - name.start_byte());
    // Counted by the parser: a count of the text's line ends before each command would take
    // time quadratic in a script of many commands.
    let line = 1 + name.start_position().row;
    let mut built = Built {
        text,
        partial: Vec::new(),
        api: *api,
        body: Value::Object(Map::new()),
        places: Places {
            header,
            ..Places::default()
        },
        unknown: Vec::new(),
        names: Vec::new(),
        open: false,
        faults: Vec::new(),
    };
    built.flags(mapping, &arguments[words.len() - 1..]);
    for to in &mapping.generated {
        if built.body.pointer(to).is_none() {
            built.set_unknown(to);
        }
    }
    let names = built.names;
    Some(Request {
        api: *api,
        body: built.body,
        locator: Box::new(built.places),
        unknown: built.unknown,
        resource: Some(format!("line {line}")),
        names: Some(Box::new(move |_: &Value| names.clone())),
        implied: Vec::new(),
        uncertain: Vec::new(),
        file: None,
        through: None,
        open: built.open,
        index: None,
        duplicates: false,
        cloud: None,
        uncovered: None,
        faults: built.faults,
        supplied: None,
        excluded: Vec::new(),
        partial: built.partial,
    })
}

struct Built<'t> {
    /// The script's text.
    text: &'t str,
    /// Unknown words whose literal parts are known (`"web-$ENV"`).
    partial: Vec<super::Partial>,
    api: Api,
    body: Value,
    places: Places,
    unknown: Vec<String>,
    /// Pointer -> the flag as written.
    names: Vec<(String, String)>,
    open: bool,
    faults: Vec<Fault>,
}

impl Built<'_> {
    fn flags(&mut self, mapping: &Command, words: &[Word]) {
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            i += 1;
            // `--flag=value`, `--flag value`, or a switch.
            let (flag, key, value) = match w.literal() {
                Some(text) if text.starts_with('-') => match w.split_flag() {
                    Some((flag, key, value)) => (flag, key, Some(value)),
                    None => (text, w.span(), None),
                },
                Some(_) => continue, // an operand (the server of `openstack server image create`)
                None => match w.split_flag() {
                    Some((flag, key, value)) if flag.starts_with('-') => (flag, key, Some(value)),
                    _ => {
                        // A flag whose name is not known: it may set any member, and the
                        // word after it may be its value.
                        self.open = true;
                        if words.get(i).is_some_and(|n| !starts_flag(n)) {
                            i += 1;
                        }
                        continue;
                    }
                },
            };
            if mapping.switches.contains(&flag) {
                continue;
            }
            // The value of a flag written without `=`: the next word, unless it is a flag.
            let take_value = |i: &mut usize| -> Option<Word> {
                if value.is_some() {
                    return value.clone();
                }
                let next = words.get(*i).filter(|n| !starts_flag(n))?;
                *i += 1;
                Some(next.clone())
            };
            if mapping.own.contains(&flag)
                || mapping
                    .own_prefixes
                    .iter()
                    .any(|p| flag.starts_with(p.as_str()))
            {
                take_value(&mut i);
                continue;
            }
            if let Some(to) = mapping.options.get(&flag) {
                let value = take_value(&mut i);
                self.member(mapping, to, &flag, key, value.as_ref());
                continue;
            }
            if let Some(to) = mapping.properties.get(&flag) {
                let Some(value) = take_value(&mut i) else {
                    continue;
                };
                match value.split_flag() {
                    Some((k, key_span, v)) => {
                        // The properties are an object, whatever their keys (`--property 5=x`
                        // is the key `5`, not a list position).
                        if self.body.pointer(to).is_none() {
                            insert_at(&mut self.body, to, Value::Object(Map::new()));
                        }
                        let to = pointer::push(to, &k);
                        // An empty key is shown on the whole `=value` word.
                        let key_span = match key_span.length {
                            0 => value.span(),
                            _ => key_span,
                        };
                        self.member(mapping, &to, &format!("{flag} {k}"), key_span, Some(&v));
                    }
                    // `--property "$X"`: some property, not known which.
                    None => self.open = true,
                }
                continue;
            }
            let to = match mapping.parameters.as_deref() {
                Some("flattened") => flag.strip_prefix("--").map(|n| Ok(pointer::push("", n))),
                Some("dotted") => flag.strip_prefix("--").map(|n| dotted(self.api, n)),
                _ => None,
            };
            let value = take_value(&mut i);
            match to {
                Some(Ok(to)) => self.member(mapping, &to, &flag, key, value.as_ref()),
                Some(Err(past)) => self.faults.push(past.fault(&flag, key)),
                None => {}
            }
        }
    }

    fn member(&mut self, mapping: &Command, to: &str, flag: &str, key: Span, value: Option<&Word>) {
        let value_span = value.map_or(key, Word::span);
        self.places
            .members
            .insert(to.to_string(), (key, value_span));
        self.names.push((to.to_string(), flag.to_string()));
        match value.and_then(Word::literal) {
            Some(text) => {
                let v = if mapping.numbers.iter().any(|n| n == to) {
                    text.parse::<i64>()
                        .map(Value::from)
                        .unwrap_or(Value::String(text))
                } else if mapping.booleans.iter().any(|b| b == to) {
                    match text.as_str() {
                        "true" => Value::Bool(true),
                        "false" => Value::Bool(false),
                        _ => Value::String(text),
                    }
                } else {
                    Value::String(text)
                };
                insert_at(&mut self.body, to, v);
            }
            None => {
                self.set_unknown(to);
                if let Some(word) = value {
                    let pieces = word.parts.iter().map(|p| p.text.clone()).collect();
                    let written = self.text.get(word.start..word.end).unwrap_or_default();
                    let shown = written
                        .strip_prefix('"')
                        .and_then(|w| w.strip_suffix('"'))
                        .unwrap_or(written);
                    self.partial
                        .extend(super::Partial::new(to, pieces, shown.to_string()));
                }
            }
        }
    }

    fn set_unknown(&mut self, to: &str) {
        insert_at(&mut self.body, to, Value::String(super::UNKNOWN.into()));
        self.unknown.push(to.to_string());
    }
}

/// Whether a word is a flag (so not the value of the one before it).
fn starts_flag(word: &Word) -> bool {
    word.parts
        .first()
        .and_then(|p| p.text.as_deref())
        .is_some_and(|t| t.starts_with("--"))
}

/// `image_tags.1.key` (or `image_tags.[1].key`) as a pointer: `/image_tags/0/key`. The CLI
/// sends a list up to the largest position written, with empty elements before it; a position
/// past the most elements the API's list holds is a request neither the cloud nor reqlint
/// takes (reqlint would build it element by element): `Err`, reported as a finding.
fn dotted(api: Api, name: &str) -> Result<String, PastLimit> {
    let mut at = String::new();
    let mut tokens = name.split('.').peekable();
    let mut written = 0;
    while let Some(token) = tokens.next() {
        let index = token
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1 && token.bytes().any(|b| b.is_ascii_digit()));
        at = match index {
            Some(n) => {
                let limit = list_limit(api, &at);
                if n > limit {
                    return Err(PastLimit {
                        pointer: at,
                        list: name[..written.max(1) - 1].to_string(),
                        position: n,
                        limit,
                    });
                }
                pointer::push_index(&at, n - 1)
            }
            None => pointer::push(&at, token),
        };
        written += token.len() + usize::from(tokens.peek().is_some());
    }
    Ok(at)
}

/// A list position past the list's limit (`--image_tags.21.key`).
struct PastLimit {
    pointer: String,
    /// The list, as the flag names it (`image_tags`, `data_images.1.image_tags`).
    list: String,
    position: usize,
    limit: usize,
}

impl PastLimit {
    fn fault(&self, flag: &str, at: Span) -> Fault {
        let PastLimit {
            pointer,
            list,
            position,
            limit,
        } = self;
        Fault {
            code: "RQL016",
            message: format!(
                "`{flag}` names element {position} of `{list}`, which holds at most {limit}"
            ),
            help: format!("number the elements of `{list}` from 1 to {limit}"),
            pointer: pointer.clone(),
            span: at,
        }
    }
}

/// The most elements the list at `pointer` holds: its API's documented limit (the schema's
/// `maxItems` or `x-max-items`). A list the API does not have (a misspelt member, reported as
/// unknown) is read up to [`UNLISTED`] positions.
fn list_limit(api: Api, pointer: &str) -> usize {
    crate::schema::for_api(api)
        .and_then(|s| s.max_items(pointer))
        .unwrap_or(UNLISTED)
}

/// How many positions of a list the API does not document are read.
const UNLISTED: usize = 100;
