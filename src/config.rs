//! `reqlint.toml`: which API a file targets when detection cannot tell, which rules run at which
//! severity, and intended exceptions. Found upwards from each linted file (the nearest
//! `reqlint.toml`, or `pyproject.toml` with a `[tool.reqlint]` table, wins), or given with
//! `--config`. `extend` loads another configuration first and applies this one on top; globs
//! stay relative to the file that wrote them. Every mistake in it is an error that points into
//! the file.
//!
//! ```toml
//! extend = "../reqlint.toml"         # optional: the configuration this one builds on
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
//! until = "2027-03-31"               # optional: from this day on it no longer applies
//! ```

use crate::api::Api;
use crate::diagnostic::{Severity, Span};
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

/// Today, where the run happens: suppressions expire against it.
pub(crate) fn today() -> jiff::civil::Date {
    // Worked out once per process: finding the local time zone costs about 10k instructions,
    // and every configuration (one per file without a `reqlint.toml`) asks.
    static TODAY: std::sync::OnceLock<jiff::civil::Date> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| jiff::Zoned::now().date())
}

/// The name reqlint looks for.
pub const FILE_NAME: &str = "reqlint.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    extend: Option<Spanned<String>>,
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
    /// Organisation checks (`crate::checks`).
    #[serde(default)]
    check: Vec<crate::checks::RawCheck>,
    #[serde(default)]
    online: Option<RawOnline>,
}

/// `[online]`: online checks (docs/spec/interface.md "Online checks").
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOnline {
    #[serde(default)]
    enabled: Option<bool>,
    /// Seconds each call may take.
    #[serde(default)]
    timeout: Option<Spanned<i64>>,
    #[serde(default)]
    endpoints: BTreeMap<Spanned<String>, Spanned<String>>,
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
    #[serde(default)]
    until: Option<Spanned<String>>,
}

/// `pyproject.toml`: only its `[tool.reqlint]` table is read.
#[derive(Deserialize)]
struct Pyproject {
    #[serde(default)]
    tool: Option<PyprojectTools>,
}

#[derive(Deserialize)]
struct PyprojectTools {
    #[serde(default)]
    reqlint: Option<Raw>,
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
    /// The folder `files` is relative to: that of the configuration that wrote it.
    dir: PathBuf,
    files: GlobMatcher,
    code: &'static str,
    pointer: Option<String>,
    /// From this day on it no longer applies.
    until: Option<jiff::civil::Date>,
    /// The configuration file that wrote it, and where.
    source: SourceFile,
    span: Span,
    used: AtomicBool,
}

/// Findings about a file that cannot be read as a request: a selection never hides them.
pub const FILE_LEVEL: [&str; 7] = [
    "RQL001", "RQL002", "RQL003", "RQL004", "RQL005", "RQL006", "RQL007",
];

/// One `[api]` entry: its glob, the API, and the pattern's length (the longest match wins).
type ApiPattern = (GlobMatcher, Api, usize);

