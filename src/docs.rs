//! Documentation generated from the rule declarations: `reqlint rule CODE`, `docs/rules/*.md`
//! and the README's rules table all come from here, so they cannot disagree.

use crate::api::Api;
use crate::rule::{Check, Rule};
use crate::rules;
use serde::Serialize;
use std::fmt::Write;

fn apis_of(rule: &Rule) -> String {
    if rule.apis.is_empty() {
        "all".into()
    } else {
        rule.apis
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn checked_by(rule: &Rule) -> &'static str {
    match rule.check {
        Check::Engine => "engine",
        Check::Schema => "schema",
        Check::Rust(_) => "rule",
        Check::Online => "online check (`reqlint check --online`)",
    }
}

/// The markdown page of one rule (`docs/rules/CODE.md`, and `reqlint rule CODE`).
pub fn rule_page(rule: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} `{}`\n", rule.code, rule.name);
    let _ = writeln!(s, "- Severity: **{}**", rule.severity);
    let _ = writeln!(s, "- APIs: {}", apis_of(rule));
    if let Some(e) = rule.cloud_error {
        let _ = writeln!(s, "- Cloud error: `{e}`");
    }
    if !rule.constraints.is_empty() {
        let _ = writeln!(s, "- Constraints: {}", rule.constraints.join(", "));
    }
    let _ = writeln!(s, "- Checked by: {}", checked_by(rule));
    let _ = writeln!(s, "- Source: {}", rule.source);
    if rule.apis.is_empty() {
        let _ = writeln!(
            s,
            "- Specification: [docs/spec/decisions.md](../spec/decisions.md), [docs/spec/interface.md](../spec/interface.md)"
        );
    }
    for api in rule.apis {
        let (title, url) = api.documentation();
        let _ = writeln!(s, "- Public documentation: [{title}]({url})");
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "## What it finds\n\n{}.\n", capitalise(rule.summary));
    let _ = writeln!(s, "## Why is this bad?\n\n{}\n", rule.why);
    if !rule.invalid.is_empty() {
        let _ = writeln!(s, "## Example\n\n```json\n{}\n```\n", rule.invalid);
        let _ = writeln!(s, "Use instead:\n\n```json\n{}\n```\n", rule.valid);
    }
    let _ = writeln!(s, "## How to fix\n\n{}.", capitalise(rule.fix));
    s
}

/// The page of a retired rule (`docs/rules/CODE.md`, and `reqlint rule CODE`).
pub fn retired_page(rule: &crate::rules::Retired) -> String {
    format!(
        "# {} `{}` (retired)\n\n- Retired: {}; the code is never given to another rule\n\n## Why it was retired\n\n{}\n",
        rule.code, rule.name, rule.since, rule.why
    )
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The README's rules table.
pub fn rules_table() -> String {
    let mut s = String::from("| Code | Name | Severity | APIs | What it finds | Constraints |\n");
    s.push_str("|---|---|---|---|---|---|\n");
    for rule in rules::all() {
        let _ = writeln!(
            s,
            "| [{code}](docs/rules/{code}.md) | `{}` | {} | {} | {} | {} |",
            rule.name,
            rule.severity,
            apis_of(rule),
            rule.summary.replace('|', "\\|"),
            rule.constraints.join(", "),
            code = rule.code,
        );
    }
    s
}

/// Every constraint id reqlint knows of, with the rules that check it, or why none does: the
/// coverage table (`docs/coverage.md`).
pub fn coverage_table() -> String {
    use std::collections::BTreeMap;
    let mut rows: BTreeMap<(String, u32, String), Vec<String>> = BTreeMap::new();
    let key = |id: &str| {
        let (prefix, number) = id.rsplit_once('-').unwrap_or((id, "0"));
        (
            prefix.to_string(),
            number.parse().unwrap_or(0),
            id.to_string(),
        )
    };
    // Constraint ids, not the negative probes (`N-12`) or sections (`§4.7`).
    let is_id = |id: &str| id.contains('-') && !id.starts_with("N-") && !id.starts_with('§');
    for rule in rules::all() {
        for id in rule.constraints.iter().filter(|id| is_id(id)) {
            rows.entry(key(id)).or_default().push(format!(
                "[{code}](rules/{code}.md) `{}`",
                rule.name,
                code = rule.code
            ));
        }
    }
    for (_, list) in not_checkable() {
        for (id, what) in list.iter().filter(|(id, _)| is_id(id)) {
            rows.entry(key(id))
                .or_default()
                .push(format!("not statically checkable: {what}"));
        }
    }
    for (id, why) in rules::INFORMATIONAL {
        rows.entry(key(id))
            .or_default()
            .push(format!("no rule: {why}"));
    }
    let mut s = String::from(
        "# Constraint coverage\n\nEvery constraint id of `docs/spec/constraints.md` (the cross-field tables CI, FE, NV, AL and the\ncontradiction register C-*), with the rules that check it or why none can. Generated from the\nrule declarations by `REQLINT_BLESS=1 cargo test`; a test fails when an id of the\nspecification is missing here.\n\n| Constraint | Checked by |\n|---|---|\n",
    );
    for ((_, _, id), checks) in rows {
        let _ = writeln!(s, "| {id} | {} |", checks.join("<br>"));
    }
    s
}

/// What only the cloud can check, per API (each pack's `runtime.toml`).
fn not_checkable() -> impl Iterator<Item = (Api, Vec<(&'static str, &'static str)>)> {
    Api::all().iter().map(|&api| {
        let list = api
            .pack()
            .runtime
            .iter()
            .map(|r| (r.id.as_str(), r.what.as_str()))
            .collect();
        (api, list)
    })
}

/// The README's table of constraints that no payload can show, per API.
pub fn runtime_table() -> String {
    let mut s =
        String::from("| API | Constraint | What only the cloud can check |\n|---|---|---|\n");
    for (api, list) in not_checkable() {
        for (id, what) in list {
            let _ = writeln!(s, "| `{api}` | {id} | {what} |");
        }
    }
    s
}

/// One entry of `reqlint rules --format json`.
#[derive(Serialize)]
pub struct CatalogueEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub apis: Vec<&'static str>,
    pub severity: crate::Severity,
    pub summary: &'static str,
    pub fix: &'static str,
    pub source: &'static str,
    pub cloud_error: Option<&'static str>,
    pub constraints: &'static [&'static str],
    pub url: String,
}

/// The machine catalogue of every rule.
pub fn catalogue() -> Vec<CatalogueEntry> {
    rules::all()
        .iter()
        .map(|r| CatalogueEntry {
            code: r.code,
            name: r.name,
            apis: if r.apis.is_empty() {
                Api::all().iter().map(|a| a.as_str()).collect()
            } else {
                r.apis.iter().map(|a| a.as_str()).collect()
            },
            severity: r.severity,
            summary: r.summary,
            fix: r.fix,
            source: r.source,
            cloud_error: r.cloud_error,
            constraints: r.constraints,
            url: r.url(),
        })
        .collect()
}
