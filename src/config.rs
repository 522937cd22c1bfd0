//! `reqlint.toml`: which API a file targets when detection cannot tell, which rules run at which
//! severity, and intended exceptions. Found upwards from each linted file (the nearest wins),
//! or given with `--config`. Every mistake in it is an error that points into the file.
//!
//! ```toml
//! fail-on = "error"                  # the lowest severity that fails the run: error | warning | advice
//! max-file-size = 67108864           # bytes; larger files get RQL007
//!
//! [api]                              # glob (relative to this file) -> API id
//! "requests/whole/*.json" = "huawei-ims-create-whole-image"
//!
//! [rules]
//! select = ["IMS006", "HW001"]       # only these (file-level RQL001-RQL007 always report)
//! ignore = ["IMS012"]                # codes or names
//! severity = { "HW006" = "advice" }  # error | warning | advice | off
//!
//! [[suppress]]
//! files = "requests/legacy/*.json"
//! rule = "IMS006"
//! pointer = "/min_disk"              # optional: RFC 6901, into the request body
//! reason = "this region accepts 1024 GB system disks"
//! ```

use crate::api::Api;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::engine::{FileReport, MAX_FILE_BYTES};
use crate::rules;
use crate::source::SourceFile;
use globset::{Glob, GlobBuilder, GlobMatcher};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use toml::Spanned;

/// The name reqlint looks for.
pub const FILE_NAME: &str = "reqlint.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    max_file_size: Option<Spanned<i64>>,
    #[serde(default)]
    api: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    suppress: Vec<RawSuppress>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppress {
    files: Spanned<String>,
    rule: Spanned<String>,
    #[serde(default)]
    pointer: Option<Spanned<String>>,
    reason: Spanned<String>,
}

/// A mistake in a configuration file, with where it is.
#[derive(Debug)]
pub struct ConfigError {
    /// The configuration file.
    pub source: SourceFile,
    /// Where in it the mistake is.
    pub span: Span,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("reqlint::config"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(None, (self.span.offset, self.span.length)),
        )))
    }
}

struct Suppression {
    files: GlobMatcher,
    code: &'static str,
    pointer: Option<String>,
    span: Span,
    used: AtomicBool,
}

/// Findings about a file that cannot be read as a request: a selection never hides them.
pub const FILE_LEVEL: [&str; 7] = [
    "RQL001", "RQL002", "RQL003", "RQL004", "RQL005", "RQL006", "RQL007",
];

/// A loaded, checked configuration.
pub struct Config {
    /// The folder globs are relative to.
    dir: PathBuf,
    source: SourceFile,
    /// (pattern, API, pattern length): the longest matching pattern wins.
    api: Vec<(GlobMatcher, Api, usize)>,
    /// Code -> severity, `None` for off.
    severity: HashMap<&'static str, Option<Severity>>,
    /// When set, only these rules report (besides the file-level RQL001-RQL007).
    select: Option<Vec<&'static str>>,
    suppress: Vec<Suppression>,
    /// The lowest severity that fails a run (`[check] fail-on`; errors by default).
    pub fail_on: Severity,
    /// Files larger than this are not read (`[check] max-file-bytes`).
    pub max_file_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            dir: PathBuf::from("."),
            source: SourceFile::new("", ""),
            api: Vec::new(),
            severity: HashMap::new(),
            select: None,
            suppress: Vec::new(),
            fail_on: Severity::Error,
            max_file_bytes: MAX_FILE_BYTES,
        }
    }
}

fn span_of(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end.saturating_sub(range.start))
}