/// A loaded, checked configuration.
pub struct Config {
    /// The `[api]` patterns of this configuration first, then of those it extends, each layer
    /// with the folder its globs are relative to: (pattern, API, pattern length). The first
    /// layer with a match decides, by its longest matching pattern.
    api: Vec<(PathBuf, Vec<ApiPattern>)>,
    /// Code -> severity, `None` for off.
    severity: HashMap<&'static str, Option<Severity>>,
    /// When set, only these rules report (besides the file-level RQL001-RQL007).
    select: Option<Vec<&'static str>>,
    suppress: Vec<Suppression>,
    /// The lowest severity that fails a run (`[check] fail-on`; errors by default).
    pub fail_on: Severity,
    /// Files larger than this are not read (`[check] max-file-bytes`).
    pub max_file_bytes: usize,
    /// Which of `fail_on` and `max_file_bytes` the file sets (an extending file keeps the
    /// others' values).
    sets: (bool, bool),
    /// `[online]`: whether online checks are on, their timeout and endpoints.
    pub online: crate::online::Settings,
    /// The organisation checks of this configuration and of those it extends.
    checks: Vec<std::sync::Arc<crate::checks::OrgCheck>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api: Vec::new(),
            severity: HashMap::new(),
            select: None,
            suppress: Vec::new(),
            fail_on: Severity::Error,
            max_file_bytes: MAX_FILE_BYTES,
            sets: (false, false),
            online: crate::online::Settings::default(),
            checks: Vec::new(),
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
    /// Reads and checks a configuration file (`reqlint.toml`, or the `[tool.reqlint]` table of
    /// a `pyproject.toml`), and the ones it extends.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::load_extending(path, &mut Vec::new())
    }

    /// `load`, with the files already on the `extend` chain (to catch a cycle).
    fn load_extending(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, ConfigError> {
        // Named relative to the working directory when it is below it, as linted files are.
        let name = std::env::current_dir()
            .ok()
            .and_then(|cwd| {
                let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
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
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = absolute
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let source = SourceFile::new(name.clone(), text.clone());
        let raw = if is_pyproject(path) {
            parse_pyproject(&source)?.unwrap_or_else(Raw::empty)
        } else {
            parse_raw(&source)?
        };
        chain.push(absolute);
        // The configuration this one extends is loaded first: its checks are in effect here
        // (`[rules]` and `[[suppress]]` may name them, a check may not take their ids).
        let mut base = None;
        if let Some(extend) = &raw.extend {
            let error = |message: String| ConfigError {
                source: source.clone(),
                span: span_of(extend.span()),
                message,
            };
            // Named by its real path, so that a file reached by several `extend` chains is one
            // file (its suppressions are used or unused once).
            let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            let target = canonical(&dir.join(extend.get_ref()));
            if !target.is_file() {
                return Err(error(format!(
                    "`extend` names `{}`, which is not a file",
                    extend.get_ref()
                )));
            }
            if chain.iter().any(|c| canonical(c) == canonical(&target)) {
                let mut names: Vec<String> =
                    chain.iter().map(|c| c.display().to_string()).collect();
                names.push(target.display().to_string());
                return Err(error(format!(
                    "`extend` makes a cycle: {}",
                    names.join(" extends ")
                )));
            }
            base = Some(Config::load_extending(&target, chain)?);
        }
        let inherited = base.as_ref().map_or(&[][..], |b| b.checks.as_slice());
        let mut config = Config::build(&source, &raw, dir.clone(), inherited)?;
        if let Some(base) = base {
            config = base.extended_by(config);
        }
        chain.pop();
        Ok(config)
    }

    /// Checks configuration text; `dir` is the folder its globs are relative to. An `extend`
    /// in it is not followed (see [`Config::load`]).
    pub fn parse(name: &str, text: &str, dir: PathBuf) -> Result<Config, ConfigError> {
        let source = SourceFile::new(name, text);
        let raw = parse_raw(&source)?;
        Config::build(&source, &raw, dir, &[])
    }

    /// This configuration with `child` applied on top: the child's settings win, its `[api]`
    /// patterns are tried first, and both keep their suppressions.
    fn extended_by(mut self, child: Config) -> Config {
        let mut api = child.api;
        api.append(&mut self.api);
        self.api = api;
        self.severity.extend(child.severity);
        if child.select.is_some() {
            self.select = child.select;
        }
        self.suppress.extend(child.suppress);
        self.online = std::mem::take(&mut self.online).extended_by(child.online);
        self.checks.extend(child.checks);
        if child.sets.0 {
            self.fail_on = child.fail_on;
            self.sets.0 = true;
        }
        if child.sets.1 {
            self.max_file_bytes = child.max_file_bytes;
            self.sets.1 = true;
        }
        self
    }

    /// A configuration from its parsed text; `inherited` are the checks of the
    /// configurations it extends.
    fn build(
        source: &SourceFile,
        raw: &Raw,
        dir: PathBuf,
        inherited: &[std::sync::Arc<crate::checks::OrgCheck>],
    ) -> Result<Config, ConfigError> {
        let error = |range: std::ops::Range<usize>, message: String| ConfigError {
            source: source.clone(),
            span: span_of(range),
            message,
        };
        // Every check in effect: those it extends, then its own, in order.
        let mut checks: Vec<std::sync::Arc<crate::checks::OrgCheck>> = inherited.to_vec();
        for raw_check in &raw.check {
            let check = crate::checks::OrgCheck::build(raw_check, source, &dir, &checks)?;
            checks.push(std::sync::Arc::new(check));
        }
        let own_checks = checks.split_off(inherited.len());
        let all_checks: Vec<_> = inherited.iter().chain(&own_checks).cloned().collect();
        let rule = |name: &Spanned<String>| {
            find_code(name.get_ref(), &all_checks).ok_or_else(|| {
                error(
                    name.span(),
                    unknown_code_message(name.get_ref(), &all_checks),
                )
            })
        };
        let glob = |pattern: &Spanned<String>| -> Result<GlobMatcher, ConfigError> {
            GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
                .map(|g: Glob| g.compile_matcher())
                .map_err(|e| error(pattern.span(), format!("invalid glob: {}", e.kind())))
        };
        let mut config = Config::default();
        let mut patterns = Vec::new();
        if let Some(fail_on) = &raw.fail_on {
            config.sets.0 = true;
            config.fail_on = severity_named(fail_on.get_ref()).flatten().ok_or_else(|| {
                error(
                    fail_on.span(),
                    "`fail-on` is `error`, `warning` or `advice`".into(),
                )
            })?;
        }
        if let Some(size) = &raw.max_file_size {
            config.sets.1 = true;
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
        if let Some(online) = &raw.online {
            config.online.enabled = online.enabled;
            if let Some(timeout) = &online.timeout {
                let seconds = u64::try_from(*timeout.get_ref())
                    .ok()
                    .filter(|s| (1..=600).contains(s))
                    .ok_or_else(|| {
                        error(
                            timeout.span(),
                            "`timeout` is a number of seconds from 1 to 600".into(),
                        )
                    })?;
                config.online.timeout = Some(std::time::Duration::from_secs(seconds));
            }
            for (key, url) in &online.endpoints {
                if !crate::online::ENDPOINTS
                    .iter()
                    .any(|(k, _)| k == key.get_ref())
                {
                    let keys: Vec<&str> =
                        crate::online::ENDPOINTS.iter().map(|(k, _)| *k).collect();
                    return Err(error(
                        key.span(),
                        format!(
                            "unknown endpoint `{}`: the endpoints are {}",
                            key.get_ref(),
                            keys.join(", ")
                        ),
                    ));
                }
                let checked = crate::online::check_endpoint(url.get_ref())
                    .map_err(|e| error(url.span(), e))?;
                config
                    .online
                    .endpoints
                    .insert(key.get_ref().clone(), checked);
            }
        }
        for (pattern, id) in &raw.api {
            let api = id
                .get_ref()
                .parse::<Api>()
                .map_err(|message| error(id.span(), message))?;
            patterns.push((glob(pattern)?, api, pattern.get_ref().len()));
        }
        if !patterns.is_empty() {
            config.api.push((dir.clone(), patterns));
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
            let until = match &s.until {
                Some(until) => {
                    Some(until.get_ref().parse::<jiff::civil::Date>().map_err(|_| {
                        error(
                            until.span(),
                            format!(
                                "`until` is a date written YYYY-MM-DD, not `{}`",
                                until.get_ref()
                            ),
                        )
                    })?)
                }
                None => None,
            };
            let start = s.files.span().start.min(s.rule.span().start);
            let end = s.reason.span().end.max(s.rule.span().end);
            config.suppress.push(Suppression {
                dir: dir.clone(),
                files: glob(&s.files)?,
                code: rule(&s.rule)?,
                pointer,
                until,
                source: source.clone(),
                span: span_of(start..end),
                used: AtomicBool::new(false),
            });
        }
        config.checks = own_checks;
        Ok(config)
    }

    /// The organisation checks in effect (of this configuration and those it extends).
    pub(crate) fn checks(&self) -> &[std::sync::Arc<crate::checks::OrgCheck>] {
        &self.checks
    }

    /// The organisation checks that apply to a file (their `files` globs).
    pub(crate) fn checks_for(&self, file: &Path) -> Vec<std::sync::Arc<crate::checks::OrgCheck>> {
        if self.checks.is_empty() {
            return Vec::new();
        }
        self.checks
            .iter()
            .filter(|c| c.applies_to_file(file))
            .cloned()
            .collect()
    }

    /// The nearest configuration at or above a file's folder: `reqlint.toml`, or a
    /// `pyproject.toml` with a `[tool.reqlint]` table (in one folder, `reqlint.toml` wins).
    pub fn find_for(file: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(file).ok()?;
        absolute.ancestors().skip(1).find_map(|dir| {
            let toml = dir.join(FILE_NAME);
            if toml.is_file() {
                return Some(toml);
            }
            let pyproject = dir.join("pyproject.toml");
            (pyproject.is_file() && has_reqlint_table(&pyproject)).then_some(pyproject)
        })
    }

    /// The API the configuration maps a file to.
    pub fn api_for(&self, file: &Path) -> Option<Api> {
        // Most configurations have no `[api]` table: no need to make the path absolute.
        if self.api.is_empty() {
            return None;
        }
        let absolute = std::path::absolute(file).ok()?;
        self.api.iter().find_map(|(dir, patterns)| {
            let relative = absolute.strip_prefix(dir).ok()?;
            patterns
                .iter()
                .filter(|(glob, _, _)| glob.is_match(relative))
                .max_by_key(|(_, _, len)| *len)
                .map(|(_, api, _)| *api)
        })
    }

    /// Applies ignores, severity overrides and suppressions to a file's findings.
    pub fn apply(&self, file: &Path, report: &mut FileReport) {
        if self.severity.is_empty() && self.suppress.is_empty() && self.select.is_none() {
            return;
        }
        let absolute = std::path::absolute(file).ok();
        let matches = |s: &Suppression| {
            absolute
                .as_ref()
                .and_then(|a| a.strip_prefix(&s.dir).ok())
                .is_some_and(|r| s.files.is_match(r))
        };
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
            let mut expired = None;
            for s in self.suppress.iter().filter(|s| {
                s.code == d.code && s.pointer.as_ref().is_none_or(|p| *p == d.pointer) && matches(s)
            }) {
                s.used.store(true, Ordering::Relaxed);
                match s.until {
                    Some(until) if today() >= until => expired = Some(until),
                    _ => return false,
                }
            }
            if let Some(until) = expired {
                d.message = format!(
                    "{} (its suppression in the configuration expired on {until})",
                    d.message
                );
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

    /// The suppressions that matched nothing in any of `configs` (a configuration that others
    /// extend is in each of them), as `RQL008` findings in the files that wrote them.
    pub fn unused_suppressions(configs: &[std::sync::Arc<Config>]) -> Vec<FileReport> {
        // Each suppression once, by where it is written; used if any configuration used it.
        let mut seen: BTreeMap<(String, usize), (&Suppression, bool)> = BTreeMap::new();
        for s in configs.iter().flat_map(|c| &c.suppress) {
            let used = s.used.load(Ordering::Relaxed);
            seen.entry((s.source.name().to_string(), s.span.offset))
                .and_modify(|(_, u)| *u |= used)
                .or_insert((s, used));
        }
        let mut reports: Vec<FileReport> = Vec::new();
        for (s, _) in seen.into_values().filter(|(_, used)| !used) {
            let d = crate::engine::engine_finding(
                "RQL008",
                format!("this `{}` suppression matches no finding", s.code),
                s.span,
                None,
            );
            match reports
                .iter_mut()
                .find(|r| r.source.name() == s.source.name())
            {
                Some(r) => r.diagnostics.push(d),
                None => reports.push(FileReport {
                    source: s.source.clone(),
                    api: None,
                    diagnostics: vec![d],
                    elsewhere: Vec::new(),
                }),
            }
        }
        reports
    }
}

/// The code of the rule or check named `word` (a code or a name, any letter case).
pub(crate) fn find_code(
    word: &str,
    checks: &[std::sync::Arc<crate::checks::OrgCheck>],
) -> Option<&'static str> {
    rules::find(word).map(|r| r.code).or_else(|| {
        checks
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(word) || c.name.eq_ignore_ascii_case(word))
            .map(|c| c.id)
    })
}

/// The message for a code or name that no rule and no check has, with the likely one.
pub(crate) fn unknown_code_message(
    word: &str,
    checks: &[std::sync::Arc<crate::checks::OrgCheck>],
) -> String {
    if checks.is_empty() || rules::retired(word).is_some() {
        return rules::unknown_rule_message(word);
    }
    let known = rules::all()
        .iter()
        .flat_map(|r| [r.code, r.name])
        .chain(checks.iter().flat_map(|c| [c.id, c.name]));
    match rules::unknown::closest(word, known) {
        Some(near) => format!("unknown rule `{word}`; did you mean `{near}`?"),
        None => format!("unknown rule `{word}`; `reqlint rules` lists them"),
    }
}

impl Raw {
    fn empty() -> Raw {
        toml::from_str("").expect("an empty configuration is valid")
    }
}

fn is_pyproject(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "pyproject.toml")
}

/// A configuration file's settings, or the error that points at its mistake.
fn parse_raw(source: &SourceFile) -> Result<Raw, ConfigError> {
    toml::from_str(source.text()).map_err(|e| toml_error(source, &e))
}

/// The `[tool.reqlint]` table of a `pyproject.toml`, with spans into the whole file; `None`
/// when it has none.
fn parse_pyproject(source: &SourceFile) -> Result<Option<Raw>, ConfigError> {
    let pyproject: Pyproject = toml::from_str(source.text()).map_err(|e| toml_error(source, &e))?;
    Ok(pyproject.tool.and_then(|t| t.reqlint))
}

fn toml_error(source: &SourceFile, e: &toml::de::Error) -> ConfigError {
    let mut message = e.message().trim_end().replace('\n', " ");
    // `unknown field `reson`, expected one of `files`, ...`: say which one it likely is.
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((word, expected)) = rest.split_once('`')
    {
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        if let Some(near) = rules::unknown::closest(word, known) {
            message = format!("{message}; did you mean `{near}`?");
        }
    }
    ConfigError {
        source: source.clone(),
        span: span_of(e.span().unwrap_or(0..0)),
        message,
    }
}

/// Whether a `pyproject.toml` has a `[tool.reqlint]` table (one that cannot be read says yes,
/// so that its mistake is reported rather than skipped).
fn has_reqlint_table(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    match toml::from_str::<toml::Table>(&text) {
        Ok(table) => table.get("tool").and_then(|t| t.get("reqlint")).is_some(),
        Err(_) => text.contains("[tool.reqlint"),
    }
}
