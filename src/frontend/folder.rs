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
    /// A `.tfvars.json` file is read as HCL with one attribute a line: the line of each in
    /// the JSON file, by the line of the HCL text.
    json_lines: Option<Vec<usize>>,
}

impl Parsed {
    /// The 1-based line of a byte offset (asked at every use of a value the file supplies:
    /// found in the file's line index, not by counting the line ends before it).
    pub(crate) fn line(&self, offset: usize) -> usize {
        let line = self.source.line_of(offset.min(self.source.text().len()));
        match &self.json_lines {
            Some(lines) => lines.get(line).copied().unwrap_or(1),
            None => 1 + line,
        }
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
            Tool::Terraform if name == "terraform.tfvars.json" => Some(1),
            Tool::Terraform if name.ends_with(".auto.tfvars") => Some(2),
            Tool::Terraform if name.ends_with(".auto.tfvars.json") => Some(2),
            Tool::Packer if name.ends_with(".auto.pkrvars.hcl") => Some(1),
            Tool::Packer if name.ends_with(".pkrvars.hcl") => Some(0),
            _ => None,
        }
    }

    fn declares(self, name: &str) -> bool {
        match self {
            Tool::Terraform => name.ends_with(".tf") || name.ends_with(".tofu"),
            Tool::Packer => name.ends_with(".pkr.hcl"),
        }
    }
}

