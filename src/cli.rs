//! The `reqlint` command line (docs/spec/interface.md "Command line"): [`run`] is what the
//! binary and the Python package's `reqlint` command call.

use crate::baseline::Baseline;
use crate::config::{Config, ConfigError};
use crate::frontend::folder::Folder;
use crate::render::{self, HumanOptions, Summary};
use crate::{Api, FileReport, InputKind, LintOptions, docs, rules};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "reqlint",
    version,
    about = "Lint cloud \"create image\" API requests before they are sent"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Add the API pack in this folder (repeatable): a `pack.toml`, a `schema.json`, its rules'
    /// `constraints.toml` and front-end mappings, as under reqlint's own `rules/`.
    #[arg(long = "pack", global = true, value_name = "DIR")]
    packs: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Lint request files (.json, .jsonc, .http, .rest), Terraform files (.tf, .tf.json, plans),
    /// Packer templates (.pkr.hcl, legacy .json), shell scripts (.sh, .bash, a shell shebang)
    /// and directories.
    Check(Box<CheckArgs>),
    /// List every rule, and the organisation checks of the configuration in effect.
    Rules {
        #[arg(long, value_enum, default_value_t = CatalogueFormat::Text)]
        format: CatalogueFormat,
        /// The configuration whose checks to list, instead of the nearest `reqlint.toml`
        /// above the current directory.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Explain one rule (or organisation check), by code or name.
    Rule {
        code: String,
        /// The configuration whose checks to look in, instead of the nearest `reqlint.toml`
        /// above the current directory.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the Language Server over standard input and output.
    Lsp,
    /// Print the JSON Schema of an API's request (for editors without the server).
    Schema {
        #[arg(value_parser = parse_api)]
        api: Api,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories; `-` reads standard input. Default: the current directory, or
    /// standard input when it is piped.
    paths: Vec<PathBuf>,
    /// The API every request targets, instead of detecting it: an API id, the name of an API
    /// pack (`reqlint rules` lists each rule's; a wrong id is answered with them all).
    #[arg(long, value_parser = parse_api)]
    api: Option<Api>,
    /// Report only these rules (codes or names, comma-separated), instead of the
    /// configuration's selection.
    #[arg(long, value_delimiter = ',', value_parser = parse_rule)]
    select: Vec<&'static str>,
    /// Never report these rules (codes or names, comma-separated), besides the configuration's.
    #[arg(long, value_delimiter = ',', value_parser = parse_rule)]
    ignore: Vec<&'static str>,
    /// Exit 0 even when errors are found (a run that fails still exits 2).
    #[arg(long)]
    exit_zero: bool,
    /// Print how often each rule fired instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The name standard input is reported under (its extension picks .json/.jsonc/.http).
    #[arg(long)]
    stdin_filename: Option<String>,
    /// The configuration to use instead of the nearest `reqlint.toml` above each file.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Apply the safe fixes to the files (each written atomically), then report what is left.
    #[arg(long)]
    fix: bool,
    /// Where the Terraform configuration of the plans (`terraform show -json`) is, when it is
    /// not the plan's own directory: their findings are placed on its `.tf` files.
    #[arg(long, value_name = "DIR")]
    terraform_dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Report only the findings this baseline file does not record, and its entries that match
    /// nothing (a repository adopting reqlint records what it already has with
    /// `--update-baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the `--baseline` file from this run's findings (keeping the entries of files the
    /// run did not check) instead of reporting them.
    #[arg(long, requires = "baseline")]
    update_baseline: bool,
    /// A Terraform variable file for the root modules named on the command line (the
    /// directories given, and the directories of the files given), as `terraform plan
    /// -var-file`: after the module's own `.tfvars` files; repeatable, later wins.
    #[arg(long = "var-file", value_name = "FILE")]
    var_file: Vec<PathBuf>,
    /// A Terraform variable value for the same root modules, as `terraform plan -var`: wins over
    /// every file; repeatable.
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    var: Vec<(String, String)>,
    /// Also ask the clouds what only they know (the server exists and can be imaged, the name
    /// is free, ...), by read-only calls; `strict`: a cloud that cannot be asked fails the run.
    /// Also turned on by `REQLINT_ONLINE=1` or `[online] enabled = true`.
    #[arg(long, value_enum, value_name = "MODE", num_args = 0..=1, require_equals = true, default_missing_value = "on")]
    online: Option<OnlineMode>,
}

/// `NAME=VALUE` of `--var`.
fn parse_var(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(format!("`{text}` is not NAME=VALUE")),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum OnlineMode {
    On,
    Strict,
}

/// The online mode the command line or `REQLINT_ONLINE` asks for.
fn online_mode(flag: Option<OnlineMode>) -> crate::online::Mode {
    use crate::online::Mode;
    match flag {
        Some(OnlineMode::Strict) => Mode::Strict,
        Some(OnlineMode::On) => Mode::On,
        None => match std::env::var("REQLINT_ONLINE")
            .ok()
            .as_deref()
            .map(str::trim)
        {
            Some("strict") => Mode::Strict,
            Some("1" | "true" | "on" | "yes") => Mode::On,
            _ => Mode::Configured,
        },
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogueFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// The folders `--pack DIR` / `--pack=DIR` name, before a `--` that ends the options.
fn pack_arguments(args: &[OsString]) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        let Some(text) = word.to_str() else {
            continue;
        };
        if text == "--" {
            break;
        }
        if text == "--pack" {
            if let Some(dir) = words.next() {
                dirs.push(PathBuf::from(dir));
            }
        } else if let Some(dir) = text.strip_prefix("--pack=") {
            dirs.push(PathBuf::from(dir));
        }
    }
    dirs
}

fn parse_api(s: &str) -> Result<Api, String> {
    s.parse()
}

fn parse_rule(s: &str) -> Result<&'static str, String> {
    match rules::find(s) {
        Some(rule) => Ok(rule.code),
        // Perhaps an organisation check of a configuration: known once they are loaded.
        None if crate::checks::could_be_check(s) && rules::retired(s).is_none() => {
            Ok(crate::checks::intern(s))
        }
        None => Err(rules::unknown_rule_message(s)),
    }
}

/// How a run ends: 0 no error finding, 1 errors found, 2 the run failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitCode(u8);

impl ExitCode {
    const SUCCESS: ExitCode = ExitCode(0);

    fn from(code: u8) -> ExitCode {
        ExitCode(code)
    }

    /// The process exit status.
    pub fn code(self) -> u8 {
        self.0
    }
}

/// Runs the command line `args` (the program name first), printing to standard output and
/// standard error as the `reqlint` binary does.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // Packs first: the API ids and rule codes the rest of the command line names may be theirs.
    for dir in pack_arguments(&args) {
        if let Err(e) = crate::pack::add_folder(&dir) {
            eprintln!("reqlint: pack {e}");
            return ExitCode::from(2);
        }
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` print and succeed; a usage error prints and fails.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules { format, config } => {
            let config = match config_in_effect(config.as_deref()) {
                Ok(c) => c,
                Err(e) => return config_error(&e),
            };
            let checks = config.checks();
            let out = match format {
                CatalogueFormat::Json => {
                    let mut all = serde_json::to_value(docs::catalogue()).expect("serialises");
                    if let Some(list) = all.as_array_mut() {
                        list.extend(checks.iter().map(|c| c.catalogue_entry()));
                    }
                    serde_json::to_string_pretty(&all).expect("serialises") + "\n"
                }
                CatalogueFormat::Markdown => docs::rules_table(),
                CatalogueFormat::Text => rules::all()
                    .iter()
                    .map(|r| {
                        format!(
                            "{:<7} {:<8} {:<32} {}\n",
                            r.code,
                            r.severity.as_str(),
                            r.name,
                            r.summary
                        )
                    })
                    .chain(checks.iter().map(|c| {
                        format!(
                            "{:<7} {:<8} {:<32} {} ({})\n",
                            c.id,
                            c.severity.as_str(),
                            c.name,
                            c.summary(),
                            c.defined_in
                        )
                    }))
                    .collect(),
            };
            print(&out)
        }
        Command::Lsp => ExitCode::from(crate::lsp::run() as u8),
        Command::Schema { api } => print(&crate::schema::for_editors(api)),
        Command::Rule { code, config } => match rules::find(&code) {
            Some(rule) => print(&docs::rule_page(rule)),
            None if rules::retired(&code).is_none()
                && let Ok(config) = config_in_effect(config.as_deref())
                && let Some(check) = config.checks().iter().find(|c| {
                    c.id.eq_ignore_ascii_case(&code) || c.name.eq_ignore_ascii_case(&code)
                }) =>
            {
                print(&check.page())
            }
            None if rules::retired(&code).is_some() => {
                print(&docs::retired_page(rules::retired(&code).unwrap()))
            }
            None => {
                eprintln!("reqlint: {}", rules::unknown_rule_message(&code));
                ExitCode::from(2)
            }
        },
    }
}

/// The configuration `reqlint rules` and `reqlint rule` read: `--config`, else the nearest
/// one above the current directory, else none.
fn config_in_effect(forced: Option<&Path>) -> Result<Config, ConfigError> {
    let found = match forced {
        Some(path) => Some(path.to_path_buf()),
        None => Config::find_for(Path::new("reqlint-rules")),
    };
    match found {
        Some(path) => Config::load(&path),
        None => Ok(Config::default()),
    }
}

fn print(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`reqlint rules | head`) is not an error of ours.
    let _ = out.write_all(s.as_bytes());
    ExitCode::SUCCESS
}

/// One thing to lint: a file on disk or standard input.
enum Input {
    File(PathBuf, Option<InputKind>),
    Stdin,
}

fn check(args: CheckArgs) -> ExitCode {
    let mut failed = false;
    let mut inputs = Vec::new();
    let paths = if args.paths.is_empty() {
        if std::io::stdin().is_terminal() {
            vec![PathBuf::from(".")]
        } else {
            vec![PathBuf::from("-")]
        }
    } else {
        args.paths.clone()
    };
    for path in &paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let before = inputs.len();
            collect_dir(path, &mut inputs, &mut failed);
            if inputs.len() == before {
                eprintln!(
                    "reqlint: no request files (*.json, *.jsonc, *.http, *.rest, *.tf, *.tofu, terragrunt.hcl, *.pkr.hcl, *.sh) under {}",
                    path.display()
                );
            }
        } else if path.exists() && InputKind::is_variable_file(path) {
            // A variable file holds values of its module's requests: lint the module.
            module_files(path, &mut inputs);
        } else if path.exists() {
            // A file named explicitly is linted by its extension, else as JSON when it reads
            // like JSON; one that holds no request (YAML, TOML, ...) gets no finding.
            inputs.push(Input::File(path.clone(), InputKind::from_path(path)));
        } else {
            eprintln!("reqlint: {}: no such file or directory", path.display());
            failed = true;
        }
    }
    for file in &args.var_file {
        if !file.is_file() {
            eprintln!("reqlint: --var-file {}: no such file", file.display());
            failed = true;
        }
    }
    // The configuration of every input: `--config`, else the nearest `reqlint.toml`.
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".into());
    let configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return config_error(&e),
    };
    let mut jobs = Vec::new();
    // One folder per directory: its value files are read once, when a file first needs them.
    let mut folders: HashMap<PathBuf, Arc<Folder>> = HashMap::new();
    // `--var-file` and `--var` are for the root modules named (as for `terraform plan` run
    // there), not for the modules a walk finds below them.
    let given = crate::frontend::folder::Given {
        files: args.var_file.clone(),
        vars: args.var.clone(),
    };
    let roots: Vec<PathBuf> = paths
        .iter()
        .map(|p| match p.is_dir() {
            true => p.clone(),
            false => p.parent().map(Path::to_path_buf).unwrap_or_default(),
        })
        .collect();
    for input in inputs {
        let path = match &input {
            Input::File(path, _) => path.clone(),
            Input::Stdin => PathBuf::from(&stdin_name),
        };
        // A plan's configuration is in `--terraform-dir` when given (only JSON can be a plan).
        let dir = match (&args.terraform_dir, &input) {
            (Some(dir), Input::File(_, None | Some(InputKind::Json))) => dir.clone(),
            _ => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let folder = folders
            .entry(dir.clone())
            .or_insert_with(|| {
                let root = roots.iter().any(|r| r == &dir);
                let folder = match dir.as_os_str().is_empty() {
                    true => Folder::of(&path),
                    false => Folder::new(dir),
                };
                Arc::new(match root {
                    true => folder.with_given(given.clone()),
                    false => folder,
                })
            })
            .clone();
        match configs.for_file(&path) {
            Ok(config) => jobs.push((input, path, config, folder)),
            Err(e) => return config_error(&e),
        }
    }
    // Online checks: one session for the run (its cache, its notes), with the `[online]`
    // settings of the first configuration that has any. Nothing connects until a request asks.
    let settings = jobs
        .iter()
        .map(|(_, _, config, _)| &config.online)
        .find(|s| **s != crate::online::Settings::default())
        .cloned()
        .unwrap_or_default();
    let online = Arc::new(crate::online::Session::new(
        online_mode(args.online),
        settings,
    ));
    // `--select`/`--ignore` words that are no rule must name a check of a configuration.
    let checks: Vec<Arc<crate::checks::OrgCheck>> = configs
        .loaded()
        .iter()
        .flat_map(|c| c.checks().to_vec())
        .collect();
    for word in args.select.iter().chain(&args.ignore) {
        if rules::find(word).is_none() && crate::config::find_code(word, &checks).is_none() {
            eprintln!(
                "reqlint: {}",
                crate::config::unknown_code_message(word, &checks)
            );
            return ExitCode::from(2);
        }
    }
    let results: Vec<Result<(FileReport, Outcome), String>> = jobs
        .par_iter()
        .map(|(input, path, config, folder)| {
            // The configuration (its `[api]`, selection, severities, suppressions) is applied
            // by the library, as for any caller.
            let options = LintOptions::default()
                .api(args.api)
                .config(config.clone())
                .path(path.clone())
                .folder(folder.clone())
                .online(online.clone());
            let mut report = match input {
                Input::File(path, kind) => {
                    let name = display_name(path);
                    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
                    match kind.or_else(|| InputKind::of_named_file(path, &bytes)) {
                        Some(kind) => crate::lint_bytes(&name, &bytes, kind, options.clone()),
                        None => FileReport {
                            source: crate::SourceFile::new(name, ""),
                            api: None,
                            diagnostics: Vec::new(),
                            elsewhere: Vec::new(),
                        },
                    }
                }
                Input::Stdin => {
                    let mut bytes = Vec::new();
                    std::io::stdin()
                        .read_to_end(&mut bytes)
                        .map_err(|e| format!("standard input: {e}"))?;
                    let kind =
                        InputKind::from_path(Path::new(&stdin_name)).unwrap_or(InputKind::Json);
                    crate::lint_bytes(&stdin_name, &bytes, kind, options.clone())
                }
            };
            filter(&args, &mut report);
            let mut outcome = Outcome::default();
            if (args.fix || args.diff)
                && let Input::File(path, kind) = input
                && let Some((fixed, applied)) = apply_fixes(&report)
            {
                if args.diff {
                    outcome.diff = unified_diff(report.source.name(), report.source.text(), &fixed);
                } else {
                    write_atomically(path, &fixed)?;
                    outcome.fixed = applied;
                    report = crate::lint_bytes(
                        report.source.name(),
                        fixed.as_bytes(),
                        kind.or_else(|| InputKind::of_named_file(path, fixed.as_bytes()))
                            .unwrap_or(InputKind::Json),
                        options,
                    );
                    filter(&args, &mut report);
                }
            }
            outcome.fails = config.fails(&report);
            // Findings placed in other files (a plan's, on the `.tf` attribute) follow the
            // configuration of the file they are shown in.
            for other in &mut report.elsewhere {
                let path = PathBuf::from(other.source.name());
                let config = configs.for_file(&path).map_err(|e| e.to_string())?;
                config.apply(&path, other);
                filter(&args, other);
                outcome.fails |= config.fails(other);
            }
            Ok((report, outcome))
        })
        .collect();
    let mut reports = Vec::new();
    let mut fails = false;
    let mut fixed = Vec::new();
    let mut diffs = String::new();
    for r in results {
        match r {
            Ok((mut report, outcome)) => {
                fails |= outcome.fails;
                fixed.push((report.source.name().to_string(), outcome.fixed));
                diffs.push_str(&outcome.diff);
                reports.extend(std::mem::take(&mut report.elsewhere));
                reports.push(report);
            }
            Err(message) => {
                eprintln!("reqlint: {message}");
                failed = true;
            }
        }
    }
    // One note per cloud that could not be asked; only `--online=strict` fails on them.
    let notes = online.notes();
    for note in &notes {
        eprintln!("reqlint: note: {note}");
    }
    if !notes.is_empty() && online.mode() == crate::online::Mode::Strict {
        eprintln!("reqlint: --online=strict: a cloud could not be asked, so the run fails");
        failed = true;
    }
    if args.diff {
        let _ = std::io::stdout().lock().write_all(diffs.as_bytes());
        return if failed {
            ExitCode::from(2)
        } else if diffs.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    // What --fix changed, one line each, on standard error (standard output stays the report).
    fixed.sort_by(|a, b| a.0.cmp(&b.0));
    let fixed: Vec<String> = fixed.into_iter().flat_map(|(_, lines)| lines).collect();
    for line in &fixed {
        eprintln!("{line}");
    }
    if !fixed.is_empty() {
        eprintln!(
            "reqlint: fixed {}",
            plural(fixed.len(), "problem", "problems")
        );
    }
    for report in Config::unused_suppressions(&configs.loaded()) {
        // An unused suppression fails the run as its own configuration says.
        let config = configs
            .for_file(Path::new(report.source.name()))
            .unwrap_or_default();
        fails |= config.fails(&report);
        reports.push(report);
    }
    reports.sort_by(|a, b| a.source.name().cmp(b.source.name()));
    let mut reports = merge_same_files(reports);

    let mut baselined = 0;
    if let Some(path) = &args.baseline {
        let baseline = match Baseline::load(path, args.update_baseline) {
            Ok(b) => b,
            Err(message) => {
                eprintln!("reqlint: {message}");
                return ExitCode::from(2);
            }
        };
        // The baseline's own findings (its stale entries) are never recorded in it.
        let own = std::path::absolute(baseline.path()).ok();
        reports.retain(|r| std::path::absolute(r.source.name()).ok() != own);
        let checked: BTreeSet<String> = reports.iter().map(|r| baseline.name_of(r)).collect();
        if args.update_baseline {
            if failed {
                eprintln!("reqlint: some paths could not be read; the baseline is left as it was");
                return ExitCode::from(2);
            }
            let updated = baseline.updated(&reports, &checked);
            if let Err(message) = write_new_atomically(baseline.path(), &updated.text) {
                eprintln!("reqlint: {message}");
                return ExitCode::from(2);
            }
            eprintln!(
                "reqlint: wrote {} to {} ({} added, {} dropped)",
                plural(updated.entries, "entry", "entries"),
                baseline.path().display(),
                updated.added,
                updated.dropped
            );
            return ExitCode::SUCCESS;
        }
        let applied = baseline.apply(&mut reports, &checked);
        baselined = applied.matched;
        reports.extend(applied.stale);
        // What fails the run is what is left.
        fails = reports.iter().any(|r| {
            configs
                .for_file(Path::new(r.source.name()))
                .unwrap_or_default()
                .fails(r)
        });
    }

    let summary = Summary::of(&reports);
    let mut out = String::new();
    if args.statistics {
        out = statistics(&reports);
        let _ = std::io::stdout().lock().write_all(out.as_bytes());
        return exit_code(failed, fails && !args.exit_zero);
    }
    match args.format {
        Format::Json => out = render::with_notes(render::json(&reports), &notes, false),
        Format::Sarif => out = render::with_notes(render::sarif(&reports), &notes, true),
        Format::Github => reports
            .iter()
            .for_each(|r| out.push_str(&render::github(r))),
        Format::Concise => {
            reports
                .iter()
                .for_each(|r| out.push_str(&render::concise(r)));
            out.push_str(&summary_line(&summary, baselined, failed));
        }
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let width = terminal_width();
            for r in &reports {
                out.push_str(&render::human(r, HumanOptions { color, width }));
            }
            out.push_str(&summary_line(&summary, baselined, failed));
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    exit_code(failed, fails && !args.exit_zero)
}

/// What linting one file did besides its report.
#[derive(Default)]
struct Outcome {
    fails: bool,
    /// `--fix`: one line per fix applied.
    fixed: Vec<String>,
    /// `--diff`: the unified diff of the fixes.
    diff: String,
}

fn exit_code(failed: bool, fails: bool) -> ExitCode {
    if failed {
        ExitCode::from(2)
    } else if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--select` and `--ignore` on top of the configuration's own selection.
fn filter(args: &CheckArgs, report: &mut crate::FileReport) {
    if args.select.is_empty() && args.ignore.is_empty() {
        return;
    }
    // A built-in rule is named by its code; an organisation check by what was written (its
    // id or its name, any letter case).
    let named = |words: &[&str], d: &crate::Diagnostic| {
        words.iter().any(|w| {
            *w == d.code || w.eq_ignore_ascii_case(d.code) || w.eq_ignore_ascii_case(d.name)
        })
    };
    report.diagnostics.retain(|d| {
        let file_level = crate::config::FILE_LEVEL.contains(&d.code);
        (args.select.is_empty() || named(&args.select, d) || file_level) && !named(&args.ignore, d)
    });
}

/// `--statistics`: how often each rule fired, most frequent first.
fn statistics(reports: &[FileReport]) -> String {
    let mut counts: HashMap<&str, (usize, &str, bool)> = HashMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let entry = counts.entry(d.code).or_insert((0, d.name, false));
        entry.0 += 1;
        entry.2 |= d.fix.is_some();
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    rows.iter()
        .map(|(code, (n, name, fixable))| {
            let mark = if *fixable { "[*]" } else { "   " };
            format!("{n:>5}  {code:<7} {mark} {name}\n")
        })
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_line(s: &Summary, baselined: usize, failed: bool) -> String {
    let files = plural(s.files, "file", "files");
    let baselined = match baselined {
        0 => String::new(),
        n => format!(" ({n} in the baseline)"),
    };
    if s.errors + s.warnings + s.advice == 0 {
        // Never "no problems" beside a path that could not be read.
        return if failed {
            format!("{files} checked; some paths could not be read (see above){baselined}\n")
        } else {
            format!("{files} checked: no problems found{baselined}\n")
        };
    }
    let mut line = format!(
        "{files} checked: {}, {}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.advice, "advice", "advice"),
    );
    if s.fixable > 0 {
        line.push_str(&format!(" ({} fixable with `--fix`)", s.fixable));
    }
    line.push_str(&baselined);
    line.push('\n');
    line
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn collect_dir(dir: &Path, inputs: &mut Vec<Input>, failed: &mut bool) {
    // Unsorted: the reports are sorted by path once, at the end.
    let walker = ignore::WalkBuilder::new(dir).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                if let Some(kind) = InputKind::from_path(path) {
                    inputs.push(Input::File(path.to_path_buf(), Some(kind)));
                } else if path.extension().is_none() && shell_script(path) {
                    inputs.push(Input::File(path.to_path_buf(), Some(InputKind::Shell)));
                }
            }
            Err(e) => {
                eprintln!("reqlint: {e}");
                *failed = true;
            }
        }
    }
}

/// The Terraform files of the module a variable file belongs to (its folder), each once.
fn module_files(variables: &Path, inputs: &mut Vec<Input>) {
    let dir = variables
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".tf") || name.ends_with(".tf.json")
        })
        .map(|p| match variables.parent() {
            // Named as the variable file was (`infra/x.tf`, not `./infra/x.tf`).
            Some(parent) if parent.as_os_str().is_empty() => {
                PathBuf::from(p.file_name().unwrap_or_default())
            }
            _ => p,
        })
        .collect();
    files.sort();
    for file in files {
        let kind = InputKind::from_path(&file);
        if !inputs
            .iter()
            .any(|i| matches!(i, Input::File(p, _) if *p == file))
        {
            inputs.push(Input::File(file, kind));
        }
    }
}

