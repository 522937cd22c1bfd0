//! API packs: one folder per API under `rules/` (docs/spec/interface.md "API packs"). A pack's
//! `pack.toml` says what the API is (id, title, documentation, wire form), how a request for it
//! is recognised, and which shared folders it reads; beside it are its schema, its front-end
//! mappings (`terraform.json`, `packer.json`, `cli.json`), its views (`views.json`) and what only
//! the cloud can check (`runtime.toml`). `build.rs` embeds every file under `rules/`, so nothing
//! in Rust lists the APIs.

use crate::api::Api;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, Mutex};

mod embedded {
    use crate::api::Api;
    include!(concat!(env!("OUT_DIR"), "/packs.rs"));
}

pub(crate) use embedded::PACKS as IDS;

/// One API's pack, as its `pack.toml` declares it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// The API id: the folder's name (`huawei-ims-create-image`).
    pub id: String,
    /// Where a bundled API stands in lists (a pack from a folder comes after them, in the order
    /// the packs were added).
    #[serde(default)]
    pub order: i64,
    /// The request, as a person would name it.
    pub title: String,
    /// The cloud's public documentation of the request.
    pub documentation: Documentation,
    /// Whether the cloud validates the body as strict JSON first (a `null` member is a wrong
    /// type, a byte-order mark a malformed body).
    #[serde(default)]
    pub strict_json: bool,
    /// Shared folders (`huawei`) whose files this pack reads after its own: the `$defs` of
    /// their `common.schema.json`, the rules of their `constraints.toml`.
    #[serde(default)]
    pub include: Vec<String>,
    /// Rules of the shared folders that do not apply to this API, by code.
    #[serde(default)]
    pub skip: Vec<String>,
    /// How the request travels (`[wire]`).
    #[serde(default)]
    pub wire: Wire,
    /// Which online checker asks the cloud about a request for this API (`crate::online`):
    /// `openstack`, `alibaba` or `huawei`; none when the API has no online checks.
    #[serde(default)]
    pub online: Option<String>,
    /// How a request for this API is recognised (`[detect]`).
    #[serde(default)]
    pub detect: Detect,
    /// What only the cloud can check (`runtime.toml`).
    #[serde(skip)]
    pub runtime: Vec<Runtime>,
    /// Its number: the `Api` it defines.
    #[serde(skip)]
    index: usize,
    /// The files of a pack read from a folder at run time (`--pack DIR`); `None` for a bundled
    /// pack, whose files are embedded.
    #[serde(skip)]
    files: Option<HashMap<String, &'static str>>,
}

/// The cloud's public documentation of a request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documentation {
    /// The page's title.
    pub title: String,
    /// Its address.
    pub url: String,
}

/// How the request travels.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wire {
    /// JSON body or flattened RPC parameters.
    #[serde(default)]
    pub form: Form,
    /// The RPC action (`CreateImage`), for `form = "rpc"`.
    #[serde(default)]
    pub action: Option<String>,
}

/// The wire form of a request.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// A JSON body.
    #[default]
    Json,
    /// Alibaba's RPC style: flattened parameters (`Tag.1.Key`), in a query string or a form.
    Rpc,
}

/// How a request for this API is recognised (`crate::detect`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    /// `.http` request paths, `*` standing for any one segment.
    #[serde(default)]
    pub paths: Vec<String>,
    /// `.http` query parameters (`Action=CreateImage`), compared in any letter case.
    #[serde(default)]
    pub query: Vec<String>,
    /// Top-level members only this API has.
    #[serde(default)]
    pub members: Vec<String>,
    /// Prefixes of flattened top-level members only this API has (`Tag.`).
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Members this API shares with others of its family: alone, they make a body ambiguous.
    #[serde(default)]
    pub shared: Vec<String>,
}

/// A constraint only the cloud can check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Runtime {
    /// Its id in docs/spec/constraints.md (`FE-5`, `§2.4`).
    pub id: String,
    /// What it is, with its source and the cloud's error code.
    pub what: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuntimeFile {
    #[serde(default)]
    runtime: Vec<Runtime>,
}

/// Every pack, in list order (`Api(i)` is the `i`th): the bundled ones, then those added from
/// folders ([`add_folder`]) in the order they were added.
pub fn all() -> &'static [Pack] {
    static PACKS: LazyLock<Vec<Pack>> = LazyLock::new(|| {
        FROZEN.store(true, Ordering::SeqCst);
        let mut packs: Vec<Pack> = IDS
            .iter()
            .map(|id| load(id).unwrap_or_else(|e| panic!("the bundled pack {id}: {e}")))
            .collect();
        packs.extend(
            ADDED
                .lock()
                .map(|mut a| std::mem::take(&mut *a))
                .unwrap_or_default(),
        );
        for (i, pack) in packs.iter_mut().enumerate() {
            pack.index = i;
        }
        packs
    });
    &PACKS
}

