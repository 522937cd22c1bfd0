//! `cargo bench`: the cost of each stage and of the whole lint, against the floor of parsing
//! the same text with serde_json alone.

use criterion::{Criterion, criterion_group, criterion_main};
use reqlint::{Api, InputKind, LintOptions};
use std::hint::black_box;

const VALID: &str =
    include_str!("../fixtures/huawei-ims-create-image/valid/quick-import-arm-uefi.json");
const INVALID: &str = include_str!("../examples/requests/import-from-obs.http");

fn options() -> LintOptions {
    LintOptions::default().api(Api::HuaweiImsCreateImage)
}

fn stages(c: &mut Criterion) {
    let mut g = c.benchmark_group("typical-request");
    g.bench_function("floor: serde_json parse", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(VALID)).unwrap())
    });
    g.bench_function("parse", |b| {
        b.iter(|| reqlint::parse::parse(black_box(VALID), reqlint::parse::Dialect::Json).unwrap())
    });
    let value: serde_json::Value = serde_json::from_str(VALID).unwrap();
    let schema = reqlint::schema::for_api(Api::HuaweiImsCreateImage).unwrap();
    g.bench_function("schema", |b| {
        b.iter(|| {
            let mut r = reqlint::rule::Reporter::default();
            schema.check(black_box(&value), &mut r);
        })
    });
    // The floor, literally: read the file and parse it.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/huawei-ims-create-image/valid/quick-import-arm-uefi.json"
    );
    g.bench_function("floor: read file + serde_json parse", |b| {
        b.iter(|| {
            let bytes = std::fs::read(black_box(path)).unwrap();
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()
        })
    });
    g.bench_function("read file + lint", |b| {
        b.iter(|| {
            let bytes = std::fs::read(black_box(path)).unwrap();
            reqlint::lint_bytes("f.json", &bytes, InputKind::Json, options())
        })
    });
    g.bench_function("lint valid (whole)", |b| {
        b.iter(|| reqlint::lint_str(black_box(VALID), options()))
    });
    g.bench_function("lint .http with 8 findings (whole, with spans)", |b| {
        b.iter(|| {
            reqlint::lint_bytes(
                "f.http",
                black_box(INVALID.as_bytes()),
                InputKind::Http,
                options(),
            )
        })
    });
    g.bench_function("render 8 findings (human)", |b| {
        let report = reqlint::lint_bytes("f.http", INVALID.as_bytes(), InputKind::Http, options());
        let o = reqlint::render::HumanOptions {
            color: false,
            width: 100,
        };
        b.iter(|| reqlint::render::human(black_box(&report), o))
    });
    g.finish();
}

fn folder(c: &mut Criterion) {
    // 2,000 request bodies in memory, one in four invalid (min_disk out of range).
    let files: Vec<String> = (0..2000)
        .map(|i| {
            if i % 4 == 0 {
                VALID.replace("\"min_disk\": 40", "\"min_disk\": 300")
            } else {
                VALID.to_string()
            }
        })
        .collect();
    let mut g = c.benchmark_group("folder-2000");
    g.sample_size(10);
    g.bench_function("floor: serde_json parse", |b| {
        b.iter(|| {
            for f in &files {
                black_box(serde_json::from_str::<serde_json::Value>(f).unwrap());
            }
        })
    });
    g.bench_function("lint", |b| {
        b.iter(|| {
            for f in &files {
                black_box(reqlint::lint_bytes(
                    "f.json",
                    f.as_bytes(),
                    InputKind::Json,
                    options(),
                ));
            }
        })
    });
    g.finish();
}

/// The editor's cost per keystroke: re-linting a 10 KB document (a `.http` file of twelve
/// requests) and turning the findings into positions. Goal: under 1 ms.
fn editor(c: &mut Criterion) {
    let request = include_str!("../fixtures/http/valid/create-image-seeds.http");
    let mut doc = String::new();
    while doc.len() < 10 * 1024 {
        doc.push_str(request);
        doc.push_str("\n###\n");
    }
    doc.push_str(INVALID);
    c.bench_function("editor: re-lint a 10 KB .http document", |b| {
        b.iter(|| {
            let report = reqlint::lint_bytes(
                "d.http",
                black_box(doc.as_bytes()),
                InputKind::Http,
                options(),
            );
            for d in &report.diagnostics {
                black_box(report.source.line_col(d.span.offset));
            }
            report
        })
    });
}

criterion_group!(benches, stages, folder, editor);
criterion_main!(benches);