/// Whether a Terraform file is an override file (`override.tf`, `*_override.tf`, and their
/// `.tofu`, `.tf.json` and `.tofu.json` forms): its blocks merge into the blocks of the same
/// name in the module's other files.
pub(crate) fn is_override(name: &str) -> bool {
    [".tf", ".tofu", ".tf.json", ".tofu.json"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .is_some_and(|stem| stem == "override" || stem.ends_with("_override"))
}

/// Whether OpenTofu reads `NAME.tofu` (or `NAME.tofu.json`) in place of the file `name` of
/// `dir` (`NAME.tf`, `NAME.tf.json`). One look at the disk per call: a folder asks
/// [`Folder::shadows`], which lists its directory once.
pub(crate) fn shadowed(dir: &Path, name: &str) -> bool {
    let tofu = if let Some(stem) = name.strip_suffix(".tf") {
        format!("{stem}.tofu")
    } else if let Some(stem) = name.strip_suffix(".tf.json") {
        format!("{stem}.tofu.json")
    } else {
        return false;
    };
    dir.join(tofu).is_file()
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
    /// The module's override files, and its other `.tf`/`.tofu` files, each parsed whole, on
    /// first use (asked only when an override file is there).
    overrides: OnceLock<Vec<Parsed>>,
    bases: OnceLock<Vec<Parsed>>,
    /// The names of its `.tofu` files, listed on first use.
    tofu: OnceLock<std::collections::HashSet<String>>,
    /// Values from the command line, after the folder's own files: `--var-file` files, then
    /// `--var NAME=VALUE` (Terraform's `-var-file` and `-var`).
    given: Given,
    /// The folder is a directory on disk (not the files of a ROS template's `Workspace`):
    /// other files, modules and OpenTofu's files are looked for beside the linted one.
    on_disk: bool,
}

/// Variable values given on the command line.
#[derive(Default, Clone, Debug)]
pub struct Given {
    pub files: Vec<PathBuf>,
    pub vars: Vec<(String, String)>,
}

impl Folder {
    /// The folder `dir`; nothing is read yet.
    pub fn new(dir: impl Into<PathBuf>) -> Folder {
        Folder {
            dir: dir.into(),
            values: Default::default(),
            declaring: Default::default(),
            overrides: OnceLock::new(),
            bases: OnceLock::new(),
            tofu: OnceLock::new(),
            given: Given::default(),
            on_disk: true,
        }
    }

    /// Whether the folder is a directory on disk.
    pub(crate) fn on_disk(&self) -> bool {
        self.on_disk
    }

    /// This folder, as the root module of a run given `--var-file` and `--var` values.
    pub fn with_given(mut self, given: Given) -> Folder {
        self.given = given;
        self
    }

    /// The folder of a module another calls: Terraform reads no value files for it.
    pub(crate) fn called(dir: &Path) -> Folder {
        let folder = Folder::new(dir);
        for values in &folder.values {
            let _ = values.set(Vec::new());
        }
        folder
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
            let mut files: Vec<Parsed> = files.into_iter().map(|(_, p)| p).collect();
            if tool == Tool::Terraform {
                files.extend(self.given.files.iter().filter_map(|path| {
                    let name = path.display().to_string();
                    let text = super::read_regular(path, LARGEST)?;
                    parsed(name, text)
                }));
                files.extend(self.given.vars.iter().filter_map(|(name, value)| {
                    let text = format!("{name} = {}\n", self.given_value(name, value));
                    parsed(format!("--var {name}"), text)
                }));
            }
            files
        })
    }

    /// A `--var NAME=VALUE` value as HCL, as Terraform reads it: a literal string for a
    /// variable with no type or a primitive one (converted to a number or a bool when it is
    /// declared so), an HCL expression for a collection type or `any`.
    fn given_value(&self, name: &str, value: &str) -> String {
        let kind = self.declaring(Tool::Terraform).iter().find_map(|f| {
            let block = f
                .body
                .get_blocks("variable")
                .find(|b| b.labels.first().is_some_and(|l| l.as_str() == name))?;
            let ty = block.body.get_attribute("type")?;
            Some(ty.value.to_string().trim().to_string())
        });
        let literal = || {
            serde_json::to_string(value)
                .unwrap_or_default()
                .replace("${", "$${")
                .replace("%{", "%%{")
        };
        match kind.as_deref() {
            None | Some("string") => literal(),
            Some("number") if value.trim().parse::<f64>().is_ok() => value.trim().to_string(),
            Some("bool") if matches!(value.trim(), "true" | "false") => value.trim().to_string(),
            // Not a value of its type: Terraform refuses it; unknown here.
            Some("number" | "bool") => "(null_resource.reqlint_unknown)".to_string(),
            Some(_) => value.to_string(),
        }
    }

    /// Whether OpenTofu reads `NAME.tofu` in place of this folder's file `name` (`NAME.tf`):
    /// the folder's `.tofu` files are listed once, not looked for once per file.
    pub(crate) fn shadows(&self, name: &str) -> bool {
        let tofu = self.tofu.get_or_init(|| {
            names(&self.dir, |n| {
                n.ends_with(".tofu") || n.ends_with(".tofu.json")
            })
            .into_iter()
            .collect()
        });
        if tofu.is_empty() {
            return false;
        }
        let wanted = if let Some(stem) = name.strip_suffix(".tf") {
            format!("{stem}.tofu")
        } else if let Some(stem) = name.strip_suffix(".tf.json") {
            format!("{stem}.tofu.json")
        } else {
            return false;
        };
        tofu.contains(&wanted)
    }

    /// The module's override files, by name (the order Terraform merges them in).
    pub(crate) fn overrides(&self) -> &[Parsed] {
        self.overrides.get_or_init(|| {
            names(&self.dir, |n| Tool::Terraform.declares(n) && is_override(n))
                .iter()
                .filter(|n| !self.shadows(n))
                .filter_map(|n| parse(&self.dir, n, None))
                .collect()
        })
    }

    /// The module's `.tf`/`.tofu` files that are not override files, by name.
    pub(crate) fn bases(&self) -> &[Parsed] {
        self.bases.get_or_init(|| {
            names(&self.dir, |n| {
                Tool::Terraform.declares(n) && !is_override(n)
            })
            .iter()
            .filter(|n| !self.shadows(n))
            .filter_map(|n| parse(&self.dir, n, Some(&["resource"])))
            .collect()
        })
    }

    /// The files that declare variables or locals for `tool`.
    pub(crate) fn declaring(&self, tool: Tool) -> &[Parsed] {
        self.declaring[tool as usize].get_or_init(|| {
            use rayon::prelude::*;
            names(&self.dir, |n| tool.declares(n))
                .into_iter()
                .filter(|n| tool != Tool::Terraform || !self.shadows(n))
                .collect::<Vec<_>>()
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
        let mut folder = Folder::new("");
        folder.on_disk = false;
        let _ = folder.overrides.set(Vec::new());
        let _ = folder.bases.set(Vec::new());
        let all = |files: Vec<(String, String)>, needs: Option<&[&str]>| -> Vec<Parsed> {
            files
                .into_iter()
                .filter_map(|(name, text)| parsed_if(name, text, needs))
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
    parsed_if(name.to_string(), text, needs)
}

/// A file's text, parsed (with `needs`, only when it holds one of those words).
fn parsed_if(name: String, text: String, needs: Option<&[&str]>) -> Option<Parsed> {
    if let Some(words) = needs
        && !words.iter().any(|w| text.contains(w))
    {
        return None;
    }
    parsed(name, text)
}

/// A value or declaring file named `name` (a `.json` one is a `.tfvars.json` file).
fn parsed(name: String, text: String) -> Option<Parsed> {
    if name.ends_with(".json") {
        return json_values(name, &text);
    }
    let body = super::hcl::parse(&text).ok()?;
    Some(Parsed {
        names: super::hcl::Names::of(&body),
        source: crate::source::SourceFile::new(name.clone(), text),
        name,
        body,
        json_lines: None,
    })
}

/// A `.tfvars.json` file: an object whose members are variable values, read as one HCL
/// attribute a line (`NAME = VALUE`; JSON is HCL's expression syntax, and its strings are
/// literal: no `${...}` in them is a template).
fn json_values(name: String, text: &str) -> Option<Parsed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(serde_json::Value::Object(members)) = serde_json::from_str(text) else {
        return None;
    };
    let tree = crate::parse::SpanTree::new(text)?;
    let source = crate::source::SourceFile::new(name.clone(), text.to_string());
    let mut hcl = String::new();
    let mut lines = Vec::new();
    for (key, value) in &members {
        // A name HCL cannot write as an identifier is no variable.
        if !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            || key.is_empty()
        {
            continue;
        }
        let pointer = crate::pointer::push("", key);
        let at = crate::parse::Locator::span(&tree, &pointer, crate::parse::Part::Key)
            .map_or(0, |s| s.offset);
        lines.push(1 + source.line_of(at));
        let value = serde_json::to_string(value)
            .ok()?
            .replace("${", "$${")
            .replace("%{", "%%{");
        hcl.push_str(&format!("{key} = {value}\n"));
    }
    let body = super::hcl::parse(&hcl).ok()?;
    Some(Parsed {
        names: super::hcl::Names::of(&body),
        source: crate::source::SourceFile::new(name.clone(), hcl),
        name,
        body,
        json_lines: Some(lines),
    })
}
