//! Embeds the API packs: every data file under `rules/` becomes part of the binary, and every
//! folder with a `pack.toml` becomes an API, found by walking the folder, so that adding a pack
//! adds an API without naming it anywhere in Rust (docs/spec/interface.md "API packs").

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let rules = root.join("rules");
    // A directory: cargo rescans the whole tree for changes.
    println!("cargo::rerun-if-changed=rules");
    let mut files = Vec::new();
    walk(&rules, &mut files);
    let mut files: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&rules)
                .expect("walked below rules/")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (relative, path)
        })
        .collect();
    files.sort();

    // The packs: folders with a `pack.toml`, in the order their `order` gives.
    let mut packs: Vec<(i64, String, String)> = Vec::new();
    for (relative, path) in &files {
        let Some(folder) = relative.strip_suffix("/pack.toml") else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("a pack file is readable");
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("rules/{relative} is not TOML: {e}"));
        let id = table.get("id").and_then(|v| v.as_str()).unwrap_or_default();
        assert_eq!(
            id, folder,
            "rules/{relative}: a pack's `id` is the name of its folder"
        );
        let order = table
            .get("order")
            .and_then(|v| v.as_integer())
            .unwrap_or_else(|| panic!("rules/{relative} has no integer `order`"));
        packs.push((order, id.to_string(), camel(id)));
    }
    packs.sort();
    assert!(
        packs.len() < usize::from(u16::MAX),
        "more packs than an `Api` can number"
    );

    let mut out = String::from(
        "/// Every data file under `rules/`, by its path relative to that folder (`/`-separated), sorted.\n\
         pub static FILES: &[(&str, &str)] = &[\n",
    );
    for (relative, path) in &files {
        out.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n\n/// The built-in packs' ids (their folders), in list order: `Api(i)` is the `i`th.\n");
    out.push_str("pub static PACKS: &[&str] = &[\n");
    for (_, id, _) in &packs {
        out.push_str(&format!("    {id:?},\n"));
    }
    out.push_str(
        "];\n\n/// A name for each built-in pack, for the Rust checks bound to one API.\n",
    );
    out.push_str("#[allow(non_upper_case_globals)]\nimpl Api {\n");
    for (i, (_, id, camel)) in packs.iter().enumerate() {
        out.push_str(&format!(
            "    /// `{id}`.\n    pub const {camel}: Api = Api({i});\n"
        ));
    }
    out.push_str("}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets it")).join("packs.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// `huawei-ims-create-image` -> `HuaweiImsCreateImage`.
fn camel(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "toml")
        ) {
            out.push(path);
        }
    }
}
