//! The declared rules: every `[[rule]]` of a pack's `constraints.toml` (or of a shared folder's
//! that the pack includes) becomes a rule of the registry, with its metadata from the
//! declaration and its check from the schema's `x-rule` annotations (`kind = "schema"`) or from
//! the Rust check registered under its code (`kind = "rust"`).

use crate::api::Api;
use crate::diagnostic::Severity;
use crate::rule::{Check, Rule};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// One `[[rule]]` of a `constraints.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Declaration {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub kind: Kind,
    pub summary: String,
    pub why: String,
    pub fix: String,
    #[serde(default)]
    pub invalid: String,
    #[serde(default)]
    pub valid: String,
    pub source: String,
    #[serde(default)]
    pub cloud_error: Option<String>,
    #[serde(default)]
    pub constraints: Vec<String>,
}

/// How a declared rule is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// By the `x-rule` annotations of the API's schema that name it.
    Schema,
    /// By the Rust check registered under its code.
    Rust,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rule: Vec<Declaration>,
}

/// The declarations of the folder `folder` of `rules/`, if it has a `constraints.toml`.
pub(crate) fn declarations(folder: &str) -> Result<Vec<Declaration>, String> {
    let Some(text) = crate::pack::file(&format!("{folder}/constraints.toml")) else {
        return Ok(Vec::new());
    };
    toml::from_str::<File>(text)
        .map(|f| f.rule)
        .map_err(|e| format!("rules/{folder}/constraints.toml: {e}"))
}

/// Every declared rule of the bundled packs, each applying to the packs that declare or
/// include it. The packs are tested, so an error here is a bug in reqlint.
pub(super) fn rules() -> Vec<&'static Rule> {
    let checks: HashMap<&str, _> = super::rust_checks().map(|(c, f)| (*c, *f)).collect();
    let mut folders: HashMap<String, Vec<Declaration>> = HashMap::new();
    // code -> (the folder declaring it, its index there, the APIs it applies to)
    let mut found: BTreeMap<String, (String, usize, Vec<Api>)> = BTreeMap::new();
    for pack in crate::pack::all() {
        let own = std::iter::once(pack.id.as_str());
        for folder in own.chain(pack.include.iter().map(String::as_str)) {
            if !folders.contains_key(folder) {
                let list = declarations(folder).unwrap_or_else(|e| panic!("{e}"));
                folders.insert(folder.to_string(), list);
            }
            for (i, d) in folders[folder].iter().enumerate() {
                if folder != pack.id && pack.skip.contains(&d.code) {
                    continue;
                }
                let entry = found
                    .entry(d.code.clone())
                    .or_insert_with(|| (folder.to_string(), i, Vec::new()));
                assert_eq!(
                    entry.0, folder,
                    "rule {} is declared in two folders",
                    d.code
                );
                entry.2.push(pack.api());
            }
        }
    }
    let leak = |s: &str| -> &'static str { String::leak(s.to_string()) };
    found
        .into_values()
        .map(|(folder, i, apis)| {
            let d = &folders[&folder][i];
            let check = match d.kind {
                Kind::Schema => Check::Schema,
                Kind::Rust => Check::Rust(*checks.get(d.code.as_str()).unwrap_or_else(|| {
                    panic!(
                        "{} is kind = \"rust\" but no Rust check has its code",
                        d.code
                    )
                })),
            };
            let constraints: Vec<&'static str> = d.constraints.iter().map(|c| leak(c)).collect();
            let rule = Rule {
                code: leak(&d.code),
                name: leak(&d.name),
                apis: Vec::leak(apis),
                severity: d.severity,
                summary: leak(&d.summary),
                why: leak(&d.why),
                fix: leak(&d.fix),
                invalid: leak(&d.invalid),
                valid: leak(&d.valid),
                source: leak(&d.source),
                cloud_error: d.cloud_error.as_deref().map(leak),
                constraints: Vec::leak(constraints),
                check,
            };
            &*Box::leak(Box::new(rule))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Rust check is bound to exactly one `kind = "rust"` declaration: a check nobody
    /// declares would never run, and two under one code would be one rule checked twice.
    #[test]
    fn every_rust_check_is_declared_once() {
        let mut codes: Vec<&str> = crate::rules::rust_checks().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len(), "a code has two Rust checks");
        for code in codes {
            let rule = crate::rules::by_code(code)
                .unwrap_or_else(|| panic!("the Rust check {code} has no declaration"));
            assert!(
                matches!(rule.check, Check::Rust(_)),
                "{code} is not kind = \"rust\""
            );
        }
    }

    /// A shared folder's rule applies to every pack that includes the folder and does not skip
    /// it; a pack's own rule to that pack alone.
    #[test]
    fn shared_rules_apply_to_the_packs_that_include_them() {
        for pack in crate::pack::all() {
            for folder in &pack.include {
                for d in declarations(folder).unwrap() {
                    let rule = crate::rules::by_code(&d.code).unwrap();
                    assert_eq!(
                        rule.apis.contains(&pack.api()),
                        !pack.skip.contains(&d.code),
                        "{} in {}",
                        d.code,
                        pack.id
                    );
                }
            }
            for d in declarations(&pack.id).unwrap() {
                assert_eq!(crate::rules::by_code(&d.code).unwrap().apis, &[pack.api()]);
            }
        }
    }
}
