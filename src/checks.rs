//! Organisation checks: a team's own rules, written as `[[check]]` tables in `reqlint.toml` (or
//! `[tool.reqlint]` of `pyproject.toml`), without code (docs/spec/interface.md "Organisation
//! checks").
//!
//! ```toml
//! [[check]]
//! id = "ACME001"
//! on = "tags"
//! required-keys = ["owner"]
//! message = "every image carries an `owner` tag"
//! ```
//!
//! A check reads a **view** of the request, the same in every API (`name`, `description`,
//! `tags`, `source`), or an RFC 6901 pointer into one API's body. What each view is in each API
//! is data beside the API (`rules/<api-id>/views.json`), not code. A check runs on the canonical
//! request the built-in rules read, so it applies to every front-end alike, and its findings go
//! through the same engine: placed where the value is written, dropped when they would rest on
//! a value that is not known, suppressible, selectable.

use crate::api::Api;
use crate::config::ConfigError;
use crate::diagnostic::{Severity, Span};
use crate::frontend::UNKNOWN;
use crate::rule::{Reporter, Target};
use crate::source::SourceFile;
use globset::{GlobBuilder, GlobMatcher};
use regex::Regex;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};
use toml::Spanned;

/// One `[[check]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawCheck {
    id: Spanned<String>,
    #[serde(default)]
    name: Option<Spanned<String>>,
    on: Spanned<String>,
    #[serde(default)]
    required: Option<Spanned<bool>>,
    #[serde(default)]
    forbidden: Option<Spanned<bool>>,
    #[serde(default)]
    pattern: Option<Spanned<String>>,
    #[serde(default)]
    not_pattern: Option<Spanned<String>>,
    #[serde(default)]
    one_of: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    min_length: Option<Spanned<i64>>,
    #[serde(default)]
    max_length: Option<Spanned<i64>>,
    #[serde(default)]
    required_keys: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    allowed_keys: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    key_pattern: Option<Spanned<String>>,
    #[serde(default)]
    value_pattern: Option<Spanned<String>>,
    #[serde(default)]
    values: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    #[serde(default)]
    message: Option<Spanned<String>>,
    #[serde(default)]
    help: Option<Spanned<String>>,
    #[serde(default)]
    severity: Option<Spanned<String>>,
    #[serde(default)]
    files: Option<Spanned<String>>,
    #[serde(default)]
    apis: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A view: what a check reads, with the same meaning in every API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The image name.
    Name,
    /// The image description.
    Description,
    /// The image's tags, whatever the API's form.
    Tags,
    /// What the image is made from: `instance`, `snapshot`, `volume`, `file`, `backup`.
    Source,
}

const VIEWS: [(&str, View); 4] = [
    ("name", View::Name),
    ("description", View::Description),
    ("tags", View::Tags),
    ("source", View::Source),
];

/// What a `source` view can be.
pub const SOURCES: [&str; 5] = ["instance", "snapshot", "volume", "file", "backup"];

/// What a check reads.
#[derive(Debug, Clone)]
pub enum On {
    View(View),
    /// An RFC 6901 pointer into the (canonical) body of the check's APIs.
    Pointer(String),
}

/// One constraint of a check.
#[derive(Debug, Clone)]
enum Constraint {
    Required,
    Forbidden,
    Pattern(Regex, String),
    NotPattern(Regex, String),
    OneOf(Vec<String>),
    MinLength(usize),
    MaxLength(usize),
    RequiredKeys(Vec<String>),
    AllowedKeys(Vec<String>),
    KeyPattern(Regex, String),
    ValuePattern(Regex, String),
    Values(BTreeMap<String, Vec<String>>),
}

/// A loaded, checked organisation check.
#[derive(Debug)]
pub struct OrgCheck {
    /// The finding's code (`ACME001`).
    pub id: &'static str,
    /// Kebab-case name; the id in lower case when the check has none.
    pub name: &'static str,
    pub severity: Severity,
    pub on: On,
    constraints: Vec<Constraint>,
    /// The check's own message and help, when it gives them.
    message: Option<String>,
    help: Option<String>,
    /// The folder `files` is relative to, and the glob.
    files: Option<(PathBuf, GlobMatcher, String)>,
    /// The APIs it applies to; `None`: every API.
    pub apis: Option<Vec<Api>>,
    /// Where it is written: the configuration file and the line of its `id`.
    pub defined_in: String,
}

/// The same string, leaked once per distinct value: codes and names are `&'static str` in a
/// finding, and a configuration is loaded once per run (or per change in the editor).
pub(crate) fn intern(s: &str) -> &'static str {
    static SEEN: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = seen.get(s) {
        return s;
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    seen.insert(leaked);
    leaked
}

