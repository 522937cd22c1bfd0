//! Hostile input: files shaped to hang reqlint, exhaust its memory or take it quadratic time.
//! Each test would fail on the code before its fix: it checks what the run does (it ends, a
//! finding, an unknown value, the memory it holds), under a watchdog generous enough that only a
//! hang or a blow-up trips it. Performance itself is measured by `benches/scaling.rs`.

mod common;
mod generate;

use reqlint::{Folder, InputKind, LintOptions};
use std::cell::Cell;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Runs `f` on its own thread; fails the test if it does not end within a minute (it stays
/// stuck, but the test does not hang).
fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(value) => value,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what} did not end within 60 s")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// The system allocator, counting the bytes each thread holds and the most it held.
struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    // `try_with`: nothing is counted while a thread is torn down.
    let _ = HELD.try_with(|held| {
        held.set(held.get() + delta);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(held.get())));
    });
}

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        note(layout.size() as isize);
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        note(-(layout.size() as isize));
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        note(size as isize - layout.size() as isize);
        unsafe { std::alloc::System.realloc(ptr, layout, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `f`'s result and the most memory this thread held above what it held before, in bytes.
fn peak_memory<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = HELD.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let value = f();
    let peak = PEAK.with(Cell::get) - before;
    (value, peak.max(0) as usize)
}

fn lint(name: &str, text: &str, kind: InputKind, folder: Option<&Path>) -> reqlint::FileReport {
    let mut options = LintOptions::default();
    if let Some(dir) = folder {
        options = options.folder(Arc::new(Folder::new(dir)));
    }
    reqlint::lint_bytes(name, text.as_bytes(), kind, options)
}

fn codes(report: &reqlint::FileReport) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A FIFO named like a configuration file (`*.tf`, `terraform.tfvars`, `modules.json`) beside a
/// plan or a `.tf` file is not a file to read: opening one waits for a writer forever.
#[cfg(unix)]
#[test]
fn a_fifo_beside_a_plan_or_a_module_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::write(root.join("main.tf"), generate::plan_configuration(1)).unwrap();
    std::fs::create_dir_all(root.join(".terraform/modules")).unwrap();
    for name in [
        "a.tf",
        "terraform.tfvars",
        "b.auto.tfvars",
        ".terraform/modules/modules.json",
    ] {
        mkfifo(&root.join(name));
    }
    let mut plan: serde_json::Value = serde_json::from_str(&generate::plan(1)).unwrap();
    plan["resource_changes"][0]["module_address"] = "module.m".into();
    let plan = plan.to_string();
    let report = within("a plan beside FIFOs", {
        let (root, plan) = (root.clone(), generate::plan(1));
        move || lint("plan.json", &plan, InputKind::Json, Some(&root))
    });
    // Located on the `.tf` file that configures it, read past the FIFO.
    assert_eq!(report.elsewhere.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(codes(&report.elsewhere[0]), ["ALI003"]);
    // A child module: `modules.json` is a FIFO, so the plan locates the finding itself.
    let report = within("a child module's plan beside a FIFO manifest", {
        let root = root.clone();
        move || lint("plan.json", &plan, InputKind::Json, Some(&root))
    });
    assert_eq!(codes(&report), ["ALI003"]);
    // A `.tf` file whose variable comes from the folder: `terraform.tfvars` is a FIFO.
    let text = "resource \"alicloud_image\" \"x\" {\n  instance_id = \"i-1\"\n  image_name = var.name\n}\n";
    let report = within("a .tf file beside FIFOs", move || {
        lint("c.tf", text, InputKind::Terraform, Some(&root))
    });
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

/// The requests of a JSON file share one span tree of it: a plan of 300 image resources,
/// each with a finding to locate, holds one tree, not 300 (each about as large as the plan).
#[test]
fn a_plan_of_many_resources_is_parsed_once() {
    let plan = generate::plan(300);
    let (report, peak) = within("a plan of 300 resources", move || {
        peak_memory(|| lint("plan.json", &plan, InputKind::Json, None))
    });
    assert_eq!(report.diagnostics.len(), 300);
    assert!(
        peak < 64 << 20,
        "linting a plan of 300 resources held {} MiB",
        peak >> 20
    );
}

/// A plan beside its configuration reads and parses the `.tf` files once, not once per
/// resource change: 1,000 changes, each located in a `main.tf` of 1,000 resources.
#[test]
fn a_plan_beside_its_configuration_reads_it_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        generate::plan_configuration(1000),
    )
    .unwrap();
    let root = dir.path().to_path_buf();
    let report = within(
        "a plan of 1,000 changes beside their configuration",
        move || {
            lint(
                "plan.json",
                &generate::plan(1000),
                InputKind::Json,
                Some(&root),
            )
        },
    );
    assert!(report.diagnostics.is_empty());
    assert_eq!(report.elsewhere.len(), 1);
    assert_eq!(report.elsewhere[0].diagnostics.len(), 1000);
}

/// Nested blocks are added to their list in place: 10,000 `disk_device_mapping` blocks are
/// not 10,000 copies of a growing list (minutes in a debug build before).
#[test]
fn many_nested_blocks_take_linear_time() {
    let text = generate::terraform_blocks(10_000);
    let report = within("a resource of 10,000 nested blocks", move || {
        lint("main.tf", &text, InputKind::Terraform, None)
    });
    let messages: Vec<_> = report.diagnostics.iter().map(|d| &d.message).collect();
    assert!(
        messages.iter().any(|m| m.contains("has 10000 data disks")),
        "{messages:?}"
    );
}

