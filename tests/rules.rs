//! Meta-tests: the conventions every rule keeps, checked across the whole registry.

mod common;

use common::*;
use reqlint::rule::Check;
use reqlint::{LintOptions, docs, rules};
use std::collections::HashSet;

/// Rules whose problem cannot be shown as a short request example (bytes that are not UTF-8, a
/// file over the size limit, 129 metadata items, a configuration file, a Terraform file, a
/// command line, a baseline file); each has a fixture or a test instead.
const NO_TEXT_EXAMPLE: [&str; 10] = [
    "RQL002", "RQL007", "RQL008", "RQL009", "RQL012", "RQL013", "RQL014", "RQL015", "RQL016",
    "NOVA009",
];

/// `tests/rule_codes.txt` is edited by hand, never blessed: a new rule adds its line, a removed
/// rule keeps its line with `retired` after it, so that its code is never given to another rule.
#[test]
fn codes_are_pinned_and_unique() {
    let text = std::fs::read_to_string(root().join("tests/rule_codes.txt")).unwrap();
    let failures = pinning_failures(&text, rules::all());
    assert!(
        failures.is_empty(),
        "tests/rule_codes.txt: {}",
        failures.join("\n")
    );
    let names: HashSet<_> = rules::all().iter().map(|r| r.name).collect();
    assert_eq!(names.len(), rules::all().len(), "rule names are unique");
}

fn pinning_failures(pinned: &str, registry: &[&reqlint::rule::Rule]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut seen = HashSet::new();
    let mut lines = std::collections::HashMap::new();
    for line in pinned
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (code, name, retired) = match words.as_slice() {
            [code, name] => (*code, *name, false),
            [code, name, "retired"] => (*code, *name, true),
            _ => {
                failures.push(format!(
                    "`{line}` is not `CODE name` or `CODE name retired`"
                ));
                continue;
            }
        };
        if !seen.insert(code) {
            failures.push(format!("{code} is pinned twice"));
        }
        lines.insert(code, (name, retired));
    }
    for r in registry {
        match lines.get(r.code) {
            None => failures.push(format!("{} {} is not pinned: add its line", r.code, r.name)),
            Some((_, true)) => {
                failures.push(format!("{} is retired and may not be reused", r.code))
            }
            Some((name, false)) if *name != r.name => failures.push(format!(
                "{} is pinned as `{name}` but is named `{}`",
                r.code, r.name
            )),
            _ => {}
        }
    }
    for (code, (_, retired)) in &lines {
        if !retired && !registry.iter().any(|r| r.code == *code) {
            failures.push(format!(
                "{code} is pinned but no rule has it: mark its line `retired`, never delete it"
            ));
        }
    }
    failures
}

#[test]
fn a_removed_rule_must_be_retired_not_forgotten() {
    let all = rules::all();
    let text = std::fs::read_to_string(root().join("tests/rule_codes.txt")).unwrap();
    // Dropping a rule from the registry, as a deletion would, fails...
    let without_first: Vec<_> = all[1..].to_vec();
    assert!(!pinning_failures(&text, &without_first).is_empty());
    // ...until its line says `retired`; and a retired code cannot come back.
    let retired = text.replacen(
        &format!("{} {}\n", all[0].code, all[0].name),
        &format!("{} {} retired\n", all[0].code, all[0].name),
        1,
    );
    assert_eq!(
        pinning_failures(&retired, &without_first),
        Vec::<String>::new()
    );
    assert!(!pinning_failures(&retired, all).is_empty());
}

#[test]
fn declarations_follow_the_message_style() {
    for r in rules::all() {
        let kebab = r
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(kebab, "{}: name `{}` is not kebab-case", r.code, r.name);
        for (what, text) in [("summary", r.summary), ("fix", r.fix)] {
            let first = text.chars().next().unwrap();
            assert!(
                !first.is_uppercase() && !text.ends_with('.'),
                "{}: {what} starts lower-case and has no trailing period: {text:?}",
                r.code
            );
        }
        assert!(r.why.ends_with('.'), "{}: `why` is prose", r.code);
        assert!(!r.source.is_empty(), "{}: no source", r.code);
    }
}