/// Whether a word on the command line may be a check's id or name (known only once the
/// configurations are loaded).
pub(crate) fn could_be_check(word: &str) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new("^(?:[A-Za-z]{2,12}[0-9]{1,8}|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$").expect("valid")
    });
    WORD.is_match(word)
}

/// The letters the built-in rule codes start with (`ALI`, `HW`, `IMS`, `NOVA`, `RQL`).
fn builtin_prefixes() -> Vec<&'static str> {
    let mut prefixes: Vec<&'static str> = crate::rules::all()
        .iter()
        .map(|r| r.code.trim_end_matches(|c: char| c.is_ascii_digit()))
        .chain(
            crate::rules::RETIRED
                .iter()
                .map(|r| r.code.trim_end_matches(|c: char| c.is_ascii_digit())),
        )
        .collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    prefixes
}

fn span_of(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end.saturating_sub(range.start))
}

/// A pattern that the whole value must match: `^(?:PATTERN)$`.
fn whole(
    pattern: &Spanned<String>,
    error: &dyn Fn(Span, String) -> ConfigError,
) -> Result<(Regex, String), ConfigError> {
    Regex::new(&format!("^(?:{})$", pattern.get_ref()))
        .map(|r| (r, pattern.get_ref().clone()))
        .map_err(|e| {
            let detail = match e {
                regex::Error::Syntax(s) => s.lines().last().unwrap_or_default().trim().to_string(),
                other => other.to_string(),
            };
            error(
                span_of(pattern.span()),
                format!("invalid regular expression (Rust `regex` syntax): {detail}"),
            )
        })
}

