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
    /// Terragrunt's `terragrunt.hcl`: the image resources of the module its `terraform {
    /// source }` names, with its `inputs` (`crate::frontend::terragrunt`).
    Terragrunt,
    /// YAML (`.yaml`, `.yml`): the requests of a ROS template (`crate::frontend::ros`); any
    /// other YAML file holds none.
    Yaml,
}

impl InputKind {
    /// The kind of a path, by extension; `None` for files reqlint does not lint.
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".pkr.hcl") {
            return Some(InputKind::Packer);
        }
        if name == "terragrunt.hcl" {
            return Some(InputKind::Terragrunt);
        }
        // Values of a module's requests (`prod.tfvars.json`), not a request body.
        if name.ends_with(".tfvars.json") {
            return None;
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(InputKind::Json),
            "jsonc" => Some(InputKind::Jsonc),
            "http" | "rest" => Some(InputKind::Http),
            // OpenTofu reads `.tofu` files as Terraform reads `.tf` files.
            "tf" | "tofu" => Some(InputKind::Terraform),
            "sh" | "bash" => Some(InputKind::Shell),
            "yaml" | "yml" => Some(InputKind::Yaml),
            _ => None,
        }
    }

    /// Whether a path is a Terraform variable file (`terraform.tfvars`, `*.auto.tfvars`, any
    /// `*.tfvars` or `*.tfvars.json`): it holds values of a module's requests, not requests.
    pub fn is_variable_file(path: &Path) -> bool {
        path.file_name()
            .and_then(|n| n.to_str())
            .map(str::to_ascii_lowercase)
            .is_some_and(|n| n.ends_with(".tfvars") || n.ends_with(".tfvars.json"))
    }

    /// The kind of a file named explicitly (on the command line, by pre-commit): by its
    /// extension, else JSON when its text starts like JSON; `None` for a file that holds no
    /// request reqlint reads (a YAML or TOML file, a README), which then gets no finding.
    pub fn of_named_file(path: &Path, head: &[u8]) -> Option<Self> {
        if let Some(kind) = Self::from_path(path) {
            return Some(kind);
        }
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b'[') => Some(InputKind::Json),
            // What `aliyun ... --dryrun` or `hcloud ... --dryrun` prints, saved to a file.
            _ if crate::frontend::http::dry_run(&String::from_utf8_lossy(
                &head[..head.len().min(256)],
            ))
            .is_some() =>
            {
                Some(InputKind::Http)
            }
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
            | InputKind::Shell
            | InputKind::Terragrunt
            | InputKind::Yaml => Dialect::Json,
        }
    }
}
