//! The files beside a linted file that supply values to it: Terraform's `terraform.tfvars` and
//! `*.auto.tfvars`, and the `variable` and `locals` blocks of the module's other `.tf` files;
//! Packer's `*.pkrvars.hcl` and the other `.pkr.hcl` files of the template. Nothing is read
//! until a file asks for a value it does not hold itself, and each folder is read once, however
//! many of its files are linted.

use hcl_edit::structure::Body;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One HCL file of the folder, parsed.
pub(crate) struct Parsed {
    /// The file name, as a finding's label names it.
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) body: Body,
}

impl Parsed {
    /// The 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        1 + self.text.as_bytes()[..offset.min(self.text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
    }
}

/// The value files and the declaring files of one tool in a folder.
#[derive(Default)]
pub(crate) struct Files {
    /// Files that set variables (`*.tfvars`), lowest precedence first.
    pub(crate) values: Vec<Parsed>,
    /// Files that declare variables or locals (other `.tf` / `.pkr.hcl` files).
    pub(crate) declaring: Vec<Parsed>,
}

/// Which files a tool reads beside its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tool {
    Terraform,
    #[expect(
        dead_code,
        reason = "the Packer front-end (issue 12) is the next to read it"
    )]
    Packer,
}

impl Tool {
    /// Where a value file comes in the precedence order (higher wins), or `None`.
    fn value_rank(self, name: &str) -> Option<u8> {
        match self {
            Tool::Terraform if name == "terraform.tfvars" => Some(0),
            Tool::Terraform if name.ends_with(".auto.tfvars") => Some(1),
            Tool::Packer if name.ends_with(".auto.pkrvars.hcl") => Some(1),
            Tool::Packer if name.ends_with(".pkrvars.hcl") => Some(0),
            _ => None,
        }
    }

    fn declares(self, name: &str) -> bool {
        match self {
            Tool::Terraform => name.ends_with(".tf"),
            Tool::Packer => name.ends_with(".pkr.hcl"),
        }
    }
}

/// The folder of a linted file (a Terraform module, a Packer template's directory).
pub struct Folder {
    dir: PathBuf,
    terraform: OnceLock<Files>,
    packer: OnceLock<Files>,
}

impl Folder {
    /// The folder `dir`; nothing is read yet.
    pub fn new(dir: impl Into<PathBuf>) -> Folder {
        Folder {
            dir: dir.into(),
            terraform: OnceLock::new(),
            packer: OnceLock::new(),
        }
    }

    /// The folder of `file` (its parent directory; `.` for a bare file name).
    pub fn of(file: &Path) -> Folder {
        match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => Folder::new(p),
            _ => Folder::new("."),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The files of `tool` in this folder, read on first use.
    pub(crate) fn files(&self, tool: Tool) -> &Files {
        let cell = match tool {
            Tool::Terraform => &self.terraform,
            Tool::Packer => &self.packer,
        };
        cell.get_or_init(|| read(&self.dir, tool))
    }
}

/// Files larger than this are not read for values (a module's variables file is small).
const LARGEST: u64 = 4 * 1024 * 1024;

fn read(dir: &Path, tool: Tool) -> Files {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Files::default();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= LARGEST)
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| tool.value_rank(n).is_some() || tool.declares(n))
        .collect();
    names.sort();
    let parse = |name: &String, needs: Option<&[&str]>| -> Option<Parsed> {
        let text = std::fs::read_to_string(dir.join(name)).ok()?;
        // Most files of a module declare nothing: they are not parsed.
        if let Some(words) = needs
            && !words.iter().any(|w| text.contains(w))
        {
            return None;
        }
        let body = hcl_edit::parser::parse_body(&text).ok()?;
        Some(Parsed {
            name: name.clone(),
            text,
            body,
        })
    };
    let mut values: Vec<(u8, Parsed)> = names
        .iter()
        .filter_map(|n| Some((tool.value_rank(n)?, parse(n, None)?)))
        .collect();
    values.sort_by_key(|(rank, p)| (*rank, p.name.clone()));
    use rayon::prelude::*;
    let declaring = names
        .par_iter()
        .filter(|n| tool.declares(n))
        .filter_map(|n| parse(n, Some(&["variable", "locals"])))
        .collect();
    Files {
        values: values.into_iter().map(|(_, p)| p).collect(),
        declaring,
    }
}