fn severity_named(name: &str) -> Option<Option<Severity>> {
    match name {
        "error" => Some(Some(Severity::Error)),
        "warning" => Some(Some(Severity::Warning)),
        "advice" => Some(Some(Severity::Advice)),
        "off" => Some(None),
        _ => None,
    }
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        // Named relative to the working directory when it is below it, as linted files are.
        let name = std::env::current_dir()
            .ok()
            .and_then(|cwd| {
                std::path::absolute(path)
                    .ok()?
                    .strip_prefix(cwd)
                    .ok()
                    .map(Path::to_path_buf)
            })
            .unwrap_or_else(|| path.to_path_buf())
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            source: SourceFile::new(name.clone(), ""),
            span: Span::new(0, 0),
            message: format!("cannot read the configuration: {e}"),
        })?;
        let dir = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        Config::parse(&name, &text, dir)
    }

    /// Checks configuration text; `dir` is the folder its globs are relative to.
    pub fn parse(name: &str, text: &str, dir: PathBuf) -> Result<Config, ConfigError> {
        let source = SourceFile::new(name, text);
        let error = |range: std::ops::Range<usize>, message: String| ConfigError {
            source: source.clone(),
            span: span_of(range),
            message,
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            error(
                e.span().unwrap_or(0..0),
                e.message().trim_end().replace('\n', " "),
            )
        })?;
        let rule = |name: &Spanned<String>| {
            rules::find(name.get_ref())
                .map(|r| r.code)
                .ok_or_else(|| error(name.span(), rules::unknown_rule_message(name.get_ref())))
        };
        let glob = |pattern: &Spanned<String>| -> Result<GlobMatcher, ConfigError> {
            GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
                .map(|g: Glob| g.compile_matcher())
                .map_err(|e| error(pattern.span(), format!("invalid glob: {}", e.kind())))
        };
        let mut config = Config {
            dir,
            source: source.clone(),
            ..Config::default()
        };
        if let Some(fail_on) = &raw.fail_on {
            config.fail_on = severity_named(fail_on.get_ref()).flatten().ok_or_else(|| {
                error(
                    fail_on.span(),
                    "`fail-on` is `error`, `warning` or `advice`".into(),
                )
            })?;
        }
        if let Some(size) = &raw.max_file_size {
            config.max_file_bytes = usize::try_from(*size.get_ref())
                .ok()
                .filter(|s| *s > 0)
                .ok_or_else(|| {
                    error(
                        size.span(),
                        "`max-file-size` is a positive number of bytes".into(),
                    )
                })?;
        }
        for (pattern, id) in &raw.api {
            let api = id
                .get_ref()
                .parse::<Api>()
                .map_err(|message| error(id.span(), message))?;
            config
                .api
                .push((glob(pattern)?, api, pattern.get_ref().len()));
        }
        if let Some(select) = &raw.rules.select {
            config.select = Some(select.iter().map(rule).collect::<Result<_, _>>()?);
        }
        for name in &raw.rules.ignore {
            config.severity.insert(rule(name)?, None);
        }
        for (name, level) in &raw.rules.severity {
            let code = rule(name)?;
            let level = severity_named(level.get_ref()).ok_or_else(|| {
                error(
                    level.span(),
                    "a severity is `error`, `warning`, `advice` or `off`".into(),
                )
            })?;
            config.severity.insert(code, level);
        }
        for s in &raw.suppress {
            let pointer = match &s.pointer {
                Some(p) if crate::pointer::tokens(p.get_ref()).is_none() => {
                    return Err(error(
                        p.span(),
                        "a JSON Pointer is empty or starts with `/` (RFC 6901)".into(),
                    ));
                }
                Some(p) => Some(p.get_ref().clone()),
                None => None,
            };
            if s.reason.get_ref().trim().is_empty() {
                return Err(error(
                    s.reason.span(),
                    "say why the finding is intended".into(),
                ));
            }
            let start = s.files.span().start.min(s.rule.span().start);
            let end = s.reason.span().end.max(s.rule.span().end);
            config.suppress.push(Suppression {
                files: glob(&s.files)?,
                code: rule(&s.rule)?,
                pointer,
                span: span_of(start..end),
                used: AtomicBool::new(false),
            });
        }
        Ok(config)
    }

    /// The nearest `reqlint.toml` at or above a file's folder.
    pub fn find_for(file: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(file).ok()?;
        absolute
            .ancestors()
            .skip(1)
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    fn relative(&self, file: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(file).ok()?;
        absolute.strip_prefix(&self.dir).ok().map(Path::to_path_buf)
    }

    /// The API the configuration maps a file to.
    pub fn api_for(&self, file: &Path) -> Option<Api> {
        let relative = self.relative(file)?;
        self.api
            .iter()
            .filter(|(glob, _, _)| glob.is_match(&relative))
            .max_by_key(|(_, _, len)| *len)
            .map(|(_, api, _)| *api)
    }

    /// Applies ignores, severity overrides and suppressions to a file's findings.
    pub fn apply(&self, file: &Path, report: &mut FileReport) {
        if self.severity.is_empty() && self.suppress.is_empty() && self.select.is_none() {
            return;
        }
        let relative = self.relative(file);
        report.diagnostics.retain_mut(|d| {
            // A file that cannot be read as a request is never selected away.
            let file_level = FILE_LEVEL.contains(&d.code);
            if let Some(select) = &self.select
                && !file_level
                && !select.contains(&d.code)
            {
                return false;
            }
            if let Some(level) = self.severity.get(d.code) {
                match level {
                    Some(level) => d.severity = *level,
                    None => return false,
                }
            }
            let suppressed = self.suppress.iter().find(|s| {
                s.code == d.code
                    && relative.as_ref().is_some_and(|r| s.files.is_match(r))
                    && s.pointer.as_ref().is_none_or(|p| *p == d.pointer)
            });
            if let Some(s) = suppressed {
                s.used.store(true, Ordering::Relaxed);
                return false;
            }
            true
        });
    }

    /// Whether a report fails the run under this configuration.
    pub fn fails(&self, report: &FileReport) -> bool {
        report
            .diagnostics
            .iter()
            .any(|d| d.severity >= self.fail_on)
    }

    /// The suppressions that matched nothing, as `RQL008` findings in the configuration file.
    pub fn unused_suppressions(&self) -> Option<FileReport> {
        let rule = rules::by_code("RQL008").expect("registered");
        let diagnostics: Vec<Diagnostic> = self
            .suppress
            .iter()
            .filter(|s| !s.used.load(Ordering::Relaxed))
            .map(|s| Diagnostic {
                code: rule.code,
                name: rule.name,
                severity: rule.severity,
                message: format!("this `{}` suppression matches no finding", s.code),
                pointer: String::new(),
                span: s.span,
                labels: Vec::new(),
                help: Some(rule.fix.to_string()),
                url: rule.url(),
                cloud_error: None,
                request: None,
                fix: None,
                api: None,
                resource: None,
            })
            .collect();
        (!diagnostics.is_empty()).then(|| FileReport {
            source: self.source.clone(),
            api: None,
            diagnostics,
            elsewhere: Vec::new(),
        })
    }
}
