//! Adopting reqlint on an existing repository, as users describe it: a baseline of what the
//! repository already has, suppressions that expire, and the nearest configuration in a
//! monorepo (`extend`, `pyproject.toml`).

use std::path::Path;
use std::process::Command;

/// Runs the binary in `dir`; returns the exit code, standard output and standard error.
fn reqlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reqlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A Huawei image resource whose `min_disk` is `min_disk`.
fn image(name: &str, min_disk: u32) -> String {
    format!(
        "resource \"huaweicloud_ims_obs_system_image\" \"{name}\" {{\n  name      = \"{name}-golden\"\n  image_url = \"ims-image:{name}.qcow2\"\n  min_disk  = {min_disk}\n}}\n\n"
    )
}

/// A legacy repository: 40 findings in 4 Terraform files.
fn legacy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in 0..4 {
        let text: String = (0..10)
            .map(|i| image(&format!("img{f}_{i}"), 300))
            .collect();
        write(dir.path(), &format!("infra/stack{f}/main.tf"), &text);
    }
    dir
}

const CHECK: [&str; 6] = [
    "check",
    ".",
    "--format",
    "concise",
    "--baseline",
    "reqlint-baseline.json",
];

#[test]
fn a_legacy_repository_adopts_a_baseline() {
    let dir = legacy();
    let (code, out, _) = reqlint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1);
    assert!(out.contains("40 errors"), "{out}");
    // Adopting: the baseline records the 40 findings; the run then passes.
    let (code, _, err) = reqlint(dir.path(), &[&CHECK[..], &["--update-baseline"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 40 entries"), "{err}");
    let first = std::fs::read_to_string(dir.path().join("reqlint-baseline.json")).unwrap();
    assert!(!first.contains("\"line\""), "keyed on content, never lines");
    let (code, out, _) = reqlint(dir.path(), &CHECK);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("no problems found (40 in the baseline)"),
        "{out}"
    );
    // Stable: writing it again changes nothing.
    reqlint(dir.path(), &[&CHECK[..], &["--update-baseline"]].concat());
    let again = std::fs::read_to_string(dir.path().join("reqlint-baseline.json")).unwrap();
    assert_eq!(first, again);
}

#[test]
fn a_new_finding_in_a_baselined_file_still_fails() {
    let dir = legacy();
    reqlint(dir.path(), &[&CHECK[..], &["--update-baseline"]].concat());
    // The same mistake again, in another resource of a baselined file.
    let path = dir.path().join("infra/stack0/main.tf");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&image("new", 300));
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = reqlint(dir.path(), &CHECK);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("huaweicloud_ims_obs_system_image.new"),
        "{out}"
    );
    assert!(out.contains("1 error"), "{out}");
    // A baselined value that changes is a new finding too.
    let text =
        std::fs::read_to_string(&path)
            .unwrap()
            .replacen("min_disk  = 300", "min_disk  = 301", 1);
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = reqlint(dir.path(), &CHECK);
    assert_eq!(code, 1);
    assert!(out.contains("is 301"), "{out}");
}

#[test]
fn a_moved_block_keeps_its_entries() {
    let dir = legacy();
    reqlint(dir.path(), &[&CHECK[..], &["--update-baseline"]].concat());
    // Lines added above, and the resources in another order.
    let path = dir.path().join("infra/stack1/main.tf");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut blocks: Vec<&str> = text.split("\n\n").filter(|b| !b.is_empty()).collect();
    blocks.reverse();
    let moved = format!(
        "# owned by the platform team\n\n\n{}\n",
        blocks.join("\n\n")
    );
    std::fs::write(&path, moved).unwrap();
    let (code, out, _) = reqlint(dir.path(), &CHECK);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(40 in the baseline)"), "{out}");
}

#[test]
fn a_fixed_finding_leaves_a_stale_entry_that_update_drops() {
    let dir = legacy();
    reqlint(dir.path(), &[&CHECK[..], &["--update-baseline"]].concat());
    let path = dir.path().join("infra/stack2/main.tf");
    let text =
        std::fs::read_to_string(&path)
            .unwrap()
            .replacen("min_disk  = 300", "min_disk  = 40", 1);
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = reqlint(dir.path(), &CHECK);
    assert_eq!(code, 0, "a stale entry is a warning: {out}");
    assert!(
        out.contains("reqlint-baseline.json:") && out.contains("warning[RQL014]"),
        "{out}"
    );
    assert!(out.contains("(39 in the baseline)"), "{out}");
    let (code, _, err) = reqlint(dir.path(), &[&CHECK[..], &["--update-baseline"]].concat());
    assert_eq!(code, 0);
    assert!(
        err.contains("wrote 39 entries") && err.contains("1 dropped"),
        "{err}"
    );
    let (_, out, _) = reqlint(dir.path(), &CHECK);
    assert!(!out.contains("RQL014"), "{out}");
    // Entries of files a run does not check are neither stale nor dropped.
    let (_, out, _) = reqlint(
        dir.path(),
        &[
            "check",
            "infra/stack3",
            "--format",
            "concise",
            "--baseline",
            "reqlint-baseline.json",
        ],
    );
    assert!(
        out.contains("no problems found (10 in the baseline)"),
        "{out}"
    );
}