impl OrgCheck {
    /// Checks one `[[check]]` table of the configuration `source`, whose globs are relative
    /// to `dir`; `others` are the checks already in effect (of this file and those it
    /// extends), whose ids and names it must not take.
    pub(crate) fn build(
        raw: &RawCheck,
        source: &SourceFile,
        dir: &Path,
        others: &[Arc<OrgCheck>],
    ) -> Result<OrgCheck, ConfigError> {
        let error = |span: Span, message: String| ConfigError {
            source: source.clone(),
            span,
            message,
        };
        let at = |s: &std::ops::Range<usize>| span_of(s.clone());
        // The id: 2-12 letters then digits, not a built-in prefix, not another check's.
        let id = raw.id.get_ref();
        static ID: LazyLock<Regex> =
            LazyLock::new(|| Regex::new("^[A-Z]{2,12}[0-9]{1,8}$").expect("valid"));
        if !ID.is_match(id) {
            let upper = id.to_ascii_uppercase();
            let hint = if ID.is_match(&upper) {
                format!("; did you mean `{upper}`?")
            } else {
                String::new()
            };
            return Err(error(
                at(&raw.id.span()),
                format!(
                    "a check's `id` is 2-12 capital letters then digits (`ACME001`), not `{id}`{hint}"
                ),
            ));
        }
        let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit());
        if builtin_prefixes().contains(&prefix) {
            return Err(error(
                at(&raw.id.span()),
                format!(
                    "`{id}` starts with `{prefix}`, which reqlint's own rules use; choose another prefix (your organisation's name)"
                ),
            ));
        }
        if let Some(other) = others.iter().find(|c| c.id == id) {
            return Err(error(
                at(&raw.id.span()),
                format!(
                    "`{id}` is already the id of a check in {}",
                    other.defined_in
                ),
            ));
        }
        let name = match &raw.name {
            Some(name) => {
                static KEBAB: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new("^[a-z][a-z0-9]*(-[a-z0-9]+)*$").expect("valid"));
                let n = name.get_ref();
                if !KEBAB.is_match(n) {
                    return Err(error(
                        at(&name.span()),
                        format!("a check's `name` is kebab-case (`image-owner-tag`), not `{n}`"),
                    ));
                }
                if let Some(rule) = crate::rules::find(n) {
                    return Err(error(
                        at(&name.span()),
                        format!("`{n}` is the name of reqlint's rule {}", rule.code),
                    ));
                }
                if let Some(other) = others.iter().find(|c| c.name == n) {
                    return Err(error(
                        at(&name.span()),
                        format!(
                            "`{n}` is already the name of check {} in {}",
                            other.id, other.defined_in
                        ),
                    ));
                }
                intern(n)
            }
            None => intern(&id.to_ascii_lowercase()),
        };
        // What it reads.
        let on_text = raw.on.get_ref();
        let on = if on_text.starts_with('/') {
            if crate::pointer::tokens(on_text).is_none() {
                return Err(error(
                    at(&raw.on.span()),
                    format!("`{on_text}` is not a JSON Pointer (RFC 6901)"),
                ));
            }
            On::Pointer(on_text.clone())
        } else if let Some((_, view)) = VIEWS.iter().find(|(n, _)| *n == on_text) {
            On::View(*view)
        } else {
            let near = crate::rules::unknown::closest(on_text, VIEWS.iter().map(|(n, _)| *n));
            let hint = match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`on` is a view (`name`, `description`, `tags`, `source`) or a JSON Pointer such as `/os_version`".into(),
            };
            return Err(error(
                at(&raw.on.span()),
                format!("unknown view `{on_text}`; {hint}"),
            ));
        };
        // Which APIs.
        let apis = match &raw.apis {
            Some(list) => {
                let mut apis = Vec::new();
                for a in list.get_ref() {
                    let api = a.get_ref().parse::<Api>().map_err(|message| {
                        let ids = Api::all().iter().map(|a| a.as_str());
                        let message = match crate::rules::unknown::closest(a.get_ref(), ids) {
                            Some(near) => {
                                format!("unknown API id `{}`; did you mean `{near}`?", a.get_ref())
                            }
                            None => message,
                        };
                        error(at(&a.span()), message)
                    })?;
                    apis.push(api);
                }
                if apis.is_empty() {
                    return Err(error(
                        at(&list.span()),
                        "`apis` names at least one API; leave it out for every API".into(),
                    ));
                }
                Some(apis)
            }
            None => None,
        };
        if matches!(on, On::Pointer(_)) && apis.is_none() {
            return Err(error(
                at(&raw.on.span()),
                "a check on a JSON Pointer names the API(s) the pointer is into: add `apis = [...]`"
                    .into(),
            ));
        }
        let severity = match &raw.severity {
            Some(s) => match s.get_ref().as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "advice" => Severity::Advice,
                other => {
                    let near =
                        crate::rules::unknown::closest(other, ["error", "warning", "advice"]);
                    let hint = near
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    return Err(error(
                        at(&s.span()),
                        format!(
                            "a check's severity is `error`, `warning` or `advice`, not `{other}`{hint}"
                        ),
                    ));
                }
            },
            None => Severity::Error,
        };
        let files = match &raw.files {
            Some(glob) => Some((
                dir.to_path_buf(),
                GlobBuilder::new(glob.get_ref())
                    .literal_separator(true)
                    .build()
                    .map_err(|e| error(at(&glob.span()), format!("invalid glob: {}", e.kind())))?
                    .compile_matcher(),
                glob.get_ref().clone(),
            )),
            None => None,
        };
        // The constraints.
        let is_tags = matches!(on, On::View(View::Tags));
        let mut constraints = Vec::new();
        let mut text_only: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        let mut tags_only: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        if let Some(r) = &raw.required
            && *r.get_ref()
        {
            constraints.push(Constraint::Required);
        }
        if let Some(f) = &raw.forbidden
            && *f.get_ref()
        {
            constraints.push(Constraint::Forbidden);
        }
        if let (Some(r), Some(f)) = (&raw.required, &raw.forbidden)
            && *r.get_ref()
            && *f.get_ref()
        {
            return Err(error(
                at(&f.span()),
                "a check cannot both require and forbid its value".into(),
            ));
        }
        if let Some(p) = &raw.pattern {
            let (re, text) = whole(p, &error)?;
            constraints.push(Constraint::Pattern(re, text));
            text_only.push(("pattern", p.span()));
        }
        if let Some(p) = &raw.not_pattern {
            let (re, text) = whole(p, &error)?;
            constraints.push(Constraint::NotPattern(re, text));
            text_only.push(("not-pattern", p.span()));
        }
        if let Some(list) = &raw.one_of {
            if list.get_ref().is_empty() {
                return Err(error(
                    at(&list.span()),
                    "`one-of` lists at least one value".into(),
                ));
            }
            if matches!(on, On::View(View::Source))
                && let Some(bad) = list
                    .get_ref()
                    .iter()
                    .find(|s| !SOURCES.contains(&s.as_str()))
            {
                let near = crate::rules::unknown::closest(bad, SOURCES);
                let hint = near
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(error(
                    at(&list.span()),
                    format!(
                        "`{bad}` is not a source; a source is one of `instance`, `snapshot`, `volume`, `file`, `backup`{hint}"
                    ),
                ));
            }
            constraints.push(Constraint::OneOf(list.get_ref().clone()));
            text_only.push(("one-of", list.span()));
        }
        for (key, value, min) in [
            ("min-length", &raw.min_length, true),
            ("max-length", &raw.max_length, false),
        ] {
            if let Some(n) = value {
                let Ok(n_chars) = usize::try_from(*n.get_ref()) else {
                    return Err(error(
                        at(&n.span()),
                        format!("`{key}` is a number of characters, 0 or more"),
                    ));
                };
                constraints.push(match min {
                    true => Constraint::MinLength(n_chars),
                    false => Constraint::MaxLength(n_chars),
                });
                text_only.push((key, n.span()));
            }
        }
        if let Some(keys) = &raw.required_keys {
            constraints.push(Constraint::RequiredKeys(keys.get_ref().clone()));
            tags_only.push(("required-keys", keys.span()));
        }
        if let Some(keys) = &raw.allowed_keys {
            constraints.push(Constraint::AllowedKeys(keys.get_ref().clone()));
            tags_only.push(("allowed-keys", keys.span()));
        }
        if let Some(p) = &raw.key_pattern {
            let (re, text) = whole(p, &error)?;
            constraints.push(Constraint::KeyPattern(re, text));
            tags_only.push(("key-pattern", p.span()));
        }
        if let Some(p) = &raw.value_pattern {
            let (re, text) = whole(p, &error)?;
            constraints.push(Constraint::ValuePattern(re, text));
            tags_only.push(("value-pattern", p.span()));
        }
        if let Some(values) = &raw.values {
            constraints.push(Constraint::Values(values.get_ref().clone()));
            tags_only.push(("values", values.span()));
        }
        if let (true, Some((key, span))) = (is_tags, text_only.first()) {
            let tag_key = match *key {
                "pattern" => "; did you mean `key-pattern` or `value-pattern`?",
                _ => "",
            };
            return Err(error(
                at(span),
                format!(
                    "`{key}` is for a text value; on `tags` a check takes `required-keys`, `allowed-keys`, `key-pattern`, `value-pattern` and `values`{tag_key}"
                ),
            ));
        }
        if let (false, Some((key, span))) = (is_tags, tags_only.first()) {
            return Err(error(
                at(span),
                format!("`{key}` is for tags: it needs `on = \"tags\"`"),
            ));
        }
        if constraints.is_empty() {
            return Err(error(
                at(&raw.id.span()),
                format!(
                    "check `{id}` has no constraint: add one of `required`, `forbidden`, `pattern`, `not-pattern`, `one-of`, `min-length`, `max-length` (for `tags`: `required-keys`, `allowed-keys`, `key-pattern`, `value-pattern`, `values`)"
                ),
            ));
        }
        let (line, _) = source.line_col(raw.id.span().start);
        Ok(OrgCheck {
            id: intern(id),
            name,
            severity,
            on,
            constraints,
            message: raw.message.as_ref().map(|m| m.get_ref().clone()),
            help: raw.help.as_ref().map(|h| h.get_ref().clone()),
            files,
            apis,
            defined_in: format!("{}:{line}", source.name()),
        })
    }

    /// Whether the check applies to a file (its `files` glob, relative to its configuration).
    pub fn applies_to_file(&self, file: &Path) -> bool {
        let Some((dir, glob, _)) = &self.files else {
            return true;
        };
        std::path::absolute(file)
            .ok()
            .and_then(|a| a.strip_prefix(dir).ok().map(|r| glob.is_match(r)))
            .unwrap_or(false)
    }

    /// Whether the check applies to requests of `api`.
    pub fn applies_to(&self, api: Api) -> bool {
        self.apis.as_ref().is_none_or(|apis| apis.contains(&api))
    }

    /// What `on` is, as written.
    pub fn on_text(&self) -> String {
        match &self.on {
            On::View(v) => VIEWS
                .iter()
                .find(|(_, view)| view == v)
                .map_or("", |(n, _)| n)
                .to_string(),
            On::Pointer(p) => p.clone(),
        }
    }

    /// One line: what the check asks.
    pub fn summary(&self) -> String {
        if let Some(message) = &self.message {
            return message.clone();
        }
        let parts: Vec<String> = self.constraints.iter().map(Constraint::describe).collect();
        format!("`{}`: {}", self.on_text(), parts.join("; "))
    }

    /// The constraints, each in words (`reqlint rules --format json`, `reqlint rule`).
    pub fn constraint_lines(&self) -> Vec<String> {
        self.constraints.iter().map(Constraint::describe).collect()
    }

    /// Its entry in `reqlint rules --format json`, beside the built-in rules'.
    pub fn catalogue_entry(&self) -> Value {
        let apis: Vec<&str> = match &self.apis {
            Some(apis) => apis.iter().map(|a| a.as_str()).collect(),
            None => Api::all().iter().map(|a| a.as_str()).collect(),
        };
        serde_json::json!({
            "code": self.id,
            "name": self.name,
            "apis": apis,
            "severity": self.severity,
            "summary": self.summary(),
            "fix": self.help,
            "source": self.defined_in,
            "cloud_error": null,
            "constraints": self.constraint_lines(),
            "url": "",
            "check": { "on": self.on_text(), "files": self.files() },
        })
    }

    /// `reqlint rule ID`: what the check asks, and where it is written.
    pub fn page(&self) -> String {
        let mut s = format!("# {} {}\n\n", self.id, self.name);
        s.push_str(&format!(
            "An organisation check of {}, severity {}.\n\n",
            self.defined_in, self.severity
        ));
        s.push_str(&format!("{}\n\n", self.summary()));
        s.push_str(&format!("- on: `{}`\n", self.on_text()));
        for line in self.constraint_lines() {
            s.push_str(&format!("- {line}\n"));
        }
        if let Some(help) = &self.help {
            s.push_str(&format!("- help: {help}\n"));
        }
        if let Some(files) = self.files() {
            s.push_str(&format!("- files: `{files}`\n"));
        }
        if let Some(apis) = &self.apis {
            let ids: Vec<&str> = apis.iter().map(|a| a.as_str()).collect();
            s.push_str(&format!("- apis: {}\n", ids.join(", ")));
        }
        s
    }

    /// The `files` glob, as written.
    pub fn files(&self) -> Option<&str> {
        self.files.as_ref().map(|(_, _, g)| g.as_str())
    }

    /// Checks one request of `api` (its canonical body). `unknown` says whether the value at
    /// a pointer is not known before the request is sent; `open`, whether the request may
    /// hold members the file does not show. Nothing is reported that rests on either.
    pub fn run(
        &self,
        api: Api,
        body: &Value,
        images: &Images,
        unknown: &dyn Fn(&str) -> bool,
        open: bool,
        r: &mut Reporter,
    ) {
        if !self.applies_to(api) {
            return;
        }
        let r = r.for_rule(self.id);
        let mut out = Out {
            check: self,
            r,
            unknown,
            open,
        };
        match &self.on {
            On::Pointer(p) => {
                let parent = crate::pointer::parent(p).to_string();
                out.scalar(p, &parent, body.pointer(p));
            }
            On::View(view) => {
                let Some(views) = views_of(api) else { return };
                for (base, object) in &images.0 {
                    let (base, object) = (base.as_str(), *object);
                    match view {
                        View::Name | View::Description => {
                            let member = match view {
                                View::Name => &views.name,
                                _ => &views.description,
                            };
                            // An API without this member: the check does not apply to it.
                            let Some(member) = member else { continue };
                            let at = crate::pointer::push(base, member);
                            out.scalar(&at, base, object.get(member));
                        }
                        View::Source => out.source(views, base, object),
                        View::Tags => out.tags(views, base, object),
                    }
                }
            }
        }
    }
}