/// A template that repeats a long local builds no huge string: past the file's byte budget
/// the value is unknown, and no finding rests on it (10 GB before: `"${local.b}"` 9,999 times
/// with a `local.b` of 1 MiB).
#[test]
fn a_template_repeating_a_long_local_is_unknown_not_huge() {
    let text = format!(
        "locals {{\n  b = \"{}\"\n}}\nresource \"alicloud_image\" \"x\" {{\n  instance_id = \"i-1\"\n  image_name  = \"{}\"\n  description = \"${{local.b}}\"\n}}\n",
        "b".repeat(1 << 20),
        "${local.b}".repeat(9_999),
    );
    let (report, peak) = within("a template repeating a 1 MiB local", move || {
        peak_memory(|| lint("main.tf", &text, InputKind::Terraform, None))
    });
    // The name is unknown: no finding on it. The description, one copy, is known and too long.
    assert_eq!(codes(&report), ["ALI005"], "{:?}", report.diagnostics);
    assert!(peak < 256 << 20, "held {} MiB", peak >> 20);
}

/// The values of one request share one budget: 2,000 tags that each use a local worked out in
/// 8,191 steps are not 2,000 fresh budgets (and each local is found by name, not by a walk
/// over 5,000 others). The first tag's value is worked out, and refused; the others are
/// unknown.
#[test]
fn the_values_of_a_request_share_one_budget() {
    let text = generate::terraform_doubling_locals(2_000, 5_000);
    let report = within("2,000 tags using a doubling local", move || {
        lint("main.tf", &text, InputKind::Terraform, None)
    });
    let pointers: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "ALI025")
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["/Tag/0/Value"], "{:?}", codes(&report));
}

/// hcl-edit parses an object literal in time quadratic in its keys (minutes for 100,000 tags
/// in a debug build): a file with an object larger than reqlint reads gets one finding,
/// found by a linear scan, and a map at the limit is still read.
#[test]
fn an_object_of_too_many_keys_is_one_finding_not_a_quadratic_parse() {
    let text = generate::terraform_tags(100_000);
    let report = within("a map of 100,000 tags", move || {
        lint("main.tf", &text, InputKind::Terraform, None)
    });
    assert_eq!(codes(&report), ["RQL007"]);
    // On the map's opening brace, `tags = {` of line 4.
    let at = report.source.line_col(report.diagnostics[0].span.offset);
    assert_eq!(at, (4, 10), "{}", report.diagnostics[0].message);
    // At the limit: read, and the tags counted.
    let report = lint(
        "main.tf",
        &generate::terraform_tags(2_000),
        InputKind::Terraform,
        None,
    );
    assert_eq!(codes(&report), ["ALI023"]);
}

/// A command line's list position is bounded by the list's documented limit: past it, one
/// finding, and no list of that many elements is built (`--image_tags.99999999.key` was a list
/// of 99,999,999 empty objects). A property named by digits is a key, not a position.
#[test]
fn a_huge_list_position_on_a_command_line_is_a_finding_not_an_allocation() {
    let script = "#!/bin/sh\n\
        hcloud IMS CreateImage --name=web --instance_id=877a2cda-ba63-4e1e-b95f-e67e48b6129a \\\n\
          --image_tags.99999999.key=x --data_images.1.image_tags.99999999.key=y \\\n\
          --data_images.60.volume_id=v --misspelt.99999999.key=z\n\
        openstack server image create --name web --property 99999999=x server\n";
    let (report, peak) = within("a command line naming element 99,999,999", move || {
        peak_memory(|| lint("make.sh", script, InputKind::Shell, None))
    });
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "RQL016",
                "`--image_tags.99999999.key` names element 99999999 of `image_tags`, which holds at most 20"
            ),
            (
                "RQL016",
                "`--data_images.1.image_tags.99999999.key` names element 99999999 of `data_images.1.image_tags`, which holds at most 20"
            ),
            (
                "RQL016",
                "`--data_images.60.volume_id` names element 60 of `data_images`, which holds at most 59"
            ),
            (
                "RQL016",
                "`--misspelt.99999999.key` names element 99999999 of `misspelt`, which holds at most 100"
            ),
        ],
        "{:?}",
        report.diagnostics
    );
    assert!(peak < 64 << 20, "held {} MiB", peak >> 20);
}

/// A value supplied by another file of the folder is labelled with its line, found in the
/// file's line index: not by counting the line ends before it at every use (20 resources each
/// following a chain of locals through a 3 MB `locals.tf`, 10,000 times, scanned 100 GB).
#[test]
fn values_from_a_large_file_of_the_folder_take_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut locals = "# filler\n".repeat(350_000);
    locals.push_str("locals {\n");
    for i in 0..13 {
        locals.push_str(&format!(
            "  l{i} = \"${{local.l{0}}}${{local.l{0}}}\"\n",
            i + 1
        ));
    }
    locals.push_str("  l13 = \"x\"\n}\n");
    std::fs::write(dir.path().join("locals.tf"), locals).unwrap();
    let mut main = String::new();
    for i in 0..20 {
        main.push_str(&format!(
            "resource \"alicloud_image\" \"r{i}\" {{\n  instance_id = \"i-1\"\n  image_name  = \"web\"\n  description = local.l0\n}}\n"
        ));
    }
    let root = dir.path().to_path_buf();
    let report = within("20 resources using locals of a 3 MB file", move || {
        lint("main.tf", &main, InputKind::Terraform, Some(&root))
    });
    // Worked out past the budget: unknown, no finding.
    assert!(report.diagnostics.is_empty(), "{:?}", codes(&report));
}
