//! The nested and the flattened RPC form of the same Alibaba request give the same findings:
//! codes, canonical pointers and messages.

use proptest::prelude::*;
use reqlint::{Api, LintOptions};
use serde_json::{Map, Value, json};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("cn-hangzhou".to_string()),
        Just("TestCentOS".to_string()),
        Just("acs:x".to_string()),
        Just("1bad".to_string()),
        Just("https://x".to_string()),
        Just(String::new()),
        "[A-Za-z][a-z0-9:_.-]{0,8}",
    ]
}

fn disk() -> impl Strategy<Value = Map<String, Value>> {
    (
        prop::option::of(Just("s-bp17441ohwkdca0****")),
        prop::option::of(prop_oneof![Just(4u64), Just(40), Just(2000), Just(40000)]),
        prop::option::of(prop::sample::select(vec![
            "/dev/xvda",
            "/dev/xvdb",
            "/dev/sda",
        ])),
        prop::option::of(prop::sample::select(vec!["system", "data", "root"])),
    )
        .prop_filter("an entry has at least one field", |(a, b, c, d)| {
            a.is_some() || b.is_some() || c.is_some() || d.is_some()
        })
        .prop_map(|(snapshot, size, device, kind)| {
            let mut m = Map::new();
            if let Some(s) = snapshot {
                m.insert("SnapshotId".into(), json!(s));
            }
            if let Some(s) = size {
                m.insert("Size".into(), json!(s));
            }
            if let Some(d) = device {
                m.insert("Device".into(), json!(d));
            }
            if let Some(k) = kind {
                m.insert("DiskType".into(), json!(k));
            }
            m
        })
}

fn tag() -> impl Strategy<Value = Map<String, Value>> {
    (
        prop::sample::select(vec!["Key", "key"]),
        text(),
        prop::option::of((prop::sample::select(vec!["Value", "value"]), text())),
    )
        .prop_map(|(kn, k, v)| {
            let mut m = Map::new();
            m.insert(kn.into(), json!(k));
            if let Some((vn, v)) = v {
                m.insert(vn.into(), json!(v));
            }
            m
        })
}

fn request() -> impl Strategy<Value = Map<String, Value>> {
    (
        prop::option::of(Just("cn-hangzhou")),
        prop::option::of(Just("i-bp1g6zv0ce8oghu7****")),
        prop::option::of(text()),
        prop::collection::vec(disk(), 0..4),
        prop::collection::vec(tag(), 0..4),
        prop::option::of(prop::sample::select(vec!["v1", "v2", "v3"])),
    )
        .prop_map(|(region, instance, name, disks, tags, imds)| {
            let mut m = Map::new();
            if let Some(r) = region {
                m.insert("RegionId".into(), json!(r));
            }
            if let Some(i) = instance {
                m.insert("InstanceId".into(), json!(i));
            }
            if let Some(n) = name {
                m.insert("ImageName".into(), json!(n));
            }
            if !disks.is_empty() {
                m.insert("DiskDeviceMapping".into(), json!(disks));
            }
            if !tags.is_empty() {
                m.insert("Tag".into(), json!(tags));
            }
            if let Some(v) = imds {
                m.insert("Features".into(), json!({ "ImdsSupport": v }));
            }
            m
        })
}

/// The RPC form: `Name.N.Field` keys, 1-based, and every value a string.
fn flatten(request: &Map<String, Value>) -> Map<String, Value> {
    let plain = |v: &Value| match v {
        Value::String(s) => Value::String(s.clone()),
        other => Value::String(other.to_string()),
    };
    let mut out = Map::new();
    for (k, v) in request {
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    for (f, x) in item.as_object().unwrap() {
                        out.insert(format!("{k}.{}.{f}", i + 1), plain(x));
                    }
                }
            }
            Value::Object(o) => {
                for (f, x) in o {
                    out.insert(format!("{k}.{f}"), plain(x));
                }
            }
            other => {
                out.insert(k.clone(), plain(other));
            }
        }
    }
    out
}

fn findings(body: &Map<String, Value>) -> Vec<(String, String, String)> {
    let text = serde_json::to_string_pretty(body).unwrap();
    let options = LintOptions::default().api(Api::AlibabaEcsCreateImage);
    let mut v: Vec<_> = reqlint::lint_str(&text, options)
        .into_iter()
        .map(|d| (d.code.to_string(), d.pointer, d.message))
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn nested_and_flattened_forms_agree(request in request()) {
        let nested = as_flattened(findings(&request));
        let flat = findings(&flatten(&request));
        prop_assert_eq!(nested, flat);
    }
}

#[test]
fn the_property_sees_findings() {
    // Guard against a generator that only makes clean requests.
    let request = json!({"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"Size": 40000, "DiskType": "root"}]});
    let request = request.as_object().unwrap();
    let nested = findings(request);
    assert!(
        nested
            .iter()
            .any(|f| f.0 == "ALI021" && f.1 == "/DiskDeviceMapping/0/Size"),
        "{nested:?}"
    );
    assert_eq!(as_flattened(nested), findings(&flatten(request)));
}

/// The nested form's findings as they read for the flattened form: the same codes and
/// pointers, and the members named as written there (`Tag[0].Key` is `Tag.1.Key`).
fn as_flattened(findings: Vec<(String, String, String)>) -> Vec<(String, String, String)> {
    let index = regex::Regex::new(r"`(Tag|DiskDeviceMapping)\[(\d+)\]").unwrap();
    findings
        .into_iter()
        .map(|(code, pointer, message)| {
            let message = index.replace_all(&message, |c: &regex::Captures<'_>| {
                format!("`{}.{}", &c[1], c[2].parse::<usize>().unwrap() + 1)
            });
            (code, pointer, message.into_owned())
        })
        .collect()
}
