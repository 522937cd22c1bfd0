//! Hostile YAML in ROS templates: anchors and aliases that expand exponentially ("billion
//! laughs"), deep nesting, tags, huge scalars and keys. Each ends with a finding or with the
//! file's requests, never a hang, a crash or memory out of proportion to the file, under a
//! watchdog generous enough that only a hang or a blow-up trips it.

use reqlint::{InputKind, LintOptions};
use std::cell::Cell;
use std::time::Duration;

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

/// The codes of the findings of a YAML text, and the most memory the lint held, in bytes.
fn lint(text: String) -> (Vec<&'static str>, usize) {
    within("linting hostile YAML", move || {
        let before = HELD.with(Cell::get);
        PEAK.with(|p| p.set(before));
        let report = reqlint::lint_bytes(
            "t.yaml",
            text.as_bytes(),
            InputKind::Yaml,
            LintOptions::default(),
        );
        let peak = (PEAK.with(Cell::get) - before).max(0) as usize;
        (report.diagnostics.iter().map(|d| d.code).collect(), peak)
    })
}

const HEAD: &str = "ROSTemplateFormatVersion: '2015-09-01'\n";

/// Ten anchors, each ten aliases of the one before: 10^10 nodes once expanded.
#[test]
fn aliases_that_expand_exponentially_are_one_finding() {
    let mut text = String::from(HEAD);
    text.push_str("Metadata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = format!("*a{}", i - 1);
        let list = [p.as_str(); 10].join(", ");
        text.push_str(&format!("  a{i}: &a{i} [{list}]\n"));
    }
    text.push_str(
        "Resources:\n  Image:\n    Type: ALIYUN::ECS::CustomImage\n    Properties:\n      ImageName: *a9\n",
    );
    let (codes, peak) = lint(text);
    assert_eq!(codes, ["RQL007"]);
    assert!(peak < 512 << 20, "held {peak} bytes");
}

/// An alias used where a request member is: its value is the anchored one.
#[test]
fn an_alias_to_a_small_anchor_is_its_value() {
    let text = format!(
        "{HEAD}Metadata:\n  name: &name 1golden\nResources:\n  Image:\n    Type: ALIYUN::ECS::CustomImage\n    Properties:\n      InstanceId: i-1\n      ImageName: *name\n"
    );
    let (codes, _) = lint(text);
    assert_eq!(codes, ["ALI003"]);
}

#[test]
fn deep_nesting_is_one_finding() {
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let depth = 100_000;
        let text = format!(
            "{HEAD}Metadata: {}x{}\n",
            open.repeat(depth),
            close.repeat(depth)
        );
        let (codes, _) = lint(text);
        assert_eq!(codes, ["RQL007"], "{open}");
        // Block style: indentation instead of brackets.
        let mut text = String::from(HEAD);
        for i in 0..2_000 {
            text.push_str(&" ".repeat(i));
            text.push_str("a:\n");
        }
        let (codes, _) = lint(text);
        assert_eq!(codes, ["RQL007"]);
    }
}

/// Custom and unknown tags make a value unknown; no finding rests on it.
#[test]
fn tags_are_unknown_values() {
    let text = format!(
        "{HEAD}Resources:\n  Image:\n    Type: ALIYUN::ECS::CustomImage\n    Properties:\n      InstanceId: i-1\n      ImageName: !Sub '1-${{AWS::NoValue}}'\n      Description: !!binary aGVsbG8=\n      Tag: !Custom {{Key: acs:x}}\n"
    );
    let (codes, _) = lint(text);
    assert_eq!(codes, Vec::<&str>::new());
}

/// A 20 MB name: linted in proportion. A 5 MB key: YAML allows implicit keys of 1,024
/// characters at most, so it is one clear error.
#[test]
fn huge_scalars_and_keys_end() {
    let name = "a".repeat(20 << 20);
    let props = "Resources:\n  Image:\n    Type: ALIYUN::ECS::CustomImage\n    Properties:\n      InstanceId: i-1\n";
    let text = format!("{HEAD}{props}      ImageName: {name}\n      Description: x\n");
    let size = text.len();
    let (codes, peak) = lint(text);
    assert!(codes.contains(&"ALI003"), "{codes:?}");
    assert!(peak < 40 * size, "held {peak} bytes for {size}");
    let key = "K".repeat(5 << 20);
    let (codes, _) = lint(format!("{HEAD}{props}      {key}: x\n"));
    assert_eq!(codes, ["RQL001"]);
}

/// Not a template: not even parsed, whatever it holds.
#[test]
fn hostile_yaml_that_is_no_template_is_not_read() {
    let text = format!("a: {}\n", "[".repeat(1_000_000));
    let (codes, peak) = lint(text);
    assert!(codes.is_empty());
    assert!(peak < 16 << 20, "held {peak} bytes");
}

/// Every prefix of a template (cut anywhere, in a multi-byte character too), with LF and CRLF
/// line ends: it ends, and every finding and label lies inside the text.
#[test]
fn every_prefix_of_a_template_has_spans_inside_it() {
    let template = "ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Name: {Type: String, Default: 1镜像}
Resources:
  Image:
    Type: ALIYUN::ECS::CustomImage
    Properties:
      InstanceId: i-1
      ImageName: {Ref: Name}
      Description: \"tab\\there \\u00e9 \\\"q\\\"\"
      Tag: [{Key: acs:x, Value: v}]
      DiskDeviceMapping:
        - Size: '3'
Transform: Aliyun::Terraform-v1.5
Workspace:
  main.tf: |-
    resource \"alicloud_image\" \"web\" {
      instance_id = \"i-1\"
      image_name  = \"1镜像\"
    }
  other.tf: \"resource \\\"alicloud_image\\\" \\\"x\\\" {\\n  image_name = \\\"1x\\\"\\n}\\n\"
";
    for text in [template.to_string(), template.replace('\n', "\r\n")] {
        let bytes = text.into_bytes();
        within("linting every prefix", move || {
            let mut fired = std::collections::BTreeSet::new();
            for cut in 0..=bytes.len() {
                let report = reqlint::lint_bytes(
                    "t.yaml",
                    &bytes[..cut],
                    InputKind::Yaml,
                    LintOptions::default(),
                );
                let len = report.source.text().len();
                for d in &report.diagnostics {
                    fired.insert(d.code);
                    assert!(d.span.offset + d.span.length <= len, "{cut}: {d:?}");
                    for l in &d.labels {
                        assert!(l.span.offset + l.span.length <= len, "{cut}: {l:?}");
                    }
                }
            }
            // The whole text fires what it holds.
            for code in ["ALI003", "ALI024", "ALI021"] {
                assert!(fired.contains(code), "{code} never fired: {fired:?}");
            }
        });
    }
}
