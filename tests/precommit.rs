//! The hook as users add it: the real `pre-commit` tool (from PyPI; `.ci/run` installs it) runs
//! this repository's `.pre-commit-hooks.yaml` against a temporary git repository.

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
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root)
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap().trim().to_string();
    assert_eq!(
        head.len(),
        40,
        "the repository has a commit for pre-commit to check out"
    );

    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: reqlint\n",
            root.display()
        ),
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

    // The hook's environment (a release build of reqlint) is cached between runs.
    let cache = root.join("target/pre-commit");
    let run = || {
        Command::new("pre-commit")
            .args(["run", "--all-files", "--color", "never"])
            .current_dir(repo)
            .env("PRE_COMMIT_HOME", cache.join("home"))
            .env("CARGO_TARGET_DIR", cache.join("target"))
            .output()
            .unwrap()
    };
    // package.json is JSON but no request: detection cannot tell its API, an error. Users
    // exclude such files in their own configuration, as here.
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: reqlint\n        files: ^requests/\n",
            root.display()
        ),
    )
    .unwrap();
    git(repo, &["add", "."]);
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
}