impl Constraint {
    fn describe(&self) -> String {
        let list = |v: &[String]| {
            v.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Constraint::Required => "required".into(),
            Constraint::Forbidden => "forbidden".into(),
            Constraint::Pattern(_, p) => format!("matches `{p}` (the whole value)"),
            Constraint::NotPattern(_, p) => format!("does not match `{p}` (the whole value)"),
            Constraint::OneOf(v) => format!("one of {}", list(v)),
            Constraint::MinLength(n) => format!("at least {n} characters"),
            Constraint::MaxLength(n) => format!("at most {n} characters"),
            Constraint::RequiredKeys(v) => format!("tags {} present", list(v)),
            Constraint::AllowedKeys(v) => format!("only tags {}", list(v)),
            Constraint::KeyPattern(_, p) => format!("tag keys match `{p}`"),
            Constraint::ValuePattern(_, p) => format!("tag values match `{p}`"),
            Constraint::Values(m) => m
                .iter()
                .map(|(k, v)| format!("tag `{k}` is one of {}", list(v)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// The objects of a request that each describe an image (their pointers), found once per
/// request for all its checks.
pub struct Images<'v>(Vec<(String, &'v serde_json::Map<String, Value>)>);

impl<'v> Images<'v> {
    /// The images of a request of `api` (none for an API without views).
    pub fn of(api: Api, body: &'v Value) -> Images<'v> {
        let Some(views) = views_of(api) else {
            return Images(Vec::new());
        };
        Images(
            views
                .images(body)
                .into_iter()
                .filter_map(|at| {
                    let object = body.pointer(&at)?.as_object()?;
                    Some((at, object))
                })
                .collect(),
        )
    }
}

/// What one API's views are: `rules/<api-id>/views.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Views {
    #[serde(rename = "$comment", default)]
    _comment: String,
    api: String,
    images: Vec<ImageAt>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    tags: Vec<TagForm>,
    #[serde(default)]
    source: Vec<SourceMember>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImageAt {
    /// A pointer; `*` is every element of an array.
    at: String,
    /// Only when the object has one of these members.
    #[serde(default)]
    when_any: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagForm {
    member: String,
    /// `objects` (an array of `{key, value}`), `key.value` (an array of `"key.value"`
    /// strings), `map` (an object of key -> value).
    form: String,
    #[serde(default)]
    key: Vec<String>,
    #[serde(default)]
    value: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMember {
    #[serde(default)]
    member: Option<String>,
    /// Every request of the API is made from this.
    #[serde(default)]
    always: Option<String>,
    #[serde(default)]
    is: Option<String>,
}

/// Whether `text` is a `views.json` reqlint can read.
pub(crate) fn validate_views(text: &str) -> Result<(), String> {
    serde_json::from_str::<Views>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The views of every API that has them, from the data beside each API.
fn views_of(api: Api) -> Option<&'static Views> {
    static ALL: LazyLock<Vec<Views>> = LazyLock::new(|| {
        crate::pack::files_named("views.json")
            .into_iter()
            .map(|(_, text)| serde_json::from_str(text).expect("bundled views.json is valid"))
            .collect()
    });
    ALL.iter().find(|v| v.api == api.as_str())
}

impl Views {
    /// The pointers of the objects that each describe an image the request creates.
    fn images(&self, body: &Value) -> Vec<String> {
        let mut out = Vec::new();
        for image in &self.images {
            let chosen = |at: &str| {
                body.pointer(at)
                    .and_then(Value::as_object)
                    .is_some_and(|o| {
                        image.when_any.is_empty()
                            || image.when_any.iter().any(|m| o.contains_key(m))
                    })
            };
            match image.at.split_once("/*") {
                Some((array, _)) => {
                    if let Some(items) = body.pointer(array).and_then(Value::as_array) {
                        for i in 0..items.len() {
                            let at = crate::pointer::push_index(array, i);
                            if chosen(&at) {
                                out.push(at);
                            }
                        }
                    }
                }
                None if chosen(&image.at) => out.push(image.at.clone()),
                None => {}
            }
        }
        out
    }
}

/// One tag as the request holds it: where its key and value are, and what they are (`None`
/// when not known).
struct Tag {
    key: Option<String>,
    key_at: Target,
    value: Option<String>,
    value_at: Target,
}

struct Out<'a, 'r> {
    check: &'a OrgCheck,
    r: &'r mut Reporter,
    unknown: &'a dyn Fn(&str) -> bool,
    open: bool,
}

/// A value as text (strings as they are, numbers and booleans as JSON writes them); `None` for
/// an object, an array, or a value that is not known.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if s == UNKNOWN => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Out<'_, '_> {
    /// Reports with the check's message (its detail as a label on the same place), or the
    /// detail as the message when the check gives none.
    fn report(&mut self, target: Target, detail: String, help: String) {
        let check = self.check;
        let help = check.help.clone().unwrap_or(help);
        match &check.message {
            Some(message) => {
                self.r
                    .report(target.clone(), message.clone())
                    .help(help)
                    .label(target, detail);
            }
            None => {
                self.r.report(target, detail).help(help);
            }
        }
    }

    /// A value checked as text: the name, the description, a pointer's value.
    fn scalar(&mut self, at: &str, container: &str, value: Option<&Value>) {
        let field = crate::pointer::display_path(at);
        let value = value.filter(|v| !v.is_null());
        for c in &self.check.constraints {
            match (c, value) {
                (Constraint::Required, None) if !self.open && !(self.unknown)(container) => {
                    self.report(
                        Target::missing_in(container.to_string()),
                        format!("`{field}` is missing"),
                        format!("set `{field}`"),
                    );
                }
                (Constraint::Forbidden, Some(_)) => self.report(
                    Target::key(at.to_string()),
                    format!("`{field}` is set"),
                    format!("remove `{field}`"),
                ),
                (_, Some(v)) if !(self.unknown)(at) => {
                    let Some(text) = text_of(v) else { continue };
                    if let Some((detail, help)) = text_problem(c, &field, &text) {
                        self.report(Target::value(at.to_string()), detail, help);
                    }
                }
                _ => {}
            }
        }
    }

    /// What the image is made from: the first source member present.
    fn source(&mut self, views: &Views, base: &str, object: &serde_json::Map<String, Value>) {
        // Members that may or may not be sent leave the source unknown, and so does a request
        // that may hold members the file does not show.
        let mut found: Option<(&str, Target)> = None;
        for s in &views.source {
            if let Some(always) = &s.always {
                found = Some((always, Target::key(base.to_string())));
                break;
            }
            let (Some(member), Some(is)) = (&s.member, &s.is) else {
                continue;
            };
            if object.get(member).is_some_and(|v| !v.is_null()) {
                found = Some((is, Target::key(crate::pointer::push(base, member))));
                break;
            }
        }
        if self.open {
            return;
        }
        for c in &self.check.constraints {
            match (c, &found) {
                (Constraint::Required, None) => self.report(
                    Target::missing_in(base.to_string()),
                    "the request names no source to make the image from".into(),
                    "name the instance, snapshot, volume, file or backup the image is made from"
                        .into(),
                ),
                (Constraint::Forbidden, Some((is, at))) => {
                    let article = if is.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    let detail = format!("the image is made from {article} {is}");
                    self.report(
                        at.clone(),
                        detail,
                        "do not make this image from a source".into(),
                    )
                }
                (_, Some((is, at))) => {
                    if let Some((detail, help)) = text_problem(c, "source", is) {
                        self.report(at.clone(), detail, help);
                    }
                }
                _ => {}
            }
        }
    }

    /// The tags of one image, in every form the API takes.
    fn tags(&mut self, views: &Views, base: &str, object: &serde_json::Map<String, Value>) {
        let unknown = self.unknown;
        let mut tags: Vec<Tag> = Vec::new();
        // Whether a tag may be there that we cannot see (an unknown list or key).
        let mut unseen = self.open;
        let mut written: Option<String> = None;
        let known = |v: Option<&Value>, at: &str| -> Option<String> {
            if unknown(at) {
                return None;
            }
            match v {
                None => Some(String::new()),
                Some(v) => text_of(v),
            }
        };
        for form in &views.tags {
            let at = crate::pointer::push(base, &form.member);
            let Some(container) = object.get(&form.member).filter(|v| !v.is_null()) else {
                continue;
            };
            written.get_or_insert_with(|| at.clone());
            if unknown(&at) {
                unseen = true;
                continue;
            }
            match (form.form.as_str(), container) {
                ("objects", Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        let element = crate::pointer::push_index(&at, i);
                        let Some(o) = item.as_object() else {
                            unseen |= unknown(&element) || item.as_str() == Some(UNKNOWN);
                            continue;
                        };
                        let (key_name, key) = form
                            .key
                            .iter()
                            .find_map(|k| o.get(k).map(|v| (k.as_str(), v)))
                            .map_or(("", None), |(k, v)| (k, Some(v)));
                        let value_name = form
                            .value
                            .iter()
                            .find(|k| o.contains_key(k.as_str()))
                            .or(form.value.first())
                            .map_or("", String::as_str);
                        let key_at = crate::pointer::push(&element, key_name);
                        let value_at = crate::pointer::push(&element, value_name);
                        let key = match key {
                            Some(k) => known(Some(k), &key_at),
                            // A tag without a key: the cloud rejects it; not a key here.
                            None => continue,
                        };
                        unseen |= key.is_none();
                        tags.push(Tag {
                            key,
                            key_at: Target::value(key_at),
                            value: known(o.get(value_name), &value_at),
                            value_at: match o.contains_key(value_name) {
                                true => Target::value(value_at),
                                false => Target::value(element),
                            },
                        });
                    }
                }
                ("key.value", Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        let element = crate::pointer::push_index(&at, i);
                        let Some(text) = known(Some(item), &element) else {
                            unseen = true;
                            continue;
                        };
                        let (key, value) = text.split_once('.').unwrap_or((&text, ""));
                        tags.push(Tag {
                            key: Some(key.to_string()),
                            key_at: Target::value(element.clone()),
                            value: Some(value.to_string()),
                            value_at: Target::value(element),
                        });
                    }
                }
                ("map", Value::Object(members)) => {
                    for (k, v) in members {
                        let member = crate::pointer::push(&at, k);
                        tags.push(Tag {
                            key: Some(k.clone()),
                            key_at: Target::key(member.clone()),
                            value: known(Some(v), &member),
                            value_at: Target::value(member),
                        });
                    }
                }
                // A form the rules reject (a string, say): its tags are not known here.
                _ => unseen = true,
            }
        }
        let any = !tags.is_empty() || unseen;
        for c in &self.check.constraints {
            match c {
                Constraint::Required if !any && !self.open => {
                    let target = match &written {
                        Some(at) => Target::value(at.clone()),
                        None => Target::missing_in(base.to_string()),
                    };
                    self.report(
                        target,
                        "the image has no tags".into(),
                        "add tags to the image".into(),
                    );
                }
                Constraint::Forbidden if !tags.is_empty() => {
                    if let Some(at) = &written {
                        self.report(
                            Target::value(at.clone()),
                            "the image has tags".into(),
                            "remove the tags".into(),
                        );
                    }
                }
                Constraint::RequiredKeys(keys) if !unseen => {
                    // One finding for the image, naming every key it lacks.
                    let missing: Vec<String> = keys
                        .iter()
                        .filter(|k| !tags.iter().any(|t| t.key.as_deref() == Some(k.as_str())))
                        .map(|k| format!("`{k}`"))
                        .collect();
                    if missing.is_empty() {
                        continue;
                    }
                    let target = match &written {
                        Some(at) => Target::value(at.clone()),
                        None => Target::missing_in(base.to_string()),
                    };
                    let (noun, list) = match missing.as_slice() {
                        [one] => ("tag", one.clone()),
                        [rest @ .., last] => ("tags", format!("{} and {last}", rest.join(", "))),
                        [] => continue,
                    };
                    self.report(
                        target,
                        format!("missing {noun} {list}"),
                        format!("add the {noun} {list}"),
                    );
                }
                Constraint::AllowedKeys(allowed) => {
                    for t in &tags {
                        if let Some(key) = &t.key
                            && !allowed.contains(key)
                        {
                            let list = allowed
                                .iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ");
                            self.report(
                                t.key_at.clone(),
                                format!("tag `{key}` is not one of the allowed tags {list}"),
                                format!("use one of {list}"),
                            );
                        }
                    }
                }
                Constraint::KeyPattern(re, p) => {
                    for t in &tags {
                        if let Some(key) = &t.key
                            && !re.is_match(key)
                        {
                            self.report(
                                t.key_at.clone(),
                                format!("tag key `{key}` does not match `{p}`"),
                                format!("use a key that matches `{p}`"),
                            );
                        }
                    }
                }
                Constraint::ValuePattern(re, p) => {
                    for t in &tags {
                        if let (Some(key), Some(value)) = (&t.key, &t.value)
                            && !re.is_match(value)
                        {
                            self.report(
                                t.value_at.clone(),
                                format!("tag `{key}` has the value \"{value}\", which does not match `{p}`"),
                                format!("use a value that matches `{p}`"),
                            );
                        }
                    }
                }
                Constraint::Values(allowed) => {
                    for t in &tags {
                        if let (Some(key), Some(value)) = (&t.key, &t.value)
                            && let Some(list) = allowed.get(key)
                            && !list.contains(value)
                        {
                            let list = list
                                .iter()
                                .map(|k| format!("\"{k}\""))
                                .collect::<Vec<_>>()
                                .join(", ");
                            self.report(
                                t.value_at.clone(),
                                format!("tag `{key}` is \"{value}\", not one of {list}"),
                                format!("set tag `{key}` to one of {list}"),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// The problem of a text value under a constraint, and its help; `None` when it meets it.
fn text_problem(c: &Constraint, field: &str, text: &str) -> Option<(String, String)> {
    let chars = text.chars().count();
    match c {
        Constraint::Pattern(re, p) if !re.is_match(text) => Some((
            format!("`{field}` \"{text}\" does not match `{p}`"),
            format!("use a value that matches `{p}`"),
        )),
        Constraint::NotPattern(re, p) if re.is_match(text) => Some((
            format!("`{field}` \"{text}\" matches `{p}`"),
            format!("use a value that does not match `{p}`"),
        )),
        Constraint::OneOf(list) if !list.iter().any(|v| v == text) => {
            let list = list
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ");
            Some((
                format!("`{field}` is \"{text}\", not one of {list}"),
                format!("use one of {list}"),
            ))
        }
        Constraint::MinLength(n) if chars < *n => Some((
            format!("`{field}` \"{text}\" is {chars} characters, fewer than {n}"),
            format!("use at least {n} characters"),
        )),
        Constraint::MaxLength(n) if chars > *n => Some((
            format!("`{field}` is {chars} characters, more than {n}"),
            format!("use at most {n} characters"),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_has_views_and_they_point_at_members_of_its_schema() {
        for &api in Api::all() {
            let views = views_of(api).unwrap_or_else(|| panic!("{api} has no views.json"));
            for s in &views.source {
                if let Some(is) = s.is.as_deref().or(s.always.as_deref()) {
                    assert!(SOURCES.contains(&is), "{api}: source `{is}`");
                }
            }
            for form in &views.tags {
                assert!(
                    ["objects", "key.value", "map"].contains(&form.form.as_str()),
                    "{api}: tag form `{}`",
                    form.form
                );
            }
        }
    }
}
