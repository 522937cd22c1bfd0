//! The hook as users add it: the real `pre-commit` tool (from PyPI; `.ci/run` installs it) runs
//! this repository's hook definition (`.pre-commit-hooks.yaml`) against a temporary git
//! repository. To stay cheap, the hook runs as a `repo: local` hook on the binary these tests
//! already built (`language: system`): the same id, entry arguments, types and file pattern.
//! `.ci/pre-commit-try-repo` runs the hook once as users get it (`language: rust`, built by
//! pre-commit), in CI.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn pre_commit_passes_good_requests_and_fails_bad_ones() {
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have pre-commit: .ci/run installs it"
        );
        eprintln!("note: pre-commit is not installed (pip install pre-commit); skipped");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        local_hook(&hooks, env!("CARGO_BIN_EXE_reqlint")),
    )
    .unwrap();
    std::fs::create_dir_all(repo.join("requests")).unwrap();
    std::fs::copy(
        root.join("examples/requests/create-image-seeds.http"),
        repo.join("requests/seeds.http"),
    )
    .unwrap();
    std::fs::write(repo.join("package.json"), "{\"name\": \"not a request\"}\n").unwrap();
    std::fs::write(repo.join("README.md"), "not linted\n").unwrap();
    git(repo, &["add", "."]);

    let home = tempfile::tempdir().unwrap();
    let run = || {
        Command::new("pre-commit")
            .args(["run", "--all-files", "--color", "never"])
            .current_dir(repo)
            .env("PRE_COMMIT_HOME", home.path())
            .output()
            .unwrap()
    };
    // package.json is JSON but no request: it passes without any configuration.
    let out = run();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "good requests pass:\n{text}");
    assert!(
        text.contains("reqlint") && text.contains("Passed"),
        "{text}"
    );

    std::fs::write(
        repo.join("requests/bad.json"),
        r#"{"name": "ims_test_file", "image_url": "ims-image:centos70.qcow2", "min_disk": 300}"#,
    )
    .unwrap();
    git(repo, &["add", "."]);
    let out = run();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a bad request fails:\n{text}");
    assert!(
        text.contains("Failed") && text.contains("IMS006") && text.contains("requests/bad.json"),
        "{text}"
    );

    // A ROS template is told by its content among the YAML files (this repository's own
    // `.pre-commit-config.yaml` is YAML too, and passes).
    std::fs::remove_file(repo.join("requests/bad.json")).unwrap();
    std::fs::write(
        repo.join("requests/image.yaml"),
        "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Image:\n    Type: ALIYUN::ECS::CustomImage\n    Properties:\n      InstanceId: i-bp1g6zv0ce8oghu7****\n      ImageName: 1golden\n",
    )
    .unwrap();
    git(repo, &["add", "-A"]);
    let out = run();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a bad template fails:\n{text}");
    assert!(
        text.contains("ALI003") && text.contains("requests/image.yaml"),
        "{text}"
    );
    assert!(!text.contains(".pre-commit-config.yaml"), "{text}");
}

/// The hook definition of `.pre-commit-hooks.yaml` as a `repo: local` hook that runs `binary`.
fn local_hook(hooks: &str, binary: &str) -> String {
    let mut out = String::from("repos:\n  - repo: local\n    hooks:\n");
    for line in hooks.lines() {
        let line = line.trim().trim_start_matches("- ");
        let line = match line.split_once(": ") {
            Some(("entry", entry)) => {
                let args = entry.strip_prefix("reqlint").expect("entry runs reqlint");
                format!("entry: {binary}{args}")
            }
            Some(("language", _)) => "language: system".to_string(),
            _ => line.to_string(),
        };
        let lead = if line.starts_with("id:") {
            "      - "
        } else {
            "        "
        };
        out.push_str(lead);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn the_local_hook_keeps_the_definition() {
    let hooks = "- id: reqlint\n  name: reqlint\n  entry: reqlint check\n  language: rust\n  files: \\.(json|http)$\n";
    assert_eq!(
        local_hook(hooks, "/bin/reqlint"),
        "repos:\n  - repo: local\n    hooks:\n      - id: reqlint\n        name: reqlint\n        entry: /bin/reqlint check\n        language: system\n        files: \\.(json|http)$\n"
    );
}
