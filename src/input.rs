//! What a file holds: one JSON body, one JSONC body, the requests of an `.http` file, the image
//! resources of a Terraform file or the sources of a Packer template.

use crate::parse::Dialect;
use std::path::Path;

/// How a file is read, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputKind {
    /// One JSON request body, a Terraform plan or `.tf.json`, a Packer JSON template.
    Json,
    /// One JSON body with comments and trailing commas (`.jsonc`).
    Jsonc,
    /// REST Client / JetBrains HTTP Client requests (`.http`, `.rest`).
    Http,
    /// Terraform configuration (`.tf`): its image resources (`crate::frontend::terraform`).
    Terraform,
    /// Packer templates (`.pkr.hcl`): their sources (`crate::frontend::packer`).
    Packer,
    /// Shell scripts (`.sh`, `.bash`): their image commands (`crate::frontend::shell`).
    Shell,
}

impl InputKind {
    /// The kind of a path, by extension; `None` for files reqlint does not lint.
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".pkr.hcl") {
            return Some(InputKind::Packer);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(InputKind::Json),
            "jsonc" => Some(InputKind::Jsonc),
            "http" | "rest" => Some(InputKind::Http),
            "tf" => Some(InputKind::Terraform),
            "sh" | "bash" => Some(InputKind::Shell),
            _ => None,
        }
    }

    pub(crate) fn dialect(self) -> Dialect {
        match self {
            InputKind::Jsonc => Dialect::Jsonc,
            InputKind::Json
            | InputKind::Http
            | InputKind::Terraform
            | InputKind::Packer
            | InputKind::Shell => Dialect::Json,
        }
    }
}
