//! Helpers shared by the integration tests.
#![allow(dead_code)]

use reqlint::render::{self, HumanOptions};
use reqlint::{Api, FileReport, InputKind, LintOptions};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `reqlint` binary in `dir` with `args`, without colour: its exit status, standard
/// output and standard error.
pub fn run_reqlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Whether expected files should be rewritten instead of compared.
pub fn bless() -> bool {
    std::env::var_os("REQLINT_BLESS").is_some()
}

/// Compares `actual` with the file at `path`, or writes it when blessing.
pub fn expect_file(path: &Path, actual: &str) -> Result<(), String> {
    if bless() {
        std::fs::write(path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {e} (run with REQLINT_BLESS=1 to create it)",
            path.display()
        )
    })?;
    if expected != actual {
        return Err(format!(
            "{} is stale (run with REQLINT_BLESS=1 to update it)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ));
    }
    Ok(())
}

/// Lints a fixture: the API is forced when its folder under `fixtures/` is an API id.
pub fn lint_fixture(path: &Path) -> FileReport {
    let rel = path.strip_prefix(root()).unwrap_or(path);
    let api = rel
        .components()
        .nth(1)
        .and_then(|c| c.as_os_str().to_str())
        .and_then(|s| s.parse::<Api>().ok());
    let bytes = std::fs::read(path).expect("fixture readable");
    let kind = InputKind::from_path(path).expect("fixture has a linted extension");
    let mut options = LintOptions::default().api(api);
    if let Some(dir) = module_dir(path) {
        options = options.folder(std::sync::Arc::new(reqlint::Folder::new(dir)));
    }
    // A fixture folder may carry its configuration (`fixtures/checks/reqlint.toml`).
    if let Some(config) = fixture_config(rel) {
        options = options.config(config).path(path);
    }
    reqlint::lint_bytes(&rel.to_string_lossy(), &bytes, kind, options)
}

/// The configuration at the top of a fixture's folder (`fixtures/<folder>/reqlint.toml`),
/// loaded once per folder.
pub fn fixture_config(rel: &Path) -> Option<std::sync::Arc<reqlint::Config>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, Option<Arc<reqlint::Config>>>>> =
        OnceLock::new();
    let folder = rel.components().take(2).collect::<PathBuf>();
    let file = root().join(&folder).join("reqlint.toml");
    let mut loaded = LOADED.get_or_init(Default::default).lock().unwrap();
    loaded
        .entry(file.clone())
        .or_insert_with(|| {
            file.is_file().then(|| {
                Arc::new(reqlint::Config::load(&file).expect("the fixture configuration is valid"))
            })
        })
        .clone()
}

/// The directory of a fixture that is a module of several files (`fixtures/terraform/invalid/
/// HW001-name-from-tfvars/main.tf`): its other files supply values. A fixture directly under
/// `valid/` or `invalid/` is linted alone (its neighbours are other fixtures).
pub fn module_dir(path: &Path) -> Option<&Path> {
    let dir = path.parent()?;
    let kind = dir.parent()?.file_name()?;
    // Relative, as a user runs reqlint from the repository (tests run there).
    let dir = dir.strip_prefix(root()).unwrap_or(dir);
    (kind == "valid" || kind == "invalid").then_some(dir)
}

/// Every finding of a report, those it placed in other files included.
pub fn all_findings(report: &FileReport) -> Vec<&reqlint::Diagnostic> {
    let mut all: Vec<_> = report.diagnostics.iter().collect();
    for other in &report.elsewhere {
        all.extend(all_findings(other));
    }
    all
}

/// The rule code an invalid fixture is about: its name's first word, or its directory's for
/// the main file of a module.
pub fn fixture_code(path: &Path) -> String {
    let named = if module_dir(path).is_some() {
        path.parent().unwrap().file_name().unwrap()
    } else {
        path.file_name().unwrap()
    };
    named
        .to_string_lossy()
        .split('-')
        .next()
        .unwrap()
        .to_string()
}

/// The expected-file text of a report: one line per finding, then the rendering.
pub fn snapshot(report: &FileReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let (l, c) = report.source.line_col(d.span.offset);
        let (el, ec) = report.source.line_col(d.span.end());
        let pointer = if d.pointer.is_empty() {
            "\"\""
        } else {
            &d.pointer
        };
        out.push_str(&format!(
            "{} {} {} {l}:{c}-{el}:{ec}\n",
            d.code, d.severity, pointer
        ));
    }
    out.push('\n');
    out.push_str(&render::human(
        report,
        HumanOptions {
            color: false,
            width: 100,
        },
    ));
    for other in &report.elsewhere {
        out.push_str(&format!("--- placed in {}\n", other.source.name()));
        out.push_str(&snapshot(other));
    }
    out
}

/// The file of a module fixture that is linted, the first of these it holds; the others
/// supply its values or its configuration.
pub const MODULE_MAIN: [&str; 4] = ["plan.json", "main.tf", "main.pkr.hcl", "terragrunt.hcl"];

/// Every fixture file under `fixtures/*/<kind>/`, and the main file of every module fixture
/// (a directory there).
pub fn fixtures(kind: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for api_dir in std::fs::read_dir(root().join("fixtures")).expect("fixtures/") {
        let dir = api_dir.expect("entry").path().join(kind);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.expect("entry").path();
            if p.is_dir() {
                let main = MODULE_MAIN.iter().map(|m| p.join(m)).find(|m| m.exists());
                let main = main.unwrap_or_else(|| {
                    panic!(
                        "{}: a module fixture holds one of {MODULE_MAIN:?}",
                        p.display()
                    )
                });
                out.push(main);
            } else if InputKind::from_path(&p).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