#[test]
fn doc_examples_behave() {
    for r in rules::all() {
        // Online rules depend on the cloud's state, which no text shows (tests/online.rs).
        if NO_TEXT_EXAMPLE.contains(&r.code) || matches!(r.check, Check::Online) {
            continue;
        }
        let options = LintOptions::default().api(r.apis.first().copied());
        let invalid = reqlint::lint_str(r.invalid, options.clone());
        let hits = invalid.iter().filter(|d| d.code == r.code).count();
        assert_eq!(
            hits, 1,
            "{}: the invalid example gives {hits} findings of its code: {invalid:#?}",
            r.code
        );
        let valid = reqlint::lint_str(r.valid, options);
        assert!(
            valid.is_empty(),
            "{}: the valid example is not clean: {valid:#?}",
            r.code
        );
    }
}

#[test]
fn every_rule_has_an_invalid_fixture() {
    let names: Vec<String> = fixtures("invalid")
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for r in rules::all() {
        if matches!(r.check, Check::Online) {
            // The cloud's state is no fixture: tests/online.rs asks loopback clouds.
            continue;
        }
        if matches!(r.code, "RQL007" | "RQL008" | "RQL009" | "RQL014") {
            // A 64 MiB fixture is not worth its bytes (`file_over_the_limit`); RQL008 is about
            // configuration files (tests/config.rs); RQL009 needs a bug (engine unit test);
            // RQL014 is about baseline files (tests/adoption.rs).
            continue;
        }
        assert!(
            names.iter().any(|n| n.starts_with(&format!("{}-", r.code))),
            "{} has no fixtures/*/invalid/{}-*.json",
            r.code,
            r.code
        );
    }
}

#[test]
fn file_over_the_limit() {
    let options = LintOptions::default().max_file_bytes(10);
    let found = reqlint::lint_str(r#"{"name": "x", "image_url": "a:b"}"#, options);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "RQL007");
}

/// Every `x-rule` annotation names a schema-checked rule, and every schema-checked rule is
/// named by some annotation.
#[test]
fn schema_annotations_match_declarations() {
    let mut named = HashSet::new();
    let mut schemas = Vec::new();
    for dir in std::fs::read_dir(root().join("rules")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            if path.to_string_lossy().ends_with("schema.json") {
                schemas.push(path);
            }
        }
    }
    assert!(schemas.len() >= 3, "found {schemas:?}");
    for path in &schemas {
        let path = path.display();
        let text = std::fs::read_to_string(path.to_string()).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut stack = vec![&schema];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(o) => {
                    if let Some(code) = o.get("x-rule").and_then(|c| c.as_str()) {
                        let rule = rules::by_code(code).unwrap_or_else(|| panic!("{path}: {code}"));
                        assert!(
                            matches!(rule.check, Check::Schema),
                            "{code} is not a schema rule"
                        );
                        named.insert(code.to_string());
                    }
                    stack.extend(o.values());
                }
                serde_json::Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
    }
    for r in rules::all() {
        if matches!(r.check, Check::Schema) && r.code != "RQL010" {
            assert!(named.contains(r.code), "{} is named by no x-rule", r.code);
        }
    }
}

