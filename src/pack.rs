//! API packs: one folder per API under `rules/` (docs/spec/interface.md "API packs"). A pack's
//! `pack.toml` says what the API is (id, title, documentation, wire form), how a request for it
//! is recognised, and which shared folders it reads; beside it are its schema, its front-end
//! mappings (`terraform.json`, `packer.json`, `cli.json`), its views (`views.json`) and what only
//! the cloud can check (`runtime.toml`). `build.rs` embeds every file under `rules/`, so nothing
//! in Rust lists the APIs.

use crate::api::Api;
use serde::Deserialize;
use std::sync::LazyLock;

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
    /// Where the API stands in lists.
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
    #[serde(default)]
    pub wire: Wire,
    /// Which online checker asks the cloud about a request for this API (`crate::online`):
    /// `openstack`, `alibaba` or `huawei`; none when the API has no online checks.
    #[serde(default)]
    pub online: Option<String>,
    #[serde(default)]
    pub detect: Detect,
    /// What only the cloud can check (`runtime.toml`).
    #[serde(skip)]
    pub runtime: Vec<Runtime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documentation {
    pub title: String,
    pub url: String,
}

/// How the request travels.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wire {
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

/// Every built-in pack, in list order (`Api(i)` is the `i`th).
pub fn all() -> &'static [Pack] {
    static PACKS: LazyLock<Vec<Pack>> = LazyLock::new(|| {
        IDS.iter()
            .map(|id| load(id).unwrap_or_else(|e| panic!("the bundled pack {id}: {e}")))
            .collect()
    });
    &PACKS
}

/// Reads one bundled pack. The packs are tested, so an error here is a bug in reqlint.
fn load(id: &str) -> Result<Pack, String> {
    let text = file(&format!("{id}/pack.toml")).ok_or("no pack.toml")?;
    let mut pack: Pack = toml::from_str(text).map_err(|e| format!("pack.toml: {e}"))?;
    if pack.id != id {
        return Err(format!("pack.toml says its id is `{}`", pack.id));
    }
    if let Some(text) = file(&format!("{id}/runtime.toml")) {
        let runtime: RuntimeFile =
            toml::from_str(text).map_err(|e| format!("runtime.toml: {e}"))?;
        pack.runtime = runtime.runtime;
    }
    Ok(pack)
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
        Api::from_index(
            IDS.iter()
                .position(|id| *id == self.id)
                .expect("a loaded pack is bundled"),
        )
    }

    /// The pack's own file `name` (`schema.json`), if it has one.
    pub fn file(&self, name: &str) -> Option<&'static str> {
        file(&format!("{}/{name}", self.id))
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
    fn files_are_found_by_path() {
        assert!(file("huawei/common.schema.json").is_some());
        assert!(file("huawei/missing.json").is_none());
    }
}