/// Whether a file without an extension is a shell script, by its first line.
fn shell_script(path: &Path) -> bool {
    let mut head = [0u8; 128];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut head));
    read.is_ok_and(|n| {
        crate::frontend::shell::has_shell_shebang(&String::from_utf8_lossy(&head[..n]))
    })
}

/// One report per file: a `.tf` file linted itself and also shown a plan's findings holds both,
/// and a plan's finding the file's own lint already made (same rule, same bytes) is dropped.
/// `reports` is sorted by name.
fn merge_same_files(reports: Vec<FileReport>) -> Vec<FileReport> {
    let mut out: Vec<FileReport> = Vec::with_capacity(reports.len());
    for report in reports {
        match out.last_mut() {
            Some(last) if last.source.name() == report.source.name() => {
                last.diagnostics.extend(report.diagnostics);
                // The file's own finding has fewer labels than the plan's copy ("as planned
                // in ..."): it sorts first and is kept.
                last.diagnostics.sort_by(|a, b| {
                    (a.span.offset, a.code, a.labels.len()).cmp(&(
                        b.span.offset,
                        b.code,
                        b.labels.len(),
                    ))
                });
                last.diagnostics
                    .dedup_by(|b, a| a.code == b.code && a.span == b.span);
                last.api = last.api.or(report.api);
            }
            _ => out.push(report),
        }
    }
    out
}