#[test]
fn rule_docs_are_current() {
    let dir = root().join("docs/rules");
    if bless() {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut failures = Vec::new();
    for r in rules::all() {
        if let Err(e) = expect_file(&dir.join(format!("{}.md", r.code)), &docs::rule_page(r)) {
            failures.push(e);
        }
    }
    for r in rules::RETIRED {
        if let Err(e) = expect_file(&dir.join(format!("{}.md", r.code)), &docs::retired_page(r)) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every code pinned `retired` says why in `rules::RETIRED` (and so in `reqlint rule CODE` and
/// its page), and every retired rule is pinned as such.
#[test]
fn retired_rules_say_why() {
    let text = std::fs::read_to_string(root().join("tests/rule_codes.txt")).unwrap();
    let pinned: Vec<(String, String)> = text
        .lines()
        .filter_map(
            |l| match l.split_whitespace().collect::<Vec<_>>().as_slice() {
                [code, name, "retired"] => Some((code.to_string(), name.to_string())),
                _ => None,
            },
        )
        .collect();
    let declared: Vec<(String, String)> = rules::RETIRED
        .iter()
        .map(|r| (r.code.to_string(), r.name.to_string()))
        .collect();
    assert_eq!(pinned, declared);
    for r in rules::RETIRED {
        assert!(rules::find(r.code).is_none(), "{} is retired", r.code);
        assert!(rules::unknown_rule_message(r.code).contains("retired"));
    }
}

/// The machine catalogue (`reqlint rules --format json`) is what other tools read: a change to
/// it shows in review as a change to `docs/catalogue.json`.
#[test]
fn catalogue_is_current() {
    let text = serde_json::to_string_pretty(&docs::catalogue()).unwrap() + "\n";
    if let Err(e) = expect_file(&root().join("docs/catalogue.json"), &text) {
        panic!("{e}");
    }
}

#[test]
fn readme_tables_are_current() {
    let path = root().join("README.md");
    for (marker, table) in [
        ("rules", docs::rules_table()),
        ("runtime", docs::runtime_table()),
    ] {
        let readme = std::fs::read_to_string(&path).unwrap();
        let begin = format!("<!-- {marker}:begin -->\n");
        let end = format!("<!-- {marker}:end -->");
        let start = readme.find(&begin).expect("README has the markers") + begin.len();
        let stop = readme.find(&end).expect("README has the markers");
        if readme[start..stop] != table {
            if bless() {
                let updated = format!("{}{table}{}", &readme[..start], &readme[stop..]);
                std::fs::write(&path, updated).unwrap();
            } else {
                panic!("README's {marker} table is stale: run REQLINT_BLESS=1 cargo test");
            }
        }
    }
}

#[test]
fn coverage_table_is_current_and_complete() {
    let table = docs::coverage_table();
    if let Err(e) = expect_file(&root().join("docs/coverage.md"), &table) {
        panic!("{e}");
    }
    let spec = std::fs::read_to_string(root().join("docs/spec/constraints.md"))
        .expect("docs/spec/constraints.md is part of the repository");
    let ids = regex::Regex::new(r"\b((?:CI|FE|NV|AL)-\d+|C-(?:HW|NOVA|ALI)-\d+)\b").unwrap();
    let mut missing: Vec<&str> = ids
        .find_iter(&spec)
        .map(|m| m.as_str())
        .filter(|id| !table.contains(&format!("| {id} |")))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "constraint ids neither checked nor explained: {missing:?}"
    );
    assert!(table.matches("\n| ").count() >= 75);
}

/// Warnings and advice whose problem the cloud really answers with an error code in some
/// cases (DECISIONS: "a warning carries no cloud error code unless the cloud really answers
/// with it"), and when.
const WARNINGS_WITH_CLOUD_ERRORS: [(&str, &str); 5] = [
    ("HW006", "regions with a quota of 10 tags answer IMG.0116"),
    (
        "IMS012",
        "an os_version the region does not know is IMG.0056",
    ),
    ("IMS102", "a CBR backup without vault_id is IMG.0190"),
    (
        "IMS103",
        "a CBR backup without whole_image_type CBR is IMG.0198",
    ),
    (
        "ALI031",
        "arm64 images answer BIOS with InvalidBootMode.NotSupport",
    ),
];

#[test]
fn warnings_carry_a_cloud_error_only_where_the_cloud_answers_with_it() {
    for r in rules::all() {
        if r.severity == reqlint::Severity::Error || r.cloud_error.is_none() {
            continue;
        }
        assert!(
            WARNINGS_WITH_CLOUD_ERRORS.iter().any(|(c, _)| *c == r.code),
            "{} is a {} with the cloud error {:?}: the cloud accepts such requests",
            r.code,
            r.severity,
            r.cloud_error
        );
    }
}

/// Users have the repository, not the project's working notes: every rule page cites the
/// clouds' public documentation (or, for reqlint's own rules, the specification in
/// `docs/spec/`), and none cites a document only the project's authors had.
#[test]
fn rule_pages_cite_public_sources() {
    let internal = regex::Regex::new(r"\.\./shared|\bS00[0-4]\b|\bseed\b").unwrap();
    for r in rules::all() {
        let page = docs::rule_page(r);
        assert!(
            page.contains("- Public documentation: [") || page.contains("docs/spec/"),
            "{} cites no public source:\n{page}",
            r.code
        );
        assert!(
            !internal.is_match(&page),
            "{} cites an internal document:\n{page}",
            r.code
        );
    }
}
