//! The declared rules: every `[[rule]]` of a pack's `constraints.toml` (or of a shared folder's
//! that the pack includes) becomes a rule of the registry, with its metadata from the
//! declaration and its check from the schema's `x-rule` annotations (`kind = "schema"`) or from
//! the Rust check registered under its code (`kind = "rust"`). The engine's own rules
//! (`rules/engine.toml`) and the online checks' (`rules/online.toml`) are declared the same way.

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
    /// The rules this one stays quiet for where they report on the same member, or on one
    /// inside or around it: one mistake, one finding (the more specific rule speaks).
    #[serde(default)]
    pub yields_to: Vec<String>,
    /// For `kind = "online"`: the online checkers (a pack's `online`) that report the rule.
    #[serde(default)]
    pub checkers: Vec<String>,
}

/// How a declared rule is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// By the `x-rule` annotations of the API's schema that name it.
    Schema,
    /// By the Rust check registered under its code.
    Rust,
    /// By the engine itself (`rules/engine.toml`): syntax, encoding, detection, for every API.
    Engine,
    /// By the online checks (`rules/online.toml`), for the packs whose online checker is one of
    /// the declaration's `checkers`.
    Online,
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
    parse(text).map_err(|e| format!("rules/{folder}/constraints.toml: {e}"))
}

/// The declarations of a file at the top of `rules/` (`engine.toml`, `online.toml`).
fn top(name: &str) -> Vec<Declaration> {
    let text = crate::pack::file(name).unwrap_or_default();
    parse(text).unwrap_or_else(|e| panic!("rules/{name}: {e}"))
}

/// The declarations of a pack's own `constraints.toml`.
fn own(pack: &crate::pack::Pack) -> Result<Vec<Declaration>, String> {
    if pack.is_bundled() {
        return declarations(&pack.id);
    }
    match pack.file("constraints.toml") {
        Some(text) => parse(text).map_err(|e| format!("constraints.toml: {e}")),
        None => Ok(Vec::new()),
    }
}

fn parse(text: &str) -> Result<Vec<Declaration>, String> {
    toml::from_str::<File>(text)
        .map(|f| f.rule)
        .map_err(|e| e.to_string())
}

/// Whether a pack read from a folder declares rules reqlint can check: each code and name new
/// (a code is capital letters then digits, `ACME001`; a name is kebab-case), each checked by
/// the schema (a pack from a folder brings no Rust). Read before the registry exists.
pub(crate) fn validate(pack: &crate::pack::Pack, taken: &[(String, String)]) -> Result<(), String> {
    let list = own(pack)?;
    let mut bundled: Vec<(String, String)> = taken.to_vec();
    for d in top("engine.toml").into_iter().chain(top("online.toml")) {
        bundled.push((d.code, d.name));
    }
    for r in super::RETIRED {
        bundled.push((r.code.to_string(), r.name.to_string()));
    }
    for folder in crate::pack::folders() {
        for d in declarations(folder)? {
            bundled.push((d.code, d.name));
        }
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    for d in &list {
        let code_ok = d.code.len() > 1
            && d.code.starts_with(|c: char| c.is_ascii_uppercase())
            && d.code.ends_with(|c: char| c.is_ascii_digit())
            && d.code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !code_ok {
            return Err(format!(
                "constraints.toml: `{}` is no rule code: capital letters, then digits (`ACME001`)",
                d.code
            ));
        }
        let name_ok = !d.name.is_empty()
            && d.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !name_ok {
            return Err(format!(
                "constraints.toml: rule {}'s name `{}` is not kebab-case",
                d.code, d.name
            ));
        }
        if let Some((code, _)) = bundled
            .iter()
            .chain(&seen)
            .find(|(c, n)| *c == d.code || *n == d.name)
        {
            return Err(format!(
                "constraints.toml: rule {} ({}) takes the code or name of rule {code}",
                d.code, d.name
            ));
        }
        if d.kind != Kind::Schema {
            let kind = match d.kind {
                Kind::Rust => "rust",
                Kind::Engine => "engine",
                _ => "online",
            };
            return Err(format!(
                "constraints.toml: rule {} is kind = \"{kind}\", but a pack from a folder brings no Rust: use kind = \"schema\" and an `x-rule` in schema.json",
                d.code
            ));
        }
        seen.push((d.code.clone(), d.name.clone()));
    }
    Ok(())
}

/// The codes and names a pack's own rules take.
pub(crate) fn taken_by(pack: &crate::pack::Pack) -> Vec<(String, String)> {
    own(pack)
        .unwrap_or_default()
        .into_iter()
        .map(|d| (d.code, d.name))
        .collect()
}

/// The declared rules that yield, with the rules they yield to.
pub(super) fn yields() -> Vec<(&'static str, &'static [&'static str])> {
    super::all()
        .iter()
        .filter_map(|rule| {
            let list = YIELDING.get()?.get(rule.code)?;
            Some((rule.code, *list))
        })
        .collect()
}

/// `yields_to` of each declared rule that has one, by code (filled when the rules are built).
static YIELDING: std::sync::OnceLock<HashMap<&'static str, &'static [&'static str]>> =
    std::sync::OnceLock::new();

/// Every declared rule of the bundled packs, each applying to the packs that declare or
/// include it. The packs are tested, so an error here is a bug in reqlint.
pub(super) fn rules() -> Vec<&'static Rule> {
    let checks: HashMap<&str, _> = super::rust_checks().map(|(c, f)| (*c, *f)).collect();
    let mut folders: HashMap<String, Vec<Declaration>> = HashMap::new();
    // code -> (the folder declaring it, its index there, the APIs it applies to)
    let mut found: BTreeMap<String, (String, usize, Vec<Api>)> = BTreeMap::new();
    for pack in crate::pack::all() {
        let here = std::iter::once(pack.id.as_str());
        for folder in here.chain(pack.include.iter().map(String::as_str)) {
            if !folders.contains_key(folder) {
                let list = match folder == pack.id {
                    true => own(pack),
                    false => declarations(folder),
                };
                folders.insert(folder.to_string(), list.unwrap_or_else(|e| panic!("{e}")));
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
    // The engine's and the online checks' rules: every API, or the packs of their checkers.
    for name in ["engine.toml", "online.toml"] {
        folders.insert(name.to_string(), top(name));
        for (i, d) in folders[name].iter().enumerate() {
            let apis = match d.kind {
                Kind::Online => crate::pack::all()
                    .iter()
                    .filter(|p| p.online.as_ref().is_some_and(|c| d.checkers.contains(c)))
                    .map(|p| p.api())
                    .collect(),
                _ => Vec::new(),
            };
            let before = found.insert(d.code.clone(), (name.to_string(), i, apis));
            assert!(before.is_none(), "rule {} is declared twice", d.code);
        }
    }
    let leak = |s: &str| -> &'static str { String::leak(s.to_string()) };
    let mut yielding = HashMap::new();
    let rules = found
        .into_values()
        .map(|(folder, i, apis)| {
            let d = &folders[&folder][i];
            let check = match d.kind {
                Kind::Schema => Check::Schema,
                Kind::Engine => Check::Engine,
                Kind::Online => Check::Online,
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
            if !d.yields_to.is_empty() {
                let to: Vec<&'static str> = d.yields_to.iter().map(|c| leak(c)).collect();
                yielding.insert(rule.code, &*Vec::leak(to));
            }
            &*Box::leak(Box::new(rule))
        })
        .collect();
    let _ = YIELDING.set(yielding);
    rules
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
