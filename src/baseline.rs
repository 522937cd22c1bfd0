//! A baseline: the findings a repository already had when it adopted reqlint, recorded so that
//! a run reports only new ones (`reqlint check --baseline FILE`, written by
//! `--update-baseline`).
//!
//! An entry is keyed on what the finding is about, never on where it is: the file's path
//! (relative to the baseline's folder), the rule code, the request's address (a Terraform
//! resource address, a Packer source, a command's line, an `.http` request's number), the
//! member pointer, and a hash of the offending value (the text the finding underlines). Edits
//! elsewhere in the file keep an entry valid; a changed value is a new finding. The file is JSON,
//! one entry a line, sorted, so that it is stable across runs and reads well in review.

use crate::diagnostic::{Diagnostic, Span};
use crate::engine::FileReport;
use crate::parse::{Part, SpanTree};
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The file's format version.
const VERSION: u64 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline's folder, with `/` separators.
    pub path: String,
    pub code: String,
    /// The request's address in the file; empty for a file-level finding.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default)]
    pub pointer: String,
    /// `sha256:` and the first 16 hex digits of the hash of the underlined text.
    pub value: String,
    /// The finding's message when it was recorded: for the reader, not part of the key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

impl Entry {
    /// The key of a finding in `source`, whose file is at `path` relative to the baseline.
    fn of(path: &str, source: &SourceFile, d: &Diagnostic) -> Entry {
        let text = source.text();
        let value = text
            .get(d.span.offset..d.span.end())
            .unwrap_or_default()
            .as_bytes();
        let hash = Sha256::digest(value);
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        Entry {
            path: path.to_string(),
            code: d.code.to_string(),
            address: match (&d.resource, d.request) {
                (Some(resource), _) => resource.clone(),
                (None, Some(n)) => format!("request {n}"),
                (None, None) => String::new(),
            },
            pointer: d.pointer.clone(),
            value: format!("sha256:{hex}"),
            message: d.message.clone(),
        }
    }

    /// What identifies the finding (everything but the message).
    fn key(&self) -> String {
        [
            &self.path,
            &self.code,
            &self.address,
            &self.pointer,
            &self.value,
        ]
        .map(String::as_str)
        .join("\0")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u64,
    entries: Vec<Entry>,
}

/// A loaded baseline.
pub struct Baseline {
    /// The baseline file, as named on the command line.
    path: PathBuf,
    /// Its folder, absolute: entry paths are relative to it.
    dir: PathBuf,
    source: SourceFile,
    entries: Vec<Entry>,
}

/// What applying a baseline to a run did.
pub struct Applied {
    /// Findings not reported because the baseline records them.
    pub matched: usize,
    /// The entries that matched no finding of a file the run linted, as findings in the
    /// baseline file (`None` when there are none).
    pub stale: Option<FileReport>,
}

impl Baseline {
    /// Reads a baseline; a file that does not exist is an empty baseline when `may_be_new`.
    pub fn load(path: &Path, may_be_new: bool) -> Result<Baseline, String> {
        let name = path.display().to_string();
        let dir = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if may_be_new && e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("{name}: cannot read the baseline: {e}")),
        };
        let entries = if text.trim().is_empty() {
            Vec::new()
        } else {
            let file: File = serde_json::from_str(&text)
                .map_err(|e| format!("{name}: not a reqlint baseline: {e}"))?;
            if file.version != VERSION {
                return Err(format!(
                    "{name}: baseline version {} is not the {VERSION} this reqlint writes; run `--update-baseline`",
                    file.version
                ));
            }
            file.entries
        };
        Ok(Baseline {
            path: path.to_path_buf(),
            dir,
            source: SourceFile::new(name, text),
            entries,
        })
    }

    /// A report's file as the baseline names it: relative to the baseline's folder.
    fn relative(&self, report: &FileReport) -> String {
        let name = Path::new(report.source.name());
        std::path::absolute(name)
            .ok()
            .and_then(|a| a.strip_prefix(&self.dir).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| name.to_path_buf())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Removes the recorded findings from `reports`. Each entry matches one finding. An entry
    /// of a file in `linted` that matches nothing is stale: reported in the baseline file.
    pub fn apply(&self, reports: &mut [FileReport], linted: &BTreeSet<String>) -> Applied {
        let mut left: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            left.entry(e.key()).or_default().push(i);
        }
        let mut matched = 0;
        for report in reports.iter_mut() {
            let path = self.relative(report);
            let source = &report.source;
            report.diagnostics.retain(|d| {
                let probe = Entry::of(&path, source, d);
                match left.get_mut(&probe.key()).and_then(Vec::pop) {
                    Some(_) => {
                        matched += 1;
                        false
                    }
                    None => true,
                }
            });
        }
        let stale: Vec<usize> = left
            .values()
            .flatten()
            .copied()
            .filter(|&i| linted.contains(&self.entries[i].path))
            .collect();
        Applied {
            matched,
            stale: self.stale_report(stale),
        }
    }

    /// The entries at `indexes` as RQL014 findings on their lines of the baseline file.
    fn stale_report(&self, mut indexes: Vec<usize>) -> Option<FileReport> {
        if indexes.is_empty() {
            return None;
        }
        indexes.sort_unstable();
        let tree = SpanTree::new(self.source.text());
        let diagnostics = indexes
            .into_iter()
            .map(|i| {
                let e = &self.entries[i];
                let span = tree
                    .as_ref()
                    .and_then(|t| t.span(&format!("/entries/{i}"), Part::Value))
                    .unwrap_or(Span::new(0, 0));
                crate::engine::engine_finding(
                    "RQL014",
                    format!(
                        "this baseline entry ({} in `{}`) matches no finding",
                        e.code, e.path
                    ),
                    span,
                    None,
                )
            })
            .collect();
        Some(FileReport {
            source: self.source.clone(),
            api: None,
            diagnostics,
            elsewhere: Vec::new(),
        })
    }

    /// The baseline with the findings of `reports` recorded: entries of the files in `linted`
    /// are replaced by what was found now, others are kept. Returns the file's new text and
    /// how many entries were added and dropped.
    pub fn updated(&self, reports: &[FileReport], linted: &BTreeSet<String>) -> Updated {
        let mut entries: Vec<Entry> = self
            .entries
            .iter()
            .filter(|e| !linted.contains(&e.path))
            .cloned()
            .collect();
        for report in reports {
            let path = self.relative(report);
            entries.extend(
                report
                    .diagnostics
                    .iter()
                    .map(|d| Entry::of(&path, &report.source, d)),
            );
        }
        entries.sort();
        let before: BTreeSet<_> = self.entries.iter().map(Entry::key).collect();
        let after: BTreeSet<_> = entries.iter().map(Entry::key).collect();
        let added = after.difference(&before).count();
        let dropped = before.difference(&after).count();
        let mut text = format!("{{\n  \"version\": {VERSION},\n  \"entries\": [");
        for (i, e) in entries.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            let line = serde_json::to_string(e).expect("entries serialise");
            text.push_str(&format!("{sep}\n    {line}"));
        }
        text.push_str(if entries.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        Updated {
            text,
            entries: entries.len(),
            added,
            dropped,
        }
    }

    /// The baseline file, as named on the command line.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How a report's file is named in the baseline.
    pub fn name_of(&self, report: &FileReport) -> String {
        self.relative(report)
    }
}

/// A baseline's new text, and what changed.
pub struct Updated {
    pub text: String,
    pub entries: usize,
    pub added: usize,
    pub dropped: usize,
}