/// Paths as given, with `./` dropped, so output is stable across invocations.
fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Prints a configuration error as a diagnostic in the configuration file; the run fails (2).
fn config_error(e: &ConfigError) -> ExitCode {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_links(false);
    if handler.render_report(&mut out, e).is_err() {
        out = e.to_string();
    }
    eprintln!("reqlint: invalid configuration\n{out}");
    ExitCode::from(2)
}

/// The configurations of a run, each loaded once, each folder searched once.
struct Configs {
    forced: Option<Arc<Config>>,
    default: Arc<Config>,
    by_path: std::sync::Mutex<HashMap<PathBuf, Arc<Config>>>,
    by_folder: std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl Configs {
    fn new(forced: Option<&Path>) -> Result<Configs, ConfigError> {
        Ok(Configs {
            forced: forced.map(Config::load).transpose()?.map(Arc::new),
            default: Arc::new(Config::default()),
            by_path: Default::default(),
            by_folder: Default::default(),
        })
    }

    fn for_file(&self, file: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(forced) = &self.forced {
            return Ok(forced.clone());
        }
        let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let found = self
            .by_folder
            .lock()
            .expect("not poisoned")
            .entry(folder)
            .or_insert_with(|| Config::find_for(file))
            .clone();
        let Some(path) = found else {
            return Ok(self.default.clone());
        };
        let mut cache = self.by_path.lock().expect("not poisoned");
        if let Some(config) = cache.get(&path) {
            return Ok(config.clone());
        }
        let config = Arc::new(Config::load(&path)?);
        cache.insert(path, config.clone());
        Ok(config)
    }

    fn loaded(&self) -> Vec<Arc<Config>> {
        let mut all: Vec<_> = self.forced.iter().cloned().collect();
        all.extend(self.by_path.lock().expect("not poisoned").values().cloned());
        all
    }
}

/// The text of a report's file with its fixes applied: non-overlapping edits, last first (an
/// overlapping one is left for the next run), and a line per fix applied
/// (`path:line:column: CODE title`). `None` when there is nothing to fix.
fn apply_fixes(report: &FileReport) -> Option<(String, Vec<String>)> {
    let (text, fixed) = report.fixed()?;
    let applied = fixed
        .iter()
        .map(|d| {
            let (line, column) = report.source.line_col(d.span.offset);
            let title = d.fix.as_ref().map_or("", |f| f.title.as_str());
            format!(
                "{}:{line}:{column}: fixed {}: {title}",
                report.source.name(),
                d.code
            )
        })
        .collect();
    Some((text, applied))
}

/// A unified diff of a file before and after its fixes, as `git diff` prints one.
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{}", name.trim_start_matches('/')),
            &format!("b/{}", name.trim_start_matches('/')),
        )
        .to_string()
}

/// Writes a file to a temporary file beside it and renames it over the file, so that the file
/// is never half written; its permissions are kept.
/// Writes a file the run creates or replaces (the baseline) through a temporary file beside it.
fn write_new_atomically(path: &Path, text: &str) -> Result<(), String> {
    if !path.exists() {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = dir.join(".reqlint-baseline.tmp");
        return std::fs::write(&temp, text)
            .and_then(|()| std::fs::rename(&temp, path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&temp);
                format!("{}: cannot write: {e}", path.display())
            });
    }
    write_atomically(path, text)
}

fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let name = path.display();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = dir.join(format!(".{file_name}.reqlint-fix"));
    let permissions = std::fs::metadata(path)
        .map_err(|e| format!("{name}: {e}"))?
        .permissions();
    std::fs::write(&temp, text)
        .and_then(|()| std::fs::set_permissions(&temp, permissions))
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            format!("{name}: cannot write the fixes: {e}")
        })
}
