//! Front-ends: each kind of file a request can be written in, turned into requests the engine
//! checks by the same rules. A front-end gives, for every request it finds, the canonical body
//! of its API, where each member was written (a `Locator`), and which members hold a value that
//! is not known before the request is sent. The engine never learns which front-end a request
//! came from.
//!
//! JSON bodies, `.http` files and query strings are read by the engine itself today (`parse`,
//! `input`, `query`); Terraform configuration and Terraform plans are front-ends behind this
//! seam, both reading the same resource-to-request mappings.

pub mod folder;
pub(crate) mod hcl;
pub(crate) mod mapping;
pub mod packer;
pub mod shell;
pub mod terraform;
pub mod terraform_json;
pub mod terraform_plan;

use crate::api::Api;
use crate::diagnostic::Span;
use crate::parse::Locator;
use serde_json::Value;

/// One request found in a file.
pub struct Request<'a> {
    pub api: Api,
    /// The canonical body; a member whose value is unknown holds a placeholder.
    pub body: Value,
    /// Where the members are in the file (file offsets).
    pub locator: Box<dyn Locator + 'a>,
    /// Pointers of the members whose value is unknown: present, but no finding may rest on
    /// them.
    pub unknown: Vec<String>,
    /// What the file calls the request (`alicloud_image.web`).
    pub resource: Option<String>,
    /// Pointers of the members the tool sends that the file does not write (a provider's
    /// default): only an error is reported on them, since the user cannot remove them.
    pub implied: Vec<String>,
    /// Pointers of members that may or may not be sent (a plan's computed values): they hold
    /// a placeholder, and no finding rests on them, not even on their presence.
    pub uncertain: Vec<String>,
    /// How the file names members (pointer -> `image_name`, `tags.env`,
    /// `disk_device_mapping[1].size`), given the body: findings name them so. Asked only when
    /// there is something to report.
    pub names: Option<Names>,
    /// The file the locator's offsets are in, when it is not the linted file (a plan's
    /// resource located in the `.tf` file that configures it). Findings go to that file.
    pub file: Option<crate::source::SourceFile>,
    /// The request may hold members the file does not show (a command-line flag whose name is
    /// an expansion): no finding may rest on a member being absent.
    pub open: bool,
}

/// How a front-end names the members of a request body (pointer -> name as written).
pub type Names = Box<dyn Fn(&Value) -> Vec<(String, String)> + Send + Sync>;

/// A file the front-end cannot read: one finding at the fault.
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

/// The value an unknown member holds in the canonical body: present, and a string no rule
/// takes for a real value (findings on it are dropped anyway).
pub const UNKNOWN: &str = "(known after apply)";

/// Whether `pointer` is one of `unknown` or inside one.
pub fn is_unknown(unknown: &[String], pointer: &str) -> bool {
    unknown.iter().any(|u| {
        pointer
            .strip_prefix(u.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}
