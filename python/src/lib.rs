//! `reqlint._reqlint`: the engine, for the `reqlint` Python package (python/reqlint). The
//! package turns requests (dicts, JSON text, the clouds' SDK objects) into JSON text and reads
//! the findings back from the JSON output; this module only lints, lists and runs the command
//! line. The lint itself runs without the GIL, so threads lint in parallel.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use reqlint::Config;
use reqlint::{Api, InputKind, LintOptions};
use std::path::Path;

/// Lints one request body (JSON text, as UTF-8 bytes) and returns the JSON output (`reqlint check --format
/// json`) of it, as text. `api` is an API id (else detection, or the configuration's `[api]`
/// for `filename`); `config` a path to a `reqlint.toml`; `filename` the name used in messages
/// and for the configuration's globs; `supplied`, top-level pointers of members an SDK's client
/// fills in when it sends the request (present, value unknown; needs `api`). `online`: `True`
/// also asks the cloud (`reqlint check --online`), `None` as the configuration's `[online]`
/// says, `False` never; the notes of the clouds that could not be asked are the output's
/// `notes`.
#[pyfunction]
#[pyo3(signature = (text, api=None, config=None, filename=None, supplied=None, online=None))]
fn lint_json(
    py: Python<'_>,
    text: &[u8],
    api: Option<&str>,
    config: Option<&str>,
    filename: Option<&str>,
    supplied: Option<Vec<String>>,
    online: Option<bool>,
) -> PyResult<String> {
    let api = api
        .map(|a| {
            a.parse::<Api>().map_err(|_| {
                let ids: Vec<&str> = Api::all().iter().map(|a| a.as_str()).collect();
                PyValueError::new_err(format!(
                    "unknown API id {a:?}; the API ids are {}",
                    ids.join(", ")
                ))
            })
        })
        .transpose()?;
    // The configuration given, else the nearest one above `filename` (as the command line
    // finds it for a file).
    let config_path = config
        .map(Path::new)
        .map(Path::to_path_buf)
        .or_else(|| filename.and_then(|f| Config::find_for(Path::new(f))));
    let config = match config_path {
        Some(path) => Some(std::sync::Arc::new(Config::load(&path).map_err(|e| {
            PyValueError::new_err(format!("invalid configuration {}: {e}", path.display()))
        })?)),
        None => None,
    };
    let name = filename.unwrap_or("<request>");
    let session = match online {
        Some(false) => None,
        on => Some(std::sync::Arc::new(reqlint::online::Session::new(
            match on {
                Some(true) => reqlint::online::Mode::On,
                _ => reqlint::online::Mode::Configured,
            },
            config
                .as_ref()
                .map(|c| c.online.clone())
                .unwrap_or_default(),
        ))),
    };
    let out = py.detach(|| {
        let mut options = LintOptions::default().api(api);
        if let Some(config) = config {
            options = options.config(config);
        }
        if let Some(session) = &session {
            options = options.online(session.clone());
        }
        let report = match (supplied, api, std::str::from_utf8(text)) {
            (Some(supplied), Some(api), Ok(text)) => {
                reqlint::lint_supplied(name, text, api, &supplied, options)
            }
            _ => reqlint::lint_bytes(name, text, InputKind::Json, options),
        };
        let out = reqlint::render::json(&[report]);
        match session.map(|s| s.notes()).filter(|n| !n.is_empty()) {
            Some(notes) => match serde_json::from_str::<serde_json::Value>(&out) {
                Ok(serde_json::Value::Object(mut o)) => {
                    o.insert("notes".into(), notes.into());
                    serde_json::Value::Object(o).to_string()
                }
                _ => out,
            },
            None => out,
        }
    });
    Ok(out)
}

/// Adds the API pack in the folder `path` (a team's own API, as `reqlint --pack DIR`); returns
/// its API id. Packs are added before the first request is linted.
#[pyfunction]
fn add_pack(path: &str) -> PyResult<String> {
    reqlint::add_pack(Path::new(path)).map_err(|e| PyValueError::new_err(format!("pack {e}")))
}

/// The API ids.
#[pyfunction]
fn apis() -> Vec<&'static str> {
    Api::all().iter().map(|a| a.as_str()).collect()
}

/// The Python SDK request classes the API packs name (their `sdk.json`), as JSON text: a list of
/// `{api, module, class, read, supplied}`.
#[pyfunction]
fn sdk_classes() -> String {
    serde_json::to_string(&reqlint::python_sdk_classes()).unwrap_or_else(|_| "[]".into())
}

/// The rules, as `reqlint rules --format json` prints them (JSON text).
#[pyfunction]
fn rules_json() -> String {
    serde_json::to_string(&reqlint::docs::catalogue()).unwrap_or_else(|_| "[]".into())
}

/// Runs the `reqlint` command line with `argv` (the program name first); returns its exit
/// status.
#[pyfunction]
fn cli(py: Python<'_>, argv: Vec<String>) -> u8 {
    py.detach(|| reqlint::cli::run(argv).code())
}

#[pymodule]
fn _reqlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(lint_json, m)?)?;
    m.add_function(wrap_pyfunction!(apis, m)?)?;
    m.add_function(wrap_pyfunction!(add_pack, m)?)?;
    m.add_function(wrap_pyfunction!(rules_json, m)?)?;
    m.add_function(wrap_pyfunction!(sdk_classes, m)?)?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
