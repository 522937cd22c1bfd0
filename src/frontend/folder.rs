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
    /// Its text, whose line index is built on first use.
    source: crate::source::SourceFile,
    pub(crate) body: Body,
    /// Its locals, variables and attributes by name.
    pub(crate) names: super::hcl::Names,
}

impl Parsed {
    /// The 1-based line of a byte offset (asked at every use of a value the file supplies:
    /// found in the file's line index, not by counting the line ends before it).
    pub(crate) fn line(&self, offset: usize) -> usize {
        1 + self.source.line_of(offset.min(self.source.text().len()))
    }
}

/// Which files a tool reads beside its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tool {
    Terraform = 0,
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
    /// Per tool: the files that set variables (`*.tfvars`), lowest precedence first; the
    /// files that declare variables or locals (the other `.tf` / `.pkr.hcl` files). Each is
    /// read on first use: most files need no value file, and the declaring files only for a
    /// name they do not declare themselves.
    values: [OnceLock<Vec<Parsed>>; 2],
    declaring: [OnceLock<Vec<Parsed>>; 2],
}

impl Folder {
    /// The folder `dir`; nothing is read yet.
    pub fn new(dir: impl Into<PathBuf>) -> Folder {
        Folder {
            dir: dir.into(),
            values: Default::default(),
            declaring: Default::default(),
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

    /// The files that set variables for `tool`, lowest precedence first.
    pub(crate) fn values(&self, tool: Tool) -> &[Parsed] {
        self.values[tool as usize].get_or_init(|| {
            let mut files: Vec<(u8, Parsed)> = names(&self.dir, |n| tool.value_rank(n).is_some())
                .iter()
                .filter_map(|n| Some((tool.value_rank(n)?, parse(&self.dir, n, None)?)))
                .collect();
            files.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
            files.into_iter().map(|(_, p)| p).collect()
        })
    }

    /// The files that declare variables or locals for `tool`.
    pub(crate) fn declaring(&self, tool: Tool) -> &[Parsed] {
        self.declaring[tool as usize].get_or_init(|| {
            use rayon::prelude::*;
            names(&self.dir, |n| tool.declares(n))
                .par_iter()
                .filter_map(|n| parse(&self.dir, n, Some(&["variable", "locals"])))
                .collect()
        })
    }
}

impl Folder {
    /// A Terraform module whose files are given as texts, nothing read from disk (the
    /// `Workspace` of a ROS template): `values` set variables as `.tfvars` files do, lowest
    /// precedence first; `declaring` are the module's `.tf` files.
    pub(crate) fn of_texts(
        values: Vec<(String, String)>,
        declaring: Vec<(String, String)>,
    ) -> Folder {
        let folder = Folder::new("");
        let all = |files: Vec<(String, String)>, needs: Option<&[&str]>| -> Vec<Parsed> {
            files
                .into_iter()
                .filter_map(|(name, text)| parsed(name, text, needs))
                .collect()
        };
        let terraform = Tool::Terraform as usize;
        let packer = Tool::Packer as usize;
        let _ = folder.values[terraform].set(all(values, None));
        let _ = folder.declaring[terraform].set(all(declaring, Some(&["variable", "locals"])));
        let _ = folder.values[packer].set(Vec::new());
        let _ = folder.declaring[packer].set(Vec::new());
        folder
    }
}

/// Files larger than this are not read for values (a module's variables file is small).
const LARGEST: u64 = 4 * 1024 * 1024;

/// The names of the files of `dir` that `wanted` accepts, sorted (whether each is a regular
/// file is seen when it is read).
fn names(dir: &Path, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| wanted(n))
        .collect();
    names.sort();
    names
}

/// A file of `dir`, parsed; with `needs`, only when its text holds one of those words (most
/// files of a module declare nothing, and are not parsed).
fn parse(dir: &Path, name: &str, needs: Option<&[&str]>) -> Option<Parsed> {
    let text = super::read_regular(&dir.join(name), LARGEST)?;
    parsed(name.to_string(), text, needs)
}

/// A file's text, parsed (with `needs`, only when it holds one of those words).
fn parsed(name: String, text: String, needs: Option<&[&str]>) -> Option<Parsed> {
    if let Some(words) = needs
        && !words.iter().any(|w| text.contains(w))
    {
        return None;
    }
    let body = super::hcl::parse(&text).ok()?;
    Some(Parsed {
        names: super::hcl::Names::of(&body),
        source: crate::source::SourceFile::new(name.as_str(), text),
        name,
        body,
    })
}