/// Packs added from folders, until the registry is first read.
static ADDED: Mutex<Vec<Pack>> = Mutex::new(Vec::new());
/// Whether the registry has been read: packs can no longer be added.
static FROZEN: AtomicBool = AtomicBool::new(false);

/// Reads one bundled pack. The packs are tested, so an error here is a bug in reqlint.
fn load(id: &str) -> Result<Pack, String> {
    let text = file(&format!("{id}/pack.toml")).ok_or("no pack.toml")?;
    let runtime = file(&format!("{id}/runtime.toml"));
    let pack = parse(text, runtime, None)?;
    if pack.id != id {
        return Err(format!("pack.toml says its id is `{}`", pack.id));
    }
    Ok(pack)
}

fn parse(
    text: &str,
    runtime: Option<&str>,
    files: Option<HashMap<String, &'static str>>,
) -> Result<Pack, String> {
    let mut pack: Pack = toml::from_str(text).map_err(|e| format!("pack.toml: {e}"))?;
    if let Some(text) = runtime {
        let runtime: RuntimeFile =
            toml::from_str(text).map_err(|e| format!("runtime.toml: {e}"))?;
        pack.runtime = runtime.runtime;
    }
    pack.files = files;
    Ok(pack)
}

/// The files a pack folder may hold; others are not read.
const PACK_FILES: &[&str] = &[
    "pack.toml",
    "schema.json",
    "constraints.toml",
    "runtime.toml",
    "terraform.json",
    "packer.json",
    "cli.json",
    "views.json",
    "variants.json",
    "sdk.json",
];

/// Adds the API pack in the folder `dir` (a user's internal API, say): from now on its API is
/// detected, linted and listed as the bundled ones are. Packs are added before anything is
/// linted (`reqlint --pack DIR`, read before the rest of the command line); an error says what
/// is wrong with the pack, and adds nothing.
pub fn add_folder(dir: &Path) -> Result<String, String> {
    if FROZEN.load(Ordering::SeqCst) {
        return Err("packs are added before the first request is linted".into());
    }
    let shown = dir.display();
    let mut files = HashMap::new();
    for name in PACK_FILES {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(text) => {
                files.insert(name.to_string(), &*String::leak(text));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{shown}/{name}: {e}")),
        }
    }
    let text = files
        .get("pack.toml")
        .copied()
        .ok_or_else(|| format!("{shown} has no pack.toml"))?;
    let runtime = files.get("runtime.toml").copied();
    let pack = parse(text, runtime, Some(files)).map_err(|e| format!("{shown}/{e}"))?;
    validate(&pack).map_err(|e| format!("{shown}: {e}"))?;
    let mut added = ADDED.lock().map_err(|_| "the pack registry is unusable")?;
    if IDS.contains(&pack.id.as_str()) || added.iter().any(|p| p.id == pack.id) {
        return Err(format!("{shown}: a pack `{}` is already known", pack.id));
    }
    let taken: Vec<(String, String)> = added.iter().flat_map(crate::rules::declared_by).collect();
    crate::rules::validate_declarations(&pack, &taken).map_err(|e| format!("{shown}/{e}"))?;
    let id = pack.id.clone();
    added.push(pack);
    Ok(id)
}

/// What a pack read from a folder must be: an id of its own, a schema that compiles, rules whose
/// codes are new and that a declaration can check, shared folders that exist.
fn validate(pack: &Pack) -> Result<(), String> {
    let id_ok = !pack.id.is_empty()
        && pack
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(format!(
            "pack.toml: the id `{}` is not lower-case letters, digits and `-`",
            pack.id
        ));
    }
    for folder in &pack.include {
        if !embedded::FILES.iter().any(|(p, _)| {
            p.strip_prefix(folder.as_str())
                .is_some_and(|r| r.starts_with('/'))
        }) {
            let hint = crate::rules::unknown::closest(folder, folders())
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            return Err(format!(
                "pack.toml: `include` names `{folder}`, which is no shared folder{hint}"
            ));
        }
    }
    let text = pack
        .file("schema.json")
        .ok_or("a pack has a schema.json (its request's structure and types)")?;
    let shared: Vec<&str> = pack.shared_files("common.schema.json").collect();
    crate::schema::ApiSchema::validate(text, &shared).map_err(|e| format!("schema.json: {e}"))?;
    type Check = fn(&'static str) -> Result<(), String>;
    let tables: [(&str, Check); 5] = [
        ("terraform.json", crate::frontend::mapping::validate),
        ("packer.json", crate::frontend::mapping::validate),
        ("cli.json", crate::frontend::shell::validate),
        ("views.json", crate::checks::validate_views),
        ("variants.json", crate::rules::huawei::variants::validate),
    ];
    for (name, check) in tables {
        if let Some(text) = pack.file(name) {
            check(text).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    if let Some(text) = pack.file("sdk.json") {
        serde_json::from_str::<SdkFile>(text).map_err(|e| format!("sdk.json: {e}"))?;
    }
    Ok(())
}

/// The bundled folders of `rules/`: packs and shared folders alike.
pub(crate) fn folders() -> Vec<&'static str> {
    let mut folders: Vec<&'static str> = embedded::FILES
        .iter()
        .filter_map(|(p, _)| p.split_once('/').map(|(folder, _)| folder))
        .collect();
    folders.dedup();
    folders
}

/// The bundled file at `path` below `rules/` (`huawei/common.schema.json`).
pub fn file(path: &str) -> Option<&'static str> {
    embedded::FILES
        .binary_search_by(|(p, _)| (*p).cmp(path))
        .ok()
        .map(|i| embedded::FILES[i].1)
}

