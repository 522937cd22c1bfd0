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
//! The pipeline, one module each: [`input`] (what a file holds), [`parse`] (one parse per body,
//! spans on demand), [`detect`] (which API), [`schema`] and [`rules`] (what is wrong, as JSON
//! Pointers), [`engine`] (pointers to spans), [`render`] (human, concise and JSON output).

pub mod api;
pub mod cli;
pub mod config;
pub mod detect;
pub mod diagnostic;
pub mod docs;
pub mod engine;
pub mod frontend;
pub mod input;
pub mod lsp;
pub mod parse;
pub mod percent;
pub mod pointer;
pub mod render;
pub mod rule;
pub mod rules;
pub mod schema;
pub mod source;

pub use api::Api;
pub use diagnostic::{Diagnostic, Finding, Label, Severity, Span};
pub use engine::{FileReport, LintOptions, lint_bytes, lint_str, lint_supplied, lint_value};
pub use input::InputKind;
pub use source::SourceFile;
