//! Invariants over arbitrary input: no panic; every span inside the source and on what its
//! pointer names; layout (whitespace, key order) does not change the findings.

use proptest::prelude::*;
use reqlint::parse::{Part, SpanTree};
use reqlint::{Api, InputKind, LintOptions};
use serde_json::{Map, Value};

/// Member names the rules care about, so that generated bodies reach deep into the rules.
const KEYS: &[&str] = &[
    "name",
    "description",
    "instance_id",
    "image_url",
    "volume_id",
    "data_images",
    "min_disk",
    "os_version",
    "is_quick_import",
    "type",
    "tags",
    "image_tags",
    "key",
    "value",
    "min_ram",
    "max_ram",
    "architecture",
    "hw_firmware_type",
    "os_type",
    "enterprise_project_id",
    "x~y/z",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..3000).prop_map(Value::from),
        "[a-z0-9 .:<>_\\-\u{4e00}-\u{4e10}]{0,12}".prop_map(Value::String),
        Just(Value::String("ims-image:centos70.iso".into())),
        Just(Value::String("877a2cda-ba63-4e1e-b95f-e67e48b6129a".into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

fn body() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((prop::sample::select(KEYS), json_value()), 0..8)
        .prop_map(|kv| kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn options() -> LintOptions {
    LintOptions::default().api(Api::HuaweiImsCreateImage)
}

/// Findings independent of layout: code, pointer and message.
fn findings(text: &str) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = reqlint::lint_str(text, options())
        .into_iter()
        .map(|d| (d.code.to_string(), d.pointer, d.message))
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), kind in 0..3u8) {
        let kind = [InputKind::Json, InputKind::Jsonc, InputKind::Http][kind as usize];
        for api in [None, Some(Api::HuaweiImsCreateImage)] {
            let report = reqlint::lint_bytes("f", &bytes, kind, LintOptions::default().api(api));
            for d in &report.diagnostics {
                prop_assert!(d.span.end() <= bytes.len());
            }
        }
    }

    #[test]
    fn spans_lie_on_the_value_their_pointer_names(b in body()) {
        let text = serde_json::to_string_pretty(&Value::Object(b.clone())).unwrap();
        let root = Value::Object(b);
        for d in reqlint::lint_str(&text, options()) {
            prop_assert!(d.span.end() <= text.len());
            prop_assert!(text.is_char_boundary(d.span.offset) && text.is_char_boundary(d.span.end()));
            let covered = &text[d.span.offset..d.span.end()];
            if let Some(value) = root.pointer(&d.pointer) {
                let tree = SpanTree::new(&text).unwrap();
                let value_span = tree.span(&d.pointer, Part::Value).unwrap();
                // A finding covers its value, the value's key, or the object's opening brace.
                let on_value = serde_json::from_str::<Value>(covered).ok().as_ref() == Some(value);
                let on_key = covered.starts_with('"') && d.span.end() <= value_span.offset;
                let on_open = covered == "{" && d.span.offset == value_span.offset;
                prop_assert!(on_value || on_key || on_open, "{} at {:?}: {covered:?}", d.code, d.pointer);
            }
        }
    }

    #[test]
    fn layout_does_not_change_findings(b in body()) {
        let compact = serde_json::to_string(&Value::Object(b.clone())).unwrap();
        let pretty = serde_json::to_string_pretty(&Value::Object(b.clone())).unwrap();
        // Reverse the member order at the top level.
        let mut reversed = String::from("{");
        for (i, (k, v)) in b.iter().rev().enumerate() {
            if i > 0 { reversed.push_str(",\n  "); }
            reversed.push_str(&serde_json::to_string(k).unwrap());
            reversed.push_str(" : ");
            reversed.push_str(&serde_json::to_string(v).unwrap());
        }
        reversed.push('}');
        let expected = findings(&compact);
        prop_assert_eq!(&expected, &findings(&pretty));
        prop_assert_eq!(&expected, &findings(&reversed));
        // The same findings on every run.
        prop_assert_eq!(&expected, &findings(&compact));
    }
}