#[test]
fn a_missing_or_broken_baseline_is_a_clear_error() {
    let dir = legacy();
    let (code, _, err) = reqlint(dir.path(), &CHECK);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the baseline"), "{err}");
    write(dir.path(), "reqlint-baseline.json", "{\"entries\": 3}");
    let (code, _, err) = reqlint(dir.path(), &CHECK);
    assert_eq!(code, 2);
    assert!(err.contains("not a reqlint baseline"), "{err}");
}

fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

fn tomorrow() -> String {
    jiff::Zoned::now()
        .date()
        .checked_add(jiff::ToSpan::days(1))
        .unwrap()
        .to_string()
}

#[test]
fn a_suppression_expiring_today_no_longer_applies() {
    let dir = legacy();
    let suppress = |until: &str| {
        format!(
            "[[suppress]]\nfiles = \"infra/stack0/*.tf\"\nrule = \"IMS006\"\nreason = \"the region takes larger disks\"\nuntil = \"{until}\"\n"
        )
    };
    write(dir.path(), "reqlint.toml", &suppress(&tomorrow()));
    let (_, out, _) = reqlint(dir.path(), &["check", ".", "--format", "concise"]);
    assert!(out.contains("30 errors"), "{out}");
    write(dir.path(), "reqlint.toml", &suppress(&today()));
    let (code, out, _) = reqlint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1);
    assert!(out.contains("40 errors"), "{out}");
    assert!(
        out.contains(&format!(
            "(its suppression in the configuration expired on {})",
            today()
        )),
        "{out}"
    );
    // An expired suppression matched its findings: it is not also "unused".
    assert!(!out.contains("RQL008"), "{out}");
    write(dir.path(), "reqlint.toml", &suppress("next spring"));
    let (code, _, err) = reqlint(dir.path(), &["check", "."]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`until` is a date written YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn a_monorepo_applies_the_nearest_configuration_and_its_extend_chain() {
    let dir = legacy();
    // The root says what all teams share; stack1 extends it; stack2 extends stack1's; stack3
    // keeps its configuration in pyproject.toml.
    write(
        dir.path(),
        "reqlint.toml",
        "[rules]\nseverity = { \"IMS006\" = \"warning\" }\n",
    );
    write(
        dir.path(),
        "infra/stack1/reqlint.toml",
        "extend = \"../../reqlint.toml\"\n\n[[suppress]]\nfiles = \"main.tf\"\nrule = \"IMS006\"\npointer = \"/min_disk\"\nreason = \"a team exception\"\n",
    );
    write(
        dir.path(),
        "infra/stack2/reqlint.toml",
        "extend = \"../stack1/reqlint.toml\"\nfail-on = \"warning\"\n",
    );
    write(
        dir.path(),
        "infra/stack3/pyproject.toml",
        "[project]\nname = \"stack3\"\n\n[tool.reqlint.rules]\nignore = [\"IMS006\"]\n",
    );
    let (code, out, _) = reqlint(dir.path(), &["check", ".", "--format", "concise"]);
    // stack0: the root's severity; stack1: suppressed; stack2: the root's severity through
    // stack1 (whose suppression's glob is relative to stack1, so it does not reach stack2),
    // and it fails on warnings; stack3: ignored.
    assert!(
        out.contains("infra/stack0/main.tf:4:15: warning[IMS006]"),
        "{out}"
    );
    assert!(!out.contains("infra/stack1/main.tf:"), "{out}");
    assert!(
        out.contains("infra/stack2/main.tf:4:15: warning[IMS006]"),
        "{out}"
    );
    assert!(!out.contains("infra/stack3/main.tf:"), "{out}");
    assert!(out.contains("20 warnings"), "{out}");
    assert_eq!(code, 1, "stack2 fails on warnings: {out}");
}

#[test]
fn an_extend_cycle_is_a_clear_error() {
    let dir = legacy();
    write(dir.path(), "infra/a.toml", "extend = \"b.toml\"\n");
    write(
        dir.path(),
        "infra/b.toml",
        "extend = \"stack0/reqlint.toml\"\n",
    );
    write(
        dir.path(),
        "infra/stack0/reqlint.toml",
        "extend = \"../a.toml\"\n",
    );
    let (code, _, err) = reqlint(dir.path(), &["check", "infra/stack0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`extend` makes a cycle"), "{err}");
    assert!(err.contains("a.toml extends"), "{err}");
    write(
        dir.path(),
        "infra/stack0/reqlint.toml",
        "extend = \"../missing.toml\"\n",
    );
    let (code, _, err) = reqlint(dir.path(), &["check", "infra/stack0"]);
    assert_eq!(code, 2);
    assert!(err.contains("which is not a file"), "{err}");
}

#[test]
fn a_suppression_comment_expiring_today_no_longer_applies() {
    let dir = tempfile::tempdir().unwrap();
    let file = |until: &str| {
        format!(
            "# reqlint-ignore IMS006 until={until}: the region upgrade\n{}",
            image("big", 300)
        )
    };
    write(dir.path(), "main.tf", &file(&tomorrow()));
    let (code, out, _) = reqlint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "{out}");
    write(dir.path(), "main.tf", &file(&today()));
    let (code, out, _) = reqlint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "(its `reqlint-ignore` comment expired on {})",
            today()
        )),
        "{out}"
    );
}