impl Pack {
    /// The API this pack defines.
    pub fn api(&self) -> Api {
        Api::from_index(self.index)
    }

    /// Whether the pack is bundled with reqlint (not read from a folder at run time).
    pub fn is_bundled(&self) -> bool {
        self.files.is_none()
    }

    /// The pack's own file `name` (`schema.json`), if it has one.
    pub fn file(&self, name: &str) -> Option<&'static str> {
        match &self.files {
            Some(files) => files.get(name).copied(),
            None => file(&format!("{}/{name}", self.id)),
        }
    }

    /// The file `name` of each shared folder the pack includes, in order.
    pub fn shared_files<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        self.include
            .iter()
            .filter_map(move |folder| file(&format!("{folder}/{name}")))
    }
}

/// Every pack's file `name`, with its API: the front-end mappings (`terraform.json`) of all
/// packs, say, in the order of the packs' ids (a front-end reads its tables in that order).
pub fn files_named(name: &str) -> Vec<(Api, &'static str)> {
    let mut packs: Vec<&Pack> = all().iter().collect();
    packs.sort_by(|a, b| a.id.cmp(&b.id));
    packs
        .into_iter()
        .filter_map(|pack| pack.file(name).map(|text| (pack.api(), text)))
        .collect()
}

/// A Python SDK request class that sends a pack's request (its `sdk.json`), for the Python
/// package's `reqlint.lint(request)`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SdkClass {
    /// The API the class's request is for (filled in from the pack).
    #[serde(default)]
    pub api: String,
    /// The start of the class's module name (`huaweicloudsdkims`).
    pub module: String,
    /// The class name (`CreateImageRequest`).
    pub class: String,
    /// How the Python package reads the object: `tea`, `query`, `huawei-request`, `huawei-model`.
    pub read: String,
    /// Top-level members the SDK's client fills in when it sends the request.
    #[serde(default)]
    pub supplied: Vec<String>,
}

#[derive(Deserialize)]
struct SdkFile {
    #[serde(default)]
    python: Vec<SdkClass>,
}

/// Every Python SDK class of every pack, in pack order.
pub fn python_sdk_classes() -> Vec<SdkClass> {
    let mut out = Vec::new();
    for pack in all() {
        let Some(text) = pack.file("sdk.json") else {
            continue;
        };
        let Ok(file) = serde_json::from_str::<SdkFile>(text) else {
            continue;
        };
        for mut class in file.python {
            class.api = pack.id.clone();
            out.push(class);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_pack_loads_in_order() {
        let packs = all();
        assert!(packs.len() >= 4);
        for (i, pack) in packs.iter().enumerate() {
            assert_eq!(pack.id, IDS[i]);
            assert_eq!(pack.api(), Api::from_index(i));
            assert!(
                pack.file("schema.json").is_some(),
                "{} has no schema",
                pack.id
            );
            assert!(pack.documentation.url.starts_with("https://"));
        }
        assert!(packs.windows(2).all(|w| w[0].order < w[1].order));
    }

    #[test]
    fn every_sdk_file_is_read() {
        for pack in all() {
            if let Some(text) = pack.file("sdk.json") {
                let file: SdkFile = serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("{}/sdk.json: {e}", pack.id));
                for class in file.python {
                    assert!(
                        ["tea", "query", "huawei-request", "huawei-model"]
                            .contains(&class.read.as_str()),
                        "{}: {}",
                        pack.id,
                        class.read
                    );
                }
            }
        }
        assert!(python_sdk_classes().len() >= 6);
    }

    #[test]
    fn files_are_found_by_path() {
        assert!(file("huawei/common.schema.json").is_some());
        assert!(file("huawei/missing.json").is_none());
    }
}
