#![warn(missing_docs)]
//! reqlint: lint cloud "create image" API requests against every documented constraint before
//! they are sent.
//!
//! ```
//! use reqlint::{Api, LintOptions, Severity};
//!
//! let body = r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 300}"#;
//! let findings = reqlint::lint_str(body, LintOptions::default().api(Api::HuaweiImsCreateImage));
//! assert_eq!(findings[0].code, "IMS006");
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!(findings[0].pointer, "/min_disk");
//! ```
//!
//! The surface: [`lint_bytes`] (a file of any kind the command line reads), [`lint_str`] and
//! [`lint_value`] (one request body), [`lint_supplied`] (a body an SDK completes when it sends
//! it), all taking [`LintOptions`] (the API, a loaded [`Config`], the file's [`Folder`]); the
//! [`FileReport`] and its [`Finding`]s, which serialise as the JSON output's objects;
//! [`render`] for every output format; [`cli::run`], the command line itself. Everything else
//! is internal and may change (the few modules reqlint's own tests and benchmarks reach into
//! are hidden from these docs).

mod api;
mod baseline;
mod checks;
pub mod cli;
mod cloud;
mod config;
mod detect;
mod diagnostic;
#[doc(hidden)]
pub mod docs;
mod engine;
#[doc(hidden)]
pub mod frontend;
mod input;
mod lsp;
#[doc(hidden)]
pub mod online;
pub mod pack;
#[doc(hidden)]
pub mod parse;
mod percent;
mod pointer;
pub mod render;
#[doc(hidden)]
pub mod rule;
#[doc(hidden)]
pub mod rules;
#[doc(hidden)]
pub mod schema;
mod source;
mod suppress;

pub use api::Api;
pub use config::{Config, ConfigError};
pub use diagnostic::{Diagnostic, Edit, Finding, Fix, Label, Severity, Span};
pub use engine::{
    FileReport, LintOptions, MAX_FILE_BYTES, lint_bytes, lint_str, lint_supplied, lint_value,
};
pub use frontend::folder::Folder;
pub use input::InputKind;
pub use pack::add_folder as add_pack;
pub use pack::{SdkClass, python_sdk_classes};
pub use source::SourceFile;
